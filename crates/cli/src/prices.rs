//! `planwright prices sync`: the shell around `planwright_prices::sync` (arguments, the
//! cache directory, progress on stderr, the summary on stdout).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use planwright_prices::{sync, Origin, AWS_ENDPOINT};

use crate::ExitCode;

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// A region to sync (repeatable); default every commercial region the price list has.
    #[arg(long = "region", value_name = "REGION")]
    regions: Vec<String>,
    /// An offer code to read (repeatable: AmazonEC2, AmazonRDS, AmazonElastiCache…);
    /// default every service Planwright prices.
    #[arg(long = "service", value_name = "CODE")]
    services: Vec<String>,
    /// Where to write the catalog files (one per region and global.json).
    #[arg(long, default_value = "catalog")]
    out: PathBuf,
    /// Whose price list: `aws` (the AWS Price List Bulk API) or `azure` (the Azure Retail
    /// Prices API: Linux pay-as-you-go virtual machines).
    #[arg(long, default_value = "aws")]
    provider: String,
    /// The price list's endpoint or a mirror of it (default the provider's own).
    #[arg(long, conflicts_with = "from")]
    endpoint: Option<String>,
    /// GCP: the commit of Cyclenerd/google-cloud-pricing-cost-calculator the `--from`
    /// pricing.yml is from (cited in every price's source).
    #[arg(long, value_name = "SHA")]
    commit: Option<String>,
    /// Azure: the day the prices are read, cited by every price (default today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    read_on: Option<String>,
    /// Read offer files already downloaded, laid out as the endpoint's paths
    /// (offers/v1.0/aws/index.json, …), instead of the network; Azure: a directory of
    /// Retail Prices API pages; GCP (required): the pricing.yml file.
    #[arg(long, value_name = "DIR")]
    from: Option<PathBuf>,
    /// Where downloads are kept (and resumed from); default ~/.cache/planwright/offers.
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// No progress lines.
    #[arg(long)]
    quiet: bool,
}

/// Progress on stderr: a line per offer file every 32 MiB downloaded and every 256k
/// products read, so a long sync shows it is alive without flooding a CI log.
struct Stderr {
    quiet: bool,
    last_bytes: u64,
    last_products: u64,
}

impl sync::Progress for Stderr {
    fn bytes(&mut self, what: &str, done: u64, total: Option<u64>) {
        if self.quiet || (done < self.last_bytes + (32 << 20) && Some(done) != total) {
            return;
        }
        self.last_bytes = if Some(done) == total { 0 } else { done };
        let mb = |b: u64| b as f64 / 1_048_576.0;
        match total {
            Some(t) => eprintln!("  {what}: {:.1} of {:.1} MB downloaded", mb(done), mb(t)),
            None => eprintln!("  {what}: {:.1} MB downloaded", mb(done)),
        }
    }
    fn products(&mut self, what: &str, read: u64) {
        if self.quiet || (read < self.last_products + 262_144 && read % 4096 == 0 && read != 0) {
            return;
        }
        self.last_products = read;
        eprintln!("  {what}: {read} products read");
    }
    fn note(&mut self, line: &str) {
        if !self.quiet {
            eprintln!("  {line}");
        }
    }
}

fn default_cache() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("planwright").join("offers")
}

pub fn sync(out: &mut impl Write, args: SyncArgs) -> ExitCode {
    match args.provider.as_str() {
        "aws" => {}
        "azure" => return sync_azure(out, args),
        "gcp" => return sync_gcp(out, args),
        other => {
            eprintln!("error: no price list for provider `{other}`: `aws`, `azure` or `gcp`");
            return ExitCode::Unreadable;
        }
    }
    let origin = match &args.from {
        Some(dir) => Origin::dir(dir.clone()),
        None => Origin::http(
            args.endpoint.as_deref().unwrap_or(AWS_ENDPOINT),
            args.cache.clone().unwrap_or_else(default_cache),
        ),
    };
    let options = sync::Options {
        regions: args.regions,
        services: args.services,
        out: args.out,
        origin,
    };
    let mut progress = Stderr {
        quiet: args.quiet,
        last_bytes: 0,
        last_products: 0,
    };
    match sync::run(&options, &mut progress) {
        Ok(s) => {
            let mut text = String::new();
            for o in &s.offers {
                text += &format!("read {o}\n");
            }
            for (path, n) in &s.written {
                text += &format!("wrote {} ({n} prices)\n", path.display());
            }
            for m in &s.missing {
                text += &format!("not in the price list: {m}\n");
            }
            if s.written.is_empty() {
                text += "no catalog written: nothing matched\n";
            }
            let _ = out.write_all(text.as_bytes());
            if s.written.is_empty() {
                ExitCode::Unreadable
            } else {
                ExitCode::Clean
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::Unreadable
        }
    }
}

/// Today's date (UTC), for `--read-on`'s default.
fn today_utc() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or_default();
    planwright_core::units::civil_date(days as i64)
}

fn report(
    out: &mut impl Write,
    result: Result<planwright_prices::Summary, planwright_prices::SyncError>,
) -> ExitCode {
    match result {
        Ok(s) => {
            let mut text = String::new();
            for o in &s.offers {
                text += &format!("read {o}\n");
            }
            for (path, n) in &s.written {
                text += &format!("wrote {} ({n} prices)\n", path.display());
            }
            for m in &s.missing {
                text += &format!("not in the price list: {m}\n");
            }
            if s.written.is_empty() {
                text += "no catalog written: nothing matched\n";
            }
            let _ = out.write_all(text.as_bytes());
            if s.written.is_empty() {
                ExitCode::Unreadable
            } else {
                ExitCode::Clean
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::Unreadable
        }
    }
}

fn sync_gcp(out: &mut impl Write, args: SyncArgs) -> ExitCode {
    let Some(from) = args.from else {
        eprintln!("error: `--provider gcp` reads a pricing.yml: give it with `--from FILE` (Cyclenerd/google-cloud-pricing-cost-calculator)");
        return ExitCode::Unreadable;
    };
    let options = planwright_prices::gcp::GcpOptions {
        from,
        regions: args.regions,
        out: args.out,
        commit: args.commit,
    };
    report(out, planwright_prices::gcp::run(&options))
}

fn sync_azure(out: &mut impl Write, args: SyncArgs) -> ExitCode {
    use planwright_prices::azure;
    let origin = match &args.from {
        Some(dir) => azure::AzureOrigin::Dir(dir.clone()),
        None => azure::AzureOrigin::Http {
            endpoint: args
                .endpoint
                .clone()
                .unwrap_or_else(|| azure::AZURE_ENDPOINT.to_string()),
        },
    };
    let options = azure::AzureOptions {
        regions: args.regions,
        out: args.out,
        origin,
        read_on: args.read_on.unwrap_or_else(today_utc),
    };
    report(out, azure::run(&options))
}
