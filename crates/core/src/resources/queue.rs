//! `kind: queue` — Amazon MQ brokers (RabbitMQ, ActiveMQ).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};

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

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QueueUsage {
    /// Broker storage used, GB-month.
    #[serde(default)]
    pub storage_gb: f64,
}

impl Queue {
    pub fn brokers(&self) -> u32 {
        match self.deployment {
            Deployment::SingleInstance => 1,
            Deployment::ActiveStandby => 2,
            Deployment::Cluster => 3,
        }
    }

    pub fn cost(&self, bill: &mut Bill) {
        let n = self.brokers();
        let engine = match self.engine {
            QueueEngine::Rabbitmq => "mq-rabbitmq",
            QueueEngine::Activemq => "mq-activemq",
        };
        // The price list has a rate per engine; a hand-typed catalog may have one for both.
        let ty = self.instance_type.as_str();
        let (group, _) = bill.first_priced(&[(engine, ty), ("mq", ty)]);
        if let Some(p) = bill.price(group, ty, "instance_type") {
            bill.line(
                format!("Broker instances ({n} × {})", self.instance_type),
                Qty::flat(Decimal::from(n) * bill.ctx.hours_per_month),
                p,
                None,
            );
        }
        let storage = self.usage.as_ref().map(|u| u.storage_gb).unwrap_or(0.0);
        if storage > 0.0 {
            let sku = match self.engine {
                QueueEngine::Rabbitmq => "rabbitmq",
                QueueEngine::Activemq => "activemq",
            };
            if let Some(p) = bill.price("mq-storage", sku, "usage.storage_gb") {
                bill.line("Broker storage".into(), Qty::flat(dec(storage)), p, None);
            }
        }
    }
}
