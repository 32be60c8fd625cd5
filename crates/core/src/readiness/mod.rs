//! Readiness: the RPO and RTO the design can achieve for each disruption, per stateful
//! component, and the application's (RTO: its critical path, the slowest component; RPO:
//! the worst component). Built only from what the design states and the named parameters of
//! [`params`]; a component with no copy outside the lost place is unbounded (`None`), never
//! a guessed number.
//!
//! What the design states is what counts: a database without `backup:` has no backups here;
//! with automated backups RDS and Aurora have point-in-time recovery unless the design says
//! `continuous_log: false`. Caches hold derived data that is
//! rebuilt, so they count toward neither RPO nor RTO.

pub mod params;
pub mod suggest;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::design::Design;
use crate::model::DrStrategy;
use crate::model::Scenario;
use crate::resources::database::{Database, FullBackup};
use crate::resources::queue::{Deployment, QueueEngine};
use crate::resources::Resource;
use crate::units::parse_duration_minutes;
use params::{Assumption as A, Params};

/// One component's achievable recovery in one scenario. `None` is unbounded: the data (or
/// the service) cannot be brought back from anything the design keeps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentOutcome {
    pub component: String,
    pub rpo_minutes: Option<f64>,
    pub rto_minutes: Option<f64>,
    /// How the figures come about, naming the parameters used.
    pub how: String,
}

/// The application's recovery in one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub scenario: Scenario,
    pub rpo_minutes: Option<f64>,
    pub rto_minutes: Option<f64>,
    pub critical_path: Vec<String>,
    pub components: Vec<ComponentOutcome>,
    /// Components written `recovery: none`, left out of the RPO.
    pub not_in_rpo: Vec<NotInRpo>,
}

/// A component left out of the scenario's RPO because its resource says `recovery: none`
/// (it holds no data worth recovering), with the design's reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotInRpo {
    pub resource: String,
    /// What the component's own RPO would be (`None`: unbounded).
    pub rpo_minutes: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Readiness: the design's targets and, per scenario, what it achieves.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Readiness {
    pub targets: Option<Targets>,
    pub scenarios: Vec<ScenarioReport>,
}

/// What to show for a scenario: its targets met, one missed, or no target to judge by
/// (never "met" then: an unbounded recovery with no target is not a pass).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Meets,
    Misses,
    NoTarget,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Meets => "meets",
            Verdict::Misses => "misses",
            Verdict::NoTarget => "no target",
        }
    }

    /// ✓, ✗, or – for no target.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::Meets => "✓",
            Verdict::Misses => "✗",
            Verdict::NoTarget => "–",
        }
    }
}

/// One disruption scenario. Minutes are `null` when unbounded (nothing the design keeps can
/// bring the data or the service back).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioReport {
    pub scenario: Scenario,
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
    /// No target in force is missed (true when none applies: read [`Self::verdict`] to
    /// show it).
    pub meets: bool,
    /// The verdict to show: `no_target` when neither the design nor a resource sets a
    /// target for this scenario.
    pub verdict: Verdict,
    /// The components that set the RTO (or, when unbounded, the ones that cannot recover).
    pub critical_path: Vec<String>,
    pub suggestions: Vec<suggest::Suggestion>,
    pub components: Vec<ComponentOutcome>,
    /// Components left out of the RPO (`recovery: none`), said beside the figures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_in_rpo: Vec<NotInRpo>,
    /// The design's target for this scenario (`dr.targets`, if it applies to it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Targets>,
    /// Targets of single resources for this scenario (`dr.resource_targets`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_targets: Vec<ResourceTarget>,
}

/// One resource's target in one scenario, against what the resource achieves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceTarget {
    pub resource: String,
    pub target: Targets,
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
    pub meets: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
}

fn max_opt(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let mut out = Some(0.0_f64);
    for v in values {
        out = match (out, v) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    out
}

/// Round to a tenth of a minute for display and stable reports.
fn round(m: f64) -> f64 {
    (m * 10.0).round() / 10.0
}

struct Ctx<'a> {
    design: &'a Design,
    p: Params,
}

impl<'a> Ctx<'a> {
    fn strategy(&self) -> DrStrategy {
        self.design
            .dr
            .as_ref()
            .and_then(|d| d.strategy)
            .unwrap_or(DrStrategy::BackupRestore)
    }

    /// Detection plus DNS: automatic failover waits for health checks and the record's TTL;
    /// without it a person does the switch.
    fn redirect(&self) -> (f64, String) {
        let dns = self
            .design
            .dr
            .as_ref()
            .and_then(|d| d.dns_failover.as_ref());
        match dns {
            Some(d) if d.automatic => {
                let ttl = d
                    .ttl
                    .as_deref()
                    .and_then(|t| parse_duration_minutes(t).ok())
                    .unwrap_or(1.0);
                (
                    self.p.get(A::Detection) + ttl,
                    format!("detection {} + DNS TTL {ttl}", self.p.get(A::Detection)),
                )
            }
            _ => (
                self.p.get(A::ManualFailover),
                format!("manual_failover {}", self.p.get(A::ManualFailover)),
            ),
        }
    }

    fn capacity(&self) -> (f64, &'static str) {
        let a = match self.strategy() {
            DrStrategy::BackupRestore => A::CapacityBackupRestore,
            DrStrategy::PilotLight => A::CapacityPilotLight,
            DrStrategy::WarmStandby => A::CapacityWarmStandby,
            DrStrategy::ActiveActive => A::CapacityActiveActive,
        };
        (self.p.get(a), a.name())
    }
}

/// The interval between restore points kept in the region: point-in-time logs, incremental
/// backups, full backups; the best one wins. `None` when there are no backups.
fn restore_point(db: &Database, p: &Params) -> Option<(f64, String)> {
    let b = db.backup.as_ref()?;
    if !b.automated() {
        return None;
    }
    if b.point_in_time() {
        return Some((
            p.get(A::PitrLogLag),
            format!("point-in-time logs (pitr_log_lag {})", p.get(A::PitrLogLag)),
        ));
    }
    let incremental = b
        .incremental_every
        .as_deref()
        .and_then(|d| parse_duration_minutes(d).ok());
    let full = match b.full {
        Some(FullBackup::Weekly) => Some(7.0 * 1440.0),
        Some(FullBackup::None) => None,
        // Automated backups take a daily snapshot unless the design says otherwise.
        Some(FullBackup::Daily) | None => Some(1440.0),
    };
    match (incremental, full) {
        (Some(i), Some(f)) if i < f => Some((i, format!("incremental backups every {i} min"))),
        (_, Some(f)) => Some((f, format!("full backups every {f} min"))),
        (Some(i), None) => Some((i, format!("incremental backups every {i} min"))),
        (None, None) => None,
    }
}

fn restore_time(db: &Database, p: &Params) -> f64 {
    let size = db.storage.as_ref().map(|s| s.size_gb).unwrap_or(0.0);
    p.get(A::RestoreBase) + size / 100.0 * p.get(A::RestoreMinutesPer100gb)
}

fn database(c: &Ctx, name: &str, db: &Database, scenario: Scenario) -> ComponentOutcome {
    let p = &c.p;
    let home = db.region.clone().unwrap_or_else(|| c.design.region.clone());
    let out = |rpo: Option<f64>, rto: Option<f64>, how: String| ComponentOutcome {
        component: name.to_string(),
        rpo_minutes: rpo.map(round),
        rto_minutes: rto.map(round),
        how,
    };
    let aurora = db.engine.is_aurora();
    let standby = if aurora {
        db.instances.unwrap_or(if db.multi_az { 2 } else { 1 }) >= 2
    } else {
        db.multi_az
    };
    let failover = if aurora {
        A::AuroraFailover
    } else {
        A::MultiAzFailover
    };
    let restore = restore_time(db, p);
    let in_region = restore_point(db, p);
    match scenario {
        Scenario::Instance | Scenario::Zone if standby => out(
            Some(0.0),
            Some(p.get(failover)),
            format!(
                "synchronous standby, {} {}",
                failover.name(),
                p.get(failover)
            ),
        ),
        // Aurora keeps six copies of its storage across three zones: a new instance attaches to it.
        Scenario::Instance | Scenario::Zone if aurora => out(
            Some(0.0),
            Some(p.get(A::RestoreBase)),
            format!(
                "storage survives across zones; a new instance (restore_base {})",
                p.get(A::RestoreBase)
            ),
        ),
        // Single-AZ RDS: a failed host is replaced and reattaches its volume.
        Scenario::Instance => out(
            Some(0.0),
            Some(p.get(A::RestoreBase)),
            format!(
                "host replaced, storage kept (restore_base {})",
                p.get(A::RestoreBase)
            ),
        ),
        Scenario::Zone | Scenario::Corruption => match in_region {
            Some((rpo, how)) => {
                let what = if scenario == Scenario::Zone {
                    "its zone is lost"
                } else {
                    "replicas copy the corruption"
                };
                out(Some(rpo), Some(p.get(A::Detection) + restore), format!("{what}: restore from {how}; detection + restore ({:.0} min for the data size)", restore))
            }
            None => out(
                None,
                None,
                if scenario == Scenario::Zone {
                    "single zone and no backups: nothing survives the zone".into()
                } else {
                    "no backups: a bad write cannot be undone (replication copies it)".into()
                },
            ),
        },
        Scenario::Region => {
            let (redirect, redirect_how) = c.redirect();
            let remote_replica = db
                .replicas
                .iter()
                .any(|r| r.region.as_ref().is_some_and(|r| *r != home));
            if remote_replica {
                let (lag, lag_name) = if aurora {
                    (p.get(A::AuroraGlobalLag), "aurora_global_lag")
                } else {
                    (p.get(A::ReplicaLag), "replica_lag")
                };
                let promote = if aurora {
                    p.get(A::AuroraFailover)
                } else {
                    p.get(A::ReplicaPromotion)
                };
                out(Some(lag), Some(promote + redirect), format!("replica in another region: RPO {lag_name}; promotion {promote} + {redirect_how}"))
            } else if let Some(target) = db
                .backup
                .as_ref()
                .and_then(|b| b.copy_to_region.as_ref())
                .filter(|t| **t != home)
            {
                // Copied snapshots carry no transaction logs: restore points are the backups.
                let copy = db.backup.as_ref().map(|b| Database {
                    backup: Some(crate::resources::database::Backup {
                        continuous_log: Some(false),
                        ..b.clone()
                    }),
                    ..db.clone()
                });
                match copy.as_ref().and_then(|d| restore_point(d, p)) {
                    Some((rpo, how)) => out(
                        Some(rpo),
                        Some(restore + redirect),
                        format!("backup copies in {target} ({how}); restore + {redirect_how}"),
                    ),
                    None => out(None, None, "backup copies hold no restore points".into()),
                }
            } else {
                out(
                    None,
                    None,
                    "no replica or backup copy outside the region".into(),
                )
            }
        }
    }
}

fn group(
    c: &Ctx,
    name: &str,
    min: u32,
    subnets: &[String],
    scenario: Scenario,
) -> ComponentOutcome {
    let p = &c.p;
    let zones: std::collections::BTreeSet<String> = c
        .design
        .network
        .iter()
        .flat_map(|n| {
            subnets
                .iter()
                .filter_map(|s| n.subnets.get(s).and_then(|x| x.zone.clone()))
        })
        .collect();
    let zone_unknown = c.design.network.iter().any(|n| {
        subnets
            .iter()
            .any(|s| n.subnets.get(s).is_some_and(|x| x.zone.is_none()))
    });
    let (rto, how) = match scenario {
        Scenario::Instance if min >= 2 => (0.0, "others keep serving".to_string()),
        Scenario::Instance => (p.get(A::InstanceReplacement), format!("instance_replacement {}", p.get(A::InstanceReplacement))),
        // A named subnet without a `zone` is no evidence of a second zone.
        Scenario::Zone if min >= 2 && zones.len() < 2 && zone_unknown => (
            p.get(A::InstanceReplacement),
            format!("its subnets name no zone: assumed relaunched in another zone (instance_replacement {})", p.get(A::InstanceReplacement)),
        ),
        Scenario::Zone if min >= 2 && zones.len() != 1 => (0.0, "runs in several zones".to_string()),
        Scenario::Zone if zones.len() == 1 && !zone_unknown => (
            p.get(A::ManualFailover) + p.get(A::InstanceReplacement),
            "every subnet is in the lost zone: someone moves it (manual_failover + instance_replacement)".to_string(),
        ),
        Scenario::Zone => (p.get(A::InstanceReplacement), format!("relaunched in another zone (instance_replacement {})", p.get(A::InstanceReplacement))),
        Scenario::Region => {
            let (redirect, redirect_how) = c.redirect();
            let (cap, cap_name) = c.capacity();
            (cap + redirect, format!("{cap_name} {cap} + {redirect_how}"))
        }
        _ => (0.0, "stateless: nothing to restore".to_string()),
    };
    ComponentOutcome {
        component: name.to_string(),
        rpo_minutes: Some(0.0),
        rto_minutes: Some(round(rto)),
        how,
    }
}

/// Outcomes of every component that matters in `scenario`.
fn components(c: &Ctx, scenario: Scenario) -> Vec<ComponentOutcome> {
    let mut out = Vec::new();
    for (name, r) in &c.design.resources {
        let o = match r {
            Resource::Database(db) => Some(database(c, name, db, scenario)),
            Resource::Compute(x) => {
                let min = x
                    .scaling
                    .as_ref()
                    .map(|s| s.min)
                    .unwrap_or(x.count.unwrap_or(1));
                Some(group(c, name, min, &x.subnets, scenario))
            }
            Resource::Container(x) => {
                let min = x
                    .tasks
                    .as_ref()
                    .map(|s| s.min)
                    .unwrap_or(x.count.unwrap_or(1));
                Some(group(c, name, min, &x.subnets, scenario))
            }
            Resource::Kubernetes(k) => {
                let min = k.node_groups.iter().map(|g| g.min).sum();
                Some(group(c, name, min, &k.subnets, scenario))
            }
            Resource::ObjectStorage(s) => Some(match scenario {
                Scenario::Region => match &s.replication {
                    Some(rep) => {
                        let (lag, name_p) = if rep.rtc {
                            (c.p.get(A::S3Rtc), "s3_rtc")
                        } else {
                            (c.p.get(A::S3Replication), "s3_replication")
                        };
                        let (redirect, how) = c.redirect();
                        ComponentOutcome {
                            component: name.clone(),
                            rpo_minutes: Some(round(lag)),
                            rto_minutes: Some(round(redirect)),
                            how: format!("replicated to {} ({name_p}); {how}", rep.region),
                        }
                    }
                    None => ComponentOutcome {
                        component: name.clone(),
                        rpo_minutes: None,
                        rto_minutes: None,
                        how: "no replication outside the region".into(),
                    },
                },
                Scenario::Corruption if s.versioning == Some(true) => ComponentOutcome {
                    component: name.clone(),
                    rpo_minutes: Some(0.0),
                    rto_minutes: Some(round(c.p.get(A::Detection))),
                    how: "earlier versions are kept".into(),
                },
                Scenario::Corruption => ComponentOutcome {
                    component: name.clone(),
                    rpo_minutes: None,
                    rto_minutes: None,
                    how: "no versioning: an overwrite or delete is final".into(),
                },
                _ => ComponentOutcome {
                    component: name.clone(),
                    rpo_minutes: Some(0.0),
                    rto_minutes: Some(0.0),
                    how: "S3 keeps data across zones".into(),
                },
            }),
            Resource::Queue(q) => Some(match (scenario, q.deployment) {
                (Scenario::Instance | Scenario::Zone, Deployment::SingleInstance) => {
                    ComponentOutcome {
                        component: name.clone(),
                        rpo_minutes: None,
                        rto_minutes: Some(round(c.p.get(A::InstanceReplacement))),
                        how: "single broker: its messages are lost with it".into(),
                    }
                }
                (Scenario::Instance | Scenario::Zone, _) => ComponentOutcome {
                    component: name.clone(),
                    rpo_minutes: Some(0.0),
                    rto_minutes: Some(round(c.p.get(A::MultiAzFailover))),
                    how: "brokers in several zones".into(),
                },
                (Scenario::Region, _) => match &q.replica {
                    Some(replica) if replica.region != c.design.region => {
                        let lag = c.p.get(A::BrokerReplicationLag);
                        let promote = c.p.get(A::BrokerPromotion);
                        let (redirect, redirect_how) = c.redirect();
                        let copy = match q.engine {
                            QueueEngine::Activemq => "cross-Region data replication",
                            QueueEngine::Rabbitmq => "a shovel / federation",
                        };
                        ComponentOutcome {
                            component: name.clone(),
                            rpo_minutes: Some(round(lag)),
                            rto_minutes: Some(round(promote + redirect)),
                            how: format!(
                                "replica broker in {} ({copy}): RPO {} {lag}; {} {promote} + {redirect_how}",
                                replica.region,
                                A::BrokerReplicationLag.name(),
                                A::BrokerPromotion.name(),
                            ),
                        }
                    }
                    _ => ComponentOutcome {
                        component: name.clone(),
                        rpo_minutes: None,
                        rto_minutes: None,
                        how: "messages are not copied outside the region".into(),
                    },
                },
                _ => continue,
            }),
            Resource::Volume(_) => Some(match scenario {
                Scenario::Instance => ComponentOutcome {
                    component: name.clone(),
                    rpo_minutes: Some(0.0),
                    rto_minutes: Some(round(c.p.get(A::InstanceReplacement))),
                    how: "reattached to a new instance".into(),
                },
                _ => ComponentOutcome {
                    component: name.clone(),
                    rpo_minutes: None,
                    rto_minutes: None,
                    how: "an EBS volume lives in one zone and the design keeps no snapshots".into(),
                },
            }),
            _ => None,
        };
        out.extend(o);
    }
    out
}

/// The application's recovery in every scenario.
pub fn assess(design: &Design) -> Vec<Assessment> {
    assess_scenarios(design, &Scenario::ALL)
}

/// As [`assess`], for the named scenarios only (suggestions re-assess one scenario per
/// candidate change).
pub fn assess_scenarios(design: &Design, scenarios: &[Scenario]) -> Vec<Assessment> {
    let overrides: BTreeMap<String, f64> = design
        .dr
        .as_ref()
        .map(|d| {
            d.assumptions
                .iter()
                .filter_map(|(k, v)| parse_duration_minutes(v).ok().map(|m| (k.clone(), m)))
                .collect()
        })
        .unwrap_or_default();
    let c = Ctx {
        design,
        p: Params::new(&overrides),
    };
    scenarios
        .iter()
        .map(|&scenario| {
            let comps = components(&c, scenario);
            let rto = max_opt(comps.iter().map(|o| o.rto_minutes));
            let marked = |o: &ComponentOutcome| design.no_recovery.get(&o.component);
            let rpo = max_opt(
                comps
                    .iter()
                    .filter(|o| marked(o).is_none())
                    .map(|o| o.rpo_minutes),
            );
            let not_in_rpo = comps
                .iter()
                .filter_map(|o| {
                    marked(o).map(|m| NotInRpo {
                        resource: o.component.clone(),
                        rpo_minutes: o.rpo_minutes,
                        reason: m.reason.clone(),
                    })
                })
                .collect();
            let critical_path = match rto {
                Some(worst) if worst > 0.0 => comps
                    .iter()
                    .filter(|o| o.rto_minutes == Some(worst))
                    .map(|o| o.component.clone())
                    .collect(),
                Some(_) => Vec::new(),
                None => comps
                    .iter()
                    .filter(|o| o.rto_minutes.is_none())
                    .map(|o| o.component.clone())
                    .collect(),
            };
            Assessment {
                scenario,
                rpo_minutes: rpo,
                rto_minutes: rto,
                critical_path,
                components: comps,
                not_in_rpo,
            }
        })
        .collect()
}

/// Whether an achieved figure meets a target (no target: met; unbounded: missed).
pub fn meets(achieved: Option<f64>, target: Option<f64>) -> bool {
    match (achieved, target) {
        (_, None) => true,
        (Some(a), Some(t)) => a <= t,
        (None, Some(_)) => false,
    }
}

/// The targets in force in one scenario: the design's (if it applies) and each resource's.
pub fn targets_in(design: &Design, a: &Assessment) -> (Option<Targets>, Vec<ResourceTarget>) {
    let dr = design.dr.as_ref();
    let design_target = dr
        .and_then(|d| d.targets.as_ref())
        .filter(|t| t.applies_to(a.scenario))
        .map(|t| {
            let (rto, rpo) = t.minutes();
            Targets {
                rto_minutes: rto,
                rpo_minutes: rpo,
            }
        });
    let resources = dr
        .map(|d| {
            d.resource_targets
                .iter()
                .filter(|(_, t)| t.applies_to(a.scenario))
                .map(|(name, t)| {
                    let (rto_t, rpo_t) = t.minutes();
                    // A resource the model does not assess (stateless, or not in the design)
                    // recovers with the application.
                    let (rto, rpo) = a
                        .components
                        .iter()
                        .find(|c| &c.component == name)
                        .map_or((a.rto_minutes, Some(0.0)), |c| {
                            (c.rto_minutes, c.rpo_minutes)
                        });
                    ResourceTarget {
                        resource: name.clone(),
                        target: Targets {
                            rto_minutes: rto_t,
                            rpo_minutes: rpo_t,
                        },
                        rto_minutes: rto,
                        rpo_minutes: rpo,
                        meets: meets(rto, rto_t) && meets(rpo, rpo_t),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    (design_target, resources)
}

/// The tighter of two optional targets.
fn tighter(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The design's own RTO/RPO targets (`dr.targets`), in minutes.
pub fn targets(design: &Design) -> Option<Targets> {
    design
        .dr
        .as_ref()
        .and_then(|d| d.targets.as_ref())
        .map(|t| Targets {
            rto_minutes: t
                .rto
                .as_deref()
                .and_then(|v| parse_duration_minutes(v).ok()),
            rpo_minutes: t
                .rpo
                .as_deref()
                .and_then(|v| parse_duration_minutes(v).ok()),
        })
}

/// The readiness section of the report, with suggestions for every scenario that misses a
/// target (each suggestion re-priced against `catalog`).
pub fn report(
    design: &Design,
    catalog: &crate::catalog::Catalog,
    base_monthly: rust_decimal::Decimal,
) -> Readiness {
    let targets = targets(design);
    let scenarios = assess(design)
        .into_iter()
        .map(|a| {
            let (target, resource_targets) = targets_in(design, &a);
            let (rto_t, rpo_t) = target
                .as_ref()
                .map_or((None, None), |t| (t.rto_minutes, t.rpo_minutes));
            let ok = meets(a.rto_minutes, rto_t)
                && meets(a.rpo_minutes, rpo_t)
                && resource_targets.iter().all(|r| r.meets);
            let suggestions = if ok {
                Vec::new()
            } else {
                // Ranked against the tightest target a missed resource sets, so a change
                // "closes the gap" only if it meets that one too.
                let (rto_s, rpo_s) = resource_targets.iter().filter(|r| !r.meets).fold(
                    (rto_t, rpo_t),
                    |(rto, rpo), r| {
                        (
                            tighter(rto, r.target.rto_minutes),
                            tighter(rpo, r.target.rpo_minutes),
                        )
                    },
                );
                suggest::suggest(design, catalog, base_monthly, &a, (rto_s, rpo_s))
            };
            let has_target = target
                .as_ref()
                .is_some_and(|t| t.rto_minutes.is_some() || t.rpo_minutes.is_some())
                || !resource_targets.is_empty();
            let verdict = match (has_target, ok) {
                (false, _) => Verdict::NoTarget,
                (true, true) => Verdict::Meets,
                (true, false) => Verdict::Misses,
            };
            ScenarioReport {
                scenario: a.scenario,
                rto_minutes: a.rto_minutes,
                rpo_minutes: a.rpo_minutes,
                meets: ok,
                verdict,
                critical_path: a.critical_path,
                suggestions,
                components: a.components,
                not_in_rpo: a.not_in_rpo,
                target,
                resource_targets,
            }
        })
        .collect();
    Readiness { targets, scenarios }
}
