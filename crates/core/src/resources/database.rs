//! `kind: database` — RDS (MySQL, PostgreSQL, MariaDB, SQL Server) and Aurora.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};
use crate::model::VolumeType;

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
    Sqlserver,
}

impl Engine {
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
            Engine::Sqlserver => "rds-sqlserver",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Mysql => "MySQL",
            Engine::Postgres => "PostgreSQL",
            Engine::Mariadb => "MariaDB",
            Engine::AuroraMysql => "Aurora MySQL",
            Engine::AuroraPostgres => "Aurora PostgreSQL",
            Engine::Sqlserver => "SQL Server",
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
    /// Continuous transaction-log backup (point-in-time recovery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuous_log: Option<bool>,
    /// Copy snapshots to this region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_to_region: Option<String>,
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
    pub io_requests_m: Option<f64>,
    /// Backup storage used, GB (only what exceeds the provisioned storage is billed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_storage_gb: Option<f64>,
}

impl Database {
    pub fn cost(&self, bill: &mut Bill) {
        let hours = bill.ctx.hours_per_month;
        let group = self.engine.group();
        let class = self.instance_class.as_str();
        let size = self
            .storage
            .as_ref()
            .map(|s| dec(s.size_gb))
            .unwrap_or_default();
        let usage = self.usage.clone().unwrap_or_default();

        if self.engine.is_aurora() {
            let n = self.instances.unwrap_or(if self.multi_az { 2 } else { 1 });
            if let Some(p) = bill.price(group, class, "instance_class") {
                bill.line(
                    format!("{} instances ({n} × {class})", self.engine.name()),
                    Qty::flat(Decimal::from(n) * hours),
                    p,
                    None,
                );
            }
            if size > Decimal::ZERO {
                if let Some(p) = bill.price("aurora-storage", "storage", "storage.size_gb") {
                    bill.line("Aurora storage".into(), Qty::flat(size), p, None);
                }
            }
            if let Some(io) = usage.io_requests_m.filter(|x| *x > 0.0) {
                if let Some(p) = bill.price("aurora-io", "io", "usage.io_requests_m") {
                    bill.line("Aurora I/O requests".into(), Qty::flat(dec(io)), p, None);
                }
            }
        } else {
            let copies = if self.multi_az { 2 } else { 1 };
            let deployment = if self.multi_az {
                "Multi-AZ"
            } else {
                "Single-AZ"
            };
            if let Some(p) = bill.price(group, class, "instance_class") {
                bill.line(
                    format!(
                        "Database instance ({}, {deployment}, {class})",
                        self.engine.name()
                    ),
                    Qty::flat(Decimal::from(copies) * hours),
                    p,
                    None,
                );
            }
            if let Some(st) = &self.storage {
                let sku = st.volume_type.sku();
                if let Some(p) = bill.price("rds-storage", sku, "storage.type") {
                    bill.line(
                        format!("Database storage ({sku}, {deployment})"),
                        Qty::flat(size * Decimal::from(copies)),
                        p,
                        None,
                    );
                }
                if st.volume_type == VolumeType::Io1 {
                    if let Some(iops) = st.iops.filter(|x| *x > 0.0) {
                        if let Some(p) = bill.price("rds-storage-iops", "io1", "storage.iops") {
                            bill.line(
                                format!("Provisioned IOPS (io1, {deployment})"),
                                Qty::flat(dec(iops) * Decimal::from(copies)),
                                p,
                                None,
                            );
                        }
                    }
                }
            }
        }

        // Backup storage up to the provisioned size is free; the rest is billed.
        if let Some(used) = usage.backup_storage_gb {
            let billable = (dec(used) - size).max(Decimal::ZERO);
            if billable > Decimal::ZERO {
                let (group, sku) = if self.engine.is_aurora() {
                    ("aurora-storage", "backup")
                } else {
                    ("rds-storage", "backup")
                };
                if let Some(p) = bill.price(group, sku, "usage.backup_storage_gb") {
                    bill.line(
                        "Backup storage beyond the free allowance".into(),
                        Qty::flat(billable),
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
