//! The pipeline: text -> tree -> typed design -> cost, readiness, findings -> report. The
//! top of the core: the CLI, the page and the JS API all enter here, and nothing below
//! imports it.

use std::collections::BTreeSet;

use crate::catalog::{self, Catalog};
use crate::design::Design;
use crate::diag::Diagnostic;
use crate::load::{load, Loaded};
use crate::model::Policy;
use crate::path::DesignPath;
use crate::report::Report;
use crate::resources::Resource;
use crate::source::node::{Locator, Node};
use crate::{policy, pricing, readiness};

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
    pub pack: Option<&'a Policy>,
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
pub fn apply_pack(loaded: &mut Loaded, pack: &Policy) {
    let own = loaded.design.policy.clone().unwrap_or_default();
    loaded.design.policy = Some(own.merged_over(pack));
}

/// The whole report of a typed design: its cost, its readiness and its policy findings,
/// with the diagnostics of each (their design paths set, their lines not: see
/// [`evaluate_loaded`]). The one pipeline every shell runs.
pub fn evaluate(design: &Design, catalog: &Catalog) -> Report {
    run(design, catalog, None, &mut |_| None)
}

/// Evaluates a design already read with [`load`] (the page keeps the [`Loaded`] for its
/// environment list), with located diagnostics.
pub fn evaluate_loaded(loaded: &Loaded, catalog: Option<&Catalog>, today: Option<&str>) -> Report {
    let catalog: &Catalog = match catalog {
        Some(c) => c,
        None => Catalog::default_ref(),
    };
    let mut locator = Locator::new(&loaded.root);
    let mut report = run(&loaded.design, catalog, today, &mut |path| {
        let span = locator.locate(path);
        Some((span.start.line, span.start.column))
    });
    locate(&mut report.diagnostics, &loaded.root);
    report
}

/// Cost first (budget rules read its total; readiness suggestions are priced against it),
/// then readiness and the findings.
fn run(
    design: &Design,
    catalog: &Catalog,
    today: Option<&str>,
    locate: &mut dyn FnMut(&DesignPath) -> Option<(u32, u32)>,
) -> Report {
    let mut diagnostics = Vec::new();
    let cost = pricing::price(design, catalog, &mut diagnostics);
    let readiness = readiness::report(design, catalog, cost.monthly.expected);
    let findings = policy::check_located(design, Some(&cost), today, locate);
    Report {
        version: 1,
        design: design.name.clone(),
        environment: design
            .environment
            .map(|e| e.as_str().to_string())
            .unwrap_or_default(),
        cost,
        findings,
        readiness,
        diagnostics,
    }
}

/// Fills in line and column of diagnostics that only know their design path.
fn locate(diagnostics: &mut [Diagnostic], root: &Node) {
    let mut locator = Locator::new(root);
    for d in diagnostics.iter_mut().filter(|d| d.line.is_none()) {
        let span = locator.locate(&d.design_path());
        d.line = Some(span.start.line);
        d.column = Some(span.start.column);
    }
}

/// Every region a design's prices come from: its own, each resource's, read replicas',
/// backup copies', replication targets' and the DR region (readiness suggestions price
/// resources there). The page fetches the catalogs of these regions.
pub fn regions_priced(design: &Design) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
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
