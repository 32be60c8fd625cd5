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
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Kind for Container {
    const NAME: &'static str = "container";
    const SUMMARY: &'static str = "an ECS service on Fargate: tasks × (vCPU-hours + GB-hours).";
    const CATEGORY: Category = Category::Compute;
    const EXAMPLE: &'static str = "{ kind: container, cpu: 0.5, memory_gb: 1, count: 1 }";

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
