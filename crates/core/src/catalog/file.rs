//! The catalog file format (`docs/catalog.md`): one JSON file per region, plus
//! `global.json` for prices that do not depend on a region and for instance specs.
//!
//! ```json
//! { "format": "planwright-catalog", "version": 1, "region": "us-east-1",
//!   "sources": { "AmazonEC2": { "offer": "AmazonEC2", "version": "20261120000000",
//!                               "published": "2026-11-20T00:00:00Z" } },
//!   "groups": { "ec2": { "source": "AmazonEC2", "unit": "hours",
//!                        "prices": { "t3.medium": 0.0416 } } } }
//! ```
//!
//! [`read`] reports every problem with its line, column and path; [`write`] is the one
//! writer, used by `prices sync` and for the default catalog, and writes the same bytes for
//! the same catalog every time (keys sorted, one price per line, exact decimals).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::{Group, Provenance, Source, Spec, GLOBAL};
use crate::diag::{did_you_mean, Code, Diagnostic, Location};
use crate::limits::MAX_CATALOG_BYTES;
use crate::model::Provider;
use crate::source::node::{self, DesignPath, Node};

/// The value of a catalog file's `format` field.
pub const FORMAT: &str = "planwright-catalog";
/// The format version this reader understands.
pub const VERSION: u32 = 1;

/// The default catalog (`catalog/` at the repository root), as `(file name, text)`.
#[cfg(feature = "embedded-catalog")]
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "ap-northeast-1.json",
        include_str!("../../../../catalog/ap-northeast-1.json"),
    ),
    (
        "ap-northeast-2.json",
        include_str!("../../../../catalog/ap-northeast-2.json"),
    ),
    (
        "global.json",
        include_str!("../../../../catalog/global.json"),
    ),
    (
        "us-east-1.json",
        include_str!("../../../../catalog/us-east-1.json"),
    ),
    (
        "asia-northeast1.json",
        include_str!("../../../../catalog/asia-northeast1.json"),
    ),
    (
        "asia-northeast3.json",
        include_str!("../../../../catalog/asia-northeast3.json"),
    ),
    (
        "us-central1.json",
        include_str!("../../../../catalog/us-central1.json"),
    ),
];

/// One file's contents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogFile {
    /// The cloud the prices are for (`"provider"`, optional: AWS when absent).
    pub provider: Provider,
    /// The region the prices are for, or [`GLOBAL`].
    pub region: String,
    pub specs: BTreeMap<String, Spec>,
    pub groups: HashMap<String, Group>,
}

const TOP_FIELDS: &[&str] = &[
    "format", "version", "provider", "region", "sources", "specs", "groups",
];
const GROUP_FIELDS: &[&str] = &["source", "unit", "prices"];
const SOURCE_FIELDS: &[&str] = &["offer", "version", "published", "page", "read", "note"];

/// Reads a catalog file.
pub fn read(text: &str) -> Result<CatalogFile, Vec<Diagnostic>> {
    if text.len() > MAX_CATALOG_BYTES {
        return Err(vec![Diagnostic::error(
            Code::CatalogTooLarge,
            format!(
                "the catalog file is {} bytes; the limit is {MAX_CATALOG_BYTES} bytes",
                text.len()
            ),
        )
        .at(Location::start())
        .with_hint(
            "a catalog holds one region: split larger files per region",
        )]);
    }
    let root = node::parse_with_size_limit(text, MAX_CATALOG_BYTES).map_err(|d| vec![d])?;
    let mut r = Reader::default();
    let top = DesignPath::root();
    if root.as_map().is_none() {
        r.error(
            Code::CatalogInvalid,
            "a catalog file is a JSON object with `format`, `region`, `sources` and `groups`"
                .into(),
            &root,
            &top,
            None,
        );
        return Err(r.errors);
    }
    r.unknown_fields(&root, &top, TOP_FIELDS);
    match root.get("format").and_then(Node::scalar_text) {
        Some(FORMAT) => {}
        _ => r.error(
            Code::CatalogFormat,
            format!("this is not a Planwright catalog file: `format` must be `{FORMAT}`"),
            root.get("format").unwrap_or(&root),
            &top.key("format"),
            Some("catalogs are written by `planwright prices sync`; see docs/catalog.md".into()),
        ),
    }
    match root.get("version").and_then(Node::scalar_text) {
        Some(v) if v == VERSION.to_string() => {}
        other => r.error(
            Code::CatalogVersion,
            format!(
                "catalog format version {} is not supported (this Planwright reads version {VERSION})",
                other.unwrap_or("(none)")
            ),
            root.get("version").unwrap_or(&root),
            &top.key("version"),
            Some("regenerate it with this version's `planwright prices sync`".into()),
        ),
    }
    let provider = match root.get("provider") {
        None => Provider::default(),
        Some(p) => match p.scalar_text().and_then(Provider::from_name) {
            Some(p) => p,
            None => {
                let names: Vec<&str> = Provider::ALL.iter().map(|p| p.as_str()).collect();
                r.error(
                    Code::CatalogProvider,
                    format!(
                        "`provider` must name a provider this Planwright prices: {}",
                        names.join(", ")
                    ),
                    p,
                    &top.key("provider"),
                    Some("leave `provider` out for AWS".into()),
                );
                Provider::default()
            }
        },
    };
    let region = match root.get("region").and_then(Node::scalar_text) {
        Some(reg) if is_region_name(reg) => reg.to_string(),
        _ => {
            r.error(
                Code::CatalogRegion,
                "`region` must name a region (`us-east-1`) or be `global`".into(),
                root.get("region").unwrap_or(&root),
                &top.key("region"),
                None,
            );
            String::new()
        }
    };

    let mut sources: HashMap<String, Arc<Source>> = HashMap::new();
    for (k, v) in entries(&root, "sources") {
        let name = k.scalar_text().unwrap_or_default().to_string();
        let p = top.key("sources").key(&name);
        r.unknown_fields(v, &p, SOURCE_FIELDS);
        let text = |f: &str| v.get(f).and_then(Node::scalar_text).map(str::to_string);
        let provenance = match (text("offer"), text("page")) {
            (Some(code), None) => match (text("version"), text("published")) {
                (Some(version), Some(published)) if !code.is_empty() && !version.is_empty() => {
                    Some(Provenance::Offer {
                        code,
                        version,
                        published,
                    })
                }
                _ => None,
            },
            (None, Some(url)) => match text("read") {
                Some(read) if url.starts_with("https://") && is_date(&read) => {
                    Some(Provenance::Page { url, read })
                }
                _ => None,
            },
            _ => None,
        };
        match provenance {
            Some(provenance) => {
                sources.insert(
                    name.clone(),
                    Arc::new(Source::new(name, provenance, text("note"))),
                );
            }
            None => r.error(
                Code::CatalogSourceIncomplete,
                format!(
                    "source `{name}` must name an offer file (`offer`, `version`, `published`) \
                     or a page (`page`: an https URL, `read`: the YYYY-MM-DD it was read)"
                ),
                v,
                &p,
                None,
            ),
        }
    }

    let mut specs = BTreeMap::new();
    for (k, v) in entries(&root, "specs") {
        let name = k.scalar_text().unwrap_or_default();
        let vcpu = v.get("vcpu").and_then(decimal_of);
        let mem = v.get("memory_gb").and_then(decimal_of);
        match (vcpu, mem) {
            (Some(vcpu), Some(memory_gb)) => {
                specs.insert(name.to_string(), Spec { vcpu, memory_gb });
            }
            _ => r.error(
                Code::CatalogSpecInvalid,
                format!("spec `{name}` needs numeric `vcpu` and `memory_gb`"),
                v,
                &top.key("specs").key(name),
                None,
            ),
        }
    }

    let mut groups = HashMap::new();
    for (gk, gv) in entries(&root, "groups") {
        let gname = gk.scalar_text().unwrap_or_default().to_string();
        let gpath = top.key("groups").key(&gname);
        r.unknown_fields(gv, &gpath, GROUP_FIELDS);
        let source_name = gv
            .get("source")
            .and_then(Node::scalar_text)
            .unwrap_or_default();
        let Some(source) = sources.get(source_name) else {
            r.error(
                Code::CatalogSourceMissing,
                format!("price group `{gname}` names no source of this file (`{source_name}`)"),
                gv.get("source").unwrap_or(gv),
                &gpath.key("source"),
                did_you_mean(source_name, sources.keys().map(String::as_str)),
            );
            continue;
        };
        let unit = gv
            .get("unit")
            .and_then(Node::scalar_text)
            .unwrap_or_default();
        if unit.is_empty() {
            r.error(
                Code::CatalogUnitMissing,
                format!("price group `{gname}` needs a `unit` (hours, GB-months…)"),
                gv,
                &gpath,
                None,
            );
        }
        let mut prices = BTreeMap::new();
        for (sk, sv) in entries(gv, "prices") {
            let sku = sk.scalar_text().unwrap_or_default();
            match decimal_of(sv) {
                Some(d) if d >= Decimal::ZERO => {
                    prices.insert(sku.to_string(), d.normalize());
                }
                _ => r.error(
                    Code::CatalogPriceInvalid,
                    format!("price of `{sku}` must be a non-negative number"),
                    sv,
                    &gpath.key("prices").key(sku),
                    None,
                ),
            }
        }
        groups.insert(
            gname,
            Group {
                source: Arc::clone(source),
                unit: unit.into(),
                prices,
            },
        );
    }
    if r.errors.is_empty() {
        Ok(CatalogFile {
            provider,
            region,
            specs,
            groups,
        })
    } else {
        Err(r.errors)
    }
}

/// Writes a catalog file: keys sorted, one price per line, sources named as in the groups.
/// The same catalog always gives the same bytes.
pub fn write(f: &CatalogFile) -> String {
    let mut sources: BTreeMap<&str, &Source> = BTreeMap::new();
    for g in f.groups.values() {
        sources.insert(g.source.name.as_str(), &g.source);
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\n  \"format\": {},\n  \"version\": {VERSION},\n",
        json_str(FORMAT),
    );
    // AWS is the default: its files stay as they were before providers were named.
    if f.provider != Provider::Aws {
        let _ = writeln!(out, "  \"provider\": {},", json_str(f.provider.as_str()));
    }
    let _ = write!(
        out,
        "  \"region\": {},\n  \"sources\": {{",
        json_str(&f.region)
    );
    for (i, (name, s)) in sources.iter().enumerate() {
        let mut fields = match &s.provenance {
            Provenance::Offer {
                code,
                version,
                published,
            } => format!(
                "\"offer\": {}, \"version\": {}, \"published\": {}",
                json_str(code),
                json_str(version),
                json_str(published)
            ),
            Provenance::Page { url, read } => {
                format!("\"page\": {}, \"read\": {}", json_str(url), json_str(read))
            }
        };
        if let Some(note) = &s.note {
            let _ = write!(fields, ", \"note\": {}", json_str(note));
        }
        let _ = write!(out, "{}\n    {}: {{ {fields} }}", sep(i), json_str(name));
    }
    out.push_str(if sources.is_empty() {
        "},\n"
    } else {
        "\n  },\n"
    });
    if !f.specs.is_empty() {
        out.push_str("  \"specs\": {");
        for (i, (name, s)) in f.specs.iter().enumerate() {
            let _ = write!(
                out,
                "{}\n    {}: {{ \"vcpu\": {}, \"memory_gb\": {} }}",
                sep(i),
                json_str(name),
                s.vcpu.normalize(),
                s.memory_gb.normalize()
            );
        }
        out.push_str("\n  },\n");
    }
    out.push_str("  \"groups\": {");
    let mut names: Vec<&String> = f.groups.keys().collect();
    crate::order::sort(&mut names);
    for (i, name) in names.iter().enumerate() {
        let Some(g) = f.groups.get(*name) else {
            continue;
        };
        let _ = write!(
            out,
            "{}\n    {}: {{\n      \"source\": {},\n      \"unit\": {},\n      \"prices\": {{",
            sep(i),
            json_str(name),
            json_str(&g.source.name),
            json_str(&g.unit)
        );
        for (j, (sku, usd)) in g.prices.iter().enumerate() {
            let _ = write!(
                out,
                "{}\n        {}: {}",
                sep(j),
                json_str(sku),
                usd.normalize()
            );
        }
        out.push_str(if g.prices.is_empty() {
            "}\n    }"
        } else {
            "\n      }\n    }"
        });
    }
    out.push_str(if f.groups.is_empty() {
        "}\n}\n"
    } else {
        "\n  }\n}\n"
    });
    out
}

fn sep(i: usize) -> &'static str {
    if i == 0 {
        ""
    } else {
        ","
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[derive(Default)]
struct Reader {
    errors: Vec<Diagnostic>,
}

impl Reader {
    fn error(
        &mut self,
        code: Code,
        msg: String,
        n: &Node,
        path: &DesignPath,
        hint: Option<String>,
    ) {
        if self.errors.len() < crate::limits::MAX_ERRORS {
            self.errors.push(
                Diagnostic::error(code, msg)
                    .with_path(path)
                    .at(Location::of(n.span.start))
                    .with_hint_opt(hint),
            );
        }
    }

    fn unknown_fields(&mut self, n: &Node, path: &DesignPath, known: &[&str]) {
        for (k, _) in n.as_map().unwrap_or_default() {
            let key = k.scalar_text().unwrap_or_default();
            if !known.contains(&key) {
                self.error(
                    Code::CatalogUnknownField,
                    format!("unknown field `{key}` in a catalog file"),
                    k,
                    &path.key(key),
                    did_you_mean(key, known.iter().copied()),
                );
            }
        }
    }
}

fn entries<'a>(n: &'a Node, key: &str) -> impl Iterator<Item = &'a (Node, Node)> {
    n.get(key).and_then(Node::as_map).unwrap_or_default().iter()
}

fn decimal_of(n: &Node) -> Option<Decimal> {
    let text = n.scalar_text()?;
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()
}

/// `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A region code (`us-east-1`, `ap-northeast-2`, `us-gov-west-1`) or `global`: lowercase
/// letters, digits and dashes, so it is safe as a file name and in a URL.
pub fn is_region_name(s: &str) -> bool {
    s == GLOBAL
        || (!s.is_empty()
            && s.len() <= 32
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && (s.bytes().any(|b| b == b'-')
                // Azure's region names have no dash (`koreacentral`).
                || crate::model::provider::AZURE_REGIONS.contains(&s))
            && !s.starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
  "format": "planwright-catalog",
  "version": 1,
  "region": "us-west-2",
  "sources": {
    "AmazonEC2": { "offer": "AmazonEC2", "version": "20261120000000", "published": "2026-11-20T00:00:00Z" }
  },
  "specs": {
    "t3.micro": { "vcpu": 2, "memory_gb": 1 }
  },
  "groups": {
    "ec2": {
      "source": "AmazonEC2",
      "unit": "hours",
      "prices": {
        "t3.micro": 0.0104
      }
    }
  }
}
"#;

    #[test]
    fn reads_and_writes_back_the_same_bytes() {
        let f = read(GOOD).unwrap();
        assert_eq!(f.region, "us-west-2");
        let g = &f.groups["ec2"];
        assert_eq!(g.prices["t3.micro"].to_string(), "0.0104");
        assert_eq!(
            &*g.source.citation,
            "AWS Price List AmazonEC2 20261120000000 (published 2026-11-20T00:00:00Z)"
        );
        assert_eq!(write(&f), GOOD);
    }

    #[test]
    fn a_group_without_its_source_is_located() {
        let text = GOOD.replace("\"source\": \"AmazonEC2\"", "\"source\": \"AmazonEC3\"");
        let e = read(&text).unwrap_err();
        assert_eq!(e[0].code, "catalog-source-missing");
        assert_eq!(e[0].line, Some(13));
        assert_eq!(e[0].path, "groups.ec2.source");
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `AmazonEC2`?"));
    }

    #[test]
    fn bad_prices_fields_and_formats_are_all_reported() {
        let text = GOOD
            .replace("0.0104", "-1")
            .replace("\"unit\"", "\"units\"")
            .replace("planwright-catalog", "something-else");
        let codes: Vec<&str> = read(&text)
            .unwrap_err()
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"catalog-format"), "{codes:?}");
        assert!(codes.contains(&"catalog-unknown-field"), "{codes:?}");
        assert!(codes.contains(&"catalog-unit-missing"), "{codes:?}");
        assert!(codes.contains(&"catalog-price-invalid"), "{codes:?}");
    }

    #[test]
    fn a_region_is_a_safe_name() {
        assert!(is_region_name("ap-northeast-2") && is_region_name("global"));
        assert!(is_region_name("koreacentral") && is_region_name("asia-northeast3"));
        for bad in ["", "../etc", "US-EAST-1", "us east", "a/b-1", "useast"] {
            assert!(!is_region_name(bad), "{bad}");
        }
        let e = read(&GOOD.replace("us-west-2", "../../x")).unwrap_err();
        assert_eq!(e[0].code, "catalog-region");
    }

    #[test]
    fn not_json_or_too_large_is_an_error_not_a_panic() {
        assert!(read("{").is_err());
        assert!(read("[1, 2]").is_err());
        let huge = " ".repeat(MAX_CATALOG_BYTES + 1);
        assert_eq!(read(&huge).unwrap_err()[0].code, "catalog-too-large");
    }
}
