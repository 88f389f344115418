//! The measured phases. Each one is bounded by timeouts and records into a `ServerResult`.

use crate::agenda;
use crate::client::{path_uri, ServerSpec, Session};
use crate::doc::{utf16_len, Doc, Typist};
use crate::report::{ms, ServerResult, Val};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Settings {
    pub phases: Vec<String>,
    pub cold_spawns: usize,
    /// Fresh servers for `first-open`, each sent a didOpen right after `initialized`.
    pub first_opens: usize,
    pub opens: usize,
    pub keys: usize,
    pub burst: usize,
    pub big_mb: Vec<f64>,
    pub big_keys: Vec<usize>,
    /// Running doc sizes in KB (KiB) for `running`.
    pub running_kb: Vec<f64>,
    /// Running docs of so many entries for `running`, after those by size.
    pub running_entries: Vec<usize>,
    /// Keystrokes typed into the current entry of each running doc, then as many into an old one.
    pub running_keys: usize,
    pub requests: usize,
    pub ws_files: usize,
    pub ws_timeout: Duration,
    pub ws_stall: Duration,
    pub cycles: usize,
    pub timeout: Duration,
    /// Longest time one series (keystrokes, requests of one kind, cycles) may take.
    pub phase_timeout: Duration,
    /// Stop the memory phase when the server's RSS passes this many MiB.
    pub rss_limit_mib: u64,
    pub seed: u64,
    pub server_stderr: Option<PathBuf>,
}

impl Settings {
    pub fn has(&self, phase: &str) -> bool {
        self.phases.iter().any(|p| p == phase || p == "all")
    }

    fn stderr(&self) -> Stdio {
        match &self.server_stderr {
            Some(p) => OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_or_else(|_| Stdio::null(), Stdio::from),
            None => Stdio::null(),
        }
    }

    /// The timeout for one wait on a document of `bytes` bytes.
    fn timeout_for(&self, bytes: usize) -> Duration {
        self.timeout + Duration::from_millis((bytes / 1024) as u64 * 3)
    }
}

fn progress(r: &ServerResult, what: &str) {
    eprintln!("lsp-bench: [{}] {what}", r.name);
}

/// Every selected phase against one server.
pub fn run(spec: &ServerSpec, s: &Settings, ws: Option<&Workspace>) -> ServerResult {
    let mut r = ServerResult {
        name: spec.name.clone(),
        command: spec.command_line(),
        ..Default::default()
    };
    if s.has("cold") {
        cold(spec, s, &mut r);
    }
    if s.has("first-open") {
        first_open(spec, s, &mut r);
    }
    if ["open", "keys", "requests", "rss"].iter().any(|p| s.has(p)) {
        if let Err(e) = main_session(spec, s, &mut r) {
            r.notes.push(format!("main session: {e}"));
        }
    }
    if s.has("running") {
        let sizes = s.running_kb.iter().map(|kb| RunningDoc::Kb(*kb));
        let counts = s.running_entries.iter().map(|n| RunningDoc::Entries(*n));
        for doc in sizes.chain(counts) {
            if let Err(e) = running(spec, s, doc, &mut r) {
                r.notes.push(format!("{}: {e}", doc.name()));
            }
        }
    }
    if s.has("big") {
        for (i, mb) in s.big_mb.iter().enumerate() {
            let keys = s
                .big_keys
                .get(i)
                .or(s.big_keys.last())
                .copied()
                .unwrap_or(10);
            if let Err(e) = big(spec, s, *mb, keys, &mut r) {
                r.notes.push(format!("big {mb} MB: {e}"));
            }
        }
    }
    if let (true, Some(ws)) = (s.has("workspace"), ws) {
        if let Err(e) = workspace(spec, s, ws, &mut r) {
            r.notes.push(format!("workspace: {e}"));
        }
    }
    r
}

/// Note a watchdog kill, then shut the server down.
fn finish(mut sess: Session, r: &mut ServerResult, what: &str) {
    if sess.killed() {
        r.notes.push(format!(
            "{what}: the server stopped reading its input (a write blocked for 60 s); it was killed"
        ));
    }
    sess.close();
}

fn start(spec: &ServerSpec, s: &Settings, root: Option<&Path>) -> Result<Session, String> {
    let mut sess = Session::spawn(spec, s.stderr())
        .map_err(|e| format!("cannot start {}: {e}", spec.program))?;
    sess.initialize(root, s.timeout)?;
    Ok(sess)
}

/// 1. spawn → initialize result, over fresh processes.
fn cold(spec: &ServerSpec, s: &Settings, r: &mut ServerResult) {
    progress(r, &format!("cold start × {}", s.cold_spawns));
    let mut xs = Vec::new();
    for _ in 0..s.cold_spawns {
        let t0 = Instant::now();
        let mut sess = match Session::spawn(spec, s.stderr()) {
            Ok(x) => x,
            Err(e) => {
                r.notes.push(format!("cannot start {}: {e}", spec.program));
                return;
            }
        };
        match sess.initialize(None, s.timeout) {
            Ok(arrived) => xs.push(ms(arrived - t0)),
            Err(e) => {
                r.notes.push(format!("cold start: {e}"));
                break;
            }
        }
        sess.close();
    }
    r.put_latencies("cold", "cold start: spawn → initialize result", &xs, false);
}

/// First open: what an editor does when it starts the server for a file: spawn, `initialize`,
/// `initialized` and at once `didOpen`, timed to the first diagnostics for it. A server that
/// prepares something on start (the pattern catalogue) shows here what the first document
/// waits for; `open` only opens after a pause.
fn first_open(spec: &ServerSpec, s: &Settings, r: &mut ServerResult) {
    progress(
        r,
        &format!(
            "first open × {}: didOpen right after initialized",
            s.first_opens
        ),
    );
    let uri = "file:///tmp/lsp-bench/first-open.1on1.md";
    let text = agenda::typical(s.seed);
    let (mut open, mut spawned, mut misses) = (Vec::new(), Vec::new(), 0);
    for _ in 0..s.first_opens {
        let t0 = Instant::now();
        let mut sess = match Session::spawn(spec, s.stderr()) {
            Ok(x) => x,
            Err(e) => {
                r.notes.push(format!("cannot start {}: {e}", spec.program));
                break;
            }
        };
        if let Err(e) = sess.initialize(None, s.timeout) {
            r.notes.push(format!("first open: {e}"));
            break;
        }
        // `initialize` has just sent `initialized`: the document follows with no pause.
        let sent = match sess.did_open(uri, 1, &text) {
            Ok(t) => t,
            Err(e) => {
                r.notes.push(format!("first open: write: {e}"));
                break;
            }
        };
        match sess.wait_diag(uri, 1, sent, s.timeout) {
            Some(at) => {
                open.push(ms(at - sent));
                spawned.push(ms(at - t0));
            }
            None => misses += 1,
        }
        finish(sess, r, "first open");
        if misses >= 3 {
            r.notes.push(format!(
                "first open: 3 servers published no diagnostics within {:?}; gave up",
                s.timeout
            ));
            break;
        }
    }
    r.put_median_max(
        "first_open",
        "first open, right after initialized: didOpen → diagnostics",
        &open,
    );
    r.put_median_max(
        "first_open.spawn",
        "first open: spawn → diagnostics",
        &spawned,
    );
    if misses > 0 {
        r.put(
            "first_open.missed",
            "first open: servers without diagnostics",
            Val::Count(misses as f64),
        );
    }
}

/// open, keys, requests and rss share one server process.
fn main_session(spec: &ServerSpec, s: &Settings, r: &mut ServerResult) -> Result<(), String> {
    let mut sess = start(spec, s, None)?;
    r.put(
        "sync",
        "document sync the server asks for",
        Val::Text(if sess.sync_kind == 1 {
            "full".into()
        } else {
            "incremental".into()
        }),
    );
    sleep(Duration::from_millis(300));
    r.put_rss("rss.idle", "idle after initialize", sess.rss_kb());

    if s.has("open") {
        progress(r, &format!("open × {}", s.opens));
        let (mut xs, mut misses) = (Vec::new(), 0);
        for i in 0..s.opens {
            let uri = format!("file:///tmp/lsp-bench/open-{i}.1on1.md");
            let text = agenda::typical(s.seed + 1000 + i as u64);
            let t = sess.did_open(&uri, 1, &text).map_err(|e| e.to_string())?;
            match sess.wait_diag(&uri, 1, t, s.timeout) {
                Some(at) => xs.push(ms(at - t)),
                None => misses += 1,
            }
            let _ = sess.did_close(&uri);
            if misses >= 3 {
                r.notes
                    .push("open: 3 opens got no diagnostics; gave up".into());
                break;
            }
        }
        r.put(
            "open.first_ms",
            "open typical agenda → first diagnostics (first open)",
            xs.first()
                .map_or(Val::Na("no diagnostics".into()), |x| Val::Ms(*x)),
        );
        r.put_latencies("open", "open typical agenda → first diagnostics", &xs, true);
        r.put_rss("rss.open", "after opens", sess.rss_kb());
    }

    let mut keys_doc = None;
    if s.has("keys") {
        progress(
            r,
            &format!(
                "{} keystrokes on a typical agenda (its burst of {} comes last)",
                s.keys, s.burst
            ),
        );
        let uri = "file:///tmp/lsp-bench/keys.1on1.md";
        let text = agenda::typical(s.seed);
        r.put(
            "keys.words",
            "typical agenda: words",
            Val::Count(text.split_whitespace().count() as f64),
        );
        let mut ed = Editor::open(&sess, uri, &text, s.timeout)?;
        r.put(
            "keys.diags",
            "typical agenda: diagnostics at open",
            Val::Count(ed.open_diags as f64),
        );
        ed.type_keys(&sess, s.keys, s.timeout, s.phase_timeout)
            .record(r, "keys.typical", "keystroke → diagnostics (typical)");
        r.put_rss("rss.keys", "after keystrokes", sess.rss_kb());
        keys_doc = Some(ed);
    }

    if s.has("requests") {
        progress(
            r,
            &format!("completion, code action and hover × {}", s.requests),
        );
        requests(&mut sess, s, r)?;
        r.put_rss("rss.requests", "after requests", sess.rss_kb());
    }

    if s.has("rss") {
        progress(r, &format!("{} didOpen/didClose cycles", s.cycles));
        cycles(&mut sess, s, r)?;
    }

    // The burst comes last: a server that cannot keep up with it may stop reading its input
    // (tower-lsp stops after ~100 queued messages while a handler awaits the client), and the
    // other phases of this session should not pay for that.
    if let Some(mut ed) = keys_doc {
        ed.burst(&sess, s.burst, s.timeout * 4, "burst.typical", "typical", r);
        r.put_rss("rss.burst", "after the burst", sess.rss_kb());
    }
    finish(sess, r, "main session");
    Ok(())
}

/// The outcome of a series of keystrokes.
struct Keys {
    xs: Vec<f64>,
    missed: usize,
    asked: usize,
    stopped: Option<String>,
}

impl Keys {
    fn record(&self, r: &mut ServerResult, key: &str, label: &str) {
        r.put_latencies(key, label, &self.xs, true);
        if self.xs.len() != self.asked {
            r.put(
                &format!("{key}.n"),
                &format!("{label}: keystrokes timed"),
                Val::Count(self.xs.len() as f64),
            );
        }
        if self.missed > 0 {
            r.put(
                &format!("{key}.missed"),
                &format!("{label}: keystrokes without diagnostics"),
                Val::Count(self.missed as f64),
            );
        }
        if let Some(why) = &self.stopped {
            r.notes.push(format!(
                "{label}: stopped after {} of {} keystrokes: {why}",
                self.xs.len() + self.missed,
                self.asked
            ));
        }
    }
}

/// A document open in the server, with the client's copy and a typist.
struct Editor {
    uri: String,
    doc: Doc,
    typist: Typist,
    version: i64,
    /// Did the server's publishes carry versions?
    versioned: bool,
    /// Open → first diagnostics, in ms.
    open_ms: Option<f64>,
    /// How many diagnostics the first publish held.
    open_diags: usize,
}

impl Editor {
    fn open(sess: &Session, uri: &str, text: &str, timeout: Duration) -> Result<Editor, String> {
        let t = sess.did_open(uri, 1, text).map_err(|e| e.to_string())?;
        let at = sess.wait_diag(uri, 1, t, timeout);
        let (versioned, open_diags) = sess.with_state(|st| {
            st.uris
                .get(uri)
                .and_then(|u| u.publishes.last())
                .map_or((false, 0), |p| (p.version.is_some(), p.count))
        });
        let doc = Doc::new(text);
        let typist = Typist::new(&doc, 64);
        Ok(Editor {
            uri: uri.into(),
            doc,
            typist,
            version: 1,
            versioned,
            open_ms: at.map(|at| ms(at - t)),
            open_diags,
        })
    }

    /// From now on, type only on the prose lines in `lines` (one entry of a running doc).
    fn type_within(&mut self, lines: std::ops::Range<usize>) {
        self.typist = Typist::within(&self.doc, lines, 64);
    }

    fn send_key(&mut self, sess: &Session) -> Result<Instant, String> {
        let k = self.typist.next(&mut self.doc);
        self.version += 1;
        let doc = &self.doc;
        sess.did_change(
            &self.uri,
            self.version,
            k.line,
            k.character,
            &k.text,
            || doc.text(),
        )
        .map_err(|e| format!("write: {e}"))
    }

    /// Type `n` keystrokes, each waited for: the latencies in ms, and how many got no diagnostics
    /// in time (three misses in a row stop the series).
    fn type_keys(&mut self, sess: &Session, n: usize, timeout: Duration, limit: Duration) -> Keys {
        let deadline = Instant::now() + limit;
        let mut k = Keys {
            xs: Vec::with_capacity(n),
            missed: 0,
            asked: n,
            stopped: None,
        };
        let mut in_a_row = 0;
        for _ in 0..n {
            if Instant::now() >= deadline {
                k.stopped = Some(format!("phase time limit of {limit:?} reached"));
                break;
            }
            let Ok(sent) = self.send_key(sess) else {
                k.missed += 1;
                k.stopped = Some("the server stopped reading".into());
                break;
            };
            match sess.wait_diag(&self.uri, self.version, sent, timeout) {
                Some(at) => {
                    k.xs.push(ms(at - sent));
                    in_a_row = 0;
                }
                None => {
                    k.missed += 1;
                    in_a_row += 1;
                    if in_a_row >= 3 || sess.eof() {
                        k.stopped = Some(format!(
                            "no diagnostics within {timeout:?}, 3 times in a row"
                        ));
                        break;
                    }
                }
            }
        }
        k
    }

    /// Send `n` edits without waiting, then wait for the diagnostics of the last one. Records how
    /// long that took and how many distinct versions got diagnostics (analyses that ran). For
    /// servers that publish without versions, waits until publishing has been quiet for a second.
    fn burst(
        &mut self,
        sess: &Session,
        n: usize,
        timeout: Duration,
        key: &str,
        what: &str,
        r: &mut ServerResult,
    ) {
        let first_version = self.version + 1;
        let t0 = Instant::now();
        let deadline = t0 + timeout;
        let mut last_sent = t0;
        let mut sent = 0;
        for _ in 0..n {
            if Instant::now() >= deadline {
                break;
            }
            match self.send_key(sess) {
                Ok(t) => last_sent = t,
                Err(_) => break,
            }
            sent += 1;
        }
        let last = self.version;
        r.put(
            &format!("{key}.sent"),
            &format!("burst ({what}): edits sent without waiting"),
            Val::Count(sent as f64),
        );
        r.put(
            &format!("{key}.send_ms"),
            &format!("burst ({what}): time to send them"),
            Val::Ms(ms(last_sent - t0)),
        );
        let remaining = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_secs(1));
        if self.versioned {
            let at = sess.wait_diag(&self.uri, last, last_sent, remaining);
            if at.is_some() {
                sleep(Duration::from_millis(100)); // let stragglers in
            }
            let versions: HashSet<i64> = sess.with_state(|st| {
                st.uris.get(&self.uri).map_or_else(HashSet::new, |u| {
                    u.publishes
                        .iter()
                        .filter_map(|p| p.version)
                        .filter(|v| (first_version..=last).contains(v))
                        .collect()
                })
            });
            r.put(
                &format!("{key}.last_ms"),
                &format!("burst ({what}): first edit → last version's diagnostics"),
                at.map_or(Val::Na(format!("none within {remaining:?}")), |at| {
                    Val::Ms(ms(at - t0))
                }),
            );
            r.put(
                &format!("{key}.versions"),
                &format!("burst ({what}): versions with diagnostics (analyses)"),
                Val::Count(versions.len() as f64),
            );
        } else {
            // Unversioned publishes: the last one before a quiet second is the answer to the last edit.
            let count_after = |st: &mut crate::client::State| {
                st.uris.get(&self.uri).map_or((0, None), |u| {
                    let after: Vec<_> = u.publishes.iter().filter(|p| p.at >= last_sent).collect();
                    let all = u.publishes.iter().filter(|p| p.at >= t0).count();
                    (all, after.last().map(|p| p.at))
                })
            };
            let mut last_at = None;
            loop {
                let (before, _) = sess.with_state(count_after);
                let more = sess.wait_until(Duration::from_secs(1), |st| count_after(st).0 > before);
                let (_, at) = sess.with_state(count_after);
                last_at = at.or(last_at);
                if !more || Instant::now() >= deadline {
                    break;
                }
            }
            let publishes = sess.with_state(count_after).0;
            r.put(
                &format!("{key}.last_ms"),
                &format!(
                    "burst ({what}): first edit → last diagnostics (unversioned: before 1 s quiet)"
                ),
                last_at.map_or(Val::Na("no publish after the last edit".into()), |at| {
                    Val::Ms(ms(at - t0))
                }),
            );
            r.put(
                &format!("{key}.versions"),
                &format!("burst ({what}): publishes (server sends no versions)"),
                Val::Count(publishes as f64),
            );
        }
    }
}

/// 5. completion, code action and hover round trips at positions throughout an agenda.
fn requests(sess: &mut Session, s: &Settings, r: &mut ServerResult) -> Result<(), String> {
    let uri = "file:///tmp/lsp-bench/requests.1on1.md";
    let text = agenda::typical(s.seed + 7);
    let ed = Editor::open(sess, uri, &text, s.timeout)?;
    let lines = ed.doc.lines.clone();
    for (kind, method) in [
        ("completion", "textDocument/completion"),
        ("codeaction", "textDocument/codeAction"),
        ("hover", "textDocument/hover"),
    ] {
        let (mut xs, mut useful, mut errors, mut timeouts) = (Vec::new(), 0, 0, 0);
        let t0 = Instant::now();
        for i in 0..s.requests {
            if t0.elapsed() >= s.phase_timeout {
                r.notes.push(format!(
                    "{kind}: stopped after {i} of {} requests: phase time limit of {:?} reached",
                    s.requests, s.phase_timeout
                ));
                break;
            }
            let line = i % lines.len();
            let len = utf16_len(&lines[line]);
            let td = json!({ "uri": uri });
            let params = match kind {
                "completion" => json!({
                    "textDocument": td,
                    "position": { "line": line, "character": len },
                    "context": { "triggerKind": 1 }
                }),
                "hover" => {
                    json!({ "textDocument": td, "position": { "line": line, "character": len.min(4) } })
                }
                _ => {
                    let diags: Vec<Value> = sess.with_state(|st| {
                        st.uris
                            .get(uri)
                            .and_then(|u| u.last.as_array())
                            .map_or_else(Vec::new, |a| {
                                a.iter()
                                    .filter(|d| {
                                        let (a, b) = (
                                            d["range"]["start"]["line"].as_u64(),
                                            d["range"]["end"]["line"].as_u64(),
                                        );
                                        a.zip(b).is_some_and(|(a, b)| {
                                            a as usize <= line && line <= b as usize
                                        })
                                    })
                                    .cloned()
                                    .collect()
                            })
                    });
                    json!({
                        "textDocument": td,
                        "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": len } },
                        "context": { "diagnostics": diags, "triggerKind": 1 }
                    })
                }
            };
            match sess.call(method, params, s.timeout) {
                Ok((dt, msg)) => {
                    if msg.get("error").is_some() {
                        errors += 1; // e.g. method not supported: not a latency sample
                    } else {
                        xs.push(ms(dt));
                        useful += usize::from(non_empty(&msg["result"]));
                    }
                }
                Err(_) => {
                    timeouts += 1;
                    if timeouts >= 3 {
                        break;
                    }
                }
            }
        }
        let label = match kind {
            "completion" => "completion",
            "codeaction" => "code action",
            _ => "hover",
        };
        r.put_latencies(&format!("req.{kind}"), label, &xs, false);
        r.put(
            &format!("req.{kind}.useful"),
            &format!("{label}: non-empty results"),
            Val::Count(useful as f64),
        );
        if errors + timeouts > 0 {
            r.put(
                &format!("req.{kind}.failed"),
                &format!("{label}: errors + timeouts"),
                Val::Count((errors + timeouts) as f64),
            );
        }
    }
    let _ = sess.did_close(uri);
    Ok(())
}

fn non_empty(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => o
            .get("items")
            .and_then(Value::as_array)
            .is_none_or(|a| !a.is_empty()),
        _ => true,
    }
}

/// 7. RSS before and after many didOpen/didClose cycles of distinct documents.
fn cycles(sess: &mut Session, s: &Settings, r: &mut ServerResult) -> Result<(), String> {
    let keep = "file:///tmp/lsp-bench/kept-open.1on1.md";
    Editor::open(sess, keep, &agenda::typical(s.seed + 3), s.timeout)?;
    // Keep at most 10 cycles (20 messages) in flight: wait for a publish for the last document
    // (at open or at close); servers that publish neither are paced by a hover round trip.
    let mut publishes_for_cycles = true;
    let mut sync = |sess: &mut Session, last: &str| {
        if publishes_for_cycles {
            publishes_for_cycles =
                sess.wait_until(Duration::from_secs(2), |st| st.uris.contains_key(last));
        }
        if !publishes_for_cycles {
            let _ = sess.call(
                "textDocument/hover",
                json!({ "textDocument": { "uri": keep }, "position": { "line": 0, "character": 0 } }),
                s.timeout,
            );
        }
    };
    sleep(Duration::from_millis(300));
    r.put_rss(
        "rss.cycles.before",
        "before open/close cycles",
        sess.rss_kb(),
    );
    let texts: Vec<String> = (0..64)
        .map(|i| agenda::typical(s.seed + 2000 + i))
        .collect();
    let t0 = Instant::now();
    let mut done = 0;
    for i in 0..s.cycles {
        if t0.elapsed() >= s.phase_timeout {
            r.notes.push(format!(
                "open/close cycles: stopped after {done} of {}: phase time limit of {:?} reached",
                s.cycles, s.phase_timeout
            ));
            break;
        }
        let uri = format!("file:///tmp/lsp-bench/cycle-{i}.1on1.md");
        sess.did_open(&uri, 1, &texts[i % texts.len()])
            .map_err(|e| e.to_string())?;
        sess.did_close(&uri).map_err(|e| e.to_string())?;
        done = i + 1;
        if done % 10 == 0 || done == s.cycles {
            sync(sess, &uri);
            let rss_mib = sess.rss_kb().map_or(0, |(_, rss)| rss / 1024);
            if rss_mib > s.rss_limit_mib {
                r.notes.push(format!(
                    "open/close cycles: stopped after {done} of {}: server RSS {rss_mib} MiB passed the limit of {} MiB",
                    s.cycles, s.rss_limit_mib
                ));
                break;
            }
        }
        if i + 1 == s.cycles / 2 {
            r.put_rss(
                "rss.cycles.half",
                "halfway through the cycles",
                sess.rss_kb(),
            );
        }
    }
    r.put(
        "rss.cycles.n",
        "open/close cycles done",
        Val::Count(done as f64),
    );
    r.put(
        "rss.cycles.took_ms",
        "open/close cycles took",
        Val::Ms(ms(t0.elapsed())),
    );
    sleep(Duration::from_millis(500));
    r.put_rss("rss.cycles.after", "after open/close cycles", sess.rss_kb());
    Ok(())
}

/// The running doc of one `running` measurement: about so many KB, or so many entries.
#[derive(Clone, Copy)]
enum RunningDoc {
    Kb(f64),
    Entries(usize),
}

impl RunningDoc {
    /// "500 KB running doc", "500-entry running doc".
    fn name(self) -> String {
        match self {
            RunningDoc::Kb(kb) => format!("{kb} KB running doc"),
            RunningDoc::Entries(n) => format!("{n}-entry running doc"),
        }
    }

    /// The key of its figures: `500kb`, `500entries`.
    fn label(self) -> String {
        match self {
            RunningDoc::Kb(kb) => format!("{}kb", kb.to_string().replace('.', "_")),
            RunningDoc::Entries(n) => format!("{n}entries"),
        }
    }
}

/// A running doc in a fresh server (warmed up with a typical agenda): open, then keystrokes in
/// its current (newest) entry, then as many in an old entry (history) halfway down the file.
fn running(
    spec: &ServerSpec,
    s: &Settings,
    doc: RunningDoc,
    r: &mut ServerResult,
) -> Result<(), String> {
    let label = doc.label();
    let text = match doc {
        RunningDoc::Kb(kb) => agenda::running((kb * 1024.0) as usize, s.seed + 60),
        RunningDoc::Entries(n) => agenda::running_of(n, s.seed + 60),
    };
    let bytes = text.len();
    let name = doc.name();
    let entries = agenda::running_entries(&text);
    if entries.len() < 2 {
        return Err(format!(
            "the generated running doc has {} entries: no history to type in",
            entries.len()
        ));
    }
    let (current, old) = (&entries[0], &entries[entries.len() / 2]);
    progress(
        r,
        &format!(
            "{name} ({} entries, {} KiB): open, {} keystrokes in the current entry, {} in the entry of {}",
            entries.len(),
            bytes / 1024,
            s.running_keys,
            s.running_keys,
            old.0
        ),
    );
    r.put(
        &format!("running.{label}.entries"),
        &format!("{name}: dated entries"),
        Val::Count(entries.len() as f64),
    );
    let timeout = s.timeout_for(bytes);
    let sess = start(spec, s, None)?;
    // A typical agenda first, so that what the server prepares on its first document (which
    // `first-open` measures) is not counted in the running doc's open.
    let warm = "file:///tmp/lsp-bench/running-warm-up.1on1.md";
    Editor::open(&sess, warm, &agenda::typical(s.seed), s.timeout)?;
    let _ = sess.did_close(warm);
    let uri = format!("file:///tmp/lsp-bench/running-{label}.1on1.md");
    let mut ed = Editor::open(&sess, &uri, &text, timeout)?;
    drop(text);
    r.put(
        &format!("running.{label}.open_ms"),
        &format!("{name}: open → first diagnostics"),
        ed.open_ms
            .map_or(Val::Na(format!("none within {timeout:?}")), Val::Ms),
    );
    r.put(
        &format!("running.{label}.diags"),
        &format!("{name}: diagnostics at open"),
        Val::Count(ed.open_diags as f64),
    );
    if ed.open_ms.is_some() {
        ed.type_within(current.1..current.2);
        ed.type_keys(&sess, s.running_keys, timeout, s.phase_timeout)
            .record(
                r,
                &format!("running.{label}.current"),
                &format!("{name}: keystroke in the current entry → diagnostics"),
            );
        ed.type_within(old.1..old.2);
        ed.type_keys(&sess, s.running_keys, timeout, s.phase_timeout)
            .record(
                r,
                &format!("running.{label}.history"),
                &format!("{name}: keystroke in an old entry → diagnostics"),
            );
    } else {
        r.notes.push(format!(
            "{name}: no diagnostics within {timeout:?} of the open; no keystrokes typed"
        ));
    }
    r.put_rss(
        &format!("rss.running.{label}"),
        &format!("after the {name}"),
        sess.rss_kb(),
    );
    finish(sess, r, &name);
    Ok(())
}

/// 4. A big agenda in a fresh server: open, keystrokes, burst.
fn big(
    spec: &ServerSpec,
    s: &Settings,
    mb: f64,
    keys: usize,
    r: &mut ServerResult,
) -> Result<(), String> {
    let label = format!("{}mb", mb.to_string().replace('.', "_"));
    let bytes = (mb * 1024.0 * 1024.0) as usize;
    progress(
        r,
        &format!(
            "{mb} MB agenda: open, {keys} keystrokes, burst of {}",
            s.burst
        ),
    );
    let text = agenda::big(bytes, s.seed + 50);
    let timeout = s.timeout_for(bytes);
    let sess = start(spec, s, None)?;
    let uri = format!("file:///tmp/lsp-bench/big-{label}.1on1.md");
    let mut ed = Editor::open(&sess, &uri, &text, timeout)?;
    drop(text);
    r.put(
        &format!("big.{label}.open_ms"),
        &format!("{mb} MB: open → first diagnostics"),
        ed.open_ms
            .map_or(Val::Na(format!("none within {timeout:?}")), Val::Ms),
    );
    if ed.open_ms.is_some() {
        ed.type_keys(&sess, keys, timeout, s.phase_timeout).record(
            r,
            &format!("big.{label}.keys"),
            &format!("{mb} MB: keystroke → diagnostics"),
        );
        ed.burst(
            &sess,
            s.burst,
            timeout * 4,
            &format!("big.{label}.burst"),
            &format!("{mb} MB"),
            r,
        );
    }
    r.put_rss(
        &format!("rss.big.{label}"),
        &format!("after the {mb} MB phase"),
        sess.rss_kb(),
    );
    finish(sess, r, &format!("{mb} MB"));
    Ok(())
}

/// A directory of generated agendas (plus a few plain Markdown files that must be ignored).
pub struct Workspace {
    pub root: PathBuf,
    pub uris: Vec<String>,
    pub first: PathBuf,
}

impl Workspace {
    pub fn create(n: usize, seed: u64) -> std::io::Result<Workspace> {
        let root = std::env::temp_dir().join(format!("lsp-bench-ws-{}", std::process::id()));
        if root.exists() {
            std::fs::remove_dir_all(&root)?;
        }
        std::fs::create_dir_all(root.join("notes"))?;
        let root = root.canonicalize()?;
        std::fs::write(root.join("README.md"), "# Team notes\n\nNot an agenda.\n")?;
        for k in 0..10 {
            std::fs::write(
                root.join(format!("notes/plain-{k}.md")),
                agenda::typical(seed + k),
            )?;
        }
        let mut uris = Vec::with_capacity(n);
        let mut first = PathBuf::new();
        for i in 0..n {
            let dir = root.join(format!("team-{:03}", i / 100));
            if i % 100 == 0 {
                std::fs::create_dir_all(&dir)?;
            }
            let path = dir.join(format!("agenda-{i:05}.1on1.md"));
            std::fs::write(&path, agenda::typical(seed + 10_000 + i as u64))?;
            uris.push(path_uri(&path));
            if i == 0 {
                first = path;
            }
        }
        Ok(Workspace { root, uris, first })
    }

    pub fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// 6. Workspace scan: initialized → diagnostics for every agenda, while typing in one of them.
fn workspace(
    spec: &ServerSpec,
    s: &Settings,
    ws: &Workspace,
    r: &mut ServerResult,
) -> Result<(), String> {
    let n = ws.uris.len();
    progress(r, &format!("workspace of {n} agendas"));
    let mut sess = Session::spawn(spec, s.stderr())
        .map_err(|e| format!("cannot start {}: {e}", spec.program))?;
    sess.initialize(Some(&ws.root), s.timeout)?;
    let t0 = Instant::now(); // `initialized` has just been sent
    let text = std::fs::read_to_string(&ws.first).map_err(|e| e.to_string())?;
    let open_uri = path_uri(&ws.first);
    let mut ed = Editor::open(&sess, &open_uri, &text, s.timeout)?;
    let set: HashSet<&str> = ws.uris.iter().map(String::as_str).collect();
    let seen = |st: &mut crate::client::State| st.uris.len();

    let mut keys: Vec<(Instant, f64)> = Vec::new();
    let (mut last_count, mut last_progress) = (0, Instant::now());
    let mut typing = true;
    let mut in_a_row = 0;
    let outcome = loop {
        let count = sess.with_state(seen);
        if count > last_count {
            (last_count, last_progress) = (count, Instant::now());
        }
        if count >= n && sess.with_state(|st| set.iter().all(|u| st.uris.contains_key(*u))) {
            break "done";
        }
        if t0.elapsed() >= s.ws_timeout {
            break "timeout";
        }
        if last_progress.elapsed() >= s.ws_stall {
            break "stalled";
        }
        if sess.eof() {
            break "server exited";
        }
        if typing && keys.len() < 20_000 {
            let Ok(sent) = ed.send_key(&sess) else {
                typing = false;
                continue;
            };
            match sess.wait_diag(&ed.uri, ed.version, sent, s.timeout) {
                Some(at) => {
                    keys.push((sent, ms(at - sent)));
                    in_a_row = 0;
                }
                None => {
                    in_a_row += 1;
                    typing = in_a_row < 3;
                }
            }
        } else {
            sess.wait_until(Duration::from_millis(200), |st| seen(st) > count);
        }
    };
    // When did the last agenda get its first diagnostics?
    let (published, first_other, all_at) = sess.with_state(|st| {
        let firsts: Vec<Instant> = set
            .iter()
            .filter_map(|u| {
                st.uris
                    .get(*u)
                    .and_then(|x| x.publishes.first())
                    .map(|p| p.at)
            })
            .collect();
        let first_other = set
            .iter()
            .filter(|u| **u != open_uri)
            .filter_map(|u| {
                st.uris
                    .get(*u)
                    .and_then(|x| x.publishes.first())
                    .map(|p| p.at)
            })
            .min();
        (firsts.len(), first_other, firsts.iter().max().copied())
    });
    r.put(
        "ws.files",
        "workspace: agendas on disk",
        Val::Count(n as f64),
    );
    r.put(
        "ws.published",
        "workspace: agendas with diagnostics",
        Val::Count(published as f64),
    );
    r.put(
        "ws.first_ms",
        "workspace: initialized → first unopened agenda's diagnostics",
        first_other.map_or(Val::Na("no diagnostics for unopened files".into()), |at| {
            Val::Ms(ms(at - t0))
        }),
    );
    let all = match (outcome, all_at) {
        ("done", Some(at)) => Val::Ms(ms(at - t0)),
        _ => {
            let why = format!(
                "{outcome}: diagnostics for {published} of {n} agendas after {:.1} s",
                t0.elapsed().as_secs_f64()
            );
            r.notes.push(format!("workspace {why}"));
            Val::Na(why)
        }
    };
    r.put(
        "ws.all_ms",
        "workspace: initialized → all agendas checked",
        all,
    );
    let end = match (outcome, all_at) {
        ("done", Some(at)) => at,
        _ => Instant::now(),
    };
    let during: Vec<f64> = keys
        .iter()
        .filter(|(sent, _)| *sent < end)
        .map(|(_, l)| *l)
        .collect();
    if first_other.is_some() {
        r.put(
            "ws.keys.n",
            "workspace: keystrokes timed during the scan",
            Val::Count(during.len() as f64),
        );
        r.put_latencies(
            "ws.keys",
            "workspace: keystroke → diagnostics during the scan",
            &during,
            false,
        );
    } else {
        let na = || Val::Na("no workspace scan".into());
        r.put(
            "ws.keys.n",
            "workspace: keystrokes timed during the scan",
            na(),
        );
        r.put(
            "ws.keys.p50_ms",
            "workspace: keystroke → diagnostics during the scan p50",
            na(),
        );
        r.put(
            "ws.keys.p99_ms",
            "workspace: keystroke → diagnostics during the scan p99",
            na(),
        );
    }
    r.put_rss("rss.ws", "after the workspace scan", sess.rss_kb());
    finish(sess, r, "workspace");
    Ok(())
}
