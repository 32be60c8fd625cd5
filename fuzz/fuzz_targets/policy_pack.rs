//! Any bytes as a policy pack, applied to an example design: never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    planwright_core::fuzzing::check_pack_bytes(data);
});
