//! The language server (placeholder until the protocol layer lands).
