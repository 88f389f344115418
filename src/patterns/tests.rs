//! How groups combine into judgements, and the catalogue read from data given as text.
//! Each pattern's own examples live beside it in `data/patterns/` and are checked by
//! `tests/patterns.rs`.

use super::data::{Data, Flavour};
use super::*;
use regex::RegexSet;

fn c() -> &'static Catalogue {
    catalogue()
}

fn n(s: &str) -> String {
    normalise(s)
}

/// The built-in files, with `extra` appended to the file `name`.
fn files_with(name: &str, extra: &str) -> Vec<(&'static str, String)> {
    BUILT_IN
        .iter()
        .map(|&(file, text)| {
            let text = if file == name {
                format!("{text}\n{extra}")
            } else {
                text.to_string()
            };
            (file, text)
        })
        .collect()
}

fn borrowed<'a>(files: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    files.iter().map(|(f, t)| (*f, t.as_str())).collect()
}

#[test]
fn the_built_in_data_loads_without_problems() {
    let (_, problems) = Catalogue::from_files(BUILT_IN);
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_handoff_added_as_data_is_found() {
    let s = n("Fine by me either way.");
    assert!(
        !c().is_handoff(&s),
        "already a hand-off: pick another sentence"
    );
    let entry = r#"
[[entry]]
pattern = "fine by me either way"
matches = ["Fine by me either way."]
"#;
    let files = files_with("handoff.toml", entry);
    let (cat, problems) = Catalogue::from_files(&borrowed(&files));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(cat.is_handoff(&s));
    assert!(cat.is_handoff(&n("Let me know what you think.")));
    assert!(check_files(&borrowed(&files)).is_empty());
}

#[test]
fn a_bad_pattern_is_reported_with_its_file_and_entry_and_left_out() {
    let entry = "[[entry]]\npattern = '''let me (?:know'''\nmatches = [\"Let me know\"]\n";
    let files = files_with("handoff.toml", entry);
    let count = Data::parse(BUILT_IN)
        .0
        .group("handoff")
        .unwrap()
        .entry
        .len();
    let (cat, problems) = Catalogue::from_files(&borrowed(&files));
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expected = format!(
        "data/patterns/handoff.toml: entry {}: pattern does not compile:",
        count + 1
    );
    assert!(
        problems.iter().any(|p| p.starts_with(&expected)),
        "{problems:?}"
    );
    // The rest of the group still works.
    assert!(cat.is_handoff(&n("Let me know what you think.")));
    let checked: Vec<String> = check_files(&borrowed(&files))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        checked.iter().any(|p| p.starts_with(&expected)),
        "{checked:?}"
    );
}

#[test]
fn a_file_that_does_not_parse_leaves_its_group_empty() {
    let files = files_with("ask.toml", "[[entry]\n");
    let (cat, problems) = Catalogue::from_files(&borrowed(&files));
    assert!(
        problems[0]
            .to_string()
            .starts_with("data/patterns/ask.toml: does not parse"),
        "{problems:?}"
    );
    assert!(!cat.is_ask(&n("My recommendation is to wait.")));
    assert!(cat.is_handoff(&n("Let me know what you think.")));
}

#[test]
fn examples_that_do_not_hold_are_named() {
    let entry = "[[entry]]\npattern = 'fine by me'\nmatches = [\"Fine with me.\"]\nnot = [\"Let me know what you think.\"]\n";
    let files = files_with("handoff.toml", entry);
    let problems: Vec<String> = check_files(&borrowed(&files))
        .iter()
        .map(ToString::to_string)
        .collect();
    let count = Data::parse(BUILT_IN)
        .0
        .group("handoff")
        .unwrap()
        .entry
        .len()
        + 1;
    assert_eq!(
        problems,
        [
            format!("data/patterns/handoff.toml: entry {count}: `matches` example \"Fine with me.\" does not match (normalised: \"fine with me.\")"),
            format!("data/patterns/handoff.toml: entry {count}: `not` example \"Let me know what you think.\" is matched by entry 1"),
        ]
    );
}

#[test]
fn a_pattern_must_compile_alone() {
    let entry = "[[entry]]\npattern = 'maybe)|(?:anything'\nmatches = [\"Anything?\"]\n";
    let files = files_with("handoff.toml", entry);
    let problems: Vec<String> = check_files(&borrowed(&files))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.len() == 1 && problems[0].contains(": pattern does not compile: "),
        "{problems:?}"
    );
}

#[test]
fn unknown_classes_are_reported() {
    let entry = "[[entry]]\npattern = '{nobody} called'\nmatches = [\"Nobody called.\"]\n";
    let files = files_with("activity.toml", entry);
    let problems: Vec<String> = check_files(&borrowed(&files))
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems[0].contains("activity.toml: entry")
            && problems[0].contains("unknown word class {nobody}"),
        "{problems:?}"
    );
}

#[test]
fn a_handoff_never_carries_a_view() {
    let s = n("Let me know if you agree that I'd pause the beta.");
    assert!(c().judge(&s).has(Group::Handoff));
    assert!(!c().is_handoff(&s));
    assert!(c().is_ask(&s));
}

#[test]
fn a_request_form_is_an_ask_unless_it_hands_off() {
    assert!(c().is_ask(&n("Could you join the customer call on Thursday?")));
    let s = n("Can you let me know what you think?");
    assert!(c().judge(&s).has(Group::Request));
    assert!(!c().is_ask(&s));
    assert!(c().is_handoff(&s));
}

#[test]
fn an_open_question_has_no_view_and_is_no_handoff() {
    assert!(c().is_open_question(&n("Should we push the launch?")));
    // The decision put back to the VP, though "go with option 1" is a recommendation's
    // form: no ask, and an open question (a hand-off unless a view answers it).
    let s = n("Should we go with option 1 or 2?");
    assert!(c().judge(&s).has(Group::OpenQuestion));
    assert!(!c().judge(&s).is_ask());
    assert!(c().is_open_question(&s));
    assert!(!c().is_open_question(&n("Can we get two more engineers?")));
}

#[test]
fn status_gives_way_to_points_and_to_words_that_are_not_past_tense() {
    let strength = |s: &str| c().status_strength(&n(s));
    assert_eq!(strength("Landed the Acme renewal"), StatusStrength::Strong);
    assert_eq!(strength("✅ Contract signed"), StatusStrength::Strong);
    assert_eq!(
        strength("The migration is delayed to October"),
        StatusStrength::Weak
    );
    assert_eq!(strength("Old logins disabled"), StatusStrength::Weak);
    for s in [
        "Budget needed for Q3",
        "Proposed pricing for the pilot",
        "Embedded analytics pricing",
        "Proceed with the pilot",
        "Need a decision on pricing",
        "Approve the two hires",
        "Migration 80% done, which means we can cut the old cluster",
    ] {
        assert_eq!(strength(s), StatusStrength::None, "{s}");
    }
    assert!(NOT_PAST_TENSE.contains(&"needed") && NOT_PAST_TENSE.contains(&"embedded"));
}

#[test]
fn status_cells() {
    let cell = |s: &str| c().status_cell(&n(s));
    assert_eq!(cell("Done"), StatusStrength::Strong);
    assert_eq!(cell("✅"), StatusStrength::Strong);
    assert_eq!(cell("In progress"), StatusStrength::Weak);
    assert_eq!(cell("80%"), StatusStrength::Weak);
    assert_eq!(cell("20% price increase"), StatusStrength::None);
}

#[test]
fn the_starters_are_recognised_and_unfinished_ones_too() {
    for starter in MOVE_STARTERS {
        assert!(c().is_ask(&n(&format!("{starter} to wait."))), "{starter}");
    }
    assert!(c().is_outcome(&n(&format!("{OUTCOME_STARTER} retention."))));
    assert!(c().is_insight(&n(&format!("{INSIGHT_STARTER} that trials stall."))));
    for starter in MOVE_STARTERS
        .iter()
        .chain([&OUTCOME_STARTER, &INSIGHT_STARTER])
    {
        assert!(
            c().is_unfinished_starter(&n(&format!("{starter} …"))),
            "{starter}"
        );
        assert!(
            !c().is_unfinished_starter(&n(&format!("{starter} retention."))),
            "{starter}"
        );
    }
}

#[test]
fn headings_name_parts() {
    use crate::agenda::PartKind;
    assert_eq!(
        classify_heading("2) What I'm seeing"),
        Some(PartKind::Insight)
    );
    assert_eq!(classify_heading("Risks and asks"), Some(PartKind::Insight));
    assert_eq!(classify_heading("This week's ask"), Some(PartKind::Move));
    // Of two parts named at the same place, the longer name wins.
    assert_eq!(classify_heading("What I'm after"), Some(PartKind::Outcome));
    assert_eq!(
        classify_heading("What I'm after from you"),
        Some(PartKind::Move)
    );
    assert_eq!(
        classify_heading("Updates (emailed)"),
        Some(PartKind::PreRead)
    );
    assert_eq!(classify_heading("This week"), Some(PartKind::Status));
    assert_eq!(classify_heading("Context"), None);
    assert_eq!(
        classify_plain_label("Decision needed"),
        Some(PartKind::Move)
    );
    assert_eq!(classify_plain_label("Risks and asks"), None);
}

/// Sentences made of the catalogue's own vocabulary, so that patterns do match.
fn vocabulary_sentence() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const WORDS: &[&str] = &[
        "we're",
        "still",
        "working",
        "on",
        "the",
        "let",
        "me",
        "know",
        "what",
        "you",
        "think",
        "my",
        "recommendation",
        "is",
        "to",
        "i",
        "need",
        "from",
        "shipped",
        "done",
        "blocked",
        "80%",
        "maybe",
        "could",
        "should",
        "we",
        "push",
        "launch",
        "?",
        ".",
        "seeing",
        "churn",
        "most",
        "important",
        "outcome",
        "i'm",
        "focused",
        "right",
        "now",
        "by",
        "q3",
        "hi",
        "dana",
        ",",
        "thoughts",
        "happy",
        "discuss",
        "decision",
        "making",
        "tradeoff",
        "weighing",
        "東京",
        "é",
        "🎯",
        "—",
        "priority",
        "top",
        "team",
        "met",
        "with",
        "sales",
        "this",
        "week",
        "in",
        "progress",
        "✅",
        "needed",
        "embedded",
        "!",
    ];
    prop::collection::vec(prop::sample::select(WORDS), 0..14).prop_map(|w| w.join(" "))
}

/// Each group's entries, wrapped and expanded one by one, as a `RegexSet`.
fn entry_sets() -> &'static Vec<(Group, RegexSet)> {
    static SETS: OnceLock<Vec<(Group, RegexSet)>> = OnceLock::new();
    SETS.get_or_init(|| {
        let (data, _) = Data::parse(BUILT_IN);
        Group::ALL
            .iter()
            .map(|&g| (g, data.group(g.file()).unwrap()))
            // Word groups list words, not patterns.
            .filter(|(_, spec)| spec.entry.iter().any(|e| e.pattern.is_some()))
            .map(|(g, spec)| {
                let sources: Vec<String> = spec
                    .entry
                    .iter()
                    .map(|e| data.entry_source(spec, e, Flavour::Sentence).unwrap())
                    .collect();
                (g, RegexSet::new(sources).unwrap())
            })
            .collect()
    })
}

proptest::proptest! {
    /// A group compiled as `before(?:p1|p2|…)after` matches exactly where one of its
    /// entries, wrapped on its own, does.
    #[test]
    fn a_group_matches_where_its_entries_do(s in vocabulary_sentence()) {
        for (g, set) in entry_sets() {
            proptest::prop_assert_eq!(c().matcher(*g).is_match(&s), set.is_match(&s), "{:?} on {:?}", g, s);
        }
    }
}

/// A sentence the move's starters open is the move, whatever target or deadline it holds.
#[test]
fn a_move_starter_makes_no_outcome() {
    let outcome = |s: &str| c().judge(&n(s)).is_outcome();
    assert!(outcome("Ship offline mode to every customer in January."));
    assert!(!outcome(
        "The tradeoff I'm weighing is shipping offline mode in January with conflicts resolved by hand, or waiting until March."
    ));
    assert!(!outcome(
        "What I need from you is sign-off for the weekend overtime budget in December."
    ));
}

/// The writer's own insight label wins over a target shape in what follows it.
#[test]
fn an_insight_label_makes_no_outcome() {
    let s = n("What the beta taught me: customers forgive slow sync, so conflict handling has to be ready before we launch.");
    assert!(!c().judge(&s).is_outcome());
    assert!(c().judge(&s).is_insight());
}

/// A change told from a point in time is what happened, whatever target it sounds like; a
/// "since" in a later clause is the target's context.
#[test]
fn a_change_since_a_point_in_time_is_no_outcome() {
    let outcome = |s: &str| c().judge(&n(s)).is_outcome();
    assert!(outcome(
        "Get average discount down to 15% by the end of Q1."
    ));
    assert!(!outcome(
        "Avg discount in West crept from 14% to 22% since Sept, and it's concentrated in the reps hired in Q2."
    ));
    assert!(outcome(
        "Close November in five working days by year end, the first time since the merger."
    ));
    // Someone else's future is a forecast, not the writer's target.
    assert!(!outcome(
        "They'll renew quietly in December and churn loudly next year."
    ));
    assert!(outcome(
        "We'll renew the Tandem contract before the end of Q4."
    ));
    assert!(!outcome("The vendor will close the Leeds plant by March."));
    assert!(outcome(
        "Since the reorg, my goal is to cut onboarding from 9 days to 3 by Q2."
    ));
    assert!(!outcome("Keep in mind the vendor is already over $2M."));
}

/// Words in double quotes are mentioned, not said: they make no ask and no target.
#[test]
fn quoted_words_make_no_point() {
    let j = |s: &str| c().judge(&n(s)).is_ask();
    assert!(!j(
        "So it's a coverage gap in one window, not a \"we need more people\" problem."
    ));
    assert!(j("We need more people in the evening window."));
    let outcome = |s: &str| c().judge(&n(s)).is_outcome();
    assert!(!outcome(
        "Tickets mentioning \"pay to win\" went from 12 to 47 in a week."
    ));
    // A whole clause in quotes is the writer's own.
    assert!(outcome(
        "Everything this quarter rolls up to \"cut churn from 4% to 2% by Q4\"."
    ));
}
