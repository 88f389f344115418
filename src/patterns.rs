//! The pattern catalogue: the language the rules recognise.
//!
//! Every pattern runs on a *normalised* sentence (see [`normalise`]): lower case, curly
//! quotes and apostrophes made straight, whitespace collapsed, leading bullets, quotes
//! and emoji removed. Patterns are grouped by what they recognise; each group is one
//! `RegexSet`, compiled once. Only the linear-time `regex` crate is used, so no input
//! can make matching backtrack.
//!
//! The groups, with what a member looks like:
//! - activity reports and empty openings ("We're still working on…", "Busy week!")
//! - hand-offs that return the problem without a view ("Thoughts?", "Your call.")
//! - asks, recommendations, decisions and tradeoffs ("I propose…", "Could you…?")
//! - outcome statements ("The result we're driving is…")
//! - insight statements ("I've noticed…", "The real risk is…")
//! - routine status items ("Shipped…", "✅", "80% done")
//! - hedges that weaken an ask ("maybe", "I was wondering if")
//!
//! `docs/patterns.md` describes the catalogue for users.

use regex::{Regex, RegexSet};
use std::sync::OnceLock;

/// Optional lead-in words that do not change what a sentence does ("So,", "Anyway,").
const LEAD: &str = r"^(?:(?:so|ok|okay|well|hi|hey|alright|anyway|anyways|overall|honestly|basically|also|again|and|but|otherwise|other than that|as always|that said|in short|tl;?dr)[,!.:;]?\s+)*";

/// A trailing run of anything but letters and digits: punctuation, emoji, closing quotes.
const END: &str = r"[^\p{L}\p{N}]*$";

/// Activity reports and openings that say nothing. Anchored at the start of the sentence.
const ACTIVITY: &[&str] = &[
    // "We're still working on…", "The team is busy with…", "I'm trying to…"
    r"(?:we|i|the team|team|my team|our team|everyone|everybody)(?:'re|'m| are| am| is|'s| was| were)\s+(?:still\s+|currently\s+|really\s+)?(?:working|plugging|chipping|grinding|pushing through|chugging|heads[- ]down|busy|swamped|slammed|waiting|looking into|digging into|making progress|progressing|continuing|wrapping up|finishing up|trying to|figuring out|cranking)",
    // "Still waiting on…", "Currently working on…", "Continuing to work on…"
    r"(?:still|currently|continuing|continued|keep|keeping|kept)\s+(?:working|waiting|chasing|pushing|plugging|chipping|grinding|to work|to push|to chip|to make progress|busy|on it)",
    // "Just a quick update", "Just checking in"
    r"just\s+(?:a\s+)?(?:quick|brief|short|small|little|few)?\s*(?:update|updates|note|notes|fyi|heads[- ]up|check[- ]in|recap|status|sync|checking|touching|wanted|a reminder|catching up|following up|looping)",
    // "Quick update:", "A brief status", "Weekly recap"
    r"(?:a\s+)?(?:quick|brief|short|small|weekly|general|status|overall|high[- ]level)\s+(?:update|updates|recap|status|rundown|summary|check[- ]in|round[- ]?up)\b",
    // "Busy week!", "Good sprint overall."
    r"(?:a\s+)?(?:busy|crazy|hectic|long|full|packed|wild|good|great|productive|solid|quiet|slow|rough|tough|intense|eventful)\s+(?:week|weeks|sprint|month|day|days|few days|few weeks|couple of weeks|quarter)\b",
    // "It's been a busy week", "What a week"
    r"(?:it's|it is|it has|it was|this has|this was|that was|what a)\s+(?:been\s+)?(?:a\s+|an\s+)?(?:busy|crazy|hectic|long|full|packed|wild|good|great|productive|solid|quiet|intense|eventful|week|sprint|month)",
    // "We met with Sales", "I caught up with Jo", "We had a few calls with…"
    r"(?:we|i|the team|my team|[a-z]+ and i)\s+(?:met\s+(?:with|up|on|about|again|to discuss|several|a few|twice)|sat down with|caught up with|synced\s+(?:with|on|up)|spoke\s+(?:with|to)|talked\s+(?:with|to|about)|chatted\s+(?:with|about)|connected\s+with|touched base|had\s+(?:a|an|some|several|two|three|four|a few|a couple of|lots of|many|multiple|our|the|good|great|productive)\s+(?:\w+\s+)?(?:meeting|meetings|call|calls|sync|syncs|chat|chats|conversation|conversations|discussion|discussions|workshop|workshops|session|sessions|review|reviews|1:1s|one-on-ones|check-ins|offsite))",
    // "Here's what I've been working on", "Here is what we did"
    r"here(?:'s| is| are)\s+what\s+(?:i've|i have|we've|we have|i|we|the team|my team)\s+(?:has\s+|have\s+)?(?:been\s+)?(?:working|doing|up to|done|did|worked|spent|focused|busy|covered|got through)",
    // "Here's my update", "Here are the updates"
    r"here(?:'s| is| are)\s+(?:a|an|my|our|the|some|this week's|the latest)\s+(?:quick\s+|brief\s+|short\s+|weekly\s+|usual\s+)?(?:update|updates|recap|rundown|summary|status|progress|list of)",
    // "This week I worked on…", "Last sprint we spent…"
    r"(?:this|last|past)\s+(?:week|sprint|month|few days|couple of weeks)\s*,?\s+(?:i|we|the team|my team)\s+(?:worked|spent|did|focused|was|were|had|met|kept|continued|made|finished|wrapped|shipped|got|started|have been|'ve been)",
    // "I worked on…", "We've been busy", "The team has been heads-down"
    r"(?:i|we|the team|my team)(?:'ve| have| has)?\s+(?:worked|spent (?:the|this|most|much|a lot|time|some time|all)|did a lot|been)\s+(?:on|working|busy|doing|heads|swamped|slammed|buried|focused on (?:getting|finishing|wrapping)|week|time|day)",
    // "Not much to report", "Nothing new", "No major updates", "Same as last week"
    r"not\s+(?:much|a lot|a ton|anything major|too much|a whole lot)\s+(?:new|to report|to share|going on|happening|has changed|changed|to update|news|this week|since|here|else)",
    r"nothing\s+(?:much|major|big|new|significant|special|really|to report|to share|has changed|changed|else|notable|exciting|of note)",
    r"no\s+(?:major|big|real|significant|new|important|notable)?\s*(?:updates|update|news|changes|change)\b",
    r"same as (?:last|the last|before|usual)",
    // "Things are going well", "Everything is on track", "All good"
    r"(?:things|everything|all|it|stuff|work|the project|the team|projects)\s+(?:is|are|remains?|looks?|seems?|feels?|has been|have been)\s+(?:\w+\s+)?(?:unchanged|the same|as before|on track|good|fine|ok|okay|going well|moving along|progressing|steady|stable|green|smooth|going|moving|busy)",
    r"all (?:good|fine|quiet|on track|green|steady)",
    // "Progress continues on…", "Making good progress", "Work is ongoing"
    r"progress\s+(?:continues|continued|is (?:being made|ongoing|steady|good)|has been (?:made|steady|good)|on\b|update)",
    r"(?:making|made|we're making|we are making|we made|i made)\s+(?:good|steady|some|solid|great|decent|real|lots of|a lot of|more)?\s*progress",
    r"(?:work|things|the work|efforts?)\s+(?:continues|continue|is continuing|are continuing|is ongoing|are ongoing|is underway|are underway|progressing)",
    r"(?:lots|plenty|a lot|tons|loads)\s+(?:of\s+)?(?:progress|things|stuff|work|activity|movement|going on|happening|happened|to cover|on the go)",
    r"(?:moving|chugging|plugging|ticking|rolling)\s+along",
    // "Still waiting on legal", "Waiting for sign-off"
    r"(?:we're\s+|we are\s+|i'm\s+|i am\s+)?(?:still\s+)?(?:waiting|holding)\s+(?:on|for)\b",
    // "I wanted to give you a quick update", "Wanted to check in"
    r"(?:i|we)\s+(?:just\s+)?(?:wanted|want|thought i'd|thought we'd)\s+to\s+(?:give|share|provide|send|run)\s+(?:you\s+)?(?:a|an|some|my|the|through)\s+(?:quick\s+|brief\s+)?(?:update|recap|status|rundown|heads[- ]up|summary)",
    r"(?:i\s+)?(?:just\s+)?(?:wanted to|want to)\s+(?:check in|touch base|catch up|sync|give you an update|update you|loop you in)",
    r"(?:checking|touching)\s+(?:in|base)\b",
    r"(?:catching|catch)\s+up\b",
    // "We kicked off…", "I started working on…"
    r"(?:we|i|the team|my team)\s+(?:kicked off|started working|began working|started on|began on|got started|started looking|spent time)",
    // "Update on the migration:", "Status for the launch"
    r"(?:update|updates|status|progress)\s+(?:on|for|from|re|regarding)\b",
    // "I attended the QBR", "We ran three workshops"
    r"(?:i|we|the team)\s+(?:attended|joined|ran|held|hosted|facilitated|sat in on)\s+(?:a|an|the|several|some|two|three|many|multiple|our|my)?\s*(?:\w+\s+)?(?:meeting|meetings|workshop|workshops|session|sessions|review|reviews|sync|syncs|offsite|standup|standups|stand-ups|retro|retros|calls?|demo|demos)",
];

/// Hand-offs: the whole sentence returns the problem with no view attached.
const HANDOFF: &[&str] = &[
    r"(?:please\s+)?let me know(?:\s+(?:what you think|your thoughts|how you feel|how you see it|what you'd like(?: to do| me to do| us to do)?|what you want(?: to do| me to do| us to do)?|how you(?:'d| would)? (?:like|want) (?:me |us )?to (?:proceed|handle (?:it|this)|play (?:it|this)|move forward)|if you have (?:any )?(?:questions|concerns|thoughts|feedback|comments)|if (?:this|that|it) (?:works|makes sense|sounds good|sounds ok|is ok|is okay)|if you (?:agree|disagree)|if you (?:want|need|would like|'d like) (?:anything(?: else)?|more(?: detail)?|to discuss|to chat|to talk)|your preference|your call|which (?:option|way|one) you prefer|what's best|how to proceed|how we should proceed|if anything(?: else)? comes up|what you decide|what you'd do|your take|your feedback|either way))?",
    r"(?:can|could|would) you (?:let me know|share|send|give me) (?:what you think|your thoughts|your take|your feedback)",
    r"(?:any\s+)?(?:thoughts|feedback|questions|concerns|ideas|input|reactions|comments|objections|suggestions)(?:\s+(?:on|about)\s+(?:this|that|the above|these|it|all (?:of )?this|the plan))?\s*\?",
    r"what (?:do|would) you (?:think|suggest|recommend|advise|prefer|want (?:me |us )?to do|do|say)(?:\s+(?:about|of|on|we do with)\s+(?:this|that|it|all (?:of )?this|the above))?\s*\?",
    r"what are your (?:thoughts|views|feelings)(?:\s+(?:on|about)\s+(?:this|that|it|the above))?\s*\?",
    r"(?:how|where) (?:should|do|would|could|can) (?:we|i) (?:proceed|handle (?:this|it)|move forward|approach (?:this|it)|play (?:this|it)|go from here|take (?:this|it) from here)\s*\?",
    r"how do you want (?:me |us )?to (?:proceed|handle (?:this|it)|play (?:this|it)|move forward)\s*\?",
    r"what should (?:i|we) do(?:\s+(?:about|with|here|next)(?:\s+(?:this|it|that))?)?\s*\?",
    r"(?:do you have |any )?(?:guidance|advice|direction|preferences?)\s*\?",
    r"what(?:'s| is) your (?:take|view|read|call|preference|opinion|gut)(?:\s+(?:on|about)\s+(?:this|that|it))?\s*\?",
    r"your thoughts\s*\?",
    r"(?:i'm |i am )?open to (?:your )?(?:thoughts|ideas|suggestions|feedback|input|anything|whatever you think)",
    r"(?:i'm |i am )?(?:happy|glad|open|available|around) to (?:discuss|chat|talk|go over|walk through|answer|dig in|jump on a call)(?:\s+(?:it|this|that|more|further|them|any questions|in (?:more )?detail|live|offline|in person|through|anytime|any time|if needed|if helpful|if useful|whenever))*",
    r"(?:let's|lets|we can|we could|can we|could we|we should) (?:discuss|chat|talk|go over|sync|dig in|touch base)(?:\s+(?:about\s+)?(?:it|this|that|live|more|further|in the meeting|in our 1:1|tomorrow|later|through|when we meet|on (?:this|that|it)))*\s*\??",
    r"(?:it's |that's |this is |ultimately )?(?:your call|up to you|your decision|your choice|in your hands)",
    r"(?:i'll|i will|happy to|i'm happy to) (?:defer|leave it|leave that|leave this) to you",
    r"whatever you (?:think|decide|prefer|want)(?: is best)?",
    r"(?:please )?advise",
    r"(?:feedback|thoughts|input|questions|comments) (?:welcome|appreciated|are welcome|is welcome|always welcome)",
    r"(?:i'd|i would) (?:love|like|appreciate|value|welcome) your (?:thoughts|input|feedback|take|guidance|perspective|opinion|view|help figuring (?:it|this) out)(?:\s+(?:on|about)\s+(?:this|that|it|the above|how to proceed|next steps))?",
    r"(?:curious|interested) (?:what|how|to hear what) you (?:think|see it|feel)",
    r"(?:i'm )?not sure (?:what|how) (?:to do|to proceed|we should proceed|to handle (?:it|this)|to move forward)(?: here)?",
    r"(?:i'm |i am )?(?:open|flexible|fine) either way",
    r"(?:that's|that is|this is) (?:it|all) (?:from me|for now|for this week)",
];

/// Asks, recommendations, decisions and tradeoffs, anywhere in the sentence.
const ASK: &[&str] = &[
    r"\bmy recommendation (?:is|would be|here is|:)",
    r"\bwhat i need (?:from you|is|:)",
    r"\bthe decision i(?:'m| am) making\b",
    r"\bthe trade-?off i(?:'m| am) weighing\b",
    r"\bi(?:'d| would)?\s+(?:strongly\s+)?recommend\b",
    r"\bi\s+(?:propose|suggest|advocate)\b",
    r"\bi(?:'m| am)\s+(?:proposing|suggesting|recommending|requesting|asking|advocating)\b",
    r"\bmy (?:proposal|suggestion|ask|request|plan|decision|recommendation|next move|call|pick|choice) (?:is|would be|:)",
    r"\bthe (?:ask|request|proposal|plan|decision|recommendation) (?:is|here is|i'm making|i am making)\b",
    r"\bi(?:'d| would) like (?:to (?:propose|ask|request|recommend|get|have|go with|move|hire|pilot)|your (?:approval|sign-?off|decision|help|support|backing|blessing|go-ahead|sponsorship)|you to)\b",
    r"\bi need (?:you\b|your\b|a decision|approval|sign-?off|budget|headcount|help|support|air cover|an? (?:intro|introduction|decision|answer|call|owner|exception|extra|additional|second))",
    r"^(?:could|can|would|will) you\b",
    r"\b(?:if|whether) (?:\w+ )?you (?:could|can|would|might)\b",
    r"\bi(?:'ve| have)?\s+decided\b",
    r"\bwe(?:'ve| have)\s+decided\b",
    r"\bi(?:'m| am)\s+(?:deciding|choosing|going to|planning to|committing to|opting)\b",
    r"\bi (?:plan|intend|want) to (?:move|hire|cut|ship|launch|pilot|pause|stop|start|shift|reassign|delay|push|kill|fund|invest|escalate|propose|recommend|ask)\b",
    r"\bi(?:'ll| will) (?:own|drive|lead|take ownership|make the call|decide|escalate|move)\b",
    r"\b(?:please|kindly)\s+(?:approve|review|sign off|confirm|decide|weigh in|introduce|join|sponsor|back|support|help|prioriti[sz]e|escalate|unblock|fund|green-?light)",
    r"\b(?:can|could|may) i (?:get|have|count on|ask)\b",
    r"\b(?:i think |i believe )?we should\b",
    r"\blet's (?:pilot|move|ship|hire|cut|delay|launch|run|try|commit|make|adopt|pause|stop|start|prioriti[sz]e|drop|push|go with|choose|pick|agree|decide|fund|staff|escalate|kill|sunset|split|merge|test|trial|defer|postpone|consolidate|invest|hold|freeze|name|assign)\b",
    r"\bthe trade-?off (?:is|here is|i see|i'm making|i am making)\b",
    r"\btrade-?off between\b",
    r"\bweighing\b.*\b(?:against|versus|vs\.?|or)\b",
    r"\b(?:decision|approval|sign-?off) (?:needed|required|requested)\b",
    r"\bneed(?:s|ed)? (?:a|your) (?:decision|call|approval|sign-?off)\b",
    r"\bwould you be (?:willing|open|ok|okay|comfortable)\b",
    r"\bare you (?:ok|okay|comfortable|willing|open) (?:with|to)\b",
    r"\bmy next (?:move|step) (?:is|will be)\b",
    r"\brequesting\b",
];

/// Outcome statements: the result being driven.
const OUTCOME: &[&str] = &[
    r"\b(?:most important|top|main|primary|biggest|key|number one|#1|single|one)\s+(?:outcome|result|goal|priority|objective|focus|target)\b",
    r"\b(?:the )?(?:outcome|result|goal|objective|target|impact|metric|number)\s+(?:i'm|i am|we're|we are|the team is|my team is)\s+(?:driving|focused on|focusing on|targeting|after|working (?:toward|towards|on)|aiming (?:for|at)|chasing|committed to|accountable for|going after|pushing for|delivering|moving|responsible for|owning)",
    r"\b(?:i'm|i am|we're|we are)\s+driving\b",
    r"\bwhat (?:i'm|i am|we're|we are) (?:driving|focused on|aiming for|going after)\b",
    r"\bmy (?:top |main |primary |biggest |#1 |number one |one )?(?:priority|goal|focus|objective|target)\b.*\b(?:is|are)\b",
    r"\bour (?:top |main |primary |biggest |#1 |number one |one )?(?:priority|goal|objective|target|north star|focus)\s+(?:is|for|this)\b",
    r"\bsuccess (?:looks like|means|is|would be|will be)\b",
    r"\b(?:business|customer|revenue) (?:outcome|result|impact)\b",
    r"\bthe outcome (?:is|here|i want|we want|that matters)\b",
    r"\b(?:aiming|targeting|committed|on track|on pace)\s+to\s+(?:cut|reduce|grow|increase|lift|raise|hit|reach|close|land|double|halve|ship|launch|deliver|get|win|retain)\b",
];

/// Insight statements: an interpreted pattern, risk, signal, trade-off or blocker.
const INSIGHT: &[&str] = &[
    r"\bwhat (?:i'm|i am|we're|we are) (?:seeing|noticing|hearing|learning|finding)\b",
    r"\b(?:i'm|i am|we're|we are) (?:seeing|noticing|hearing) (?:that|a|an|the|more|less|fewer|signs)\b",
    r"\b(?:i|we)(?:'ve| have)? (?:noticed|learned|learnt|realized|realised|discovered|observed|spotted)\b",
    r"\b(?:i|we)(?:'ve| have) (?:found|seen) (?:that|a|an|the)\b",
    r"\bthe (?:real|biggest|main|key|core|underlying|hidden|emerging|actual|root|one|bigger|top|new) (?:risk|pattern|signal|blocker|issue|problem|bottleneck|trend|insight|concern|constraint|gap|cause|question|tension|lesson|driver)\b",
    r"\b(?:the |a |one )?(?:risk|pattern|signal|blocker|bottleneck|trend|insight|concern)\s+(?:is|i see|i'm seeing|here is|that)\b",
    r"\b(?:my|the) (?:read|take|hypothesis|observation|interpretation|diagnosis|hunch|sense|conclusion) (?:is|here is|:)",
    r"\bwhat (?:concerns|worries|surprised|surprises|strikes) me\b",
    r"\b(?:i'm|i am) (?:worried|concerned)\b",
    r"\bthe (?:data|numbers|metrics|survey|feedback|results|pipeline|funnel|churn data) (?:show|shows|suggest|suggests|say|says|tell|tells|point|points)\b",
    r"\b(?:customers|users|reps|engineers|buyers|prospects|accounts|teams?|clients) (?:keep|are|have been) (?:telling|asking|saying|showing|pushing back|churning)\b",
    r"\b(?:it|this) (?:turns out|means that|tells (?:me|us))\b",
    r"\bwhat this (?:tells|means|shows|suggests)\b",
    r"\broot cause\b",
];

/// Routine status items, judged on list items.
const STATUS: &[&str] = &[
    r"^(?:\[[x ]\]|done|shipped|completed?|finished|launched|released|deployed|merged|delivered|closed|fixed|resolved|wrapped up|wip|in progress|ongoing|started|kicked off|on track|blocked|pending|todo|to do|reviewed|onboarded|prepared|drafted|updated|cleaned up|migrated|hired|interviewed|published|sent|submitted|wrote|built|ran|held|met|attended|presented|organi[sz]ed|scheduled|set up|moved|upgraded|refactored|tested|documented|signed|renewed|rolled out|got|made|did|spent|caught up|synced)\b",
    r"^[a-z]{3,}ed\b",
    r"\b(?:done|shipped|completed|finished|launched|merged|in progress|wip|on track|complete|underway|in review|ongoing|blocked|on hold|delayed|at risk|eta)\b",
    r"\d+(?:\.\d+)?\s*%",
    r"[✅☑✔✓🟢🟡🔴⏳🚧]",
    r"\b(?:status|eta|progress)\s*:",
];

/// Words ending in "ed" that are not past tense, so they do not make an item routine status.
const NOT_PAST_TENSE: &[&str] = &[
    "need", "needed", "proceed", "exceed", "succeed", "speed", "seed", "feed", "embed", "bleed",
    "breed", "heed", "indeed", "shed", "bed", "red", "sled", "steed", "weed", "greed", "deed",
];

/// Hedges that weaken an ask.
const HEDGE: &[&str] = &[
    r"\b(?:maybe|perhaps|possibly|potentially|somehow|hopefully)\b",
    r"\b(?:kind of|sort of|a bit|a little bit|i guess|i suppose|no pressure|if that's ok|if that's okay|if that works)\b",
    r"\b(?:i was wondering|i wonder|wondering if|not sure if|might be worth|could maybe|if possible|if it's possible|if it's not too much|if you have time|if you get a chance|when you get a chance)\b",
    r"\b(?:just|only) (?:wanted|want|need|needed|asking|hoping|checking)\b",
    r"\bi(?:'m| am) hoping\b",
];

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

/// A claim that something is the single most important thing.
const PRIORITY: &str = r"\b(?:most important|top priority|#1 priority|number one priority|biggest priority|main priority|first priority|top goal|number one goal|#1 goal)\b";

/// Compiled groups of patterns.
pub struct Catalogue {
    activity: RegexSet,
    handoff: RegexSet,
    ask: RegexSet,
    outcome: RegexSet,
    insight: RegexSet,
    status: RegexSet,
    hedge: RegexSet,
    unfinished: Regex,
    past_tense_word: Regex,
    priority: Regex,
}

/// The one compiled catalogue.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let anchored = |list: &[&str], end: &str| {
            RegexSet::new(list.iter().map(|p| format!("{LEAD}(?:{p}){end}")))
                .expect("activity/hand-off patterns compile")
        };
        let plain = |list: &[&str]| RegexSet::new(list).expect("patterns compile");
        Catalogue {
            activity: anchored(ACTIVITY, ""),
            handoff: anchored(HANDOFF, END),
            ask: plain(ASK),
            outcome: plain(OUTCOME),
            insight: plain(INSIGHT),
            status: plain(STATUS),
            hedge: plain(HEDGE),
            unfinished: Regex::new(UNFINISHED).expect("unfinished pattern compiles"),
            past_tense_word: Regex::new(r"^([a-z]{3,}ed)\b").expect("word pattern compiles"),
            priority: Regex::new(PRIORITY).expect("priority pattern compiles"),
        }
    })
}

impl Catalogue {
    pub fn is_activity(&self, s: &str) -> bool {
        self.activity.is_match(s)
    }
    pub fn is_handoff(&self, s: &str) -> bool {
        self.handoff.is_match(s) && !self.ask.is_match(s)
    }
    pub fn is_ask(&self, s: &str) -> bool {
        self.ask.is_match(s) && !self.handoff.is_match(s)
    }
    pub fn is_outcome(&self, s: &str) -> bool {
        self.outcome.is_match(s)
    }
    pub fn is_insight(&self, s: &str) -> bool {
        self.insight.is_match(s)
    }
    pub fn claims_top_priority(&self, s: &str) -> bool {
        self.priority.is_match(s)
    }
    pub fn is_hedged(&self, s: &str) -> bool {
        self.hedge.is_match(s)
    }
    pub fn is_unfinished_starter(&self, s: &str) -> bool {
        self.unfinished.is_match(s)
    }
    /// True when the sentence states an outcome, an insight or an ask: a point of its own.
    pub fn makes_a_point(&self, s: &str) -> bool {
        self.is_outcome(s) || self.is_insight(s) || self.ask.is_match(s)
    }
    pub fn is_status_item(&self, s: &str) -> bool {
        let matches = self.status.matches(s);
        if !matches.matched_any() || self.makes_a_point(s) {
            return false;
        }
        // Only the generic "…ed" pattern matched: make sure the word really is past tense.
        if matches.iter().eq([1]) {
            let word = self
                .past_tense_word
                .captures(s)
                .and_then(|c| c.get(1))
                .map_or("", |m| m.as_str());
            return !NOT_PAST_TENSE.contains(&word);
        }
        true
    }
}

/// Lower-cases, straightens quotes, collapses whitespace and drops leading bullets,
/// quotes and emoji, so that patterns see "we're still working on…" for
/// “We’re  still working on…”.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{00A0}' | '\t' | '\n' | '\r' => ' ',
            _ => c,
        };
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if out.is_empty() && !(c.is_alphanumeric() || c == '[' || is_status_mark(c)) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_status_mark(c: char) -> bool {
    matches!(c, '✅' | '☑' | '✔' | '✓' | '🟢' | '🟡' | '🔴' | '⏳' | '🚧')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c() -> &'static Catalogue {
        catalogue()
    }

    #[test]
    fn normalise_straightens_and_trims() {
        assert_eq!(
            normalise("  “We’re   still\nworking”"),
            "we're still working\""
        );
        assert_eq!(normalise("- ✅ Done"), "✅ done");
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
    fn points_are_not_activity() {
        for s in [
            "The most important outcome I'm focused on right now is retention.",
            "What I'm seeing is that trials stall at invoicing.",
            "We met our Q3 target two weeks early.",
            "My recommendation is to pause the rollout.",
            "Our churn doubled after the price change.",
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
        ] {
            assert!(c().is_handoff(&normalise(s)), "not a hand-off: {s}");
        }
        for s in [
            "What I need from you is to let me know by Friday whether we can hire.",
            "Let me know by Friday whether you approve the budget.",
            "Happy to discuss the pricing model I proposed, which cuts discounting by half.",
            "What do you think the board will ask about churn",
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
        ] {
            assert!(c().is_ask(&normalise(s)), "not an ask: {s}");
        }
        assert!(!c().is_ask(&normalise("Can you let me know what you think?")));
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
        ] {
            assert!(c().is_status_item(&normalise(s)), "not status: {s}");
        }
        for s in [
            "Need a decision on pricing",
            "Budget for two contractors",
            "Proceed with the pilot",
        ] {
            assert!(!c().is_status_item(&normalise(s)), "status: {s}");
        }
    }

    #[test]
    fn unfinished_starters() {
        assert!(c().is_unfinished_starter(&normalise("My recommendation is …")));
        assert!(c().is_unfinished_starter(&normalise("What I’m seeing is")));
        assert!(!c().is_unfinished_starter(&normalise("My recommendation is to wait.")));
    }
}
