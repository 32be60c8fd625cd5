//! One component per file; props down, callbacks up.

pub mod catalog_import;
pub mod charts;
pub mod code_editor;
pub mod compare;
pub mod cost_table;
pub mod diagram;
pub mod editor;
pub mod findings;
pub mod form;
pub mod pack_import;
pub mod problems;
pub mod readiness;
pub mod summary;
pub mod terraform_import;
pub mod tf_view;
pub mod toolbar;
