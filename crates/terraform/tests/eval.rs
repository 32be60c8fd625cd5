//! Behaviour tests on small inline configurations.

use planwright_terraform::{
    evaluate_module, evaluate_plan, Evaluated, IndexKey, Limits, Mode, Options, Value,
};
use serde_json::json;

fn eval_files(files: &[(&str, &str)]) -> Evaluated {
    evaluate_module(files, &Options::default())
}

fn eval(src: &str) -> Evaluated {
    eval_files(&[("main.tf", src)])
}

fn attr(ev: &Evaluated, address: &str, path: &str) -> serde_json::Value {
    let r = ev.resource(address).unwrap_or_else(|| {
        panic!(
            "no {address} in {:?}",
            ev.resources.iter().map(|r| &r.address).collect::<Vec<_>>()
        )
    });
    r.get(path)
        .unwrap_or_else(|| panic!("no {path} in {address}: {}", r.attrs.to_json()))
        .to_json()
}

fn codes(ds: &[planwright_terraform::Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(|d| d.code).collect()
}

#[test]
fn expressions_and_operators() {
    let ev = eval(
        r#"
        locals {
          n    = 7
          list = ["a", "b", "c"]
          objs = [{ name = "x", port = 80 }, { name = "y", port = 443 }]
        }
        resource "null_resource" "r" {
          triggers = {
            arith   = local.n * 2 + 1 - 10 / 4 % 3
            neg     = -local.n
            cmp     = local.n >= 7 && !(local.n < 3) || false
            eq      = [1, "a"] == [1, "a"]
            cond    = local.n > 5 ? "big" : "small"
            idx     = local.list[1]
            splat   = local.objs[*].port
            attrsp  = local.objs.*.name
            forlist = [for i, s in local.list : "${i}:${s}" if s != "b"]
            forobj  = { for o in local.objs : o.name => o.port }
            group   = { for s in ["ab", "ac", "bd"] : substr(s, 0, 1) => s... }
            strip   = "a  ${~"b"~}  c"
            tpl     = "%{ for s in local.list }${s}%{ endfor }"
            single  = "${local.list}"
            escape  = "$${not} %%{also}"
          }
        }
        "#,
    );
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    let t = attr(&ev, "null_resource.r", "triggers");
    assert_eq!(t["arith"], json!(12.5));
    assert_eq!(t["neg"], json!(-7));
    assert_eq!(t["cmp"], json!(true));
    assert_eq!(t["eq"], json!(true));
    assert_eq!(t["cond"], json!("big"));
    assert_eq!(t["idx"], json!("b"));
    assert_eq!(t["splat"], json!([80, 443]));
    assert_eq!(t["attrsp"], json!(["x", "y"]));
    assert_eq!(t["forlist"], json!(["0:a", "2:c"]));
    assert_eq!(t["forobj"], json!({"x": 80, "y": 443}));
    assert_eq!(t["group"], json!({"a": ["ab", "ac"], "b": ["bd"]}));
    assert_eq!(t["strip"], json!("abc"));
    assert_eq!(t["tpl"], json!("abc"));
    assert_eq!(t["single"], json!(["a", "b", "c"]));
    assert_eq!(t["escape"], json!("${not} %{also}"));
}

#[test]
fn try_can_and_unknown_propagation() {
    let ev = eval(
        r#"
        variable "cfg" {
          default = { a = 1 }
        }
        resource "aws_vpc" "v" {
          cidr_block = "10.0.0.0/16"
        }
        resource "null_resource" "r" {
          triggers = {
            t1   = try(var.cfg.b, "fallback")
            t2   = try(var.cfg.a, 0)
            c1   = can(var.cfg.b)
            c2   = can(var.cfg.a)
            ref  = aws_vpc.v.id
            lit  = aws_vpc.v.cidr_block
            tpl  = "${aws_vpc.v.id}/x"
            cond = aws_vpc.v.id == "" ? "a" : "b"
            same = aws_vpc.v.id == "" ? "a" : "a"
            coal = coalesce(aws_vpc.v.id, "x")
            lst  = concat([aws_vpc.v.id], ["y"])
          }
        }
        "#,
    );
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    let t = attr(&ev, "null_resource.r", "triggers");
    assert_eq!(t["t1"], json!("fallback"));
    assert_eq!(t["t2"], json!(1));
    assert_eq!(t["c1"], json!(false));
    assert_eq!(t["c2"], json!(true));
    assert_eq!(t["ref"], json!({"$ref": "aws_vpc.v.id"}));
    assert_eq!(t["lit"], json!("10.0.0.0/16"));
    assert_eq!(t["tpl"]["refs"], json!(["aws_vpc.v.id"]));
    assert!(t["cond"]["$unknown"].is_string());
    assert_eq!(t["same"], json!("a"));
    assert!(t["coal"]["$unknown"].is_string());
    assert_eq!(t["lst"], json!([{"$ref": "aws_vpc.v.id"}, "y"]));
    let r = ev.resource("null_resource.r").unwrap();
    match r.get("triggers.ref") {
        Some(Value::Ref(x)) => {
            assert_eq!((x.address.as_str(), x.attr.as_str()), ("aws_vpc.v", "id"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn module_for_each_addresses_and_nested_modules() {
    let ev = eval_files(&[
        (
            "main.tf",
            r#"
            module "app" {
              source   = "./modules/app"
              for_each = { x = "t3.small", y = "t3.large" }
              size     = each.value
            }
            output "lbs" { value = { for k, m in module.app : k => m.lb_arn } }
            resource "null_resource" "r" {
              triggers = {
                lbs  = jsonencode(keys(module.app))
                x    = module.app["x"].lb_arn
                dns  = module.app["y"].db_name
              }
            }
            "#,
        ),
        (
            "modules/app/main.tf",
            r#"
            variable "size" {}
            module "db" {
              source = "../db"
              name   = "db-${var.size}"
            }
            resource "aws_lb" "this" {
              name = "lb-${var.size}"
              tags = { Dir = path.module }
            }
            output "lb_arn" { value = aws_lb.this.arn }
            output "db_name" { value = module.db.name }
            "#,
        ),
        ("modules/db/main.tf", "variable \"name\" {}\nresource \"aws_db_instance\" \"this\" {\n  identifier = var.name\n}\noutput \"name\" { value = aws_db_instance.this.identifier }\n"),
    ]);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    let addrs: Vec<&str> = ev.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addrs,
        vec![
            "null_resource.r",
            "module.app[\"x\"].aws_lb.this",
            "module.app[\"x\"].module.db.aws_db_instance.this",
            "module.app[\"y\"].aws_lb.this",
            "module.app[\"y\"].module.db.aws_db_instance.this",
        ]
    );
    let lb = ev.resource("module.app[\"x\"].aws_lb.this").unwrap();
    assert_eq!(lb.module_address(), "module.app[\"x\"]");
    assert_eq!(lb.module[0].key, Some(IndexKey::String("x".into())));
    assert_eq!(lb.str("tags.Dir"), Some("modules/app"));
    assert_eq!(lb.span.file.as_ref(), "modules/app/main.tf");
    let t = attr(&ev, "null_resource.r", "triggers");
    assert_eq!(t["x"], json!({"$ref": "module.app[\"x\"].aws_lb.this.arn"}));
    assert_eq!(t["dns"], json!("db-t3.large"));
    assert_eq!(t["lbs"], json!("[\"x\",\"y\"]"));
}

#[test]
fn module_errors_are_located() {
    let ev = eval_files(&[
        ("main.tf", "module \"a\" {\n  source = \"./modules/missing\"\n}\nmodule \"self\" {\n  source = \"./\"\n}\nmodule \"b\" {\n  source = \"./b\"\n  nope = 1\n}\n"),
        ("b/main.tf", "variable \"needed\" {}\n"),
    ]);
    let msgs: Vec<String> = ev
        .errors
        .iter()
        .map(|e| format!("{} {} {}", e.code, e.span, e.message))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("TF-MODULE main.tf:2:12") && m.contains("no .tf files")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.contains("recursively")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.contains("has no variable \"nope\"")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("requires argument \"needed\"")),
        "{msgs:?}"
    );
}

#[test]
fn module_depth_limit() {
    // a -> b -> a ... through distinct directories is caught by the depth limit.
    let mut files = vec![(
        "main.tf".to_string(),
        "module \"m\" {\n  source = \"./m0\"\n}\n".to_string(),
    )];
    for i in 0..20 {
        files.push((format!("m{i}/main.tf"), format!("module \"m\" {{\n  source = \"../m{}\"\n}}\nresource \"null_resource\" \"n\" {{}}\n", i + 1)));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut o = Options::default();
    o.limits.max_module_depth = 5;
    let ev = evaluate_module(&refs, &o);
    assert!(
        ev.errors
            .iter()
            .any(|e| e.code == "TF-MODULE" && e.message.contains("deeper than 5")),
        "{:?}",
        ev.errors
    );
    assert_eq!(ev.resources.len(), 5);
}

#[test]
fn unknown_count_and_functions_warn() {
    let ev = eval(
        r#"
        resource "aws_vpc" "v" {}
        resource "aws_subnet" "s" {
          count  = length(aws_vpc.v.id)
          vpc_id = aws_vpc.v.id
        }
        resource "aws_s3_bucket" "b" {
          for_each = toset([aws_vpc.v.id])
          bucket   = frobnicate("x")
          policy   = templatefile("p.json", {})
          hash     = md5("x")
        }
        "#,
    );
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    assert!(ev.resource("aws_subnet.s[0]").is_some());
    assert!(ev.resource("aws_s3_bucket.b[\"<unknown>\"]").is_some());
    let w = codes(&ev.warnings);
    assert_eq!(
        w.iter().filter(|c| **c == "TF-UNKNOWN").count(),
        2,
        "{:?}",
        ev.warnings
    );
    assert_eq!(
        w.iter().filter(|c| **c == "TF-FUNCTION").count(),
        3,
        "{:?}",
        ev.warnings
    );
}

#[test]
fn reference_errors() {
    let ev = eval(
        r#"
        resource "null_resource" "a" {
          triggers = {
            v = var.nope
            l = local.nope
            r = aws_vpc.nope.id
            e = each.key
            c = count.index
            i = [1, 2][5]
            n = null.x
            s = "${[1]}"
          }
        }
        "#,
    );
    assert_eq!(ev.errors.len(), 1, "{:?}", ev.errors); // the whole `triggers` object fails at its first error
    let ev = eval(
        r#"
        resource "null_resource" "a" {
          v = var.nope
          l = local.nope
          r = aws_vpc.nope.id
          e = each.key
          c = count.index
          i = [1, 2][5]
          s = "a${[1]}"
          t = 1 + "x"
        }
        "#,
    );
    assert_eq!(ev.errors.len(), 8, "{:?}", ev.errors);
    assert!(
        ev.errors.iter().all(|e| e.span.line >= 3),
        "{:?}",
        ev.errors
    );
    let r = ev.resource("null_resource.a").unwrap();
    assert!(matches!(r.get("v"), Some(Value::Unknown(_))));
}

#[test]
fn variables_types_and_cli() {
    let files = [
        (
            "main.tf",
            r#"
            variable "n" { type = number }
            variable "flag" { type = bool }
            variable "names" { type = set(string) }
            variable "untyped" {}
            variable "missing" {}
            resource "null_resource" "r" {
              triggers = {
                n = var.n + 1
                flag = var.flag ? "yes" : "no"
                names = var.names
                untyped = var.untyped
                missing = var.missing
              }
            }
            "#,
        ),
        (
            "terraform.tfvars.json",
            "{\n  \"names\": [\"b\", \"a\", \"b\"]\n}\n",
        ),
    ];
    let opts = Options {
        vars: vec![
            Options::parse_var("n=41").unwrap(),
            ("flag".into(), "true".into()),
            ("untyped".into(), "[1]".into()),
        ],
        ..Options::default()
    };
    let ev = evaluate_module(&files, &opts);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    let t = attr(&ev, "null_resource.r", "triggers");
    assert_eq!(t["n"], json!(42));
    assert_eq!(t["flag"], json!("yes"));
    assert_eq!(t["names"], json!(["a", "b"]));
    assert_eq!(t["untyped"], json!("[1]"));
    assert!(t["missing"]["$unknown"].is_string());
    assert!(ev
        .warnings
        .iter()
        .any(|w| w.code == "TF-VARIABLE" && w.message.contains("\"missing\"")));
    let r = ev.resource("null_resource.r").unwrap();
    let names = r.get_spanned("triggers.names[0]").unwrap();
    assert_eq!(
        (names.span.file.as_ref(), names.span.line),
        ("terraform.tfvars.json", 2)
    );
}

#[test]
fn limits_stop_blowups() {
    // Doubling through locals: 2^40 elements unless the size limit stops it.
    let mut src = String::from("locals {\n  l0 = [1, 1]\n");
    for i in 1..40 {
        src.push_str(&format!(
            "  l{i} = concat(local.l{}, local.l{})\n",
            i - 1,
            i - 1
        ));
    }
    src.push_str("}\nresource \"null_resource\" \"r\" {\n  n = length(local.l39)\n}\n");
    let ev = eval(&src);
    assert!(
        ev.errors.iter().any(|e| e.code == "TF-LIMIT"),
        "{:?}",
        ev.errors
    );

    // Nested loops over large ranges: the step budget stops them.
    let ev = eval("locals {\n  x = [for a in range(100000) : [for b in range(100000) : a * b]]\n}\nresource \"null_resource\" \"r\" {\n  n = length(local.x)\n}\n");
    assert!(
        ev.errors.iter().any(|e| e.code == "TF-LIMIT"),
        "{:?}",
        ev.errors
    );

    // A long chain of locals exceeds the expression depth limit instead of the stack.
    let mut src = String::from("locals {\n  c0 = 0\n");
    for i in 1..400 {
        src.push_str(&format!("  c{i} = local.c{} + 1\n", i - 1));
    }
    src.push_str("}\nresource \"null_resource\" \"r\" {\n  n = local.c399\n}\n");
    let ev = eval(&src);
    assert!(
        ev.errors.iter().any(|e| e.code == "TF-LIMIT"),
        "{:?}",
        ev.errors
    );
    // ... but a chain of 30 is fine.
    let mut src = String::from("locals {\n  c0 = 0\n");
    for i in 1..30 {
        src.push_str(&format!("  c{i} = local.c{} + 1\n", i - 1));
    }
    src.push_str("}\nresource \"null_resource\" \"r\" {\n  n = local.c29\n}\n");
    let ev = eval(&src);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    assert_eq!(attr(&ev, "null_resource.r", "n"), json!(29));

    // File count and size limits.
    let o = Options {
        limits: Limits {
            max_files: 1,
            ..Limits::default()
        },
        ..Options::default()
    };
    let ev = evaluate_module(&[("a.tf", ""), ("b.tf", "")], &o);
    assert_eq!(codes(&ev.errors), vec!["TF-LIMIT"]);
}

#[test]
fn parse_errors_have_positions() {
    let ev = eval("resource \"a\" \"b\" {\n  x = [1, 2\n}\n");
    assert_eq!(ev.errors.len(), 1);
    let e = &ev.errors[0];
    assert_eq!(e.code, "TF-PARSE");
    assert!(e.span.line >= 2, "{e:?}");
    let ev = eval_files(&[
        ("a.tf", "resource \"only_one_label\" {\n}\n"),
        ("b.tf", "locals {\n  a = 1\n  a = 2\n}\n"),
    ]);
    assert_eq!(
        codes(&ev.errors),
        vec!["TF-PARSE", "TF-PARSE"],
        "{:?}",
        ev.errors
    );
}

#[test]
fn data_sources_are_resources_and_unknown_when_referenced() {
    let ev = eval("data \"aws_caller_identity\" \"me\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"logs-${data.aws_caller_identity.me.account_id}\"\n}\n");
    assert!(ev.errors.is_empty());
    let d = ev.resource("data.aws_caller_identity.me").unwrap();
    assert_eq!(d.mode, Mode::Data);
    let b = attr(&ev, "aws_s3_bucket.b", "bucket");
    assert_eq!(b["refs"], json!(["data.aws_caller_identity.me.account_id"]));
    assert_eq!(codes(&ev.warnings), vec!["TF-DATA"]);
}

#[test]
fn plan_errors_are_located() {
    let ev = evaluate_plan("p.json", "{\n  \"format_version\": \"1.2\",\n  \"resource_changes\": [ { \"mode\": \"managed\" } ]\n}", &Limits::default());
    assert_eq!(codes(&ev.errors), vec!["TF-PLAN"]);
    assert_eq!(ev.errors[0].span.line, 3);
    let ev = evaluate_plan("p.json", "{\n  \"a\": [1,\n}", &Limits::default());
    assert_eq!(codes(&ev.errors), vec!["TF-PARSE"]);
    assert_eq!(ev.errors[0].span.line, 3);
    let ev = evaluate_plan("p.json", "{}", &Limits::default());
    assert_eq!(codes(&ev.errors), vec!["TF-PLAN"]);
    assert_eq!(codes(&ev.warnings), vec!["TF-PLAN"]);
}

#[test]
fn locals_and_module_outputs_resolve_across_modules() {
    // local.url needs module.m's output, whose input needs local.name: no fixed ordering of
    // "all locals, then modules" works; demand-driven resolution does.
    let ev = eval_files(&[
        (
            "main.tf",
            "locals {\n  url  = module.m.url\n  name = \"app\"\n}\nmodule \"m\" {\n  source = \"./m\"\n  name   = local.name\n}\nresource \"aws_route53_record\" \"r\" {\n  name    = local.url\n  records = [module.m.ip]\n}\n",
        ),
        ("m/main.tf", "variable \"name\" {}\nresource \"aws_eip\" \"e\" {}\noutput \"url\" { value = \"https://${var.name}.example.com\" }\noutput \"ip\" { value = aws_eip.e.public_ip }\n"),
    ]);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    assert_eq!(
        attr(&ev, "aws_route53_record.r", "name"),
        json!("https://app.example.com")
    );
    assert_eq!(
        attr(&ev, "aws_route53_record.r", "records"),
        json!([{"$ref": "module.m.aws_eip.e.public_ip"}])
    );
}

#[test]
fn spans_point_at_the_source() {
    let src = "resource \"aws_instance\" \"web\" {\n  ami = \"ami-1\"\n  tags = {\n    Name = \"web\"\n  }\n  root_block_device {\n    volume_size = 8\n  }\n}\n";
    let ev = eval(src);
    let r = ev.resource("aws_instance.web").unwrap();
    assert_eq!(
        (
            r.span.line,
            r.span.column,
            r.span.end_line,
            r.span.end_column
        ),
        (1, 1, 9, 2)
    );
    let ami = r.get_spanned("ami").unwrap();
    assert_eq!(
        (ami.span.line, ami.span.column, ami.span.end_column),
        (2, 3, 16)
    );
    let name = r.get_spanned("tags.Name").unwrap();
    assert_eq!((name.span.line, name.span.column), (4, 12));
    let block = r.get_spanned("root_block_device[0]").unwrap();
    assert_eq!((block.span.line, block.span.end_line), (6, 8));
    let size = r.get_spanned("root_block_device[0].volume_size").unwrap();
    assert_eq!((size.span.line, size.span.column), (7, 5));
    assert_eq!(r.f64("root_block_device.0.volume_size"), Some(8.0));
}

#[test]
fn deep_reference_chains_fit_a_small_stack() {
    // The browser gives wasm about 1 MiB of stack; debug builds use far more per frame than
    // release builds, so passing here in 1 MiB is a safe margin.
    let mut src = String::from("locals {\n  c0 = [[[[[[[[1]]]]]]]]\n");
    for i in 1..200 {
        src.push_str(&format!("  c{i} = [local.c{}][0]\n", i - 1));
    }
    src.push_str("}\nresource \"null_resource\" \"r\" {\n  n = local.c199\n}\n");
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || eval(&src).errors.len())
        .unwrap();
    let errors = handle.join().expect("no stack overflow");
    assert!(errors >= 1);
}

#[test]
fn provider_blocks_are_evaluated_in_the_root_module() {
    let ev = eval_files(&[
        (
            "main.tf",
            r#"
            variable "region" { default = "ap-northeast-2" }
            provider "aws" { region = var.region }
            provider "aws" {
              alias  = "dr"
              region = "ap-northeast-1"
            }
            "#,
        ),
        ("terraform.tfvars", "region = \"eu-west-1\"\n"),
    ]);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    let aws = ev.provider("aws").expect("default aws provider");
    assert_eq!(aws.str("region"), Some("eu-west-1"));
    assert_eq!(aws.span.line, 3);
    let dr: Vec<_> = ev.providers.iter().filter(|p| p.alias.is_some()).collect();
    assert_eq!(dr.len(), 1);
    assert_eq!(dr[0].str("region"), Some("ap-northeast-1"));
}

#[test]
fn plan_provider_config_gives_the_constant_region() {
    let plan = r#"{
      "format_version": "1.2",
      "configuration": {
        "provider_config": {
          "aws": { "name": "aws", "expressions": { "region": { "constant_value": "ap-northeast-2" } } }
        },
        "root_module": {}
      },
      "planned_values": { "root_module": {} }
    }"#;
    let ev = evaluate_plan("plan.json", plan, &Limits::default());
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    assert_eq!(
        ev.provider("aws").and_then(|p| p.str("region")),
        Some("ap-northeast-2")
    );
}
