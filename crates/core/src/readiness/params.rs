//! The durations the readiness model is built from. Each is a named parameter with the
//! document it comes from; where AWS publishes no figure, the parameter says it is a planning
//! assumption and where to measure the real value. Every one can be overridden in the design:
//! `dr: { assumptions: { replica_promotion: 5m } }`.

/// One named duration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    pub name: &'static str,
    pub minutes: f64,
    pub what: &'static str,
    pub source: &'static str,
}

const RDS_FAILOVER_DOC: &str =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html";

pub const PARAMS: &[Param] = &[
    Param {
        name: "multi_az_failover",
        minutes: 2.0,
        what: "RDS Multi-AZ failover to the standby (the upper end of \"typically 60–120 seconds\")",
        source: RDS_FAILOVER_DOC,
    },
    Param {
        name: "aurora_failover",
        minutes: 2.0,
        what: "Aurora failover to a replica in another zone (Aurora uses the RDS Multi-AZ failover technology)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
    },
    Param {
        name: "pitr_log_lag",
        minutes: 5.0,
        what: "point-in-time recovery: the latest restorable time is typically within the last 5 minutes",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html",
    },
    Param {
        name: "aurora_global_lag",
        minutes: 1.0 / 60.0,
        what: "Aurora Global Database replication to secondary regions, typically under a second",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
    },
    Param {
        name: "s3_rtc",
        minutes: 15.0,
        what: "S3 Replication Time Control: 99.99 % of objects replicated within 15 minutes",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html",
    },
    Param {
        name: "s3_replication",
        minutes: 60.0,
        what: "S3 replication without RTC: most objects within 15 minutes, no bound (planning assumption)",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    },
    Param {
        name: "replica_lag",
        minutes: 5.0,
        what: "cross-region read replica lag (planning assumption: measure the ReplicaLag metric)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Monitoring.html",
    },
    Param {
        name: "replica_promotion",
        minutes: 10.0,
        what: "promoting a read replica to a standalone database (planning assumption: rehearse it)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html",
    },
    Param {
        name: "restore_base",
        minutes: 20.0,
        what: "restoring a database from a snapshot, before data size counts (planning assumption)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html",
    },
    Param {
        name: "restore_minutes_per_100gb",
        minutes: 10.0,
        what: "restore time per 100 GB of data (planning assumption: restores load lazily, first reads are slow)",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html",
    },
    Param {
        name: "detection",
        minutes: 1.5,
        what: "detecting an outage: Route 53 health checks every 30 s, 3 failures (the defaults)",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html",
    },
    Param {
        name: "manual_failover",
        minutes: 30.0,
        what: "a person noticing, deciding and switching DNS by hand (planning assumption)",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        name: "instance_replacement",
        minutes: 5.0,
        what: "Auto Scaling replacing a failed instance: launch, boot, health-check grace (planning assumption)",
        source: "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html",
    },
    Param {
        name: "capacity_backup_restore",
        minutes: 240.0,
        what: "backup & restore: the whole stack is provisioned after the disaster (\"hours\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        name: "capacity_pilot_light",
        minutes: 30.0,
        what: "pilot light: data is live, compute is started and scaled up (\"tens of minutes\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        name: "capacity_warm_standby",
        minutes: 10.0,
        what: "warm standby: a scaled-down copy runs and scales out (\"minutes\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
    Param {
        name: "capacity_active_active",
        minutes: 0.0,
        what: "multi-site active/active: the other region already serves (\"near zero\")",
        source: "https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html",
    },
];

/// The parameters of one evaluation: the defaults with the design's overrides.
#[derive(Debug, Clone)]
pub struct Params {
    values: Vec<(&'static str, f64)>,
}

impl Params {
    pub fn new(overrides: &std::collections::BTreeMap<String, f64>) -> Params {
        Params {
            values: PARAMS
                .iter()
                .map(|p| (p.name, overrides.get(p.name).copied().unwrap_or(p.minutes)))
                .collect(),
        }
    }

    /// Minutes of the parameter `name` (0 for a name that does not exist; names are checked
    /// when the design is validated).
    pub fn get(&self, name: &str) -> f64 {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or(0.0)
    }
}
