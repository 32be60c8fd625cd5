//! `kind: kubernetes` — an EKS cluster: the control plane, and node groups sized by the
//! workloads they run.
//!
//! Sizing: the workloads' CPU and memory requests at their minimum replicas set the node
//! floor (never below a group's `min`), at their maximum replicas the peak (never above a
//! group's `max`). Demand fills the node groups in the order they are written.

use crate::diag::Code;
use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::schedule::group_hours;
use crate::cost::{dec, Bill, Qty};
use crate::diag::Diagnostic;
use crate::model::{Purchase, Scaling, Schedule};
use crate::resources::compute::price_instance_hours;
use crate::resources::kind::{catalog, field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

/// Share of a node's CPU and memory that pods can request, in percent, unless a node group
/// says otherwise: the kubelet, system daemons and DaemonSets take the rest. A planning
/// assumption (it varies with the AMI and the add-ons), not a published figure.
pub const DEFAULT_ALLOCATABLE_PCT: u32 = 90;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Kubernetes {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub node_groups: Vec<NodeGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<Workload>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    /// Logs sent to CloudWatch Logs: `{ ingested_gb, retention_days }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs: Option<crate::resources::logs::LogSpec>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NodeGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub instance_type: String,
    pub min: u32,
    pub max: u32,
    /// Average nodes you expect to run (between `min` and `max`); defaults to the floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// Root volume per node, GB (gp3); default none priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_gb: Option<f64>,
    /// Share of a node pods can request, percent (default 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocatable_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Workload {
    pub name: String,
    pub replicas: Replicas,
    /// vCPU requested per replica.
    pub cpu: f64,
    /// Memory requested per replica, GB.
    pub memory_gb: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Replicas {
    pub min: u32,
    pub max: u32,
}

impl Kind for Kubernetes {
    const NAME: &'static str = "kubernetes";
    const ICON: &'static str = "EKS";
    const SUMMARY: &'static str =
        "an EKS cluster: the control plane, and node groups sized by the workloads they run.";
    const CATEGORY: Category = Category::Compute;
    const EXAMPLE: &'static str =
        "{ kind: kubernetes, node_groups: [ { instance_type: t3.medium, min: 2, max: 2 } ] }";
    const TERRAFORM: &'static [&'static str] = &["aws_eks_cluster"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(node: &Node) -> Vec<FormField> {
        // The first node group; the others are edited in the text.
        if node
            .get("node_groups")
            .and_then(Node::as_seq)
            .is_some_and(|g| !g.is_empty())
        {
            vec![
                field(
                    "nodes: instance type",
                    "node_groups.0.instance_type",
                    catalog("ec2"),
                    "",
                ),
                field("nodes min", "node_groups.0.min", Holds::Number, "nodes"),
                field("nodes max", "node_groups.0.max", Holds::Number, "nodes"),
            ]
        } else {
            vec![field("version", "version", Holds::Text, "")]
        }
    }

    fn logs(&self) -> Option<&crate::resources::logs::LogSpec> {
        self.logs.as_ref()
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &self.security_groups)
    }

    fn cost(&self, bill: &mut Bill) {
        if let Some(p) = bill.price("eks", "cluster", "kind") {
            bill.line(
                "EKS control plane (standard support)".into(),
                Qty::flat(bill.ctx.hours_per_month),
                p,
                None,
            );
        }
        let sum =
            |f: &dyn Fn(&Workload) -> Decimal| -> Decimal { self.workloads.iter().map(f).sum() };
        let mut floor_cpu = sum(&|w| Decimal::from(w.replicas.min) * dec(w.cpu));
        let mut floor_mem = sum(&|w| Decimal::from(w.replicas.min) * dec(w.memory_gb));
        let mut peak_cpu = sum(&|w| Decimal::from(w.replicas.max) * dec(w.cpu));
        let mut peak_mem = sum(&|w| Decimal::from(w.replicas.max) * dec(w.memory_gb));

        for (i, g) in self.node_groups.iter().enumerate() {
            let field = format!("node_groups[{i}]");
            let spec = bill.ctx.catalog.spec(&g.instance_type);
            let (floor_nodes, peak_nodes) = match spec {
                Some(spec) => {
                    let pct = g
                        .allocatable_pct
                        .map(dec)
                        .unwrap_or(Decimal::from(DEFAULT_ALLOCATABLE_PCT));
                    let share = pct / Decimal::ONE_HUNDRED;
                    let (cpu, mem) = (spec.vcpu * share, spec.memory_gb * share);
                    let need = |c: Decimal, m: Decimal| -> u32 {
                        let by_cpu = if cpu > Decimal::ZERO {
                            (c / cpu).ceil()
                        } else {
                            Decimal::ZERO
                        };
                        let by_mem = if mem > Decimal::ZERO {
                            (m / mem).ceil()
                        } else {
                            Decimal::ZERO
                        };
                        by_cpu.max(by_mem).to_u32().unwrap_or(u32::MAX)
                    };
                    let floor = need(floor_cpu, floor_mem).clamp(g.min, g.max.max(g.min));
                    let peak_wanted = need(peak_cpu, peak_mem);
                    let peak = if self.workloads.is_empty() {
                        g.max
                    } else {
                        peak_wanted.clamp(floor, g.max.max(floor))
                    };
                    if i + 1 == self.node_groups.len() && peak_wanted > peak {
                        bill.diagnostics.push(
                            Diagnostic::warning(
                                Code::NodeGroupTooSmall,
                                format!(
                                    "workloads at their maximum replicas need {peak_wanted} × {} nodes; the group stops at {}",
                                    g.instance_type, g.max
                                ),
                            )
                            .with_path(&bill.path.key("node_groups").index(i).key("max")),
                        );
                    }
                    // What this group holds is taken off the demand for the next groups.
                    let take = |c: &mut Decimal, n: u32, per: Decimal| {
                        *c = (*c - Decimal::from(n) * per).max(Decimal::ZERO)
                    };
                    take(&mut floor_cpu, floor, cpu);
                    take(&mut floor_mem, floor, mem);
                    take(&mut peak_cpu, peak, cpu);
                    take(&mut peak_mem, peak, mem);
                    (floor, peak)
                }
                None => (g.min, g.max),
            };
            let scaling = Scaling {
                min: floor_nodes,
                max: peak_nodes.max(floor_nodes),
                expected: g.expected,
                target_cpu: None,
                target_memory: None,
                target_requests: None,
                timezone: g.timezone.clone(),
                schedules: g.schedules.clone(),
            };
            let hours = group_hours(bill.ctx, None, Some(&scaling));
            let label = g.name.clone().unwrap_or_else(|| format!("group {}", i + 1));
            let before = bill.lines.len();
            price_instance_hours(
                bill,
                &g.instance_type,
                g.purchase.as_ref(),
                hours,
                &format!("{field}.instance_type"),
            );
            for line in bill.lines.iter_mut().skip(before) {
                line.description = format!("Nodes {label}: {}", line.description);
            }
            if let Some(disk) = g.disk_gb {
                let nodes = hours.scale(Decimal::ONE / bill.ctx.hours_per_month);
                if let Some(p) = bill.price("ebs", "gp3", &format!("{field}.disk_gb")) {
                    bill.line(
                        format!("Nodes {label}: root volume (gp3, {disk} GB)"),
                        nodes.scale(dec(disk)),
                        p,
                        None,
                    );
                }
            }
        }
    }
}

/// `aws_eks_cluster` as `kind: kubernetes` (the control plane; each `aws_eks_node_group` is a `compute` resource of its own).
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        o.copy_str("version", r, "version");
        let subnets = cx.names_in(r, "vpc_config[0].subnet_ids", "subnets");
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "vpc_config")));
        }
        let groups = cx.names_in(r, "vpc_config[0].security_group_ids", "security groups");
        if !groups.is_empty() {
            o.list("security_groups", groups, Some(&span_of(r, "vpc_config")));
        }
        Some(o)
    }
}
