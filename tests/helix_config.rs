//! Checks `editors/helix/languages.toml` against the schema Helix accepts for
//! `languages.toml` (the `LanguageConfiguration` / `LanguageServerConfiguration`
//! structs in helix-core, mirrored by the Helix book's "Languages" page), checks
//! that the README's snippet is the file itself, and drives the server the way
//! Helix would with that file (initializationOptions = `config`, and
//! workspace/configuration answered by walking `config` along the section).

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};
use toml::{Table, Value as Toml};

const LANGUAGE_KEYS: &[&str] = &[
    "name",
    "language-id",
    "scope",
    "file-types",
    "shebangs",
    "roots",
    "comment-token",
    "comment-tokens",
    "block-comment-tokens",
    "text-width",
    "soft-wrap",
    "auto-format",
    "formatter",
    "path-completion",
    "word-completion",
    "diagnostic-severity",
    "grammar",
    "injection-regex",
    "language-servers",
    "indent",
    "debugger",
    "auto-pairs",
    "rulers",
    "workspace-lsp-roots",
    "persistent-diagnostic-sources",
    "rainbow-brackets",
];
const SERVER_KEYS: &[&str] = &[
    "command",
    "args",
    "environment",
    "config",
    "timeout",
    "required-root-patterns",
];
const SOFT_WRAP_KEYS: &[&str] = &[
    "enable",
    "max-wrap",
    "max-indent-retain",
    "wrap-indicator",
    "wrap-at-text-width",
];
const LS_FEATURE_KEYS: &[&str] = &["name", "only-features", "except-features"];
const TOP_KEYS: &[&str] = &["use-grammars", "language", "language-server", "grammar"];
const RULE_IDS: &[&str] = &[
    "missing-ask",
    "vague-opening",
    "handoff-closing",
    "missing-outcome",
    "missing-insight",
    "status-dump",
    "long-agenda",
    "competing-priorities",
    "hedged-ask",
    "unfinished-starter",
    "analysis-limited",
];
const LEVELS: &[&str] = &["off", "hint", "information", "warning", "error"];
const THRESHOLDS: &[&str] = &[
    "status-dump-items",
    "long-agenda-words",
    "max-bytes",
    "max-diagnostics",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn helix_dir() -> PathBuf {
    repo().join("editors/helix")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn languages_toml() -> String {
    read(&helix_dir().join("languages.toml"))
}

fn parsed() -> Table {
    languages_toml()
        .parse::<Table>()
        .expect("editors/helix/languages.toml is valid TOML")
}

fn only_keys(table: &Table, allowed: &[&str], what: &str) {
    for key in table.keys() {
        assert!(
            allowed.contains(&key.as_str()),
            "{what}: `{key}` is not a key Helix knows (allowed: {allowed:?})"
        );
    }
}

fn string_list<'a>(value: &'a Toml, what: &str) -> Vec<&'a str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} must be an array"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{what} must hold strings"))
        })
        .collect()
}

fn our_language(doc: &Table) -> &Table {
    let langs = doc
        .get("language")
        .and_then(Toml::as_array)
        .expect("a [[language]] array");
    assert_eq!(langs.len(), 1, "exactly one [[language]] entry");
    langs[0].as_table().expect("[[language]] is a table")
}

fn servers(doc: &Table) -> &Table {
    doc.get("language-server")
        .and_then(Toml::as_table)
        .expect("a [language-server.*] table")
}

/// Helix's file-type glob handling: a glob not starting with `/` or `*/` gets
/// `*/` in front and is matched against the file's absolute path, with
/// globset's defaults (`*` also crosses `/`).
fn helix_glob_matches(glob: &str, absolute_path: &str) -> bool {
    let mut pattern = glob.to_string();
    if let Some(rest) = pattern.strip_prefix('.') {
        pattern = format!("{{.,dot-}}{rest}");
    }
    if !pattern.starts_with('/') && !pattern.starts_with("*/") {
        pattern.insert_str(0, "*/");
    }
    assert!(
        !pattern.contains(['[', '{']),
        "glob {glob:?} uses syntax this test does not emulate"
    );
    wildcard(pattern.as_bytes(), absolute_path.as_bytes())
}

fn wildcard(p: &[u8], s: &[u8]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some(b'*') => (0..=s.len()).any(|i| wildcard(&p[1..], &s[i..])),
        Some(b'?') => !s.is_empty() && wildcard(&p[1..], &s[1..]),
        Some(c) => s.first() == Some(c) && wildcard(&p[1..], &s[1..]),
    }
}

#[test]
fn top_level_keys_are_helix_keys() {
    only_keys(&parsed(), TOP_KEYS, "languages.toml");
}

#[test]
fn language_entry_matches_helix_schema() {
    let doc = parsed();
    let lang = our_language(&doc);
    only_keys(lang, LANGUAGE_KEYS, "[[language]]");

    let name = lang["name"].as_str().expect("name is a string");
    assert_eq!(name, "1on1");
    assert_ne!(
        name, "markdown",
        "must not replace Helix's markdown language"
    );
    let scope = lang["scope"].as_str().expect("scope is a string");
    assert!(
        scope.starts_with("text."),
        "scope {scope:?} should be text.*"
    );
    assert_eq!(lang["grammar"].as_str(), Some("markdown"));
    assert_eq!(
        lang.get("language-id").and_then(Toml::as_str),
        Some("markdown"),
        "servers should see the agenda as markdown"
    );
    let roots = string_list(&lang["roots"], "roots");
    assert_eq!(roots, [".oneonone.toml", ".git"]);

    if let Some(indent) = lang.get("indent") {
        let indent = indent.as_table().expect("indent is a table");
        let keys: BTreeSet<_> = indent.keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["tab-width", "unit"]));
        let width = indent["tab-width"].as_integer().expect("tab-width integer");
        assert!((1..=16).contains(&width), "tab-width must be 1..=16");
        let unit = indent["unit"].as_str().expect("unit string");
        assert!(!unit.is_empty() && unit.chars().all(|c| c == ' ' || c == '\t'));
    }
    if let Some(wrap) = lang.get("soft-wrap") {
        let wrap = wrap.as_table().expect("soft-wrap is a table");
        only_keys(wrap, SOFT_WRAP_KEYS, "soft-wrap");
        if let Some(enable) = wrap.get("enable") {
            assert!(enable.is_bool(), "soft-wrap.enable is a bool");
        }
    }
    if let Some(tokens) = lang.get("block-comment-tokens") {
        let list = match tokens {
            Toml::Array(a) => a.clone(),
            other => vec![other.clone()],
        };
        for token in list {
            let t = token.as_table().expect("block comment token is a table");
            let keys: BTreeSet<_> = t.keys().map(String::as_str).collect();
            assert_eq!(keys, BTreeSet::from(["end", "start"]));
            assert!(t["start"].is_str() && t["end"].is_str());
        }
    }
}

#[test]
fn file_type_glob_picks_agendas_only() {
    let doc = parsed();
    let lang = our_language(&doc);
    let file_types = lang["file-types"].as_array().expect("file-types array");
    let mut globs = Vec::new();
    for ft in file_types {
        match ft {
            Toml::String(ext) => {
                panic!("plain extension {ext:?} would also take other files; use a glob")
            }
            Toml::Table(t) => {
                only_keys(t, &["glob"], "file-types entry");
                globs.push(t["glob"].as_str().expect("glob is a string").to_string());
            }
            other => panic!("file-types entry must be a string or {{ glob = … }}: {other}"),
        }
    }
    assert_eq!(globs, ["*.1on1.md"]);
    let any = |path: &str| globs.iter().any(|g| helix_glob_matches(g, path));
    for yes in [
        "/home/me/x.1on1.md",
        "/home/me/notes/2025-06-03-dana.1on1.md",
        "/x.1on1.md",
    ] {
        assert!(any(yes), "{yes} should be a 1on1 file");
    }
    for no in [
        "/home/me/x.md",
        "/home/me/notes.md",
        "/home/me/1on1.md",
        "/home/me/x.1on1.md.bak",
        "/home/me/x.1on1.markdown",
        "/home/me/x.1on1.mdx",
    ] {
        assert!(!any(no), "{no} must stay plain markdown");
    }
}

#[test]
fn language_servers_are_defined_and_ours_runs_our_binary() {
    let doc = parsed();
    let lang = our_language(&doc);
    let defined = servers(&doc);
    let listed = lang["language-servers"]
        .as_array()
        .expect("language-servers is an array");
    assert!(!listed.is_empty());
    let mut names = Vec::new();
    for entry in listed {
        let name = match entry {
            Toml::String(s) => s.clone(),
            Toml::Table(t) => {
                only_keys(t, LS_FEATURE_KEYS, "language-servers entry");
                t["name"].as_str().expect("name string").to_string()
            }
            other => panic!("language-servers entry must be a string or table: {other}"),
        };
        assert!(
            defined.contains_key(&name),
            "language server {name:?} is used but not defined under [language-server.{name}]"
        );
        names.push(name);
    }
    assert_eq!(names.first().map(String::as_str), Some("oneonone-ls"));

    for (name, server) in defined {
        let server = server
            .as_table()
            .unwrap_or_else(|| panic!("[language-server.{name}] is a table"));
        only_keys(server, SERVER_KEYS, &format!("[language-server.{name}]"));
        assert!(server["command"].is_str(), "command is a string");
        if let Some(args) = server.get("args") {
            string_list(args, "args");
        }
        if let Some(env) = server.get("environment") {
            let env = env.as_table().expect("environment is a table");
            assert!(
                env.values().all(Toml::is_str),
                "environment values are strings"
            );
        }
        if let Some(timeout) = server.get("timeout") {
            assert!(timeout.as_integer().is_some_and(|t| t > 0));
        }
        if let Some(config) = server.get("config") {
            assert!(config.is_table(), "config is a table");
        }
    }

    let ours = defined["oneonone-ls"].as_table().unwrap();
    let cargo: Table = read(&repo().join("Cargo.toml"))
        .parse()
        .expect("Cargo.toml");
    let bins: Vec<&str> = cargo["bin"]
        .as_array()
        .expect("[[bin]]")
        .iter()
        .filter_map(|b| b.get("name").and_then(Toml::as_str))
        .collect();
    let command = ours["command"].as_str().unwrap();
    assert!(
        bins.contains(&command),
        "command {command:?} is not one of our binaries {bins:?}"
    );
    let built = Path::new(env!("CARGO_BIN_EXE_oneonone-ls"));
    assert_eq!(built.file_name().and_then(|f| f.to_str()), Some(command));
    assert!(
        ours.get("args")
            .map(|a| string_list(a, "args").iter().all(|a| *a == "--stdio"))
            .unwrap_or(true),
        "the server speaks stdio with no arguments (or --stdio)"
    );
}

#[test]
fn config_uses_the_server_settings_shape() {
    let doc = parsed();
    let Some(config) = servers(&doc)["oneonone-ls"].get("config") else {
        return;
    };
    let config = config.as_table().expect("config is a table");
    only_keys(config, &["oneonone"], "config");
    let section = config["oneonone"].as_table().expect("oneonone is a table");
    only_keys(section, &["rules", "thresholds"], "config.oneonone");
    if let Some(rules) = section.get("rules") {
        for (rule, level) in rules.as_table().expect("rules table") {
            assert!(
                RULE_IDS.contains(&rule.as_str()),
                "unknown rule id {rule:?}"
            );
            let level = level.as_str().expect("rule level is a string");
            assert!(
                LEVELS.contains(&level),
                "unknown level {level:?} for {rule}"
            );
        }
    }
    if let Some(thresholds) = section.get("thresholds") {
        for (key, value) in thresholds.as_table().expect("thresholds table") {
            assert!(
                THRESHOLDS.contains(&key.as_str()),
                "unknown threshold {key:?}"
            );
            assert!(value.as_integer().is_some_and(|v| v > 0), "{key} > 0");
        }
    }
}

#[test]
fn highlight_queries_inherit_markdown() {
    // Helix loads queries by language name, so `1on1` needs its own folder that
    // pulls in markdown's; without it agendas would show no highlighting.
    let doc = parsed();
    let name = our_language(&doc)["name"].as_str().unwrap().to_string();
    for file in ["highlights.scm", "injections.scm"] {
        let path = helix_dir().join("runtime/queries").join(&name).join(file);
        assert_eq!(
            read(&path).trim(),
            "; inherits: markdown",
            "{}",
            path.display()
        );
    }
}

#[test]
fn readme_snippet_is_the_file() {
    let readme = read(&helix_dir().join("README.md"));
    let file = languages_toml();
    let blocks = fenced_blocks(&readme, "toml");
    assert!(
        blocks.iter().any(|b| b.trim_end() == file.trim_end()),
        "editors/helix/README.md must contain languages.toml verbatim in a ```toml block"
    );
    let name = our_language(&parsed())["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(readme.contains(&format!("hx --health {name}")));
}

fn fenced_blocks(markdown: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            None if line.trim_end() == format!("```{lang}") => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_end() == "```" => blocks.push(current.take().unwrap()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

// ---------------------------------------------------------------------------
// The server, driven the way Helix drives it with this file.

struct Lsp {
    child: Child,
    stdin: ChildStdin,
    inbox: Receiver<Value>,
    next_id: i64,
    /// `config` from languages.toml, as Helix holds it (JSON).
    config: Value,
}

impl Lsp {
    fn start(config: Value) -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oneonone-ls"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start oneonone-ls");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, inbox) = mpsc::channel();
        std::thread::spawn(move || {
            while let Some(msg) = read_message(&mut out) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Lsp {
            child,
            stdin,
            inbox,
            next_id: 1,
            config,
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .unwrap_or_else(|e| panic!("oneonone-ls stopped reading its input ({e})"));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no answer to {method}"))
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Helix's answer to workspace/configuration: walk `config` along the
    /// dotted section; null where it is missing.
    fn configuration(&self, params: &Value) -> Value {
        let items = params["items"].as_array().cloned().unwrap_or_default();
        Value::Array(
            items
                .iter()
                .map(|item| {
                    let mut cfg = &self.config;
                    if let Some(section) = item["section"].as_str().filter(|s| !s.is_empty()) {
                        for part in section.split('.') {
                            cfg = match cfg.get(part) {
                                Some(c) => c,
                                None => return Value::Null,
                            };
                        }
                    }
                    cfg.clone()
                })
                .collect(),
        )
    }

    /// Read messages, answering server requests like Helix, until `want`
    /// matches one (returned) or 20 s pass.
    fn wait_for(&mut self, mut want: impl FnMut(&Value) -> bool) -> Option<Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let msg = match self.inbox.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            };
            if let (Some(id), Some(method)) = (msg.get("id"), msg["method"].as_str()) {
                let result = match method {
                    "workspace/configuration" => self.configuration(&msg["params"]),
                    _ => Value::Null,
                };
                let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                self.send(reply);
                continue;
            }
            if want(&msg) {
                return Some(msg);
            }
        }
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("server did not exit after shutdown + exit");
    }
}

fn read_message(out: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    out.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Opens examples/weak.1on1.md the way Helix would with `config`, returns the
/// rule codes of the first non-empty diagnostics published for it.
fn codes_in_helix(config: Value) -> BTreeSet<String> {
    in_helix(config).0
}

/// [`codes_in_helix`], with the inlay hints Helix then gets for the first lines.
fn in_helix(config: Value) -> (BTreeSet<String>, Value) {
    let doc = parsed();
    let language_id = our_language(&doc)["language-id"]
        .as_str()
        .unwrap()
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("weak.1on1.md");
    let text = read(&repo().join("examples/weak.1on1.md"));
    std::fs::write(&path, &text).unwrap();
    let uri = file_uri(&path);

    let mut lsp = Lsp::start(config.clone());
    let mut init = json!({
        "processId": std::process::id(),
        "rootUri": file_uri(dir.path()),
        "rootPath": dir.path(),
        "workspaceFolders": [{"uri": file_uri(dir.path()), "name": "agendas"}],
        "capabilities": {
            "workspace": {"configuration": true, "didChangeConfiguration": {"dynamicRegistration": false}},
            "textDocument": {"publishDiagnostics": {}, "completion": {"completionItem": {"snippetSupport": true}}, "inlayHint": {"dynamicRegistration": false}}
        },
        "clientInfo": {"name": "helix", "version": "25.07.1"}
    });
    // Helix sends `config` as initializationOptions when it is set.
    if !config.is_null() {
        init["initializationOptions"] = config.clone();
    }
    let answer = lsp.request("initialize", init);
    assert!(
        answer.get("result").is_some(),
        "initialize failed: {answer}"
    );
    lsp.notify("initialized", json!({}));
    // Helix sends didChangeConfiguration with the config after initializing.
    if !config.is_null() {
        lsp.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": config }),
        );
    }
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 0, "text": text}}),
    );
    let published = lsp
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == json!(uri)
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| !d.is_empty())
        })
        .expect("diagnostics for weak.1on1.md within 20 s");
    let hints = lsp.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 10, "character": 0}}}),
    );
    lsp.stop();
    let codes = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|d| assert_eq!(d["source"], "oneonone"))
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect();
    (codes, hints["result"].clone())
}

fn helix_config() -> Value {
    let doc = parsed();
    servers(&doc)["oneonone-ls"]
        .get("config")
        .map(|c| serde_json::to_value(c).expect("config as JSON"))
        .unwrap_or(Value::Null)
}

#[test]
fn server_coaches_with_the_helix_config() {
    let codes = codes_in_helix(helix_config());
    for code in [
        "missing-ask",
        "handoff-closing",
        "vague-opening",
        "status-dump",
    ] {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
}

#[test]
fn rules_set_in_helix_config_reach_the_server() {
    let mut config = helix_config();
    if config.is_null() {
        config = json!({ "oneonone": {} });
    }
    config["oneonone"]["rules"] = json!({ "handoff-closing": "off", "status-dump": "off" });
    let codes = codes_in_helix(config);
    assert!(
        codes.contains("missing-ask"),
        "missing-ask missing from {codes:?}"
    );
    assert!(
        !codes.contains("handoff-closing") && !codes.contains("status-dump"),
        "rules turned off in the Helix config still fire: {codes:?}"
    );
}

/// Helix shows no code lenses: readiness comes as an inlay hint at the end of the first
/// line, and `readiness.hint = false` in the config turns it off.
#[test]
fn helix_gets_readiness_as_an_inlay_hint() {
    let (_, hints) = in_helix(helix_config());
    assert_eq!(
        hints,
        json!([{
            "position": {"line": 0, "character": 15},
            "label": "Outcome ✗ · Insight ✗ · Ask ✗",
            "paddingLeft": true,
            "tooltip": "Readiness: does this 1:1 bring an outcome, an insight and an ask, and how many action items are open"
        }])
    );
    let mut config = helix_config();
    if config.is_null() {
        config = json!({ "oneonone": {} });
    }
    config["oneonone"]["readiness"] = json!({ "hint": false });
    let (_, hints) = in_helix(config);
    assert_eq!(hints, json!([]));
}
