//! The Markdown report (the CLI's `--format markdown`, the page's "Export Markdown report")
//! is one document: each of its sections once, in order, for every shipped example.

use planwright_core::render::markdown;

#[test]
fn each_section_of_the_markdown_report_appears_once() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("the examples") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        let report = planwright_core::evaluate_text(&text, &Default::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let md = markdown(&report);
        let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
        // A heading's first words name its section ("### Policy findings: 3 open, 1 waived").
        let sections: Vec<String> = headings
            .iter()
            .map(|h| h.split(':').next().unwrap_or(h).trim().to_string())
            .collect();
        for s in &sections {
            assert_eq!(
                sections.iter().filter(|t| *t == s).count(),
                1,
                "{}: section {s:?} repeated in\n{md}",
                path.display()
            );
        }
        assert!(
            sections.first().is_some_and(|s| s.starts_with("## ")),
            "{}: starts with the cost section\n{md}",
            path.display()
        );
        if !report.readiness.scenarios.is_empty() {
            assert!(md.contains("### Readiness"), "{}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 5, "every example checked ({checked})");
}
