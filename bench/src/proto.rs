//! LSP base protocol framing: `Content-Length: N\r\n\r\n` followed by N bytes of JSON.

use std::io::{self, BufRead, Write};

/// Read one frame's body. `Ok(None)` at a clean end of stream.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut len: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return if len.is_none() {
                Ok(None)
            } else {
                Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "end of stream inside a header",
                ))
            };
        }
        let l = line.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            if let Some(n) = len {
                break read_body(r, n).map(Some);
            }
            continue; // stray blank line between frames
        }
        if let Some((name, value)) = l.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = Some(value.trim().parse().map_err(|_| {
                    io::Error::new(io::ErrorKind::InvalidData, format!("bad header {l:?}"))
                })?);
            }
        }
    }
}

fn read_body(r: &mut impl BufRead, n: usize) -> io::Result<Vec<u8>> {
    let mut body = vec![0u8; n];
    r.read_exact(&mut body)?;
    Ok(body)
}

/// Header and body in one buffer.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = Vec::with_capacity(body.len() + 32);
    frame.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    frame.extend_from_slice(body);
    frame
}

/// Write one frame (in one write), then flush.
pub fn write_frame(w: &mut impl Write, body: &[u8]) -> io::Result<()> {
    w.write_all(&frame(body))?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, br#"{"a":1}"#).unwrap();
        write_frame(&mut buf, "{\"é\":\"🚀\"}".as_bytes()).unwrap();
        let mut r = io::BufReader::new(&buf[..]);
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), br#"{"a":1}"#);
        assert_eq!(
            read_frame(&mut r).unwrap().unwrap(),
            "{\"é\":\"🚀\"}".as_bytes()
        );
        assert!(read_frame(&mut r).unwrap().is_none());
    }

    #[test]
    fn other_headers_and_case_are_accepted() {
        let raw = b"content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}";
        let mut r = io::BufReader::new(&raw[..]);
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"{}");
    }
}
