//! The real binary as a child process with piped stdio, bridged to a [`TestClient`].
//!
//! Tokio's `process` feature is not enabled, so plain threads move bytes between the
//! child's pipes and in-memory duplex streams. Everything the child writes to stdout is
//! also kept, so a test can check that stdout held nothing but valid frames; stderr is
//! collected for log assertions.

use super::TestClient;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub const BIN: &str = env!("CARGO_BIN_EXE_oneonone-ls");

pub struct Spawned {
    pub child: Child,
    pub pid: u32,
    stdout: Arc<Mutex<Vec<u8>>>,
    stderr: Arc<Mutex<String>>,
}

/// Starts the server with `env` (plus `ONEONONE_LOG`, default `info`) in `cwd`, and a
/// client talking to it. Must be called inside a multi-thread tokio runtime.
pub fn spawn(env: &[(&str, &str)], cwd: Option<&Path>) -> (TestClient, Spawned) {
    let mut cmd = Command::new(BIN);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("ONEONONE_LOG", "info");
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("start oneonone-ls");
    let pid = child.id();
    let handle = tokio::runtime::Handle::current();

    // Client → child stdin.
    let (client_write, mut to_child) = tokio::io::duplex(1 << 20);
    let mut stdin = child.stdin.take().unwrap();
    let h = handle.clone();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match h.block_on(to_child.read(&mut buf)) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            if stdin
                .write_all(&buf[..n])
                .and_then(|_| stdin.flush())
                .is_err()
            {
                break;
            }
        }
        // Dropping `stdin` closes the child's input.
    });

    // Child stdout → client, keeping a copy.
    let (mut from_child, client_read) = tokio::io::duplex(1 << 20);
    let mut stdout = child.stdout.take().unwrap();
    let kept = Arc::new(Mutex::new(Vec::new()));
    let k = kept.clone();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 64 * 1024];
        let mut forward = true;
        loop {
            let n = match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            k.lock().unwrap().extend_from_slice(&buf[..n]);
            if forward && handle.block_on(from_child.write_all(&buf[..n])).is_err() {
                // The client is gone; keep draining so the child never blocks.
                forward = false;
            }
        }
    });

    let mut err_pipe = child.stderr.take().unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let e = stderr.clone();
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            match err_pipe.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => e
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
    });

    (
        TestClient::new(client_read, client_write),
        Spawned {
            child,
            pid,
            stdout: kept,
            stderr,
        },
    )
}

impl Spawned {
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle` (logs are written asynchronously).
    pub async fn wait_for_log(&self, needle: &str, timeout: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if self.stderr().contains(needle) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        false
    }

    /// The exit status, if the process ends within `timeout`.
    pub async fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for oneonone-ls") {
                return Some(status);
            }
            if start.elapsed() > timeout {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Resident memory of the child in KiB (Linux `/proc`).
    pub fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid)).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    /// Checks that everything written to stdout so far is a sequence of well-formed
    /// frames (`Content-Length` header, blank line, that many bytes of a JSON-RPC
    /// object) and returns the messages.
    pub fn stdout_frames(&self) -> Vec<serde_json::Value> {
        let bytes = self.stdout.lock().unwrap().clone();
        parse_frames_strictly(&bytes)
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Parses a byte stream as LSP frames, panicking on anything else (a log line, a
/// stray byte, a short body, a body that is not a JSON-RPC 2.0 object).
pub fn parse_frames_strictly(mut bytes: &[u8]) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("stdout: no frame header in {:?}", preview(bytes)));
        let header = std::str::from_utf8(&bytes[..end])
            .unwrap_or_else(|_| panic!("stdout: header is not text: {:?}", preview(bytes)));
        let mut length = None;
        for line in header.split("\r\n") {
            let (name, value) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("stdout: not a header line: {line:?}"));
            match name {
                "Content-Length" => length = Some(value.parse::<usize>().expect("a length")),
                "Content-Type" => {}
                other => panic!("stdout: unexpected header {other:?}"),
            }
        }
        let length = length.unwrap_or_else(|| panic!("stdout: frame without length: {header:?}"));
        let body = &bytes[end + 4..];
        assert!(body.len() >= length, "stdout: truncated frame");
        let msg: serde_json::Value = serde_json::from_slice(&body[..length])
            .unwrap_or_else(|e| panic!("stdout: body is not JSON ({e}): {:?}", preview(body)));
        assert_eq!(msg["jsonrpc"], "2.0", "stdout: not JSON-RPC 2.0: {msg}");
        out.push(msg);
        bytes = &body[length..];
    }
    out
}

fn preview(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).into_owned()
}
