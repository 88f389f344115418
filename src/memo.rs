//! What the engine already worked out about a sentence, kept for the next check.
//!
//! Judging a sentence (which catalogue groups match it, what the model reads it as) depends
//! on its normalised text alone. Between two keystrokes nearly every sentence of a document
//! is unchanged, so each thread keeps the answers for the sentences it judged lately, and a
//! check judges again only the sentences that changed. The answers are the same whether
//! they come from here or are worked out again; `tests/memo.rs` holds the engine to that.
//! Bounded: past [`LIMIT`] sentences, everything kept is dropped and the memo starts over.

use std::collections::HashMap;

/// How many sentences a memo keeps: a running doc's current entry and the last few
/// documents checked, many times over, in a few hundred kilobytes per thread.
pub const LIMIT: usize = 1024;

/// Answers by normalised sentence.
pub struct Memo<V> {
    map: HashMap<Box<str>, V>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            map: HashMap::new(),
        }
    }
}

impl<V> Memo<V> {
    pub fn get(&self, sentence: &str) -> Option<&V> {
        self.map.get(sentence)
    }

    pub fn put(&mut self, sentence: &str, answer: V) {
        if self.map.len() >= LIMIT && !self.map.contains_key(sentence) {
            self.map.clear();
        }
        self.map.insert(sentence.into(), answer);
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_answers_and_starts_over_past_the_limit() {
        let mut m = Memo::default();
        m.put("a", 1);
        assert_eq!(m.get("a"), Some(&1));
        m.put("a", 2);
        assert_eq!(m.get("a"), Some(&2));
        for i in 0..LIMIT {
            m.put(&i.to_string(), i);
        }
        assert!(m.len() <= LIMIT);
        assert_eq!(m.get("a"), None, "the memo started over when it was full");
    }
}
