//! `lsp-bench --noop-server`: the cheapest possible LSP server over stdio, used as the floor.
//! It parses every message, answers every request with a null result (initialize with minimal
//! capabilities: incremental sync), and publishes an empty diagnostics list, with the document's
//! version, for every didOpen and didChange. It exits on `exit` or at the end of its input.

use crate::proto::{read_frame, write_frame};
use serde_json::{json, Value};
use std::io::{self, BufReader, Write};

pub fn serve() -> io::Result<()> {
    let mut input = BufReader::with_capacity(1 << 20, io::stdin().lock());
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    while let Some(body) = read_frame(&mut input)? {
        let Ok(msg) = serde_json::from_slice::<Value>(&body) else {
            continue;
        };
        if let Some(reply) = handle(&msg) {
            send(&mut out, &reply)?;
        }
        if msg.get("method").and_then(Value::as_str) == Some("exit") {
            break;
        }
    }
    out.flush()
}

/// The message to send back for `msg`, if any.
pub fn handle(msg: &Value) -> Option<Value> {
    let method = msg.get("method").and_then(Value::as_str);
    match (method, msg.get("id")) {
        (Some("initialize"), Some(id)) => Some(json!({
            "jsonrpc": "2.0", "id": id,
            "result": {
                "capabilities": { "textDocumentSync": { "openClose": true, "change": 2 } },
                "serverInfo": { "name": "lsp-bench-noop" }
            }
        })),
        // Every other request, shutdown included, gets a null result.
        (Some(_), Some(id)) => Some(json!({ "jsonrpc": "2.0", "id": id, "result": null })),
        (Some("textDocument/didOpen" | "textDocument/didChange"), None) => {
            let td = &msg["params"]["textDocument"];
            Some(json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": { "uri": td["uri"], "version": td["version"], "diagnostics": [] }
            }))
        }
        _ => None, // notifications we ignore, and responses to requests we never sent
    }
}

fn send(out: &mut impl Write, v: &Value) -> io::Result<()> {
    write_frame(out, &serde_json::to_vec(v).expect("JSON values serialise"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_requests_and_publishes_versions() {
        let init =
            handle(&json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})).unwrap();
        assert_eq!(
            init["result"]["capabilities"]["textDocumentSync"]["change"],
            2
        );
        let hover =
            handle(&json!({"jsonrpc":"2.0","id":"x","method":"textDocument/hover"})).unwrap();
        assert_eq!(hover["id"], "x");
        assert!(hover["result"].is_null());
        let change = json!({"jsonrpc":"2.0","method":"textDocument/didChange",
            "params":{"textDocument":{"uri":"file:///a.1on1.md","version":7},"contentChanges":[]}});
        let p = handle(&change).unwrap();
        assert_eq!(p["method"], "textDocument/publishDiagnostics");
        assert_eq!(p["params"]["version"], 7);
        assert_eq!(p["params"]["diagnostics"], json!([]));
        assert!(handle(&json!({"jsonrpc":"2.0","method":"initialized","params":{}})).is_none());
    }
}
