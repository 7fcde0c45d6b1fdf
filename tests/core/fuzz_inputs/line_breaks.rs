//! The Chinese line breaker: random paragraphs of ideographs, 避头尾 punctuation (runs too long
//! to avoid included), Latin words, spaces, newlines and odd characters, at widths from NaN to
//! 40 cells, keep their text, their widths and 避头尾 wherever the text allows it.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseResult;
use zerenshu::pdf::linebreak::{Line, break_lines, is_wide};

use super::{config, long_text, odd_char, text_of};

/// Closing punctuation, which may not start a line (mirrors `pdf::linebreak`).
const NO_START: &str = "，。、；：？！）》」』”’…—·%】〕〗〉］｝％．・,.;:?!)]}";

/// Opening punctuation, which may not end a line (mirrors `pdf::linebreak`).
const NO_END: &str = "（《「『“‘【〔〖〈［｛([{";

/// Latin words and numbers put among the random text (kept whole where they fit, a code and
/// its number split at the space only when a paragraph's line would be loose).
const WORDS: [&str; 8] = [
    "GB/T 9704-2012",
    "2025",
    "100%",
    "3.5",
    "1,000",
    "don't",
    "ISO 9001",
    "supercalifragilisticexpialidocious",
];

/// The advance of a character in cells, as the PDF fonts give it: a cell for wide characters,
/// nothing for controls, joiners and marks, half a cell otherwise.
fn advance(c: char) -> f32 {
    if is_wide(c) {
        1.0
    } else if c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{300}'..='\u{36F}')
    {
        0.0
    } else {
        0.5
    }
}

/// A piece of text for the line breaker.
fn breaker_piece() -> impl Strategy<Value = String> {
    let chars_of = |set: &str| select(set.chars().collect::<Vec<_>>());
    prop_oneof![
        6 => text_of(proptest::char::range('\u{4E00}', '\u{9FFF}'), 1..6),
        3 => text_of(chars_of(NO_START), 1..4),
        2 => text_of(chars_of(NO_END), 1..3),
        1 => text_of(chars_of(NO_START), 20..60),
        2 => select(WORDS.to_vec()).prop_map(str::to_owned),
        2 => text_of(Just(' '), 1..4),
        1 => select(vec!["\n", "\r\n", "\r"]).prop_map(str::to_owned),
        3 => text_of(odd_char(), 1..6),
    ]
}

/// Text for the line breaker: paragraphs of pieces, or 10,000 odd characters.
fn breaker_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        12 => vec(breaker_piece(), 1..40).prop_map(|pieces| pieces.concat()),
        1 => long_text(),
    ]
}

/// A line width in cells: mostly a real width (28 cells on a GB/T 9704 page), sometimes too
/// narrow for anything.
fn line_width() -> impl Strategy<Value = f32> {
    prop_oneof![
        6 => 1.0_f32..40.0,
        2 => Just(28.0_f32),
        1 => 0.1_f32..1.0,
        1 => Just(0.0_f32),
        1 => -5.0_f32..0.0,
        1 => Just(f32::NAN),
    ]
}

/// Whether `line` is `segment` from `*at` on, less the ASCII spaces the breaker drops: those
/// before a line, and those before a closing mark that hangs at the end of a line.
fn consume_line(chars: &[char], at: &mut usize, line: &str) -> bool {
    while chars.get(*at) == Some(&' ') {
        *at += 1;
    }
    let count = line.chars().count();
    for (index, c) in line.chars().enumerate() {
        if index + 1 == count && NO_START.contains(c) {
            while chars.get(*at) == Some(&' ') {
                *at += 1;
            }
        }
        if chars.get(*at) != Some(&c) {
            return false;
        }
        *at += 1;
    }
    true
}

/// Whether breaking before `text[boundary]` would break 避头尾, looking past spaces.
fn is_forbidden(text: &[char], boundary: usize) -> bool {
    let before = text[..boundary].iter().rev().find(|&&c| c != ' ');
    let after = text[boundary..].iter().find(|&&c| c != ' ');
    before.is_some_and(|&c| NO_END.contains(c)) || after.is_some_and(|&c| NO_START.contains(c))
}

/// Checks the lines of one segment (text between newlines, its `\r` already dropped).
fn check_segment(
    segment: &str,
    first_width: f32,
    width: f32,
    lines: &[Line],
    advance: &dyn Fn(char) -> f32,
) -> TestCaseResult {
    let chars: Vec<char> = segment.chars().collect();
    if chars.iter().all(|&c| c == ' ') {
        prop_assert_eq!(
            lines,
            &[Line {
                text: String::new(),
                width: 0.0
            }][..]
        );
        return Ok(());
    }
    let mut at = 0;
    for (index, line) in lines.iter().enumerate() {
        let text = &line.text;
        prop_assert!(!text.is_empty(), "empty line {index} of {segment:?}");
        prop_assert!(!text.starts_with(' ') && !text.ends_with(' '), "{text:?}");
        prop_assert!(
            consume_line(&chars, &mut at, text),
            "line {text:?} is not in {segment:?}"
        );
        let sum: f32 = text.chars().map(advance).sum();
        prop_assert!((sum - line.width).abs() < 1e-3, "{line:?} has width {sum}");

        // Wider than the line only when forced: one character, or a hanging closing mark.
        let available = if index == 0 { first_width } else { width };
        let count = text.chars().count();
        if available.is_nan() || available <= 0.0 {
            prop_assert_eq!(count, 1, "{:?} on a line {} wide", text, available);
            continue;
        }
        let limit = available * (1.0 + 1e-5) + 1e-4;
        let last = text.chars().last().unwrap();
        let hangs = NO_START.contains(last) && line.width - advance(last) <= limit;
        prop_assert!(
            line.width <= limit || count == 1 || hangs,
            "{line:?} is wider than {available} in {segment:?}"
        );
    }
    prop_assert!(
        chars[at..].iter().all(|&c| c == ' '),
        "text lost from {segment:?}"
    );

    // 避头尾 is broken only where the line before has no allowed break at all.
    for pair in lines.windows(2) {
        let (end, next) = (&pair[0].text, &pair[1].text);
        let starts_badly = next.chars().next().is_some_and(|c| NO_START.contains(c));
        let ends_badly = end.chars().last().is_some_and(|c| NO_END.contains(c));
        if starts_badly || ends_badly {
            let end_chars: Vec<char> = end.chars().collect();
            let avoidable = (1..end_chars.len()).find(|&b| !is_forbidden(&end_chars, b));
            prop_assert!(
                avoidable.is_none(),
                "{end:?} / {next:?} could break before char {avoidable:?} in {segment:?}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1024))]

    /// The lines are the text less dropped spaces, each paragraph broken on its own; no line is
    /// wider than the page unless forced; 避头尾 holds wherever the text allows it.
    #[test]
    fn line_breaker_keeps_text_width_and_kinsoku(
        text in breaker_text(),
        width_cells in line_width(),
        indent_cells in prop_oneof![Just(0.0_f32), Just(2.0_f32), 0.0_f32..50.0],
        cell_mm in prop_oneof![Just(1.0_f32), Just(156.0_f32 / 28.0), 3.0_f32..8.0],
    ) {
        // Lengths in millimetres, as the layout passes them.
        let advance = |c: char| advance(c) * cell_mm;
        let (width, indent) = (width_cells * cell_mm, indent_cells * cell_mm);
        let lines = break_lines(&text, width, indent, &advance);
        prop_assert!(!lines.is_empty());
        let mut rest = lines.as_slice();
        for (index, part) in text.split('\n').enumerate() {
            let first_indent = if index == 0 { indent } else { 0.0 };
            let own = break_lines(part, width, first_indent, &advance);
            prop_assert!(rest.starts_with(&own), "paragraph {part:?} breaks differently alone");
            rest = &rest[own.len()..];
            let segment = part.strip_suffix('\r').unwrap_or(part);
            check_segment(segment, width - first_indent, width, &own, &advance)?;
        }
        prop_assert!(rest.is_empty(), "extra lines {rest:?}");
    }
}
