//! The labelled sentence bank: `data/bank/*.tsv`, one file per batch of sentences written
//! together in one voice (see `data/bank/README.md`).
//!
//! A file opens with `# function: …`, `# voice: …` and `# split: train|heldout` comment
//! lines, then holds one `label<TAB>sentence` line per sentence. [`parse`] reads one file
//! and reports every problem it finds; [`near_duplicate_key`] is what two sentences must
//! differ in to count twice; [`checksum`] identifies the train split a model was trained
//! on.

use super::Label;

/// Which part of the bank a batch belongs to. Chosen per batch before it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Heldout,
}

/// One file of the bank.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The file name, such as `w1-sales-ae-slack-lowercase.tsv`.
    pub name: String,
    /// The company function the voice works in ("sales", "legal", …).
    pub function: String,
    pub voice: String,
    pub split: Split,
    pub sentences: Vec<Sentence>,
}

/// One labelled sentence.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// 1-based line number in its file.
    pub line: usize,
    pub label: Label,
    pub text: String,
}

/// Reads one bank file. Every problem is reported, as `name:line: what`.
pub fn parse(name: &str, text: &str) -> Result<Batch, Vec<String>> {
    let mut problems = Vec::new();
    let (mut function, mut voice, mut split) = (None, None, None);
    let mut sentences = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let mut problem = |what: String| problems.push(format!("{name}:{n}: {what}"));
        if line.is_empty() {
            if n != text.split('\n').count() {
                problem("blank line".into());
            }
            continue;
        }
        if line.ends_with('\r') {
            problem("CRLF line ending".into());
        }
        if let Some(comment) = line.strip_prefix('#') {
            let Some((key, value)) = comment.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match key.trim() {
                "function" => function = Some(value),
                "voice" => voice = Some(value),
                "split" => match value.as_str() {
                    "train" => split = Some(Split::Train),
                    "heldout" => split = Some(Split::Heldout),
                    other => problem(format!("split must be train or heldout, not {other:?}")),
                },
                _ => {}
            }
            continue;
        }
        let Some((label, sentence)) = line.split_once('\t') else {
            problem("no tab between label and sentence".into());
            continue;
        };
        let Some(label) = Label::parse(label) else {
            problem(format!("unknown label {label:?}"));
            continue;
        };
        if sentence.trim().is_empty() {
            problem("empty sentence".into());
            continue;
        }
        if sentence.contains('\t') {
            problem("a second tab in the sentence".into());
        }
        if sentence != sentence.trim() {
            problem("space around the sentence".into());
        }
        sentences.push(Sentence {
            line: n,
            label,
            text: sentence.to_string(),
        });
    }
    let mut missing = |what: &str| problems.push(format!("{name}: no `# {what}:` header"));
    if function.is_none() {
        missing("function");
    }
    if voice.is_none() {
        missing("voice");
    }
    if split.is_none() {
        missing("split");
    }
    if sentences.is_empty() {
        problems.push(format!("{name}: no sentences"));
    }
    match (function, voice, split) {
        (Some(function), Some(voice), Some(split)) if problems.is_empty() => Ok(Batch {
            name: name.to_string(),
            function,
            voice,
            split,
            sentences,
        }),
        _ => Err(problems),
    }
}

/// What two sentences must differ in to count as two: the sentence lower-cased, with
/// names (capitalised words that do not open a sentence) and punctuation taken out,
/// digit runs made `0` and month and weekday names made `<date>`. A sentence with no
/// words left (a bare name, an emoji) has an empty key and is compared with none.
pub fn near_duplicate_key(sentence: &str) -> String {
    let mut words = Vec::new();
    let mut opens_sentence = true;
    for raw in sentence.split_whitespace() {
        let word: String = raw
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '’')
            .collect();
        if word.is_empty() {
            // Punctuation or an emoji alone: a sentence may still open after it.
            opens_sentence |= raw.ends_with(['.', '!', '?', ':']);
            continue;
        }
        let starts_upper = word.chars().next().is_some_and(char::is_uppercase);
        let was_opening = opens_sentence;
        opens_sentence = raw.ends_with(['.', '!', '?', ':']);
        let lower = word.to_lowercase().replace('’', "'");
        if is_calendar_word(&lower) {
            words.push("<date>".to_string());
            continue;
        }
        if starts_upper && !was_opening {
            continue;
        }
        let mut out = String::with_capacity(lower.len());
        let mut in_digits = false;
        for c in lower.chars() {
            if c.is_ascii_digit() {
                if !in_digits {
                    out.push('0');
                }
                in_digits = true;
            } else {
                in_digits = false;
                out.push(c);
            }
        }
        words.push(out);
    }
    words.join(" ")
}

/// Month and weekday names and their short forms.
fn is_calendar_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    WORDS.contains(&word)
}

/// 64-bit FNV-1a over the train split's file names, labels and sentences, files in name
/// order: it changes whenever the text a model is trained on changes.
pub fn checksum(batches: &[Batch]) -> String {
    let mut train: Vec<&Batch> = batches.iter().filter(|b| b.split == Split::Train).collect();
    train.sort_by(|a, b| a.name.cmp(&b.name));
    let mut text = String::new();
    for b in train {
        text.push_str(&b.name);
        text.push('\n');
        for s in &b.sentences {
            text.push_str(s.label.as_str());
            text.push('\t');
            text.push_str(&s.text);
            text.push('\n');
        }
    }
    format!("{:016x}", super::features::hash(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_parses_with_its_headers() {
        let text = "# function: sales\n# voice: AE, slack\n# split: heldout\nfact\tWe have 14 reqs.\nhandoff\tthoughts?\n";
        let b = parse("x.tsv", text).unwrap();
        assert_eq!(b.split, Split::Heldout);
        assert_eq!(b.sentences.len(), 2);
        assert_eq!(b.sentences[1].line, 5);
        assert_eq!(b.sentences[1].label, Label::Handoff);
    }

    #[test]
    fn every_problem_is_reported() {
        let text = "# function: sales\n# split: later\nfacts\tx\nno tab here\n\nfact\t\n";
        let problems = parse("x.tsv", text).unwrap_err();
        let joined = problems.join("\n");
        for want in [
            "x.tsv:2: split",
            "x.tsv:3: unknown label",
            "x.tsv:4: no tab",
            "x.tsv:5: blank",
            "x.tsv:6: empty",
            "no `# voice:`",
        ] {
            assert!(joined.contains(want), "{want} not in\n{joined}");
        }
    }

    #[test]
    fn near_duplicates_differ_only_in_names_numbers_dates_and_punctuation() {
        let a = near_duplicate_key("Met with Priya on Tuesday about the Q3 plan, 4 times.");
        let b = near_duplicate_key("met with Sam on thursday about the Q4 plan — 12 times");
        assert_eq!(a, b);
        assert_eq!(a, "met with on <date> about the plan 0 times");
        assert_ne!(a, near_duplicate_key("Met with Priya about the plan."));
        // A capitalised word that opens a sentence is a word, not a name, also after a
        // leading dash.
        assert_eq!(near_duplicate_key("Shipped it. Done."), "shipped it done");
        assert_eq!(near_duplicate_key("\\- Merci, Sophie"), "merci");
        assert_eq!(near_duplicate_key("— Maya"), "maya");
        assert_eq!(near_duplicate_key("👍 🎉"), "");
    }
}
