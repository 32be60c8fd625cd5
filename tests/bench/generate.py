#!/usr/bin/env python3
"""Writes one architecture twice: as Terraform (for Checkov) and as a Planwright design.

60 service stacks, each: security groups, an EC2 instance, an EBS volume, an RDS database,
an ElastiCache group, an S3 bucket, a load balancer with listeners, a log group. Mistakes
(SSH open to the world, public databases, missing encryption...) are spread by a fixed
pattern, so both tools see the same problems. Names match: `db_7` is `aws_db_instance.db_7`
in Terraform and `resources.db_7` in the design.

Usage: generate.py OUT_DIR [STACKS]
"""
import os
import sys

out = sys.argv[1]
stacks = int(sys.argv[2]) if len(sys.argv) > 2 else 60
os.makedirs(os.path.join(out, "terraform"), exist_ok=True)

tf = ['terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n',
      'provider "aws" {\n  region = "ap-northeast-2"\n}\n']
yml = ["version: 1", "name: checkov-comparison", "region: ap-northeast-2", "environment: prod",
       "tags: { Project: bench, Owner: platform }", "policy:", "  thresholds: { log_retention_days_min: 365 }",
       "network:", "  vpc: 10.0.0.0/8", "  subnets:",
       "    pub-a: { cidr: 10.0.0.0/24, zone: a, public: true }",
       "    pub-c: { cidr: 10.0.1.0/24, zone: c, public: true }",
       "    app-a: { cidr: 10.0.2.0/24, zone: a }", "    app-c: { cidr: 10.0.3.0/24, zone: c }",
       "  security_groups:"]
res = ["resources:"]


def b(x):
    return "true" if x else "false"


for i in range(stacks):
    ssh_open = i % 5 == 0
    rdp_open = i % 11 == 0
    db_public = i % 7 == 0
    db_port_open = i % 9 == 0
    enc = i % 3 != 0
    multi_az = i % 4 != 0
    http_redirect = i % 6 != 0
    old_tls = i % 8 == 0
    versioning = i % 2 == 0
    logs_days = 400 if i % 3 else 30

    # Security groups
    web_rules = [("443", "443", "0.0.0.0/0")]
    if ssh_open:
        web_rules.append(("22", "22", "0.0.0.0/0"))
    if rdp_open:
        web_rules.append(("3389", "3389", "0.0.0.0/0"))
    tf.append(f'resource "aws_security_group" "web_{i}" {{\n  name        = "web-{i}"\n  description = "web tier {i}"\n  vpc_id      = "vpc-0123456789abcdef0"\n')
    for lo, hi, cidr in web_rules:
        tf.append(f'  ingress {{\n    description = "in {lo}"\n    from_port   = {lo}\n    to_port     = {hi}\n    protocol    = "tcp"\n    cidr_blocks = ["{cidr}"]\n  }}\n')
    tf.append('  egress {\n    description = "out"\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n')
    rules = ", ".join(f"{{ ports: {lo}, from: {c} }}" for lo, _, c in web_rules)
    yml.append(f"    web_{i}: {{ ingress: [ {rules} ], egress: [ {{ ports: 443, to: 0.0.0.0/0 }} ] }}")

    db_src = "0.0.0.0/0" if db_port_open else "10.0.0.0/8"
    tf.append(f'resource "aws_security_group" "db_{i}" {{\n  name        = "db-{i}"\n  description = "data tier {i}"\n  vpc_id      = "vpc-0123456789abcdef0"\n  ingress {{\n    description = "mysql"\n    from_port   = 3306\n    to_port     = 3306\n    protocol    = "tcp"\n    cidr_blocks = ["{db_src}"]\n  }}\n}}\n')
    yml.append(f"    db_{i}: {{ ingress: [ {{ ports: 3306, from: {db_src} }} ] }}")

    # EC2 + EBS
    tf.append(f'resource "aws_instance" "app_{i}" {{\n  ami                    = "ami-0123456789abcdef0"\n  instance_type          = "t3.medium"\n  subnet_id              = "subnet-0123456789abcdef0"\n  vpc_security_group_ids = [aws_security_group.web_{i}.id]\n  monitoring             = true\n  ebs_optimized          = true\n  metadata_options {{\n    http_tokens = "required"\n  }}\n  root_block_device {{\n    encrypted = {b(enc)}\n  }}\n  tags = {{ Name = "app-{i}" }}\n}}\n')
    res.append(f"  app_{i}: {{ kind: compute, instance_type: t3.medium, count: 2, subnets: [app-a, app-c], security_groups: [web_{i}], volumes: [ {{ size_gb: 20, encrypted: {b(enc)} }} ] }}")
    tf.append(f'resource "aws_ebs_volume" "data_{i}" {{\n  availability_zone = "ap-northeast-2a"\n  size              = 100\n  type              = "gp3"\n  encrypted         = {b(enc)}\n}}\n')
    res.append(f"  data_{i}: {{ kind: volume, size_gb: 100, encrypted: {b(enc)} }}")

    # RDS
    tf.append(f'resource "aws_db_instance" "db_{i}" {{\n  identifier                  = "db-{i}"\n  engine                      = "mysql"\n  instance_class              = "db.t3.medium"\n  allocated_storage           = 100\n  storage_type                = "gp3"\n  multi_az                    = {b(multi_az)}\n  storage_encrypted           = {b(enc)}\n  publicly_accessible         = {b(db_public)}\n  deletion_protection         = {b(enc)}\n  backup_retention_period     = 7\n  manage_master_user_password = true\n  username                    = "admin"\n  vpc_security_group_ids      = [aws_security_group.db_{i}.id]\n}}\n')
    res.append(f"  db_{i}: {{ kind: database, engine: mysql, instance_class: db.t3.medium, multi_az: {b(multi_az)}, storage: {{ type: gp3, size_gb: 100 }}, encrypted: {b(enc)}, publicly_accessible: {b(db_public)}, deletion_protection: {b(enc)}, backup: {{ retention_days: 7, continuous_log: true }}, subnets: [app-a, app-c], security_groups: [db_{i}] }}")

    # ElastiCache
    tf.append(f'resource "aws_elasticache_replication_group" "cache_{i}" {{\n  replication_group_id       = "cache-{i}"\n  description                = "cache {i}"\n  node_type                  = "cache.t3.micro"\n  num_cache_clusters         = 2\n  at_rest_encryption_enabled = {b(enc)}\n  transit_encryption_enabled = {b(i % 4 != 1)}\n}}\n')
    res.append(f"  cache_{i}: {{ kind: cache, engine: redis, node_type: cache.t3.micro, nodes: 2, encrypted: {b(enc)}, tls: {b(i % 4 != 1)} }}")

    # S3
    tf.append(f'resource "aws_s3_bucket" "bucket_{i}" {{\n  bucket = "bench-bucket-{i}"\n  versioning {{\n    enabled = {b(versioning)}\n  }}\n}}\n')
    res.append(f"  bucket_{i}: {{ kind: object_storage, versioning: {b(versioning)}, usage: {{ stored_gb: 100 }} }}")

    # Load balancer
    tf.append(f'resource "aws_lb" "lb_{i}" {{\n  name                       = "lb-{i}"\n  load_balancer_type         = "application"\n  internal                   = false\n  drop_invalid_header_fields = true\n  security_groups            = [aws_security_group.web_{i}.id]\n  subnets                    = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]\n}}\n')
    if http_redirect:
        tf.append(f'resource "aws_lb_listener" "http_{i}" {{\n  load_balancer_arn = aws_lb.lb_{i}.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {{\n    type = "redirect"\n    redirect {{\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }}\n  }}\n}}\n')
    else:
        tf.append(f'resource "aws_lb_listener" "http_{i}" {{\n  load_balancer_arn = aws_lb.lb_{i}.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {{\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/tg/0123456789abcdef"\n  }}\n}}\n')
    policy = "ELBSecurityPolicy-2016-08" if old_tls else "ELBSecurityPolicy-TLS13-1-2-2021-06"
    tf.append(f'resource "aws_lb_listener" "https_{i}" {{\n  load_balancer_arn = aws_lb.lb_{i}.arn\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "{policy}"\n  certificate_arn   = "arn:aws:acm:ap-northeast-2:123456789012:certificate/abc"\n  default_action {{\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/tg/0123456789abcdef"\n  }}\n}}\n')
    res.append(f"  lb_{i}: {{ kind: load_balancer, type: alb, subnets: [pub-a, pub-c], security_groups: [web_{i}], listeners: [ {{ port: 80, protocol: http, redirect_https: {b(http_redirect)} }}, {{ port: 443, protocol: https, tls_policy: {policy} }} ] }}")

    # Logs
    tf.append(f'resource "aws_cloudwatch_log_group" "logs_{i}" {{\n  name              = "/app/{i}"\n  retention_in_days = {logs_days}\n}}\n')
    res.append(f"  logs_{i}: {{ kind: logs, retention_days: {logs_days}, usage: {{ ingested_gb: 5 }} }}")

with open(os.path.join(out, "terraform", "main.tf"), "w") as f:
    f.write("\n".join(tf))
# The thresholds Checkov's checks use, as a policy pack for the run on the .tf files (the
# hand-written design carries them in its own `policy:`).
with open(os.path.join(out, "policy.yaml"), "w") as f:
    f.write("thresholds: { log_retention_days_min: 365 }\n")
with open(os.path.join(out, "design.yaml"), "w") as f:
    f.write("\n".join(yml + res) + "\n")
count = sum(1 for t in tf if t.startswith("resource "))
print(f"{stacks} stacks: {count} Terraform resources, {len(res) - 1} Planwright resources")
