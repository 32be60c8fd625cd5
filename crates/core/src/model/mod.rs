//! The design format's own types: every section of a design but its resources (network,
//! transfer, DR, policy, display, pricing) and the types the resource kinds share
//! (`common`). The whole [`crate::design::Design`] sits above the kinds, which use these.
//!
//! **API boundary**: the field names here are the design format (version 1). Extend it;
//! do not rename. Serde types of the format live in this module and in `resources/`.

pub mod common;
pub mod network;
pub mod provider;
pub mod user_rule;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use common::{Estimate, PortRange, Ports, Purchase, Scaling, Schedule, VolumeSpec, VolumeType};
pub use network::{Action, FirewallRule, Network, Peer, Protocol, SecurityGroup, Subnet};
pub use provider::Provider;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Dev,
    Staging,
    Prod,
}

impl Environment {
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Dev => "dev",
            Environment::Staging => "staging",
            Environment::Prod => "prod",
        }
    }
}

/// Data transfer not attributed to a resource, per month.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    #[serde(default)]
    pub internet_egress_gb: Estimate,
    #[serde(default)]
    pub inter_az_gb: Estimate,
    #[serde(default)]
    pub inter_region_gb: Estimate,
}

/// Disaster-recovery targets and strategy (read by the readiness model).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<DrTargets>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<DrStrategy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_failover: Option<DnsFailover>,
    /// Targets for one resource's own recovery, by resource name (each may name its
    /// scenarios): `{ ledger: { rpo: 1m, scenarios: [corruption] } }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_targets: BTreeMap<String, DrTargets>,
    /// Overrides of the readiness model's named durations: `{ replica_promotion: 5m }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub assumptions: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DrTargets {
    /// Recovery time objective, e.g. `4h`, `30m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto: Option<String>,
    /// Recovery point objective, e.g. `1h`, `15m`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo: Option<String>,
    /// The scenarios the target applies to (`instance`, `zone`, `region`, `corruption`);
    /// all of them when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<String>,
}

/// The four disruptions readiness is assessed against, in report order. The design names
/// them as text (`scenarios: [zone]`); validation reads that text into this enum, reporting
/// an unknown name at its line with a did-you-mean, so the model never matches on strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scenario {
    /// One instance or host fails.
    Instance,
    /// An availability zone is lost.
    Zone,
    /// The whole region is lost.
    Region,
    /// Data is corrupted or deleted by a bad write (replicas copy it).
    Corruption,
}

impl Scenario {
    pub const ALL: [Scenario; 4] = [
        Scenario::Instance,
        Scenario::Zone,
        Scenario::Region,
        Scenario::Corruption,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::Instance => "instance",
            Scenario::Zone => "zone",
            Scenario::Region => "region",
            Scenario::Corruption => "corruption",
        }
    }

    pub fn parse(text: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl std::fmt::Display for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl DrTargets {
    /// Whether the target covers `scenario`.
    pub fn applies_to(&self, scenario: Scenario) -> bool {
        self.scenarios.is_empty()
            || self
                .scenarios
                .iter()
                .any(|s| s.as_str() == scenario.as_str())
    }

    /// RTO and RPO in minutes (an unreadable duration, already reported by validation,
    /// counts as no target).
    pub fn minutes(&self) -> (Option<f64>, Option<f64>) {
        let m = |v: &Option<String>| {
            v.as_deref()
                .and_then(|v| crate::units::parse_duration_minutes(v).ok())
        };
        (m(&self.rto), m(&self.rpo))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DrStrategy {
    BackupRestore,
    PilotLight,
    WarmStandby,
    ActiveActive,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DnsFailover {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<String>,
    #[serde(default)]
    pub automatic: bool,
}

/// Policy settings (read by the policy engine). A policy pack file has the same fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A name for the pack (shown in the page when imported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub thresholds: BTreeMap<String, f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// Built-in rules turned off, by ID.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// Severity overrides by rule ID: `{ TAG-001: high }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, user_rule::UserSeverity>,
    /// The organisation's own rules (see docs/rules.md, "Your own rules").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<user_rule::UserRule>,
    /// Every public load balancer and CDN must sit behind a WAF with a rate-based rule
    /// (rule NET-013).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_rate_limit: bool,
}

impl Policy {
    /// This policy with `pack` (an organisation's) underneath: lists add up, the allowed
    /// regions narrow to those both allow, and the design's own settings win elsewhere.
    pub fn merged_over(&self, pack: &Policy) -> Policy {
        let union = |a: &[String], b: &[String]| {
            let mut v = b.to_vec();
            for x in a {
                if !v.contains(x) {
                    v.push(x.clone());
                }
            }
            v
        };
        let allowed_regions = match (
            self.allowed_regions.is_empty(),
            pack.allowed_regions.is_empty(),
        ) {
            (true, _) => pack.allowed_regions.clone(),
            (false, true) => self.allowed_regions.clone(),
            (false, false) => self
                .allowed_regions
                .iter()
                .filter(|r| pack.allowed_regions.contains(r))
                .cloned()
                .collect(),
        };
        let mut thresholds = pack.thresholds.clone();
        thresholds.extend(self.thresholds.clone());
        let mut severity = pack.severity.clone();
        severity.extend(self.severity.clone());
        Policy {
            name: self.name.clone().or_else(|| pack.name.clone()),
            packs: union(&self.packs, &pack.packs),
            required_tags: union(&self.required_tags, &pack.required_tags),
            allowed_regions,
            budget: self.budget.clone().or_else(|| pack.budget.clone()),
            thresholds,
            waivers: pack
                .waivers
                .iter()
                .chain(self.waivers.iter())
                .cloned()
                .collect(),
            disable: union(&self.disable, &pack.disable),
            severity,
            rules: pack
                .rules
                .iter()
                .chain(self.rules.iter())
                .cloned()
                .collect(),
            // A requirement either sets holds: a design cannot lift its pack's.
            require_rate_limit: self.require_rate_limit || pack.require_rate_limit,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub monthly_usd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    pub rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    pub reason: String,
    /// Date the waiver lapses, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// How money is shown (the report itself is always USD).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Display {
    /// An ISO 4217 code: `USD` (the default), `KRW`, `EUR`, `JPY`…
    #[serde(default)]
    pub currency: Currency,
    /// Won per US dollar, for `currency: KRW` (or `per_usd`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_to_krw: Option<f64>,
    /// Units of `currency` per US dollar, required for any currency but USD (KRW may give
    /// `usd_to_krw` instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_usd: Option<f64>,
    /// The date of the rate (`YYYY-MM-DD`), shown beside it: a rate is a fact of one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

impl Display {
    /// Units of the display currency per dollar, when it is not USD and a rate is given.
    pub fn rate(&self) -> Option<f64> {
        if self.currency.is_usd() {
            return None;
        }
        self.per_usd.or(match self.currency.0.as_str() {
            "KRW" => self.usd_to_krw,
            _ => None,
        })
    }
}

/// A currency code as written (`KRW`); `validate` checks it is three capital letters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Currency(
    #[cfg_attr(feature = "schema", schemars(regex(pattern = "^[A-Z]{3}$")))] pub String,
);

impl Default for Currency {
    fn default() -> Self {
        Currency("USD".into())
    }
}

impl Currency {
    pub fn is_usd(&self) -> bool {
        self.0 == "USD"
    }
}

/// Pricing options of the design.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Apply the always-free allowances (100 GB internet egress, CloudFront 1 TB and
    /// 10M requests). Off by default: free tiers are account-wide.
    #[serde(default)]
    pub free_tier: bool,
    /// An account-wide discount (EDP, private pricing) off every catalog price, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_pct: Option<f64>,
    /// Hours in the billed month: 730 (the providers' convention) unless set, e.g. 744 for
    /// a 31-day calendar month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_month: Option<f64>,
}

/// A resource written `recovery: none`: it holds no data worth recovering (a broker of
/// transient messages, a cache rebuilt from the database), so readiness leaves it out of
/// the RPO and says so. Written on the resource, beside its kind's own fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NoRecovery {
    /// Why (`reason:` beside it, or `recovery: { mode: none, reason }`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
