//! The evaluator: module instances, named values and their demand-driven resolution.
//!
//! Terraform builds a dependency graph and walks it. Here every named value (`var.x`, `local.x`,
//! `module.m.out`, a resource's expansion and arguments) is resolved on demand and memoised, which
//! visits values in dependency order without building the graph. A value being resolved is marked
//! in progress, so reaching it again is a cycle, reported where the cycle closes (`TF-CYCLE`).
//! Resolution is bounded by the expression depth limit (references count as depth) and a global
//! step budget, so no input can recurse or loop without end; whatever cannot be resolved becomes
//! [`Value::Unknown`] with a diagnostic.

pub(crate) mod expr;
pub(crate) mod functions;
mod template;

use crate::config::{self, FileId, Mode, ModuleConfig};
use crate::error::{codes, Diagnostic};
use crate::files::{join_path, SourceFile, Span};
use crate::limits::Limits;
use crate::resource::{resource_address, IndexKey, ModuleStep, ProviderConfig, ResourceInstance};
use crate::value::{Map, Ref, Spanned, Value};
use crate::vars;
use hcl_edit::expr::Expression;
use hcl_edit::structure::{Block, Body, Structure};
use hcl_edit::Span as _;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

pub(crate) type Diag = Box<Diagnostic>;
pub(crate) type EResult = Result<Value, Diag>;

/// Memo state of a lazily resolved value.
pub(crate) enum State<T> {
    InProgress,
    Done(T),
}

/// Where an expression is evaluated: its module instance, file, and the iteration variables in
/// scope (`each`, `count`, `for` and `dynamic` iterators).
#[derive(Clone)]
pub(crate) struct Scope {
    pub module: usize,
    pub file: FileId,
    pub each: Option<(Value, Value)>,
    pub count: Option<usize>,
    pub iters: Vec<(String, Value)>,
    /// Constant context (tfvars, variable defaults): references are errors.
    pub constant: bool,
}

impl Scope {
    pub fn new(module: usize, file: FileId) -> Scope {
        Scope {
            module,
            file,
            each: None,
            count: None,
            iters: Vec::new(),
            constant: false,
        }
    }

    pub fn constant(file: FileId) -> Scope {
        Scope {
            constant: true,
            ..Scope::new(0, file)
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpKind {
    Single,
    Count,
    ForEach,
}

/// One instance of an expanded resource or module call.
pub(crate) struct Inst {
    pub key: Option<IndexKey>,
    pub each: Option<(Value, Value)>,
    pub count: Option<usize>,
}

pub(crate) struct Expanded {
    pub kind: ExpKind,
    pub insts: Vec<Inst>,
}

struct ResState {
    expansion: Option<State<Rc<Expanded>>>,
    attrs: Vec<Option<State<Rc<Map>>>>,
}

pub(crate) enum CallExp {
    /// Not evaluated (remote source, or an error already reported).
    Skipped(String),
    Children(ExpKind, Vec<(Option<IndexKey>, usize)>),
}

pub(crate) struct ModuleInst {
    pub config: Rc<ModuleConfig>,
    pub path: Vec<ModuleStep>,
    parent: Option<(usize, String)>,
    each: Option<(Value, Value)>,
    count: Option<usize>,
    depth: usize,
    vars: HashMap<String, State<Value>>,
    locals: HashMap<String, State<Value>>,
    outputs: HashMap<String, State<Value>>,
    calls: HashMap<String, State<Rc<CallExp>>>,
    resources: Vec<ResState>,
}

/// What an instance address refers to, for following `Ref`s to configured arguments.
#[derive(Clone, Copy)]
struct Target {
    module: usize,
    resource: usize,
    instance: usize,
}

/// Arguments of a resource block that are meta-arguments, not resource attributes.
const META_ATTRS: &[&str] = &["count", "for_each", "provider", "depends_on"];
const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];
/// Arguments of a module block that are not input variables.
const CALL_META: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

pub(crate) struct Evaluator {
    pub files: Vec<SourceFile>,
    pub limits: Limits,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    pub workspace: String,
    configs: HashMap<String, Rc<ModuleConfig>>,
    pub modules: Vec<ModuleInst>,
    targets: HashMap<String, Target>,
    pub root_values: HashMap<String, Spanned<Value>>,
    steps: u64,
    steps_reported: bool,
    pub depth: usize,
    stack: Vec<String>,
    total_instances: usize,
}

impl Evaluator {
    pub fn new(files: Vec<SourceFile>, limits: Limits) -> Evaluator {
        Evaluator {
            files,
            limits,
            errors: Vec::new(),
            warnings: Vec::new(),
            workspace: "default".into(),
            configs: HashMap::new(),
            modules: Vec::new(),
            targets: HashMap::new(),
            root_values: HashMap::new(),
            steps: 0,
            steps_reported: false,
            depth: 0,
            stack: Vec::new(),
            total_instances: 0,
        }
    }

    // ----- diagnostics and spans -----

    pub fn span(&self, file: FileId, range: Option<Range<usize>>) -> Span {
        match self.files.get(file) {
            Some(f) => f.span(range),
            None => Span::file_start("<input>"),
        }
    }

    pub fn span_of(&self, sc: &Scope, node: &impl hcl_edit::Span) -> Span {
        self.span(sc.file, node.span())
    }

    pub fn error(&self, code: &'static str, message: impl Into<String>, span: Span) -> Diag {
        Box::new(Diagnostic::new(code, message, span))
    }

    pub fn warn(&mut self, code: &'static str, message: impl Into<String>, span: Span) {
        self.warnings.push(Diagnostic::new(code, message, span));
    }

    pub fn warn_hint(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        span: Span,
        hint: &str,
    ) {
        self.warnings
            .push(Diagnostic::new(code, message, span).with_hint(hint));
    }

    #[allow(clippy::boxed_local)] // errors travel boxed to keep `EResult` small on the stack
    pub fn record(&mut self, d: Diag) {
        self.errors.push(*d);
    }

    /// Counts evaluation steps; true once the budget is spent.
    pub fn tick(&mut self, n: u64) -> bool {
        self.steps = self.steps.saturating_add(n);
        self.steps > self.limits.max_steps
    }

    /// The error for a spent step budget (the hint only on the first one).
    pub fn budget_error(&mut self, span: Span) -> Diag {
        let d = self.error(
            codes::LIMIT,
            format!("evaluation exceeded {} steps", self.limits.max_steps),
            span,
        );
        if self.steps_reported {
            d
        } else {
            self.steps_reported = true;
            d.map_hint("the configuration expands to too much work (nested for expressions or large ranges?)")
        }
    }

    pub fn out_of_steps(&self) -> bool {
        self.steps > self.limits.max_steps
    }

    // ----- modules -----

    fn config(&mut self, dir: &str) -> Rc<ModuleConfig> {
        if let Some(c) = self.configs.get(dir) {
            return c.clone();
        }
        let cfg = Rc::new(config::load(
            &self.files,
            dir,
            &mut self.errors,
            &mut self.warnings,
        ));
        self.configs.insert(dir.to_string(), cfg.clone());
        cfg
    }

    /// Creates the root module instance (id 0).
    pub fn add_root(&mut self, dir: &str) -> usize {
        let config = self.config(dir);
        self.push_module(config, Vec::new(), None, None, None, 0)
    }

    fn push_module(
        &mut self,
        config: Rc<ModuleConfig>,
        path: Vec<ModuleStep>,
        parent: Option<(usize, String)>,
        each: Option<(Value, Value)>,
        count: Option<usize>,
        depth: usize,
    ) -> usize {
        let resources = config
            .resources
            .iter()
            .map(|_| ResState {
                expansion: None,
                attrs: Vec::new(),
            })
            .collect();
        self.modules.push(ModuleInst {
            config,
            path,
            parent,
            each,
            count,
            depth,
            vars: HashMap::new(),
            locals: HashMap::new(),
            outputs: HashMap::new(),
            calls: HashMap::new(),
            resources,
        });
        self.modules.len() - 1
    }

    pub fn module_config(&self, m: usize) -> Rc<ModuleConfig> {
        match self.modules.get(m) {
            Some(inst) => inst.config.clone(),
            None => Rc::new(ModuleConfig::default()),
        }
    }

    fn prefix(&self, m: usize) -> String {
        let a = self
            .modules
            .get(m)
            .map(|i| crate::resource::module_address(&i.path))
            .unwrap_or_default();
        if a.is_empty() {
            a
        } else {
            a + "."
        }
    }

    fn cycle(&self, key: &str, at: &Span) -> Diag {
        let start = self.stack.iter().position(|k| k == key).unwrap_or(0);
        let mut chain: Vec<&str> = self.stack.iter().skip(start).map(String::as_str).collect();
        chain.push(key);
        self.error(
            codes::CYCLE,
            format!("cycle: {}", chain.join(" -> ")),
            at.clone(),
        )
        .map_hint("break the cycle; Terraform rejects self-referencing values too")
    }

    /// `var.NAME` in module instance `m`.
    pub fn resolve_var(&mut self, m: usize, name: &str, at: &Span) -> EResult {
        let key = format!("{}var.{name}", self.prefix(m));
        let Some(inst) = self.modules.get(m) else {
            return Ok(Value::unknown("no module"));
        };
        match inst.vars.get(name) {
            Some(State::Done(v)) => return Ok(v.clone()),
            Some(State::InProgress) => return Err(self.cycle(&key, at)),
            None => {}
        }
        let cfg = inst.config.clone();
        let parent = inst.parent.clone();
        let (each, count) = (inst.each.clone(), inst.count);
        let Some(decl) = cfg.variables.get(name) else {
            return Err(self
                .error(
                    codes::REFERENCE,
                    format!("reference to undeclared input variable \"{name}\""),
                    at.clone(),
                )
                .map_hint(format!(
                    "declare it with a `variable \"{name}\" {{}}` block"
                )));
        };
        if let Some(i) = self.modules.get_mut(m) {
            i.vars.insert(name.to_string(), State::InProgress);
        }
        self.stack.push(key);
        let given: Option<EResult> = match &parent {
            None => self.root_values.get(name).map(|v| Ok(v.value.clone())),
            Some((pm, call)) => {
                let pcfg = self.module_config(*pm);
                match pcfg
                    .calls
                    .get(call)
                    .and_then(|c| c.block.body.get_attribute(name).map(|a| (c.file, a)))
                {
                    Some((file, attr)) => {
                        let mut sc = Scope {
                            each,
                            count,
                            ..Scope::new(*pm, file)
                        };
                        Some(self.eval(&attr.value, &mut sc))
                    }
                    None => None,
                }
            }
        };
        let result = match given {
            Some(r) => r,
            None => match &decl.default {
                Some(d) => self.eval(d, &mut Scope::constant(decl.file)),
                None => {
                    if parent.is_none() {
                        self.warn_hint(
                            codes::VARIABLE,
                            format!("variable \"{name}\" has no value; it is treated as unknown"),
                            decl.span.clone(),
                            "set it in terraform.tfvars, a var file, or with --var",
                        );
                    }
                    Ok(Value::unknown(format!("variable \"{name}\" has no value")))
                }
            },
        };
        let result = match (result, &decl.type_expr) {
            (Ok(v), Some(t)) => vars::apply_type(self, v, t, decl.file),
            (r, _) => r,
        };
        self.stack.pop();
        let v = self.settle(result);
        if let Some(i) = self.modules.get_mut(m) {
            i.vars.insert(name.to_string(), State::Done(v.clone()));
        }
        Ok(v)
    }

    /// Records an error result and turns it into an unknown value.
    fn settle(&mut self, r: EResult) -> Value {
        match r {
            Ok(v) => v,
            Err(d) => {
                let reason = format!("evaluation failed: {}", d.message);
                self.record(d);
                Value::unknown(reason)
            }
        }
    }

    /// `local.NAME` in module instance `m`.
    pub fn resolve_local(&mut self, m: usize, name: &str, at: &Span) -> EResult {
        let key = format!("{}local.{name}", self.prefix(m));
        let Some(inst) = self.modules.get(m) else {
            return Ok(Value::unknown("no module"));
        };
        match inst.locals.get(name) {
            Some(State::Done(v)) => return Ok(v.clone()),
            Some(State::InProgress) => return Err(self.cycle(&key, at)),
            None => {}
        }
        let cfg = inst.config.clone();
        let Some(decl) = cfg.locals.get(name) else {
            return Err(self.error(
                codes::REFERENCE,
                format!("reference to undeclared local value \"{name}\""),
                at.clone(),
            ));
        };
        if let Some(i) = self.modules.get_mut(m) {
            i.locals.insert(name.to_string(), State::InProgress);
        }
        self.stack.push(key);
        let r = self.eval(&decl.expr, &mut Scope::new(m, decl.file));
        self.stack.pop();
        let v = self.settle(r);
        if let Some(i) = self.modules.get_mut(m) {
            i.locals.insert(name.to_string(), State::Done(v.clone()));
        }
        Ok(v)
    }

    /// Output `name` of module instance `child`.
    pub fn resolve_output(&mut self, child: usize, name: &str, at: &Span) -> EResult {
        let key = format!("{}output.{name}", self.prefix(child));
        let Some(inst) = self.modules.get(child) else {
            return Ok(Value::unknown("no module"));
        };
        match inst.outputs.get(name) {
            Some(State::Done(v)) => return Ok(v.clone()),
            Some(State::InProgress) => return Err(self.cycle(&key, at)),
            None => {}
        }
        let cfg = inst.config.clone();
        let Some(decl) = cfg.outputs.get(name) else {
            let module = crate::resource::module_address(&inst.path);
            return Err(self.error(
                codes::REFERENCE,
                format!("{module} has no output \"{name}\""),
                at.clone(),
            ));
        };
        if let Some(i) = self.modules.get_mut(child) {
            i.outputs.insert(name.to_string(), State::InProgress);
        }
        self.stack.push(key);
        let r = self.eval(&decl.expr, &mut Scope::new(child, decl.file));
        self.stack.pop();
        let v = self.settle(r);
        if let Some(i) = self.modules.get_mut(child) {
            i.outputs.insert(name.to_string(), State::Done(v.clone()));
        }
        Ok(v)
    }

    /// All outputs of a module instance as an object (for `module.x` used as a whole).
    pub fn module_object(&mut self, child: usize, at: &Span) -> EResult {
        let cfg = self.module_config(child);
        let mut map = Map::new();
        for (name, decl) in &cfg.outputs {
            let v = self.resolve_output(child, name, at)?;
            map.insert(name.clone(), Spanned::new(v, decl.span.clone()));
        }
        Ok(Value::Object(map))
    }

    /// Expands `count`/`for_each` of a resource or module block, evaluated in module `m`.
    fn expand_meta(
        &mut self,
        body: &Body,
        m: usize,
        file: FileId,
        block_span: &Span,
        what: &str,
    ) -> Result<Expanded, Diag> {
        let count = body.get_attribute("count");
        let for_each = body.get_attribute("for_each");
        let max = self.limits.max_instances;
        match (count, for_each) {
            (Some(_), Some(_)) => Err(self.error(
                codes::EXPANSION,
                format!("{what} sets both `count` and `for_each`"),
                block_span.clone(),
            )),
            (None, None) => Ok(Expanded {
                kind: ExpKind::Single,
                insts: vec![Inst {
                    key: None,
                    each: None,
                    count: None,
                }],
            }),
            (Some(c), None) => {
                let span = self.span(file, c.value.span());
                let v = self.eval(&c.value, &mut Scope::new(m, file))?;
                let n = match v {
                    Value::Number(n) => n,
                    Value::String(s) if s.trim().parse::<f64>().is_ok() => {
                        s.trim().parse::<f64>().unwrap_or(0.0)
                    }
                    Value::Unknown(_) | Value::Ref(_) => {
                        self.warn_hint(
                            codes::UNKNOWN,
                            format!("`count` of {what} is not known before apply; assuming one instance"),
                            span.clone(),
                            "make count depend only on variables and locals",
                        );
                        1.0
                    }
                    other => {
                        return Err(self.error(
                            codes::TYPE,
                            format!("`count` must be a whole number, got {}", other.type_name()),
                            span,
                        ))
                    }
                };
                if n < 0.0 || n.fract() != 0.0 || !n.is_finite() {
                    return Err(self.error(
                        codes::TYPE,
                        format!("`count` must be a non-negative whole number, got {n}"),
                        span,
                    ));
                }
                if n > max as f64 {
                    return Err(self.error(
                        codes::LIMIT,
                        format!("`count` = {n} exceeds the limit of {max} instances"),
                        span,
                    ));
                }
                let n = n as usize;
                let insts = (0..n)
                    .map(|i| Inst {
                        key: Some(IndexKey::Int(i as u64)),
                        each: None,
                        count: Some(i),
                    })
                    .collect();
                Ok(Expanded {
                    kind: ExpKind::Count,
                    insts,
                })
            }
            (None, Some(f)) => {
                let span = self.span(file, f.value.span());
                let v = self.eval(&f.value, &mut Scope::new(m, file))?;
                let unknown = |ev: &mut Evaluator, span: Span| {
                    ev.warn_hint(
                        codes::UNKNOWN,
                        format!("`for_each` of {what} is not known before apply; assuming one instance"),
                        span,
                        "for_each keys must be known at plan time: derive them from variables and locals",
                    );
                    let u = Value::unknown("for_each is not known before apply");
                    Ok(Expanded {
                        kind: ExpKind::ForEach,
                        insts: vec![Inst {
                            key: Some(IndexKey::String("<unknown>".into())),
                            each: Some((u.clone(), u)),
                            count: None,
                        }],
                    })
                };
                let mut items: Vec<(String, Value)> = match v {
                    Value::Object(map) => map.into_iter().map(|(k, v)| (k, v.value)).collect(),
                    Value::List(list) => {
                        let mut out = Vec::new();
                        for e in list {
                            match e.value {
                                Value::String(s) => out.push((s.clone(), Value::String(s))),
                                Value::Unknown(_) | Value::Ref(_) => return unknown(self, span),
                                other => {
                                    return Err(self
                                        .error(
                                            codes::TYPE,
                                            format!(
                                                "`for_each` set elements must be strings, found {}",
                                                other.type_name()
                                            ),
                                            span,
                                        )
                                        .map_hint("use a map, or toset() of strings"))
                                }
                            }
                        }
                        out
                    }
                    Value::Unknown(_) | Value::Ref(_) => return unknown(self, span),
                    Value::Null => {
                        return Err(self.error(codes::TYPE, "`for_each` must not be null", span))
                    }
                    other => {
                        return Err(self
                            .error(
                                codes::TYPE,
                                format!(
                                    "`for_each` must be a map or a set of strings, got {}",
                                    other.type_name()
                                ),
                                span,
                            )
                            .map_hint("wrap a list with toset()"))
                    }
                };
                // Terraform orders instances by key.
                items.sort_by(|a, b| a.0.cmp(&b.0));
                items.dedup_by(|a, b| a.0 == b.0);
                if items.len() > max {
                    return Err(self.error(
                        codes::LIMIT,
                        format!(
                            "`for_each` has {} keys, over the limit of {max} instances",
                            items.len()
                        ),
                        span,
                    ));
                }
                let insts = items
                    .into_iter()
                    .map(|(k, v)| Inst {
                        key: Some(IndexKey::String(k.clone())),
                        each: Some((Value::String(k), v)),
                        count: None,
                    })
                    .collect();
                Ok(Expanded {
                    kind: ExpKind::ForEach,
                    insts,
                })
            }
        }
    }

    /// The child instances of `module.NAME` in module instance `m` (created on first use).
    pub fn expand_call(&mut self, m: usize, name: &str, at: &Span) -> Result<Rc<CallExp>, Diag> {
        let key = format!("{}module.{name}", self.prefix(m));
        let Some(inst) = self.modules.get(m) else {
            return Ok(Rc::new(CallExp::Skipped("no module".into())));
        };
        match inst.calls.get(name) {
            Some(State::Done(c)) => return Ok(c.clone()),
            Some(State::InProgress) => return Err(self.cycle(&key, at)),
            None => {}
        }
        let cfg = inst.config.clone();
        let depth = inst.depth;
        let path = inst.path.clone();
        let Some(decl) = cfg.calls.get(name) else {
            return Err(self.error(
                codes::REFERENCE,
                format!("reference to undeclared module \"{name}\""),
                at.clone(),
            ));
        };
        if let Some(i) = self.modules.get_mut(m) {
            i.calls.insert(name.to_string(), State::InProgress);
        }
        self.stack.push(key);
        let r = self.instantiate_call(m, name, decl, &cfg, depth, &path);
        self.stack.pop();
        let exp = match r {
            Ok(e) => e,
            Err(d) => {
                let reason = format!("module \"{name}\" was not evaluated: {}", d.message);
                self.record(d);
                CallExp::Skipped(reason)
            }
        };
        let exp = Rc::new(exp);
        if let Some(i) = self.modules.get_mut(m) {
            i.calls.insert(name.to_string(), State::Done(exp.clone()));
        }
        Ok(exp)
    }

    fn instantiate_call(
        &mut self,
        m: usize,
        name: &str,
        decl: &config::CallDecl,
        cfg: &ModuleConfig,
        depth: usize,
        path: &[ModuleStep],
    ) -> Result<CallExp, Diag> {
        let Some((source, sspan)) = &decl.source else {
            return Ok(CallExp::Skipped(format!(
                "module \"{name}\" has no literal source"
            )));
        };
        if !(source.starts_with("./") || source.starts_with("../")) {
            self.warn_hint(
                codes::REMOTE_MODULE,
                format!("module \"{name}\" comes from \"{source}\", which is not a local path; its resources are not evaluated"),
                sspan.clone(),
                "vendor the module into the input (source = \"./modules/...\"), or evaluate a plan JSON",
            );
            return Ok(CallExp::Skipped(format!(
                "module \"{name}\" has a remote source"
            )));
        }
        let Some(dir) = join_path(&cfg.dir, source) else {
            return Err(self.error(
                codes::MODULE,
                format!("module source \"{source}\" leaves the input directory"),
                sspan.clone(),
            ));
        };
        if depth + 1 > self.limits.max_module_depth {
            return Err(self
                .error(
                    codes::MODULE,
                    format!(
                        "modules nest deeper than {} levels",
                        self.limits.max_module_depth
                    ),
                    sspan.clone(),
                )
                .map_hint("is a module calling itself?"));
        }
        // A directory already on the path of calls is recursion, which Terraform rejects.
        let mut anc = Some(m);
        while let Some(a) = anc {
            let Some(inst) = self.modules.get(a) else {
                break;
            };
            if inst.config.dir == dir {
                return Err(self.error(
                    codes::MODULE,
                    format!("module \"{name}\" calls its own directory \"{dir}\" recursively"),
                    sspan.clone(),
                ));
            }
            anc = inst.parent.as_ref().map(|p| p.0);
        }
        let child_cfg = self.config(&dir);
        if !child_cfg.has_files {
            return Err(self
                .error(
                    codes::MODULE,
                    format!(
                        "no .tf files found for module source \"{source}\" (directory \"{dir}\")"
                    ),
                    sspan.clone(),
                )
                .map_hint("include the module's files in the input"));
        }
        // Arguments must be declared variables; required variables must be set.
        for s in decl.block.body.iter() {
            if let Structure::Attribute(a) = s {
                let arg = a.key.as_str();
                if !CALL_META.contains(&arg) && !child_cfg.variables.contains_key(arg) {
                    let span = self.span(decl.file, a.span());
                    self.record(self.error(
                        codes::MODULE,
                        format!("module \"{name}\" has no variable \"{arg}\""),
                        span,
                    ));
                }
            }
        }
        for (vname, v) in &child_cfg.variables {
            if v.default.is_none() && decl.block.body.get_attribute(vname).is_none() {
                self.record(self.error(
                    codes::MODULE,
                    format!("module \"{name}\" requires argument \"{vname}\""),
                    decl.span.clone(),
                ));
            }
        }
        let exp = self.expand_meta(
            &decl.block.body,
            m,
            decl.file,
            &decl.span,
            &format!("module \"{name}\""),
        )?;
        self.count_instances(exp.insts.len(), &decl.span)?;
        let mut children = Vec::new();
        for inst in exp.insts {
            let mut p = path.to_vec();
            p.push(ModuleStep {
                name: name.to_string(),
                key: inst.key.clone(),
            });
            let id = self.push_module(
                child_cfg.clone(),
                p,
                Some((m, name.to_string())),
                inst.each,
                inst.count,
                depth + 1,
            );
            children.push((inst.key, id));
        }
        Ok(CallExp::Children(exp.kind, children))
    }

    fn count_instances(&mut self, n: usize, span: &Span) -> Result<(), Diag> {
        self.total_instances = self.total_instances.saturating_add(n);
        let cap = self.limits.max_instances.saturating_mul(10);
        if self.total_instances > cap {
            return Err(self.error(
                codes::LIMIT,
                format!("the configuration expands to more than {cap} instances"),
                span.clone(),
            ));
        }
        Ok(())
    }

    // ----- resources -----

    /// The expansion of resource `ridx` of module instance `m`.
    pub fn expand_resource(
        &mut self,
        m: usize,
        ridx: usize,
        at: &Span,
    ) -> Result<Rc<Expanded>, Diag> {
        let cfg = self.module_config(m);
        let Some(decl) = cfg.resources.get(ridx) else {
            return Err(self.error(codes::REFERENCE, "no such resource", at.clone()));
        };
        let addr = resource_address(&[], decl.mode, &decl.rtype, &decl.name, None);
        let key = format!("{}{addr}", self.prefix(m));
        match self
            .modules
            .get(m)
            .and_then(|i| i.resources.get(ridx))
            .and_then(|r| r.expansion.as_ref())
        {
            Some(State::Done(e)) => return Ok(e.clone()),
            Some(State::InProgress) => {
                return Err(self.cycle(&format!("{key} (count/for_each)"), at))
            }
            None => {}
        }
        self.set_expansion(m, ridx, State::InProgress);
        self.stack.push(format!("{key} (count/for_each)"));
        let r = self.expand_meta(&decl.block.body, m, decl.file, &decl.span, &key);
        self.stack.pop();
        let exp = match r.and_then(|e| self.count_instances(e.insts.len(), &decl.span).map(|()| e))
        {
            Ok(e) => e,
            Err(d) => {
                self.record(d);
                Expanded {
                    kind: ExpKind::Count,
                    insts: Vec::new(),
                }
            }
        };
        let path = self
            .modules
            .get(m)
            .map(|i| i.path.clone())
            .unwrap_or_default();
        for (ii, inst) in exp.insts.iter().enumerate() {
            let a = resource_address(&path, decl.mode, &decl.rtype, &decl.name, inst.key.as_ref());
            self.targets.insert(
                a,
                Target {
                    module: m,
                    resource: ridx,
                    instance: ii,
                },
            );
        }
        let n = exp.insts.len();
        let exp = Rc::new(exp);
        self.set_expansion(m, ridx, State::Done(exp.clone()));
        if let Some(r) = self
            .modules
            .get_mut(m)
            .and_then(|i| i.resources.get_mut(ridx))
        {
            r.attrs = (0..n).map(|_| None).collect();
        }
        Ok(exp)
    }

    fn set_expansion(&mut self, m: usize, ridx: usize, s: State<Rc<Expanded>>) {
        if let Some(r) = self
            .modules
            .get_mut(m)
            .and_then(|i| i.resources.get_mut(ridx))
        {
            r.expansion = Some(s);
        }
    }

    /// The evaluated arguments of one resource instance.
    fn instance_attrs(
        &mut self,
        m: usize,
        ridx: usize,
        ii: usize,
        at: &Span,
    ) -> Result<Rc<Map>, Diag> {
        let exp = self.expand_resource(m, ridx, at)?;
        let cfg = self.module_config(m);
        let (Some(decl), Some(inst)) = (cfg.resources.get(ridx), exp.insts.get(ii)) else {
            return Err(self.error(codes::REFERENCE, "no such resource instance", at.clone()));
        };
        let path = self
            .modules
            .get(m)
            .map(|i| i.path.clone())
            .unwrap_or_default();
        let addr = resource_address(&path, decl.mode, &decl.rtype, &decl.name, inst.key.as_ref());
        let slot = self
            .modules
            .get(m)
            .and_then(|i| i.resources.get(ridx))
            .and_then(|r| r.attrs.get(ii));
        match slot {
            Some(Some(State::Done(a))) => return Ok(a.clone()),
            Some(Some(State::InProgress)) => return Err(self.cycle(&addr, at)),
            _ => {}
        }
        self.set_attrs(m, ridx, ii, State::InProgress);
        self.stack.push(addr);
        let mut sc = Scope {
            each: inst.each.clone(),
            count: inst.count,
            ..Scope::new(m, decl.file)
        };
        let map = self.eval_body(&decl.block.body, &mut sc, true);
        self.stack.pop();
        let map = Rc::new(map);
        self.set_attrs(m, ridx, ii, State::Done(map.clone()));
        Ok(map)
    }

    fn set_attrs(&mut self, m: usize, ridx: usize, ii: usize, s: State<Rc<Map>>) {
        if let Some(slot) = self
            .modules
            .get_mut(m)
            .and_then(|i| i.resources.get_mut(ridx))
            .and_then(|r| r.attrs.get_mut(ii))
        {
            *slot = Some(s);
        }
    }

    /// `aws_x.y` (or `data.aws_x.y` when `mode` is Data) in module `m`, as a value: a `Ref` to the
    /// instance, a list of them (`count`) or an object of them (`for_each`).
    pub fn resource_value(
        &mut self,
        m: usize,
        mode: Mode,
        rtype: &str,
        name: &str,
        at: &Span,
    ) -> EResult {
        let cfg = self.module_config(m);
        let Some((ridx, _)) = cfg.resource(mode, rtype, name) else {
            let prefix = if mode == Mode::Data { "data." } else { "" };
            return Err(self.error(
                codes::REFERENCE,
                format!("reference to undeclared resource {prefix}{rtype}.{name}"),
                at.clone(),
            ));
        };
        let exp = self.expand_resource(m, ridx, at)?;
        let path = self
            .modules
            .get(m)
            .map(|i| i.path.clone())
            .unwrap_or_default();
        let r = |key: Option<&IndexKey>| {
            Value::Ref(Ref {
                address: resource_address(&path, mode, rtype, name, key),
                attr: String::new(),
            })
        };
        Ok(match exp.kind {
            ExpKind::Single => r(None),
            ExpKind::Count => Value::List(
                exp.insts
                    .iter()
                    .map(|i| Spanned::new(r(i.key.as_ref()), at.clone()))
                    .collect(),
            ),
            ExpKind::ForEach => Value::Object(
                exp.insts
                    .iter()
                    .map(|i| {
                        let k = match &i.key {
                            Some(IndexKey::String(s)) => s.clone(),
                            Some(IndexKey::Int(n)) => n.to_string(),
                            None => String::new(),
                        };
                        (k, Spanned::new(r(i.key.as_ref()), at.clone()))
                    })
                    .collect(),
            ),
        })
    }

    /// Attribute `name` of the instance a whole-instance `Ref` points at: the configured value
    /// if the argument is written in the block, else a `Ref` to the computed attribute.
    pub fn ref_attr(&mut self, r: &Ref, name: &str, at: &Span) -> EResult {
        if !r.attr.is_empty() {
            return Ok(Value::Ref(Ref {
                address: r.address.clone(),
                attr: format!("{}.{name}", r.attr),
            }));
        }
        let computed = Value::Ref(Ref {
            address: r.address.clone(),
            attr: name.to_string(),
        });
        let Some(t) = self.targets.get(&r.address).copied() else {
            return Ok(computed);
        };
        let cfg = self.module_config(t.module);
        let Some(decl) = cfg.resources.get(t.resource) else {
            return Ok(computed);
        };
        if META_ATTRS.contains(&name) || !configures(&decl.block.body, name) {
            return Ok(computed);
        }
        let attrs = self.instance_attrs(t.module, t.resource, t.instance, at)?;
        Ok(attrs.get(name).map(|s| s.value.clone()).unwrap_or(computed))
    }

    /// Evaluates a block body into an object: arguments, then nested blocks as lists of objects.
    /// Errors are recorded per argument (the argument becomes unknown) so one bad argument does
    /// not hide the rest of the resource.
    pub fn eval_body(&mut self, body: &Body, sc: &mut Scope, top: bool) -> Map {
        let mut map = Map::new();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let name = a.key.as_str();
                    if top && META_ATTRS.contains(&name) {
                        continue;
                    }
                    let span = self.span_of(sc, a);
                    let r = self.eval(&a.value, sc);
                    let v = self.settle(r);
                    if map.contains_key(name) {
                        self.record(self.error(
                            codes::DUPLICATE,
                            format!("argument \"{name}\" is set twice"),
                            span,
                        ));
                        continue;
                    }
                    map.insert(name.to_string(), Spanned::new(v, span));
                }
                Structure::Block(b) => {
                    let ident = b.ident.as_str();
                    if top && META_BLOCKS.contains(&ident) {
                        continue;
                    }
                    if ident == "dynamic" {
                        self.expand_dynamic(b, sc, &mut map);
                        continue;
                    }
                    let span = self.span_of(sc, b);
                    let obj = self.eval_body(&b.body, sc, false);
                    push_block(
                        self,
                        &mut map,
                        ident,
                        Spanned::new(Value::Object(obj), span),
                    );
                }
            }
        }
        map
    }

    /// `dynamic "NAME" { for_each = ...; iterator = it; content { ... } }`.
    fn expand_dynamic(&mut self, b: &Block, sc: &mut Scope, map: &mut Map) {
        let span = self.span_of(sc, b);
        let Some(label) = b.labels.first().map(|l| l.as_str().to_string()) else {
            self.record(self.error(
                codes::PARSE,
                "a `dynamic` block needs a label naming the nested block",
                span,
            ));
            return;
        };
        let Some(fe) = b.body.get_attribute("for_each") else {
            self.record(self.error(
                codes::PARSE,
                format!("dynamic \"{label}\" needs `for_each`"),
                span,
            ));
            return;
        };
        let Some(content) = b.body.get_blocks("content").next() else {
            self.record(self.error(
                codes::PARSE,
                format!("dynamic \"{label}\" needs a `content` block"),
                span,
            ));
            return;
        };
        let iter_name = match b.body.get_attribute("iterator").map(|a| &a.value) {
            Some(Expression::Variable(v)) => v.as_str().to_string(),
            Some(_) => {
                self.record(self.error(codes::PARSE, "`iterator` must be a name", span));
                return;
            }
            None => label.clone(),
        };
        let fe_span = self.span_of(sc, &fe.value);
        let coll = match self.eval(&fe.value, sc) {
            Ok(v) => v,
            Err(d) => {
                self.record(d);
                return;
            }
        };
        let items: Vec<(Value, Value)> = match coll {
            Value::List(l) => l
                .into_iter()
                .enumerate()
                .map(|(i, e)| (Value::Number(i as f64), e.value))
                .collect(),
            Value::Object(m) => m
                .into_iter()
                .map(|(k, v)| (Value::String(k), v.value))
                .collect(),
            Value::Unknown(_) | Value::Ref(_) => {
                self.warn(
                    codes::UNKNOWN,
                    format!("dynamic \"{label}\" for_each is not known before apply"),
                    fe_span,
                );
                push_block(
                    self,
                    map,
                    &label,
                    Spanned::new(
                        Value::unknown(format!(
                            "dynamic \"{label}\" blocks are not known before apply"
                        )),
                        span,
                    ),
                );
                return;
            }
            Value::Null => {
                self.record(self.error(
                    codes::TYPE,
                    format!("dynamic \"{label}\" for_each must not be null"),
                    fe_span,
                ));
                return;
            }
            other => {
                self.record(self.error(
                    codes::TYPE,
                    format!(
                        "dynamic \"{label}\" for_each must be a collection, got {}",
                        other.type_name()
                    ),
                    fe_span,
                ));
                return;
            }
        };
        // Make sure the block type exists even if the collection is empty.
        for (k, v) in items {
            let mut it = Map::new();
            it.insert("key".into(), Spanned::new(k, fe_span.clone()));
            it.insert("value".into(), Spanned::new(v, fe_span.clone()));
            sc.iters.push((iter_name.clone(), Value::Object(it)));
            let obj = self.eval_body(&content.body, sc, false);
            sc.iters.pop();
            push_block(
                self,
                map,
                &label,
                Spanned::new(Value::Object(obj), span.clone()),
            );
            if self.out_of_steps() {
                break;
            }
        }
    }

    /// Evaluates every resource of module instance `m` and of its children, in source order.
    pub fn walk(&mut self, m: usize, out: &mut Vec<ResourceInstance>) {
        let cfg = self.module_config(m);
        let path = self
            .modules
            .get(m)
            .map(|i| i.path.clone())
            .unwrap_or_default();
        for (ridx, decl) in cfg.resources.iter().enumerate() {
            let exp = match self.expand_resource(m, ridx, &decl.span) {
                Ok(e) => e,
                Err(d) => {
                    self.record(d);
                    continue;
                }
            };
            for (ii, inst) in exp.insts.iter().enumerate() {
                let attrs = match self.instance_attrs(m, ridx, ii, &decl.span) {
                    Ok(a) => a,
                    Err(d) => {
                        self.record(d);
                        continue;
                    }
                };
                let provider = decl
                    .block
                    .body
                    .get_attribute("provider")
                    .map(|a| a.value.to_string().trim().to_string());
                out.push(ResourceInstance {
                    address: resource_address(
                        &path,
                        decl.mode,
                        &decl.rtype,
                        &decl.name,
                        inst.key.as_ref(),
                    ),
                    mode: decl.mode,
                    resource_type: decl.rtype.clone(),
                    name: decl.name.clone(),
                    module: path.clone(),
                    index: inst.key.clone(),
                    provider,
                    attrs: Value::Object((*attrs).clone()),
                    span: decl.span.clone(),
                });
            }
        }
        for (name, decl) in &cfg.calls {
            let exp = match self.expand_call(m, name, &decl.span) {
                Ok(e) => e,
                Err(d) => {
                    self.record(d);
                    continue;
                }
            };
            if let CallExp::Children(_, children) = &*exp {
                for (_, child) in children {
                    self.walk(*child, out);
                }
            }
        }
    }

    /// Evaluates the `provider` blocks of module instance `m` (the root's decide the region).
    pub fn providers(&mut self, m: usize) -> Vec<ProviderConfig> {
        let cfg = self.module_config(m);
        let mut out = Vec::new();
        for decl in &cfg.providers {
            let mut sc = Scope::new(m, decl.file);
            let attrs = self.eval_body(&decl.block.body, &mut sc, true);
            let alias = attrs
                .get("alias")
                .and_then(|a| a.value.as_str())
                .map(str::to_string);
            out.push(ProviderConfig {
                name: decl.name.clone(),
                alias,
                attrs: Value::Object(attrs),
                span: decl.span.clone(),
            });
        }
        out
    }

    /// Deduplicates diagnostics (instances of one block repeat the same warning).
    pub fn finish(&mut self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        fn dedup(v: &mut Vec<Diagnostic>) {
            let mut seen = HashSet::new();
            v.retain(|d| seen.insert((d.code, d.message.clone(), d.span.clone())));
        }
        dedup(&mut self.errors);
        dedup(&mut self.warnings);
        (
            std::mem::take(&mut self.errors),
            std::mem::take(&mut self.warnings),
        )
    }
}

/// Whether a block body writes argument or nested block `name` (including `dynamic "name"`).
fn configures(body: &Body, name: &str) -> bool {
    body.iter().any(|s| match s {
        Structure::Attribute(a) => a.key.as_str() == name,
        Structure::Block(b) => {
            b.ident.as_str() == name
                || (b.ident.as_str() == "dynamic"
                    && b.labels.first().is_some_and(|l| l.as_str() == name))
        }
    })
}

fn push_block(ev: &mut Evaluator, map: &mut Map, ident: &str, block: Spanned<Value>) {
    match map.get_mut(ident) {
        Some(Spanned {
            value: Value::List(l),
            ..
        }) => l.push(block),
        Some(_) => {
            let d = ev.error(
                codes::DUPLICATE,
                format!("\"{ident}\" is both an argument and a block"),
                block.span,
            );
            ev.record(d);
        }
        None => {
            let span = block.span.clone();
            map.insert(
                ident.to_string(),
                Spanned::new(Value::List(vec![block]), span),
            );
        }
    }
}

/// Adds a hint to a boxed diagnostic.
pub(crate) trait MapHint {
    fn map_hint(self, hint: impl Into<String>) -> Self;
}

impl MapHint for Diag {
    fn map_hint(mut self, hint: impl Into<String>) -> Diag {
        self.hint = Some(hint.into());
        self
    }
}
