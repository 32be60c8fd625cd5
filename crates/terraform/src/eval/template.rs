//! String templates: literals, `${...}` interpolation and `%{if}`/`%{for}` directives, with `~`
//! whitespace stripping. A template made of a single interpolation yields the value itself (so
//! `"${var.list}"` stays a list), as in HCL.

use super::functions::{to_bool, unknown_from};
use super::{Diag, EResult, Evaluator, Scope};
use crate::error::codes;
use crate::value::{format_number, Ref, Unknown, Value};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span as _;

struct Render {
    out: String,
    unknown: bool,
    refs: Vec<Ref>,
    reason: Option<String>,
    strip_next: bool,
}

impl Evaluator {
    pub(crate) fn eval_template(&mut self, t: &Template, sc: &mut Scope) -> EResult {
        if let Some(Element::Interpolation(i)) = t.as_single_element() {
            return self.eval(&i.expr, sc);
        }
        let mut st = Render {
            out: String::new(),
            unknown: false,
            refs: Vec::new(),
            reason: None,
            strip_next: false,
        };
        self.render(t, sc, &mut st)?;
        if st.unknown {
            let reason = if st.refs.is_empty() {
                st.reason.unwrap_or_else(|| {
                    "the string interpolates a value that is not known before apply".to_string()
                })
            } else {
                let names: Vec<String> = st.refs.iter().map(Ref::display).collect();
                format!("the string interpolates {}", names.join(", "))
            };
            return Ok(Value::Unknown(Unknown {
                reason,
                refs: st.refs,
            }));
        }
        Ok(Value::String(st.out))
    }

    fn render(&mut self, t: &Template, sc: &mut Scope, st: &mut Render) -> Result<(), Diag> {
        for el in t.iter() {
            match el {
                Element::Literal(s) => {
                    let text: &str = s.value();
                    let text = if st.strip_next {
                        text.trim_start()
                    } else {
                        text
                    };
                    st.strip_next = false;
                    st.out.push_str(text);
                }
                Element::Interpolation(i) => {
                    if i.strip.strip_start() {
                        trim_end(&mut st.out);
                    }
                    let v = self.eval(&i.expr, sc)?;
                    self.append(v, st, sc, &i.expr)?;
                    st.strip_next = i.strip.strip_end();
                }
                Element::Directive(d) => match &**d {
                    Directive::If(ifd) => {
                        if ifd.if_expr.strip.strip_start() {
                            trim_end(&mut st.out);
                        }
                        st.strip_next = ifd.if_expr.strip.strip_end();
                        let c = self.eval(&ifd.if_expr.cond_expr, sc)?;
                        match to_bool(&c) {
                            Ok(Some(true)) => self.render(&ifd.if_expr.template, sc, st)?,
                            Ok(Some(false)) => {
                                if let Some(e) = &ifd.else_expr {
                                    st.strip_next = e.strip.strip_end();
                                    self.render(&e.template, sc, st)?;
                                }
                            }
                            Ok(None) => mark_unknown(st, &c),
                            Err(m) => {
                                return Err(self.error(
                                    codes::TYPE,
                                    format!("%{{if}}: {m}"),
                                    self.span(sc.file, ifd.if_expr.cond_expr.span()),
                                ))
                            }
                        }
                        if ifd.endif_expr.strip.strip_start() {
                            trim_end(&mut st.out);
                        }
                        st.strip_next = ifd.endif_expr.strip.strip_end();
                    }
                    Directive::For(fd) => {
                        let fe = &fd.for_expr;
                        if fe.strip.strip_start() {
                            trim_end(&mut st.out);
                        }
                        let coll = self.eval(&fe.collection_expr, sc)?;
                        let items: Vec<(Value, Value)> = match coll {
                            Value::List(l) => l
                                .into_iter()
                                .enumerate()
                                .map(|(i, v)| (Value::Number(i as f64), v.value))
                                .collect(),
                            Value::Object(m) => m
                                .into_iter()
                                .map(|(k, v)| (Value::String(k), v.value))
                                .collect(),
                            v if v.is_unknown() => {
                                mark_unknown(st, &v);
                                Vec::new()
                            }
                            other => {
                                return Err(self.error(
                                    codes::TYPE,
                                    format!("%{{for}} cannot iterate over {}", other.type_name()),
                                    self.span(sc.file, fe.collection_expr.span()),
                                ))
                            }
                        };
                        let base = sc.iters.len();
                        let mut result = Ok(());
                        for (k, v) in items {
                            sc.iters.truncate(base);
                            if let Some(kv) = &fe.key_var {
                                sc.iters.push((kv.as_str().to_string(), k));
                            }
                            sc.iters.push((fe.value_var.as_str().to_string(), v));
                            st.strip_next = fe.strip.strip_end();
                            result = self.render(&fe.template, sc, st);
                            if result.is_err() {
                                break;
                            }
                            if fd.endfor_expr.strip.strip_start() {
                                trim_end(&mut st.out);
                            }
                        }
                        sc.iters.truncate(base);
                        result?;
                        st.strip_next = fd.endfor_expr.strip.strip_end();
                    }
                },
            }
            if st.out.len() > self.limits.max_string_len {
                let msg = format!(
                    "template result is longer than {} bytes",
                    self.limits.max_string_len
                );
                return Err(self.error(codes::LIMIT, msg, self.span(sc.file, t.span())));
            }
        }
        Ok(())
    }

    fn append(
        &mut self,
        v: Value,
        st: &mut Render,
        sc: &Scope,
        at: &hcl_edit::expr::Expression,
    ) -> Result<(), Diag> {
        match v {
            Value::String(s) => st.out.push_str(&s),
            Value::Number(n) => st.out.push_str(&format_number(n)),
            Value::Bool(b) => st.out.push_str(if b { "true" } else { "false" }),
            Value::Unknown(_) | Value::Ref(_) => mark_unknown(st, &v),
            Value::Null => {
                return Err(self
                    .error(
                        codes::TYPE,
                        "cannot interpolate null into a string",
                        self.span_of(sc, at),
                    )
                    .map_hint_str("use coalesce() or a conditional"))
            }
            other => {
                return Err(self
                    .error(
                        codes::TYPE,
                        format!("cannot interpolate a {} into a string", other.type_name()),
                        self.span_of(sc, at),
                    )
                    .map_hint_str("use join() or jsonencode()"))
            }
        }
        Ok(())
    }
}

trait HintStr {
    fn map_hint_str(self, h: &str) -> Self;
}

impl HintStr for Diag {
    fn map_hint_str(mut self, h: &str) -> Diag {
        self.hint = Some(h.to_string());
        self
    }
}

fn mark_unknown(st: &mut Render, v: &Value) {
    st.unknown = true;
    if let Value::Unknown(u) = unknown_from(&[v]) {
        if st.reason.is_none() {
            st.reason = Some(u.reason);
        }
        for r in u.refs {
            if !st.refs.contains(&r) {
                st.refs.push(r);
            }
        }
    }
}

fn trim_end(s: &mut String) {
    let n = s.trim_end().len();
    s.truncate(n);
}
