//! `planwright`: evaluate, diff and schema from the command line. All logic is in
//! `planwright_cli` (argument handling, I/O, rendering) and the core (everything else).

fn main() {
    let code = planwright_cli::run(std::env::args_os());
    std::process::exit(code);
}
