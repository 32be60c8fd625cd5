//! Where offer files come from: AWS's endpoint (or a mirror) over HTTP(S), downloaded into
//! a cache with resumable transfers; or a directory already holding them (`--from`, for
//! air-gapped teams), laid out as the endpoint's paths. Either way the sync reads the
//! same bytes, so its output is the same.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// AWS's public Price List Bulk API endpoint (no credentials needed).
pub const AWS_ENDPOINT: &str = "https://pricing.us-east-1.amazonaws.com";
/// The offer index's path on the endpoint.
pub const OFFER_INDEX: &str = "/offers/v1.0/aws/index.json";
/// Index files are small (the offer index is ~100 KB); anything larger is not one.
const MAX_INDEX_BYTES: u64 = 64 * 1024 * 1024;
/// Attempts at one download before giving up (each resumes where the last stopped).
const ATTEMPTS: u32 = 4;

#[derive(Debug)]
pub enum FetchError {
    /// The path the index gave is not a plain path on the endpoint.
    BadPath(String),
    NotFound(String),
    Http(String),
    Io(String),
    TooLarge(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            FetchError::BadPath(p) => {
                write!(f, "refused path `{p}`: not a plain path of the price list")
            }
            FetchError::NotFound(p) => write!(f, "{p}: not found"),
            FetchError::Http(m) | FetchError::Io(m) => f.write_str(m),
            FetchError::TooLarge(p) => write!(f, "{p}: larger than an index file can be"),
        }
    }
}

/// Progress of one download, in bytes (`total` when the server said).
pub type ByteProgress<'a> = &'a mut dyn FnMut(u64, Option<u64>);

pub enum Origin {
    Http {
        endpoint: String,
        cache: PathBuf,
        agent: ureq::Agent,
    },
    Dir(PathBuf),
}

impl Origin {
    pub fn http(endpoint: &str, cache: PathBuf) -> Origin {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(30))
            .timeout_read(Duration::from_secs(120))
            .build();
        Origin::Http {
            endpoint: endpoint.trim_end_matches('/').to_string(),
            cache,
            agent,
        }
    }

    pub fn dir(dir: PathBuf) -> Origin {
        Origin::Dir(dir)
    }

    /// A small file (an index), read whole.
    pub fn small(&self, path: &str) -> Result<Vec<u8>, FetchError> {
        let rel = checked(path)?;
        match self {
            Origin::Dir(dir) => {
                let file = dir.join(rel);
                let meta = fs::metadata(&file)
                    .map_err(|_| FetchError::NotFound(file.display().to_string()))?;
                if meta.len() > MAX_INDEX_BYTES {
                    return Err(FetchError::TooLarge(path.into()));
                }
                fs::read(&file).map_err(|e| FetchError::Io(format!("{}: {e}", file.display())))
            }
            Origin::Http {
                endpoint, agent, ..
            } => {
                let url = format!("{endpoint}{path}");
                let resp = get(agent, &url, None)?;
                let mut body = Vec::new();
                resp.into_reader()
                    .take(MAX_INDEX_BYTES + 1)
                    .read_to_end(&mut body)
                    .map_err(|e| FetchError::Http(format!("{url}: {e}")))?;
                if body.len() as u64 > MAX_INDEX_BYTES {
                    return Err(FetchError::TooLarge(url));
                }
                Ok(body)
            }
        }
    }

    /// An offer file on local disk: the `--from` directory's, or downloaded into the cache
    /// (resuming a partial download, reusing a finished one: offer files live at
    /// versioned paths and never change).
    pub fn offer_file(&self, path: &str, progress: ByteProgress) -> Result<PathBuf, FetchError> {
        let rel = checked(path)?;
        match self {
            Origin::Dir(dir) => {
                let file = dir.join(rel);
                if !file.is_file() {
                    return Err(FetchError::NotFound(file.display().to_string()));
                }
                Ok(file)
            }
            Origin::Http {
                endpoint,
                cache,
                agent,
            } => {
                let dest = cache.join(rel);
                let versioned = !path.contains("/current/");
                if versioned && dest.is_file() {
                    return Ok(dest);
                }
                let url = format!("{endpoint}{path}");
                download(agent, &url, &dest, progress)?;
                Ok(dest)
            }
        }
    }
}

/// A path of the price list: absolute, plain segments, no `..`.
fn checked(path: &str) -> Result<PathBuf, FetchError> {
    let bad = || FetchError::BadPath(path.to_string());
    let rest = path.strip_prefix('/').ok_or_else(bad)?;
    let mut out = PathBuf::new();
    for seg in rest.split('/') {
        let plain = !seg.is_empty()
            && seg != "."
            && seg != ".."
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !plain {
            return Err(bad());
        }
        out.push(seg);
    }
    Ok(out)
}

fn get(agent: &ureq::Agent, url: &str, from: Option<u64>) -> Result<ureq::Response, FetchError> {
    let mut req = agent.get(url);
    if let Some(n) = from {
        req = req.set("Range", &format!("bytes={n}-"));
    }
    match req.call() {
        Ok(r) => Ok(r),
        Err(ureq::Error::Status(404, _)) => Err(FetchError::NotFound(url.to_string())),
        Err(ureq::Error::Status(code, r)) => Err(FetchError::Http(format!(
            "{url}: HTTP {code} {}",
            r.status_text()
        ))),
        Err(e) => Err(FetchError::Http(format!("{url}: {e}"))),
    }
}

/// Downloads `url` to `dest` through `dest.part`: an interrupted transfer (this run's or
/// an earlier one's) continues with a Range request where it stopped.
fn download(
    agent: &ureq::Agent,
    url: &str,
    dest: &Path,
    progress: ByteProgress,
) -> Result<(), FetchError> {
    let io_err = |e: io::Error| FetchError::Io(format!("{}: {e}", dest.display()));
    if let Some(dir) = dest.parent() {
        fs::create_dir_all(dir).map_err(io_err)?;
    }
    let part = dest.with_extension("json.part");
    let mut last = None;
    for _ in 0..ATTEMPTS {
        let have = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
        let resp = match get(agent, url, (have > 0).then_some(have)) {
            Ok(r) => r,
            // The part already holds the whole file (or the server can't serve the range):
            // start again from nothing.
            Err(FetchError::Http(m)) if m.contains("HTTP 416") => {
                fs::remove_file(&part).map_err(io_err)?;
                last = Some(FetchError::Http(m));
                continue;
            }
            Err(e @ FetchError::NotFound(_)) => return Err(e),
            Err(e) => {
                last = Some(e);
                continue;
            }
        };
        let resumed = resp.status() == 206;
        let length: Option<u64> = resp.header("Content-Length").and_then(|v| v.parse().ok());
        let mut file = if resumed {
            OpenOptions::new()
                .append(true)
                .open(&part)
                .map_err(io_err)?
        } else {
            File::create(&part).map_err(io_err)?
        };
        let start = if resumed { have } else { 0 };
        let total = length.map(|l| l + start);
        match copy(resp.into_reader(), &mut file, start, total, progress) {
            Ok(done) if total.is_none_or(|t| t == done) => {
                file.sync_all().map_err(io_err)?;
                drop(file);
                fs::rename(&part, dest).map_err(io_err)?;
                return Ok(());
            }
            Ok(done) => {
                last = Some(FetchError::Http(format!(
                    "{url}: the transfer stopped at {done} of {} bytes",
                    total.unwrap_or_default()
                )));
            }
            Err(e) => last = Some(FetchError::Http(format!("{url}: {e}"))),
        }
    }
    Err(last.unwrap_or_else(|| FetchError::Http(format!("{url}: download failed"))))
}

fn copy(
    mut from: impl Read,
    to: &mut File,
    mut done: u64,
    total: Option<u64>,
    progress: ByteProgress,
) -> io::Result<u64> {
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => return Ok(done),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                to.flush()?;
                return Err(e);
            }
        };
        to.write_all(buf.get(..n).unwrap_or_default())?;
        done += n as u64;
        progress(done, total);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_of_the_list_are_read() {
        assert!(checked("/offers/v1.0/aws/AmazonEC2/20261101000000/us-east-1/index.json").is_ok());
        for bad in [
            "offers/x.json",
            "/offers/../../etc/passwd",
            "/offers//x.json",
            "/offers/%2e%2e/x",
            "/offers/a b.json",
        ] {
            assert!(checked(bad).is_err(), "{bad}");
        }
    }
}
