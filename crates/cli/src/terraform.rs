//! Terraform input for the CLI: which paths are Terraform (a directory of `.tf` files, a
//! `.tf` file, a `terraform show -json` plan), reading their files, and the options
//! (`--var`, `--var-file`, `--region`). The reading and mapping are the core's
//! (`planwright_core::import`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use planwright_core::import::{self, kind, Imported, Limits, ModuleOptions, Options};

/// `--var`, `--var-file` and `--region`, shared by `evaluate`, `import` and `diff`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TfArgs {
    /// A Terraform input variable, `NAME=VALUE` (repeatable; later wins).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// A Terraform variables file (repeatable), read after terraform.tfvars and *.auto.tfvars.
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<PathBuf>,
    /// The region to price a Terraform stack in (default: its provider "aws" block's).
    #[arg(long)]
    pub region: Option<String>,
    /// An Infracost-style usage file (resource_usage / resource_type_default_usage).
    #[arg(long = "usage-file", value_name = "FILE")]
    pub usage_file: Option<PathBuf>,
}

/// Terraform read from disk: the design it gives and the files (for printing errors).
pub struct TfInput {
    pub imported: Imported,
    /// The files read, by the path the diagnostics name.
    pub files: BTreeMap<String, String>,
    /// The directory the diagnostics' paths are relative to.
    pub base: PathBuf,
}

impl TfInput {
    /// The path of a diagnostic's file as the user can open it.
    pub fn display(&self, file: &str) -> String {
        if !self.files.contains_key(file) {
            // Not one of the Terraform files (a usage file, named as given).
            return file.to_string();
        }
        let p = self.base.join(file);
        p.strip_prefix("./")
            .map(Path::to_path_buf)
            .unwrap_or(p)
            .display()
            .to_string()
    }
}

/// Whether `path` is Terraform: a directory, a `.tf` file or a plan JSON.
pub fn is_terraform(path: &Path) -> bool {
    if path.as_os_str() == "-" {
        return false;
    }
    if path.is_dir() {
        return true;
    }
    if kind::is_configuration(&path.to_string_lossy()) {
        return true;
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("tf" | "zip") => true,
        Some("json") => std::fs::read_to_string(path).is_ok_and(|t| import::is_plan_json(&t)),
        _ => false,
    }
}

const SKIPPED_DIRS: &[&str] = &[".terraform", ".git", "node_modules", ".terragrunt-cache"];
const MAX_DEPTH: usize = 8;

/// Texts that replace files on disk while they are read: an editor's unsaved buffers, by
/// absolute path (the language server's; empty for the CLI).
pub type Overlay = std::collections::HashMap<PathBuf, String>;

fn collect(
    root: &Path,
    dir: &Path,
    depth: usize,
    overlay: &Overlay,
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    // A file the editor holds but has not saved yet is part of its directory too.
    let here = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    for held in overlay.keys() {
        if let (Some(parent), Some(name)) = (held.parent(), held.file_name()) {
            let parent = parent
                .canonicalize()
                .unwrap_or_else(|_| parent.to_path_buf());
            if parent == here && !held.exists() {
                paths.push(dir.join(name));
            }
        }
    }
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if p.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                collect(root, &p, depth + 1, overlay, out)?;
            }
        } else if kind::is_module_file(&name) {
            let held = overlay
                .get(&p)
                .or_else(|| p.canonicalize().ok().and_then(|c| overlay.get(&c)));
            let text = match held {
                Some(t) => t.clone(),
                None => std::fs::read_to_string(&p)
                    .map_err(|e| format!("cannot read {}: {e}", p.display()))?,
            };
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, text));
        }
    }
    Ok(())
}

/// How many directories up the module's local module sources reach (`../modules/x`: 1).
fn reach_up(files: &[(String, String)]) -> usize {
    files
        .iter()
        .flat_map(|(_, t)| t.lines())
        .filter_map(|l| {
            let l = l.trim();
            let rest = l
                .strip_prefix("source")?
                .trim_start()
                .strip_prefix('=')?
                .trim();
            let src = rest.trim_matches('"');
            Some(src.matches("../").count())
        })
        .max()
        .unwrap_or(0)
}

/// Reads Terraform at `path` into a design.
pub fn read(path: &Path, args: &TfArgs) -> Result<TfInput, String> {
    read_overlaid(path, args, &Overlay::new())
}

/// Reads Terraform at `path` into a design, with the texts of `overlay` in place of those
/// files on disk.
pub fn read_overlaid(path: &Path, args: &TfArgs, overlay: &Overlay) -> Result<TfInput, String> {
    let name = path
        .canonicalize()
        .ok()
        .and_then(|p| {
            let p = if p.is_file()
                && (!p.extension().is_some_and(|e| e == "json")
                    || kind::is_configuration(&p.to_string_lossy()))
            {
                p.parent()?.to_path_buf()
            } else {
                p
            };
            p.file_stem().map(|n| n.to_string_lossy().to_string())
        })
        .unwrap_or_else(|| "terraform".into());
    let usage = match &args.usage_file {
        Some(f) => {
            let text = std::fs::read_to_string(f)
                .map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            let shown = f.display().to_string();
            Some(import::usage::parse_usage(&shown, &text).map_err(|errors| {
                errors
                    .iter()
                    .map(|d| {
                        format!(
                            "{shown}:{}:{}: {}",
                            d.line.unwrap_or(1),
                            d.column.unwrap_or(1),
                            d.message
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })?)
        }
        None => None,
    };
    let options = Options {
        name,
        region: args.region.clone(),
        usage,
    };
    if path.is_file()
        && path.extension().is_some_and(|e| e == "json")
        && !kind::is_configuration(&path.to_string_lossy())
    {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let imported = import::import_plan(&file, &text, &Limits::default(), &options);
        let mut files = BTreeMap::new();
        files.insert(file, text);
        return Ok(TfInput {
            imported,
            files,
            base: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        });
    }
    if path.is_file() && path.extension().is_some_and(|e| e == "zip") {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let shown = path.display().to_string();
        let limits = Limits::default();
        let files = planwright_core::terraform::archive::unzip(
            &shown,
            &bytes,
            limits.max_total_bytes,
            limits.max_files,
        )
        .map_err(|d| {
            let hint = d.hint.map(|h| format!(" (hint: {h})")).unwrap_or_default();
            format!("{shown}: {}{hint}", d.message)
        })?;
        let Some(root_dir) = planwright_core::terraform::archive::root_module_dir(&files) else {
            return Err(format!("{shown} holds no .tf files"));
        };
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        return finish(files, base, root_dir, args, options);
    }
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let mut files = Vec::new();
    collect(&dir, &dir, 0, overlay, &mut files)?;
    if !files
        .iter()
        .any(|(p, _)| kind::is_configuration(p) && !p.contains('/'))
    {
        return Err(format!("{} holds no .tf files", dir.display()));
    }
    // A root module calling `../modules/x`: read from the directory its modules live under.
    let up = reach_up(&files).min(3);
    let (base, root_dir) = if up > 0 {
        let mut base = dir
            .canonicalize()
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        let mut segs = Vec::new();
        for _ in 0..up {
            if let (Some(n), Some(parent)) = (
                base.file_name().map(|n| n.to_string_lossy().to_string()),
                base.parent(),
            ) {
                segs.push(n);
                base = parent.to_path_buf();
            }
        }
        segs.reverse();
        files.clear();
        collect(&base, &base, 0, overlay, &mut files)?;
        (base, segs.join("/"))
    } else {
        (dir.clone(), String::new())
    };
    finish(files, base, root_dir, args, options)
}

/// Reads the module in `files` (its root at `root_dir`), with the `--var-file`s and
/// `--var`s of `args`.
fn finish(
    mut files: Vec<(String, String)>,
    base: PathBuf,
    root_dir: String,
    args: &TfArgs,
    options: Options,
) -> Result<TfInput, String> {
    let prefix = if root_dir.is_empty() {
        String::new()
    } else {
        format!("{root_dir}/")
    };
    let mut var_files = Vec::new();
    for f in &args.var_files {
        let text =
            std::fs::read_to_string(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
        let name = format!(
            "{prefix}{}",
            f.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
        // The file is given by its path; it joins the input set under the root module.
        files.retain(|(p, _)| *p != name);
        files.push((name.clone(), text));
        var_files.push(name);
    }
    let mut vars = Vec::new();
    for v in &args.vars {
        match ModuleOptions::parse_var(v) {
            Some(kv) => vars.push(kv),
            None => return Err(format!("--var {v}: expected NAME=VALUE")),
        }
    }
    let module = ModuleOptions {
        vars,
        var_files,
        root_dir,
        ..ModuleOptions::default()
    };
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let imported = import::import_module(&refs, &module, &options);
    Ok(TfInput {
        imported,
        files: files.into_iter().collect(),
        base,
    })
}
