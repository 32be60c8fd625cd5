//! The cloud a design, a catalog and a kind belong to: AWS, Azure or Google Cloud. Each has
//! its regions here; each kind names its provider, each catalog file too. The network
//! rules of each cloud are read by the same model (`model::network`) and decided by the
//! same reachability (`policy::reach`), with the provider's semantics.

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    #[default]
    Aws,
    Azure,
    Gcp,
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

/// Azure's public regions by the name its APIs and the Retail Prices list use
/// (`armRegionName`; `az account list-locations`, listed at
/// https://learn.microsoft.com/azure/reliability/regions-list, read 2026-12-08).
pub const AZURE_REGIONS: &[&str] = &[
    "australiacentral",
    "australiacentral2",
    "australiaeast",
    "australiasoutheast",
    "austriaeast",
    "belgiumcentral",
    "brazilsouth",
    "brazilsoutheast",
    "canadacentral",
    "canadaeast",
    "centralindia",
    "centralus",
    "chilecentral",
    "eastasia",
    "eastus",
    "eastus2",
    "francecentral",
    "francesouth",
    "germanynorth",
    "germanywestcentral",
    "indonesiacentral",
    "israelcentral",
    "italynorth",
    "japaneast",
    "japanwest",
    "jioindiacentral",
    "jioindiawest",
    "koreacentral",
    "koreasouth",
    "malaysiawest",
    "mexicocentral",
    "newzealandnorth",
    "northcentralus",
    "northeurope",
    "norwayeast",
    "norwaywest",
    "polandcentral",
    "qatarcentral",
    "southafricanorth",
    "southafricawest",
    "southcentralus",
    "southeastasia",
    "southindia",
    "spaincentral",
    "swedencentral",
    "switzerlandnorth",
    "switzerlandwest",
    "uaecentral",
    "uaenorth",
    "uksouth",
    "ukwest",
    "westcentralus",
    "westeurope",
    "westindia",
    "westus",
    "westus2",
    "westus3",
];

/// Google Cloud's regions (https://cloud.google.com/compute/docs/regions-zones, read
/// 2026-12-08).
pub const GCP_REGIONS: &[&str] = &[
    "africa-south1",
    "asia-east1",
    "asia-east2",
    "asia-northeast1",
    "asia-northeast2",
    "asia-northeast3",
    "asia-south1",
    "asia-south2",
    "asia-southeast1",
    "asia-southeast2",
    "australia-southeast1",
    "australia-southeast2",
    "europe-central2",
    "europe-north1",
    "europe-north2",
    "europe-southwest1",
    "europe-west1",
    "europe-west10",
    "europe-west12",
    "europe-west2",
    "europe-west3",
    "europe-west4",
    "europe-west6",
    "europe-west8",
    "europe-west9",
    "me-central1",
    "me-central2",
    "me-west1",
    "northamerica-northeast1",
    "northamerica-northeast2",
    "northamerica-south1",
    "southamerica-east1",
    "southamerica-west1",
    "us-central1",
    "us-east1",
    "us-east4",
    "us-east5",
    "us-south1",
    "us-west1",
    "us-west2",
    "us-west3",
    "us-west4",
];

impl Provider {
    pub const ALL: &'static [Provider] = &[Provider::Aws, Provider::Azure, Provider::Gcp];

    /// As written in `provider:` (a design's, a catalog file's).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Gcp => "gcp",
        }
    }

    /// The provider's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Azure => "Azure",
            Provider::Gcp => "Google Cloud",
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
            Provider::Azure => AZURE_REGIONS,
            Provider::Gcp => GCP_REGIONS,
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

    #[test]
    fn every_providers_regions_are_sorted_and_unique() {
        for p in Provider::ALL {
            let mut sorted = p.regions().to_vec();
            crate::order::sort(&mut sorted);
            sorted.dedup();
            assert_eq!(sorted, p.regions(), "{}", p.as_str());
        }
        assert!(Provider::Azure.has_region("koreacentral"));
        assert!(Provider::Azure.has_region("japaneast"));
        assert!(Provider::Gcp.has_region("asia-northeast3"));
        assert!(!Provider::Gcp.has_region("ap-northeast-2"));
    }
}
