//! The frame guard on byte streams: good frames, every kind of bad one, and splits.

use super::*;
use serde_json::json;

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

/// Events from the chunks (empty ones dropped: a read of 0 bytes is the end).
fn events_of(chunks: Vec<Vec<u8>>) -> Vec<Event> {
    let chunks = chunks.into_iter().filter(|c| !c.is_empty()).collect();
    let mut reader = FrameReader::new(Chunks(chunks));
    let mut out = Vec::new();
    while let Some(e) = reader.next_event().unwrap() {
        out.push(e);
    }
    out
}

fn events(input: &[u8]) -> Vec<Event> {
    events_of(vec![input.to_vec()])
}

fn message(body: &str) -> Event {
    Event::Message(body.as_bytes().to_vec())
}

/// The answer in a `Bad` event, parsed (its frame checked).
fn answer(e: &Event) -> Option<Value> {
    let Event::Bad { reply, .. } = e else {
        panic!("expected a bad message, got {e:?}")
    };
    let text = std::str::from_utf8(reply.as_ref()?).unwrap();
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

#[test]
fn good_frames_are_passed_on_byte_for_byte() {
    let input = [frame(OPEN), frame(HOVER), frame(RESPONSE)].concat();
    assert_eq!(
        events(&input),
        [message(OPEN), message(HOVER), message(RESPONSE)]
    );
}

#[test]
fn other_headers_and_case_are_accepted_and_blank_bytes_between_messages_skipped() {
    let mut input = format!(
        "\r\n \ncontent-length:{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\nX-Extra: 1\r\n\r\n{HOVER}",
        HOVER.len()
    )
    .into_bytes();
    input.extend(b"\r\n\r\n\t");
    input.extend(frame(OPEN));
    input.extend(b"\n");
    assert_eq!(events(&input), [message(HOVER), message(OPEN)]);
}

#[test]
fn a_split_at_every_byte_boundary_changes_nothing() {
    let mut input = frame(OPEN);
    input.extend(b"Content-Length: 10\r\n\r\n{bad json}");
    input.extend(b"garbage");
    input.extend(frame(HOVER));
    input.extend(b"Content-Type: x\r\n\r\n{}");
    input.extend(frame(RESPONSE));
    let whole = events(&input);
    assert_eq!(whole.len(), 6, "{whole:?}");
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
    let Event::Bad {
        reply: Some(raw), ..
    } = &got[0]
    else {
        panic!("{got:?}")
    };
    // The documented shape, keys in order.
    let text = String::from_utf8(raw.clone()).unwrap();
    assert!(
        text.contains(r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: key must be a string"#),
        "{text}"
    );
    assert!(problem(&got[0]).contains("key must be a string"));
    assert_eq!(got[1], message(HOVER));
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
        br#"{"jsonrpc":"2.0","method":"x","other":"\ud800"}"#.to_vec(),
        b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}".to_vec(),
        br#"{"jsonrpc":"2.0","method":"x","other":1e400}"#.to_vec(),
        deep.into_bytes(),
    ];
    for body in cases {
        let mut input = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        input.extend(&body);
        let got = events(&input);
        assert_eq!(got.len(), 1, "{got:?}");
        let reply = answer(&got[0]).expect("an answer");
        let shown = String::from_utf8_lossy(&body);
        assert_eq!(reply["error"]["code"], -32700, "{shown}");
        assert_eq!(reply["id"], Value::Null, "{shown}");
    }
}

#[test]
fn json_that_is_not_a_message_gets_an_invalid_request_error() {
    for (body, id, why) in [
        ("{}", Value::Null, "\"jsonrpc\" must be \"2.0\""),
        ("[]", Value::Null, "batch"),
        ("42", Value::Null, "not a JSON object"),
        (
            r#"{"jsonrpc":"1.0","id":3,"method":"x"}"#,
            json!(3),
            "jsonrpc",
        ),
        (
            r#"{"jsonrpc":"2.0","id":"a","method":5}"#,
            json!("a"),
            "\"method\" must",
        ),
        (
            r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            Value::Null,
            "\"id\" must",
        ),
        (
            r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
            Value::Null,
            "\"id\" must",
        ),
        (
            r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"x"}"#,
            Value::Null,
            "\"id\" must",
        ),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"x","method":"y"}"#,
            json!(1),
            "duplicate",
        ),
        (
            r#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#,
            Value::Null,
            "batch",
        ),
    ] {
        let got = events(&frame(body));
        assert_eq!(got.len(), 1);
        let reply = answer(&got[0]).expect("an answer");
        assert_eq!(reply["error"]["code"], -32600, "{body}");
        assert_eq!(reply["id"], id, "{body}");
        assert!(problem(&got[0]).contains(why), "{body}: {got:?}");
    }
}

/// Everything passed on must decode in tower-lsp-server (its private `Message` is a
/// `Response` or a `Request`), or its read loop ends.
#[test]
fn what_is_passed_on_decodes_in_tower_lsp_server_and_the_usual_messages_pass() {
    use tower_lsp_server::jsonrpc::Response;
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
    ];
    for body in usual {
        assert!(decodes(body), "{body}");
        assert_eq!(events(&frame(body)), [message(body)], "{body}");
    }
    let odd = [
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
fn a_text_notification_with_params_that_do_not_decode_is_dropped_with_a_reason() {
    let bad = r#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a.1on1.md","version":"two"},"contentChanges":[]}}"#;
    let got = events(&[frame(bad), frame(OPEN)].concat());
    assert_eq!(answer(&got[0]), None);
    assert!(problem(&got[0]).starts_with("textDocument/didChange with invalid params"));
    assert_eq!(got[1..], [message(OPEN)]);
    // Requests with bad params are tower-lsp-server's to answer.
    let request = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":5}"#;
    assert_eq!(events(&frame(request)), [message(request)]);
}

#[test]
fn a_missing_or_bad_content_length_is_skipped_to_the_next_message() {
    let mut input = format!("Content-Type: application/json\r\n\r\n{OPEN}").into_bytes();
    input.extend(frame(HOVER));
    let got = events(&input);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(problem(&got[0]).contains("without Content-Length"));
    assert_eq!(answer(&got[0]), None);
    assert_eq!(got[1], message(HOVER));
    for bad in ["abc", "-5", "+5", "1 2", "", "99999999999999999999", "0x10"] {
        let mut input = format!("Content-Length: {bad}\r\n\r\n{OPEN}").into_bytes();
        input.extend(frame(HOVER));
        let got = events(&input);
        assert_eq!(got.len(), 2, "{bad:?}: {got:?}");
        assert!(problem(&got[0]).contains("is not a number"), "{bad:?}");
        assert_eq!(got[1], message(HOVER), "{bad:?}");
    }
    let mut input = format!("Content-Length: 3\r\ncontent-length: 4\r\n\r\n{OPEN}").into_bytes();
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
        // The skip lands on the block's own Content-Length: that message is kept.
        assert_eq!(got[1..], [message(OPEN), message(HOVER)], "{line}");
    }
    // A broken line after the length drops that message (the block is not valid).
    let mut input =
        format!("Content-Length: {}\r\nnonsense\r\n\r\n{OPEN}", OPEN.len()).into_bytes();
    input.extend(frame(HOVER));
    let got = events(&input);
    assert!(problem(&got[0]).contains("not `Name: value`"));
    assert_eq!(got[1..], [message(HOVER)]);
}

#[test]
fn garbage_and_the_rest_of_a_cut_body_are_skipped() {
    let mut input = b"hello world {}\r\n\r\n\x00\xff garbage".to_vec();
    input.extend(frame(HOVER));
    let got = events(&input);
    assert_eq!(got.last(), Some(&message(HOVER)));
    assert!(got[..got.len() - 1].iter().all(|e| answer(e).is_none()));
    // A length shorter than the body: the cut body is answered, the rest skipped.
    let mut input = format!("Content-Length: 20\r\n\r\n{OPEN}").into_bytes();
    input.extend(frame(HOVER));
    let got = events(&input);
    assert_eq!(answer(&got[0]).unwrap()["error"]["code"], -32700);
    assert!(problem(&got[1]).contains("skipping to the next Content-Length"));
    assert_eq!(got[2..], [message(HOVER)]);
}

#[test]
fn a_header_block_over_the_limit_is_skipped_and_the_next_message_served() {
    let mut input = vec![b'x'; HEADER_LIMIT + 100];
    input.extend(frame(HOVER));
    let got = events(&input);
    assert!(problem(&got[0]).contains("first 8192 bytes"), "{got:?}");
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
        "z".repeat(500_000)
    );
    let input = [frame(&big), frame(HOVER)].concat();
    for chunk in [7, 1 << 16, input.len()] {
        let chunks = input.chunks(chunk).map(<[u8]>::to_vec).collect();
        let mut reader = FrameReader::new(Chunks(chunks));
        reader.body_limit = 1000;
        let first = reader.next_event().unwrap().unwrap();
        assert!(problem(&first).contains("over the limit"), "{first:?}");
        assert_eq!(reader.next_event().unwrap(), Some(message(HOVER)));
        assert_eq!(reader.next_event().unwrap(), None);
        assert!(reader.buf.capacity() < 300_000, "the body was kept");
    }
}

#[test]
fn a_big_body_is_read_whole_across_reads() {
    let text = "word ".repeat(100_000);
    let big = json!({"jsonrpc": "2.0", "method": "x", "params": {"text": text}}).to_string();
    let input = [frame(&big), frame(HOVER)].concat();
    let chunks = input.chunks(10_000).map(<[u8]>::to_vec).collect();
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

#[test]
fn pump_passes_bodies_and_answers_bad_ones() {
    let input = [
        frame(OPEN),
        b"Content-Length: 1\r\n\r\n{".to_vec(),
        frame(HOVER),
    ]
    .concat();
    let (mut passed, mut answers) = (Vec::new(), Vec::new());
    pump(
        input.as_slice(),
        |body| {
            passed.push(body.to_vec());
            Ok(())
        },
        |frame| {
            answers.push(frame.to_vec());
            Ok(())
        },
    );
    assert_eq!(passed, [OPEN.as_bytes(), HOVER.as_bytes()]);
    assert_eq!(answers.len(), 1);
}
