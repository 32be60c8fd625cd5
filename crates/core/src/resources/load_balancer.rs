//! `kind: load_balancer` — Application or Network Load Balancer: hours plus capacity units.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::{Bill, Qty};
use crate::model::Estimate;
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
    /// Name of a `waf` resource whose web ACL is associated with the load balancer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waf: Option<String>,
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
    pub lcu: Estimate,
}

impl Kind for LoadBalancer {
    const NAME: &'static str = "load_balancer";
    const ICON: &'static str = "LB";
    const SUMMARY: &'static str =
        "Application or Network Load Balancer: hours plus capacity units.";
    const CATEGORY: Category = Category::Network;
    const EXAMPLE: &'static str = "{ kind: load_balancer, type: alb, usage: { lcu: 1 } }";
    const TERRAFORM: &'static [&'static str] = &["aws_lb", "aws_alb"];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

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
        let lcu = self.usage.as_ref().map(|u| u.lcu).unwrap_or_default();
        if lcu.any() {
            if let Some(p) = bill.price("elb", lcu_sku, "usage.lcu") {
                bill.line(
                    if lcu.is_band() {
                        format!(
                            "Capacity units ({}–{} per hour, {} expected)",
                            lcu.low, lcu.high, lcu.expected
                        )
                    } else {
                        format!("Capacity units ({} per hour)", lcu.expected)
                    },
                    Qty::est(lcu).scale(hours),
                    p,
                    None,
                );
            }
        }
    }
}

/// `aws_lb` / `aws_alb` with their `aws_lb_listener`s (folded in as `listeners`) as `kind: load_balancer`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{
        blocks, number, span_of, Cx, Instance, Mapping, Obj, Out, OutValue, Value,
    };

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        let ty = r.str("load_balancer_type").unwrap_or("application");
        match ty {
            "application" => o.str("type", "alb", Some(&span_of(r, "load_balancer_type"))),
            "network" => o.str("type", "nlb", Some(&span_of(r, "load_balancer_type"))),
            other => {
                cx.note(
                    format!("{}: a `{other}` load balancer is not priced (application and network only)", r.address),
                    &span_of(r, "load_balancer_type"),
                );
                return None;
            }
        };
        o.copy_bool("internal", r, "internal");
        let mut subnets = cx.names_in(r, "subnets", "subnets");
        for m in blocks(r, "subnet_mapping") {
            if let Some(id) = m.value.get_spanned("subnet_id") {
                for x in crate::terraform::refs_in(&id.value) {
                    if let Some(n) = cx.name_of(&x.address) {
                        subnets.push(Out::str(n, Some(&id.span)));
                    }
                }
            }
        }
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "subnets")));
        }
        let groups = cx.names_in(r, "security_groups", "security groups");
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(r, "security_groups")),
            );
        }
        let mut listeners = Vec::new();
        for ty in ["aws_lb_listener", "aws_alb_listener"] {
            for l in cx.referring(ty, "load_balancer_arn", &r.address) {
                cx.fold(&l.address);
                listeners.push(listener(l, cx));
            }
        }
        if !listeners.is_empty() {
            o.list("listeners", listeners, Some(&r.span));
        }
        // A web ACL is attached to a load balancer by a separate association resource.
        for a in cx.referring("aws_wafv2_web_acl_association", "resource_arn", &r.address) {
            cx.fold(&a.address);
            if let Some(acl) = cx.referenced_of(a, "web_acl_arn", &["aws_wafv2_web_acl"]) {
                o.str("waf", acl.address.clone(), Some(&span_of(a, "web_acl_arn")));
            }
        }
        Some(o)
    }

    fn listener(l: &Instance, cx: &mut Cx<'_>) -> Out {
        let mut o = Obj::new();
        match l.get("port").and_then(number) {
            Some(p) => o.num("port", p, Some(&span_of(l, "port"))),
            None => {
                cx.note(
                    format!("{}: the port is not known; read as 80", l.address),
                    &l.span,
                );
                o.num("port", 80.0, Some(&l.span))
            }
        };
        let protocol = match l.str("protocol").map(str::to_ascii_uppercase).as_deref() {
            Some("HTTPS") => "https",
            Some("TCP") | Some("TCP_UDP") => "tcp",
            Some("TLS") => "tls",
            Some("UDP") => "udp",
            Some("HTTP") => "http",
            // The provider's default: HTTP for an application load balancer.
            _ => "http",
        };
        o.str("protocol", protocol, Some(&span_of(l, "protocol")));
        o.copy_str("tls_policy", l, "ssl_policy");
        o.copy_str("certificate", l, "certificate_arn");
        let redirects = blocks(l, "default_action").iter().any(|a| {
            a.value.get("type").and_then(Value::as_str) == Some("redirect")
                && a.value
                    .get("redirect[0].protocol")
                    .and_then(Value::as_str)
                    .is_some_and(|p| p.eq_ignore_ascii_case("https"))
        });
        if redirects {
            o.bool("redirect_https", true, Some(&span_of(l, "default_action")));
        }
        Out::new(OutValue::Map(o), Some(&l.span))
    }
}
