//! Renaming any named thing of a design (`refs::rename`) leaves nothing pointing at the old
//! name: for every subnet, security group and resource of every shipped example and design
//! fixture, the renamed text reads with no dangling reference, costs the same, and finds the
//! same number of policy findings as before.

use planwright_core::diag::Code;
use planwright_core::refs::{self, Named};
use planwright_core::source::{edit, node};

fn designs() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for dir in ["/../../www/examples", "/tests/fixtures/designs"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}{dir}"))
            .expect("the designs")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("readable");
            out.push((p.display().to_string(), text));
        }
    }
    out
}

fn summary(text: &str) -> Result<(String, usize), Vec<String>> {
    match planwright_core::evaluate_text(text, &Default::default()) {
        Ok(r) => Ok((format!("{:?}", r.cost.monthly), r.findings.len())),
        Err(errors) => Err(errors
            .iter()
            .map(|d| format!("{:?} {}", d.code, d.message))
            .collect()),
    }
}

#[test]
fn every_rename_keeps_the_design_whole() {
    let mut renamed = 0;
    for (path, text) in designs() {
        let Ok(before) = summary(&text) else {
            continue; // a fixture of errors on purpose
        };
        let root = node::parse(&text).expect("parses");
        for names in [Named::Resource, Named::Subnet, Named::SecurityGroup] {
            for name in names.declared(&root) {
                let to = format!("{name}-renamed");
                let changes = refs::rename(&root, names, &name, &to)
                    .unwrap_or_else(|e| panic!("{path}: {name}: {e}"));
                let after_text =
                    edit::apply(&text, &changes).unwrap_or_else(|e| panic!("{path}: {name}: {e}"));
                match summary(&after_text) {
                    Ok((total, findings)) => {
                        assert_eq!(total, before.0, "{path}: {name}: the cost changed");
                        assert_eq!(findings, before.1, "{path}: {name}: the findings changed");
                    }
                    Err(errors) => panic!("{path}: renaming {name}: {errors:?}\n{after_text}"),
                }
                let tree = node::parse(&after_text).expect("parses");
                assert!(
                    !refs::references(&tree)
                        .iter()
                        .any(|r| r.names == names && r.name == name),
                    "{path}: {name} still named"
                );
                renamed += 1;
            }
        }
    }
    assert!(renamed >= 60, "renamed {renamed} things");
}

#[test]
fn a_dangling_reference_is_one_the_tree_lists() {
    // The form offers a repair for each reference validation reports: both read the same fields.
    let text = "version: 1\nname: t\nregion: us-east-1\nnetwork:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24 }\n  security_groups:\n    g: { ingress: [ { ports: 22, from: h } ] }\nresources:\n  w:\n    kind: compute\n    instance_type: t3.small\n    subnets: [b]\n    security_groups: [x]\n  c: { kind: cdn, origin: nowhere }\n";
    let errors = planwright_core::load(text, None)
        .err()
        .expect("dangling references");
    let root = node::parse(text).expect("parses");
    let listed: Vec<String> = refs::references(&root)
        .iter()
        .map(|r| r.path.to_string())
        .collect();
    let dangling: Vec<&planwright_core::Diagnostic> = errors
        .iter()
        .filter(|d| d.code == Code::DanglingReference)
        .collect();
    assert!(dangling.len() >= 3, "{errors:?}");
    for d in dangling {
        let at = d.path.as_str();
        assert!(
            listed.iter().any(|p| p == at),
            "{at} not listed in {listed:?}"
        );
    }
}
