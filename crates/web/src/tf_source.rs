//! The Terraform a design was imported from, as the page shows it.
//!
//! Where each resource and network entry came from is read from the design's own text: the
//! importer writes `# aws_lb.web (compute.tf:1)` above each one, so the origins survive
//! edits, renames of other entries, reloads, exports and share links. The imported files
//! themselves are kept in this browser (the newest few imports, within a size bound) for a
//! read-only view at the line; a design whose files are not kept still shows its origins.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::store;

/// The origins of a design's names (in the order the text has them), shared by the
/// components that show them. A list, not a map: a design has at most a few thousand, and
/// a map type of its own would weigh more in the bundle than the searches cost.
pub type Origins = Rc<Vec<(String, Origin)>>;

/// Where the kept imports are, in localStorage.
pub const FILES_KEY: &str = "planwright.tf-files.v1";
/// The most the kept files may weigh: localStorage holds about 5 MB per site, shared with
/// the saved designs.
const MAX_KEPT_BYTES: usize = 2 * 1024 * 1024;
/// Imports kept (the newest).
const MAX_IMPORTS: usize = 3;

/// The origin of `name`, if it came from Terraform.
pub fn origin_of<'a>(origins: &'a [(String, Origin)], name: &str) -> Option<&'a Origin> {
    origins.iter().find(|(n, _)| n == name).map(|(_, o)| o)
}

/// A `.tf` file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

impl Origin {
    pub fn label(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// The origin of every name the importer commented (`# NAME (FILE:LINE)`), the first one
/// where a name is commented twice.
pub fn origins(text: &str) -> Vec<(String, Origin)> {
    let mut out: Vec<(String, Origin)> = Vec::new();
    for line in text.lines() {
        let Some(comment) = line.trim_start().strip_prefix("# ") else {
            continue;
        };
        let Some(inner) = comment.strip_suffix(')') else {
            continue;
        };
        let Some((name, at)) = inner.rsplit_once(" (") else {
            continue;
        };
        let Some((file, number)) = at.rsplit_once(':') else {
            continue;
        };
        let (Ok(line), false) = (number.parse::<u32>(), name.is_empty() || file.is_empty()) else {
            continue;
        };
        if origin_of(&out, name).is_none() {
            out.push((
                name.to_string(),
                Origin {
                    file: file.to_string(),
                    line,
                },
            ));
        }
    }
    out
}

/// A `main.tf:12` button for `name`, if it came from Terraform: it opens the file there.
pub fn button(
    origins: &Origins,
    name: &str,
    on_tf: &Callback<Origin>,
    title: &'static str,
) -> Html {
    let Some(origin) = origin_of(origins, name).cloned() else {
        return html! {};
    };
    let label = origin.label();
    let onclick = {
        let cb = on_tf.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit(origin.clone())
        })
    };
    html! {
        <button class="tf-at" {onclick} title={title}>{ label }</button>
    }
}

/// The kept imports, newest first: `[{ design, files: [[path, text], ...] }, ...]`, read
/// and written by the browser's JSON (no serde types of their own in the bundle).
fn kept_imports() -> Vec<(String, Vec<(String, String)>)> {
    let Some(raw) = store::get_raw(FILES_KEY) else {
        return Vec::new();
    };
    let Ok(list) = js_sys::JSON::parse(&raw) else {
        return Vec::new();
    };
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let array = |v: &JsValue| -> Vec<JsValue> {
        if js_sys::Array::is_array(v) {
            js_sys::Array::from(v).iter().collect()
        } else {
            Vec::new()
        }
    };
    array(&list)
        .iter()
        .filter_map(|k| {
            let design = get(k, "design")?.as_string()?;
            let files = array(&get(k, "files")?)
                .iter()
                .filter_map(|f| {
                    let pair = array(f);
                    Some((pair.first()?.as_string()?, pair.get(1)?.as_string()?))
                })
                .collect();
            Some((design, files))
        })
        .collect()
}

fn size(files: &[(String, String)]) -> usize {
    files.iter().map(|(p, t)| p.len() + t.len()).sum()
}

/// Keeps the files of an import for the read-only view, replacing an earlier import of the
/// same design and dropping the oldest beyond the bound. Err: why they are not kept (too
/// large, or the browser refused); the import itself stands.
pub fn keep(design: &str, files: Vec<(String, String)>) -> Result<(), String> {
    if size(&files) > MAX_KEPT_BYTES {
        return Err(format!(
            "the .tf files ({} KB) are too large to keep in this browser: open the folder again to view them",
            size(&files) / 1024
        ));
    }
    let mut kept = kept_imports();
    kept.retain(|(d, _)| d != design);
    kept.insert(0, (design.to_string(), files));
    kept.truncate(MAX_IMPORTS);
    while kept.len() > 1 && kept.iter().map(|(_, f)| size(f)).sum::<usize>() > MAX_KEPT_BYTES {
        kept.pop();
    }
    let list = js_sys::Array::new();
    for (design, files) in &kept {
        let entry = js_sys::Object::new();
        let pairs = js_sys::Array::new();
        for (path, text) in files {
            pairs.push(&js_sys::Array::of2(&path.into(), &text.into()));
        }
        let _ = js_sys::Reflect::set(&entry, &"design".into(), &design.into());
        let _ = js_sys::Reflect::set(&entry, &"files".into(), &pairs);
        list.push(&entry);
    }
    let refused = || {
        "this browser would not keep the .tf files: open the folder again to view them".to_string()
    };
    let json = js_sys::JSON::stringify(&list)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(refused)?;
    store::set_raw(FILES_KEY, &json).map_err(|_| refused())
}

/// The text of `file` from the import that became `design`, if this browser kept it.
pub fn kept_file(design: &str, file: &str) -> Option<String> {
    kept_imports()
        .into_iter()
        .find(|(d, _)| d == design)?
        .1
        .into_iter()
        .find(|(p, _)| p == file || p.ends_with(&format!("/{file}")))
        .map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_come_from_the_importers_comments() {
        let text = "resources:\n  # aws_lb.web (compute.tf:1)\n  \"aws_lb.web\":\n    kind: load_balancer\n  # a note (not an origin)\n  # aws_instance.app[\"a\"] (modules/app/main.tf:12)\n  x: 1\n    # aws_security_group.alb (network.tf:40)\n";
        let o = origins(text);
        let at = |n: &str| origin_of(&o, n).unwrap().clone();
        assert_eq!(at("aws_lb.web").label(), "compute.tf:1");
        assert_eq!(
            at("aws_instance.app[\"a\"]").label(),
            "modules/app/main.tf:12"
        );
        assert_eq!(at("aws_security_group.alb").line, 40);
        assert_eq!(o.len(), 3, "{o:?}");
    }
}
