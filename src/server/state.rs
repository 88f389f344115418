//! The server's state: the open documents, their latest analyses, the configuration, and
//! the one way diagnostics reach the client.
//!
//! An edit is applied to the document store as it arrives. A document up to
//! [`IN_PLACE_LIMIT`] is then analysed on the spot; a larger one is handed to the
//! background analyser (`analyser`). Either way the result goes through
//! [`State::publish`], which drops it unless it still describes the document: made from
//! the current generation of its text (`Document::generation`), with the configuration
//! still in force.

use super::analyser::Queue;
use super::convert;
use super::documents::{ChangeOutcome, DocumentStore};
use super::features::add_folder_series;
use super::position::Encoding;
use super::settings::{read_config_files, Settings};
use super::workspace::{agendas_below, is_agenda_path, read_agenda};
use crate::agenda::Agenda;
use crate::config::Config;
use crate::Diagnostic as Finding;
use ropey::Rope;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp_server::ls_types::request::WorkDoneProgressCreate;
use tower_lsp_server::ls_types::{
    Diagnostic, DidChangeTextDocumentParams, DidOpenTextDocumentParams, MessageType, ProgressToken,
    Uri, WorkDoneProgressCreateParams,
};
use tower_lsp_server::{Bounded, Client, NotCancellable, OngoingProgress};

/// Documents up to this size are analysed inside the notification that changed them.
pub const IN_PLACE_LIMIT: usize = 256 * 1024;

/// What turns a parsed agenda (with its series) into findings: [`crate::check_context`],
/// except in tests that need an analysis to fail.
pub type Checker = fn(&crate::rules::Context) -> Vec<Finding>;

/// One analysed version of a document.
pub struct Analysis {
    /// The generation of the document's text it describes.
    pub generation: u64,
    pub version: i32,
    pub rope: Rope,
    pub text: String,
    /// What the coach reads of the text (the current entry of a running doc, else all of
    /// it); `agenda` is parsed from `text[scope]`, its offsets relative to `scope.start`.
    pub scope: std::ops::Range<usize>,
    pub entries: crate::entries::Entries,
    pub agenda: Agenda,
    /// The entries as a series, or the folder series of a dated file; `None` without either.
    pub series: Option<crate::series::Series>,
    /// The other files of the folder series that were read (empty for a running doc).
    pub folder: Vec<super::features::FolderFile>,
    /// [`State::folder_epoch`] when `folder` was read.
    pub folder_epoch: u64,
    /// Offsets into the whole text.
    pub findings: Vec<Finding>,
    /// The configuration it was made with.
    pub config: Arc<Config>,
}

/// Diagnostics on their way to the client, with what decides whether they still apply.
pub struct Publish {
    uri: Uri,
    version: Option<i32>,
    /// The generation of an open document's text they describe; `None` for a file that
    /// is not open (they apply while it stays closed).
    generation: Option<u64>,
    /// The configuration they were made with; `None` when there are none to show.
    config: Option<Arc<Config>>,
    /// For a file the workspace scan read: [`State::folder_epoch`] before it was read. An
    /// agenda changed since (on disk among them) makes them stale.
    read_at: Option<u64>,
    diagnostics: Vec<Diagnostic>,
}

impl Publish {
    /// No diagnostics for a document that is not open (any more).
    pub fn cleared(uri: Uri) -> Self {
        Publish {
            uri,
            version: None,
            generation: None,
            config: None,
            read_at: None,
            diagnostics: Vec::new(),
        }
    }
}

/// What the client said it supports, in `initialize`.
#[derive(Clone, Copy)]
pub struct ClientCaps {
    pub enc: Encoding,
    pub snippets: bool,
    pub watch_registration: bool,
    pub configuration_pull: bool,
    /// `textDocument.codeLens`: the client shows code lenses (else readiness is a hint).
    pub code_lens: bool,
    /// `workspace/codeLens/refresh` and `workspace/inlayHint/refresh` are understood.
    pub code_lens_refresh: bool,
    pub inlay_hint_refresh: bool,
    /// `window.workDoneProgress`: the client shows progress the server creates.
    pub work_done_progress: bool,
    /// `textDocument.publishDiagnostics.relatedInformation`.
    pub related_information: bool,
    /// `workspace.workspaceEdit.documentChanges`: edits can name the version they are for.
    pub document_changes: bool,
}

pub struct State {
    pub client: Client,
    checker: Checker,
    docs: Mutex<DocumentStore>,
    /// The latest analysis of each open document that was current when it was made.
    analyses: Mutex<HashMap<Uri, Arc<Analysis>>>,
    pub settings: RwLock<Settings>,
    pub caps: RwLock<ClientCaps>,
    /// Large documents waiting for the background analyser.
    pub queue: Arc<Queue>,
    /// Held while checking that a result is current and handing it to the client.
    publish_order: tokio::sync::Mutex<()>,
    shutdown: AtomicBool,
    /// Bumped by every workspace scan (and by `shutdown`): an older scan stops.
    scans: AtomicU64,
    /// Bumped whenever an agenda may have changed other than by typing in it (an open, a
    /// close, a save, a change on disk): a folder series is read again from the folder only then,
    /// not on every keystroke in the open file.
    pub folder_epoch: AtomicU64,
}

pub fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn is_agenda(uri: &Uri) -> bool {
    is_agenda_path(uri.path().as_str())
}

impl State {
    pub fn new(client: Client, checker: Checker) -> Self {
        State {
            client,
            checker,
            docs: Mutex::new(DocumentStore::default()),
            analyses: Mutex::new(HashMap::new()),
            settings: RwLock::new(Settings::default()),
            caps: RwLock::new(ClientCaps {
                enc: Encoding::Utf16,
                snippets: false,
                watch_registration: false,
                configuration_pull: false,
                code_lens: false,
                code_lens_refresh: false,
                inlay_hint_refresh: false,
                work_done_progress: false,
                related_information: false,
                document_changes: false,
            }),
            queue: Arc::default(),
            publish_order: tokio::sync::Mutex::new(()),
            shutdown: AtomicBool::new(false),
            scans: AtomicU64::new(0),
            folder_epoch: AtomicU64::new(0),
        }
    }

    pub fn shutdown_requested(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    pub fn request_shutdown(&self) {
        self.shutdown.store(true, Ordering::SeqCst);
        self.scans.fetch_add(1, Ordering::SeqCst);
    }

    pub fn enc(&self) -> Encoding {
        read(&self.caps).enc
    }

    pub fn config_for(&self, uri: &Uri) -> Arc<Config> {
        read(&self.settings).config_for(uri)
    }

    // -----------------------------------------------------------------------------------
    // Documents

    /// `didOpen`: the agenda is stored and analysed (or queued).
    pub fn open(&self, params: DidOpenTextDocumentParams) -> Option<Publish> {
        let doc = params.text_document;
        if !is_agenda(&doc.uri) {
            return None;
        }
        lock(&self.docs).open(doc.uri.clone(), &doc.text, doc.version);
        self.folder_changed();
        self.refresh(&doc.uri)
    }

    /// `didChange`: the edits are applied, then the document is analysed (or queued).
    pub fn change(&self, params: DidChangeTextDocumentParams) -> Option<Publish> {
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
        self.refresh(&uri)
    }

    /// An agenda may have changed other than by typing in it: folder series are read again
    /// at their next analysis.
    pub fn folder_changed(&self) {
        self.folder_epoch.fetch_add(1, Ordering::Relaxed);
    }

    /// `didClose`: the document and its analysis are forgotten, its diagnostics cleared.
    pub fn close(&self, uri: Uri) -> Option<Publish> {
        let was_open = lock(&self.docs).close(&uri).is_some();
        self.folder_changed();
        lock(&self.analyses).remove(&uri);
        was_open.then(|| Publish::cleared(uri))
    }

    /// The diagnostics of an open document's current text when it is small enough to
    /// analyse now; a larger one is queued for the background analyser.
    pub fn refresh(&self, uri: &Uri) -> Option<Publish> {
        let size = lock(&self.docs).get(uri)?.rope.len_bytes();
        if size <= IN_PLACE_LIMIT {
            self.diagnostics_now(uri)
        } else {
            self.queue.push(uri);
            None
        }
    }

    /// Every open document, refreshed (after the configuration changed).
    pub fn refresh_all(&self) -> Vec<Publish> {
        let uris: Vec<Uri> = lock(&self.docs).uris().cloned().collect();
        uris.iter().filter_map(|uri| self.refresh(uri)).collect()
    }

    /// The diagnostics of an open document's current text, analysed now if need be.
    pub fn diagnostics_now(&self, uri: &Uri) -> Option<Publish> {
        let analysis = self.analysis(uri)?;
        let caps = *read(&self.caps);
        Some(Publish {
            uri: uri.clone(),
            version: Some(analysis.version),
            generation: Some(analysis.generation),
            diagnostics: convert::diagnostics(uri, &analysis, caps.enc, caps.related_information),
            config: Some(analysis.config.clone()),
            read_at: None,
        })
    }

    /// The analysis of an open document's current text: the kept one, or one made now
    /// (and kept while it stays current). `None` when the document is not open or its
    /// analysis failed.
    pub fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let (rope, version, generation) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            (doc.rope.clone(), doc.version, doc.generation)
        };
        let config = self.config_for(uri);
        if let Some(kept) = lock(&self.analyses).get(uri) {
            if kept.generation == generation && Arc::ptr_eq(&kept.config, &config) {
                return Some(kept.clone());
            }
        }
        let analysis = Arc::new(self.analyse(uri, rope, version, generation, config)?);
        let docs = lock(&self.docs);
        if docs.get(uri).is_some_and(|d| d.generation == generation)
            && self.config_is_current(uri, &analysis.config)
        {
            lock(&self.analyses).insert(uri.clone(), analysis.clone());
        }
        Some(analysis)
    }

    /// Runs the engine, containing any panic: the document then keeps its last findings.
    fn analyse(
        &self,
        uri: &Uri,
        rope: Rope,
        version: i32,
        generation: u64,
        config: Arc<Config>,
    ) -> Option<Analysis> {
        let text = rope.to_string();
        let checker = self.checker;
        // The last analysis: its series is reused when only the current entry changed.
        let last = lock(&self.analyses).get(uri).cloned();
        // An open dated file reads its folder's earlier agendas (a file on disk does not:
        // a workspace scan would read each folder once per file in it).
        let open = lock(&self.docs).contains(uri);
        let roots = read(&self.settings).roots().to_vec();
        let open_text = |u: &Uri| lock(&self.docs).get(u).map(|d| d.rope.to_string());
        let epoch = self.folder_epoch.load(Ordering::Relaxed);
        let last = last.as_deref();
        let result = catch_unwind(AssertUnwindSafe(|| {
            let previous = last.as_ref().and_then(|a| {
                Some(crate::series::Previous {
                    text: &a.text,
                    entries: &a.entries,
                    series: a.series.as_ref()?,
                    config: &a.config,
                })
            });
            let mut view = crate::View::of_after(&text, &config, previous);
            let folder = if open {
                let reread = last.is_none_or(|a| a.folder_epoch != epoch);
                add_folder_series(&mut view, uri, &config, &roots, open_text, last, reread)
            } else {
                Vec::new()
            };
            let findings = view.check_with(checker, &config);
            let series = view.series;
            let (scope, entries, agenda) = (view.scope, view.entries, view.agenda);
            (scope, entries, agenda, series, folder, findings)
        }));
        match result {
            Ok((scope, entries, agenda, series, folder, findings)) => Some(Analysis {
                generation,
                version,
                rope,
                text,
                scope,
                entries,
                agenda,
                series,
                folder,
                folder_epoch: epoch,
                findings,
                config,
            }),
            Err(panic) => {
                tracing::error!(
                    "analysis of {} (version {version}) failed: {}; its findings were not updated",
                    uri.as_str(),
                    panic_message(&*panic)
                );
                None
            }
        }
    }

    fn config_is_current(&self, uri: &Uri, config: &Arc<Config>) -> bool {
        Arc::ptr_eq(config, &self.config_for(uri))
    }

    // -----------------------------------------------------------------------------------
    // Publishing

    /// Hands diagnostics to the client if they still describe the document. The check
    /// and the hand-over happen under one lock, whichever task made the result, so the
    /// client never gets a document's older findings after newer ones. Whether they were
    /// handed over.
    pub async fn publish(&self, p: Publish) -> bool {
        let _order = self.publish_order.lock().await;
        let current = self.is_current(&p);
        if current {
            self.client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await;
        }
        current
    }

    fn is_current(&self, p: &Publish) -> bool {
        if p.read_at
            .is_some_and(|e| e != self.folder_epoch.load(Ordering::Relaxed))
        {
            return false;
        }
        if let Some(config) = &p.config {
            if !self.config_is_current(&p.uri, config) {
                return false;
            }
        }
        let docs = lock(&self.docs);
        match p.generation {
            Some(g) => docs.get(&p.uri).is_some_and(|d| d.generation == g),
            None => !docs.contains(&p.uri),
        }
    }

    pub async fn show_config_errors(&self) {
        let errors = write(&self.settings).take_errors();
        for e in errors {
            tracing::warn!("{e}");
            self.client
                .show_message(MessageType::WARNING, format!("oneonone: {e}"))
                .await;
        }
    }

    /// Re-reads `.oneonone.toml` in every workspace folder.
    pub fn reload_config_files(&self) {
        let roots = read(&self.settings).roots().to_vec();
        let files = read_config_files(&roots);
        write(&self.settings).set_files(files);
    }

    // -----------------------------------------------------------------------------------
    // Files on disk

    /// The diagnostics of an agenda on disk that is not open (unversioned).
    pub fn check_disk_file(&self, path: &Path) -> Option<Publish> {
        let uri = Uri::from_file_path(path)?;
        if lock(&self.docs).contains(&uri) {
            return None;
        }
        let text = match read_agenda(path) {
            Ok(text) => text,
            Err(reason) => {
                tracing::warn!("skipping {reason}");
                return None;
            }
        };
        let config = self.config_for(&uri);
        let analysis = self.analyse(&uri, Rope::from_str(&text), 0, 0, config)?;
        let caps = *read(&self.caps);
        Some(Publish {
            diagnostics: convert::diagnostics(&uri, &analysis, caps.enc, caps.related_information),
            uri,
            version: None,
            generation: None,
            config: Some(analysis.config),
            read_at: None,
        })
    }

    /// [`State::check_disk_file`] for the workspace scan: the result is stale once an
    /// agenda changes (see [`Publish::read_at`]), and a panic costs only this file's
    /// diagnostics.
    fn check_scanned(&self, path: &Path) -> Option<Publish> {
        let read_at = self.folder_epoch.load(Ordering::Relaxed);
        match catch_unwind(AssertUnwindSafe(|| self.check_disk_file(path))) {
            Ok(p) => p.map(|p| Publish {
                read_at: Some(read_at),
                ..p
            }),
            Err(panic) => {
                tracing::error!(
                    "checking {} failed: {}",
                    path.display(),
                    panic_message(&*panic)
                );
                None
            }
        }
    }

    /// Checks every agenda in the workspace folders that is not open, off the protocol
    /// task: one blocking worker checks the files one after the other and hands each
    /// result to the protocol task, which publishes what has arrived whenever it has a
    /// turn. (Waiting for the protocol task between files would tie the scan to it: a
    /// keystroke being analysed would hold up the next file.) A newer scan (or `shutdown`)
    /// stops an older one. A scan of more than [`PROGRESS_FROM`] files reports
    /// `$/progress` to a client that shows it.
    pub fn scan_workspace(self: &Arc<Self>) {
        let scan = self.scans.fetch_add(1, Ordering::SeqCst) + 1;
        let roots: Vec<PathBuf> = read(&self.settings).roots().to_vec();
        let state = Arc::downgrade(self);
        let client = self.client.clone();
        let show_progress = read(&self.caps).work_done_progress;
        tokio::spawn(async move {
            let found = tokio::task::spawn_blocking(move || {
                roots
                    .iter()
                    .flat_map(|r| agendas_below(r))
                    .collect::<Vec<_>>()
            });
            let found = found.await.unwrap_or_default();
            let total = found.len();
            let progress = if show_progress && total > PROGRESS_FROM {
                begin_progress(&client, scan).await
            } else {
                None
            };
            // Bounded: the worker stays at most this many files ahead of publishing.
            let (checked, mut results) = tokio::sync::mpsc::channel(SCAN_AHEAD);
            let worker = state.clone();
            tokio::task::spawn_blocking(move || {
                for path in found {
                    let Some(state) = worker.upgrade() else {
                        break;
                    };
                    if state.scans.load(Ordering::SeqCst) != scan {
                        break;
                    }
                    let p = state.check_scanned(&path);
                    drop(state);
                    // The receiver is gone when the scan was stopped.
                    if checked.blocking_send((path, p)).is_err() {
                        break;
                    }
                }
            });
            let (mut done, mut shown) = (0, 0);
            while let Some((path, mut p)) = results.recv().await {
                let Some(state) = state.upgrade() else {
                    break;
                };
                if state.scans.load(Ordering::SeqCst) != scan {
                    break;
                }
                // Made before an agenda changed (the file itself, maybe, whose new
                // diagnostics may be out already): the file is read again.
                while let Some(one) = p.take() {
                    let read_at = one.read_at;
                    if state.publish(one).await
                        || read_at == Some(state.folder_epoch.load(Ordering::Relaxed))
                    {
                        break;
                    }
                    let (worker, path) = (state.clone(), path.clone());
                    p = tokio::task::spawn_blocking(move || worker.check_scanned(&path))
                        .await
                        .ok()
                        .flatten();
                }
                done += 1;
                if let Some(p) = &progress {
                    let percent = u32::try_from(done * 100 / total).unwrap_or(100);
                    if percent > shown {
                        shown = percent;
                        p.report_with_message(format!("{done}/{total}"), percent)
                            .await;
                    }
                }
            }
            if let Some(p) = progress {
                p.finish_with_message(format!("{total} agendas checked"))
                    .await;
            }
        });
    }
}

/// How many checked files of a workspace scan may wait to be published.
const SCAN_AHEAD: usize = 64;

/// A workspace scan of more files than this reports its progress.
pub const PROGRESS_FROM: usize = 8;

/// Creates the scan's progress token (`window/workDoneProgress/create`) and begins it;
/// `None` when the client refuses.
async fn begin_progress(
    client: &Client,
    scan: u64,
) -> Option<OngoingProgress<Bounded, NotCancellable>> {
    let token = ProgressToken::String(format!("oneonone-scan-{scan}"));
    let created = client.send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
        token: token.clone(),
    });
    // A client that never answers must not hold up the scan.
    match tokio::time::timeout(std::time::Duration::from_secs(5), created).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            tracing::info!("no progress shown for the workspace scan: {e}");
            return None;
        }
        Err(_) => {
            tracing::info!(
                "no progress shown: the client did not answer window/workDoneProgress/create"
            );
            return None;
        }
    }
    Some(
        client
            .progress(token, "Checking 1:1 agendas")
            .with_percentage(0)
            .begin()
            .await,
    )
}

pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
