//! The network section: VPC, subnets and security groups (AWS security groups, Azure
//! network security groups, GCP firewall rules grouped by target network tag: see
//! docs/format.md, "Network rules on each cloud").

use std::collections::BTreeMap;

use ipnet::IpNet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::common::Ports;

/// The other end of a firewall rule, parsed once when the design is read: a CIDR block, or
/// a name (a security group, checked by validation; text that looks like a broken CIDR is
/// reported there as `invalid-cidr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Peer {
    Cidr(IpNet),
    Name(String),
}

/// The first /24 (or the VPC itself, if smaller) of `vpc` that overlaps none of the `taken`
/// CIDRs: where a new subnet goes. None when the VPC is not an IPv4 CIDR or is full.
pub fn free_subnet(vpc: &str, taken: &[String]) -> Option<String> {
    let vpc: ipnet::Ipv4Net = vpc.parse().ok()?;
    let taken: Vec<ipnet::Ipv4Net> = taken.iter().filter_map(|c| c.parse().ok()).collect();
    let size = vpc.prefix_len().max(24);
    vpc.subnets(size)
        .ok()?
        .find(|candidate| {
            !taken
                .iter()
                .any(|t| t.contains(&candidate.network()) || candidate.contains(&t.network()))
        })
        .map(|n| n.to_string())
}

impl Peer {
    pub fn cidr(&self) -> Option<IpNet> {
        match self {
            Peer::Cidr(n) => Some(*n),
            Peer::Name(_) => None,
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Peer::Name(n) => Some(n),
            Peer::Cidr(_) => None,
        }
    }
}

impl std::fmt::Display for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Peer::Cidr(n) => write!(f, "{n}"),
            Peer::Name(n) => f.write_str(n),
        }
    }
}

impl Serialize for Peer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Peer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(match text.parse::<IpNet>() {
            Ok(n) => Peer::Cidr(n),
            Err(_) => Peer::Name(text),
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Peer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Peer".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A CIDR block (IPv4 or IPv6) or the name of a security group"
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The VPC's CIDR, e.g. `10.0.0.0/16`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub subnets: BTreeMap<String, Subnet>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub security_groups: BTreeMap<String, SecurityGroup>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub cidr: String,
    /// Availability-zone letter (`a`, `c`) or full name (`ap-northeast-2a`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// Routes to an internet gateway.
    #[serde(default)]
    pub public: bool,
    /// Azure: the network security group associated with the subnet. Azure applies it to
    /// every network interface in the subnet, as well as the interface's own group: traffic
    /// must be allowed by both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// GCP: the rules have no target tags, so they apply to every instance in the network
    /// (a group of this kind needs no members).
    #[serde(default, skip_serializing_if = "is_false")]
    pub all_instances: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<FirewallRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub egress: Vec<FirewallRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FirewallRule {
    pub ports: Ports,
    #[serde(default)]
    pub protocol: Protocol,
    /// Ingress source: a CIDR (IPv4 or IPv6) or the name of a security group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Peer>,
    /// Egress destination: a CIDR or the name of a security group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Peer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Azure and GCP: the rule's name, as the provider shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Azure and GCP: rules are evaluated in priority order, lowest number first, and the
    /// first rule matching a packet decides (Azure 100-4096, unique per direction in a
    /// group; GCP 0-65535, 1000 when omitted). AWS security groups have no priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    /// Azure and GCP: `allow` (the default) or `deny`. AWS security groups only allow.
    #[serde(default, skip_serializing_if = "Action::is_allow")]
    pub action: Action,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a matching rule does with the traffic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Action {
    #[default]
    Allow,
    Deny,
}

impl Action {
    pub fn is_allow(&self) -> bool {
        *self == Action::Allow
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    #[default]
    Tcp,
    Udp,
    Icmp,
    All,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_subnet_takes_the_first_free_slice_of_the_vpc() {
        let taken = vec![
            "10.0.0.0/24".to_string(),
            "10.0.1.0/24".to_string(),
            "10.0.4.0/22".to_string(),
        ];
        assert_eq!(
            free_subnet("10.0.0.0/16", &taken).as_deref(),
            Some("10.0.2.0/24")
        );
        assert_eq!(free_subnet("10.0.0.0/24", &["10.0.0.0/24".into()]), None);
        assert_eq!(free_subnet("not a cidr", &[]), None);
    }
}
