//! The keystroke path over stdio: text notifications are handled on the stdin thread.
//!
//! A `didChange` is what a person waits for. Handed to tower-lsp-server it would be
//! decoded a second time, cross to the protocol thread, and its diagnostics would be
//! turned into a `serde_json::Value` and queued for the writer task before they reach
//! stdout. Here the stdin thread, which has just read and checked the frame, applies it to
//! the document store, analyses the document and writes the diagnostics itself.
//!
//! Only the text notifications (`didOpen`, `didChange`, `didSave`, `didClose`) take this
//! lane, all four of them, so they keep their order among themselves; everything else goes
//! to tower-lsp-server as before, and the handlers there share the same [`State`] methods.
//! Before `initialize` has been answered and after `shutdown`, nothing is taken, so
//! tower-lsp-server's own rules for those states apply unchanged. A notification whose
//! params do not decode is logged and dropped.
//!
//! Latest version wins: a change is analysed only once no more input is waiting (nothing
//! buffered, nothing readable on stdin), so a burst of edits costs one analysis, not one
//! per edit, and a lone keystroke is analysed at once. Input that never pauses still gets
//! its diagnostics every [`MAX_DEFER`].

use super::backend::State;
use serde::de::{Deserialize, Deserializer, IgnoredAny};
use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Uri,
};

/// The longest a change waits for input to pause before it is analysed anyway.
pub const MAX_DEFER: Duration = Duration::from_millis(20);

/// What the stdin thread does with messages, besides passing them on.
pub trait Lane {
    /// Handles the message in `body` and returns true, or returns false to pass it on.
    fn take(&mut self, body: &[u8]) -> bool;
    /// True when work waits for the input to pause.
    fn deferred(&self) -> bool;
    /// True when deferred work should run even though input is waiting.
    fn overdue(&self) -> bool;
    /// Runs the deferred work.
    fn idle(&mut self);
}

/// A lane that takes nothing.
pub struct PassAll;

impl Lane for PassAll {
    fn take(&mut self, _: &[u8]) -> bool {
        false
    }
    fn deferred(&self) -> bool {
        false
    }
    fn overdue(&self) -> bool {
        false
    }
    fn idle(&mut self) {}
}

/// The text-notification lane of a running server.
pub struct TextLane {
    state: Arc<State>,
    /// Changed documents not analysed yet, with the version that was current then.
    dirty: Vec<(Uri, i32)>,
    since: Option<Instant>,
}

impl TextLane {
    pub fn new(state: Arc<State>) -> Self {
        TextLane {
            state,
            dirty: Vec::new(),
            since: None,
        }
    }

    fn forget(&mut self, uri: &Uri) {
        self.dirty.retain(|(u, _)| u != uri);
    }

    /// Applies a change now; its analysis waits for the input to pause.
    fn changed(&mut self, p: DidChangeTextDocumentParams) {
        if let Some((uri, version)) = self.state.change(p) {
            self.forget(&uri);
            self.dirty.push((uri, version));
            self.since.get_or_insert_with(Instant::now);
        }
    }
}

/// The part of a message that says what it is.
#[derive(serde::Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    method: Option<Cow<'a, str>>,
    /// Whether there is an `id` at all (even `null`): then it is not a notification.
    #[serde(default, deserialize_with = "present")]
    id: bool,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(d).map(|_| true)
}

#[derive(serde::Deserialize)]
struct Note<P> {
    params: P,
}

/// A whole notification in one pass: what [`Head`] and [`Note`] read in two.
#[derive(serde::Deserialize)]
struct Whole<'a, P> {
    #[serde(borrow)]
    method: Cow<'a, str>,
    #[serde(default, deserialize_with = "present")]
    id: bool,
    params: P,
}

/// A `didChange` notification decoded in one pass, when the body is one and its params
/// decode; `None` sends it down the general path (which reports what is wrong).
fn quick_change(body: &[u8]) -> Option<DidChangeTextDocumentParams> {
    const METHOD: &str = "textDocument/didChange";
    memchr::memmem::find(body, METHOD.as_bytes())?;
    let whole = serde_json::from_slice::<Whole<DidChangeTextDocumentParams>>(body).ok()?;
    (whole.method == METHOD && !whole.id).then_some(whole.params)
}

/// The params of a text notification; when they do not decode, the notification is
/// logged and dropped (tower-lsp-server would drop it without a word).
fn params<P: serde::de::DeserializeOwned>(method: &str, body: &[u8]) -> Option<P> {
    match serde_json::from_slice::<Note<P>>(body) {
        Ok(n) => Some(n.params),
        Err(e) => {
            tracing::warn!("{method} with invalid params ({e}); ignored");
            None
        }
    }
}

impl Lane for TextLane {
    fn take(&mut self, body: &[u8]) -> bool {
        if !self.state.running() {
            return false;
        }
        // Keystrokes: one pass over the body.
        if let Some(p) = quick_change(body) {
            self.changed(p);
            return true;
        }
        let Ok(head) = serde_json::from_slice::<Head>(body) else {
            return false;
        };
        if head.id {
            return false;
        }
        let Some(method) = head.method.as_deref() else {
            return false;
        };
        let state = self.state.clone();
        let publish = match method {
            "textDocument/didChange" => {
                let Some(p) = params::<DidChangeTextDocumentParams>(method, body) else {
                    return true;
                };
                self.changed(p);
                None
            }
            "textDocument/didOpen" => {
                let Some(p) = params::<DidOpenTextDocumentParams>(method, body) else {
                    return true;
                };
                self.forget(&p.text_document.uri);
                state.open(p)
            }
            "textDocument/didSave" => {
                let Some(p) = params::<DidSaveTextDocumentParams>(method, body) else {
                    return true;
                };
                self.forget(&p.text_document.uri);
                state.schedule(&p.text_document.uri)
            }
            "textDocument/didClose" => {
                let Some(p) = params::<DidCloseTextDocumentParams>(method, body) else {
                    return true;
                };
                self.forget(&p.text_document.uri);
                state.close(p)
            }
            _ => return false,
        };
        if let Some(publish) = publish {
            state.deliver(publish);
        }
        true
    }

    fn deferred(&self) -> bool {
        !self.dirty.is_empty()
    }

    fn overdue(&self) -> bool {
        self.since.is_some_and(|t| t.elapsed() >= MAX_DEFER)
    }

    fn idle(&mut self) {
        self.since = None;
        // One at a time: a failure costs its own document only.
        while let Some((uri, version)) = self.dirty.pop() {
            if let Some(publish) = self.state.schedule_version(&uri, version) {
                self.state.deliver(publish);
            }
        }
    }
}

/// True when stdin has bytes ready to read now (its end alone does not count: the work
/// deferred runs before the read that finds it).
pub fn stdin_ready() -> bool {
    #[cfg(unix)]
    {
        let mut fd = libc::pollfd {
            fd: 0,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, a zero timeout; poll only writes `revents`.
        let n = unsafe { libc::poll(&mut fd, 1, 0) };
        n > 0 && fd.revents & libc::POLLIN != 0
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::quick_change;

    #[test]
    fn quick_change_reads_did_change_notifications_only() {
        let change = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.1on1.md","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":1},"end":{"line":0,"character":1}},"text":"x"}]}}"#;
        let p = quick_change(change.as_bytes()).expect("a didChange");
        assert_eq!(p.text_document.version, 2);
        assert_eq!(p.content_changes[0].text, "x");
        // A request, another method that mentions it, bad params, a repeated key: the
        // general path decides.
        for body in [
            change.replace(r#""jsonrpc":"2.0","#, r#""jsonrpc":"2.0","id":1,"#),
            change.replace(r#""id""#, r#""x""#).replace(r#""jsonrpc":"2.0","#, r#""jsonrpc":"2.0","id":null,"#),
            r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.1on1.md","languageId":"markdown","version":1,"text":"textDocument/didChange"}}}"#.to_string(),
            change.replace(r#""version":2"#, r#""version":"two""#),
            change.replace(r#""method":"textDocument/didChange","#, r#""method":"textDocument/didChange","method":"textDocument/didChange","#),
        ] {
            assert!(quick_change(body.as_bytes()).is_none(), "{body}");
        }
    }
}
