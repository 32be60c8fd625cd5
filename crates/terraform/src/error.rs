//! Diagnostics: every problem is a value with a code, a message, a location and a hint.
//!
//! Nothing in this crate panics on input; parse failures, cycles, limit breaches and unsupported
//! constructs all end up here so that the caller can show them next to the source.

use crate::files::Span;
use serde::Serialize;
use std::fmt;

/// A located error or warning.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// A stable code such as `TF-PARSE`, `TF-CYCLE`, `TF-LIMIT`, `TF-MODULE`, `TF-UNKNOWN`.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub hint: Option<String>,
}

/// An error: the input is not valid Terraform, or evaluating it breached a limit.
pub type Error = Diagnostic;
/// A warning: something was not evaluated exactly (unknown values, remote modules, data sources).
pub type Warning = Diagnostic;

impl Diagnostic {
    pub fn new(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            span,
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.span, self.message, self.code)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// Diagnostic codes, kept in one place so that callers can match on them.
pub mod codes {
    pub const PARSE: &str = "TF-PARSE";
    pub const CYCLE: &str = "TF-CYCLE";
    pub const LIMIT: &str = "TF-LIMIT";
    pub const MODULE: &str = "TF-MODULE";
    pub const REFERENCE: &str = "TF-REFERENCE";
    pub const TYPE: &str = "TF-TYPE";
    pub const DUPLICATE: &str = "TF-DUPLICATE";
    pub const VARIABLE: &str = "TF-VARIABLE";
    pub const EXPANSION: &str = "TF-EXPANSION";
    pub const PLAN: &str = "TF-PLAN";
    pub const UNKNOWN: &str = "TF-UNKNOWN";
    pub const DATA: &str = "TF-DATA";
    pub const REMOTE_MODULE: &str = "TF-REMOTE-MODULE";
    pub const FUNCTION: &str = "TF-FUNCTION";
    pub const UNSUPPORTED: &str = "TF-UNSUPPORTED";
    /// A `.zip` that does not read, or unpacks past the input limit.
    pub const ARCHIVE: &str = "TF-ARCHIVE";
}
