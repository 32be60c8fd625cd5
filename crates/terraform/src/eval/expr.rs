//! Expression evaluation: literals, operators, conditionals, `for`, traversals and splats,
//! references to named values, and function calls.

use super::functions::{self, unknown_from, FnCtx, FnErr};
use super::{CallExp, Diag, EResult, Evaluator, ExpKind, MapHint, Scope};
use crate::config::Mode;
use crate::error::codes;
use crate::files::Span;
use crate::resource::IndexKey;
use crate::value::{format_number, Map, Ref, Spanned, Unknown, Value};
use hcl_edit::expr::{
    BinaryOperator, Expression, ForExpr, FuncCall, ObjectKey, Traversal, TraversalOperator,
    UnaryOperator,
};
use hcl_edit::Decorated;
use indexmap::IndexMap;

type Ops = [Decorated<TraversalOperator>];

impl Evaluator {
    /// Evaluates an expression. Depth and steps are bounded here, for every node.
    pub fn eval(&mut self, e: &Expression, sc: &mut Scope) -> EResult {
        if self.tick(1) {
            return Err(self.budget_error(self.span_of(sc, e)));
        }
        if self.depth >= self.limits.max_expr_depth {
            return Err(self
                .error(
                    codes::LIMIT,
                    format!(
                        "expression nesting (including references followed) exceeds {}",
                        self.limits.max_expr_depth
                    ),
                    self.span_of(sc, e),
                )
                .map_hint("very long chains of locals, or deeply nested expressions"));
        }
        self.depth += 1;
        let r = self.eval_inner(e, sc);
        self.depth -= 1;
        r
    }

    fn eval_inner(&mut self, e: &Expression, sc: &mut Scope) -> EResult {
        match e {
            Expression::Null(_) => Ok(Value::Null),
            Expression::Bool(b) => Ok(Value::Bool(*b.value())),
            Expression::Number(n) => Ok(Value::Number(n.value().as_f64().unwrap_or(f64::NAN))),
            Expression::String(s) => Ok(Value::String(s.value().to_string())),
            Expression::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for el in a.iter() {
                    let v = self.eval(el, sc)?;
                    out.push(Spanned::new(v, self.span_of(sc, el)));
                }
                self.check_size(Value::List(out), sc, e)
            }
            Expression::Object(o) => {
                let mut map = Map::new();
                let mut unknown: Option<Value> = None;
                for (k, v) in o.iter() {
                    let key = match k {
                        ObjectKey::Ident(id) => id.as_str().to_string(),
                        ObjectKey::Expression(Expression::Variable(id)) => id.as_str().to_string(),
                        ObjectKey::Expression(ke) => {
                            let kv = self.eval(ke, sc)?;
                            match key_string(&kv) {
                                Some(s) => s,
                                None if kv.is_unknown() => {
                                    unknown = Some(unknown_from(&[&kv]));
                                    continue;
                                }
                                None => {
                                    return Err(self.error(
                                        codes::TYPE,
                                        format!(
                                            "object key must be a string, got {}",
                                            kv.type_name()
                                        ),
                                        self.span_of(sc, ke),
                                    ))
                                }
                            }
                        }
                    };
                    let val = self.eval(v.expr(), sc)?;
                    map.insert(key, Spanned::new(val, self.span_of(sc, v.expr())));
                }
                if let Some(u) = unknown {
                    return Ok(u);
                }
                self.check_size(Value::Object(map), sc, e)
            }
            Expression::StringTemplate(t) => self.eval_template(t, sc),
            Expression::HeredocTemplate(h) => self.eval_template(&h.template, sc),
            Expression::Parenthesis(p) => self.eval(p.inner(), sc),
            Expression::Variable(v) => {
                let name = v.as_str();
                if let Some((_, val)) = sc.iters.iter().rev().find(|(n, _)| n == name) {
                    return Ok(val.clone());
                }
                Err(self
                    .error(
                        codes::REFERENCE,
                        format!("unknown name `{name}`"),
                        self.span_of(sc, e),
                    )
                    .map_hint(match name {
                        "var" | "local" | "module" | "data" | "each" | "count" | "path" => {
                            "it must be followed by an attribute, e.g. var.name"
                        }
                        _ => "a resource reference needs type.name, e.g. aws_vpc.main.id",
                    }))
            }
            Expression::Conditional(c) => {
                let cond = self.eval(&c.cond_expr, sc)?;
                match functions::to_bool(&cond) {
                    Ok(Some(true)) => self.eval(&c.true_expr, sc),
                    Ok(Some(false)) => self.eval(&c.false_expr, sc),
                    Ok(None) => {
                        let t = self.eval(&c.true_expr, sc)?;
                        let f = self.eval(&c.false_expr, sc)?;
                        if t.is_wholly_known() && t.canonical() == f.canonical() {
                            Ok(t)
                        } else {
                            Ok(unknown_from(&[&cond, &t, &f]))
                        }
                    }
                    Err(m) => Err(self.error(
                        codes::TYPE,
                        format!("condition: {m}"),
                        self.span_of(sc, &c.cond_expr),
                    )),
                }
            }
            Expression::FuncCall(f) => self.eval_call(f, sc),
            Expression::Traversal(t) => self.eval_traversal(t, sc),
            Expression::UnaryOp(u) => {
                let v = self.eval(&u.expr, sc)?;
                if v.is_unknown() {
                    return Ok(unknown_from(&[&v]));
                }
                let span = self.span_of(sc, e);
                match u.operator.value() {
                    UnaryOperator::Neg => match functions::to_num(&v) {
                        Ok(Some(n)) => Ok(Value::Number(-n)),
                        Ok(None) => Ok(unknown_from(&[&v])),
                        Err(m) => Err(self.error(codes::TYPE, format!("`-`: {m}"), span)),
                    },
                    UnaryOperator::Not => match functions::to_bool(&v) {
                        Ok(Some(b)) => Ok(Value::Bool(!b)),
                        Ok(None) => Ok(unknown_from(&[&v])),
                        Err(m) => Err(self.error(codes::TYPE, format!("`!`: {m}"), span)),
                    },
                }
            }
            Expression::BinaryOp(b) => {
                let op = *b.operator.value();
                let span = self.span_of(sc, e);
                let l = self.eval(&b.lhs_expr, sc)?;
                // Short-circuit: `var.x != null && var.x.y` is a common guard.
                if matches!(op, BinaryOperator::And | BinaryOperator::Or) {
                    let lb = functions::to_bool(&l)
                        .map_err(|m| self.error(codes::TYPE, m, span.clone()))?;
                    match (op, lb) {
                        (BinaryOperator::And, Some(false)) => return Ok(Value::Bool(false)),
                        (BinaryOperator::Or, Some(true)) => return Ok(Value::Bool(true)),
                        _ => {}
                    }
                    let r = self.eval(&b.rhs_expr, sc)?;
                    let rb = functions::to_bool(&r)
                        .map_err(|m| self.error(codes::TYPE, m, span.clone()))?;
                    return Ok(match (op, lb, rb) {
                        (BinaryOperator::And, _, Some(false)) => Value::Bool(false),
                        (BinaryOperator::Or, _, Some(true)) => Value::Bool(true),
                        (_, Some(_), Some(x)) => Value::Bool(x),
                        _ => unknown_from(&[&l, &r]),
                    });
                }
                let r = self.eval(&b.rhs_expr, sc)?;
                binary(op, &l, &r).map_err(|m| self.error(codes::TYPE, m, span))
            }
            Expression::ForExpr(f) => self.eval_for(f, sc, e),
        }
    }

    /// Rejects values over the size limit (guards against exponential growth through locals).
    pub(crate) fn check_size(&mut self, v: Value, sc: &Scope, at: &impl hcl_edit::Span) -> EResult {
        let cap = self.limits.max_value_size;
        if v.weight(cap) > cap {
            return Err(self.error(
                codes::LIMIT,
                format!("value is larger than the limit ({cap} elements) or nested too deeply"),
                self.span_of(sc, at),
            ));
        }
        Ok(v)
    }

    fn eval_for(&mut self, f: &ForExpr, sc: &mut Scope, e: &Expression) -> EResult {
        let coll = self.eval(&f.intro.collection_expr, sc)?;
        let items: Vec<(Value, Spanned<Value>)> = match coll {
            Value::List(l) => l
                .into_iter()
                .enumerate()
                .map(|(i, v)| (Value::Number(i as f64), v))
                .collect(),
            Value::Object(m) => m.into_iter().map(|(k, v)| (Value::String(k), v)).collect(),
            Value::Unknown(_) | Value::Ref(_) => return Ok(unknown_from(&[&coll])),
            other => {
                return Err(self.error(
                    codes::TYPE,
                    format!("cannot iterate over {}", other.type_name()),
                    self.span_of(sc, &f.intro.collection_expr),
                ))
            }
        };
        let base = sc.iters.len();
        let r = self.for_items(f, sc, items, base);
        sc.iters.truncate(base);
        let v = r?;
        self.check_size(v, sc, e)
    }

    fn for_items(
        &mut self,
        f: &ForExpr,
        sc: &mut Scope,
        items: Vec<(Value, Spanned<Value>)>,
        base: usize,
    ) -> EResult {
        let key_var = f.intro.key_var.as_ref().map(|k| k.as_str().to_string());
        let value_var = f.intro.value_var.as_str().to_string();
        let vspan = self.span_of(sc, &f.value_expr);
        let mut list = Vec::new();
        let mut obj: IndexMap<String, Spanned<Value>> = IndexMap::new();
        let mut groups: IndexMap<String, Vec<Spanned<Value>>> = IndexMap::new();
        for (k, v) in items {
            sc.iters.truncate(base);
            if let Some(kn) = &key_var {
                sc.iters.push((kn.clone(), k));
            }
            sc.iters.push((value_var.clone(), v.value));
            if let Some(cond) = &f.cond {
                let c = self.eval(&cond.expr, sc)?;
                match functions::to_bool(&c) {
                    Ok(Some(true)) => {}
                    Ok(Some(false)) => continue,
                    Ok(None) => return Ok(unknown_from(&[&c])),
                    Err(m) => {
                        return Err(self.error(
                            codes::TYPE,
                            format!("`for` condition: {m}"),
                            self.span_of(sc, &cond.expr),
                        ))
                    }
                }
            }
            match &f.key_expr {
                None => {
                    let val = self.eval(&f.value_expr, sc)?;
                    list.push(Spanned::new(val, vspan.clone()));
                }
                Some(ke) => {
                    let kv = self.eval(ke, sc)?;
                    let key = match key_string(&kv) {
                        Some(s) => s,
                        None if kv.is_unknown() => return Ok(unknown_from(&[&kv])),
                        None => {
                            return Err(self.error(
                                codes::TYPE,
                                format!("`for` key must be a string, got {}", kv.type_name()),
                                self.span_of(sc, ke),
                            ))
                        }
                    };
                    let val = Spanned::new(self.eval(&f.value_expr, sc)?, vspan.clone());
                    if f.grouping {
                        groups.entry(key).or_default().push(val);
                    } else if obj.contains_key(&key) {
                        return Err(self
                            .error(
                                codes::TYPE,
                                format!("duplicate key \"{key}\" in `for` expression"),
                                self.span_of(sc, ke),
                            )
                            .map_hint("use `...` after the value to group values by key"));
                    } else {
                        obj.insert(key, val);
                    }
                }
            }
        }
        Ok(match (&f.key_expr, f.grouping) {
            (None, _) => Value::List(list),
            (Some(_), false) => Value::Object(obj),
            (Some(_), true) => Value::Object(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Spanned::new(Value::List(v), vspan.clone())))
                    .collect(),
            ),
        })
    }

    // ----- traversals and references -----

    fn eval_traversal(&mut self, t: &Traversal, sc: &mut Scope) -> EResult {
        let span = self.span_of(sc, t);
        let ops: &Ops = &t.operators;
        if let Expression::Variable(root) = &t.expr {
            let name = root.as_str();
            if !sc.iters.iter().any(|(n, _)| n == name) {
                if let Some((v, used)) = self.eval_root(name, ops, sc, &span)? {
                    return self.apply_ops(v, ops.get(used..).unwrap_or(&[]), sc, &span);
                }
            }
        }
        let base = self.eval(&t.expr, sc)?;
        self.apply_ops(base, ops, sc, &span)
    }

    /// Resolves a reference root (`var.x`, `local.x`, `module.m...`, `aws_x.y`, ...). Returns the
    /// value and how many operators it consumed, or `None` if `name` is not a reference root.
    fn eval_root(
        &mut self,
        name: &str,
        ops: &Ops,
        sc: &mut Scope,
        span: &Span,
    ) -> Result<Option<(Value, usize)>, Diag> {
        let attr = |i: usize| -> Option<&str> {
            match ops.get(i).map(|o| o.value()) {
                Some(TraversalOperator::GetAttr(id)) => Some(id.as_str()),
                _ => None,
            }
        };
        if sc.constant {
            return Err(self.error(
                codes::REFERENCE,
                format!("`{name}` cannot be referenced here: only literal values are allowed"),
                span.clone(),
            ));
        }
        let need = |ev: &Evaluator, what: &str| {
            ev.error(
                codes::REFERENCE,
                format!("`{name}` must be followed by {what}"),
                span.clone(),
            )
        };
        let v = match name {
            "var" => {
                let n = attr(0).ok_or_else(|| need(self, "a variable name"))?;
                (self.resolve_var(sc.module, n, span)?, 1)
            }
            "local" => {
                let n = attr(0).ok_or_else(|| need(self, "a local value name"))?;
                (self.resolve_local(sc.module, n, span)?, 1)
            }
            "each" => {
                let Some((k, v)) = &sc.each else {
                    return Err(self.error(
                        codes::REFERENCE,
                        "`each` is only available in blocks with `for_each`",
                        span.clone(),
                    ));
                };
                match attr(0) {
                    Some("key") => (k.clone(), 1),
                    Some("value") => (v.clone(), 1),
                    _ => return Err(need(self, "`.key` or `.value`")),
                }
            }
            "count" => match (attr(0), sc.count) {
                (Some("index"), Some(i)) => (Value::Number(i as f64), 1),
                (Some("index"), None) => {
                    return Err(self.error(
                        codes::REFERENCE,
                        "`count.index` is only available in blocks with `count`",
                        span.clone(),
                    ))
                }
                _ => return Err(need(self, "`.index`")),
            },
            "path" => match attr(0) {
                Some("module") => {
                    let dir = self.module_config(sc.module).dir.clone();
                    (
                        Value::String(if dir.is_empty() { ".".into() } else { dir }),
                        1,
                    )
                }
                Some("root" | "cwd") => (Value::String(".".into()), 1),
                _ => return Err(need(self, "`.module`, `.root` or `.cwd`")),
            },
            "terraform" => match attr(0) {
                Some("workspace") => (Value::String(self.workspace.clone()), 1),
                _ => (
                    Value::unknown("terraform.* is only known to Terraform"),
                    ops.len(),
                ),
            },
            "self" => (
                Value::unknown("`self` is only known while provisioning"),
                ops.len(),
            ),
            "module" => self.module_ref(ops, sc, span)?,
            "data" => {
                let (Some(t), Some(n)) = (attr(0), attr(1)) else {
                    return Err(need(self, "a data source type and name"));
                };
                let cfg = self.module_config(sc.module);
                if cfg.resource(Mode::Data, t, n).is_none() {
                    return Err(self.error(
                        codes::REFERENCE,
                        format!("reference to undeclared data source data.{t}.{n}"),
                        span.clone(),
                    ));
                }
                let prefix = self
                    .modules
                    .get(sc.module)
                    .map(|m| crate::resource::module_address(&m.path))
                    .unwrap_or_default();
                let address = if prefix.is_empty() {
                    format!("data.{t}.{n}")
                } else {
                    format!("{prefix}.data.{t}.{n}")
                };
                let rest = render_ops(ops.get(2..).unwrap_or(&[]));
                let full = format!("{address}{rest}");
                self.warn_hint(
                    codes::DATA,
                    format!("{full} is read from the provider at plan time; treated as unknown"),
                    span.clone(),
                    "evaluate a plan JSON to see data source results",
                );
                let attr = rest.trim_start_matches('.').to_string();
                (
                    Value::Unknown(Unknown {
                        reason: format!("{full} is read at plan time"),
                        refs: vec![Ref { address, attr }],
                    }),
                    ops.len(),
                )
            }
            _ => match attr(0) {
                Some(n) => (
                    self.resource_value(sc.module, Mode::Managed, name, n, span)?,
                    1,
                ),
                None => return Ok(None),
            },
        };
        Ok(Some(v))
    }

    /// `module.NAME[...].OUTPUT`: resolves only the output asked for when it can.
    fn module_ref(
        &mut self,
        ops: &Ops,
        sc: &mut Scope,
        span: &Span,
    ) -> Result<(Value, usize), Diag> {
        let attr = |i: usize| -> Option<String> {
            match ops.get(i).map(|o| o.value()) {
                Some(TraversalOperator::GetAttr(id)) => Some(id.as_str().to_string()),
                _ => None,
            }
        };
        let Some(name) = attr(0) else {
            return Err(self.error(
                codes::REFERENCE,
                "`module` must be followed by a module name",
                span.clone(),
            ));
        };
        let exp = self.expand_call(sc.module, &name, span)?;
        match &*exp {
            CallExp::Skipped(reason) => Ok((Value::unknown(reason.clone()), ops.len())),
            CallExp::Children(ExpKind::Single, ch) => {
                let Some((_, child)) = ch.first() else {
                    return Ok((Value::unknown("module has no instance"), ops.len()));
                };
                match attr(1) {
                    Some(out) => Ok((self.resolve_output(*child, &out, span)?, 2)),
                    None => Ok((self.module_object(*child, span)?, 1)),
                }
            }
            CallExp::Children(kind, ch) => {
                let key = match ops.get(1).map(|o| o.value()) {
                    Some(TraversalOperator::Index(e)) => Some(self.eval(e, sc)?),
                    Some(TraversalOperator::LegacyIndex(n)) => {
                        Some(Value::Number(*n.value() as f64))
                    }
                    _ => None,
                };
                match key {
                    Some(k) if k.is_unknown() => Ok((unknown_from(&[&k]), ops.len())),
                    Some(k) => {
                        let found = ch.iter().find(|(ik, _)| match (ik, &k) {
                            (Some(IndexKey::Int(i)), Value::Number(n)) => *i as f64 == *n,
                            (Some(IndexKey::String(s)), Value::String(t)) => s == t,
                            _ => false,
                        });
                        let Some((_, child)) = found else {
                            return Err(self.error(
                                codes::REFERENCE,
                                format!("module.{name} has no instance {}", key_display(&k)),
                                span.clone(),
                            ));
                        };
                        let child = *child;
                        match attr(2) {
                            Some(out) => Ok((self.resolve_output(child, &out, span)?, 3)),
                            None => Ok((self.module_object(child, span)?, 2)),
                        }
                    }
                    None => {
                        let mut list = Vec::new();
                        let mut map = Map::new();
                        for (ik, child) in ch.clone() {
                            let obj = self.module_object(child, span)?;
                            match ik {
                                Some(IndexKey::String(s)) => {
                                    map.insert(s, Spanned::new(obj, span.clone()));
                                }
                                _ => list.push(Spanned::new(obj, span.clone())),
                            }
                        }
                        Ok((
                            if *kind == ExpKind::ForEach {
                                Value::Object(map)
                            } else {
                                Value::List(list)
                            },
                            1,
                        ))
                    }
                }
            }
        }
    }

    /// Applies attribute, index and splat operators to a value.
    fn apply_ops(&mut self, value: Value, ops: &Ops, sc: &mut Scope, span: &Span) -> EResult {
        let mut v = value;
        let mut i = 0;
        while let Some(op) = ops.get(i) {
            match op.value() {
                TraversalOperator::GetAttr(id) => v = self.get_attr(v, id.as_str(), span)?,
                TraversalOperator::Index(e) => {
                    let k = self.eval(e, sc)?;
                    v = self.index(v, &k, span)?;
                }
                TraversalOperator::LegacyIndex(n) => {
                    v = self.index(v, &Value::Number(*n.value() as f64), span)?
                }
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let full = matches!(op.value(), TraversalOperator::FullSplat(_));
                    let mut end = i + 1;
                    if full {
                        end = ops.len();
                    } else {
                        while matches!(
                            ops.get(end).map(|o| o.value()),
                            Some(TraversalOperator::GetAttr(_) | TraversalOperator::LegacyIndex(_))
                        ) {
                            end += 1;
                        }
                    }
                    let sub = ops.get(i + 1..end).unwrap_or(&[]);
                    let elems = match v {
                        Value::List(l) => l,
                        Value::Null => Vec::new(),
                        Value::Unknown(_) => {
                            i = end;
                            continue;
                        }
                        other => vec![Spanned::new(other, span.clone())],
                    };
                    let mut out = Vec::with_capacity(elems.len());
                    for e in elems {
                        let r = self.apply_ops(e.value, sub, sc, span)?;
                        out.push(Spanned::new(r, e.span));
                    }
                    v = Value::List(out);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
        Ok(v)
    }

    fn get_attr(&mut self, v: Value, name: &str, span: &Span) -> EResult {
        match v {
            Value::Object(mut m) => match m.swap_remove(name) {
                Some(s) => Ok(s.value),
                None => Err(self.error(
                    codes::REFERENCE,
                    format!("object has no attribute \"{name}\""),
                    span.clone(),
                )),
            },
            Value::Ref(r) => self.ref_attr(&r, name, span),
            Value::Unknown(u) => Ok(Value::Unknown(u)),
            Value::Null => Err(self.error(
                codes::REFERENCE,
                format!("cannot read attribute \"{name}\" of null"),
                span.clone(),
            )),
            Value::List(_) => Err(self
                .error(
                    codes::REFERENCE,
                    format!("cannot read attribute \"{name}\" of a list"),
                    span.clone(),
                )
                .map_hint("use an index ([0]) or a splat ([*]) to reach the elements")),
            other => Err(self.error(
                codes::REFERENCE,
                format!(
                    "cannot read attribute \"{name}\" of a {}",
                    other.type_name()
                ),
                span.clone(),
            )),
        }
    }

    fn index(&mut self, v: Value, k: &Value, span: &Span) -> EResult {
        if let Value::Unknown(_) = k {
            return Ok(unknown_from(&[k, &v]));
        }
        if let Value::Ref(_) = k {
            return Ok(unknown_from(&[k, &v]));
        }
        match v {
            Value::List(mut l) => {
                let n = match functions::to_num(k) {
                    Ok(Some(n)) => n,
                    _ => {
                        return Err(self.error(
                            codes::TYPE,
                            format!("list index must be a number, got {}", k.type_name()),
                            span.clone(),
                        ))
                    }
                };
                let len = l.len();
                if n < 0.0 || n.fract() != 0.0 || n as usize >= len {
                    return Err(self.error(
                        codes::REFERENCE,
                        format!(
                            "index {} out of range for a list of {len} element(s)",
                            format_number(n)
                        ),
                        span.clone(),
                    ));
                }
                Ok(l.swap_remove(n as usize).value)
            }
            Value::Object(mut m) => {
                let Some(key) = key_string(k) else {
                    return Err(self.error(
                        codes::TYPE,
                        format!("object key must be a string, got {}", k.type_name()),
                        span.clone(),
                    ));
                };
                match m.swap_remove(&key) {
                    Some(s) => Ok(s.value),
                    None => Err(self.error(
                        codes::REFERENCE,
                        format!("no element with key \"{key}\""),
                        span.clone(),
                    )),
                }
            }
            Value::Ref(r) if !r.attr.is_empty() => Ok(Value::Ref(Ref {
                attr: format!("{}{}", r.attr, key_display(k)),
                address: r.address,
            })),
            Value::Ref(r) => Err(self.error(
                codes::REFERENCE,
                format!(
                    "{} has no count or for_each; it cannot be indexed",
                    r.address
                ),
                span.clone(),
            )),
            Value::Unknown(u) => Ok(Value::Unknown(u)),
            Value::Null => Err(self.error(codes::REFERENCE, "cannot index null", span.clone())),
            other => Err(self.error(
                codes::REFERENCE,
                format!("cannot index a {}", other.type_name()),
                span.clone(),
            )),
        }
    }

    // ----- function calls -----

    fn eval_call(&mut self, f: &FuncCall, sc: &mut Scope) -> EResult {
        let span = self.span_of(sc, f);
        let name = f.name.name.as_str();
        if f.name.is_namespaced() {
            let ns: Vec<&str> = f.name.namespace.iter().map(|n| n.as_str()).collect();
            self.warn(
                codes::FUNCTION,
                format!(
                    "provider function {}::{name} is not evaluated",
                    ns.join("::")
                ),
                span,
            );
            return Ok(Value::unknown(format!("provider function {name}")));
        }
        match name {
            "try" => {
                let mut last = None;
                for arg in f.args.iter() {
                    match self.eval(arg, sc) {
                        Ok(v) => return Ok(v),
                        Err(d) if d.code == codes::LIMIT => return Err(d),
                        Err(d) => last = Some(d),
                    }
                }
                let msg = last.map_or_else(|| "no arguments".to_string(), |d| d.message);
                return Err(self.error(
                    codes::FUNCTION,
                    format!("try(): no argument could be evaluated (last: {msg})"),
                    span,
                ));
            }
            "can" => {
                let Some(arg) = f.args.iter().next() else {
                    return Err(self.error(codes::FUNCTION, "can() takes one argument", span));
                };
                return match self.eval(arg, sc) {
                    Ok(v) if !v.is_wholly_known() => Ok(unknown_from(&[&v])),
                    Ok(_) => Ok(Value::Bool(true)),
                    Err(d) if d.code == codes::LIMIT => Err(d),
                    Err(_) => Ok(Value::Bool(false)),
                };
            }
            _ => {}
        }
        let mut args: Vec<Spanned<Value>> = Vec::with_capacity(f.args.len());
        for a in f.args.iter() {
            let v = self.eval(a, sc)?;
            args.push(Spanned::new(v, self.span_of(sc, a)));
        }
        if f.args.expand_final() {
            if let Some(last) = args.pop() {
                match last.value {
                    Value::List(l) => args.extend(l),
                    Value::Object(m) => args.extend(m.into_values()),
                    v if v.is_unknown() => return Ok(unknown_from(&[&v])),
                    other => {
                        return Err(self.error(
                            codes::TYPE,
                            format!("`...` needs a list, got {}", other.type_name()),
                            last.span,
                        ))
                    }
                }
            }
        }
        let cap = self.limits.max_value_size;
        let weight: usize = args.iter().map(|a| a.value.weight(cap)).sum();
        if self.tick(weight as u64) {
            return Err(self.budget_error(span));
        }
        let ctx = FnCtx {
            limits: &self.limits,
            span: &span,
        };
        match functions::call(name, &args, &ctx) {
            Ok(v) => {
                if v.weight(cap) > cap {
                    return Err(self.error(codes::LIMIT, format!("{name}() result is larger than the limit ({cap} elements) or nested too deeply"), span));
                }
                Ok(v)
            }
            Err(FnErr::Error(m)) => {
                Err(self.error(codes::FUNCTION, format!("{name}(): {m}"), span))
            }
            Err(FnErr::Limit(m)) => Err(self.error(codes::LIMIT, format!("{name}(): {m}"), span)),
            Err(FnErr::Unknown(u)) => Ok(Value::Unknown(u)),
            Err(FnErr::Unsupported(m)) => {
                self.warn(
                    codes::FUNCTION,
                    format!("{name}(): {m}; the result is unknown"),
                    span,
                );
                Ok(Value::unknown(format!("{name}() is not evaluated")))
            }
            Err(FnErr::NoSuch) => {
                self.warn_hint(
                    codes::FUNCTION,
                    format!("unknown function {name}(); the result is unknown"),
                    span,
                    "check the spelling, or report a missing function",
                );
                Ok(Value::unknown(format!("unknown function {name}()")))
            }
        }
    }
}

/// A value usable as an object key: strings, numbers and bools convert.
pub(crate) fn key_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(format_number(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn key_display(k: &Value) -> String {
    match k {
        Value::Number(n) => format!("[{}]", format_number(*n)),
        Value::String(s) => IndexKey::String(s.clone()).to_string(),
        other => format!("[{}]", other.type_name()),
    }
}

/// Renders traversal operators after a data source address (`.id`, `[0].name`) for messages.
fn render_ops(ops: &Ops) -> String {
    let mut s = String::new();
    for op in ops {
        match op.value() {
            TraversalOperator::GetAttr(id) => {
                s.push('.');
                s.push_str(id.as_str());
            }
            TraversalOperator::LegacyIndex(n) => s.push_str(&format!("[{}]", n.value())),
            TraversalOperator::Index(Expression::Number(n)) => {
                s.push_str(&format!("[{}]", n.value()))
            }
            TraversalOperator::Index(Expression::String(t)) => {
                s.push_str(&IndexKey::String(t.value().to_string()).to_string())
            }
            TraversalOperator::Index(_) => s.push_str("[…]"),
            TraversalOperator::AttrSplat(_) => s.push_str(".*"),
            TraversalOperator::FullSplat(_) => s.push_str("[*]"),
        }
    }
    s
}

/// Arithmetic, comparison and equality.
fn binary(op: BinaryOperator, l: &Value, r: &Value) -> Result<Value, String> {
    use BinaryOperator as B;
    match op {
        B::Eq | B::NotEq => Ok(match functions::equal(l, r) {
            Some(eq) => Value::Bool(if op == B::Eq { eq } else { !eq }),
            None => unknown_from(&[l, r]),
        }),
        _ => {
            if l.is_unknown() || r.is_unknown() {
                return Ok(unknown_from(&[l, r]));
            }
            let sym = op.as_str();
            let a = functions::to_num(l)
                .map_err(|m| format!("`{sym}`: {m}"))?
                .unwrap_or(f64::NAN);
            let b = functions::to_num(r)
                .map_err(|m| format!("`{sym}`: {m}"))?
                .unwrap_or(f64::NAN);
            let n = match op {
                B::Plus => a + b,
                B::Minus => a - b,
                B::Mul => a * b,
                B::Div => {
                    if b == 0.0 {
                        return Err("division by zero".into());
                    }
                    a / b
                }
                B::Mod => {
                    if b == 0.0 {
                        return Err("modulo by zero".into());
                    }
                    a % b
                }
                B::Less => return Ok(Value::Bool(a < b)),
                B::LessEq => return Ok(Value::Bool(a <= b)),
                B::Greater => return Ok(Value::Bool(a > b)),
                B::GreaterEq => return Ok(Value::Bool(a >= b)),
                _ => return Err(format!("unsupported operator `{sym}`")),
            };
            if !n.is_finite() {
                return Err(format!("`{sym}` overflowed"));
            }
            Ok(Value::Number(n))
        }
    }
}
