//! The frame guard between stdin and tower-lsp-server, so that one bad message costs that
//! message and not the session.
//!
//! tower-lsp-server's decoder ends the session at the first message it cannot decode. A
//! thread of its own reads stdin here first, and passes on, re-framed as
//! `Content-Length: N\r\n\r\n` and the body, only the messages that decoder accepts.
//! Everything else is logged (`warn`) and, when the protocol allows, answered:
//!
//! - CR, LF, space and tab between messages are skipped.
//! - A header block is `Name: value` lines ending in CRLF, then an empty line, within
//!   8 KiB. Names match without regard to case; `Content-Length` (decimal digits) is
//!   required, other headers (`Content-Type`) are ignored. A broken block (a line that is
//!   not `Name: value`, no length, a length that is not a number, two different lengths,
//!   no empty line within 8 KiB) has no id to answer: the input is skipped to the next
//!   `Content-Length:` after the start of the block.
//! - A body over 256 MiB is read and dropped.
//! - A body that is not JSON (also: empty, not UTF-8): `-32700 Parse error`, id `null`.
//! - JSON that is not a JSON-RPC 2.0 message (not an object, `jsonrpc` not `"2.0"`,
//!   `method` not a string, `id` not an integer, a string or null, a key given twice):
//!   `-32600 Invalid Request`, with the message's id when it has a usable one, else `null`.
//! - A text notification (`didOpen`, `didChange`, `didSave`, `didClose`) whose params do
//!   not decode is dropped: a notification cannot be answered, and tower-lsp-server would
//!   drop it without a word, leaving the server's copy of the text behind unnoticed.
//! - A `Content-Length` shorter than the body: the cut body is answered as above, the rest
//!   is skipped as a broken header block. A longer one waits for the missing bytes.
//! - The end of input ends the session, also inside a message.
//!
//! A body passes when serde_json reads it as a JSON object (every string, number and
//! nesting level checked, as tower-lsp-server's untagged `Message` checks them) and as
//! tower-lsp-server's own [`Request`] (requests, notifications and responses all are one).
//!
//! The answers go through the same writer as tower-lsp-server's output, which writes whole
//! frames under stdout's lock, so they never land inside another frame.

use serde::de::DeserializeOwned;
use serde_json::Value;
use std::io::{self, Read, Write};
use tokio::io::AsyncWriteExt;
use tower_lsp_server::jsonrpc::Request;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams,
};

/// The longest header block, without its empty line.
pub const HEADER_LIMIT: usize = 8 * 1024;
/// The longest body that is read; longer ones are skipped.
pub const BODY_LIMIT: usize = 256 * 1024 * 1024;
const LENGTH: &[u8] = b"Content-Length:";
const READ_CHUNK: usize = 64 * 1024;

/// Starts the thread that reads stdin: good messages are written to `server` (the end of
/// a `tokio::io::duplex` that tower-lsp-server reads), answers to bad ones go to `reply`.
/// Must be called inside a tokio runtime.
pub fn guard_stdin(
    mut server: tokio::io::DuplexStream,
    reply: fn(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let runtime = tokio::runtime::Handle::current();
    std::thread::Builder::new()
        .name("oneonone-stdin".into())
        .spawn(move || {
            let pass = |body: &[u8]| {
                runtime.block_on(async {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    server.write_all(header.as_bytes()).await?;
                    server.write_all(body).await
                })
            };
            pump(io::stdin().lock(), pass, reply);
        })?;
    Ok(())
}

/// Reads `input` to its end, handing good bodies to `pass` and answers to `reply`.
/// Returns at the end of input or when `pass` fails (tower-lsp-server stopped reading).
pub fn pump(
    input: impl Read,
    mut pass: impl FnMut(&[u8]) -> io::Result<()>,
    mut reply: impl FnMut(&[u8]) -> io::Result<()>,
) {
    let mut reader = FrameReader::new(input);
    loop {
        match reader.next_event() {
            Ok(Some(Event::Message(body))) => {
                if pass(&body).is_err() {
                    return;
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
            Ok(None) => return,
            Err(e) => {
                tracing::warn!("cannot read stdin: {e}; ending the session");
                return;
            }
        }
    }
}

/// What the reader found next.
#[derive(Debug, PartialEq, Eq)]
pub enum Event {
    /// The body of a message tower-lsp-server can decode.
    Message(Vec<u8>),
    /// Something else: what was wrong, and the frame to answer with, if any.
    Bad {
        problem: String,
        reply: Option<Vec<u8>>,
    },
}

impl Event {
    fn bad(problem: String) -> Self {
        Event::Bad {
            problem,
            reply: None,
        }
    }
}

/// The LSP frame parser over a blocking byte source.
pub struct FrameReader<R> {
    input: R,
    /// Read but not consumed: `buf[pos..]`.
    buf: Vec<u8>,
    pos: usize,
    /// After a broken header block: skip to the next `Content-Length:` first.
    resync: bool,
    /// Bytes of an oversized body still to drop.
    discard: u64,
    body_limit: usize,
}

impl<R: Read> FrameReader<R> {
    pub fn new(input: R) -> Self {
        FrameReader {
            input,
            buf: Vec::new(),
            pos: 0,
            resync: false,
            discard: 0,
            body_limit: BODY_LIMIT,
        }
    }

    /// The next message or problem; `None` at the end of input.
    pub fn next_event(&mut self) -> io::Result<Option<Event>> {
        if self.discard > 0 {
            let buffered = self
                .pending()
                .len()
                .min(usize::try_from(self.discard).unwrap_or(usize::MAX));
            self.pos += buffered;
            let rest = self.discard - buffered as u64;
            self.discard = 0;
            if io::copy(&mut (&mut self.input).take(rest), &mut io::sink())? < rest {
                return Ok(None);
            }
        }
        if self.resync && !self.skip_to_length()? {
            return Ok(None);
        }
        loop {
            let blank = self
                .pending()
                .iter()
                .take_while(|b| b" \t\r\n".contains(b))
                .count();
            self.pos += blank;
            if !self.pending().is_empty() {
                break;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
        let header_end = loop {
            if let Some(i) = find(self.pending(), b"\r\n\r\n") {
                break Some(i);
            }
            if self.pending().len() > HEADER_LIMIT {
                break None;
            }
            if !self.fill()? {
                let n = self.pending().len();
                self.pos = self.buf.len();
                let problem = format!("the input ended inside a header block ({n} bytes)");
                return Ok(Some(Event::bad(problem)));
            }
        };
        let Some(end) = header_end.filter(|&end| end <= HEADER_LIMIT) else {
            let problem =
                format!("no empty line within the first {HEADER_LIMIT} bytes of a header block");
            return Ok(Some(self.broken(problem)));
        };
        match parse_header(&self.pending()[..end]) {
            Ok(length) => {
                self.pos += end + 4;
                self.body(length).map(Some)
            }
            Err(problem) => Ok(Some(self.broken(problem))),
        }
    }

    /// A broken header block at `pos`: skipped, from its second byte, to the next
    /// `Content-Length:` (on the next call, so the problem is reported at once).
    fn broken(&mut self, problem: String) -> Event {
        self.pos += 1;
        self.resync = true;
        Event::bad(format!(
            "{problem}; skipping to the next Content-Length header (no answer: no id)"
        ))
    }

    fn pending(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Reads more input after what is pending; false at the end of input.
    fn fill(&mut self) -> io::Result<bool> {
        self.buf.drain(..self.pos);
        self.pos = 0;
        // Give back the room a big body took.
        self.buf.shrink_to(self.buf.len() + READ_CHUNK);
        let old = self.buf.len();
        self.buf.resize(old + READ_CHUNK, 0);
        let read = loop {
            match self.input.read(&mut self.buf[old..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => break other,
            }
        };
        self.buf.truncate(old + *read.as_ref().unwrap_or(&0));
        Ok(read? > 0)
    }

    /// Skips to the next `Content-Length:`; false at the end of input.
    fn skip_to_length(&mut self) -> io::Result<bool> {
        loop {
            if let Some(i) = find(self.pending(), LENGTH) {
                self.pos += i;
                self.resync = false;
                return Ok(true);
            }
            // Keep what could be the start of `Content-Length:`.
            self.pos = self.buf.len() - self.pending().len().min(LENGTH.len() - 1);
            if !self.fill()? {
                return Ok(false);
            }
        }
    }

    fn body(&mut self, length: u64) -> io::Result<Event> {
        let len = match usize::try_from(length) {
            Ok(len) if len <= self.body_limit => len,
            _ => {
                self.discard = length;
                return Ok(Event::bad(format!(
                    "Content-Length {length} is over the limit of {} bytes; the body is skipped",
                    self.body_limit
                )));
            }
        };
        if self.pending().len() < len {
            let missing = len - self.pending().len();
            (&mut self.input)
                .take(missing as u64)
                .read_to_end(&mut self.buf)?;
            let got = self.pending().len();
            if got < len {
                self.pos = self.buf.len();
                let problem = format!("the input ended inside a body ({got} of {len} bytes)");
                return Ok(Event::bad(problem));
            }
        }
        let body = self.pending()[..len].to_vec();
        self.pos += len;
        Ok(match check_body(&body) {
            Ok(()) => Event::Message(body),
            Err(rejection) => rejection,
        })
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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

/// `Name: value` with an HTTP token as the name; the value without surrounding blanks.
fn split_header_line(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    let control = |b: &u8| *b != b'\t' && (*b < 0x20 || *b == 0x7f);
    (!name.is_empty() && name.iter().all(token) && !value.iter().any(control))
        .then(|| (name, value.trim_ascii()))
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

/// Accepts a body that tower-lsp-server decodes; otherwise the event that says why (see
/// the module documentation).
fn check_body(body: &[u8]) -> Result<(), Event> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            let why = if body.is_empty() {
                "an empty body".to_string()
            } else if let Err(e) = std::str::from_utf8(body) {
                format!("the body is not UTF-8 ({e})")
            } else {
                e.to_string()
            };
            return Err(rejected(
                -32700,
                &format!("Parse error: {why}"),
                Value::Null,
            ));
        }
    };
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_i64())
        .cloned()
        .unwrap_or(Value::Null);
    let invalid = |why: &str| rejected(-32600, &format!("Invalid request: {why}"), id.clone());
    if value.is_array() {
        return Err(invalid("a batch (JSON array) is not supported"));
    }
    if !value.is_object() {
        return Err(invalid("the message is not a JSON object"));
    }
    if value.get("jsonrpc") != Some(&Value::from("2.0")) {
        return Err(invalid("\"jsonrpc\" must be \"2.0\""));
    }
    if value.get("method").is_some_and(|m| !m.is_string()) {
        return Err(invalid("\"method\" must be a string"));
    }
    if value
        .get("id")
        .is_some_and(|i| !(i.is_null() || i.is_string() || i.is_i64()))
    {
        return Err(invalid("\"id\" must be an integer, a string or null"));
    }
    // What is left is what tower-lsp-server's own type refuses (a key given twice).
    let request: Request = serde_json::from_slice(body).map_err(|e| invalid(&e.to_string()))?;
    match text_params_problem(&request) {
        Some(problem) => Err(Event::bad(format!(
            "{} with invalid params ({problem}); dropped",
            request.method()
        ))),
        None => Ok(()),
    }
}

/// Why a text notification's params do not decode, if they do not.
fn text_params_problem(request: &Request) -> Option<String> {
    fn decodes<P: DeserializeOwned>(params: Option<&Value>) -> Option<String> {
        let params = params.unwrap_or(&Value::Null);
        P::deserialize(params).err().map(|e| e.to_string())
    }
    if request.id().is_some() {
        return None;
    }
    let params = request.params();
    match request.method() {
        "textDocument/didOpen" => decodes::<DidOpenTextDocumentParams>(params),
        "textDocument/didChange" => decodes::<DidChangeTextDocumentParams>(params),
        "textDocument/didSave" => decodes::<DidSaveTextDocumentParams>(params),
        "textDocument/didClose" => decodes::<DidCloseTextDocumentParams>(params),
        _ => None,
    }
}

/// A bad message answered with a JSON-RPC error response.
fn rejected(code: i64, message: &str, id: Value) -> Event {
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        jsonrpc: &'static str,
        id: &'a Value,
        error: Error<'a>,
    }
    #[derive(serde::Serialize)]
    struct Error<'a> {
        code: i64,
        message: &'a str,
    }
    let answer = Answer {
        jsonrpc: "2.0",
        id: &id,
        error: Error { code, message },
    };
    let body = serde_json::to_string(&answer).unwrap_or_default();
    let mut reply = Vec::with_capacity(body.len() + 32);
    let _ = write!(reply, "Content-Length: {}\r\n\r\n{body}", body.len());
    Event::Bad {
        problem: format!("{message}; answered with error {code} (id {id})"),
        reply: Some(reply),
    }
}

#[cfg(test)]
mod tests;
