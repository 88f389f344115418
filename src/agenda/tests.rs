use super::*;

fn parse(text: &str) -> Agenda {
    Agenda::parse(text, usize::MAX)
}

fn kinds(agenda: &Agenda, text: &str) -> Vec<(String, PartKind)> {
    agenda
        .sentences
        .iter()
        .map(|s| {
            (
                text[s.range.clone()].to_string(),
                agenda.kind_of_sentence(s),
            )
        })
        .collect()
}

#[test]
fn headings_name_parts_with_synonyms_and_numbering() {
    for (title, kind) in [
        ("### 2) What I'm seeing", PartKind::Insight),
        ("## 1. The outcome", PartKind::Outcome),
        ("## 3 — The move", PartKind::Move),
        ("## Why this matters", PartKind::Outcome),
        ("## What's changed", PartKind::Insight),
        ("## Where I need you", PartKind::Move),
        ("## Risks and asks", PartKind::Insight),
        ("## This week's ask", PartKind::Move),
        ("## Updates", PartKind::Status),
        ("## Updates (sent by email)", PartKind::PreRead),
        ("## Sent async on Monday", PartKind::PreRead),
        ("## To read before we meet", PartKind::PreRead),
        ("## FYI", PartKind::PreRead),
        ("## Agenda", PartKind::Other),
    ] {
        let text = format!("{title}\nText here.\n");
        let agenda = parse(&text);
        assert_eq!(agenda.sections[0].kind, kind, "{title}");
    }
}

#[test]
fn labels_on_every_line_of_a_paragraph() {
    let text = "**Outcome:** grow.\n**Insight:** churn clusters.\nAsk: two hires.\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            ("grow.".to_string(), PartKind::Outcome),
            ("churn clusters.".to_string(), PartKind::Insight),
            ("two hires.".to_string(), PartKind::Move),
        ]
    );
    let labels: Vec<&str> = agenda
        .sections
        .iter()
        .map(|s| &text[s.heading.clone()])
        .collect();
    assert_eq!(labels, ["**Outcome:**", "**Insight:**", "Ask:"]);
}

/// A chat log's lines ("[10:44] mo: • from you: …"): the time and name, and the bullet
/// after them, come before the label, as an emoji does.
#[test]
fn labels_after_a_chat_logs_time_and_name() {
    let text = "[10:42] mo: • goal: three partners live by end of q1\n[10:43] mo: • what i'm seeing: they need a deal to shadow\n[10:44] Sam Lee: from you: ok to let partners join our calls\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            (
                "three partners live by end of q1".to_string(),
                PartKind::Outcome
            ),
            ("they need a deal to shadow".to_string(), PartKind::Insight),
            (
                "ok to let partners join our calls".to_string(),
                PartKind::Move
            ),
        ]
    );
    // A message with no label is a sentence of its own, after its time and name.
    let text =
        "[4:12 PM] mei: hey\n[4:12 PM] mei: main thing this qtr is referrals at 15% of signups\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            ("hey".to_string(), PartKind::Other),
            (
                "main thing this qtr is referrals at 15% of signups".to_string(),
                PartKind::Other
            ),
        ]
    );
    // A time in a sentence is no chat prefix.
    let text = "We moved the standup to [10:30] mo: shorter.\n";
    assert!(parse(text)
        .sections
        .iter()
        .all(|s| s.kind == PartKind::Other));
}

#[test]
fn colon_outside_bold_and_bold_lines_are_labels() {
    let text = "**Ask**: budget for two.\n\n**The insight**\n\nTrials stall.\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            ("budget for two.".to_string(), PartKind::Move),
            ("Trials stall.".to_string(), PartKind::Insight),
        ]
    );
    assert_eq!(&text[agenda.sections[0].heading.clone()], "**Ask**:");
}

/// An emoji after a bold part name stands for the colon: "**Target** 📈 …" is a label,
/// in a numbered list too; curly quotes after a bold name are not an emoji.
#[test]
fn an_emoji_after_a_bold_name_makes_a_label() {
    let text = "1) **Target** 📈 40% of pipeline from our events by Q3.\n2) **Insight** 🔍 Trials stall.\n\n**Ask** “budget” is the word they used.\n";
    let agenda = parse(text);
    let kinds: Vec<PartKind> = kinds(&agenda, text).into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        kinds,
        [PartKind::Outcome, PartKind::Insight, PartKind::Other]
    );
    assert_eq!(
        &text[agenda.sentences[0].range.clone()],
        "40% of pipeline from our events by Q3."
    );
    assert_eq!(&text[agenda.sections[0].heading.clone()], "**Target** 📈");
}

#[test]
fn bold_words_that_are_not_labels_stay_prose() {
    let text = "**Important:** read this.\n\nContext: we moved.\n";
    let agenda = parse(text);
    assert!(agenda.sections.is_empty());
    assert_eq!(agenda.sentences.len(), 2);
}

/// A whole sentence in bold on its own line (a Notion export) is prose, however many
/// part or status words it holds; a bold name alone is still a label.
#[test]
fn a_bold_sentence_on_its_own_line_is_prose() {
    let text = "**Wrapping up the research synthesis this week.**\n\n**Ask.**\nBudget for two.\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            (
                "Wrapping up the research synthesis this week.".to_string(),
                PartKind::Other
            ),
            ("Budget for two.".to_string(), PartKind::Move),
        ]
    );
}

/// A goal with its horizon, or where the writer is taking the work, is a plain label too.
#[test]
fn goal_and_direction_labels() {
    for label in [
        "Goal for the quarter",
        "Target for Q1",
        "Where I'm taking this",
        "What I'm after",
    ] {
        let text = format!("{label}: every site on the new badges by March.\n");
        let agenda = parse(&text);
        assert_eq!(
            kinds(&agenda, &text),
            vec![(
                "every site on the new badges by March.".to_string(),
                PartKind::Outcome
            )],
            "{label}"
        );
    }
}

/// "Where we need to be" names the outcome, though "need" names a move: the earliest
/// part named wins.
#[test]
fn where_we_need_to_be_is_the_outcome() {
    let text = "## 1\\. Where we need to be\n\nForecast within 3% of actuals.\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![(
            "Forecast within 3% of actuals.".to_string(),
            PartKind::Outcome
        )]
    );
}

#[test]
fn labels_in_items_end_with_the_item() {
    let text = "## Notes\n- **Ask:** budget\n- Shipped A\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            ("budget".to_string(), PartKind::Move),
            ("Shipped A".to_string(), PartKind::Other),
        ]
    );
}

#[test]
fn labels_inside_a_pre_read_stay_pre_read() {
    let text = "## Pre-read\n**Risk:** vendor slips.\n\n- Shipped A\n";
    let agenda = parse(text);
    assert!(agenda
        .sentences
        .iter()
        .all(|s| agenda.kind_of_sentence(s) == PartKind::PreRead));
}

#[test]
fn code_quotes_and_front_matter_are_not_prose_but_tables_keep_rows() {
    let text = "---\nwith: Dana\n---\n\n> Quoted.\n\n```\ncode.\n```\n\n| A | B |\n|---|---|\n| x | Done |\n\nProse.\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![("Prose.".to_string(), PartKind::Other)]
    );
    assert_eq!(agenda.tables.len(), 1);
    assert_eq!(
        agenda.tables[0].rows,
        vec![vec!["x".to_string(), "done".to_string()]]
    );
    assert_eq!(
        &text[agenda.tables[0].range.clone()],
        "| A | B |\n|---|---|\n| x | Done |\n"
    );
    assert!(agenda.front_matter.is_some());
}

#[test]
fn a_callout_is_the_writers_own_text_but_a_quote_is_not() {
    let text = "> 🎯 Aim: churn under 2% by April.\n\n> [!NOTE]\n> Pricing moved.\n\n> On Tue, Ravi wrote:\n> send me the deck\n\nMine.\n";
    let agenda = parse(text);
    let prose: Vec<String> = kinds(&agenda, text).into_iter().map(|(s, _)| s).collect();
    assert_eq!(prose, vec!["churn under 2% by April.", "Mine."]);
}

/// A quote that is the first thing under a part's heading is what the part holds; under
/// any other heading, or after the part's own text, a quote is someone else's words.
#[test]
fn a_quote_that_opens_a_part_is_the_writers() {
    let text = "## My read\n\n> Refund tickets are a trust problem, not a data one.\n\n## Context\n\n> On Tue, Ravi wrote: send me the deck\n\n## Insight\nMine.\n\n> Quoted.\n";
    let agenda = parse(text);
    let prose: Vec<(String, PartKind)> = kinds(&agenda, text);
    assert_eq!(
        prose,
        vec![
            (
                "Refund tickets are a trust problem, not a data one.".to_string(),
                PartKind::Insight
            ),
            ("Mine.".to_string(), PartKind::Insight)
        ]
    );
}

#[test]
fn a_pages_status_property_is_no_status_section() {
    let text = "Owner: Mia\nStatus: In review\nTeam: Payments\n\nWe cut refunds by half.\n\nStatus: shipped the retry fix and moved the queue to the new cluster.\n\nDone it.\n";
    let agenda = parse(text);
    let kinds = kinds(&agenda, text);
    assert_eq!(
        kinds[3],
        ("We cut refunds by half.".to_string(), PartKind::Other)
    );
    assert_eq!(kinds.last().unwrap().1, PartKind::Status, "{kinds:?}");
}

#[test]
fn a_toggles_summary_heads_a_section_that_ends_with_the_toggle() {
    let text = "<details>\n<summary>FYI (sent Friday)</summary>\n\n- Hired two agents\n- Queue at 40\n\n</details>\n\nMy take: the backlog is a staffing gap.\n";
    let agenda = parse(text);
    let kinds = kinds(&agenda, text);
    assert_eq!(
        kinds[0],
        ("Hired two agents".to_string(), PartKind::PreRead)
    );
    assert_eq!(kinds[1].1, PartKind::PreRead);
    assert_ne!(kinds.last().unwrap().1, PartKind::PreRead, "{kinds:?}");
}

/// A toggle exported as a line with a triangle heads a section of its own; a sentence
/// that starts with one is prose.
#[test]
fn a_toggle_line_heads_a_section() {
    let text = "▸ FYI before we meet\n  - Hired two agents\n  - Queue at 40\n\n## Where I am\nThe backlog is a staffing gap.\n";
    let agenda = parse(text);
    let found = kinds(&agenda, text);
    assert_eq!(
        found[0],
        ("Hired two agents".to_string(), PartKind::PreRead)
    );
    assert_ne!(found.last().unwrap().1, PartKind::PreRead, "{found:?}");
    // The section ends where the text is back at the margin, heading or not.
    let unheaded =
        "▸ FYI before we meet\n  - Hired two agents\n\nMy recommendation is to hire two more.\n";
    let found = kinds(&parse(unheaded), unheaded);
    assert_eq!(found[0].1, PartKind::PreRead);
    assert_ne!(found.last().unwrap().1, PartKind::PreRead, "{found:?}");
    let prose = "▸ We hired two agents and the queue is down to 40.\n";
    assert_eq!(parse(prose).sections.len(), 0);
    assert_eq!(parse(prose).sentences.len(), 1);
}

#[test]
fn sentences_split_sensibly() {
    let split = |s: &str| -> Vec<String> {
        split_sentences(s)
            .into_iter()
            .map(|r| s[r].to_string())
            .collect()
    };
    assert_eq!(
        split("We cut costs e.g. hosting by 2.5% vs. last year. Next one!"),
        [
            "We cut costs e.g. hosting by 2.5% vs. last year.",
            "Next one!"
        ]
    );
    assert_eq!(
        split("hey dana! quick one. we shipped it"),
        ["hey dana!", "quick one.", "we shipped it"]
    );
    assert_eq!(
        split("東京の件。大阪の件。OK."),
        ["東京の件。", "大阪の件。", "OK."]
    );
    assert_eq!(
        split("Well… maybe not. Fine 🎉 Done."),
        ["Well… maybe not.", "Fine 🎉 Done."]
    );
    assert_eq!(
        split("Acme Inc. signed. U.S. team too."),
        ["Acme Inc. signed.", "U.S. team too."]
    );
}

/// Every combination of awkward fragments parses into valid, ordered, nested ranges.
#[test]
fn ranges_stay_valid_on_awkward_markdown() {
    let fragments = [
        "**Ask:**",
        "**Ask**",
        "**Outcome:** grow\n**Insight:** see",
        "*Risk* — slips",
        "🎯 **Outcome:** 東京",
        "Ask: ",
        "- **Ask:**\n  - nested",
        "**unclosed",
        "**bold\nacross** lines:",
        "| a | b |\n|---|---|\n| x | Done |",
        "> quote\n> **Ask:** no",
        "```\n**Ask:** code\n```",
        "## Pre-read\n**Risk:** x",
        "# Title",
        "1. **Decision**: now",
        "Thoughts?\r\nDone.",
        "e.g. x… y. Z!",
        "\u{200b}**Ask:**\u{00a0}x",
        "",
    ];
    for a in fragments {
        for b in fragments {
            let text = format!("{a}\n\n{b}\n{a}");
            let agenda = parse(&text);
            let ok = |r: &Range<usize>| {
                r.start <= r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            };
            for s in &agenda.sentences {
                assert!(ok(&s.range), "{text:?}: sentence {:?}", s.range);
            }
            for w in agenda.sentences.windows(2) {
                assert!(w[0].range.start <= w[1].range.start, "{text:?}: order");
            }
            for sec in &agenda.sections {
                assert!(ok(&sec.range) && ok(&sec.heading), "{text:?}: {sec:?}");
                assert!(sec.range.start <= sec.heading.start, "{text:?}: {sec:?}");
            }
            for w in agenda.sections.windows(2) {
                let (x, y) = (&w[0].range, &w[1].range);
                assert!(
                    y.start >= x.end || y.end <= x.end,
                    "{text:?}: sections overlap without nesting: {x:?} {y:?}"
                );
            }
            for b in &agenda.blocks {
                assert!(ok(&b.range) && ok(&b.outer), "{text:?}: {b:?}");
            }
        }
    }
}

/// Asserts every range of the parse is inside `text` and on character boundaries.
#[track_caller]
fn assert_valid(text: &str, agenda: &Agenda) {
    let ok = |r: &Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    for s in &agenda.sentences {
        assert!(ok(&s.range), "{text:?}: sentence {:?}", s.range);
    }
    for sec in &agenda.sections {
        assert!(ok(&sec.range) && ok(&sec.heading), "{text:?}: {sec:?}");
    }
    for b in &agenda.blocks {
        assert!(ok(&b.range) && ok(&b.outer), "{text:?}: {b:?}");
    }
}

/// K8: a bold label that runs onto the next line, where another label starts.
#[test]
fn a_bold_label_running_onto_a_labelled_line() {
    for text in [
        "**Ask\nOutcome:** x",
        "**Risk\nAsk:** budget\nInsight: churn.",
        "Intro.\n**The ask\n**Outcome**: grow.",
    ] {
        let agenda = parse(text);
        assert_valid(text, &agenda);
    }
    let text = "**Ask\nOutcome:** two hires.\nInsight: churn.\n";
    let agenda = parse(text);
    let labels: Vec<&str> = agenda
        .sections
        .iter()
        .map(|s| &text[s.heading.clone()])
        .collect();
    assert_eq!(labels, ["**Ask\nOutcome:**", "Insight:"]);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            ("two hires.".to_string(), PartKind::Move),
            ("churn.".to_string(), PartKind::Insight),
        ]
    );
}

/// K4: the text of a code span maps to where it is, not to its opening backticks.
#[test]
fn code_span_text_maps_to_its_source() {
    let text = "Ask about `東京`";
    let agenda = parse(text);
    assert_eq!(&text[agenda.blocks[0].range.clone()], text);
    crate::check(text, &crate::Config::default());
    let text = "See `東京. 大阪` now. Then ``a `b` 東``.";
    let agenda = parse(text);
    let sentences: Vec<&str> = agenda
        .sentences
        .iter()
        .map(|s| &text[s.range.clone()])
        .collect();
    assert_eq!(
        sentences,
        ["See `東京.", "大阪` now.", "Then ``a `b` 東``."]
    );
    for text in [
        "- Ask about ``東京``\n",
        "`` `東京` `` and `東\n京` too.",
        "- item `東京\n  大阪` x. Done\n",
        "Ask `東京`\r\nand `大阪\r\n  京`. Ok",
        "Ask: `東京`",
        "**Ask:** `東京`",
        "Ask &amp; `東京` &ngE; done. Next \\`東京`.",
        "<http://東京.jp> and <a@東京.jp>. Done.",
        // The panics tests/process.rs contains (K1, K4, K8, K9) in one agenda.
        "# 1:1\n\nWe met\u{a0}Dr. Smith today. Ask about `東京`.\n\nThe top priority is the Dvořák account. The most important thing is hiring.\n\n**1. \n**Ask:** Could you approve the budget?* Shipped the new welcome email\n  - nested detail\n",
    ] {
        let agenda = parse(text);
        assert_valid(text, &agenda);
        crate::check(text, &crate::Config::default());
    }
}

/// K2: a lone CR ends a line (and a list item) as an LF or a CRLF does.
#[test]
fn every_line_ending_ends_an_item() {
    for nl in ["\n", "\r\n", "\r"] {
        let text = "- Shipped A\n- Shipped B\n  - nested\n\n| a |\n|---|\n| x |\n\nDone.\n"
            .replace('\n', nl);
        let agenda = parse(&text);
        let outers: Vec<&str> = agenda
            .blocks
            .iter()
            .map(|b| &text[b.outer.clone()])
            .collect();
        let expected = [
            "- Shipped A\n",
            "- Shipped B\n  - nested\n",
            "  - nested\n",
            "Done.\n",
        ];
        assert_eq!(outers, expected.map(|s| s.replace('\n', nl)), "{nl:?}");
        let table = &text[agenda.tables[0].range.clone()];
        assert_eq!(table, "| a |\n|---|\n| x |\n".replace('\n', nl));
        assert_eq!(agenda.line_ending, nl);
    }
    // pulldown-cmark lets an HTML block or a paragraph run on past a lone CR; the
    // builder reads lone CRs as LFs, so the structure is the same as with LFs.
    let lf =
        "<!-- a comment -->\n\n## Pre-read\n\n- Shipped A\n  - nested\n```\ncode\n```\n\nDone.\n";
    let cr = lf.replace('\n', "\r");
    let (a, b) = (parse(lf), parse(&cr));
    assert_eq!(a.sections, b.sections);
    let ranges = |x: &Agenda| {
        x.blocks
            .iter()
            .map(|b| (b.range.clone(), b.outer.clone(), b.norm.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ranges(&a), ranges(&b));
    assert_eq!(a.sentences, b.sentences);
    assert_eq!(parse("a\nb\r\nc").line_ending, "\r\n");
    assert_eq!(parse("a\nb\rc").line_ending, "\n");
    assert_eq!(parse("a\rb\nc").line_ending, "\r");
    assert_eq!(parse("abc").line_ending, "\n");
}

/// K3: the budget cut falls just past the last line end (LF, CRLF or lone CR) within
/// the budget, never inside a CRLF or a character; with none, at a character boundary.
#[test]
fn the_budget_cut_falls_at_a_line_end() {
    let cut = |text: &str, budget: usize| Agenda::parse(text, budget).analysed;
    assert_eq!(cut("ab\ncd\nef", 7), 6);
    assert_eq!(cut("ab\ncd\nef", 99), 8);
    assert_eq!(cut("ab\r\ncd\r\nef", 8), 8);
    assert_eq!(cut("ab\r\ncd\r\nef", 7), 4);
    assert_eq!(cut("ab\rcd\ref", 7), 6);
    assert_eq!(cut("ab\rcd\ref", 6), 6);
    assert_eq!(cut("ab\r\ncd", 3), 2);
    assert_eq!(cut("abcdef", 4), 4);
    assert_eq!(cut("ab東京", 4), 2);
    assert_eq!(cut("ab東京", 5), 5);
}

/// K5, K6: no section starts inside a list item but a label on its first line, which
/// ends with the item.
#[test]
fn only_an_items_first_line_starts_a_section() {
    let text =
        "- Shipped A\n  **Ask:** budget\n- Closed B\n  ## Pre-read\n  Sent.\n- **FYI:** sent\n";
    let agenda = parse(text);
    let sections: Vec<(&str, bool)> = agenda
        .sections
        .iter()
        .map(|s| (&text[s.heading.clone()], s.in_item))
        .collect();
    assert_eq!(sections, [("**FYI:**", true)]);
    let blocks: Vec<&str> = agenda
        .blocks
        .iter()
        .map(|b| &text[b.range.clone()])
        .collect();
    assert_eq!(
        blocks,
        [
            "Shipped A\n  **Ask:** budget",
            "Closed B\n  ## Pre-read\n  Sent.",
            "sent"
        ]
    );
    assert_eq!(
        agenda.kind_of_section(agenda.blocks[2].section),
        PartKind::PreRead
    );
}

/// A line at the margin right under an item is the writer's own paragraph when it opens a
/// thought (a capital, a digit, markup) or the item's line is too short to have wrapped; a
/// lower-case line under a long line goes on with the item's sentence. Under a nested item
/// it stays the nested item's text.
#[test]
fn a_run_on_line_at_the_margin_starts_a_paragraph() {
    for nl in ["\n", "\r\n"] {
        let text = [
            "- Courier contract renewed",
            "The main risk I see is nights.",
            "- rota done",
            "i need an ok on the allowance.",
            "- We need to pick the vendor for the cold-chain lanes before the",
            "contract renews in March.",
            "- Shipped A",
            "  - nested",
            "**Ask:** budget",
            "",
        ]
        .join(nl);
        let agenda = parse(&text);
        let blocks: Vec<(&str, bool)> = agenda
            .blocks
            .iter()
            .map(|b| {
                let item = matches!(b.kind, BlockKind::Item { .. });
                (text[b.range.clone()].trim_end(), item)
            })
            .collect();
        let wrapped = format!(
            "We need to pick the vendor for the cold-chain lanes before the{nl}contract renews in March."
        );
        let nested = format!("nested{nl}**Ask:** budget");
        assert_eq!(
            blocks,
            [
                ("Courier contract renewed", true),
                ("The main risk I see is nights.", false),
                ("rota done", true),
                ("i need an ok on the allowance.", false),
                (wrapped.as_str(), true),
                ("Shipped A", true),
                (nested.as_str(), true),
            ],
            "{text:?}"
        );
    }
}

/// A numbered item that is a short title over text at the margin, as Word and Confluence
/// export numbered headings, heads a section; the part its title names is that section's.
#[test]
fn a_numbered_title_over_text_at_the_margin_is_a_heading() {
    let text = "1. What I'm seeing\n1.1 Only 40% signed the broad form.\n2. Any other business\n2.1 Freezer 14 is approved.\n3. Ship it.\nNext line.\n";
    let agenda = parse(text);
    let titles: Vec<&str> = agenda.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["What I'm seeing", "Any other business"]);
    let parts: Vec<(PartKind, &str)> = agenda
        .sentences
        .iter()
        .map(|s| (agenda.kind_of_sentence(s), &text[s.range.clone()]))
        .collect();
    assert_eq!(
        parts[0],
        (PartKind::Insight, "Only 40% signed the broad form.")
    );
    assert!(parts.iter().all(|(_, s)| !s.contains("Any other business")));
    assert!(parts.iter().any(|(_, s)| *s == "Ship it."));
    // Any other numbered item over a line stays an item: its words are a sentence.
    let text = "## Ask\n1. Approve the Q3 contractor budget\nFinance needs the PO by Friday.\n";
    let agenda = parse(text);
    assert!(agenda
        .sentences
        .iter()
        .any(|s| &text[s.range.clone()] == "Approve the Q3 contractor budget"));
}

/// Inside a quote a wrapped item line goes on after its "> ": nothing is split off.
#[test]
fn a_wrapped_item_in_a_callout_stays_whole() {
    let text = "> 💡 Notes\n> - We need to pick the vendor for the cold-chain lanes before the\n>   contract renews in March.\n";
    let agenda = parse(text);
    let items: Vec<&Block> = agenda
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Item { .. }))
        .collect();
    assert_eq!(items.len(), 1);
    assert!(text[items[0].range.clone()].ends_with("renews in March."));
}

#[test]
fn sections_know_their_sentences() {
    let text = "## Outcome\nOne. Two.\n\n## Ask\n\n## Insight\nThree.\n";
    let agenda = parse(text);
    let counts: Vec<usize> = agenda.sections.iter().map(|s| s.sentence_count).collect();
    assert_eq!(counts, [2, 0, 1]);
    assert_eq!(agenda.sentences_in(0).count(), 2);
    assert_eq!(
        agenda.sentences_in(2).next().map(|s| &*s.norm),
        Some("three.")
    );
}

#[test]
fn a_label_and_text_table_is_a_set_of_parts() {
    let text = "## Notes\n\n| Part | Notes |\n|---|---|\n| Target | Fix rate at 85% by Q1. |\n| Risks | Vans carry the wrong parts, so repeat visits 😀 pile up. |\n| Ask | Approve the **restock**. |\n\nAfter the table.\n";
    let agenda = parse(text);
    let parts: Vec<(PartKind, &str)> = agenda
        .sentences
        .iter()
        .map(|s| (agenda.kind_of_sentence(s), &text[s.range.clone()]))
        .collect();
    assert_eq!(
        parts,
        [
            (PartKind::Outcome, "Fix rate at 85% by Q1."),
            (
                PartKind::Insight,
                "Vans carry the wrong parts, so repeat visits 😀 pile up."
            ),
            (PartKind::Move, "Approve the **restock**."),
            (PartKind::Other, "After the table."),
        ]
    );
    // A status table stays rows of status; its cells are not prose.
    let status = "| Item | Status |\n|---|---|\n| Risks | Done |\n| Billing | In progress |\n";
    let agenda = parse(status);
    assert!(agenda.sentences.is_empty());
    assert_eq!(agenda.tables[0].rows.len(), 2);
}

/// In any other table, a cell of a sentence or more is talk, with its positions in the
/// cell; a short cell, a status value and the first column (the row's topic) stay cells.
#[test]
fn prose_cells_of_any_table_are_talk() {
    let text = "| topic | where i stand | from you |\n|---|---|---|\n| forecast | the miss wasn't the model, it was soft deals in commit 😀 | |\n| fix | stage rules from january | your ok to announce it at kickoff next week |\n| billing | Done | Waiting on legal |\n";
    let agenda = parse(text);
    let talk: Vec<&str> = agenda.talk().map(|s| &text[s.range.clone()]).collect();
    assert_eq!(
        talk,
        [
            "the miss wasn't the model, it was soft deals in commit 😀",
            "your ok to announce it at kickoff next week"
        ]
    );
    assert_eq!(agenda.tables[0].rows.len(), 3);
}

/// A first line of its own naming the meeting or its date is the agenda's title, not its
/// opening; a first line that says something is talk.
#[test]
fn a_title_line_holds_no_prose() {
    let talk = |text: &str| -> Vec<String> {
        let agenda = parse(text);
        agenda
            .talk()
            .map(|s| text[s.range.clone()].to_string())
            .collect()
    };
    for title in [
        "Facilities 1:1 — Kofi with Amara (VP Operations), 10 Dec",
        "Yusuf / Claire, 9 Dec",
        "Weekly with Anouk, December 9",
        "Platform sync 2026-12-08",
    ] {
        let text = format!("{title}\n\nWe've been busy all week.\n");
        assert_eq!(talk(&text), ["We've been busy all week."], "{title}");
    }
    for opening in [
        "hey sam, notes for thurs",
        "been heads down on the migration",
        "Churn is up 3 points since Dec 1.",
        "can you sign off on the 2 marketing hires",
        "we need to decide 2 things this week",
        "weekly churn is up 3 points",
    ] {
        let text = format!("{opening}\n\nWe've been busy all week.\n");
        assert_eq!(talk(&text).len(), 2, "{opening}");
    }
}

#[test]
fn an_emails_envelope_holds_no_prose() {
    let text = "Subject: for our Thursday catch-up\n\nHi Sam,\n\nThe real issue is onboarding.\n\nThanks for the help last week.\n\nCheers,\nOla\n";
    let agenda = parse(text);
    let sentences: Vec<&str> = agenda
        .sentences
        .iter()
        .map(|s| &text[s.range.clone()])
        .collect();
    assert_eq!(
        sentences,
        [
            "The real issue is onboarding.",
            "Thanks for the help last week."
        ]
    );
    let text = "Hey team —\n\nWe should pause the beta.\n\nBest,\n\nKai\n";
    let agenda = parse(text);
    let sentences: Vec<&str> = agenda
        .sentences
        .iter()
        .map(|s| &text[s.range.clone()])
        .collect();
    assert_eq!(sentences, ["We should pause the beta."]);
    // Not an envelope: a sentence that opens with a greeting word, a closing sentence.
    let text = "Hello from the offsite, where we decided to pause the beta.\n\nThanks to the team, churn is down.\n";
    assert_eq!(parse(text).sentences.len(), 2);
}

#[test]
fn tags_are_read_past_and_fyi_is_pre_read() {
    let text = "## Topics\n\n1. DISCUSS: Should we pause the beta? I'd pause it.\n- FYI: the migration finished.\n- TODO: send the deck\n";
    let agenda = parse(text);
    let found: Vec<(&str, PartKind)> = agenda
        .sentences
        .iter()
        .map(|s| (&text[s.range.clone()], agenda.kind_of_sentence(s)))
        .collect();
    assert_eq!(
        found,
        [
            ("Should we pause the beta?", PartKind::Other),
            ("I'd pause it.", PartKind::Other),
            ("the migration finished.", PartKind::PreRead),
            ("send the deck", PartKind::Other),
        ]
    );
}

/// A part's exact name alone on its line is a heading, as plain text and Word exports
/// write one ("Outcome", "1. Insight" read as a one-item list); the section runs on to
/// the next one. A short line that is not a part's name is prose.
#[test]
fn a_part_name_alone_on_its_line_heads_a_part() {
    let text = "1. Outcome\n\nEvery contract on our paper by June.\n\n2. Insight\n\nWe lose the most time on liability caps.\n\nRequest\n\nI need a yes on the two-tier template by Friday.\n";
    let agenda = parse(text);
    let parts: Vec<(String, PartKind)> = agenda
        .sections
        .iter()
        .map(|s| (s.title.clone(), s.kind))
        .collect();
    assert_eq!(
        parts,
        [
            ("Outcome".to_string(), PartKind::Outcome),
            ("Insight".to_string(), PartKind::Insight),
            ("Request".to_string(), PartKind::Move),
        ]
    );
    let kind_of = |needle: &str| {
        let s = agenda
            .sentences
            .iter()
            .find(|s| s.norm.contains(needle))
            .expect("the sentence is read");
        agenda.kind_of_sentence(s)
    };
    assert_eq!(kind_of("every contract"), PartKind::Outcome);
    assert_eq!(kind_of("liability caps"), PartKind::Insight);
    assert_eq!(kind_of("two-tier"), PartKind::Move);
    // A non-breaking space after the number keeps Markdown from reading a list.
    let numbered = parse("1.\u{a0}Objective\n\nThe technical file accepted by 30 April.\n");
    assert_eq!(numbered.sections.len(), 1, "{:?}", numbered.sections);
    assert_eq!(numbered.sections[0].kind, PartKind::Outcome);
    let list = parse("- Norvik proposal sent\n- Demo with Ostra done\n");
    assert!(list.sections.is_empty(), "{:?}", list.sections);
}

/// A Notion callout exports as an HTML block (`<aside>`, its text, `</aside>`): the text
/// between the tags is prose, at its place in the source (CRLF too); the tags are not.
#[test]
fn the_text_of_an_html_callout_is_prose() {
    for text in [
        "## Context\n\n<aside>\n💡 What I took away: buyers ignore AI in subject lines.\n\n</aside>\n",
        "## Context\r\n\r\n<aside>\r\n💡 What I took away: buyers ignore AI in subject lines.\r\n\r\n</aside>\r\n",
    ] {
        let agenda = parse(text);
        let found: Vec<&str> = agenda
            .sentences
            .iter()
            .map(|s| &text[s.range.clone()])
            .collect();
        assert_eq!(
            found,
            ["💡 What I took away: buyers ignore AI in subject lines."],
            "{text:?}"
        );
    }
    assert!(parse("<div>\n<p>hi</p>\n</div>\n").sentences.is_empty());
}

/// A part table written without a header: Markdown reads its first row as the header,
/// and it is a part row all the same. A real header row ("| Outcome | Notes |") is not.
#[test]
fn a_part_table_without_a_header_reads_its_first_row() {
    let text = "| Outcome | Close 3 of the 5 stalled renewals inside the Q4 window. |\n|---|---|\n| Insight | Every stalled renewal waits on legal review for weeks. |\n";
    let agenda = parse(text);
    let kinds: Vec<PartKind> = agenda.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [PartKind::Outcome, PartKind::Insight]);
    let outcome = agenda
        .sentences
        .iter()
        .find(|s| s.norm.starts_with("close 3"))
        .expect("the header row's text is read");
    assert_eq!(
        &text[outcome.range.clone()],
        "Close 3 of the 5 stalled renewals inside the Q4 window."
    );
    let headed = parse("| Outcome | Notes |\n|---|---|\n| Insight | Every stalled renewal waits on legal review for weeks. |\n");
    let kinds: Vec<PartKind> = headed.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [PartKind::Insight]);
}

/// In a wider table, a row whose first cell names a part makes the cell after it that
/// part's text ("| Goal | Kits for 15,000 households… | — |" under "| Topic | Update | Ask
/// |"); the column whose header names a part keeps its own part.
#[test]
fn a_row_named_for_a_part_in_a_wider_table() {
    let text = "| Topic | Update | Ask |\n|---|---|---|\n| Goal | Kits for 15,000 households in place before the peak in January. | — |\n| Customs | The second container sat 11 days at the port again. | Can you call the country director this week? |\n";
    let agenda = parse(text);
    let parts: Vec<(PartKind, &str)> = agenda
        .talk()
        .map(|s| (agenda.kind_of_sentence(s), &text[s.range.clone()]))
        .collect();
    assert_eq!(
        parts,
        [
            (
                PartKind::Outcome,
                "Kits for 15,000 households in place before the peak in January."
            ),
            (
                PartKind::Other,
                "The second container sat 11 days at the port again."
            ),
            (
                PartKind::Move,
                "Can you call the country director this week?"
            ),
        ]
    );
    // Only a part's exact name labels a row there: a tracker's "Pricing risk review" is
    // a row's topic.
    let tracker = "| Item | Notes | Owner |\n|---|---|---|\n| Pricing risk review | Finance still has not signed off the discount bands | Lee |\n";
    let agenda = parse(tracker);
    assert!(agenda
        .talk()
        .all(|s| agenda.kind_of_sentence(s) == PartKind::Other));
}

/// A line of its own of five or six words names a part only as a clause ("Where my
/// weight is going"); a name with more words after it is prose.
#[test]
fn a_long_lone_line_names_a_part_only_as_a_clause() {
    let text = "Where my weight is going\nEvery route on time by 13 Jan.\n\nGoals for the offsite still unclear\nWe meet in March.\n";
    let agenda = parse(text);
    let kinds: Vec<PartKind> = agenda.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [PartKind::Outcome]);
    assert!(agenda
        .talk()
        .any(|s| text[s.range.clone()].starts_with("Goals for the offsite")));
}

#[test]
fn a_part_name_before_a_dash_is_a_label() {
    let text = "Ask — let us put the prompt on the success screen in January.\n\nRisk - the vendor may slip.\n";
    let agenda = parse(text);
    assert_eq!(
        kinds(&agenda, text),
        vec![
            (
                "let us put the prompt on the success screen in January.".to_string(),
                PartKind::Move
            ),
            ("the vendor may slip.".to_string(), PartKind::Insight),
        ]
    );
    // A label's text may open with any character ("Ask — “one more” day").
    let text = "Ask — “one more” day\n";
    assert_eq!(
        kinds(&parse(text), text),
        vec![("“one more” day".to_string(), PartKind::Move)]
    );
    // Other words before a dash are the sentence's own.
    let text = "Pricing — still open with finance.\n";
    assert_eq!(
        kinds(&parse(text), text),
        vec![(text.trim().to_string(), PartKind::Other)]
    );
}

#[test]
fn a_numbered_heading_over_a_blank_line_heads_what_follows() {
    let text = "1. Purpose\n\nThe target is 70% of trial users deployed in week one.\n\n2. Progress since last 1:1\n\n2.1 Tutorial split into five chapters.\n\n3. Observations\n\nSix of eight testers quit at chapter 3.\n";
    let agenda = parse(text);
    let kinds: Vec<PartKind> = kinds(&agenda, text).into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        kinds,
        vec![PartKind::Outcome, PartKind::Status, PartKind::Insight]
    );
    // An item of a list that goes on is an item, and so is a last item that neither
    // names a part nor has its text numbered under it.
    let text = "1. Budget\n\n2. Hiring\n\nWe need two engineers.\n";
    assert!(parse(text).sections.is_empty());
}

#[test]
fn what_the_writer_found_somewhere_is_an_insight_label() {
    let text = "What I've found in the inspection: the welds on batch 4 fail under load.\n";
    assert_eq!(
        kinds(&parse(text), text),
        vec![(
            "the welds on batch 4 fail under load.".to_string(),
            PartKind::Insight
        )]
    );
}
