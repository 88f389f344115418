//! A small LSP test client: real `Content-Length` framing over any byte stream, typed
//! helpers for requests and notifications, and automatic answers to the server's own
//! requests (`workspace/configuration`, `client/registerCapability`).
#![allow(dead_code)] // each test binary uses a different part of it

pub mod arb;
pub mod expect;
pub mod model;
pub mod spawn;

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Reads one framed message. `Ok(None)` at a clean end of stream.
pub async fn read_frame<R: AsyncRead + Unpin>(
    r: &mut BufReader<R>,
) -> std::io::Result<Option<Value>> {
    let mut length: Option<usize> = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let length = length.ok_or_else(|| std::io::Error::other("frame without Content-Length"))?;
    let mut body = vec![0; length];
    r.read_exact(&mut body).await?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| std::io::Error::other(format!("bad JSON from the server: {e}")))
}

pub fn frame(v: &Value) -> Vec<u8> {
    let body = v.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

pub struct TestClient {
    writer: Box<dyn AsyncWrite + Unpin + Send>,
    incoming: mpsc::UnboundedReceiver<Value>,
    buffered: VecDeque<Value>,
    next_id: i64,
    /// What the client answers to `workspace/configuration`.
    pub settings: Value,
    /// Server requests seen, by method.
    pub server_requests: Vec<String>,
    /// The edits the server asked to apply (`workspace/applyEdit` params), answered
    /// as applied.
    pub applied_edits: Vec<Value>,
    /// How long to wait for any one message before failing (default [`TIMEOUT`]).
    pub timeout: Duration,
    _server: Option<tokio::task::JoinHandle<()>>,
}

impl TestClient {
    pub fn new<R, W>(reader: R, writer: W) -> Self
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut reader = BufReader::new(reader);
            while let Ok(Some(msg)) = read_frame(&mut reader).await {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        TestClient {
            writer: Box::new(writer),
            incoming: rx,
            buffered: VecDeque::new(),
            next_id: 1,
            settings: Value::Null,
            server_requests: Vec::new(),
            applied_edits: Vec::new(),
            timeout: TIMEOUT,
            _server: None,
        }
    }

    /// The server in this process, over an in-memory duplex.
    pub fn in_memory() -> Self {
        Self::serving(oneonone_ls::server::service())
    }

    /// A server whose analyses run `checker` (see `Backend::with_checker`).
    pub fn in_memory_with(checker: oneonone_ls::server::Checker) -> Self {
        Self::serving(oneonone_ls::server::service_with_checker(checker))
    }

    fn serving(
        (service, socket): (
            tower_lsp_server::LspService<oneonone_ls::server::Backend>,
            tower_lsp_server::ClientSocket,
        ),
    ) -> Self {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let (client_read, client_write) = tokio::io::split(client_side);
        let handle = tokio::spawn(async move {
            tower_lsp_server::Server::new(server_read, server_write, socket)
                .serve(service)
                .await;
        });
        let mut c = TestClient::new(client_read, client_write);
        c._server = Some(handle);
        c
    }

    pub async fn send(&mut self, v: &Value) {
        self.writer
            .write_all(&frame(v))
            .await
            .expect("write to server");
        self.writer.flush().await.expect("flush to server");
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.expect("write to server");
        self.writer.flush().await.expect("flush to server");
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns the whole response (with `result` or `error`).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let msg = self
                .recv()
                .await
                .unwrap_or_else(|| panic!("no response to {method}"));
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.buffered.push_back(msg);
        }
    }

    /// Sends a request and returns its result, failing on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let resp = self.request_raw(method, params).await;
        assert!(resp.get("error").is_none(), "{method} failed: {resp}");
        resp["result"].clone()
    }

    /// The next message from the server, answering its requests on the way.
    async fn recv(&mut self) -> Option<Value> {
        loop {
            let msg = tokio::time::timeout(self.timeout, self.incoming.recv())
                .await
                .expect("timed out waiting for the server")?;
            if let Some(msg) = self.answer(msg).await {
                return Some(msg);
            }
        }
    }

    /// Answers a request from the server (and returns `None`), or returns the message.
    async fn answer(&mut self, msg: Value) -> Option<Value> {
        if let (Some(method), Some(id)) = (msg.get("method"), msg.get("id")) {
            let method = method.as_str().unwrap_or_default().to_string();
            let result = match method.as_str() {
                "workspace/configuration" => {
                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![self.settings.clone(); n])
                }
                "workspace/applyEdit" => {
                    self.applied_edits.push(msg["params"].clone());
                    json!({"applied": true})
                }
                _ => Value::Null,
            };
            self.server_requests.push(method);
            let reply = json!({"jsonrpc": "2.0", "id": id.clone(), "result": result});
            self.send(&reply).await;
            return None;
        }
        Some(msg)
    }

    /// Every message that has arrived so far, buffered ones first, without waiting
    /// (the server's requests are answered on the way).
    pub async fn drain(&mut self) -> Vec<Value> {
        let mut out: Vec<Value> = self.buffered.drain(..).collect();
        while let Ok(msg) = self.incoming.try_recv() {
            if let Some(m) = self.answer(msg).await {
                out.push(m);
            }
        }
        out
    }

    /// Waits for a notification that satisfies `pred`; earlier ones stay buffered.
    pub async fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.buffered.iter().position(&pred) {
            return self.buffered.remove(i).unwrap();
        }
        loop {
            let msg = self
                .recv()
                .await
                .unwrap_or_else(|| panic!("the server closed before {what}"));
            if pred(&msg) {
                return msg;
            }
            self.buffered.push_back(msg);
        }
    }

    /// The diagnostics published for `uri` (at `version`, when given).
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let msg = self
            .wait_for(&format!("diagnostics for {uri} v{version:?}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && version.is_none_or(|v| m["params"]["version"] == v)
            })
            .await;
        msg["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Whether any message is waiting right now (after a short grace period).
    pub async fn has_unread(&mut self, grace: Duration) -> Option<Value> {
        if let Some(m) = self.buffered.pop_front() {
            return Some(m);
        }
        tokio::time::timeout(grace, self.recv())
            .await
            .ok()
            .flatten()
    }

    pub async fn initialize(&mut self, capabilities: Value, extra: Value) -> Value {
        let mut params = json!({"processId": null, "capabilities": capabilities});
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            for (k, v) in e {
                p.insert(k.clone(), v.clone());
            }
        }
        let result = self.request("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    pub async fn shutdown_and_exit(&mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}

pub fn codes(diags: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    v.sort();
    v
}

/// Client capabilities: UTF-16 or UTF-8 offered, snippets on or off, watching and
/// configuration supported.
pub fn capabilities(utf8: bool, snippets: bool) -> Value {
    let encodings = if utf8 {
        json!(["utf-8", "utf-16"])
    } else {
        json!(["utf-16"])
    };
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {
            "completion": {"completionItem": {"snippetSupport": snippets}},
            "publishDiagnostics": {"versionSupport": true},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}
        },
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "workspaceFolders": true
        }
    })
}

pub const WEAK: &str = include_str!("../../examples/weak.1on1.md");
pub const STRONG: &str = include_str!("../../examples/strong.1on1.md");
