//! User-defined rules: a small declarative format that platform teams write without
//! recompiling, in the design's `policy.rules` or in a policy pack file. It runs the same in
//! the CLI and the page.
//!
//! ```yaml
//! rules:
//!   - id: ORG-001
//!     title: Databases use gp3 storage
//!     severity: medium
//!     kinds: [database]                      # resource kinds it applies to (all if absent)
//!     environments: [prod]                   # design environments it applies to (all if absent)
//!     when: [ { path: engine, in: [mysql, postgres] } ]   # all must hold to select a resource
//!     require: [ { path: storage.type, equals: gp3 } ]    # each that fails is a finding
//!     fix: Use gp3 storage.
//! ```
//!
//! Paths are dotted field names of the resource as the format writes them (`storage.type`,
//! `tags.Owner`, `volumes[0].size_gb`); `[*]` means every element. Operators: `equals`,
//! `not_equals`, `in`, `not_in`, `exists`, `min`, `max`, `matches` (a glob with `*`).
//! Evaluation is one pass over the resources per rule with no loops or recursion in the
//! rule language, so a rule cannot hang; sizes are capped by [`MAX_RULES`] and
//! [`MAX_CONDITIONS`].

use crate::diag::Code;
use std::borrow::Cow;

use serde_json::Value;

use super::Finding;
use super::Severity;
use crate::design::Design;
pub use crate::model::user_rule::{Condition, UserRule, UserSeverity, MAX_CONDITIONS, MAX_RULES};
use crate::path::DesignPath;

impl UserSeverity {
    pub fn severity(self) -> Severity {
        match self {
            UserSeverity::Low => Severity::Low,
            UserSeverity::Medium => Severity::Medium,
            UserSeverity::High => Severity::High,
            UserSeverity::Critical => Severity::Critical,
        }
    }
}

impl Condition {
    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(v) = &self.equals {
            parts.push(format!("equal {}", show(v)));
        }
        if let Some(v) = &self.not_equals {
            parts.push(format!("not equal {}", show(v)));
        }
        if let Some(v) = &self.r#in {
            parts.push(format!(
                "be one of {}",
                v.iter().map(show).collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some(v) = &self.not_in {
            parts.push(format!(
                "not be one of {}",
                v.iter().map(show).collect::<Vec<_>>().join(", ")
            ));
        }
        match self.exists {
            Some(true) => parts.push("be set".into()),
            Some(false) => parts.push("be absent".into()),
            None => {}
        }
        if let Some(m) = self.min {
            parts.push(format!("be at least {m}"));
        }
        if let Some(m) = self.max {
            parts.push(format!("be at most {m}"));
        }
        if let Some(m) = &self.matches {
            parts.push(format!("match `{m}`"));
        }
        format!("`{}` must {}", self.path, parts.join(" and "))
    }

    /// Whether the condition holds on `resource`; the value found (for messages).
    fn test<'v>(&self, resource: &'v Value) -> (bool, Option<&'v Value>) {
        let values = select(resource, &self.path);
        if self.exists == Some(false) {
            return (
                values.iter().all(Option::is_none),
                values.into_iter().flatten().next(),
            );
        }
        if values.iter().any(Option::is_none) || values.is_empty() {
            // Absent: only `exists: false` (above) and `not_equals` / `not_in` can hold.
            let ok = self.exists.is_none()
                && self.equals.is_none()
                && self.r#in.is_none()
                && self.min.is_none()
                && self.max.is_none()
                && self.matches.is_none();
            return (ok, None);
        }
        let values: Vec<&Value> = values.into_iter().flatten().collect();
        for v in &values {
            if !self.holds(v) {
                return (false, Some(*v));
            }
        }
        (true, values.into_iter().next())
    }

    fn holds(&self, v: &Value) -> bool {
        let eq = loose_eq;
        self.equals.as_ref().is_none_or(|e| eq(v, e))
            && self.not_equals.as_ref().is_none_or(|e| !eq(v, e))
            && self
                .r#in
                .as_ref()
                .is_none_or(|set| set.iter().any(|e| eq(v, e)))
            && self
                .not_in
                .as_ref()
                .is_none_or(|set| !set.iter().any(|e| eq(v, e)))
            && self.min.is_none_or(|m| v.as_f64().is_some_and(|x| x >= m))
            && self.max.is_none_or(|m| v.as_f64().is_some_and(|x| x <= m))
            && self.matches.as_ref().is_none_or(|g| match v {
                Value::String(s) => glob(g, s),
                other => glob(g, &other.to_string()),
            })
    }
}

/// Equality as a YAML author means it: `1` equals `1.0`, and `"1"` equals `1` (a scalar's
/// text), without allocating in the common same-type case.
fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(_), Value::Number(_)) => a.as_f64() == b.as_f64(),
        (Value::String(s), other) | (other, Value::String(s)) => match other {
            Value::Number(_) | Value::Bool(_) => *s == other.to_string(),
            _ => false,
        },
        _ => a == b,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn show(v: &Value) -> String {
    format!("`{}`", text(v))
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return pattern == s;
    };
    if parts.len() == 1 {
        return pattern == s;
    }
    if !s.starts_with(first) || s.len() < first.len() + last.len() || !s.ends_with(last) {
        return false;
    }
    let Some(mut rest) = s.get(first.len()..s.len() - last.len()) else {
        return false;
    };
    for mid in parts.iter().skip(1).take(parts.len().saturating_sub(2)) {
        match rest.find(mid) {
            Some(i) => rest = rest.get(i + mid.len()..).unwrap_or_default(),
            None => return false,
        }
    }
    true
}

/// The values at `path` (`a.b[0].c`, `[*]` for every element); `None` where absent.
fn select<'v>(root: &'v Value, path: &str) -> Vec<Option<&'v Value>> {
    let mut current: Vec<Option<&Value>> = vec![Some(root)];
    for part in path.split('.') {
        let (name, indices) = part.split_once('[').map_or((part, ""), |(n, i)| (n, i));
        let mut next = Vec::new();
        for v in current {
            let v = match v {
                Some(v) if !name.is_empty() => v.get(name),
                other => other,
            };
            next.push(v);
        }
        current = next;
        for idx in indices.split('[').filter(|s| !s.is_empty()) {
            let idx = idx.trim_end_matches(']');
            let mut next = Vec::new();
            for v in current {
                match (v, idx) {
                    (Some(Value::Array(items)), "*") => next.extend(items.iter().map(Some)),
                    (Some(Value::Array(items)), i) => {
                        next.push(i.parse::<usize>().ok().and_then(|i| items.get(i)))
                    }
                    _ => next.push(None),
                }
            }
            current = next;
        }
    }
    current
}

/// Problems in user rules that reading them (serde) cannot see: reused built-in IDs,
/// duplicate IDs, no assertions, too many rules or conditions. `(path, message)` pairs.
pub fn check_rules(rules: &[UserRule], base: &DesignPath) -> Vec<(DesignPath, Code, String)> {
    let mut out = Vec::new();
    if rules.len() > MAX_RULES {
        out.push((
            base.clone(),
            Code::TooManyRules,
            format!("{} user rules; the limit is {MAX_RULES}", rules.len()),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, r) in rules.iter().enumerate() {
        let p = base.index(i);
        if super::RULES.iter().any(|b| b.id == r.id) {
            out.push((
                p.key("id"),
                Code::RuleIdTaken,
                format!(
                    "`{}` is a built-in rule's ID; choose your own prefix (e.g. ORG-001)",
                    r.id
                ),
            ));
        }
        if !seen.insert(r.id.as_str()) {
            out.push((
                p.key("id"),
                Code::DuplicateRuleId,
                format!("rule ID `{}` is used twice", r.id),
            ));
        }
        if r.require.is_empty() {
            out.push((
                p.key("require"),
                Code::InvalidRule,
                "a rule needs at least one `require` condition".into(),
            ));
        }
        if r.when.len() + r.require.len() > MAX_CONDITIONS {
            out.push((
                p.clone(),
                Code::TooManyConditions,
                format!("the limit is {MAX_CONDITIONS} conditions per rule"),
            ));
        }
        for (j, c) in r.when.iter().chain(r.require.iter()).enumerate() {
            let ops = [
                c.equals.is_some(),
                c.not_equals.is_some(),
                c.r#in.is_some(),
                c.not_in.is_some(),
                c.exists.is_some(),
                c.min.is_some(),
                c.max.is_some(),
                c.matches.is_some(),
            ];
            if !ops.iter().any(|x| *x) {
                let (list, k) = if j < r.when.len() {
                    ("when", j)
                } else {
                    ("require", j - r.when.len())
                };
                out.push((p.key(list).index(k), Code::InvalidRule, "a condition needs an operator: equals, not_equals, in, not_in, exists, min, max or matches".into()));
            }
        }
    }
    out
}

/// Adds the design-level tags a resource does not set itself to its `tags`.
fn inherit_tags(resource: &mut Value, design_tags: &std::collections::BTreeMap<String, String>) {
    if design_tags.is_empty() {
        return;
    }
    let Some(fields) = resource.as_object_mut() else {
        return;
    };
    let tags = fields
        .entry("tags")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if let Some(tags) = tags.as_object_mut() {
        for (k, v) in design_tags {
            tags.entry(k.clone())
                .or_insert_with(|| Value::String(v.clone()));
        }
    }
}

/// Findings of the user rules over the design (paths point at each resource's field, or
/// the resource when the field is absent).
pub fn run(
    design: &Design,
    rules: &[UserRule],
    locate: &mut dyn FnMut(&DesignPath) -> Option<(u32, u32)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if rules.is_empty() {
        return findings;
    }
    let env = design.environment.map(|e| e.as_str()).unwrap_or("prod");
    // Each resource as the format writes it, built once for all rules, with the design's
    // `tags:` merged into its own (the resource's win): rules see the tags it will carry.
    let resources: Vec<(&str, &str, Value)> = design
        .resources
        .iter()
        .map(|(n, r)| {
            let mut value = serde_json::to_value(r).unwrap_or(Value::Null);
            inherit_tags(&mut value, &design.tags);
            (n.as_str(), r.kind(), value)
        })
        .collect();
    for rule in rules.iter().take(MAX_RULES) {
        if !rule.environments.is_empty() && !rule.environments.iter().any(|e| e == env) {
            continue;
        }
        for (name, kind, value) in &resources {
            if !rule.kinds.is_empty() && !rule.kinds.iter().any(|k| k == kind) {
                continue;
            }
            if !rule.when.iter().all(|c| c.test(value).0) {
                continue;
            }
            for c in rule.require.iter().take(MAX_CONDITIONS) {
                let (ok, found) = c.test(value);
                if ok {
                    continue;
                }
                let base = DesignPath::root().key("resources").key(*name);
                let path = DesignPath(
                    base.0
                        .iter()
                        .cloned()
                        .chain(DesignPath::parse(&c.path.replace("[*]", "")).0)
                        .collect(),
                );
                let found_text = found.map(text).unwrap_or_else(|| "absent".into());
                let message = match &rule.message {
                    Some(m) => m
                        .replace("{resource}", name)
                        .replace("{value}", &found_text),
                    None => format!("`{name}`: {} (found {found_text})", c.describe()),
                };
                let at = locate(&path);
                findings.push(Finding {
                    rule: Cow::Owned(rule.id.clone()),
                    severity: Cow::Borrowed(rule.severity.severity().as_str()),
                    title: Cow::Owned(rule.title.clone()),
                    resource: name.to_string(),
                    path: path.clone(),
                    file: None,
                    line: at.map(|(l, _)| l),
                    column: at.map(|(_, c)| c),
                    message,
                    fix: Cow::Owned(rule.fix.clone()),
                    waived: false,
                    waiver: None,
                });
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("db.r*", "db.r6g.large"));
        assert!(glob("*.large", "db.r6g.large"));
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxc"));
        assert!(glob("exact", "exact"));
    }

    #[test]
    fn selecting_paths() {
        let v: Value = serde_json::json!({ "storage": { "type": "gp3" }, "volumes": [ { "encrypted": true }, { "size_gb": 3 } ] });
        assert_eq!(select(&v, "storage.type"), vec![Some(&Value::from("gp3"))]);
        assert_eq!(
            select(&v, "volumes[*].encrypted"),
            vec![Some(&Value::from(true)), None]
        );
        assert_eq!(
            select(&v, "volumes[1].size_gb"),
            vec![Some(&Value::from(3))]
        );
        assert_eq!(select(&v, "nope.deeper"), vec![None]);
    }
}
