//! `kind: queue` — Amazon MQ brokers (RabbitMQ, ActiveMQ).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::diag::Code;
use crate::model::Estimate;
use crate::resources::kind::{field, Category, FormField, Holds, Kind, Problem};
use crate::source::de::from_node;
use crate::source::node::{DesignPath, Node};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Queue {
    pub engine: QueueEngine,
    /// e.g. `mq.m5.large`.
    pub instance_type: String,
    #[serde(default)]
    pub deployment: Deployment,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<QueueUsage>,
    /// A copy of the broker in another region that its messages are replicated to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica: Option<QueueReplica>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum QueueEngine {
    Rabbitmq,
    Activemq,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Deployment {
    #[default]
    SingleInstance,
    /// ActiveMQ: two brokers.
    ActiveStandby,
    /// RabbitMQ: a three-broker cluster.
    Cluster,
}

/// A replica broker in another region, of the same instance type and deployment. ActiveMQ:
/// Amazon MQ's cross-Region data replication (CRDR), which needs active/standby brokers on
/// both sides. RabbitMQ has no managed replication: the replica is a broker there that a
/// shovel or federation feeds (its configuration is not modelled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QueueReplica {
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QueueUsage {
    /// Broker storage used, GB-month.
    #[serde(default)]
    pub storage_gb: Estimate,
}

impl QueueEngine {
    /// The price group of the engine's broker-hours.
    fn group(self) -> &'static str {
        match self {
            QueueEngine::Rabbitmq => "mq-rabbitmq",
            QueueEngine::Activemq => "mq-activemq",
        }
    }
}

impl Queue {
    pub fn brokers(&self) -> u32 {
        match self.deployment {
            Deployment::SingleInstance => 1,
            Deployment::ActiveStandby => 2,
            Deployment::Cluster => 3,
        }
    }
}

impl Kind for Queue {
    const NAME: &'static str = "queue";
    const ICON: &'static str = "MQ";
    const SUMMARY: &'static str = "Amazon MQ brokers (RabbitMQ, ActiveMQ).";
    const CATEGORY: Category = Category::CachesAndQueues;
    const EXAMPLE: &'static str = "{ kind: queue, engine: rabbitmq, instance_type: mq.t3.micro }";
    const TERRAFORM: &'static [&'static str] = &["aws_mq_broker"];

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
            .and_then(|e| from_node::<QueueEngine>(e, &DesignPath::root()).ok())
            .unwrap_or(QueueEngine::Rabbitmq);
        vec![
            field(
                "engine",
                "engine",
                Holds::Choice(&["rabbitmq", "activemq"]),
                "",
            ),
            field(
                "broker",
                "instance_type",
                Holds::Catalog {
                    group: engine.group(),
                    fallback: Some("mq"),
                },
                "",
            ),
            field(
                "deployment",
                "deployment",
                Holds::Choice(&["single_instance", "active_standby", "cluster"]),
                "",
            ),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &self.security_groups)
    }

    fn problems(&self, home: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        let Some(replica) = &self.replica else {
            return out;
        };
        if replica.region == home {
            out.push(Problem {
                field: "replica.region".into(),
                code: Code::InvalidValue,
                message: format!("the replica is in {home}, the broker's own region"),
                hint: Some("a replica protects against losing the region only from another one, e.g. `region: ap-northeast-1`".into()),
            });
        }
        if self.engine == QueueEngine::Activemq && self.deployment != Deployment::ActiveStandby {
            out.push(Problem {
                field: "replica".into(),
                code: Code::InvalidValue,
                message: "ActiveMQ cross-Region data replication needs active/standby brokers".into(),
                hint: Some("add `deployment: active_standby` (Amazon MQ offers CRDR only for active/standby brokers)".into()),
            });
        }
        out
    }

    fn cost(&self, bill: &mut Bill) {
        let n = self.brokers();
        // The price list has a rate per engine; a hand-typed catalog may have one for both.
        let engine = self.engine.group();
        let ty = self.instance_type.as_str();
        let (group, _) = bill.first_priced(&[(engine, ty), ("mq", ty)]);
        let hours = Decimal::from(n) * bill.ctx.hours_per_month;
        if let Some(p) = bill.price(group, ty, "instance_type") {
            bill.line(
                format!("Broker instances ({n} × {ty})"),
                Qty::flat(hours),
                p,
                None,
            );
        }
        let storage = Qty::est(
            self.usage
                .as_ref()
                .map(|u| u.storage_gb)
                .unwrap_or_default(),
        );
        let storage_sku = match self.engine {
            QueueEngine::Rabbitmq => "rabbitmq",
            QueueEngine::Activemq => "activemq",
        };
        if storage.any() {
            if let Some(p) = bill.price("mq-storage", storage_sku, "usage.storage_gb") {
                bill.line("Broker storage".into(), storage, p, None);
            }
        }
        // The replica is the same brokers again, at its region's rates, holding the same
        // messages. The transfer between the regions depends on message volume, which the
        // design does not state.
        if let Some(replica) = &self.replica {
            let region = replica.region.as_str();
            if let Some(p) = bill.price_in(region, group, ty, "replica.region") {
                bill.line(
                    format!("Replica broker instances in {region} ({n} × {ty}; transfer between regions not priced)"),
                    Qty::flat(hours),
                    p,
                    None,
                );
            }
            if storage.any() {
                if let Some(p) = bill.price_in(region, "mq-storage", storage_sku, "replica.region")
                {
                    bill.line(
                        format!("Replica broker storage in {region}"),
                        storage,
                        p,
                        None,
                    );
                }
            }
        }
    }
}

/// `aws_mq_broker` as `kind: queue`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{span_of, Cx, Instance, Mapping, Obj};

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        if cx
            .referenced_of(r, "data_replication_primary_broker_arn", &["aws_mq_broker"])
            .is_some()
        {
            // A cross-Region data replication replica: written as its primary's `replica`.
            cx.fold(&r.address);
            return None;
        }
        let mut o = Obj::new();
        match r.str("engine_type").map(str::to_ascii_lowercase).as_deref() {
            Some(e @ ("rabbitmq" | "activemq")) => {
                o.str("engine", e, Some(&span_of(r, "engine_type")));
            }
            _ => {
                cx.note(
                    format!("{}: `engine_type` is not known; not priced", r.address),
                    &r.span,
                );
                return None;
            }
        }
        if o.copy_str("instance_type", r, "host_instance_type")
            .is_none()
        {
            cx.note(
                format!(
                    "{}: `host_instance_type` is not known; not priced",
                    r.address
                ),
                &r.span,
            );
            return None;
        }
        let deployment = match r.str("deployment_mode") {
            Some("ACTIVE_STANDBY_MULTI_AZ") => "active_standby",
            Some("CLUSTER_MULTI_AZ") => "cluster",
            // SINGLE_INSTANCE is the provider's default.
            _ => "single_instance",
        };
        o.str(
            "deployment",
            deployment,
            Some(&span_of(r, "deployment_mode")),
        );
        let subnets = cx.names_in(r, "subnet_ids", "subnets");
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "subnet_ids")));
        }
        let groups = cx.names_in(r, "security_groups", "security groups");
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(r, "security_groups")),
            );
        }
        let replica = cx
            .referring(
                "aws_mq_broker",
                "data_replication_primary_broker_arn",
                &r.address,
            )
            .into_iter()
            .next();
        if let Some(rep) = replica {
            match cx.region_of(rep) {
                Some(region) => {
                    let mut x = Obj::new();
                    x.str("region", region, Some(&rep.span));
                    o.obj("replica", x, Some(&rep.span));
                }
                None => cx.note(
                    format!(
                        "{}: its replica {} has no provider region known; the replica is not priced",
                        r.address, rep.address
                    ),
                    &rep.span,
                ),
            }
        }
        Some(o)
    }
}
