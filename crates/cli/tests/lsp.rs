//! `planwright lsp` driven by a scripted client over standard input and output, as an
//! editor drives it: initialize, open a design, read the published diagnostics, ask for
//! completions, a hover and a definition, change the text, shut down.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdout, Command, Stdio};

use serde_json::{json, Value};

const DESIGN: &str = "version: 1
name: lsp
region: us-east-1
network:
  vpc: 10.0.0.0/16
  subnets:
    app-a: { cidr: 10.0.1.0/24, zone: a }
  security_groups:
    db:
      ingress:
        - { ports: 5432, from: 0.0.0.0/0 }
resources:
  api:
    kind: compute
    instance_type: t3.small
    subnets: [app-a, app-z]
";

fn send(stdin: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    stdin.flush().unwrap();
}

fn receive(out: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    out.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The next message that answers request `id`, or the next notification `method`.
fn until(out: &mut BufReader<ChildStdout>, want: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..50 {
        let m = receive(out);
        if want(&m) {
            return m;
        }
    }
    panic!("no such message");
}

#[test]
fn an_editor_gets_diagnostics_completion_hover_and_definitions() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planwright"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let uri = "file:///tmp/design.yaml";
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    let init = until(&mut out, |m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["definitionProvider"], true);
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": DESIGN}}}),
    );

    // The dangling subnet, at its line (0-based 15) and column.
    let published = until(&mut out, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    let diags = published["params"]["diagnostics"].as_array().unwrap();
    let dangling = diags
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("`app-z` does not exist")
        })
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(dangling["range"]["start"]["line"], 15);
    assert_eq!(dangling["severity"], 1);
    assert_eq!(dangling["code"], "dangling-reference");

    // Fixed: the open database port is then a finding at the rule's line.
    let fixed = DESIGN.replace("app-z", "app-a");
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}}),
    );
    let published = until(&mut out, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    let diags = published["params"]["diagnostics"].as_array().unwrap();
    assert!(!diags
        .iter()
        .any(|d| d["severity"] == 1 && d["code"] == "dangling-reference"));
    let port = diags
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("5432"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(port["range"]["start"]["line"], 10);

    // Completion after `kind: ` offers the kinds; inside `subnets: [` the subnets.
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/completion", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 13, "character": 10}}}),
    );
    let kinds = until(&mut out, |m| m["id"] == 2);
    let labels: Vec<&str> = kinds["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"database") && labels.contains(&"compute"),
        "{labels:?}"
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 15, "character": 15}}}),
    );
    let subnets = until(&mut out, |m| m["id"] == 3);
    assert_eq!(subnets["result"][0]["label"], "app-a");

    // An instance type: the region's catalog, with vCPU, memory and the hourly price.
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 8, "method": "textDocument/completion", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 14, "character": 19}}}),
    );
    let types = until(&mut out, |m| m["id"] == 8);
    let small = types["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "t3.small")
        .unwrap_or_else(|| panic!("{types}"));
    let detail = small["detail"].as_str().unwrap();
    assert!(
        detail.contains("2 vCPU") && detail.contains("US$") && detail.contains("us-east-1"),
        "{detail}"
    );

    // Go to the subnet a reference names, and hover it.
    let on_ref = json!({"line": 15, "character": 17});
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition", "params": {
        "textDocument": {"uri": uri}, "position": on_ref}}),
    );
    let def = until(&mut out, |m| m["id"] == 4);
    assert_eq!(def["result"]["range"]["start"]["line"], 6, "{def}");
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": on_ref}}),
    );
    let hover = until(&mut out, |m| m["id"] == 5);
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("subnet `app-a`") && shown.contains("10.0.1.0/24"),
        "{shown}"
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 13, "character": 11}}}),
    );
    let kind = until(&mut out, |m| m["id"] == 6);
    assert!(kind["result"]["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("**compute**"));

    // A misspelt field: a quick fix writes what was meant; field names complete with docs.
    let typo = "file:///work/typo.yaml";
    let text = "version: 1\nregion: us-east-1\nresources:\n  db:\n    kind: database\n    engine: postgres\n    instance_class: db.t3.micro\n    multiaz: true\n";
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": typo, "languageId": "yaml", "version": 1, "text": text}}}),
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 9, "method": "textDocument/codeAction", "params": {
        "textDocument": {"uri": typo},
        "range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}},
        "context": {"diagnostics": []}}}),
    );
    let actions = until(&mut out, |m| m["id"] == 9);
    let fix = &actions["result"][0];
    assert!(
        fix["title"].as_str().unwrap().contains("multi_az"),
        "{actions}"
    );
    let edit = &fix["edit"]["changes"][typo][0];
    assert_eq!(edit["newText"], "multi_az");
    assert_eq!(edit["range"]["start"], json!({"line": 7, "character": 4}));
    assert_eq!(edit["range"]["end"], json!({"line": 7, "character": 11}));
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 10, "method": "textDocument/completion", "params": {
        "textDocument": {"uri": typo}, "position": {"line": 7, "character": 4}}}),
    );
    let fields = until(&mut out, |m| m["id"] == 10);
    let multi = fields["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "multi_az")
        .unwrap_or_else(|| panic!("{fields}"));
    assert_eq!(multi["kind"], 5, "a field");
    assert!(
        fields["result"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["label"] != "engine"),
        "written already"
    );

    // A Terraform file: its module read from its directory, the findings at its blocks.
    let dir = std::env::temp_dir().join(format!("planwright-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("providers.tf"),
        "provider \"aws\" {\n  region = \"us-east-1\"\n}\n",
    )
    .unwrap();
    let tf = "resource \"aws_security_group\" \"admin\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\nresource \"aws_instance\" \"bastion\" {\n  ami                         = \"ami-123\"\n  instance_type               = \"t3.micro\"\n  vpc_security_group_ids      = [aws_security_group.admin.id]\n  associate_public_ip_address = true\n}\n";
    let tf_uri = format!("file://{}/main.tf", dir.display());
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": tf_uri, "languageId": "terraform", "version": 1, "text": tf}}}),
    );
    let published = until(&mut out, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == tf_uri.as_str()
    });
    let diags = published["params"]["diagnostics"].as_array().unwrap();
    let open = diags
        .iter()
        .find(|d| d["code"] == "NET-001")
        .unwrap_or_else(|| panic!("{published}"));
    assert_eq!(
        open["range"]["start"]["line"], 2,
        "at the ingress block's port: {open}"
    );
    assert_eq!(open["severity"], 1);
    std::fs::remove_dir_all(&dir).ok();

    // A root module calling a local module `../../modules/edge`: the module is read too, and
    // the finding in the module's file is published at that file (not opened in the editor).
    let repo = std::env::temp_dir().join(format!("planwright-lsp-mod-{}", std::process::id()));
    let root = repo.join("envs").join("prod");
    let module = repo.join("modules").join("edge");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&module).unwrap();
    let module_tf = "variable \"name\" {}\n\nresource \"aws_security_group\" \"admin\" {\n  name = var.name\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n\nresource \"aws_instance\" \"jump\" {\n  ami                         = \"ami-123\"\n  instance_type               = \"t3.micro\"\n  vpc_security_group_ids      = [aws_security_group.admin.id]\n  associate_public_ip_address = true\n}\n";
    std::fs::write(module.join("main.tf"), module_tf).unwrap();
    let root_tf = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n\nmodule \"edge\" {\n  source = \"../../modules/edge\"\n  name   = \"admin\"\n}\n";
    std::fs::write(root.join("main.tf"), root_tf).unwrap();
    let root_uri = format!("file://{}/main.tf", root.display());
    let module_uri = format!(
        "file://{}/main.tf",
        module.canonicalize().unwrap().display()
    );
    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": root_uri, "languageId": "terraform", "version": 1, "text": root_tf}}}),
    );
    let in_module = until(&mut out, |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == module_uri.as_str()
    });
    let rdp = in_module["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "NET-001")
        .unwrap_or_else(|| panic!("the module's open RDP port: {in_module}"));
    assert_eq!(rdp["range"]["start"]["line"], 5, "at its port: {rdp}");
    std::fs::remove_dir_all(&repo).ok();

    send(
        &mut stdin,
        &json!({"jsonrpc": "2.0", "id": 7, "method": "shutdown"}),
    );
    until(&mut out, |m| m["id"] == 7);
    send(&mut stdin, &json!({"jsonrpc": "2.0", "method": "exit"}));
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
