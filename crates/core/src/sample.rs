//! A deterministic generator of large, valid designs for benchmarks and load tests: a
//! network with subnets and security groups, and resources of every kind in rotation.

use std::fmt::Write;

/// A design with `resources` resources (and a network sized to match), as YAML.
pub fn generate(resources: usize) -> String {
    generate_with_rules(resources, 0)
}

/// `text` after one keystroke: its last digit typed over (a 9, or an 8 over a 9). The edit
/// the keystroke benchmarks time. Unchanged when the text has no digit.
pub fn with_last_digit_retyped(text: &str) -> String {
    let mut typed = text.to_string();
    if let Some((at, digit)) = text.char_indices().rev().find(|(_, c)| c.is_ascii_digit()) {
        typed.replace_range(at..at + 1, if digit == '9' { "8" } else { "9" });
    }
    typed
}

/// As [`generate`], with `extra_rules` more firewall rules spread over the security groups
/// (a mix of CIDR sources, port ranges and group references, a few of them open to the
/// internet): the policy benchmark's 10,000-rule design.
pub fn generate_with_rules(resources: usize, extra_rules: usize) -> String {
    let zones = ["a", "c"];
    let mut s = String::with_capacity(resources * 160);
    s.push_str("version: 1\nname: generated\nregion: ap-northeast-2\nenvironment: prod\n");
    s.push_str("tags: { Project: bench, Owner: platform, Environment: prod }\n");
    s.push_str("network:\n  vpc: 10.0.0.0/8\n  subnets:\n");
    let subnets = (resources / 20).clamp(2, 250);
    for i in 0..subnets {
        let _ = writeln!(
            s,
            "    net-{i}: {{ cidr: 10.{}.{}.0/24, zone: {}, public: {} }}",
            i / 250,
            i % 250,
            zones.get(i % 2).unwrap_or(&"a"),
            i % 5 == 0
        );
    }
    s.push_str(
        "  security_groups:\n    edge: { ingress: [ { ports: [80, 443], from: 0.0.0.0/0 } ] }\n",
    );
    let groups = (resources / 10).clamp(1, 500);
    let per_group = extra_rules / groups;
    for i in 0..groups {
        let _ = write!(
            s,
            "    sg-{i}: {{ ingress: [ {{ ports: 8080, from: edge }}, {{ ports: \"9000-9100\", from: 10.0.0.0/8 }}"
        );
        for j in 0..per_group {
            let port = 1024 + (i * 37 + j * 11) % 60000;
            let _ = match j % 5 {
                0 => write!(
                    s,
                    ", {{ ports: {port}, from: 10.{}.{}.0/24 }}",
                    j % 250,
                    i % 250
                ),
                1 => write!(
                    s,
                    ", {{ ports: \"{port}-{}\", from: sg-{} }}",
                    port + 10,
                    (i + j) % groups
                ),
                2 => write!(s, ", {{ ports: {port}, from: 198.51.100.{}/32 }}", j % 250),
                3 => write!(
                    s,
                    ", {{ ports: {port}, protocol: udp, from: \"2001:db8::/48\" }}"
                ),
                _ => write!(s, ", {{ ports: {port}, from: {}.0.0.0/8 }}", 11 + j % 100),
            };
        }
        s.push_str(" ] }\n");
    }
    s.push_str("resources:\n");
    let types = [
        "t3.medium",
        "m5.large",
        "c6i.xlarge",
        "r6i.large",
        "t4g.small",
    ];
    for i in 0..resources {
        let net = format!("net-{}", i % subnets);
        let sg = format!("sg-{}", i % groups);
        let t = types.get(i % types.len()).copied().unwrap_or("t3.medium");
        let _ = match i % 16 {
            0 => writeln!(s, "  web-{i}: {{ kind: compute, instance_type: {t}, subnets: [{net}], security_groups: [{sg}], scaling: {{ min: 2, max: 8, timezone: Asia/Seoul, schedules: [ {{ days: mon-fri, hours: \"09:00-19:00\", min: 4 }} ] }}, volumes: [ {{ size_gb: 50 }} ] }}"),
            1 => writeln!(s, "  db-{i}: {{ kind: database, engine: mysql, instance_class: db.m5.large, multi_az: true, storage: {{ size_gb: 200 }}, subnets: [{net}], security_groups: [{sg}], backup: {{ retention_days: 7, continuous_log: true }} }}"),
            2 => writeln!(s, "  cache-{i}: {{ kind: cache, node_type: cache.t3.small, nodes: 2, subnets: [{net}], security_groups: [{sg}] }}"),
            3 => writeln!(s, "  lb-{i}: {{ kind: load_balancer, type: alb, subnets: [{net}], security_groups: [edge], usage: {{ lcu: 2 }} }}"),
            4 => writeln!(s, "  nat-{i}: {{ kind: nat_gateway, count: 1, subnets: [{net}], usage: {{ processed_gb: 100 }} }}"),
            5 => writeln!(s, "  bucket-{i}: {{ kind: object_storage, usage: {{ stored_gb: 500, put_k: 10, get_k: 100 }}, lifecycle: [ {{ after_days: 30, class: standard_ia }} ] }}"),
            6 => writeln!(s, "  cdn-{i}: {{ kind: cdn, origin: bucket-{}, usage: {{ egress_gb: 100, requests_m: 2 }} }}", i - 1),
            7 => writeln!(s, "  api-{i}: {{ kind: container, cpu: 0.5, memory_gb: 1, tasks: {{ min: 2, max: 6 }}, subnets: [{net}], security_groups: [{sg}] }}"),
            8 => writeln!(s, "  k8s-{i}: {{ kind: kubernetes, node_groups: [ {{ instance_type: m5.large, min: 2, max: 6 }} ], workloads: [ {{ name: w, replicas: {{ min: 2, max: 8 }}, cpu: 0.5, memory_gb: 1 }} ] }}"),
            9 => writeln!(s, "  vol-{i}: {{ kind: volume, size_gb: 100, iops: 4000 }}"),
            10 => writeln!(s, "  secrets-{i}: {{ kind: secrets, count: 3 }}"),
            11 => writeln!(s, "  logs-{i}: {{ kind: logs, usage: {{ ingested_gb: 10 }}, retention_days: 30 }}"),
            12 => writeln!(s, "  waf-{i}: {{ kind: waf, rules: 2, usage: {{ requests_m: 5 }} }}"),
            13 => writeln!(s, "  dns-{i}: {{ kind: dns, zones: 1, usage: {{ queries_m: 1 }} }}"),
            14 => writeln!(s, "  aurora-{i}: {{ kind: database, engine: aurora-mysql, instance_class: db.r5.large, storage: {{ size_gb: 100 }}, subnets: [{net}], security_groups: [{sg}] }}"),
            _ => writeln!(s, "  saas-{i}: {{ kind: custom, monthly_usd: 10 }}"),
        };
    }
    s.push_str("transfer: { internet_egress_gb: 1000, inter_az_gb: 100 }\n");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_designs_are_valid() {
        for n in [1, 16, 100, 1000] {
            let text = super::generate(n);
            let r = crate::evaluate_text(&text, &Default::default())
                .unwrap_or_else(|e| panic!("{n}: {e:?}"));
            assert_eq!(r.cost.resources.len(), n + 1);
        }
    }
}
