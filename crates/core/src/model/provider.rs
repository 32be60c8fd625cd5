//! The cloud a design, a catalog and a kind belong to. AWS is the one provider today; the
//! others (#19) add a variant here, their regions, their kinds (each kind names its
//! provider) and their catalogs (each catalog file names its provider).

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[default]
    Aws,
}

/// AWS's commercial regions (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html,
/// read 2026-12-04): what the design reader accepts without a did-you-mean and what the page
/// offers. `prices sync` does not read this list: by default it syncs every region the price
/// list itself has, so a region missing here can still be synced and priced.
pub const AWS_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

impl Provider {
    pub const ALL: &'static [Provider] = &[Provider::Aws];

    /// As written in `provider:` (a design's, a catalog file's).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
        }
    }

    /// The provider's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
        }
    }

    pub fn from_name(name: &str) -> Option<Provider> {
        Provider::ALL.iter().copied().find(|p| p.as_str() == name)
    }

    /// The provider's regions, as it publishes them (the source is cited on the list). A
    /// region missing here can still be priced with a catalog for it.
    pub fn regions(self) -> &'static [&'static str] {
        match self {
            Provider::Aws => AWS_REGIONS,
        }
    }

    /// Whether `region` is one of the provider's published regions.
    pub fn has_region(self, region: &str) -> bool {
        self.regions().contains(&region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Provider::ALL {
            assert_eq!(Provider::from_name(p.as_str()), Some(*p));
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
    }

    #[test]
    fn aws_regions_are_sorted_and_unique() {
        let mut sorted = AWS_REGIONS.to_vec();
        crate::order::sort(&mut sorted);
        sorted.dedup();
        assert_eq!(sorted, AWS_REGIONS);
        assert!(Provider::Aws.has_region("ap-northeast-2"));
        assert!(!Provider::Aws.has_region("koreacentral"));
    }
}
