//! Checks that need the whole design: numbers in range, CIDRs, references between
//! sections, scaling bounds, schedules and time zones, durations. Every problem becomes a
//! located error; all of them are reported.

use std::collections::BTreeSet;

use ipnet::IpNet;

use crate::cost::schedule::{check_timezone, parse_days, parse_hours};
use crate::design::Design;
use crate::diag::{did_you_mean, Code, Diagnostic, Location};
use crate::limits;
use crate::model::{Provider, Scaling, Scenario, Schedule};
use crate::policy::first_match::AZURE_SERVICE_TAGS;
use crate::resources::Resource;
use crate::source::node::{DesignPath, Node, Resolved, Seg, Value};
use crate::units::parse_duration_minutes;

pub fn validate(design: &Design, root: &Node, errors: &mut Vec<Diagnostic>) {
    numbers(root, &mut Vec::new(), errors);
    network(design, root, errors);
    firewall_semantics(design, root, errors);
    references(design, root, errors);
    scaling(design, root, errors);
    kind_problems(design, root, errors);
    if let Some(dr) = &design.dr {
        let named = dr
            .targets
            .iter()
            .map(|t| (DesignPath::parse("dr.targets"), t))
            .chain(dr.resource_targets.iter().map(|(name, t)| {
                (
                    DesignPath::root()
                        .key("dr")
                        .key("resource_targets")
                        .key(name.as_str()),
                    t,
                )
            }));
        for (at, t) in named {
            for (field, value) in [("rto", &t.rto), ("rpo", &t.rpo)] {
                if let Some(v) = value {
                    if let Err(msg) = parse_duration_minutes(v) {
                        errors.push(
                            Diagnostic::error(Code::InvalidDuration, msg)
                                .located(root, &at.key(field))
                                .with_hint("write durations like `30s`, `15m`, `4h`, `1d`"),
                        );
                    }
                }
            }
            for (i, s) in t.scenarios.iter().enumerate() {
                if Scenario::parse(s).is_none() {
                    let mut d = Diagnostic::error(
                        Code::UnknownScenario,
                        format!("`{s}` is not a disruption scenario"),
                    )
                    .located(root, &at.key("scenarios").index(i));
                    d = match did_you_mean(s, Scenario::ALL.iter().map(|s| s.as_str())) {
                        Some(hint) => d.with_hint(hint),
                        None => {
                            d.with_hint("the scenarios are instance, zone, region and corruption")
                        }
                    };
                    errors.push(d);
                }
            }
        }
        for name in dr.resource_targets.keys() {
            if !design.resources.iter().any(|(n, _)| n == name) {
                let mut d = Diagnostic::error(
                    Code::UnknownResource,
                    format!("`dr.resource_targets` names `{name}`, which is not a resource"),
                )
                .located(
                    root,
                    &DesignPath::root()
                        .key("dr")
                        .key("resource_targets")
                        .key(name.as_str()),
                );
                if let Some(hint) =
                    did_you_mean(name, design.resources.iter().map(|(n, _)| n.as_str()))
                {
                    d = d.with_hint(hint);
                }
                errors.push(d);
            }
        }
    }
    if let Some(policy) = &design.policy {
        let base = DesignPath::parse("policy.rules");
        for (path, code, msg) in crate::policy::custom::check_rules(&policy.rules, &base) {
            errors.push(Diagnostic::error(code, msg).located(root, &path));
        }
        for (i, id) in policy.disable.iter().enumerate() {
            if !crate::policy::RULES.iter().any(|r| r.id == id) {
                errors.push(
                    Diagnostic::error(Code::UnknownRule, format!("`{id}` is not a built-in rule"))
                        .located(root, &DesignPath::parse("policy.disable").index(i))
                        .with_hint_opt(did_you_mean(id, crate::policy::RULES.iter().map(|r| r.id))),
                );
            }
        }
    }
    if let Some(p) = &design.pricing {
        if let Some(h) = p.hours_per_month {
            if !(1.0..=limits::MAX_HOURS_PER_MONTH).contains(&h) {
                errors.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("`hours_per_month` is {h}; a month has 1 to 744 hours"),
                    )
                    .located(root, &DesignPath::parse("pricing.hours_per_month"))
                    .with_hint("730 is the providers' convention; 744 is a 31-day month"),
                );
            }
        }
        if p.discount_pct.is_some_and(|d| d > 100.0) {
            errors.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    "`discount_pct` is a percentage from 0 to 100",
                )
                .located(root, &DesignPath::parse("pricing.discount_pct")),
            );
        }
    }
    if let Some(dr) = &design.dr {
        for (name, value) in &dr.assumptions {
            let path = DesignPath::root().key("dr").key("assumptions").key(name);
            if !crate::readiness::params::PARAMS
                .iter()
                .any(|p| p.name == name)
            {
                errors.push(
                    Diagnostic::error(
                        Code::UnknownAssumption,
                        format!("`{name}` is not a readiness parameter"),
                    )
                    .located(root, &path)
                    .with_hint_opt(did_you_mean(
                        name,
                        crate::readiness::params::PARAMS.iter().map(|p| p.name),
                    )),
                );
            } else if let Err(msg) = parse_duration_minutes(value) {
                errors.push(Diagnostic::error(Code::InvalidDuration, msg).located(root, &path));
            }
        }
    }
    if let Some(d) = &design.display {
        let code = &d.currency.0;
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            errors.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`{code}` is not a currency code"),
                )
                .located(root, &DesignPath::parse("display.currency"))
                .with_hint("write an ISO 4217 code in capitals: USD, KRW, EUR, JPY"),
            );
        } else if d.rate().is_none() && !d.currency.is_usd() {
            let (message, hint) = if code == "KRW" {
                (
                    "`currency: KRW` needs `usd_to_krw`".to_string(),
                    "add the exchange rate, e.g. `usd_to_krw: 1380`".to_string(),
                )
            } else {
                (
                    format!("`currency: {code}` needs `per_usd`"),
                    format!("add the exchange rate: {code} per US dollar, e.g. `per_usd: 0.92`, and its date, `as_of: 2026-12-01`"),
                )
            };
            errors.push(
                Diagnostic::error(Code::MissingField, message)
                    .located(root, &DesignPath::parse("display"))
                    .with_hint(hint),
            );
        }
        if let Some(date) = &d.as_of {
            let b = date.as_bytes();
            let shaped = b.len() == 10
                && b.iter().enumerate().all(|(i, c)| match i {
                    4 | 7 => *c == b'-',
                    _ => c.is_ascii_digit(),
                });
            if !shaped {
                errors.push(
                    Diagnostic::error(Code::InvalidValue, format!("`{date}` is not a date"))
                        .located(root, &DesignPath::parse("display.as_of"))
                        .with_hint("write the rate's date as YYYY-MM-DD, e.g. `as_of: 2026-12-01`"),
                );
            }
        }
    }
}

/// What each kind refuses of a combination of its fields ([`crate::resources::Kind::problems`]).
fn kind_problems(design: &Design, root: &Node, errors: &mut Vec<Diagnostic>) {
    for (name, r) in &design.resources {
        let home = r.region().unwrap_or(&design.region);
        for p in r.problems(home) {
            let at = DesignPath::root()
                .key("resources")
                .key(name.as_str())
                .join(&DesignPath::parse(&p.field));
            errors.push(
                Diagnostic::error(p.code, p.message)
                    .located(root, &at)
                    .with_hint_opt(p.hint),
            );
        }
    }
}

/// No quantity in the format is negative or infinite: check every number once, here.
/// The path is a stack of segments, turned into a `DesignPath` only for an error.
const TOO_LARGE: (Code, &str) = (
    Code::NumberTooLarge,
    "is above the largest number a design may hold (1e9)",
);

fn numbers(node: &Node, path: &mut Vec<Seg>, errors: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Scalar { plain: true, .. } => {
            let bad = match node.resolve() {
                Some(Resolved::Int(i)) if i < 0 => {
                    Some((Code::NegativeNumber, "must not be negative"))
                }
                Some(Resolved::Float(f)) if !f.is_finite() => {
                    Some((Code::NonFiniteNumber, "must be a finite number"))
                }
                Some(Resolved::Float(f)) if f < 0.0 => {
                    Some((Code::NegativeNumber, "must not be negative"))
                }
                Some(Resolved::Int(i)) if i as f64 > limits::MAX_NUMBER => Some(TOO_LARGE),
                Some(Resolved::Float(f)) if f > limits::MAX_NUMBER => Some(TOO_LARGE),
                _ => None,
            };
            if let Some((code, what)) = bad {
                errors.push(
                    Diagnostic::error(
                        code,
                        format!("`{}` {what}", node.scalar_text().unwrap_or_default()),
                    )
                    .with_path(&DesignPath(path.clone()))
                    .at(Location::of(node.span.start)),
                );
            }
        }
        Value::Scalar { .. } => {}
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                numbers(item, path, errors);
                path.pop();
            }
        }
        Value::Map(entries) => {
            for (k, v) in entries {
                path.push(Seg::Key(k.scalar_text().unwrap_or_default().to_string()));
                numbers(v, path, errors);
                path.pop();
            }
        }
    }
}

fn looks_like_cidr(s: &str) -> bool {
    s.contains('/') || s.chars().next().is_some_and(|c| c.is_ascii_digit()) || s.contains("::")
}

fn network(design: &Design, root: &Node, errors: &mut Vec<Diagnostic>) {
    let Some(net) = &design.network else { return };
    let vpc = net.vpc.as_deref().and_then(|v| match v.parse::<IpNet>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(
                Diagnostic::error(Code::InvalidCidr, format!("`{v}` is not a CIDR block"))
                    .located(root, &DesignPath::parse("network.vpc"))
                    .with_hint("write it like `10.0.0.0/16`"),
            );
            None
        }
    });
    for (name, subnet) in &net.subnets {
        let path = DesignPath::root()
            .key("network")
            .key("subnets")
            .key(name)
            .key("cidr");
        match subnet.cidr.parse::<IpNet>() {
            Err(_) => errors.push(
                Diagnostic::error(
                    Code::InvalidCidr,
                    format!("`{}` is not a CIDR block", subnet.cidr),
                )
                .located(root, &path)
                .with_hint("write it like `10.0.1.0/24`"),
            ),
            Ok(c) => {
                if let Some(v) = vpc {
                    if !v.contains(&c) {
                        errors.push(
                            Diagnostic::error(
                                Code::SubnetOutsideVpc,
                                format!("subnet `{name}` ({c}) lies outside the VPC {v}"),
                            )
                            .located(root, &path)
                            .with_hint(format!("choose a block inside {v}")),
                        );
                    }
                }
            }
        }
    }
    let groups = names_in(
        net.security_groups.keys(),
        root,
        &["network", "security_groups"],
    );
    for (gname, sg) in &net.security_groups {
        for (dir, rules, field) in [
            ("ingress", &sg.ingress, "from"),
            ("egress", &sg.egress, "to"),
        ] {
            for (i, rule) in rules.iter().enumerate() {
                let path = DesignPath::root()
                    .key("network")
                    .key("security_groups")
                    .key(gname)
                    .key(dir)
                    .index(i);
                let peer = if field == "from" {
                    &rule.from
                } else {
                    &rule.to
                };
                let Some(peer) = peer else {
                    errors.push(
                        Diagnostic::error(Code::MissingField, format!("missing field `{field}`"))
                            .located(root, &path)
                            .with_hint(format!(
                                "`{field}:` is a CIDR like `0.0.0.0/0` or a security group name"
                            )),
                    );
                    continue;
                };
                // CIDRs were parsed when the design was read; a name must be a group (or,
                // on Azure, a service tag such as `Internet`).
                let Some(name) = peer.name() else { continue };
                if groups.has(name) || is_service_tag(design.provider, name) {
                    continue;
                }
                let d = if looks_like_cidr(name) {
                    Diagnostic::error(Code::InvalidCidr, format!("`{name}` is not a CIDR block"))
                        .with_hint("write it like `203.0.113.7/32` or `::/0`")
                } else {
                    let tags: &[&str] = if design.provider == Provider::Azure {
                        AZURE_SERVICE_TAGS
                    } else {
                        &[]
                    };
                    let what = if tags.is_empty() {
                        "security group"
                    } else {
                        "network security group or service tag"
                    };
                    Diagnostic::error(
                        Code::DanglingReference,
                        format!("{what} `{name}` does not exist"),
                    )
                    .with_hint_opt(did_you_mean(
                        name,
                        groups.list.iter().copied().chain(tags.iter().copied()),
                    ))
                };
                errors.push(d.located(root, &path.key(field)));
            }
        }
    }
}

fn is_service_tag(provider: Provider, name: &str) -> bool {
    provider == Provider::Azure
        && AZURE_SERVICE_TAGS
            .iter()
            .any(|t| t.eq_ignore_ascii_case(name))
}

/// What each cloud's rules may say: AWS security groups only allow and have no priority;
/// Azure rules carry a priority of 100-4096, unique per direction in a group; GCP
/// priorities are 0-65535. Subnet groups are Azure's, rules for every instance GCP's. A
/// group of ordered rules has at most `MAX_ORDERED_RULES` port ranges.
fn firewall_semantics(design: &Design, root: &Node, errors: &mut Vec<Diagnostic>) {
    let Some(net) = &design.network else { return };
    let provider = design.provider;
    let label = provider.label();
    let not_here = |what: &str, hint: &str, path: &DesignPath| {
        Diagnostic::error(
            Code::NotOnProvider,
            format!("{what} (the design's provider is {label})"),
        )
        .located(root, path)
        .with_hint(hint.to_string())
    };
    for (name, subnet) in &net.subnets {
        let path = DesignPath::root().key("network").key("subnets").key(name);
        match &subnet.security_group {
            Some(_) if provider != Provider::Azure => errors.push(not_here(
                "only Azure associates a network security group with a subnet",
                "on AWS and GCP, name the groups on each resource (`security_groups:`)",
                &path.key("security_group"),
            )),
            Some(g) if !net.security_groups.contains_key(g) => errors.push(
                Diagnostic::error(
                    Code::DanglingReference,
                    format!("network security group `{g}` does not exist"),
                )
                .located(root, &path.key("security_group"))
                .with_hint_opt(did_you_mean(
                    g,
                    net.security_groups.keys().map(String::as_str),
                )),
            ),
            _ => {}
        }
    }
    for (gname, sg) in &net.security_groups {
        let base = DesignPath::root()
            .key("network")
            .key("security_groups")
            .key(gname);
        if sg.all_instances && provider != Provider::Gcp {
            errors.push(not_here(
                "rules for every instance are GCP's (firewall rules without target tags)",
                "attach the group to the resources it protects (`security_groups:`)",
                &base.key("all_instances"),
            ));
        }
        let ranges: usize = sg
            .ingress
            .iter()
            .chain(&sg.egress)
            .map(|r| r.ports.0.len())
            .sum();
        if provider != Provider::Aws && ranges > limits::MAX_ORDERED_RULES {
            errors.push(
                Diagnostic::error(
                    Code::TooManyFirewallRules,
                    format!(
                        "`{gname}` has {ranges} port ranges in its rules; the limit is {}",
                        limits::MAX_ORDERED_RULES
                    ),
                )
                .located(root, &base)
                .with_hint("Azure allows 1,000 rules in a network security group; split the rules over groups"),
            );
        }
        for (dir, rules) in [("ingress", &sg.ingress), ("egress", &sg.egress)] {
            let mut seen: BTreeSet<u32> = BTreeSet::new();
            for (i, rule) in rules.iter().enumerate() {
                let path = base.key(dir).index(i);
                match provider {
                    Provider::Aws => {
                        if rule.priority.is_some() {
                            errors.push(not_here(
                                "AWS security group rules have no priority",
                                "every rule of a security group applies; remove `priority`",
                                &path.key("priority"),
                            ));
                        }
                        if rule.action == crate::model::Action::Deny {
                            errors.push(not_here(
                                "AWS security groups only allow",
                                "deny traffic with a network ACL, or leave the port out of the group",
                                &path.key("action"),
                            ));
                        }
                    }
                    Provider::Azure => match rule.priority {
                        None => errors.push(
                            Diagnostic::error(Code::MissingField, "missing field `priority`")
                                .located(root, &path)
                                .with_hint("Azure rules need a priority from 100 to 4096 (lower numbers are evaluated first)"),
                        ),
                        Some(p) if !(100..=4096).contains(&p) => errors.push(
                            Diagnostic::error(
                                Code::InvalidValue,
                                format!("priority {p} is outside Azure's 100-4096"),
                            )
                            .located(root, &path.key("priority"))
                            .with_hint("65000 and above are Azure's default rules; use 100-4096"),
                        ),
                        Some(p) if !seen.insert(p) => errors.push(
                            Diagnostic::error(
                                Code::DuplicatePriority,
                                format!("another {dir} rule of `{gname}` has priority {p}"),
                            )
                            .located(root, &path.key("priority"))
                            .with_hint("Azure needs a distinct priority for each rule of a direction"),
                        ),
                        Some(_) => {}
                    },
                    Provider::Gcp => {
                        if let Some(p) = rule.priority.filter(|p| *p > 65535) {
                            errors.push(
                                Diagnostic::error(
                                    Code::InvalidValue,
                                    format!("priority {p} is outside GCP's 0-65535"),
                                )
                                .located(root, &path.key("priority"))
                                .with_hint("GCP priorities run from 0 (first) to 65535; 1000 when omitted"),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// The names of a map's entries: the typed ones and every one the text writes. An entry
/// whose body has an error (a port `22x` in a security group) is reported once, where the
/// error is; the references to it still resolve, instead of each raising "does not exist".
/// The names a reference can take: in order (for hints), and as a set (a design of
/// thousands of resources checks each reference in a lookup, not a scan).
struct Names<'a> {
    list: Vec<&'a str>,
    set: BTreeSet<&'a str>,
}

impl Names<'_> {
    fn has(&self, name: &str) -> bool {
        self.set.contains(name)
    }
}

fn names_in<'a>(typed: impl Iterator<Item = &'a String>, root: &'a Node, at: &[&str]) -> Names<'a> {
    let mut names = Names {
        list: Vec::new(),
        set: BTreeSet::new(),
    };
    let written = at
        .iter()
        .try_fold(root, |node, key| node.get(key))
        .and_then(Node::as_map)
        .unwrap_or_default();
    let keys = written.iter().filter_map(|(k, _)| k.scalar_text());
    for name in typed.map(String::as_str).chain(keys) {
        if names.set.insert(name) {
            names.list.push(name);
        }
    }
    names
}

fn references(design: &Design, root: &Node, errors: &mut Vec<Diagnostic>) {
    let net = design.network.as_ref();
    let subnets = names_in(
        net.into_iter().flat_map(|n| n.subnets.keys()),
        root,
        &["network", "subnets"],
    );
    let groups = names_in(
        net.into_iter().flat_map(|n| n.security_groups.keys()),
        root,
        &["network", "security_groups"],
    );
    let resources = names_in(
        design.resources.iter().map(|(n, _)| n),
        root,
        &["resources"],
    );
    let mut dangling = |what: &str, name: &str, known: &[&str], path: DesignPath| {
        let hint = did_you_mean(name, known.iter().copied()).or_else(|| {
            Some(if known.is_empty() {
                format!("the design defines no {what}s")
            } else {
                format!("defined {what}s: {}", known.join(", "))
            })
        });
        errors.push(
            Diagnostic::error(
                Code::DanglingReference,
                format!("{what} `{name}` does not exist"),
            )
            .located(root, &path)
            .with_hint_opt(hint),
        );
    };
    for (rname, r) in &design.resources {
        let base = DesignPath::root().key("resources").key(rname);
        let (rs, rg) = r.placement();
        for (i, s) in rs.iter().enumerate() {
            if !subnets.has(s) {
                dangling("subnet", s, &subnets.list, base.key("subnets").index(i));
            }
        }
        for (i, g) in rg.iter().enumerate() {
            if !groups.has(g) {
                dangling(
                    "security group",
                    g,
                    &groups.list,
                    base.key("security_groups").index(i),
                );
            }
        }
        if let Resource::LoadBalancer(lb) = r {
            if let Some(t) = &lb.waf {
                if !resources.has(t) {
                    dangling("resource", t, &resources.list, base.key("waf"));
                }
            }
        }
        if let Resource::Cdn(c) = r {
            for (field, target) in [("origin", &c.origin), ("waf", &c.waf)] {
                if let Some(t) = target {
                    if !resources.has(t) {
                        dangling("resource", t, &resources.list, base.key(field));
                    }
                }
            }
        }
    }
}

fn scaling(design: &Design, root: &Node, errors: &mut Vec<Diagnostic>) {
    let check = |s: &Scaling, path: DesignPath, errors: &mut Vec<Diagnostic>| {
        bounds(s.min, s.max, &path, root, errors);
        expected_within(s.expected, s.min, s.max, &path, root, errors);
        schedules(
            s.timezone.as_deref(),
            &s.schedules,
            s.max,
            &path,
            root,
            errors,
        );
    };
    for (rname, r) in &design.resources {
        let base = DesignPath::root().key("resources").key(rname);
        match r {
            Resource::Compute(c) => {
                if let Some(s) = &c.scaling {
                    check(s, base.key("scaling"), errors);
                }
            }
            Resource::Container(c) => {
                if let Some(s) = &c.tasks {
                    check(s, base.key("tasks"), errors);
                }
            }
            Resource::Kubernetes(k) => {
                for (i, g) in k.node_groups.iter().enumerate() {
                    let p = base.key("node_groups").index(i);
                    bounds(g.min, g.max, &p, root, errors);
                    expected_within(g.expected, g.min, g.max, &p, root, errors);
                    schedules(g.timezone.as_deref(), &g.schedules, g.max, &p, root, errors);
                }
                for (i, w) in k.workloads.iter().enumerate() {
                    let p = base.key("workloads").index(i).key("replicas");
                    bounds(w.replicas.min, w.replicas.max, &p, root, errors);
                }
            }
            _ => {}
        }
    }
}

fn bounds(min: u32, max: u32, path: &DesignPath, root: &Node, errors: &mut Vec<Diagnostic>) {
    if min > max {
        errors.push(
            Diagnostic::error(
                Code::MinAboveMax,
                format!("`min` ({min}) is above `max` ({max})"),
            )
            .located(root, &path.key("min"))
            .with_hint("raise `max` or lower `min`"),
        );
    }
}

/// `expected` is an average count: it lies between `min` and `max`.
fn expected_within(
    expected: Option<f64>,
    min: u32,
    max: u32,
    path: &DesignPath,
    root: &Node,
    errors: &mut Vec<Diagnostic>,
) {
    let Some(e) = expected else { return };
    if e < f64::from(min) || e > f64::from(max) {
        errors.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("`expected` ({e}) is outside `min` ({min}) to `max` ({max})"),
            )
            .located(root, &path.key("expected"))
            .with_hint("`expected` is the average count you expect to run, between min and max"),
        );
    }
}

fn schedules(
    timezone: Option<&str>,
    schedules: &[Schedule],
    max: u32,
    path: &DesignPath,
    root: &Node,
    errors: &mut Vec<Diagnostic>,
) {
    if let Some(tz) = timezone {
        if let Err(hint) = check_timezone(tz) {
            errors.push(
                Diagnostic::error(
                    Code::UnknownTimezone,
                    format!("`{tz}` is not an IANA time zone"),
                )
                .located(root, &path.key("timezone"))
                .with_hint(
                    hint.unwrap_or_else(|| "e.g. `Asia/Seoul`, `UTC`, `America/New_York`".into()),
                ),
            );
        }
    }
    for (i, s) in schedules.iter().enumerate() {
        let p = path.key("schedules").index(i);
        if let Err(msg) = parse_days(&s.days) {
            errors.push(
                Diagnostic::error(Code::InvalidSchedule, msg)
                    .located(root, &p.key("days"))
                    .with_hint("e.g. `mon-fri`, `sat,sun`, `mon-sun`"),
            );
        }
        if let Err(msg) = parse_hours(&s.hours) {
            errors.push(
                Diagnostic::error(Code::InvalidSchedule, msg)
                    .located(root, &p.key("hours"))
                    .with_hint("e.g. \"09:00-18:00\"; an end before the start runs past midnight"),
            );
        }
        if s.min > max {
            errors.push(
                Diagnostic::error(
                    Code::MinAboveMax,
                    format!(
                        "the schedule's `min` ({}) is above the group's `max` ({max})",
                        s.min
                    ),
                )
                .located(root, &p.key("min")),
            );
        }
    }
}
