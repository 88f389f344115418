//! Generators for property tests: realistic agendas built from the pieces people write
//! (headings, parts, labels, lists, status items, hand-offs, code, quotes, emoji, CRLF),
//! Markdown-ish noise, and raw text with awkward characters.

use proptest::prelude::*;
use proptest::sample::select;

pub const TITLES: &[&str] = &[
    "# 1:1 with Dana",
    "# 1:1 with Zoë 🎯",
    "# 東京チーム 1:1",
    "# Weekly sync",
    "1:1 with Sam\n===",
];

pub const HEADINGS: &[&str] = &[
    "## The outcome",
    "## Outcome",
    "### What I'm seeing",
    "## The insight",
    "## Risks 🚨",
    "## The leadership move",
    "## Asks",
    "## Decision needed",
    "## Updates",
    "## Status",
    "## This week",
    "## Pre-read (emailed Monday)",
    "## FYI",
    "## Context",
    "## 1. Outcome",
    "#### Details",
    "Notes\n-----",
    "# Second title",
    "######  Tiny ",
];

pub const SENTENCES: &[&str] = &[
    "The most important outcome I'm focused on right now is lifting self-serve upgrades 15% by the end of Q2.",
    "What I'm seeing is that most trial users stall at the seat-count step.",
    "My recommendation is to ship a \"start with 5 seats\" default for a four-week test.",
    "What I need from you is a word with Finance.",
    "The decision I'm making is to pause the beta.",
    "The tradeoff I'm weighing is speed against polish.",
    "We're still working on the pricing page refresh.",
    "Busy week!",
    "Just a quick update on the migration.",
    "Let me know what you think.",
    "Thoughts?",
    "Happy to discuss.",
    "Your call.",
    "Maybe we could possibly look at the budget, if that's ok?",
    "I was wondering if we might maybe get one more engineer.",
    "The top priority is hiring. The most important thing is the launch.",
    "My recommendation is",
    "What I'm seeing is 東京 churn rising 📈 among 👩‍💻 teams.",
    "Café, naïve, e\u{301}, 한국어, العربية — all fine.",
    "A line with a tab\tand trailing spaces   ",
    "e.g. the U.S. team vs. the EU team, approx. 3 p.m. Monday.",
    "😀😀😀",
];

pub const STATUS_ITEMS: &[&str] = &[
    "Shipped the new welcome email",
    "Finished the Salesforce field cleanup",
    "Completed interviews for the CS lead role",
    "Migration to the new help centre is 80% done",
    "QA sign-off in progress for the checklist tool",
    "✅ Hired a PM",
    "Merged the billing fix 🚀",
    "Closed 12 tickets",
    "Budget for two contractors",
    "An intro to their CFO",
    "東京 office move done",
];

pub const MARKERS: &[&str] = &[
    "- ", "* ", "+ ", "1. ", "2) ", "- [x] ", "- [ ] ", " - ", "-   ",
];

pub const OTHER_BLOCKS: &[&str] = &[
    "```\n- Shipped inside a code block\n- Done\n- Finished\n```",
    "~~~text\nLet me know what you think.\n~~~",
    "    - Shipped, but indented code\n    - Done",
    "> - Shipped A\n> - Shipped B\n> Let me know what you think.",
    "> quoted\n>> deeper quote with 😀",
    "| a | b |\n|---|---|\n| Shipped | done |",
    "<!-- oneonone-disable status-dump -->",
    "<!-- a comment -->",
    "<div>\nraw html Thoughts?\n</div>",
    "---",
    "***",
    "[link](http://example.com) and ![image](x.png)",
    "**Outcome:** The most important outcome I'm focused on right now is retention.",
    "**Ask:** Could you approve the budget?",
    "**Pre-read:** see the doc.",
    "Insight: churn is concentrated in one segment.",
    "Term\n: definition",
    "a\\\nhard break",
    "`code span` with Thoughts?",
];

pub const FRONT_MATTER: &str = "---\nwith: Dana Whitfield\ndate: 2026-12-02\n---";

/// A list block: items from the status pool and others, with a marker, sometimes a
/// nested item or a continuation line.
pub fn list_block() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            select(MARKERS),
            select(STATUS_ITEMS),
            0u8..8,
            select(SENTENCES),
        ),
        1..9,
    )
    .prop_map(|items| {
        let mut out = String::new();
        for (marker, item, extra, sentence) in items {
            out.push_str(marker);
            out.push_str(item);
            out.push('\n');
            match extra {
                0 => {
                    out.push_str("  - nested detail\n");
                }
                1 => {
                    out.push_str("  continued on the next line\n");
                }
                2 => {
                    out.push_str(marker);
                    out.push_str(sentence);
                    out.push('\n');
                }
                _ => {}
            }
        }
        out.pop();
        out
    })
}

/// One block of an agenda.
pub fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(TITLES).prop_map(str::to_string),
        4 => select(HEADINGS).prop_map(str::to_string),
        6 => prop::collection::vec(select(SENTENCES), 1..4).prop_map(|s| s.join(" ")),
        1 => prop::collection::vec(select(SENTENCES), 2..4).prop_map(|s| s.join("\n")),
        5 => list_block(),
        3 => select(OTHER_BLOCKS).prop_map(str::to_string),
    ]
}

/// A whole agenda: optional front matter, blocks separated by blank lines (sometimes
/// not), LF or CRLF line endings, with or without a final line break.
pub fn agenda() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(
            (block(), select(&["\n\n", "\n\n", "\n", "\n\n\n"][..])),
            0..20,
        ),
        0u8..10,
        any::<bool>(),
    )
        .prop_map(|(front, blocks, endings, final_break)| {
            let mut text = String::new();
            if front {
                text.push_str(FRONT_MATTER);
                text.push_str("\n\n");
            }
            // A block joined by a single line break may continue a list item above it
            // (a label line there is the item's prose, K6).
            for (b, sep) in blocks {
                text.push_str(&b);
                text.push_str(sep);
            }
            if !final_break {
                while text.ends_with('\n') {
                    text.pop();
                }
            }
            match endings {
                0..=2 => text.replace('\n', "\r\n"),
                3 => text.replace('\n', "\r"),
                4 => {
                    // Mixed: every other line break is CRLF.
                    let mut out = String::new();
                    for (i, part) in text.split('\n').enumerate() {
                        if i > 0 {
                            out.push_str(if i % 2 == 0 { "\r\n" } else { "\n" });
                        }
                        out.push_str(part);
                    }
                    out
                }
                _ => text,
            }
        })
}

/// Characters that stress position handling and parsing.
pub const ATOMS: &[&str] = &[
    "a",
    "Z",
    " ",
    "  ",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "東京",
    "😀",
    "👩‍💻",
    "🇫🇷",
    "\u{200b}",
    "\u{feff}",
    "#",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "```",
    "~~~",
    "**",
    "*",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<!--",
    "-->",
    "<",
    ">",
    "|",
    "\\",
    ":",
    "---",
    "\u{0}",
    "\u{2028}",
    "\u{85}",
    "\u{fffd}",
    "Thoughts?",
    "Shipped",
    "✅",
    "80%",
    "My recommendation is",
];

/// Text made of the atoms above.
pub fn atom_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(ATOMS), 0..max).prop_map(|v| v.concat())
}

/// `at` moved back to the nearest character boundary (and into the text).
pub fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `text` with `delete` bytes from `at` (both taken modulo the text and moved to
/// character boundaries) replaced by `insert`.
pub fn edit(text: &str, (at, delete, insert): &(usize, usize, &str)) -> String {
    let start = floor_char(text, *at % (text.len() + 1));
    let end = floor_char(text, start + delete);
    let mut out = String::with_capacity(text.len() + insert.len());
    out.push_str(&text[..start]);
    out.push_str(insert);
    out.push_str(&text[end.max(start)..]);
    out
}
