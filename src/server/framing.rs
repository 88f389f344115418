//! The frame reader between stdin and tower-lsp-server, so that one bad message costs that
//! message and not the session.
//!
//! tower-lsp-server decodes its input with tokio-util's `FramedRead`, which stops for good
//! after the first decoder error: a body that is not JSON, a wrong `Content-Length` or a
//! broken header used to end the session. Here a thread of its own reads stdin with
//! blocking reads, checks every frame, and passes only messages tower-lsp-server can decode
//! to it, through a channel read by [`Frames`]. What happens to the rest:
//!
//! - **Header block** (`Name: value` lines ending in CRLF, then an empty line): names are
//!   matched without regard to case; `Content-Length` (decimal digits, at most
//!   256 MiB) is required, `Content-Type` and any other well-formed header are ignored (the
//!   body is read as UTF-8 JSON either way). CR, LF, space and tab between two messages are
//!   skipped silently.
//! - **Broken header block** (a line that is not `Name: value`, no `Content-Length` or one
//!   that is not a number, two different lengths, or 8 KiB without the empty line): logged
//!   (`warn`), no answer (there is no id to answer), and the reader skips to the next
//!   occurrence of `Content-Length:` after the start of the broken block (spelled exactly so),
//!   dropping the bytes in between.
//! - **A length over 256 MiB**: logged, and that many bytes are read and dropped without being
//!   kept, so memory stays bounded; the message after them is served.
//! - **A body that is not JSON** (not UTF-8, a syntax error, nesting deeper than 128, a lone
//!   surrogate escape, an empty body): logged, and answered with
//!   `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: …"}}`.
//! - **JSON that is not a JSON-RPC 2.0 message** (not an object, `jsonrpc` not `"2.0"`,
//!   `method` not a string, `id` not an integer, string or null, a key given twice): logged,
//!   and answered with an Invalid request error (-32600), with the message's `id` when it has
//!   a usable one and `null` otherwise. Everything accepted here is accepted by
//!   tower-lsp-server's decoder, which is what keeps its read loop alive.
//! - **A `Content-Length` shorter than the body**: the cut body is not JSON (answered as
//!   above), and the rest of it is garbage before the next header, skipped as a broken
//!   header block. **A longer one** waits for the missing bytes, as the protocol requires.
//! - **End of input** ends the session as before, also in the middle of a message (logged).
//!
//! Accepted messages are passed on re-framed as `Content-Length: N\r\n\r\n` and the body,
//! byte for byte. Answers to bad messages are written with [`super::write_stdout`], under the
//! same lock as tower-lsp-server's own frames, so frames never interleave.
//!
//! Cost on the keystroke path: one allocation (the frame, sized up front), one copy of the
//! body, and one pass of serde_json over it that allocates nothing (strings are borrowed,
//! values are skipped without being built). Bodies that have not arrived yet are read
//! straight into their frame.

use super::lane::Lane;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

/// The longest header block, up to and without its empty line.
pub const HEADER_LIMIT: usize = 8 * 1024;
/// The longest body that is read; longer ones are skipped.
pub const BODY_LIMIT: usize = 256 * 1024 * 1024;
/// Frames waiting for tower-lsp-server before the reader thread waits for it.
const QUEUE: usize = 32;
const READ_CHUNK: usize = 64 * 1024;
const LENGTH: &[u8] = b"Content-Length:";

/// Starts the thread that reads stdin and returns the clean stream for tower-lsp-server.
/// `reply` writes a whole frame to the client (used for the answers to bad messages).
///
/// Good messages are first offered to `lane` (see [`super::lane`]), which handles the
/// text notifications on this thread; its deferred work runs whenever stdin has nothing
/// waiting.
pub fn stdin_frames(
    reply: fn(&[u8]) -> io::Result<()>,
    mut lane: Box<dyn Lane + Send>,
) -> io::Result<Frames> {
    let (tx, rx) = mpsc::channel(QUEUE);
    std::thread::Builder::new()
        .name("oneonone-stdin".into())
        .spawn(move || {
            pump(
                RawStdin,
                &tx,
                reply,
                lane.as_mut(),
                super::lane::stdin_ready,
            )
        })?;
    Ok(Frames::new(rx))
}

/// Standard input read without std's buffer, so that what has been read and not used is
/// all in [`FrameReader`]'s buffer, where [`FrameReader::buffered`] sees it.
struct RawStdin;

impl Read for RawStdin {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        {
            use std::os::fd::FromRawFd;
            // SAFETY: fd 0 stays open for the life of the process; ManuallyDrop keeps this
            // File from closing it, and only this thread reads stdin.
            let mut raw = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(0) });
            raw.read(out)
        }
        #[cfg(not(unix))]
        {
            io::stdin().read(out)
        }
    }
}

/// Reads `input` to its end, offering good frames to `lane` and sending those it does not
/// take to `frames`, and handling bad ones. `ready` says whether more input can be read
/// without waiting. Returns when the input ends or the receiver is gone.
pub fn pump<R: Read>(
    input: R,
    frames: &mpsc::Sender<Vec<u8>>,
    mut reply: impl FnMut(&[u8]) -> io::Result<()>,
    lane: &mut dyn Lane,
    ready: fn() -> bool,
) {
    let mut reader = FrameReader::new(input);
    loop {
        if lane.deferred() && (lane.overdue() || (!reader.buffered() && !ready())) {
            // The input has paused (or has not for too long): analyse what changed.
            idle(lane);
        }
        match reader.next_event() {
            Ok(Some(Event::Message(frame))) => {
                let start = find(&frame, b"\r\n\r\n").map_or(frame.len(), |i| i + 4);
                match catch_unwind(AssertUnwindSafe(|| lane.take(&frame[start..]))) {
                    Ok(true) => continue,
                    Ok(false) => {}
                    Err(_) => {
                        tracing::error!("a text notification failed inside the server; dropped");
                        continue;
                    }
                }
                if frames.blocking_send(frame).is_err() {
                    return; // the server stopped reading (after `exit`)
                }
            }
            Ok(Some(Event::Bad {
                problem,
                reply: answer,
            })) => {
                tracing::warn!("invalid message: {problem}");
                if let Some(answer) = answer {
                    if let Err(e) = reply(&answer) {
                        tracing::warn!("cannot write the error response: {e}");
                    }
                }
            }
            Ok(None) => {
                idle(lane); // the last changes still get their diagnostics
                return;
            }
            Err(e) => {
                tracing::warn!("cannot read stdin: {e}; ending the session");
                idle(lane);
                return;
            }
        }
    }
}

/// Runs the lane's deferred work, containing any panic.
fn idle(lane: &mut dyn Lane) {
    if lane.deferred() && catch_unwind(AssertUnwindSafe(|| lane.idle())).is_err() {
        tracing::error!("deferred work on the stdin thread failed; it was dropped");
    }
}

/// What the reader found next.
#[derive(PartialEq, Eq)]
pub enum Event {
    /// A message tower-lsp-server can decode, framed (`Content-Length: N\r\n\r\n` + body).
    Message(Vec<u8>),
    /// Something that is not one: what was wrong and what was done, and the frame to send
    /// back, if it gets an answer.
    Bad {
        problem: String,
        reply: Option<Vec<u8>>,
    },
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        match self {
            Event::Message(frame) => f.debug_tuple("Message").field(&text(frame)).finish(),
            Event::Bad { problem, reply } => f
                .debug_struct("Bad")
                .field("problem", problem)
                .field("reply", &reply.as_deref().map(text))
                .finish(),
        }
    }
}

/// The LSP frame parser over a blocking byte source.
pub struct FrameReader<R> {
    input: R,
    /// Bytes read but not consumed are `buf[pos..filled]`.
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    /// How much of `buf[pos..]` is known to hold no header end.
    scanned: usize,
    /// Skipping garbage up to the next `Content-Length:`.
    resync: bool,
    /// Body bytes of an oversized message still to drop.
    discard: u64,
    header_limit: usize,
    body_limit: usize,
}

impl<R: Read> FrameReader<R> {
    pub fn new(input: R) -> Self {
        Self::with_limits(input, HEADER_LIMIT, BODY_LIMIT)
    }

    pub fn with_limits(input: R, header_limit: usize, body_limit: usize) -> Self {
        Self {
            input,
            buf: vec![0; header_limit + 4 + READ_CHUNK].into_boxed_slice(),
            pos: 0,
            filled: 0,
            scanned: 0,
            resync: false,
            discard: 0,
            header_limit,
            body_limit,
        }
    }

    /// True when input has been read that is not consumed yet and is more than the blank
    /// bytes between messages or garbage being skipped: what the next event will be made
    /// of without waiting for the input.
    pub fn buffered(&self) -> bool {
        !self.resync
            && self.discard == 0
            && self.buf[self.pos..self.filled]
                .iter()
                .any(|b| !matches!(b, b'\r' | b'\n' | b' ' | b'\t'))
    }

    /// The next message or problem; `None` at the end of input.
    pub fn next_event(&mut self) -> io::Result<Option<Event>> {
        loop {
            while self.discard > 0 {
                if self.pos == self.filled && !self.fill()? {
                    return Ok(None);
                }
                let n = (self.filled - self.pos)
                    .min(usize::try_from(self.discard).unwrap_or(usize::MAX));
                self.pos += n;
                self.discard -= n as u64;
            }
            if self.resync {
                match find(&self.buf[self.pos..self.filled], LENGTH) {
                    Some(i) => {
                        self.pos += i;
                        self.resync = false;
                    }
                    None => {
                        // Keep what could be the start of `Content-Length:`.
                        let keep = (self.filled - self.pos).min(LENGTH.len() - 1);
                        self.pos = self.filled - keep;
                        if !self.fill()? {
                            return Ok(None);
                        }
                        continue;
                    }
                }
            }
            if self.scanned == 0 {
                while self.pos < self.filled
                    && matches!(self.buf[self.pos], b'\r' | b'\n' | b' ' | b'\t')
                {
                    self.pos += 1;
                }
            }
            let window = &self.buf[self.pos + self.scanned..self.filled];
            if let Some(i) = find(window, b"\r\n\r\n") {
                let header_len = self.scanned + i;
                let header = &self.buf[self.pos..self.pos + header_len];
                let parsed = if header_len > self.header_limit {
                    Err(self.too_long())
                } else {
                    parse_header(header)
                };
                self.scanned = 0;
                return match parsed {
                    Ok(len) => {
                        self.pos += header_len + 4;
                        self.body(len).map(Some)
                    }
                    Err(problem) => Ok(Some(self.broken(problem))),
                };
            }
            let avail = self.filled - self.pos;
            if avail > self.header_limit {
                self.scanned = 0;
                let what = self.too_long();
                return Ok(Some(self.broken(what)));
            }
            self.scanned = avail.saturating_sub(3);
            if !self.fill()? {
                return Ok(if avail == 0 {
                    None
                } else {
                    self.pos = self.filled;
                    self.scanned = 0;
                    Some(Event::Bad {
                        problem: format!("the input ended inside a header block ({avail} bytes)"),
                        reply: None,
                    })
                });
            }
        }
    }

    fn too_long(&self) -> String {
        format!(
            "no empty line within the first {} bytes of a header block",
            self.header_limit
        )
    }

    /// A broken header block at `pos`: skip to the next `Content-Length:` after its start.
    fn broken(&mut self, what: String) -> Event {
        self.pos += 1;
        self.resync = true;
        Event::Bad {
            problem: format!(
                "{what}; skipping to the next Content-Length header (no answer: no id)"
            ),
            reply: None,
        }
    }

    fn body(&mut self, len: u64) -> io::Result<Event> {
        let buffered = self.filled - self.pos;
        let len = match usize::try_from(len) {
            Ok(len) if len <= self.body_limit => len,
            _ => {
                let n = buffered.min(usize::try_from(len).unwrap_or(usize::MAX));
                self.pos += n;
                self.discard = len - n as u64;
                return Ok(Event::Bad {
                    problem: format!(
                        "Content-Length {len} is over the limit of {} bytes; skipping the body",
                        self.body_limit
                    ),
                    reply: None,
                });
            }
        };
        let mut frame = Vec::with_capacity(len + 40);
        write!(frame, "Content-Length: {len}\r\n\r\n")?;
        let start = frame.len();
        let have = buffered.min(len);
        frame.extend_from_slice(&self.buf[self.pos..self.pos + have]);
        self.pos += have;
        if have < len {
            (&mut self.input)
                .take((len - have) as u64)
                .read_to_end(&mut frame)?;
            if frame.len() < start + len {
                return Ok(Event::Bad {
                    problem: format!(
                        "the input ended inside a body ({} of {len} bytes)",
                        frame.len() - start
                    ),
                    reply: None,
                });
            }
        }
        Ok(match check_body(&frame[start..]) {
            Ok(()) => Event::Message(frame),
            Err(rejection) => rejection.into_event(),
        })
    }

    /// Reads more input after the unconsumed bytes; `false` at the end of input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            self.pos = 0;
        }
        loop {
            match self.input.read(&mut self.buf[self.filled..]) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.filled += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        if haystack.len() - at < needle.len() {
            return None;
        }
        from = at + 1;
    }
    None
}

/// The body length from a header block (without its final empty line).
fn parse_header(block: &[u8]) -> Result<u64, String> {
    let mut length = None;
    for line in block.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some((name, value)) = split_header_line(line) else {
            return Err(format!(
                "the header line {} is not `Name: value`",
                quote(line)
            ));
        };
        if name.eq_ignore_ascii_case(b"content-length") {
            let n = parse_length(value)
                .ok_or_else(|| format!("the Content-Length {} is not a number", quote(value)))?;
            if length.is_some_and(|l| l != n) {
                return Err("two different Content-Length headers".into());
            }
            length = Some(n);
        }
    }
    length.ok_or_else(|| "a header block without Content-Length".into())
}

/// `Name: value` with a valid HTTP token as the name; the value without surrounding blanks.
fn split_header_line(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    if name.is_empty() || !name.iter().all(token) {
        return None;
    }
    if value.iter().any(|&b| b != b'\t' && (b < 0x20 || b == 0x7f)) {
        return None;
    }
    Some((name, value.trim_ascii()))
}

fn parse_length(value: &[u8]) -> Option<u64> {
    if value.is_empty() || value.len() > 19 || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value).ok()?.parse().ok()
}

fn quote(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(80)];
    let more = if cut.len() < bytes.len() { "…" } else { "" };
    format!("{:?}{more}", String::from_utf8_lossy(cut))
}

// ---------------------------------------------------------------------------------------
// The body

/// Why a body is not passed on.
#[derive(Debug)]
struct Rejection {
    code: i64,
    message: String,
    id: serde_json::Value,
}

impl Rejection {
    fn into_event(self) -> Event {
        let what = match self.code {
            -32700 => "parse error",
            _ => "invalid request",
        };
        let problem = format!(
            "{}; answered with a {what} ({}, id {})",
            self.message, self.code, self.id
        );
        let reply = error_frame(&self.id, self.code, &self.message);
        Event::Bad {
            problem,
            reply: Some(reply),
        }
    }
}

/// A JSON-RPC error response, framed.
fn error_frame(id: &serde_json::Value, code: i64, message: &str) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Response<'a> {
        jsonrpc: &'static str,
        id: &'a serde_json::Value,
        error: ErrorObject<'a>,
    }
    #[derive(serde::Serialize)]
    struct ErrorObject<'a> {
        code: i64,
        message: &'a str,
    }
    let body = serde_json::to_vec(&Response {
        jsonrpc: "2.0",
        id,
        error: ErrorObject { code, message },
    })
    .expect("an error response serialises");
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    frame
}

/// Accepts a body only if tower-lsp-server's decoder accepts it (a JSON-RPC request,
/// notification or response); see the module documentation.
fn check_body(body: &[u8]) -> Result<(), Rejection> {
    let shape = match serde_json::from_slice::<Envelope>(body) {
        Ok(Envelope(shape)) => shape,
        Err(e) => {
            let message = if body.is_empty() {
                "Parse error: an empty body".to_string()
            } else if let Err(e) = std::str::from_utf8(body) {
                format!("Parse error: the body is not UTF-8 ({e})")
            } else {
                format!("Parse error: {e}")
            };
            return Err(Rejection {
                code: -32700,
                message,
                id: serde_json::Value::Null,
            });
        }
    };
    shape.map_err(|why| {
        // Rare: parse again to answer with the message's id.
        let id = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .filter(|id| id.is_string() || id.is_i64())
            .unwrap_or(serde_json::Value::Null);
        Rejection {
            code: -32600,
            message: format!("Invalid request: {why}"),
            id,
        }
    })
}

/// A body that is valid JSON: `Ok` when it is a message tower-lsp-server decodes (its
/// `jsonrpc::Request`, which every LSP request, notification and response also is),
/// `Err` with the reason otherwise.
///
/// Every value goes through `deserialize_any`, exactly as tower-lsp-server's untagged
/// `Message` reads it, so the same inputs are rejected as JSON (nesting limit, numbers out
/// of range, invalid escapes), without building any value.
struct Envelope(Result<(), &'static str>);

impl<'de> Deserialize<'de> for Envelope {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EnvelopeVisitor)
    }
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Envelope;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-RPC message")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
        let (mut jsonrpc, mut method, mut id, mut params) = (None, None, None, false);
        let mut twice = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Jsonrpc => {
                    twice |= jsonrpc.is_some();
                    jsonrpc = Some(map.next_value::<Probe>()?);
                }
                Key::Method => {
                    twice |= method.is_some();
                    method = Some(map.next_value::<Probe>()?);
                }
                Key::Id => {
                    twice |= id.is_some();
                    id = Some(map.next_value::<Probe>()?);
                }
                Key::Params => {
                    twice |= params;
                    params = true;
                    map.next_value::<Any>()?;
                }
                Key::Other => {
                    map.next_value::<Any>()?;
                }
            }
        }
        Ok(Envelope(if twice {
            Err("a key appears twice")
        } else if jsonrpc != Some(Probe::Version) {
            Err("\"jsonrpc\" must be \"2.0\"")
        } else if !matches!(method, None | Some(Probe::Str | Probe::Version)) {
            Err("\"method\" must be a string")
        } else if !matches!(
            id,
            None | Some(Probe::Null | Probe::Int | Probe::Str | Probe::Version)
        ) {
            Err("\"id\" must be an integer, a string or null")
        } else {
            Ok(())
        }))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Envelope, A::Error> {
        drain_seq(seq)?;
        Ok(Envelope(Err("a batch (JSON array) is not supported")))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Envelope, E> {
        Ok(Envelope(Err("the message is not a JSON object")))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Envelope, E> {
        self.visit_bool(false)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Envelope, E> {
        self.visit_bool(false)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Envelope, E> {
        self.visit_bool(false)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Envelope, E> {
        self.visit_bool(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Envelope, E> {
        self.visit_bool(false)
    }
}

/// The top-level keys that matter.
enum Key {
    Jsonrpc,
    Method,
    Params,
    Id,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(match s {
                    "jsonrpc" => Key::Jsonrpc,
                    "method" => Key::Method,
                    "params" => Key::Params,
                    "id" => Key::Id,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// What kind of value a field holds.
#[derive(PartialEq, Eq)]
enum Probe {
    Null,
    /// The string `"2.0"`.
    Version,
    Str,
    /// An integer that fits in an `i64`.
    Int,
    Other,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Probe;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Probe, E> {
                Ok(Probe::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Probe, E> {
                Ok(Probe::Int)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Probe, E> {
                Ok(if i64::try_from(v).is_ok() {
                    Probe::Int
                } else {
                    Probe::Other
                })
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Probe, E> {
                Ok(Probe::Other)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Probe, E> {
                Ok(if s == "2.0" {
                    Probe::Version
                } else {
                    Probe::Str
                })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Probe, E> {
                Ok(Probe::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Probe, A::Error> {
                drain_seq(seq)?;
                Ok(Probe::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Probe, A::Error> {
                drain_map(map)?;
                Ok(Probe::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// Any JSON value, checked and dropped.
struct Any;

impl<'de> Deserialize<'de> for Any {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Any;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Any, E> {
                Ok(Any)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Any, E> {
                Ok(Any)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Any, E> {
                Ok(Any)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Any, E> {
                Ok(Any)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Any, E> {
                Ok(Any)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Any, E> {
                Ok(Any)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Any, A::Error> {
                drain_seq(seq).map(|()| Any)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Any, A::Error> {
                drain_map(map).map(|()| Any)
            }
        }
        d.deserialize_any(V)
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<Any>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<Any, Any>()?.is_some() {}
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The stream tower-lsp-server reads

/// The accepted frames as one byte stream; ends when the reader thread ends.
pub struct Frames {
    rx: mpsc::Receiver<Vec<u8>>,
    current: Vec<u8>,
    pos: usize,
}

impl Frames {
    pub fn new(rx: mpsc::Receiver<Vec<u8>>) -> Self {
        Self {
            rx,
            current: Vec::new(),
            pos: 0,
        }
    }
}

impl AsyncRead for Frames {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        out: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        let mut copied = false;
        while out.remaining() > 0 {
            if this.pos == this.current.len() {
                // Free a big document's frame as soon as it has been read.
                this.current = Vec::new();
                this.pos = 0;
                match this.rx.poll_recv(cx) {
                    Poll::Ready(Some(frame)) => this.current = frame,
                    Poll::Ready(None) => break, // end of input
                    Poll::Pending if copied => break,
                    Poll::Pending => return Poll::Pending,
                }
            }
            let n = out.remaining().min(this.current.len() - this.pos);
            out.put_slice(&this.current[this.pos..this.pos + n]);
            this.pos += n;
            copied = true;
        }
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    const OPEN: &str = r##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.1on1.md","languageId":"markdown","version":1,"text":"# 1:1 \u00e9 ’\n"}}}"##;
    const HOVER: &str = r#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.1on1.md"},"position":{"line":0,"character":2}}}"#;
    const RESPONSE: &str = r#"{"jsonrpc":"2.0","id":0,"result":[{"rules":{}}]}"#;

    /// A source that hands out the given chunks, one per read.
    struct Chunks(std::collections::VecDeque<Vec<u8>>);

    impl Read for Chunks {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let Some(mut chunk) = self.0.pop_front() else {
                return Ok(0);
            };
            let n = chunk.len().min(out.len());
            out[..n].copy_from_slice(&chunk[..n]);
            if n < chunk.len() {
                self.0.push_front(chunk.split_off(n));
            }
            Ok(n)
        }
    }

    fn events_with(reader: &mut FrameReader<Chunks>) -> Vec<Event> {
        let mut out = Vec::new();
        while let Some(e) = reader.next_event().unwrap() {
            out.push(e);
        }
        out
    }

    /// Events from the chunks (empty ones dropped: a read of 0 bytes is the end).
    fn events_of(chunks: Vec<Vec<u8>>) -> Vec<Event> {
        let chunks = chunks.into_iter().filter(|c| !c.is_empty()).collect();
        events_with(&mut FrameReader::new(Chunks(chunks)))
    }

    fn events(input: &[u8]) -> Vec<Event> {
        events_of(vec![input.to_vec()])
    }

    fn message(body: &str) -> Event {
        Event::Message(frame(body))
    }

    /// The answer in a `Bad` event, parsed.
    fn answer(e: &Event) -> Option<Value> {
        let Event::Bad { reply, .. } = e else {
            panic!("expected a bad message, got {e:?}")
        };
        let reply = reply.as_ref()?;
        let text = std::str::from_utf8(reply).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert_eq!(head, format!("Content-Length: {}", body.len()));
        Some(serde_json::from_str(body).unwrap())
    }

    fn problem(e: &Event) -> &str {
        match e {
            Event::Bad { problem, .. } => problem,
            Event::Message(_) => panic!("expected a bad message"),
        }
    }

    fn is_bad(e: &Event) -> bool {
        matches!(e, Event::Bad { .. })
    }

    #[test]
    fn good_frames_are_passed_on_byte_for_byte() {
        let mut input = frame(OPEN);
        input.extend(frame(HOVER));
        input.extend(frame(RESPONSE));
        assert_eq!(
            events(&input),
            [message(OPEN), message(HOVER), message(RESPONSE)]
        );
    }

    #[test]
    fn other_headers_and_case_are_accepted_and_dropped() {
        let input = format!(
            "content-length:{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Extra: 1\r\n\r\n{HOVER}",
            HOVER.len()
        );
        assert_eq!(events(input.as_bytes()), [message(HOVER)]);
    }

    #[test]
    fn blank_bytes_between_messages_are_skipped() {
        let mut input = b"\r\n \n".to_vec();
        input.extend(frame(HOVER));
        input.extend(b"\r\n\r\n\r\n");
        input.extend(frame(OPEN));
        input.extend(b"\n");
        assert_eq!(events(&input), [message(HOVER), message(OPEN)]);
    }

    /// The stream of good and bad frames used by the split tests, and what it yields.
    fn mixed() -> (Vec<u8>, usize) {
        let mut input = frame(OPEN);
        input.extend(b"Content-Length: 10\r\n\r\n{bad json}");
        input.extend(b"garbage");
        input.extend(frame(HOVER));
        input.extend(b"Content-Type: x\r\n\r\n{}");
        input.extend(frame(RESPONSE));
        (input, 6)
    }

    #[test]
    fn a_split_at_every_byte_boundary_changes_nothing() {
        let (input, count) = mixed();
        let whole = events(&input);
        assert_eq!(whole.len(), count, "{whole:?}");
        assert_eq!(whole[0], message(OPEN));
        assert_eq!(answer(&whole[1]).unwrap()["error"]["code"], -32700);
        assert!(problem(&whole[2]).contains("without Content-Length"));
        assert_eq!(whole[3], message(HOVER));
        assert!(problem(&whole[4]).contains("without Content-Length"));
        assert_eq!(whole[5], message(RESPONSE));
        for at in 0..=input.len() {
            let split = events_of(vec![input[..at].to_vec(), input[at..].to_vec()]);
            assert_eq!(split, whole, "split at {at}");
        }
        let bytes = events_of(input.iter().map(|&b| vec![b]).collect());
        assert_eq!(bytes, whole, "one byte per read");
    }

    #[test]
    fn a_body_that_is_not_json_gets_a_parse_error_with_a_null_id() {
        let mut input = b"Content-Length: 10\r\n\r\n{bad json}".to_vec();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert_eq!(got.len(), 2);
        let reply = answer(&got[0]).expect("an answer");
        assert_eq!(reply["jsonrpc"], "2.0");
        assert_eq!(reply["id"], Value::Null);
        assert_eq!(reply["error"]["code"], -32700);
        let msg = reply["error"]["message"].as_str().unwrap();
        assert!(
            msg.starts_with("Parse error: key must be a string"),
            "{msg}"
        );
        assert!(problem(&got[0]).contains("key must be a string"));
        assert_eq!(got[1], message(HOVER));
        // The answer is exactly the documented shape, keys in order.
        let Event::Bad {
            reply: Some(raw), ..
        } = &got[0]
        else {
            unreachable!()
        };
        let text = String::from_utf8(raw.clone()).unwrap();
        assert!(
            text.contains(
                r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: "#
            ),
            "{text}"
        );
    }

    #[test]
    fn bodies_that_are_not_json_in_every_way_get_parse_errors() {
        let deep = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":{}1{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"{".to_vec(),
            b"{}}".to_vec(),
            b"\xef\xbb\xbf{}".to_vec(),
            br#"{"jsonrpc":"2.0","method":"x","params":"\ud800"}"#.to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}".to_vec(),
            br#"{"jsonrpc":"2.0","method":"x","params":1e400}"#.to_vec(),
            deep.into_bytes(),
        ];
        for body in cases {
            let mut input = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
            input.extend(&body);
            let got = events(&input);
            assert_eq!(got.len(), 1, "{got:?}");
            let reply = answer(&got[0]).expect("an answer");
            assert_eq!(
                reply["error"]["code"],
                -32700,
                "{}",
                String::from_utf8_lossy(&body)
            );
            assert_eq!(reply["id"], Value::Null);
        }
    }

    #[test]
    fn json_that_is_not_a_message_gets_an_invalid_request_error() {
        for (body, id) in [
            ("{}", Value::Null),
            ("[]", Value::Null),
            ("42", Value::Null),
            (r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#, json!(3)),
            (r#"{"jsonrpc":"2.0","id":"a","method":5}"#, json!("a")),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, Value::Null),
            (r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#, Value::Null),
            (
                r#"{"jsonrpc":"2.0","id":1,"method":"x","method":"y"}"#,
                json!(1),
            ),
            (r#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#, Value::Null),
        ] {
            let got = events(&frame(body));
            assert_eq!(got.len(), 1);
            let reply = answer(&got[0]).expect("an answer");
            assert_eq!(reply["error"]["code"], -32600, "{body}");
            assert_eq!(reply["id"], id, "{body}");
        }
    }

    /// Everything passed on must decode in tower-lsp-server (as its `Request` or
    /// `Response`, the two halves of its private `Message`), or its read loop ends.
    #[test]
    fn what_is_passed_on_decodes_in_tower_lsp_server_and_the_usual_messages_pass() {
        use tower_lsp_server::jsonrpc::{Request, Response};
        let decodes = |b: &str| b.parse::<Request>().is_ok() || b.parse::<Response>().is_ok();
        let usual = [
            OPEN,
            HOVER,
            RESPONSE,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":"x-1","method":"shutdown","params":null}"#,
            r#"{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"no"}}"#,
            r#"{"id":9223372036854775807,"result":null,"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"2.0","id":-1,"method":"$/cancelRequest","params":{"id":1},"extra":[1,{"a":null}]}"#,
            r#"{"jsonrpc":"2.0","method":"x","params":{"s":"\ud83d\ude00 \"q\" \\"}}"#,
            r#"{"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"2.0","id":1}"#,
        ];
        for body in usual {
            assert!(decodes(body), "{body}");
            assert_eq!(events(&frame(body)), [message(body)], "{body}");
        }
        let odd = [
            r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","method":null}"#,
            r#"{"jsonrpc":2,"method":"x"}"#,
            r#"{"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":true,"result":1}"#,
            r#"{"jsonrpc":"2.0","params":1,"params":2,"method":"x"}"#,
            r#"["2.0","x"]"#,
            r#"{"jsonrpc":"2.0","id":1,"method":5,"result":1}"#,
            "null",
            "\"2.0\"",
        ];
        for body in usual.iter().chain(&odd) {
            if let [Event::Message(_)] = events(&frame(body))[..] {
                assert!(decodes(body), "passed on but not decodable: {body}");
            }
        }
    }

    #[test]
    fn a_missing_content_length_is_skipped_to_the_next_message() {
        let mut input = format!("Content-Type: application/json\r\n\r\n{OPEN}").into_bytes();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(problem(&got[0]).contains("without Content-Length"));
        assert_eq!(answer(&got[0]), None);
        assert_eq!(got[1], message(HOVER));
    }

    #[test]
    fn bad_length_values_are_skipped_to_the_next_message() {
        for bad in ["abc", "-5", "+5", "1 2", "", "99999999999999999999", "0x10"] {
            let mut input = format!("Content-Length: {bad}\r\n\r\n{OPEN}").into_bytes();
            input.extend(frame(HOVER));
            let got = events(&input);
            assert_eq!(got.len(), 2, "{bad:?}: {got:?}");
            assert!(is_bad(&got[0]));
            assert_eq!(got[1], message(HOVER), "{bad:?}");
        }
        let mut input =
            format!("Content-Length: 3\r\ncontent-length: 4\r\n\r\n{OPEN}").into_bytes();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert!(problem(&got[0]).contains("two different"));
        assert_eq!(got[1..], [message(HOVER)]);
    }

    #[test]
    fn a_broken_header_line_is_skipped_to_the_next_message() {
        for line in [
            "Content-Length 10",
            "Bad Name: 1",
            ": 1",
            "X: a\x01b",
            "\u{e9}: 1",
        ] {
            let mut input =
                format!("{line}\r\nContent-Length: {}\r\n\r\n{OPEN}", OPEN.len()).into_bytes();
            input.extend(frame(HOVER));
            let got = events(&input);
            assert!(
                problem(&got[0]).contains("not `Name: value`"),
                "{line}: {got:?}"
            );
            // The resync lands on the block's own Content-Length: that message is kept.
            assert_eq!(got[1..], [message(OPEN), message(HOVER)], "{line}");
        }
        // A broken line after the length drops that message (the block is not valid).
        let mut input =
            format!("Content-Length: {}\r\nnonsense\r\n\r\n{OPEN}", OPEN.len()).into_bytes();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert!(is_bad(&got[0]));
        assert_eq!(got[1..], [message(HOVER)]);
    }

    #[test]
    fn garbage_before_a_message_is_skipped() {
        let mut input = b"hello world {}\r\n\r\n\x00\xff garbage".to_vec();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert!(is_bad(&got[0]), "{got:?}");
        assert_eq!(got.last(), Some(&message(HOVER)));
        assert_eq!(got.iter().filter(|e| is_bad(e)).count(), got.len() - 1);
    }

    #[test]
    fn a_length_shorter_than_the_body_costs_that_message_only() {
        let mut input = format!("Content-Length: 20\r\n\r\n{OPEN}").into_bytes();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert_eq!(answer(&got[0]).unwrap()["error"]["code"], -32700);
        assert!(is_bad(&got[1]), "the rest of the body is garbage: {got:?}");
        assert_eq!(got[2..], [message(HOVER)]);
    }

    #[test]
    fn a_header_block_over_the_limit_is_an_error_and_the_next_message_is_served() {
        let mut input = vec![b'x'; HEADER_LIMIT + 100];
        input.extend(frame(HOVER));
        let got = events(&input);
        assert!(problem(&got[0]).contains("8192"), "{got:?}");
        assert_eq!(got[1..], [message(HOVER)]);
        // Also when the empty line does come, too late.
        let mut input = format!("X-Long: {}\r\n\r\n", "y".repeat(HEADER_LIMIT)).into_bytes();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert!(problem(&got[0]).contains("first 8192 bytes"), "{got:?}");
        assert_eq!(got[1..], [message(HOVER)]);
    }

    #[test]
    fn a_body_over_the_limit_is_skipped_without_being_kept() {
        let big = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":"{}"}}"#,
            "z".repeat(500)
        );
        let mut input = frame(&big);
        input.extend(frame(HOVER));
        let mut reader = FrameReader::with_limits(Chunks(vec![input].into()), 64, 200);
        let got = events_with(&mut reader);
        assert!(problem(&got[0]).contains("over the limit"), "{got:?}");
        assert_eq!(got[1..], [message(HOVER)]);
        // Split into small reads, the skipped body spans many of them.
        let mut input = frame(&big);
        input.extend(frame(HOVER));
        let chunks = input.chunks(7).map(<[u8]>::to_vec).collect::<Vec<_>>();
        let mut reader = FrameReader::with_limits(Chunks(chunks.into()), 64, 200);
        assert_eq!(events_with(&mut reader)[1..], [message(HOVER)]);
    }

    #[test]
    fn a_big_body_is_read_whole_across_reads() {
        let text = "word ".repeat(100_000);
        let big = json!({"jsonrpc": "2.0", "method": "x", "params": {"text": text}}).to_string();
        let mut input = frame(&big);
        input.extend(frame(HOVER));
        let chunks = input.chunks(10_000).map(<[u8]>::to_vec).collect::<Vec<_>>();
        assert_eq!(events_of(chunks), [message(&big), message(HOVER)]);
    }

    #[test]
    fn the_end_of_input_inside_a_message_ends_the_stream() {
        let mut input = frame(HOVER);
        input.extend(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        let got = events(&input);
        assert_eq!(got[0], message(HOVER));
        assert!(problem(&got[1]).contains("inside a body"), "{got:?}");
        assert_eq!(got.len(), 2);
        let got = events(b"Content-Length: 1");
        assert!(problem(&got[0]).contains("inside a header"), "{got:?}");
        assert!(events(b"").is_empty());
        assert!(events(b"\r\n").is_empty());
    }

    #[tokio::test]
    async fn frames_reads_as_one_stream_and_ends_with_the_sender() {
        use tokio::io::AsyncReadExt;
        let (tx, rx) = mpsc::channel(4);
        let mut frames = Frames::new(rx);
        let input = [frame(OPEN), frame(HOVER)].concat();
        let source = input.clone();
        let pump = std::thread::spawn(move || {
            let mut lane = crate::server::lane::PassAll;
            pump(
                Chunks(vec![source].into()),
                &tx,
                |_| Ok(()),
                &mut lane,
                || false,
            );
        });
        let mut got = Vec::new();
        frames.read_to_end(&mut got).await.unwrap();
        pump.join().unwrap();
        assert_eq!(got, input);
    }
}
