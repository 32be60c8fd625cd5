//! Text-preserving edits against an oracle: for every example design, each change made on
//! the text must read back as the same change made on the data, and leave every comment
//! of the file in place.

use planwright_core::source::edit::{apply, Change};
use planwright_core::source::node::{parse, DesignPath, Node, Resolved, Seg, Value};
use serde_json::{json, Value as Json};

mod common;

fn examples() -> Vec<(String, String)> {
    let mut out = common::example_designs();
    // The same designs as JSON documents (flow style throughout).
    let as_json: Vec<(String, String)> = out
        .iter()
        .map(|(name, text)| {
            (
                format!("{name} as JSON"),
                serde_json::to_string_pretty(&to_json(&parse(text).unwrap())).unwrap(),
            )
        })
        .collect();
    out.extend(as_json);
    out
}

fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap().to_string(), to_json(v)))
                .collect(),
        ),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Scalar { .. } => match node.resolve().unwrap() {
            Resolved::Null => Json::Null,
            Resolved::Bool(b) => json!(b),
            Resolved::Int(i) => json!(i),
            Resolved::Float(f) => json!(f),
            Resolved::Str(s) => json!(s),
        },
    }
}

/// The same change on plain data.
fn oracle(data: &mut Json, change: &Change) {
    fn walk<'a>(data: &'a mut Json, segs: &[Seg]) -> &'a mut Json {
        let mut at = data;
        for seg in segs {
            at = match seg {
                Seg::Key(k) => {
                    if at.is_null() {
                        *at = json!({});
                    }
                    at.as_object_mut()
                        .unwrap()
                        .entry(k.clone())
                        .or_insert(Json::Null)
                }
                Seg::Index(i) => &mut at.as_array_mut().unwrap()[*i],
            };
        }
        at
    }
    match change {
        Change::Set { path, value } => *walk(data, &path.0) = value.clone(),
        Change::Append { path, value } => {
            let list = walk(data, &path.0);
            if list.is_null() {
                *list = json!([]);
            }
            list.as_array_mut().unwrap().push(value.clone());
        }
        Change::Remove { path } => {
            let (last, parent) = path.0.split_last().unwrap();
            let parent = walk(data, parent);
            match last {
                Seg::Key(k) => {
                    parent.as_object_mut().unwrap().shift_remove(k);
                }
                Seg::Index(i) => {
                    parent.as_array_mut().unwrap().remove(*i);
                }
            }
        }
        Change::Rename { path, to } => {
            let (Seg::Key(from), parent) = path.0.split_last().unwrap() else {
                panic!()
            };
            let map = walk(data, parent).as_object_mut().unwrap();
            // Same position, new key.
            let entries: Vec<(String, Json)> = std::mem::take(map).into_iter().collect();
            for (k, v) in entries {
                map.insert(if &k == from { to.clone() } else { k }, v);
            }
        }
    }
}

fn comments(text: &str) -> usize {
    text.matches('#').count()
}

fn check(name: &str, text: &str, change: Change) {
    let before = parse(text).unwrap();
    let mut want = to_json(&before);
    oracle(&mut want, &change);
    let out = apply(text, std::slice::from_ref(&change))
        .unwrap_or_else(|e| panic!("{name}: {change:?} refused: {e}"));
    let after =
        parse(&out).unwrap_or_else(|e| panic!("{name}: {change:?} broke the text: {e:?}\n{out}"));
    assert_eq!(to_json(&after), want, "{name}: {change:?}\n{out}");
    // Removing or replacing a value may take its own comments; nothing else may.
    if matches!(change, Change::Rename { .. } | Change::Append { .. }) {
        assert_eq!(
            comments(&out),
            comments(text),
            "{name}: {change:?} lost a comment\n{out}"
        );
    }
}

#[test]
fn every_change_to_every_resource_of_every_example_matches_the_oracle() {
    for (name, text) in examples() {
        let root = parse(&text).unwrap();
        let resources: Vec<String> = root
            .get("resources")
            .and_then(Node::as_map)
            .unwrap()
            .iter()
            .map(|(k, _)| k.scalar_text().unwrap().to_string())
            .collect();
        for r in &resources {
            let at = DesignPath::root().key("resources").key(r.as_str());
            check(&name, &text, Change::Remove { path: at.clone() });
            check(
                &name,
                &text,
                Change::Rename {
                    path: at.clone(),
                    to: format!("{r}-renamed"),
                },
            );
            check(
                &name,
                &text,
                Change::Set {
                    path: at.key("tags").key("owner"),
                    value: json!("team: payments"),
                },
            );
            check(
                &name,
                &text,
                Change::Set {
                    path: at.key("count"),
                    value: json!(3),
                },
            );
            // Every field of the resource: replace it, then remove it.
            let fields: Vec<String> = root
                .get("resources")
                .and_then(|m| m.get(r))
                .and_then(Node::as_map)
                .map(|m| {
                    m.iter()
                        .map(|(k, _)| k.scalar_text().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            for f in fields.iter().filter(|f| f.as_str() != "kind") {
                check(
                    &name,
                    &text,
                    Change::Remove {
                        path: at.key(f.as_str()),
                    },
                );
                check(
                    &name,
                    &text,
                    Change::Set {
                        path: at.key(f.as_str()),
                        value: json!({"nested": [1, "two", {"three": true}]}),
                    },
                );
            }
        }
        check(
            &name,
            &text,
            Change::Set {
                path: DesignPath::parse("resources.added"),
                value: json!({"kind": "compute", "instance_type": "t3.micro", "count": 1}),
            },
        );
        check(
            &name,
            &text,
            Change::Set {
                path: DesignPath::parse("dr.targets.rpo"),
                value: json!("15m"),
            },
        );
        check(
            &name,
            &text,
            Change::Append {
                path: DesignPath::parse("resources.added_list.items"),
                value: json!({"port": 443}),
            },
        );
    }
}
