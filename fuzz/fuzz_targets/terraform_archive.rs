//! Any bytes as a repository's `.zip`: its Terraform files within the budget, or one located
//! error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    planwright_core::fuzzing::check_archive_bytes(data);
});
