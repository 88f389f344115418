//! Encodes the shipped model's weights (`data/model/weights.tsv`) into the table the
//! engine reads in place (see `src/model/table.rs`), so that nothing is parsed at start-up.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/model/table.rs"]
mod table;

const WEIGHTS: &str = "data/model/weights.tsv";

fn main() {
    println!("cargo:rerun-if-changed={WEIGHTS}");
    println!("cargo:rerun-if-changed=src/model/table.rs");
    let text =
        std::fs::read_to_string(WEIGHTS).unwrap_or_else(|e| panic!("cannot read {WEIGHTS}: {e}"));
    // A broken weights file stops the build with the line at fault, rather than
    // shipping a model that reads nothing.
    let table = table::encode(&text).unwrap_or_else(|e| panic!("{WEIGHTS}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("weights.table"), table)
        .unwrap_or_else(|e| panic!("cannot write the weights table: {e}"));
}
