//! `kind: compute` — EC2 instances, a fixed `count` or an Auto Scaling group (`scaling`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::cost::schedule::group_hours;
use crate::cost::Bill;
use crate::model::Provider;
use crate::model::{Purchase, Scaling, VolumeSpec};
use crate::resources::kind::{catalog, field, Category, FormField, Holds, Kind};
use crate::resources::volume::price_volume;
use crate::source::node::Node;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Compute {
    /// EC2 instance type, e.g. `t3.medium`.
    pub instance_type: String,
    /// Fixed number of instances (ignored when `scaling` is set); default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<Purchase>,
    /// EBS volumes attached to each instance.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<VolumeSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip: Option<bool>,
    /// Region, when not the design's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Logs sent to CloudWatch Logs: `{ ingested_gb, retention_days }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs: Option<crate::resources::logs::LogSpec>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Kind for Compute {
    const NAME: &'static str = "compute";
    const ICON: &'static str = "EC2";
    const SUMMARY: &'static str =
        "EC2 instances, a fixed `count` or an Auto Scaling group (`scaling`).";
    const CATEGORY: Category = Category::Compute;
    /// On Azure, the instances are virtual machines (`instance_type` is the ARM SKU name,
    /// `Standard_D2s_v5`), on GCP Compute Engine instances (`e2-standard-2`), each priced
    /// from its cloud's catalog.
    const PRICED_ON: &'static [Provider] = &[Provider::Aws, Provider::Azure, Provider::Gcp];
    const EXAMPLE: &'static str = "{ kind: compute, instance_type: t3.micro, count: 1 }";
    const TERRAFORM: &'static [&'static str] = &[
        "aws_instance",
        "aws_autoscaling_group",
        "aws_eks_node_group",
    ];

    #[cfg(feature = "terraform")]
    fn from_terraform(
        r: &crate::terraform::Instance,
        cx: &mut crate::terraform::Cx<'_>,
    ) -> crate::terraform::Mapping {
        terraform::map(r, cx)
    }

    fn form_fields(node: &Node) -> Vec<FormField> {
        let mut fields = vec![field("instance type", "instance_type", catalog("ec2"), "")];
        if node.get("scaling").is_some() {
            fields.push(field(
                "scaling min",
                "scaling.min",
                Holds::Number,
                "instances",
            ));
            fields.push(field(
                "scaling max",
                "scaling.max",
                Holds::Number,
                "instances",
            ));
        } else {
            fields.push(field("count", "count", Holds::Number, "instances"));
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

    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    fn cost(&self, bill: &mut Bill) {
        let hours = group_hours(bill.ctx, self.count, self.scaling.as_ref());
        price_instance_hours(
            bill,
            &self.instance_type,
            self.purchase.as_ref(),
            hours,
            "instance_type",
        );
        let instances = hours.scale(rust_decimal::Decimal::ONE / bill.ctx.hours_per_month);
        for (i, v) in self.volumes.iter().enumerate() {
            price_volume(bill, v, instances, &format!("volumes[{i}]"));
        }
    }
}

/// Prices EC2 instance-hours with a purchase option. Shared by compute and Kubernetes
/// node groups.
pub fn price_instance_hours(
    bill: &mut Bill,
    instance_type: &str,
    purchase: Option<&Purchase>,
    hours: crate::cost::Qty,
    field: &str,
) {
    let purchase = purchase.cloned().unwrap_or_default();
    // Azure virtual machines: group `vm` of an Azure catalog (`prices sync --provider
    // azure`, Linux pay-as-you-go rates by ARM SKU name).
    let group = match bill.ctx.provider {
        crate::model::Provider::Azure => "vm",
        // Compute Engine machine types: group `gce` of a GCP catalog (`prices sync
        // --provider gcp`, on-demand machine hours).
        crate::model::Provider::Gcp => "gce",
        crate::model::Provider::Aws => "ec2",
    };
    if let Some((p, label, discount)) = bill.purchased_rate(group, instance_type, &purchase, field)
    {
        bill.line(
            format!("Instance usage (Linux, {label}, {instance_type})"),
            hours,
            p,
            discount,
        );
    }
}

/// `aws_instance`, `aws_autoscaling_group` (with its launch template or configuration and its
/// `aws_autoscaling_schedule`s) and `aws_eks_node_group` as `kind: compute`.
#[cfg(feature = "terraform")]
mod terraform {
    use crate::terraform::{
        blocks, first_str, number, span_of, volume_block, Cx, Instance, Mapping, Obj, Out,
        OutValue, Span,
    };

    pub fn map(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        match r.resource_type.as_str() {
            "aws_instance" => instance(r, cx),
            "aws_autoscaling_group" => group(r, cx),
            "aws_eks_node_group" => node_group(r, cx),
            _ => None,
        }
    }

    fn instance_type_missing(r: &Instance, cx: &mut Cx<'_>, from: &str) -> Mapping {
        cx.note_hint(
            format!(
                "{}: the instance type is not known from {from}; not priced",
                r.address
            ),
            &r.span,
            "set it in these files or pass the variable with --var",
        );
        None
    }

    fn instance(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        if o.copy_str("instance_type", r, "instance_type").is_none() {
            return instance_type_missing(r, cx, "`instance_type`");
        }
        o.num("count", 1.0, Some(&r.span));
        let mut subnets = cx.names_in(r, "subnet_id", "subnets");
        if subnets.is_empty() {
            subnets = cx.names_in(r, "network_interface[0].subnet_id", "subnets");
        }
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "subnet_id")));
        }
        let mut groups = cx.names_in(r, "vpc_security_group_ids", "security groups");
        groups.extend(cx.names_in(r, "security_groups", "security groups"));
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(r, "vpc_security_group_ids")),
            );
        }
        if r.get("instance_market_options[0].market_type")
            .and_then(|v| v.as_str())
            == Some("spot")
        {
            o.str(
                "purchase",
                "spot",
                Some(&span_of(r, "instance_market_options")),
            );
        }
        o.copy_bool("public_ip", r, "associate_public_ip_address");
        let mut volumes = Vec::new();
        for b in blocks(r, "root_block_device")
            .into_iter()
            .chain(blocks(r, "ebs_block_device"))
        {
            volumes.extend(volume_block(cx, &r.address, b));
        }
        if !volumes.is_empty() {
            o.list("volumes", volumes, Some(&span_of(r, "root_block_device")));
        }
        Some(o)
    }

    /// The instance type, security groups and volumes of the launch template or launch
    /// configuration an Auto Scaling group names (folded into the group).
    fn launch_spec(r: &Instance, cx: &mut Cx<'_>, o: &mut Obj) -> bool {
        let template = ["launch_template[0].id", "launch_template[0].name"]
            .into_iter()
            .chain([
                "mixed_instances_policy[0].launch_template[0].launch_template_specification[0].launch_template_id",
                "mixed_instances_policy[0].launch_template[0].launch_template_specification[0].launch_template_name",
            ])
            .find_map(|p| cx.referenced_of(r, p, &["aws_launch_template"]))
            .or_else(|| cx.referenced_of(r, "launch_configuration", &["aws_launch_configuration"]));
        let overridden = first_str(
            r,
            "mixed_instances_policy[0].launch_template[0].override[0].instance_type",
        );
        let Some(t) = template else {
            if let Some((ty, span)) = overridden {
                o.str("instance_type", ty, Some(&span));
                return true;
            }
            return false;
        };
        cx.fold(&t.address);
        match overridden {
            Some((ty, span)) => {
                o.str("instance_type", ty, Some(&span));
            }
            None => {
                if o.copy_str("instance_type", t, "instance_type").is_none() {
                    return false;
                }
            }
        }
        let mut groups = cx.names_in(t, "vpc_security_group_ids", "security groups");
        groups.extend(cx.names_in(t, "security_groups", "security groups"));
        groups.extend(cx.names_in(
            t,
            "network_interfaces[0].security_groups",
            "security groups",
        ));
        if !groups.is_empty() {
            o.list(
                "security_groups",
                groups,
                Some(&span_of(t, "vpc_security_group_ids")),
            );
        }
        if t.get("instance_market_options[0].market_type")
            .and_then(|v| v.as_str())
            == Some("spot")
        {
            o.str(
                "purchase",
                "spot",
                Some(&span_of(t, "instance_market_options")),
            );
        }
        let mut volumes = Vec::new();
        for b in blocks(t, "root_block_device")
            .into_iter()
            .chain(blocks(t, "ebs_block_device"))
        {
            volumes.extend(volume_block(cx, &t.address, b));
        }
        for m in blocks(t, "block_device_mappings") {
            if let Some(ebs) = m.value.get_spanned("ebs[0]") {
                volumes.extend(volume_block(cx, &t.address, ebs));
            }
        }
        if !volumes.is_empty() {
            o.list("volumes", volumes, Some(&t.span));
        }
        true
    }

    fn group(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        if !launch_spec(r, cx, &mut o) {
            return instance_type_missing(r, cx, "its launch template or configuration");
        }
        let mut scaling = Obj::new();
        let min = scaling.copy_num("min", r, "min_size");
        let max = scaling.copy_num("max", r, "max_size");
        let (Some(min), Some(_)) = (min, max) else {
            cx.note(
                format!(
                    "{}: min_size or max_size is not known; not priced",
                    r.address
                ),
                &r.span,
            );
            return None;
        };
        scaling.copy_num("expected", r, "desired_capacity");
        target_tracking(r, cx, &mut scaling);
        let schedules = schedules(r, cx, min);
        if let Some((zone, span)) = schedules.1 {
            scaling.str("timezone", zone, Some(&span));
        }
        if !schedules.0.is_empty() {
            scaling.list("schedules", schedules.0, Some(&r.span));
        }
        o.obj("scaling", scaling, Some(&r.span));
        let subnets = cx.names_in(r, "vpc_zone_identifier", "subnets");
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "vpc_zone_identifier")));
        }
        Some(o)
    }

    /// A scheduled action's recurrence: minute, hour and day-of-week of a cron expression.
    fn cron(expr: &str) -> Option<(u32, u32, String)> {
        let f: Vec<&str> = expr.split_whitespace().collect();
        let [minute, hour, dom, month, dow] = f.as_slice() else {
            return None;
        };
        if *dom != "*" || *month != "*" {
            return None;
        }
        let days = match dow.to_ascii_lowercase().as_str() {
            "*" => "mon-sun".to_string(),
            "1-5" | "mon-fri" => "mon-fri".to_string(),
            "0,6" | "6,0" | "sat,sun" | "sun,sat" | "6-7" => "sat-sun".to_string(),
            _ => return None,
        };
        Some((minute.parse().ok()?, hour.parse().ok()?, days))
    }

    /// The group's `aws_autoscaling_schedule`s as design schedules: an action that raises
    /// the minimum starts a window and the next action of the same days ends it.

    /// The group's target-tracking policies (`aws_autoscaling_policy`): the CPU or
    /// request-count target each tracks.
    fn target_tracking(r: &Instance, cx: &mut Cx<'_>, scaling: &mut Obj) {
        const AT: &str = "target_tracking_configuration[0]";
        for policy in cx.referring(
            "aws_autoscaling_policy",
            "autoscaling_group_name",
            &r.address,
        ) {
            cx.fold(&policy.address);
            let metric = policy
                .str(&format!(
                    "{AT}.predefined_metric_specification[0].predefined_metric_type"
                ))
                .unwrap_or("");
            let field = match metric {
                "ASGAverageCPUUtilization" => "target_cpu",
                "ALBRequestCountPerTarget" => "target_requests",
                _ => continue,
            };
            scaling.copy_num(field, policy, &format!("{AT}.target_value"));
        }
    }
    fn schedules(
        r: &Instance,
        cx: &mut Cx<'_>,
        base_min: f64,
    ) -> (Vec<Out>, Option<(String, Span)>) {
        let actions = cx.referring(
            "aws_autoscaling_schedule",
            "autoscaling_group_name",
            &r.address,
        );
        let mut parsed = Vec::new();
        let mut zone = None;
        for a in &actions {
            cx.fold(&a.address);
            let Some((m, h, days)) = a.str("recurrence").and_then(cron) else {
                cx.note(
                    format!("{}: only daily or weekday cron recurrences (`M H * * 1-5`) become schedules; this one is left out", a.address),
                    &span_of(a, "recurrence"),
                );
                continue;
            };
            let min = a.get("min_size").and_then(number);
            if zone.is_none() {
                zone = a
                    .get_spanned("time_zone")
                    .and_then(|z| z.value.as_str().map(|s| (s.to_string(), z.span.clone())));
            }
            parsed.push((
                days,
                h * 60 + m,
                min,
                a.name.clone(),
                span_of(a, "recurrence"),
            ));
        }
        crate::order::sort_by(&mut parsed, |x, y| {
            (x.0.as_str(), x.1).cmp(&(y.0.as_str(), y.1))
        });
        let mut out = Vec::new();
        for (i, (days, start, min, name, span)) in parsed.iter().enumerate() {
            let Some(min) = min.filter(|m| *m > base_min) else {
                continue;
            };
            let Some(end) = parsed
                .iter()
                .skip(i + 1)
                .chain(parsed.iter().take(i))
                .find(|p| p.0 == *days && p.1 != *start)
            else {
                cx.note(
                    format!(
                        "{}: no later action ends the `{name}` window; left out",
                        r.address
                    ),
                    span,
                );
                continue;
            };
            let hm = |t: u32| format!("{:02}:{:02}", t / 60, t % 60);
            let mut s = Obj::new();
            s.str("name", name.clone(), Some(span));
            s.str("days", days.clone(), Some(span));
            s.str("hours", format!("{}-{}", hm(*start), hm(end.1)), Some(span));
            s.num("min", min, Some(span));
            out.push(Out::new(OutValue::Map(s), Some(span)));
        }
        (out, zone)
    }

    fn node_group(r: &Instance, cx: &mut Cx<'_>) -> Mapping {
        let mut o = Obj::new();
        match first_str(r, "instance_types") {
            Some((ty, span)) => {
                o.str("instance_type", ty, Some(&span));
            }
            None if r.get("instance_types").is_none() && r.get("launch_template").is_none() => {
                // The AWS provider's default (registry.terraform.io/providers/hashicorp/aws/
                // latest/docs/resources/eks_node_group: "Defaults to [\"t3.medium\"]").
                o.str("instance_type", "t3.medium", Some(&r.span));
                cx.note(
                    format!(
                        "{}: no instance_types: priced as the provider's default, t3.medium",
                        r.address
                    ),
                    &r.span,
                );
            }
            None => {
                if !launch_spec(r, cx, &mut o) {
                    return instance_type_missing(r, cx, "`instance_types`");
                }
            }
        }
        let mut scaling = Obj::new();
        let min = scaling.copy_num("min", r, "scaling_config[0].min_size");
        let max = scaling.copy_num("max", r, "scaling_config[0].max_size");
        if min.is_none() || max.is_none() {
            cx.note(
                format!("{}: scaling_config is not known; not priced", r.address),
                &r.span,
            );
            return None;
        }
        scaling.copy_num("expected", r, "scaling_config[0].desired_size");
        o.obj("scaling", scaling, Some(&span_of(r, "scaling_config")));
        if r.str("capacity_type") == Some("SPOT") {
            o.str("purchase", "spot", Some(&span_of(r, "capacity_type")));
        }
        let subnets = cx.names_in(r, "subnet_ids", "subnets");
        if !subnets.is_empty() {
            o.list("subnets", subnets, Some(&span_of(r, "subnet_ids")));
        }
        Some(o)
    }
}
