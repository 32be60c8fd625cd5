//! Any bytes as a design (YAML or JSON): a report or located errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    planwright_core::fuzzing::check_design_bytes(data);
});
