//! Internet reachability where rules are ordered and may deny: Azure network security
//! groups and GCP firewall rules. Rules are evaluated by priority, lowest number first, and
//! the first rule matching a packet decides (GCP: at equal priority a deny wins over an
//! allow; Azure does not allow equal priorities in one direction of a group, which
//! validation reports). Both providers end with implied rules that deny all other ingress
//! (Azure `DenyAllInBound` at 65500, GCP's implied deny at 65535); Azure's default allows
//! (`AllowVnetInBound`, `AllowAzureLoadBalancerInBound`) admit no internet address, so for
//! exposure to the internet they change nothing and are not modelled here.
//!
//! A port range is *open to the internet* when, on it,
//! - some allow rule admits a public address that no rule before it decided, and
//! - the rules up to the last allow rule together cover a whole address family (IPv4 or
//!   IPv6): the internet is admitted except for what earlier deny rules carve out.
//!
//! So `deny 203.0.113.0/24` above `allow *` leaves the port open (to everyone else), while
//! `allow 203.0.113.7/32` above `deny *` keeps it closed (one admin address is not the
//! internet), as with AWS, where the sources must add up to a whole address family.
//!
//! Address sets are kept as sorted, disjoint intervals per family: union and difference
//! are exact, and none of them is split into CIDR blocks.

use ipnet::IpNet;

use super::reach::OpenRange;
use crate::model::{Action, FirewallRule, PortRange, Protocol, Provider};

/// Inclusive address intervals of one family, sorted and disjoint.
type Spans = Vec<(u128, u128)>;

/// The last address of each family.
const V4_MAX: u128 = u32::MAX as u128;
const V6_MAX: u128 = u128::MAX;

/// Addresses of both families.
#[derive(Debug, Clone, Default, PartialEq)]
struct Addrs {
    v4: Spans,
    v6: Spans,
}

fn span_of(net: IpNet) -> (bool, u128, u128) {
    match net {
        IpNet::V4(n) => (
            true,
            u128::from(u32::from(n.network())),
            u128::from(u32::from(n.broadcast())),
        ),
        IpNet::V6(n) => (false, u128::from(n.network()), u128::from(n.broadcast())),
    }
}

/// `spans ∪ [lo, hi]`.
fn add(spans: &mut Spans, lo: u128, hi: u128) {
    let mut merged = Vec::with_capacity(spans.len() + 1);
    let (mut lo, mut hi) = (lo, hi);
    let mut placed = false;
    for &(a, b) in spans.iter() {
        if b.saturating_add(1) < lo {
            merged.push((a, b));
        } else if hi.saturating_add(1) < a {
            if !placed {
                merged.push((lo, hi));
                placed = true;
            }
            merged.push((a, b));
        } else {
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    if !placed {
        merged.push((lo, hi));
    }
    crate::order::sort_by_key(&mut merged, |s| s.0);
    *spans = merged;
}

/// `[lo, hi] \ spans`.
fn minus(lo: u128, hi: u128, spans: &Spans) -> Spans {
    let mut out = Vec::new();
    let mut from = lo;
    for &(a, b) in spans {
        if b < from {
            continue;
        }
        if a > hi {
            break;
        }
        if a > from {
            out.push((from, a - 1));
        }
        if b >= hi {
            return out;
        }
        from = b + 1;
    }
    out.push((from, hi));
    out
}

fn is_full(spans: &Spans, max: u128) -> bool {
    matches!(spans.as_slice(), [(0, hi)] if *hi == max)
}

/// Networks that are not the internet: private, shared, loopback and link-local ranges
/// (RFC 1918, RFC 6598, RFC 1122, RFC 3927; IPv6 unique-local RFC 4193, link-local and
/// loopback RFC 4291). An allow rule admitting only these exposes nothing to the internet.
const NOT_INTERNET: &[&str] = &[
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
];

fn not_internet() -> Addrs {
    let mut a = Addrs::default();
    for net in NOT_INTERNET.iter().filter_map(|n| n.parse::<IpNet>().ok()) {
        let (v4, lo, hi) = span_of(net);
        add(if v4 { &mut a.v4 } else { &mut a.v6 }, lo, hi);
    }
    a
}

/// Whether any of `spans` reaches outside `private`.
fn has_public(spans: &Spans, private: &Spans) -> bool {
    spans
        .iter()
        .any(|&(lo, hi)| !minus(lo, hi, private).is_empty())
}

/// The internet addresses a rule's `from` names on `provider`: a CIDR; on Azure the service
/// tags `Internet`, `Any` and `*` (every address). Other names (a group, a GCP source tag,
/// Azure's `VirtualNetwork` and `AzureLoadBalancer`) name no internet address.
pub fn source_nets(rule: &FirewallRule, provider: Provider) -> Vec<IpNet> {
    match &rule.from {
        Some(crate::model::Peer::Cidr(n)) => vec![*n],
        Some(crate::model::Peer::Name(tag)) if is_everywhere(tag, provider) => {
            vec![
                IpNet::V4(ipnet::Ipv4Net::default()),
                IpNet::V6(ipnet::Ipv6Net::default()),
            ]
        }
        _ => Vec::new(),
    }
}

/// Azure's service tags for every address (`Internet` is the address space outside the
/// virtual network reachable from the internet; `*` and `Any` match everything).
pub fn is_everywhere(tag: &str, provider: Provider) -> bool {
    provider == Provider::Azure
        && (tag == "*" || tag.eq_ignore_ascii_case("internet") || tag.eq_ignore_ascii_case("any"))
}

/// Azure's service tags a rule may name instead of an address (besides the everywhere ones).
/// The common ones (https://learn.microsoft.com/azure/virtual-network/service-tags-overview,
/// read 2026-12-08); none but the everywhere tags is the internet.
pub const AZURE_SERVICE_TAGS: &[&str] = &[
    "*",
    "Any",
    "AzureCloud",
    "AzureFrontDoor.Backend",
    "AzureLoadBalancer",
    "AzureMonitor",
    "AzureTrafficManager",
    "GatewayManager",
    "Internet",
    "Sql",
    "Storage",
    "VirtualNetwork",
];

/// The priority a rule is evaluated at: as written; GCP's default 1000 when omitted (Azure
/// requires one; validation reports it missing, and the same default keeps evaluation
/// going).
pub fn priority_of(rule: &FirewallRule) -> u32 {
    rule.priority.unwrap_or(1000)
}

/// One port range of one rule, ready to be evaluated.
struct Entry {
    priority: u32,
    deny: bool,
    /// The rule's index in the group's own list; None for a rule that applies to the group
    /// from elsewhere (GCP rules for every instance), which can close ports but is reported
    /// on its own group.
    own: Option<usize>,
    ports: PortRange,
    nets: Addrs,
}

/// Port ranges of a group open to the internet under first-match semantics. `ingress` are
/// the group's own rules; `also` rules that apply to its members too (evaluated with them,
/// by priority), whose openings are reported on their own group instead.
pub fn open_ranges(
    ingress: &[FirewallRule],
    also: &[&FirewallRule],
    provider: Provider,
) -> Vec<OpenRange> {
    let mut entries: Vec<Entry> = Vec::new();
    let own = ingress.iter().enumerate().map(|(i, r)| (Some(i), r));
    for (idx, rule) in own.chain(also.iter().map(|r| (None, *r))) {
        if !matches!(rule.protocol, Protocol::Tcp | Protocol::Udp | Protocol::All) {
            continue;
        }
        let mut nets = Addrs::default();
        for net in source_nets(rule, provider) {
            let (v4, lo, hi) = span_of(net);
            add(if v4 { &mut nets.v4 } else { &mut nets.v6 }, lo, hi);
        }
        if nets.v4.is_empty() && nets.v6.is_empty() {
            continue;
        }
        for r in &rule.ports.0 {
            entries.push(Entry {
                priority: priority_of(rule),
                deny: rule.action == Action::Deny,
                own: idx,
                ports: *r,
                nets: nets.clone(),
            });
        }
    }
    let private = not_internet();
    // Most groups admit no public address at all: nothing to sweep.
    let admits_public = |e: &Entry| {
        !e.deny
            && e.own.is_some()
            && (has_public(&e.nets.v4, &private.v4) || has_public(&e.nets.v6, &private.v6))
    };
    if !entries.iter().any(admits_public) {
        return Vec::new();
    }
    // First match: by priority, a deny before an allow of the same priority, then in order.
    crate::order::sort_by_key(&mut entries, |e| (e.priority, !e.deny));
    let mut bounds: Vec<u32> = entries
        .iter()
        .flat_map(|e| [u32::from(e.ports.from), u32::from(e.ports.to) + 1])
        .collect();
    crate::order::sort(&mut bounds);
    bounds.dedup();
    let mut open: Vec<OpenRange> = Vec::new();
    for pair in bounds.windows(2) {
        let (from, next) = match pair {
            [a, b] => (*a, *b),
            _ => continue,
        };
        let here: Vec<&Entry> = entries
            .iter()
            .filter(|e| u32::from(e.ports.from) <= from && from <= u32::from(e.ports.to))
            .collect();
        let Some(last_allow) = here.iter().rposition(|e| !e.deny) else {
            continue;
        };
        let mut decided = Addrs::default();
        let mut admitted = [false, false];
        let mut admitting: Vec<usize> = Vec::new();
        for e in here.iter().take(last_allow + 1) {
            for (fam, (spans, seen, private)) in [
                (&e.nets.v4, &mut decided.v4, &private.v4),
                (&e.nets.v6, &mut decided.v6, &private.v6),
            ]
            .into_iter()
            .enumerate()
            {
                if !e.deny {
                    let new: Spans = spans
                        .iter()
                        .flat_map(|&(lo, hi)| minus(lo, hi, seen))
                        .collect();
                    if has_public(&new, private) {
                        if let Some(flag) = admitted.get_mut(fam) {
                            *flag = true;
                        }
                        if let Some(i) = e.own {
                            admitting.push(i);
                        }
                    }
                }
                for &(lo, hi) in spans {
                    add(seen, lo, hi);
                }
            }
        }
        // Everything up to the last allow was decided: `decided` is that cover.
        let is_open = (admitted[0] && is_full(&decided.v4, V4_MAX))
            || (admitted[1] && is_full(&decided.v6, V6_MAX));
        if !is_open || admitting.is_empty() {
            continue;
        }
        let ports = PortRange {
            from: from as u16,
            to: (next - 1) as u16,
        };
        match open.last_mut() {
            Some(last) if u32::from(last.ports.to) + 1 == from => {
                last.ports.to = ports.to;
                last.rules.extend(admitting);
            }
            _ => open.push(OpenRange {
                ports,
                rules: admitting,
            }),
        }
    }
    for range in &mut open {
        crate::order::sort(&mut range.rules);
        range.rules.dedup();
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Peer, Ports};

    fn rule(ports: (u16, u16), from: &str, priority: u32, action: Action) -> FirewallRule {
        FirewallRule {
            ports: Ports(vec![PortRange {
                from: ports.0,
                to: ports.1,
            }]),
            protocol: Protocol::Tcp,
            from: Some(match from.parse::<IpNet>() {
                Ok(n) => Peer::Cidr(n),
                Err(_) => Peer::Name(from.to_string()),
            }),
            to: None,
            description: None,
            name: None,
            priority: Some(priority),
            action,
        }
    }

    use Action::{Allow, Deny};

    fn ports(open: &[OpenRange]) -> Vec<(u16, u16)> {
        open.iter().map(|r| (r.ports.from, r.ports.to)).collect()
    }

    #[test]
    fn an_allow_from_the_internet_opens_its_port() {
        let open = open_ranges(
            &[rule((22, 22), "Internet", 100, Allow)],
            &[],
            Provider::Azure,
        );
        assert_eq!(ports(&open), [(22, 22)]);
        assert_eq!(open[0].rules, [0]);
    }

    #[test]
    fn a_deny_above_an_allow_closes_it() {
        let ingress = [
            rule((22, 22), "*", 100, Deny),
            rule((0, 65535), "0.0.0.0/0", 200, Allow),
        ];
        assert_eq!(
            ports(&open_ranges(&ingress, &[], Provider::Azure)),
            [(0, 21), (23, 65535)]
        );
    }

    #[test]
    fn a_deny_below_an_allow_changes_nothing() {
        let ingress = [
            rule((22, 22), "0.0.0.0/0", 100, Allow),
            rule((22, 22), "0.0.0.0/0", 4096, Deny),
        ];
        assert_eq!(
            ports(&open_ranges(&ingress, &[], Provider::Azure)),
            [(22, 22)]
        );
    }

    #[test]
    fn an_admin_address_above_a_deny_all_is_not_the_internet() {
        let ingress = [
            rule((22, 22), "203.0.113.7/32", 100, Allow),
            rule((0, 65535), "Internet", 4000, Deny),
        ];
        assert!(open_ranges(&ingress, &[], Provider::Azure).is_empty());
    }

    #[test]
    fn a_blocklist_above_an_allow_all_leaves_the_port_open() {
        let ingress = [
            rule((443, 443), "198.51.100.0/24", 100, Deny),
            rule((443, 443), "0.0.0.0/0", 200, Allow),
        ];
        let open = open_ranges(&ingress, &[], Provider::Gcp);
        assert_eq!(ports(&open), [(443, 443)]);
        assert_eq!(open[0].rules, [1]);
    }

    #[test]
    fn on_gcp_a_deny_wins_at_equal_priority() {
        let ingress = [
            rule((3306, 3306), "0.0.0.0/0", 1000, Allow),
            rule((3306, 3306), "0.0.0.0/0", 1000, Deny),
        ];
        assert!(open_ranges(&ingress, &[], Provider::Gcp).is_empty());
    }

    #[test]
    fn halves_of_the_internet_add_up_as_on_aws() {
        let ingress = [
            rule((22, 22), "0.0.0.0/1", 100, Allow),
            rule((22, 22), "128.0.0.0/1", 110, Allow),
        ];
        assert_eq!(open_ranges(&ingress, &[], Provider::Gcp)[0].rules, [0, 1]);
        assert!(open_ranges(&ingress[..1], &[], Provider::Gcp).is_empty());
    }

    #[test]
    fn private_ranges_alone_are_not_the_internet() {
        let ingress = [
            rule((22, 22), "0.0.0.0/1", 100, Deny),
            rule((22, 22), "128.0.0.0/1", 110, Deny),
            rule((22, 22), "0.0.0.0/0", 200, Allow),
        ];
        assert!(open_ranges(&ingress, &[], Provider::Gcp).is_empty());
        let ingress = [
            rule((22, 22), "10.0.0.0/8", 100, Allow),
            rule((22, 22), "0.0.0.0/0", 200, Deny),
            rule((22, 22), "0.0.0.0/0", 300, Allow),
        ];
        assert!(open_ranges(&ingress, &[], Provider::Gcp).is_empty());
        let ingress = [rule((22, 22), "VirtualNetwork", 100, Allow)];
        assert!(open_ranges(&ingress, &[], Provider::Azure).is_empty());
    }

    #[test]
    fn a_rule_for_every_instance_closes_a_tag_rule_but_reports_nothing_itself() {
        let deny_all_ssh = rule((22, 22), "0.0.0.0/0", 500, Deny);
        let own = [rule((22, 22), "0.0.0.0/0", 1000, Allow)];
        assert!(open_ranges(&own, &[&deny_all_ssh], Provider::Gcp).is_empty());
        let allow_all = rule((80, 80), "0.0.0.0/0", 500, Allow);
        assert!(open_ranges(&[], &[&allow_all], Provider::Gcp).is_empty());
    }

    #[test]
    fn service_tags_are_azure_only() {
        let ingress = [rule((22, 22), "Internet", 100, Allow)];
        assert!(open_ranges(&ingress, &[], Provider::Gcp).is_empty());
    }

    // The definition, address by address, in a toy space: the first rule (by priority,
    // deny first) matching a port and address decides. A port is open when an allow rule
    // admits a public address and the rules up to the last allow cover everything.
    proptest::proptest! {
        #[test]
        fn the_sweep_agrees_with_first_match_on_every_port(
            specs in proptest::collection::vec((0u16..=12, 0u16..=3, 0usize..6, 0u32..4, proptest::bool::ANY), 0..8)
        ) {
            let nets = ["0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "203.0.113.0/24", "::/0"];
            let ingress: Vec<FirewallRule> = specs
                .iter()
                .map(|(a, len, net, prio, deny)| rule((*a, a + len), nets[*net], *prio * 10, if *deny { Deny } else { Allow }))
                .collect();
            let open = open_ranges(&ingress, &[], Provider::Gcp);
            for port in 0..=16u16 {
                let mut here: Vec<(usize, &FirewallRule)> = ingress
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.ports.0[0].from <= port && port <= r.ports.0[0].to)
                    .collect();
                here.sort_by_key(|(_, r)| (r.priority, r.action == Allow));
                // Probe addresses: one in each distinct piece of the toy networks.
                let probes: [(&str, bool); 6] = [
                    ("1.1.1.1", true), ("10.1.1.1", false), ("130.1.1.1", true),
                    ("203.0.113.5", true), ("255.255.255.255", true), ("2001:db8::1", true),
                ];
                let decides = |addr: std::net::IpAddr| here.iter().find(|(_, r)| {
                    source_nets(r, Provider::Gcp).iter().any(|n| n.contains(&addr))
                }).map(|(_, r)| r.action);
                let admits_public = probes.iter().any(|(a, public)| *public && decides(a.parse().unwrap()) == Some(Allow));
                // Covered: every probe of one family is decided by some rule up to the last allow.
                let last_allow = here.iter().rposition(|(_, r)| r.action == Allow);
                let covered = |family_v4: bool| last_allow.is_some_and(|last| probes.iter()
                    .filter(|(a, _)| a.contains(':') != family_v4)
                    .all(|(a, _)| here[..=last].iter().any(|(_, r)| source_nets(r, Provider::Gcp).iter().any(|n| n.contains(&a.parse::<std::net::IpAddr>().unwrap())))));
                let v4_open = probes.iter().any(|(a, p)| *p && !a.contains(':') && decides(a.parse().unwrap()) == Some(Allow)) && covered(true);
                let v6_open = decides("2001:db8::1".parse().unwrap()) == Some(Allow) && covered(false);
                let expect = admits_public && (v4_open || v6_open);
                let got = open.iter().any(|r| r.ports.from <= port && port <= r.ports.to);
                proptest::prop_assert_eq!(got, expect, "port {}", port);
            }
        }
    }
}
