//! AmazonRDS: instance-hours per engine, edition, licence model and deployment (on-demand
//! and reserved), storage per volume type and deployment, provisioned IOPS, gp3 IOPS and
//! throughput above the baseline, backup storage; Aurora Standard and I/O-Optimized
//! instances, storage and I/O.
//!
//! Groups: `rds-<engine>` (Single-AZ), `rds-<engine>-multi-az` (one standby),
//! `rds-<engine>-multi-az-cluster` (two readable standbys); `aurora-<engine>` and
//! `aurora-<engine>-io-optimized`. Engines with editions name them: `rds-sqlserver-se`,
//! `rds-oracle-ee-byol` (licence included unless `-byol`).

use super::{ec2::per_mibps, in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonRDS",
    global: false,
    map,
    finish: None,
};

const HOURS: &[&str] = &["Hrs"];
const GB_MONTHS: &[&str] = &["GB-Mo"];

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    // RDS Custom and Outposts products are other offerings with other prices.
    if !in_region(p) || !of_region(p, ctx) || !p.attr("deploymentModel").is_empty() {
        return Vec::new();
    }
    match p.family.as_str() {
        "Database Instance" => instance(p),
        "Database Storage" => storage(p),
        "Provisioned IOPS" => provisioned_iops(p),
        "Provisioned Throughput" => throughput(p),
        "Storage Snapshot" => backup(p),
        "System Operation" if p.usage_is("Aurora:StorageIOUsage") => {
            // Priced per I/O; the catalog keeps it per million.
            vec![Target::new("aurora-io", "io", "1M requests")
                .list_units(&["IOs"])
                .scale(1_000_000)]
        }
        _ => Vec::new(),
    }
}

/// The engine part of a group name, with the edition and licence where they change the
/// price; `None` for an engine or licence Planwright does not price.
fn engine_group(p: &Product) -> Option<String> {
    let license = p.attr("licenseModel");
    let byol = match license {
        "No license required" | "License included" => "",
        "Bring your own license" => "-byol",
        _ => return None,
    };
    let edition = match p.attr("databaseEdition") {
        "Express" => "ex",
        "Web" => "web",
        "Standard" => "se",
        "Standard One" => "se1",
        "Standard Two" => "se2",
        "Enterprise" => "ee",
        _ => "",
    };
    // The open-source engines and Aurora carry no licence: anything else is another
    // offering (BYOL on Outposts, say).
    let open = license == "No license required";
    let name = match p.attr("databaseEngine") {
        "MySQL" if open => "rds-mysql".to_string(),
        "PostgreSQL" if open => "rds-postgres".to_string(),
        "MariaDB" if open => "rds-mariadb".to_string(),
        "Aurora MySQL" if open => "aurora-mysql".to_string(),
        "Aurora PostgreSQL" if open => "aurora-postgres".to_string(),
        "SQL Server" if !edition.is_empty() => format!("rds-sqlserver-{edition}{byol}"),
        "Oracle" if !edition.is_empty() => format!("rds-oracle-{edition}{byol}"),
        _ => return None,
    };
    Some(name)
}

/// The group suffix of a deployment option.
fn deployment(p: &Product) -> Option<&'static str> {
    match p.attr("deploymentOption") {
        "Single-AZ" | "" => Some(""),
        "Multi-AZ" | "Multi-AZ (SQL Server Mirror)" => Some("-multi-az"),
        "Multi-AZ (readable standbys)" => Some("-multi-az-cluster"),
        _ => None,
    }
}

fn instance(p: &Product) -> Vec<Target> {
    let class = p.attr("instanceType");
    let (Some(engine), Some(dep)) = (engine_group(p), deployment(p)) else {
        return Vec::new();
    };
    if class.is_empty() {
        return Vec::new();
    }
    let group = if engine.starts_with("aurora-") {
        // Aurora prices instances alone (its storage is the cluster's, see below); the
        // I/O-Optimized configuration has its own instance rates.
        let io_optimized = p.attr("storage") == "Aurora IO Optimization Mode"
            || p.attr("usagetype").contains("InstanceUsageIOOptimized:");
        if !dep.is_empty() {
            return Vec::new();
        }
        if io_optimized {
            format!("{engine}-io-optimized")
        } else {
            engine
        }
    } else {
        format!("{engine}{dep}")
    };
    vec![Target::new(group, class, "hours")
        .list_units(HOURS)
        .reserved()]
}

/// The storage SKU of an RDS volume type.
fn volume_sku(volume_type: &str) -> Option<&'static str> {
    Some(match volume_type {
        "General Purpose" | "General Purpose (SSD)" => "gp2",
        "General Purpose-GP3" => "gp3",
        "Provisioned IOPS" | "Provisioned IOPS (SSD)" => "io1",
        "Provisioned IOPS-IO2" => "io2",
        "Magnetic" => "magnetic",
        _ => return None,
    })
}

fn storage(p: &Product) -> Vec<Target> {
    if p.usage_is("Aurora:StorageUsage") {
        return vec![Target::new("aurora-storage", "storage", "GB-months").list_units(GB_MONTHS)];
    }
    if p.usage_is("Aurora:IO-OptimizedStorageUsage") {
        return vec![
            Target::new("aurora-storage-io-optimized", "storage", "GB-months")
                .list_units(GB_MONTHS),
        ];
    }
    // Storage for the non-Aurora engines is priced for any engine.
    if !matches!(p.attr("databaseEngine"), "Any" | "") {
        return Vec::new();
    }
    let (Some(sku), Some(dep)) = (volume_sku(p.attr("volumeType")), deployment(p)) else {
        return Vec::new();
    };
    vec![Target::new(format!("rds-storage{dep}"), sku, "GB-months").list_units(GB_MONTHS)]
}

/// io1 / io2 IOPS, and gp3 IOPS above the volume's baseline.
fn provisioned_iops(p: &Product) -> Vec<Target> {
    if !matches!(p.attr("databaseEngine"), "Any" | "") {
        return Vec::new();
    }
    let Some(dep) = deployment(p) else {
        return Vec::new();
    };
    let u = p.attr("usagetype");
    let sku = if u.contains("GP3") {
        "gp3"
    } else if u.contains("IO2") || u.contains("io2") {
        "io2"
    } else {
        "io1"
    };
    vec![Target::new(format!("rds-storage-iops{dep}"), sku, "IOPS-months").list_units(&["IOPS-Mo"])]
}

/// gp3 throughput above the volume's baseline.
fn throughput(p: &Product) -> Vec<Target> {
    let Some(dep) = deployment(p) else {
        return Vec::new();
    };
    if !p.attr("usagetype").contains("GP3") {
        return Vec::new();
    }
    vec![per_mibps(&format!("rds-storage-throughput{dep}"), "gp3")]
}

/// Backup storage beyond the free allowance (the provisioned size).
fn backup(p: &Product) -> Vec<Target> {
    if p.usage_is("RDS:ChargedBackupUsage") && matches!(p.attr("databaseEngine"), "Any" | "") {
        vec![Target::new("rds-storage", "backup", "GB-months").list_units(GB_MONTHS)]
    } else if p.usage_is("Aurora:BackupUsage")
        && matches!(p.attr("databaseEngine"), "Aurora MySQL" | "Any" | "")
    {
        // Aurora MySQL's and PostgreSQL's backup storage have one price; take MySQL's.
        vec![Target::new("aurora-storage", "backup", "GB-months").list_units(GB_MONTHS)]
    } else {
        Vec::new()
    }
}
