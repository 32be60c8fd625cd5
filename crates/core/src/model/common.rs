//! Value types shared by several resource kinds: usage estimates, scaling, schedules,
//! purchase options, volumes and ports.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A usage quantity (GB a month, millions of requests...): one number where it is known,
/// or `{ low, expected, high }` where it is not, which the cost band follows. `low` and
/// `high` default to `expected`; they must be in order.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    pub low: f64,
    pub expected: f64,
    pub high: f64,
}

impl Estimate {
    pub const FIELDS: &'static [&'static str] = &["low", "expected", "high"];

    /// A known quantity: the same at every end of the band.
    pub fn one(x: f64) -> Estimate {
        Estimate {
            low: x,
            expected: x,
            high: x,
        }
    }

    /// Whether the ends differ (the design wrote a band, not one number).
    pub fn is_band(&self) -> bool {
        self.low != self.expected || self.high != self.expected
    }

    /// Whether any end of the band is above zero (the ends are in order: the high one).
    pub fn any(&self) -> bool {
        self.high > 0.0
    }

    /// Each end through `f`.
    pub fn map(self, f: impl Fn(f64) -> f64) -> Estimate {
        Estimate {
            low: f(self.low),
            expected: f(self.expected),
            high: f(self.high),
        }
    }
}

impl From<f64> for Estimate {
    fn from(x: f64) -> Estimate {
        Estimate::one(x)
    }
}

impl Serialize for Estimate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if !self.is_band() {
            return s.serialize_f64(self.expected);
        }
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("low", &self.low)?;
        m.serialize_entry("expected", &self.expected)?;
        m.serialize_entry("high", &self.high)?;
        m.end()
    }
}

impl<'de> Deserialize<'de> for Estimate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Estimate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or { low, expected, high } where it is uncertain")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Estimate, E> {
                Ok(Estimate::one(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Estimate, E> {
                Ok(Estimate::one(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Estimate, E> {
                Ok(Estimate::one(v as f64))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Estimate, A::Error> {
                // Read as an identifier so that a misspelt key is located at the key.
                #[derive(Deserialize)]
                #[serde(field_identifier, rename_all = "lowercase")]
                enum End {
                    Low,
                    Expected,
                    High,
                }
                let (mut low, mut expected, mut high) = (None, None, None);
                while let Some(key) = map.next_key::<End>()? {
                    let slot = match key {
                        End::Low => &mut low,
                        End::Expected => &mut expected,
                        End::High => &mut high,
                    };
                    *slot = Some(map.next_value::<f64>()?);
                }
                let expected: f64 = expected.ok_or_else(|| de::Error::missing_field("expected"))?;
                let (low, high) = (low.unwrap_or(expected), high.unwrap_or(expected));
                if low > expected || expected > high {
                    return Err(de::Error::custom(format!(
                        "the band is out of order: low {low}, expected {expected}, high {high}; write low ≤ expected ≤ high"
                    )));
                }
                Ok(Estimate {
                    low,
                    expected,
                    high,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Instance-count scaling of a group (compute, container tasks, Kubernetes node groups).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// Fewest instances at any time.
    pub min: u32,
    /// Most instances at any time (the high end of the cost band).
    pub max: u32,
    /// Average instances you expect to run; defaults to the scheduled floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    /// Target-tracking CPU utilisation, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_cpu: Option<f64>,
    /// Target-tracking memory utilisation, in percent (ECS services scale on it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_memory: Option<f64>,
    /// Target-tracking requests per target per minute (the load balancer's
    /// `ALBRequestCountPerTarget`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_requests: Option<f64>,
    /// IANA time zone of the schedules, e.g. `Asia/Seoul` (default `UTC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Weekly windows that raise the floor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
}

/// A weekly window, in the group's time zone, during which at least `min` instances run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Days: `mon-fri`, `sat,sun`, `mon-sun`, `weekdays`, `weekends`, `daily`.
    pub days: String,
    /// Local hours: `"09:00-22:00"`; an end before the start runs past midnight; `all` is the whole day.
    pub hours: String,
    /// Floor during the window.
    pub min: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

/// How instance-hours are bought.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Purchase {
    #[default]
    OnDemand,
    /// A standard reserved lease or a Savings Plan (one of [`COMMITMENTS`]).
    Reserved(&'static Lease),
    Spot,
    /// A negotiated or savings-plan discount off on-demand, in percent.
    Discount(f64),
}

/// A commitment (a standard reserved lease or a Savings Plan): its name in the format, the
/// catalog group suffix of its effective hourly rate (`ec2-ri-1y-partial-upfront`,
/// `ec2-sp-compute-3y`) and its label.
#[derive(Debug, PartialEq, Eq)]
pub struct Lease {
    pub name: &'static str,
    pub group_suffix: &'static str,
    pub label: &'static str,
}

/// The commitments AWS sells for instance-hours (1 or 3 years; no, partial or all
/// upfront): reserved instances, each priced at its effective hourly rate (the upfront fee
/// spread over the lease's hours), and Compute / EC2 Instance Savings Plans at the plan's
/// rate for the instance type.
pub const COMMITMENTS: &[Lease] = &[
    Lease {
        name: "reserved_1y",
        group_suffix: "ri-1y",
        label: "reserved 1y, no upfront",
    },
    Lease {
        name: "reserved_1y_partial_upfront",
        group_suffix: "ri-1y-partial-upfront",
        label: "reserved 1y, partial upfront",
    },
    Lease {
        name: "reserved_1y_all_upfront",
        group_suffix: "ri-1y-all-upfront",
        label: "reserved 1y, all upfront",
    },
    Lease {
        name: "reserved_3y",
        group_suffix: "ri-3y",
        label: "reserved 3y, no upfront",
    },
    Lease {
        name: "reserved_3y_partial_upfront",
        group_suffix: "ri-3y-partial-upfront",
        label: "reserved 3y, partial upfront",
    },
    Lease {
        name: "reserved_3y_all_upfront",
        group_suffix: "ri-3y-all-upfront",
        label: "reserved 3y, all upfront",
    },
    Lease {
        name: "savings_plan_compute_1y",
        group_suffix: "sp-compute-1y",
        label: "Compute Savings Plan 1y, no upfront",
    },
    Lease {
        name: "savings_plan_compute_1y_partial_upfront",
        group_suffix: "sp-compute-1y-partial-upfront",
        label: "Compute Savings Plan 1y, partial upfront",
    },
    Lease {
        name: "savings_plan_compute_1y_all_upfront",
        group_suffix: "sp-compute-1y-all-upfront",
        label: "Compute Savings Plan 1y, all upfront",
    },
    Lease {
        name: "savings_plan_compute_3y",
        group_suffix: "sp-compute-3y",
        label: "Compute Savings Plan 3y, no upfront",
    },
    Lease {
        name: "savings_plan_compute_3y_partial_upfront",
        group_suffix: "sp-compute-3y-partial-upfront",
        label: "Compute Savings Plan 3y, partial upfront",
    },
    Lease {
        name: "savings_plan_compute_3y_all_upfront",
        group_suffix: "sp-compute-3y-all-upfront",
        label: "Compute Savings Plan 3y, all upfront",
    },
    Lease {
        name: "savings_plan_ec2_1y",
        group_suffix: "sp-instance-1y",
        label: "EC2 Instance Savings Plan 1y, no upfront",
    },
    Lease {
        name: "savings_plan_ec2_1y_partial_upfront",
        group_suffix: "sp-instance-1y-partial-upfront",
        label: "EC2 Instance Savings Plan 1y, partial upfront",
    },
    Lease {
        name: "savings_plan_ec2_1y_all_upfront",
        group_suffix: "sp-instance-1y-all-upfront",
        label: "EC2 Instance Savings Plan 1y, all upfront",
    },
    Lease {
        name: "savings_plan_ec2_3y",
        group_suffix: "sp-instance-3y",
        label: "EC2 Instance Savings Plan 3y, no upfront",
    },
    Lease {
        name: "savings_plan_ec2_3y_partial_upfront",
        group_suffix: "sp-instance-3y-partial-upfront",
        label: "EC2 Instance Savings Plan 3y, partial upfront",
    },
    Lease {
        name: "savings_plan_ec2_3y_all_upfront",
        group_suffix: "sp-instance-3y-all-upfront",
        label: "EC2 Instance Savings Plan 3y, all upfront",
    },
];

impl Purchase {
    const NAMES: &'static [&'static str] = &[
        "on_demand",
        "reserved_1y",
        "reserved_1y_partial_upfront",
        "reserved_1y_all_upfront",
        "reserved_3y",
        "reserved_3y_partial_upfront",
        "reserved_3y_all_upfront",
        "savings_plan_compute_1y",
        "savings_plan_compute_1y_partial_upfront",
        "savings_plan_compute_1y_all_upfront",
        "savings_plan_compute_3y",
        "savings_plan_compute_3y_partial_upfront",
        "savings_plan_compute_3y_all_upfront",
        "savings_plan_ec2_1y",
        "savings_plan_ec2_1y_partial_upfront",
        "savings_plan_ec2_1y_all_upfront",
        "savings_plan_ec2_3y",
        "savings_plan_ec2_3y_partial_upfront",
        "savings_plan_ec2_3y_all_upfront",
        "spot",
    ];
}

impl Serialize for Purchase {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Purchase::OnDemand => s.serialize_str("on_demand"),
            Purchase::Reserved(lease) => s.serialize_str(lease.name),
            Purchase::Spot => s.serialize_str("spot"),
            Purchase::Discount(pct) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("discount_pct", pct)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Purchase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Purchase;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("on_demand, reserved_1y, reserved_3y, savings_plan_compute_1y, savings_plan_ec2_3y… (with _partial_upfront or _all_upfront), spot or { discount_pct: N }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Purchase, E> {
                match v {
                    "on_demand" => Ok(Purchase::OnDemand),
                    "spot" => Ok(Purchase::Spot),
                    other => match COMMITMENTS.iter().find(|l| l.name == other) {
                        Some(lease) => Ok(Purchase::Reserved(lease)),
                        None => Err(E::unknown_variant(other, Purchase::NAMES)),
                    },
                }
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Purchase, A::Error> {
                let mut pct = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "discount_pct" {
                        pct = Some(map.next_value::<f64>()?);
                    } else {
                        return Err(de::Error::unknown_field(&key, &["discount_pct"]));
                    }
                }
                let pct = pct.ok_or_else(|| de::Error::missing_field("discount_pct"))?;
                if !(0.0..=100.0).contains(&pct) {
                    return Err(de::Error::invalid_value(
                        de::Unexpected::Float(pct),
                        &"a percentage from 0 to 100",
                    ));
                }
                Ok(Purchase::Discount(pct))
            }
        }
        d.deserialize_any(V)
    }
}

/// An EBS volume (also used per instance in `volumes:`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VolumeSpec {
    #[serde(rename = "type", default)]
    pub volume_type: VolumeType,
    /// Size in GB. Not written: unknown (an AMI's root volume read from Terraform); the
    /// volume is then not priced and the total says it is incomplete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_gb: Option<f64>,
    /// Provisioned IOPS (gp3 includes 3,000; io1 bills every IOPS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<f64>,
    /// gp3 throughput in MB/s (125 included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput_mbps: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum VolumeType {
    #[default]
    Gp3,
    Gp2,
    Io1,
}

impl VolumeType {
    pub fn sku(self) -> &'static str {
        match self {
            VolumeType::Gp3 => "gp3",
            VolumeType::Gp2 => "gp2",
            VolumeType::Io1 => "io1",
        }
    }
}

/// An inclusive port range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRange {
    pub from: u16,
    pub to: u16,
}

/// As the format writes it: `443`, or `8000-8100`.
impl std::fmt::Display for PortRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// Ports of a firewall rule: a number, a list, a range `"8000-8100"`, or `all`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ports(pub Vec<PortRange>);

impl Ports {
    pub fn all() -> Self {
        Ports(vec![PortRange { from: 0, to: 65535 }])
    }

    fn parse_one(text: &str) -> Result<PortRange, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") || text == "*" {
            return Ok(PortRange { from: 0, to: 65535 });
        }
        let parse = |t: &str| -> Result<u16, String> {
            t.trim()
                .parse::<u16>()
                .map_err(|_| format!("`{t}` is not a port (0-65535)"))
        };
        match text.split_once('-') {
            Some((a, b)) => {
                let (from, to) = (parse(a)?, parse(b)?);
                if from > to {
                    return Err(format!("port range `{text}` ends before it starts"));
                }
                Ok(PortRange { from, to })
            }
            None => {
                let p = parse(text)?;
                Ok(PortRange { from: p, to: p })
            }
        }
    }
}

impl Serialize for Ports {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let items: Vec<String> = self.0.iter().map(PortRange::to_string).collect();
        items.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Ports {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ports;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a port, a list of ports, a range like \"8000-8100\", or \"all\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Ports, E> {
                let p = u16::try_from(v).map_err(|_| {
                    E::invalid_value(de::Unexpected::Unsigned(v), &"a port from 0 to 65535")
                })?;
                Ok(Ports(vec![PortRange { from: p, to: p }]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Ports, E> {
                let u = u64::try_from(v).map_err(|_| {
                    E::invalid_value(de::Unexpected::Signed(v), &"a port from 0 to 65535")
                })?;
                self.visit_u64(u)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ports, E> {
                let mut out = Vec::new();
                for part in v.split(',') {
                    out.push(Ports::parse_one(part).map_err(E::custom)?);
                }
                Ok(Ports(out))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Ports, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<Ports>()? {
                    out.extend(p.0);
                }
                if out.is_empty() {
                    return Err(de::Error::invalid_length(0, &"at least one port"));
                }
                Ok(Ports(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
mod schema_impls {
    use super::*;
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    impl JsonSchema for Ports {
        fn schema_name() -> Cow<'static, str> {
            "Ports".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A port, a list of ports, a range \"8000-8100\", or \"all\"",
                "anyOf": [
                    { "type": "integer", "minimum": 0, "maximum": 65535 },
                    { "type": "string", "pattern": "^(all|\\d+(-\\d+)?)(,(\\d+(-\\d+)?))*$" },
                    { "type": "array", "items": { "anyOf": [
                        { "type": "integer", "minimum": 0, "maximum": 65535 },
                        { "type": "string" } ] } }
                ]
            })
        }
    }

    impl JsonSchema for Estimate {
        fn schema_name() -> Cow<'static, str> {
            "Estimate".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A quantity: a number, or { low, expected, high } where it is uncertain (low and high default to expected)",
                "anyOf": [
                    { "type": "number", "minimum": 0 },
                    { "type": "object", "additionalProperties": false, "required": ["expected"],
                      "properties": {
                        "low": { "type": "number", "minimum": 0 },
                        "expected": { "type": "number", "minimum": 0 },
                        "high": { "type": "number", "minimum": 0 } } }
                ]
            })
        }
    }

    impl JsonSchema for Purchase {
        fn schema_name() -> Cow<'static, str> {
            "Purchase".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "How instance-hours are bought",
                "anyOf": [
                    { "enum": Purchase::NAMES },
                    { "type": "object", "additionalProperties": false, "required": ["discount_pct"],
                      "properties": { "discount_pct": { "type": "number", "minimum": 0, "maximum": 100 } } }
                ]
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_forms() {
        assert_eq!(
            Ports::parse_one("20-25").unwrap(),
            PortRange { from: 20, to: 25 }
        );
        assert_eq!(
            Ports::parse_one("all").unwrap(),
            PortRange { from: 0, to: 65535 }
        );
        assert!(Ports::parse_one("25-20").is_err());
        assert!(Ports::parse_one("70000").is_err());
    }
}
