//! The architecture diagram of a design, as SVG: the VPC with a column per zone and a row
//! per subnet tier (public first), each resource in the subnets it runs in (a resource in
//! the subnets of two zones spans both columns), the edge (internet, CDN, WAF, DNS) above
//! and the regional services (buckets, secrets, logs) below; security-group edges with
//! their ports; every path from the internet in the colour of the worst finding on its
//! resource; each node with its kind's mark, count and type, monthly cost and findings.
//!
//! Why a layout of our own and not a graph-layout library: the picture architects expect
//! is a containment grid (zones × tiers), which a layered graph layout (dagre, ELK) does
//! not keep: it would place a database outside its subnet to shorten an edge. On a grid
//! the layout is arithmetic (linear in the resources) and stable as the design is edited,
//! so a node does not jump when an unrelated line changes.
//!
//! Pure: the facts the design does not hold (each resource's cost as the page or the CLI
//! writes money, its findings, its line) come in [`Facts`]; the SVG carries its own style
//! (light, and dark under `prefers-color-scheme`) so an exported file reads the same.

// Indexing here is into `windows(2)` pairs and into vectors by positions taken from the
// same vectors (a tier's row, a lane just pushed): in bounds by construction.
#![allow(clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::design::Design;
use crate::model::FirewallRule;
use crate::policy::reach::Reach;
use crate::report::Report;
use crate::resources::Resource;
use crate::source::node::Node;

/// What the diagram shows beside the design: per resource, its monthly cost as text, its
/// open findings and the line it is declared on. Serialisable: the page hands them to the
/// module that draws.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub costs: BTreeMap<String, String>,
    pub findings: BTreeMap<String, Vec<Marked>>,
    pub lines: BTreeMap<String, u32>,
}

/// One open finding on a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marked {
    pub rule: String,
    /// `critical`, `high`, `medium` or `low`.
    pub severity: String,
    pub title: String,
}

impl Facts {
    /// The facts of a report: each resource's expected monthly cost written by `money`
    /// (marked `+ ?` when part of its price is unknown), its open findings, and the line
    /// its entry starts on in `root`.
    pub fn of(report: &Report, root: &Node, money: &dyn Fn(Decimal) -> String) -> Facts {
        let mut facts = Facts::of_report(report, money);
        facts.locate(root);
        facts
    }

    /// [`Facts::of`] without the lines (the page's drawing module reads them from the text).
    pub fn of_report(report: &Report, money: &dyn Fn(Decimal) -> String) -> Facts {
        let mut facts = Facts::default();
        for r in &report.cost.resources {
            let text = if r.complete {
                money(r.monthly.expected)
            } else {
                format!("{} + ?", money(r.monthly.expected))
            };
            facts.costs.insert(r.name.clone(), text);
        }
        for f in report
            .findings
            .iter()
            .filter(|f| !f.waived && !f.resource.is_empty())
        {
            facts
                .findings
                .entry(f.resource.clone())
                .or_default()
                .push(Marked {
                    rule: f.rule.to_string(),
                    severity: f.severity.to_string(),
                    title: f.title.to_string(),
                });
        }
        facts
    }

    /// The line each resource's entry starts on in `root`.
    pub fn locate(&mut self, root: &Node) {
        if let Some(resources) = root.get("resources").and_then(Node::as_map) {
            for (key, _) in resources {
                if let Some(name) = key.scalar_text() {
                    self.lines.insert(name.to_string(), key.span.start.line);
                }
            }
        }
    }
}

/// The most security-group edges drawn.
const MAX_LINKS: usize = 300;

const NODE_W: f64 = 210.0;
const NODE_H: f64 = 54.0;
const GAP: f64 = 14.0;
const PAD: f64 = 12.0;
const COL_W: f64 = NODE_W + 2.0 * PAD;
const MARGIN: f64 = 20.0;
const TIER_LABEL: f64 = 30.0;

fn rank(severity: &str) -> u8 {
    match severity {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

/// The worst severity of a resource's findings, if it has any.
fn worst(findings: Option<&Vec<Marked>>) -> Option<&str> {
    findings?
        .iter()
        .max_by_key(|m| rank(&m.severity))
        .map(|m| m.severity.as_str())
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// At most `n` characters, with an ellipsis when cut (SVG text does not wrap).
fn fit(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    if n < 3 {
        return String::new();
    }
    let mut s: String = text.chars().take(n.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// A subnet's tier: its name without the zone it is in (`app-a` in zone `a` is tier `app`).
fn tier_of(name: &str, zone: &str) -> String {
    let letter = zone.chars().last().map(String::from).unwrap_or_default();
    for suffix in [
        format!("-{zone}"),
        format!("_{zone}"),
        format!("-{letter}"),
        format!("_{letter}"),
    ] {
        if let Some(base) = name.strip_suffix(suffix.as_str()).filter(|b| !b.is_empty()) {
            return base.to_string();
        }
    }
    name.to_string()
}

/// "2–6 × t3.medium", "db.r6g.large", "3 × cache.t3.micro": what runs, read from the
/// resource's own fields.
fn what_runs(r: &Resource) -> String {
    let v = serde_json::to_value(r).unwrap_or_default();
    let sku = [
        "instance_type",
        "instance_class",
        "node_type",
        "engine",
        "storage_class",
        "type",
    ]
    .iter()
    .find_map(|k| v.get(*k).and_then(|x| x.as_str()))
    .unwrap_or("");
    let range = |x: &serde_json::Value| {
        let (min, max) = (x.get("min")?.as_u64()?, x.get("max")?.as_u64()?);
        Some(if min == max {
            min.to_string()
        } else {
            format!("{min}–{max}")
        })
    };
    let count = v
        .get("scaling")
        .and_then(range)
        .or_else(|| v.get("tasks").and_then(range))
        .or_else(|| {
            v.get("count")
                .and_then(|c| c.as_u64())
                .filter(|c| *c != 1)
                .map(|c| c.to_string())
        })
        .or_else(|| {
            v.get("nodes")
                .and_then(|c| c.as_u64())
                .filter(|c| *c != 1)
                .map(|c| c.to_string())
        });
    match (count, sku.is_empty()) {
        (Some(c), false) => format!("{c} × {sku}"),
        (Some(c), true) => format!("{c} × {}", r.kind()),
        (None, _) => sku.to_string(),
    }
}

fn ports_text(rule: &FirewallRule) -> String {
    let ranges: Vec<String> = rule
        .ports
        .0
        .iter()
        .map(|p| {
            if p.from == 0 && p.to == u16::MAX {
                "all".to_string()
            } else {
                p.to_string()
            }
        })
        .collect();
    ranges.join(",")
}

/// A coordinate as the SVG writes it: whole pixels (an integer formats far faster than
/// `{:.0}` of a float, which is most of the drawing's time on large designs).
fn px(v: f64) -> i64 {
    v.round() as i64
}

/// A node's place.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn mid(&self) -> f64 {
        self.y + self.h / 2.0
    }
    fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Does the vertical segment at `x` from `y1` to `y2` cross this rectangle?
    fn crossed_by(&self, x: f64, y1: f64, y2: f64) -> bool {
        let (lo, hi) = if y1 < y2 { (y1, y2) } else { (y2, y1) };
        self.x - 4.0 < x && x < self.right() + 4.0 && self.y < hi && lo < self.y + self.h
    }
}

/// A vertical segment between two nodes, one above the other, that crosses no other node:
/// at the middle of their common width if free, else the free place nearest it.
fn straight(a: &Rect, b: &Rect, obstacles: &[Rect]) -> Option<Vec<(f64, f64)>> {
    let (upper, lower) = if a.y <= b.y { (a, b) } else { (b, a) };
    if upper.y + upper.h > lower.y {
        return None;
    }
    let (lo, hi) = (a.x.max(b.x) + 16.0, a.right().min(b.right()) - 16.0);
    if lo > hi {
        return None;
    }
    let centre = (lo + hi) / 2.0;
    let (y1, y2) = (upper.y + upper.h, lower.y);
    // The nodes in the band between the two, once: each candidate x is then tried against
    // these few, not against every node of the design.
    let between: Vec<&Rect> = obstacles
        .iter()
        .filter(|o| *o != a && *o != b)
        .filter(|o| o.y < y2 && y1 < o.y + o.h && o.x - 4.0 < hi && lo < o.right() + 4.0)
        .collect();
    let free = |x: f64| !between.iter().any(|o| o.crossed_by(x, y1, y2));
    let steps = ((hi - lo) / 12.0) as usize;
    let x = (0..=steps * 2)
        .map(|i| {
            let d = (i / 2) as f64 * 12.0;
            if i % 2 == 0 {
                centre - d
            } else {
                centre + d
            }
        })
        .filter(|x| (lo..=hi).contains(x))
        .find(|x| free(*x))?;
    Some(if a.y <= b.y {
        vec![(x, a.y + a.h), (x, b.y)]
    } else {
        vec![(x, a.y), (x, b.y + b.h)]
    })
}

/// Around the left of the nodes between: out of `a`'s left side, down the margin beside
/// them, into `b`'s left side.
fn around(a: &Rect, b: &Rect, lane: usize) -> Vec<(f64, f64)> {
    let x = a.x.min(b.x) - 4.0 - 3.0 * (lane % 3) as f64;
    vec![(a.x, a.mid()), (x, a.mid()), (x, b.mid()), (b.x, b.mid())]
}

/// An edge: a polyline with an arrow at its end and its label at `at` of its length.
fn polyline(
    s: &mut String,
    labels: &mut String,
    points: &[(f64, f64)],
    class: &str,
    label: &str,
    at: f64,
) {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(d, "{}{} {}", if i == 0 { "M" } else { "L" }, px(*x), px(*y));
    }
    let marker = ["critical", "high", "medium", "low"]
        .iter()
        .find(|sev| class.contains(&format!("pwd-sev-{sev}")))
        .map(|sev| format!("pwd-arrow-{sev}"))
        .unwrap_or_else(|| "pwd-arrow".into());
    let _ = write!(
        s,
        r#"<path class="{class}" d="{d}" marker-end="url(#{marker})"/>"#
    );
    let total: f64 = points
        .windows(2)
        .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
        .sum();
    let width = 8.0 + 6.5 * label.chars().count() as f64;
    if !label.is_empty() {
        // The point `at` of the way along the polyline.
        let lengths: Vec<f64> = points
            .windows(2)
            .map(|w| ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt())
            .collect();
        let mut left = lengths.iter().sum::<f64>() * at;
        let mut spot = points.first().copied().unwrap_or_default();
        for (w, len) in points.windows(2).zip(&lengths) {
            if left <= *len && *len > 0.0 {
                let t = left / len;
                spot = (
                    w[0].0 + (w[1].0 - w[0].0) * t,
                    w[0].1 + (w[1].1 - w[0].1) * t,
                );
                break;
            }
            left -= len;
            spot = w[1];
        }
        let w = width;
        // A label longer than its edge would hide the arrow: beside it instead.
        if total <= width + 16.0 {
            let horizontal = points.len() == 2 && (points[0].1 - points[1].1).abs() < 1.0;
            if horizontal {
                spot.1 -= 12.0;
            } else {
                spot.0 += w / 2.0 + 6.0;
            }
        }
        spot.0 = spot.0.max(w / 2.0 + 2.0);
        let _ = write!(
            labels,
            r#"<g class="{class}"><rect class="pwd-label-bg" x="{}" y="{}" width="{w:.0}" height="16" rx="3"/><text class="pwd-label" x="{}" y="{}">{}</text></g>"#,
            px(spot.0 - w / 2.0),
            px(spot.1 - 8.0),
            px(spot.0),
            px(spot.1 + 4.0),
            esc(label)
        );
    }
}

/// The diagram of a design.
pub fn svg(design: &Design, facts: &Facts) -> String {
    let reach = Reach::of(design);
    let net = design.network.as_ref();
    let subnets: Vec<(&String, &crate::model::Subnet)> =
        net.map(|n| n.subnets.iter().collect()).unwrap_or_default();
    // Columns: the zones, in order; rows: the tiers, public first.
    let zone_of = |s: &crate::model::Subnet| s.zone.clone().unwrap_or_else(|| "?".into());
    let mut zones: Vec<String> = subnets.iter().map(|(_, s)| zone_of(s)).collect();
    zones.sort();
    zones.dedup();
    let mut tiers: Vec<(String, bool)> = Vec::new();
    for (name, s) in &subnets {
        let t = tier_of(name, &zone_of(s));
        if !tiers.iter().any(|(n, _)| *n == t) {
            tiers.push((t, s.public));
        }
    }
    tiers.sort_by_key(|(_, public)| !*public);
    // Each subnet's cell (tier row, zone column), looked up once per resource.
    let cells: BTreeMap<&str, (usize, usize)> = subnets
        .iter()
        .filter_map(|(name, s)| {
            let z = zone_of(s);
            let t = tier_of(name, &z);
            let row = tiers.iter().position(|(n, _)| *n == t)?;
            let col = zones.iter().position(|x| *x == z)?;
            Some((name.as_str(), (row, col)))
        })
        .collect();
    let cell_of = |subnet: &str| cells.get(subnet).copied();

    // Where each resource goes: a tier row and a span of zone columns, else the edge row
    // (internet-facing services outside the VPC) or the regional row.
    enum Place {
        Vpc { tier: usize, from: usize, to: usize },
        Edge,
        Regional,
    }
    let mut placed: Vec<(&str, &Resource, Place)> = Vec::new();
    for (name, r) in &design.resources {
        let (subs, _) = r.placement();
        let cells: Vec<(usize, usize)> = subs.iter().filter_map(|s| cell_of(s)).collect();
        let place = match cells.first() {
            Some((tier, _)) => {
                let cols = cells.iter().filter(|(t, _)| t == tier).map(|(_, c)| *c);
                let (from, to) = cols.fold((usize::MAX, 0), |(a, b), c| (a.min(c), b.max(c)));
                Place::Vpc {
                    tier: *tier,
                    from,
                    to,
                }
            }
            None if matches!(
                r,
                Resource::Cdn(_) | Resource::Waf(_) | Resource::Dns(_) | Resource::LoadBalancer(_)
            ) =>
            {
                Place::Edge
            }
            None => Place::Regional,
        };
        placed.push((name.as_str(), r, place));
    }

    // Lanes: resources in one tier whose column spans overlap are stacked.
    let mut lanes_of_tier: Vec<Vec<Vec<(usize, usize)>>> = vec![Vec::new(); tiers.len()];
    let mut lane_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, _, place) in &placed {
        if let Place::Vpc { tier, from, to } = place {
            let lanes = &mut lanes_of_tier[*tier];
            let free = lanes
                .iter()
                .position(|lane| lane.iter().all(|(a, b)| to < a || from > b));
            let lane = match free {
                Some(l) => l,
                None => {
                    lanes.push(Vec::new());
                    lanes.len() - 1
                }
            };
            lanes[lane].push((*from, *to));
            lane_of.insert(name, lane);
        }
    }

    let edge_nodes: Vec<&str> = placed
        .iter()
        .filter(|p| matches!(p.2, Place::Edge))
        .map(|p| p.0)
        .collect();
    let regional: Vec<&str> = placed
        .iter()
        .filter(|p| matches!(p.2, Place::Regional))
        .map(|p| p.0)
        .collect();
    let per_row = zones.len().max(3);
    let vpc_w = (zones.len().max(1) as f64) * COL_W + PAD * 2.0;
    let width = (MARGIN * 2.0 + vpc_w).max(MARGIN * 2.0 + (per_row as f64) * (NODE_W + GAP));

    let mut at: BTreeMap<&str, Rect> = BTreeMap::new();
    // Top: the internet, then the edge services beside it.
    let internet = Rect {
        x: MARGIN,
        y: MARGIN,
        w: 120.0,
        h: 40.0,
    };
    let mut x = MARGIN + internet.w + GAP * 2.0;
    let mut y = MARGIN;
    let mut edge_bottom = internet.y + internet.h;
    for name in &edge_nodes {
        if x + NODE_W > width - MARGIN {
            x = MARGIN + internet.w + GAP * 2.0;
            y += NODE_H + GAP;
        }
        at.insert(
            name,
            Rect {
                x,
                y,
                w: NODE_W,
                h: NODE_H,
            },
        );
        edge_bottom = edge_bottom.max(y + NODE_H);
        x += NODE_W + GAP;
    }
    // The VPC.
    let vpc_top = edge_bottom + 40.0;
    let header = 28.0;
    let zone_header = 22.0;
    let mut tier_y: Vec<(f64, f64)> = Vec::new();
    let mut cursor = vpc_top + header + zone_header;
    for lanes in &lanes_of_tier {
        let h = TIER_LABEL + (lanes.len().max(1) as f64) * (NODE_H + GAP) + PAD - GAP;
        tier_y.push((cursor, h));
        cursor += h + GAP;
    }
    let vpc_bottom = if net.is_some() {
        cursor + PAD
    } else {
        edge_bottom
    };
    let col_x = |c: usize| MARGIN + PAD + (c as f64) * COL_W;
    for (name, _, place) in &placed {
        if let Place::Vpc { tier, from, to } = place {
            let (ty, _) = tier_y[*tier];
            let lane = lane_of.get(name).copied().unwrap_or(0) as f64;
            let x = col_x(*from) + PAD;
            let w = ((*to - *from) as f64) * COL_W + NODE_W;
            at.insert(
                name,
                Rect {
                    x,
                    y: ty + TIER_LABEL + lane * (NODE_H + GAP),
                    w,
                    h: NODE_H,
                },
            );
        }
    }
    // Below: the regional services, in rows.
    let regional_top = vpc_bottom + 46.0;
    for (i, name) in regional.iter().enumerate() {
        let (row, col) = (i / per_row, i % per_row);
        at.insert(
            name,
            Rect {
                x: MARGIN + (col as f64) * (NODE_W + GAP),
                y: regional_top + (row as f64) * (NODE_H + GAP),
                w: NODE_W,
                h: NODE_H,
            },
        );
    }
    let rows = regional.len().div_ceil(per_row);
    let height = if regional.is_empty() {
        vpc_bottom + MARGIN
    } else {
        regional_top + (rows as f64) * (NODE_H + GAP) + MARGIN
    };

    let mut s = String::with_capacity(4096 + design.resources.len() * 900);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="pwd" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-label="{}">"#,
        esc(&format!(
            "Architecture diagram of {}",
            if design.name.is_empty() {
                "the design"
            } else {
                &design.name
            }
        ))
    );
    s.push_str(STYLE);
    // Arrowheads of a fixed size, one per colour an edge can have.
    s.push_str("<defs>");
    for (id, class) in [
        ("pwd-arrow", "pwd-arrowhead"),
        ("pwd-arrow-critical", "pwd-arrowhead pwd-sev-critical"),
        ("pwd-arrow-high", "pwd-arrowhead pwd-sev-high"),
        ("pwd-arrow-medium", "pwd-arrowhead pwd-sev-medium"),
        ("pwd-arrow-low", "pwd-arrowhead pwd-sev-low"),
    ] {
        let _ = write!(
            s,
            r#"<marker id="{id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="{class}"/></marker>"#
        );
    }
    s.push_str("</defs>");
    let _ = write!(
        s,
        r#"<rect class="pwd-bg" x="0" y="0" width="{width:.0}" height="{height:.0}"/>"#
    );

    // The VPC, its zones and subnets.
    if let Some(n) = net {
        let vpc = n.vpc.as_deref().unwrap_or("");
        let _ = write!(
            s,
            r#"<g class="pwd-vpc-g"><rect class="pwd-vpc" x="{MARGIN}" y="{vpc_top}" width="{vpc_w}" height="{}" rx="10"/><text class="pwd-title" x="{}" y="{}">{} {} · {}</text>"#,
            px(vpc_bottom - vpc_top),
            px(MARGIN + PAD),
            px(vpc_top + 19.0),
            // Each cloud's name for the private network.
            match design.provider {
                crate::model::Provider::Aws => "VPC",
                crate::model::Provider::Azure => "Virtual network",
                crate::model::Provider::Gcp => "VPC network",
            },
            esc(vpc),
            esc(&design.region)
        );
        for (c, z) in zones.iter().enumerate() {
            let _ = write!(
                s,
                r#"<text class="pwd-zone" x="{}" y="{}">zone {}</text>"#,
                px(col_x(c) + PAD),
                px(vpc_top + header + 14.0),
                esc(z)
            );
        }
        for (name, sub) in &subnets {
            let Some((t, c)) = cell_of(name) else {
                continue;
            };
            let (ty, th) = tier_y[t];
            let class = if sub.public {
                "pwd-subnet pwd-public"
            } else {
                "pwd-subnet pwd-private"
            };
            let _ = write!(
                s,
                r#"<g data-subnet="{}"><rect class="{class}" x="{}" y="{ty:.0}" width="{}" height="{th:.0}" rx="6"/><text class="pwd-subnet-label" x="{}" y="{}">{} · {}{}</text></g>"#,
                esc(name),
                px(col_x(c) + 4.0),
                px(COL_W - 8.0),
                px(col_x(c) + PAD),
                px(ty + 18.0),
                esc(&fit(name, 14)),
                esc(&sub.cidr),
                if sub.public { " · public" } else { "" }
            );
        }
        s.push_str("</g>");
    }
    if !regional.is_empty() {
        let _ = write!(
            s,
            r#"<text class="pwd-title" x="{MARGIN}" y="{}">Regional services · {}</text>"#,
            px(regional_top - 12.0),
            esc(&design.region)
        );
    }

    // Edges: security-group rules between resources, a CDN's origin, the internet's paths.
    let mut links: Vec<(&str, &str, String)> = Vec::new();
    // Whether some security-group edges were left out (see MAX_LINKS).
    let mut capped = false;
    if let Some(n) = net {
        let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (resource, groups) in &reach.groups_of {
            for g in groups.iter() {
                members.entry(g.as_str()).or_default().push(resource);
            }
        }
        let mut index: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        'groups: for (group, sg) in &n.security_groups {
            for rule in &sg.ingress {
                let Some(crate::model::Peer::Name(from)) = &rule.from else {
                    continue;
                };
                let label = ports_text(rule);
                let targets = members.get(group.as_str()).map_or(&[][..], Vec::as_slice);
                for a in members.get(from.as_str()).map_or(&[][..], Vec::as_slice) {
                    for b in targets {
                        if a == b {
                            continue;
                        }
                        match index.get(&(*a, *b)) {
                            Some(&i) => {
                                let l = &mut links[i].2;
                                if !l.split(',').any(|p| p == label) {
                                    l.push(',');
                                    l.push_str(&label);
                                }
                            }
                            // Every member of a group to every member of another grows as
                            // the square of the design: past this many edges the picture
                            // is unreadable anyway, and drawing it would freeze the page.
                            None if links.len() >= MAX_LINKS => {
                                capped = true;
                                break 'groups;
                            }
                            None => {
                                index.insert((*a, *b), links.len());
                                links.push((a, b, label.clone()));
                            }
                        }
                    }
                }
            }
        }
    }
    for (name, r) in &design.resources {
        if let Resource::Cdn(c) = r {
            if let Some(origin) = c.origin.as_deref() {
                links.push((name.as_str(), origin, "origin".into()));
            }
        }
    }
    let mut lanes_used = 0usize;
    let mut labels = String::new();
    let obstacles: Vec<Rect> = at.values().copied().collect();
    let vpc_right = MARGIN + vpc_w;
    let outside_vpc: BTreeSet<&str> = placed
        .iter()
        .filter(|(_, _, p)| !matches!(p, Place::Vpc { .. }))
        .map(|(n, _, _)| *n)
        .collect();
    for (a, b, label) in &links {
        let (Some(ra), Some(rb)) = (at.get(a), at.get(b)) else {
            continue;
        };
        let side_by_side = ra.y < rb.y + rb.h && rb.y < ra.y + ra.h;
        let mut label = fit(label, 18);
        let points = match straight(ra, rb, &obstacles) {
            Some(p) => p,
            None if side_by_side => {
                // In one row: across the gap between them, at the height both share.
                let y = ra.y.max(rb.y) + 12.0 + 5.0 * (lanes_used % 4) as f64;
                lanes_used += 1;
                if ra.x < rb.x {
                    vec![(ra.right(), y), (rb.x, y)]
                } else {
                    vec![(ra.x, y), (rb.right(), y)]
                }
            }
            None if outside_vpc.contains(a) || outside_vpc.contains(b) => {
                // Out below the upper node, down a lane right of the VPC, in from above.
                lanes_used += 1;
                let x = vpc_right.max(ra.right()).max(rb.right()) + 10.0 * lanes_used as f64;
                let (upper, lower) = if ra.y <= rb.y { (ra, rb) } else { (rb, ra) };
                let (ux, lx) = (upper.x + upper.w / 2.0, lower.x + lower.w / 2.0);
                let mut p = vec![
                    (ux, upper.y + upper.h),
                    (ux, upper.y + upper.h + 14.0),
                    (x, upper.y + upper.h + 14.0),
                    (x, lower.y - 12.0),
                    (lx, lower.y - 12.0),
                    (lx, lower.y),
                ];
                if ra.y > rb.y {
                    p.reverse();
                }
                p
            }
            None => {
                // Down the margin beside the nodes between: no room for a label there (the
                // ports are in the target's title).
                label.clear();
                around(ra, rb, lanes_used)
            }
        };
        let _ = write!(
            s,
            r#"<g class="pwd-link" data-from="{}" data-to="{}">"#,
            esc(a),
            esc(b)
        );
        polyline(&mut s, &mut labels, &points, "pwd-edge", &label, 0.5);
        s.push_str("</g>");
    }
    // From the internet: each resource a group of it opens to the whole internet, when the
    // internet can route to it (a public address, or no subnets: an edge service). Down the
    // VPC's left margin, then in to the resource, so no path crosses a node.
    let mut gutter = 0usize;
    for (name, r) in &design.resources {
        let (subs, groups) = r.placement();
        let routable = reach.public.contains_key(name.as_str()) || subs.is_empty();
        let open: Vec<String> = groups
            .iter()
            .filter_map(|g| reach.open.get(g.as_str()))
            .flatten()
            .map(|o| o.ports.to_string())
            .collect();
        let cdn_edge = matches!(r, Resource::Cdn(_));
        if (!routable || open.is_empty()) && !cdn_edge {
            continue;
        }
        let Some(rect) = at.get(name.as_str()) else {
            continue;
        };
        let network_finding = facts
            .findings
            .get(name)
            .into_iter()
            .flatten()
            .filter(|m| m.rule.starts_with("NET-") || m.rule.starts_with("DATA-"))
            .max_by_key(|m| rank(&m.severity));
        let class = match network_finding {
            Some(m) => format!("pwd-internet-edge pwd-exposed pwd-sev-{}", m.severity),
            None => "pwd-internet-edge".to_string(),
        };
        let label = if open.is_empty() {
            "https".to_string()
        } else {
            open.join(",")
        };
        let points = if rect.y < internet.y + internet.h {
            // Beside the internet, in the edge row: straight across, or over the row.
            let first = edge_nodes.first() == Some(&name.as_str());
            if first {
                vec![(internet.x + internet.w, rect.mid()), (rect.x, rect.mid())]
            } else {
                let y = MARGIN - 10.0;
                vec![
                    (internet.x + internet.w * 0.75, internet.y),
                    (internet.x + internet.w * 0.75, y),
                    (rect.x + 24.0, y),
                    (rect.x + 24.0, rect.y),
                ]
            }
        } else {
            gutter += 1;
            let x = MARGIN - 12.0 + 5.0 * gutter as f64;
            let x = x.min(MARGIN + PAD - 2.0);
            vec![
                (x, internet.y + internet.h),
                (x, rect.mid()),
                (rect.x, rect.mid()),
            ]
        };
        let _ = write!(
            s,
            r#"<g class="pwd-link" data-from="internet" data-to="{}"{}>"#,
            esc(name),
            network_finding
                .map(|m| format!(r#" data-rule="{}""#, esc(&m.rule)))
                .unwrap_or_default()
        );
        polyline(&mut s, &mut labels, &points, &class, &fit(&label, 18), 0.85);
        s.push_str("</g>");
    }
    let _ = write!(
        s,
        r#"<g class="pwd-internet"><rect x="{}" y="{}" width="{}" height="{}" rx="20"/><text x="{}" y="{}">Internet</text></g>"#,
        internet.x,
        internet.y,
        internet.w,
        internet.h,
        px(internet.x + internet.w / 2.0),
        px(internet.y + 25.0)
    );

    // The nodes, last: above the edges.
    let mut reached_from: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (from, to, ports) in &links {
        reached_from.entry(to).or_default().push((from, ports));
    }
    for (name, r, _) in &placed {
        let Some(rect) = at.get(name) else { continue };
        let info = r.info();
        let findings = facts.findings.get(*name);
        let sev = worst(findings);
        let cost = facts.costs.get(*name).map(String::as_str).unwrap_or("");
        let runs = what_runs(r);
        let count = findings.map_or(0, Vec::len);
        let line = facts.lines.get(*name).copied();
        let mut label = format!("{name}, {}", info.name);
        if !runs.is_empty() {
            label += &format!(", {runs}");
        }
        if !cost.is_empty() {
            label += &format!(", {cost} per month");
        }
        if count > 0 {
            label += &format!(", {count} finding(s), worst {}", sev.unwrap_or(""));
        }
        for (from, ports) in reached_from.get(name).into_iter().flatten() {
            label += &format!(", reached from {from} on {ports}");
        }
        let _ = write!(
            s,
            r#"<g class="pwd-node{}" data-name="{}"{} tabindex="0" role="button" aria-label="{}"><title>{}</title><rect class="pwd-box" x="{}" y="{}" width="{}" height="{}" rx="8"/><rect class="pwd-icon pwd-cat-{}" x="{}" y="{}" width="34" height="34" rx="6"/><text class="pwd-icon-text" x="{}" y="{}">{}</text><text class="pwd-name" x="{}" y="{}">{}</text><text class="pwd-detail" x="{}" y="{}">{}</text>"#,
            sev.map(|s| format!(" pwd-sev-{s}")).unwrap_or_default(),
            esc(name),
            line.map(|l| format!(r#" data-line="{l}""#))
                .unwrap_or_default(),
            esc(&label),
            esc(&label),
            px(rect.x),
            px(rect.y),
            px(rect.w),
            px(rect.h),
            format!("{:?}", info.category).to_ascii_lowercase(),
            px(rect.x + 10.0),
            px(rect.y + 10.0),
            px(rect.x + 27.0),
            px(rect.y + 31.0),
            esc(info.icon),
            px(rect.x + 52.0),
            px(rect.y + 23.0),
            esc(&fit(name, ((rect.w - 70.0) / 7.5) as usize)),
            px(rect.x + 52.0),
            px(rect.y + 40.0),
            esc(&fit(
                &runs,
                ((rect.w - 70.0 - 6.6 * cost.chars().count() as f64) / 6.2).max(0.0) as usize
            )),
        );
        if !cost.is_empty() {
            let _ = write!(
                s,
                r#"<text class="pwd-cost" x="{}" y="{}">{}</text>"#,
                px(rect.x + rect.w - 10.0),
                px(rect.y + 40.0),
                esc(cost)
            );
        }
        if let (Some(sev), true) = (sev, count > 0) {
            let _ = write!(
                s,
                r#"<g class="pwd-badge pwd-sev-{sev}"><circle cx="{}" cy="{}" r="10"/><text x="{}" y="{}">{count}</text></g>"#,
                px(rect.x + rect.w - 4.0),
                px(rect.y + 4.0),
                px(rect.x + rect.w - 4.0),
                px(rect.y + 8.0),
            );
        }
        s.push_str("</g>");
    }
    s.push_str(&labels);
    if capped {
        let _ = write!(
            s,
            r#"<text class="pwd-detail pwd-note" x="{}" y="{}">Only the first {MAX_LINKS} security-group edges are drawn</text>"#,
            px(width - MARGIN),
            px(height - 6.0)
        );
    }
    s.push_str("</svg>");
    s
}

/// The diagram's own style: readable alone (an exported file) and in the page, in light
/// and dark. Class names carry a `pwd-` prefix: inline in the page, the rules apply to the
/// whole document.
const STYLE: &str = "<style>\
.pwd{font:12px system-ui,-apple-system,'Segoe UI',sans-serif;--pwd-bg:#fff;--pwd-ink:#1d2433;--pwd-muted:#5b6475;--pwd-line:#c5cbd6;--pwd-box:#fff;--pwd-pub:#e7f6ec;--pwd-priv:#eaf0fb;--pwd-edge:#7a869a;--pwd-accent:#2f5bea;--pwd-critical:#b42318;--pwd-high:#c4320a;--pwd-medium:#b54708;--pwd-low:#5b6475;--pwd-badge-ink:#fff}\
@media (prefers-color-scheme:dark){.pwd{--pwd-bg:#12151c;--pwd-ink:#e6e8ee;--pwd-muted:#9aa3b5;--pwd-line:#3a4150;--pwd-box:#1b1f29;--pwd-pub:#14291d;--pwd-priv:#162033;--pwd-edge:#8b93a3;--pwd-accent:#7ea2ff;--pwd-critical:#ff8a78;--pwd-high:#ffb38a;--pwd-medium:#fdd37c;--pwd-low:#c5cbd6;--pwd-badge-ink:#12151c}}\
.pwd text{fill:var(--pwd-ink)}.pwd-bg{fill:var(--pwd-bg)}\
.pwd-vpc{fill:none;stroke:var(--pwd-edge);stroke-width:1.5;stroke-dasharray:6 4}\
.pwd-title{font-weight:600;font-size:13px}.pwd-zone{fill:var(--pwd-muted)!important;font-size:11px;text-transform:uppercase;letter-spacing:.04em}\
.pwd-subnet{stroke:var(--pwd-line)}.pwd-public{fill:var(--pwd-pub)}.pwd-private{fill:var(--pwd-priv)}\
.pwd-subnet-label{fill:var(--pwd-muted)!important;font-size:11px}\
.pwd-node{cursor:pointer;outline:none}.pwd-box{fill:var(--pwd-box);stroke:var(--pwd-line);stroke-width:1.2}\
.pwd-node.pwd-sev-critical .pwd-box{stroke:var(--pwd-critical);stroke-width:2}.pwd-node.pwd-sev-high .pwd-box{stroke:var(--pwd-high);stroke-width:2}\
.pwd-node.pwd-sev-medium .pwd-box{stroke:var(--pwd-medium);stroke-width:1.8}\
.pwd-icon{fill:#5b6475}.pwd-cat-compute{fill:#c2410c}.pwd-cat-databases{fill:#2456c9}.pwd-cat-cachesandqueues{fill:#b8206b}.pwd-cat-network{fill:#6d35c4}.pwd-cat-storage{fill:#23773a}\
.pwd-icon-text{fill:#fff!important;font-weight:700;font-size:11px;text-anchor:middle}\
.pwd-name{font-weight:600;font-size:12.5px}.pwd-detail{fill:var(--pwd-muted)!important;font-size:11px}\
.pwd-cost{font-size:11px;font-weight:600;text-anchor:end}\
.pwd-note{text-anchor:end}\
.pwd-badge circle{fill:var(--pwd-low)}.pwd-badge text{fill:var(--pwd-badge-ink)!important;font-size:11px;font-weight:700;text-anchor:middle}\
.pwd-badge.pwd-sev-critical circle{fill:var(--pwd-critical)}.pwd-badge.pwd-sev-high circle{fill:var(--pwd-high)}.pwd-badge.pwd-sev-medium circle{fill:var(--pwd-medium)}\
path.pwd-edge,path.pwd-internet-edge{fill:none;stroke:var(--pwd-edge);stroke-width:1.4}.pwd-arrowhead{fill:var(--pwd-edge)}.pwd-arrowhead.pwd-sev-critical{fill:var(--pwd-critical)}.pwd-arrowhead.pwd-sev-high{fill:var(--pwd-high)}.pwd-arrowhead.pwd-sev-medium{fill:var(--pwd-medium)}.pwd-arrowhead.pwd-sev-low{fill:var(--pwd-low)}\
path.pwd-internet-edge{stroke-dasharray:5 4}\
path.pwd-exposed{stroke-width:3;stroke-dasharray:none}\
path.pwd-exposed.pwd-sev-critical{stroke:var(--pwd-critical)}path.pwd-exposed.pwd-sev-high{stroke:var(--pwd-high)}path.pwd-exposed.pwd-sev-medium{stroke:var(--pwd-medium)}path.pwd-exposed.pwd-sev-low{stroke:var(--pwd-low)}\
.pwd-label-bg{fill:var(--pwd-bg);stroke:var(--pwd-line)}.pwd-label{font-size:10.5px;text-anchor:middle}\
.pwd-exposed .pwd-label{font-weight:700}\
.pwd-node:hover .pwd-box,.pwd-node:focus .pwd-box,.pwd-node.pwd-current .pwd-box{stroke:var(--pwd-accent);stroke-width:3}\
.pwd-internet rect{fill:var(--pwd-box);stroke:var(--pwd-edge);stroke-width:1.5}.pwd-internet text{font-weight:600;text-anchor:middle}\
</style>";
