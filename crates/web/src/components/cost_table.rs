//! Per-resource costs, sortable by name, kind or amount; each resource expands to its
//! line items (quantity, unit, unit price and the catalog source on hover).

use std::collections::HashSet;
use std::rc::Rc;

use planwright_core::Report;
use yew::prelude::*;

use crate::view::use_view;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
    /// Where each resource came from in Terraform (empty for a design written by hand).
    #[prop_or_default]
    pub origins: crate::tf_source::Origins,
    #[prop_or_default]
    pub on_tf: Callback<crate::tf_source::Origin>,
}

#[derive(Clone, Copy, PartialEq)]
enum Sort {
    /// Design order.
    Design,
    Name,
    Kind,
    /// Most expensive first.
    Monthly,
}

#[component]
pub fn CostTable(props: &Props) -> Html {
    let view = use_view();
    let sort = use_state(|| Sort::Design);
    // Which resources are expanded. A row compares this handle, which changes only when
    // the set does: a keystroke that changes one resource re-renders one row.
    let open = use_state(HashSet::<String>::new);
    // Printed, the table shows every line: each resource opens before the page is laid out
    // for print (the browser's `beforeprint`, which the Print button also sends).
    {
        let (open, names) = (
            open.setter(),
            props
                .report
                .cost
                .resources
                .iter()
                .map(|r| r.name.clone())
                .collect::<HashSet<_>>(),
        );
        use_effect_with(names, move |names| {
            let names = names.clone();
            // Removed when dropped: when the names change, or with the table.
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "beforeprint", move |_| open.set(names.clone()))
            });
            move || drop(listener)
        });
    }
    let r = &props.report;
    let mut order: Vec<(usize, &planwright_core::report::ResourceCost)> =
        r.cost.resources.iter().enumerate().collect();
    match *sort {
        Sort::Design => {}
        Sort::Name => planwright_core::order::sort_by(&mut order, |a, b| a.1.name.cmp(&b.1.name)),
        Sort::Kind => planwright_core::order::sort_by(&mut order, |a, b| {
            a.1.kind.cmp(b.1.kind).then(a.1.name.cmp(&b.1.name))
        }),
        Sort::Monthly => planwright_core::order::sort_by(&mut order, |a, b| {
            b.1.monthly.expected.cmp(&a.1.monthly.expected)
        }),
    }
    let header = |label: &'static str, by: Sort, class: &'static str| {
        let sort = sort.clone();
        let active = *sort == by;
        let onclick = Callback::from(move |_: MouseEvent| {
            sort.set(if *sort == by { Sort::Design } else { by })
        });
        html! {
            <th class={class} aria-sort={if active { "descending" } else { "none" }}>
                <button class="sort" {onclick}>{ view.t(label) }{ if active { " ▾" } else { "" } }</button>
            </th>
        }
    };
    let all_open = !r.cost.resources.is_empty() && open.len() == r.cost.resources.len();
    let toggle_all = {
        let open = open.clone();
        let report = props.report.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(if all_open {
                HashSet::new()
            } else {
                report
                    .cost
                    .resources
                    .iter()
                    .map(|x| x.name.clone())
                    .collect()
            })
        })
    };
    html! {
        <table class="cost-table" id="cost-table">
            <thead>
                <tr>
                    { header("Resource / item", Sort::Name, "") }
                    <th class="num">{ view.t("Quantity") }</th>
                    { header("Unit", Sort::Kind, "") }
                    <th class="num">{ view.t("Unit price") }</th>
                    { header("Monthly", Sort::Monthly, "num") }
                </tr>
            </thead>
            { for order.into_iter().map(|(index, res)| html! {
                <ResourceRow key={res.name.clone()} report={props.report.clone()} {index} open={open.clone()}
                    origins={props.origins.clone()} on_tf={props.on_tf.clone()} />
            }) }
            <tfoot>
                <tr>
                    <th><button class="expand" id="expand-all" onclick={toggle_all}>{ if all_open { "▾ " } else { "▸ " } }{ view.t("Total") }</button></th><td></td><td></td><td></td>
                    <td class="num">{ view.money.show(r.cost.monthly.expected) }</td>
                </tr>
            </tfoot>
        </table>
    }
}

#[derive(Properties)]
struct RowProps {
    report: Rc<Report>,
    /// The resource's place in `report.cost.resources`.
    index: usize,
    open: UseStateHandle<HashSet<String>>,
    origins: crate::tf_source::Origins,
    on_tf: Callback<crate::tf_source::Origin>,
}

/// Equal when the row would look the same: a keystroke that changes one resource
/// re-renders one row, not all of them.
impl PartialEq for RowProps {
    fn eq(&self, other: &Self) -> bool {
        self.open == other.open
            && self.on_tf == other.on_tf
            && crate::tf_source::origin_of(&self.origins, &self.report_name())
                == crate::tf_source::origin_of(&other.origins, &other.report_name())
            && self.report.cost.resources.get(self.index)
                == other.report.cost.resources.get(other.index)
    }
}

impl RowProps {
    fn report_name(&self) -> String {
        self.report
            .cost
            .resources
            .get(self.index)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }
}

#[component]
fn ResourceRow(props: &RowProps) -> Html {
    let view = use_view();
    let Some(res) = props.report.cost.resources.get(props.index) else {
        return html! {};
    };
    let expanded = props.open.contains(&res.name);
    let onclick = {
        let open = props.open.clone();
        let name = res.name.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*open).clone();
            if !next.remove(&name) {
                next.insert(name.clone());
            }
            open.set(next);
        })
    };
    html! {
        <tbody class={classes!("resource", expanded.then_some("open"))} data-resource={res.name.clone()}>
            <tr class="resource-row">
                <th scope="rowgroup">
                    <button class="expand" aria-expanded={expanded.to_string()} {onclick}>{ if expanded { "▾ " } else { "▸ " } }{ &res.name }</button>
                    { crate::tf_source::button(&props.origins, &res.name, &props.on_tf, view.t("Open the Terraform it came from")) }
                    <span class="kind">{ res.kind }</span>
                    if !res.complete { <span class="badge warn">{ view.t("incomplete") }</span> }
                </th>
                <td></td><td></td><td></td>
                <td class="num subtotal">{ view.money.show(res.monthly.expected) }</td>
            </tr>
            if expanded {
                { for res.lines.iter().map(|l| html! {
                    <tr class="line">
                        <td class="desc" title={l.source.to_string()}>{ &l.description }</td>
                        <td class="num">{ l.quantity.to_string() }</td>
                        <td>{ &l.unit }</td>
                        <td class="num">{ crate::money::unit_price(l.unit_price) }</td>
                        <td class="num">{ view.money.show(l.monthly) }</td>
                    </tr>
                }) }
            }
        </tbody>
    }
}
