//! Source files, line indexes and spans.
//!
//! hcl-edit reports byte ranges; editors and reports want 1-based line/column pairs. Each file
//! keeps a table of line starts so that an offset maps to a position with a binary search, and
//! columns count characters (not bytes) so that non-ASCII text lines up in an editor.

use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A location in an input file: 1-based, inclusive start, exclusive end column.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// The path of the file, as given in the input set (or the plan file name).
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// A zero-width span at a position.
    pub fn point(file: Arc<str>, line: u32, column: u32) -> Span {
        Span {
            file,
            line,
            column,
            end_line: line,
            end_column: column,
        }
    }

    /// The start of a file, used when nothing more precise is known.
    pub fn file_start(file: &str) -> Span {
        Span::point(Arc::from(file), 1, 1)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One input file with its line index.
#[derive(Debug)]
pub(crate) struct SourceFile {
    pub path: Arc<str>,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: &str, text: &str) -> SourceFile {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        SourceFile {
            path: Arc::from(path),
            text: text.to_string(),
            line_starts,
        }
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let column = match self.text.get(start..offset) {
            Some(s) => s.chars().count(),
            // Not on a char boundary (should not happen with parser offsets): count bytes.
            None => offset.saturating_sub(start),
        };
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// The span of a byte range; `None` (no range from the parser) gives the file start.
    pub fn span(&self, range: Option<Range<usize>>) -> Span {
        match range {
            Some(r) => {
                let (line, column) = self.position(r.start);
                let (end_line, end_column) = self.position(r.end.max(r.start));
                Span {
                    file: self.path.clone(),
                    line,
                    column,
                    end_line,
                    end_column,
                }
            }
            None => Span::point(self.path.clone(), 1, 1),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Normalises a relative path: `\` to `/`, drops `.` segments and resolves `..` lexically.
/// Returns `None` if `..` would leave the input root.
pub(crate) fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The directory part of a normalised path (`""` for the root).
pub(crate) fn dir_of(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => path.get(..i).unwrap_or(""),
        None => "",
    }
}

/// Joins a module directory and a relative source path.
pub(crate) fn join_path(dir: &str, rel: &str) -> Option<String> {
    if dir.is_empty() {
        normalize_path(rel)
    } else {
        normalize_path(&format!("{dir}/{rel}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_chars() {
        let f = SourceFile::new("a.tf", "ab\nçd = 1\n\nx");
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(3), (2, 1));
        assert_eq!(f.position(6), (2, 3)); // after "çd" (ç is two bytes)
        assert_eq!(f.position(11), (3, 1));
        assert_eq!(f.position(12), (4, 1));
        assert_eq!(f.position(999), (4, 2));
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(
            normalize_path("./modules/../modules/db/").as_deref(),
            Some("modules/db")
        );
        assert_eq!(normalize_path("../x"), None);
        assert_eq!(
            join_path("modules/app", "../db").as_deref(),
            Some("modules/db")
        );
        assert_eq!(join_path("", "./modules/db").as_deref(), Some("modules/db"));
        assert_eq!(dir_of("modules/db/main.tf"), "modules/db");
        assert_eq!(dir_of("main.tf"), "");
    }
}

/// What a file of a repository is to the reader, by its name (one place, for the CLI, the
/// page's reader and archives alike).
pub mod kind {
    /// Configuration: `.tf`, or `.tf.json` in Terraform's JSON syntax.
    pub fn is_configuration(path: &str) -> bool {
        path.ends_with(".tf") || path.ends_with(".tf.json")
    }

    /// Input variable values: `.tfvars`, `.tfvars.json`.
    pub fn is_variables(path: &str) -> bool {
        path.ends_with(".tfvars") || path.ends_with(".tfvars.json")
    }

    /// A file of a root module or its local modules.
    pub fn is_module_file(path: &str) -> bool {
        is_configuration(path) || is_variables(path)
    }

    /// A `.json` file that is neither configuration nor variables: a plan, if anything.
    pub fn may_be_plan(path: &str) -> bool {
        path.ends_with(".json") && !is_module_file(path)
    }
}
