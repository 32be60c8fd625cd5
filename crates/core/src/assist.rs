//! Help while a design is typed, for any editor: what may be written at a position
//! (completion), what the thing under it is (hover), where a reference is declared
//! (definition), and the edit a diagnostic's "did you mean" proposes (quick fix). The page's
//! code editor and `planwright lsp` both ask here, so every editor gets the same answers.
//!
//! The text is read as it is being typed, so it often does not parse: where the cursor is
//! (the keys of the maps around it) is read from the lines' indentation and the flow
//! brackets before it; what the design declares comes from a parse of the text with the
//! line being typed left out. Positions are the core's: 1-based lines and columns, in
//! characters.

use serde_json::Value as Json;

use crate::catalog::{Catalog, GLOBAL};
use crate::diag::Diagnostic;
use crate::path::{DesignPath, Seg};
use crate::policy::Finding;
use crate::refs::{self, Named, Reference};
use crate::resources::{self, Holds, REGISTRY};
use crate::source::node::{self, Node, Span};

/// What completion needs of a price list: its regions, and the SKUs of a price group with
/// what each is (vCPU, memory, hourly price). [`Catalog`] is one; the page's code editor
/// asks the page's catalog through one (it runs in a module of its own).
pub trait PriceList {
    fn regions(&self) -> Vec<String>;
    /// The SKUs of `group` in `region` (else of `fallback`), each with its detail line.
    fn choices(
        &self,
        region: &str,
        group: &str,
        fallback: Option<&str>,
    ) -> Option<Vec<(String, String)>>;
}

impl PriceList for Catalog {
    fn regions(&self) -> Vec<String> {
        self.region_names()
            .filter(|r| *r != GLOBAL)
            .map(str::to_string)
            .collect()
    }

    fn choices(
        &self,
        region: &str,
        group: &str,
        fallback: Option<&str>,
    ) -> Option<Vec<(String, String)>> {
        sku_choices(self, region, group, fallback)
    }
}

/// The SKUs of a catalog's price group, each with vCPU, memory and the price per unit.
pub fn sku_choices(
    catalog: &Catalog,
    region: &str,
    group: &str,
    fallback: Option<&str>,
) -> Option<Vec<(String, String)>> {
    let g = catalog
        .group(region, group)
        .or_else(|| fallback.and_then(|f| catalog.group(region, f)))?;
    Some(
        g.prices
            .iter()
            .map(|(sku, usd)| {
                let price = format!(
                    "US${} per {} in {region}",
                    usd.normalize(),
                    g.unit.trim_end_matches('s')
                );
                let detail = match catalog.spec_of_sku(sku) {
                    Some(s) => format!(
                        "{} vCPU · {} GiB · {price}",
                        s.vcpu.normalize(),
                        s.memory_gb.normalize()
                    ),
                    None => price,
                };
                (sku.clone(), detail)
            })
            .collect(),
    )
}

/// The JSON Schema of the design format (`planwright schema`), read once: field names, their
/// documentation and the values an enumerated field takes come from it.
#[derive(Debug, Clone)]
pub struct Schema(Json);

/// How an editor marks a problem: one mapping for the page's lint marks and the LSP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }

    /// An open finding's mark: critical and high as errors (they fail a review), medium
    /// as warnings, low as information.
    pub fn of_finding(f: &Finding) -> Level {
        match f.severity.as_ref() {
            "critical" | "high" => Level::Error,
            "medium" => Level::Warning,
            _ => Level::Info,
        }
    }
}

/// An open finding's message in an editor: what, why, and the fix.
pub fn finding_message(f: &Finding) -> String {
    format!("{}: {} Fix: {}", f.title, f.message, f.fix)
}

/// What a completion offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A field name (`instance_type`).
    Field,
    /// A resource kind (`compute`).
    Kind,
    /// A value of an enumerated field, a region, a catalog SKU.
    Value,
    /// The name of something the design declares.
    Reference,
}

impl ItemKind {
    /// Its name for an editor that takes words (`field`, `kind`, `value`, `reference`).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Field => "field",
            ItemKind::Kind => "kind",
            ItemKind::Value => "value",
            ItemKind::Reference => "reference",
        }
    }
}

/// One completion: what the list shows, what is written, and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub label: String,
    /// One line beside the label: a kind's summary, a SKU's vCPU, memory and hourly price.
    pub detail: String,
    /// Longer documentation, where the schema has it.
    pub docs: Option<String>,
    pub kind: ItemKind,
    /// The text that replaces the word being typed.
    pub insert: String,
}

/// The completions at a position and the column the word they replace starts at.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Completions {
    pub from_column: u32,
    pub items: Vec<Item>,
}

/// A text edit on one line: replace columns `from..to` (1-based, end exclusive) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub line: u32,
    pub from_column: u32,
    pub to_column: u32,
    pub text: String,
}

impl Schema {
    /// The schema from its JSON text, if it is one.
    pub fn from_json(text: &str) -> Option<Schema> {
        serde_json::from_str::<Json>(text)
            .ok()
            .filter(|j| j.get("properties").is_some())
            .map(Schema)
    }

    /// `#/$defs/X` followed, once per step (the design's types are not self-referential
    /// through a chain of bare references).
    fn deref<'a>(&'a self, s: &'a Json) -> &'a Json {
        let mut s = s;
        for _ in 0..8 {
            match s.get("$ref").and_then(Json::as_str) {
                Some(r) => match r
                    .strip_prefix("#/")
                    .and_then(|p| self.0.pointer(&format!("/{p}")))
                {
                    Some(target) => s = target,
                    None => break,
                },
                None => break,
            }
        }
        s
    }

    /// The alternatives a schema stands for: itself, or each branch of an `anyOf` / `oneOf`
    /// (references followed; `null` branches dropped).
    fn branches<'a>(&'a self, s: &'a Json) -> Vec<&'a Json> {
        let s = self.deref(s);
        let many = s
            .get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Json::as_array);
        match many {
            Some(list) => list
                .iter()
                .flat_map(|b| self.branches(b))
                .filter(|b| b.get("type").and_then(Json::as_str) != Some("null"))
                .collect(),
            None => vec![s],
        }
    }

    /// The schema of the value at `path`; a resource's by its kind (`kind_of` answers
    /// which kind the resource at a path has).
    fn at<'a>(&'a self, path: &[Seg], kind_of: &dyn Fn(&str) -> Option<String>) -> Vec<&'a Json> {
        let mut here: Vec<&Json> = vec![&self.0];
        let mut resource: Option<String> = None;
        for (i, seg) in path.iter().enumerate() {
            let mut next = Vec::new();
            for s in here.iter().flat_map(|s| self.branches(s)) {
                let child = match seg {
                    Seg::Key(k) => s
                        .get("properties")
                        .and_then(|p| p.get(k.as_str()))
                        .or_else(|| s.get("additionalProperties").filter(|a| a.is_object())),
                    Seg::Index(_) => s.get("items"),
                };
                if let Some(c) = child {
                    next.push(c);
                }
            }
            if i == 1 && matches!(path.first(), Some(Seg::Key(k)) if k == "resources") {
                if let Seg::Key(name) = seg {
                    resource = kind_of(name);
                }
                // One resource: the branch of its kind, or every kind's while it has none.
                let kinds: Vec<&Json> = next.iter().flat_map(|s| self.branches(s)).collect();
                let chosen: Vec<&Json> = kinds
                    .iter()
                    .copied()
                    .filter(|b| {
                        resource.is_none()
                            || b.pointer("/properties/kind/const").and_then(Json::as_str)
                                == resource.as_deref()
                    })
                    .collect();
                next = if chosen.is_empty() { kinds } else { chosen };
            }
            here = next;
        }
        here
    }

    /// The fields the map at `path` may hold, with their documentation, in schema order.
    fn fields(
        &self,
        path: &[Seg],
        kind_of: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = Vec::new();
        for s in self
            .at(path, kind_of)
            .into_iter()
            .flat_map(|s| self.branches(s))
        {
            let Some(props) = s.get("properties").and_then(Json::as_object) else {
                continue;
            };
            for (name, field) in props {
                if !out.iter().any(|(n, _)| n == name) {
                    out.push((name.clone(), self.describe(field)));
                }
            }
        }
        out
    }

    /// A field's description, or the description of the type it refers to.
    fn describe(&self, s: &Json) -> Option<String> {
        s.get("description")
            .or_else(|| {
                self.branches(s)
                    .into_iter()
                    .find_map(|b| b.get("description"))
            })
            .and_then(Json::as_str)
            .map(str::to_string)
    }

    /// The values an enumerated field takes (`enum`, `const` alternatives, booleans), each
    /// with its description.
    fn values(
        &self,
        path: &[Seg],
        kind_of: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = Vec::new();
        let mut add = |v: &Json, docs: Option<String>| {
            let text = match v {
                Json::String(s) => s.clone(),
                Json::Bool(b) => b.to_string(),
                Json::Number(n) => n.to_string(),
                _ => return,
            };
            if !out.iter().any(|(t, _)| *t == text) {
                out.push((text, docs));
            }
        };
        for b in self
            .at(path, kind_of)
            .into_iter()
            .flat_map(|s| self.branches(s))
        {
            if let Some(c) = b.get("const") {
                add(
                    c,
                    b.get("description")
                        .and_then(Json::as_str)
                        .map(str::to_string),
                );
            }
            for v in b.get("enum").and_then(Json::as_array).into_iter().flatten() {
                add(v, None);
            }
            let types = match b.get("type") {
                Some(Json::String(t)) => vec![t.as_str()],
                Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
                _ => Vec::new(),
            };
            if types.contains(&"boolean") {
                add(&Json::Bool(true), None);
                add(&Json::Bool(false), None);
            }
        }
        out
    }
}

/// Where the cursor is: the path of the map (or list item) it writes in, and whether a key
/// or the value of `key` is being typed; `word` is what is typed of it so far.
#[derive(Debug, Clone, PartialEq)]
struct Cursor {
    path: Vec<Seg>,
    key: Option<String>,
    word: String,
    word_column: u32,
}

/// The line's indentation and its content after a list dash (`- `), if it is an item.
fn indentation(line: &str) -> (usize, bool, &str) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    match rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        Some(item) => (indent, true, item),
        None => (indent, false, rest),
    }
}

/// The key a block line opens (`name:`, `- name:`, `name: # comment`, `name: &anchor`),
/// when its value is written on the lines below.
fn opens(content: &str) -> Option<&str> {
    let (key, value) = content.split_once(':')?;
    let value = value.trim();
    let opens_block = value.is_empty() || value.starts_with('#') || value.starts_with('&');
    let key = key.trim().trim_matches(['"', '\'']);
    (opens_block && !key.is_empty() && !key.contains(' ')).then_some(key)
}

/// The keys of the block maps around a line indented by `indent` (the line itself not
/// included), outermost first, reading upwards.
fn block_path(lines: &[&str], line: usize, indent: usize) -> Vec<Seg> {
    let mut path = Vec::new();
    let mut limit = indent;
    for l in lines.iter().take(line).rev() {
        let trimmed = l.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (at, item, content) = indentation(l);
        // The first line of the list item this line continues (`- name: x` above `  port: 1`).
        if item && at + 2 <= limit && at < limit {
            if let Some(key) = opens(content).filter(|_| at + 2 < limit) {
                path.push(Seg::Key(key.to_string()));
            }
            path.push(Seg::Index(0));
            limit = at;
            continue;
        }
        if at < limit {
            if let Some(key) = opens(content) {
                path.push(Seg::Key(key.to_string()));
            }
            limit = at;
            if at == 0 {
                break;
            }
        }
    }
    path.reverse();
    path
}

/// What the cursor at `column` of `line` (1-based) is writing.
fn cursor(text: &str, line: u32, column: u32) -> Option<Cursor> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let index = line.checked_sub(1)? as usize;
    let here = *lines.get(index)?;
    let before: String = here
        .chars()
        .take(column.saturating_sub(1) as usize)
        .collect();
    let (indent, item, content) = indentation(&before);
    let content_indent = if item { indent + 2 } else { indent };
    let mut path = block_path(
        &lines,
        index,
        if content.is_empty() && !item {
            before.len()
        } else {
            content_indent
        },
    );
    if item {
        path.push(Seg::Index(0));
    }
    // Flow brackets opened on this line: `web: { kind: compute, subnets: [app-a, ` is
    // inside `web`'s map, in `subnets`' list.
    let mut key: Option<String> = None;
    let mut piece_start = 0usize;
    let mut in_list_of: Option<String> = None;
    let chars: Vec<char> = content.chars().collect();
    let mut quote: Option<char> = None;
    for (i, c) in chars.iter().enumerate() {
        if let Some(q) = quote {
            if *c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(*c),
            ':' if chars.get(i + 1).is_none_or(|n| *n == ' ') => {
                let k: String = chars
                    .get(piece_start..i)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                key = Some(k.trim().trim_matches(['"', '\'']).to_string());
                piece_start = i + 1;
            }
            '{' => {
                if let Some(k) = key.take() {
                    path.push(Seg::Key(k));
                }
                in_list_of = None;
                piece_start = i + 1;
            }
            '[' => {
                in_list_of = key.take();
                piece_start = i + 1;
            }
            ',' => {
                if in_list_of.is_none() {
                    key = None;
                }
                piece_start = i + 1;
            }
            '}' => {
                path.pop();
                key = None;
                piece_start = i + 1;
            }
            ']' => {
                in_list_of = None;
                key = None;
                piece_start = i + 1;
            }
            _ => {}
        }
    }
    let key = in_list_of.or(key);
    let typed: String = chars
        .get(piece_start..)
        .unwrap_or_default()
        .iter()
        .collect();
    let word = typed
        .trim_start()
        .trim_start_matches(['"', '\''])
        .to_string();
    let word_column = column - word.chars().count() as u32;
    Some(Cursor {
        path,
        key,
        word,
        word_column,
    })
}

/// The design as far as it parses: the text, else the text with `line` left blank (the
/// line being typed is the one that breaks it).
fn parsed_around(text: &str, line: u32) -> Option<Node> {
    node::parse(text).ok().or_else(|| {
        let blanked: Vec<&str> = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| if i + 1 == line as usize { "" } else { l })
            .collect();
        node::parse(&blanked.join("\n")).ok()
    })
}

/// The kind of resource `name`, from the parsed design or else from its lines (below its
/// `  name:` line, the first `kind:` before the next resource).
fn kind_finder<'a>(root: Option<&'a Node>, text: &'a str) -> impl Fn(&str) -> Option<String> + 'a {
    move |name: &str| {
        if let Some(k) = root
            .and_then(|r| r.get("resources"))
            .and_then(|r| r.get(name))
            .and_then(|r| r.get("kind"))
            .and_then(Node::scalar_text)
        {
            return Some(k.to_string());
        }
        let mut lines = text.lines().skip_while(|l| !l.starts_with("resources:"));
        lines
            .find(|l| {
                let (indent, _, content) = indentation(l);
                indent > 0
                    && content
                        .split_once(':')
                        .is_some_and(|(k, _)| k.trim() == name)
            })
            .and_then(|first| {
                let own = indentation(first).0;
                let inline = first.split("kind:").nth(1).map(str::to_string);
                inline.or_else(|| {
                    lines
                        .take_while(|l| l.trim().is_empty() || indentation(l).0 > own)
                        .find_map(|l| l.trim().strip_prefix("kind:").map(str::to_string))
                })
            })
            .map(|k| {
                k.split([',', '}', '#'])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
            .filter(|k| !k.is_empty())
    }
}

/// What may be written at the position.
pub fn complete(
    text: &str,
    line: u32,
    column: u32,
    schema: Option<&Schema>,
    catalog: &dyn PriceList,
) -> Completions {
    let Some(at) = cursor(text, line, column) else {
        return Completions::default();
    };
    let root = parsed_around(text, line);
    let kind_of = kind_finder(root.as_ref(), text);
    let matches = |label: &str| {
        at.word.is_empty()
            || label
                .to_ascii_lowercase()
                .contains(&at.word.to_ascii_lowercase())
    };
    let mut items: Vec<Item> = match &at.key {
        None => {
            // A field name, but not one the map already has.
            let existing: Vec<String> = root
                .as_ref()
                .and_then(|r| r.at(&DesignPath(at.path.clone())))
                .and_then(Node::as_map)
                .unwrap_or_default()
                .iter()
                .filter(|(k, _)| k.span.start.line != line)
                .filter_map(|(k, _)| k.scalar_text().map(str::to_string))
                .collect();
            schema
                .map(|s| s.fields(&at.path, &kind_of))
                .unwrap_or_default()
                .into_iter()
                .filter(|(name, _)| !existing.contains(name))
                .map(|(name, docs)| Item {
                    detail: "field".into(),
                    insert: format!("{name}: "),
                    label: name,
                    docs,
                    kind: ItemKind::Field,
                })
                .collect()
        }
        Some(key) => values(&at, key, root.as_ref(), schema, catalog, &kind_of),
    };
    items.retain(|i| matches(&i.label));
    Completions {
        from_column: at.word_column,
        items,
    }
}

/// The values the field `key` at the cursor may take.
fn values(
    at: &Cursor,
    key: &str,
    root: Option<&Node>,
    schema: Option<&Schema>,
    catalog: &dyn PriceList,
    kind_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<Item> {
    let item = |label: &str, detail: &str, docs: Option<String>, kind| Item {
        label: label.into(),
        detail: detail.into(),
        docs,
        kind,
        insert: label.into(),
    };
    let in_resource = matches!(at.path.first(), Some(Seg::Key(k)) if k == "resources");
    let in_rule = at
        .path
        .iter()
        .any(|s| matches!(s, Seg::Key(k) if k == "ingress" || k == "egress"));
    let names = match key {
        "subnets" if in_resource => Some(Named::Subnet),
        "security_groups" if in_resource => Some(Named::SecurityGroup),
        "origin" | "waf" if in_resource => Some(Named::Resource),
        "from" | "to" if in_rule => Some(Named::SecurityGroup),
        "resource"
            if at
                .path
                .iter()
                .any(|s| matches!(s, Seg::Key(k) if k == "waivers")) =>
        {
            Some(Named::Resource)
        }
        _ => None,
    };
    if let Some(names) = names {
        return root
            .map(|r| names.declared(r))
            .unwrap_or_default()
            .iter()
            .map(|n| item(n, names.word(), None, ItemKind::Reference))
            .collect();
    }
    if key == "kind" && in_resource {
        return REGISTRY
            .iter()
            .map(|k| item(k.name, k.summary, None, ItemKind::Kind))
            .collect();
    }
    if key == "region" {
        return catalog
            .regions()
            .iter()
            .map(|r| {
                item(
                    r,
                    "a region with prices in the catalog",
                    None,
                    ItemKind::Value,
                )
            })
            .collect();
    }
    if in_resource {
        if let Some(skus) = catalog_choices(at, key, root, catalog) {
            return skus;
        }
    }
    let mut path = at.path.clone();
    path.push(Seg::Key(key.to_string()));
    schema
        .map(|s| s.values(&path, kind_of))
        .unwrap_or_default()
        .into_iter()
        .map(|(v, docs)| item(&v, "value", docs, ItemKind::Value))
        .collect()
}

/// The catalog's SKUs for a field that picks one (`instance_type`, `instance_class`,
/// `node_type`, …) of the resource at the cursor, in its region (the design's unless it has
/// its own).
fn catalog_choices(
    at: &Cursor,
    key: &str,
    root: Option<&Node>,
    prices: &dyn PriceList,
) -> Option<Vec<Item>> {
    let root = root?;
    let Some(Seg::Key(name)) = at.path.get(1) else {
        return None;
    };
    let resource = root.get("resources")?.get(name)?;
    let kind = resource.get("kind").and_then(Node::scalar_text)?;
    let info = resources::kind_info(kind)?;
    let region = resource
        .get("region")
        .or_else(|| root.get("region"))
        .and_then(Node::scalar_text)
        .unwrap_or("us-east-1");
    let field = (info.form_fields)(resource)
        .into_iter()
        .find(|f| f.path.rsplit('.').next() == Some(key))?;
    let Holds::Catalog { group, fallback } = field.holds else {
        return None;
    };
    Some(
        prices
            .choices(region, group, fallback)?
            .into_iter()
            .map(|(sku, detail)| Item {
                label: sku.clone(),
                detail,
                docs: None,
                kind: ItemKind::Value,
                insert: sku,
            })
            .collect(),
    )
}

/// Does the span hold the position?
fn holds(span: Span, line: u32, column: u32) -> bool {
    (span.start.line, span.start.column) <= (line, column)
        && (line, column) <= (span.end.line, span.end.column)
}

/// The reference written at the position, if any.
fn reference_at(root: &Node, line: u32, column: u32) -> Option<Reference> {
    refs::references(root)
        .into_iter()
        .find(|r| holds(root.locate(&r.path), line, column))
}

/// Where the entry a reference at the position names is declared (its key).
pub fn definition(text: &str, line: u32, column: u32) -> Option<Span> {
    let root = node::parse(text).ok()?;
    let r = reference_at(&root, line, column)?;
    let path = refs::declaration(&root, r.names, &r.name)?;
    let (last, parent) = path.0.split_last()?;
    let map = root.at(&DesignPath(parent.to_vec()))?;
    match last {
        Seg::Key(k) => map.key_node(k).map(|k| k.span),
        Seg::Index(_) => None,
    }
}

/// What is under the position, in Markdown: a reference's declared entry, a kind's summary,
/// a field's documentation.
pub fn hover(text: &str, line: u32, column: u32, schema: Option<&Schema>) -> Option<String> {
    if let Ok(root) = node::parse(text) {
        if let Some(r) = reference_at(&root, line, column) {
            return Some(match refs::declaration(&root, r.names, &r.name) {
                Some(path) => {
                    let declared = root.locate(&path);
                    let value = serde_json::to_string(&root.at(&path)?.to_json()).ok()?;
                    format!(
                        "{} `{}` (line {}): `{value}`",
                        r.names.word(),
                        r.name,
                        declared.start.line
                    )
                }
                None => format!("{} `{}` does not exist", r.names.word(), r.name),
            });
        }
    }
    let here = text.split('\n').nth(line.checked_sub(1)? as usize)?;
    let chars: Vec<char> = here.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.');
    let mut start = (column.saturating_sub(1) as usize).min(chars.len());
    while start > 0 && chars.get(start - 1).copied().is_some_and(is_word) {
        start -= 1;
    }
    let mut end = start;
    while chars.get(end).copied().is_some_and(is_word) {
        end += 1;
    }
    if start == end {
        return None;
    }
    let word: String = chars.get(start..end).unwrap_or_default().iter().collect();
    let after: String = chars.get(end..).unwrap_or_default().iter().collect();
    let at = cursor(text, line, start as u32 + 1)?;
    if after.trim_start().starts_with(':') {
        // A field name: its documentation.
        let root = parsed_around(text, line);
        let kind_of = kind_finder(root.as_ref(), text);
        let mut path = at.path.clone();
        path.push(Seg::Key(word.clone()));
        let docs = schema?
            .at(&path, &kind_of)
            .into_iter()
            .find_map(|s| schema?.describe(s));
        return docs.map(|d| format!("**{word}**: {d}"));
    }
    if at.key.as_deref() == Some("kind") {
        let info = resources::kind_info(&word)?;
        return Some(format!("**{}**: {}", info.name, info.summary));
    }
    None
}

/// The fix a diagnostic proposes, if its hint names what was meant ("did you mean `x`?"):
/// the misspelt word at its position replaced.
pub fn quick_fix(text: &str, d: &Diagnostic) -> Option<Fix> {
    quick_fix_at(text, d.line?, d.column?, d.hint.as_deref()?)
}

/// [`quick_fix`] for a diagnostic known by its line, column and hint.
pub fn quick_fix_at(text: &str, line: u32, column: u32, hint: &str) -> Option<Fix> {
    let meant = crate::diag::meant(hint)?;
    let here = text.split('\n').nth(line.checked_sub(1)? as usize)?;
    let chars: Vec<char> = here.chars().collect();
    let start = column.checked_sub(1)? as usize;
    let quoted = matches!(chars.get(start), Some('"' | '\''));
    let from = start + usize::from(quoted);
    let mut end = from;
    while chars
        .get(end)
        .is_some_and(|c| !matches!(c, ':' | ',' | '}' | ']' | '"' | '\'' | ' ' | '#'))
    {
        end += 1;
    }
    (end > from).then(|| Fix {
        title: format!("Change to `{meant}`"),
        line,
        from_column: from as u32 + 1,
        to_column: end as u32 + 1,
        text: meant.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DESIGN: &str = "version: 1\nregion: us-east-1\nnetwork:\n  subnets:\n    app-a: { cidr: 10.0.1.0/24, zone: a }\n  security_groups:\n    web: { ingress: [] }\nresources:\n  web:\n    kind: compute\n    instance_type: t3.micro\n    subnets: [app-a]\n";

    fn labels(c: &Completions) -> Vec<&str> {
        c.items.iter().map(|i| i.label.as_str()).collect()
    }

    #[test]
    fn the_cursor_knows_the_maps_around_it() {
        let c = cursor(DESIGN, 11, 24).unwrap();
        assert_eq!(
            c.path,
            vec![Seg::Key("resources".into()), Seg::Key("web".into())]
        );
        assert_eq!(c.key.as_deref(), Some("instance_type"));
        assert_eq!(c.word, "t3.m");
        assert_eq!(c.word_column, 20);
        let flow = cursor(DESIGN, 5, 39).unwrap();
        assert_eq!(
            flow.path,
            vec![
                Seg::Key("network".into()),
                Seg::Key("subnets".into()),
                Seg::Key("app-a".into())
            ]
        );
        assert_eq!(flow.key.as_deref(), Some("zone"));
        let list = cursor(DESIGN, 12, 18).unwrap();
        assert_eq!(list.key.as_deref(), Some("subnets"));
        assert_eq!(list.word, "app");
    }

    #[test]
    fn a_list_item_is_a_map_in_a_list() {
        let text = "network:\n  security_groups:\n    web:\n      ingress:\n        - from: 0.0.0.0/0\n          po";
        let c = cursor(text, 6, 13).unwrap();
        assert_eq!(
            c.path,
            vec![
                Seg::Key("network".into()),
                Seg::Key("security_groups".into()),
                Seg::Key("web".into()),
                Seg::Key("ingress".into()),
                Seg::Index(0)
            ]
        );
        assert_eq!(c.key, None);
        assert_eq!(c.word, "po");
    }

    #[test]
    fn values_come_from_the_design_and_the_registry() {
        let catalog = Catalog::embedded();
        let kinds = complete("resources:\n  x:\n    kind: da", 3, 13, None, catalog);
        assert!(labels(&kinds).contains(&"database"), "{:?}", labels(&kinds));
        assert!(!labels(&kinds).contains(&"compute"));
        let subnets = complete(DESIGN, 12, 16, None, catalog);
        assert_eq!(labels(&subnets), ["app-a"]);
        let skus = complete(DESIGN, 11, 20, None, catalog);
        assert!(
            skus.items
                .iter()
                .any(|i| i.label == "t3.medium" && i.detail.contains("vCPU")),
            "{skus:?}"
        );
    }

    #[test]
    fn a_misspelt_field_is_fixed_at_its_place() {
        let text = "resources:\n  db:\n    kind: database\n    multiaz: true\n";
        let d = Diagnostic {
            line: Some(4),
            column: Some(5),
            hint: Some(crate::diag::did_you_mean("multiaz", ["multi_az"]).unwrap()),
            ..Diagnostic::error(crate::diag::Code::UnknownField, "unknown field")
        };
        let fix = quick_fix(text, &d).unwrap();
        assert_eq!(
            (fix.line, fix.from_column, fix.to_column, fix.text.as_str()),
            (4, 5, 12, "multi_az")
        );
    }

    #[test]
    fn definitions_and_hovers_follow_references() {
        let at = definition(DESIGN, 12, 15).unwrap();
        assert_eq!(at.start.line, 5);
        let h = hover(DESIGN, 12, 15, None).unwrap();
        assert!(h.contains("subnet `app-a` (line 5)"), "{h}");
        let k = hover(DESIGN, 10, 12, None).unwrap();
        assert!(k.starts_with("**compute**"), "{k}");
    }
}
