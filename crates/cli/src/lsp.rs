//! `planwright lsp`: the page's engine for any editor, over the Language Server Protocol on
//! standard input and output. On every change of a design file it publishes the design's
//! errors, warnings and open policy findings at their lines, with a quick fix where one
//! proposes what was meant; it completes field names (with their documentation), kinds,
//! regions, enumerated values, the names a reference can take and the catalog's SKUs;
//! hovering shows what a field, a kind or a reference is; go-to-definition jumps from a
//! reference to the entry it names. All of it is the core's: `evaluate_text` for the
//! diagnostics and `assist` for the rest, which the page's code editor asks too.
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
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionItem, CompletionItemKind, CompletionOptions,
    CompletionParams, CompletionResponse, CompletionTextEdit, Diagnostic, DiagnosticSeverity,
    Documentation, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams,
    HoverProviderCapability, Location, MarkupContent, MarkupKind, OneOf, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};
use std::sync::OnceLock;

use planwright_core::assist::{self, ItemKind, Schema};
use planwright_core::source::node::Span;
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
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
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
                    // A `.tf` file's module is read whole: each of its files gets its own
                    // diagnostics (a finding in a local module shows in that file).
                    let published = match text.as_deref() {
                        None => vec![(uri, Vec::new())],
                        Some(text) if is_terraform(&uri) => {
                            terraform_diagnostics(&docs, &uri, text)
                        }
                        Some(text) => vec![(uri, diagnostics(text))],
                    };
                    for (uri, diagnostics) in published {
                        let params = PublishDiagnosticsParams {
                            diagnostics,
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
    // A `.tf` file gets its diagnostics only: completion and hover are the design format's.
    let about_terraform = req
        .params
        .pointer("/textDocument/uri")
        .and_then(|u| u.as_str())
        .is_some_and(|u| u.ends_with(".tf"));
    if about_terraform {
        return Response::new_ok(id, serde_json::Value::Null);
    }
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
        CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(req.params)
            .ok()
            .and_then(|p| {
                let text = docs.get(&p.text_document.uri)?;
                let lines = p.range.start.line..=p.range.end.line;
                let actions: Vec<CodeActionOrCommand> =
                    code_actions(text, &p.text_document.uri, lines)
                        .into_iter()
                        .map(CodeActionOrCommand::CodeAction)
                        .collect();
                Some(serde_json::to_value(actions))
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

/// A diagnostic at a core position (the whole line from it: the core gives starts only).
fn item(
    line: Option<u32>,
    column: Option<u32>,
    level: DiagnosticSeverity,
    code: String,
    message: String,
) -> Diagnostic {
    Diagnostic {
        range: line_from(line.unwrap_or(1), column.unwrap_or(1)),
        severity: Some(level),
        code: Some(lsp_types::NumberOrString::String(code)),
        source: Some("planwright".into()),
        message,
        ..Default::default()
    }
}

/// A reading error or warning of the core as a diagnostic, its hint in the message.
fn core_diagnostic(d: &planwright_core::Diagnostic) -> Diagnostic {
    let level = if d.is_error() {
        DiagnosticSeverity::ERROR
    } else {
        DiagnosticSeverity::WARNING
    };
    let message = match &d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    };
    item(d.line, d.column, level, d.code.to_string(), message)
}

/// An open finding as a diagnostic: critical and high as errors, medium as warnings.
fn finding_diagnostic(f: &planwright_core::policy::Finding) -> Diagnostic {
    let level = match assist::Level::of_finding(f) {
        assist::Level::Error => DiagnosticSeverity::ERROR,
        assist::Level::Warning => DiagnosticSeverity::WARNING,
        assist::Level::Info => DiagnosticSeverity::INFORMATION,
    };
    let message = assist::finding_message(f);
    item(f.line, f.column, level, f.rule.to_string(), message)
}

/// Errors (the design does not read), else warnings and open findings, at their lines.
pub fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let options = Options {
        catalog: Some(Catalog::embedded()),
        ..Default::default()
    };
    match planwright_core::evaluate_text(text, &options) {
        Err(errors) => errors.iter().map(core_diagnostic).collect(),
        Ok(report) => {
            let mut out: Vec<Diagnostic> = report.diagnostics.iter().map(core_diagnostic).collect();
            for f in report.findings.iter().filter(|f| !f.waived) {
                out.push(finding_diagnostic(f));
            }
            out
        }
    }
}

/// Is the document a Terraform file?
fn is_terraform(uri: &Uri) -> bool {
    uri.as_str().ends_with(".tf")
}

/// The local path of a `file:` URI (percent-escapes decoded).
fn local_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let raw = uri.as_str().strip_prefix("file://")?;
    let mut bytes = Vec::with_capacity(raw.len());
    let mut it = raw.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex: Vec<u8> = it.by_ref().take(2).collect();
            let h = std::str::from_utf8(&hex).ok()?;
            bytes.push(u8::from_str_radix(h, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    Some(std::path::PathBuf::from(String::from_utf8(bytes).ok()?))
}

/// A `.tf` file's diagnostics: its module (the `.tf` files of its directory and below,
/// and the directories its local modules `../x` reach, as `planwright evaluate DIR` reads
/// them; open files as the editor holds them) read as Planwright reads Terraform, then
/// evaluated; what is located in this file is published (reading errors, else warnings and
/// open findings at the resource's block), for this file and every other `.tf` file read.
pub fn terraform_diagnostics(
    docs: &HashMap<Uri, String>,
    uri: &Uri,
    text: &str,
) -> Vec<(Uri, Vec<Diagnostic>)> {
    let Some(path) = local_path(uri) else {
        return vec![(uri.clone(), Vec::new())];
    };
    let Some(dir) = path.parent().map(std::path::Path::to_path_buf) else {
        return vec![(uri.clone(), Vec::new())];
    };
    let mut overlay: crate::terraform::Overlay = docs
        .iter()
        .filter_map(|(u, t)| Some((local_path(u)?, t.clone())))
        .collect();
    overlay.insert(path.clone(), text.to_string());
    let input = match crate::terraform::read_overlaid(&dir, &Default::default(), &overlay) {
        Ok(input) => input,
        // The directory cannot be read (gone, no permission): nothing to say about this file.
        Err(_) => return vec![(uri.clone(), Vec::new())],
    };
    // Diagnostics name files relative to the directory the module was read from; a file
    // open in the editor is published under the URI the editor gave.
    let canonical = |p: &std::path::Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let base = canonical(&input.base);
    let uri_of = |file: &str| -> Option<Uri> {
        let p = canonical(&base.join(file));
        docs.keys()
            .chain([uri])
            .find(|u| local_path(u).is_some_and(|lp| canonical(&lp) == p))
            .cloned()
            .or_else(|| file_uri(&p))
    };
    let mut by_file: std::collections::BTreeMap<String, Vec<Diagnostic>> = input
        .files
        .keys()
        .filter(|f| f.ends_with(".tf"))
        .map(|f| (f.clone(), Vec::new()))
        .collect();
    let imported = input.imported;
    let eval = Options {
        catalog: Some(Catalog::embedded()),
        ..Default::default()
    };
    let mut put = |file: &Option<Box<str>>, d: Diagnostic| {
        if let Some(list) = file.as_deref().and_then(|f| by_file.get_mut(f)) {
            list.push(d);
        }
    };
    match planwright_core::import::evaluate(&imported, &eval) {
        Err(errors) => errors.iter().for_each(|d| put(&d.file, core_diagnostic(d))),
        Ok(report) => {
            report
                .diagnostics
                .iter()
                .for_each(|d| put(&d.file, core_diagnostic(d)));
            for f in report.findings.iter().filter(|f| !f.waived) {
                put(&f.file, finding_diagnostic(f));
            }
        }
    }
    by_file
        .into_iter()
        .filter_map(|(file, list)| Some((uri_of(&file)?, list)))
        .collect()
}

/// The `file://` URI of an absolute path (bytes outside the unreserved set and `/`
/// percent-encoded, as `local_path` decodes them).
fn file_uri(path: &std::path::Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s.parse().ok()
}

/// The design format's schema, for field names, their documentation and enumerated values.
fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        Schema::from_json(&planwright_core::schema::design_schema_json())
            .expect("the generated schema is JSON with properties")
    })
}

/// Where the reference at the position is declared.
pub fn definition(text: &str, at: Position) -> Option<Range> {
    assist::definition(text, at.line + 1, at.character + 1).map(range)
}

/// What the reference, the kind or the field at the position is.
pub fn hover(text: &str, at: Position) -> Option<Hover> {
    let markdown = assist::hover(text, at.line + 1, at.character + 1, Some(schema()))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: None,
    })
}

/// Completions at the position: field names (with their documentation), kinds, regions,
/// enumerated values, the names a reference can take and the catalog's SKUs.
pub fn complete(text: &str, at: Position) -> Vec<CompletionItem> {
    let found = assist::complete(
        text,
        at.line + 1,
        at.character + 1,
        Some(schema()),
        Catalog::embedded(),
    );
    let from = Position::new(at.line, found.from_column.saturating_sub(1));
    found
        .items
        .into_iter()
        .map(|i| CompletionItem {
            kind: Some(match i.kind {
                ItemKind::Field => CompletionItemKind::FIELD,
                ItemKind::Kind => CompletionItemKind::CLASS,
                ItemKind::Value => CompletionItemKind::VALUE,
                ItemKind::Reference => CompletionItemKind::REFERENCE,
            }),
            detail: Some(i.detail),
            documentation: i.docs.map(|d| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: d,
                })
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                Range::new(from, at),
                i.insert,
            ))),
            label: i.label,
            ..Default::default()
        })
        .collect()
}

/// Quick fixes for the diagnostics in the range: each "did you mean" a diagnostic proposes.
pub fn code_actions(
    text: &str,
    uri: &Uri,
    lines: std::ops::RangeInclusive<u32>,
) -> Vec<CodeAction> {
    let options = Options {
        catalog: Some(Catalog::embedded()),
        ..Default::default()
    };
    let all = match planwright_core::evaluate_text(text, &options) {
        Err(errors) => errors,
        Ok(report) => report.diagnostics,
    };
    all.iter()
        .filter(|d| d.line.is_some_and(|l| lines.contains(&(l - 1))))
        .filter_map(|d| assist::quick_fix(text, d))
        .map(|fix| {
            let line = fix.line - 1;
            let edit = TextEdit::new(
                Range::new(
                    Position::new(line, fix.from_column - 1),
                    Position::new(line, fix.to_column - 1),
                ),
                fix.text,
            );
            CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }
        })
        .collect()
}
