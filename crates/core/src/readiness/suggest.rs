//! Changes that would close a readiness gap, each applied to a copy of the design and run
//! again through the cost and readiness models: the monthly cost delta and the new RTO / RPO
//! are computed, never estimated. The cheapest change that closes the gap comes first.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{assess_scenarios, meets, Assessment};
use crate::catalog::Catalog;
use crate::design::Design;
use crate::model::DrStrategy;
use crate::model::Scenario;
use crate::path::DesignPath;
use crate::resources::database::{Backup, Replica};
use crate::resources::object_storage::Replication;
use crate::resources::queue::{Deployment, QueueEngine, QueueReplica};
use crate::resources::Resource;
use crate::source::edit::Change;
use serde_json::json;

/// Most candidate changes tried per scenario (each is a full re-evaluation).
const MAX_CANDIDATES: usize = 16;
/// Suggestions kept per scenario.
const MAX_SUGGESTIONS: usize = 5;

/// A change to the design, applied by [`Edit::apply`] (the page's "apply" uses the same).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    EnablePointInTimeRecovery {
        resource: String,
    },
    HourlyIncrementals {
        resource: String,
    },
    MultiAz {
        resource: String,
    },
    CrossRegionReplica {
        resource: String,
        region: String,
    },
    /// An Aurora cluster's secondary region: the design writes it as a replica in another
    /// region, which the readiness model reads as an Aurora Global Database.
    AuroraGlobal {
        resource: String,
        region: String,
    },
    CopyBackups {
        resource: String,
        region: String,
    },
    Versioning {
        resource: String,
    },
    ReplicationWithRtc {
        resource: String,
        region: String,
    },
    Strategy {
        strategy: DrStrategy,
    },
    TwoInstances {
        resource: String,
    },
    /// A single-instance broker made redundant across zones: ActiveMQ's active/standby
    /// pair, RabbitMQ's three-broker cluster.
    BrokerStandby {
        resource: String,
        deployment: Deployment,
    },
    /// A replica broker in another region (ActiveMQ: cross-Region data replication, which
    /// also makes the broker active/standby if it is not).
    BrokerReplica {
        resource: String,
        region: String,
        engine: QueueEngine,
    },
    /// Several changes made together: offered first when no single change closes the gap.
    Together {
        edits: Vec<Edit>,
    },
}

impl Edit {
    /// The resource the edit changes (None for design-wide edits).
    pub fn resource(&self) -> Option<&str> {
        match self {
            Edit::EnablePointInTimeRecovery { resource }
            | Edit::HourlyIncrementals { resource }
            | Edit::MultiAz { resource }
            | Edit::CrossRegionReplica { resource, .. }
            | Edit::AuroraGlobal { resource, .. }
            | Edit::CopyBackups { resource, .. }
            | Edit::Versioning { resource }
            | Edit::ReplicationWithRtc { resource, .. }
            | Edit::TwoInstances { resource }
            | Edit::BrokerStandby { resource, .. }
            | Edit::BrokerReplica { resource, .. } => Some(resource),
            Edit::Strategy { .. } | Edit::Together { .. } => None,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Edit::EnablePointInTimeRecovery { resource } => format!(
                "enable point-in-time recovery on `{resource}` (backup.continuous_log: true)"
            ),
            Edit::HourlyIncrementals { resource } => {
                format!("take incremental backups of `{resource}` every hour")
            }
            Edit::MultiAz { resource } => format!("make `{resource}` Multi-AZ"),
            Edit::CrossRegionReplica { resource, region } => {
                format!("add a read replica of `{resource}` in {region}")
            }
            Edit::AuroraGlobal { resource, region } => format!(
                "make `{resource}` an Aurora Global Database with a secondary cluster in {region} (its replicated write I/O is not priced)"
            ),
            Edit::CopyBackups { resource, region } => {
                format!("copy `{resource}` backups to {region}")
            }
            Edit::Versioning { resource } => format!(
                "turn on versioning for `{resource}` (its old versions are priced once `usage.noncurrent_gb` says how much they hold; expire them with `noncurrent_expire_days`)"
            ),
            Edit::ReplicationWithRtc { resource, region } => {
                format!("replicate `{resource}` to {region} with Replication Time Control")
            }
            Edit::Strategy { strategy } => {
                format!(
                    "move the DR strategy to {} (the standby resources in the other region are not priced: add them to the design)",
                    strategy_name(*strategy)
                )
            }
            Edit::TwoInstances { resource } => {
                format!("run at least two instances of `{resource}`")
            }
            Edit::BrokerStandby {
                resource,
                deployment,
            } => match deployment {
                Deployment::Cluster => {
                    format!("run `{resource}` as a three-broker cluster across zones")
                }
                _ => format!("run `{resource}` as an active/standby pair of brokers in two zones"),
            },
            Edit::BrokerReplica {
                resource,
                region,
                engine,
            } => match engine {
                QueueEngine::Activemq => format!(
                    "replicate `{resource}` to a replica broker in {region} (cross-Region data replication; active/standby on both sides)"
                ),
                QueueEngine::Rabbitmq => format!(
                    "run a replica of `{resource}` in {region}, fed by a shovel or federation (its configuration is yours to write)"
                ),
            },
            Edit::Together { edits } => {
                let all: Vec<String> = edits.iter().map(Edit::describe).collect();
                format!("together: {}", all.join("; "))
            }
        }
    }

    /// The design with this change made.
    pub fn apply(&self, design: &Design) -> Design {
        let mut d = design.clone();
        fn res<'d>(d: &'d mut Design, name: &str) -> Option<&'d mut Resource> {
            d.resources
                .iter_mut()
                .find(|(n, _)| n == name)
                .map(|(_, r)| r)
        }
        match self {
            Edit::EnablePointInTimeRecovery { resource }
            | Edit::HourlyIncrementals { resource }
            | Edit::CopyBackups { resource, .. } => {
                if let Some(Resource::Database(db)) = res(&mut d, resource) {
                    let b = db.backup.get_or_insert_with(|| Backup {
                        retention_days: Some(7),
                        ..Backup::default()
                    });
                    match self {
                        Edit::EnablePointInTimeRecovery { .. } => {
                            b.continuous_log = Some(true);
                            if !b.automated() {
                                b.retention_days = Some(7);
                            }
                        }
                        Edit::HourlyIncrementals { .. } => b.incremental_every = Some("1h".into()),
                        Edit::CopyBackups { region, .. } => b.copy_to_region = Some(region.clone()),
                        _ => {}
                    }
                }
            }
            Edit::MultiAz { resource } => {
                if let Some(Resource::Database(db)) = res(&mut d, resource) {
                    db.multi_az = true;
                }
            }
            Edit::CrossRegionReplica { resource, region }
            | Edit::AuroraGlobal { resource, region } => {
                if let Some(Resource::Database(db)) = res(&mut d, resource) {
                    db.replicas.push(Replica {
                        region: Some(region.clone()),
                        instance_class: None,
                    });
                }
            }
            Edit::Versioning { resource } => {
                if let Some(Resource::ObjectStorage(s)) = res(&mut d, resource) {
                    s.versioning = Some(true);
                }
            }
            Edit::ReplicationWithRtc { resource, region } => {
                if let Some(Resource::ObjectStorage(s)) = res(&mut d, resource) {
                    s.versioning = Some(true);
                    s.replication = Some(Replication {
                        region: region.clone(),
                        rtc: true,
                    });
                }
            }
            Edit::Strategy { strategy } => {
                d.dr.get_or_insert_with(Default::default).strategy = Some(*strategy);
            }
            Edit::TwoInstances { resource } => match res(&mut d, resource) {
                Some(Resource::Compute(c)) => match &mut c.scaling {
                    Some(s) => {
                        s.min = s.min.max(2);
                        s.max = s.max.max(2);
                    }
                    None => c.count = Some(c.count.unwrap_or(1).max(2)),
                },
                Some(Resource::Container(c)) => match &mut c.tasks {
                    Some(s) => {
                        s.min = s.min.max(2);
                        s.max = s.max.max(2);
                    }
                    None => c.count = Some(c.count.unwrap_or(1).max(2)),
                },
                _ => {}
            },
            Edit::BrokerStandby {
                resource,
                deployment,
            } => {
                if let Some(Resource::Queue(q)) = res(&mut d, resource) {
                    q.deployment = *deployment;
                }
            }
            Edit::BrokerReplica {
                resource, region, ..
            } => {
                if let Some(Resource::Queue(q)) = res(&mut d, resource) {
                    if q.engine == QueueEngine::Activemq {
                        q.deployment = Deployment::ActiveStandby;
                    }
                    q.replica = Some(QueueReplica {
                        region: region.clone(),
                    });
                }
            }
            Edit::Together { edits } => {
                for e in edits {
                    d = e.apply(&d);
                }
            }
        }
        d
    }
}

impl Edit {
    /// The same change as [`Edit::apply`], made on the design's text (see
    /// [`crate::source::edit`]): what the page's "apply" button does, keeping the author's
    /// comments and layout. `design` is the design the suggestion was computed on; `under`
    /// prefixes every path (an environment's overlay, `environments.prod`).
    pub fn changes(&self, design: &Design, under: &DesignPath) -> Vec<Change> {
        let set = |path: DesignPath, value: serde_json::Value| Change::Set { path, value };
        let res = |name: &str| under.key("resources").key(name);
        let find = |name: &str| {
            design
                .resources
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, r)| r)
        };
        // A backup setting: inside the existing `backup`, or a new one with the default
        // retention that `apply` assumes.
        let backup = |name: &str, field: &str, value: serde_json::Value| {
            let has_backup =
                matches!(find(name), Some(Resource::Database(db)) if db.backup.is_some());
            if has_backup {
                set(res(name).key("backup").key(field), value)
            } else {
                set(
                    res(name).key("backup"),
                    json!({ "retention_days": 7, field: value }),
                )
            }
        };
        match self {
            Edit::EnablePointInTimeRecovery { resource } => {
                let backups_off = matches!(find(resource), Some(Resource::Database(db))
                    if db.backup.as_ref().is_some_and(|b| !b.automated()));
                let mut out = vec![backup(resource, "continuous_log", json!(true))];
                if backups_off {
                    out.push(backup(resource, "retention_days", json!(7)));
                }
                out
            }
            Edit::HourlyIncrementals { resource } => {
                vec![backup(resource, "incremental_every", json!("1h"))]
            }
            Edit::CopyBackups { resource, region } => {
                vec![backup(resource, "copy_to_region", json!(region))]
            }
            Edit::MultiAz { resource } => vec![set(res(resource).key("multi_az"), json!(true))],
            Edit::CrossRegionReplica { resource, region }
            | Edit::AuroraGlobal { resource, region } => vec![Change::Append {
                path: res(resource).key("replicas"),
                value: json!({ "region": region }),
            }],
            Edit::Versioning { resource } => {
                vec![set(res(resource).key("versioning"), json!(true))]
            }
            Edit::ReplicationWithRtc { resource, region } => vec![
                set(res(resource).key("versioning"), json!(true)),
                set(
                    res(resource).key("replication"),
                    json!({ "region": region, "rtc": true }),
                ),
            ],
            Edit::Strategy { strategy } => vec![set(
                under.key("dr").key("strategy"),
                serde_json::to_value(strategy).unwrap_or_default(),
            )],
            Edit::TwoInstances { resource } => {
                let (count, range, field) = match find(resource) {
                    Some(Resource::Compute(c)) => (c.count, c.scaling.as_ref(), "scaling"),
                    Some(Resource::Container(c)) => (c.count, c.tasks.as_ref(), "tasks"),
                    _ => return Vec::new(),
                };
                match range {
                    Some(s) => vec![
                        set(res(resource).key(field).key("min"), json!(s.min.max(2))),
                        set(res(resource).key(field).key("max"), json!(s.max.max(2))),
                    ],
                    None => vec![set(
                        res(resource).key("count"),
                        json!(count.unwrap_or(1).max(2)),
                    )],
                }
            }
            Edit::BrokerStandby {
                resource,
                deployment,
            } => vec![set(
                res(resource).key("deployment"),
                serde_json::to_value(deployment).unwrap_or_default(),
            )],
            Edit::BrokerReplica {
                resource,
                region,
                engine,
            } => {
                let mut out = Vec::new();
                let standby = matches!(find(resource), Some(Resource::Queue(q))
                    if q.deployment == Deployment::ActiveStandby);
                if *engine == QueueEngine::Activemq && !standby {
                    out.push(set(
                        res(resource).key("deployment"),
                        json!("active_standby"),
                    ));
                }
                out.push(set(
                    res(resource).key("replica"),
                    json!({ "region": region }),
                ));
                out
            }
            // Each edit is written against the design the ones before it made, so that a
            // second edit of the same resource sees the first (a `backup` it created).
            Edit::Together { edits } => {
                let mut out = Vec::new();
                let mut so_far = design.clone();
                for e in edits {
                    out.extend(e.changes(&so_far, under));
                    so_far = e.apply(&so_far);
                }
                out
            }
        }
    }
}

fn strategy_name(s: DrStrategy) -> &'static str {
    match s {
        DrStrategy::BackupRestore => "backup & restore",
        DrStrategy::PilotLight => "pilot light",
        DrStrategy::WarmStandby => "warm standby",
        DrStrategy::ActiveActive => "active/active",
    }
}

/// The other region to recover into: `dr.secondary_region`, or the usual pair of the
/// design's region (Seoul → Tokyo, N. Virginia → Oregon).
pub fn secondary_region(design: &Design) -> Option<String> {
    if let Some(r) = design.dr.as_ref().and_then(|d| d.secondary_region.clone()) {
        return Some(r);
    }
    match design.region.as_str() {
        "ap-northeast-2" => Some("ap-northeast-1".into()),
        "ap-northeast-1" => Some("ap-northeast-2".into()),
        "us-east-1" => Some("us-west-2".into()),
        "us-west-2" => Some("us-east-1".into()),
        _ => None,
    }
}

/// Changes worth trying for `scenario`, in a fixed order.
fn candidates(design: &Design, scenario: Scenario) -> Vec<Edit> {
    let mut out = Vec::new();
    let secondary = secondary_region(design);
    for (name, r) in &design.resources {
        let resource = name.clone();
        match r {
            Resource::Database(db) => {
                let pitr = db.point_in_time_recovery();
                match scenario {
                    Scenario::Corruption | Scenario::Zone => {
                        if !pitr {
                            out.push(Edit::EnablePointInTimeRecovery {
                                resource: resource.clone(),
                            });
                            out.push(Edit::HourlyIncrementals {
                                resource: resource.clone(),
                            });
                        }
                        if scenario == Scenario::Zone && !db.multi_az && !db.engine.is_aurora() {
                            out.push(Edit::MultiAz { resource });
                        }
                    }
                    Scenario::Instance if !db.multi_az && !db.engine.is_aurora() => {
                        out.push(Edit::MultiAz { resource })
                    }
                    Scenario::Region => {
                        if let Some(region) = &secondary {
                            out.push(Edit::CopyBackups {
                                resource: resource.clone(),
                                region: region.clone(),
                            });
                            out.push(if db.engine.is_aurora() {
                                Edit::AuroraGlobal {
                                    resource,
                                    region: region.clone(),
                                }
                            } else {
                                Edit::CrossRegionReplica {
                                    resource,
                                    region: region.clone(),
                                }
                            });
                        }
                    }
                    _ => {}
                }
            }
            Resource::ObjectStorage(s) => match scenario {
                Scenario::Corruption if s.versioning != Some(true) => {
                    out.push(Edit::Versioning { resource })
                }
                Scenario::Region if s.replication.is_none() => {
                    if let Some(region) = &secondary {
                        out.push(Edit::ReplicationWithRtc {
                            resource,
                            region: region.clone(),
                        });
                    }
                }
                _ => {}
            },
            Resource::Compute(_) | Resource::Container(_)
                if matches!(scenario, Scenario::Instance | Scenario::Zone) =>
            {
                out.push(Edit::TwoInstances { resource });
            }
            Resource::Queue(q) => match scenario {
                Scenario::Instance | Scenario::Zone
                    if q.deployment == Deployment::SingleInstance =>
                {
                    out.push(Edit::BrokerStandby {
                        resource,
                        deployment: match q.engine {
                            QueueEngine::Activemq => Deployment::ActiveStandby,
                            QueueEngine::Rabbitmq => Deployment::Cluster,
                        },
                    })
                }
                Scenario::Region if q.replica.is_none() => {
                    if let Some(region) = &secondary {
                        out.push(Edit::BrokerReplica {
                            resource,
                            region: region.clone(),
                            engine: q.engine,
                        });
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    if scenario == Scenario::Region {
        let current = design
            .dr
            .as_ref()
            .and_then(|d| d.strategy)
            .unwrap_or(DrStrategy::BackupRestore);
        let next = match current {
            DrStrategy::BackupRestore => Some(DrStrategy::PilotLight),
            DrStrategy::PilotLight => Some(DrStrategy::WarmStandby),
            DrStrategy::WarmStandby => Some(DrStrategy::ActiveActive),
            DrStrategy::ActiveActive => None,
        };
        out.extend(next.map(|strategy| Edit::Strategy { strategy }));
    }
    out.truncate(MAX_CANDIDATES);
    out
}

/// One suggested change with its computed effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub change: String,
    #[serde(with = "rust_decimal::serde::float")]
    pub monthly_delta: Decimal,
    pub rto_minutes: Option<f64>,
    pub rpo_minutes: Option<f64>,
    /// The change alone meets both targets for this scenario.
    pub closes_gap: bool,
    pub edit: Edit,
}

fn better(new: Option<f64>, old: Option<f64>) -> bool {
    match (new, old) {
        (Some(n), Some(o)) => n < o,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Ranked suggestions for one failing scenario.
pub fn suggest(
    design: &Design,
    catalog: &Catalog,
    base_monthly: Decimal,
    base: &Assessment,
    targets: (Option<f64>, Option<f64>),
) -> Vec<Suggestion> {
    let (rto_target, rpo_target) = targets;
    let mut out: Vec<Suggestion> = Vec::new();
    // The design without its resources: the context one resource is priced in.
    let context = Design {
        resources: Vec::new(),
        ..design.clone()
    };
    for edit in candidates(design, base.scenario) {
        let changed = edit.apply(design);
        let Some(after) = assess_scenarios(&changed, &[base.scenario])
            .into_iter()
            .next()
        else {
            continue;
        };
        // A change helps when it improves the failing figure of the scenario, or of any
        // component (two unbounded components need two changes; each is still progress).
        let rto_failing = !meets(base.rto_minutes, rto_target);
        let rpo_failing = !meets(base.rpo_minutes, rpo_target);
        let improves = (rto_failing && better(after.rto_minutes, base.rto_minutes))
            || (rpo_failing && better(after.rpo_minutes, base.rpo_minutes))
            || after.components.iter().any(|c| {
                base.components.iter().any(|b| {
                    b.component == c.component
                        && ((rto_failing && better(c.rto_minutes, b.rto_minutes))
                            || (rpo_failing && better(c.rpo_minutes, b.rpo_minutes)))
                })
            });
        if !improves {
            continue;
        }
        // The delta of an edit to one resource is that resource's price after minus before:
        // everything else in the design is unchanged and cancels out. Pricing the resource on
        // its own (in the design's context) instead of the whole design keeps suggestions
        // cheap on large designs; design-wide edits are priced whole.
        let (delta, unpriced) = match edit.resource() {
            Some(name) => {
                let alone = |d: &Design| {
                    let mut one = Design {
                        resources: Vec::new(),
                        ..context.clone()
                    };
                    one.resources = d
                        .resources
                        .iter()
                        .filter(|(n, _)| n == name)
                        .cloned()
                        .collect();
                    crate::pricing::price(&one, catalog, &mut Vec::new())
                };
                let (before, after_cost) = (alone(design), alone(&changed));
                let unpriced = after_cost.resources.iter().any(|r| !r.complete);
                (
                    after_cost.monthly.expected - before.monthly.expected,
                    unpriced,
                )
            }
            None => (
                crate::pricing::price(&changed, catalog, &mut Vec::new())
                    .monthly
                    .expected
                    - base_monthly,
                false,
            ),
        };
        let mut change = edit.describe();
        if unpriced {
            change.push_str(
                " — some of its prices are missing from the catalog, so the cost delta is partial",
            );
        }
        out.push(Suggestion {
            change,
            monthly_delta: delta,
            rto_minutes: after.rto_minutes,
            rpo_minutes: after.rpo_minutes,
            closes_gap: meets(after.rto_minutes, rto_target)
                && meets(after.rpo_minutes, rpo_target),
            edit,
        });
    }
    crate::order::sort_by(&mut out, |a, b| {
        b.closes_gap
            .cmp(&a.closes_gap)
            .then(a.monthly_delta.cmp(&b.monthly_delta))
    });
    // No single change is enough (two unbounded components, or a database and the DR
    // strategy): offer the set that is, first.
    if !out.iter().any(|s| s.closes_gap) {
        if let Some(edits) = closing_set(design, base.scenario, &out, targets) {
            let edit = Edit::Together { edits };
            let changed = edit.apply(design);
            let priced = crate::pricing::price(&changed, catalog, &mut Vec::new());
            let touched: Vec<&str> = match &edit {
                Edit::Together { edits } => edits.iter().filter_map(Edit::resource).collect(),
                _ => Vec::new(),
            };
            let unpriced = priced
                .resources
                .iter()
                .any(|r| !r.complete && touched.contains(&r.name.as_str()));
            if let Some(after) = assess_scenarios(&changed, &[base.scenario]).pop() {
                let mut change = edit.describe();
                if unpriced {
                    change.push_str(" — some of its prices are missing from the catalog, so the cost delta is partial");
                }
                out.insert(
                    0,
                    Suggestion {
                        change,
                        monthly_delta: priced.monthly.expected - base_monthly,
                        rto_minutes: after.rto_minutes,
                        rpo_minutes: after.rpo_minutes,
                        closes_gap: true,
                        edit,
                    },
                );
            }
        }
    }
    out.truncate(MAX_SUGGESTIONS);
    out
}

/// The cheapest set of the single changes (`singles`, each of which helps) that together
/// meet the targets, or `None` when even all of them do not. Greedy: add changes cheapest
/// first until the targets are met, then drop every one the rest do not need, dearest first.
/// Each test is a readiness assessment only (no pricing): cheap.
fn closing_set(
    design: &Design,
    scenario: Scenario,
    singles: &[Suggestion],
    (rto_target, rpo_target): (Option<f64>, Option<f64>),
) -> Option<Vec<Edit>> {
    let closes = |edits: &[Edit]| {
        let changed = edits.iter().fold(design.clone(), |d, e| e.apply(&d));
        assess_scenarios(&changed, &[scenario])
            .first()
            .is_some_and(|a| meets(a.rto_minutes, rto_target) && meets(a.rpo_minutes, rpo_target))
    };
    let mut cheapest_first: Vec<&Suggestion> = singles.iter().collect();
    crate::order::sort_by(&mut cheapest_first, |a, b| {
        a.monthly_delta.cmp(&b.monthly_delta)
    });
    let mut chosen: Vec<Edit> = Vec::new();
    let mut closed = false;
    for s in cheapest_first {
        chosen.push(s.edit.clone());
        if closes(&chosen) {
            closed = true;
            break;
        }
    }
    if !closed {
        return None;
    }
    for i in (0..chosen.len()).rev() {
        let mut without = chosen.clone();
        without.remove(i);
        if closes(&without) {
            chosen = without;
        }
    }
    (chosen.len() >= 2).then_some(chosen)
}
