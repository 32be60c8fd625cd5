//! What the internet can reach: security groups as a graph of CIDR sources and group
//! references, decided with CIDR arithmetic (`ipnet`), never by comparing strings.
//!
//! For each security group, ingress rules are swept over their port boundaries: on every
//! elementary port range, the source CIDRs of the rules that cover it are aggregated, and
//! the range is *open to the internet* when they cover all of IPv4 (`0.0.0.0/0`, or e.g.
//! `0.0.0.0/1` plus `128.0.0.0/1`) or all of IPv6 (`::/0`).

use std::collections::BTreeMap;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use crate::model::{Design, FirewallRule, PortRange, Protocol};
use crate::resources::Resource;

/// A port range of a group open to the whole internet, with the rules that open it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenRange {
    pub ports: PortRange,
    /// Indices into the group's `ingress` list.
    pub rules: Vec<usize>,
}

/// Internet exposure of every security group and resource of a design.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    /// Security group -> port ranges open to the internet (merged, ascending).
    pub open: BTreeMap<String, Vec<OpenRange>>,
    /// Resource -> security groups it uses.
    pub groups_of: BTreeMap<String, Vec<String>>,
    /// Resources with an address the internet can route to (public IP, public subnet,
    /// `publicly_accessible`, internet-facing load balancer).
    pub public: BTreeMap<String, String>,
}

fn is_tcp_or_udp(p: Protocol) -> bool {
    matches!(p, Protocol::Tcp | Protocol::Udp | Protocol::All)
}

/// True when `nets` together cover all of IPv4 or all of IPv6.
pub fn covers_internet(nets: &[IpNet]) -> bool {
    let v4_all = IpNet::V4(Ipv4Net::default());
    let v6_all = IpNet::V6(Ipv6Net::default());
    let agg = IpNet::aggregate(&nets.to_vec());
    agg.contains(&v4_all) || agg.contains(&v6_all)
}

/// The CIDR of a rule's source, if it is a CIDR (not a group name).
pub fn source_cidr(rule: &FirewallRule) -> Option<IpNet> {
    rule.from.as_deref()?.parse().ok()
}

/// Port ranges of `ingress` open to the internet.
pub fn open_ranges(ingress: &[FirewallRule]) -> Vec<OpenRange> {
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
    if sources.is_empty() {
        return Vec::new();
    }
    cuts.sort_unstable();
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
        rules.sort_unstable();
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

impl Reach {
    pub fn of(design: &Design) -> Reach {
        let mut reach = Reach::default();
        let Some(net) = &design.network else {
            return reach;
        };
        for (name, sg) in &net.security_groups {
            let open = open_ranges(&sg.ingress);
            if !open.is_empty() {
                reach.open.insert(name.clone(), open);
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
            reach.groups_of.insert(rname.clone(), groups.to_vec());
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
                reach.public.insert(rname.clone(), why);
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
            .map(|(r, _)| r.as_str())
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
            from: Some(from.into()),
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
