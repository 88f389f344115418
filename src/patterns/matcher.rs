//! A group compiled: one automaton that answers whether any of its patterns matches, or,
//! for a word group, a sorted word list.
//!
//! A pattern group is one forward lazy DFA (regex-automata's hybrid DFA), asked only
//! whether the group matches. Measured against `regex::Regex` on the same patterns
//! (`examples/catalogue-timing.rs`, release): the first `catalogue()` call takes about
//! 22 ms of CPU instead of 31–37, because a `Regex` also builds a reverse NFA, literal
//! prefilters and a one-pass DFA the catalogue never uses; checks cost the same. And a
//! `Regex` keeps its caches in a pool whose fast path belongs to the first thread that used
//! it, which in the server is the warm-up thread, not the analyser; here each thread keeps
//! its own caches.

use regex::{Regex, RegexBuilder};
use regex_automata::nfa::thompson::{self, pikevm};
use regex_automata::{hybrid, Anchored, Input};
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) enum Matcher {
    /// A group's patterns as one automaton (see `Data::group_source`).
    Pattern(Box<LazyDfa>),
    /// Whole words, sorted.
    Words(Vec<Box<str>>),
    /// A group that could not be read: it matches nothing.
    Never,
}

impl Matcher {
    /// Compiles a pattern; the error is regex-automata's message. `anchored`: the pattern
    /// can only match at the start of the text, so a search stops as soon as it fails.
    pub(crate) fn pattern(source: &str, anchored: bool) -> Result<Matcher, String> {
        LazyDfa::new(source, anchored).map(|dfa| Matcher::Pattern(Box::new(dfa)))
    }

    pub(crate) fn words<'a>(words: impl IntoIterator<Item = &'a str>) -> Matcher {
        let mut words: Vec<Box<str>> = words.into_iter().map(Box::from).collect();
        words.sort();
        words.dedup();
        Matcher::Words(words)
    }

    /// Whether a normalised text matches: one of the patterns, or one of the words as a
    /// whole word.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        match self {
            Matcher::Pattern(dfa) => dfa.is_match(s),
            Matcher::Words(_) => s
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| self.has_word(w)),
            Matcher::Never => false,
        }
    }

    /// Whether `word` is one of a word group's words.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        match self {
            Matcher::Words(words) => words.binary_search_by(|w| (**w).cmp(word)).is_ok(),
            _ => false,
        }
    }

    pub(crate) fn word_list(&self) -> &[Box<str>] {
        match self {
            Matcher::Words(words) => words,
            _ => &[],
        }
    }
}

/// A forward lazy DFA without capture machinery, and, for the (configured-away) case the
/// lazy DFA gives up, the same NFA simulated.
pub(crate) struct LazyDfa {
    /// Which of a thread's caches is this automaton's.
    id: usize,
    dfa: hybrid::dfa::DFA,
    pike: pikevm::PikeVM,
    anchored: bool,
}

/// Each automaton ever built gets the next id; a catalogue builds a score of them.
static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Each thread's lazy DFA caches, by automaton id, made on first use.
    static CACHES: RefCell<Vec<Option<hybrid::dfa::Cache>>> = const { RefCell::new(Vec::new()) };
}

impl LazyDfa {
    fn new(source: &str, anchored: bool) -> Result<LazyDfa, String> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build(source)
            .map_err(|e| e.to_string())?;
        // Never give up: a cache that fills is cleared and reused, which stays linear in
        // the text.
        let config = hybrid::dfa::Config::new().minimum_cache_clear_count(None);
        let dfa = hybrid::dfa::Builder::new()
            .configure(config)
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let pike = pikevm::PikeVM::new_from_nfa(nfa).map_err(|e| e.to_string())?;
        Ok(LazyDfa {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            dfa,
            pike,
            anchored,
        })
    }

    fn is_match(&self, s: &str) -> bool {
        let anchored = if self.anchored {
            Anchored::Yes
        } else {
            Anchored::No
        };
        let input = Input::new(s).anchored(anchored).earliest(true);
        let found = CACHES.with(|caches| {
            let mut caches = caches.borrow_mut();
            if caches.len() <= self.id {
                caches.resize_with(self.id + 1, || None);
            }
            let cache = caches[self.id].get_or_insert_with(|| self.dfa.create_cache());
            self.dfa.try_search_fwd(cache, &input)
        });
        match found {
            Ok(m) => m.is_some(),
            Err(_) => {
                let mut cache = self.pike.create_cache();
                self.pike.is_match(&mut cache, input)
            }
        }
    }
}

/// Compiles a pattern with the `regex` crate, for what needs positions (the heading
/// vocabulary) or is compiled once per entry (checking examples, `explain`).
pub(crate) fn compile(source: &str) -> Result<Regex, String> {
    RegexBuilder::new(source)
        .size_limit(64 << 20)
        .build()
        .map_err(|e| e.to_string())
}
