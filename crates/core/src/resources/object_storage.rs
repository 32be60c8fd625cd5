//! `kind: object_storage` — an S3 bucket: storage per class, requests.
//!
//! With lifecycle transitions, storage is split between classes by the steady state of
//! data arriving at a constant rate and kept `usage.retention_days` (default 365): the
//! share of bytes in a class is the share of an object's life it spends there.

use crate::diag::Code;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::model::Estimate;
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

/// Object lifetime assumed for lifecycle splits when the design states none.
pub const DEFAULT_RETENTION_DAYS: u32 = 365;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ObjectStorage {
    /// Class new objects are written in; default `standard`.
    #[serde(default)]
    pub class: StorageClass,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<S3Usage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versioning: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    /// Objects readable by anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle: Vec<Transition>,
    /// Lifecycle expiration: objects are deleted this many days after they are written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_after_days: Option<u32>,
    /// Lifecycle noncurrent-version expiration: an overwritten or deleted object's old
    /// version is removed this many days after it stopped being current.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noncurrent_expire_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication: Option<Replication>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum StorageClass {
    #[default]
    Standard,
    StandardIa,
    GlacierIr,
    Glacier,
    DeepArchive,
}

impl StorageClass {
    fn sku(self) -> &'static str {
        match self {
            StorageClass::Standard => "standard",
            StorageClass::StandardIa => "standard_ia",
            StorageClass::GlacierIr => "glacier_ir",
            StorageClass::Glacier => "glacier",
            StorageClass::DeepArchive => "deep_archive",
        }
    }

    fn label(self) -> &'static str {
        match self {
            StorageClass::Standard => "S3 Standard",
            StorageClass::StandardIa => "S3 Standard-IA",
            StorageClass::GlacierIr => "S3 Glacier Instant Retrieval",
            StorageClass::Glacier => "S3 Glacier Flexible Retrieval",
            StorageClass::DeepArchive => "S3 Glacier Deep Archive",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub after_days: u32,
    pub class: StorageClass,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Replication {
    pub region: String,
    /// S3 Replication Time Control.
    #[serde(default)]
    pub rtc: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct S3Usage {
    /// Average GB stored over the month.
    #[serde(default)]
    pub stored_gb: Estimate,
    /// PUT, COPY, POST, LIST requests per month, thousands.
    #[serde(default)]
    pub put_k: Estimate,
    /// GET and other requests per month, thousands.
    #[serde(default)]
    pub get_k: Estimate,
    /// How long objects are kept, days (for lifecycle splits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// GB written per month, replicated to `replication.region` (prices the transfer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicated_gb: Option<Estimate>,
    /// Average GB held in noncurrent versions (with versioning), priced in the bucket's class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noncurrent_gb: Option<Estimate>,
}

impl ObjectStorage {
    /// How long an object lives, days: the design's `usage.retention_days`, never past
    /// the lifecycle expiration; a year when neither is said.
    pub fn object_life_days(&self) -> u32 {
        let kept = self.usage.as_ref().and_then(|u| u.retention_days);
        match (kept, self.expire_after_days) {
            (Some(k), Some(e)) => k.min(e),
            (Some(d), None) | (None, Some(d)) => d,
            (None, None) => DEFAULT_RETENTION_DAYS,
        }
        .max(1)
    }

    /// (class, share of stored bytes) in the steady state.
    pub fn class_shares(&self) -> Vec<(StorageClass, Decimal)> {
        if self.lifecycle.is_empty() {
            return vec![(self.class, Decimal::ONE)];
        }
        let life = self.object_life_days();
        let mut steps: Vec<&Transition> = self.lifecycle.iter().collect();
        crate::order::sort_by_key(&mut steps, |t| t.after_days);
        let mut out = Vec::new();
        let (mut class, mut from) = (self.class, 0u32);
        for t in steps {
            let until = t.after_days.min(life);
            if until > from {
                out.push((class, Decimal::from(until - from) / Decimal::from(life)));
            }
            class = t.class;
            from = from.max(until);
        }
        if life > from {
            out.push((class, Decimal::from(life - from) / Decimal::from(life)));
        }
        out
    }
}

impl Kind for ObjectStorage {
    const NAME: &'static str = "object_storage";
    const ICON: &'static str = "S3";
    const SUMMARY: &'static str = "an S3 bucket: storage per class, requests.";
    const CATEGORY: Category = Category::Storage;
    const EXAMPLE: &'static str = "{ kind: object_storage, usage: { stored_gb: 10 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_s3_bucket"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field(
                "class",
                "class",
                Holds::Choice(&[
                    "standard",
                    "standard_ia",
                    "glacier_ir",
                    "glacier",
                    "deep_archive",
                ]),
                "",
            ),
            field("stored", "usage.stored_gb", Holds::Number, "GB"),
            field("versioning", "versioning", Holds::Toggle, ""),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    fn cost(&self, bill: &mut Bill) {
        let usage = self.usage.clone().unwrap_or_default();
        let stored = Qty::est(usage.stored_gb);
        if stored.any() {
            let split = !self.lifecycle.is_empty();
            for (class, share) in self.class_shares() {
                if let Some(p) = bill.price("s3", class.sku(), "usage.stored_gb") {
                    let note = if split {
                        format!(
                            " ({}% of bytes)",
                            (share * Decimal::ONE_HUNDRED).round_dp(1).normalize()
                        )
                    } else {
                        String::new()
                    };
                    bill.line(
                        format!("{} storage{note}", class.label()),
                        stored.scale(share),
                        p,
                        None,
                    );
                }
            }
        }
        if let Some(rep) = &self.replication {
            // The replica is a full copy, stored in the other region.
            if stored.any() {
                if let Some(p) = bill.price_in(&rep.region, "s3", "standard", "replication.region")
                {
                    bill.line(
                        format!("Replica storage in {} (S3 Standard)", rep.region),
                        stored,
                        p,
                        None,
                    );
                }
            }
            match usage.replicated_gb {
                Some(gb) if gb.any() => {
                    if let Some(p) = bill.price("transfer", "inter-region", "usage.replicated_gb") {
                        bill.line(format!("Replication transfer to {}", rep.region), Qty::est(gb), p, None);
                    }
                    if rep.rtc {
                        if let Some(p) = bill.price("s3-rtc", "rtc", "replication.rtc") {
                            bill.line("Replication Time Control".into(), Qty::est(gb), p, None);
                        }
                    }
                }
                Some(_) => {}
                None => bill.diagnostics.push(
                    crate::diag::Diagnostic::warning(
                        Code::UsageNeeded,
                        "replication transfer is not priced: the design does not say how much data is written",
                    )
                    .with_path(&bill.path.key("usage"))
                    .with_hint("set `usage: { replicated_gb: N }` (GB written per month)"),
                ),
            }
        }
        if let Some(gb) = usage.noncurrent_gb.filter(Estimate::any) {
            if let Some(p) = bill.price("s3", self.class.sku(), "usage.noncurrent_gb") {
                let kept = match self.noncurrent_expire_days {
                    Some(d) => format!("kept {d} days"),
                    None => "never expire".to_string(),
                };
                bill.line(
                    format!("Noncurrent versions ({}, {kept})", self.class.label()),
                    Qty::est(gb),
                    p,
                    None,
                );
            }
        }
        if usage.put_k.any() {
            if let Some(p) = bill.price("s3-requests", "put", "usage.put_k") {
                bill.line(
                    "PUT, COPY, POST, LIST requests".into(),
                    Qty::est(usage.put_k),
                    p,
                    None,
                );
            }
        }
        if usage.get_k.any() {
            if let Some(p) = bill.price("s3-requests", "get", "usage.get_k") {
                bill.line(
                    "GET and other requests".into(),
                    Qty::est(usage.get_k),
                    p,
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_split_is_the_share_of_an_objects_life() {
        let s = ObjectStorage {
            class: StorageClass::Standard,
            usage: Some(S3Usage {
                stored_gb: 100.0.into(),
                put_k: 0.0.into(),
                get_k: 0.0.into(),
                retention_days: Some(120),
                replicated_gb: None,
                noncurrent_gb: None,
            }),
            versioning: None,
            encrypted: None,
            public: None,
            lifecycle: vec![Transition {
                after_days: 30,
                class: StorageClass::Glacier,
            }],
            expire_after_days: None,
            noncurrent_expire_days: None,
            replication: None,
            region: None,
            tags: BTreeMap::new(),
        };
        let shares = s.class_shares();
        assert_eq!(
            shares[0],
            (
                StorageClass::Standard,
                Decimal::from(30) / Decimal::from(120)
            )
        );
        assert_eq!(
            shares[1],
            (
                StorageClass::Glacier,
                Decimal::from(90) / Decimal::from(120)
            )
        );
    }
}

/// `aws_s3_bucket` with its split resources (versioning, encryption, public access block, lifecycle, replication) folded in, as `kind: object_storage`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{
        blocks, number, span_of, Cx, Instance, Mapping, Obj, Out, OutValue, Value,
    };

    fn class(tf: &str) -> Option<&'static str> {
        Some(match tf {
            "STANDARD" => "standard",
            "STANDARD_IA" | "ONEZONE_IA" | "INTELLIGENT_TIERING" => "standard_ia",
            "GLACIER_IR" => "glacier_ir",
            "GLACIER" => "glacier",
            "DEEP_ARCHIVE" => "deep_archive",
            _ => return None,
        })
    }

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        fn part<'a>(cx: &mut Cx<'a>, bucket: &str, ty: &'a str) -> Option<&'a Instance> {
            let found = cx.referring(ty, "bucket", bucket);
            for f in &found {
                cx.fold(&f.address);
            }
            found.into_iter().next()
        }
        if let Some(v) = part(cx, &r.address, "aws_s3_bucket_versioning") {
            let on = v.str("versioning_configuration[0].status") == Some("Enabled");
            o.bool(
                "versioning",
                on,
                Some(&span_of(v, "versioning_configuration")),
            );
        } else if let Some(on) = r.bool("versioning[0].enabled") {
            o.bool("versioning", on, Some(&span_of(r, "versioning")));
        }
        // Every bucket encrypts new objects (SSE-S3) since 5 January 2023
        // (docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html).
        match part(
            cx,
            &r.address,
            "aws_s3_bucket_server_side_encryption_configuration",
        ) {
            Some(e) => o.bool("encrypted", true, Some(&e.span)),
            None => o.bool("encrypted", true, Some(&r.span)),
        };
        if let Some(b) = part(cx, &r.address, "aws_s3_bucket_public_access_block") {
            let blocked = [
                "block_public_acls",
                "block_public_policy",
                "ignore_public_acls",
                "restrict_public_buckets",
            ]
            .iter()
            .all(|k| b.bool(k) == Some(true));
            o.bool("public", !blocked, Some(&b.span));
        } else if let Some(acl) = r.str("acl") {
            o.bool(
                "public",
                acl.starts_with("public"),
                Some(&span_of(r, "acl")),
            );
        }
        if let Some(l) = part(cx, &r.address, "aws_s3_bucket_lifecycle_configuration") {
            let mut steps = Vec::new();
            // The shortest expiration of any enabled rule (rules may filter by prefix; the
            // design has one lifetime per bucket).
            let mut expire: Option<(f64, crate::terraform::Span)> = None;
            let mut noncurrent: Option<(f64, crate::terraform::Span)> = None;
            for rule in blocks(l, "rule") {
                if rule.value.get("status").and_then(Value::as_str) == Some("Disabled") {
                    continue;
                }
                for (block, attr, slot) in [
                    ("expiration", "days", &mut expire),
                    (
                        "noncurrent_version_expiration",
                        "noncurrent_days",
                        &mut noncurrent,
                    ),
                ] {
                    let found = rule
                        .value
                        .get(block)
                        .and_then(|v| v.iter_list().next())
                        .and_then(|b| {
                            b.value
                                .get(attr)
                                .and_then(number)
                                .map(|d| (d, b.span.clone()))
                        });
                    if let Some((d, span)) = found {
                        if slot.as_ref().is_none_or(|(old, _)| d < *old) {
                            *slot = Some((d, span));
                        }
                    }
                }
                for t in rule
                    .value
                    .get("transition")
                    .map(|v| v.iter_list().collect::<Vec<_>>())
                    .unwrap_or_default()
                {
                    let days = t.value.get("days").and_then(number);
                    let c = t
                        .value
                        .get("storage_class")
                        .and_then(Value::as_str)
                        .and_then(class);
                    if let (Some(d), Some(c)) = (days, c) {
                        let mut s = Obj::new();
                        s.num("after_days", d, Some(&t.span));
                        s.str("class", c, Some(&t.span));
                        steps.push(Out::new(OutValue::Map(s), Some(&t.span)));
                    }
                }
            }
            if !steps.is_empty() {
                o.list("lifecycle", steps, Some(&l.span));
            }
            if let Some((d, span)) = expire {
                o.num("expire_after_days", d, Some(&span));
            }
            if let Some((d, span)) = noncurrent {
                o.num("noncurrent_expire_days", d, Some(&span));
            }
        }
        if let Some(rep) = part(cx, &r.address, "aws_s3_bucket_replication_configuration") {
            let dest = rep.get_spanned("rule[0].destination[0].bucket").map(|d| {
                (
                    d.span.clone(),
                    crate::terraform::refs_in(&d.value)
                        .first()
                        .map(|x| x.address.clone()),
                )
            });
            let region = dest
                .as_ref()
                .and_then(|(_, a)| a.as_deref())
                .and_then(|a| cx.get(a))
                .and_then(|b| cx.region_of(b).map(str::to_string));
            match region {
                Some(region) => {
                    let mut x = Obj::new();
                    let at = dest.map(|(s, _)| s).unwrap_or_else(|| rep.span.clone());
                    x.str("region", region, Some(&at));
                    let rtc = rep.str("rule[0].destination[0].replication_time[0].status") == Some("Enabled");
                    x.bool("rtc", rtc, Some(&at));
                    o.obj("replication", x, Some(&rep.span));
                }
                None => cx.note(
                    format!("{}: the replication destination's region is not known (a provider alias with a region); replication left out", r.address),
                    &rep.span,
                ),
            }
        }
        if let Some(region) = cx.region_of(r) {
            o.str("region", region, Some(&r.span));
        }
        Some(o)
    }
}
