//! Diagnostics: every problem Planwright reports is a value with a stable code, a message,
//! the design path it concerns, its line and column, and where possible a hint.

use serde::Serialize;

use crate::path::DesignPath;

/// How bad a diagnostic is. Errors stop the evaluation of a design; warnings travel in the
/// report (an unknown instance type, for example, makes the total incomplete).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// Declares the diagnostic codes: each variant with its stable kebab-case name, the level it
/// is reported at and what it means. `Code::ALL` is the table docs/format.md shows
/// (`UPDATE_GOLDEN=1 cargo test -p planwright-core --test codes` rewrites it).
macro_rules! codes {
    ($( #[doc = $doc:literal] $variant:ident = $name:literal ($level:ident), )*) => {
        /// A diagnostic's stable code. Serialises as its kebab-case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( #[doc = $doc] $variant, )*
        }

        impl Code {
            /// Every code, in the order docs/format.md lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name (`unknown-field`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// What it means and what to do about it.
            pub fn doc(self) -> &'static str {
                match self { $(Code::$variant => $doc.trim_ascii(),)* }
            }

            /// The level it is reported at.
            pub fn level(self) -> Level {
                match self { $(Code::$variant => Level::from_name(stringify!($level)),)* }
            }

            /// The code of a name, if it is one.
            pub fn parse(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == name)
            }
        }
    };
}

codes! {
    /// The text is not YAML or JSON (the message says where it stops reading).
    Syntax = "syntax" (error),
    /// A key appears twice in one map.
    DuplicateKey = "duplicate-key" (error),
    /// A map key that is not a plain string (a list or map as a key).
    ComplexKey = "complex-key" (error),
    /// More than one YAML document in the file.
    MultipleDocuments = "multiple-documents" (error),
    /// The file holds no design (empty, or only comments).
    EmptyDesign = "empty-design" (error),
    /// A YAML alias (`*name`) with no anchor of that name.
    UnknownAlias = "unknown-alias" (error),
    /// Aliases expand to more nodes than the limit (a billion-laughs text).
    AliasExpansionLimit = "alias-expansion-limit" (error),
    /// Maps and lists nest deeper than the limit.
    NestingTooDeep = "nesting-too-deep" (error),
    /// The text is larger than the largest design accepted.
    DesignTooLarge = "design-too-large" (error),
    /// More resources than the limit.
    TooManyResources = "too-many-resources" (error),
    /// Reading stopped after the most errors reported at once.
    TooManyErrors = "too-many-errors" (error),
    /// `version:` is not a version of the format this reader knows.
    UnsupportedVersion = "unsupported-version" (error),
    /// A field the format does not have (the hint names the closest).
    UnknownField = "unknown-field" (error),
    /// A required field is absent.
    MissingField = "missing-field" (error),
    /// A value of the wrong type (a list where a map belongs, text where a number does).
    WrongType = "wrong-type" (error),
    /// A value of the right type the field does not accept.
    InvalidValue = "invalid-value" (error),
    /// A value outside the field's set (an engine, a protocol; the hint names the closest).
    UnknownValue = "unknown-value" (error),
    /// `kind:` is not a resource kind.
    UnknownKind = "unknown-kind" (error),
    /// A count, size or amount below zero.
    NegativeNumber = "negative-number" (error),
    /// A number that is infinite or not a number.
    NonFiniteNumber = "non-finite-number" (error),
    /// A number larger than the field's limit.
    NumberTooLarge = "number-too-large" (error),
    /// A CIDR block that does not parse.
    InvalidCidr = "invalid-cidr" (error),
    /// A subnet's CIDR is not inside the VPC's.
    SubnetOutsideVpc = "subnet-outside-vpc" (error),
    /// A subnet, security group or resource name that does not exist.
    DanglingReference = "dangling-reference" (error),
    /// A field or value the design's cloud does not have (a deny rule in an AWS security group).
    NotOnProvider = "not-on-provider" (error),
    /// Two rules of one Azure network security group, in one direction, share a priority.
    DuplicatePriority = "duplicate-priority" (error),
    /// A group of ordered (Azure, GCP) firewall rules holds more port ranges than the limit.
    TooManyFirewallRules = "too-many-firewall-rules" (error),
    /// A scaling or schedule minimum above its maximum.
    MinAboveMax = "min-above-max" (error),
    /// A schedule's days or hours that do not parse, or an empty window.
    InvalidSchedule = "invalid-schedule" (error),
    /// A time zone that is not an IANA name.
    UnknownTimezone = "unknown-timezone" (error),
    /// A duration that does not parse (write `30s`, `15m`, `4h`, `1d`).
    InvalidDuration = "invalid-duration" (error),
    /// `--env` names no key of `environments:`.
    UnknownEnvironment = "unknown-environment" (error),
    /// A readiness scenario that is not instance, zone, region or corruption (with did-you-mean).
    UnknownScenario = "unknown-scenario" (error),
    /// A `dr.assumptions` key that is not a readiness parameter (with did-you-mean).
    UnknownAssumption = "unknown-assumption" (error),
    /// A per-resource target or waiver naming no resource.
    UnknownResource = "unknown-resource" (error),
    /// A rule ID (in `policy.disable`, a waiver) that is not a rule.
    UnknownRule = "unknown-rule" (error),
    /// A user rule that cannot be checked (no operator, a bad pattern).
    InvalidRule = "invalid-rule" (error),
    /// A user rule's ID is a built-in rule's.
    RuleIdTaken = "rule-id-taken" (error),
    /// Two user rules share an ID.
    DuplicateRuleId = "duplicate-rule-id" (error),
    /// More user rules than the limit.
    TooManyRules = "too-many-rules" (error),
    /// A user rule with more conditions than the limit.
    TooManyConditions = "too-many-conditions" (error),
    /// No price for this EC2 instance type in the region: the total is incomplete; the hint names the closest.
    UnknownInstanceType = "unknown-instance-type" (warning),
    /// No price for this database instance class in the region: the total is incomplete.
    UnknownInstanceClass = "unknown-instance-class" (warning),
    /// No price for this cache node type in the region: the total is incomplete.
    UnknownNodeType = "unknown-node-type" (warning),
    /// No price for this broker instance type in the region: the total is incomplete.
    UnknownBrokerType = "unknown-broker-type" (warning),
    /// Another price the catalog lacks: the total is incomplete.
    UnknownPrice = "unknown-price" (warning),
    /// The catalog has no prices for the region at all (the page offers to load them); the total is incomplete.
    UnknownRegion = "unknown-region" (warning),
    /// A quantity the design does not give (a volume's size read from Terraform): that line is not priced, the total is incomplete.
    UnknownQuantity = "unknown-quantity" (warning),
    /// The kind is priced from another cloud's price list than the design's: no line is guessed.
    NoPriceSource = "no-price-source" (warning),
    /// A usage-based price the design gives no usage for (the hint names the `usage:` field).
    UsageNeeded = "usage-needed" (warning),
    /// The catalog has no rate for the reserved lease or savings plan asked for: priced on demand.
    NoReservedRate = "no-reserved-rate" (warning),
    /// A Kubernetes node group whose nodes cannot hold its workloads' requests.
    NodeGroupTooSmall = "node-group-too-small" (warning),
    /// A catalog file that is not JSON.
    CatalogInvalid = "catalog-invalid" (error),
    /// A catalog file whose `format` is not `planwright-catalog`.
    CatalogFormat = "catalog-format" (error),
    /// A catalog file of a version this reader does not know.
    CatalogVersion = "catalog-version" (error),
    /// A catalog file without a valid `region`.
    CatalogRegion = "catalog-region" (error),
    /// A catalog file's provider is unknown, or two files price one region for different providers.
    CatalogProvider = "catalog-provider" (error),
    /// A price group's source lacks its offer code, version or date (or its page and day read).
    CatalogSourceIncomplete = "catalog-source-incomplete" (error),
    /// A price group without a source.
    CatalogSourceMissing = "catalog-source-missing" (error),
    /// A SKU's specification (vCPU, memory) that is not valid.
    CatalogSpecInvalid = "catalog-spec-invalid" (error),
    /// A price without its unit.
    CatalogUnitMissing = "catalog-unit-missing" (error),
    /// A price that is not a non-negative decimal.
    CatalogPriceInvalid = "catalog-price-invalid" (error),
    /// A field the catalog format does not have.
    CatalogUnknownField = "catalog-unknown-field" (error),
    /// A catalog file larger than the limit.
    CatalogTooLarge = "catalog-too-large" (error),
    /// The Terraform reader's own diagnostic: its code (`TF-PARSE`, `TF-CYCLE`, `TF-DATA`...) starts the message; located in the `.tf` file. An error stops the import; a warning is a value it could not know.
    Terraform = "terraform" (error),
    /// Something of a mapped Terraform resource the design could not take (an undeclared reference, an unknown instance type): located at the `.tf` argument.
    TerraformUnmapped = "terraform-unmapped" (warning),
    /// Resources of a type no mapping reads, counted by type: free ones are not checked; others are not priced, and the total is incomplete.
    TerraformUnsupported = "terraform-unsupported" (warning),
    /// A usage file (`--usage-file`) that does not read, or a key of it Planwright does not read.
    UsageFile = "usage-file" (warning),
}

impl Level {
    const fn from_name(name: &str) -> Level {
        match name.as_bytes() {
            b"error" => Level::Error,
            _ => Level::Warning,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

/// The Markdown table of every code (docs/format.md, between its `codes` markers).
pub fn codes_table() -> String {
    let mut s = String::from("| code | level | meaning |\n|---|---|---|\n");
    for c in Code::ALL {
        let level = match c.level() {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        s.push_str(&format!(
            "| `{}` | {level} | {} |\n",
            c.as_str(),
            c.doc().replace('|', "\\|")
        ));
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

impl Location {
    pub fn new(line: u32, column: u32) -> Self {
        Location { line, column }
    }
    pub fn start() -> Self {
        Location { line: 1, column: 1 }
    }
}

/// One located problem. Serialises as the `diagnostics[]` entries of the report contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `unknown-field`, `dangling-reference` (see [`Code`]).
    pub code: Code,
    pub level: Level,
    pub message: String,
    /// Path in the design, e.g. `resources.web.instance_type`; empty for the whole file.
    pub path: String,
    /// The file `line` and `column` are in, when not the design itself (a `.tf` file the
    /// design was imported from).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<Box<str>>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// `path` as typed segments, when the diagnostic was made from one: locating it later
    /// must not re-read the text (a resource named `api.v2` is one key, not two).
    #[serde(skip)]
    pub at: Option<Box<DesignPath>>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: Level::Error,
            message: message.into(),
            path: String::new(),
            file: None,
            line: None,
            column: None,
            hint: None,
            at: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, loc: Location) -> Self {
        self.line = Some(loc.line);
        self.column = Some(loc.column);
        self
    }

    pub fn with_path(mut self, path: &DesignPath) -> Self {
        self.path = path.to_string();
        self.at = Some(Box::new(path.clone()));
        self
    }

    /// The design path as typed segments (parsed from `path` when not made from one).
    pub fn design_path(&self) -> DesignPath {
        match &self.at {
            Some(p) => (**p).clone(),
            None => DesignPath::parse(&self.path),
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, "{l}:{c}: ")?;
        }
        write!(f, "{} [{}]", self.message, self.code)?;
        if !self.path.is_empty() {
            write!(f, " at `{}`", self.path)?;
        }
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// "did you mean `multi_az`?" for the closest candidate, if any is close enough.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(input, candidates, 1)
        .first()
        .map(|c| format!("did you mean `{c}`?"))
}

/// What a [`did_you_mean`] hint names: `multi_az` of "did you mean `multi_az`?".
pub fn meant(hint: &str) -> Option<&str> {
    hint.strip_prefix("did you mean `")?.strip_suffix("`?")
}

/// Up to `n` candidates closest to `input`, best first, that are plausibly what was meant.
pub fn closest<'a, I>(input: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = input.to_ascii_lowercase();
    let mut scored: Vec<(f64, &'a str)> = candidates
        .into_iter()
        .map(|c| {
            let score = strsim::jaro_winkler(&lower, &c.to_ascii_lowercase());
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    crate::order::sort_by(&mut scored, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("multi_azz", ["engine", "multi_az", "storage"]),
            Some("did you mean `multi_az`?".into())
        );
        assert_eq!(did_you_mean("zzzz", ["engine", "multi_az"]), None);
    }
}
