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
use crate::model::{FirewallRule, PortRange, Protocol};
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
    /// Resources with an address the internet can route to (public IP, public subnet,
    /// `publicly_accessible`, internet-facing load balancer), and why.
    pub public: BTreeMap<&'a str, String>,
}

fn is_tcp_or_udp(p: Protocol) -> bool {
    matches!(p, Protocol::Tcp | Protocol::Udp | Protocol::All)
}

/// A necessary condition for `nets` to cover a whole address family: their sizes add up
/// to it. No allocation, so most groups are ruled out before any aggregation.
fn big_enough(nets: impl Iterator<Item = IpNet>) -> bool {
    let (mut v4, mut v6): (u128, u128) = (0, 0);
    for n in nets {
        match n {
            // 2^(32 - prefix) addresses, counted in units of the smallest block.
            IpNet::V4(n) => v4 = v4.saturating_add(1u128 << (32 - u32::from(n.prefix_len()))),
            // In units of a /64 so the sum fits: 2^(64 - prefix) for prefixes up to /64.
            IpNet::V6(n) => {
                let p = u32::from(n.prefix_len()).min(64);
                v6 = v6.saturating_add(1u128 << (64 - p));
            }
        }
    }
    v4 >= 1u128 << 32 || v6 >= 1u128 << 64
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

/// Port ranges of `ingress` open to the internet.
pub fn open_ranges(ingress: &[FirewallRule]) -> Vec<OpenRange> {
    let cidr_rules = ingress.iter().filter(|r| is_tcp_or_udp(r.protocol));
    if !big_enough(cidr_rules.filter_map(source_cidr)) {
        return Vec::new();
    }
    let mut cuts: Vec<u32> = vec![0, 65536];
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
            cuts.push(u32::from(r.from));
            cuts.push(u32::from(r.to) + 1);
        }
    }
    // If all the group's sources together cannot cover the internet, no port can be open:
    // one aggregate instead of one per port range (most groups end here).
    let all: Vec<IpNet> = sources.iter().map(|(_, _, n)| *n).collect();
    if all.is_empty() || !covers_internet(&all) {
        return Vec::new();
    }
    crate::order::sort(&mut cuts);
    cuts.dedup();
    let mut out: Vec<OpenRange> = Vec::new();
    for pair in cuts.windows(2) {
        let &[a, b] = pair else { continue };
        let covering: Vec<&(usize, PortRange, IpNet)> = sources
            .iter()
            .filter(|(_, r, _)| u32::from(r.from) <= a && b - 1 <= u32::from(r.to))
            .collect();
        let nets: Vec<IpNet> = covering.iter().map(|(_, _, n)| *n).collect();
        if nets.is_empty() || !covers_internet(&nets) {
            continue;
        }
        let mut rules: Vec<usize> = covering.iter().map(|(i, _, _)| *i).collect();
        crate::order::sort(&mut rules);
        rules.dedup();
        let ports = PortRange {
            from: a as u16,
            to: (b - 1) as u16,
        };
        match out.last_mut() {
            Some(last) if u32::from(last.ports.to) + 1 == a => {
                last.ports.to = ports.to;
                for r in rules {
                    if !last.rules.contains(&r) {
                        last.rules.push(r);
                    }
                }
            }
            _ => out.push(OpenRange { ports, rules }),
        }
    }
    out
}

impl<'a> Reach<'a> {
    pub fn of(design: &'a Design) -> Reach<'a> {
        let mut reach = Reach::default();
        let Some(net) = &design.network else {
            return reach;
        };
        for (name, sg) in &net.security_groups {
            let open = open_ranges(&sg.ingress);
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

    /// Resources that use `group`.
    pub fn members(&self, group: &str) -> Vec<&str> {
        self.groups_of
            .iter()
            .filter(|(_, gs)| gs.iter().any(|g| g == group))
            .map(|(r, _)| *r)
            .collect()
    }

    /// "internet → security group `db` (port 3306, rule 0) → main-db (publicly accessible)".
    pub fn path_text(
        &self,
        group: &str,
        port_text: &str,
        rule: usize,
        resource: Option<&str>,
    ) -> String {
        let mut s = format!("internet → security group `{group}` ({port_text}, ingress[{rule}])");
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
