//! Structurally valid random designs, so the fuzzer reaches the cost and policy engines.
#![no_main]
use libfuzzer_sys::fuzz_target;
use planwright_core::fuzzing::GenDesign;

fuzz_target!(|design: GenDesign| {
    planwright_core::fuzzing::check_generated(&design);
});
