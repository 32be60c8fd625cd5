//! `cargo bench -p planwright-core --bench terraform`: reading 660 Terraform resources (60
//! service stacks like tests/bench/generate.py's), against a floor in the same run: the bare
//! HCL parse (`hcl-edit`, which the reader builds on). Stages: evaluate the module (variables,
//! references, blocks), map it to a design (and write it), and the whole `planwright evaluate`
//! of the directory (import + the pipeline).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use planwright_core::import::{self, ModuleOptions, Options};

/// 60 stacks of 11 resources: security groups, an instance, a volume, a database, a cache, a
/// bucket, a load balancer with two listeners, a log group.
fn stacks(n: usize) -> String {
    let mut tf = String::from("provider \"aws\" {\n  region = \"ap-northeast-2\"\n}\n");
    for i in 0..n {
        tf += &format!(
            r#"
resource "aws_security_group" "web_{i}" {{
  name = "web-{i}"
  ingress {{
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
resource "aws_security_group" "db_{i}" {{
  name = "db-{i}"
  ingress {{
    from_port       = 3306
    to_port         = 3306
    protocol        = "tcp"
    security_groups = [aws_security_group.web_{i}.id]
  }}
}}
resource "aws_instance" "app_{i}" {{
  instance_type          = "t3.medium"
  vpc_security_group_ids = [aws_security_group.web_{i}.id]
  root_block_device {{
    volume_size = 20
    encrypted   = true
  }}
}}
resource "aws_ebs_volume" "data_{i}" {{
  size = 100
  type = "gp3"
}}
resource "aws_db_instance" "db_{i}" {{
  engine                  = "mysql"
  instance_class          = "db.t3.medium"
  allocated_storage       = 100
  multi_az                = {multi}
  storage_encrypted       = true
  backup_retention_period = 7
  vpc_security_group_ids  = [aws_security_group.db_{i}.id]
}}
resource "aws_elasticache_replication_group" "cache_{i}" {{
  replication_group_id = "cache-{i}"
  description          = "cache"
  node_type            = "cache.t3.micro"
  num_cache_clusters   = 2
}}
resource "aws_s3_bucket" "bucket_{i}" {{
  bucket = "bucket-{i}"
}}
resource "aws_lb" "lb_{i}" {{
  load_balancer_type = "application"
  security_groups    = [aws_security_group.web_{i}.id]
}}
resource "aws_lb_listener" "http_{i}" {{
  load_balancer_arn = aws_lb.lb_{i}.arn
  port              = 80
  protocol          = "HTTP"
}}
resource "aws_lb_listener" "https_{i}" {{
  load_balancer_arn = aws_lb.lb_{i}.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}}
resource "aws_cloudwatch_log_group" "logs_{i}" {{
  retention_in_days = 400
}}
"#,
            multi = i % 4 != 0
        );
    }
    tf
}

fn bench(c: &mut Criterion) {
    let tf = stacks(60);
    let files = [("main.tf", tf.as_str())];
    let module = ModuleOptions::default();
    let options = Options::default();
    let ev = planwright_terraform::evaluate_module(&files, &module);
    assert!(ev.errors.is_empty(), "{:?}", ev.errors);
    assert_eq!(ev.resources.len(), 660);

    c.bench_function("terraform/floor/hcl_parse/660", |b| {
        b.iter(|| hcl_edit::parser::parse_body(black_box(&tf)).expect("parses"))
    });
    c.bench_function("terraform/evaluate_module/660", |b| {
        b.iter(|| planwright_terraform::evaluate_module(black_box(&files), &module))
    });
    c.bench_function("terraform/import/660", |b| {
        b.iter(|| import::import_module(black_box(&files), &module, &options))
    });
    c.bench_function("terraform/import_and_evaluate/660", |b| {
        b.iter(|| {
            let imported = import::import_module(black_box(&files), &module, &options);
            import::evaluate(&imported, &Default::default()).expect("evaluates")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
