//! Every action of the page's reducers, natively: the reducers read no clock and no
//! randomness, and their storage is the in-memory stand-in of `crate::store` here, so each
//! action is a plain function of the state (and what is stored) that a test can run.

use std::rc::Rc;

use planwright_core::refs::Named;
use planwright_core::source::edit::Change;
use planwright_core::source::node::DesignPath;
use yew::Reducible;

use super::designs::{DesignsAction, Shared};
use super::editor::{CompareWith, EditorAction};
use super::{Action, Page};
use crate::store::backend;
use crate::workspace::{design_key, DELETED_KEY, INDEX_KEY};

const A: &str =
    "version: 1\nname: a\nregion: us-east-1\nresources:\n  x: { kind: custom, monthly_usd: 10 }\n";
const B: &str =
    "version: 1\nname: b\nregion: us-east-1\nresources:\n  y: { kind: custom, monthly_usd: 20 }\n";
const NET: &str = "version: 1\nname: n\nregion: us-east-1\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24 }\n    b: { cidr: 10.0.2.0/24 }\nresources:\n  w: { kind: compute, instance_type: t3.small, subnets: [a] }\n";

/// A fresh browser with design `text` imported.
fn page_on(text: &str) -> Rc<Page> {
    backend::clear(false);
    Rc::new(Page::restore("")).reduce(Action::ImportFile(text.into()))
}

fn stored(key: &str) -> String {
    backend::local().get(key).cloned().unwrap_or_default()
}

fn typed(text: String, at_ms: f64) -> Action {
    Action::Editor(EditorAction::Type(text, at_ms))
}

#[test]
fn a_first_visit_opens_the_first_example_and_saves_it_when_flushed() {
    backend::clear(false);
    let page = Rc::new(Page::restore(""));
    assert_eq!(page.editor.text, crate::examples::EXAMPLES[0].text);
    let page = page.reduce(Action::NewFromExample(1));
    assert_eq!(page.editor.text, crate::examples::EXAMPLES[1].text);
    assert_eq!(page.designs.workspace.designs.len(), 2);
    assert!(stored(INDEX_KEY).contains(page.designs.workspace.current_id()));
    let unknown = page.clone().reduce(Action::NewFromExample(999));
    assert_eq!(unknown.designs.workspace.designs.len(), 2);
}

#[test]
fn typing_is_recorded_then_flushed_and_coalesced_by_its_own_times() {
    let page = page_on(A);
    let key = design_key(page.designs.workspace.current_id());
    let page = page.reduce(typed(format!("{A}#1\n"), 1_796_601_600_000.0));
    assert!(page.designs.unsaved && !stored(&key).contains("#1"));
    assert_eq!(
        page.editor.today, "2026-12-07",
        "today comes from the keystroke's time"
    );
    let page = page.reduce(typed(format!("{A}#12\n"), 1_796_601_600_500.0));
    assert_eq!(page.editor.undo.len(), 1, "one undo step within a second");
    let page = page.reduce(Action::Flush);
    assert!(!page.designs.unsaved && stored(&key).contains("#12"));
    let page = page.reduce(typed(format!("{A}#123\n"), 1_796_601_603_000.0));
    assert_eq!(page.editor.undo.len(), 2);
    // Undo and redo go through the same record and flush.
    let page = page.reduce(Action::Editor(EditorAction::Undo));
    assert_eq!(page.editor.text, format!("{A}#12\n"));
    let page = page
        .reduce(Action::Editor(EditorAction::Redo))
        .reduce(Action::Flush);
    assert!(stored(&key).contains("#123") && !page.designs.unsaved);
}

#[test]
fn a_quick_fix_right_after_typing_is_an_undo_step_of_its_own() {
    let page = page_on(A);
    let page = page.reduce(typed(format!("{A}#1\n"), 1_796_601_600_000.0));
    let page = page.reduce(Action::Editor(EditorAction::Put(
        format!("{A}#fixed\n"),
        1_796_601_600_200.0,
    )));
    assert_eq!(
        page.editor.undo.len(),
        2,
        "not merged into the typing before it"
    );
    let page = page.reduce(typed(format!("{A}#fixed2\n"), 1_796_601_600_300.0));
    assert_eq!(page.editor.undo.len(), 3, "nor the typing after it");
    let page = page
        .reduce(Action::Editor(EditorAction::Undo))
        .reduce(Action::Editor(EditorAction::Undo));
    assert_eq!(page.editor.text, format!("{A}#1\n"));
}

#[test]
fn an_oversize_text_is_refused_and_undo_takes_it_away() {
    let page = page_on(A).reduce(typed(format!("{A}# kept\n"), 0.0));
    let page = page.reduce(Action::Editor(EditorAction::Oversize(1 << 22)));
    assert!(page.editor.refused && !page.editor.errors.is_empty());
    assert_eq!(
        page.editor.text,
        format!("{A}# kept\n"),
        "the last text that fit stays"
    );
    let page = page.reduce(Action::Editor(EditorAction::Undo));
    assert!(!page.editor.refused && page.editor.errors.is_empty());
    assert_eq!(page.editor.text, format!("{A}# kept\n"));
}

#[test]
fn form_changes_and_renames_are_one_undo_step_each() {
    let page = page_on(NET);
    let set = Change::Set {
        path: DesignPath::root().key("name"),
        value: serde_json::json!("renamed"),
    };
    let page = page.reduce(Action::Editor(EditorAction::Change(vec![set])));
    assert!(page.editor.text.contains("name: renamed"));
    let rename = |from: &str, to: &str| {
        Action::Editor(EditorAction::Rename {
            names: Named::Subnet,
            from: from.into(),
            to: to.into(),
        })
    };
    let page = page.reduce(rename("a", "app"));
    assert!(page.editor.text.contains("subnets: [app]") && page.editor.errors.is_empty());
    assert_eq!(page.editor.undo.len(), 2);
    let page = page.reduce(rename("app", "b"));
    assert!(page
        .designs
        .notice
        .as_ref()
        .map(|n| n.text(crate::i18n::Lang::En))
        .as_deref()
        .unwrap_or("")
        .contains("already exists"));
    assert_eq!(
        page.editor.undo.len(),
        2,
        "a refused rename changes nothing"
    );
    // A change at a path that cannot be reached is refused with a notice too.
    let bad = Change::Rename {
        path: DesignPath::root().key("nothing"),
        to: "x".into(),
    };
    let page = page.reduce(Action::Editor(EditorAction::Change(vec![bad])));
    assert!(page.designs.notice.is_some());
}

#[test]
fn a_suggestion_applies_only_when_there_is_one() {
    let page = page_on(A);
    let same = page
        .clone()
        .reduce(Action::Editor(EditorAction::ApplySuggestion {
            scenario: 9,
            index: 9,
        }));
    assert_eq!(same.editor.text, page.editor.text);
    assert!(same.editor.undo.is_empty());
}

#[test]
fn environments_comparisons_and_prices() {
    let multi = include_str!("../../../../www/examples/multi-env.yaml");
    let page = page_on(multi);
    let page = page.reduce(Action::Editor(EditorAction::SelectEnv(Some("dev".into()))));
    assert_eq!(page.editor.report.as_ref().unwrap().environment, "dev");
    assert!(
        stored("planwright.env.v1").contains("dev"),
        "the environment shown is kept"
    );
    let page = page.reduce(Action::Editor(EditorAction::Compare(Some(
        CompareWith::Env(None),
    ))));
    assert!(page.editor.compare_report.is_some());
    let page = page.reduce(Action::Editor(EditorAction::SelectEnv(Some("nope".into()))));
    assert_eq!(
        page.editor.env, None,
        "an environment the design lacks falls back to the base"
    );
    let page = page.reduce(Action::Editor(EditorAction::Compare(None)));
    assert!(page.editor.compare_report.is_none());
    let before = page.editor.report.clone();
    let same = page.editor.prices.clone();
    let page = page.reduce(Action::Editor(EditorAction::Prices(same)));
    assert!(
        Rc::ptr_eq(
            before.as_ref().unwrap(),
            page.editor.report.as_ref().unwrap()
        ),
        "the same prices evaluate nothing"
    );
}

#[test]
fn switching_deleting_and_restoring_designs() {
    let page = page_on(A).reduce(Action::ImportFile(B.into()));
    let b = page.designs.workspace.current;
    let page = page.reduce(typed(format!("{B}# edited\n"), 0.0));
    let page = page.reduce(Action::SwitchDesign(0));
    // Switching wrote the pending edit first.
    assert!(!page.designs.unsaved);
    assert!(stored(&design_key(&page.designs.workspace.designs[b].id)).contains("# edited"));
    let page = page.reduce(Action::SwitchDesign(b));
    let count = page.designs.workspace.designs.len();
    let page = page.reduce(Action::DeleteDesign(5_000.0));
    assert_eq!(page.designs.workspace.designs.len(), count - 1);
    assert_eq!(page.designs.just_deleted.as_deref(), Some("b"));
    assert!(stored(DELETED_KEY).contains("# edited"));
    let page = page.reduce(Action::Designs(DesignsAction::DismissDeleted));
    assert!(page.designs.just_deleted.is_none());
    let page = page.reduce(Action::RestoreDeleted(0));
    assert_eq!(page.editor.text, format!("{B}# edited\n"));
    assert!(page.designs.deleted.is_empty());
    let page = page.reduce(Action::RestoreDeleted(0));
    assert_eq!(
        page.designs.workspace.designs.len(),
        count,
        "nothing left to restore"
    );
    let page = page.reduce(Action::SwitchDesign(99));
    assert_eq!(page.editor.text, format!("{B}# edited\n"));
}

#[test]
fn shared_links_are_offered_and_opened_or_dismissed() {
    backend::clear(false);
    let page = Rc::new(Page::restore("#d=abc"));
    assert!(matches!(page.designs.shared, Some(Shared::Opening(_))));
    let damaged = page.clone().reduce(Action::SharedRead(Err("bad".into())));
    assert!(matches!(damaged.designs.shared, Some(Shared::Damaged(_))));
    let page = page.reduce(Action::SharedRead(Ok(B.into())));
    let count = page.designs.workspace.designs.len();
    let page = page.reduce(Action::OpenShared);
    assert_eq!(
        (
            page.editor.text.as_str(),
            page.designs.workspace.designs.len()
        ),
        (B, count + 1)
    );
    let page =
        Rc::new(Page::restore("#d=abc")).reduce(Action::Designs(DesignsAction::DismissShared));
    let page = page.reduce(Action::SharedRead(Ok(B.into())));
    assert!(
        page.designs.shared.is_none(),
        "dismissed while it was read: stays dismissed"
    );
}

#[test]
fn packs_notices_catalog_errors_and_share_urls() {
    let page = page_on(NET);
    let pack = include_str!("../../../../www/policies/acme-platform.yaml");
    let page = page.reduce(Action::ImportPack(pack.into()));
    assert!(page.designs.pack.is_some());
    assert!(stored("planwright.policy-pack.v1").contains("acme-platform"));
    let with_pack = page.editor.report.as_ref().unwrap().findings.len();
    let page = page.reduce(Action::ImportPack("rules: [".into()));
    assert!(
        !page.designs.pack_errors.is_empty() && page.designs.pack.is_some(),
        "a bad pack leaves the one in force"
    );
    let page = page.reduce(Action::RemovePack);
    assert!(page.designs.pack.is_none() && stored("planwright.policy-pack.v1").is_empty());
    assert!(page.editor.report.as_ref().unwrap().findings.len() < with_pack);
    let page = page
        .reduce(Action::Designs(DesignsAction::Notice("hello".into())))
        .reduce(Action::Designs(DesignsAction::CatalogImport(vec![
            "x.json: bad".into(),
        ])))
        .reduce(Action::Designs(DesignsAction::ShowShareUrl(Some(
            "http://x/#d=1".into(),
        ))));
    assert_eq!(
        page.designs.notice,
        Some(super::designs::Notice::Said("hello".into()))
    );
    assert_eq!(page.designs.catalog_errors.len(), 1);
    assert!(page.designs.share_url.is_some());
    let page = page
        .reduce(Action::Designs(DesignsAction::DismissNotice))
        .reduce(Action::Designs(DesignsAction::ShowShareUrl(None)));
    assert!(page.designs.notice.is_none() && page.designs.share_url.is_none());
}

#[test]
fn another_tabs_writes_are_followed_and_a_conflict_becomes_a_copy() {
    let first = page_on(A)
        .reduce(typed(format!("{A}# one\n"), 0.0))
        .reduce(Action::Flush);
    let id = first.designs.workspace.current_id().to_string();
    let key = design_key(&id);
    // A second tab: same localStorage, its own sessionStorage.
    backend::clear(true);
    let second = Rc::new(Page::restore(""));
    let i = second
        .designs
        .workspace
        .designs
        .iter()
        .position(|d| d.id == id)
        .unwrap();
    let second = second.reduce(Action::SwitchDesign(i));
    let second = second
        .reduce(typed(format!("{A}# two\n"), 0.0))
        .reduce(Action::Flush);
    let first = first.reduce(Action::StorageChanged(
        Some(key.clone()),
        Some(stored(&key)),
    ));
    assert!(first.editor.text.ends_with("# two\n"));
    // The first tab edits without flushing; the second tab's next save arrives: the first's
    // pending edit is written first, as a copy, never over the other's.
    let first = first.reduce(typed(format!("{A}# mine\n"), 0.0));
    let second = second
        .reduce(typed(format!("{A}# three\n"), 0.0))
        .reduce(Action::Flush);
    let count = first.designs.workspace.designs.len();
    let first = first.reduce(Action::StorageChanged(
        Some(key.clone()),
        Some(stored(&key)),
    ));
    assert_eq!(first.designs.workspace.designs.len(), count + 1);
    assert!(first.editor.text.ends_with("# mine\n"));
    assert!(stored(&key).contains("# three"));
    // Keys of other apps and a cleared storage are taken in without harm.
    let first = first.reduce(Action::StorageChanged(Some("other.app".into()), None));
    let first = first.reduce(Action::StorageChanged(None, None));
    assert!(!first.editor.text.is_empty());
    drop(second);
}

#[test]
fn a_crash_rescue_writes_what_was_recorded() {
    let page = page_on(A).reduce(typed(format!("{A}# unsaved\n"), 0.0));
    let key = design_key(page.designs.workspace.current_id());
    assert!(!stored(&key).contains("# unsaved"));
    super::designs::rescue();
    assert!(stored(&key).contains("# unsaved"));
}

#[test]
fn notices_are_written_in_the_pages_language() {
    use super::designs::Notice;
    use crate::i18n::Lang;
    for n in [
        Notice::KeptAsCopy("a".into()),
        Notice::ChangedElsewhere,
        Notice::DeletedElsewhere("a".into()),
        Notice::NotSaved(3),
    ] {
        assert!(n
            .text(Lang::En)
            .starts_with(|c: char| c.is_ascii_uppercase()));
        assert!(
            n.text(Lang::Ko)
                .chars()
                .any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c)),
            "{n:?}"
        );
    }
    assert_eq!(
        Notice::Said("as it came".into()).text(Lang::Ko),
        "as it came"
    );
}
