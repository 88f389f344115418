//! The `LanguageServer` implementation: each method hands its work to [`State`] or to
//! `features`, containing any panic.
//!
//! tower-lsp-server runs handlers concurrently, starting them in arrival order. A text
//! notification does all its work on the document store in the handler's synchronous
//! part, before its first `.await`, so edits are applied in the order they arrive; a
//! small document is analysed there too, and only the hand-over to the client waits.

use super::analyser;
use super::features::{self, Snapshot};
use super::position::{position_to_byte, Encoding};
use super::settings::read_config_files;
use super::state::{is_agenda, panic_message, read, write, Checker, ClientCaps, Publish, State};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub struct Backend {
    state: Arc<State>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Self::with_checker(client, crate::check_context)
    }

    /// A server whose analyses run `checker` instead of [`crate::check_context`] (tests use
    /// one that panics). Must be called inside a tokio runtime.
    pub fn with_checker(client: Client, checker: Checker) -> Self {
        // The pattern catalogue and the reader's own patterns are built on first use:
        // start them now, on two threads of their own and off the protocol task, so that
        // a document opened right after `initialized` waits for as little of them as
        // possible. (The model needs no warming: its table is read in place.)
        let warm_ups: [(&str, fn()); 2] = [
            ("oneonone-catalogue", || {
                crate::patterns::catalogue();
            }),
            ("oneonone-reader", crate::agenda::prepare),
        ];
        for (name, warm_up) in warm_ups {
            let spawned = std::thread::Builder::new().name(name.into()).spawn(warm_up);
            if let Err(e) = spawned {
                tracing::warn!("cannot prepare {name} ahead of time: {e}");
            }
        }
        let state = Arc::new(State::new(client, checker));
        tokio::spawn(analyser::run(Arc::downgrade(&state)));
        Backend { state }
    }

    pub(super) fn state(&self) -> Arc<State> {
        self.state.clone()
    }

    /// Runs the synchronous part of a notification, containing any panic, and returns
    /// the part that waits: handing its diagnostics to the client.
    fn then_publish(
        &self,
        what: &str,
        f: impl FnOnce(&State) -> Option<Publish>,
    ) -> impl Future<Output = ()> + Send {
        let publish = contained(what, || f(&self.state)).flatten();
        let state = self.state.clone();
        async move {
            if let Some(p) = publish {
                state.publish(p).await;
            }
        }
    }

    /// Runs `f` on the current analysis of an open agenda, containing any panic.
    fn with_snapshot<T>(&self, uri: &Uri, f: impl FnOnce(&Snapshot, Encoding) -> T) -> Option<T> {
        contained(uri.as_str(), || {
            let analysis = self.state.analysis(uri)?;
            let enc = self.state.enc();
            let snapshot = Snapshot {
                uri,
                version: analysis.version,
                rope: &analysis.rope,
                text: &analysis.text[analysis.scope.clone()],
                offset: analysis.scope.start,
                document: &analysis.text,
                entries: &analysis.entries,
                agenda: &analysis.agenda,
                series: analysis.series.as_ref(),
                findings: &analysis.findings,
                config: &analysis.config,
                enc,
            };
            Some(f(&snapshot, enc))
        })
        .flatten()
    }
}

impl Backend {
    /// [`features::lens::ADD_PART`]: sends the missing part's fix to the client as
    /// `workspace/applyEdit`; nothing when the part is there by now, and a `RequestFailed`
    /// error when the document changed since the lens was drawn.
    async fn add_part(&self, arguments: &[LSPAny]) -> Result<Option<LSPAny>> {
        let version = arguments.get(2).map(|v| v.as_i64());
        let (Some(uri), Some(part), None | Some(Some(_))) = (
            arguments
                .first()
                .and_then(|u| u.as_str()?.parse::<Uri>().ok()),
            arguments.get(1).and_then(|p| p.as_str()),
            version,
        ) else {
            return Err(Error::invalid_params(format!(
                "{} takes a document URI, a part (outcome, insight or ask) and, optionally, \
                 the document's version",
                features::lens::ADD_PART
            )));
        };
        let versioned = read(&self.state.caps).document_changes;
        let edit = self.with_snapshot(&uri, |s, _| {
            features::lens::add_part_edit(s, part, version.flatten(), versioned)
        });
        let edit = match edit {
            Some(Err(message)) => {
                return Err(Error {
                    code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
                    message: message.into(),
                    data: None,
                })
            }
            Some(Ok(edit)) => edit,
            None => None,
        };
        if let Some(edit) = edit {
            match self.state.client.apply_edit(edit).await {
                Ok(r) if !r.applied => tracing::info!(
                    "the client did not apply the missing part: {}",
                    r.failure_reason.unwrap_or_default()
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!("workspace/applyEdit failed: {e}"),
            }
        }
        Ok(None)
    }
}

/// After the settings changed: problems shown, open documents and the workspace checked
/// again with the new configuration.
async fn settings_changed(state: &Arc<State>) {
    state.show_config_errors().await;
    for p in state.refresh_all() {
        state.publish(p).await;
    }
    // The readiness lens and hint may have been turned on or off.
    let caps = *read(&state.caps);
    if caps.code_lens_refresh {
        let _ = state.client.code_lens_refresh().await;
    }
    if caps.inlay_hint_refresh {
        let _ = state.client.inlay_hint_refresh().await;
    }
    state.scan_workspace();
}

/// Runs `f`; a panic is logged and costs only this call's result.
fn contained<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(panic) => {
            tracing::error!(
                "{what} failed inside the server: {}; answered with nothing",
                panic_message(&*panic)
            );
            None
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = client_caps(&params.capabilities);
        *write(&self.state.caps) = caps;
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
        let files = read_config_files(&roots);
        {
            let mut settings = write(&self.state.settings);
            settings.set_roots(roots);
            if let Some(options) = params.initialization_options {
                settings.set_client(options);
            }
            settings.set_files(files);
        }
        Ok(InitializeResult {
            capabilities: capabilities(caps.enc),
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
                if let Err(e) = client.register_capability(vec![watch_files()]).await {
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
        self.state.request_shutdown();
        Ok(())
    }

    fn did_open(&self, params: DidOpenTextDocumentParams) -> impl Future<Output = ()> + Send {
        self.then_publish("didOpen", |s| s.open(params))
    }

    fn did_change(&self, params: DidChangeTextDocumentParams) -> impl Future<Output = ()> + Send {
        self.then_publish("didChange", |s| s.change(params))
    }

    fn did_save(&self, params: DidSaveTextDocumentParams) -> impl Future<Output = ()> + Send {
        self.then_publish("didSave", move |s| {
            s.folder_changed();
            s.refresh(&params.text_document.uri)
        })
    }

    fn did_close(&self, params: DidCloseTextDocumentParams) -> impl Future<Output = ()> + Send {
        self.then_publish("didClose", |s| s.close(params.text_document.uri))
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pulled = read(&self.state.caps).configuration_pull;
        let changed = match params.settings {
            serde_json::Value::Null if pulled => return pull_configuration(&self.state).await,
            serde_json::Value::Object(ref m) if m.is_empty() && pulled => {
                return pull_configuration(&self.state).await
            }
            settings => write(&self.state.settings).set_client(settings),
        };
        if changed {
            settings_changed(&self.state).await;
        } else {
            self.state.show_config_errors().await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let state = &self.state;
        let mut config_changed = false;
        for change in params.changes {
            let Some(path) = change.uri.to_file_path().map(|p| p.into_owned()) else {
                continue;
            };
            if path.file_name().is_some_and(|n| n == ".oneonone.toml") {
                config_changed = true;
                continue;
            }
            if !is_agenda(&change.uri) {
                continue;
            }
            state.folder_changed();
            let publish = if change.typ == FileChangeType::DELETED {
                Some(Publish::cleared(change.uri))
            } else {
                let worker = state.clone();
                tokio::task::spawn_blocking(move || worker.check_disk_file(&path))
                    .await
                    .ok()
                    .flatten()
            };
            if let Some(p) = publish {
                state.publish(p).await;
            }
        }
        if config_changed {
            state.reload_config_files();
            settings_changed(state).await;
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let snippets = read(&self.state.caps).snippets;
        Ok(self.with_snapshot(&pos.text_document.uri, |s, enc| {
            let offset = position_to_byte(s.rope, pos.position, enc);
            CompletionResponse::Array(features::completion(s, offset, snippets))
        }))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        Ok(self
            .with_snapshot(&pos.text_document.uri, |s, enc| {
                features::hover(s, position_to_byte(s.rope, pos.position, enc))
            })
            .flatten())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self.with_snapshot(&params.text_document.uri, |s, _| {
            DocumentSymbolResponse::Nested(features::symbols(s))
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let only = params.context.only.as_deref();
        Ok(self
            .with_snapshot(&params.text_document.uri, |s, enc| {
                let start = position_to_byte(s.rope, params.range.start, enc);
                let end = position_to_byte(s.rope, params.range.end, enc);
                let range = start.min(end)..end.max(start);
                let actions = features::code_actions(s, range, &params.context.diagnostics, only);
                (!actions.is_empty()).then_some(actions)
            })
            .flatten())
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        Ok(self.with_snapshot(&params.text_document.uri, |s, _| {
            features::lens::code_lenses(s)
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let lens_shown = read(&self.state.caps).code_lens;
        Ok(self.with_snapshot(&params.text_document.uri, |s, _| {
            features::lens::inlay_hints(s, params.range, lens_shown)
        }))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command == features::lens::ADD_PART {
            return self.add_part(&params.arguments).await;
        }
        if params.command == features::PREREAD_COMMAND {
            return preread(self, &params.arguments);
        }
        Err(Error::invalid_params(format!(
            "oneonone-ls has no command named {:?}",
            params.command
        )))
    }
}

/// `oneonone.preread URI`: the pre-read email of an open agenda, or the reason there is
/// none as a `RequestFailed` error whose message the editor can show as it is.
fn preread(backend: &Backend, arguments: &[LSPAny]) -> Result<Option<LSPAny>> {
    let uri: Uri = arguments
        .first()
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            Error::invalid_params(format!(
                "{} takes the agenda's URI as its argument",
                features::PREREAD_COMMAND
            ))
        })?;
    match backend.with_snapshot(&uri, |s, _| features::preread_result(s)) {
        Some(Ok(email)) => Ok(Some(email)),
        Some(Err(message)) => Err(Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::ServerError(REQUEST_FAILED),
            message: message.into(),
            data: None,
        }),
        None => Err(Error::invalid_params(format!(
            "{} is not an open agenda (*.1on1.md): open it first",
            uri.as_str()
        ))),
    }
}

/// LSP's `RequestFailed`: the request was understood, and the answer is "no".
const REQUEST_FAILED: i64 = -32803;

fn client_caps(caps: &ClientCapabilities) -> ClientCaps {
    ClientCaps {
        enc: Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        ),
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
        code_lens: caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.code_lens.is_some()),
        code_lens_refresh: caps
            .workspace
            .as_ref()
            .and_then(|w| w.code_lens.as_ref()?.refresh_support)
            .unwrap_or(false),
        inlay_hint_refresh: caps
            .workspace
            .as_ref()
            .and_then(|w| w.inlay_hint.as_ref()?.refresh_support)
            .unwrap_or(false),
        work_done_progress: caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        related_information: caps
            .text_document
            .as_ref()
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false),
        document_changes: caps
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref()?.document_changes)
            .unwrap_or(false),
    }
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
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
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new("refactor.insert"),
                CodeActionKind::new(features::FIX_ALL_KIND),
                CodeActionKind::REFACTOR,
            ]),
            resolve_provider: Some(false),
            ..Default::default()
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                features::lens::ADD_PART.into(),
                features::PREREAD_COMMAND.into(),
            ],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The registration that asks the client to report changes to agendas and settings.
fn watch_files() -> Registration {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: ["**/*.1on1.md", "**/.oneonone.toml"]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.into()),
                kind: None,
            })
            .collect(),
    };
    Registration {
        id: "oneonone-watch".into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    }
}

async fn pull_configuration(state: &Arc<State>) {
    let items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some("oneonone".into()),
    }];
    match state.client.configuration(items).await {
        Ok(mut values) if !values.is_empty() => {
            if write(&state.settings).set_client(values.swap_remove(0)) {
                settings_changed(state).await;
            } else {
                state.show_config_errors().await;
            }
        }
        Ok(_) => {}
        Err(e) => tracing::info!("workspace/configuration failed: {e}"),
    }
}
