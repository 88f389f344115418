//! The pattern catalogue: the language the rules recognise.
//!
//! Every pattern runs on a *normalised* sentence (see [`normalise`]): lower case, curly
//! quotes and apostrophes made straight, whitespace collapsed, leading bullets, quotes
//! and emoji removed. Only the linear-time `regex` crate is used, so no input can make
//! matching backtrack; each group below is one `RegexSet`, compiled once, and a sentence
//! is judged by a handful of set matches whatever its length.
//!
//! Two conventions keep the sets fast. Windows between words are unbounded loops over a
//! class that stops at sentence punctuation (`[^.;]*?`), never counted repetitions such
//! as `{0,60}`, which multiply the automaton's size; and, because normalised text has
//! only single spaces and the catalogue's words are ASCII, [`expand`] turns `\s` into a
//! space and `\w`, `\b` into their ASCII forms. A `RegexSet` then stays small enough for
//! the lazy DFA, and each set costs well under a microsecond per sentence.
//!
//! # Word classes
//!
//! Patterns are written against *word classes* rather than example sentences. A pattern
//! names a class as `{name}`; [`CLASSES`] holds the alternations (who can be the subject of
//! a report, what counts as a meeting, a period of time, a deadline, a decision verb, a
//! vague object such as "this" or "the plan", …). "Had a couple of long calls with the
//! vendor" is recognised because *had* + a count + up to two words + a `{meeting}` noun
//! is an activity report, not because that sentence is listed anywhere.
//!
//! # The groups
//!
//! - **Activity reports and empty openings** (anchored at the start of the sentence): a
//!   subject with a busy verb ("the team's been super busy with…", "we're still chasing…"),
//!   diary style without a subject ("Spent most of the week in interviews", "Continued work
//!   on…"), meetings held ("Had a few calls with…", "Ran three workshops"), period
//!   summaries ("Solid week for the team", "It's been a lot"), busy-ness ("Lots of fires this
//!   week", "Too many meetings"), announcements of an update ("Quick one this week", "Here's
//!   where things stand"), nothing to say ("Nothing major to flag", "All good"), waiting,
//!   and "more next week" non-moves ("Keep going on…", "Will keep you posted").
//! - **Hand-offs** (the whole sentence, start to end): "let me know / shout / ping me" with
//!   what-you-think, how-you-want-to-handle-*anything*, if-you-have-questions-*about
//!   anything*, if-anything-jumps-out; "Thoughts?" and its kin with a vague object
//!   ("Thoughts on the reorg?"); what/how-should-we questions; offers to discuss ("Happy to
//!   go deeper on any of these"); deference ("Up to you how we play this", "Whatever works
//!   for you", "I'll follow your lead"); "feedback welcome", "would love your input on how
//!   to…", "not sure what the right move is". A hand-off never carries a view, so a
//!   sentence that also makes an explicit recommendation is not one.
//! - **Open questions** ("Should we push the launch?", "Do you want me to escalate?"):
//!   yes/no questions about what to do. The hand-off rule reports them only when the next
//!   sentence of the same block does not answer them with a view.
//! - **Asks** (anywhere in the sentence), in two strengths. *Views* state a position: the
//!   four starters, recommend/propose/suggest, "I'd push for / go with / rather",
//!   decisions made ("I've decided", "I'm shutting… down", "unless you object"), decisions
//!   due ("We have to decide by Friday whether…"), tradeoffs ("either we… or…"), needs
//!   ("I need your sign-off", "The one thing I need is…"), approval questions ("Approve
//!   the two hires?", "OK to freeze…?"). *Request forms* ("Could you…?", "Can you back me
//!   on…?", "We should…", "Let's…") are asks unless the sentence is a hand-off ("Can you
//!   let me know what you think?").
//! - **Outcome statements**: the result driven or owned ("The win I'm going after…", "I'm
//!   on the hook for…", "The number I care about…", "…is the bar"), what matters most, and
//!   targets: a change verb or a metric moving to a number before a deadline ("from 61%
//!   to 75% by the end of the year", "Launch… by 1 October").
//! - **Insight statements**: seeing/noticing/learning, "the real/common X is", a read or
//!   hypothesis, worries, what the data shows, interpretive links ("which means", "that
//!   usually means", "which tells me"), reframes ("It's not carelessness; …", "isn't slow;
//!   we…"), consequences ("is costing us"), correlations ("double on nights when", "twice as
//!   often"), and concentration ("Almost all of the gap comes from…", "Five of the last
//!   seven P1s came from…").
//! - **Routine status items** (judged on list items and bullet-less status lines): past-
//!   tense openings ("Shipped…", "Sat in on…"), a subject with a participle at the end
//!   ("Beta shipped to ten partners", "Docs in review"), status words, percentages,
//!   fractions ("2 of 3 offers"), "Metric: 38%" lines, ✅-style marks. Status words such as
//!   *blocked* or *delayed* are weak ([`StatusStrength::Weak`]): inside an insight or a
//!   leadership move they describe a risk, not progress. An item that also asks, states an
//!   outcome or interprets is not status, and "-ed" words that are not past tense
//!   ([`NOT_PAST_TENSE`]) do not count.
//! - **Status cells**: a table cell that is nothing but a status value ("Done", "In
//!   progress", "✅", "80%"), for status tables.
//! - **Hedges** that soften an ask ("maybe", "I was wondering if", "if you have time").
//! - **Preambles** that are not the opening of an agenda ("Hi Dana!", "Date: …").
//!
//! `docs/patterns.md` describes the catalogue for users; its examples are checked by the
//! `the_documented_examples_hold` test below. `tests/fixtures/` holds whole agendas with
//! their expected findings.

use regex::RegexSet;
use regex_automata::nfa::thompson::{self, pikevm};
use regex_automata::{hybrid, Anchored, Input};
use std::cell::RefCell;
use std::sync::OnceLock;

mod normalise;

pub use normalise::{normalise, normalise_into};

/// Word classes, spliced into patterns where they say `{name}`.
pub const CLASSES: &[(&str, &str)] = &[
    // Who reports activity.
    (
        "subj",
        r"(?:i|we|we all|everyone|everybody|folks|(?:the |my |our )?(?:team|squad|crew|group|org|department|engineers|devs|designers|analysts|reps|leads|managers)|[a-z]+ and i)",
    ),
    // "is", "has been", …, after a subject.
    (
        "be",
        r"(?:'re|'m|'s| are| am| is| was| were|'ve been| have been| has been|'s been| had been)",
    ),
    // Intensifiers and hedges that sit between the verb and what it reports.
    (
        "adv",
        r"(?:(?:still|currently|really|super|very|so|pretty|mostly|mainly|just|all|also|again|basically|largely|totally|quite|heavily|deep)\s+)*",
    ),
    // Verbs (with their particle) that report being busy rather than a result.
    (
        "busy",
        r"(?:working|plugging|chipping|grinding|pushing through|chugging|heads[- ]down|head down|busy|swamped|slammed|buried|juggling|chasing|waiting|looking into|digging into|making progress|progressing|continuing|wrapping up|finishing up|trying to|figuring out|cranking|focused on|focusing on|spending|handling|dealing with|firefighting|fire-fighting|fighting fires|putting out fires|catching up|working through|ploughing through|plowing through|getting through|knocking out|in the weeds|deep in|neck deep|stretched|underwater|flat out|doing)",
    ),
    // What a meeting is called.
    (
        "meeting",
        r"(?:meetings?|calls?|syncs?|chats?|conversations?|discussions?|workshops?|sessions?|reviews?|1:1s|1:1|one-on-ones?|check-?ins?|offsites?|stand-?ups?|retros?|demos?|interviews?|huddles?|catch-?ups?|debriefs?|kick-?offs?|planning|walkthroughs?|presentations?|qbrs?|all-hands|sprints?|hackathons?|trainings?|site visits?|visits?|trips?|dinners?|lunches?|webinars?|roadshows?|events?)",
    ),
    // A count or determiner before a noun.
    (
        "count",
        r"(?:a|an|the|some|several|two|three|four|five|six|seven|eight|ten|a few|a couple of|a couple|a bunch of|a lot of|lots of|many|multiple|numerous|our|my|more|another|endless|back-to-back|\d+)",
    ),
    // A stretch of time a report covers.
    (
        "period",
        r"(?:week|weeks|sprint|sprints|month|fortnight|day|days|few days|few weeks|couple of days|couple of weeks|quarter|cycle|stretch|period|morning|afternoon)",
    ),
    // Adjectives that summarise a period without saying anything.
    (
        "busyadj",
        r"(?:busy|crazy|hectic|long|full|packed|wild|good|great|productive|solid|quiet|slow|rough|tough|intense|eventful|heavy|big|hard|messy|chaotic|interesting|fun|short|light|strange|weird|odd|mixed|okay|ok|decent|steady|normal|typical|usual|whirlwind|challenging|exhausting|crazy busy)",
    ),
    // Quantities of busy-ness.
    (
        "quant",
        r"(?:lots of|plenty of|a lot of|tons of|loads of|a ton of|a bunch of|so many|too many|way too many|endless|non-?stop|back-to-back|a string of|a flurry of|a mountain of|a pile of|a wave of)",
    ),
    // What a busy period is full of.
    (
        "busynoun",
        r"(?:fires|firefighting|fire-?drills|meetings|calls|interviews|syncs|escalations|context[- ]switching|back-to-backs|moving parts|travel|admin|interruptions|pings|emails|slack|paperwork|reviews|chaos|noise|requests|tickets|threads|stuff|things|work|activity|movement|progress)",
    ),
    // A vague object: the kind a hand-off points at.
    (
        "obj",
        r"(?:it|this|that|these|those|them|the above|all (?:of )?(?:this|that|these|the above|it)|any (?:of )?(?:this|that|these|those|the above|it)|anything(?: (?:here|above|else|in here))?|(?:the|this|that|these|those|our|my|your|its|their|any) [^.!?;:,]+?)",
    ),
    // Words that may trail a hand-off without giving it a view.
    (
        "tail",
        r"(?:\s+(?:here|now|then|too|as well|again|first|live|later|offline|in person|in the meeting|in our 1:1|in the 1:1|on our call|on the call|when we meet|when we talk|when we chat|when we sync|tomorrow|today|this week|next week|if (?:useful|helpful|needed|you like|you want|you'd like|that helps|that's helpful|you have time)|as always|as usual|anytime|any time|whenever|more|further|in (?:more )?detail|through|over|asap|please|thanks|thank you|at some point|sometime|soon))*",
    ),
    // Decision verbs in their base form: what someone decides to do.
    (
        "decide",
        r"(?:make|move|ship|pilot|launch|hire|pause|stop|start|switch|cut|test|run|drop|kill|sunset|delay|push|take|give|try|freeze|consolidate|merge|split|migrate|rebuild|rewrite|replace|retire|raise|lower|reduce|open|close|offer|require|add|remove|invest|fund|reassign|reorg|restructure|escalate|outsource|adopt|standardi[sz]e|automate|renew|cancel|extend|expand|limit|cap|prioriti[sz]e|deprioriti[sz]e|focus|double down|bet|commit|go with|default|roll out|roll back|phase|stage|shut|turn off|bring|hold|keep|use|build|buy|sign|spend|staff|charge|price|drop|move)",
    ),
    // A long-horizon deadline: a quarter, a month, an event.
    (
        "deadline",
        r"(?:by|before|ahead of|in time for|until|through|for|in)\s+(?:the\s+)?(?:end of (?:the )?(?:q[1-4]|quarter|year|month|half|h[12]|fiscal year|sprint|season)|eo[qmy]|year[- ]?end|quarter[- ]end|month[- ]end|q[1-4]|h[12]|fy ?\d\d|(?:next|this) (?:quarter|month|half|year)|year|quarter|half|(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|(?:holiday|holidays|spring|summer|fall|autumn|winter|peak|launch|renewal|campaign|freeze|board meeting|deadline|planning deadline|close|audit|ipo|conference)|\d{1,2}(?:st|nd|rd|th)\b)",
    ),
    // Verbs that move a result toward a target, in the base or -ing form.
    (
        "target",
        r"(?:cut|cutting|reduce|reducing|lower|lowering|grow|growing|increase|increasing|lift|lifting|raise|raising|improve|improving|double|doubling|triple|halve|halving|hit|hitting|reach|reaching|land|landing|close|closing|sign|signing|ship|shipping|launch|launching|deliver|delivering|retain|retaining|win|winning|renew|renewing|convert|migrate|migrating|complete|completing|pass|passing|achieve|achieving|drive|driving|save|saving|end|ending|eliminate|eliminating|staff|staffing|fill|filling|open|opening|go live|going live|roll out|rolling out)",
    ),
    // A number with an optional unit.
    (
        "num",
        r"\$?\d[\d.,]*\s*(?:%|x|k|m|bn|ms|s|sec|seconds|minutes|mins|hours|hrs|h|days|weeks|points|pts|bps|nps|percent)?",
    ),
    // People and groups whose behaviour is a signal.
    (
        "who",
        r"(?:customers|users|buyers|prospects|partners|resellers|reps|accounts|teams|clients|candidates|agents|engineers|people|folks|trials|trial users|admins|champions|managers|developers|shoppers|readers|members|stakeholders|leads|deals|workspaces)",
    ),
];

/// Optional lead-in words that do not change what a sentence does ("So,", "Anyway,").
const LEAD: &str = r"^(?:(?:hi|hey|hello|morning)(?: [a-z]+)? ?[,!:;—–-]+ ?)?(?:(?:so|ok|okay|well|hi|hey|alright|anyway|anyways|overall|honestly|basically|also|again|and|but|otherwise|other than that|as always|that said|in short|tl;?dr|finally|lastly|last|one more thing|re|fyi|btw|p\.?s\.?|oh|oh and|plus)[,!.:;—–-]?\s+)*";

/// A trailing run of anything but letters and digits: punctuation, emoji, closing quotes.
const END: &str = r"[^\p{L}\p{N}]*$";

/// Activity reports and openings that say nothing. Anchored at the start of the sentence.
const ACTIVITY: &[&str] = &[
    // A subject with a busy verb: "We're still working on…", "The team's been super busy".
    r"{subj}{be}\s+{adv}{busy}",
    r"{subj}(?:'ve| have| has)?\s+{adv}(?:worked|spent (?:the|this|most|much|a lot|all|half|time|some|a good|my|our|a ton|ages|days|weeks|hours)|did a lot|been (?:in|on|at|out|away|travel+ing|around))\b",
    // Diary style, no subject: "Spent most of the week in interviews", "Been heads-down on…".
    r"(?:(?:still|currently|mostly|mainly|just|also|again|have|had)\s+)*(?:spent (?:the|this|most|much|a lot|all|half|time|some|a good|my|our|a ton|ages|days|weeks|hours|another)|spending (?:the|this|most|much|a lot|all|time|my|our)|been (?:busy|heads|head|working|swamped|slammed|buried|focused|focusing|spending|juggling|chasing|doing|in|on|at|out|away|deep|knee|neck|underwater|stretched|pretty|super|really|mostly|mainly|all|a)|worked on|working on|continued (?:work|working|to|with|on|our|my|the)|continuing (?:work|to|with|on|the|our|my)|kept (?:busy|working|going|at|on|pushing)|keeping busy|mostly (?:heads|working|focused|busy|in)|heads[- ]down|head down|busy with|busy on|plugging away|chipping away|grinding (?:away|on|through)|chasing|juggling|firefighting|fighting fires|putting out fires|focused on|focusing on|working through|in the weeds|deep in|buried in|swamped with|slammed with|drowning in|wrapped up in|tied up)",
    // Subject and a continuing verb: "Still waiting on legal", "Currently working on…".
    r"(?:still|currently|continuing|continued|keep|keeping|kept)\s+(?:working|waiting|chasing|pushing|plugging|chipping|grinding|to work|to push|to chip|to make progress|busy|on it|at it|going|plugging away|chipping away|iterating|investigating|looking|digging|tweaking|polishing|refining|cleaning up)",
    // Meetings held: "We met with Sales", "Had a couple of long calls with…", "Ran three workshops".
    r"(?:{subj}\s+|[a-z]+(?: and [a-z]+)?\s+)?(?:met\s+(?:with|up|on|about|again|to discuss|several|a few|twice|three times|weekly|daily|regularly|a lot|lots)|sat down with|caught up with|synced\s+(?:with|on|up)|spoke\s+(?:with|to)|talked\s+(?:with|to|about|through)|chatted\s+(?:with|about|to)|connected\s+with|touched base|checked in with|got together with|jumped on (?:a )?calls?)",
    r"(?:{subj}\s+)?(?:had|have had|'ve had|did|held|ran|hosted|facilitated|attended|joined|sat in on|went to|presented at|organi[sz]ed|set up|scheduled|kicked off)\s+(?:{count}\s+)?(?:[\w'-]+\s+){0,2}{meeting}\b",
    // Reports led by their period: "This sprint the team shipped…", "Monday I spent…".
    r"(?:(?:this|last|past|the past|previous|over the (?:past|last)|earlier this|so far this)\s+{period}|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|yesterday|today))\s*,?\s+{subj}\s+{adv}(?:worked|spent|did|focused|was|were|had|met|kept|continued|made|finished|wrapped|shipped|got|started|have been|'ve been|has been|'s been|closed|launched|ran|held|attended|caught up|synced|delivered|completed|landed|hired|interviewed|onboarded|fixed|released|migrated|reviewed|wrote|presented|organi[sz]ed|handled|dealt|juggled|chased|moved|pushed|cleared|published)\b",
    r"(?:this|last|the|my|our)\s+{period}\s+(?:was|has been|'s been)\s+(?:(?:pretty|really|very|quite|super|mostly|all|a bit)\s+)?(?:about|mostly|all about|spent|full of|dominated by|consumed by|eaten by|eaten up by|taken up by|a blur|a lot|full on|full-on|busy|hectic|crazy|intense|packed|long|quiet|slow|chaotic|wild|heavy|{busyadj})\b",
    // Announcing an update instead of making a point: "Just a quick update", "Quick one this week".
    r"(?:just\s+)?(?:a\s+|some\s+|a few\s+|a couple of\s+|my\s+|our\s+|the\s+|this week's\s+|today's\s+)?(?:quick|brief|short|small|little|weekly|biweekly|monthly|general|overall|high[- ]level|usual|regular|latest|few|couple of|progress|status|team|project)\s+(?:update|updates|recap|rundown|summary|status|overview|round-?up|readout|report|notes|note|one|fyi|heads[- ]up|check[- ]in|sync|catch[- ]up)(?:$|[\s:,.!;—–-])",
    r"just\s+(?:a\s+)?(?:update|updates|note|notes|fyi|heads[- ]up|check[- ]in|recap|status|sync|checking|touching|wanted|a reminder|catching up|following up|looping|keeping you)",
    r"(?:update|updates|status|progress|news|recap|rundown|overview|summary|notes)\s+(?:on|for|from|re|regarding|about|of|this week|since|as of|so far|to date|from my side|from me|from the team)\b",
    r"(?:here(?:'s| is| are)|this is)\s+(?:where|what|how)\s+(?:things|it|the team|my team|stuff|everything|the project|the work|each project|each|all|the week|my week|our week|the sprint|the month)\b",
    r"(?:here(?:'s| is| are)|this is)\s+(?:where|what|how)\s+(?:i|we)(?:(?:'ve| have)\s+(?:been|done|got|covered|worked|spent)|\s+(?:did|worked|spent|got|covered|stand|are|am|were|was)|'re|'m)\b",
    r"here(?:'s| is| are)\s+(?:a|an|my|our|the|some|this week's|the latest|the usual|a few|your)\s+(?:[\w'-]+\s+)?(?:update|updates|recap|rundown|summary|status|progress|list|notes|round-?up|overview|report|readout|snapshot)",
    r"(?:where|how)\s+(?:things|we|it|everything|the project|the work|stuff)\s+(?:stand|stands|are|is|landed|ended up|went|are at|'re at)\b",
    r"(?:the\s+)?latest\s+(?:on|from|with|news)\b",
    // Period summaries: "Busy week!", "Solid week for the team", "It's been a lot".
    r"(?:(?:a|an|another|one|the|what a|such a|quite a|it's been a|it's been an|it was a|it was an|this was a|that was a|it has been a|been a|had a|we had a|i had a)\s+)?(?:(?:really|very|pretty|super|quite|rather|bit of a|somewhat|fairly|kind of a|kinda|relatively|crazy|insanely)\s+)?{busyadj}\s+(?:and\s+{busyadj}\s+|(?:but|yet)\s+{busyadj}\s+)?{period}\b",
    r"(?:it's|it has|it|this has|this week has|the week has|the sprint has|the month has|today has|things have|life has)\s+been\s+(?:a lot|a ride|a grind|a whirlwind|a blur|nonstop|non-stop|hectic|crazy|busy|intense|chaotic|wild|full on|full-on|a slog|a week|a sprint|a month|a day|one of those weeks|quite the week|quite a week|a journey)",
    r"(?:it's|it was|this was|that was|things are|things were|(?:this|the|last) (?:week|sprint|month) (?:was|has been))\s+(?:(?:pretty|really|very|quite|super|a bit)\s+)?(?:a lot|a ride|a grind|a whirlwind|a blur|hectic|crazy|busy|intense|chaotic|wild|full on|full-on|a slog|one of those weeks|quite the week|nonstop|non-stop)(?:$|[.!,;:—–-]|\s+(?:week|sprint|month|day|stretch|around here|lately|recently|this week|out there|as usual|but|and|with|over here|right now))",
    r"what a\s+(?:{period}|ride|stretch|whirlwind)",
    // Busy-ness as content: "Lots of fires this week", "Too many meetings".
    r"{quant}\s+(?:[\w'-]+\s+)?{busynoun}\b",
    r"(?:lots|plenty|a lot|tons|loads|so much|too much|heaps)\s+(?:going on|happening|happened|to cover|on the go|on my plate|on our plate|in flight|in motion)",
    r"(?:the\s+)?usual(?:\s*[,.!:;—–-]|$|\s+(?:stuff|things|chaos|fires|mix|meetings|reviews|updates|busy|week|suspects|grind|routine))",
    // Nothing to say: "Not much to report", "Nothing major to flag", "No updates".
    r"not\s+(?:much|a lot|a ton|anything major|too much|a whole lot|anything new|anything big)(?:\s+(?:new|to report|to share|to flag|to add|to mention|going on|happening|has changed|changed|to update|news|this week|since|here|else|on my end|from me)|[.!]*$)",
    r"nothing\s+(?:much|major|big|new|significant|special|really|to report|to share|to flag|to add|to mention|has changed|changed|else|notable|exciting|of note|dramatic|urgent|pressing)",
    r"no\s+(?:major|big|real|significant|new|important|notable|big)?\s*(?:updates|update|news|changes|change|surprises|drama|issues|concerns)\b",
    r"same as (?:last|the last|before|usual|always)",
    r"(?:things|everything|all|it|stuff|work|the project|the team|projects|the work)\s*(?:is|are|'s|'re|remains?|looks?|seems?|feels?|has been|have been|keeps?)\s+(?:\w+\s+)?(?:unchanged|the same|as before|on track|good|fine|ok|okay|going well|going ok|going fine|going smoothly|moving along|progressing|steady|stable|green|smooth|humming|ticking along|rolling|in good shape|in a good place|under control|on schedule|plugging along|chugging along|getting there)(?:$|[.!,;:—–-]|\s+(?:overall|so far|for now|this week|as planned|as expected|generally|mostly|i think|but|and|with|nicely|well|again|too|as well|as usual))",
    r"all (?:good|fine|quiet|on track|green|steady|smooth)",
    r"(?:getting|we're getting|we are getting|slowly getting)\s+there(?:$|[.!,;:—–-]|\s+(?:though|slowly|i think|but|and))",
    // Progress without a result: "Progress continues on…", "Making good progress".
    r"progress\s+(?:continues|continued|is (?:being made|ongoing|steady|good|slow)|has been (?:made|steady|good|slow)|on\b|update|report|is happening)",
    r"(?:making|made|we're making|we are making|we made|i made|we've made|good|steady|slow|some|solid)\s+(?:good|steady|some|solid|great|decent|real|lots of|a lot of|more|slow|incremental)?\s*progress",
    r"(?:work|things|the work|efforts?|the project|development|the migration|the rollout)\s+(?:continues|continue|is continuing|are continuing|is ongoing|are ongoing|is underway|are underway|progressing|is progressing|chugs on|grinds on)",
    r"(?:[\w'-]+\s+){1,5}(?:continues|continue|is continuing|are continuing|chugs on|grinds on|carries on|rolls on|keeps going|goes on)(?:$|[.!,;:—–-]|\s+(?:as planned|apace|this week|on schedule|slowly|steadily|and|but))",
    r"(?:moving|chugging|plugging|ticking|rolling|humming|coming)\s+along",
    r"(?:[\w'-]+\s+){1,5}(?:is|are)\s+(?:still\s+|currently\s+|now\s+)?(?:in progress|ongoing|underway|in flight|being worked on|wip|progressing|moving along|on track|in motion)(?:$|[.!,;:—–-]|\s+(?:and|but|with|as planned|for now|this week|again))",
    // Waiting: "Still waiting on legal".
    r"(?:{subj}{be}\s+)?(?:still\s+)?(?:waiting|holding|blocked|stuck)\s+(?:on|for|behind)\b",
    // Check-ins: "Wanted to check in", "Catching up".
    r"(?:i|we)\s+(?:just\s+)?(?:wanted|want|thought i'd|thought we'd)\s+to\s+(?:give|share|provide|send|run|walk)\s+(?:you\s+)?(?:a|an|some|my|the|through)\s+(?:quick\s+|brief\s+)?(?:update|recap|status|rundown|heads[- ]up|summary|overview)",
    r"(?:i\s+)?(?:just\s+)?(?:wanted to|want to)\s+(?:check in|touch base|catch up|sync|give you an update|update you|loop you in|keep you posted|keep you in the loop)",
    r"(?:checking|touching)\s+(?:in|base)\b",
    r"(?:catching|catch)\s+up\b",
    // Starting things: "We kicked off…", "Started looking into…".
    r"(?:{subj}\s+)?(?:kicked off|started working|began working|started on|began on|got started|started looking|began looking|spent time|started digging|started exploring|began exploring|got going)",
    // Not a move: "Keep going on…", "More next week", "Will keep you posted".
    r"(?:keep|keeping|kept)\s+(?:going|at it|on\s+(?:it|going|pushing|with)|pushing|plugging|chipping)",
    r"carry(?:ing)? on\b",
    r"continue\s+(?:as (?:is|planned|before|usual)|with the (?:plan|current plan)|on (?:as|the same)|working|to work)\b",
    r"(?:business as usual|stay(?:ing)? the course|same plan|as planned|no changes? (?:to|for|this)|nothing to decide)",
    r"more\s+(?:next week|to come|soon|later|in the next update|next time|when i have it|once we know)",
    r"(?:i'll |i will |we'll |we will |will )?keep (?:you|everyone) (?:posted|updated|in the loop|informed)",
    r"(?:i'll|i will|we'll|we will|will|i'm going to|we're going to)\s+(?:keep|continue|carry on)\s+(?:tracking|working|monitoring|watching|an eye|pushing|going|at it|chasing|iterating|plugging|chipping|digging|looking|following up|checking|an eye on)\b",
    r"(?:stay tuned|tbd|tba|n/a|nothing yet|nothing for now|none|no asks?|nothing needed|nothing from you|no action needed|nothing to ask|no decisions? needed)(?:\s+(?:this week|for now|today|yet|right now|at the moment|from me))?[.!]*$",
];

/// Hand-offs: the whole sentence returns the problem with no view attached.
const HANDOFF: &[&str] = &[
    // "Let me know what you think", "Shout if you have questions", "Let me know how you want to handle X".
    r"(?:please\s+)?(?:let me know|lmk|tell me|shout|give me a shout|ping me|reach out|holler|drop me a line|send me a note)(?:\s+(?:what you think(?:\s+(?:on|about|of|regarding)\s+{obj})?|what you(?:'d| would)? (?:like|want|prefer|suggest|recommend|decide|think is best|think we should do|want to do)(?: (?:me|us) to do)?(?:\s+(?:on|about|with|regarding)\s+{obj})?|(?:what )?your (?:thoughts|take|view|views|feedback|call|preference|input|reaction|decision|opinion)(?:\s+(?:on|about|regarding|re)\s+{obj})?|how you (?:feel|see it|see things|read it)(?:\s+(?:about|on)\s+{obj})?|how you(?:'d| would)? (?:like|want|prefer) (?:me |us )?to (?:proceed|handle|play|approach|move forward|tackle|deal with|go about|go|run|take|respond|prioriti[sz]e)[^.!?]*|which (?:option|way|one|path|approach|direction|version) you (?:prefer|like|want|'d pick|would pick|'d choose|would choose|'d go with|think is best)|if you have (?:any )?(?:questions|concerns|thoughts|feedback|comments|ideas|input|objections|suggestions)(?:\s+(?:on|about|regarding|re|around|with)\s+[^.!?]+)?|if (?:this|that|it|the plan|all this|all of this|everything|any of this|any of it) (?:works|makes sense|sounds (?:good|ok|okay|right|reasonable|fine)|is (?:ok|okay|fine|alright|clear)|looks (?:good|ok|okay|right))(?: (?:for|with|to) you)?|if you (?:agree|disagree|see it differently|see things differently|see any issues|see any problems|see anything|spot anything|have a view|have an opinion|have a preference|feel strongly)[^.!?]*|if (?:you|we)(?: want| need| would like|'d like)(?: me)? (?:anything|more|to|me)[^.!?]*|if (?:anything|something|there's anything|there is anything|any of (?:this|it|these|that)|you see anything|you spot anything) (?:jumps out|stands out|comes up|looks (?:off|wrong|odd|weird|strange)|needs (?:attention|changing|a closer look)|concerns you|worries you|is unclear|else comes up|needs more|seems off|raises)[^.!?]*|how (?:to|we should|i should) (?:proceed|handle|move forward|play)(?:\s+{obj})?|what(?:'s| is) best|what you decide|either way|what you'd do|your call|your preference|if i can help|if i can do anything|if i can help with anything|if you need anything(?: else)?(?: from me)?|if there's anything (?:else )?(?:you need|i can do)))?{tail}",
    r"(?:can|could|would|will) you (?:let me know|share|send|give me|tell me)\s+(?:what you think|your (?:thoughts|take|feedback|view|views|input|reaction|opinion|call))(?:\s+(?:on|about|regarding|re|of)\s+{obj})?{tail}\s*\??",
    // "Thoughts?", "Any guidance?", "Thoughts on the reorg?", "Anything you want me to dig into?"
    r"(?:(?:do you have|have you got|got)\s+)?(?:any\s+)?(?:other\s+)?(?:thoughts|feedback|questions|concerns|ideas|input|reactions|comments|objections|suggestions|guidance|advice|direction|pushback|preferences?|views|opinions|reflections)(?:\s+(?:on|about|regarding|re|around|for|with)\s+{obj})?{tail}\s*\?",
    r"(?:is there )?anything(?: else)? (?:you need|you want|i can do|i can help with)(?: from me| from us| me to do)?{tail}\s*\?",
    r"anything (?:you(?:'d| would)? (?:want|like|need)|else)(?: (?:me|us))? (?:to )?(?:dig into|look at|look into|cover|change|focus on|do|add|discuss|see|know|flag|drop|hear about|go deeper on|walk through)[^.!?]*\?",
    r"(?:what|how) (?:do|would|should|shall) (?:you|we|i) (?:think|suggest|recommend|advise|prefer|want(?: (?:me|us))? to do|do|say|make of (?:it|this|that|all this)|feel|see it|read it)(?:\s+(?:about|of|on|with|regarding|re|we do with|i do with)\s+{obj})?(?:\s+(?:here|now|next))?\s*\?",
    r"what are your (?:thoughts|views|feelings|instincts|opinions|reactions)(?:\s+(?:on|about|regarding)\s+{obj})?\s*\?",
    r"(?:how|where|when) (?:should|do|would|could|can|shall) (?:we|i) (?:proceed|handle|move forward|approach|play|go from here|take (?:this|it) from here|tackle|deal with|respond|prioriti[sz]e|start|go about|think about)[^.!?]*\?",
    r"how do you want (?:me |us )?to (?:proceed|handle|play|move forward|approach|tackle|deal with|go about|prioriti[sz]e|respond|run)[^.!?]*\?",
    r"what(?:'s| is) (?:your|the best|the right|our) (?:take|view|read|call|preference|opinion|gut|instinct|way forward|next step|move|path|steer|guidance)(?:\s+(?:on|about|here|for)\s*{obj}?)?\s*\?",
    r"(?:your|any) (?:thoughts|views|take|input)\s*\?",
    r"(?:(?:i'm|i am|we're|we are|always|very|totally|fully)\s+)*open to (?:your |any |other |new |all |more )?(?:thoughts|ideas|suggestions|feedback|input|anything|whatever you think|options|alternatives|other ideas|discussion|being convinced|pushback|direction|guidance|other approaches)(?:\s+(?:on|about|here|regarding)\s*{obj}?)?{tail}",
    // "Happy to discuss", "Happy to go deeper on any of these".
    r"(?:(?:i'm|i am|we're|we are|always|very|more than|as always)\s+)*(?:happy|glad|open|available|around|here|keen|ready|free) to (?:discuss|chat|talk|go over|walk (?:you )?through|answer|dig in|jump on a call|go (?:deeper|into (?:more )?detail|through)|expand|elaborate|share more|take questions|explain|help|brainstorm|riff)(?:\s+(?:on|into|about|through|over|with|in)?\s*{obj})?(?:\s+(?:questions|more|further))?{tail}",
    // "Let's discuss", "Let's talk it through live", "We need to figure this out".
    r"(?:let's|lets|let us|we can|we could|can we|could we|we should|maybe we|maybe we should|i'd like to|i want to|want to|need to|we need to|we'll need to|we might|would be good to|worth a|worth|good to) (?:discuss|chat|talk|go over|sync|dig in|dig into|touch base|catch up|hash (?:it|this|that) out|talk (?:it|this|that) (?:through|over)|figure (?:it|this|that) out|figure out|align|connect|review|unpack|noodle on|think about|brainstorm|chat about|talk about|discuss)(?:\s+(?:about|on|through|over|into)?\s*{obj})?{tail}\s*\??",
    // "Your call", "Up to you how we play this one".
    r"(?:(?:it's|that's|this is|ultimately|totally|entirely|completely|really|happy to make it|i'll leave it|leaving it)\s+)*(?:your call|up to you|your decision|your choice|in your hands|your call to make|yours to decide|your decision to make)(?:\s+(?:how|whether|what|which|if|where|when)\b[^.!?]*)?{tail}",
    r"(?:i'll|i will|happy to|i'm happy to|i'd|we'll|i can) (?:defer|leave (?:it|that|this|the (?:call|decision|choice))) (?:to|with) you",
    r"(?:i'll|i will|we'll|happy to|i'm happy to|i can) (?:go with|follow|take|do) (?:your|whatever you) (?:lead|call|decision|preference|steer|direction|decide|think|prefer|say|want|think is best)",
    r"(?:(?:i'm|i am|we're)\s+)?(?:fine|good|ok|okay|happy|comfortable) (?:with )?(?:either way|whatever you (?:decide|think|prefer|want|choose))",
    r"whatever (?:you think|you decide|you prefer|you want|works|suits|you'd like|is easiest|you choose|you say)(?: (?:is )?best)?(?: for you)?",
    r"(?:please )?advise",
    r"(?:any )?(?:questions|thoughts|concerns|feedback|comments)\s*[?,:;—–-]*\s*(?:just )?(?:let me know|lmk|shout|ping me|ask away|reach out|happy to (?:help|discuss|chat|talk))",
    r"(?:(?:i|we)\s+)?(?:(?:really|also|just|would|'d)\s+)*(?:need|want|would like|'d like|could use|would love|'d love|would appreciate|'d appreciate|appreciate|welcome|value) (?:your|some|a bit of|any|a quick) (?:input|thoughts|feedback|take|perspective|opinion|views?|reaction|read|advice|guidance|steer|two cents|eyes on (?:this|it))(?:\s+(?:on|about|regarding|re|around|for)\s+(?:{obj}|how to[^.!?]*|what to[^.!?]*|whether to[^.!?]*|where to[^.!?]*|which[^.!?]*))?{tail}",
    r"feel free to (?:reach out|ping me|ask|push back|comment|share|add|weigh in|chime in|suggest|edit|jump in|drop|leave)[^.!?]*",
    r"(?:i'm |i am |we're )?looking forward to (?:discussing|chatting|talking|our chat|our conversation|the conversation|the discussion|your (?:thoughts|feedback|take|input|reaction))[^.!?]*",
    r"(?:let's|lets|we can|happy to|i'm happy to) take (?:it|this|that|the rest) offline",
    r"(?:feedback|thoughts|input|questions|comments|ideas|suggestions|guidance|advice|reactions|pushback) (?:welcome|appreciated|are welcome|is welcome|always welcome|very welcome|encouraged|wanted|needed|invited)(?:\s+as always)?",
    // "Would love your input on how to prioritise."
    r"(?:(?:i'd|i would|we'd|we would|i)\s+)?(?:would\s+)?(?:love|like|appreciate|value|welcome|want)\s+(?:to (?:hear|get|know) )?(?:your|any) (?:thoughts|input|feedback|take|guidance|perspective|opinion|views?|advice|reaction|read|steer|help figuring (?:it|this) out|help thinking (?:it|this) through)(?:\s+(?:on|about|regarding|re|around)\s+(?:{obj}|how to[^.!?]*|what to[^.!?]*|whether to[^.!?]*|where to[^.!?]*|which[^.!?]*))?{tail}",
    r"(?:i'm |i am )?(?:looking forward to|keen to hear|eager to hear|curious to hear|interested to hear|would love to hear|love to hear|keen to get|curious to get) (?:your|what you|how you)[^.!?]*",
    r"(?:i'm |i am )?(?:curious|interested|keen) (?:what|how|to hear what|to hear how|to get your|to hear your|about your) (?:you )?(?:think|see it|feel|take|view|read|thoughts)[^.!?]*",
    // "Not sure what the right move is", "I don't know how to proceed".
    r"(?:(?:i'm|i am|honestly|still|really)\s+)*(?:not sure|unsure|don't know|do not know|not clear|unclear) (?:what|how|where|whether|if|which way) (?:to do|to proceed|we should|i should|the right (?:move|call|answer|approach|path|next step|thing) is|the best (?:move|call|approach|path|next step|way forward) is|to handle|to move forward|to go|to approach|to play|to think about|to make of)[^.!?]*",
    r"(?:(?:i'm|i am|we're)\s+)?(?:open|flexible|fine|good|ok|okay|happy) either way",
    r"(?:that's|that is|this is) (?:it|all|everything) (?:from me|for now|for this week|for today|on my side)",
    r"(?:hoping|hope|i hope) you can (?:help (?:me )?(?:figure|decide|think|work)|tell me what|advise|weigh in|point me)[^.!?]*",
    r"(?:should (?:we|i) (?:do|go with|pick|choose) )?(?:option )?(?:a|b|x|y|1|2) or (?:option )?(?:a|b|x|y|1|2)\s*\?",
];

/// Yes/no questions about what to do ("Should we push the launch?"): a hand-off when no
/// view follows them.
const OPEN_QUESTION: &[&str] = &[
    r"(?:should|shall) (?:we|i)\b[^.!?]*\?",
    r"(?:do|would) you (?:want|like) (?:me |us )?to\b[^.!?]*\?",
    r"(?:is it|would it be) (?:worth|better|ok|okay|wise|smart)\b[^.!?]*\?",
];

/// Asks that state a view: a recommendation, a decision, a tradeoff, a need.
const ASK: &[&str] = &[
    r"\bmy recommendation(?: is| would be| here is|\s*:)",
    r"\bwhat (?:i|we) need(?: from you| is| are|\s*:| this week| today| now)",
    r"\bthe decision i(?:'m| am) making\b",
    r"\bthe trade-?off i(?:'m| am) weighing\b",
    // Recommending and proposing.
    r"\bi(?:'d| would)?\s+(?:strongly\s+|really\s+|still\s+)?(?:recommend|propose|suggest|advocate)\b",
    r"\bi (?:prefer|vote|lean|favou?r)\b",
    r"\bi(?:'d| would) (?:strongly |really |still |probably |definitely )?(?:go with|go for|pick|choose|bet on|back|prioriti[sz]e|start with|rather|push for|argue for|argue that|vote for|lean (?:toward|towards|to)|opt for|favou?r|stick with|keep|cut|drop|kill|ship|hire|move|wait|pause|hold|take|spend|invest|put|do|make|fund|staff|double down)\b",
    r"\bi(?:'d| would) (?:strongly |really |still |probably |definitely )?{decide}\b",
    r"\bi(?:'m| am)\s+(?:proposing|suggesting|recommending|requesting|asking|advocating|pushing for|arguing for|leaning (?:toward|towards|to)|in favou?r of|voting for|putting forward)\b",
    r"\bmy (?:proposal|suggestion|ask|request|plan|decision|recommendation|next move|call|pick|choice|vote|position|preference|bet|instinct|inclination|lean|proposed (?:plan|approach|fix|path)|view on what to do)s?(?: is| are| would be| here is|\s*:)",
    r"\bthe (?:ask|request|proposal|plan|decision|recommendation|call|move|next move|plan of record) (?:is|are|here is|i'm making|i am making|i'd make|i would make|i'm proposing)\b",
    r"\bwhere i (?:land|come out|net out|netted out|ended up|end up) is\b",
    r"\bi(?:'ve| have) landed on\b",
    r"\bif it (?:were|was) (?:my call|up to me|my decision)\b",
    // Decisions made or due.
    r"\b(?:i|we)(?:'ve| have)?\s+(?:already\s+)?decided\b",
    r"\bi(?:'m| am)\s+(?:deciding|choosing|going to|planning to|committing to|opting|going with|moving|shutting|cutting|pausing|stopping|killing|pulling|shifting|reassigning|hiring|making the call|calling it|freezing|dropping|switching|consolidating|merging|sunsetting|delaying|postponing|cancelling|canceling)\b",
    r"\bwe(?:'re| are) (?:going to|planning to|committing to|about to|choosing to)\s+{decide}\b",
    r"\b(?:i|we) (?:plan|intend|want|aim|mean) to {decide}\b",
    r"\bi want (?:us|you|the team) to\b",
    r"\b(?:we|i|you) (?:have|need|ought|want|got|must|should|will need|'ll need|'ve got) (?:to )?(?:decide|choose|pick|agree|settle|make (?:a|the) call|commit|align on|call it)\b",
    r"\bdecide (?:by|before|this|today|whether|between|if|on|which|now)\b",
    r"\bunless you (?:object|disagree|see a reason|feel strongly|say otherwise|stop me|have concerns|push back)\b",
    r"\bi(?:'ll| will) (?:own|drive|lead|take (?:ownership|the heat|it|this on|the lead)|make the call|decide|escalate|tell|announce|hire|cut|pause|ship|start|stop|push|run|kill|freeze|commit|move|shut|switch|sunset)\b",
    r"\bmy (?:next (?:move|step)|plan) (?:is|will be)\b",
    // Needs and requests.
    r"\b(?:i|we) need (?:you to\b|you on\b|you in\b|your (?:approval|sign-?off|decision|help|support|backing|air cover|ok|okay|go-ahead|call on|budget|sponsorship|signature|intro|introduction|blessing|yes|commitment|agreement|vote|presence|voice|weight|cover|push|buy-?in|okay on|ok on)\b|a decision|approval|sign-?off|budget|headcount|help|support|air cover|backing|cover|a sponsor|an? (?:intro|introduction|decision|answer|call|owner|exception|extra|additional|second|sponsor|yes|no|word|hand|push|nudge)|(?:one|two|three|four|five|\d+|a few|one more|more) (?:more )?(?:engineers?|people|heads?|hires?|contractors?|designers?|weeks?|days?|reqs?|things|agents?|analysts?|pms?)|more (?:time|budget|people|headcount|engineers))",
    r"\b(?:the (?:one |only |main |big |key |first )?thing|all|what) (?:i|we) need (?:from you |this week |today |now |here )?(?:is|are)\b",
    r"\bneed from you\b",
    r"\bcould use your (?:help|support|backing|air cover|input on|voice|sponsorship|weight|sign-?off)\b",
    r"\bi(?:'d| would) (?:like|love|appreciate|welcome) (?:to (?:propose|ask|request|recommend|get|have|go with|move|hire|pilot|try|run|test|start|stop|pause|ship|launch|cut|add|bring|use|make|take|spend|shift|change|switch|kill|drop|borrow|book)|your (?:approval|sign-?off|decision|help|support|backing|blessing|go-ahead|sponsorship|okay|ok|call|agreement|signature|air cover|sponsorship)|you to|us to|for you to|for us to)\b",
    r"\b(?:please|kindly)\s+(?:approve|review|sign off|confirm|decide|weigh in|introduce|join|sponsor|back|support|help|prioriti[sz]e|escalate|unblock|fund|green-?light|ask|send|raise|push|block|hold)",
    r"\b(?:i'm|i am) asking (?:you|for)\b",
    r"\brequesting\b",
    r"\b(?:decision|approval|sign-?off|budget|a yes|your ok|your okay) (?:needed|required|requested)\b",
    r"\bneed(?:s|ed)? (?:a|your) (?:decision|call|approval|sign-?off|yes|go-ahead|ok|okay)\b",
    r"\bwould you be (?:willing|open|ok|okay|comfortable|able)\b",
    r"\bare you (?:ok|okay|comfortable|willing|open|fine|good|happy) (?:with|to|if)\b",
    // Approval questions: "Approve the two hires?", "OK to freeze pushes?".
    r"^(?:(?:so|and|also|finally|lastly|last)[,:]?\s+)?(?:approve|sign off|green-?light|fund|back|sponsor|endorse|authori[sz]e|agree to|allow|ok|okay|fine|good|alright|go ahead (?:with|and)|sign-off on)\b[^?]*\?$",
    r"^(?:please )?(?:approve|unblock|sign off on|sign off|green-?light|fund|sponsor|endorse|authori[sz]e|confirm|back me|introduce me|intro me|escalate|decide (?:on|whether|between|by|if|which))\b",
    r"^(?:any )?(?:objections?|concerns?|pushback|issues?|problems?) (?:to|with|if) (?:me |us |we |i |the team )?[a-z]+ing\b",
    r"^(?:thoughts|views?|feedback|objections) (?:on|about) [a-z]+ing (?:the |a |our |two |three |\w+ )",
    // Tradeoffs.
    r"\bthe trade-?off (?:is|here is|i see|i'm making|i am making|we face|we're facing|i'd make)\b",
    r"\btrade-?off between\b",
    r"\bweighing\b.*\b(?:against|versus|vs\.?|or)\b",
    r"\b(?:the )?choice (?:is|here is) between\b",
    r"^either we\b.*\bor\b",
    r"\b(?:option|plan) (?:a|b|1|2|one|two) (?:vs\.?|versus|or) (?:option |plan )?(?:a|b|1|2|one|two)\b",
];

/// Request forms: asks unless the whole sentence is a hand-off ("Could you…", "We should…").
const REQUEST: &[&str] = &[
    r"^(?:(?:so|and|also|then|finally|lastly|last|one more thing|separately|second|third)[,:]?\s+)?(?:could|can|would|will) you\b",
    r"\b(?:if|whether) (?:\w+ )?you (?:could|can|would|might)\b",
    r"\b(?:can|could|may) (?:i|we) (?:get|have|count on|ask|borrow|use|take|hire|move|go ahead|proceed|pilot|launch|ship|start|spend|pull|push|drop|add)\b",
    r"\b(?:i think |i believe |i feel )?we (?:should|ought to|shouldn't|should not|can't afford to|cannot afford to)\b",
    r"\b(?:i think|i believe|i feel) (?:we|the team|you) (?:need to|must|have to)\b",
    r"\b(?:we|i) (?:need|have|must|'ve got|got) to {decide}\b",
    r"\blet's (?:{decide}|agree|decide|pick|choose|commit|name|assign|trial|defer|postpone|hire|test)\b",
    r"\blet me know (?:by|before|no later than|today|tomorrow|this week|end of day|eod|asap)\b",
    r"\blet me know (?:if|whether) (?:you (?:can|could|will|'ll|approve|agree to|are able|'re able|are ok|'re ok|are okay)|the [^.!?]+ (?:is|are|was|gets?) (?:approved|signed|ok|okay|confirmed|green-?lit|funded))",
];

/// Outcome statements: the result being driven.
const OUTCOME: &[&str] = &[
    r"\b(?:most important|top|main|primary|biggest|key|number one|#1|single|one|only)\s+(?:outcome|result|goal|priority|objective|focus|target|metric|number)\b",
    r"\b(?:the |my |our )?(?:outcome|result|goal|objective|target|impact|metric|number|win|prize|kpi|north star|bar|aim|mission|thing|one thing|needle)\s+(?:i'm|i am|we're|we are|the team is|my team is|i|we|i've been|we've been)\s+(?:most\s+|really\s+|actually\s+)?(?:driving|focused on|focusing on|targeting|after|working (?:toward|towards|on|to)|aiming (?:for|at)|chasing|committed to|accountable for|going after|pushing for|delivering|moving|responsible for|owning|on the hook for|care (?:most )?about|care about most|measured on|judged on|solving for|optimi[sz]ing for|betting on|watching|trying to (?:move|hit|reach|deliver))",
    r"\b(?:i'm|i am|we're|we are)\s+(?:driving|on the hook for|accountable for|responsible for (?:delivering|hitting|getting)|measured on|judged on|targeting|aiming (?:for|to|at)|committed to|signed up for|solving for|optimi[sz]ing for)\b",
    r"\bwhat (?:i'm|i am|we're|we are) (?:driving|focused on|aiming for|going after|optimi[sz]ing for|solving for|accountable for|on the hook for|trying to (?:achieve|hit|reach|deliver|move|get to))\b",
    r"\bmy (?:top |main |primary |biggest |#1 |number one |one |only |real )?(?:priority|goal|focus|objective|target|north star|mission|aim)\b.*\b(?:is|are|:)",
    r"\bour (?:top |main |primary |biggest |#1 |number one |one |only )?(?:priority|goal|objective|target|north star|focus|aim|mission)\s+(?:is|for|this|right now|:)",
    r"\bsuccess (?:looks like|means|is|would be|will be|for (?:me|us|this)|here)\b",
    r"\b(?:business|customer|revenue) (?:outcome|result|impact)\b",
    r"\bthe outcome (?:is|here|i want|we want|that matters|i care about)\b",
    r"(?:^|\bthe |\bour |\bmy )(?:goal|aim|objective|target|outcome|result|win|bar|prize|priority|focus|mission|north star|number|metric)\b(?: [^.;]*)? (?:is|are|:)\s",
    r"\bis (?:the|our|my) (?:bar|goal|target|win|outcome|prize|finish line|priority|north star|top priority|focus|objective)\b",
    r"\bwhat (?:matters|counts) (?:most|here|now|right now|this quarter|this half|this year)\b",
    r"\bmatters? (?:more|most) (?:this|than|right|for|to|now)\b",
    r"\bladders? up to\b",
    r"\b(?:aiming|targeting|committed|on track|on pace|set|trying)\s+to\s+(?:cut|reduce|grow|increase|lift|raise|hit|reach|close|land|double|halve|ship|launch|deliver|get|win|retain|save|keep|finish|complete|sign|pass)\b",
    // Targets: a result moved to a number, or delivered before a deadline.
    r"(?:^|\b(?:to|is|are|was|will|'ll|be|means|about|on|for|at|by))\s*{target}\b[^.;]*?\bfrom {num}\s*(?:[a-z]+\s+){0,2}to {num}",
    r"\b\d[\d.,]*\s*(?:%|x|k|m|days|weeks|hours|minutes)?\s+(?:[a-z-]+\s+){0,3}(?:instead of|rather than|down from|up from) \$?\d",
    r"\b(?:up|down|to|under|below|above|over|past|at least|at|beyond)\s+{num}\b[^.;]*?\b{deadline}",
    r"(?:^|\b(?:to|is|are|was|will|'ll|be|means|about|on|for|at|by))\s*{target}\b[^.;]*?\b{deadline}",
    r"[a-z0-9]\s+(?:live|shipped|launched|signed|closed|fully staffed|staffed|hired|migrated|in place|ready|generally available|in production|rolled out|adopted|profitable|cash positive|paying for itself|pays for itself)\b[^.;]*?\b{deadline}",
    r"\b\d[\d.,]*\s+(?:[a-z-]+\s+){0,3}(?:hires|customers|accounts|logos|deals|signups|partners|users|teams|renewals)\b[^.;]*?\b{deadline}",
];

/// Insight statements: an interpreted pattern, risk, signal, trade-off or blocker.
const INSIGHT: &[&str] = &[
    r"\bwhat (?:i'm|i am|we're|we are|i've been|we've been|i keep|we keep) (?:seeing|noticing|hearing|learning|finding|picking up|sensing)\b",
    r"\b(?:i'm|i am|we're|we are|i keep|we keep|i've been|we've been) (?:seeing|noticing|hearing|picking up on|sensing|finding)(?: (?:that|a|an|the|more|less|fewer|signs|from|it|this|again|across|in|everywhere))\b",
    r"\b(?:i|we)(?:'ve| have)? (?:noticed|learned|learnt|realized|realised|discovered|observed|spotted|found out|picked up on|come to (?:think|believe|see))\b",
    r"\b(?:i|we)(?:'ve| have) (?:found|seen) (?:that|a|an|the)\b",
    r"\bthe (?:real|biggest|main|key|core|underlying|hidden|emerging|actual|root|one|bigger|top|new|common|recurring|same|interesting|surprising|uncomfortable|hard|honest|only|deeper|true|bigger) (?:risk|pattern|signal|blocker|issue|problem|bottleneck|trend|insight|concern|constraint|gap|cause|question|tension|lesson|driver|thread|theme|reason|story|truth|takeaway|catch|difference|culprit|shift|lever|obstacle|friction|dependency)\b",
    r"\b(?:the|a|one|this|that|our|my|biggest|main)\s+(?:[a-z-]+\s+){0,2}(?:risk|pattern|signal|blocker|bottleneck|trend|insight|concern|catch|problem|issue|gap|thread|theme|lesson|takeaway|worry|constraint|cause|reason|culprit|driver|cost|price|trap|irony|surprise|upshot|implication|downside|snag)(?:\s+[\w'-]+){0,4}\s+(?:is|was|are|were|seems|looks|i see|i'm seeing|here is|that)\b",
    r"\b\d+(?:\.\d+)?\s*(?:%|x|times)\s+(?:faster|slower|more (?:often|likely)|less (?:often|likely)|higher|lower|better|worse|cheaper|more expensive)\b",
    r"\b(?:my|the) (?:read|take|hypothesis|observation|interpretation|diagnosis|hunch|sense|conclusion|theory|gut|guess|worry|concern|fear|suspicion|instinct) (?:is|here is|:|on this is)",
    r"\bwhat (?:concerns|worries|surprised|surprises|strikes|struck|stands out|stood out|jumps out|jumped out|bothers|tips|tipped|changed|convinced|scares|excites|matters here|i learned|we learned|i've learned|we've learned)\b",
    r"\bwhat(?:'s| has) (?:changed|different|new here)\b",
    r"\b(?:i'm|i am) (?:worried|concerned|nervous|uneasy|increasingly convinced|convinced|surprised|struck|seeing)\b",
    r"\bi (?:suspect|fear|worry|doubt)\b",
    r"\b(?:i think|i believe|i'm fairly sure|i'm pretty sure) (?:the|our) (?:real|root|underlying|main|actual|bigger) \w+\b",
    r"\bthe (?:data|numbers|metrics|survey|feedback|results|pipeline|funnel|trend|logs|dashboards?|cohorts?|interviews|tickets|reports?|pilot|test|experiment|analysis) (?:show|shows|showed|suggest|suggests|suggested|say|says|said|tell|tells|told|point|points|pointed|indicate|indicates|reveal|reveals|revealed|confirm|confirms|confirmed|are clear|is clear)\b",
    r"\b(?:{who}|customers|our \w+) (?:keep|kept|are|have been|were) (?:telling|asking|saying|showing|pushing back|churning|leaving|complaining|requesting|struggling|dropping)\b",
    r"\b(?:it|this) (?:turns out|turned out|means that|tells (?:me|us))\b",
    r"\bwhat this (?:tells|means|shows|suggests|points to)\b",
    r"\broot cause\b",
    // Interpretive links: "which means", "that combination usually means".
    r"\b(?:it|this|that|which|what|these|those)(?: [a-z-]+)? (?:usually |often |probably |likely |almost always |clearly |really |basically |effectively |all |now )?(?:means|mean|suggests|suggest|tells (?:me|us)|tell (?:me|us)|points to|point to|indicates|signals|implies|explains|is why|is the reason|is what|says to me)\b",
    r"\bso (?:the|our|my) (?:real |main |actual )?(?:risk|problem|issue|question|gap|bottleneck|lesson|takeaway) is\b",
    // Reframes: "It's not carelessness; the pipeline takes forty minutes."
    r"\b(?:isn't|aren't|wasn't|weren't|is not|are not|was not|were not|it's not|it is not|that's not|this isn't|this is not|they're not|they aren't|not)\s+(?:just\s+|really\s+|actually\s+|about\s+|because\s+(?:of\s+)?|a\s+|an\s+|the\s+)?[^.;,]+?[;:—–]\s*(?:it's|it is|they're|the|we|our|their|it|they|this|that's|rather|instead)\b",
    r"\b(?:isn't|aren't|wasn't|is not|are not|was not|it's not|it is not|not because of|not about) [^.;]+?[,—–-]\s*(?:it's|it is|they're|rather|but|instead)\b",
    r"\bnot (?:the|a|an|our|their) [^.;]+?,? but\b",
    r"\b\w+, not (?:by |on |in |the |our |their |a |an |with )?[a-z0-9-]+(?: [a-z0-9-]+){0,3}\s*[.;!]?$",
    // Consequences: "is costing us", "keeps stalling".
    r"\b(?:is|are|was|were|has been|have been|keeps?|kept|will keep|ends? up|end up) (?:costing|hurting|blocking|slowing|killing|eating|delaying|stalling|causing|dragging|holding (?:us )?back|breaking|confusing|frustrating|burning|losing|leaking|masking|hiding|undercutting|eroding)\b",
    r"\bis what (?:keeps|is|'s) \w+",
    r"\bis (?:the|our) (?:real |main |biggest |actual |only |bigger )?(?:problem|bottleneck|blocker|issue|reason|risk|constraint|gap|culprit|cause|limiting factor|tension)\b",
    // Correlations and rates: "double on nights when", "convert at three times the rate".
    r"\b(?:doubles?|doubled|triples?|tripled|spikes?|spiked|drops?|dropped|falls?|fell|jumps?|jumped|rises?|rose|climbs?|climbed|halves?|halved|stalls?|stalled|dips?|dipped|surges?|surged|tanks?|tanked|clusters?|clustered|bail|bails|bounce|bounces|churn|churns|stall|upgrade|upgrades|happens?|happened|breaks?|fails?|failed|slips?|slipped)\b[^.;]*?\b(?:when|whenever|after|every time|each time|once|if|on (?:nights|days|weeks|accounts|teams)|in the (?:first|last))\b",
    r"\b(?:twice|three times|four times|five times|ten times|half|\d+x|\d+ times) (?:as (?:often|likely|fast|much|many|long|high|low|slow)|the (?:rate|volume|number|cost))\b",
    r"\b(?:at|by) (?:twice|double|half|three times|four times|\d+x|\d+ times) (?:the )?(?:rate|speed|cost|volume)\b",
    // Concentration: "Almost all of the gap comes from…", "Five of the last seven P1s came from…".
    r"\b(?:almost all|nearly all|most of|all of|every single|every one|each of|half of|none of|the majority of|the bulk of|two thirds of|a third of|a quarter of|\d+% of|most|every|half)\b[^.;]*?\b(?:comes? from|came from|happens?|happened|started with|starts with|traces? back|traced back|bought|trace to|goes? to|go to|went to|sits? in|sat in|is (?:in|on|from|idle|stuck|blocked)|are (?:in|on|from|idle|stuck|blocked)|ha(?:ve|d) (?:no|the same|one))\b",
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|half|most|all|none) of (?:the |our |their |my )(?:last |past |top |biggest |largest |first |\d+ |two |three |four |five |six |seven |eight |nine |ten |twelve |twenty )+[\w-]+",
    r"\b(?:never|always|almost never|rarely|consistently|only ever) (?:had|have|has|reach|reached|get|got|convert|upgrade|renew|churn|use|used|make|made|ask|asked|come|came|start|started|go|went|buy|bought)\b",
    r"\b{who}\b[^.;]*?\b(?:expect|expects|want|wants|need|needs|ask for|asks for|prefer|prefers|refuse|refuses|won't|don't|lose|loses|drop|drops|abandon|abandons|bounce|bail|churn|stall|stalls|pick|picks|choose|chooses|read|reads|write|writes|ignore|ignores|skip|skips|avoid|avoids|struggle|struggles|accept|accepts|can't|cannot|stop|stops|stopped|keep|keeps|never|rarely)\b",
];

/// Routine status items, judged on list items and table rows.
const STATUS_STRONG: &[&str] = &[
    r"^(?:\[[x ]\]|done|shipped|completed?|finished|launched|released|deployed|merged|delivered|closed|fixed|resolved|wrapped up|wip|in progress|ongoing|started|kicked off|reviewed|onboarded|prepared|drafted|updated|cleaned up|migrated|hired|interviewed|published|sent|submitted|wrote|built|ran|held|met|attended|presented|organi[sz]ed|scheduled|set up|moved|upgraded|refactored|tested|documented|signed|renewed|rolled out|got|made|did|spent|caught up|synced|sat|lost|led|gave|took|went|brought|bought|began|found|kept|put|won|saw|spoke|chose|paid|sold|told|taught|left|heard|booked|closed out|handed off|paired|gathered|cleared)\b",
    r"\b(?:done|shipped|completed|finished|launched|merged|complete|deployed|released|live now|went live)\b",
    r"[✅☑✔✓🟢🟡🔴⏳🚧]",
    r"\b(?:status|eta|progress)\s*:",
];
const STATUS_WEAK: &[&str] = &[
    r"\b(?:in progress|wip|on track|underway|in review|ongoing|blocked|on hold|delayed|at risk|eta|not started|pending|in flight|in qa|in testing)\b",
    r"\d+(?:\.\d+)?\s*%",
    r"\b\d+ (?:of|/|out of) \d+\b",
    r"^(?:[a-z0-9-]+\s*){1,4}:\s*\$?\d",
];

/// A table cell that is nothing but a status value: "Done", "In progress", "✅", "80%".
const STATUS_CELL_STRONG: &str = r"^(?:[✅☑✔✓]|done|complete|completed|shipped|launched|live|finished|closed|merged|released|delivered)[^\p{L}\p{N}]*$";
const STATUS_CELL_WEAK: &str = r"^(?:[🟢🟡🔴⏳🚧]|in progress|wip|on track|off track|blocked|at risk|not started|pending|in review|delayed|on hold|ongoing|underway|started|green|amber|yellow|red|todo|to do|planned|scheduled|\d+(?:\.\d+)?\s*%(?: done| complete)?)[^\p{L}\p{N}]*$";

/// A subject with a participle at the end: "Beta shipped to ten partners", "Docs in review".
const PARTICIPLE_ENDING: &str = r"^[^,;:]+\s(?:[a-z]{3,}ed|done|shipped|built|sent|written|won|lost|hired|made|set up|rolled out|kicked off|signed off|underway|live|in review|in place|out)(?:\s+(?:to|for|with|on|by|in|at|into|from|across|last|this|yesterday|today)\b[^.;]*)?[.!]*$";

/// Words ending in "ed" that are not past tense, so they do not make an item routine status.
pub const NOT_PAST_TENSE: &[&str] = &[
    "need",
    "needed",
    "proceed",
    "exceed",
    "succeed",
    "speed",
    "seed",
    "feed",
    "embed",
    "bleed",
    "breed",
    "heed",
    "indeed",
    "shed",
    "bed",
    "red",
    "sled",
    "steed",
    "weed",
    "greed",
    "deed",
    "embedded",
    "related",
    "based",
    "interested",
    "limited",
    "dedicated",
    "detailed",
    "advanced",
    "automated",
    "distributed",
    "expected",
    "proposed",
    "required",
    "suggested",
    "requested",
    "desired",
    "preferred",
    "recommended",
    "unexpected",
    "unresolved",
    "undecided",
    "unplanned",
    "unstaffed",
    "unfunded",
    "unowned",
];

/// Hedges that weaken an ask.
const HEDGE: &[&str] = &[
    r"\b(?:maybe|perhaps|possibly|potentially|somehow|hopefully)\b",
    r"\b(?:kind of|sort of|a bit|a little bit|i guess|i suppose|no pressure|if that's ok|if that's okay|if that works|if it's not too much trouble|no worries if not|totally fine if not)\b",
    r"\b(?:i was wondering|i wonder|wondering if|not sure if|might be worth|could maybe|if possible|if it's possible|if it's not too much|if you have time|if you get a chance|when you get a chance|if you have a moment)\b",
    r"\b(?:just|only) (?:wanted|want|need|needed|asking|hoping|checking)\b",
    r"\bi(?:'m| am) hoping\b",
];

/// Lines that come before an agenda's opening: greetings and metadata.
const PREAMBLE: &[&str] = &[
    r"^(?:hi|hey|hello|hiya|howdy|morning|good (?:morning|afternoon|evening)|dear|yo|greetings|happy (?:monday|tuesday|wednesday|thursday|friday))(?: [^ .!?]+){0,3}[,!.:;—–-]*$",
    r"^(?:date|when|time|attendees|with|re|subject|prepared by|owner|cadence|location|where|agenda for|meeting|participants|vp|manager)\s*:",
    r"^(?:agenda|notes|1:1|one-on-one|prep|talking points)(?:\s+(?:for|with|—|–|-)\s+[^.!?]*)?\s*:?$",
];

/// Noun phrases that request something: "A decision on…", "Budget for…", "An intro to…".
/// Under a leadership-move heading they are the ask even when they mention a status.
const REQUEST_NOUN: &str = r"^(?:a |an |the |your |some |one |two |three |more |extra )?(?:(?:quick|final|formal|clear|firm|small|one-off|one-time)\s+)?(?:decision|approval|sign-?off|budget|headcount|intro|introduction|call|word|help|support|cover|air cover|permission|exception|go-ahead|yes|green light|sponsor|sponsorship|owner|extension|waiver|hires?|contractors?|engineers?|agents?|people|time|slot|seat|access|backing|blessing)\b";

/// Sentence starters, exactly as the product suggests them.
pub const OUTCOME_STARTER: &str = "The most important outcome I'm focused on right now is";
pub const INSIGHT_STARTER: &str = "What I'm seeing is";
pub const MOVE_STARTERS: [&str; 4] = [
    "My recommendation is",
    "What I need from you is",
    "The decision I'm making is",
    "The tradeoff I'm weighing is",
];

/// A starter followed by nothing but a placeholder.
const UNFINISHED: &str = r"^(?:the most important outcome i'm focused on right now is|the outcome i'm driving is|what i'm seeing is|my recommendation is|what i need from you is|the decision i'm making is|the tradeoff i'm weighing is)\s*(?:…|\.\.\.|_+|\[[^\]]*\]|<[^>]*>|tbd|todo|xxx|\?+)?\s*[.:…]?\s*$";

/// A claim, by the author, that something is the single most important thing.
const PRIORITY: &str = r"(?:^|\b(?:my|our|the|team's|this is the|this is my|this is our)\s+)(?:single\s+|one\s+|very\s+)?(?:most important (?:outcome|thing|priority|goal|result|focus|objective|metric)|top priority|#1 priority|number one priority|number-one priority|biggest priority|main priority|first priority|highest priority|top goal|number one goal|#1 goal|most important)\b";

/// Compiled groups of patterns: one lazy DFA per group, indexed by [`Group`], then the
/// two status-cell patterns.
pub struct Catalogue {
    matchers: Vec<Matcher>,
}

/// Index of the strong and weak status-cell patterns in [`Catalogue::matchers`].
const CELL_STRONG: usize = GROUPS.len();
const CELL_WEAK: usize = GROUPS.len() + 1;

/// Every group, in [`Group`] order.
const GROUPS: [Group; 15] = [
    Group::Activity,
    Group::Handoff,
    Group::OpenQuestion,
    Group::Ask,
    Group::Request,
    Group::Outcome,
    Group::Insight,
    Group::StatusStrong,
    Group::StatusWeak,
    Group::Hedge,
    Group::Preamble,
    Group::Unfinished,
    Group::ParticipleEnding,
    Group::RequestNoun,
    Group::Priority,
];

/// The patterns of a group, expanded and anchored as they are matched.
fn sources(group: Group) -> Vec<String> {
    let anchored = |list: &[&str], end: &str| -> Vec<String> {
        list.iter()
            .map(|p| format!("{LEAD}(?:{}){end}", expand(p)))
            .collect()
    };
    let plain = |list: &[&str]| -> Vec<String> { list.iter().map(|p| expand(p)).collect() };
    match group {
        Group::Activity => anchored(ACTIVITY, ""),
        Group::Handoff => anchored(HANDOFF, END),
        Group::OpenQuestion => anchored(OPEN_QUESTION, END),
        Group::Ask => plain(ASK),
        Group::Request => plain(REQUEST),
        Group::Outcome => plain(OUTCOME),
        Group::Insight => plain(INSIGHT),
        Group::StatusStrong => plain(STATUS_STRONG),
        Group::StatusWeak => plain(STATUS_WEAK),
        Group::Hedge => plain(HEDGE),
        Group::Preamble => plain(PREAMBLE),
        Group::Unfinished => plain(&[UNFINISHED]),
        Group::ParticipleEnding => plain(&[PARTICIPLE_ENDING]),
        Group::RequestNoun => plain(&[REQUEST_NOUN]),
        Group::Priority => plain(&[PRIORITY]),
    }
}

/// A group of patterns compiled to one lazy DFA (regex-automata's hybrid DFA), asked
/// only whether any pattern matches. It keeps no reverse automaton and no capture
/// machinery, which a `RegexSet` carries for searches the catalogue never makes: half
/// the memory, and no strategy dispatch per call. A group whose patterns all start
/// with `^` is searched anchored, so a sentence that does not open that way is dropped
/// after a few bytes.
struct Matcher {
    id: usize,
    dfa: hybrid::dfa::DFA,
    /// For the (configured-away) case the lazy DFA gives up: the same NFA, simulated.
    pike: pikevm::PikeVM,
    anchored: bool,
}

thread_local! {
    /// Each thread's lazy DFA caches, one per matcher, made on first use.
    static CACHES: RefCell<Vec<Option<hybrid::dfa::Cache>>> = const { RefCell::new(Vec::new()) };
}

impl Matcher {
    fn new(id: usize, patterns: &[String]) -> Self {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(patterns)
            .expect("catalogue patterns compile");
        let dfa = hybrid::dfa::Config::new()
            // Never give up: a cache that fills is cleared and reused, which stays
            // linear in the text.
            .minimum_cache_clear_count(None);
        let dfa = hybrid::dfa::Builder::new()
            .configure(dfa)
            .build_from_nfa(nfa.clone())
            .expect("catalogue automaton builds");
        let pike = pikevm::PikeVM::new_from_nfa(nfa).expect("catalogue NFA simulates");
        Matcher {
            id,
            dfa,
            pike,
            anchored: patterns.iter().all(|p| p.starts_with('^')),
        }
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

/// Replaces every `{name}` in `pattern` with its word class.
pub fn expand(pattern: &str) -> String {
    let mut out = pattern.to_string();
    // Classes may use other classes; two rounds are enough for the catalogue's nesting.
    for _ in 0..2 {
        for (name, alternation) in CLASSES {
            out = out.replace(&format!("{{{name}}}"), alternation);
        }
    }
    ascii_word_boundaries(&compact_classes(&out))
}

/// Normalised text has no whitespace but single spaces, so `\s` can be a space, and the
/// catalogue's words are ASCII, so `\w` can be ASCII: both make much smaller automata.
fn compact_classes(pattern: &str) -> String {
    pattern
        .replace(r"\s", " ")
        .replace(r"[\w", "[0-9a-z_")
        .replace(r"\w", r"(?-u:\w)")
}

/// Makes every `\b` an ASCII word boundary. The catalogue's words are ASCII, and a
/// Unicode `\b` stops the regex crate's lazy DFA at the first non-ASCII byte (an emoji, a
/// dash, a CJK character), falling back to a matcher many times slower.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// The one compiled catalogue.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut matchers: Vec<Matcher> = GROUPS
            .iter()
            .enumerate()
            .map(|(id, &g)| Matcher::new(id, &sources(g)))
            .collect();
        matchers.push(Matcher::new(CELL_STRONG, &[expand(STATUS_CELL_STRONG)]));
        matchers.push(Matcher::new(CELL_WEAK, &[expand(STATUS_CELL_WEAK)]));
        Catalogue { matchers }
    })
}

/// How much a list item or table row looks like routine status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusStrength {
    None,
    /// Status words that also describe risks: "blocked", "delayed", "80%".
    Weak,
    /// Done work: "Shipped…", "✅", "complete".
    Strong,
}

/// A group of patterns a normalised sentence is tested against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Group {
    Activity,
    Handoff,
    OpenQuestion,
    Ask,
    Request,
    Outcome,
    Insight,
    StatusStrong,
    StatusWeak,
    Hedge,
    Preamble,
    Unfinished,
    ParticipleEnding,
    RequestNoun,
    Priority,
}

impl Catalogue {
    /// Runs one group on a normalised sentence.
    fn run(&self, group: Group, s: &str) -> bool {
        let matcher = &self.matchers[group as usize];
        match group {
            // Nearly no sentence claims a priority: looking for the words every claim
            // holds first sends most of them away before the automaton runs.
            Group::Priority => {
                (s.contains("priorit")
                    || s.contains("most important")
                    || s.contains("#1")
                    || s.contains("number one")
                    || s.contains("number-one")
                    || s.contains("top goal"))
                    && matcher.is_match(s)
            }
            _ => matcher.is_match(s),
        }
    }

    /// The catalogue's view of a normalised sentence.
    pub fn judge<'a>(&'static self, s: &'a str) -> Judged<'a> {
        Judged {
            cat: self,
            norm: s,
            known: RefCell::new(Vec::new()),
        }
    }

    /// An activity report or an opening that says nothing.
    pub fn is_activity(&'static self, s: &str) -> bool {
        self.judge(s).is_activity()
    }
    /// The whole sentence hands the problem back, with no view of its own.
    pub fn is_handoff(&'static self, s: &str) -> bool {
        self.judge(s).is_handoff()
    }
    /// A yes/no question about what to do, with no view in it.
    pub fn is_open_question(&'static self, s: &str) -> bool {
        self.judge(s).is_open_question()
    }
    /// A recommendation, request, decision or tradeoff.
    pub fn is_ask(&'static self, s: &str) -> bool {
        self.judge(s).is_ask()
    }
    pub fn is_outcome(&'static self, s: &str) -> bool {
        self.judge(s).is_outcome()
    }
    pub fn is_insight(&'static self, s: &str) -> bool {
        self.judge(s).is_insight()
    }
    pub fn claims_top_priority(&'static self, s: &str) -> bool {
        self.judge(s).claims_top_priority()
    }
    pub fn is_hedged(&'static self, s: &str) -> bool {
        self.judge(s).is_hedged()
    }
    pub fn is_unfinished_starter(&'static self, s: &str) -> bool {
        self.judge(s).is_unfinished_starter()
    }
    pub fn is_request_noun_phrase(&'static self, s: &str) -> bool {
        self.judge(s).is_request_noun_phrase()
    }
    pub fn is_preamble(&'static self, s: &str) -> bool {
        self.judge(s).is_preamble()
    }
    pub fn makes_a_point(&'static self, s: &str) -> bool {
        self.judge(s).makes_a_point()
    }
    pub fn is_status_item(&'static self, s: &str) -> bool {
        self.judge(s).is_status_item()
    }
    /// How strongly a list item reads as routine status.
    pub fn status_strength(&'static self, s: &str) -> StatusStrength {
        self.judge(s).status_strength()
    }
    /// Which groups and patterns match a normalised sentence, as `group[index]`: a
    /// debugging aid for catalogue work.
    #[doc(hidden)]
    pub fn explain(&self, s: &str) -> Vec<String> {
        GROUPS
            .iter()
            .flat_map(|&g| {
                let set = RegexSet::new(sources(g)).expect("catalogue patterns compile");
                set.matches(s)
                    .into_iter()
                    .map(move |i| format!("{g:?}[{i}]"))
                    .collect::<Vec<_>>()
            })
            .collect()
    }
    /// How strongly a table cell (normalised) is a status value on its own.
    pub fn status_cell(&self, cell: &str) -> StatusStrength {
        if self.matchers[CELL_STRONG].is_match(cell) {
            StatusStrength::Strong
        } else if self.matchers[CELL_WEAK].is_match(cell) {
            StatusStrength::Weak
        } else {
            StatusStrength::None
        }
    }
}

/// A normalised sentence and what the catalogue makes of it. Each group runs the first
/// time a question needs it; its answer is kept for the next question.
pub struct Judged<'a> {
    cat: &'static Catalogue,
    pub norm: &'a str,
    /// Each group's answer, by group index, once asked.
    known: RefCell<Vec<Option<bool>>>,
}

impl Judged<'_> {
    /// Whether the group matches, running it only if it has not run on this text yet.
    pub fn has(&self, group: Group) -> bool {
        let i = group as usize;
        if let Some(Some(hit)) = self.known.borrow().get(i) {
            return *hit;
        }
        let hit = self.cat.run(group, self.norm);
        let mut known = self.known.borrow_mut();
        if known.len() <= i {
            known.resize(i + 1, None);
        }
        known[i] = Some(hit);
        hit
    }
    /// An activity report or an opening that says nothing.
    pub fn is_activity(&self) -> bool {
        self.has(Group::Activity)
    }
    /// The whole sentence hands the problem back, with no view of its own.
    pub fn is_handoff(&self) -> bool {
        self.has(Group::Handoff) && !self.has(Group::Ask)
    }
    /// A yes/no question about what to do, with no view in it ("Should we push the
    /// launch?"). It hands the decision back unless a view follows it.
    pub fn is_open_question(&self) -> bool {
        self.has(Group::OpenQuestion) && !self.is_ask() && !self.is_handoff()
    }
    /// A recommendation, request, decision or tradeoff.
    pub fn is_ask(&self) -> bool {
        self.has(Group::Ask) || (self.has(Group::Request) && !self.has(Group::Handoff))
    }
    pub fn is_outcome(&self) -> bool {
        self.has(Group::Outcome)
    }
    pub fn is_insight(&self) -> bool {
        self.has(Group::Insight)
    }
    pub fn claims_top_priority(&self) -> bool {
        self.has(Group::Priority)
    }
    pub fn is_hedged(&self) -> bool {
        self.has(Group::Hedge)
    }
    pub fn is_unfinished_starter(&self) -> bool {
        self.has(Group::Unfinished)
    }
    /// A noun phrase that requests something ("A decision on the vendor", "Budget for…").
    pub fn is_request_noun_phrase(&self) -> bool {
        self.has(Group::RequestNoun)
    }
    /// A greeting or a metadata line that comes before the agenda's real opening.
    pub fn is_preamble(&self) -> bool {
        self.has(Group::Preamble)
    }
    /// True when the sentence states an outcome, an insight or an ask: a point of its own.
    pub fn makes_a_point(&self) -> bool {
        self.is_outcome() || self.is_insight() || self.is_ask()
    }
    /// True when a list item is routine status (strong or weak).
    pub fn is_status_item(&self) -> bool {
        self.status_strength() != StatusStrength::None
    }
    /// How strongly a list item reads as routine status.
    pub fn status_strength(&self) -> StatusStrength {
        let s = self.norm;
        if s.is_empty() {
            return StatusStrength::None;
        }
        let strong = self.has(Group::StatusStrong) || past_tense_opening(s);
        let weak = !strong
            && (self.has(Group::StatusWeak)
                || (self.has(Group::ParticipleEnding) && !mentions_not_past_tense(s)));
        if !strong && !weak {
            return StatusStrength::None;
        }
        if self.has(Group::Ask)
            || self.has(Group::Request)
            || self.is_outcome()
            || self.is_insight()
        {
            return StatusStrength::None;
        }
        if strong {
            StatusStrength::Strong
        } else {
            StatusStrength::Weak
        }
    }
}

/// The item opens with a past-tense verb ending in "-ed" ("Landed…", "Wrapped…").
fn past_tense_opening(s: &str) -> bool {
    let word = s
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    word.len() >= 5 && word.ends_with("ed") && !NOT_PAST_TENSE.contains(&word)
}

/// True when the item holds an "-ed" word that is not past tense ("embedded", "needed").
fn mentions_not_past_tense(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.len() > 2 && w.ends_with("ed") && NOT_PAST_TENSE.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c() -> &'static Catalogue {
        catalogue()
    }

    #[test]
    fn every_class_is_used_and_every_placeholder_expands() {
        let all: Vec<&str> = ACTIVITY
            .iter()
            .chain(HANDOFF)
            .chain(ASK)
            .chain(REQUEST)
            .chain(OUTCOME)
            .chain(INSIGHT)
            .copied()
            .collect();
        for (name, _) in CLASSES {
            let token = format!("{{{name}}}");
            assert!(
                all.iter().any(|p| p.contains(&token))
                    || CLASSES.iter().any(|(_, a)| a.contains(&token)),
                "class {name} is never used"
            );
        }
        for p in &all {
            let e = expand(p);
            assert!(
                !e.contains("{subj}") && !e.contains("{obj}") && !e.contains("{tail}"),
                "unexpanded class in {p}"
            );
        }
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
        ];
        prop::collection::vec(prop::sample::select(WORDS), 0..14).prop_map(|w| w.join(" "))
    }

    proptest::proptest! {
        /// Each group's lazy DFA answers exactly as the regex crate's `RegexSet` over the
        /// same patterns.
        #[test]
        fn matchers_agree_with_regex_sets(s in vocabulary_sentence()) {
            let cat = catalogue();
            for g in GROUPS {
                let set = regex_sets()[g as usize].clone();
                proptest::prop_assert_eq!(cat.matchers[g as usize].is_match(&s), set.is_match(&s), "{:?} on {:?}", g, s);
            }
            for (i, p) in [STATUS_CELL_STRONG, STATUS_CELL_WEAK].iter().enumerate() {
                let re = regex::Regex::new(&expand(p)).unwrap();
                proptest::prop_assert_eq!(cat.matchers[CELL_STRONG + i].is_match(&s), re.is_match(&s));
            }
        }
    }

    fn regex_sets() -> &'static Vec<RegexSet> {
        static SETS: OnceLock<Vec<RegexSet>> = OnceLock::new();
        SETS.get_or_init(|| {
            GROUPS
                .iter()
                .map(|&g| RegexSet::new(sources(g)).unwrap())
                .collect()
        })
    }

    #[test]
    fn activity_reports_are_recognised() {
        for s in [
            "We're still working on the onboarding project.",
            "Just a quick update: things are going well.",
            "Busy week!",
            "We met with Sales and CS this week.",
            "Here's what I've been working on this week.",
            "Not much to report.",
            "Still waiting on legal.",
            "Progress continues on the migration.",
            "So, it's been a hectic sprint.",
            "The team has been heads-down on the release.",
            "I caught up with Jo about pricing.",
            "We had a few productive calls with the vendor.",
            "Things are moving along nicely.",
            "Nothing new since last week.",
            "Wanted to check in on the launch.",
        ] {
            assert!(c().is_activity(&normalise(s)), "not activity: {s}");
        }
    }

    #[test]
    fn activity_in_words_no_fixture_uses() {
        for s in [
            "Spent most of the week in interviews.",
            "Lots of fires this week.",
            "Been heads-down on billing.",
            "Had a couple of long calls with the vendor.",
            "Quick one this week 🙂",
            "Continued work on the consolidation.",
            "Solid week for the team.",
            "Too many meetings, not enough focus time.",
            "Here's where things stand.",
            "I've been spending a lot of time on hiring.",
            "The crew's been slammed with audits.",
            "Mostly in the weeds on the migration.",
            "Ran two design sprints with the growth squad.",
            "It's been a lot.",
        ] {
            assert!(c().is_activity(&normalise(s)), "not activity: {s}");
        }
    }

    #[test]
    fn more_phrasings_land_in_the_right_group() {
        let cat = c();
        for s in [
            "Need your input on the pricing options.",
            "Feel free to push back.",
            "Looking forward to discussing.",
            "Can we discuss the reorg?",
            "Would appreciate your guidance here.",
            "Let me know if you want me to send the deck.",
            "Anything else you need from me?",
        ] {
            assert!(cat.is_handoff(&normalise(s)), "not a hand-off: {s}");
        }
        for s in [
            "I need your sign-off on the vendor.",
            "Here's my recommendation: pause the beta.",
            "What I need: a yes on the budget.",
            "We need to hire a second SRE before peak.",
            "Let me know if you can join the Acme call on Tuesday.",
            "I'm leaning towards option B.",
            "Sign off on the two hires?",
        ] {
            assert!(cat.is_ask(&normalise(s)), "not an ask: {s}");
        }
        for s in [
            "Priya met with the CFO on Tuesday.",
            "The onboarding project is still in progress.",
            "Work on the SDK continues.",
            "This sprint the team shipped the audit log.",
            "Monday I spent most of the day in planning.",
        ] {
            assert!(cat.is_activity(&normalise(s)), "not activity: {s}");
        }
        assert!(cat.is_open_question(&normalise("Should we push the launch?")));
        assert!(!cat.is_open_question(&normalise("Can we get two more engineers?")));
    }

    /// The examples in docs/patterns.md, group by group.
    #[test]
    fn the_documented_examples_hold() {
        let cat = c();
        let activity = [
            "The team's been super busy with launch prep.",
            "I've been spending a lot of time on hiring.",
            "Spent most of the week in interviews.",
            "Been heads-down on billing.",
            "Continued work on the consolidation.",
            "Had a couple of long calls with the vendor.",
            "Ran three workshops.",
            "Priya and I caught up with Finance.",
            "This sprint the team shipped the audit log.",
            "This week was pretty full on.",
            "Quick one this week.",
            "Recap of the week:",
            "Update on the migration:",
            "Solid week for the team.",
            "Lots going on.",
            "The usual.",
            "Nothing major to flag.",
            "No updates.",
            "All good.",
            "Making good progress.",
            "Blocked on procurement.",
            "More next week.",
            "Will keep you posted.",
            "None this week.",
        ];
        for s in activity {
            assert!(cat.is_activity(&normalise(s)), "not activity: {s}");
        }
        let handoffs = [
            "Let me know how you want to handle the date slip.",
            "Let me know if anything jumps out.",
            "Ping me if you need anything!",
            "What should we do about the vendor?",
            "How do we handle the Acme escalation?",
            "Would love your input on how to prioritise.",
            "Let's talk it through live.",
            "I'll follow your lead.",
            "Open either way.",
            "Not sure what the right move is on Kestrel.",
        ];
        for s in handoffs {
            assert!(cat.is_handoff(&normalise(s)), "not a hand-off: {s}");
        }
        let asks = [
            "I suggest we wait.",
            "I'd go with the move.",
            "I'd rather take the testing hit now.",
            "My call is to renew.",
            "Where I land is a staged move.",
            "We've already decided to split the writes.",
            "I'm shutting staging down from Monday.",
            "We're going to make invites the first step.",
            "I want us to pick one today.",
            "Decision needed: renew or not.",
            "The one thing I need is a date.",
            "I need two more engineers.",
            "Could use your help with the vendor.",
            "Would you be open to moving the QBR?",
            "Please approve the contract.",
            "Sign off on the overtime?",
            "Any objection to moving the launch?",
            "Thoughts on hiring two contractors?",
            "The tradeoff I see: speed or coverage.",
            "The choice is between speed and coverage.",
            "We need to hire a second SRE.",
            "Let's go with option B.",
            "I'd push it two weeks.",
            "Approve the contract that is blocked in procurement.",
            "Unblock the two hires.",
            "Decide by Friday whether to renew.",
        ];
        for s in asks {
            assert!(cat.is_ask(&normalise(s)), "not an ask: {s}");
        }
        let outcomes = [
            "The outcome I'm driving is lower churn.",
            "The number I care about is gross margin.",
            "The thing I'm most focused on is latency.",
            "What matters most right now is the renewal.",
            "Everything ladders up to net retention.",
            "My top priority this quarter is hiring.",
            "Our goal is ten partners.",
            "Goal is to cut churn to 2% by Q4.",
            "Success looks like zero P1s.",
            "Launch the Osaka desk by 1 October.",
            "Every customer live on SSO by Q3.",
            "12 hires closed by the end of Q3.",
            "Close the books in 5 days instead of 9.",
        ];
        for s in outcomes {
            assert!(cat.is_outcome(&normalise(s)), "not an outcome: {s}");
        }
        let insights = [
            "I keep hearing the same complaint.",
            "We learned that buyers want references.",
            "The real blocker is ownership.",
            "The common thread was sign-off.",
            "The cause was a single database.",
            "Our closing line is the problem.",
            "My read is that Sales is stretched.",
            "My hunch is that pricing is fine.",
            "I suspect the vendor is overbooked.",
            "I'm worried that we lose the champion.",
            "What tips it for me is the cost curve.",
            "What's changed is the partner mix.",
            "Volume is up, which means a backlog.",
            "That combination usually means trouble.",
            "The data shows a seasonal dip.",
            "The fraud team isn't slow; we call them three times.",
            "Offers lose on start date, not salary.",
            "Mobile users bail twice as often.",
            "Deals close 40% faster with an early review.",
            "Every at-risk account bought through a reseller.",
            "Customers keep asking for SSO.",
            "Partners want SSO through their own provider.",
            "Candidates accept elsewhere in week three.",
        ];
        for s in insights {
            assert!(cat.is_insight(&normalise(s)), "not an insight: {s}");
        }
        for s in [
            "Closed out the SRE req",
            "Old logins disabled",
            "Activation: 38%",
            "Docs in review",
        ] {
            assert!(cat.is_status_item(&normalise(s)), "not status: {s}");
        }
        for s in ["Budget needed for Q3", "Proposed pricing for the pilot"] {
            assert!(!cat.is_status_item(&normalise(s)), "status: {s}");
        }
        for s in ["Done", "In progress", "✅", "80%"] {
            assert_ne!(cat.status_cell(&normalise(s)), StatusStrength::None, "{s}");
        }
        assert_eq!(
            cat.status_cell(&normalise("20% price increase")),
            StatusStrength::None
        );
    }

    #[test]
    fn points_are_not_activity() {
        for s in [
            "The most important outcome I'm focused on right now is retention.",
            "What I'm seeing is that trials stall at invoicing.",
            "We met our Q3 target two weeks early.",
            "We met the deadline.",
            "My recommendation is to pause the rollout.",
            "Our churn doubled after the price change.",
            "Busy season starts in three weeks.",
        ] {
            assert!(!c().is_activity(&normalise(s)), "activity: {s}");
        }
    }

    #[test]
    fn handoffs_need_the_whole_sentence() {
        for s in [
            "Let me know what you think.",
            "Thoughts?",
            "Happy to discuss.",
            "Let's discuss.",
            "Your call.",
            "Let me know if you have any questions.",
            "What do you think?",
            "Any thoughts on this? 🙏",
            "How should we proceed?",
            "Open to suggestions.",
            "I'd love your input on this.",
            "Open to ideas.",
            "Whatever works for you.",
            "Up to you how we play this one.",
            "Can you let me know what you think?",
            "Let me know if you have any questions about the plan.",
            "Shout if anything jumps out.",
            "Thoughts on the reorg?",
            "Happy to go deeper on any of these.",
            "Not sure what the right call is here.",
        ] {
            assert!(c().is_handoff(&normalise(s)), "not a hand-off: {s}");
        }
        for s in [
            "What I need from you is to let me know by Friday whether we can hire.",
            "Let me know by Friday whether you approve the budget.",
            "Happy to discuss the pricing model I proposed, which cuts discounting by half.",
            "What do you think the board will ask about churn",
            "Thoughts on moving the launch to May?",
            "My recommendation is to wait; happy to walk you through the numbers.",
        ] {
            assert!(!c().is_handoff(&normalise(s)), "hand-off: {s}");
        }
    }

    #[test]
    fn asks_come_in_many_forms() {
        for s in [
            "I recommend we pause the rollout.",
            "I propose moving the launch to May.",
            "My ask is an intro to their CFO.",
            "I'm asking for two more engineers.",
            "Could you join the customer call on Thursday?",
            "I need your approval for the vendor contract.",
            "I've decided to consolidate the two teams.",
            "We should retire the legacy plan.",
            "The tradeoff I'm weighing is speed against coverage.",
            "We have to decide by Friday whether to renew.",
            "I'd push for the cheaper plan.",
            "Can you back me on the reorg?",
            "Approve the two hires?",
            "OK to freeze config pushes from the 1st?",
            "Unless you object, I'll move the launch to May.",
            "Either we slip two weeks or we cut SSO.",
            "Let me know by Thursday if the budget is approved so I can sign.",
        ] {
            assert!(c().is_ask(&normalise(s)), "not an ask: {s}");
        }
        assert!(!c().is_ask(&normalise("Can you let me know what you think?")));
    }

    #[test]
    fn outcomes_and_insights_without_starters() {
        for s in [
            "The win I'm going after this quarter: pick errors below 0.5%.",
            "I'm on the hook for cutting cloud spend 20% by July.",
            "First-contact resolution from 61% to 75% by the end of the year.",
            "Ending that exception by September is the bar.",
            "Keeping Halvorsen matters more this quarter than any new logo.",
        ] {
            assert!(c().is_outcome(&normalise(s)), "not an outcome: {s}");
        }
        for s in [
            "That combination usually means the renewal is in trouble.",
            "It's not carelessness; the pipeline takes forty minutes.",
            "Pick errors double on nights when temps run the floor.",
            "Almost all of the gap comes from three legacy customers.",
            "Waiting on the review is costing us a deal a month.",
        ] {
            assert!(c().is_insight(&normalise(s)), "not an insight: {s}");
        }
    }

    #[test]
    fn status_items() {
        for s in [
            "Finished the hiring plan draft",
            "Reviewed the Q2 roadmap with design",
            "Onboarded two new engineers",
            "✅ Contract signed",
            "Migration 80% done",
            "QA sign-off in progress",
            "Beta shipped to ten design partners",
            "Sat in on the pricing review",
            "Hiring: 2 of 3 offers accepted",
        ] {
            assert!(c().is_status_item(&normalise(s)), "not status: {s}");
        }
        for s in [
            "Need a decision on pricing",
            "Budget for two contractors",
            "Proceed with the pilot",
            "Embedded analytics pricing",
            "Approve the two hires",
        ] {
            assert!(!c().is_status_item(&normalise(s)), "status: {s}");
        }
        assert_eq!(
            c().status_strength(&normalise("The migration is delayed to October")),
            StatusStrength::Weak
        );
    }

    #[test]
    fn unfinished_starters() {
        assert!(c().is_unfinished_starter(&normalise("My recommendation is …")));
        assert!(c().is_unfinished_starter(&normalise("What I’m seeing is")));
        assert!(!c().is_unfinished_starter(&normalise("My recommendation is to wait.")));
    }

    #[test]
    fn priority_claims_are_the_authors() {
        assert!(c().claims_top_priority(&normalise("My top priority is hiring.")));
        assert!(c().claims_top_priority(&normalise("The most important thing is morale.")));
        assert!(!c().claims_top_priority(&normalise("It's also Finance's top priority.")));
    }

    #[test]
    fn preambles() {
        for s in ["Hi Dana,", "hey dana!", "Date: 3 June", "Good morning!"] {
            assert!(c().is_preamble(&normalise(s)), "not a preamble: {s}");
        }
        assert!(!c().is_preamble(&normalise("Hi-res exports are broken for every customer.")));
    }
}
