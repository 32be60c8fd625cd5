use crate::policy::{Category, Ctx, Hit, Rule, RuleDocs, Severity};
use crate::resources::Resource;

pub const RULE: Rule = Rule {
    id: "NET-010",
    slug: "database-publicly-accessible",
    category: Category::Network,
    severity: Severity::Critical,
    title: "Database is publicly accessible",
    fix: "Set `publicly_accessible: false` and reach the database from inside the VPC (or through a bastion / SSM port forwarding).",
    check,
};

/// Why it matters, the matching checks elsewhere and the examples (the rule's tests and
/// documentation; kept apart so the page's bundle does not carry them).
pub const DOCS: RuleDocs = RuleDocs {
    explanation: "`publicly_accessible: true` gives the database a public address; only its security group then stands between it and the internet.",
    equivalents: &["CKV_AWS_17", "aws-rds-no-public-db-access"],
    good: "resources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro, publicly_accessible: false }\n",
    bad: "resources:\n  db: { kind: database, engine: postgres, instance_class: db.t3.micro, publicly_accessible: true }\n",
};

fn check(ctx: &Ctx) -> Vec<Hit> {
    super::each(ctx, |r| match r {
        Resource::Database(d) if d.publicly_accessible == Some(true) => Some(d),
        _ => None,
    })
    .map(|(name, path, d)| {
        let port = d.port.unwrap_or(match d.engine {
            crate::resources::database::Engine::Postgres
            | crate::resources::database::Engine::AuroraPostgres => 5432,
            e if e.is_sqlserver() => 1433,
            crate::resources::database::Engine::OracleSe2
            | crate::resources::database::Engine::OracleEe => 1521,
            _ => 3306,
        });
        let open = d
            .security_groups
            .iter()
            .find(|g| ctx.reach.open_on(g, port).is_some());
        let how = match open {
            Some(g) => format!(
                " and security group `{g}` admits the internet on port {port}: it is reachable now"
            ),
            None => String::new(),
        };
        Hit::new(
            name,
            path.key("publicly_accessible"),
            format!("`{name}` is publicly accessible{how}"),
        )
    })
    .collect()
}
