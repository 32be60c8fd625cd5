//! Paths inside a design (`resources.web.instance_type`, `network.security_groups.web.ingress[1]`):
//! how every diagnostic, finding and edit names the place it concerns. The lowest layer:
//! it knows nothing of the text a path points into.

use std::fmt;

/// A path inside the design, e.g. `network.security_groups.web.ingress[1]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct DesignPath(pub Vec<Seg>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl DesignPath {
    pub fn root() -> Self {
        DesignPath(Vec::new())
    }

    pub fn key(&self, k: impl Into<String>) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.into()));
        p
    }

    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// This path followed by `rel` (typed segments: a key holding dots stays one key).
    pub fn join(&self, rel: &DesignPath) -> Self {
        let mut p = self.clone();
        p.0.extend(rel.0.iter().cloned());
        p
    }

    /// Builds a path from dotted text with optional `[n]` indices (for tests and docs).
    pub fn parse(text: &str) -> Self {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (name, rest) = part.split_once('[').unwrap_or((part, ""));
            if !name.is_empty() {
                segs.push(Seg::Key(name.to_string()));
            }
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse() {
                    segs.push(Seg::Index(i));
                }
            }
        }
        DesignPath(segs)
    }
}

/// Written as its text (`resources.web.instance_type`): reports and SARIF keep the form
/// users read, while the program keeps the segments.
impl serde::Serialize for DesignPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl DesignPath {
    /// The resource this path is inside (`resources.<name>...`), by its typed segment: a
    /// name holding dots (`aws_instance.web`, `api.v2`) is one segment.
    pub fn resource(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Seg::Key(top), Seg::Key(name), ..] if top == "resources" => Some(name),
            _ => None,
        }
    }
}

/// Compares with a path's text (`"resources.web.subnets[0]"`), as tests and rules read.
impl PartialEq<&str> for DesignPath {
    fn eq(&self, text: &&str) -> bool {
        // Written into a comparer, not a new string: `rest` is what is left to match.
        struct Rest<'a>(Option<&'a str>);
        impl fmt::Write for Rest<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 = self.0.and_then(|rest| rest.strip_prefix(s));
                Ok(())
            }
        }
        let mut rest = Rest(Some(text));
        fmt::write(&mut rest, format_args!("{self}")).is_ok() && rest.0 == Some("")
    }
}

impl fmt::Display for DesignPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}
