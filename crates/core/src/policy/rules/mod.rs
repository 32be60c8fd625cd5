//! The built-in rules, one per file; [`RULES`] lists them in ID order.

pub mod admin_ports_wide;
pub mod all_ports_open;
pub mod backup_retention;
pub mod bucket_encryption;
pub mod bucket_versioning;
pub mod budget_exceeded;
pub mod budget_unverifiable;
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

use super::{Ctx, Hit, Rule};
use crate::path::DesignPath;
use crate::resources::Resource;

pub const RULES: &[Rule] = &[
    ssh_rdp_open::RULE,
    data_ports_open::RULE,
    all_ports_open::RULE,
    internet_to_non_edge::RULE,
    admin_ports_wide::RULE,
    data_tier_open_egress::RULE,
    subnet_overlap::RULE,
    http_without_redirect::RULE,
    weak_tls_policy::RULE,
    db_publicly_accessible::RULE,
    public_bucket::RULE,
    data_store_in_public_subnet::RULE,
    db_encryption::RULE,
    cache_encryption::RULE,
    cache_tls::RULE,
    volume_encryption::RULE,
    bucket_encryption::RULE,
    queue_encryption::RULE,
    db_deletion_protection::RULE,
    backup_retention::RULE,
    no_point_in_time_recovery::RULE,
    bucket_versioning::RULE,
    db_single_az::RULE,
    prod_compute_single_point::RULE,
    single_nat_multi_zone::RULE,
    prod_cache_no_replica::RULE,
    required_tags::RULE,
    region_not_allowed::RULE,
    secret_rotation::RULE,
    log_retention::RULE,
    budget_exceeded::RULE,
    budget_unverifiable::RULE,
    target_cpu_high::RULE,
    dr_target_missed::RULE,
    waiver_expired::RULE,
    waiver_unused::RULE,
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
