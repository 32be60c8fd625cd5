//! `kind: load_balancer` — Application or Network Load Balancer: hours plus capacity units.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::{dec, Bill, Qty};
use crate::resources::kind::{field, Category, FormField, Holds, Kind};
use crate::source::node::Node;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    #[serde(rename = "type", default)]
    pub lb_type: LbType,
    #[serde(default)]
    pub internal: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listeners: Vec<Listener>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<LbUsage>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum LbType {
    #[default]
    Alb,
    Nlb,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Listener {
    pub port: u16,
    pub protocol: ListenerProtocol,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_https: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ListenerProtocol {
    Http,
    Https,
    Tcp,
    Tls,
    Udp,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LbUsage {
    /// Average load balancer capacity units (LCU, or NLCU for an NLB) per hour.
    #[serde(default)]
    pub lcu: f64,
}

impl Kind for LoadBalancer {
    const NAME: &'static str = "load_balancer";
    const SUMMARY: &'static str =
        "Application or Network Load Balancer: hours plus capacity units.";
    const CATEGORY: Category = Category::Network;
    const EXAMPLE: &'static str = "{ kind: load_balancer, type: alb, usage: { lcu: 1 } }";

    fn form_fields(_node: &Node) -> Vec<FormField> {
        vec![
            field("type", "type", Holds::Choice(&["alb", "nlb"]), ""),
            field("internal", "internal", Holds::Toggle, ""),
            field("LCU", "usage.lcu", Holds::Number, "LCU"),
        ]
    }

    fn tags(&self) -> &BTreeMap<String, String> {
        &self.tags
    }

    fn placement(&self) -> (&[String], &[String]) {
        (&self.subnets, &self.security_groups)
    }

    fn cost(&self, bill: &mut Bill) {
        let (sku, lcu_sku, name) = match self.lb_type {
            LbType::Alb => ("alb", "alb-lcu", "Application"),
            LbType::Nlb => ("nlb", "nlb-lcu", "Network"),
        };
        let hours = bill.ctx.hours_per_month;
        if let Some(p) = bill.price("elb", sku, "type") {
            bill.line(format!("{name} load balancer"), Qty::flat(hours), p, None);
        }
        let lcu = self.usage.as_ref().map(|u| u.lcu).unwrap_or(0.0);
        if lcu > 0.0 {
            if let Some(p) = bill.price("elb", lcu_sku, "usage.lcu") {
                bill.line(
                    format!("Capacity units ({lcu} per hour)"),
                    Qty::flat(dec(lcu) * hours),
                    p,
                    None,
                );
            }
        }
    }
}
