//! `status-dump`: routine status items fill the 1:1 instead of a pre-read.

use super::{Context, Finding, RuleDocs};
use crate::agenda::{line_start, next_line, BlockKind, PartKind, Sentence};
use crate::model::Function;
use crate::patterns::{normalise, StatusStrength};
use crate::series::actions::{is_action_block, is_action_line};
use std::ops::Range;

mod fix;
use fix::move_fix;

pub const DOCS: RuleDocs = RuleDocs {
    what: "Counts routine status items in the 1:1 itself: list items (nested ones included) that report done, shipped, completed or in-progress work, or carry a ✅ or a percentage, and table rows whose status cell reads \"Done\", \"In progress\", \"✅\" or a percentage, and paragraphs of three or more sentences that each tell work done or under way and make no point (\"We closed out the backlog on Monday. Jo ran two webinars. Karim's team fixed the export timeouts. We have moved the macros.\"), one item per sentence, or per line when the paragraph is written as lines (\"2.2 Tickets closed: 3,412. Reopened: 403.\" is one item). A tracker table (a row reads \"Done\") counts every status row wherever it sits, even under a goal's label. Every item under a heading such as \"Updates\" or \"Status\" counts, and so does each short line under a label of its own (`UPDATE: …`) and each short paragraph of one line under such a heading that makes no point (a numbered list exported as paragraphs, \"2.1 Fieldwork completed for all 9 depots.\"); inside the outcome, insight or leadership move only finished work counts, because there \"blocked\" or \"80%\" describe a risk or a target (a paragraph where three sentences or more tell finished work counts whole). Fires at five (configurable with `thresholds.status-dump-items`). Items under a pre-read heading (\"Pre-read\", \"FYI\", \"Sent by email\", \"Async\", \"Before the meeting\") are not counted; a heading called \"Updates\" or \"Status\" is not a pre-read. Action items (`- [ ] …`, `- [x] …`, `TODO: …`, `DONE: …`) are never counted, checked or not: they record who does what, not a report of work.",
    why: "Status is worth sending, not worth meeting about. Read aloud, it uses up the time your VP has for the decisions and risks only you can bring. Send it before the meeting and spend the 1:1 on what needs them.",
    example: "## Updates\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress",
    fix: "Moves the items (each top-level item with everything nested under it, and whole tables), word for word, into a pre-read part (created at the end of the agenda when there is none). This fix is safe: `check --fix` and \"Fix all\" apply it.",
};

pub fn check(ctx: &Context) -> Vec<Finding> {
    let units = status_units(ctx);
    let total: usize = units.iter().map(|u| u.count).sum();
    let threshold = ctx.config.thresholds.status_dump_items;
    if units.is_empty() || total < threshold {
        return Vec::new();
    }
    let (first, last) = (&units[0], &units[units.len() - 1]);
    let end = trim_line_end(ctx.text, last.range.end);
    vec![Finding {
        range: first.range.start..end.max(first.range.start),
        message: format!(
            "{total} routine status items are taking up the 1:1. Send them before the meeting as a pre-read, and keep the time for your outcome, insight and ask."
        ),
        fixes: vec![move_fix(ctx, &units)],
        related: Vec::new(),
    }]
}

/// The block is a paragraph of reports (see [`status_sentences`]) and the rule fires on
/// the agenda: the finding takes the paragraph in.
pub(super) fn flags_paragraph(ctx: &Context, b: &crate::agenda::Block) -> bool {
    status_sentences(ctx, b).is_some()
        && status_units(ctx).iter().map(|u| u.count).sum::<usize>()
            >= ctx.config.thresholds.status_dump_items
}

/// A top-level list item (with its nested items) or a table, and how many routine status
/// items it holds.
struct Unit {
    /// Whole lines.
    range: Range<usize>,
    count: usize,
    /// A table or a paragraph: a block of its own, never merged into a list.
    table: bool,
}

/// A paragraph written like a list without bullets: its lines (after an optional lead-in
/// such as "Updates:") are status items, up to the first line that is not one (a long
/// "NOTICING: …" line after six "UPDATE: …" lines, an action item).
fn status_lines(ctx: &Context, b: &crate::agenda::Block) -> Option<Unit> {
    let cat = ctx.patterns();
    let text = &ctx.text[b.range.clone()];
    // Cheap guards first: several lines, outside the pre-read.
    if !text.contains(['\n', '\r']) || counts(ctx, b.section, StatusStrength::Strong).is_none() {
        return None;
    }
    let mut count = 0;
    let mut lead_in = true;
    // Where the counted lines end, in `text`.
    let mut end = 0;
    let mut at = 0;
    for line in text.split(['\n', '\r']) {
        let line_end = at + line.len();
        at = line_end + 1;
        if is_action_line(line, 0) || !is_short_line(line) {
            break;
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if std::mem::take(&mut lead_in)
            && line.ends_with(':')
            && line.split_whitespace().nth(6).is_none()
        {
            continue;
        }
        let norm = normalise(line);
        if counts(ctx, b.section, cat.status_strength(&norm)) != Some(true) {
            break;
        }
        count += 1;
        end = line_end;
    }
    if count < 2 {
        return None;
    }
    Some(Unit {
        range: line_start(ctx.text, b.range.start)..next_line(ctx.text, b.range.start + end),
        count,
        table: true,
    })
}

/// A line short enough to be a status item: 120 bytes and 15 words at most.
fn is_short_line(line: &str) -> bool {
    line.len() <= 120 && line.split_whitespace().nth(15).is_none()
}

/// One short line under a status label of its own ("UPDATE: Weekend rota is done.", as
/// tagged notes write each line): an item of the "Updates" part, as a list item there is.
fn status_line(ctx: &Context, b: &crate::agenda::Block) -> Option<Unit> {
    let text = ctx.text.get(b.range.clone())?.trim();
    let short = !text.is_empty() && !text.contains(['\n', '\r']) && is_short_line(text);
    let labelled = ctx
        .agenda
        .sections
        .get(b.section?)
        .is_some_and(|s| s.heading.start >= line_start(ctx.text, b.range.start));
    // Under a status heading, a line of its own that reports work and makes no point is
    // an item written as a paragraph ("2.1 Vehicle audit fieldwork completed for all 9
    // depots.", as Word and Confluence export a numbered list); "Thoughts?" is none.
    // A table's prose cell is a row of its table, never a line of its own.
    let in_a_table = ctx
        .agenda
        .tables
        .iter()
        .any(|t| t.range.contains(&b.range.start));
    let an_item = || {
        !in_a_table
            && !b.sentences.is_empty()
            && ctx.agenda.sentences[b.sentences.clone()].iter().all(|s| {
                let j = ctx.judge(s);
                let reports = j.status_strength() != StatusStrength::None
                    || j.is_activity()
                    || j.prediction()
                        .function()
                        .is_some_and(|(f, _)| f == Function::Status || f == Function::Activity);
                reports && !j.makes_a_point() && !j.is_handoff() && !s.norm.ends_with('?')
            })
    };
    (short
        && ctx.agenda.kind_of_section(b.section) == PartKind::Status
        && (labelled || an_item())
        && !is_action_line(text, 0))
    .then(|| Unit {
        range: line_start(ctx.text, b.range.start)..next_line(ctx.text, b.range.end),
        count: 1,
        table: true,
    })
}

/// Status told as prose: a paragraph of three or more sentences that each report work
/// done or under way ("The team finished the template. We closed out the backlog on
/// Monday. Jo ran two webinars."), and none that makes a point. Each sentence counts as
/// an item; the paragraph moves as a whole.
fn status_sentences(ctx: &Context, b: &crate::agenda::Block) -> Option<Unit> {
    let sentences = &ctx.agenda.sentences[b.sentences.clone()];
    let mut unit = status_run(ctx, b, sentences)?;
    // A paragraph written as short lines, no sentence across a break ("2.2 Tickets
    // closed: 3,412. Reopened: 403." on a line of a numbered export), is a list without
    // bullets: each line is one item, however many sentences it holds. A long line of
    // prose is as many items as it has sentences.
    let text = ctx.text[b.range.clone()].trim();
    let lines = text.contains(['\n', '\r']) && text.lines().all(is_short_line);
    if lines
        && !sentences
            .iter()
            .any(|s| ctx.text[s.range.clone()].contains(['\n', '\r']))
    {
        unit.count = sentences
            .chunk_by(|a, c| {
                line_start(ctx.text, a.range.start) == line_start(ctx.text, c.range.start)
            })
            .count();
    }
    Some(unit)
}

/// A paragraph whose lines are messages of their own (a chat paste, "we finished the
/// template. anesthesia signed off the questionnaire. …" on one line and a worry on the
/// next): a line of three or more reports is a unit of its own, as its paragraph would be.
/// A paragraph with a sentence across a line break is prose wrapped by hand: only the
/// whole paragraph counts (see [`status_sentences`]).
fn status_message_lines(ctx: &Context, b: &crate::agenda::Block) -> Vec<Unit> {
    let sentences = &ctx.agenda.sentences[b.sentences.clone()];
    if sentences
        .iter()
        .any(|s| ctx.text[s.range.clone()].contains(['\n', '\r']))
    {
        return Vec::new();
    }
    sentences
        .chunk_by(|a, c| line_start(ctx.text, a.range.start) == line_start(ctx.text, c.range.start))
        .filter(|line| line.len() < sentences.len())
        .filter_map(|line| status_run(ctx, b, line))
        .collect()
}

/// [`status_sentences`] on a run of the block's sentences.
fn status_run(ctx: &Context, b: &crate::agenda::Block, sentences: &[Sentence]) -> Option<Unit> {
    if sentences.len() < 3
        || counts(ctx, b.section, StatusStrength::Strong).is_none()
        || sentences.iter().any(|s| ctx.in_action_item(s))
    {
        return None;
    }
    let mut strengths = Vec::with_capacity(sentences.len());
    for s in sentences {
        let j = ctx.judge(s);
        let raw = &ctx.text[s.range.clone()];
        let done = reports_done_work(ctx, raw);
        let report = j.is_activity()
            || j.status_strength() != StatusStrength::None
            || j.model_reading(Function::Status).is_some()
            || done
            || reports_work_under_way(ctx, raw);
        // A report told with its subject makes a point when the catalogue finds one, or
        // the model is sure of one: a weak guess ("I have send the report" read as a
        // decision at 0.47) does not undo the subject and the tense. An outcome is ahead
        // of the writer: a target's shape told in the past with its subject ("This week
        // we have closed the accounts for October") is a result reported, not one aimed at.
        let point = if done {
            [
                (j.is_insight(), Function::Insight),
                (j.is_ask(), Function::Move),
            ]
            .iter()
            .any(|&(has, f)| {
                has && (j.model_reading(f).is_none() || j.prediction().confidence >= 0.8)
            })
        } else {
            j.makes_a_point()
        };
        if point {
            return None;
        }
        if !report {
            // A sentence that reports nothing but makes no point either ("The cold room
            // logging now runs on its own.") may be part of the report: see below.
            if j.is_handoff() || j.hands_off_unless_answered() || s.norm.ends_with('?') {
                return None;
            }
            strengths.push(StatusStrength::None);
            continue;
        }
        // Work told as done, with its subject, is done work inside a part too.
        strengths.push(if done {
            StatusStrength::Strong
        } else {
            j.status_strength().max(StatusStrength::Weak)
        });
    }
    // Inside a part only done work counts; once three sentences of the paragraph tell done
    // work, the rest of it ("The new scheme is live.") is the same report, and so are the
    // sentences that report nothing and make no point, as long as they are fewer.
    let done = strengths
        .iter()
        .filter(|&&st| st == StatusStrength::Strong)
        .count();
    let plain = strengths
        .iter()
        .filter(|&&st| st == StatusStrength::None)
        .count();
    if plain > 0 && (done < 3 || plain >= done) {
        return None;
    }
    for st in strengths {
        let st = if done >= 3 {
            StatusStrength::Strong
        } else {
            st
        };
        if !counts(ctx, b.section, st)? {
            return None;
        }
    }
    let (first, last) = (&sentences[0], &sentences[sentences.len() - 1]);
    Some(Unit {
        range: line_start(ctx.text, first.range.start)..next_line(ctx.text, last.range.end),
        count: sentences.len(),
        table: true,
    })
}

/// A word that is a verb in the past tense: a common irregular one (`irregular-past.toml`),
/// or an "-ed" word that is not an adjective in disguise (`not-past-tense.toml`).
pub(super) fn is_past_verb(ctx: &Context, word: &str) -> bool {
    ctx.patterns().is_irregular_past(word)
        || (word.len() >= 5 && word.ends_with("ed") && !ctx.patterns().is_not_past_tense(word))
}

/// A past participle: a common irregular one (`irregular-participles.toml`), or an "-ed"
/// word that is not an adjective in disguise (`not-past-tense.toml`).
pub(super) fn is_participle(ctx: &Context, word: &str) -> bool {
    ctx.patterns().is_irregular_participle(word)
        || (word.len() >= 5 && word.ends_with("ed") && !ctx.patterns().is_not_past_tense(word))
}

/// A sentence of prose that tells work done, with its subject: "We closed out the backlog
/// on Monday.", "This week I rebuilt the model.", "Jo ran two webinars." After an optional
/// time ("This week", "On Tuesday") and lead-in ("Also"), a subject (I, we, a team, a name
/// written with a capital, "X and I") and a verb in the past tense: an "-ed" word that is
/// not an adjective in disguise (`not-past-tense.toml`), or a common irregular one. A
/// clause that says why or what it means ("because", "which means", "so that") makes it
/// more than a report.
pub(super) fn reports_done_work(ctx: &Context, raw: &str) -> bool {
    // Time words before the subject (`report-time.toml`), groups as the subject
    // (`report-team.toml`).
    let time = |w: &str| ctx.patterns().is_report_time(w);
    let team = |w: &str| ctx.patterns().is_report_team(w);
    const SUBJECT: &[&str] = &["i", "we", "everyone", "the", "our", "my"];
    const POINT: &[&str] = &[
        " because ",
        " which means ",
        " so that ",
        " that means ",
        " but ",
    ];
    let norm = normalise(raw);
    if POINT.iter().any(|w| norm.contains(w)) {
        return false;
    }
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let lower = |i: usize| {
        words.get(i).map_or(String::new(), |w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
    };
    let capital = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
    };
    let mut i = 0;
    while i < words.len() && time(&lower(i)) {
        // "This cycle", "Last close", "Past fortnight": a time word names the period
        // with any noun after it.
        if ["this", "last", "past"].contains(&lower(i).as_str())
            && !time(&lower(i + 1))
            && !SUBJECT.contains(&lower(i + 1).as_str())
            && words
                .get(i + 1)
                .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        {
            i += 1;
        }
        i += 1;
    }
    // "Last week our team answer 1,140 tickets": a time in the past carries the tense, as
    // English written by non-native speakers often leaves it there.
    let past_time = ["last", "yesterday"].contains(&lower(0).as_str());
    // The subject: "I", "We", "The team", a name, "Jo and I", "Karim's team", "the
    // data team".
    let possessive = |i: usize| {
        let w = words
            .get(i)
            .map_or("", |w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
        w.ends_with("'s") || w.ends_with("’s")
    };
    // The passive tells done work too, its subject the thing done: "The returns area was
    // cleaned", "All six racks were moved", "Our price list has been updated".
    if ["the", "our", "my", "all", "both"].contains(&lower(i).as_str()) || capital(i) {
        if let Some(k) = (i + 1..i + 6)
            .find(|&k| ["was", "were", "been", "got", "is", "are"].contains(&lower(k).as_str()))
        {
            let aux = lower(k);
            let part = lower(k + 1);
            // "is"/"are" only before "now"-less participles of finished work
            // ("are installed"): not "is going", "are ready".
            let participle = is_participle(ctx, &part);
            let finished = !["is", "are"].contains(&aux.as_str()) || past_time;
            return participle && finished;
        }
    }
    i = match lower(i).as_str() {
        "i" | "we" | "everyone" => i + 1,
        "the" | "our" | "my" if team(&lower(i + 1)) => i + 2,
        "the" | "our" | "my" if team(&lower(i + 2)) => i + 3,
        // A thing or a trade as the subject, one or two words, then a verb of work done:
        // "the rebar inspection passed wednesday", "the electrician started running
        // conduit". Not any verb in the past: "the vendor missed the SLA" tells a risk.
        "the" | "our" | "my" if WORK_DONE.contains(&lower(i + 2).as_str()) => i + 2,
        "the" | "our" | "my" if WORK_DONE.contains(&lower(i + 3).as_str()) => i + 3,
        _ if capital(i) && possessive(i) => i + 2,
        _ if capital(i) && lower(i + 1) == "and" && capital(i + 2) => i + 3,
        _ if capital(i) => i + 1,
        _ => return false,
    };
    while ["also", "just", "finally", "then", "quickly"].contains(&lower(i).as_str()) {
        i += 1;
    }
    // The present perfect tells done work too: "We have made…", "Lena has finished…".
    if ["have", "has"].contains(&lower(i).as_str()) && words.len() > i + 2 {
        // Not possession ("We have a gap", "I have two concerns") nor "have to".
        const NOT_A_VERB: &[&str] = &[
            "to", "been", "a", "an", "the", "no", "some", "any", "many", "more", "less", "one",
            "two", "three", "four", "five", "our", "my", "their", "its", "your", "enough", "not",
            "real", "only", "several", "few", "all", "too", "this", "that", "these", "those",
        ];
        let next = lower(i + 1);
        return !next.is_empty()
            && !next.starts_with(|c: char| c.is_ascii_digit())
            && !NOT_A_VERB.contains(&next.as_str());
    }
    let verb = lower(i);
    const NOT_A_REPORT: &[&str] = &[
        "is", "are", "was", "were", "be", "will", "would", "can", "could", "should", "must",
        "need", "needs", "want", "wants", "think", "feel", "might", "may", "don't", "didn't",
    ];
    (past_time
        && verb.len() >= 3
        && verb.chars().all(|c| c.is_ascii_alphabetic())
        && !NOT_A_REPORT.contains(&verb.as_str()))
        || is_past_verb(ctx, &verb)
}

/// Verbs in the past that tell work done when a thing or a trade is their subject ("the
/// pump truck came", "the inspection passed").
const WORK_DONE: &[&str] = &[
    "finished",
    "completed",
    "passed",
    "started",
    "installed",
    "poured",
    "delivered",
    "arrived",
    "came",
    "shipped",
    "wrapped",
    "signed",
    "landed",
    "launched",
    "ran",
    "fixed",
    "cleaned",
    "fitted",
    "commissioned",
    "tested",
    "trained",
    "onboarded",
    "submitted",
    "opened",
    "went",
];

/// A sentence that tells work under way in the passive: "The dashboard is now being
/// rebuilt by the BI team", "Both contracts are still being reviewed".
fn reports_work_under_way(ctx: &Context, raw: &str) -> bool {
    let words: Vec<String> = raw
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    words.windows(2).enumerate().any(|(k, pair)| {
        ["is", "are"].contains(&pair[0].as_str()) && {
            let mut p = k + 1;
            while words
                .get(p)
                .is_some_and(|w| ["now", "currently", "still", "also"].contains(&w.as_str()))
            {
                p += 1;
            }
            words.get(p).is_some_and(|w| w == "being")
                && is_participle(ctx, words.get(p + 1).map_or("", String::as_str))
        }
    })
}

/// An item the catalogue does not read as status, whose every sentence reports work or
/// reads as routine status to the model ("Load tested the new service at 2x peak."), and
/// none makes a point: weak status.
fn reads_as_report(ctx: &Context, b: &crate::agenda::Block) -> bool {
    let sentences = &ctx.agenda.sentences[b.sentences.clone()];
    !sentences.is_empty()
        && sentences.iter().all(|s| {
            let j = ctx.judge(s);
            (j.is_activity() || j.model_reading(Function::Status).is_some()) && !j.makes_a_point()
        })
}

/// How strongly an item must read as status to count, by the section it is in: in a
/// "Status" or "Updates" section every item counts; in a part only done work counts
/// (there "blocked" or "80%" describe a risk or a target); elsewhere any status counts.
fn counts(ctx: &Context, section: Option<usize>, strength: StatusStrength) -> Option<bool> {
    match ctx.agenda.kind_of_section(section) {
        PartKind::PreRead => None,
        PartKind::Status => Some(true),
        PartKind::Outcome | PartKind::Insight | PartKind::Move => {
            Some(strength == StatusStrength::Strong)
        }
        PartKind::Other => Some(strength != StatusStrength::None),
    }
}

/// Top-level items of one list, in one section (see [`status_units`]).
struct Run {
    section: Option<usize>,
    /// Where the last item ends.
    end: usize,
    /// Items that count as status.
    counted: usize,
    /// Items that only state a fact or a number.
    facts: Vec<Range<usize>>,
}

impl Run {
    fn flush(self, units: &mut Vec<Unit>) {
        if self.counted >= 3 {
            units.extend(self.facts.into_iter().map(|range| Unit {
                range,
                count: 1,
                table: false,
            }));
        }
    }
}

/// An item of one sentence that states a fact or a number and nothing more: no point, no
/// ask, nothing handed back (the test `missing-insight` applies to an insight part).
fn states_a_fact(ctx: &Context, b: &crate::agenda::Block) -> bool {
    let [s] = &ctx.agenda.sentences[b.sentences.clone()] else {
        return false;
    };
    let j = ctx.judge(s);
    !j.makes_a_point()
        && !j.is_handoff()
        && !j.hands_off_unless_answered()
        && super::missing_insight::bare_fact(ctx, s)
}

fn status_units(ctx: &Context) -> Vec<Unit> {
    let cat = ctx.patterns();
    let mut units: Vec<Unit> = Vec::new();
    // The top-level item whose nested items are being counted: its unit (once it has
    // one) and its whole lines.
    let mut parent: Option<(Option<usize>, Range<usize>)> = None;
    // Where the last top-level item (with what is nested under it) ends.
    let mut item_end = 0;
    // The run of top-level items in one list: once three of them count as status, an item
    // that only states a fact or a number ("Two engineers out over the holidays", "2 new
    // leads from the webinar") is the same report, as the rest of a paragraph of reports is.
    let mut run: Option<Run> = None;
    for b in &ctx.agenda.blocks {
        let BlockKind::Item { top_level, .. } = b.kind else {
            parent = None;
            if let Some(unit) = status_lines(ctx, b)
                .or_else(|| status_sentences(ctx, b))
                .or_else(|| status_line(ctx, b))
            {
                units.push(unit);
            } else {
                units.extend(status_message_lines(ctx, b));
            }
            continue;
        };
        // Items nested under a line that became a heading ("- ▸ **Updates**" over its
        // items, as Notion exports a toggle) have no parent item: they are the list.
        let top_level = top_level || b.range.start >= item_end;
        if top_level {
            item_end = item_end.max(b.outer.end);
        }
        // An action item is never status, and what is nested under it stays with it.
        if is_action_block(ctx.text, b) {
            if top_level {
                parent = None;
            }
            continue;
        }
        // An item whose own lines are a list without bullets ("2. Progress:" then "a. …",
        // "b. …" lines, as a lettered list is written in plain text) is a unit of its own,
        // from three such lines (two could be one item's wrapped text).
        if top_level {
            if let Some(unit) = status_lines(ctx, b).filter(|u| u.count >= 3) {
                parent = None;
                units.push(unit);
                continue;
            }
        }
        let mut strength = ctx.judge_block(b).status_strength();
        if strength == StatusStrength::None && reads_as_report(ctx, b) {
            strength = StatusStrength::Weak;
        }
        let counted = counts(ctx, b.section, strength).unwrap_or(false) && !b.norm.is_empty();
        if top_level {
            parent = None;
            if counts(ctx, b.section, StatusStrength::Strong).is_none() {
                continue;
            }
            let same_list = run.as_ref().is_some_and(|r| {
                r.section == b.section
                    && ctx
                        .text
                        .get(r.end..b.outer.start)
                        .is_some_and(|t| t.trim().is_empty())
            });
            if !same_list {
                if let Some(r) = run.take() {
                    r.flush(&mut units);
                }
            }
            let r = run.get_or_insert_with(|| Run {
                section: b.section,
                end: b.outer.start,
                counted: 0,
                facts: Vec::new(),
            });
            r.end = b.outer.end;
            if counted {
                r.counted += 1;
            } else if states_a_fact(ctx, b) {
                r.facts.push(b.outer.clone());
            }
            let unit = counted.then(|| {
                units.push(Unit {
                    range: b.outer.clone(),
                    count: 1,
                    table: false,
                });
                units.len() - 1
            });
            parent = Some((unit, b.outer.clone()));
            continue;
        }
        let Some((unit, outer)) = parent.as_mut() else {
            continue;
        };
        if b.range.start >= outer.end || !counted {
            continue;
        }
        // A parent that is not status itself ("- Atlas") still moves with the status
        // items nested under it.
        let index = *unit.get_or_insert_with(|| {
            units.push(Unit {
                range: outer.clone(),
                count: 0,
                table: false,
            });
            units.len() - 1
        });
        units[index].count += 1;
    }
    if let Some(r) = run.take() {
        r.flush(&mut units);
    }
    for t in &ctx.agenda.tables {
        let strengths: Vec<StatusStrength> = t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| cat.status_cell(cell))
                    .max()
                    .unwrap_or(StatusStrength::None)
            })
            .collect();
        // A tracker (a row reads "Done") is status wherever it sits: its "In progress"
        // and "70%" are progress, not a risk or a target, even under a part's label.
        let tracker = strengths.contains(&StatusStrength::Strong);
        let count = strengths
            .iter()
            .filter(|&&strength| {
                let strength = if tracker && strength != StatusStrength::None {
                    StatusStrength::Strong
                } else {
                    strength
                };
                counts(ctx, t.section, strength).unwrap_or(false)
                    && strength != StatusStrength::None
            })
            .count();
        if count > 0 {
            units.push(Unit {
                range: t.range.clone(),
                count,
                table: true,
            });
        }
    }
    // Over the budget, the last line may go on past the cut: only whole lines move.
    if ctx.agenda.is_limited() {
        let whole = line_start(ctx.text, ctx.agenda.analysed);
        units.retain(|u| u.range.end <= whole);
    }
    units.sort_by_key(|u| u.range.start);
    units
}

fn trim_line_end(text: &str, end: usize) -> usize {
    let s = &text[..end];
    end - (s.len() - s.trim_end_matches(['\n', '\r']).len())
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::*;

    const RULE: &str = "status-dump";

    const DUMP: &str = "## Updates\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n";

    /// A target's shape told in the past with its subject is a result reported; work under
    /// way in the passive is a report.
    #[test]
    fn reports_in_the_past_the_passive_and_non_native_subjects() {
        let prose = "This week we have closed the supplier accounts for November. Marta visited the two Leeds depots. The cost dashboard for the warehouse lanes is now being rebuilt by the data team. Our team has finished the tyre audit. I have reviewed the overtime claims with payroll.\n";
        assert_count(RULE, prose, 1);
        // A target ahead of the writer is still a point: the paragraph is no dump.
        let target = prose.replace(
            "This week we have closed the supplier accounts for November.",
            "By March I want every depot live on the new scanners.",
        );
        assert_quiet(RULE, &target);
    }

    #[test]
    fn status_told_as_sentences_in_one_paragraph() {
        let prose = "Shipped the audit log. Spent most of the week in interviews. Wrapped up the pricing review. Finished the SSO settings page. Completed the vendor onboarding.\n";
        assert_count(RULE, prose, 1);
        let found = findings(RULE, prose);
        assert!(
            found[0].message.starts_with("5 routine status items"),
            "{found:?}"
        );
        // One sentence with a point keeps the paragraph out: it is not a dump.
        assert_quiet(
            RULE,
            "Shipped the audit log. Spent most of the week in interviews. Wrapped up the pricing review. Finished the SSO settings page. My recommendation is to pause the migration.\n",
        );
        // The move takes the whole paragraph into a pre-read.
        assert_fix(
            RULE,
            prose,
            "Move the status items into a new pre-read part",
            "\n## Pre-read (send before the meeting)\n\nShipped the audit log. Spent most of the week in interviews. Wrapped up the pricing review. Finished the SSO settings page. Completed the vendor onboarding.\n",
        );
    }

    /// Among reports of done work, a sentence that reports nothing but makes no point
    /// either ("The cold room logging now runs on its own.") is the same report; with fewer
    /// than three done reports around it, or a point, it keeps the paragraph out.
    #[test]
    fn a_plain_sentence_among_done_reports_is_the_same_report() {
        let prose = "This week we finished the calibration of both units. Ida has completed the training of the new technicians. We received the reagents from the new supplier. The cold room logging now runs on its own. I also updated the audit binder with the October changes.\n";
        assert_count(RULE, prose, 1);
        assert_quiet(
            RULE,
            "This week we finished the calibration of both units. The cold room logging now runs on its own. The freezer alarms go to the new pager. The audit is in February. I also updated the audit binder.\n",
        );
        assert_quiet(
            RULE,
            "This week we finished the calibration of both units. Ida has completed the training of the new technicians. We received the reagents from the new supplier. The cold room logging now runs on its own. I recommend we move the audit to March.\n",
        );
    }

    /// A report may open with its period named by any noun ("This cycle we…", "Last
    /// round the team…"), as it may with "This week"; a period followed by a thing that
    /// is no subject ("This approach failed…") is no report.
    #[test]
    fn status_told_after_a_period_of_any_name() {
        let prose = "This round we renewed all nine carrier contracts. Ana rebuilt the returns dashboard. The team moved the pallets to bay four. I walked the new site with facilities. We also closed the damaged-goods log.\n";
        assert_count(RULE, prose, 1);
        assert_quiet(
            RULE,
            "This approach failed twice. That rollout never landed. This cycle matters more than the last. Our rota is thin. Nobody owns returns.\n",
        );
    }

    /// Reports in the present perfect ("We have moved…", "Ida has closed…"), and reports
    /// whose past is carried by the time alone, as non-native English often writes them
    /// ("Last week our agents answer…", "Yesterday Ida finish…"). Possession ("We have a
    /// gap") and plans are not reports.
    #[test]
    fn status_told_in_the_present_perfect_or_after_a_past_time() {
        let prose = "Last week our agents answer 900 chats in the Nordic queue. Ida has closed the refund backlog. We have moved the macros to the new tool. Yesterday Ravi finish the audit of the escalation tags. I have write the holiday rota for the weekend shift.\n";
        assert_count(RULE, prose, 1);
        assert_quiet(
            RULE,
            "We have a gap in the Nordic queue. Ida has two open escalations. We have to move the macros. Last week was quiet. I have no update on the rota.\n",
        );
    }

    /// A numbered item whose own lines are a lettered list, as plain text writes one, is
    /// a list of its own: five lines of status there are a dump.
    #[test]
    fn lettered_lines_inside_a_numbered_item_are_a_list() {
        let text = "1. Goal: two new depots live by May.\n2. Where things stand:\n   a. Leeds lease signed\n   b. Racking installed in Derby\n   c. Fleet order placed\n   d. Site manager hired for Leeds\n   e. WMS config completed\n3. Ask: approve the Derby opening date.\n";
        assert_count(RULE, text, 1);
        let short = "1. Goal: two new depots live by May.\n2. Where things stand:\n   a. Leeds lease signed\n   b. Racking installed in Derby\n";
        assert_quiet(RULE, short);
    }

    /// Once three items of a list are status, an item that only states a fact or a number
    /// is the same report; with two status items, or an item that makes a point, it is not.
    #[test]
    fn status_lines_under_tags_count_up_to_the_first_line_that_is_not() {
        let updates = [
            "UPDATE: Complaint backlog cleared, 212 tickets closed since the 20th.",
            "UPDATE: New macro for lost-property replies is live.",
            "UPDATE: Two agents finished the accessibility training.",
            "UPDATE: Phone menu rework in progress with the vendor.",
            "UPDATE: Weekend rota for December is done.",
        ];
        let noticing = "NOTICING: A quarter of this month's complaints are about routes 17 and 17A, and most come from people who boarded the wrong one, because the side screens show the number but not the letter.";
        let ask = "DISCUSS: I'm asking you to get Fleet to add the letter to the side screens before January.";
        for sep in ["\n", "\n\n", "\r\n"] {
            let text = format!("{}{sep}{noticing}{sep}{ask}{sep}", updates.join(sep));
            let found = findings(RULE, &text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert!(
                found[0].message.starts_with("5 routine"),
                "{}",
                found[0].message
            );
            // The finding ends with the last update: the insight is not in it.
            assert!(
                !text[found[0].range.clone()].contains("NOTICING"),
                "{text:?}"
            );
        }
        // Four updates are under the threshold.
        let text = format!("{}\n{noticing}\n{ask}\n", updates[..4].join("\n"));
        assert_quiet(RULE, &text);
    }

    #[test]
    fn a_fact_among_status_items_is_status() {
        let list = "- Print queue moved to the new server\n- Laptop refresh done for finance\n- VPN certificates renewed\n- 4 new starters in January\n- Badge readers 70% replaced\n\nMy recommendation is to freeze desk moves until March.\n";
        assert_count(RULE, list, 1);
        let two = "- Print queue moved to the new server\n- Laptop refresh done for finance\n- 4 new starters in January\n- 3 sites on the old badge system\n- 2 printers left to replace\n\nMy recommendation is to freeze desk moves until March.\n";
        assert_quiet(RULE, two);
    }

    /// The passive tells done work too, with the thing done as its subject ("The loading
    /// bay was repainted"); a passive in the present ("The scanners are installed") or with
    /// a reason is not a report by itself.
    #[test]
    fn status_told_in_the_passive() {
        let prose = "The loading bay was repainted over the weekend. All twelve pallet jacks were serviced on Monday. Our returns shelf has been re-labelled. Also the night rota got sent to the agency. Kasia finished the fire drill report.\n";
        assert_count(RULE, prose, 1);
        assert_quiet(
            RULE,
            "The loading bay was repainted because the insurer asked. All twelve pallet jacks are serviced. Our returns shelf is a mess. Also the night rota is late. Kasia wants a second fire drill.\n",
        );
    }

    /// Inside a part only done work counts, and a paragraph of done work told with its
    /// subjects is done work: once three of its sentences tell it, the rest of the
    /// paragraph ("The new rota is live.") counts with them.
    #[test]
    fn a_paragraph_of_done_work_under_a_part_is_status() {
        let text = "Goal for the quarter: first reply under an hour on every priority ticket.\n\nThis week the team closed 380 tickets. Ida finished the macro audit on Monday. We onboarded three agents in Porto. I rewrote the escalation guide. The new rota is live in the weekend queue.\n\nMy ask: approve weekend overtime through January.\n";
        assert_count(RULE, text, 1);
        // Two reports and a status line do not make a paragraph of done work in a part.
        assert_quiet(
            RULE,
            "Goal for the quarter: first reply under an hour on every priority ticket.\n\nThis week the team closed 380 tickets. Ida finished the macro audit on Monday. The new rota is live in the weekend queue.\n\nMy ask: approve weekend overtime through January.\n",
        );
    }

    /// Status told with its subjects, in the past tense: "I rebuilt…", "Mara ran…", "The
    /// team migrated…", after a time ("This week", "On Monday"). A sentence that says why
    /// ("because …") is more than a report.
    #[test]
    fn status_told_with_subjects_in_the_past_tense() {
        let prose = "This week I rebuilt the forecast workbook. Mara ran two onboarding sessions for the new analysts. On Monday we reconciled the October accruals. The team migrated the expense tool to the new vendor. Then Ines and I interviewed four candidates for the payroll role.\n";
        assert_count(RULE, prose, 1);
        assert_quiet(
            RULE,
            "This week I rebuilt the forecast workbook. Mara ran two onboarding sessions for the new analysts. On Monday we reconciled the October accruals. The team migrated the expense tool to the new vendor. We slipped on payroll because the vendor's import drops retro pay, which is the real risk for January.\n",
        );
        // Not a subject and a past tense: plans and facts.
        assert_quiet(
            RULE,
            "I plan to rebuild the forecast workbook. Mara will run two sessions. We reconcile the accruals monthly. The team uses the new vendor. Ines and I interview on Fridays.\n",
        );
    }

    /// A possessive or a named team is a subject too: "Karim's team fixed…", "The data
    /// team moved…".
    #[test]
    fn status_told_with_possessive_and_team_subjects() {
        let prose = "Rui's squad closed the last two audit findings. The data team moved the nightly jobs to the new cluster. Ana's group trained the support leads on the new macros. Tomas's crew patched the billing exports. The design team handed over the settings mockups.\n";
        assert_count(RULE, prose, 1);
        // Their plans and facts are not reports.
        assert_quiet(
            RULE,
            "Rui's squad owns the audit findings. The data team will move the nightly jobs. Ana's group trains the leads monthly. Rui's squad is on call. Ana's group has four people.\n",
        );
    }

    /// Items nested under a toggle or a label that became a heading are the list; under
    /// an action item they stay with it.
    #[test]
    fn items_under_a_toggle_label_are_the_list() {
        let items = "    - Testing complete at 9 of 11 schools\n    - Tutor evaluations done\n    - Data-sharing agreement renewed\n    - Family literacy night held, 140 families\n    - Portal training in progress\n";
        for head in ["- ▸ **Updates**\n", "- Updates\n"] {
            assert_count(RULE, &format!("{head}{items}"), 1);
        }
        assert_quiet(RULE, &format!("- [ ] Dana: chase the schools\n{items}"));
    }

    /// A chat message pasted as one paragraph: a line of five reports is status though the
    /// lines around it make points; wrapped prose is judged as a whole paragraph.
    #[test]
    fn a_line_of_reports_in_a_chat_paragraph_is_status() {
        let reports = "we finished the template build. anesthesia signed off the questionnaire. i trained the 3 new MAs on the workflow. the kiosk check-in went live on tuesday. we also closed about 300 stale referrals.";
        let worry = "one thing i'm worried about: cancellations for missing labs went up after the template went live, because nobody owns ordering.";
        let ask = "need you to get the surgery chair to agree on wednesday.";
        for nl in ["\n", "\r\n"] {
            let text = [worry, reports, ask, ""].join(nl);
            let found = findings(RULE, &text);
            assert_eq!(found.len(), 1, "{text:?}");
            assert_eq!(&text[found[0].range.clone()], reports);
        }
        // The same words wrapped by hand across lines are one paragraph of prose: it makes
        // a point, so nothing is status.
        let wrapped = format!("{worry} {reports} {ask}")
            .replace(". ", ".\n")
            .replacen(" ", "\n", 3);
        assert_quiet(RULE, &wrapped);
    }

    /// Under a status heading, items written as paragraphs of one line each (a Word or
    /// Confluence export's numbered list) count as a list's items would; a line that makes
    /// a point does not.
    #[test]
    fn one_line_paragraphs_under_a_status_heading_are_items() {
        let items = "## 2. Updates\n\n2.1 Vehicle audit fieldwork completed for all 9 depots.\n\n2.2 Right-sizing review: draft report 70% complete.\n\n2.3 EV charger install at Bendigo – in progress.\n\n2.4 Pool car booking system upgrade completed.\n\n";
        assert_count(
            RULE,
            &format!("{items}2.5 Driver licence checks done for 312 staff.\n"),
            1,
        );
        assert_quiet(
            RULE,
            &format!("{items}2.5 My recommendation is to stop the pool-car pilot.\n"),
        );
    }

    /// A paragraph written as numbered lines counts its lines, not its sentences: four
    /// lines of numbers are no dump, whatever sentences one of them holds.
    #[test]
    fn a_paragraph_of_lines_counts_its_lines() {
        let lines = "## 2. Where things stand\n\n2.1 Repeat visits, November: 9.4%.\n2.2 Jobs closed: 2,118. Repeat: 199.\n2.3 Top causes: boilers (61), meters (40).\n2.4 Inspection date confirmed: 3 March.\n";
        assert_quiet(RULE, lines);
        let five = lines.replace(
            "2.4 Inspection",
            "2.4 Survey sent to all depots.\n2.5 Inspection",
        );
        assert_count(RULE, &five, 1);
        // A long line of prose is as many items as its sentences.
        let prose = "## Notes\nWe closed out the backlog on Monday. Jo ran two webinars. Karim's team fixed the export timeouts. We have moved the macros. We shipped the welcome email.\nQA is in progress.\n";
        assert_count(RULE, prose, 1);
        // Status pasted as a chat log, one message a line.
        let chat = "[10:01] sam: shipped the welcome email\n[10:01] sam: finished the field cleanup\n[10:02] sam: completed interviews\n[10:02] sam: help centre 80% migrated\n[10:03] sam: QA in progress\n";
        assert_count(RULE, chat, 1);
    }

    /// A table's prose cells under a status heading are its rows, not lines of their own;
    /// a risk told in the past under the insight is no report of work.
    #[test]
    fn table_cells_and_risks_are_not_one_line_items() {
        let rows = "| Hiring | Closed two offers and started onboarding this week |\n".repeat(5);
        assert_quiet(
            RULE,
            &format!("## Updates\n\n| Area | Notes |\n|---|---|\n{rows}"),
        );
        assert_quiet(
            RULE,
            "## What I'm seeing\nThe vendor missed the SLA twice. The customer escalated to their CEO. The renewal slipped to June. The account team lost its sponsor.\n",
        );
    }

    /// A thing or a trade as the subject of done work ("the rebar inspection passed
    /// wednesday", "the electrician started running conduit") reports it as "we" would.
    #[test]
    fn done_work_with_a_thing_as_its_subject() {
        let text = "we finished the footings on the north wall monday. the rebar inspection passed wednesday. pump truck came thursday and we poured the last of the pad. the electrician started running conduit for the dock doors. we also got the temp fence moved for the new laydown area.\n";
        assert_count(RULE, text, 1);
        let plain = text
            .replace("the rebar inspection passed", "rebar inspection passed")
            .replace("the electrician started", "electrician started");
        assert_quiet(RULE, &plain);
    }

    /// A tracker table (a row reads "Done") is status even under a part's label: its
    /// "In progress" and "70%" rows count too. A table of targets under a part does not.
    #[test]
    fn a_tracker_table_under_a_part_is_status() {
        let tracker = "Goal for the quarter: every site on the new badges before the audit.\n\n| Item | Owner | Status |\n|---|---|---|\n| Leeds readers | Tom | Done |\n| Cork readers | Ana | In progress |\n| Kiosk | Tom | 60% |\n| Policy | Sam | In progress |\n| Comms | Sam | Not started |\n";
        assert_count(RULE, tracker, 1);
        assert_quiet(
            RULE,
            "Goal for the quarter: retention back on plan.\n\n| Metric | Target | Now |\n|---|---|---|\n| Retention | 94% | 91% |\n| Expansion | 30% | 22% |\n| NPS | 45 | 38 |\n| Churn | 2% | 3% |\n| Time to value | 25 days | 38 days |\n",
        );
    }

    #[test]
    fn fires_at_five_status_items() {
        assert_count(RULE, DUMP, 1);
        assert_quiet(
            RULE,
            "## Updates\n- Shipped A\n- Finished B\n- Completed C\n- Merged D\n",
        );
    }

    /// Action items are commitments, not a report: checked or not, tagged or not, they
    /// are never counted, and they never move.
    #[test]
    fn action_items_are_never_status() {
        assert_quiet(RULE, "- [x] A\n- [ ] B\n- [x] C\n- [ ] D\n- [x] E\n");
        assert_quiet(
            RULE,
            "## Updates\n- [x] Shipped the welcome email\n- [x] Finished the field cleanup\n- DONE: completed interviews\n- TODO: migrate the help centre\n- [ ] QA in progress\n",
        );
        assert_quiet(
            RULE,
            "## Notes\nDONE: shipped A\nDONE: shipped B\nDONE: finished C\nDONE: merged D\nDONE: completed E\n",
        );
        // Status items beside them still count, and only they move.
        let text = format!("- [x] Shipped the audit log\n{DUMP}");
        let found = findings(RULE, &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("5 routine"), "{found:?}");
        let fixed = crate::fix_all(&text, &crate::Config::default());
        assert!(
            fixed.starts_with("- [x] Shipped the audit log\n"),
            "{fixed}"
        );
    }

    #[test]
    fn the_pre_read_and_asks_are_not_status() {
        let pre_read = DUMP.replace("## Updates", "## FYI (sent by email)");
        assert_quiet(RULE, &pre_read);
        assert_quiet(
            RULE,
            "## Asks\n- Budget for two contractors\n- An intro to their CFO\n- Approval to pause the beta\n- A decision on pricing\n- Air cover with Sales\n",
        );
        assert_quiet(
            RULE,
            "> - Shipped A\n> - Shipped B\n> - Shipped C\n> - Shipped D\n> - Shipped E\n",
        );
    }

    #[test]
    fn fix_moves_items_verbatim_into_a_new_pre_read() {
        let text = format!("# 1:1\n\nMy recommendation is to ship.\n\n{DUMP}\nThoughts?\n");
        assert_fix(
            RULE,
            &text,
            "Move the status items into a new pre-read part",
            "# 1:1\n\nMy recommendation is to ship.\n\n## Updates\n\nThoughts?\n\n## Pre-read (send before the meeting)\n\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n",
        );
    }

    /// K2: lone CRs and CRLFs end lines (and items) as LFs do.
    #[test]
    fn fixes_follow_the_files_line_endings() {
        let text = format!("# 1:1\n\nMy recommendation is to ship.\n\n{DUMP}\nThoughts?\n");
        let fixed = "# 1:1\n\nMy recommendation is to ship.\n\n## Updates\n\nThoughts?\n\n## Pre-read (send before the meeting)\n\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n";
        let appended = format!("{DUMP}\n## Pre-read\n- Hired a PM\n");
        let appended_fixed = "## Updates\n\n## Pre-read\n- Hired a PM\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n";
        let lines = "## Notes\nShipped A\nShipped B\nFinished C\nMerged D\nCompleted E\n\n## Pre-read\n\nHired a PM.\n";
        let lines_fixed = "## Notes\n\n## Pre-read\n\nHired a PM.\n\nShipped A\nShipped B\nFinished C\nMerged D\nCompleted E\n";
        for nl in ["\n", "\r", "\r\n"] {
            let with = |s: &str| s.replace('\n', nl);
            assert_fix(
                RULE,
                &with(&text),
                "Move the status items into a new pre-read part",
                &with(fixed),
            );
            assert_fix(
                RULE,
                &with(&appended),
                "Move the status items into the pre-read",
                &with(appended_fixed),
            );
            assert_fix(
                RULE,
                &with(lines),
                "Move the status items into the pre-read",
                &with(lines_fixed),
            );
        }
    }

    /// K3: over the budget, only whole lines move (an item the cut goes through stays where
    /// it is), and no fix edits text past the cut.
    #[test]
    fn over_the_budget_only_whole_lines_move() {
        let lines = |t: &str| {
            let mut v: Vec<String> = t
                .split(['\n', '\r'])
                .filter(|l| !l.trim().is_empty() && !l.starts_with("## Pre-read ("))
                .map(str::to_string)
                .collect();
            v.sort_unstable();
            v
        };
        let with_pre_read = format!("{DUMP}- Shipped the last one\n\n## FYI\n- Hired a PM\n");
        let items_first = "- Shipped the welcome email\n- Finished the cleanup\n  - nested\n";
        let status_lines = "Shipped the welcome email\nFinished the cleanup\nMerged it\n\nDone.";
        for (lf, nl) in [with_pre_read.as_str(), items_first, status_lines]
            .into_iter()
            .flat_map(|t| ["\n", "\r\n", "\r"].map(|nl| (t, nl)))
        {
            let text = lf.replace('\n', nl);
            for budget in 1..text.len() {
                let mut config = crate::Config::default();
                config.thresholds.max_bytes = budget;
                config.thresholds.status_dump_items = 1;
                let analysed = crate::Agenda::parse(&text, budget).analysed;
                for d in crate::check(&text, &config) {
                    for e in d.fixes.iter().flat_map(|f| &f.edits) {
                        assert!(
                            e.range.end <= analysed || e.range == (text.len()..text.len()),
                            "{}: {e:?} past the cut at {analysed} in {text:?}",
                            d.rule
                        );
                    }
                }
                let fixed = crate::fix_all(&text, &config);
                assert_eq!(lines(&fixed), lines(&text), "budget {budget}: {fixed:?}");
            }
        }
    }

    /// K5, K6, K7 and the cases the property tests found: wherever the pre-read and the
    /// labels sit, the move inserts nowhere it deletes, keeps every line once, and leaves
    /// nothing for status-dump to find.
    #[test]
    fn the_move_settles_wherever_the_pre_read_is() {
        let item = "- Shipped the new welcome email\n  - nested detail\n";
        let five = item.repeat(5);
        let outcome =
            "**Outcome:** The most important outcome I'm focused on right now is retention.";
        let texts = [
            // A pre-read label whose range takes in a line of a paragraph a label splits.
            format!("{five}\n**Pre-read:** see the doc.\n\nThe most important outcome I'm focused on right now is lifting upgrades.\n{outcome}"),
            format!("**Pre-read:** the deck.\nAlso the sheet.\n🎯 {outcome}\n\n{five}"),
            // A label continuing an item (K6), a pre-read label continuing one (K5).
            format!("- Shipped the new welcome email\n  continued on the next line\n{outcome}\n\n{}", item.repeat(4)),
            format!("{five}**Pre-read:** see the doc.\n\n# 1:1 with Dana"),
            format!("{}**Pre-read:** see the doc.\n\n{}", item.repeat(2), item.repeat(3)),
            format!("{}\n**Pre-read:** see the doc.\n\n{item}", item.repeat(4)),
            // A heading inside an item (K5), a pre-read label in a nested item.
            format!("{five}- Closed it\n  ## Pre-read\n  - Hired a PM\n"),
            format!("- Atlas\n  - **FYI:** sent\n{}", "  - Shipped A\n".repeat(5)),
            // A section inside the pre-read (K7).
            format!("## Pre-read (emailed Monday)\n\n### What I'm seeing\n\n{}", item.repeat(4)),
            format!("## Pre-read\n\n- Hired a PM\n\n**Risk:** the vendor.\n\n### Seeing\n\n{five}"),
            // Found with lone CRs: a fence and an HTML block after a list.
            format!(
                "{}```\n- Shipped inside a code block\n- Done\n```\n\n{}\n<!-- a comment -->",
                item.repeat(2),
                item.repeat(4)
            ),
        ];
        let lines = |t: &str| {
            let mut v: Vec<String> = t
                .split(['\n', '\r'])
                .filter(|l| !l.trim().is_empty() && !l.starts_with("## Pre-read (send"))
                .map(str::to_string)
                .collect();
            v.sort_unstable();
            v
        };
        for nl in ["\n", "\r\n", "\r"] {
            for text in &texts {
                let text = text.replace('\n', nl);
                let found = findings(RULE, &text);
                assert_eq!(found.len(), 1, "{text:?}");
                let fix = &found[0].fixes[0];
                for ins in fix.edits.iter().filter(|e| e.range.is_empty()) {
                    assert!(
                        !fix.edits
                            .iter()
                            .any(|d| d.range.start < ins.range.start
                                && ins.range.start < d.range.end),
                        "inserts inside its own deletion: {text:?}"
                    );
                }
                let fixed = crate::fix_all(&text, &crate::Config::default());
                assert_eq!(lines(&fixed), lines(&text), "{text:?}\n{fixed:?}");
                assert_quiet(RULE, &fixed);
            }
        }
    }

    #[test]
    fn fix_appends_to_an_existing_pre_read_list() {
        let text = format!("{DUMP}\n## Pre-read\n- Hired a PM\n");
        assert_fix(
            RULE,
            &text,
            "Move the status items into the pre-read",
            "## Updates\n\n## Pre-read\n- Hired a PM\n- Shipped the welcome email\n- Finished the field cleanup\n- Completed interviews\n- Help centre 80% migrated\n- QA in progress\n",
        );
    }
}
