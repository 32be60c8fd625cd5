//! The network of a Terraform stack as the design's `network:`: the VPC, its subnets (public
//! when their route table sends traffic to an internet gateway) and its security groups with
//! their inline and separate rules.

use std::collections::BTreeSet;

use crate::terraform::{blocks, number, span_of, Cx, Instance, Obj, Out, OutValue, Span, Value};

/// Types the network reads; each instance of them is part of `network:` (nothing to price:
/// AWS charges nothing for VPCs, subnets, route tables, internet gateways or security groups,
/// aws.amazon.com/vpc/pricing).
pub const TYPES: &[&str] = &[
    "aws_vpc",
    "aws_subnet",
    "aws_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_internet_gateway",
    "aws_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
    "aws_db_subnet_group",
    "aws_elasticache_subnet_group",
];

/// Names every subnet and security group (their Terraform address) so that resources can
/// refer to them, then writes `network:`.
pub fn map(cx: &mut Cx<'_>) -> Option<Obj> {
    let all = cx.all();
    for r in all {
        // Subnets are named once their CIDR is known (below): one left out must not be
        // referred to by the resources placed in it.
        if r.mode == crate::terraform::Mode::Managed && r.resource_type == "aws_security_group" {
            cx.name(&r.address, &r.address);
        }
        if TYPES.contains(&r.resource_type.as_str()) {
            cx.fold(&r.address);
        }
    }
    let mut net = Obj::new();
    let vpcs: Vec<&Instance> = cx.of_type("aws_vpc").collect();
    match vpcs.as_slice() {
        [one] => {
            net.copy_str("vpc", one, "cidr_block");
        }
        [] => {}
        [first, ..] => cx.note(
            format!(
                "{} VPCs: the design format holds one network; subnets and groups of all are read, the VPC CIDR is left out",
                vpcs.len()
            ),
            &first.span,
        ),
    }
    let public_tables = public_route_tables(cx);
    let mut subnets = Obj::new();
    for s in cx.of_type("aws_subnet").collect::<Vec<_>>() {
        let mut o = Obj::new();
        if o.copy_str("cidr", s, "cidr_block").is_none() {
            cx.note(
                format!(
                    "{}: `cidr_block` is not known; the subnet is left out",
                    s.address
                ),
                &s.span,
            );
            continue;
        }
        o.copy_str("zone", s, "availability_zone");
        let tables: Vec<String> = cx
            .referring("aws_route_table_association", "subnet_id", &s.address)
            .into_iter()
            .filter_map(|a| cx.referenced_of(a, "route_table_id", &["aws_route_table"]))
            .map(|t| t.address.clone())
            .collect();
        let public = if tables.is_empty() {
            let mapped = s.bool("map_public_ip_on_launch").unwrap_or(false);
            if mapped {
                cx.note(
                    format!("{}: no route table association in these files; public because map_public_ip_on_launch is true", s.address),
                    &span_of(s, "map_public_ip_on_launch"),
                );
            }
            mapped
        } else {
            tables.iter().any(|t| public_tables.contains(t))
        };
        o.bool("public", public, Some(&s.span));
        subnets.obj(&s.address, o, Some(&s.span));
        cx.name(&s.address, &s.address);
    }
    if !subnets.is_empty() {
        net.obj("subnets", subnets, None);
    }
    let mut groups = Obj::new();
    for g in cx.of_type("aws_security_group").collect::<Vec<_>>() {
        groups.obj(&g.address, security_group(g, cx), Some(&g.span));
    }
    if !groups.is_empty() {
        net.obj("security_groups", groups, None);
    }
    (!net.is_empty()).then_some(net)
}

/// Route tables with a route to an internet gateway (inline `route` blocks or `aws_route`).
fn public_route_tables(cx: &Cx<'_>) -> BTreeSet<String> {
    let to_igw = |r: &Instance, path: &str| {
        cx.referenced_of(r, path, &["aws_internet_gateway"])
            .is_some()
    };
    let mut out = BTreeSet::new();
    for t in cx.of_type("aws_route_table") {
        let inline = blocks(t, "route").iter().any(|b| {
            b.value.get("gateway_id").is_some_and(|v| {
                crate::terraform::refs_in(v).iter().any(|x| {
                    cx.get(&x.address)
                        .is_some_and(|g| g.resource_type == "aws_internet_gateway")
                })
            })
        });
        if inline {
            out.insert(t.address.clone());
        }
    }
    for r in cx.of_type("aws_route") {
        if to_igw(r, "gateway_id") {
            if let Some(t) = cx.referenced_of(r, "route_table_id", &["aws_route_table"]) {
                out.insert(t.address.clone());
            }
        }
    }
    out
}

fn security_group(g: &Instance, cx: &mut Cx<'_>) -> Obj {
    let mut o = Obj::new();
    o.copy_str("description", g, "description");
    let mut ingress = Vec::new();
    let mut egress = Vec::new();
    for (dir, list) in [("ingress", &mut ingress), ("egress", &mut egress)] {
        for b in blocks(g, dir) {
            list.extend(rules(cx, g, &b.value, &b.span, dir, Legacy));
        }
    }
    for r in cx.referring("aws_security_group_rule", "security_group_id", &g.address) {
        let dir = r.str("type").unwrap_or("ingress");
        let out = rules(cx, g, &r.attrs, &r.span, dir, Legacy);
        if dir == "egress" {
            egress.extend(out);
        } else {
            ingress.extend(out);
        }
    }
    for (ty, list) in [
        ("aws_vpc_security_group_ingress_rule", &mut ingress),
        ("aws_vpc_security_group_egress_rule", &mut egress),
    ] {
        let dir = if ty.contains("ingress") {
            "ingress"
        } else {
            "egress"
        };
        for r in cx.referring(ty, "security_group_id", &g.address) {
            list.extend(rules(cx, g, &r.attrs, &r.span, dir, PerRule));
        }
    }
    if !ingress.is_empty() {
        o.list("ingress", ingress, Some(&span_of(g, "ingress")));
    }
    if !egress.is_empty() {
        o.list("egress", egress, Some(&span_of(g, "egress")));
    }
    o
}

/// The two shapes of a rule: `ingress {}` / `aws_security_group_rule` (`cidr_blocks`,
/// `security_groups` / `source_security_group_id`, `self`, `protocol`) and the one-peer
/// `aws_vpc_security_group_*_rule` (`cidr_ipv4`, `referenced_security_group_id`,
/// `ip_protocol`).
#[derive(Clone, Copy)]
enum Shape {
    Legacy,
    PerRule,
}
use Shape::{Legacy, PerRule};

fn rules(
    cx: &mut Cx<'_>,
    group: &Instance,
    rule: &Value,
    span: &Span,
    dir: &str,
    shape: Shape,
) -> Vec<Out> {
    let sp = |k: &str| rule.get_spanned(k).map(|a| a.span.clone());
    let proto_key = match shape {
        Legacy => "protocol",
        PerRule => "ip_protocol",
    };
    let proto = rule
        .get(proto_key)
        .and_then(|v| match v {
            Value::Number(n) => Some(crate::terraform::format_number(*n)),
            v => v.as_str().map(str::to_lowercase),
        })
        .unwrap_or_else(|| "tcp".into());
    let protocol = match proto.as_str() {
        "-1" | "all" => "all",
        "tcp" | "6" => "tcp",
        "udp" | "17" => "udp",
        "icmp" | "1" | "icmpv6" | "58" => "icmp",
        other => {
            cx.note(
                format!(
                    "{}: protocol `{other}` is read as all protocols",
                    group.address
                ),
                span,
            );
            "all"
        }
    };
    let from = rule.get("from_port").and_then(number);
    let to = rule.get("to_port").and_then(number);
    let ports = match (protocol, from, to) {
        ("all", _, _) | ("icmp", _, _) => "all".to_string(),
        (_, Some(a), Some(b)) if a <= 0.0 && b >= 65535.0 => "all".to_string(),
        (_, Some(a), Some(b)) if a == b => crate::terraform::format_number(a),
        (_, Some(a), Some(b)) if a >= 0.0 && b >= a => format!(
            "{}-{}",
            crate::terraform::format_number(a),
            crate::terraform::format_number(b)
        ),
        (_, Some(a), None) => crate::terraform::format_number(a),
        _ => {
            cx.note(
                format!(
                    "{}: a rule's ports are not known; read as all ports",
                    group.address
                ),
                span,
            );
            "all".to_string()
        }
    };
    let peer_key = if dir == "egress" { "to" } else { "from" };
    let mut peers: Vec<(String, Span)> = Vec::new();
    let cidr_keys: &[&str] = match shape {
        Legacy => &["cidr_blocks", "ipv6_cidr_blocks"],
        PerRule => &["cidr_ipv4", "cidr_ipv6"],
    };
    for k in cidr_keys {
        if let Some(a) = rule.get_spanned(k) {
            match &a.value {
                Value::String(s) => peers.push((s.clone(), a.span.clone())),
                Value::List(items) => {
                    for i in items {
                        match i.value.as_str() {
                            Some(s) => peers.push((s.to_string(), i.span.clone())),
                            None => cx.note(
                                format!(
                                    "{}: a CIDR of this rule is not known; left out",
                                    group.address
                                ),
                                &i.span,
                            ),
                        }
                    }
                }
                Value::Null => {}
                _ => cx.note(
                    format!("{}: `{k}` is not known; left out", group.address),
                    &a.span,
                ),
            }
        }
    }
    let group_keys: &[&str] = match shape {
        Legacy => &["security_groups", "source_security_group_id"],
        PerRule => &["referenced_security_group_id"],
    };
    for k in group_keys {
        if let Some(a) = rule.get_spanned(k) {
            let items: Vec<_> = match &a.value {
                Value::List(items) => items.iter().collect(),
                Value::Null => Vec::new(),
                _ => vec![a],
            };
            for i in items {
                let names: Vec<String> = crate::terraform::refs_in(&i.value)
                    .iter()
                    .filter_map(|x| cx.name_of(&x.address).map(str::to_string))
                    .collect();
                if names.is_empty() {
                    cx.note(
                        format!("{}: a security group this rule names is not declared in these files; left out", group.address),
                        &i.span,
                    );
                }
                peers.extend(names.into_iter().map(|n| (n, i.span.clone())));
            }
        }
    }
    if rule.get("self").and_then(Value::as_bool) == Some(true) {
        peers.push((
            group.address.clone(),
            sp("self").unwrap_or_else(|| span.clone()),
        ));
    }
    if rule.get("prefix_list_ids").is_some_and(|v| !v.is_null())
        || rule.get("prefix_list_id").is_some_and(|v| !v.is_null())
    {
        cx.note(
            format!(
                "{}: prefix lists are not modelled; that peer is left out",
                group.address
            ),
            span,
        );
    }
    let description = rule.get("description").and_then(Value::as_str);
    peers
        .into_iter()
        .map(|(peer, at)| {
            let mut o = Obj::new();
            o.str(
                "ports",
                ports.clone(),
                sp("from_port").as_ref().or(Some(span)),
            );
            if protocol != "tcp" {
                o.str("protocol", protocol, sp(proto_key).as_ref().or(Some(span)));
            }
            o.str(peer_key, peer, Some(&at));
            if let Some(d) = description {
                o.str("description", d, sp("description").as_ref());
            }
            Out::new(OutValue::Map(o), Some(span))
        })
        .collect()
}
