//! The `LanguageServer` implementation and the analysis pipeline.
//!
//! Document changes are applied synchronously, inside the call that receives them and
//! before any `.await`, so they are applied in arrival order even though tower-lsp runs
//! several handlers at once. Small documents are then analysed on the spot; large ones
//! go to a background analyser that always takes the latest version, so a burst of
//! edits costs one analysis, not one per edit. Every result goes through one publisher
//! task, which drops results for versions that are no longer current.

use super::convert;
use super::documents::{ChangeOutcome, DocumentStore};
use super::features::{self, Snapshot};
use super::position::{position_to_byte, Encoding, Placer};
use super::workspace::{agendas_below, is_agenda_path, read_agenda};
use crate::agenda::Agenda;
use crate::config::{toml_settings, Config};
use crate::Diagnostic as Finding;
#[derive(Default)]
struct Memo;
use ropey::Rope;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock, Weak};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// Sentences of the kinds agendas are made of, run through the catalogue at start-up so
/// that the first document opened finds the automata's common states already built.
const WARM_UP: [&str; 8] = [
    "We're still working on the onboarding flow and made good progress this week.",
    "- Shipped the new billing page to 20% of accounts",
    "Let me know what you think.",
    "Should we push the launch to next month?",
    "My recommendation is to pause the migration until the vendor fixes the export.",
    "What I'm seeing is that churn doubles for accounts without an admin.",
    "The most important outcome I'm focused on right now is cutting time to first value to 3 days by Q3.",
    "Maybe we could, if you have time, talk about hiring?",
];

/// Hands the memory freed after compiling the catalogue back to the system. Compiling
/// allocates several MiB of scratch that glibc would otherwise keep mapped for the whole
/// session, which is most of the server's idle footprint.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only returns free pages of glibc's own heaps to the kernel;
        // it takes no pointers and is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Writes one whole frame to the client.
pub type WriteFrame = fn(&[u8]) -> std::io::Result<()>;

/// Documents up to this size are analysed inside the change notification itself.
const SYNC_LIMIT: usize = 256 * 1024;

/// One analysed version of a document.
pub struct Analysis {
    pub version: i32,
    pub text: String,
    pub agenda: Agenda,
    pub findings: Vec<Finding>,
    /// Whether the fixes carry their edits (see [`crate::check_parsed_titles`]): the
    /// analysis of a change shows titles only, and a code action completes it.
    pub edits: bool,
    /// The configuration it was made with: a result made with one that has since been
    /// replaced is neither shown nor kept.
    pub config: Arc<Config>,
}

pub(super) struct Publish {
    uri: Uri,
    version: Option<i32>,
    /// The findings, with their ranges in the client's position encoding.
    found: Option<(Arc<Analysis>, Vec<Range>)>,
    /// The analysis this one replaced, freed only once the diagnostics are written: a
    /// keystroke's diagnostics do not wait for the previous version to be freed.
    retired: Option<Arc<Analysis>>,
}

impl Publish {
    fn empty(uri: Uri) -> Self {
        Publish {
            uri,
            version: None,
            found: None,
            retired: None,
        }
    }

    /// The findings of `analysis`, placed in its text.
    fn of(uri: Uri, version: Option<i32>, analysis: Arc<Analysis>, enc: Encoding) -> Self {
        let placer = Placer::new(&analysis.text, enc);
        let ranges = analysis
            .findings
            .iter()
            .map(|f| placer.range(&f.range))
            .collect();
        Publish {
            uri,
            version,
            found: Some((analysis, ranges)),
            retired: None,
        }
    }

    fn wire(&self) -> Vec<convert::Wire<'_>> {
        match &self.found {
            Some((analysis, ranges)) => analysis
                .findings
                .iter()
                .zip(ranges)
                .map(|(f, r)| convert::wire(f, *r))
                .collect(),
            None => Vec::new(),
        }
    }

    /// The diagnostics as typed values, for tower-lsp-server's client.
    fn diagnostics(&self) -> Vec<Diagnostic> {
        self.wire().iter().map(convert::typed).collect()
    }

    /// The `textDocument/publishDiagnostics` notification, framed for stdout. Written
    /// straight from the findings (see [`convert::write_json`]): no `serde_json::Value`,
    /// no serializer in between.
    fn frame(&self, cache: &mut convert::WireCache) -> Vec<u8> {
        const HEAD: &str = "Content-Length: ";
        // Room for the header, which is written in front once the body's length is known.
        let room = HEAD.len() + 24;
        let count = self.found.as_ref().map_or(0, |(_, r)| r.len());
        let mut frame = Vec::with_capacity(room + 256 + 768 * count);
        frame.resize(room, b' ');
        frame.extend_from_slice(
            b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
        );
        convert::push_str(&mut frame, self.uri.as_str());
        frame.extend_from_slice(b",\"diagnostics\":");
        match &self.found {
            Some((analysis, ranges)) => cache.write_all(
                &mut frame,
                analysis.findings.iter().zip(ranges.iter().copied()),
            ),
            None => frame.extend_from_slice(b"[]"),
        }
        if let Some(version) = self.version {
            frame.extend_from_slice(b",\"version\":");
            frame.extend_from_slice(itoa::Buffer::new().format(version).as_bytes());
        }
        frame.extend_from_slice(b"}}");
        let mut length = itoa::Buffer::new();
        let length = length.format(frame.len() - room).as_bytes();
        let start = room - HEAD.len() - length.len() - 4;
        frame[start..start + HEAD.len()].copy_from_slice(HEAD.as_bytes());
        frame[start + HEAD.len()..room - 4].copy_from_slice(length);
        frame[room - 4..room].copy_from_slice(b"\r\n\r\n");
        frame.drain(..start);
        frame
    }
}

#[derive(Default, Clone, Copy)]
struct ClientCaps {
    snippets: bool,
    watch_registration: bool,
    configuration_pull: bool,
}

#[derive(Default)]
struct Settings {
    /// The editor's `oneonone` settings.
    client: serde_json::Value,
    /// Each workspace root with its `.oneonone.toml` settings (when it has a valid one).
    files: Vec<(PathBuf, serde_json::Value)>,
    /// Effective configuration per root, and for documents outside every root.
    effective: Vec<(PathBuf, Arc<Config>)>,
    default: Arc<Config>,
    /// Problems to show the user once the client is ready.
    errors: Vec<String>,
}

/// Background analysis: open documents first, newest version always.
#[derive(Default)]
struct Queue {
    inner: Mutex<QueueInner>,
    ready: Condvar,
}

#[derive(Default)]
struct QueueInner {
    open: VecDeque<Uri>,
    queued: HashSet<Uri>,
    closed: bool,
}

pub struct State {
    client: Client,
    docs: Mutex<DocumentStore>,
    cache: Mutex<HashMap<Uri, Arc<Analysis>>>,
    /// What the catalogue found in each open document's sentences, for the next version.
    memos: Mutex<HashMap<Uri, Memo>>,
    enc: RwLock<Encoding>,
    caps: RwLock<ClientCaps>,
    roots: RwLock<Vec<PathBuf>>,
    settings: RwLock<Settings>,
    shutdown: AtomicBool,
    /// Set once `initialize` has been answered (and until `shutdown`): the stdin thread's
    /// lane takes text notifications only while this holds.
    running: AtomicBool,
    /// Over stdio, diagnostics are written straight to stdout (see [`State::deliver`]).
    direct: OnceLock<WriteFrame>,
    /// Held while checking that a result is current and writing it to stdout; holds
    /// the JSON of each open document's diagnostics for the next publication.
    direct_order: Mutex<HashMap<Uri, convert::WireCache>>,
    publish: mpsc::UnboundedSender<Publish>,
    /// Held while checking that a result is current and handing it to the client, so
    /// results for one document reach the client in version order.
    publish_lock: tokio::sync::Mutex<()>,
    queue: Arc<Queue>,
    scan_generation: AtomicU64,
}

impl Drop for State {
    fn drop(&mut self) {
        if let Ok(mut q) = self.queue.inner.lock() {
            q.closed = true;
        }
        self.queue.ready.notify_all();
    }
}

pub struct Backend {
    state: Arc<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Backend {
    pub fn new(client: Client) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let queue = Arc::new(Queue::default());
        let state = Arc::new(State {
            client: client.clone(),
            docs: Mutex::new(DocumentStore::default()),
            cache: Mutex::new(HashMap::new()),
            memos: Mutex::new(HashMap::new()),
            enc: RwLock::new(Encoding::Utf16),
            caps: RwLock::new(ClientCaps::default()),
            roots: RwLock::new(Vec::new()),
            settings: RwLock::new(Settings::default()),
            shutdown: AtomicBool::new(false),
            running: AtomicBool::new(false),
            direct: OnceLock::new(),
            direct_order: Mutex::new(HashMap::new()),
            publish: tx,
            publish_lock: tokio::sync::Mutex::new(()),
            queue: queue.clone(),
            scan_generation: AtomicU64::new(0),
        });
        tokio::spawn(publisher(Arc::downgrade(&state), rx));
        // Compile the pattern catalogue now, off the request path, so the first
        // document opened does not pay for it.
        let _ = std::thread::Builder::new()
            .name("oneonone-warmup".into())
            .spawn(|| {
                // The check runs first, so the caches it fills are among those handed on.
                let template = crate::guide::agenda(false);
                drop(crate::check(&template, &Config::default()));
                let examples = crate::rules::RULES.iter().map(|r| r.docs.example);
                drop((examples, WARM_UP, crate::patterns::catalogue()));
                release_free_memory();
            });
        let weak = Arc::downgrade(&state);
        let spawned = std::thread::Builder::new()
            .name("oneonone-analyser".into())
            .spawn(move || analyser(queue, weak));
        if let Err(e) = spawned {
            tracing::error!("cannot start the background analyser: {e}");
        }
        Backend { state }
    }

    pub fn state(&self) -> Arc<State> {
        self.state.clone()
    }
}

impl State {
    pub fn shutdown_requested(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    fn enc(&self) -> Encoding {
        *read(&self.enc)
    }

    fn config_for(&self, uri: &Uri) -> Arc<Config> {
        let settings = read(&self.settings);
        if let Some(path) = uri.to_file_path() {
            if let Some((_, c)) = settings
                .effective
                .iter()
                .filter(|(root, _)| path.starts_with(root))
                .max_by_key(|(root, _)| root.as_os_str().len())
            {
                return c.clone();
            }
        }
        settings.default.clone()
    }

    /// Analyses the open document now, returning what to publish, or queues it for the
    /// background analyser when it is large.
    pub(super) fn schedule(self: &Arc<Self>, uri: &Uri) -> Option<Publish> {
        self.schedule_when(uri, |_| true)
    }

    /// [`Self::schedule`], if `version` is still the document's current version.
    pub(super) fn schedule_version(self: &Arc<Self>, uri: &Uri, version: i32) -> Option<Publish> {
        self.schedule_when(uri, |current| current == version)
    }

    fn schedule_when(self: &Arc<Self>, uri: &Uri, wanted: impl Fn(i32) -> bool) -> Option<Publish> {
        let (rope, version) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            if !wanted(doc.version) {
                return None;
            }
            (doc.rope.clone(), doc.version)
        };
        if rope.len_bytes() <= SYNC_LIMIT {
            self.analyse(uri, &rope, version)
        } else {
            let mut q = lock(&self.queue.inner);
            if q.queued.insert(uri.clone()) {
                q.open.push_back(uri.clone());
            }
            drop(q);
            self.queue.ready.notify_one();
            None
        }
    }

    /// Analyses one version of an open document and caches the result.
    fn analyse(&self, uri: &Uri, rope: &Rope, version: i32) -> Option<Publish> {
        let config = self.config_for(uri);
        let mut retired = None;
        let analysis = self.analyse_open(uri, rope, version, &config, false, &mut retired)?;
        let mut publish = Publish::of(uri.clone(), Some(version), analysis, self.enc());
        publish.retired = retired;
        Some(publish)
    }

    /// Analyses one version of an open document with its memo, and caches the result
    /// while that version and `config` are still current.
    fn analyse_open(
        &self,
        uri: &Uri,
        rope: &Rope,
        version: i32,
        config: &Arc<Config>,
        edits: bool,
        retired: &mut Option<Arc<Analysis>>,
    ) -> Option<Arc<Analysis>> {
        let mut memo = lock(&self.memos).remove(uri).unwrap_or_default();
        let analysis = analyse(rope, version, config, uri, Some(&mut memo), edits);
        let current = {
            let docs = lock(&self.docs);
            if docs.contains(uri) {
                lock(&self.memos).insert(uri.clone(), memo);
            }
            docs.get(uri).is_some_and(|d| d.version == version)
        };
        let analysis = Arc::new(analysis?);
        if current && self.config_is_current(uri, config) {
            *retired = lock(&self.cache).insert(uri.clone(), analysis.clone());
        }
        Some(analysis)
    }

    /// True when a result still describes the document: the version it was computed for
    /// is current, or, for a file on disk, the file is not open.
    fn is_current(&self, p: &Publish) -> bool {
        if let Some((analysis, _)) = &p.found {
            if !self.config_is_current(&p.uri, &analysis.config) {
                return false;
            }
        }
        let docs = lock(&self.docs);
        match p.version {
            Some(v) => docs.get(&p.uri).is_some_and(|d| d.version == v),
            None => !docs.contains(&p.uri),
        }
    }

    /// True when `config` is still the configuration for `uri` (settings changes replace
    /// every configuration with a new one).
    fn config_is_current(&self, uri: &Uri, config: &Arc<Config>) -> bool {
        Arc::ptr_eq(config, &self.config_for(uri))
    }

    /// Over stdio: from now on, diagnostics are written with `out` (whole frames) instead
    /// of going through tower-lsp-server's client.
    pub(super) fn write_diagnostics_with(&self, out: WriteFrame) {
        let _ = self.direct.set(out);
    }

    /// True between the answer to `initialize` and `shutdown`.
    pub(super) fn running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// Writes a result to stdout if it is still current, in the thread that has it. The
    /// check and the write happen under one lock, so a document's results reach the
    /// client in version order whichever thread computed them.
    pub(super) fn deliver(&self, p: Publish) {
        let Some(out) = self.direct.get() else {
            let _ = self.publish.send(p);
            return;
        };
        let mut caches = lock(&self.direct_order);
        if self.is_current(&p) {
            // Only open documents (versioned results) keep their JSON: a file the
            // workspace scan checks is published once.
            let frame = match (&p.found, p.version) {
                (Some(_), Some(_)) => p.frame(caches.entry(p.uri.clone()).or_default()),
                _ => {
                    caches.remove(&p.uri);
                    p.frame(&mut convert::WireCache::default())
                }
            };
            if let Err(e) = out(&frame) {
                tracing::warn!("cannot write diagnostics: {e}");
            }
        }
    }

    /// Hands a result to the client if it still describes the document.
    async fn publish_now(&self, p: Publish) {
        if self.direct.get().is_some() {
            self.deliver(p);
            return;
        }
        let _order = self.publish_lock.lock().await;
        if self.is_current(&p) {
            let diagnostics = p.diagnostics();
            self.client
                .publish_diagnostics(p.uri, diagnostics, p.version)
                .await;
        }
    }

    /// `didOpen`: the document is stored and, when it is an agenda, analysed.
    pub(super) fn open(self: &Arc<Self>, params: DidOpenTextDocumentParams) -> Option<Publish> {
        let doc = params.text_document;
        if !is_agenda(&doc.uri) {
            return None;
        }
        lock(&self.docs).open(doc.uri.clone(), &doc.text, doc.version);
        self.schedule(&doc.uri)
    }

    /// `didChange`: applied in arrival order. Returns the document and its new version
    /// when there is something to analyse.
    pub(super) fn change(&self, params: DidChangeTextDocumentParams) -> Option<(Uri, i32)> {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let outcome = lock(&self.docs).change(&uri, version, &params.content_changes, self.enc());
        match outcome {
            ChangeOutcome::Applied => {}
            ChangeOutcome::AppliedOutOfOrder { previous } => tracing::warn!(
                "{}: version {version} does not follow {previous}; applied in arrival order",
                uri.as_str()
            ),
            ChangeOutcome::UnknownDocument => {
                if is_agenda(&uri) {
                    tracing::warn!("change for {} which is not open; ignored", uri.as_str());
                }
                return None;
            }
        }
        Some((uri, version))
    }

    /// `didClose`: the document is forgotten and its diagnostics cleared.
    pub(super) fn close(&self, params: DidCloseTextDocumentParams) -> Option<Publish> {
        let uri = params.text_document.uri;
        let was_open = lock(&self.docs).close(&uri).is_some();
        lock(&self.cache).remove(&uri);
        lock(&self.memos).remove(&uri);
        was_open.then(|| Publish::empty(uri))
    }

    fn recheck_open(self: &Arc<Self>) {
        let uris: Vec<Uri> = lock(&self.docs).uris().cloned().collect();
        for uri in uris {
            if let Some(p) = self.schedule(&uri) {
                let _ = self.publish.send(p);
            }
        }
    }

    /// Checks one agenda on disk (when it is not open) and publishes its findings.
    fn check_disk_file(&self, path: &Path) {
        let Some(uri) = Uri::from_file_path(path) else {
            return;
        };
        if lock(&self.docs).contains(&uri) {
            return;
        }
        match read_agenda(path) {
            Ok(text) => {
                let rope = Rope::from_str(&text);
                let config = self.config_for(&uri);
                // Checked once: nothing is kept for a next version.
                let Some(analysis) = analyse(&rope, 0, &config, &uri, None, false) else {
                    return;
                };
                let p = Publish::of(uri, None, Arc::new(analysis), self.enc());
                let _ = self.publish.send(p);
            }
            Err(reason) => tracing::warn!("skipping {reason}"),
        }
    }

    /// Checks every agenda in the workspace folders, on a thread of its own. A newer
    /// scan stops an older one.
    fn scan_workspace(self: &Arc<Self>) {
        let generation = self.scan_generation.fetch_add(1, Ordering::SeqCst) + 1;
        let roots = read(&self.roots).clone();
        let weak = Arc::downgrade(self);
        let spawned = std::thread::Builder::new()
            .name("oneonone-scan".into())
            .spawn(move || {
                for root in roots {
                    for path in agendas_below(&root) {
                        let Some(state) = weak.upgrade() else {
                            return;
                        };
                        if state.scan_generation.load(Ordering::SeqCst) != generation {
                            return;
                        }
                        state.check_disk_file(&path);
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!("cannot start the workspace scan: {e}");
        }
    }

    /// Re-reads `.oneonone.toml` in every root and recomputes the configurations.
    fn reload_config_files(&self) {
        let roots = read(&self.roots).clone();
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for root in &roots {
            let path = root.join(".oneonone.toml");
            match std::fs::read_to_string(&path) {
                Ok(text) => match toml_settings(&text) {
                    Ok(value) => files.push((root.clone(), value)),
                    Err(e) => errors.push(format!(
                        "{}: {e}. The default settings are used until it is fixed.",
                        path.display()
                    )),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => errors.push(format!("{}: {e}", path.display())),
            }
        }
        let mut settings = write(&self.settings);
        settings.files = files;
        settings.errors.extend(errors);
        recompute(&mut settings, &roots);
    }

    /// Applies new editor settings; returns false when they are unchanged.
    fn set_client_settings(&self, value: serde_json::Value) -> bool {
        let value = match value {
            serde_json::Value::Object(mut map) if map.contains_key("oneonone") => {
                map.remove("oneonone").unwrap_or_default()
            }
            other => other,
        };
        let roots = read(&self.roots).clone();
        let mut settings = write(&self.settings);
        if settings.client == value {
            return false;
        }
        if let Err(e) = Config::from_json(&value) {
            settings.errors.push(format!(
                "editor settings (oneonone): {e}. Those settings are ignored."
            ));
            settings.client = serde_json::Value::Null;
        } else {
            settings.client = value;
        }
        recompute(&mut settings, &roots);
        true
    }

    async fn show_config_errors(&self) {
        let errors = std::mem::take(&mut write(&self.settings).errors);
        for e in errors {
            tracing::warn!("{e}");
            self.client
                .show_message(MessageType::WARNING, format!("oneonone: {e}"))
                .await;
        }
    }

    /// The text, parse and findings of an open document's current version; with the
    /// fixes' edits when `edits` is set. What is computed here is kept for the next
    /// request on the same version.
    fn snapshot(&self, uri: &Uri, edits: bool) -> Option<(Rope, Arc<Analysis>, Arc<Config>)> {
        let (rope, version) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            (doc.rope.clone(), doc.version)
        };
        let config = self.config_for(uri);
        let cached = lock(&self.cache).get(uri).cloned();
        let analysis = match cached {
            Some(a)
                if a.version == version
                    && (a.edits || !edits)
                    && Arc::ptr_eq(&a.config, &config) =>
            {
                a
            }
            _ => self.analyse_open(uri, &rope, version, &config, edits, &mut None)?,
        };
        Some((rope, analysis, config))
    }
}

fn recompute(settings: &mut Settings, roots: &[PathBuf]) {
    let mut base = Config::default();
    let _ = base.merge_json(&settings.client);
    settings.default = Arc::new(base.clone());
    settings.effective = roots
        .iter()
        .map(|root| {
            let mut c = base.clone();
            if let Some((_, v)) = settings.files.iter().find(|(r, _)| r == root) {
                let _ = c.merge_json(v);
            }
            (root.clone(), Arc::new(c))
        })
        .collect();
}

/// Runs the engine, containing any panic: the document then keeps its last findings.
fn analyse(
    rope: &Rope,
    version: i32,
    config: &Arc<Config>,
    uri: &Uri,
    mut memo: Option<&mut Memo>,
    edits: bool,
) -> Option<Analysis> {
    // Chunk by chunk: `to_string` goes through `Display`, a formatter call per chunk.
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    let result = catch_unwind(AssertUnwindSafe(|| {
        let budget = config.thresholds.max_bytes;
        let _ = (memo.as_deref_mut(), edits);
        let agenda = Agenda::parse(&text, budget);
        let findings = crate::check_parsed(&text, &agenda, config);
        (agenda, findings)
    }));
    match result {
        Ok((agenda, findings)) => Some(Analysis {
            version,
            text,
            agenda,
            findings,
            edits,
            config: config.clone(),
        }),
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            tracing::error!(
                "analysis of {} (version {version}) failed: {reason}; its findings were not updated",
                uri.as_str()
            );
            None
        }
    }
}

fn analyser(queue: Arc<Queue>, state: Weak<State>) {
    loop {
        let uri = {
            let mut q = lock(&queue.inner);
            loop {
                if q.closed {
                    return;
                }
                if let Some(uri) = q.open.pop_front() {
                    q.queued.remove(&uri);
                    break uri;
                }
                q = queue
                    .ready
                    .wait(q)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let Some(state) = state.upgrade() else {
            return;
        };
        let current = {
            let docs = lock(&state.docs);
            docs.get(&uri).map(|d| (d.rope.clone(), d.version))
        };
        if let Some((rope, version)) = current {
            if let Some(p) = state.analyse(&uri, &rope, version) {
                let _ = state.publish.send(p);
            }
        }
    }
}

async fn publisher(state: Weak<State>, mut rx: mpsc::UnboundedReceiver<Publish>) {
    while let Some(p) = rx.recv().await {
        let Some(s) = state.upgrade() else {
            return;
        };
        s.publish_now(p).await;
    }
}

fn is_agenda(uri: &Uri) -> bool {
    is_agenda_path(uri.path().as_str())
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let enc = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *write(&self.state.enc) = enc;
        *write(&self.state.caps) = ClientCaps {
            snippets: caps
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            watch_registration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration_pull: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
        };
        #[allow(deprecated)] // root_uri still serves clients without workspace folders
        let roots: Vec<PathBuf> = match &params.workspace_folders {
            Some(folders) if !folders.is_empty() => folders
                .iter()
                .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
                .collect(),
            _ => params
                .root_uri
                .as_ref()
                .and_then(|u| u.to_file_path().map(|p| p.into_owned()))
                .into_iter()
                .collect(),
        };
        *write(&self.state.roots) = roots;
        if let Some(options) = params.initialization_options {
            self.state.set_client_settings(options);
        }
        self.state.reload_config_files();
        self.state.running.store(true, Ordering::SeqCst);
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["#".into()]),
                    resolve_provider: Some(false),
                    ..Default::default()
                }),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new("refactor.insert"),
                            CodeActionKind::new(features::FIX_ALL_KIND),
                        ]),
                        resolve_provider: Some(false),
                        ..Default::default()
                    },
                )),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "oneonone-ls".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let state = self.state.clone();
        state.show_config_errors().await;
        let caps = *read(&state.caps);
        if caps.watch_registration {
            let client = state.client.clone();
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: ["**/*.1on1.md", "**/.oneonone.toml"]
                        .into_iter()
                        .map(|glob| FileSystemWatcher {
                            glob_pattern: GlobPattern::String(glob.into()),
                            kind: None,
                        })
                        .collect(),
                };
                let registration = Registration {
                    id: "oneonone-watch".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(e) = client.register_capability(vec![registration]).await {
                    tracing::warn!("the client refused file watching: {e}");
                }
            });
        }
        if caps.configuration_pull {
            let state = state.clone();
            tokio::spawn(async move { pull_configuration(&state).await });
        }
        state.scan_workspace();
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.running.store(false, Ordering::SeqCst);
        self.state.shutdown.store(true, Ordering::SeqCst);
        self.state.scan_generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    fn did_open(&self, params: DidOpenTextDocumentParams) -> impl Future<Output = ()> + Send {
        let publish = self.state.open(params);
        self.publish_later(publish)
    }

    fn did_change(&self, params: DidChangeTextDocumentParams) -> impl Future<Output = ()> + Send {
        let applied = self.state.change(params);
        let state = self.state.clone();
        async move {
            let Some((uri, version)) = applied else {
                return;
            };
            // Let the read loop take any change that is already waiting: in a burst of
            // edits only the latest version is analysed. No timer is involved, so a lone
            // keystroke is analysed at once.
            tokio::task::yield_now().await;
            let publish = state.schedule_version(&uri, version);
            if let Some(p) = publish {
                state.publish_now(p).await;
            }
        }
    }

    fn did_save(&self, params: DidSaveTextDocumentParams) -> impl Future<Output = ()> + Send {
        let publish = self.state.schedule(&params.text_document.uri);
        self.publish_later(publish)
    }

    fn did_close(&self, params: DidCloseTextDocumentParams) -> impl Future<Output = ()> + Send {
        let publish = self.state.close(params);
        self.publish_later(publish)
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let state = self.state.clone();
        let pulled = read(&state.caps).configuration_pull;
        let changed = match params.settings {
            serde_json::Value::Null if pulled => {
                pull_configuration(&state).await;
                return;
            }
            serde_json::Value::Object(ref m) if m.is_empty() && pulled => {
                pull_configuration(&state).await;
                return;
            }
            settings => state.set_client_settings(settings),
        };
        state.show_config_errors().await;
        if changed {
            state.recheck_open();
            state.scan_workspace();
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let state = self.state.clone();
        let mut config_changed = false;
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == ".oneonone.toml") {
                config_changed = true;
                continue;
            }
            if !is_agenda(&change.uri) || lock(&state.docs).contains(&change.uri) {
                continue;
            }
            if change.typ == FileChangeType::DELETED {
                let _ = state.publish.send(Publish::empty(change.uri));
            } else {
                let s = state.clone();
                let _ = tokio::task::spawn_blocking(move || s.check_disk_file(&path)).await;
            }
        }
        if config_changed {
            state.reload_config_files();
            state.show_config_errors().await;
            state.recheck_open();
            state.scan_workspace();
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let snippets = read(&self.state.caps).snippets;
        Ok(
            self.with_snapshot(&pos.text_document.uri, false, |s, rope, enc| {
                let offset = position_to_byte(rope, pos.position, enc);
                CompletionResponse::Array(features::completion(s, offset, snippets))
            }),
        )
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        Ok(self
            .with_snapshot(&pos.text_document.uri, false, |s, rope, enc| {
                features::hover(s, position_to_byte(rope, pos.position, enc))
            })
            .flatten())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(
            self.with_snapshot(&params.text_document.uri, false, |s, _, _| {
                DocumentSymbolResponse::Nested(features::symbols(s))
            }),
        )
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let only = params.context.only.clone();
        Ok(self
            .with_snapshot(&params.text_document.uri, true, |s, rope, enc| {
                let start = position_to_byte(rope, params.range.start, enc);
                let end = position_to_byte(rope, params.range.end, enc);
                let actions = features::code_actions(
                    s,
                    start.min(end)..end.max(start),
                    &params.context.diagnostics,
                    only.as_deref(),
                );
                (!actions.is_empty()).then_some(actions)
            })
            .flatten())
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        Err(Error::invalid_params(format!(
            "oneonone-ls has no command named {:?}",
            params.command
        )))
    }
}

impl Backend {
    /// The part of a notification handler that runs after its synchronous part: hand
    /// the result to the client (in this task, without a hop to another one).
    fn publish_later(&self, publish: Option<Publish>) -> impl Future<Output = ()> + Send {
        let state = self.state.clone();
        async move {
            if let Some(p) = publish {
                state.publish_now(p).await;
            }
        }
    }

    /// Runs `f` on the current version of an open agenda, containing any panic.
    fn with_snapshot<T>(
        &self,
        uri: &Uri,
        edits: bool,
        f: impl FnOnce(&Snapshot, &Rope, Encoding) -> T,
    ) -> Option<T> {
        let (rope, analysis, config) = self.state.snapshot(uri, edits)?;
        let enc = self.state.enc();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let snapshot = Snapshot {
                uri,
                rope: &rope,
                text: &analysis.text,
                agenda: &analysis.agenda,
                findings: &analysis.findings,
                config: &config,
                enc,
            };
            f(&snapshot, &rope, enc)
        }));
        match result {
            Ok(v) => Some(v),
            Err(_) => {
                tracing::error!(
                    "a request on {} failed inside the server; answered with nothing",
                    uri.as_str()
                );
                None
            }
        }
    }
}

async fn pull_configuration(state: &Arc<State>) {
    let items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some("oneonone".into()),
    }];
    match state.client.configuration(items).await {
        Ok(mut values) if !values.is_empty() => {
            let value = values.swap_remove(0);
            let changed = state.set_client_settings(value);
            state.show_config_errors().await;
            if changed {
                state.recheck_open();
                state.scan_workspace();
            }
        }
        Ok(_) => {}
        Err(e) => tracing::info!("workspace/configuration failed: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analysis of `text` as a change would make it (fixes without edits).
    fn analysed(text: &str, version: i32, uri: &Uri, config: &Arc<Config>) -> Arc<Analysis> {
        let rope = Rope::from_str(text);
        Arc::new(analyse(&rope, version, config, uri, None, false).unwrap())
    }

    /// The frame written by hand is the notification serde writes for the same
    /// diagnostics, with a correct Content-Length, for an agenda with findings in text
    /// with emoji, CJK, quotes and CRLF, and for a URI that needs escaping.
    #[test]
    fn the_written_frame_is_the_serde_notification() {
        let text = "# 1:1 😀 東京\r\n\r\n## Updates\r\n- Shipped \"A\"\r\n- Done B\r\n- Done C\r\n- Done D\r\n- Done E\r\n\r\nLet me know what you think.\r\n";
        let config = Arc::new(Config::default());
        let uri: Uri = "file:///tmp/a%20%22b%22.1on1.md".parse().unwrap();
        let analysis = analysed(text, 7, &uri, &config);
        assert!(analysis.findings.len() >= 2, "{:?}", analysis.findings);
        // The cache is filled by another document's findings first, then by the same
        // ones: the frames must not change.
        let other = "# 1:1\n\nLet me know what you think.\n\nWe're still working on it.\n";
        let other = analysed(other, 1, &uri, &config);
        let other = Publish::of(uri.clone(), Some(1), other, Encoding::Utf16);
        let mut cache = convert::WireCache::default();
        other.frame(&mut cache);
        let mut frames = Vec::new();
        for version in [Some(7), None, Some(7)] {
            let p = Publish::of(uri.clone(), version, analysis.clone(), Encoding::Utf16);
            let frame = p.frame(&mut cache);
            assert_eq!(frame, p.frame(&mut convert::WireCache::default()));
            frames.push(frame.clone());
            let at = frame.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            let head = std::str::from_utf8(&frame[..at]).unwrap();
            assert_eq!(
                head,
                format!("Content-Length: {}\r\n\r\n", frame.len() - at)
            );
            let written: serde_json::Value = serde_json::from_slice(&frame[at..]).unwrap();
            let expected = serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": PublishDiagnosticsParams::new(uri.clone(), p.diagnostics(), version),
            });
            assert_eq!(written, expected);
        }
        assert_eq!(frames[0], frames[2]);
    }

    /// Open documents keep their diagnostics' JSON for the next publication; a file the
    /// workspace scan publishes once does not, and closing a document drops its JSON.
    #[tokio::test]
    async fn only_open_documents_keep_their_diagnostics_json() {
        let (service, _socket) = crate::server::service();
        let state = service.inner().state.clone();
        state.write_diagnostics_with(|_| Ok(()));
        let text = "# 1:1\n\nLet me know what you think.\n";
        let on_disk: Uri = "file:///tmp/scan/a.1on1.md".parse().unwrap();
        let config = state.config_for(&on_disk);
        let checked = analysed(text, 0, &on_disk, &config);
        state.deliver(Publish::of(on_disk.clone(), None, checked, Encoding::Utf16));
        assert!(lock(&state.direct_order).is_empty());

        let open: Uri = "file:///tmp/scan/b.1on1.md".parse().unwrap();
        state.open(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(open.clone(), "markdown".into(), 3, text.into()),
        });
        let rope = Rope::from_str(text);
        let publish = state.analyse(&open, &rope, 3).expect("an analysis");
        state.deliver(publish);
        assert!(lock(&state.direct_order).contains_key(&open));
        let closed = state.close(DidCloseTextDocumentParams {
            text_document: TextDocumentIdentifier::new(open.clone()),
        });
        state.deliver(closed.expect("diagnostics cleared on close"));
        assert!(lock(&state.direct_order).is_empty());
    }
}
