//! The page's Terraform reader, a WebAssembly module of its own: the HCL parser and the
//! mappings are a quarter of a megabyte the first paint does not need, so the page loads
//! this only when a user opens Terraform. One function, JSON in and out, so the page needs
//! no bindings to its types.

use planwright_core::import::{self, Limits, ModuleOptions, Options};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What the page sends: the files it read (a folder's `.tf` / `.tfvars`, or one plan JSON).
#[derive(Debug, Deserialize)]
pub struct Request {
    pub files: Vec<File>,
    /// The root module's directory among the files (`""`: the top).
    #[serde(default)]
    pub root_dir: String,
    /// The design's `name:`.
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub region: Option<String>,
    /// `NAME=VALUE` pairs, as `--var` takes them.
    #[serde(default)]
    pub vars: Vec<String>,
}

#[derive(Debug, Deserialize, Serialize)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// What the page gets back.
#[derive(Debug, Serialize)]
pub struct Response {
    /// The design (empty when the Terraform could not be read).
    pub design: String,
    pub region: String,
    pub resources: Vec<import::Source>,
    pub unsupported: std::collections::BTreeMap<String, u32>,
    /// Errors and warnings, each with its `.tf` file, line and column.
    pub diagnostics: Vec<planwright_core::Diagnostic>,
    pub errors: usize,
    /// The `.tf` file and line of each line of `design` (index = line - 1), when it has one.
    pub lines: Vec<Option<(String, u32)>>,
    /// One line for the page's notice: what was read.
    pub summary: String,
    /// The errors as `file:line:column: message` (the page lists them when nothing opens).
    pub problems: Vec<String>,
    /// The files read out of a `.zip` (the page keeps them for its read-only view).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<File>,
}

fn located(d: &planwright_core::Diagnostic) -> String {
    match (&d.file, d.line) {
        (Some(f), Some(l)) => format!("{f}:{l}:{}: {}", d.column.unwrap_or(1), d.message),
        (Some(f), None) => format!("{f}: {}", d.message),
        _ => d.message.clone(),
    }
}

/// Imports Terraform: `request` is a [`Request`] as JSON; returns a [`Response`] as JSON.
/// Never throws: a request that does not read is a response with one error.
pub fn import_json(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(req) => import_request(&req),
        Err(e) => refused(format!(
            "the page sent a request the reader cannot read: {e}"
        )),
    };
    serde_json::to_string(&response).unwrap_or_else(|_| "{}".into())
}

/// A response that opens nothing, for one reason.
fn refused(message: String) -> Response {
    Response {
        design: String::new(),
        region: String::new(),
        resources: Vec::new(),
        unsupported: Default::default(),
        diagnostics: vec![planwright_core::Diagnostic::error(
            planwright_core::diag::Code::Terraform,
            message.clone(),
        )],
        errors: 1,
        lines: Vec::new(),
        summary: String::new(),
        problems: vec![message],
        files: Vec::new(),
    }
}

/// As [`import_json`], for a `.zip` of a repository named `archive`: its Terraform files
/// (below a top folder they all share) are the request's, its root module the shallowest
/// directory of `.tf` files.
pub fn import_zip_json(request: &str, archive: &str, bytes: &[u8]) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Err(e) => refused(format!(
            "the page sent a request the reader cannot read: {e}"
        )),
        Ok(mut req) => {
            let limits = Limits::default();
            match planwright_core::terraform::archive::unzip(
                archive,
                bytes,
                limits.max_total_bytes,
                limits.max_files,
            ) {
                Err(d) => refused(match d.hint {
                    Some(h) => format!("{} ({h})", d.message),
                    None => d.message,
                }),
                Ok(files) => {
                    req.root_dir = planwright_core::terraform::archive::root_module_dir(&files)
                        .unwrap_or_default();
                    req.files = files
                        .into_iter()
                        .map(|(path, text)| File { path, text })
                        .collect();
                    let mut response = import_request(&req);
                    response.files = std::mem::take(&mut req.files);
                    response
                }
            }
        }
    };
    serde_json::to_string(&response).unwrap_or_else(|_| "{}".into())
}

/// The page's entry point for a `.zip` (see [`import_zip_json`]).
#[wasm_bindgen(js_name = importTerraformZip)]
pub fn import_terraform_zip(request: &str, archive: &str, bytes: &[u8]) -> String {
    import_zip_json(request, archive, bytes)
}

fn import_request(req: &Request) -> Response {
    let options = Options {
        name: if req.name.is_empty() {
            "terraform".into()
        } else {
            req.name.clone()
        },
        region: req.region.clone(),
        usage: None,
    };
    let plan = match req.files.as_slice() {
        [one] if import::kind::may_be_plan(&one.path) && import::is_plan_json(&one.text) => {
            Some(one)
        }
        _ => None,
    };
    let imported = match plan {
        Some(f) => import::import_plan(&f.path, &f.text, &Limits::default(), &options),
        None => {
            let files: Vec<(&str, &str)> = req
                .files
                .iter()
                .filter(|f| import::kind::is_module_file(&f.path))
                .map(|f| (f.path.as_str(), f.text.as_str()))
                .collect();
            let module = ModuleOptions {
                vars: req
                    .vars
                    .iter()
                    .filter_map(|v| ModuleOptions::parse_var(v))
                    .collect(),
                root_dir: req.root_dir.clone(),
                ..ModuleOptions::default()
            };
            import::import_module(&files, &module, &options)
        }
    };
    let errors = imported.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings: Vec<&planwright_core::Diagnostic> = imported
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .collect();
    // The first warning worth reading (not a free type's count).
    let first = warnings
        .iter()
        .find(|d| !d.message.contains("does not charge"))
        .map(|d| format!(" First: {}", located(d)))
        .unwrap_or_default();
    let counted: u32 = imported.unsupported.values().sum();
    let summary = format!(
        "Read from Terraform: {} resources ({counted} of other types counted, not priced), {} warnings.{first}",
        imported.resources.len(),
        warnings.len()
    );
    let problems = imported
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(located)
        .collect();
    Response {
        summary,
        problems,
        design: if errors > 0 {
            String::new()
        } else {
            imported.text.clone()
        },
        region: imported.region.clone(),
        lines: imported
            .lines
            .iter()
            .map(|l| l.as_ref().map(|s| (s.file.to_string(), s.line)))
            .collect(),
        resources: imported.resources,
        unsupported: imported.unsupported,
        diagnostics: imported.diagnostics,
        errors,
        files: Vec::new(),
    }
}

/// The page's entry point (see [`import_json`]).
#[wasm_bindgen(js_name = importTerraform)]
pub fn import_terraform(request: &str) -> String {
    import_json(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_a_module_and_reports_errors_located() {
        let req = serde_json::json!({
            "files": [{ "path": "infra/main.tf", "text": "provider \"aws\" { region = \"ap-northeast-2\" }\nresource \"aws_instance\" \"web\" {\n  instance_type = \"t3.micro\"\n}\n" }],
            "root_dir": "infra",
            "name": "infra"
        });
        let out: serde_json::Value = serde_json::from_str(&import_json(&req.to_string())).unwrap();
        assert_eq!(out["errors"], 0, "{out}");
        assert_eq!(out["region"], "ap-northeast-2");
        assert!(out["design"]
            .as_str()
            .unwrap()
            .contains("\"aws_instance.web\":"));
        let broken =
            serde_json::json!({ "files": [{ "path": "main.tf", "text": "resource \"x\" {" }] });
        let out: serde_json::Value =
            serde_json::from_str(&import_json(&broken.to_string())).unwrap();
        assert!(out["errors"].as_u64().unwrap() > 0);
        assert_eq!(out["diagnostics"][0]["file"], "main.tf");
        assert_eq!(out["design"], "");
        let garbage: serde_json::Value = serde_json::from_str(&import_json("not json")).unwrap();
        assert_eq!(garbage["errors"], 1);
    }
}
