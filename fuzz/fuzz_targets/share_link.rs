//! Any bytes as a share link's fragment: never a panic, never an unbounded inflate.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    planwright_core::fuzzing::check_share_bytes(data);
});
