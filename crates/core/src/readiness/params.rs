//! The durations the readiness model is built from. Each is a named parameter with the
//! document it comes from; where AWS publishes no figure, the parameter says it is a planning
//! assumption and where to measure the real value. Every one can be overridden in the design:
//! `dr: { assumptions: { replica_promotion: 5m } }`.

/// The name of one duration. Code reads a parameter by this enum, never by its text, so a
/// misspelt name is a compile error; the design names it as text (`dr.assumptions`), which
/// validation checks against [`PARAMS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumption {
    MultiAzFailover,
    AuroraFailover,
    PitrLogLag,
    AuroraGlobalLag,
    S3Rtc,
    S3Replication,
    ReplicaLag,
    ReplicaPromotion,
    RestoreBase,
    RestoreMinutesPer100gb,
    Detection,
    ManualFailover,
    InstanceReplacement,
    CapacityBackupRestore,
    CapacityPilotLight,
    CapacityWarmStandby,
    CapacityActiveActive,
    BrokerReplicationLag,
    BrokerPromotion,
}

impl Assumption {
    /// The name the design uses for it (`dr.assumptions.<name>`).
    pub fn name(self) -> &'static str {
        // Every variant has its row at its own index: a test checks it.
        PARAMS.get(self as usize).map_or("", |p| p.name)
    }

    pub fn parse(name: &str) -> Option<Assumption> {
        PARAMS.iter().find(|p| p.name == name).map(|p| p.key)
    }
}

/// One named duration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    pub key: Assumption,
    pub name: &'static str,
    pub minutes: f64,
    pub what: &'static str,
    pub source: &'static str,
}

const RDS_FAILOVER_DOC: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html";

const MQ_CRDR_DOC: &str =
    "https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/crdr-for-active-mq.html";

/// Every parameter, in the order of [`Assumption`] (a test checks it).
pub const PARAMS: &[Param] = &[
    Param {
        key: Assumption::MultiAzFailover,
        name: "multi_az_failover",
        minutes: 2.0,
        what: "RDS Multi-AZ failover to the standby (the upper end of \"typically 60–120 seconds\")",
        source: RDS_FAILOVER_DOC,
    },
    Param {
        key: Assumption::AuroraFailover,
        name: "aurora_failover",
        minutes: 2.0,
        what: "Aurora failover to a replica in another zone (Aurora uses the RDS Multi-AZ failover technology)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
    },
    Param {
        key: Assumption::PitrLogLag,
        name: "pitr_log_lag",
        minutes: 5.0,
        what: "point-in-time recovery: the latest restorable time is typically within the last 5 minutes",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html",
    },
    Param {
        key: Assumption::AuroraGlobalLag,
        name: "aurora_global_lag",
        minutes: 1.0 / 60.0,
        what: "Aurora Global Database replication to secondary regions, typically under a second",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    },
    Param {
        key: Assumption::S3Rtc,
        name: "s3_rtc",
        minutes: 15.0,
        what: "S3 Replication Time Control: 99.99 % of objects replicated within 15 minutes",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html",
    },
    Param {
        key: Assumption::S3Replication,
        name: "s3_replication",
        minutes: 60.0,
        what: "S3 replication without RTC: most objects within 15 minutes, no bound (planning assumption)",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    },
    Param {
        key: Assumption::ReplicaLag,
        name: "replica_lag",
        minutes: 5.0,
        what: "cross-region read replica lag (planning assumption: measure the ReplicaLag metric)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html",
    },
    Param {
        key: Assumption::ReplicaPromotion,
        name: "replica_promotion",
        minutes: 10.0,
        what: "promoting a read replica to a standalone database (planning assumption: rehearse it)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html",
    },
    Param {
        key: Assumption::RestoreBase,
        name: "restore_base",
        minutes: 20.0,
        what: "restoring a database from a snapshot, before data size counts (planning assumption)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html",
    },
    Param {
        key: Assumption::RestoreMinutesPer100gb,
        name: "restore_minutes_per_100gb",
        minutes: 10.0,
        what: "restore time per 100 GB of data (planning assumption: restores load lazily, first reads are slow)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html",
    },
    Param {
        key: Assumption::Detection,
        name: "detection",
        minutes: 1.5,
        what: "detecting an outage: Route 53 health checks every 30 s, 3 failures (the defaults)",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html",
    },
    Param {
        key: Assumption::ManualFailover,
        name: "manual_failover",
        minutes: 30.0,
        what: "a person noticing, deciding and switching DNS by hand (planning assumption)",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        key: Assumption::InstanceReplacement,
        name: "instance_replacement",
        minutes: 5.0,
        what: "Auto Scaling replacing a failed instance: launch, boot, health-check grace (planning assumption)",
        source: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html",
    },
    Param {
        key: Assumption::CapacityBackupRestore,
        name: "capacity_backup_restore",
        minutes: 240.0,
        what: "backup & restore: the whole stack is provisioned after the disaster (\"hours\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        key: Assumption::CapacityPilotLight,
        name: "capacity_pilot_light",
        minutes: 30.0,
        what: "pilot light: data is live, compute is started and scaled up (\"tens of minutes\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        key: Assumption::CapacityWarmStandby,
        name: "capacity_warm_standby",
        minutes: 10.0,
        what: "warm standby: a scaled-down copy runs and scales out (\"minutes\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        key: Assumption::CapacityActiveActive,
        name: "capacity_active_active",
        minutes: 0.0,
        what: "multi-site active/active: the other region already serves (\"near zero\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        key: Assumption::BrokerReplicationLag,
        name: "broker_replication_lag",
        minutes: 5.0,
        what: "Amazon MQ messages copied to a broker in another region: ActiveMQ cross-Region data replication is asynchronous, RabbitMQ shovel / federation too (planning assumption: measure the lag)",
        source: MQ_CRDR_DOC,
    },
    Param {
        key: Assumption::BrokerPromotion,
        name: "broker_promotion",
        minutes: 10.0,
        what: "promoting the replica broker (Amazon MQ's Promote operation, a switchover or a failover) and pointing clients at it (planning assumption: rehearse it)",
        source: MQ_CRDR_DOC,
    },
];

/// The parameters of one evaluation: the defaults with the design's overrides, indexed by
/// [`Assumption`].
#[derive(Debug, Clone)]
pub struct Params {
    minutes: Vec<f64>,
}

impl Params {
    /// `overrides` by name; a name that is no parameter is ignored here (validation has
    /// reported it at its line).
    pub fn new(overrides: &std::collections::BTreeMap<String, f64>) -> Params {
        Params {
            minutes: PARAMS
                .iter()
                .map(|p| overrides.get(p.name).copied().unwrap_or(p.minutes))
                .collect(),
        }
    }

    /// Minutes of one parameter.
    pub fn get(&self, a: Assumption) -> f64 {
        // Built from `PARAMS`, which has a row per variant (tested): never the fallback.
        self.minutes.get(a as usize).copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_the_order_of_the_enum_and_names_are_unique() {
        for (i, p) in PARAMS.iter().enumerate() {
            assert_eq!(p.key as usize, i, "{} is out of order", p.name);
            assert_eq!(Assumption::parse(p.name), Some(p.key));
            assert_eq!(p.key.name(), p.name);
        }
        assert_eq!(Assumption::parse("replica_promtion"), None);
    }
}
