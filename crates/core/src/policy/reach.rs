//! What the internet can reach: security groups as a graph of CIDR sources and group
//! references, decided with CIDR arithmetic (`ipnet`), never by comparing strings.
//!
//! For each security group, ingress rules are swept over their port boundaries: on every
//! elementary port range, the source CIDRs of the rules that cover it are aggregated, and
//! the range is *open to the internet* when they cover all of IPv4 (`0.0.0.0/0`, or e.g.
//! `0.0.0.0/1` plus `128.0.0.0/1`) or all of IPv6 (`::/0`).

use std::collections::BTreeMap;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use crate::design::Design;
use crate::model::{FirewallRule, PortRange, Protocol, Provider};
use crate::resources::Resource;

/// A port range of a group open to the whole internet, with the rules that open it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRange {
    pub ports: PortRange,
    /// Indices into the group's `ingress` list.
    pub rules: Vec<usize>,
}

/// Internet exposure of every security group and resource of a design (borrowing its names).
#[derive(Debug, Clone, Default)]
pub struct Reach<'a> {
    /// Security group -> port ranges open to the internet (merged, ascending).
    pub open: BTreeMap<&'a str, Vec<OpenRange>>,
    /// Resource -> security groups it uses, in design order.
    pub groups_of: Vec<(&'a str, &'a [String])>,
    /// Resource -> subnets it is placed in, in the same order as `groups_of`.
    pub subnets_of: Vec<(&'a str, &'a [String])>,
    /// Resources with an address the internet can route to (public IP, public subnet,
    /// `publicly_accessible`, internet-facing load balancer), and why.
    pub public: BTreeMap<&'a str, String>,
    /// Whose rules these are: how a group is named in messages.
    pub provider: Provider,
    /// Azure: subnet -> the network security group associated with it.
    pub subnet_groups: BTreeMap<&'a str, &'a str>,
    /// GCP: groups whose rules apply to every instance (no target tags).
    pub all_instances: Vec<&'a str>,
}

fn is_tcp_or_udp(p: Protocol) -> bool {
    matches!(p, Protocol::Tcp | Protocol::Udp | Protocol::All)
}

/// Address-space size of one network, as (IPv4, IPv6) in units that fit a u128 sum:
/// 2^(32 - prefix) addresses for IPv4, 2^(64 - prefix) /64s for IPv6 (prefixes past /64
/// count as one /64, which only over-estimates).
fn size_units(n: IpNet) -> (u128, u128) {
    match n {
        IpNet::V4(n) => (1u128 << (32 - u32::from(n.prefix_len())), 0),
        IpNet::V6(n) => (0, 1u128 << (64 - u32::from(n.prefix_len()).min(64))),
    }
}

/// Whether sizes summed by [`size_units`] reach a whole address family.
fn fills_a_family((v4, v6): (u128, u128)) -> bool {
    v4 >= 1u128 << 32 || v6 >= 1u128 << 64
}

/// A necessary condition for `nets` to cover a whole address family: their sizes add up
/// to it. No allocation, so most groups are ruled out before any aggregation.
fn big_enough(nets: impl Iterator<Item = IpNet>) -> bool {
    let (mut v4, mut v6): (u128, u128) = (0, 0);
    for (a, b) in nets.map(size_units) {
        v4 = v4.saturating_add(a);
        v6 = v6.saturating_add(b);
    }
    fills_a_family((v4, v6))
}

/// True when `nets` together cover all of IPv4 or all of IPv6.
pub fn covers_internet(nets: &[IpNet]) -> bool {
    if !big_enough(nets.iter().copied()) {
        return false;
    }
    let v4_all = IpNet::V4(Ipv4Net::default());
    let v6_all = IpNet::V6(Ipv6Net::default());
    let agg = IpNet::aggregate(&nets.to_vec());
    agg.contains(&v4_all) || agg.contains(&v6_all)
}

/// The CIDR of a rule's source, if it is a CIDR (not a group name).
pub fn source_cidr(rule: &FirewallRule) -> Option<IpNet> {
    rule.from.as_ref()?.cidr()
}

/// The source networks covering the current port of the sweep, kept so that "do they cover
/// the internet?" is answered in constant time in the common cases: a whole-family network
/// is among them (yes), or the distinct networks' sizes add up to less than an address
/// family (no). Only in between are the distinct networks aggregated, and only when the
/// set of distinct networks changed since the last answer.
struct Active<'n> {
    /// The group's distinct source networks, sorted; sources refer to them by position.
    distinct: &'n [IpNet],
    /// For each distinct network, the number of active sources carrying it.
    counts: Vec<usize>,
    /// Active sources whose network is a whole address family (`0.0.0.0/0`, `::/0`).
    whole: usize,
    /// Sizes of the active distinct networks (no saturation needed: at most a few hundred
    /// thousand networks of at most 2^64 units each).
    v4: u128,
    v6: u128,
    /// The last aggregation's answer, while the active distinct networks stay the same.
    cached: Option<bool>,
}

impl<'n> Active<'n> {
    fn new(distinct: &'n [IpNet]) -> Active<'n> {
        Active {
            distinct,
            counts: vec![0; distinct.len()],
            whole: 0,
            v4: 0,
            v6: 0,
            cached: None,
        }
    }

    /// A source carrying distinct network `id` enters or leaves.
    fn change(&mut self, id: usize, enters: bool) {
        let (Some(net), Some(count)) = (self.distinct.get(id), self.counts.get_mut(id)) else {
            return;
        };
        let was = *count;
        *count = if enters {
            was + 1
        } else {
            was.saturating_sub(1)
        };
        if net.prefix_len() == 0 {
            self.whole = if enters {
                self.whole + 1
            } else {
                self.whole.saturating_sub(1)
            };
        }
        if (was == 0) != (*count == 0) {
            let (v4, v6) = size_units(*net);
            if enters {
                self.v4 += v4;
                self.v6 += v6;
            } else {
                self.v4 = self.v4.saturating_sub(v4);
                self.v6 = self.v6.saturating_sub(v6);
            }
            self.cached = None;
        }
    }

    fn covers_internet(&mut self) -> bool {
        if self.whole > 0 {
            return true;
        }
        if !fills_a_family((self.v4, self.v6)) {
            return false;
        }
        if let Some(answer) = self.cached {
            return answer;
        }
        let nets: Vec<IpNet> = self
            .distinct
            .iter()
            .zip(&self.counts)
            .filter(|(_, count)| **count > 0)
            .map(|(net, _)| *net)
            .collect();
        let answer = covers_internet(&nets);
        self.cached = Some(answer);
        answer
    }
}

/// Port ranges of `ingress` open to the internet.
///
/// A sweep over the port boundaries of the TCP/UDP rules with CIDR sources: at each
/// boundary the sources starting there enter and those ending leave the active set, and the
/// elementary range up to the next boundary is open when the active sources cover the
/// internet. Adjacent open ranges merge. A merged range's rules are the sources whose ports
/// meet it (each of them is active on some open part of it). Time grows with the number of
/// boundaries times a constant, except where networks cover the internet only together
/// (then the distinct active networks are aggregated once per change): see docs/growth.md.
pub fn open_ranges(ingress: &[FirewallRule]) -> Vec<OpenRange> {
    let cidr_rules = ingress.iter().filter(|r| is_tcp_or_udp(r.protocol));
    if !big_enough(cidr_rules.filter_map(source_cidr)) {
        return Vec::new();
    }
    let mut sources: Vec<(usize, PortRange, IpNet)> = Vec::new();
    for (i, rule) in ingress.iter().enumerate() {
        if !is_tcp_or_udp(rule.protocol) {
            continue;
        }
        let Some(net) = source_cidr(rule) else {
            continue;
        };
        for r in &rule.ports.0 {
            sources.push((i, *r, net));
        }
    }
    // If all the group's sources together cannot cover the internet, no port can be open:
    // one aggregate instead of a sweep (most groups end here).
    let all: Vec<IpNet> = sources.iter().map(|(_, _, n)| *n).collect();
    if all.is_empty() || !covers_internet(&all) {
        return Vec::new();
    }
    let mut distinct = all;
    crate::order::sort(&mut distinct);
    distinct.dedup();
    // (port, enters?, network): a source enters at its first port, leaves after its last.
    let mut events: Vec<(u32, bool, usize)> = Vec::with_capacity(sources.len() * 2);
    for (_, r, net) in &sources {
        let id = distinct.binary_search(net).unwrap_or_default();
        events.push((u32::from(r.from), true, id));
        events.push((u32::from(r.to) + 1, false, id));
    }
    crate::order::sort_by_key(&mut events, |(port, _, _)| *port);
    let mut active = Active::new(&distinct);
    let mut open: Vec<PortRange> = Vec::new();
    let mut at = 0;
    while let Some(&(port, _, _)) = events.get(at) {
        while let Some(&(p, enters, id)) = events.get(at) {
            if p != port {
                break;
            }
            active.change(id, enters);
            at += 1;
        }
        // The elementary range [port, next) — past the last boundary nothing is active.
        let Some(&(next, _, _)) = events.get(at) else {
            break;
        };
        if !active.covers_internet() {
            continue;
        }
        let (from, to) = (port as u16, (next - 1) as u16);
        match open.last_mut() {
            Some(last) if u32::from(last.to) + 1 == port => last.to = to,
            _ => open.push(PortRange { from, to }),
        }
    }
    let mut rules: Vec<Vec<usize>> = vec![Vec::new(); open.len()];
    for (i, r, _) in &sources {
        // The open ranges are disjoint and ascending: the first one ending at or after
        // this source's first port, then on while they start within it.
        let first = open.partition_point(|o| o.to < r.from);
        for (range, found) in open.iter().zip(rules.iter_mut()).skip(first) {
            if range.from > r.to {
                break;
            }
            found.push(*i);
        }
    }
    open.into_iter()
        .zip(rules)
        .map(|(ports, mut rules)| {
            crate::order::sort(&mut rules);
            rules.dedup();
            OpenRange { ports, rules }
        })
        .collect()
}

impl<'a> Reach<'a> {
    pub fn of(design: &'a Design) -> Reach<'a> {
        let mut reach = Reach::default();
        let Some(net) = &design.network else {
            return reach;
        };
        reach.provider = design.provider;
        reach.all_instances = net
            .security_groups
            .iter()
            .filter(|(_, g)| g.all_instances)
            .map(|(n, _)| n.as_str())
            .collect();
        for (subnet, s) in &net.subnets {
            if let Some(g) = &s.security_group {
                reach.subnet_groups.insert(subnet.as_str(), g.as_str());
            }
        }
        for (name, sg) in &net.security_groups {
            let open = match design.provider {
                Provider::Aws => open_ranges(&sg.ingress),
                provider => {
                    // GCP: the rules for every instance are evaluated with a tag's own (a
                    // deny there closes a port here); their openings are their own group's.
                    let also: Vec<&FirewallRule> = if provider == Provider::Gcp && !sg.all_instances
                    {
                        net.security_groups
                            .values()
                            .filter(|g| g.all_instances)
                            .flat_map(|g| &g.ingress)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    super::first_match::open_ranges(&sg.ingress, &also, provider)
                }
            };
            if !open.is_empty() {
                reach.open.insert(name.as_str(), open);
            }
        }
        let public_subnet = |names: &[String]| {
            names
                .iter()
                .find(|s| net.subnets.get(*s).is_some_and(|x| x.public))
                .cloned()
        };
        for (rname, r) in &design.resources {
            let (subnets, groups) = r.placement();
            reach.groups_of.push((rname.as_str(), groups));
            reach.subnets_of.push((rname.as_str(), subnets));
            let why = match r {
                Resource::Compute(c) if c.public_ip == Some(true) => {
                    Some("it has a public IP".to_string())
                }
                Resource::Compute(_) | Resource::Container(_) | Resource::Kubernetes(_) => {
                    public_subnet(subnets).map(|s| format!("it runs in public subnet `{s}`"))
                }
                Resource::Database(d) if d.publicly_accessible == Some(true) => {
                    Some("it is publicly accessible".to_string())
                }
                Resource::LoadBalancer(lb) if !lb.internal => {
                    Some("it is internet-facing".to_string())
                }
                _ => None,
            };
            if let Some(why) = why {
                reach.public.insert(rname.as_str(), why);
            }
        }
        reach
    }

    /// The open range of `group` containing `port`, if any.
    pub fn open_on(&self, group: &str, port: u16) -> Option<&OpenRange> {
        self.open
            .get(group)?
            .iter()
            .find(|r| r.ports.from <= port && port <= r.ports.to)
    }

    /// Resources that use `group`: those naming it; on Azure those in a subnet it is
    /// associated with; on GCP, for a group of rules for every instance, every resource
    /// placed in the network.
    pub fn members(&self, group: &str) -> Vec<&str> {
        let everyone = self.all_instances.contains(&group);
        self.groups_of
            .iter()
            .zip(&self.subnets_of)
            .filter(|((_, gs), (_, subnets))| {
                gs.iter().any(|g| g == group)
                    || (everyone && !(gs.is_empty() && subnets.is_empty()))
                    || subnets
                        .iter()
                        .any(|s| self.subnet_groups.get(s.as_str()) == Some(&group))
            })
            .map(|((r, _), _)| *r)
            .collect()
    }

    /// How this provider names a group of rules, in messages.
    pub fn group_word(&self) -> &'static str {
        match self.provider {
            Provider::Aws => "security group",
            Provider::Azure => "network security group",
            Provider::Gcp => "firewall rules for network tag",
        }
    }

    /// "internet → security group `db` (port 3306, rule 0) → main-db (publicly accessible)".
    pub fn path_text(
        &self,
        group: &str,
        port_text: &str,
        rule: usize,
        resource: Option<&str>,
    ) -> String {
        let word = self.group_word();
        let mut s = format!("internet → {word} `{group}` ({port_text}, ingress[{rule}])");
        if let Some(r) = resource {
            s += &format!(" → `{r}`");
            if let Some(why) = self.public.get(r) {
                s += &format!(" ({why})");
            } else {
                s += " (no public address today)";
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ports;

    fn rule(ports: &[(u16, u16)], from: &str) -> FirewallRule {
        FirewallRule {
            ports: Ports(
                ports
                    .iter()
                    .map(|(a, b)| PortRange { from: *a, to: *b })
                    .collect(),
            ),
            protocol: Protocol::Tcp,
            from: Some(crate::model::Peer::Cidr(from.parse().unwrap())),
            to: None,
            description: None,
            name: None,
            priority: None,
            action: Default::default(),
        }
    }

    #[test]
    fn two_halves_are_the_whole_internet() {
        let open = open_ranges(&[
            rule(&[(22, 22)], "0.0.0.0/1"),
            rule(&[(22, 22)], "128.0.0.0/1"),
        ]);
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].rules, vec![0, 1]);
    }

    #[test]
    fn a_range_contains_the_port() {
        let open = open_ranges(&[rule(&[(20, 25)], "0.0.0.0/0")]);
        assert_eq!(open[0].ports, PortRange { from: 20, to: 25 });
    }

    #[test]
    fn ipv6_everywhere_counts() {
        assert_eq!(open_ranges(&[rule(&[(3306, 3306)], "::/0")]).len(), 1);
    }

    #[test]
    fn a_private_range_is_not_the_internet() {
        assert!(open_ranges(&[rule(&[(0, 65535)], "10.0.0.0/8")]).is_empty());
    }

    /// The definition, port by port, over a small port space: each port is open when the
    /// networks of the rules covering it cover the internet; a range's rules are those
    /// covering any of its ports.
    fn open_by_definition(ingress: &[FirewallRule]) -> Vec<OpenRange> {
        let mut out: Vec<OpenRange> = Vec::new();
        for port in 0..=64u16 {
            let covering: Vec<usize> = (0..ingress.len())
                .filter(|i| {
                    ingress[*i]
                        .ports
                        .0
                        .iter()
                        .any(|r| r.from <= port && port <= r.to)
                })
                .collect();
            let nets: Vec<IpNet> = covering
                .iter()
                .filter_map(|i| source_cidr(&ingress[*i]))
                .collect();
            if nets.is_empty() || !covers_internet(&nets) {
                continue;
            }
            match out.last_mut() {
                Some(last) if last.ports.to + 1 == port => {
                    last.ports.to = port;
                    last.rules.extend(covering);
                    last.rules.sort();
                    last.rules.dedup();
                }
                _ => out.push(OpenRange {
                    ports: PortRange {
                        from: port,
                        to: port,
                    },
                    rules: covering,
                }),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_sweep_agrees_with_the_definition(
            specs in proptest::collection::vec(
                (proptest::collection::vec((0u16..=60, 0u16..=4), 1..3), 0usize..7),
                0..12,
            )
        ) {
            // Networks that cover the internet alone, only together, or never.
            let nets = ["0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2", "::/0", "10.0.0.0/8"];
            let ingress: Vec<FirewallRule> = specs
                .iter()
                .map(|(ranges, net)| {
                    let ports: Vec<(u16, u16)> = ranges.iter().map(|(a, len)| (*a, a + len)).collect();
                    rule(&ports, nets[*net])
                })
                .collect();
            proptest::prop_assert_eq!(open_ranges(&ingress), open_by_definition(&ingress));
        }
    }

    /// 20,000 rules whose networks cover the internet only in pairs, on overlapping ranges:
    /// the shape that made the former cut-by-cut scan quadratic (seconds for 10,000 rules,
    /// a frozen tab). The sweep answers it in one pass (docs/growth.md).
    #[test]
    fn twenty_thousand_rules_covering_the_internet_in_pairs() {
        let ingress: Vec<FirewallRule> = (0..20_000u16)
            .map(|i| {
                let from = 1 + i / 2;
                let net = if i % 2 == 0 {
                    "0.0.0.0/1"
                } else {
                    "128.0.0.0/1"
                };
                rule(&[(from, from + 500)], net)
            })
            .collect();
        let open = open_ranges(&ingress);
        assert_eq!(open.len(), 1);
        assert_eq!(
            open[0].ports,
            PortRange {
                from: 1,
                to: 10_500
            }
        );
        assert_eq!(open[0].rules.len(), 20_000);
    }

    #[test]
    fn adjacent_rules_merge_into_all_ports() {
        let open = open_ranges(&[
            rule(&[(0, 32767)], "0.0.0.0/0"),
            rule(&[(32768, 65535)], "0.0.0.0/0"),
        ]);
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].ports, PortRange { from: 0, to: 65535 });
    }
}
