//! In headless Chromium: the core evaluates designs in WebAssembly exactly as natively (the
//! JSON reports equal the golden files the native tests check, given the same catalog
//! files), and the page mounts.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

mod common;
use common::{mount_app, rendered};

wasm_bindgen_test_configure!(run_in_browser);

/// A case's golden report, split by concern as the native golden test writes it (cost,
/// findings, readiness, header with diagnostics).
macro_rules! golden {
    ($name:literal) => {
        [
            include_str!(concat!(
                "../../core/tests/fixtures/expected/",
                $name,
                "/cost.json"
            )),
            include_str!(concat!(
                "../../core/tests/fixtures/expected/",
                $name,
                "/findings.json"
            )),
            include_str!(concat!(
                "../../core/tests/fixtures/expected/",
                $name,
                "/readiness.json"
            )),
            include_str!(concat!(
                "../../core/tests/fixtures/expected/",
                $name,
                "/diagnostics.json"
            )),
        ]
    };
}

/// (design, golden report) pairs, embedded at build time.
const CASES: &[(&str, &str, [&str; 4])] = &[
    (
        "scaling_schedule",
        include_str!("../../core/tests/fixtures/designs/scaling_schedule.yaml"),
        golden!("scaling_schedule"),
    ),
    (
        "kubernetes",
        include_str!("../../core/tests/fixtures/designs/kubernetes.yaml"),
        golden!("kubernetes"),
    ),
    (
        "object_storage",
        include_str!("../../core/tests/fixtures/designs/object_storage.yaml"),
        golden!("object_storage"),
    ),
    (
        "transfer_and_pricing",
        include_str!("../../core/tests/fixtures/designs/transfer_and_pricing.yaml"),
        golden!("transfer_and_pricing"),
    ),
    (
        "unknown_prices",
        include_str!("../../core/tests/fixtures/designs/unknown_prices.yaml"),
        golden!("unknown_prices"),
    ),
    (
        "example-shop-web-app",
        include_str!("../../../www/examples/shop-web-app.yaml"),
        golden!("example-shop-web-app"),
    ),
    (
        "example-k8s-gpu-inference",
        include_str!("../../../www/examples/k8s-gpu-inference.yaml"),
        golden!("example-k8s-gpu-inference"),
    ),
];

/// The repository's catalog files (`catalog/`): what the native goldens are priced with
/// (the CLI's embedded catalog). The page has no prices built in.
const CATALOG_FILES: &[(&str, &str)] = &[
    (
        "ap-northeast-1.json",
        include_str!("../../../catalog/ap-northeast-1.json"),
    ),
    (
        "ap-northeast-2.json",
        include_str!("../../../catalog/ap-northeast-2.json"),
    ),
    ("global.json", include_str!("../../../catalog/global.json")),
    (
        "us-east-1.json",
        include_str!("../../../catalog/us-east-1.json"),
    ),
];

/// The test runner serves no `catalog/`: give the page the files as imported catalogs.
fn give_the_page_its_catalog() {
    for (name, text) in CATALOG_FILES {
        planwright_web::catalogs::add_user_catalog(text)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
}

#[wasm_bindgen_test]
fn core_reports_in_wasm_equal_the_native_goldens() {
    let catalog = planwright_core::Catalog::from_files(CATALOG_FILES.iter().copied()).unwrap();
    let options = planwright_core::Options {
        catalog: Some(&catalog),
        ..Default::default()
    };
    for (name, design, golden) in CASES {
        let report = planwright_core::evaluate_text(design, &options)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let value = serde_json::to_value(&report).unwrap();
        let header = serde_json::json!({
            "version": value["version"],
            "design": value["design"],
            "environment": value["environment"],
            "diagnostics": value["diagnostics"],
        });
        let parts = [
            &value["cost"],
            &value["findings"],
            &value["readiness"],
            &header,
        ];
        for (part, expected) in parts.iter().zip(golden) {
            let json = serde_json::to_string_pretty(part).unwrap() + "\n";
            assert_eq!(
                &json, expected,
                "{name}: the wasm report differs from the native golden"
            );
        }
    }
}

#[wasm_bindgen_test]
fn errors_in_wasm_are_located() {
    let e = planwright_core::evaluate_text(
        "version: 1\nname: x\nregion: us-east-1\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, multi_azz: true }\n",
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e[0].code, "unknown-field");
    assert_eq!((e[0].line, e[0].column), (Some(5), Some(69)));
    assert_eq!(e[0].hint.as_deref(), Some("did you mean `multi_az`?"));
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_shows_a_total() {
    give_the_page_its_catalog();
    let root = mount_app();
    let total = rendered(&root, "#total").await;
    assert!(total.text_content().unwrap().starts_with('$'));
}

/// A link made by the browser's CompressionStream opens with the core's bounded decoder.
#[wasm_bindgen_test]
async fn browser_made_share_links_decode_in_the_core() {
    let text = include_str!("../../../www/examples/multi-env.yaml");
    let fragment = planwright_web::share_link::fragment(text)
        .await
        .expect("Chromium has CompressionStream");
    assert_eq!(planwright_core::share::decode(&fragment).unwrap(), text);
    assert!(fragment.len() < text.len());
}

/// The page opens links with the browser's DecompressionStream: the same texts and the same
/// refusals as the core's decoder, a compression bomb stopped at the design size limit.
#[wasm_bindgen_test]
async fn the_page_opens_links_like_the_core() {
    use planwright_core::share::{decode, encode, ShareError};
    use planwright_web::share_link::open;
    let text = include_str!("../../../www/examples/shop-web-app.yaml");
    let made_here = planwright_web::share_link::fragment(text).await.unwrap();
    assert_eq!(open(&made_here).await.unwrap(), text);
    assert_eq!(open(&format!("#{}", encode(text))).await.unwrap(), text);
    // Half the link, cut at a whole base64 quantum: the encoding reads, the deflate stream
    // ends early.
    let payload = made_here.find('=').map_or(0, |i| i + 1);
    let mut end = made_here.len() / 2;
    while (end - payload) % 4 != 0 {
        end -= 1;
    }
    let cut = &made_here[..end];
    assert_eq!(open(cut).await, Err(ShareError::Compression));
    assert_eq!(decode(cut), Err(ShareError::Compression));
    assert_eq!(open("d=***").await, Err(ShareError::Encoding));
    assert_eq!(open("x=1").await, Err(ShareError::NotALink));
    let bomb = encode(&"a".repeat(planwright_core::limits::MAX_DESIGN_BYTES + 1));
    assert!(bomb.len() < 10_000);
    assert_eq!(open(&bomb).await, Err(ShareError::TooLarge));
}

/// The embed card for a design in the fragment shows its total and verdicts.
#[wasm_bindgen_test]
async fn the_embed_card_renders_from_a_fragment() {
    give_the_page_its_catalog();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let fragment = format!(
        "#{}",
        planwright_core::share::encode(include_str!("../../../www/examples/shop-web-app.yaml"))
    );
    yew::Renderer::<planwright_web::embed::EmbedCard>::with_root_and_props(
        root.clone(),
        planwright_web::embed::Props {
            query: "?embed".into(),
            fragment,
        },
    )
    .render();
    let total = rendered(&root, "#embed-total").await;
    assert!(total.text_content().unwrap().starts_with('$'));
    assert!(root.query_selector("#embed-readiness").unwrap().is_some());
}

/// Without targets the card says "no target" for every scenario, never ✓.
#[wasm_bindgen_test]
async fn the_embed_card_shows_no_target_without_targets() {
    give_the_page_its_catalog();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let design = "version: 1\nname: none\nregion: us-east-1\nresources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro }\n";
    let fragment = format!("#{}", planwright_core::share::encode(design));
    yew::Renderer::<planwright_web::embed::EmbedCard>::with_root_and_props(
        root.clone(),
        planwright_web::embed::Props {
            query: "?embed".into(),
            fragment,
        },
    )
    .render();
    let card = rendered(&root, "#embed-readiness").await;
    let verdicts = card.query_selector_all(".verdict").unwrap();
    assert_eq!(verdicts.length(), 4);
    assert!(card.query_selector(".verdict.ok").unwrap().is_none());
    assert!(!card.text_content().unwrap().contains('✓'));
}

/// A catalog file that does not read is refused with located errors and changes nothing.
#[wasm_bindgen_test]
fn a_corrupt_catalog_is_refused_and_changes_nothing() {
    give_the_page_its_catalog();
    let before = planwright_web::catalogs::catalog();
    let full = CATALOG_FILES[3].1;
    let cut: String = full.chars().take(full.chars().count() / 2).collect();
    let errors = planwright_web::catalogs::add_user_catalog(&cut).unwrap_err();
    assert!(
        errors[0].line.is_some() && errors[0].column.is_some(),
        "{errors:?}"
    );
    assert_eq!(*planwright_web::catalogs::catalog(), *before);
    let message = planwright_web::catalogs::first_error("us-east-1.json", &errors);
    assert!(message.starts_with("us-east-1.json line "), "{message}");
}
