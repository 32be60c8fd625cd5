//! Property tests: no input makes the evaluator panic or run without bound.

use planwright_terraform::{evaluate_module, evaluate_plan, Limits, Options};
use proptest::prelude::*;

fn small_limits() -> Options {
    Options {
        limits: Limits {
            max_steps: 200_000,
            max_instances: 50,
            max_value_size: 20_000,
            ..Limits::default()
        },
        ..Options::default()
    }
}

const VOCAB: &[&str] = &[
    "resource \"aws_instance\" \"a\" {",
    "resource \"aws_vpc\" \"v\" {",
    "data \"aws_ami\" \"d\" {",
    "module \"m\" {",
    "source = \"./\"",
    "source = \"./mod\"",
    "locals {",
    "variable \"x\" {",
    "output \"o\" {",
    "dynamic \"ingress\" {",
    "content {",
    "}",
    "{",
    "\n",
    "count =",
    "for_each =",
    "value =",
    "default =",
    "a =",
    "b =",
    "ingress {",
    "var.x",
    "local.a",
    "local.b",
    "aws_vpc.v.id",
    "aws_instance.a[0].id",
    "aws_instance.a[*].id",
    "module.m.o",
    "data.aws_ami.d.id",
    "each.key",
    "each.value",
    "count.index",
    "ingress.value",
    "[",
    "]",
    "(",
    ")",
    ",",
    "\"",
    "\"${",
    "}\"",
    "%{ if true }",
    "%{ endif }",
    "%{ for s in [1] }",
    "%{ endfor }",
    "1",
    "-1",
    "0.5",
    "1e308",
    "true",
    "null",
    "\"s\"",
    "+",
    "*",
    "/",
    "%",
    "==",
    "&&",
    "!",
    "?",
    ":",
    "=>",
    "...",
    "for x in",
    "[for x in range(5) : x]",
    "{ for k, v in {a = 1} : k => v }",
    "range(",
    "length(",
    "merge(",
    "lookup(",
    "cidrsubnet(",
    "\"10.0.0.0/16\"",
    "format(\"%s\",",
    "join(\",\",",
    "try(",
    "can(",
    "toset(",
    "flatten(",
    "element(",
    "substr(",
    "nosuch(",
    "<<EOT\nx\nEOT\n",
    ".",
    ".*",
    "[*]",
    "#",
    "//",
    "/*",
    "*/",
    "=",
];

fn hclish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..120).prop_map(|t| t.join(" "))
}

const FUNCS: &[&str] = &[
    "length",
    "merge",
    "concat",
    "lookup",
    "element",
    "format",
    "join",
    "split",
    "replace",
    "lower",
    "upper",
    "substr",
    "contains",
    "keys",
    "values",
    "zipmap",
    "flatten",
    "distinct",
    "compact",
    "range",
    "coalesce",
    "min",
    "max",
    "tonumber",
    "tostring",
    "toset",
    "tomap",
    "try",
    "can",
    "cidrsubnet",
    "cidrhost",
    "jsonencode",
    "jsondecode",
    "one",
    "sum",
    "slice",
    "reverse",
    "sort",
    "setproduct",
    "formatlist",
    "chunklist",
    "file",
    "nosuch",
    "abs",
    "ceil",
    "index",
    "transpose",
    "cidrsubnets",
    "base64decode",
];

/// Syntactically valid expressions, so that evaluation (not just parsing) is exercised.
fn expr() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "1",
        "0",
        "-3",
        "2.5",
        "1e300",
        "\"a\"",
        "\"\"",
        "\"10.0.0.0/16\"",
        "true",
        "false",
        "null",
        "var.x",
        "local.a",
        "local.b",
        "aws_vpc.v",
        "aws_vpc.v[0].id",
        "aws_vpc.v[*].cidr",
        "aws_instance.a",
        "each.key",
        "each.value",
        "count.index",
        "\"${local.a}-x\"",
        "data.aws_ami.d.id",
        "module.m.o",
        "path.module",
        "terraform.workspace",
        "d.value",
        "\"%{ for s in [1, 2] }${s}%{ endfor }\"",
    ])
    .prop_map(str::to_string);
    leaf.prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!(
                "{{ {} }}",
                v.iter()
                    .enumerate()
                    .map(|(i, e)| format!("k{i} = {e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            (
                inner.clone(),
                prop::sample::select(vec![
                    "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||"
                ]),
                inner.clone()
            )
                .prop_map(|(a, o, b)| format!("({a} {o} {b})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("({a} ? {b} : {c})")),
            (
                prop::sample::select(FUNCS),
                prop::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(|(f, a)| format!("{f}({})", a.join(", "))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("[for x in {a} : {b}]")),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("{{ for k, x in {a} : tostring(k) => {b}... }}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}[{b}]")),
            inner.clone().prop_map(|a| format!("{a}.name")),
            inner.clone().prop_map(|a| format!("{a}[*].id")),
            inner.clone().prop_map(|a| format!("!{a}")),
            inner.prop_map(|a| format!("\"${{{a}}}!\"")),
        ]
    })
}

fn program() -> impl Strategy<Value = String> {
    prop::collection::vec(expr(), 10).prop_map(|e| {
        format!(
            "variable \"x\" {{\n  default = {}\n}}\nlocals {{\n  a = {}\n  b = {}\n}}\n\
             resource \"aws_vpc\" \"v\" {{\n  count = {}\n  cidr = {}\n}}\n\
             resource \"aws_instance\" \"a\" {{\n  for_each = {}\n  x = {}\n  dynamic \"d\" {{\n    for_each = {}\n    content {{\n      y = {}\n    }}\n  }}\n}}\n\
             module \"m\" {{\n  source = \"./mod\"\n  count = {}\n}}\ndata \"aws_ami\" \"d\" {{}}\n",
            e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9]
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes).to_string();
        let _ = evaluate_module(&[("main.tf", &text), ("terraform.tfvars", &text), ("x.auto.tfvars.json", &text)], &small_limits());
        let _ = evaluate_plan("plan.json", &text, &Limits::default());
    }

    #[test]
    fn random_hcl_never_panics(main in hclish(), module in hclish()) {
        let _ = evaluate_module(&[("main.tf", &main), ("mod/main.tf", &module)], &small_limits());
    }

    #[test]
    fn mutated_fixture_never_panics(pos in 0usize..4000, cut in 0usize..40, insert in prop::sample::select(VOCAB)) {
        let src = include_str!("fixtures/aws_stack/network.tf");
        let pos = pos.min(src.len());
        let pos = (0..=pos).rev().find(|p| src.is_char_boundary(*p)).unwrap_or(0);
        let end = (pos + cut).min(src.len());
        let end = (end..=src.len()).find(|p| src.is_char_boundary(*p)).unwrap_or(src.len());
        let mutated = format!("{}{}{}", &src[..pos], insert, &src[end..]);
        let _ = evaluate_module(&[("main.tf", &mutated), ("variables.tf", include_str!("fixtures/aws_stack/variables.tf"))], &small_limits());
    }

    #[test]
    fn random_programs_never_panic(main in program(), module in program()) {
        let module = module.replace("./mod", "../mod");
        let ev = evaluate_module(&[("main.tf", &main), ("mod/main.tf", &module)], &small_limits());
        // Valid syntax: whatever fails must be reported with a location inside the input.
        for e in ev.errors.iter().chain(&ev.warnings) {
            prop_assert!(e.span.line >= 1 && e.span.column >= 1);
        }
    }

    #[test]
    fn random_plan_json_never_panics(main in hclish()) {
        let doc = format!("{{\"format_version\": \"1.2\", \"resource_changes\": [{{\"address\": \"a.b\", \"type\": \"a\", \"name\": \"b\", \"change\": {{\"after\": {main:?}, \"after_unknown\": [true, {{\"x\": true}}]}}}}]}}");
        let _ = evaluate_plan("plan.json", &doc, &Limits::default());
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let deep = format!(
        "locals {{\n  a = {}1{}\n}}\nresource \"x\" \"y\" {{\n  v = local.a\n}}\n",
        "[".repeat(63),
        "]".repeat(63)
    );
    let ev = evaluate_module(&[("main.tf", &deep)], &Options::default());
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    let deeper = format!(
        "locals {{\n  a = {}1{}\n}}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let ev = evaluate_module(&[("main.tf", &deeper)], &Options::default());
    assert_eq!(ev.errors.len(), 1);
    let ops = format!("locals {{\n  a = {}\n}}\n", vec!["1"; 5000].join(" + "));
    let ev = evaluate_module(&[("main.tf", &ops)], &Options::default());
    assert!(!ev.errors.is_empty());
    let json = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let ev = evaluate_plan("p.json", &json, &Limits::default());
    assert_eq!(ev.errors.len(), 1);
}

#[test]
fn generated_programs_mostly_parse() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut parsed = 0;
    for _ in 0..200 {
        let p = program().new_tree(&mut runner).unwrap().current();
        let ev = evaluate_module(
            &[
                ("main.tf", &p),
                ("mod/main.tf", "output \"o\" { value = 1 }"),
            ],
            &small_limits(),
        );
        if !ev.errors.iter().any(|e| e.code == "TF-PARSE") {
            parsed += 1;
        }
    }
    assert!(
        parsed > 150,
        "only {parsed} of 200 generated programs parse"
    );
}

#[test]
fn deeply_nested_values_through_locals_are_bounded() {
    let mut src = String::from("locals {\n  l0 = 1\n");
    for i in 1..90 {
        src.push_str(&format!(
            "  l{i} = {}local.l{}{}\n",
            "[".repeat(60),
            i - 1,
            "]".repeat(60)
        ));
    }
    src.push_str("}\nresource \"x\" \"y\" {\n  v = local.l89\n}\n");
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || evaluate_module(&[("main.tf", &src)], &Options::default()))
        .unwrap();
    let ev = handle.join().expect("no stack overflow");
    assert!(
        ev.errors.iter().any(|e| e.code == "TF-LIMIT"),
        "{:?}",
        ev.errors
    );
}
