//! Diagnostics: every problem Planwright reports is a value with a stable code, a message,
//! the design path it concerns, its line and column, and where possible a hint.

use serde::Serialize;

use crate::path::DesignPath;

/// How bad a diagnostic is. Errors stop the evaluation of a design; warnings travel in the
/// report (an unknown instance type, for example, makes the total incomplete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

impl Location {
    pub fn new(line: u32, column: u32) -> Self {
        Location { line, column }
    }
    pub fn start() -> Self {
        Location { line: 1, column: 1 }
    }
}

/// One located problem. Serialises as the `diagnostics[]` entries of the report contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `unknown-field`, `dangling-reference`.
    pub code: &'static str,
    pub level: Level,
    pub message: String,
    /// Path in the design, e.g. `resources.web.instance_type`; empty for the whole file.
    pub path: String,
    /// The file `line` and `column` are in, when not the design itself (a `.tf` file the
    /// design was imported from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Box<str>>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: Level::Error,
            message: message.into(),
            path: String::new(),
            file: None,
            line: None,
            column: None,
            hint: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, loc: Location) -> Self {
        self.line = Some(loc.line);
        self.column = Some(loc.column);
        self
    }

    pub fn with_path(mut self, path: &DesignPath) -> Self {
        self.path = path.to_string();
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{} [{}]", self.message, self.code)?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// "did you mean `multi_az`?" for the closest candidate, if any is close enough.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(input, candidates, 1)
        .first()
        .map(|c| format!("did you mean `{c}`?"))
}

/// Up to `n` candidates closest to `input`, best first, that are plausibly what was meant.
pub fn closest<'a, I>(input: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = input.to_ascii_lowercase();
    let mut scored: Vec<(f64, &'a str)> = candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(&lower, &c.to_ascii_lowercase());
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("multi_azz", ["engine", "multi_az", "storage"]),
            Some("did you mean `multi_az`?".into())
        );
        assert_eq!(did_you_mean("zzzz", ["engine", "multi_az"]), None);
    }
}
