//! One component per file; props down, callbacks up.

pub mod cost_table;
pub mod editor;
pub mod findings;
pub mod problems;
pub mod summary;
pub mod toolbar;
