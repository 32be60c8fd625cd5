//! Resource limits. The evaluator runs on untrusted input in a browser tab: every way the input
//! can make work grow (files, bytes, module nesting, instances, recursion, strings, collections,
//! total evaluation steps) has a bound, and breaching it is a `TF-LIMIT` error, not a hang.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// Maximum number of input files.
    pub max_files: usize,
    /// Maximum total size of the input files (or of a plan JSON), in bytes.
    pub max_total_bytes: usize,
    /// Maximum depth of nested module calls (the root module is depth 0).
    pub max_module_depth: usize,
    /// Maximum number of instances produced by one `count`/`for_each`, and in total.
    pub max_instances: usize,
    /// Maximum recursion depth of expression evaluation (including references followed).
    pub max_expr_depth: usize,
    /// Maximum length of a string built by a template or function, in bytes.
    pub max_string_len: usize,
    /// Maximum size of a value (collection elements plus string bytes / 64).
    pub max_value_size: usize,
    /// Maximum number of evaluation steps for the whole input.
    pub max_steps: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_files: 2_000,
            max_total_bytes: 32 * 1024 * 1024,
            max_module_depth: 16,
            max_instances: 10_000,
            max_expr_depth: 96,
            max_string_len: 1024 * 1024,
            max_value_size: 1_000_000,
            max_steps: 5_000_000,
        }
    }
}
