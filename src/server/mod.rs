//! The language server: the only module that speaks LSP.
//!
//! ```text
//! stdin ─ framing (thread) ─ duplex ─ tower-lsp-server ─ backend ─ state ─ client ─ stdout
//!                 └─ answers to bad frames ──────────────────────────────────────────┘
//! ```
//!
//! - `framing`: stdin's frames checked before tower-lsp-server sees them, so a bad
//!   message is answered or logged and the session goes on
//! - `backend`: the `LanguageServer` implementation, thin
//! - `state`: documents, their analyses, the configuration, and publishing (a small
//!   document is analysed inside the notification that changed it)
//! - `analyser`: one background task for documents too large to analyse in place
//! - `settings`: editor settings and `.oneonone.toml` merged into a `Config` per folder
//! - `documents`: the editor's text as ropes, changed in arrival order
//! - `position`: LSP positions ↔ byte offsets (UTF-16 or UTF-8)
//! - `convert`: engine findings → LSP diagnostics and edits
//! - `features`: completion, hover, outline, code actions
//! - `workspace`: agendas and `.oneonone.toml` on disk

mod analyser;
mod backend;
pub mod convert;
pub mod documents;
pub mod features;
pub mod framing;
pub mod position;
mod settings;
mod state;
pub mod workspace;

pub use backend::Backend;
pub use state::{Checker, IN_PLACE_LIMIT};

use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};
use tower_lsp_server::{LspService, Server};

/// Builds the service, for stdio or for an in-memory transport in tests. Must be called
/// inside a tokio runtime.
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(Backend::new)
}

/// [`service`] with `checker` in place of [`crate::check_context`] (see
/// [`Backend::with_checker`]).
pub fn service_with_checker(
    checker: Checker,
) -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(move |client| Backend::with_checker(client, checker))
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ONEONONE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Serves LSP over stdio until `exit` (or the end of input). Returns the process exit
/// code: 0 when `shutdown` came first, 1 otherwise.
pub fn serve_stdio() -> i32 {
    init_logging();
    // One thread runs the protocol; large documents, the workspace scan and stdout's
    // blocking reads have threads of their own.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("oneonone-ls: cannot start the runtime: {e}");
            return 1;
        }
    };
    let code = runtime.block_on(async {
        let (service, socket) = service();
        let state = service.inner().state();
        let (guarded, input) = tokio::io::duplex(64 * 1024);
        if let Err(e) = framing::guard_stdin(guarded, write_stdout) {
            eprintln!("oneonone-ls: cannot start the stdin reader: {e}");
            return 1;
        }
        Server::new(input, Stdout, socket).serve(service).await;
        if state.shutdown_requested() {
            0
        } else {
            1
        }
    });
    // The stdin thread may still be blocked in a read (after `exit`): the process ends
    // without waiting for it.
    runtime.shutdown_background();
    code
}

/// Writes whole frames to stdout under its lock. The frame guard's answers and
/// tower-lsp-server's output both go through here, so they never interleave.
fn write_stdout(frames: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(frames)?;
    out.flush()
}

/// tower-lsp-server's output. Its encoder hands over whole frames and each call writes
/// all it is given (blocking: a client that stops reading holds the server up, as it
/// would with any writer), so a frame is never split.
struct Stdout;

impl tokio::io::AsyncWrite for Stdout {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Poll::Ready(write_stdout(buf).map(|()| buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
