//! Planwright's core: the design format, validation, the price catalog and the cost
//! engine. Pure and deterministic: no I/O, no clock, no randomness. Builds for the host
//! and for `wasm32-unknown-unknown`; the CLI and the web page are thin shells around it.
//!
//! ```
//! let design = "version: 1\nname: demo\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.medium, count: 2 }\n";
//! let report = planwright_core::evaluate_text(design, &Default::default()).unwrap();
//! // 2 instances × 730 h × $0.0416
//! assert_eq!(report.cost.monthly.expected.to_string(), "60.74");
//! ```

// A panic in WebAssembly kills the page: no unwrap, expect, panic or unchecked indexing on
// anything user data can reach. Tests may (`cfg(test)`); the test command runs clippy.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod assist;
pub mod catalog;
pub mod cost;
pub mod design;
pub mod diag;
pub mod diagram;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
#[cfg(feature = "terraform")]
pub mod import;
pub mod limits;
pub mod load;
pub mod model;
pub mod order;
pub mod path;
pub mod pipeline;
pub mod policy;
pub mod pricing;
pub mod readiness;
pub mod refs;
pub mod render;
pub mod report;
pub mod resources;
pub mod sample;
#[cfg(feature = "schema")]
pub mod schema;
pub mod share;
pub mod source;
#[cfg(feature = "terraform")]
pub mod terraform;
pub mod units;
mod validate;

pub use catalog::Catalog;
pub use design::Design;
pub use diag::{Diagnostic, Level};
pub use load::{load, load_tree, Loaded};
pub use pipeline::{apply_pack, evaluate, evaluate_loaded, evaluate_text, regions_priced, Options};
pub use report::Report;
