//! The built-in rules, one per file; [`RULES`] lists them in ID order.

pub mod admin_ports_wide;
pub mod all_ports_open;
pub mod backup_retention;
pub mod bucket_encryption;
pub mod bucket_versioning;
pub mod budget_exceeded;
pub mod budget_unverifiable;
pub mod cache_auth;
pub mod cache_encryption;
pub mod cache_tls;
pub mod data_ports_open;
pub mod data_store_in_public_subnet;
pub mod data_tier_open_egress;
pub mod db_deletion_protection;
pub mod db_encryption;
pub mod db_publicly_accessible;
pub mod db_single_az;
pub mod dr_target_missed;
pub mod http_without_redirect;
pub mod internet_to_non_edge;
pub mod log_retention;
pub mod no_point_in_time_recovery;
pub mod no_rate_limit;
pub mod noncurrent_versions_kept;
pub mod prod_cache_no_replica;
pub mod prod_compute_single_point;
pub mod public_bucket;
pub mod queue_encryption;
pub mod region_not_allowed;
pub mod required_tags;
pub mod secret_rotation;
pub mod single_nat_multi_zone;
pub mod ssh_rdp_open;
pub mod subnet_overlap;
pub mod target_cpu_high;
pub mod volume_encryption;
pub mod waiver_expired;
pub mod waiver_unused;
pub mod weak_tls_policy;

use super::{Ctx, Hit, Rule, RuleDocs};
use crate::path::DesignPath;
use crate::resources::Resource;

/// Registers each rule once, by its module: [`RULES`] in ID order and, in the same order,
/// their documentation [`DOCS`].
macro_rules! registry {
    ($($rule:ident),* $(,)?) => {
        pub const RULES: &[Rule] = &[$($rule::RULE),*];
        pub const DOCS: &[RuleDocs] = &[$($rule::DOCS),*];
    };
}

registry![
    ssh_rdp_open,
    data_ports_open,
    all_ports_open,
    internet_to_non_edge,
    admin_ports_wide,
    data_tier_open_egress,
    subnet_overlap,
    http_without_redirect,
    weak_tls_policy,
    db_publicly_accessible,
    public_bucket,
    data_store_in_public_subnet,
    no_rate_limit,
    db_encryption,
    cache_encryption,
    cache_tls,
    volume_encryption,
    bucket_encryption,
    queue_encryption,
    cache_auth,
    db_deletion_protection,
    backup_retention,
    no_point_in_time_recovery,
    bucket_versioning,
    db_single_az,
    prod_compute_single_point,
    single_nat_multi_zone,
    prod_cache_no_replica,
    required_tags,
    region_not_allowed,
    secret_rotation,
    log_retention,
    budget_exceeded,
    budget_unverifiable,
    target_cpu_high,
    noncurrent_versions_kept,
    dr_target_missed,
    waiver_expired,
    waiver_unused,
];

/// Hits for every security group open to the internet on one of `ports`, naming the path
/// from the internet to the resources that use the group.
pub(crate) fn open_port_hits(ctx: &Ctx, ports: &[u16], what: &str) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (group, ranges) in &ctx.reach.open {
        for port in ports {
            let Some(range) = ranges
                .iter()
                .find(|r| r.ports.from <= *port && *port <= r.ports.to)
            else {
                continue;
            };
            let rule = range.rules.first().copied().unwrap_or(0);
            let members = ctx.reach.members(group);
            // The member that makes the path real: reachable, and not a load balancer (which
            // forwards only its listener ports); then any reachable one; then any.
            let is_lb =
                |m: &&str| matches!(ctx.design.resource(m), Some(Resource::LoadBalancer(_)));
            let exposed = members
                .iter()
                .find(|m| ctx.reach.public.contains_key(**m) && !is_lb(m))
                .or_else(|| members.iter().find(|m| ctx.reach.public.contains_key(**m)))
                .or(members.first())
                .copied();
            let path_text = ctx
                .reach
                .path_text(group, &format!("port {port}"), rule, exposed);
            let used = if members.is_empty() {
                " The group is attached to no resource yet.".to_string()
            } else {
                format!(" Used by: {}.", members.join(", "))
            };
            hits.push(Hit::new(
                exposed.unwrap_or(group),
                Ctx::sg_path(group).key("ingress").index(rule),
                format!("{what} port {port} is open to the whole internet: {path_text}.{used}"),
            ));
        }
    }
    hits
}

/// Every resource of one kind, with its path.
pub(crate) fn each<'a, T: 'a>(
    ctx: &'a Ctx,
    pick: impl Fn(&'a Resource) -> Option<&'a T> + 'a,
) -> impl Iterator<Item = (&'a str, DesignPath, &'a T)> + 'a {
    ctx.design
        .resources
        .iter()
        .filter_map(move |(n, r)| pick(r).map(|t| (n.as_str(), Ctx::resource_path(n), t)))
}
