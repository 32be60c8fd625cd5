//! Any bytes as Terraform (module files or a plan JSON), imported and evaluated: a report or
//! located errors inside the input files, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    planwright_core::fuzzing::check_terraform_bytes(data);
});
