//! The designs saved in this browser, in localStorage (the view settings are
//! `state::settings`).
//!
//! Schema 2 holds every saved design; schema 1 (the first release) held one design text
//! under `planwright.design.v1`. A v1 store is migrated on first load into a v2 workspace
//! of one design, and the v1 key is then removed, so nothing written by an older page is
//! lost or read twice.

use serde::{Deserialize, Serialize};

pub const WORKSPACE_KEY: &str = "planwright.workspace.v2";
pub const V1_TEXT_KEY: &str = "planwright.design.v1";
/// Where a stored workspace that no longer reads is kept, instead of being overwritten.
pub const UNREADABLE_KEY: &str = "planwright.workspace.unreadable";
pub const SCHEMA: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The design's `name:` when it was last saved (the list's label).
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub schema: u32,
    pub current: usize,
    pub designs: Vec<Saved>,
}

impl Workspace {
    pub fn single(text: String) -> Workspace {
        Workspace {
            schema: SCHEMA,
            current: 0,
            designs: vec![Saved {
                name: design_name(&text),
                text,
            }],
        }
    }

    /// What storage holds: a v2 workspace (already read), else a v1 text, else nothing.
    pub fn from_storage(v2: Option<Workspace>, v1: Option<String>) -> Option<Workspace> {
        match v2 {
            Some(mut ws) if !ws.designs.is_empty() => {
                ws.current = ws.current.min(ws.designs.len() - 1);
                Some(ws)
            }
            _ => v1.map(Workspace::single),
        }
    }

    pub fn text(&self) -> &str {
        self.designs
            .get(self.current)
            .map_or("", |d| d.text.as_str())
    }

    /// Records the current design's new text.
    pub fn update(&mut self, text: &str) {
        if let Some(d) = self.designs.get_mut(self.current) {
            if d.text != text {
                d.text = text.to_string();
                d.name = design_name(text);
            }
        }
    }

    /// Adds a design and makes it current.
    pub fn add(&mut self, text: String) {
        self.designs.push(Saved {
            name: design_name(&text),
            text,
        });
        self.current = self.designs.len() - 1;
    }

    /// Removes the current design (the last one left is kept).
    pub fn remove_current(&mut self) {
        if self.designs.len() > 1 {
            self.designs
                .remove(self.current.min(self.designs.len() - 1));
            self.current = self.current.min(self.designs.len() - 1);
        }
    }
}

/// The `name:` of a design text, read cheaply (the first top-level `name:` line).
pub fn design_name(text: &str) -> String {
    text.lines()
        .take(200)
        .find_map(|l| l.strip_prefix("name:"))
        .map(|n| {
            n.split(" #")
                .next()
                .unwrap_or(n)
                .trim()
                .trim_matches(['"', '\''])
        })
        .filter(|n| !n.is_empty())
        .unwrap_or("untitled")
        .chars()
        .take(60)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_v1_text_becomes_a_one_design_workspace() {
        let ws =
            Workspace::from_storage(None, Some("version: 1\nname: shop # x\n".into())).unwrap();
        assert_eq!(ws.schema, 2);
        assert_eq!(ws.designs.len(), 1);
        assert_eq!(ws.designs[0].name, "shop");
        assert_eq!(ws.text(), "version: 1\nname: shop # x\n");
    }

    #[test]
    fn v2_wins_and_a_bad_current_is_clamped() {
        let json = r#"{"schema":2,"current":9,"designs":[{"name":"a","text":"name: a"},{"name":"b","text":"name: b"}]}"#;
        let ws =
            Workspace::from_storage(crate::store::read(json), Some("name: old".into())).unwrap();
        assert_eq!(ws.current, 1);
        assert_eq!(ws.text(), "name: b");
        // Unreadable v2 falls back to v1, then to nothing.
        assert_eq!(
            Workspace::from_storage(crate::store::read("{"), Some("name: v1".into()))
                .unwrap()
                .text(),
            "name: v1"
        );
        assert!(Workspace::from_storage(None, None).is_none());
    }

    #[test]
    fn add_update_remove() {
        let mut ws = Workspace::single("name: a".into());
        ws.add("name: b".into());
        assert_eq!(ws.current, 1);
        ws.update("name: b2");
        assert_eq!(ws.designs[1].name, "b2");
        ws.remove_current();
        assert_eq!((ws.current, ws.designs.len()), (0, 1));
        ws.remove_current();
        assert_eq!(ws.designs.len(), 1, "the last design stays");
    }
}
