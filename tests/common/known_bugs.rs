//! Engine bugs found by the property and fuzz tests, reported but not fixed yet, in one
//! place. Each exception names its bug; when a bug is fixed, delete its function here
//! and the compiler points at every test that can then assert it again.
//! `ONEONONE_FUZZ_RAW=1` turns every exception off, to check whether a bug is still there.
//!
//! - K1 (fixed) `split_sentences` sliced inside a multi-byte whitespace character.
//! - K2 (fixed) In a file with lone-CR line breaks, list items spanned to the end of the
//!   document, so the status-dump move had overlapping edits.
//! - K3 (fixed) The analysis budget cut looked only for an LF: with no LF inside the
//!   budget it fell inside a line (between a CR and its LF, or mid-item, and the move
//!   then split that line).
//! - K4 (fixed) Offsets inside an inline code span were mapped as if its text began at
//!   the opening backticks, so a range could end inside a character: `check` panicked on
//!   "Ask about `東京`".
//! - K5 (fixed) When a section started inside a list item (`- ## Later`, or a label
//!   continuing an item), the status-dump move could insert the items inside one of the
//!   items it deletes. A heading inside an item is now the item's prose, a label counts
//!   only on an item's first line, a pre-read label inside an item is never the move's
//!   target, and the move never inserts inside what it deletes.
//! - K6 (fixed) A label line that continues a list item (no blank line between) was moved
//!   twice: it is now the item's prose, as Markdown shows it. The generators in
//!   tests/common/arb.rs put such lines straight after items again.
//! - K7 (fixed) With a section inside the pre-read's range (`### What I'm seeing` or a
//!   label under `## Pre-read`), the move inserted the items where they already were.
//!   It now inserts at the end of the pre-read's own text, before any such section.
//! - K8 (fixed) A panic in the agenda builder ("begin > end … when slicing") on a bold
//!   label that runs onto the next line, where another label starts.
//! - K9 (fixed) competing-priorities cut words at 6 bytes: a panic on "Dvořák".
//! - K10 (fixed) `analysis-limited` was cut by the `max-diagnostics` cap when the
//!   analysed part had that many findings; the cap now keeps it (unit test in `src/lib.rs`).
//! - K11 (fixed, speed) vague-opening was quadratic in the number of parts (100,000
//!   parts: 6 s in release).
//! - K12 (fixed, speed) The agenda builder was quadratic in list nesting depth (100,000
//!   items nested on one line: 6 s in release); tests/huge.rs bounds it.

pub fn raw() -> bool {
    std::env::var_os("ONEONONE_FUZZ_RAW").is_some()
}
