//! Infracost-style usage files (`--usage-file`): teams that already wrote one for Infracost
//! reuse it. `resource_usage` by Terraform address (a `[*]` address covers every instance of
//! a `count` or `for_each`), `resource_type_default_usage` by type; the keys are Infracost's
//! where they mean what a design's `usage:` means (infracost.io/docs/features/usage_based_resources).
//! A key this reader does not use is a located warning, never silently dropped.

use crate::diag::{Code, Diagnostic, Location};
use crate::source::node::{parse, Node};
use crate::terraform::{Obj, OutValue};

/// Code of a warning about a usage file.
pub const USAGE_CODE: Code = Code::UsageFile;

/// A parsed usage file.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    root: Node,
    /// The file's name, for locating warnings.
    pub file: String,
}

/// Reads a usage file (YAML).
pub fn parse_usage(file: &str, text: &str) -> Result<Usage, Vec<Diagnostic>> {
    let root = parse(text).map_err(|mut d| {
        d.file = Some(file.into());
        vec![d]
    })?;
    if root.as_map().is_none() {
        let d = Diagnostic::error(USAGE_CODE, "a usage file is a map with `resource_usage:`")
            .at(Location::of(root.span.start));
        return Err(vec![Diagnostic {
            file: Some(file.into()),
            ..d
        }]);
    }
    Ok(Usage {
        root,
        file: file.to_string(),
    })
}

/// One Infracost key and what it becomes in the design: a path under the resource and a
/// factor (Infracost counts requests, a design thousands or millions).
struct Key {
    infracost: &'static str,
    design: &'static [&'static str],
    factor: f64,
}

const fn key(infracost: &'static str, design: &'static [&'static str], factor: f64) -> Key {
    Key {
        infracost,
        design,
        factor,
    }
}

/// Keys read per Terraform type.
const KEYS: &[(&str, Key)] = &[
    (
        "aws_nat_gateway",
        key("monthly_data_processed_gb", &["usage", "processed_gb"], 1.0),
    ),
    (
        "aws_cloudwatch_log_group",
        key("monthly_data_ingested_gb", &["usage", "ingested_gb"], 1.0),
    ),
    (
        "aws_s3_bucket",
        key("standard.storage_gb", &["usage", "stored_gb"], 1.0),
    ),
    (
        "aws_s3_bucket",
        key(
            "standard.monthly_tier_1_requests",
            &["usage", "put_k"],
            1e-3,
        ),
    ),
    (
        "aws_s3_bucket",
        key(
            "standard.monthly_tier_2_requests",
            &["usage", "get_k"],
            1e-3,
        ),
    ),
    (
        "aws_db_instance",
        key(
            "monthly_standard_io_requests",
            &["usage", "io_requests_m"],
            1e-6,
        ),
    ),
    (
        "aws_db_instance",
        key(
            "additional_backup_storage_gb",
            &["usage", "backup_storage_gb"],
            1.0,
        ),
    ),
    (
        "aws_rds_cluster",
        key("storage_gb", &["storage", "size_gb"], 1.0),
    ),
    (
        "aws_autoscaling_group",
        key("instances", &["scaling", "expected"], 1.0),
    ),
    (
        "aws_eks_node_group",
        key("instances", &["scaling", "expected"], 1.0),
    ),
    (
        "aws_secretsmanager_secret",
        key("monthly_requests", &["usage", "api_calls_k"], 1e-3),
    ),
    (
        "aws_wafv2_web_acl",
        key("monthly_requests", &["usage", "requests_m"], 1e-6),
    ),
    (
        "aws_mq_broker",
        key("storage_size_gb", &["usage", "storage_gb"], 1.0),
    ),
];

fn keys(resource_type: &str) -> impl Iterator<Item = &'static Key> + '_ {
    KEYS.iter()
        .filter(move |(t, _)| *t == resource_type)
        .map(|(_, k)| k)
}

fn number(n: &Node) -> Option<f64> {
    n.scalar_text()?.trim().parse().ok()
}

fn dotted<'n>(n: &'n Node, path: &str) -> Option<&'n Node> {
    path.split('.').try_fold(n, |n, k| n.get(k))
}

/// The sum of a number or of a map of numbers (CloudFront's per-region figures).
fn total(n: &Node) -> Option<f64> {
    match n.as_map() {
        Some(entries) => entries.iter().map(|(_, v)| number(v)).sum(),
        None => number(n),
    }
}

/// Sets `path` (creating maps) in a resource's fields.
fn set(o: &mut Obj, path: &[&str], value: f64) {
    match path {
        [] => {}
        [last] => {
            o.num(last, value, None);
        }
        [first, rest @ ..] => {
            if o.get(first).is_none() {
                o.obj(first, Obj::new(), None);
            }
            if let Some(crate::terraform::Out {
                value: OutValue::Map(inner),
                ..
            }) = o.get_mut(first)
            {
                set(inner, rest, value);
            }
        }
    }
}

impl Usage {
    fn section(&self, name: &str) -> Option<&Node> {
        self.root.get(name)
    }

    /// The usage entry of an instance: its address, its `[*]` address, else its type's default.
    fn entry(&self, address: &str, resource_type: &str) -> Option<&Node> {
        let by_address = self.section("resource_usage").and_then(|s| {
            s.get(address).or_else(|| {
                let base = address.rfind('[').and_then(|i| address.get(..i))?;
                let star = format!("{base}[*]");
                s.get(&star)
            })
        });
        by_address.or_else(|| {
            self.section("resource_type_default_usage")
                .and_then(|s| s.get(resource_type))
        })
    }

    fn warn(&self, message: String, at: &Node) -> Diagnostic {
        let mut d = Diagnostic::warning(USAGE_CODE, message).at(Location::of(at.span.start));
        d.file = Some(self.file.as_str().into());
        d
    }

    /// Applies the usage of one instance to its design fields; what it cannot use is a warning.
    pub fn apply(
        &self,
        address: &str,
        resource_type: &str,
        o: &mut Obj,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(entry) = self.entry(address, resource_type) else {
            return;
        };
        let Some(members) = entry.as_map() else {
            out.push(self.warn(format!("usage of `{address}` is not a map"), entry));
            return;
        };
        let mut used: Vec<&str> = Vec::new();
        for k in keys(resource_type) {
            if let Some(n) = dotted(entry, k.infracost) {
                match number(n) {
                    Some(v) => set(o, k.design, v * k.factor),
                    None => out.push(self.warn(
                        format!("`{}` of `{address}` is not a number", k.infracost),
                        n,
                    )),
                }
                used.push(k.infracost.split('.').next().unwrap_or_default());
            }
        }
        match resource_type {
            "aws_lb" | "aws_alb" => {
                if let Some(lcu) = lcu(entry, o) {
                    set(o, &["usage", "lcu"], lcu);
                }
                used.extend([
                    "new_connections",
                    "active_connections",
                    "processed_bytes_gb",
                    "rule_evaluations",
                ]);
            }
            "aws_cloudfront_distribution" => {
                if let Some(gb) = entry
                    .get("monthly_data_transfer_to_internet_gb")
                    .and_then(total)
                {
                    set(o, &["usage", "egress_gb"], gb);
                }
                let requests: Option<f64> = ["monthly_http_requests", "monthly_https_requests"]
                    .iter()
                    .filter_map(|k| entry.get(k).and_then(total))
                    .reduce(|a, b| a + b);
                if let Some(r) = requests {
                    set(o, &["usage", "requests_m"], r / 1e6);
                }
                used.extend([
                    "monthly_data_transfer_to_internet_gb",
                    "monthly_http_requests",
                    "monthly_https_requests",
                ]);
            }
            _ => {}
        }
        for (k, _) in members {
            let name = k.scalar_text().unwrap_or_default();
            if !used.contains(&name) {
                out.push(self.warn(
                    format!(
                        "`{name}` of `{address}` is not read by Planwright (not priced from usage)"
                    ),
                    k,
                ));
            }
        }
    }
}

/// Load balancer capacity units per hour from Infracost's figures: the largest of new
/// connections / s, active connections / min, processed GB / h and rule evaluations / s, each
/// over what one LCU holds (ALB: 25, 3,000, 1 GB, 1,000; NLB: 800, 100,000, 1 GB —
/// aws.amazon.com/elasticloadbalancing/pricing). `processed_bytes_gb` is the month's.
fn lcu(entry: &Node, o: &Obj) -> Option<f64> {
    let nlb = matches!(o.get("type"), Some(crate::terraform::Out { value: OutValue::Str(t), .. }) if t == "nlb");
    let (new, active) = if nlb {
        (800.0, 100_000.0)
    } else {
        (25.0, 3_000.0)
    };
    let dims = [
        entry
            .get("new_connections")
            .and_then(number)
            .map(|n| n / new),
        entry
            .get("active_connections")
            .and_then(number)
            .map(|n| n / active),
        entry
            .get("processed_bytes_gb")
            .and_then(number)
            .map(|n| n / 730.0),
        (!nlb)
            .then(|| {
                entry
                    .get("rule_evaluations")
                    .and_then(number)
                    .map(|n| n / 1_000.0)
            })
            .flatten(),
    ];
    dims.into_iter().flatten().reduce(f64::max)
}
