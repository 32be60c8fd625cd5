//! `kind: container` — an ECS service on Fargate: tasks × (vCPU-hours + GB-hours).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::schedule::group_hours;
use crate::cost::{dec, Bill};
use crate::model::Scaling;
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Container {
    /// vCPU per task (0.25 … 16).
    pub cpu: f64,
    /// Memory per task, GB.
    pub memory_gb: f64,
    /// Fixed number of tasks (ignored when `tasks` is set); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Task scaling: `min`, `max`, optional `expected` and schedules, as compute `scaling`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Scaling>,
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

impl Kind for Container {
    const NAME: &'static str = "container";
    const ICON: &'static str = "ECS";
    const SUMMARY: &'static str = "an ECS service on Fargate: tasks × (vCPU-hours + GB-hours).";
    const CATEGORY: Category = Category::Compute;
    const EXAMPLE: &'static str = "{ kind: container, cpu: 0.5, memory_gb: 1, count: 1 }";
    const TERRAFORM: &'static [&'static str] = &["aws_ecs_service"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(node: &Node) -> Vec<FormField> {
        let mut fields = vec![
            field("vCPU per task", "cpu", Holds::Number, "vCPU"),
            field("memory per task", "memory_gb", Holds::Number, "GB"),
        ];
        if node.get("tasks").is_some() {
            fields.push(field("tasks min", "tasks.min", Holds::Number, "tasks"));
            fields.push(field("tasks max", "tasks.max", Holds::Number, "tasks"));
        } else {
            fields.push(field("count", "count", Holds::Number, "tasks"));
        }
        fields
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
        let task_hours = group_hours(bill.ctx, self.count, self.tasks.as_ref());
        if let Some(p) = bill.price("fargate", "vcpu", "cpu") {
            bill.line(
                format!("Fargate vCPU ({} vCPU per task)", self.cpu),
                task_hours.scale(dec(self.cpu)),
                p,
                None,
            );
        }
        if let Some(p) = bill.price("fargate", "memory_gb", "memory_gb") {
            bill.line(
                format!("Fargate memory ({} GB per task)", self.memory_gb),
                task_hours.scale(dec(self.memory_gb)),
                p,
                None,
            );
        }
    }
}

/// `aws_ecs_service` on Fargate with its `aws_ecs_task_definition` folded in, as `kind: container`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{blocks, number, span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let fargate = r.str("launch_type") == Some("FARGATE")
            || blocks(r, "capacity_provider_strategy").iter().any(|b| {
                b.value
                    .get("capacity_provider")
                    .and_then(crate::terraform::Value::as_str)
                    .is_some_and(|c| c.starts_with("FARGATE"))
            });
        if !fargate {
            cx.note(
                format!("{}: not a Fargate service: its tasks run on the cluster's instances, priced there", r.address),
                &span_of(r, "launch_type"),
            );
            return None;
        }
        let Some(task) = cx.referenced_of(r, "task_definition", &["aws_ecs_task_definition"])
        else {
            cx.note(
                format!(
                    "{}: its task definition is not declared in these files; not priced",
                    r.address
                ),
                &span_of(r, "task_definition"),
            );
            return None;
        };
        cx.fold(&task.address);
        let mut o = Obj::new();
        let (Some(cpu), Some(mem)) = (
            task.get("cpu").and_then(number),
            task.get("memory").and_then(number),
        ) else {
            cx.note(
                format!(
                    "{}: task cpu or memory is not known; not priced",
                    task.address
                ),
                &task.span,
            );
            return None;
        };
        // Fargate sizes are CPU units (1024 = 1 vCPU) and MiB.
        o.num("cpu", cpu / 1024.0, Some(&span_of(task, "cpu")));
        o.num("memory_gb", mem / 1024.0, Some(&span_of(task, "memory")));
        // desired_count: the provider's default is 0; a service written without one runs 1 here.
        o.num(
            "count",
            r.get("desired_count").and_then(number).unwrap_or(1.0),
            Some(&span_of(r, "desired_count")),
        );
        let subnets = cx.names_in(r, "network_configuration[0].subnets", "subnets");
        if !subnets.is_empty() {
            o.list(
                "subnets",
                subnets,
                Some(&span_of(r, "network_configuration")),
            );
        }
        let groups = cx.names_in(
            r,
            "network_configuration[0].security_groups",
            "security groups",
        );
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(r, "network_configuration")),
            );
        }
        Some(o)
    }
}
