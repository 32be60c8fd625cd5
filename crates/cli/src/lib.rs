//! The CLI shell: arguments, files, output formats, exit codes. No domain logic.
//!
//! Exit codes (one place, [`ExitCode`]): 0 clean, 1 findings at or above `--fail-on`,
//! 2 the design (or catalog) could not be read.

pub mod lsp;
mod prices;
mod table;
mod terraform;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use planwright_core::{policy, render, Catalog, Diagnostic, Options, Report};

#[derive(Parser, Debug)]
#[command(
    name = "planwright",
    version,
    about = "Price, police and prove a cloud deployment design."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate a design: monthly cost line by line with its band, and policy findings.
    Evaluate {
        /// Design file (YAML or JSON; `-` reads standard input), or Terraform: a directory
        /// of `.tf` files (a root module and its local modules), a `.tf` file's directory,
        /// a repository's `.zip` (its root module: the shallowest directory of `.tf` files),
        /// or a `terraform show -json` plan.
        design: PathBuf,
        #[command(flatten)]
        tf: terraform::TfArgs,
        /// Environment variant to evaluate (a key of `environments:`).
        #[arg(long)]
        env: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Exit 1 when a finding has this severity or worse.
        #[arg(long, value_enum, default_value_t = Severity::High)]
        fail_on: Severity,
        /// A catalog file or a directory of them (`prices sync` output), merged over the
        /// embedded catalog.
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// The date waivers are checked against, YYYY-MM-DD (default: today, UTC).
        #[arg(long)]
        today: Option<String>,
        /// An organisation's policy pack (the fields of `policy:`), merged under the
        /// design's own; repeat to stack packs.
        #[arg(long = "policy", value_name = "PACK")]
        policy: Vec<PathBuf>,
        /// Exit 1 when a price is missing (the total is incomplete).
        #[arg(long)]
        fail_on_incomplete: bool,
        /// Also write the architecture diagram (SVG) here; `--format markdown` shows it as
        /// an image (by this path: give it relative to where the Markdown will be read).
        #[arg(long, value_name = "FILE.svg")]
        diagram: Option<PathBuf>,
    },
    /// Cost difference between two designs, as Markdown for a pull-request comment.
    Diff {
        /// A design, a Terraform directory or a plan JSON.
        old: PathBuf,
        /// The design to compare with (leave out to compare two environments of `old`).
        new: Option<PathBuf>,
        #[command(flatten)]
        tf: terraform::TfArgs,
        /// The environment of both sides, or give it twice (`--env staging --env prod`) to
        /// compare the first environment (old) with the second (new).
        #[arg(long, num_args = 1, action = clap::ArgAction::Append)]
        env: Vec<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// Write the design a Terraform directory or plan JSON reads as (each resource named by
    /// its Terraform address, with a comment giving its file and line).
    Import {
        /// A directory of `.tf` files, a `.tf` file's directory, a repository's `.zip`, or a
        /// plan JSON.
        path: PathBuf,
        /// Write the design here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        tf: terraform::TfArgs,
    },
    /// Print the JSON Schema of the design format (for editor autocompletion).
    Schema,
    /// Serve the Language Server Protocol on standard input and output: diagnostics,
    /// completion, hover and go-to-definition for design files, in any editor.
    Lsp,
    /// Price catalogs: `prices sync` writes them from the AWS Price List.
    #[command(subcommand)]
    Prices(PricesCommand),
}

#[derive(Subcommand, Debug)]
enum PricesCommand {
    /// Read the AWS Price List Bulk API (or a mirror, or downloaded offer files) and write
    /// one catalog file per region plus global.json.
    Sync(prices::SyncArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Table,
    Json,
    Markdown,
    Csv,
    Sarif,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    /// The core's severity this flag names (the CLI only adds the clap spelling).
    fn core(self) -> policy::Severity {
        match self {
            Severity::Low => policy::Severity::Low,
            Severity::Medium => policy::Severity::Medium,
            Severity::High => policy::Severity::High,
            Severity::Critical => policy::Severity::Critical,
        }
    }
}

/// The process exit codes, documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Clean = 0,
    Findings = 1,
    Unreadable = 2,
}

/// Runs the CLI with `args` (including the program name) and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::Unreadable as i32
            } else {
                0
            };
        }
    };
    if let Command::Lsp = cli.command {
        // Its own reader and writer threads own standard input and output.
        return match lsp::run() {
            Ok(()) => ExitCode::Clean as i32,
            Err(e) => {
                eprintln!("planwright lsp: {e}");
                ExitCode::Unreadable as i32
            }
        };
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = match cli.command {
        // Served above, before standard output is locked.
        Command::Lsp => ExitCode::Clean,
        Command::Schema => {
            let _ = writeln!(out, "{}", planwright_core::schema::design_schema_json());
            ExitCode::Clean
        }
        Command::Prices(PricesCommand::Sync(args)) => prices::sync(&mut out, args),
        Command::Import { path, output, tf } => import(&mut out, &path, output.as_deref(), &tf),
        Command::Evaluate {
            design,
            tf,
            env,
            format,
            fail_on,
            catalog,
            today,
            policy,
            fail_on_incomplete,
            diagram,
        } => {
            let today = today.unwrap_or_else(today_utc);
            let pack = match load_packs(&policy) {
                Ok(p) => p,
                Err(code) => return code as i32,
            };
            let run = Run {
                env: env.as_deref(),
                catalog: catalog.as_deref(),
                today: &today,
                pack: pack.as_ref(),
                tf: &tf,
            };
            let checks = Checks {
                fail_on,
                fail_on_incomplete,
                diagram: diagram.as_deref(),
            };
            evaluate(&mut out, &design, &run, format, &checks)
        }
        Command::Diff {
            old,
            new,
            tf,
            env,
            format,
            catalog,
        } => {
            let today = today_utc();
            let (old_env, new_env) = match env.as_slice() {
                [] => (None, None),
                [one] => (Some(one.as_str()), Some(one.as_str())),
                [a, b] => (Some(a.as_str()), Some(b.as_str())),
                _ => {
                    eprintln!("error: `--env` is given at most twice (old, then new)");
                    return ExitCode::Unreadable as i32;
                }
            };
            let new = match new {
                Some(n) => n,
                None if env.len() == 2 => old.clone(),
                None => {
                    eprintln!("error: `diff` compares two designs, or one design's two environments (`--env A --env B`)");
                    return ExitCode::Unreadable as i32;
                }
            };
            let run = |env| Run {
                env,
                catalog: catalog.as_deref(),
                today: &today,
                pack: None,
                tf: &tf,
            };
            diff(
                &mut out,
                (&old, &run(old_env)),
                (&new, &run(new_env)),
                format,
            )
        }
    };
    code as i32
}

fn read(path: &Path) -> Result<String, String> {
    if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(s);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads `--catalog`: one catalog file, or a directory of them (what `prices sync`
/// writes), merged over the embedded catalog. Every bad file is reported, located.
fn load_catalog(path: Option<&Path>) -> Result<Option<Catalog>, ExitCode> {
    let Some(path) = path else { return Ok(None) };
    let files = catalog_files(path).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::Unreadable
    })?;
    let mut merged = Catalog::embedded().clone();
    let mut failed = false;
    for file in files {
        let text = read(&file).map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::Unreadable
        })?;
        match Catalog::parse(&text) {
            Ok(user) => merged = merged.merged_with(&user),
            Err(errors) => {
                print_diagnostics(&file.display().to_string(), &text, &errors);
                failed = true;
            }
        }
    }
    if failed {
        return Err(ExitCode::Unreadable);
    }
    Ok(Some(merged))
}

/// The catalog files `--catalog` names: the file itself, or a directory's `*.json` files
/// in name order (so the result never depends on the file system's listing order).
fn catalog_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!(
            "{} holds no catalog files (*.json); write them with `planwright prices sync`",
            path.display()
        ));
    }
    Ok(files)
}

/// What every evaluation of one command shares.
struct Run<'a> {
    env: Option<&'a str>,
    catalog: Option<&'a Path>,
    today: &'a str,
    pack: Option<&'a planwright_core::model::Policy>,
    tf: &'a terraform::TfArgs,
}

/// Reads the `--policy` packs, stacking later ones over earlier ones.
fn load_packs(paths: &[PathBuf]) -> Result<Option<planwright_core::model::Policy>, ExitCode> {
    let mut merged: Option<planwright_core::model::Policy> = None;
    for path in paths {
        let text = read(path).map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::Unreadable
        })?;
        let pack = planwright_core::policy::load_pack(&text).map_err(|errors| {
            print_diagnostics(&path.display().to_string(), &text, &errors);
            ExitCode::Unreadable
        })?;
        merged = Some(match merged {
            None => pack,
            Some(below) => pack.merged_over(&below),
        });
    }
    Ok(merged)
}

/// Today's date in UTC, `YYYY-MM-DD`, from the system clock (days since the epoch turned
/// into a civil date in the proleptic Gregorian calendar).
fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    planwright_core::units::civil_date((secs / 86_400) as i64)
}

/// What an evaluation read: a design file, or Terraform imported into a design.
enum Source {
    Design { file: String, text: String },
    Terraform(terraform::TfInput),
}

impl Source {
    fn read(path: &Path, tf: &terraform::TfArgs) -> Result<Source, ExitCode> {
        let fail = |e: String| {
            eprintln!("error: {e}");
            ExitCode::Unreadable
        };
        if terraform::is_terraform(path) {
            return terraform::read(path, tf)
                .map(Source::Terraform)
                .map_err(fail);
        }
        let text = read(path).map_err(fail)?;
        Ok(Source::Design {
            file: path.display().to_string(),
            text,
        })
    }

    /// Prints diagnostics at their file (the design, or the `.tf` file they point into).
    fn print(&self, diagnostics: &[Diagnostic]) {
        match self {
            Source::Design { file, text } => print_diagnostics(file, text, diagnostics),
            Source::Terraform(input) => {
                let stderr = std::io::stderr();
                let mut err = stderr.lock();
                for d in diagnostics {
                    let one = std::slice::from_ref(d);
                    let text = match &d.file {
                        Some(f) => format_diagnostics(
                            &input.display(f),
                            input
                                .files
                                .get(&**f)
                                .map(String::as_str)
                                .unwrap_or_default(),
                            one,
                        ),
                        None => format_diagnostics("(imported design)", &input.imported.text, one),
                    };
                    let _ = err.write_all(text.as_bytes());
                }
            }
        }
    }

    /// What SARIF results' paths are relative to.
    fn artifact(&self) -> String {
        match self {
            Source::Design { file, .. } => file.clone(),
            Source::Terraform(input) => input.base.display().to_string(),
        }
    }
}

fn evaluate_file(
    path: &Path,
    run: &Run,
    catalog: Option<&Catalog>,
) -> Result<(Report, Source), ExitCode> {
    let source = Source::read(path, run.tf)?;
    let options = Options {
        env: run.env,
        catalog,
        today: Some(run.today),
        pack: run.pack,
    };
    let result = match &source {
        Source::Design { text, .. } => planwright_core::evaluate_text(text, &options),
        Source::Terraform(input) => planwright_core::import::evaluate(&input.imported, &options),
    };
    match result {
        Ok(report) => Ok((report, source)),
        Err(errors) => {
            source.print(&errors);
            Err(ExitCode::Unreadable)
        }
    }
}

fn import(
    out: &mut impl Write,
    path: &Path,
    output: Option<&Path>,
    tf: &terraform::TfArgs,
) -> ExitCode {
    let input = match terraform::read(path, tf) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::Unreadable;
        }
    };
    let source = Source::Terraform(input);
    let Source::Terraform(input) = &source else {
        return ExitCode::Unreadable;
    };
    source.print(&input.imported.diagnostics);
    if input.imported.has_errors() {
        return ExitCode::Unreadable;
    }
    match output {
        Some(file) => {
            if let Err(e) = std::fs::write(file, &input.imported.text) {
                eprintln!("error: cannot write {}: {e}", file.display());
                return ExitCode::Unreadable;
            }
        }
        None => {
            let _ = out.write_all(input.imported.text.as_bytes());
        }
    }
    ExitCode::Clean
}

/// What `evaluate` fails on, and what it writes besides the report.
struct Checks<'a> {
    fail_on: Severity,
    fail_on_incomplete: bool,
    diagram: Option<&'a Path>,
}

/// The architecture diagram of an evaluated source, with its costs written as the report
/// writes money.
fn diagram_svg(source: &Source, run: &Run, report: &Report) -> Option<String> {
    let text = match source {
        Source::Design { text, .. } => text.as_str(),
        Source::Terraform(input) => input.imported.text.as_str(),
    };
    let loaded = planwright_core::load(text, run.env).ok()?;
    let money = |usd| render::money(report, usd);
    let facts = planwright_core::diagram::Facts::of(report, &loaded.root, &money);
    Some(planwright_core::diagram::svg(&loaded.design, &facts))
}

fn evaluate(
    out: &mut impl Write,
    path: &Path,
    run: &Run,
    format: Format,
    checks: &Checks,
) -> ExitCode {
    let Checks {
        fail_on,
        fail_on_incomplete,
        diagram,
    } = *checks;
    let catalog = match load_catalog(run.catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (report, source) = match evaluate_file(path, run, catalog.as_ref()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(file) = diagram {
        let svg = diagram_svg(&source, run, &report).unwrap_or_default();
        if let Err(e) = std::fs::write(file, svg) {
            eprintln!("error: cannot write {}: {e}", file.display());
            return ExitCode::Unreadable;
        }
    }
    let text = match format {
        Format::Table => table::render(&report),
        Format::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        Format::Markdown => {
            let md = render::markdown(&report);
            match diagram {
                Some(file) => with_image(&md, &file.to_string_lossy()),
                None => md,
            }
        }
        Format::Csv => render::csv(&report),
        Format::Sarif => {
            serde_json::to_string_pretty(&render::sarif(&report, &source.artifact()))
                .unwrap_or_default()
                + "\n"
        }
    };
    let _ = out.write_all(text.as_bytes());
    if !matches!(format, Format::Json | Format::Sarif) && !report.diagnostics.is_empty() {
        source.print(&report.diagnostics);
    }
    let failing = report
        .findings
        .iter()
        .filter(|f| !f.waived)
        .any(|f| policy::Severity::parse(&f.severity).is_some_and(|s| s >= fail_on.core()));
    if !report.cost.complete && fail_on_incomplete {
        eprintln!(
            "error: the total is incomplete ({} unpriced); --fail-on-incomplete",
            planwright_core::render::unpriced_summary(&report)
        );
        return ExitCode::Findings;
    }
    if failing {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// The Markdown report with the diagram as an image under its title.
fn with_image(markdown: &str, path: &str) -> String {
    let image = format!("![Architecture diagram]({})\n\n", path.replace(' ', "%20"));
    match markdown.split_once('\n') {
        Some((title, rest)) if title.starts_with('#') => {
            format!("{title}\n\n{image}{}", rest.trim_start_matches('\n'))
        }
        _ => image + markdown,
    }
}

/// Compares two sides, each a file with the options (its environment) it is read with.
fn diff(
    out: &mut impl Write,
    (old, old_run): (&Path, &Run),
    (new, new_run): (&Path, &Run),
    format: DiffFormat,
) -> ExitCode {
    let catalog = match load_catalog(old_run.catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (a, b) = match (
        evaluate_file(old, old_run, catalog.as_ref()),
        evaluate_file(new, new_run, catalog.as_ref()),
    ) {
        (Ok((a, _)), Ok((b, _))) => (a, b),
        _ => return ExitCode::Unreadable,
    };
    let d = render::diff(&a, &b);
    // Each side is named by its file, and its environment when the two differ.
    let label = |path: &Path, env: Option<&str>| match env {
        Some(e) if old_run.env != new_run.env => format!("{} ({e})", path.display()),
        _ => path.display().to_string(),
    };
    let text = match format {
        DiffFormat::Markdown => {
            render::diff_markdown(&d, &label(old, old_run.env), &label(new, new_run.env))
        }
        DiffFormat::Json => serde_json::to_string_pretty(&d).unwrap_or_default() + "\n",
    };
    let _ = out.write_all(text.as_bytes());
    ExitCode::Clean
}

/// Prints diagnostics to stderr like a compiler: location, the source line, a caret, the hint.
fn print_diagnostics(file: &str, text: &str, diagnostics: &[Diagnostic]) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let _ = err.write_all(format_diagnostics(file, text, diagnostics).as_bytes());
}

/// The text [`print_diagnostics`] prints (separate so tests can read it).
pub fn format_diagnostics(file: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut s = String::new();
    for d in diagnostics {
        let level = if d.is_error() { "error" } else { "warning" };
        s += &format!("{level}[{}]: {}\n", d.code, d.message);
        let at = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file.to_string(),
        };
        if d.path.is_empty() {
            s += &format!("  --> {at}\n");
        } else {
            s += &format!("  --> {at} ({})\n", d.path);
        }
        if let (Some(l), Some(c)) = (d.line, d.column) {
            if let Some(src) = lines.get((l as usize).saturating_sub(1)) {
                let width = l.to_string().len();
                let shown: String = src.chars().take(160).collect();
                s += &format!(
                    "{:width$} |\n{l} | {shown}\n{:width$} | {}^\n",
                    "",
                    "",
                    " ".repeat((c as usize).saturating_sub(1).min(160))
                );
            }
        }
        if let Some(h) = &d.hint {
            s += &format!("  = hint: {h}\n");
        }
        s += "\n";
    }
    s
}
