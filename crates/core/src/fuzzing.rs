//! The checks the fuzz targets run (`fuzz/`), kept in the core so the regression test that
//! replays the fuzz corpus and every saved crash runs them too, on stable Rust.

use arbitrary::Arbitrary;

use crate::{evaluate_text, Options};

/// Bytes as a design: must give a report whose lines add up, or located errors.
pub fn check_design_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check_design_text(text, None);
}

fn check_design_text(text: &str, pack: Option<&crate::model::Policy>) {
    for env in [None, Some("dev")] {
        let options = Options {
            env,
            pack,
            today: Some("2026-11-24"),
            ..Options::default()
        };
        match evaluate_text(text, &options) {
            Ok(report) => {
                let lines: rust_decimal::Decimal = report
                    .cost
                    .resources
                    .iter()
                    .flat_map(|r| &r.lines)
                    .map(|l| l.monthly)
                    .sum();
                assert_eq!(
                    report.cost.monthly.expected, lines,
                    "total is not the sum of lines"
                );
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "an error result without errors");
                assert!(
                    errors.iter().all(|e| e.line.is_some()),
                    "an unlocated error: {errors:?}"
                );
            }
        }
    }
}

/// Bytes as a share link's fragment: decoding never panics, never inflates past the design
/// size limit, and whatever decodes round-trips through `encode` and reads or fails with
/// located errors like any design.
pub fn check_share_bytes(data: &[u8]) {
    let Ok(fragment) = std::str::from_utf8(data) else {
        return;
    };
    for candidate in [fragment.to_string(), format!("d={fragment}")] {
        if let Ok(text) = crate::share::decode(&candidate) {
            assert!(text.len() <= crate::limits::MAX_DESIGN_BYTES);
            assert_eq!(
                crate::share::decode(&crate::share::encode(&text)).as_deref(),
                Ok(text.as_str())
            );
            check_design_text(&text, None);
        }
    }
}

/// Bytes as a policy pack, applied to the web-shop example.
pub fn check_pack_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match crate::policy::load_pack(text) {
        Ok(pack) => check_design_text(
            include_str!("../../../www/examples/mvp-review.yaml"),
            Some(&pack),
        ),
        Err(errors) => assert!(
            errors.iter().all(|e| e.line.is_some()),
            "an unlocated pack error"
        ),
    }
}

use crate::resources::REGISTRY;
const TYPES: &[&str] = &[
    "t3.micro",
    "m5.large",
    "g4dn.xlarge",
    "t3.mediun",
    "r6i.2xlarge",
];
const REGIONS: &[&str] = &["us-east-1", "ap-northeast-2", "ap-northeast-1", "eu-west-9"];
const CIDRS: &[&str] = &[
    "0.0.0.0/0",
    "0.0.0.0/1",
    "128.0.0.0/1",
    "::/0",
    "10.0.0.0/8",
    "203.0.113.7/32",
    "web",
    "db",
];

/// A random but well-formed design, written out as YAML by [`GenDesign::to_yaml`].
#[derive(Debug, Arbitrary)]
pub struct GenDesign {
    region: u8,
    prod: bool,
    resources: Vec<GenResource>,
    rules: Vec<(u8, u16, u16, u8)>,
    egress_gb: u32,
    budget: Option<u16>,
}

#[derive(Debug, Arbitrary)]
pub struct GenResource {
    kind: u8,
    itype: u8,
    count: u16,
    min: u8,
    extra: u8,
    schedule: Option<(u8, u8, u8, u8)>,
    size: u32,
    flags: u8,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list.get(usize::from(i) % list.len())
        .copied()
        .unwrap_or_default()
}

impl GenDesign {
    pub fn to_yaml(&self) -> String {
        let mut s = format!(
            "version: 1\nname: fuzz\nregion: {}\nenvironment: {}\n",
            pick(REGIONS, self.region),
            if self.prod { "prod" } else { "dev" }
        );
        if let Some(b) = self.budget {
            s += &format!("policy: {{ budget: {{ monthly_usd: {b} }}, required_tags: [Owner] }}\n");
        }
        s += "network:\n  vpc: 10.0.0.0/16\n  subnets:\n    a: { cidr: 10.0.1.0/24, zone: a, public: true }\n    c: { cidr: 10.0.2.0/24, zone: c }\n  security_groups:\n";
        s += "    web: { ingress: [";
        for (i, (src, lo, len, proto)) in self.rules.iter().take(50).enumerate() {
            let hi = lo.saturating_add(*len % 2000);
            let proto = pick(&["tcp", "udp", "icmp", "all"], *proto);
            s += &format!(
                "{}{{ ports: \"{lo}-{hi}\", protocol: {proto}, from: \"{}\" }}",
                if i > 0 { ", " } else { " " },
                pick(CIDRS, *src)
            );
        }
        s += " ] }\n    db: { ingress: [ { ports: 3306, from: web } ] }\n";
        s += "resources:\n";
        for (i, r) in self.resources.iter().take(40).enumerate() {
            let kind = REGISTRY
                .get(usize::from(r.kind) % REGISTRY.len())
                .map_or("custom", |k| k.name);
            let t = pick(TYPES, r.itype);
            let on = |bit: u8| {
                if r.flags & (1 << bit) != 0 {
                    "true"
                } else {
                    "false"
                }
            };
            let size = r.size % 100_000;
            let min = u32::from(r.min % 20);
            let max = min + u32::from(r.extra % 20);
            let sched = match r.schedule {
                Some((d0, d1, h0, h1)) => format!(
                    ", schedules: [ {{ days: \"{}-{}\", hours: \"{:02}:00-{:02}:30\", min: {max} }} ]",
                    pick(&["mon", "tue", "wed", "thu", "fri", "sat", "sun"], d0),
                    pick(&["mon", "tue", "wed", "thu", "fri", "sat", "sun"], d1),
                    h0 % 24,
                    h1 % 24
                ),
                None => String::new(),
            };
            let body = match kind {
                "compute" => format!("instance_type: {t}, subnets: [a, c], security_groups: [web], scaling: {{ min: {min}, max: {max}, timezone: Asia/Seoul{sched} }}, volumes: [ {{ size_gb: {size}, encrypted: {} }} ], public_ip: {}", on(0), on(1)),
                "container" => format!("cpu: 0.5, memory_gb: 1, tasks: {{ min: {min}, max: {max}{sched} }}"),
                "kubernetes" => format!("node_groups: [ {{ instance_type: {t}, min: {min}, max: {max} }} ], workloads: [ {{ name: w, replicas: {{ min: {min}, max: {max} }}, cpu: 0.25, memory_gb: 0.5 }} ]"),
                "database" => format!("engine: {}, instance_class: db.{t}, multi_az: {}, storage: {{ size_gb: {size} }}, encrypted: {}, publicly_accessible: {}, security_groups: [db], replicas: [ {{ region: {} }} ]", pick(&["mysql", "postgres", "aurora-mysql", "sqlserver"], r.itype), on(0), on(1), on(2), pick(REGIONS, r.kind)),
                "cache" => format!("node_type: cache.{t}, nodes: {}, encrypted: {}, tls: {}", r.count % 10, on(0), on(1)),
                "queue" => format!("engine: rabbitmq, instance_type: mq.{t}, deployment: cluster, usage: {{ storage_gb: {size} }}"),
                "load_balancer" => format!("type: {}, security_groups: [web], listeners: [ {{ port: 80, protocol: http, redirect_https: {} }} ], usage: {{ lcu: {} }}", if r.flags & 1 == 0 { "alb" } else { "nlb" }, on(1), r.count % 50),
                "nat_gateway" => format!("count: {}, usage: {{ processed_gb: {size} }}", r.count % 5),
                "object_storage" => format!("public: {}, versioning: {}, usage: {{ stored_gb: {size}, put_k: {}, retention_days: {} }}, lifecycle: [ {{ after_days: {}, class: glacier }} ]", on(0), on(1), r.count, r.min, r.extra),
                "cdn" => format!("usage: {{ egress_gb: {size}, requests_m: {} }}", r.count),
                "volume" => format!("type: {}, size_gb: {size}, iops: {}", pick(&["gp3", "gp2", "io1"], r.itype), u32::from(r.count) * 10),
                "secrets" => format!("count: {}, rotation_days: {}", r.count, r.min),
                "logs" => format!("usage: {{ ingested_gb: {size} }}, retention_days: {}", r.count),
                "waf" => format!("rules: {}, usage: {{ requests_m: {size} }}", r.count % 100),
                "dns" => format!("zones: {}, health_checks: {}", r.count % 10, r.min % 10),
                _ => format!("monthly_usd: {}", r.size % 10_000),
            };
            s += &format!("  r{i}: {{ kind: {kind}, {body} }}\n");
        }
        s += &format!(
            "transfer: {{ internet_egress_gb: {}, inter_az_gb: 10 }}\n",
            self.egress_gb % 1_000_000
        );
        s
    }
}

/// A generated design: evaluated like any text.
pub fn check_generated(design: &GenDesign) {
    check_design_text(&design.to_yaml(), None);
}

/// Any bytes as Terraform: the first byte picks a plan JSON (odd) or module files (even);
/// module files are separated by NUL bytes and named `main.tf`, `f1.tf`, `modules/m/main.tf`...
/// Importing and evaluating gives a report or located errors, never a panic, and every
/// location names an input file and a line inside it.
#[cfg(feature = "terraform")]
/// Any bytes as a `.zip` of a repository: files or one located error, never a panic, and
/// never more unpacked than the budget.
pub fn check_archive_bytes(data: &[u8]) {
    const BUDGET: usize = 1 << 20;
    if let Ok(files) = crate::terraform::archive::unzip("fuzz.zip", data, BUDGET, 100) {
        let total: usize = files.iter().map(|(_, t)| t.len()).sum();
        assert!(total <= BUDGET, "unpacked {total} bytes past the budget");
        assert!(files.len() <= 100);
    }
}

pub fn check_terraform_bytes(data: &[u8]) {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = crate::import::Options::default();
    let (imported, files): (crate::import::Imported, Vec<(String, &str)>) = if first % 2 == 1 {
        let imported = crate::import::import_plan(
            "plan.json",
            text,
            &crate::import::Limits::default(),
            &options,
        );
        (imported, vec![("plan.json".to_string(), text)])
    } else {
        let files: Vec<(String, &str)> = text
            .split('\0')
            .enumerate()
            .map(|(i, t)| {
                let name = match i {
                    0 => "main.tf".to_string(),
                    i if i % 3 == 0 => format!("modules/m{}/main.tf", i / 3),
                    i => format!("f{i}.tf"),
                };
                (name, t)
            })
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        let imported =
            crate::import::import_module(&refs, &crate::import::ModuleOptions::default(), &options);
        (imported, files)
    };
    let check = |file: &Option<Box<str>>, line: Option<u32>| {
        let Some(file) = file else { return };
        let Some((_, text)) = files.iter().find(|(p, _)| **p == **file) else {
            // Synthetic locations (`<input>`) name no file of the input.
            assert!(
                file.starts_with('<'),
                "a location in an unknown file {file}"
            );
            return;
        };
        if let Some(line) = line {
            let lines = text.lines().count().max(1) as u32 + 1;
            assert!(
                line >= 1 && line <= lines,
                "{file}:{line} is outside the file"
            );
        }
    };
    match crate::import::evaluate(&imported, &Options::default()) {
        Ok(report) => {
            for d in &report.diagnostics {
                check(&d.file, d.line);
            }
            for f in &report.findings {
                check(&f.file, f.line);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for d in &errors {
                check(&d.file, d.line);
            }
        }
    }
}
