//! The network section: VPC, subnets and security groups.

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
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
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
