//! In headless Chromium: the page's state stays split by concern (`planwright_web::state`).
//! The view settings never reach the document (a language change keeps the undo history),
//! an action of the designs store leaves the editor as it was (not copied, not
//! re-evaluated), and opening another design gives the editor a fresh history while the
//! store keeps every saved text.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use planwright_core::source::edit::Change;
use planwright_core::source::node::DesignPath;

use common::{fire, mount_app, rendered, until};
use planwright_web::state::designs::{DesignsAction, Shared};
use planwright_web::state::editor::{CompareWith, EditorAction};
use planwright_web::state::settings::{Currency, Prefs, SettingsAction};
use planwright_web::state::{Action, Page};
use planwright_web::view::View;
use planwright_web::workspace::{design_key, INDEX_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

const A: &str =
    "version: 1\nname: a\nregion: us-east-1\nresources:\n  x: { kind: custom, monthly_usd: 10 }\n";
const B: &str =
    "version: 1\nname: b\nregion: us-east-1\nresources:\n  y: { kind: custom, monthly_usd: 20 }\n";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A page on design `A` alone, as on a first visit that imported it.
fn page_on_a() -> Rc<Page> {
    storage().clear().unwrap();
    let page = Rc::new(Page::restore("")).reduce(Action::ImportFile(A.into()));
    assert_eq!(page.editor.text, A);
    page
}

#[wasm_bindgen_test]
fn the_view_settings_never_touch_the_document() {
    let page = page_on_a();
    let page = page.reduce(Action::Editor(EditorAction::Type(
        format!("{A}# typed\n"),
        0.0,
    )));
    assert_eq!(page.editor.undo.len(), 1);
    let key = design_key(page.designs.workspace.current_id());
    // Recorded, written off the keystroke's path.
    assert!(page.designs.unsaved);
    let saved = storage().get_item(&key).unwrap();
    assert!(!saved.as_deref().unwrap_or("").contains("# typed"));
    let page = page.reduce(Action::Flush);
    assert!(!page.designs.unsaved);
    let saved = storage().get_item(&key).unwrap();
    assert!(saved.as_deref().unwrap_or("").contains("# typed"));
    let report = page.editor.report.clone().unwrap();

    let settings = Rc::new(Prefs::restore())
        .reduce(SettingsAction::Lang(planwright_web::i18n::Lang::Ko))
        .reduce(SettingsAction::Currency(Currency::Krw))
        .reduce(SettingsAction::Rate(Some(1300.0)));
    // What the app shows is derived from the same report: nothing is evaluated again.
    let view = View::new(&settings, page.editor.report.as_deref());
    assert_eq!(view.lang, planwright_web::i18n::Lang::Ko);
    assert_eq!(view.money.show(report.cost.monthly.expected), "₩13,000");
    assert_eq!(page.editor.undo.len(), 1);
    // The settings are saved; the designs are not written again.
    let prefs = storage().get_item("planwright.prefs.v1").unwrap().unwrap();
    assert!(prefs.contains("Ko") && prefs.contains("1300"), "{prefs}");
    assert_eq!(storage().get_item(&key).unwrap(), saved);
    // A rate that is not one is no rate.
    let settings = settings.reduce(SettingsAction::Rate(Some(-1.0)));
    assert_eq!(settings.krw_per_usd, None);
}

#[wasm_bindgen_test]
fn a_designs_action_leaves_the_editor_as_it_was() {
    let page = page_on_a();
    let actions = [
        Action::Designs(DesignsAction::Notice("hello".into())),
        Action::Designs(DesignsAction::DismissNotice),
        Action::Designs(DesignsAction::ShowShareUrl(Some("http://x/#d=1".into()))),
        Action::Designs(DesignsAction::CatalogImport(vec!["bad.json: no".into()])),
        Action::Designs(DesignsAction::DismissShared),
        // A shared link read after it was dismissed stays dismissed.
        Action::SharedRead(Ok(B.into())),
    ];
    let mut page = page;
    for action in actions {
        let before = page.editor.clone();
        page = page.reduce(action);
        assert!(Rc::ptr_eq(&before, &page.editor), "the editor was copied");
    }
    assert_eq!(page.designs.catalog_errors, ["bad.json: no"]);
    assert_eq!(page.designs.shared, None);
    // And the document alone: an oversize text or a comparison leave the store as it was.
    for action in [
        EditorAction::Oversize(1 << 20),
        EditorAction::Compare(Some(CompareWith::Saved(0))),
        EditorAction::Compare(None),
    ] {
        let before = page.designs.clone();
        page = page.reduce(Action::Editor(action));
        assert!(
            Rc::ptr_eq(&before, &page.designs),
            "the designs were copied"
        );
    }
}

#[wasm_bindgen_test]
fn opening_another_design_gives_a_fresh_history_and_keeps_the_saved_texts() {
    let page = page_on_a();
    let first = page.designs.workspace.current;
    let page = page.reduce(Action::ImportFile(B.into()));
    let edited_b = format!("{B}# edited\n");
    let page = page.reduce(Action::Editor(EditorAction::Type(edited_b.clone(), 0.0)));
    assert_eq!(page.editor.undo.len(), 1);
    // Recorded as typed (before it is evaluated), and written by the next flush.
    let b = page.designs.workspace.current;
    assert_eq!(page.designs.workspace.designs[b].text, edited_b);
    let page = page.reduce(Action::Flush);
    assert!(storage()
        .get_item(&design_key(page.designs.workspace.current_id()))
        .unwrap()
        .unwrap()
        .contains("# edited"));

    let page = page.reduce(Action::SwitchDesign(first));
    assert_eq!(page.editor.text, A);
    assert!(page.editor.undo.is_empty() && page.editor.redo.is_empty());
    assert_eq!(page.designs.workspace.designs[b].text, edited_b);
    // Nothing to undo in this design: B's history did not come along.
    let page = page.reduce(Action::Editor(EditorAction::Undo));
    assert_eq!(page.editor.text, A);
    assert_eq!(page.designs.workspace.designs[first].text, A);

    // Undo and redo in the design they belong to.
    let page = page.reduce(Action::SwitchDesign(b));
    assert_eq!(page.editor.text, edited_b);
    let rename = Change::Set {
        path: DesignPath::root().key("name"),
        value: serde_json::json!("b2"),
    };
    let page = page.reduce(Action::Editor(EditorAction::Change(vec![rename])));
    let renamed = page.editor.text.clone();
    assert!(renamed.contains("name: b2"), "{renamed}");
    let page = page.reduce(Action::Editor(EditorAction::Undo));
    assert_eq!(page.editor.text, edited_b);
    assert_eq!(page.designs.workspace.designs[b].text, edited_b);
    let page = page.reduce(Action::Editor(EditorAction::Redo));
    assert_eq!(page.designs.workspace.designs[b].text, renamed);
    assert_eq!(page.designs.workspace.designs[b].name, "b2");

    // A shared link's design offered, then opened as a new saved design.
    let page = Rc::new(Page::restore("#d=x"));
    assert!(matches!(page.designs.shared, Some(Shared::Opening(_))));
    let page = page.reduce(Action::SharedRead(Ok(A.into())));
    let count = page.designs.workspace.designs.len();
    let page = page.reduce(Action::OpenShared);
    assert_eq!(page.designs.workspace.designs.len(), count + 1);
    assert_eq!(
        (page.editor.text.as_str(), page.designs.shared.clone()),
        (A, None)
    );
}

/// In the mounted app: picking another language reaches the settings' reducer only, and
/// keeps the text and its undo history (undo still goes back).
#[wasm_bindgen_test]
async fn picking_a_language_keeps_the_text_and_its_history() {
    storage().clear().unwrap();
    let root = mount_app();
    let document = web_sys::window().unwrap().document().unwrap();
    let area: web_sys::HtmlTextAreaElement = rendered(&root, "#design").await.unchecked_into();
    until(|| !area.value().is_empty()).await;
    let original = area.value();
    let typed = format!("{original}# typed\n");
    area.set_value(&typed);
    fire(&area, "input");
    let undo: web_sys::HtmlElement = rendered(&root, "#undo").await.unchecked_into();
    until(|| !undo.has_attribute("disabled")).await;

    let lang: web_sys::HtmlSelectElement = rendered(&root, "#lang-picker").await.unchecked_into();
    lang.set_value("ko");
    // The page's reducer saves the environment shown on every action it takes: a language
    // change must not be one (nothing is evaluated again). Checked before anything else
    // can run: the event, the reducers and their storage writes are synchronous.
    storage().remove_item("planwright.env.v1").unwrap();
    fire(&lang, "change");
    assert_eq!(storage().get_item("planwright.env.v1").unwrap(), None);
    assert!(storage()
        .get_item("planwright.prefs.v1")
        .unwrap()
        .unwrap()
        .contains("Ko"));
    until(|| {
        document
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref()
            == Some("ko")
    })
    .await;
    assert_eq!(area.value(), typed);
    assert!(!undo.has_attribute("disabled"), "the undo history was lost");

    undo.click();
    until(|| area.value() == original).await;
}

/// Delete keeps the design in the recently deleted list: Undo (the newest) or the list
/// brings it back, text intact, as a saved design again; a reload still lists it.
#[wasm_bindgen_test]
fn a_deleted_design_comes_back() {
    let page = page_on_a().reduce(Action::ImportFile(B.into()));
    let count = page.designs.workspace.designs.len();
    let page = page.reduce(Action::DeleteDesign(1_000.0));
    assert_eq!(page.designs.workspace.designs.len(), count - 1);
    assert_eq!(page.designs.just_deleted.as_deref(), Some("b"));
    assert_ne!(page.editor.text, B);
    // Survives a reload.
    let reloaded = Page::restore("");
    assert_eq!(reloaded.designs.deleted.len(), 1);
    assert!(!reloaded
        .designs
        .workspace
        .designs
        .iter()
        .any(|d| d.text == B));
    let page = page.reduce(Action::RestoreDeleted(0));
    assert_eq!(page.editor.text, B);
    assert_eq!(page.designs.workspace.designs.len(), count);
    assert!(page.designs.deleted.is_empty() && page.designs.just_deleted.is_none());
    let reloaded = Page::restore("");
    assert!(reloaded
        .designs
        .workspace
        .designs
        .iter()
        .any(|d| d.text == B));
    assert!(reloaded.designs.deleted.is_empty());
}

/// Two tabs on the same design: one learns of the other's save (its own text one Undo
/// away); a save over a newer one from the other tab is kept as a copy, never written over.
#[wasm_bindgen_test]
fn two_tabs_never_overwrite_each_other() {
    let first = page_on_a()
        .reduce(Action::Editor(EditorAction::Type(
            format!("{A}# one\n"),
            0.0,
        )))
        .reduce(Action::Flush);
    let id = first.designs.workspace.current_id().to_string();
    // A second tab opens the same store.
    let second = Rc::new(Page::restore(""));
    let second = match second
        .designs
        .workspace
        .designs
        .iter()
        .position(|d| d.id == id)
    {
        Some(i) => second.reduce(Action::SwitchDesign(i)),
        None => panic!("the second tab lists the design"),
    };
    assert!(second.editor.text.ends_with("# one\n"));
    let second = second
        .reduce(Action::Editor(EditorAction::Type(
            format!("{A}# two\n"),
            0.0,
        )))
        .reduce(Action::Flush);
    let key = design_key(&id);
    let written = storage().get_item(&key).unwrap();
    // The first tab hears of it.
    let first = first.reduce(Action::StorageChanged(Some(key.clone()), written));
    assert!(
        first.editor.text.ends_with("# two\n"),
        "{}",
        first.editor.text
    );
    let first = first
        .reduce(Action::Editor(EditorAction::Undo))
        .reduce(Action::Flush);
    assert!(first.editor.text.ends_with("# one\n"));
    // The second tab, not yet told, types again: its text becomes a copy.
    let before = second.designs.workspace.designs.len();
    let second = second
        .reduce(Action::Editor(EditorAction::Type(
            format!("{A}# three\n"),
            0.0,
        )))
        .reduce(Action::Flush);
    assert_eq!(second.designs.workspace.designs.len(), before + 1);
    assert!(second
        .designs
        .notice
        .as_ref()
        .map(|n| n.text(planwright_web::i18n::Lang::En))
        .as_deref()
        .unwrap_or("")
        .contains("copy"));
    let stored = storage().get_item(&key).unwrap().unwrap();
    assert!(
        stored.contains("# one"),
        "the other tab's save stands: {stored}"
    );
    let index = storage().get_item(INDEX_KEY).unwrap().unwrap();
    let copy = second.designs.workspace.current_id().to_string();
    assert!(index.contains(&copy) && index.contains(&id), "{index}");
    // The other tab lists the copy; a design deleted in one tab leaves the other's list.
    let index_changed = || {
        Action::StorageChanged(
            Some(INDEX_KEY.into()),
            storage().get_item(INDEX_KEY).unwrap(),
        )
    };
    let first = first.reduce(index_changed());
    assert!(first.designs.workspace.designs.iter().any(|d| d.id == copy));
    let second = second.reduce(Action::DeleteDesign(5.0));
    let first = first.reduce(index_changed()).reduce(Action::StorageChanged(
        Some("planwright.deleted.v1".into()),
        storage().get_item("planwright.deleted.v1").unwrap(),
    ));
    assert!(!first.designs.workspace.designs.iter().any(|d| d.id == copy));
    assert_eq!(first.designs.deleted.len(), 1);
    assert_eq!(first.designs.deleted, second.designs.deleted);
}

/// The clock is read where a keystroke happens: keystrokes a second apart are two undo
/// steps, closer ones one, whatever the time the test runs at.
#[wasm_bindgen_test]
fn typing_coalesces_by_the_keystrokes_own_times() {
    let page = page_on_a()
        .reduce(Action::Editor(EditorAction::Type(
            format!("{A}#1\n"),
            10_000.0,
        )))
        .reduce(Action::Editor(EditorAction::Type(
            format!("{A}#12\n"),
            10_400.0,
        )));
    assert_eq!(page.editor.undo.len(), 1);
    let page = page.reduce(Action::Editor(EditorAction::Type(
        format!("{A}#123\n"),
        12_000.0,
    )));
    assert_eq!(page.editor.undo.len(), 2);
}

/// An edit recorded but not yet written when the page crashes is written by the panic
/// hook's rescue; over another tab's newer save it becomes a new design.
#[wasm_bindgen_test]
fn a_crash_before_the_save_loses_nothing() {
    let page = page_on_a().reduce(Action::Editor(EditorAction::Type(
        format!("{A}# unsaved\n"),
        0.0,
    )));
    let key = design_key(page.designs.workspace.current_id());
    assert!(!storage()
        .get_item(&key)
        .unwrap()
        .unwrap_or_default()
        .contains("# unsaved"));
    planwright_web::state::designs::rescue();
    assert!(storage()
        .get_item(&key)
        .unwrap()
        .unwrap()
        .contains("# unsaved"));
    // Another tab saves rev 99 meanwhile; this tab's next crash keeps both.
    // (The crashed page is gone: a reload reads what was rescued.)
    let page = Rc::new(Page::restore(""));
    assert!(page.editor.text.contains("# unsaved"));
    let page = page.reduce(Action::Editor(EditorAction::Type(
        format!("{A}# mine\n"),
        5_000.0,
    )));
    let key = design_key(page.designs.workspace.current_id());
    storage()
        .set_item(&key, "{\"rev\":99,\"name\":\"a\",\"text\":\"theirs\"}")
        .unwrap();
    planwright_web::state::designs::rescue();
    assert!(storage()
        .get_item(&key)
        .unwrap()
        .unwrap()
        .contains("theirs"));
    let reloaded = Page::restore("");
    assert!(reloaded
        .designs
        .workspace
        .designs
        .iter()
        .any(|d| d.text.contains("# mine")));
    drop(page);
}

/// The actions not met above: a rename with its references (one undo step; a taken name
/// refused with a notice), a policy pack in and out, an environment picked and dropped.
#[wasm_bindgen_test]
fn renames_packs_and_environments_do_what_they_say() {
    use planwright_core::refs::Named;
    const NET: &str = "version: 1\nname: n\nregion: us-east-1\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24 }\n    b: { cidr: 10.0.2.0/24 }\nresources:\n  w: { kind: compute, instance_type: t3.small, subnets: [a] }\n";
    storage().clear().unwrap();
    let page = Rc::new(Page::restore("")).reduce(Action::ImportFile(NET.into()));
    let rename = |from: &str, to: &str| {
        Action::Editor(EditorAction::Rename {
            names: Named::Subnet,
            from: from.into(),
            to: to.into(),
        })
    };
    let page = page.reduce(rename("a", "app"));
    assert!(
        page.editor.text.contains("app: { cidr") && page.editor.text.contains("subnets: [app]")
    );
    assert_eq!(page.editor.undo.len(), 1, "one undo step");
    assert!(page.editor.errors.is_empty());
    let page = page.reduce(rename("app", "b"));
    assert!(page
        .designs
        .notice
        .as_ref()
        .map(|n| n.text(planwright_web::i18n::Lang::En))
        .as_deref()
        .unwrap_or("")
        .contains("already exists"));
    assert!(page.editor.text.contains("subnets: [app]"));

    let pack = include_str!("../../../www/policies/acme-platform.yaml");
    let page = page.reduce(Action::ImportPack(pack.into()));
    assert!(page.designs.pack.is_some() && page.designs.pack_errors.is_empty());
    let with_pack = page.editor.report.as_ref().unwrap().findings.len();
    let page = page.reduce(Action::RemovePack);
    assert!(page.designs.pack.is_none());
    assert!(
        page.editor.report.as_ref().unwrap().findings.len() < with_pack,
        "the pack's findings go with it"
    );
    let page = page.reduce(Action::ImportPack("rules: [".into()));
    assert!(page.designs.pack.is_none() && !page.designs.pack_errors.is_empty());

    let multi = include_str!("../../../www/examples/multi-env.yaml");
    let page = page.reduce(Action::ImportFile(multi.into()));
    let page = page.reduce(Action::Editor(EditorAction::SelectEnv(Some("dev".into()))));
    assert_eq!(page.editor.env.as_deref(), Some("dev"));
    assert_eq!(page.editor.report.as_ref().unwrap().environment, "dev");
    let page = page.reduce(Action::Editor(EditorAction::SelectEnv(None)));
    assert_eq!(page.editor.env, None);
}
