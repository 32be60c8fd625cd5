//! The designs saved in this browser, in localStorage (the view settings are
//! `state::settings`), laid out so that two tabs never overwrite each other's work.
//!
//! Schema 3 writes each design under a key of its own (`planwright.design.<id>`: its name,
//! text and a revision that grows with every save) and an index of the ids in order
//! (`planwright.workspace.v3`). A keystroke writes the one design it changed. Before a
//! write, the stored revision is compared with the one this tab last read: a larger one
//! means another tab saved the design meanwhile, and this tab's text is then kept as a new
//! design (a copy), never written over the other's. Other tabs learn of every write from
//! the browser's `storage` event (`state::Page` re-reads what changed).
//!
//! Deleted designs go to a list of their own (`planwright.deleted.v1`), kept for
//! `KEEP_DELETED_DAYS` days, from which they can be restored.
//!
//! Older stores are migrated on first load, then removed, so nothing written by an older
//! page is lost or read twice: schema 2 held every design in one value
//! (`planwright.workspace.v2`), schema 1 one design text (`planwright.design.v1`).

use serde::{Deserialize, Serialize};

pub const INDEX_KEY: &str = "planwright.workspace.v3";
/// Each design's key is this prefix and its id.
pub const DESIGN_PREFIX: &str = "planwright.design.";
pub const DELETED_KEY: &str = "planwright.deleted.v1";
pub const V2_KEY: &str = "planwright.workspace.v2";
pub const V1_TEXT_KEY: &str = "planwright.design.v1";
/// Where a stored value that no longer reads is kept, instead of being overwritten.
pub const UNREADABLE_KEY: &str = "planwright.workspace.unreadable";
pub const SCHEMA: u32 = 3;
/// How long a deleted design can be restored.
pub const KEEP_DELETED_DAYS: f64 = 30.0;
/// How many deleted designs are kept at most (the newest).
pub const KEEP_DELETED: usize = 20;
const DAY_MS: f64 = 86_400_000.0;

/// One saved design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// Its key's suffix; stable across renames.
    #[serde(default)]
    pub id: String,
    /// The design's `name:` when it was last saved (the list's label).
    pub name: String,
    pub text: String,
    /// How many times it was saved, in any tab (0: never written in schema 3).
    #[serde(default)]
    pub rev: u64,
}

/// A design's record in storage. `rev` comes first, so a write can check it without
/// reading the text (`stored_rev`).
#[derive(Serialize, Deserialize)]
struct Record {
    rev: u64,
    name: String,
    text: String,
}

/// The index of schema 3: the designs' ids in the picker's order, and the one opened last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub schema: u32,
    pub ids: Vec<String>,
    #[serde(default)]
    pub current: String,
}

/// Schema 2, read once for the migration.
#[derive(Deserialize)]
pub struct WorkspaceV2 {
    pub current: usize,
    pub designs: Vec<Saved>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    pub name: String,
    pub text: String,
    /// When it was deleted (ms since the epoch, the page's clock).
    pub at_ms: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub current: usize,
    pub designs: Vec<Saved>,
}

/// What writing the current design did.
#[derive(Debug, Clone, PartialEq)]
pub enum Wrote {
    /// Saved under its key (or nothing to save).
    Saved,
    /// Another tab had saved this design since this tab read it: this tab's text was kept
    /// as a new design, now current, named here. The other tab's text is the original's.
    Copied(String),
}

pub fn design_key(id: &str) -> String {
    format!("{DESIGN_PREFIX}{id}")
}

/// The revision of a stored record, read from its first bytes (`{"rev":N,`).
pub fn stored_rev(raw: &str) -> Option<u64> {
    let digits = raw.strip_prefix("{\"rev\":")?;
    let end = digits.find(|c: char| !c.is_ascii_digit())?;
    digits.get(..end)?.parse().ok()
}

/// A design's stored record, read (None when absent or unreadable).
pub fn read_record(id: &str, raw: &str) -> Option<Saved> {
    let r: Record = crate::store::read(raw)?;
    Some(Saved {
        id: id.to_string(),
        name: r.name,
        text: r.text,
        rev: r.rev,
    })
}

/// A new id, unique among `taken` (`seed` comes from the page's clock and randomness).
pub fn new_id(seed: u64, taken: &[Saved]) -> String {
    let mut n = seed;
    loop {
        let id = format!("{n:x}");
        if !taken.iter().any(|d| d.id == id) {
            return id;
        }
        n = n.wrapping_add(1);
    }
}

impl Workspace {
    pub fn single(id: String, text: String) -> Workspace {
        Workspace {
            current: 0,
            designs: vec![Saved {
                id,
                name: design_name(&text),
                text,
                rev: 0,
            }],
        }
    }

    /// The designs listed by `index` that read (a design whose record is missing or damaged
    /// is left out, its key untouched), the current one by id.
    pub fn from_index(index: &Index, records: impl Fn(&str) -> Option<Saved>) -> Option<Workspace> {
        let designs: Vec<Saved> = index.ids.iter().filter_map(|id| records(id)).collect();
        if designs.is_empty() {
            return None;
        }
        let current = designs
            .iter()
            .position(|d| d.id == index.current)
            .unwrap_or(0);
        Some(Workspace { current, designs })
    }

    /// A schema 2 workspace as schema 3 (ids from `seed`), or a v1 text, or nothing.
    pub fn migrate(v2: Option<WorkspaceV2>, v1: Option<String>, seed: u64) -> Option<Workspace> {
        match v2 {
            Some(old) if !old.designs.is_empty() => {
                let mut designs: Vec<Saved> = Vec::new();
                for (i, mut d) in old.designs.into_iter().enumerate() {
                    d.id = new_id(seed.wrapping_add(i as u64), &designs);
                    d.rev = 0;
                    designs.push(d);
                }
                let current = old.current.min(designs.len() - 1);
                Some(Workspace { current, designs })
            }
            _ => v1.map(|t| Workspace::single(new_id(seed, &[]), t)),
        }
    }

    pub fn index(&self) -> Index {
        Index {
            schema: SCHEMA,
            ids: self.designs.iter().map(|d| d.id.clone()).collect(),
            current: self.current_id().to_string(),
        }
    }

    pub fn current_id(&self) -> &str {
        self.designs.get(self.current).map_or("", |d| d.id.as_str())
    }

    pub fn text(&self) -> &str {
        self.designs
            .get(self.current)
            .map_or("", |d| d.text.as_str())
    }

    /// Records the current design's new text (not yet written).
    pub fn update(&mut self, text: &str) {
        if let Some(d) = self.designs.get_mut(self.current) {
            if d.text != text {
                d.text = text.to_string();
                d.name = design_name(text);
            }
        }
    }

    /// Adds a design and makes it current.
    pub fn add(&mut self, id: String, text: String) {
        self.designs.push(Saved {
            id,
            name: design_name(&text),
            text,
            rev: 0,
        });
        self.current = self.designs.len() - 1;
    }

    /// Removes the current design and returns it (the last one left is kept).
    pub fn remove_current(&mut self) -> Option<Saved> {
        if self.designs.len() < 2 {
            return None;
        }
        let removed = self
            .designs
            .remove(self.current.min(self.designs.len() - 1));
        self.current = self.current.min(self.designs.len() - 1);
        Some(removed)
    }

    /// The record to write for design `i` (its revision one up), or None when `stored`
    /// (the revision in storage) says another tab wrote it since this tab read it.
    pub fn next_record(&mut self, i: usize, stored: Option<u64>) -> Option<String> {
        let d = self.designs.get_mut(i)?;
        if stored.is_some_and(|s| s > d.rev) {
            return None;
        }
        d.rev += 1;
        serde_json::to_string(&Record {
            rev: d.rev,
            name: d.name.clone(),
            text: d.text.clone(),
        })
        .ok()
    }
}

/// The deleted designs still kept at `now_ms`: the newest `KEEP_DELETED`, none older
/// than `KEEP_DELETED_DAYS`.
pub fn prune_deleted(list: &mut Vec<Deleted>, now_ms: f64) {
    list.retain(|d| now_ms - d.at_ms <= KEEP_DELETED_DAYS * DAY_MS);
    if list.len() > KEEP_DELETED {
        let extra = list.len() - KEEP_DELETED;
        list.drain(..extra);
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

    fn saved(id: &str, text: &str) -> Saved {
        Saved {
            id: id.into(),
            name: design_name(text),
            text: text.into(),
            rev: 1,
        }
    }

    #[test]
    fn a_v1_text_or_a_v2_workspace_migrates_with_ids() {
        let ws = Workspace::migrate(None, Some("version: 1\nname: shop # x\n".into()), 7).unwrap();
        assert_eq!(ws.designs.len(), 1);
        assert_eq!(ws.designs[0].name, "shop");
        assert_eq!(ws.designs[0].id, "7");
        let json = r#"{"schema":2,"current":9,"designs":[{"name":"a","text":"name: a"},{"name":"b","text":"name: b"}]}"#;
        let ws =
            Workspace::migrate(crate::store::read(json), Some("name: old".into()), 10).unwrap();
        assert_eq!(ws.current, 1, "a bad current is clamped");
        assert_eq!(ws.text(), "name: b");
        assert_eq!(
            (ws.designs[0].id.as_str(), ws.designs[1].id.as_str()),
            ("a", "b")
        );
        // Unreadable v2 falls back to v1, then to nothing.
        assert_eq!(
            Workspace::migrate(crate::store::read("{"), Some("name: v1".into()), 1)
                .unwrap()
                .text(),
            "name: v1"
        );
        assert!(Workspace::migrate(None, None, 1).is_none());
    }

    #[test]
    fn the_index_lists_what_reads_and_keeps_the_current_by_id() {
        let index = Index {
            schema: 3,
            ids: vec!["a".into(), "gone".into(), "b".into()],
            current: "b".into(),
        };
        let ws = Workspace::from_index(&index, |id| {
            (id != "gone").then(|| saved(id, &format!("name: {id}")))
        })
        .unwrap();
        assert_eq!(ws.designs.len(), 2);
        assert_eq!(ws.current_id(), "b");
        assert_eq!(ws.index().ids, vec!["a", "b"]);
    }

    #[test]
    fn a_write_over_another_tabs_newer_revision_is_refused() {
        let mut ws = Workspace::single("a".into(), "name: a".into());
        let record = ws.next_record(0, None).unwrap();
        assert_eq!(stored_rev(&record), Some(1));
        assert!(ws.next_record(0, Some(1)).is_some(), "its own revision");
        assert_eq!(ws.designs[0].rev, 2);
        assert!(
            ws.next_record(0, Some(3)).is_none(),
            "another tab's newer one"
        );
        assert_eq!(ws.designs[0].rev, 2);
        let back = read_record("a", &ws.next_record(0, Some(2)).unwrap()).unwrap();
        assert_eq!((back.rev, back.text.as_str()), (3, "name: a"));
    }

    #[test]
    fn add_update_remove_and_new_ids() {
        let mut ws = Workspace::single("1".into(), "name: a".into());
        let id = new_id(1, &ws.designs);
        assert_eq!(id, "2");
        ws.add(id, "name: b".into());
        assert_eq!(ws.current, 1);
        ws.update("name: b2");
        assert_eq!(ws.designs[1].name, "b2");
        assert_eq!(ws.remove_current().map(|d| d.name), Some("b2".into()));
        assert_eq!((ws.current, ws.designs.len()), (0, 1));
        assert!(ws.remove_current().is_none(), "the last design stays");
    }

    #[test]
    fn deleted_designs_are_kept_thirty_days_and_twenty_at_most() {
        let d = |at_ms: f64| Deleted {
            name: "x".into(),
            text: String::new(),
            at_ms,
        };
        let now = 100.0 * DAY_MS;
        let mut list = vec![d(now - 31.0 * DAY_MS), d(now - 29.0 * DAY_MS)];
        prune_deleted(&mut list, now);
        assert_eq!(list.len(), 1);
        let mut many: Vec<Deleted> = (0..25).map(|i| d(now - f64::from(i))).collect();
        prune_deleted(&mut many, now);
        assert_eq!(many.len(), 20);
        assert_eq!(many[0].at_ms, now - 5.0, "the oldest go first");
    }
}
