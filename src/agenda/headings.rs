//! What a heading or a label names: the part it starts, from the heading vocabulary.

use super::*;

/// Classifies a heading's or bold label's words.
pub fn classify_heading(title: &str) -> Option<PartKind> {
    let norm = normalise(title);
    let rx = heading_patterns();
    let stripped = rx.numbering.replace(&norm, "");
    if rx.pre_read.is_match(&stripped) {
        return Some(PartKind::PreRead);
    }
    // The earliest part named wins ("Risks and asks" is an insight); a part beats a
    // status word ("This week's ask" is a leadership move).
    [
        (PartKind::Outcome, &rx.outcome),
        (PartKind::Insight, &rx.insight),
        (PartKind::Move, &rx.moves),
    ]
    .into_iter()
    .filter_map(|(kind, re)| re.find(&stripped).map(|m| (m.start(), kind)))
    .min_by_key(|(pos, _)| *pos)
    .map(|(_, kind)| kind)
    .or_else(|| rx.status.is_match(&stripped).then_some(PartKind::Status))
}

/// Classifies a plain `Name:` label: only a part's exact name counts.
pub(super) fn classify_plain_label(label: &str) -> Option<PartKind> {
    let norm = normalise(label);
    let rx = heading_patterns();
    let stripped = rx.numbering.replace(&norm, "");
    if rx.exact_label.is_match(&stripped) {
        classify_heading(label)
    } else {
        None
    }
}

pub(super) struct HeadingPatterns {
    pub(super) numbering: Regex,
    pub(super) pre_read: Regex,
    pub(super) status: Regex,
    pub(super) outcome: Regex,
    pub(super) insight: Regex,
    pub(super) moves: Regex,
    pub(super) exact_label: Regex,
}

pub(super) fn heading_patterns() -> &'static HeadingPatterns {
    static P: OnceLock<HeadingPatterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |p: &str| {
            Regex::new(&crate::patterns::ascii_word_boundaries(p)).expect("heading pattern compiles")
        };
        HeadingPatterns {
            numbering: re(r"^(?:(?:part|step|section)\s+)?(?:\d{1,2}|[ivx]{1,4}|[a-c])\s*[.):—–-]\s*|^#\d+\s+|^(?:part|step)\s+\d+\s*[:.—–-]?\s*|^\d{1,2}\s+"),
            pre_read: re(r"\b(?:pre-?read|pre reads?|read-?ahead|e-?mail(?:ed)?|fyi|f\.y\.i|async|asynchronous|before (?:the|our|this|each|every) (?:meeting|1:1|one-on-one|sync|call|chat)|before we (?:meet|talk|sync|chat)|ahead of (?:the|our|this) (?:meeting|1:1|sync|call|chat)|sent|slacked|posted|shared (?:via|by|over|in|on)|in advance|for reference|appendix|for (?:your )?(?:awareness|information|the record|reading)|no (?:need to discuss|discussion needed|action needed)|not for discussion|read[- ]only|to read|reading|skim|written update|background reading)\b"),
            status: re(r"\b(?:updates?|status|progress|what i did|what we did|this week|last week|accomplishments|highlights|recap|activity|activities|completed|shipped|done|wins|in numbers|by the numbers|kpis|metrics|what happened|where we are|where things stand)\b"),
            outcome: re(r"\b(?:outcomes?|impact|results?|what i'm driving|driving|goals?|objectives?|priority|priorities|north star|why (?:it|this) matters|what matters|target|focus|aim|the win|success|what success looks like|where i'm (?:steering|headed|heading|taking (?:this|it|the team))|where we're (?:headed|heading|going)|trying to (?:achieve|accomplish|deliver|move)|want to (?:achieve|accomplish))\b"),
            insight: re(r"\b(?:insights?|what i'm seeing|seeing|observations?|risks?|patterns?|signals?|blockers?|learnings?|what i(?:'ve)? learned|concerns?|trends?|findings?|noticing|noticed|hearing|what(?:'s| has)? changed|watch-? ?outs?|red flags?|worr(?:y|ies)|takeaways?|lessons?|my read|the read|problems?|issues?|challenges?|hypothes[ie]s|diagnosis|what the data says|telling (?:me|us)|what i've seen|what stands out|in the way|what's blocking|what's stopping|obstacles?|headwinds?)\b"),
            moves: re(r"\b(?:leadership move|moves?|asks?|recommendations?|decisions?|decid(?:e|ed|ing)|next moves?|next steps?|what i need|need from you|need you|needs?|requests?|support|proposals?|trade-?offs?|help|your input|asking|approvals?|sign-?off|recommend|the call|proposed plan|action plan|my plan|the plan)\b"),
            exact_label: re(r"^(?:the |my |our )?(?:outcome|impact|result|goal|objective|target|focus|driving|what i'm driving|the win|why it matters|insight|what i'm seeing|what i'm noticing|what i've noticed|seeing|noticing|observation|risk|risks|pattern|signal|blocker|blockers|concern|problem|issue|hypothesis|read|leadership move|move|ask|asks|recommendation|decision|decisions|decision needed|next move|next steps?|what i need|need from you|need|needs|request|requests|proposal|trade-?off|help needed|pre-?read|fyi|updates?|status)$"),
        }
    })
}
