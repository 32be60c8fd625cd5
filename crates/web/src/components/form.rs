//! The form editor: the same design as the text, as fields. Every field commits a
//! `Change` at its design path, which the state splices into the text (comments and layout
//! kept), so the two editors can never disagree: the form is drawn from the text's tree.
//!
//! It covers what architects change most: the design's name, region and DR targets;
//! resources (add from a palette of kinds, rename, remove, and their main sizing fields,
//! with instance types and classes picked from the catalog showing vCPU, memory and price);
//! and security-group rules as editable tables. Everything else stays in the text.

use std::rc::Rc;

use planwright_core::model::Provider;
use planwright_core::refs::{self, Named, Reference};
use planwright_core::resources::{kind_info, Holds, REGISTRY};
use planwright_core::source::edit::Change;
use planwright_core::source::node::{DesignPath, Node, Resolved};
use planwright_core::Catalog;
use serde_json::{json, Value as Json};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::editor::{Editor, EditorAction};
use crate::state::{Action, AppContext};

/// The document, read; changes go through the app's context.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub editor: Rc<Editor>,
}

/// The entries of a map node, by name (empty when there is none).
fn entries(map: Option<&Node>) -> Vec<(String, Node)> {
    map.and_then(Node::as_map)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| k.scalar_text().map(|k| (k.to_string(), v.clone())))
                .collect()
        })
        .unwrap_or_default()
}

fn text_of(node: Option<&Node>) -> String {
    node.and_then(Node::scalar_text).unwrap_or("").to_string()
}

/// A number field's text as JSON: an integer, a decimal, or (empty) nothing.
fn number(text: &str) -> Option<Json> {
    let t = text.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Some(json!(i));
    }
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(|x| json!(x))
}

/// An `onchange` renaming the `names` called `old`, with every reference to it (one edit);
/// an empty or unchanged name puts the old one back, a taken one is refused with a notice.
fn rename_field(
    rename: &Callback<(Named, String, String)>,
    names: Named,
    old: String,
) -> Callback<Event> {
    let rename = rename.clone();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let to = input.value().trim().to_string();
        // The old name until the design says otherwise: a rename made redraws the new one,
        // a refused one (taken) leaves this.
        input.set_value(&old);
        if !to.is_empty() && to != old {
            rename.emit((names, old.clone(), to));
        }
    })
}

/// A reference that names nothing (`validate` reports it), with a picker of the names that
/// exist: picking one repairs it, "remove" takes the reference out.
fn repair(
    change: &Callback<Vec<Change>>,
    view: &crate::view::View,
    id: String,
    reference: &Reference,
    known: &[String],
) -> Html {
    let change = change.clone();
    let path = reference.path.clone();
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        let v = select.value();
        change.emit(vec![if v.is_empty() {
            Change::Remove { path: path.clone() }
        } else {
            Change::Set {
                path: path.clone(),
                value: json!(v),
            }
        }]);
    });
    let field = reference
        .path
        .0
        .iter()
        .rev()
        .find_map(|s| match s {
            planwright_core::path::Seg::Key(k) => Some(k.clone()),
            _ => None,
        })
        .unwrap_or_default();
    html! {
        <label class="field dangling">
            <span>{ format!("{field}: `{}` {}", reference.name, view.t("does not exist")) }</span>
            <select {id} {onchange}>
                <option value="-" selected=true disabled=true>{ format!("{}…", view.t("Pick one")) }</option>
                { for known.iter().map(|n| html! { <option value={n.clone()}>{ n.clone() }</option> }) }
                <option value="">{ view.t("Remove the reference") }</option>
            </select>
        </label>
    }
}

/// A table cell editing the scalar at `path`: text, or for `ports` a number when it reads
/// as one (`443`, but `8000-8100` and `all` stay text); emptied, the field is removed.
fn table_cell(
    change: &Callback<Vec<Change>>,
    id: String,
    label: &'static str,
    path: DesignPath,
    value: String,
) -> Html {
    let change = change.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let v = input.value().trim().to_string();
        change.emit(vec![if v.is_empty() {
            Change::Remove { path: path.clone() }
        } else {
            Change::Set {
                path: path.clone(),
                value: (label == "ports")
                    .then(|| number(&v))
                    .flatten()
                    .unwrap_or_else(|| json!(v)),
            }
        }]);
    });
    html! { <td><input {id} aria-label={label} {value} {onchange} /></td> }
}

/// The catalog's choices for a price group in a region, with specs and price.
fn choices(catalog: &Catalog, region: &str, group: &str) -> Vec<(String, String)> {
    let Some(prices) = catalog.group(region, group) else {
        return Vec::new();
    };
    prices
        .prices
        .iter()
        .map(|(sku, usd)| {
            let spec = catalog.spec_of_sku(sku);
            let label = match spec {
                Some(s) => format!(
                    "{} vCPU · {} GiB · {}",
                    s.vcpu,
                    s.memory_gb,
                    crate::money::per_hour(*usd)
                ),
                None => crate::money::per_hour(*usd),
            };
            (sku.clone(), label)
        })
        .collect()
}

#[component]
pub fn FormEditor(props: &Props) -> Html {
    let Some(app) = use_context::<AppContext>() else {
        return html! {};
    };
    let view = &app.view;
    let s = &props.editor;
    let Some(root) = s.base.clone() else {
        return html! { <div class="form-editor" id="form-editor"><p class="muted">{ view.t("Fix the text's errors to use the form.") }</p></div> };
    };
    let change = {
        let page = app.page.clone();
        Callback::from(move |changes: Vec<Change>| {
            page.dispatch(Action::Editor(EditorAction::Change(changes)))
        })
    };
    let rename = {
        let page = app.page.clone();
        Callback::from(move |(names, from, to): (Named, String, String)| {
            page.dispatch(Action::Editor(EditorAction::Rename { names, from, to }))
        })
    };
    let region = text_of(root.get("region"));
    let root_path = DesignPath::root();
    // The base design's references that name nothing, each repaired on its resource's card.
    let declared = |names: Named| names.declared(&root);
    let known = [Named::Resource, Named::Subnet, Named::SecurityGroup].map(|n| (n, declared(n)));
    let dangling: Vec<Reference> = refs::references(&root)
        .into_iter()
        .filter(|r| r.path.resource().is_some())
        .filter(|r| {
            known
                .iter()
                .any(|(n, names)| *n == r.names && !names.contains(&r.name))
        })
        .collect();

    let text_input = |id: String,
                      label: &str,
                      path: DesignPath,
                      value: String,
                      list: Option<String>| {
        let change = change.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let v = input.value();
            change.emit(vec![if v.trim().is_empty() {
                Change::Remove { path: path.clone() }
            } else {
                Change::Set {
                    path: path.clone(),
                    value: json!(v.trim()),
                }
            }]);
        });
        html! {
            <label class="field">
                <span>{ label.to_string() }</span>
                <input id={id} type="text" value={value} list={list} {onchange} autocomplete="off" />
            </label>
        }
    };
    let number_input = |id: String, label: &str, path: DesignPath, value: String, unit: &str| {
        let change = change.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            change.emit(vec![match number(&input.value()) {
                Some(n) => Change::Set {
                    path: path.clone(),
                    value: n,
                },
                None => Change::Remove { path: path.clone() },
            }]);
        });
        html! {
            <label class="field">
                <span>{ label.to_string() }</span>
                <input id={id} type="number" step="any" min="0" value={value} {onchange} />
                if !unit.is_empty() { <span class="unit">{ unit.to_string() }</span> }
            </label>
        }
    };
    let toggle = |id: String, label: &str, path: DesignPath, on: bool| {
        let change = change.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            change.emit(vec![Change::Set {
                path: path.clone(),
                value: json!(input.checked()),
            }]);
        });
        html! {
            <label class="field toggle">
                <input id={id} type="checkbox" checked={on} {onchange} />
                <span>{ label.to_string() }</span>
            </label>
        }
    };
    let select_input = |id: String,
                        label: &str,
                        path: DesignPath,
                        value: String,
                        values: &'static [&'static str]| {
        let change = change.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            change.emit(vec![if v.is_empty() {
                Change::Remove { path: path.clone() }
            } else {
                Change::Set {
                    path: path.clone(),
                    value: json!(v),
                }
            }]);
        });
        let known = values.contains(&value.as_str());
        html! {
            <label class="field">
                <span>{ label.to_string() }</span>
                <select id={id} {onchange}>
                    if value.is_empty() { <option value="" selected=true>{ "—" }</option> }
                    if !value.is_empty() && !known { <option value={value.clone()} selected=true>{ value.clone() }</option> }
                    { for values.iter().map(|v| html! { <option value={*v} selected={*v == value}>{ *v }</option> }) }
                </select>
            </label>
        }
    };

    // Design-level fields. The provider's regions (their prices are fetched when picked), and any
    // other region an imported catalog prices.
    let provider = root
        .get("provider")
        .and_then(Node::scalar_text)
        .and_then(Provider::from_name)
        .unwrap_or_default();
    let mut regions: Vec<&str> = provider.regions().to_vec();
    for r in s.prices.catalog.region_names() {
        if !regions.contains(&r) {
            regions.push(r);
        }
    }
    let on_region = {
        let change = change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            change.emit(vec![Change::Set {
                path: DesignPath::root().key("region"),
                value: json!(select.value()),
            }]);
        })
    };
    let targets = |which: &str| {
        text_of(
            root.get("dr")
                .and_then(|d| d.get("targets"))
                .and_then(|t| t.get(which)),
        )
    };

    // Resources.
    let resources = entries(root.get("resources"));
    let names: Rc<Vec<String>> = Rc::new(resources.iter().map(|(n, _)| n.clone()).collect());
    let on_add = {
        let change = change.clone();
        let names = names.clone();
        let catalog = s.prices.catalog.clone();
        let region = region.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let kind = select.value();
            select.set_value("");
            let Some(info) = kind_info(&kind) else {
                return;
            };
            let name = (1..)
                .map(|i| format!("{}-{i}", kind.replace('_', "-")))
                .find(|n| !names.contains(n))
                .unwrap_or_default();
            // What it picks from the catalog, priced in the design's region.
            let Some(value) = info.example_in(&catalog, &region) else {
                return;
            };
            change.emit(vec![Change::Set {
                path: DesignPath::root().key("resources").key(name),
                value,
            }]);
        })
    };
    let mut datalists: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let resource_cards = resources.iter().enumerate().map(|(i, (name, node))| {
        let kind = text_of(node.get("kind"));
        let at = root_path.key("resources").key(name.as_str());
        let on_rename = rename_field(&rename, Named::Resource, name.clone());
        let repairs = dangling.iter().enumerate().filter(|(_, r)| r.path.resource() == Some(name.as_str())).map(|(d, r)| {
            let names = known.iter().find(|(n, _)| *n == r.names).map(|(_, v)| v.as_slice()).unwrap_or_default();
            repair(&change, view, format!("repair-{i}-{d}"), r, names)
        }).collect::<Html>();
        let on_remove = {
            let change = change.clone();
            let at = at.clone();
            Callback::from(move |_: MouseEvent| change.emit(vec![Change::Remove { path: at.clone() }]))
        };
        let monthly = s.report.as_ref().and_then(|r| r.cost.resources.iter().find(|c| &c.name == name)).map(|c| view.money.show(c.monthly.expected));
        let fields = kind_info(&kind).map(|k| (k.form_fields)(node)).unwrap_or_default();
        let no_fields = fields.is_empty();
        let rows = fields.into_iter().map(|field| {
            let id = format!("f-{i}-{}", field.path.replace('.', "-"));
            let path = field.path_under(&at);
            let current = field.node_in(node);
            match field.holds {
                Holds::Text => text_input(id, field.label, path, text_of(current), None),
                // A usage estimate written as a band: one input per end.
                Holds::Number if current.and_then(Node::as_map).is_some() => {
                    let ends = planwright_core::model::Estimate::FIELDS.iter().map(|end| {
                        let at = current.and_then(|c| c.get(end));
                        number_input(format!("{id}-{end}"), end, path.key(*end), text_of(at), "")
                    }).collect::<Html>();
                    html! {
                        <fieldset class="estimate" id={id.clone()}>
                            <legend>{ field.label.to_string() }{ " " }<span class="unit">{ field.unit.to_string() }</span></legend>
                            { ends }
                        </fieldset>
                    }
                }
                Holds::Number => number_input(id, field.label, path, text_of(current), field.unit),
                Holds::Toggle => toggle(id, field.label, path, matches!(current.and_then(Node::resolve), Some(Resolved::Bool(true)))),
                Holds::Choice(values) => select_input(id, field.label, path, text_of(current), values),
                Holds::Catalog { group, fallback } => {
                    let group = match fallback {
                        Some(f) if s.prices.catalog.group(&region, group).is_none() => f,
                        _ => group,
                    };
                    let list = format!("catalog-{group}");
                    if !datalists.iter().any(|(l, _)| *l == list) {
                        datalists.push((list.clone(), choices(&s.prices.catalog, &region, group)));
                    }
                    text_input(id, field.label, path, text_of(current), Some(list))
                }
            }
        }).collect::<Html>();
        html! {
            <details class="resource-card" data-resource={name.clone()} open={resources.len() <= 8}>
                <summary>
                    <span class="kind">{ kind.clone() }</span>
                    <input class="name" id={format!("name-{i}")} aria-label={view.t("Name")} value={name.clone()} onchange={on_rename} />
                    if let Some(m) = monthly { <span class="monthly">{ m }</span> }
                    <button class="remove" id={format!("remove-{i}")} title={view.t("Remove")} aria-label={format!("{} {name}", view.t("Remove"))} onclick={on_remove}>{ "✕" }</button>
                </summary>
                <div class="fields">
                    { repairs }
                    { rows }
                    if no_fields { <p class="muted">{ view.t("Edit the other fields in the text editor.") }</p> }
                </div>
            </details>
        }
    }).collect::<Html>();

    // Subnets: a table (name, CIDR, zone, public).
    let subnets = entries(root.get("network").and_then(|n| n.get("subnets")));
    let subnets_at = root_path.key("network").key("subnets");
    let on_add_subnet = {
        let change = change.clone();
        let at = subnets_at.clone();
        let vpc = text_of(root.get("network").and_then(|n| n.get("vpc")));
        let taken: Vec<String> = subnets
            .iter()
            .map(|(_, n)| text_of(n.get("cidr")))
            .collect();
        let names: Vec<String> = subnets.iter().map(|(n, _)| n.clone()).collect();
        Callback::from(move |_: MouseEvent| {
            let name = (1..)
                .map(|i| format!("subnet-{i}"))
                .find(|n| !names.contains(n))
                .unwrap_or_default();
            let cidr = planwright_core::model::network::free_subnet(&vpc, &taken)
                .unwrap_or_else(|| "10.0.0.0/24".into());
            change.emit(vec![Change::Set {
                path: at.key(name),
                value: json!({ "cidr": cidr, "zone": "a" }),
            }]);
        })
    };
    let subnet_rows = subnets.iter().enumerate().map(|(i, (name, subnet))| {
        let at = subnets_at.key(name.as_str());
        // A taken name is refused with a notice, and the field shows the old one again.
        let on_rename = rename_field(&rename, Named::Subnet, name.clone());
        let cell = |key: &'static str| {
            table_cell(&change, format!("subnet-{i}-{key}"), key, at.key(key), text_of(subnet.get(key)))
        };
        let on_remove = {
            let change = change.clone();
            let at = at.clone();
            Callback::from(move |_: MouseEvent| change.emit(vec![Change::Remove { path: at.clone() }]))
        };
        html! {
            <tr data-subnet={name.clone()}>
                <td><input id={format!("subnet-{i}-name")} aria-label={view.t("Name")} value={name.clone()} onchange={on_rename} /></td>
                { cell("cidr") }
                { cell("zone") }
                <td>{ toggle(format!("subnet-{i}-public"), "public", at.key("public"), matches!(subnet.get("public").and_then(Node::resolve), Some(Resolved::Bool(true)))) }</td>
                <td><button class="remove" id={format!("subnet-{i}-remove")} aria-label={view.t("Remove")} onclick={on_remove}>{ "✕" }</button></td>
            </tr>
        }
    }).collect::<Html>();

    // Security groups: ingress rules as tables.
    let groups: Vec<(String, Vec<Node>)> =
        entries(root.get("network").and_then(|n| n.get("security_groups")))
            .into_iter()
            .map(|(name, sg)| {
                let rules = sg
                    .get("ingress")
                    .and_then(Node::as_seq)
                    .map(<[Node]>::to_vec)
                    .unwrap_or_default();
                (name, rules)
            })
            .collect();
    let sg_tables = groups.iter().enumerate().map(|(g, (sg, rules))| {
        let list = root_path.key("network").key("security_groups").key(sg.as_str()).key("ingress");
        let on_add_rule = {
            let change = change.clone();
            let list = list.clone();
            Callback::from(move |_: MouseEvent| change.emit(vec![Change::Append {
                path: list.clone(),
                value: json!({"ports": 443, "protocol": "tcp", "from": "10.0.0.0/16"}),
            }]))
        };
        let cell = |r: usize, key: &'static str, value: String| {
            table_cell(&change, format!("sg-{g}-{r}-{key}"), key, list.index(r).key(key), value)
        };
        html! {
            <div class="sg" data-sg={sg.clone()}>
                <h4><input class="name" id={format!("sg-{g}-name")} aria-label={view.t("Name")} value={sg.clone()} onchange={rename_field(&rename, Named::SecurityGroup, sg.clone())} /></h4>
                <table class="rules">
                    <thead><tr>
                        <th>{ view.t("Ports") }</th><th>{ view.t("Protocol") }</th><th>{ view.t("From") }</th><th>{ view.t("Description") }</th><th></th>
                    </tr></thead>
                    <tbody>
                        { for rules.iter().enumerate().map(|(r, rule)| {
                            let ports = match rule.get("ports") {
                                Some(p) => p.scalar_text().map(str::to_string).unwrap_or_else(|| {
                                    p.as_seq().map(|s| s.iter().filter_map(Node::scalar_text).collect::<Vec<_>>().join(", ")).unwrap_or_default()
                                }),
                                None => String::new(),
                            };
                            let on_remove = {
                                let change = change.clone();
                                let path = list.index(r);
                                Callback::from(move |_: MouseEvent| change.emit(vec![Change::Remove { path: path.clone() }]))
                            };
                            html! {
                                <tr>
                                    { cell(r, "ports", ports) }
                                    { cell(r, "protocol", text_of(rule.get("protocol"))) }
                                    { cell(r, "from", text_of(rule.get("from"))) }
                                    { cell(r, "description", text_of(rule.get("description"))) }
                                    <td><button class="remove" id={format!("sg-{g}-{r}-remove")} aria-label={view.t("Remove")} onclick={on_remove}>{ "✕" }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <button class="add" id={format!("sg-{g}-add")} onclick={on_add_rule}>{ view.t("Add rule") }</button>
            </div>
        }
    }).collect::<Html>();

    html! {
        <div class="form-editor" id="form-editor">
            <section>
                <h3>{ view.t("Design") }</h3>
                { text_input("f-name".into(), view.t("Name"), root_path.key("name"), text_of(root.get("name")), None) }
                <label class="field">
                    <span>{ view.t("Region") }</span>
                    <select id="f-region" onchange={on_region}>
                        if !regions.contains(&region.as_str()) { <option selected=true value={region.clone()}>{ region.clone() }</option> }
                        { for regions.iter().map(|r| html! { <option value={r.to_string()} selected={*r == region}>{ *r }</option> }) }
                    </select>
                </label>
                { text_input("f-rto".into(), "RTO target", root_path.key("dr").key("targets").key("rto"), targets("rto"), None) }
                { text_input("f-rpo".into(), "RPO target", root_path.key("dr").key("targets").key("rpo"), targets("rpo"), None) }
            </section>
            <section>
                <h3>{ view.t("Resources") }</h3>
                <select id="add-resource" aria-label={view.t("Add resource")} onchange={on_add}>
                    <option value="" selected=true>{ format!("{}…", view.t("Add resource")) }</option>
                    { for REGISTRY.iter().map(|k| html! { <option value={k.name} title={k.summary}>{ k.name }</option> }) }
                </select>
                { resource_cards }
            </section>
            if root.get("network").is_some() {
                <section>
                    <h3>{ view.t("Subnets") }</h3>
                    <table class="rules" id="subnets">
                        <thead><tr><th>{ view.t("Name") }</th><th>{ "CIDR" }</th><th>{ view.t("zone") }</th><th></th><th></th></tr></thead>
                        <tbody>{ subnet_rows }</tbody>
                    </table>
                    <button class="add" id="add-subnet" onclick={on_add_subnet}>{ view.t("Add subnet") }</button>
                </section>
            }
            if !groups.is_empty() {
                <section>
                    <h3>{ view.t("Security groups") }</h3>
                    { sg_tables }
                </section>
            }
            { for datalists.into_iter().map(|(id, options)| html! {
                <datalist id={id}>
                    { for options.into_iter().map(|(v, label)| html! { <option value={v}>{ label }</option> }) }
                </datalist>
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_added_prices_in_each_region_the_page_ships() {
        let catalog = crate::catalogs::default_catalog_for_tests();
        let mut unpriced = Vec::new();
        // Tokyo's shipped file holds a few groups only (the page fetches a synced catalog), and
        // Seoul's has no Amazon MQ: those lines say they are unpriced, which is right.
        for region in ["us-east-1", "ap-northeast-2"] {
            for info in REGISTRY {
                let value = info.example_in(&catalog, region).unwrap();
                let text = planwright_core::source::edit::apply(
                    &format!("version: 1\nname: t\nregion: {region}\nresources:\n  x: {{ kind: custom, monthly_usd: 1 }}\n"),
                    &[Change::Set {
                        path: DesignPath::root().key("resources").key(format!("new-{}", info.name)),
                        value,
                    }],
                )
                .unwrap();
                let report = planwright_core::evaluate_text(
                    &text,
                    &planwright_core::Options {
                        catalog: Some(&catalog),
                        ..Default::default()
                    },
                )
                .unwrap_or_else(|e| panic!("{region} {}: {e:?}", info.name));
                let priced = report
                    .cost
                    .resources
                    .iter()
                    .find(|r| r.name == format!("new-{}", info.name))
                    .unwrap();
                if !priced.complete && !(region == "ap-northeast-2" && info.name == "queue") {
                    unpriced.push(format!("{region} {}", info.name));
                }
            }
        }
        assert_eq!(unpriced, Vec::<String>::new());
    }
}
