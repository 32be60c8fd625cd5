//! `planwright lsp`: the page's engine for any editor, over the Language Server Protocol on
//! standard input and output. On every change of a design file it publishes the design's
//! errors, warnings and open policy findings at their lines; it completes kinds, regions and
//! the names a reference can take (subnets, security groups, resources); hovering a
//! reference shows what it names, hovering a kind what it models; go-to-definition jumps
//! from a reference to the entry it names. All of it is the core's: `evaluate_text` for the
//! diagnostics, `refs` for references, the kind registry and the catalog's regions.
//!
//! Lines and columns: the core counts characters from 1, LSP counts UTF-16 units from 0;
//! a design is read as characters, so the two agree outside astral-plane text.

use std::collections::HashMap;
use std::error::Error;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{Completion, GotoDefinition, HoverRequest, Request as _};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionOptions, CompletionParams, CompletionResponse,
    Diagnostic, DiagnosticSeverity, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverContents, HoverParams, HoverProviderCapability, Location, MarkupContent, MarkupKind,
    OneOf, Position, PublishDiagnosticsParams, Range, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use planwright_core::refs::{self, Named, Reference};
use planwright_core::resources::REGISTRY;
use planwright_core::source::node::{self, Node, Span};
use planwright_core::{Catalog, Options};

/// Serves one client until it asks to shut down.
pub fn run() -> Result<(), Box<dyn Error + Sync + Send>> {
    let (connection, io) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "[".into(), ",".into()]),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..Default::default()
    };
    connection.initialize(serde_json::to_value(capabilities)?)?;
    let mut docs: HashMap<Uri, String> = HashMap::new();
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    break;
                }
                let response = answer(&docs, req);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) => {
                if let Some((uri, text)) = changed(&mut docs, n) {
                    let params = PublishDiagnosticsParams {
                        diagnostics: text.as_deref().map(diagnostics).unwrap_or_default(),
                        uri,
                        version: None,
                    };
                    connection
                        .sender
                        .send(Message::Notification(Notification::new(
                            PublishDiagnostics::METHOD.into(),
                            params,
                        )))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    // The writer thread ends when the last sender goes.
    drop(connection);
    io.join()?;
    Ok(())
}

/// A document opened, changed or closed: its URI and new text (None: closed).
fn changed(docs: &mut HashMap<Uri, String>, n: Notification) -> Option<(Uri, Option<String>)> {
    match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
            docs.insert(p.text_document.uri.clone(), p.text_document.text.clone());
            Some((p.text_document.uri, Some(p.text_document.text)))
        }
        DidChangeTextDocument::METHOD => {
            let p: lsp_types::DidChangeTextDocumentParams =
                serde_json::from_value(n.params).ok()?;
            let text = p.content_changes.into_iter().last()?.text;
            docs.insert(p.text_document.uri.clone(), text.clone());
            Some((p.text_document.uri, Some(text)))
        }
        DidCloseTextDocument::METHOD => {
            let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            docs.remove(&p.text_document.uri);
            Some((p.text_document.uri, None))
        }
        _ => None,
    }
}

fn answer(docs: &HashMap<Uri, String>, req: Request) -> Response {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        Completion::METHOD => serde_json::from_value::<CompletionParams>(req.params)
            .ok()
            .and_then(|p| {
                let at = p.text_document_position;
                let text = docs.get(&at.text_document.uri)?;
                Some(serde_json::to_value(CompletionResponse::Array(complete(
                    text,
                    at.position,
                ))))
            }),
        HoverRequest::METHOD => serde_json::from_value::<HoverParams>(req.params)
            .ok()
            .and_then(|p| {
                let at = p.text_document_position_params;
                let text = docs.get(&at.text_document.uri)?;
                Some(serde_json::to_value(hover(text, at.position)))
            }),
        GotoDefinition::METHOD => serde_json::from_value::<GotoDefinitionParams>(req.params)
            .ok()
            .and_then(|p| {
                let at = p.text_document_position_params;
                let text = docs.get(&at.text_document.uri)?;
                let range = definition(text, at.position)?;
                Some(serde_json::to_value(GotoDefinitionResponse::Scalar(
                    Location {
                        uri: at.text_document.uri,
                        range,
                    },
                )))
            }),
        _ => None,
    };
    let value = result
        .and_then(Result::ok)
        .unwrap_or(serde_json::Value::Null);
    Response::new_ok(id, value)
}

/// A core position (1-based) as LSP's (0-based).
fn position(line: u32, column: u32) -> Position {
    Position::new(line.saturating_sub(1), column.saturating_sub(1))
}

fn range(span: Span) -> Range {
    Range::new(
        position(span.start.line, span.start.column),
        position(span.end.line, span.end.column),
    )
}

/// The whole line `line` (0-based), for a diagnostic known by its start only.
fn line_from(line: u32, column: u32) -> Range {
    let start = position(line, column);
    Range::new(start, Position::new(start.line, u32::MAX))
}

/// Errors (the design does not read), else warnings and open findings, at their lines.
pub fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let options = Options {
        catalog: Some(Catalog::embedded()),
        ..Default::default()
    };
    let item =
        |line: Option<u32>, column: Option<u32>, level, code: String, message: String| Diagnostic {
            range: line_from(line.unwrap_or(1), column.unwrap_or(1)),
            severity: Some(level),
            code: Some(lsp_types::NumberOrString::String(code)),
            source: Some("planwright".into()),
            message,
            ..Default::default()
        };
    let described = |d: &planwright_core::Diagnostic| match &d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    };
    match planwright_core::evaluate_text(text, &options) {
        Err(errors) => errors
            .iter()
            .map(|d| {
                item(
                    d.line,
                    d.column,
                    DiagnosticSeverity::ERROR,
                    d.code.to_string(),
                    described(d),
                )
            })
            .collect(),
        Ok(report) => {
            let mut out: Vec<Diagnostic> = report
                .diagnostics
                .iter()
                .map(|d| {
                    item(
                        d.line,
                        d.column,
                        DiagnosticSeverity::WARNING,
                        d.code.to_string(),
                        described(d),
                    )
                })
                .collect();
            for f in report.findings.iter().filter(|f| !f.waived) {
                let level = match f.severity.as_ref() {
                    "critical" | "high" => DiagnosticSeverity::ERROR,
                    "medium" => DiagnosticSeverity::WARNING,
                    _ => DiagnosticSeverity::INFORMATION,
                };
                let message = format!("{}: {} Fix: {}", f.title, f.message, f.fix);
                out.push(item(f.line, f.column, level, f.rule.to_string(), message));
            }
            out
        }
    }
}

/// Does the span hold the position?
fn holds(span: Span, at: Position) -> bool {
    let start = position(span.start.line, span.start.column);
    let end = position(span.end.line, span.end.column);
    (start.line, start.character) <= (at.line, at.character)
        && (at.line, at.character) <= (end.line, end.character)
}

/// The reference written at the position, if any.
fn reference_at(root: &Node, at: Position) -> Option<Reference> {
    refs::references(root)
        .into_iter()
        .find(|r| holds(root.locate(&r.path), at))
}

/// The key of the entry a reference names.
fn declared_span(root: &Node, r: &Reference) -> Option<Span> {
    let path = refs::declaration(root, r.names, &r.name)?;
    let (last, parent) = path.0.split_last()?;
    let map = root.at(&planwright_core::path::DesignPath(parent.to_vec()))?;
    match last {
        planwright_core::path::Seg::Key(k) => map.key_node(k).map(|k| k.span),
        planwright_core::path::Seg::Index(_) => None,
    }
}

/// Where the reference at the position is declared.
pub fn definition(text: &str, at: Position) -> Option<Range> {
    let root = node::parse(text).ok()?;
    let r = reference_at(&root, at)?;
    declared_span(&root, &r).map(range)
}

/// What the reference or the kind at the position is.
pub fn hover(text: &str, at: Position) -> Option<Hover> {
    let root = node::parse(text).ok()?;
    let markdown = if let Some(r) = reference_at(&root, at) {
        match refs::declaration(&root, r.names, &r.name) {
            Some(path) => {
                let declared = root.locate(&path);
                let value = serde_json::to_string(&root.at(&path)?.to_json()).ok()?;
                format!(
                    "{} `{}` (line {}): `{value}`",
                    r.names.word(),
                    r.name,
                    declared.start.line
                )
            }
            None => format!("{} `{}` does not exist", r.names.word(), r.name),
        }
    } else {
        let line = text.lines().nth(at.line as usize)?;
        let kind = line.trim().strip_prefix("kind:")?.trim();
        let info =
            planwright_core::resources::kind_info(kind.trim_matches(['"', '\'', ',', '}', ' ']))?;
        format!("**{}**: {}", info.name, info.summary)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: None,
    })
}

/// Completions for the field written on the position's line: a kind, a region, or the
/// names a reference can take. Read from the text as it is (it may not parse while typed):
/// the names come from the last full parse of the text, else none.
pub fn complete(text: &str, at: Position) -> Vec<CompletionItem> {
    let Some(line) = text.lines().nth(at.line as usize) else {
        return Vec::new();
    };
    let before: String = line.chars().take(at.character as usize).collect();
    // The innermost `key:` before the cursor on this line (`x: { kind: com|`).
    let key = before
        .rsplit(['{', ',', '-'])
        .find_map(|piece| piece.split_once(':').map(|(k, _)| k.trim().to_string()))
        .unwrap_or_default();
    let item = |label: &str, detail: &str, kind| CompletionItem {
        label: label.into(),
        detail: Some(detail.into()),
        kind: Some(kind),
        ..Default::default()
    };
    match key.as_str() {
        "kind" => REGISTRY
            .iter()
            .map(|k| item(k.name, k.summary, CompletionItemKind::CLASS))
            .collect(),
        "region" => Catalog::embedded()
            .region_names()
            .filter(|r| *r != planwright_core::catalog::GLOBAL)
            .map(|r| {
                item(
                    r,
                    "region with prices in the embedded catalog",
                    CompletionItemKind::VALUE,
                )
            })
            .collect(),
        "subnets" | "security_groups" | "origin" | "waf" => {
            let names = match key.as_str() {
                "subnets" => Named::Subnet,
                "security_groups" => Named::SecurityGroup,
                _ => Named::Resource,
            };
            // The text with the line being typed left out, so that it parses.
            let rest: Vec<&str> = text
                .lines()
                .enumerate()
                .filter(|(i, _)| *i != at.line as usize)
                .map(|(_, l)| l)
                .collect();
            let root = node::parse(text).or_else(|_| node::parse(&rest.join("\n")));
            root.map(|root| {
                names
                    .declared(&root)
                    .iter()
                    .map(|n| item(n, names.word(), CompletionItemKind::REFERENCE))
                    .collect()
            })
            .unwrap_or_default()
        }
        _ => catalog_choices(text, at, &key)
            .into_iter()
            .map(|(sku, detail)| item(&sku, &detail, CompletionItemKind::VALUE))
            .collect(),
    }
}

/// The catalog's SKUs for a field that picks one (`instance_type`, `instance_class`,
/// `node_type`, …) in the resource whose entry holds the line, in the design's region (or
/// the resource's own), each with vCPU, memory and the hourly price.
fn catalog_choices(text: &str, at: Position, key: &str) -> Vec<(String, String)> {
    let rest: Vec<&str> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == at.line as usize { "" } else { l })
        .collect();
    let Ok(root) = node::parse(&rest.join("\n")).or_else(|_| node::parse(text)) else {
        return Vec::new();
    };
    // The resource whose entry starts last at or before the line.
    let line = at.line + 1;
    let Some((_, resource)) = root
        .get("resources")
        .and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter(|(k, _)| k.span.start.line <= line)
        .max_by_key(|(k, _)| k.span.start.line)
    else {
        return Vec::new();
    };
    let kind = resource
        .get("kind")
        .and_then(Node::scalar_text)
        .unwrap_or("");
    let Some(info) = planwright_core::resources::kind_info(kind) else {
        return Vec::new();
    };
    let region = resource
        .get("region")
        .or_else(|| root.get("region"))
        .and_then(Node::scalar_text)
        .unwrap_or("us-east-1");
    let catalog = Catalog::embedded();
    for field in (info.form_fields)(resource) {
        let planwright_core::resources::Holds::Catalog { group, fallback } = field.holds else {
            continue;
        };
        if field.path.rsplit('.').next() != Some(key) {
            continue;
        }
        let Some(g) = catalog
            .group(region, group)
            .or_else(|| fallback.and_then(|f| catalog.group(region, f)))
        else {
            return Vec::new();
        };
        return g
            .prices
            .iter()
            .map(|(sku, usd)| {
                let spec = catalog.spec_of_sku(sku);
                let price = format!(
                    "US${} per {} in {region}",
                    usd.normalize(),
                    g.unit.trim_end_matches('s')
                );
                let detail = match spec {
                    Some(s) => format!(
                        "{} vCPU · {} GiB · {price}",
                        s.vcpu.normalize(),
                        s.memory_gb.normalize()
                    ),
                    None => price,
                };
                (sku.clone(), detail)
            })
            .collect();
    }
    Vec::new()
}
