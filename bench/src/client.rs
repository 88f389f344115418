//! A minimal LSP client over a child process's stdio.
//!
//! A reader thread parses every frame the server sends, timestamps it as soon as its body has
//! been read, answers server→client requests (`workspace/configuration`, `client/registerCapability`,
//! `window/workDoneProgress/create`, … with null results) and records `textDocument/publishDiagnostics`
//! by (uri, version). The main thread sends messages and waits, always with a deadline, for what
//! the reader recorded. A watchdog kills the server if one write blocks for too long, so the bench
//! never hangs on a server that stopped reading.

use crate::proto::{frame, read_frame, write_frame};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How to start a server.
#[derive(Clone, Debug)]
pub struct ServerSpec {
    pub name: String,
    pub program: String,
    pub args: Vec<String>,
}

impl ServerSpec {
    pub fn command_line(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One `publishDiagnostics` as received.
#[derive(Clone, Copy, Debug)]
pub struct Publish {
    pub at: Instant,
    pub version: Option<i64>,
    pub count: usize,
}

#[derive(Default)]
pub struct UriState {
    pub publishes: Vec<Publish>,
    /// The diagnostics array of the latest publish.
    pub last: Value,
}

#[derive(Default)]
pub struct State {
    pub responses: HashMap<i64, (Instant, Value)>,
    pub uris: HashMap<String, UriState>,
    pub publishes: u64,
    pub server_requests: u64,
    pub eof: bool,
}

struct Shared {
    state: Mutex<State>,
    cv: Condvar,
}

pub struct Session {
    pub pid: u32,
    child: Arc<Mutex<Child>>,
    writer: Arc<Mutex<ChildStdin>>,
    shared: Arc<Shared>,
    next_id: i64,
    reader: Option<JoinHandle<()>>,
    watchdog: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    /// Set when the watchdog had to kill the server.
    killed: Arc<AtomicBool>,
    /// Nanoseconds since `epoch` when the write in progress began; 0 when none is.
    write_started: Arc<AtomicU64>,
    epoch: Instant,
    /// 1 = full, 2 = incremental (from the initialize result).
    pub sync_kind: u64,
    pub closed: bool,
}

/// The longest a single write to the server may block before the server is killed.
const WRITE_TIMEOUT: Duration = Duration::from_secs(60);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Session {
    /// Start the server. `stderr`: where its stderr goes (a file, or null).
    pub fn spawn(spec: &ServerSpec, stderr: Stdio) -> io::Result<Session> {
        let mut child = Command::new(&spec.program)
            .args(&spec.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()?;
        let pid = child.id();
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let child = Arc::new(Mutex::new(child));
        let writer = Arc::new(Mutex::new(stdin));
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            cv: Condvar::new(),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let killed = Arc::new(AtomicBool::new(false));
        let write_started = Arc::new(AtomicU64::new(0));
        let epoch = Instant::now();

        // Replies to server→client requests go through their own thread, so the reader never
        // waits for the main thread's write to finish (its timestamps stay exact, and the server's
        // output keeps being drained).
        let (replies, replies_rx) = mpsc::channel::<Vec<u8>>();
        {
            let writer = writer.clone();
            thread::Builder::new()
                .name("lsp-replier".into())
                .spawn(move || {
                    for body in replies_rx {
                        if write_frame(&mut *lock(&writer), &body).is_err() {
                            break;
                        }
                    }
                })?;
        }
        let reader = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("lsp-reader".into())
                .spawn(move || reader_loop(stdout, shared, replies))?
        };
        let watchdog = {
            let (stop, started, child, killed) = (
                stop.clone(),
                write_started.clone(),
                child.clone(),
                killed.clone(),
            );
            thread::Builder::new()
                .name("lsp-watchdog".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        thread::sleep(Duration::from_millis(100));
                        let s = started.load(Ordering::Relaxed);
                        if s != 0 && epoch.elapsed().as_nanos() as u64 - s > WRITE_TIMEOUT.as_nanos() as u64 {
                            eprintln!("lsp-bench: a write to the server blocked for over {WRITE_TIMEOUT:?}; killing it");
                            killed.store(true, Ordering::Relaxed);
                            let _ = lock(&child).kill();
                            break;
                        }
                    }
                })?
        };
        Ok(Session {
            pid,
            child,
            writer,
            shared,
            next_id: 1,
            reader: Some(reader),
            watchdog: Some(watchdog),
            stop,
            killed,
            write_started,
            epoch,
            sync_kind: 2,
            closed: false,
        })
    }

    /// Serialise and frame `msg`, then write it; returns when the write began (after the client's
    /// own serialisation, so that is not counted in latencies).
    fn write(&self, msg: &Value) -> io::Result<Instant> {
        let body = serde_json::to_vec(msg).expect("JSON values serialise");
        let frame = frame(&body);
        drop(body);
        let mut w = lock(&self.writer);
        let t = Instant::now();
        self.write_started
            .store((t - self.epoch).as_nanos().max(1) as u64, Ordering::Relaxed);
        let r = w.write_all(&frame).and_then(|()| w.flush());
        self.write_started.store(0, Ordering::Relaxed);
        r.map(|()| t)
    }

    /// Send a notification; returns when it was sent.
    pub fn notify(&self, method: &str, params: Value) -> io::Result<Instant> {
        self.write(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
    }

    /// Send a request; returns its id and the time it was sent.
    pub fn request(&mut self, method: &str, params: Value) -> io::Result<(i64, Instant)> {
        let id = self.next_id;
        self.next_id += 1;
        let t =
            self.write(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        Ok((id, t))
    }

    /// Wait for the response to `id`: (arrival time, whole message).
    pub fn wait_response(&self, id: i64, timeout: Duration) -> Option<(Instant, Value)> {
        let mut found = None;
        self.wait_until(timeout, |s| {
            found = s.responses.remove(&id);
            found.is_some()
        });
        found
    }

    /// Request and wait: (round-trip time, whole response message).
    pub fn call(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Result<(Duration, Value), String> {
        let (id, t) = self
            .request(method, params)
            .map_err(|e| format!("write: {e}"))?;
        match self.wait_response(id, timeout) {
            Some((at, msg)) => Ok((at - t, msg)),
            None if self.eof() => Err("server closed its output".into()),
            None => Err(format!("no response to {method} within {timeout:?}")),
        }
    }

    /// Block until `cond` holds (true), the deadline passes or the server's output ends (false).
    pub fn wait_until(&self, timeout: Duration, mut cond: impl FnMut(&mut State) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        let mut s = lock(&self.shared.state);
        loop {
            if cond(&mut s) {
                return true;
            }
            let now = Instant::now();
            if s.eof || now >= deadline {
                return false;
            }
            s = self
                .shared
                .cv
                .wait_timeout(s, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Look at the recorded state.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut lock(&self.shared.state))
    }

    pub fn eof(&self) -> bool {
        self.with_state(|s| s.eof)
    }

    /// Wait for the diagnostics of `version` of `uri`; returns their arrival time. A publish for a
    /// later version also counts (the server may skip stale ones). For servers that publish without
    /// a version, the first publish for the uri that arrives after `sent` counts.
    pub fn wait_diag(
        &self,
        uri: &str,
        version: i64,
        sent: Instant,
        timeout: Duration,
    ) -> Option<Instant> {
        let mut at = None;
        self.wait_until(timeout, |s| {
            at = s
                .uris
                .get(uri)
                .and_then(|u| find_publish(&u.publishes, version, sent));
            at.is_some()
        });
        at
    }

    /// Send `initialize` (with `root` as rootUri and the only workspace folder, if given); on
    /// success, send `initialized`. Returns when the `initialize` result arrived.
    pub fn initialize(
        &mut self,
        root: Option<&Path>,
        timeout: Duration,
    ) -> Result<Instant, String> {
        let (root_uri, folders) = match root {
            Some(p) => {
                let uri = path_uri(p);
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (json!(uri), json!([{ "uri": uri, "name": name }]))
            }
            None => (Value::Null, Value::Null),
        };
        let params = json!({
            "processId": std::process::id(),
            "clientInfo": { "name": "lsp-bench", "version": env!("CARGO_PKG_VERSION") },
            "rootUri": root_uri,
            "rootPath": root.map(|p| p.to_string_lossy().into_owned()),
            "workspaceFolders": folders,
            "initializationOptions": null,
            "capabilities": client_capabilities(),
            "trace": "off"
        });
        let (id, _) = self
            .request("initialize", params)
            .map_err(|e| format!("write: {e}"))?;
        let Some((arrived, msg)) = self.wait_response(id, timeout) else {
            return Err(if self.eof() {
                "the server closed its output before answering initialize".into()
            } else {
                format!("no initialize result within {timeout:?}")
            });
        };
        if let Some(err) = msg.get("error") {
            return Err(format!("initialize failed: {err}"));
        }
        let sync = &msg["result"]["capabilities"]["textDocumentSync"];
        self.sync_kind = sync
            .as_u64()
            .or_else(|| sync["change"].as_u64())
            .unwrap_or(1);
        self.notify("initialized", json!({}))
            .map_err(|e| format!("write: {e}"))?;
        Ok(arrived)
    }

    pub fn did_open(&self, uri: &str, version: i64, text: &str) -> io::Result<Instant> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": version, "text": text } }),
        )
    }

    pub fn did_close(&self, uri: &str) -> io::Result<Instant> {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
    }

    /// A didChange with one change: an insertion at (line, character) for incremental servers, or
    /// the whole text (`full()` is only called then) for full-sync servers. Returns when it was sent.
    pub fn did_change(
        &self,
        uri: &str,
        version: i64,
        line: usize,
        character: u32,
        text: &str,
        full: impl FnOnce() -> String,
    ) -> io::Result<Instant> {
        let change = if self.sync_kind == 1 {
            json!({ "text": full() })
        } else {
            let p = json!({ "line": line, "character": character });
            json!({ "range": { "start": p, "end": p }, "text": text })
        };
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
        )
    }

    /// Did the watchdog kill the server because it stopped reading its input?
    pub fn killed(&self) -> bool {
        self.killed.load(Ordering::Relaxed)
    }

    /// (VmHWM, VmRSS) of the server process in KiB.
    pub fn rss_kb(&self) -> Option<(u64, u64)> {
        rss_kb(self.pid)
    }

    /// shutdown + exit, then wait a moment for the process to end; kill it if it does not.
    pub fn close(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        if !self.eof() {
            let _ = self.call("shutdown", Value::Null, Duration::from_secs(2));
            let _ = self.notify("exit", Value::Null);
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            if let Ok(Some(_)) = lock(&self.child).try_wait() {
                break;
            }
            if Instant::now() >= deadline {
                let _ = lock(&self.child).kill();
                let _ = lock(&self.child).wait();
                break;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        {
            let mut c = lock(&self.child);
            if !matches!(c.try_wait(), Ok(Some(_))) {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.watchdog.take() {
            let _ = h.join();
        }
        // The reader ends at end of stream, which the kill above guarantees unless a grandchild
        // keeps the pipe open; don't wait for it then.
        if let Some(h) = self.reader.take() {
            let deadline = Instant::now() + Duration::from_secs(1);
            while !h.is_finished() && Instant::now() < deadline {
                thread::sleep(Duration::from_millis(5));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

/// The first publish that answers for `version` sent at `sent` (see `Session::wait_diag`).
pub fn find_publish(ps: &[Publish], version: i64, sent: Instant) -> Option<Instant> {
    ps.iter()
        .rev()
        .take_while(|p| p.at >= sent || p.version.is_some_and(|v| v >= version))
        .filter(|p| match p.version {
            Some(v) => v >= version,
            None => p.at >= sent,
        })
        .map(|p| p.at)
        .min()
}

fn reader_loop(
    stdout: std::process::ChildStdout,
    shared: Arc<Shared>,
    replies: mpsc::Sender<Vec<u8>>,
) {
    let mut r = BufReader::with_capacity(1 << 20, stdout);
    while let Ok(Some(body)) = read_frame(&mut r) {
        let at = Instant::now();
        let Ok(mut msg) = serde_json::from_slice::<Value>(&body) else {
            continue;
        };
        let method = msg.get("method").and_then(Value::as_str).map(str::to_owned);
        match (method.as_deref(), msg.get("id").cloned()) {
            (Some(m), Some(id)) => {
                // A server→client request: answer it at once.
                let result = match m {
                    "workspace/configuration" => {
                        let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![Value::Null; n])
                    }
                    "workspace/workspaceFolders" => json!([]),
                    _ => Value::Null,
                };
                let reply = json!({ "jsonrpc": "2.0", "id": id, "result": result });
                let body = serde_json::to_vec(&reply).expect("JSON values serialise");
                let _ = replies.send(body);
                lock(&shared.state).server_requests += 1;
            }
            (Some("textDocument/publishDiagnostics"), None) => {
                let params = msg["params"].take();
                let Some(uri) = params["uri"].as_str().map(str::to_owned) else {
                    continue;
                };
                let version = params["version"].as_i64();
                let mut diags = params.get("diagnostics").cloned().unwrap_or(Value::Null);
                let count = diags.as_array().map_or(0, Vec::len);
                let mut s = lock(&shared.state);
                s.publishes += 1;
                let u = s.uris.entry(uri).or_default();
                u.publishes.push(Publish { at, version, count });
                std::mem::swap(&mut u.last, &mut diags);
                drop(s);
                shared.cv.notify_all();
            }
            (Some(_), None) => {} // other notifications: logs, progress, telemetry
            (None, Some(id)) => {
                if let Some(id) = id.as_i64() {
                    lock(&shared.state).responses.insert(id, (at, msg));
                    shared.cv.notify_all();
                }
            }
            (None, None) => {}
        }
    }
    lock(&shared.state).eof = true;
    shared.cv.notify_all();
}

fn client_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "workspace": {
            "configuration": true,
            "workspaceFolders": true,
            "didChangeConfiguration": { "dynamicRegistration": true },
            "didChangeWatchedFiles": { "dynamicRegistration": true }
        },
        "window": { "workDoneProgress": true },
        "textDocument": {
            "synchronization": { "dynamicRegistration": false, "didSave": true },
            "publishDiagnostics": { "versionSupport": true, "relatedInformation": true,
                                    "codeDescriptionSupport": true, "dataSupport": true },
            "completion": {
                "completionItem": { "snippetSupport": true, "documentationFormat": ["markdown", "plaintext"] },
                "contextSupport": true
            },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "codeAction": {
                "codeActionLiteralSupport": { "codeActionKind": { "valueSet": [
                    "", "quickfix", "refactor", "refactor.rewrite", "source", "source.fixAll"
                ] } },
                "resolveSupport": { "properties": ["edit"] },
                "dataSupport": true
            }
        }
    })
}

/// `file://` URI of an absolute path (percent-encoding the few characters that need it).
pub fn path_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

/// (VmHWM, VmRSS) in KiB from /proc/PID/status.
pub fn rss_kb(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishes_match_versions_or_arrival() {
        let t0 = Instant::now();
        let t1 = t0 + Duration::from_millis(1);
        let t2 = t0 + Duration::from_millis(2);
        let versioned = [
            Publish {
                at: t0,
                version: Some(1),
                count: 0,
            },
            Publish {
                at: t2,
                version: Some(3),
                count: 0,
            },
        ];
        assert_eq!(find_publish(&versioned, 1, t0), Some(t0));
        assert_eq!(find_publish(&versioned, 2, t1), Some(t2)); // version 2 skipped
        assert_eq!(find_publish(&versioned, 4, t2), None);
        let unversioned = [
            Publish {
                at: t0,
                version: None,
                count: 0,
            },
            Publish {
                at: t2,
                version: None,
                count: 0,
            },
        ];
        assert_eq!(find_publish(&unversioned, 9, t1), Some(t2));
        assert_eq!(
            find_publish(&unversioned, 9, t2 + Duration::from_millis(1)),
            None
        );
    }

    #[test]
    fn uris_are_encoded() {
        assert_eq!(
            path_uri(Path::new("/tmp/a b/x.1on1.md")),
            "file:///tmp/a%20b/x.1on1.md"
        );
    }
}
