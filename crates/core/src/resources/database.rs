//! `kind: database` — RDS (MySQL, PostgreSQL, MariaDB, SQL Server) and Aurora.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};
use crate::model::{Estimate, Purchase, VolumeType};
use crate::resources::kind::{catalog, field, Category, FormField, Holds, Kind, Problem};
use crate::source::de::from_node;
use crate::source::node::{DesignPath, Node};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub engine: Engine,
    /// e.g. `db.t3.medium`, `db.r6g.large`.
    pub instance_class: String,
    #[serde(default)]
    pub multi_az: bool,
    /// Aurora: number of instances (writer + readers); default 2 when `multi_az`, else 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instances: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<DbStorage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publicly_accessible: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<Backup>,
    /// Read replicas, in this region or another.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replicas: Vec<Replica>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<DbUsage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// How instance-hours are bought: `on_demand`, a reserved lease (`reserved_1y`…), or
    /// `{ discount_pct }`. RDS sells no Savings Plans or spot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// Logs sent to CloudWatch Logs: `{ ingested_gb, retention_days }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs: Option<crate::resources::logs::LogSpec>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Engine {
    Mysql,
    Postgres,
    Mariadb,
    AuroraMysql,
    AuroraPostgres,
    /// SQL Server Standard Edition (`sqlserver-se`), licence included.
    Sqlserver,
    SqlserverEx,
    SqlserverWeb,
    SqlserverSe,
    SqlserverEe,
    /// Oracle Standard Edition Two, licence included.
    OracleSe2,
    /// Oracle Enterprise Edition: bring your own licence (RDS sells no licence for it).
    OracleEe,
}

impl Engine {
    /// Every engine as written in `engine:` (tested against the serde names).
    pub const NAMES: &'static [&'static str] = &[
        "mysql",
        "postgres",
        "mariadb",
        "aurora-mysql",
        "aurora-postgres",
        "sqlserver",
        "sqlserver-ex",
        "sqlserver-web",
        "sqlserver-se",
        "sqlserver-ee",
        "oracle-se2",
        "oracle-ee",
    ];

    pub fn is_aurora(self) -> bool {
        matches!(self, Engine::AuroraMysql | Engine::AuroraPostgres)
    }

    /// Catalog group of the instance-hour prices.
    fn group(self) -> &'static str {
        match self {
            Engine::Mysql => "rds-mysql",
            Engine::Postgres => "rds-postgres",
            Engine::Mariadb => "rds-mariadb",
            Engine::AuroraMysql => "aurora-mysql",
            Engine::AuroraPostgres => "aurora-postgres",
            Engine::Sqlserver | Engine::SqlserverSe => "rds-sqlserver-se",
            Engine::SqlserverEx => "rds-sqlserver-ex",
            Engine::SqlserverWeb => "rds-sqlserver-web",
            Engine::SqlserverEe => "rds-sqlserver-ee",
            Engine::OracleSe2 => "rds-oracle-se2",
            Engine::OracleEe => "rds-oracle-ee-byol",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Mysql => "MySQL",
            Engine::Postgres => "PostgreSQL",
            Engine::Mariadb => "MariaDB",
            Engine::AuroraMysql => "Aurora MySQL",
            Engine::AuroraPostgres => "Aurora PostgreSQL",
            Engine::Sqlserver | Engine::SqlserverSe => "SQL Server Standard",
            Engine::SqlserverEx => "SQL Server Express",
            Engine::SqlserverWeb => "SQL Server Web",
            Engine::SqlserverEe => "SQL Server Enterprise",
            Engine::OracleSe2 => "Oracle SE2",
            Engine::OracleEe => "Oracle EE (BYOL)",
        }
    }

    pub fn is_sqlserver(self) -> bool {
        matches!(
            self,
            Engine::Sqlserver
                | Engine::SqlserverEx
                | Engine::SqlserverWeb
                | Engine::SqlserverSe
                | Engine::SqlserverEe
        )
    }

    /// The IOPS and MB/s a gp3 volume of `size_gb` includes (what is provisioned above is
    /// billed): 3,000 and 125 below 400 GB (200 GB for Oracle), 12,000 and 500 from there;
    /// SQL Server always 3,000 and 125
    /// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage,
    /// read 2026-12-04).
    pub fn gp3_baseline(self, size_gb: Decimal) -> (Decimal, Decimal) {
        let small = (Decimal::from(3000), Decimal::from(125));
        let large = (Decimal::from(12000), Decimal::from(500));
        let threshold = match self {
            e if e.is_sqlserver() => return small,
            Engine::OracleSe2 | Engine::OracleEe => Decimal::from(200),
            _ => Decimal::from(400),
        };
        if size_gb < threshold {
            small
        } else {
            large
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DbStorage {
    #[serde(rename = "type", default)]
    pub volume_type: VolumeType,
    pub size_gb: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_mbps: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Backup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// Daily backup window, `"03:00-04:00"` (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full: Option<FullBackup>,
    /// Interval of incremental backups, e.g. `6h`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incremental_every: Option<String>,
    /// Continuous transaction-log backup (point-in-time recovery). RDS and Aurora keep the
    /// logs whenever automated backups are on (a retention of a day or more), so unset means
    /// on; `false` says the backups are snapshots only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous_log: Option<bool>,
    /// Copy snapshots to this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_to_region: Option<String>,
}

impl Backup {
    /// Automated backups are on: a retention of at least a day (unset: the RDS default of
    /// 7 days in the console, 1 through the API; either keeps backups).
    pub fn automated(&self) -> bool {
        self.retention_days != Some(0)
    }

    /// Point-in-time recovery: RDS and Aurora keep transaction logs for the retention
    /// period whenever automated backups are on, restorable to within about 5 minutes
    /// (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html). Off only when the
    /// design says `continuous_log: false` (snapshot-only) or turns backups off.
    pub fn point_in_time(&self) -> bool {
        self.automated() && self.continuous_log != Some(false)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum FullBackup {
    Daily,
    Weekly,
    None,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Replica {
    /// Region of the replica; default the database's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Instance class; default the primary's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_class: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DbUsage {
    /// Aurora I/O requests per month, millions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub io_requests_m: Option<Estimate>,
    /// Backup storage used, GB (only what exceeds the provisioned storage is billed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_storage_gb: Option<Estimate>,
}

impl Database {
    /// Point-in-time recovery is on (see [`Backup::point_in_time`]).
    pub fn point_in_time_recovery(&self) -> bool {
        self.backup.as_ref().is_some_and(Backup::point_in_time)
    }

    /// Storage, and the IOPS and throughput provisioned above what the volume includes.
    fn price_storage(&self, bill: &mut Bill, st: &DbStorage, size: Decimal, deployment: &str) {
        let sku = st.volume_type.sku();
        let (groups, copies) = if self.multi_az {
            let (g, _) = bill.first_priced(&[("rds-storage-multi-az", sku), ("rds-storage", sku)]);
            if g == "rds-storage-multi-az" {
                (
                    (
                        "rds-storage-multi-az",
                        "rds-storage-iops-multi-az",
                        "rds-storage-throughput-multi-az",
                    ),
                    1,
                )
            } else {
                (
                    ("rds-storage", "rds-storage-iops", "rds-storage-throughput"),
                    2,
                )
            }
        } else {
            (
                ("rds-storage", "rds-storage-iops", "rds-storage-throughput"),
                1,
            )
        };
        let copies = Decimal::from(copies);
        if let Some(p) = bill.price(groups.0, sku, "storage.type") {
            bill.line(
                format!("Database storage ({sku}, {deployment})"),
                Qty::flat(size * copies),
                p,
                None,
            );
        }
        let iops = st.iops.map(dec).unwrap_or_default();
        let throughput = st.throughput_mbps.map(dec).unwrap_or_default();
        let (billed_iops, billed_mbps) = match st.volume_type {
            VolumeType::Io1 => (iops, Decimal::ZERO),
            VolumeType::Gp3 => {
                let (base_iops, base_mbps) = self.engine.gp3_baseline(size);
                (
                    (iops - base_iops).max(Decimal::ZERO),
                    (throughput - base_mbps).max(Decimal::ZERO),
                )
            }
            _ => (Decimal::ZERO, Decimal::ZERO),
        };
        if billed_iops > Decimal::ZERO {
            if let Some(p) = bill.price(groups.1, sku, "storage.iops") {
                let above = if st.volume_type == VolumeType::Gp3 {
                    " above the baseline"
                } else {
                    ""
                };
                bill.line(
                    format!("Provisioned IOPS ({sku}{above}, {deployment})"),
                    Qty::flat(billed_iops * copies),
                    p,
                    None,
                );
            }
        }
        if billed_mbps > Decimal::ZERO {
            if let Some(p) = bill.price(groups.2, sku, "storage.throughput_mbps") {
                bill.line(
                    format!("Provisioned throughput ({sku} above the baseline, {deployment})"),
                    Qty::flat(billed_mbps * copies),
                    p,
                    None,
                );
            }
        }
    }
}

impl Kind for Database {
    const NAME: &'static str = "database";
    const ICON: &'static str = "DB";
    const SUMMARY: &'static str = "RDS (MySQL, PostgreSQL, MariaDB, SQL Server) and Aurora.";
    const CATEGORY: Category = Category::Databases;
    const EXAMPLE: &'static str = "{ kind: database, engine: postgres, instance_class: db.t3.micro, storage: { size_gb: 20 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_db_instance", "aws_rds_cluster"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(node: &Node) -> Vec<FormField> {
        let engine = node
            .get("engine")
            .and_then(|e| from_node::<Engine>(e, &DesignPath::root()).ok())
            .unwrap_or(Engine::Postgres);
        vec![
            field("engine", "engine", Holds::Choice(Engine::NAMES), ""),
            field(
                "instance class",
                "instance_class",
                catalog(engine.group()),
                "",
            ),
            field("Multi-AZ", "multi_az", Holds::Toggle, ""),
            field("storage", "storage.size_gb", Holds::Number, "GB"),
        ]
    }

    fn logs(&self) -> Option<&crate::resources::logs::LogSpec> {
        self.logs.as_ref()
    }

    fn problems(&self, _home: &str) -> Vec<Problem> {
        not_sold_for(self.purchase.as_ref(), "RDS")
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &self.security_groups)
    }

    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    fn cost(&self, bill: &mut Bill) {
        let hours = bill.ctx.hours_per_month;
        let group = self.engine.group();
        let class = self.instance_class.as_str();
        let size = self
            .storage
            .as_ref()
            .map(|s| dec(s.size_gb))
            .unwrap_or_default();
        let usage = self.usage.clone().unwrap_or_default();
        let purchase = self.purchase.clone().unwrap_or_default();

        if self.engine.is_aurora() {
            let n = self.instances.unwrap_or(if self.multi_az { 2 } else { 1 });
            if let Some((p, label, discount)) =
                bill.purchased_rate(group, class, &purchase, "instance_class")
            {
                bill.line(
                    format!(
                        "{} instances ({n} × {class}{})",
                        self.engine.name(),
                        bought(&label)
                    ),
                    Qty::flat(Decimal::from(n) * hours),
                    p,
                    discount,
                );
            }
            if size > Decimal::ZERO {
                if let Some(p) = bill.price("aurora-storage", "storage", "storage.size_gb") {
                    bill.line("Aurora storage".into(), Qty::flat(size), p, None);
                }
            }
            if let Some(io) = usage.io_requests_m.filter(Estimate::any) {
                if let Some(p) = bill.price("aurora-io", "io", "usage.io_requests_m") {
                    bill.line("Aurora I/O requests".into(), Qty::est(io), p, None);
                }
            }
        } else {
            let deployment = if self.multi_az {
                "Multi-AZ"
            } else {
                "Single-AZ"
            };
            // A Multi-AZ deployment has its own rate in the price list (per deployment-hour,
            // per GB of the deployment); a hand-typed catalog may have only Single-AZ rates,
            // which a Multi-AZ deployment (one standby) pays twice.
            let multi = format!("{group}-multi-az");
            let (group, copies) = if !self.multi_az {
                (group, 1)
            } else if bill.first_priced(&[(&multi, class), (group, class)]).0 == multi {
                (multi.as_str(), 1)
            } else {
                (group, 2)
            };
            if let Some((p, label, discount)) =
                bill.purchased_rate(group, class, &purchase, "instance_class")
            {
                let how = if copies == 2 {
                    ", 2 × Single-AZ rate"
                } else {
                    ""
                };
                bill.line(
                    format!(
                        "Database instance ({}, {deployment}{how}, {class}{})",
                        self.engine.name(),
                        bought(&label)
                    ),
                    Qty::flat(Decimal::from(copies) * hours),
                    p,
                    discount,
                );
            }
            if let Some(st) = &self.storage {
                self.price_storage(bill, st, size, deployment);
            }
        }

        // Backup storage up to the provisioned size is free; the rest is billed.
        if let Some(used) = usage.backup_storage_gb {
            let billable = Qty::est(used).above(size);
            if billable.any() {
                let (group, sku) = if self.engine.is_aurora() {
                    ("aurora-storage", "backup")
                } else {
                    ("rds-storage", "backup")
                };
                if let Some(p) = bill.price(group, sku, "usage.backup_storage_gb") {
                    bill.line(
                        "Backup storage beyond the free allowance".into(),
                        billable,
                        p,
                        None,
                    );
                }
            }
        }

        // Snapshot copies in another region hold (at least) one full copy of the data.
        if let Some(target) = self
            .backup
            .as_ref()
            .and_then(|b| b.copy_to_region.as_deref())
        {
            if size > Decimal::ZERO {
                if let Some(p) =
                    bill.price_in(target, "rds-storage", "backup", "backup.copy_to_region")
                {
                    bill.line(
                        format!("Backup copies in {target}"),
                        Qty::flat(size),
                        p,
                        None,
                    );
                }
            }
        }

        for (i, r) in self.replicas.iter().enumerate() {
            let region = r.region.clone().unwrap_or_else(|| bill.region.to_string());
            let rclass = r.instance_class.as_deref().unwrap_or(class);
            let field = format!("replicas[{i}]");
            if let Some(p) = bill.price_in(&region, group, rclass, &field) {
                bill.line(
                    format!("Read replica in {region} ({rclass})"),
                    Qty::flat(hours),
                    p,
                    None,
                );
            }
            if !self.engine.is_aurora() {
                if let Some(st) = &self.storage {
                    if let Some(p) =
                        bill.price_in(&region, "rds-storage", st.volume_type.sku(), &field)
                    {
                        bill.line(
                            format!(
                                "Read replica storage in {region} ({})",
                                st.volume_type.sku()
                            ),
                            Qty::flat(size),
                            p,
                            None,
                        );
                    }
                }
            }
        }
    }
}

/// `aws_db_instance` (its read replicas folded in as `replicas`) and `aws_rds_cluster` (its
/// `aws_rds_cluster_instance`s folded in as `instances`) as `kind: database`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{
        number, span_of, Cx, Instance, Mapping, Obj, Out, OutValue, VOLUME_TYPES,
    };

    /// Terraform's `engine` as the design's (`aurora` is Aurora MySQL's old name).
    fn engine(tf: &str) -> Option<&'static str> {
        Some(match tf {
            "mysql" => "mysql",
            "postgres" => "postgres",
            "mariadb" => "mariadb",
            "aurora" | "aurora-mysql" => "aurora-mysql",
            "aurora-postgresql" => "aurora-postgres",
            "sqlserver-ex" => "sqlserver-ex",
            "sqlserver-web" => "sqlserver-web",
            "sqlserver-se" => "sqlserver-se",
            "sqlserver-ee" => "sqlserver-ee",
            "oracle-se2" => "oracle-se2",
            "oracle-ee" => "oracle-ee",
            _ => return None,
        })
    }

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        match r.resource_type.as_str() {
            "aws_db_instance" => instance(r, cx),
            "aws_rds_cluster" => cluster(r, cx),
            _ => None,
        }
    }

    fn common(r: &Instance, cx: &mut Cx<'_>, o: &mut Obj) -> bool {
        let Some(a) = r.get_spanned("engine") else {
            cx.note(
                format!("{}: `engine` is not known; not priced", r.address),
                &r.span,
            );
            return false;
        };
        match a.value.as_str().and_then(engine) {
            Some(e) => {
                o.str("engine", e, Some(&a.span));
            }
            None => {
                cx.note_hint(
                    format!(
                        "{}: engine {} is not one the design format prices; not priced",
                        r.address,
                        a.value.as_str().unwrap_or("(unknown)")
                    ),
                    &a.span,
                    "mysql, postgres, mariadb, aurora-mysql, aurora-postgresql, sqlserver-*, oracle-se2, oracle-ee",
                );
                return false;
            }
        }
        true
    }

    fn placement(r: &Instance, cx: &mut Cx<'_>, o: &mut Obj) {
        if let Some(group) = cx.referenced_of(r, "db_subnet_group_name", &["aws_db_subnet_group"]) {
            cx.fold(&group.address);
            let subnets = cx.names_in(group, "subnet_ids", "subnets");
            if !subnets.is_empty() {
                o.list(
                    "subnets",
                    subnets,
                    Some(&span_of(r, "db_subnet_group_name")),
                );
            }
        }
        let groups = cx.names_in(r, "vpc_security_group_ids", "security groups");
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(r, "vpc_security_group_ids")),
            );
        }
    }

    fn backup(r: &Instance, o: &mut Obj, default_days: Option<f64>) {
        let mut b = Obj::new();
        let days = match r.get_spanned("backup_retention_period") {
            Some(a) => number(&a.value).map(|n| (n, a.span.clone())),
            None => default_days.map(|n| (n, r.span.clone())),
        };
        if let Some((days, span)) = days {
            b.num("retention_days", days, Some(&span));
            // Automated backups are what point-in-time recovery restores from: with a
            // retention of a day or more RDS and Aurora keep the transaction logs
            // (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html).
            b.bool("continuous_log", days >= 1.0, Some(&span));
        }
        b.copy_str("window", r, "preferred_backup_window");
        if !b.is_empty() {
            o.obj("backup", b, Some(&span_of(r, "backup_retention_period")));
        }
    }

    fn instance(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        if cx
            .referenced_of(r, "replicate_source_db", &["aws_db_instance"])
            .is_some()
        {
            // Written as one of its source's `replicas`.
            cx.fold(&r.address);
            return None;
        }
        let mut o = Obj::new();
        if !common(r, cx, &mut o) {
            return None;
        }
        if o.copy_str("instance_class", r, "instance_class").is_none() {
            cx.note(
                format!("{}: `instance_class` is not known; not priced", r.address),
                &r.span,
            );
            return None;
        }
        o.copy_bool("multi_az", r, "multi_az");
        match r.get_spanned("allocated_storage") {
            Some(a) => {
                let mut st = Obj::new();
                let ty = r.str("storage_type").unwrap_or("gp2");
                if VOLUME_TYPES.contains(&ty) {
                    st.str("type", ty, Some(&span_of(r, "storage_type")));
                } else {
                    cx.note(
                        format!("{}: storage type `{ty}` is priced as gp2", r.address),
                        &span_of(r, "storage_type"),
                    );
                    st.str("type", "gp2", Some(&span_of(r, "storage_type")));
                }
                if let Some(n) = number(&a.value) {
                    st.num("size_gb", n, Some(&a.span));
                    st.copy_num("iops", r, "iops");
                    st.copy_num("throughput_mbps", r, "storage_throughput");
                    o.obj("storage", st, Some(&a.span));
                }
            }
            None => cx.note(
                format!(
                    "{}: no `allocated_storage`: its storage is not priced",
                    r.address
                ),
                &r.span,
            ),
        }
        o.copy_bool("encrypted", r, "storage_encrypted");
        o.copy_bool("publicly_accessible", r, "publicly_accessible");
        o.copy_bool("deletion_protection", r, "deletion_protection");
        o.copy_num("port", r, "port");
        o.copy_str("version", r, "engine_version");
        placement(r, cx, &mut o);
        backup(r, &mut o, None);
        let replicas: Vec<Out> = cx
            .referring("aws_db_instance", "replicate_source_db", &r.address)
            .into_iter()
            .map(|rep| {
                let mut x = Obj::new();
                if let Some(region) = cx.region_of(rep) {
                    x.str("region", region, Some(&rep.span));
                }
                x.copy_str("instance_class", rep, "instance_class");
                Out::new(OutValue::Map(x), Some(&rep.span))
            })
            .collect();
        if !replicas.is_empty() {
            o.list("replicas", replicas, Some(&r.span));
        }
        Some(o)
    }

    fn cluster(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        if let Some(mode) = r.str("engine_mode").filter(|m| *m != "provisioned") {
            cx.note(
                format!(
                    "{}: engine_mode `{mode}` is not priced (provisioned clusters only)",
                    r.address
                ),
                &span_of(r, "engine_mode"),
            );
            return None;
        }
        let mut o = Obj::new();
        if !common(r, cx, &mut o) {
            return None;
        }
        let members = cx.referring("aws_rds_cluster_instance", "cluster_identifier", &r.address);
        for m in &members {
            cx.fold(&m.address);
        }
        let class = members
            .iter()
            .find_map(|m| m.get_spanned("instance_class"))
            .or_else(|| r.get_spanned("db_cluster_instance_class"));
        match class.and_then(|c| c.value.as_str().map(|s| (s.to_string(), c.span.clone()))) {
            Some((c, span)) => {
                o.str("instance_class", c, Some(&span));
            }
            None => {
                cx.note(
                    format!(
                        "{}: no aws_rds_cluster_instance with a known instance_class; not priced",
                        r.address
                    ),
                    &r.span,
                );
                return None;
            }
        }
        let n = members.len().max(1);
        o.bool("multi_az", n > 1, Some(&r.span));
        o.num("instances", n as f64, Some(&r.span));
        o.copy_bool("encrypted", r, "storage_encrypted");
        o.copy_bool("deletion_protection", r, "deletion_protection");
        o.copy_num("port", r, "port");
        o.copy_str("version", r, "engine_version");
        if let Some(p) = members
            .iter()
            .find_map(|m| m.get_spanned("publicly_accessible"))
        {
            if let Some(b) = p.value.as_bool() {
                o.bool("publicly_accessible", b, Some(&p.span));
            }
        }
        placement(r, cx, &mut o);
        // The AWS provider's default retention for aws_rds_cluster is 1 day
        // (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster).
        backup(r, &mut o, Some(1.0));
        Some(o)
    }
}

/// How a line says what was bought: nothing for on demand (the default), else the label.
pub(crate) fn bought(label: &str) -> String {
    if label == "on-demand" {
        String::new()
    } else {
        format!(", {label}")
    }
}

/// Database and cache hours are sold on demand, reserved or discounted: spot and Savings
/// Plans (EC2's) are not, and would silently price on demand.
pub(crate) fn not_sold_for(purchase: Option<&Purchase>, service: &str) -> Vec<Problem> {
    let what = match purchase {
        Some(Purchase::Spot) => "spot",
        Some(Purchase::Reserved(lease)) if lease.name.starts_with("savings_plan") => {
            "a Savings Plan"
        }
        _ => return Vec::new(),
    };
    vec![Problem {
        field: "purchase".into(),
        code: crate::diag::Code::InvalidValue,
        message: format!("{service} is not sold as {what}"),
        hint: Some("use `on_demand`, a reserved lease (`reserved_1y`, `reserved_3y`, with `_partial_upfront` or `_all_upfront`) or `{ discount_pct: N }`".into()),
    }]
}
