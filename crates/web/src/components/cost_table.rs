//! Line items grouped by resource, with subtotals.

use std::rc::Rc;

use planwright_core::units::format_usd;
use planwright_core::Report;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<Report>,
}

#[component]
pub fn CostTable(props: &Props) -> Html {
    let r = &props.report;
    html! {
        <table class="cost-table" id="cost-table">
            <thead>
                <tr>
                    <th>{ "Resource / item" }</th>
                    <th class="num">{ "Quantity" }</th>
                    <th>{ "Unit" }</th>
                    <th class="num">{ "Unit price" }</th>
                    <th class="num">{ "Monthly" }</th>
                </tr>
            </thead>
            { for r.cost.resources.iter().map(|res| html! {
                <tbody class="resource" data-resource={res.name.clone()}>
                    <tr class="resource-row">
                        <th scope="rowgroup">
                            { &res.name }
                            <span class="kind">{ res.kind }</span>
                            if !res.complete { <span class="badge warn">{ "incomplete" }</span> }
                        </th>
                        <td></td><td></td><td></td>
                        <td class="num subtotal">{ format_usd(res.monthly.expected) }</td>
                    </tr>
                    { for res.lines.iter().map(|l| html! {
                        <tr class="line">
                            <td class="desc" title={l.source.to_string()}>{ &l.description }</td>
                            <td class="num">{ l.quantity.to_string() }</td>
                            <td>{ &l.unit }</td>
                            <td class="num">{ format!("${}", l.unit_price) }</td>
                            <td class="num">{ format_usd(l.monthly) }</td>
                        </tr>
                    }) }
                </tbody>
            }) }
            <tfoot>
                <tr>
                    <th>{ "Total" }</th><td></td><td></td><td></td>
                    <td class="num">{ format_usd(r.cost.monthly.expected) }</td>
                </tr>
            </tfoot>
        </table>
    }
}
