//! The model's weights as one table of bytes, read in place.
//!
//! The table is a hash table with open addressing and linear probing, three quarters full,
//! stored as little-endian bytes: slots of [`SLOT`] bytes each, a feature's hash (`u64`; 0
//! marks an empty slot, and a hash of 0 is stored as 1) followed by its thirteen weights
//! (`i16`, one per label, as the weights file writes them). Hashes are well mixed
//! ([`hash`]), so a hash scaled to the number of slots picks its first slot.
//!
//! `build.rs` encodes `data/model/weights.tsv` at compile time and the binary holds the
//! table as it is: the shipped model parses and copies nothing at start-up, and an idle
//! server keeps none of it in memory. [`super::Model::parse`] encodes any other weights
//! file (the training tool's) into the same bytes, so there is one way to read weights.
//!
//! This file is shared with `build.rs` (through `#[path]`), so it uses nothing but `std`.

/// Labels, and so weights per feature.
pub const LABELS: usize = 13;

/// Bytes per slot: the hash, then the weights.
pub const SLOT: usize = 8 + 2 * LABELS;

/// The name of the bias row in a weights file (read with the header, not in the table).
pub const BIAS: &str = "*bias*";

/// Encodes a weights file's feature rows (`name<TAB>13 integers`; comment lines starting
/// with `#`, blank lines and the bias row are skipped). The error names the line.
pub fn encode(text: &str) -> Result<Vec<u8>, String> {
    let rows = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .count();
    let slots = rows * 4 / 3 + 1;
    let mut table = vec![0u8; slots * SLOT];
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |what: &str| format!("weights line {}: {what}", n + 1);
        let (name, values) = line.split_once('\t').ok_or_else(|| err("no tab"))?;
        let row = weights_row(values).ok_or_else(|| err("not 13 integer weights"))?;
        if name == BIAS {
            continue;
        }
        let key = hash(name).max(1);
        let Found::Empty(slot) = find(&table, key) else {
            return Err(err("feature listed twice (or a hash collision)"));
        };
        let at = slot * SLOT;
        table[at..at + 8].copy_from_slice(&key.to_le_bytes());
        for (i, w) in row.iter().enumerate() {
            table[at + 8 + 2 * i..at + 10 + 2 * i].copy_from_slice(&w.to_le_bytes());
        }
    }
    Ok(table)
}

/// The thirteen weights stored for a feature's hash, if it has any.
pub fn row(table: &[u8], key: u64) -> Option<[i16; LABELS]> {
    let Found::Row(at) = find(table, key) else {
        return None;
    };
    let bytes = table.get(at * SLOT + 8..(at + 1) * SLOT)?;
    let mut row = [0i16; LABELS];
    for (w, b) in row.iter_mut().zip(bytes.chunks_exact(2)) {
        *w = i16::from_le_bytes([b[0], b[1]]);
    }
    Some(row)
}

/// How many features a table holds (reads every slot: for the tooling).
pub fn len(table: &[u8]) -> usize {
    (0..table.len() / SLOT)
        .filter(|&s| key_at(table, s) != 0)
        .count()
}

enum Found {
    /// The slot holding the key.
    Row(usize),
    /// The empty slot where the key would go.
    Empty(usize),
}

fn find(table: &[u8], key: u64) -> Found {
    let slots = table.len() / SLOT;
    if slots == 0 {
        return Found::Empty(0);
    }
    let key = key.max(1);
    let mut slot = ((u128::from(key) * slots as u128) >> 64) as usize;
    // The table is never full, so the probe ends at an empty slot.
    loop {
        match key_at(table, slot) {
            0 => return Found::Empty(slot),
            k if k == key => return Found::Row(slot),
            _ => slot = (slot + 1) % slots,
        }
    }
}

fn key_at(table: &[u8], slot: usize) -> u64 {
    let mut key = [0u8; 8];
    key.copy_from_slice(&table[slot * SLOT..slot * SLOT + 8]);
    u64::from_le_bytes(key)
}

/// Thirteen integers that fit an `i16`, separated by single spaces.
pub fn weights_row(text: &str) -> Option<[i16; LABELS]> {
    let mut row = [0i16; LABELS];
    let mut bytes = text.bytes().peekable();
    for (i, slot) in row.iter_mut().enumerate() {
        if i > 0 && bytes.next() != Some(b' ') {
            return None;
        }
        let negative = bytes.next_if_eq(&b'-').is_some();
        let mut value: i32 = 0;
        let mut digits = 0;
        while let Some(b) = bytes.next_if(u8::is_ascii_digit) {
            value = value * 10 + i32::from(b - b'0');
            digits += 1;
            if digits > 5 {
                return None;
            }
        }
        if digits == 0 {
            return None;
        }
        *slot = i16::try_from(if negative { -value } else { value }).ok()?;
    }
    bytes.next().is_none().then_some(row)
}

/// The hash of a feature's text: its kind (before the first `:`) and, for word features,
/// each token (the rest, split at spaces) hashed with FNV-1a and folded together; for the
/// other kinds, the rest as one part.
pub fn hash(feature: &str) -> u64 {
    let (kind, rest) = feature.split_once(':').unwrap_or(("", feature));
    let mut h = fnv(FNV_OFFSET, kind);
    if matches!(kind, "w" | "b" | "t") {
        for token in rest.split(' ') {
            h = step(h, fnv(FNV_OFFSET, token));
        }
    } else {
        h = step(h, fnv(FNV_OFFSET, rest));
    }
    finish(h)
}

pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

pub fn fnv(mut h: u64, text: &str) -> u64 {
    for &b in text.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Folds one part's hash into a feature's.
pub fn step(h: u64, part: u64) -> u64 {
    (h.rotate_left(5) ^ part).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// Mixes every bit into every other (MurmurHash3's finaliser), so that the hash table's
/// low and high bits are both good.
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}
