//! The language server (being written).

/// Serves LSP over stdio; returns the exit code.
pub fn serve_stdio() -> i32 {
    eprintln!("oneonone-ls: the server is not built yet");
    1
}
