//! Planwright's core: the design format, validation, the price catalog and the cost
//! engine. Pure and deterministic: no I/O, no clock, no randomness. Builds for the host
//! and for `wasm32-unknown-unknown`; the CLI and the web page are thin shells around it.
//!
//! ```
//! let design = "version: 1\nname: demo\nregion: us-east-1\nresources:\n  web: { kind: compute, instance_type: t3.medium, count: 2 }\n";
//! let report = planwright_core::evaluate_text(design, &Default::default()).unwrap();
//! // 2 instances × 730 h × $0.0416
//! assert_eq!(report.cost.monthly.expected.to_string(), "60.74");
//! ```

// A panic in WebAssembly kills the page: no unwrap, expect, panic or unchecked indexing on
// anything user data can reach. Tests may (`cfg(test)`); the test command runs clippy.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod catalog;
pub mod cost;
pub mod diag;
pub mod evaluate;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
pub mod limits;
pub mod model;
pub mod policy;
pub mod readiness;
pub mod render;
pub mod report;
pub mod resources;
pub mod sample;
#[cfg(feature = "schema")]
pub mod schema;
pub mod share;
pub mod source;
pub mod units;
mod validate;

pub use catalog::Catalog;
pub use diag::{Diagnostic, Level};
pub use evaluate::evaluate;
pub use model::Design;
pub use report::Report;
pub use source::{load, Loaded};

/// Options of [`evaluate_text`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// Environment variant to evaluate (`environments:` key), or the base design.
    pub env: Option<&'a str>,
    /// Catalog to price with; by default the embedded one (feature `embedded-catalog`),
    /// or none (every price missing, the total incomplete).
    pub catalog: Option<&'a Catalog>,
    /// Today's date, `YYYY-MM-DD`, from the shell (the core reads no clock): decides which
    /// policy waivers have expired. Without it no waiver expires.
    pub today: Option<&'a str>,
    /// An organisation's policy pack, merged under the design's own `policy:`.
    pub pack: Option<&'a model::Policy>,
}

/// Reads, validates and evaluates a design in one call: the entry point of the CLI, the
/// web page and the JS API. Errors (the design cannot be read) come back all at once.
pub fn evaluate_text(text: &str, options: &Options<'_>) -> Result<Report, Vec<Diagnostic>> {
    let mut loaded = load(text, options.env)?;
    if let Some(pack) = options.pack {
        apply_pack(&mut loaded, pack);
    }
    Ok(evaluate_loaded(&loaded, options.catalog, options.today))
}

/// Puts an organisation's policy pack under the design's own `policy:`.
pub fn apply_pack(loaded: &mut Loaded, pack: &model::Policy) {
    let own = loaded.design.policy.clone().unwrap_or_default();
    loaded.design.policy = Some(own.merged_over(pack));
}

/// Evaluates a design already read with [`load`] (the page keeps the [`Loaded`] for its
/// environment list), with located diagnostics.
pub fn evaluate_loaded(loaded: &Loaded, catalog: Option<&Catalog>, today: Option<&str>) -> Report {
    let catalog: &Catalog = match catalog {
        Some(c) => c,
        None => Catalog::default_ref(),
    };
    let mut report = evaluate(&loaded.design, catalog);
    let mut locator = source::node::Locator::new(&loaded.root);
    report.findings =
        policy::check_located(&loaded.design, Some(&report.cost), today, &mut |path| {
            let span = locator.locate(path);
            Some((span.start.line, span.start.column))
        });
    report.readiness = readiness::report(
        &loaded.design,
        catalog,
        report.cost.monthly.expected,
        report.readiness.targets.clone(),
    );
    evaluate::locate(&mut report.diagnostics, &loaded.root);
    report
}

/// Every region a design's prices come from: its own, each resource's, read replicas',
/// backup copies', replication targets' and the DR region (readiness suggestions price
/// resources there). The page fetches the catalogs of these regions.
pub fn regions_priced(design: &Design) -> std::collections::BTreeSet<String> {
    use resources::Resource;
    let mut out = std::collections::BTreeSet::new();
    out.insert(design.region.clone());
    for (_, r) in &design.resources {
        if let Some(region) = r.region() {
            out.insert(region.to_string());
        }
        match r {
            Resource::Database(db) => {
                out.extend(db.replicas.iter().filter_map(|x| x.region.clone()));
                out.extend(db.backup.as_ref().and_then(|b| b.copy_to_region.clone()));
            }
            Resource::ObjectStorage(s) => {
                out.extend(s.replication.as_ref().map(|x| x.region.clone()));
            }
            _ => {}
        }
    }
    out.extend(readiness::suggest::secondary_region(design));
    out.retain(|r| catalog::file::is_region_name(r) && r != catalog::GLOBAL);
    out
}
