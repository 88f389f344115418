//! The command line (placeholder until it lands).
