use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};

/// Database, cache, queue and search ports: MySQL, PostgreSQL, SQL Server, Oracle, MongoDB,
/// Redis, Memcached, AMQP, RabbitMQ management, Elasticsearch / OpenSearch.
pub const DATA_PORTS: &[u16] = &[
    3306, 5432, 1433, 1521, 27017, 6379, 11211, 5672, 15672, 9200,
];

pub const RULE: Rule = Rule {
    id: "NET-002",
    slug: "data-ports-open-to-internet",
    category: Category::Network,
    severity: Severity::Critical,
    title: "Database or cache port reachable from the internet",
    fix: "Allow the port only from the application tier's security group (e.g. `from: web`).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "Data stores are the target. An internet-open database, cache or broker port is scanned within minutes of creation; one weak password or unpatched engine away from a breach.",
    equivalents: &["aws-ec2-no-public-ingress-sgr"],
    good: "network:\n  security_groups:\n    db: { ingress: [ { ports: 3306, from: web } ] }\n    web: { ingress: [ { ports: 443, from: 0.0.0.0/0 } ] }\nresources: {}\n",
    bad: "network:\n  security_groups:\n    db: { ingress: [ { ports: 3306, from: \"::/0\" } ] }\nresources:\n  db: { kind: database, engine: mysql, instance_class: db.t3.micro, security_groups: [db], publicly_accessible: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::open_port_hits(ctx, DATA_PORTS, "Data")
}
