//! Policy: built-in rules with stable IDs, evaluated over the typed design (never its text),
//! plus the organisation's settings (`policy:`), waivers and their expiry.
//!
//! Adding a rule: a file in `rules/` exposing `pub const RULE: Rule` and `pub const DOCS:
//! RuleDocs`, its module name in `rules::registry!`, then regenerate `docs/rules.md` (`UPDATE_GOLDEN=1 cargo test -p planwright-core`).

pub mod custom;
pub mod first_match;
pub mod reach;
pub mod rules;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::design::Design;
use crate::model::Environment;
use crate::path::DesignPath;
use crate::pricing::CostReport;
use reach::Reach;
pub use rules::{DOCS, RULES};

/// A policy finding. Texts fixed by a built-in rule are borrowed, not copied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: Cow<'static, str>,
    pub severity: Cow<'static, str>,
    pub title: Cow<'static, str>,
    pub resource: String,
    /// Typed segments, serialized as text: a resource named `api.v2` stays one key.
    pub path: DesignPath,
    /// The file `line` and `column` are in, when not the design itself (a `.tf` file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Box<str>>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub fix: Cow<'static, str>,
    pub waived: bool,
    /// The waiver's reason, when waived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Network,
    Data,
    Backup,
    Availability,
    Governance,
    Cost,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Network => "Network",
            Category::Data => "Data protection",
            Category::Backup => "Backup",
            Category::Availability => "Availability",
            Category::Governance => "Governance",
            Category::Cost => "Cost",
        }
    }
}

/// One built-in rule: what the engine runs and every report shows. Its documentation is
/// [`RuleDocs`], in the same file.
pub struct Rule {
    /// Stable ID, never reused or renumbered: `NET-001`.
    pub id: &'static str,
    pub slug: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub title: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    pub check: fn(&Ctx) -> Vec<Hit>,
}

/// A rule's documentation, read by docs/rules.md, SARIF and the tests. Kept out of
/// [`Rule`] so that a build which never reads it (the page) does not carry its text. The
/// examples are designs (the top-level `version`, `name` and `region` may be left out) that
/// are both the rule's tests and its documentation.
pub struct RuleDocs {
    /// Why it matters.
    pub explanation: &'static str,
    /// The matching Checkov / tfsec checks, where they exist.
    pub equivalents: &'static [&'static str],
    /// A design that passes.
    pub good: &'static str,
    /// A design that fails.
    pub bad: &'static str,
}

/// A rule's verdict on one place of the design.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub resource: String,
    pub path: DesignPath,
    pub message: String,
}

impl Hit {
    pub fn new(resource: impl Into<String>, path: DesignPath, message: impl Into<String>) -> Hit {
        Hit {
            resource: resource.into(),
            path,
            message: message.into(),
        }
    }
}

/// Thresholds an organisation can set in `policy.thresholds`, with their defaults.
pub const THRESHOLDS: &[(&str, f64, &str)] = &[
    (
        "backup_retention_days_min",
        7.0,
        "BAK-002: fewest days of backups",
    ),
    (
        "admin_cidr_min_prefix",
        24.0,
        "NET-005: narrowest IPv4 prefix allowed on SSH/RDP (IPv6: this + 32)",
    ),
    (
        "target_cpu_max",
        80.0,
        "COST-002: highest autoscaling CPU target",
    ),
    (
        "secret_rotation_days_max",
        90.0,
        "GOV-002: longest secret rotation period",
    ),
    (
        "log_retention_days_min",
        30.0,
        "GOV-003: fewest days logs are kept",
    ),
];

/// What a rule reads: the design, its network reachability, its cost, its thresholds.
pub struct Ctx<'a> {
    pub design: &'a Design,
    pub reach: Reach<'a>,
    pub cost: Option<&'a CostReport>,
    thresholds: BTreeMap<String, f64>,
}

impl<'a> Ctx<'a> {
    pub fn new(design: &'a Design, cost: Option<&'a CostReport>) -> Ctx<'a> {
        let mut thresholds: BTreeMap<String, f64> = THRESHOLDS
            .iter()
            .map(|(k, v, _)| (k.to_string(), *v))
            .collect();
        if let Some(p) = &design.policy {
            thresholds.extend(p.thresholds.iter().map(|(k, v)| (k.clone(), *v)));
        }
        Ctx {
            design,
            reach: Reach::of(design),
            cost,
            thresholds,
        }
    }

    /// Production rules apply to `environment: prod` and to designs that do not say
    /// (the stricter reading).
    pub fn is_prod(&self) -> bool {
        matches!(self.design.environment, None | Some(Environment::Prod))
    }

    pub fn threshold(&self, name: &str) -> f64 {
        self.thresholds.get(name).copied().unwrap_or(0.0)
    }

    pub fn resource_path(name: &str) -> DesignPath {
        DesignPath::root().key("resources").key(name)
    }

    pub fn sg_path(group: &str) -> DesignPath {
        DesignPath::root()
            .key("network")
            .key("security_groups")
            .key(group)
    }
}

/// Runs every rule of the selected packs and applies waivers. `today` (`YYYY-MM-DD`, from
/// the shell: the core reads no clock) decides which waivers have expired.
pub fn check(design: &Design, cost: Option<&CostReport>, today: Option<&str>) -> Vec<Finding> {
    check_located(design, cost, today, &mut |_| None)
}

/// As [`check`], locating each finding as it is made: `locate` turns a design path into a
/// line and column (the caller owns the source tree).
pub fn check_located(
    design: &Design,
    cost: Option<&CostReport>,
    today: Option<&str>,
    locate: &mut dyn FnMut(&DesignPath) -> Option<(u32, u32)>,
) -> Vec<Finding> {
    let ctx = Ctx::new(design, cost);
    let policy = design.policy.clone().unwrap_or_default();
    let mut findings = Vec::new();
    for rule in RULES {
        if policy.disable.iter().any(|d| d == rule.id) {
            continue;
        }
        for hit in (rule.check)(&ctx) {
            findings.push(finding(rule, hit, locate));
        }
    }
    findings.extend(custom::run(design, &policy.rules, locate));
    if !policy.severity.is_empty() {
        for f in &mut findings {
            if let Some(s) = policy.severity.get(f.rule.as_ref()) {
                f.severity = Cow::Borrowed(s.severity().as_str());
            }
        }
    }
    apply_waivers(design, today, &mut findings, locate);
    // Ordered by the path's text, as reports have always listed them.
    crate::order::sort_by_cached_key(&mut findings, |f| {
        (
            std::cmp::Reverse(Severity::parse(&f.severity).unwrap_or(Severity::Low)),
            f.rule.clone(),
            f.path.to_string(),
        )
    });
    findings
}

fn finding(
    rule: &Rule,
    hit: Hit,
    locate: &mut dyn FnMut(&DesignPath) -> Option<(u32, u32)>,
) -> Finding {
    let at = locate(&hit.path);
    Finding {
        rule: Cow::Borrowed(rule.id),
        severity: Cow::Borrowed(rule.severity.as_str()),
        title: Cow::Borrowed(rule.title),
        resource: hit.resource,
        path: hit.path,
        file: None,
        line: at.map(|(l, _)| l),
        column: at.map(|(_, c)| c),
        message: hit.message,
        fix: Cow::Borrowed(rule.fix),
        waived: false,
        waiver: None,
    }
}

/// Waived findings stay in the list, marked; an expired waiver is a finding itself, and a
/// waiver that matches nothing is reported so stale waivers get cleaned up.
fn apply_waivers(
    design: &Design,
    today: Option<&str>,
    findings: &mut Vec<Finding>,
    locate: &mut dyn FnMut(&DesignPath) -> Option<(u32, u32)>,
) {
    let Some(policy) = &design.policy else { return };
    let mut extra = Vec::new();
    for (i, w) in policy.waivers.iter().enumerate() {
        let path = DesignPath::root().key("policy").key("waivers").index(i);
        let expired = match (&w.expires, today) {
            (Some(exp), Some(today)) => exp.as_str() < today,
            _ => false,
        };
        let matches =
            |f: &Finding| f.rule == w.rule && w.resource.as_ref().is_none_or(|r| *r == f.resource);
        let target = w.resource.as_deref().unwrap_or("any resource");
        if expired {
            extra.push(finding(
                &rules::waiver_expired::RULE,
                Hit::new(
                    target,
                    path.key("expires"),
                    format!(
                        "the waiver of {} for {target} expired on {}: its findings count again",
                        w.rule,
                        w.expires.as_deref().unwrap_or_default()
                    ),
                ),
                locate,
            ));
            continue;
        }
        let mut used = false;
        for f in findings.iter_mut().filter(|f| matches(f)) {
            f.waived = true;
            f.waiver = Some(w.reason.clone());
            used = true;
        }
        if !used {
            extra.push(finding(
                &rules::waiver_unused::RULE,
                Hit::new(
                    target,
                    path.key("rule"),
                    format!("the waiver of {} for {target} matches no finding", w.rule),
                ),
                locate,
            ));
        }
    }
    findings.extend(extra);
}

/// `docs/rules.md`, generated from [`RULES`] (a test keeps the file current).
pub fn rules_markdown() -> String {
    let mut s = String::from(
        "# Policy rules\n\n<!-- Generated from crates/core/src/policy/rules/ by `UPDATE_GOLDEN=1 cargo test -p planwright-core`. Do not edit. -->\n\n",
    );
    s += "Rules run on every evaluation. Production rules apply to `environment: prod` and to designs that do not name an environment.\n\n";
    s += "| ID | Severity | Title | Checkov / tfsec |\n|---|---|---|---|\n";
    for (r, d) in RULES.iter().zip(DOCS) {
        s += &format!(
            "| [{}](#{}) | {} | {} | {} |\n",
            r.id,
            r.id.to_ascii_lowercase(),
            r.severity.as_str(),
            r.title,
            d.equivalents.join(", ")
        );
    }
    s += r#"
## Your own rules

Write rules in the design's `policy.rules` or in a policy pack (a file with the fields of
`policy:`, given to `planwright evaluate --policy PACK` or imported in the page). They run
the same in the CLI and the page, and a broken rule is a located error.

```yaml
name: acme-platform          # a pack's name
required_tags: [Owner]       # lists add up with the design's; allowed_regions narrow
thresholds: { backup_retention_days_min: 14 }
disable: [COST-002]          # built-in rules off
severity: { TAG-001: high }  # severity overrides
rules:
  - id: ACME-001             # your own prefix; built-in IDs are refused
    title: Databases use gp3 storage
    severity: medium
    kinds: [database]        # resource kinds (all if absent)
    environments: [prod]     # design environments (all if absent)
    when: [ { path: engine, in: [mysql, postgres] } ]  # all must hold to select a resource
    require: [ { path: storage.type, equals: gp3 } ]   # each that fails is a finding
    message: "`{resource}` uses {value} storage"       # optional
    fix: "Set `storage: { type: gp3 }`."
```

A condition has a `path` into the resource as the format writes it (`storage.type`,
`tags.Owner`, `volumes[0].size_gb`, or `"volumes[*].encrypted"` for every element; quote
paths with `*` in flow style, where YAML reads `*` as an alias) and operators, all of which
must hold: `equals`, `not_equals`, `in`, `not_in`, `exists: true|false`, `min`, `max`,
`matches` (a glob with `*`). A rule is one pass over the resources with no loops in the rule
language, so no rule can hang; a pack holds at most 1,000 rules of at most 50 conditions.

Why not Rego: evaluating Rego in the page through the `regorus` crate measured 286 KB gzip of
WebAssembly for a minimal module (862 KB raw), which with the rest of the page would break
the 500 KB budget; this format costs a few KB and answers in microseconds per rule.
"#;
    s += "\n## Thresholds\n\nSet in `policy.thresholds`:\n\n| name | default | used by |\n|---|---|---|\n";
    for (k, v, what) in THRESHOLDS {
        s += &format!("| `{k}` | {v} | {what} |\n");
    }
    for (r, d) in RULES.iter().zip(DOCS) {
        s += &format!(
            "\n## {}\n\n**{}** · {} · {} · `{}`\n\n{}\n\n**Fix:** {}\n\n",
            r.id,
            r.title,
            r.severity.as_str(),
            r.category.as_str(),
            r.slug,
            d.explanation,
            r.fix
        );
        if !d.equivalents.is_empty() {
            s += &format!("**Equivalent checks:** {}\n\n", d.equivalents.join(", "));
        }
        s += &format!(
            "Fails:\n\n```yaml\n{}\n```\n\nPasses:\n\n```yaml\n{}\n```\n",
            d.bad.trim_end(),
            d.good.trim_end()
        );
    }
    s
}

/// Reads a policy pack file (the fields of a design's `policy:` section), with every
/// problem located.
pub fn load_pack(text: &str) -> Result<crate::model::Policy, Vec<crate::diag::Diagnostic>> {
    use crate::source::{de::from_node, node};
    let root = node::parse(text).map_err(|d| vec![d])?;
    let policy: crate::model::Policy =
        from_node(&root, &DesignPath::root()).map_err(|d| vec![d])?;
    let errors: Vec<crate::diag::Diagnostic> =
        custom::check_rules(&policy.rules, &DesignPath::root().key("rules"))
            .into_iter()
            .map(|(path, code, msg)| {
                crate::diag::Diagnostic::error(code, msg).located(&root, &path)
            })
            .collect();
    if errors.is_empty() {
        Ok(policy)
    } else {
        Err(errors)
    }
}
