//! `planwright prices sync`: Planwright's catalogs from the AWS Price List Bulk API.
//!
//! The public offer index names each service's region index, which names each region's
//! offer file; [`sync::run`] reads them (over HTTP from AWS's endpoint or a mirror, with
//! resumable downloads, or from a directory of files already downloaded), streams every
//! offer file through the service's mapping ([`services`]), and writes one catalog file
//! per region plus `global.json` with the core's writer. Every price group cites the
//! offer code, version and publication date it came from; nothing the list lacks is
//! invented. The output depends only on the offer files.

pub mod azure;
pub mod collect;
pub mod fetch;
pub mod gcp;
pub mod offer;
pub mod savings;
pub mod services;
pub mod sync;

pub use fetch::{Origin, AWS_ENDPOINT};
pub use sync::{run, Options, Progress, Silent, Summary, SyncError};
