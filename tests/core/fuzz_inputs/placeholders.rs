//! The template placeholder parser: random template text (lone and nested braces, full-width
//! and mixed braces, doubled braces, padded, unknown and empty names) parses as a reference reader does, problems are named in Chinese,
//! text without placeholders round-trips, and `fill` puts each value in its place.

use std::collections::BTreeMap;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use zerenshu::model::template::{self, Placeholder, PlaceholderError, Segment};

use super::{config, is_chinese_message, long_text, odd_char, odd_text, text_of};

/// A fragment of template text: odd text (which may hold braces), known placeholders with
/// spaces inside the braces, lone braces, nested braces and unknown or empty names.
fn template_fragment() -> impl Strategy<Value = String> {
    let placeholder = || select(Placeholder::ALL.to_vec());
    prop_oneof![
        4 => text_of(odd_char(), 0..12),
        3 => (placeholder(), 0..3_usize, 0..3_usize).prop_map(|(p, before, after)| {
            format!("{{{}{}{}}}", " ".repeat(before), p.name(), " ".repeat(after))
        }),
        1 => Just("{".to_owned()),
        1 => Just("}".to_owned()),
        1 => placeholder().prop_map(|p| format!("{{{{{}}}}}", p.name())),
        1 => text_of(odd_char(), 0..8).prop_map(|name| format!("{{{name}}}")),
        // One brace half-width, the other full-width, either way round.
        1 => placeholder().prop_map(|p| format!("{{{}｝", p.name())),
        1 => placeholder().prop_map(|p| format!("｛{}}}", p.name())),
    ]
}

/// Template text made of fragments, or 10,000 odd characters.
fn template_text() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => vec(template_fragment(), 0..12).prop_map(|fragments| fragments.concat()),
        1 => long_text(),
    ]
}

/// The problems of one run of literal text: a stray `}` (one not closing a `｛`), then each
/// full-width `｛…｝` name and each `｛…}` pair, then a full-width `｝` alone.
fn reference_literal_problems(chunk: &str, errors: &mut Vec<PlaceholderError>) {
    let mut full_width = Vec::new();
    let mut closes_taken = 0;
    let mut rest = chunk;
    // Each full-width opening brace names what follows it up to a half-width `}` before the
    // next opening one (taking that `}`), else up to the next full-width closing one, or is
    // said to be left open when none follows.
    while let Some((_, after)) = rest.split_once('｛') {
        let next_open = after.find('｛').unwrap_or(usize::MAX);
        let half = after.find('}').filter(|h| *h < next_open);
        let full = after.find('｝');
        if let Some(half) = half.filter(|h| full.is_none_or(|f| *h < f)) {
            full_width.push(PlaceholderError::Mixed(after[..half].trim().to_owned()));
            closes_taken += 1;
            rest = &after[half + 1..];
            continue;
        }
        full_width.push(match full {
            Some(full) => PlaceholderError::FullWidth(after[..full].trim().to_owned()),
            None => PlaceholderError::FullWidthUnclosed,
        });
        rest = after;
    }
    if chunk.matches('}').count() > closes_taken {
        errors.push(PlaceholderError::StrayClose);
    }
    errors.extend(full_width);
    if !chunk.contains('｛') && chunk.contains('｝') {
        errors.push(PlaceholderError::FullWidth(String::new()));
    }
}

/// The name of a `{` at `at` closed by a full-width `｝` before any `}`, `{` or `｛`, and
/// where the text goes on after it.
fn reference_mixed(text: &str, at: usize) -> Option<(String, usize)> {
    let after = &text[at + 1..];
    let full = after.find('｝')?;
    let first_other = ['}', '{', '｛']
        .iter()
        .filter_map(|c| after.find(*c))
        .min()
        .unwrap_or(usize::MAX);
    (full < first_other).then(|| {
        (
            after[..full].trim().to_owned(),
            at + 1 + full + '｝'.len_utf8(),
        )
    })
}

/// The rest of the line after a "{" left open, "\n" at its end when another line follows.
fn reference_start(after: &str) -> String {
    let line: String = after.chars().take_while(|c| *c != '\n').collect();
    if after.contains('\n') {
        format!("{line}\n")
    } else {
        line
    }
}

/// The brace left open when a "{" at `at` follows it: said by the name typed after it, or,
/// when none was, by the text from `at` up to the next "}".
fn reference_unclosed(open_name: &str, text: &str, at: usize) -> PlaceholderError {
    if open_name.is_empty() {
        let rest = &text[at..];
        let upto = rest.find('}').map_or(rest, |close| &rest[..close]);
        PlaceholderError::Unclosed(reference_start(upto))
    } else {
        PlaceholderError::Unclosed(reference_start(open_name))
    }
}

/// What template text should parse to, read one character at a time: the literal text with
/// every `{…}` group removed, the placeholders in order, and the problems in order (a brace
/// opened again inside a group is the group's brace left open).
fn reference_parse(text: &str) -> (String, Vec<Placeholder>, Vec<PlaceholderError>) {
    let mut literal = String::new();
    let mut fields = Vec::new();
    let mut errors = Vec::new();
    let mut open_name: Option<String> = None;
    let mut chunk = String::new();
    let mut skip_to = 0;
    for (at, c) in text.char_indices() {
        if at < skip_to {
            continue;
        }
        // "{{name}}" with no brace in the name: one mistake, the doubled braces (after a
        // brace left open, if one is).
        let doubled = (text.get(at..).and_then(|rest| rest.strip_prefix("{{")))
            .and_then(|rest| rest.split_once("}}"))
            .filter(|(name, _)| !name.contains(['{', '}']));
        if let Some((name, _)) = doubled {
            if let Some(open) = open_name.take() {
                errors.push(reference_unclosed(&open, text, at));
            } else {
                reference_literal_problems(&chunk, &mut errors);
                chunk.clear();
            }
            errors.push(PlaceholderError::Doubled(name.to_owned()));
            skip_to = at + name.len() + 4;
            continue;
        }
        match (open_name.as_mut(), c) {
            (None, '{') => {
                reference_literal_problems(&chunk, &mut errors);
                chunk.clear();
                // "{name｝": one mistake, the full-width close.
                if let Some((name, next)) = reference_mixed(text, at) {
                    errors.push(PlaceholderError::Mixed(name));
                    skip_to = next;
                    continue;
                }
                open_name = Some(String::new());
            }
            // A brace opened again before the last one closed, with a `}` still to come: the
            // last one is left open, and a placeholder starts here.
            (Some(open), '{') if text.get(at..).is_some_and(|rest| rest.contains('}')) => {
                // "{{年度}": one brace too many before a placeholder, which is read.
                let name_after = text[at + 1..].split_once('}').map(|(name, _)| name);
                let stray = (name_after.filter(|_| open.is_empty()))
                    .filter(|name| !name.contains('{'))
                    .and_then(|name| Placeholder::from_name(name.trim()));
                if let Some(placeholder) = stray {
                    errors.push(PlaceholderError::StrayOpen(placeholder.name().to_owned()));
                    fields.push(placeholder);
                    open_name = None;
                    skip_to = at + 1 + name_after.map_or(0, str::len) + 1;
                    continue;
                }
                errors.push(reference_unclosed(open, text, at));
                if let Some((name, next)) = reference_mixed(text, at) {
                    errors.push(PlaceholderError::Mixed(name));
                    open_name = None;
                    skip_to = next;
                    continue;
                }
                open_name = Some(String::new());
            }
            (None, c) => {
                literal.push(c);
                chunk.push(c);
            }
            (Some(_), '}') => {
                let name = open_name.take().unwrap_or_default();
                match Placeholder::from_name(name.trim()) {
                    Some(placeholder) => fields.push(placeholder),
                    None => errors.push(PlaceholderError::Unknown(name)),
                }
            }
            (Some(name), c) => name.push(c),
        }
    }
    if let Some(open) = open_name {
        errors.push(PlaceholderError::Unclosed(reference_start(&open)));
    } else {
        reference_literal_problems(&chunk, &mut errors);
    }
    (literal, fields, errors)
}

/// A piece of template text whose meaning is known: literal text without `{`, or a placeholder.
#[derive(Debug, Clone)]
enum Piece {
    Literal(String),
    Field(Placeholder),
}

proptest! {
    #![proptest_config(config(1024))]

    /// The parser agrees with the reference reader, and every problem is named in Chinese.
    #[test]
    fn placeholder_parser_matches_a_reference_and_explains_in_chinese(text in template_text()) {
        let (literal, fields, errors) = reference_parse(&text);
        match template::parse(&text) {
            Ok(segments) => {
                prop_assert!(errors.is_empty(), "accepted {text:?} despite {errors:?}");
                let mut parsed_literal = String::new();
                let mut parsed_fields = Vec::new();
                for segment in segments {
                    match segment {
                        Segment::Text(piece) => {
                            prop_assert!(!piece.is_empty());
                            parsed_literal.push_str(piece);
                        }
                        Segment::Field(placeholder) => parsed_fields.push(placeholder),
                    }
                }
                prop_assert_eq!(parsed_literal, literal);
                prop_assert_eq!(parsed_fields, fields);
            }
            Err(found) => {
                prop_assert!(!found.is_empty());
                prop_assert_eq!(&found, &errors);
                for error in &found {
                    let message = error.to_string();
                    prop_assert!(is_chinese_message(&message), "{message:?}");
                }
            }
        }
    }

    /// Text without braces is one literal segment and fills to itself.
    #[test]
    fn text_without_placeholders_round_trips(
        text in odd_text().prop_map(|text| text.replace(['{', '}', '｛', '｝'], "")),
    ) {
        let expected = if text.is_empty() { vec![] } else { vec![Segment::Text(text.as_str())] };
        prop_assert_eq!(template::parse(&text), Ok(expected));
        let values: BTreeMap<Placeholder, String> =
            Placeholder::ALL.into_iter().map(|p| (p, "{值}".to_owned())).collect();
        prop_assert_eq!(template::fill(&text, &values), Ok(printed(&text)));
    }

    /// Every placeholder is replaced by its value (or nothing), literal text is kept, and a value
    /// that itself looks like a placeholder is not expanded again.
    #[test]
    fn fill_puts_each_value_in_its_place(
        pieces in vec(
            prop_oneof![
                text_of(
                    odd_char().prop_map(|c| if "{}｛｝".contains(c) { '〔' } else { c }),
                    0..10,
                )
                    .prop_map(Piece::Literal),
                select(Placeholder::ALL.to_vec()).prop_map(Piece::Field),
            ],
            0..16,
        ),
        values in btree_map(
            select(Placeholder::ALL.to_vec()),
            prop_oneof![text_of(odd_char(), 0..10), Just("{年度}".to_owned())],
            0..=9,
        ),
    ) {
        let mut text = String::new();
        let mut expected = String::new();
        for piece in &pieces {
            match piece {
                Piece::Literal(literal) => {
                    text.push_str(literal);
                    expected.push_str(&printed(literal));
                }
                Piece::Field(placeholder) => {
                    text.push('{');
                    text.push_str(placeholder.name());
                    text.push('}');
                    expected.push_str(values.get(placeholder).map_or("", String::as_str));
                }
            }
        }
        prop_assert_eq!(template::fill(&text, &values), Ok(expected));
    }
}

/// Literal template text as it prints: a tab as a full-width space, a manual line break as a
/// line break, other control characters left out.
fn printed(literal: &str) -> String {
    literal
        .chars()
        .filter_map(|c| match c {
            '\t' => Some('\u{3000}'),
            '\u{b}' | '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
