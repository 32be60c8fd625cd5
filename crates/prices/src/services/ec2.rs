//! AmazonEC2: Linux instance-hours (on-demand and reserved), EBS volumes, IOPS,
//! throughput and snapshots, NAT gateways. Data transfer comes from `AWSDataTransfer`.

use rust_decimal::Decimal;

use super::{in_region, of_region, Ctx, Service, Target};
use crate::offer::Product;

pub const SERVICE: Service = Service {
    code: "AmazonEC2",
    global: false,
    map,
    finish: None,
};

const HOURS: &[&str] = &["Hrs"];
const GB_MONTHS: &[&str] = &["GB-Mo"];

fn map(p: &Product, ctx: &Ctx) -> Vec<Target> {
    if !in_region(p) || !of_region(p, ctx) {
        return Vec::new();
    }
    match p.family.as_str() {
        "Compute Instance" | "Compute Instance (bare metal)" => instance(p),
        "Storage" => volume(p),
        "System Operation" => iops(p),
        "Provisioned Throughput" => throughput(p),
        "Storage Snapshot" if p.usage_is("EBS:SnapshotUsage") => {
            vec![Target::new("ebs-snapshot", "standard", "GB-months").list_units(GB_MONTHS)]
        }
        "NAT Gateway" => nat(p),
        _ => Vec::new(),
    }
}

/// The instance-hour of a Linux instance on shared tenancy, with no pre-installed
/// software and no licence, running (not an unused capacity reservation), on demand.
fn instance(p: &Product) -> Vec<Target> {
    let ty = p.attr("instanceType");
    let plain = p.attr("operatingSystem") == "Linux"
        && p.attr("tenancy") == "Shared"
        && p.attr("preInstalledSw") == "NA"
        && p.attr("capacitystatus") == "Used"
        && p.attr("licenseModel") == "No License required"
        && matches!(p.attr("marketoption"), "" | "OnDemand")
        && p.usage_is(&format!("BoxUsage:{ty}"))
        && !ty.is_empty();
    if !plain {
        return Vec::new();
    }
    vec![Target::new("ec2", ty, "hours").list_units(HOURS).reserved()]
}

fn volume(p: &Product) -> Vec<Target> {
    let api = p.attr("volumeApiName");
    if api.is_empty() || !p.attr("usagetype").contains("EBS:VolumeUsage") {
        return Vec::new();
    }
    vec![Target::new("ebs", api, "GB-months").list_units(GB_MONTHS)]
}

/// Provisioned IOPS: io1 (`piops`), io2 (first tier) and gp3 above its 3,000 baseline.
fn iops(p: &Product) -> Vec<Target> {
    let sku = if p.usage_is("EBS:VolumeP-IOPS.piops") {
        "io1"
    } else if p.usage_is("EBS:VolumeP-IOPS.io2") {
        "io2"
    } else if p.usage_is("EBS:VolumeP-IOPS.gp3") {
        "gp3"
    } else {
        return Vec::new();
    };
    vec![Target::new("ebs-iops", sku, "IOPS-months").list_units(&["IOPS-Mo"])]
}

/// gp3 throughput above its 125 MB/s baseline, per MB/s-month. The list states it per
/// GiB/s-month; a MiB/s is 1/1024 of that.
fn throughput(p: &Product) -> Vec<Target> {
    if !p.usage_is("EBS:VolumeP-Throughput.gp3") {
        return Vec::new();
    }
    vec![per_mibps("ebs-throughput", "gp3")]
}

/// A throughput price per MiB/s-month, whether the list gives it per GiB/s or per MiB/s.
pub(crate) fn per_mibps(group: &str, sku: &str) -> Target {
    let per_gib = Decimal::ONE / Decimal::from(1024);
    Target::new(group, sku, "MBps-months")
        .list_unit("GiBps-mo", per_gib)
        .list_unit("GiBps-Mo", per_gib)
        .list_units(&["MiBps-Mo", "MiBps-mo", "MBps-Mo"])
}

fn nat(p: &Product) -> Vec<Target> {
    if p.usage_is("NatGateway-Hours") {
        vec![Target::new("nat", "hour", "hours").list_units(HOURS)]
    } else if p.usage_is("NatGateway-Bytes") {
        vec![Target::new("nat-data", "processed", "GB").list_units(&["GB"])]
    } else {
        Vec::new()
    }
}
