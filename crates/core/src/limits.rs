//! Limits on input, each enforced with an error that names it. They keep every input
//! bounded in time and memory, in the CLI and in the browser tab alike.

/// Largest design text accepted (bytes).
pub const MAX_DESIGN_BYTES: usize = 4 * 1024 * 1024;
/// Most values (scalars, lists, maps) a document may hold, alias expansions included.
/// Bounds "billion laughs" documents.
pub const MAX_NODES: usize = 500_000;
/// Deepest nesting of lists and maps.
pub const MAX_DEPTH: usize = 64;
/// Most resources in one design.
pub const MAX_RESOURCES: usize = 20_000;
/// Most validation errors reported at once (the rest are summarised).
pub const MAX_ERRORS: usize = 200;
/// Largest number accepted anywhere in a design (a billion GB, instances, requests…).
/// Keeps every product of quantities and prices far inside exact decimal range.
pub const MAX_NUMBER: f64 = 1e9;
/// Hours in the longest month, the most `pricing.hours_per_month` can be.
pub const MAX_HOURS_PER_MONTH: f64 = 744.0;
/// Largest catalog file accepted (bytes): one region's prices, every instance type and
/// term included, is well under a megabyte.
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;
/// Most port ranges (a rule of several ranges counts each) in one Azure network security
/// group or one GCP tag's firewall rules. Azure allows 1,000 rules in a group
/// (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits,
/// "Networking limits"); ordered rules are evaluated range by range, so this bounds the
/// time reachability takes (docs/growth.md).
pub const MAX_ORDERED_RULES: usize = 1_000;
