//! The background analyser: documents over the in-place limit are analysed here, one at
//! a time, off the protocol task, each at the version it has when its turn comes. A
//! document edited while it waits is queued once, so a burst of edits to a large document
//! costs one analysis (two when the burst starts during one), with no fixed delay.

use super::state::{lock, State};
use std::collections::VecDeque;
use std::sync::{Mutex, Weak};
use tokio::sync::Notify;
use tower_lsp_server::ls_types::Uri;

/// The documents waiting for an analysis, oldest first, each at most once.
#[derive(Default)]
pub struct Queue {
    waiting: Mutex<VecDeque<Uri>>,
    wake: Notify,
}

impl Queue {
    pub fn push(&self, uri: &Uri) {
        let mut waiting = lock(&self.waiting);
        if !waiting.contains(uri) {
            waiting.push_back(uri.clone());
        }
        drop(waiting);
        self.wake.notify_one();
    }

    fn pop(&self) -> Option<Uri> {
        lock(&self.waiting).pop_front()
    }
}

/// Analyses queued documents until the server is gone. The analysis runs on tokio's
/// blocking threads; its result goes through [`State::publish`] like any other.
pub async fn run(state: Weak<State>) {
    let Some(queue) = state.upgrade().map(|s| s.queue.clone()) else {
        return;
    };
    loop {
        let Some(uri) = queue.pop() else {
            queue.wake.notified().await;
            continue;
        };
        let Some(state) = state.upgrade() else {
            return;
        };
        let worker = state.clone();
        let analysed = tokio::task::spawn_blocking(move || worker.diagnostics_now(&uri)).await;
        if let Ok(Some(p)) = analysed {
            state.publish(p).await;
        }
    }
}
