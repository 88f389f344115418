//! What each part is for, in the product's own words: the text behind hovers,
//! completion documentation, snippets and `oneonone-ls new`.

use crate::agenda::PartKind;
use crate::patterns::{INSIGHT_STARTER, MOVE_STARTERS, OUTCOME_STARTER};

/// Guidance for one part of the agenda.
pub struct PartGuide {
    pub kind: PartKind,
    /// The heading a new part gets.
    pub heading: &'static str,
    /// What the VP needs from this part.
    pub needs: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub starters: &'static [&'static str],
}

const OUTCOME_STARTERS: [&str; 1] = [OUTCOME_STARTER];
const INSIGHT_STARTERS: [&str; 1] = [INSIGHT_STARTER];

pub const GUIDES: [PartGuide; 4] = [
    PartGuide {
        kind: PartKind::Outcome,
        heading: "The outcome",
        needs: "One business result you are moving, and by when. Your VP should finish this part knowing why your work matters to the company, not how busy it keeps you.",
        before: "We're still working on the pricing page.",
        after: "The most important outcome I'm focused on right now is lifting self-serve upgrades 15% by the end of Q2.",
        starters: &OUTCOME_STARTERS,
    },
    PartGuide {
        kind: PartKind::Insight,
        heading: "The insight",
        needs: "One thing you see that your VP is too far away to see: a pattern, a risk, a customer signal, a tradeoff or a blocker, with what you think it means.",
        before: "We had three calls with the data vendor.",
        after: "What I'm seeing is that the vendor's delays trace back to our own shifting spec, not to their capacity.",
        starters: &INSIGHT_STARTERS,
    },
    PartGuide {
        kind: PartKind::Move,
        heading: "The leadership move",
        needs: "Your position and what you want from your VP: a recommendation to agree with, a request to grant, a decision you are making, or a tradeoff to weigh together.",
        before: "Thoughts?",
        after: "My recommendation is to freeze the spec for two weeks so the vendor can commit to a date.",
        starters: &MOVE_STARTERS,
    },
    PartGuide {
        kind: PartKind::PreRead,
        heading: "Pre-read (send before the meeting)",
        needs: "Routine status, sent ahead by email or chat so your VP keeps visibility without the 1:1 turning into a readout.",
        before: "Reading six finished tasks aloud at the start of the meeting.",
        after: "Emailing those six lines the day before, so the 1:1 starts at the decision.",
        starters: &[],
    },
];

pub fn guide(kind: PartKind) -> Option<&'static PartGuide> {
    GUIDES.iter().find(|g| g.kind == kind)
}

/// Markdown for a hover on a part's heading.
pub fn hover_markdown(kind: PartKind) -> Option<String> {
    let g = guide(kind)?;
    let mut out = format!("**{}**: {}\n\n", g.heading, g.needs);
    out.push_str(&format!(
        "Instead of\n> {}\n\ntry\n> {}\n",
        g.before, g.after
    ));
    if !g.starters.is_empty() {
        out.push_str("\nStarters: ");
        let list: Vec<String> = g.starters.iter().map(|s| format!("\"{s} …\"")).collect();
        out.push_str(&list.join(", "));
        out.push('\n');
    }
    Some(out)
}

/// A snippet the editor can insert: a part, the pre-read, or a whole agenda.
pub struct Template {
    pub label: &'static str,
    pub detail: &'static str,
    /// When to use it, as Markdown.
    pub documentation: String,
    /// With `${1:…}` tab stops.
    pub snippet: String,
    /// The same text without tab stops, for clients without snippet support.
    pub plain: String,
}

fn part_template(label: &'static str, kind: PartKind, level: usize) -> Template {
    let g = guide(kind).expect("every part has a guide");
    let hashes = "#".repeat(level);
    let (snippet_body, plain_body) = match g.starters.first() {
        Some(starter) => (format!("{starter} ${{1:…}}"), format!("{starter} …")),
        None => ("- ${1:…}".to_string(), "- …".to_string()),
    };
    Template {
        label,
        detail: g.heading,
        documentation: hover_markdown(kind).unwrap_or_default(),
        snippet: format!("{hashes} {}\n\n{snippet_body}\n", g.heading),
        plain: format!("{hashes} {}\n\n{plain_body}\n", g.heading),
    }
}

/// The completion templates, at the given heading level for parts.
pub fn templates(level: usize) -> Vec<Template> {
    let level = level.clamp(1, 6);
    vec![
        part_template("Outcome part", PartKind::Outcome, level),
        part_template("Insight part", PartKind::Insight, level),
        part_template("Leadership move part", PartKind::Move, level),
        part_template("Pre-read part", PartKind::PreRead, level),
        Template {
            label: "Whole agenda",
            detail: "Title, the three parts and a pre-read",
            documentation: "A complete 1:1 agenda: the outcome you are driving, what you are seeing, your leadership move, and a pre-read for routine status. Use it on an empty file.".to_string(),
            snippet: agenda(true),
            plain: agenda(false),
        },
    ]
}

/// A fresh agenda. With `snippet`, placeholders are numbered tab stops.
pub fn agenda(snippet: bool) -> String {
    let mut n = 0;
    let mut hole = |text: &str| {
        n += 1;
        if snippet {
            format!("${{{n}:{text}}}")
        } else {
            text.to_string()
        }
    };
    let name = hole("name");
    let outcome = hole("…");
    let insight = hole("…");
    let ask = hole("…");
    let status = hole("…");
    format!(
        "# 1:1 with {name}\n\n## The outcome\n\n{OUTCOME_STARTER} {outcome}\n\n## The insight\n\n{INSIGHT_STARTER} {insight}\n\n## The leadership move\n\n{} {ask}\n\n## Pre-read (send before the meeting)\n\n- {status}\n",
        MOVE_STARTERS[0]
    )
}

/// The three parts of a new entry in a running doc, each with its starter: under headings
/// made of `hashes` (`"###"`), or as bold labels when `None`.
pub fn entry_parts(hashes: Option<&str>) -> String {
    let parts = [
        ("The outcome", "Outcome:", OUTCOME_STARTER),
        ("The insight", "Insight:", INSIGHT_STARTER),
        ("The leadership move", "Leadership move:", MOVE_STARTERS[0]),
    ];
    parts
        .iter()
        .map(|(heading, label, starter)| match hashes {
            Some(hashes) => format!("{hashes} {heading}\n\n{starter} …\n"),
            None => format!("**{label}** {starter} …\n"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Config};

    #[test]
    fn the_plain_agenda_has_every_part_and_only_asks_to_be_finished() {
        let text = agenda(false);
        let rules: Vec<&str> = check(&text, &Config::default())
            .iter()
            .map(|d| d.rule)
            .collect();
        assert!(
            !rules.iter().any(|r| r.starts_with("missing-")),
            "{rules:?}"
        );
        assert_eq!(
            rules.iter().filter(|r| **r == "unfinished-starter").count(),
            3
        );
    }

    #[test]
    fn snippets_have_tab_stops_and_plain_text_has_none() {
        for t in templates(2) {
            assert!(t.snippet.contains("${1:"), "{}", t.label);
            assert!(!t.plain.contains("${"), "{}", t.label);
        }
    }
}
