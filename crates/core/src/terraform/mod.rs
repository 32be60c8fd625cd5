//! The Terraform vocabulary a kind maps from (feature `terraform`): the evaluated resource
//! instances of `planwright-terraform`, the context a mapping reads other instances through,
//! and the design tree a mapping writes, every node carrying the span of the `.tf` argument
//! or block it came from. Each kind's own mapping lives in its file under `resources/`; the
//! network (VPC, subnets, route tables, security groups) and the driver that assembles a
//! whole design are in `import`.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use planwright_terraform::archive;
pub use planwright_terraform::{
    format_number, Mode, Ref, ResourceInstance as Instance, Span, Spanned, Value,
};

/// A value of the design being written, with the span of the Terraform it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Out {
    pub value: OutValue,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OutValue {
    Str(String),
    Num(f64),
    Bool(bool),
    List(Vec<Out>),
    Map(Obj),
}

impl Out {
    pub fn new(value: OutValue, span: Option<&Span>) -> Out {
        Out {
            value,
            span: span.cloned(),
        }
    }

    pub fn str(s: impl Into<String>, span: Option<&Span>) -> Out {
        Out::new(OutValue::Str(s.into()), span)
    }
}

/// A map of the design being written, in the order its keys are set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj(pub Vec<(String, Out)>);

impl Obj {
    pub fn new() -> Obj {
        Obj::default()
    }

    /// Sets `key` (replacing an earlier value, keeping its place).
    pub fn put(&mut self, key: &str, value: OutValue, span: Option<&Span>) -> &mut Obj {
        let out = Out::new(value, span);
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = out,
            None => self.0.push((key.to_string(), out)),
        }
        self
    }

    pub fn str(&mut self, key: &str, v: impl Into<String>, span: Option<&Span>) -> &mut Obj {
        self.put(key, OutValue::Str(v.into()), span)
    }

    pub fn num(&mut self, key: &str, v: f64, span: Option<&Span>) -> &mut Obj {
        self.put(key, OutValue::Num(v), span)
    }

    pub fn bool(&mut self, key: &str, v: bool, span: Option<&Span>) -> &mut Obj {
        self.put(key, OutValue::Bool(v), span)
    }

    pub fn obj(&mut self, key: &str, v: Obj, span: Option<&Span>) -> &mut Obj {
        self.put(key, OutValue::Map(v), span)
    }

    pub fn list(&mut self, key: &str, v: Vec<Out>, span: Option<&Span>) -> &mut Obj {
        self.put(key, OutValue::List(v), span)
    }

    pub fn get(&self, key: &str) -> Option<&Out> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Out> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Copies a known string argument of `r` at `path` to `key`.
    pub fn copy_str(&mut self, key: &str, r: &Instance, path: &str) -> Option<String> {
        let a = r.get_spanned(path)?;
        let s = a.value.as_str()?.to_string();
        self.str(key, s.clone(), Some(&a.span));
        Some(s)
    }

    /// Copies a known number argument of `r` at `path` to `key`.
    pub fn copy_num(&mut self, key: &str, r: &Instance, path: &str) -> Option<f64> {
        let a = r.get_spanned(path)?;
        let n = number(&a.value)?;
        self.num(key, n, Some(&a.span));
        Some(n)
    }

    /// Copies a known bool argument of `r` at `path` to `key`.
    pub fn copy_bool(&mut self, key: &str, r: &Instance, path: &str) -> Option<bool> {
        let a = r.get_spanned(path)?;
        let b = boolean(&a.value)?;
        self.bool(key, b, Some(&a.span));
        Some(b)
    }
}

/// A number, also when written as a string (Terraform converts `"2"` for number arguments).
pub fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(*n),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A bool, also when written as a string (`"true"`).
pub fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// The span of argument `path` of `r`, or of its block when the argument is not written.
pub fn span_of(r: &Instance, path: &str) -> Span {
    r.get_spanned(path)
        .map(|a| a.span.clone())
        .unwrap_or_else(|| r.span.clone())
}

/// The nested blocks `name` of `r` (`ingress {}`, `listener {}`), as objects.
pub fn blocks<'a>(r: &'a Instance, name: &str) -> Vec<&'a Spanned<Value>> {
    match r.get_spanned(name) {
        Some(b) => match &b.value {
            Value::List(items) => items.iter().collect(),
            Value::Object(_) => vec![b],
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// Code of a warning about what a mapping could not read.
pub const WARN_CODE: Code = Code::TerraformUnmapped;

/// A located note a mapping leaves for the user: what it could not read and what it assumed.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub message: String,
    pub span: Span,
    pub hint: Option<String>,
}

/// What a mapping reads the other instances through.
pub struct Cx<'a> {
    all: &'a [Instance],
    index: HashMap<&'a str, usize>,
    /// Managed instances by type, in source order (`referring` scans one type, not all).
    by_type: HashMap<&'a str, Vec<usize>>,
    /// Managed instances by the names they are configured with (see `own_names`).
    by_name: HashMap<&'a str, Vec<usize>>,
    /// Instances another instance's mapping took in (a listener into its load balancer).
    folded: BTreeSet<String>,
    /// The design name of each instance that became a subnet, a security group or a resource.
    names: BTreeMap<String, String>,
    /// Regions of aliased `aws` provider configurations.
    aliases: BTreeMap<String, String>,
    pub notes: Vec<Note>,
    /// The region the design is priced in.
    pub region: String,
}

impl<'a> Cx<'a> {
    pub fn new(all: &'a [Instance], region: &str) -> Cx<'a> {
        let index = all
            .iter()
            .enumerate()
            .map(|(i, r)| (r.address.as_str(), i))
            .collect();
        let mut by_type: HashMap<&'a str, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, r) in all.iter().enumerate() {
            if r.mode == Mode::Managed {
                by_type.entry(r.resource_type.as_str()).or_default().push(i);
                for n in own_names(r) {
                    by_name.entry(n).or_default().push(i);
                }
            }
        }
        Cx {
            all,
            index,
            by_type,
            by_name,
            folded: BTreeSet::new(),
            names: BTreeMap::new(),
            aliases: BTreeMap::new(),
            notes: Vec::new(),
            region: region.to_string(),
        }
    }

    pub fn all(&self) -> &'a [Instance] {
        self.all
    }

    pub fn get(&self, address: &str) -> Option<&'a Instance> {
        self.index.get(address).and_then(|i| self.all.get(*i))
    }

    pub fn of_type(&self, ty: &str) -> impl Iterator<Item = &'a Instance> + '_ {
        let all = self.all;
        self.by_type
            .get(ty)
            .into_iter()
            .flatten()
            .filter_map(move |i| all.get(*i))
    }

    /// Instances of type `ty` whose argument `attr` refers to the instance `target`: by a
    /// reference, or by the configured name it has (`bucket = aws_s3_bucket.b.bucket` is the
    /// bucket's name once evaluated).
    pub fn referring(&self, ty: &'a str, attr: &str, target: &str) -> Vec<&'a Instance> {
        let names = self.get(target).map(own_names).unwrap_or_default();
        self.of_type(ty)
            .filter(|r| {
                r.get(attr).is_some_and(|v| {
                    refs_in(v).iter().any(|x| x.address == target)
                        || v.as_str().is_some_and(|s| names.contains(&s))
                })
            })
            .collect()
    }

    /// The instances argument `path` of `r` refers to, each with the span of the reference:
    /// by reference, or by a name one of them is configured with.
    pub fn referenced(&self, r: &Instance, path: &str) -> Vec<(&'a Instance, Span)> {
        let Some(a) = r.get_spanned(path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut push = |v: &Value, span: &Span| {
            let mut found: Vec<&'a Instance> = refs_in(v)
                .iter()
                .filter_map(|x| self.get(&x.address))
                .collect();
            if let Some(name) = v.as_str() {
                found.extend(
                    self.by_name
                        .get(name)
                        .into_iter()
                        .flatten()
                        .filter_map(|i| self.all.get(*i))
                        .filter(|t| t.address != r.address),
                );
            }
            for t in found {
                if !out
                    .iter()
                    .any(|(o, _): &(&Instance, Span)| o.address == t.address)
                {
                    out.push((t, span.clone()));
                }
            }
        };
        match &a.value {
            Value::List(items) => items.iter().for_each(|i| push(&i.value, &i.span)),
            v => push(v, &a.span),
        }
        out
    }

    /// The one instance argument `path` of `r` refers to.
    pub fn referenced_one(&self, r: &Instance, path: &str) -> Option<&'a Instance> {
        self.referenced(r, path).into_iter().next().map(|(t, _)| t)
    }

    /// The instance of one of `types` argument `path` of `r` refers to.
    pub fn referenced_of(&self, r: &Instance, path: &str, types: &[&str]) -> Option<&'a Instance> {
        self.referenced(r, path)
            .into_iter()
            .map(|(t, _)| t)
            .find(|t| types.contains(&t.resource_type.as_str()))
    }

    /// The region of a resource's provider (`provider = aws.dr`), when it is not the design's.
    pub fn region_of(&self, r: &Instance) -> Option<&str> {
        let alias = r.provider.as_deref()?.strip_prefix("aws.")?;
        self.aliases.get(alias).map(String::as_str)
    }

    /// Records the region of an aliased provider configuration.
    pub fn alias(&mut self, alias: &str, region: &str) {
        self.aliases.insert(alias.to_string(), region.to_string());
    }

    /// Marks `address` as taken into another resource (not counted as unsupported).
    pub fn fold(&mut self, address: &str) {
        self.folded.insert(address.to_string());
    }

    pub fn is_folded(&self, address: &str) -> bool {
        self.folded.contains(address)
    }

    /// Records that the instance at `address` is written in the design as `name`.
    pub fn name(&mut self, address: &str, name: &str) {
        self.names.insert(address.to_string(), name.to_string());
    }

    pub fn name_of(&self, address: &str) -> Option<&str> {
        self.names.get(address).map(String::as_str)
    }

    pub fn note(&mut self, message: impl Into<String>, span: &Span) {
        self.notes.push(Note {
            message: message.into(),
            span: span.clone(),
            hint: None,
        });
    }

    pub fn note_hint(&mut self, message: impl Into<String>, span: &Span, hint: impl Into<String>) {
        self.notes.push(Note {
            message: message.into(),
            span: span.clone(),
            hint: Some(hint.into()),
        });
    }

    /// The design names of the subnets or security groups argument `path` of `r` refers to
    /// (`subnet_ids`, `vpc_security_group_ids`). A reference to something these files do not
    /// declare (another stack's subnet, a variable) is a located note and left out.
    pub fn names_in(&mut self, r: &Instance, path: &str, what: &str) -> Vec<Out> {
        let Some(a) = r.get_spanned(path) else {
            return Vec::new();
        };
        let items: Vec<&Spanned<Value>> = match &a.value {
            Value::List(items) => items.iter().collect(),
            _ => vec![a],
        };
        let mut out: Vec<Out> = Vec::new();
        let mut unresolved = 0;
        for item in items {
            let refs = refs_in(&item.value);
            let names: Vec<String> = refs
                .iter()
                .filter_map(|x| self.name_of(&x.address).map(str::to_string))
                .collect();
            if names.is_empty() {
                unresolved += 1;
            }
            for n in names {
                if !out
                    .iter()
                    .any(|o| matches!(&o.value, OutValue::Str(s) if *s == n))
                {
                    out.push(Out::str(n, Some(&item.span)));
                }
            }
        }
        if unresolved > 0 {
            let span = a.span.clone();
            self.note_hint(
                format!(
                    "{}: {unresolved} of the {what} in `{path}` are not declared in these files; left out",
                    r.address
                ),
                &span,
                "a value from another stack or an input variable: the checks that need it are not run",
            );
        }
        out
    }
}

/// The names an instance is configured with, which other resources may use instead of a
/// reference once evaluated (`bucket`, `name`, `identifier`...).
fn own_names(r: &Instance) -> Vec<&str> {
    [
        "name",
        "bucket",
        "identifier",
        "cluster_identifier",
        "replication_group_id",
        "cluster_id",
        "family",
    ]
    .iter()
    .filter_map(|k| r.str(k))
    .collect()
}

/// The resource references in a value: a `Ref`, the refs of an `Unknown`, and those inside
/// lists and objects.
pub fn refs_in(v: &Value) -> Vec<&Ref> {
    let mut out = Vec::new();
    collect_refs(v, &mut out, 0);
    out
}

fn collect_refs<'v>(v: &'v Value, out: &mut Vec<&'v Ref>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Ref(r) => out.push(r),
        Value::Unknown(u) => out.extend(u.refs.iter()),
        Value::List(items) => items
            .iter()
            .for_each(|i| collect_refs(&i.value, out, depth + 1)),
        Value::Object(m) => m
            .values()
            .for_each(|i| collect_refs(&i.value, out, depth + 1)),
        _ => {}
    }
}

/// What a kind's mapping returns: the resource's fields (without `kind`, which the driver
/// writes), or nothing when the instance is not a resource of its own.
pub type Mapping = Option<Obj>;

/// The EBS volume types the design format prices (`VolumeType`).
pub const VOLUME_TYPES: &[&str] = &["gp3", "gp2", "io1"];

/// An EBS volume block (`root_block_device`, `ebs_block_device`, `block_device_mappings.ebs`)
/// as a design volume: `{ type, size_gb, iops, throughput_mbps, encrypted }`. A size that is
/// not written (the AMI's) is a note and a volume without `size_gb` (checked, not priced); a
/// type the format cannot price is a note, and no volume.
pub fn volume_block(cx: &mut Cx<'_>, owner: &str, block: &Spanned<Value>) -> Option<Out> {
    let get = |k: &str| block.value.get_spanned(k);
    let size = get("volume_size").and_then(|s| number(&s.value).map(|n| (n, s.span.clone())));
    if size.is_none() {
        cx.note(
            format!("{owner}: a volume without `volume_size` (the AMI's size): its storage is not priced"),
            &block.span,
        );
    }
    let mut v = Obj::new();
    match get("volume_type") {
        Some(t) => match t.value.as_str() {
            Some(ty) if VOLUME_TYPES.contains(&ty) => {
                v.str("type", ty, Some(&t.span));
            }
            Some(ty) => {
                cx.note(
                    format!("{owner}: volume type `{ty}` is not one the design format prices (gp3, gp2, io1); the volume is not priced"),
                    &t.span,
                );
                return None;
            }
            None => {}
        },
        None => {
            // The AWS provider's default for volume_type is gp2 on instances' block devices
            // (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance).
            v.str("type", "gp2", Some(&block.span));
        }
    }
    if let Some((n, span)) = &size {
        v.num("size_gb", *n, Some(span));
    }
    for (from, to) in [("iops", "iops"), ("throughput", "throughput_mbps")] {
        if let Some(a) = get(from) {
            if let Some(n) = number(&a.value) {
                v.num(to, n, Some(&a.span));
            }
        }
    }
    if let Some(a) = get("encrypted") {
        if let Some(b) = boolean(&a.value) {
            v.bool("encrypted", b, Some(&a.span));
        }
    }
    Some(Out::new(OutValue::Map(v), Some(&block.span)))
}

/// A string of the design from a string-typed argument that may be a list
/// (`instance_types = ["m5.large"]`): its first element.
pub fn first_str(r: &Instance, path: &str) -> Option<(String, Span)> {
    let a = r.get_spanned(path)?;
    match &a.value {
        Value::String(s) => Some((s.clone(), a.span.clone())),
        Value::List(items) => items
            .first()
            .and_then(|i| i.value.as_str().map(|s| (s.to_string(), i.span.clone()))),
        _ => None,
    }
}
