//! Open Terraform in the page: a folder of `.tf` files (a root module and its local modules)
//! or a `terraform show -json` plan, read by the Terraform reader the page loads on first use
//! (`crates/tf-wasm`, through `js/tf.js`), and opened as a new saved design named by the
//! folder; each resource keeps its Terraform address and a comment with its `.tf` line. What
//! cannot be read is reported at its `file:line` and nothing changes.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::designs::DesignsAction;
use crate::state::{Action, AppContext, Page};

#[wasm_bindgen(module = "/js/tf.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = importTerraform)]
    async fn import_terraform(request: String) -> Result<JsValue, JsValue>;
    /// Called within the drop event (its data is gone once the event returns).
    #[wasm_bindgen(js_name = droppedFiles)]
    fn dropped_files(data: &web_sys::DataTransfer) -> js_sys::Promise;
    #[wasm_bindgen(catch, js_name = importTerraformZip)]
    async fn import_terraform_zip(request: String, zip: web_sys::Blob) -> Result<JsValue, JsValue>;
}

/// Sends a request (JSON) to the Terraform reader, loading it on first use; with `zip`, the
/// reader unpacks that archive for the request's files.
pub(crate) async fn call_reader(
    request: String,
    zip: Option<web_sys::Blob>,
) -> Result<String, JsValue> {
    match zip {
        Some(z) => import_terraform_zip(request, z).await,
        None => import_terraform(request).await,
    }
    .map(|v| v.as_string().unwrap_or_default())
}

/// The most a folder may hold in Terraform files: the reader's own input limit.
const MAX_BYTES: f64 = 8.0 * 1_048_576.0;

/// A field of a JS object (the reader's reply is parsed by the browser, not by serde: a
/// second JSON deserializer would cost the first paint's bundle for one button).
fn field(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn items(obj: &JsValue, key: &str) -> Vec<JsValue> {
    let v = field(obj, key);
    if js_sys::Array::is_array(&v) {
        js_sys::Array::from(&v).iter().collect()
    } else {
        Vec::new()
    }
}

/// What reading the files came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// The design to open, a one-line summary of what was read, and the files read (kept
    /// for the read-only view at a resource's line).
    Design {
        text: String,
        summary: String,
        files: Vec<(String, String)>,
    },
    /// Why nothing was opened (each problem at its `file:line`).
    Failed(Vec<String>),
}

/// The path a picked file has inside the picked folder (`infra/modules/db/main.tf`).
fn relative_path(file: &web_sys::File) -> String {
    // A dropped folder's files carry their path (`js/tf.js`), a picked folder's the browser's.
    ["planwrightPath", "webkitRelativePath"]
        .iter()
        .find_map(|key| {
            js_sys::Reflect::get(file, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
                .filter(|p| !p.is_empty())
        })
        .unwrap_or_else(|| file.name())
}

fn is_terraform(path: &str) -> bool {
    let skipped = path
        .split('/')
        .any(|seg| seg == ".terraform" || seg == ".git" || seg == "node_modules");
    !skipped
        && (path.ends_with(".tf")
            || path.ends_with(".tfvars")
            || path.ends_with(".tfvars.json")
            || path.ends_with(".json"))
}

async fn read_and_import(files: Vec<web_sys::File>) -> Imported {
    // A repository's .zip is unpacked by the reader itself.
    if let Some(zip) = files.iter().find(|f| f.name().ends_with(".zip")) {
        // Terraform compresses well: an archive past four times the input limit cannot fit.
        if zip.size() > 4.0 * MAX_BYTES {
            return Imported::Failed(vec![format!(
                "{} is {:.1} MB; a repository's Terraform should be well under {} MB zipped",
                zip.name(),
                zip.size() / 1_048_576.0,
                4.0 * MAX_BYTES / 1_048_576.0
            )]);
        }
        let name = zip.name().trim_end_matches(".zip").to_string();
        let request = format!(
            "{{\"files\":[],\"name\":{}}}",
            js_sys::JSON::stringify(&name.as_str().into())
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| "\"terraform\"".into())
        );
        let reply = import_terraform_zip(request, zip.clone().into()).await;
        return answer(reply, None);
    }
    let picked: Vec<(String, web_sys::File)> = files
        .into_iter()
        .map(|f| (relative_path(&f), f))
        .filter(|(p, _)| is_terraform(p))
        .collect();
    let total: f64 = picked.iter().map(|(_, f)| f.size()).sum();
    if picked.is_empty() {
        return Imported::Failed(vec![
            "no .tf, .tfvars or plan .json files were picked".into()
        ]);
    }
    if total > MAX_BYTES {
        return Imported::Failed(vec![format!(
            "the Terraform files are {:.1} MB; the limit is {} MB",
            total / 1_048_576.0,
            MAX_BYTES / 1_048_576.0
        )]);
    }
    // A plan is one JSON file; a folder's JSON files other than tfvars are not Terraform.
    let plans: Vec<&(String, web_sys::File)> = picked
        .iter()
        .filter(|(p, _)| {
            p.ends_with(".json") && !p.ends_with(".tfvars.json") && !p.ends_with(".tf.json")
        })
        .collect();
    let chosen: Vec<&(String, web_sys::File)> = if picked.len() == 1 || plans.len() == picked.len()
    {
        picked.iter().take(1).collect()
    } else {
        picked
            .iter()
            .filter(|(p, _)| {
                !p.ends_with(".json") || p.ends_with(".tfvars.json") || p.ends_with(".tf.json")
            })
            .collect()
    };
    let files = js_sys::Array::new();
    let mut paths: Vec<String> = Vec::new();
    let mut read: Vec<(String, String)> = Vec::new();
    for (path, file) in chosen {
        match JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|t| t.as_string())
        {
            Some(text) => {
                let f = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&f, &"path".into(), &path.as_str().into());
                let _ = js_sys::Reflect::set(&f, &"text".into(), &text.as_str().into());
                read.push((path.clone(), text));
                files.push(&f);
                paths.push(path.clone());
            }
            None => return Imported::Failed(vec![format!("{path} could not be read")]),
        }
    }
    // The picked folder is the root module; its name is the design's.
    let top = paths
        .first()
        .and_then(|p| p.split_once('/').map(|(top, _)| top.to_string()))
        .unwrap_or_default();
    let root_is_top = !top.is_empty() && paths.iter().all(|p| p.starts_with(&format!("{top}/")));
    let request = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&request, &"files".into(), &files);
    let root_dir = if root_is_top { top.as_str() } else { "" };
    let _ = js_sys::Reflect::set(&request, &"root_dir".into(), &root_dir.into());
    let name = if top.is_empty() {
        "terraform"
    } else {
        top.as_str()
    };
    let _ = js_sys::Reflect::set(&request, &"name".into(), &name.into());
    let Some(request) = js_sys::JSON::stringify(&request)
        .ok()
        .and_then(|s| s.as_string())
    else {
        return Imported::Failed(vec![
            "the files could not be sent to the Terraform reader".into()
        ]);
    };
    answer(
        import_terraform(request).await,
        Some((read, root_is_top, top)),
    )
}

/// What the reader's `reply` opens; `read` is what the page read itself (the files, and the
/// picked folder they sit in), else the reader's own `files` (a `.zip` it unpacked).
fn answer(
    reply: Result<JsValue, JsValue>,
    read: Option<(Vec<(String, String)>, bool, String)>,
) -> Imported {
    let reply = match reply.map(|v| v.as_string().unwrap_or_default()) {
        Ok(v) => v,
        Err(e) => {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "the Terraform reader could not be loaded".into());
            return Imported::Failed(vec![format!("the Terraform reader did not load: {why}")]);
        }
    };
    let Ok(response) = js_sys::JSON::parse(&reply) else {
        return Imported::Failed(vec!["the Terraform reader gave an unreadable answer".into()]);
    };
    let design = field(&response, "design").as_string().unwrap_or_default();
    if design.is_empty() {
        let problems: Vec<String> = items(&response, "problems")
            .iter()
            .filter_map(JsValue::as_string)
            .collect();
        return Imported::Failed(problems);
    }
    let files = match read {
        // The reader names files below the root module's directory, as the comments do.
        Some((read, root_is_top, top)) => {
            let prefix = if root_is_top {
                format!("{top}/")
            } else {
                String::new()
            };
            read.into_iter()
                .map(|(p, t)| (p.strip_prefix(&prefix).unwrap_or(&p).to_string(), t))
                .collect()
        }
        None => items(&response, "files")
            .iter()
            .filter_map(|f| Some((field(f, "path").as_string()?, field(f, "text").as_string()?)))
            .collect(),
    };
    Imported::Design {
        text: design,
        summary: field(&response, "summary").as_string().unwrap_or_default(),
        files,
    }
}

/// Terraform opens as a new saved design (the current one is kept), or says why not.
fn opened(page: &UseReducerDispatcher<Page>, outcome: Imported) {
    match outcome {
        Imported::Design {
            text,
            summary,
            files,
        } => {
            let name = crate::workspace::design_name(&text);
            let notice = match crate::tf_source::keep(&name, files) {
                Ok(()) => summary,
                Err(why) => format!("{summary} ({why})"),
            };
            page.dispatch(Action::ImportFile(text));
            page.dispatch(Action::Designs(DesignsAction::Notice(notice)));
        }
        Imported::Failed(problems) => {
            let shown: Vec<String> = problems.into_iter().take(3).collect();
            page.dispatch(Action::Designs(DesignsAction::Notice(format!(
                "The Terraform was not opened: {}",
                shown.join("; ")
            ))));
        }
    }
}

/// The files of a picked or dropped list.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Reads `files` (picked or dropped) and opens what they hold, `busy` meanwhile.
fn open_files(
    files: Vec<web_sys::File>,
    busy: UseStateHandle<bool>,
    page: Option<UseReducerDispatcher<Page>>,
) {
    if files.is_empty() {
        return;
    }
    busy.set(true);
    spawn_local(async move {
        let outcome = read_and_import(files).await;
        busy.set(false);
        if let Some(page) = &page {
            opened(page, outcome);
        }
    });
}

#[component]
pub fn TerraformImport() -> Html {
    let busy = use_state(|| false);
    let view = crate::view::use_view();
    let t = |key: &'static str| view.t(key);
    let page = use_context::<AppContext>().map(|c| c.page);
    let onchange = {
        let (busy, page) = (busy.clone(), page.clone());
        Callback::from(move |e: web_sys::Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let files = files_of(input.files());
            input.set_value("");
            open_files(files, busy.clone(), page.clone());
        })
    };
    // Dropping .tf files, a plan JSON or a repository's .zip on the Terraform buttons.
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let busy = busy.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(data) = e.data_transfer() else {
                return;
            };
            let dropped = JsFuture::from(dropped_files(&data));
            let (busy, page) = (busy.clone(), page.clone());
            spawn_local(async move {
                let list = dropped
                    .await
                    .unwrap_or_else(|_| js_sys::Array::new().into());
                let files = js_sys::Array::from(&list)
                    .iter()
                    .filter_map(|f| f.dyn_into::<web_sys::File>().ok())
                    .collect();
                open_files(files, busy, page);
            });
        })
    };
    html! {
        <span class="terraform" id="tf-drop" {ondragover} {ondrop} title={view.t("Drop .tf files, a plan JSON or a repository's .zip here")}>
            <label class="picker file" title={view.t("A folder with a root module (.tf, .tfvars) and its local modules")}>
                { if *busy { t("Reading Terraform…") } else { t("Open Terraform folder…") } }
                <input id="tf-folder" type="file" webkitdirectory=true multiple=true onchange={onchange.clone()} />
            </label>
            <label class="picker file" title={view.t("terraform show -json plan.out, or .tf files")}>
                { t("Open plan JSON / .tf…") }
                <input id="tf-files" type="file" multiple=true accept=".tf,.tfvars,.json,.zip" {onchange} />
            </label>
        </span>
    }
}
