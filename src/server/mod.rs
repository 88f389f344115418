//! The language server: the only module that speaks LSP.
//!
//! - `documents`: the editor's text as ropes, changed in arrival order
//! - `position`: LSP positions ↔ byte offsets (UTF-16 or UTF-8)
//! - `convert`: engine findings → LSP diagnostics and edits
//! - `features`: completion, hover, outline, code actions
//! - `workspace`: agendas and `.oneonone.toml` on disk
//! - `backend`: the `LanguageServer` implementation and the analysis pipeline
//! - `framing`: stdin's frames checked before tower-lsp-server sees them, so a bad message
//!   is answered or logged and the session goes on
//! - `lane`: the text notifications, handled on the stdin thread (the keystroke path)

mod backend;
pub mod convert;
pub mod documents;
pub mod features;
pub mod framing;
pub mod lane;
pub mod position;
pub mod workspace;

pub use backend::Backend;

use tower_lsp_server::{LspService, Server};

/// Builds the service, for stdio or for an in-memory transport in tests.
pub fn service() -> (LspService<Backend>, tower_lsp_server::ClientSocket) {
    LspService::new(Backend::new)
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
    // One thread runs the protocol: reading a message, applying it, analysing a small
    // document and writing the result happen without hopping between threads. Large
    // documents and the workspace scan have threads of their own.
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
        state.write_diagnostics_with(write_stdout);
        // stdin is read by a thread of its own (see `framing`): tower-lsp-server sees only
        // messages it can decode, since its reader stops at the first one it cannot, and
        // the text notifications are handled on that thread (see `lane`).
        let lane = Box::new(lane::TextLane::new(state.clone()));
        let input = match framing::stdin_frames(write_stdout, lane) {
            Ok(frames) => frames,
            Err(e) => {
                eprintln!("oneonone-ls: cannot start the stdin reader: {e}");
                return 1;
            }
        };
        Server::new(input, SyncStdout, socket).serve(service).await;
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

/// Writes whole frames to stdout under its lock: the stdin thread's frames (answers to
/// bad messages, diagnostics) go through here, and since [`SyncStdout`] also writes whole
/// frames under the same lock, frames from different threads never interleave.
///
/// The bytes go to file descriptor 1 in one `write` (more only if the pipe takes part of
/// them), not through std's line-buffered stdout, which would send the header (it ends
/// in a line break) and the body in two writes and wake the client twice.
fn write_stdout(frame: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    #[cfg(unix)]
    {
        use std::os::fd::FromRawFd;
        // Nothing is ever left in std's buffer (every writer here flushes), but be sure.
        out.flush()?;
        // SAFETY: fd 1 stays open for the life of the process; ManuallyDrop keeps this
        // File from closing it. The stdout lock is held, so no other writer runs.
        let mut raw = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
        match raw.write_all(frame) {
            // A closed stdout swallows output, as std's stdout does.
            Err(e) if e.raw_os_error() == Some(libc::EBADF) => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        out.write_all(frame)?;
        out.flush()
    }
}

/// Standard output written directly from the protocol thread. Tokio's stdout sends each
/// write to a blocking thread pool; a language server writes small frames that a pipe
/// takes at once, so writing in place saves a thread hop on every message.
///
/// tower-lsp-server's `FramedWrite` hands over whole encoded frames, and each call writes
/// all it is given under one stdout lock (never a part of it, which would let the stdin
/// thread's answer in between), so a frame is never split.
struct SyncStdout;

impl tokio::io::AsyncWrite for SyncStdout {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(write_stdout(buf).map(|()| buf.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::io::Write;
        std::task::Poll::Ready(std::io::stdout().lock().flush())
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        self.poll_flush(cx)
    }
}
