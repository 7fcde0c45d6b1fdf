//! Property tests over hostile and odd input: what a clerk types or a file brings must never
//! panic, must be refused in Chinese if it is refused at all, and must keep its meaning.
//!
//! Fuzzed here, each through its public entry point, one module each under `tests/fuzz_inputs/`:
//! - the template placeholder parser (`model::template::parse` and `fill`), against a small
//!   reference reader, and its round trip of text without placeholders;
//! - the spreadsheet reader and unit import, the functions behind `zerenshu import units`
//!   (`io::read_table`, `io::preview`, `io::apply`): random cells written as UTF-8, UTF-8 with a
//!   BOM and GBK CSV and as `.xlsx`, random and damaged bytes, hostile tables previewed against
//!   the demo data set and applied to a copy of it, and valid rows that must preview exactly;
//! - the self-assessment form import behind `zerenshu import scores` (`io::score_forms`): a real
//!   form with hostile values in its cells, and damaged or foreign bytes under a form's name;
//! - the Chinese line breaker (`pdf::linebreak::break_lines`): text kept, widths kept, 避头尾.
//!
//! The inputs mix ASCII, CJK ideographs, ideographs beyond the BMP (U+20000..U+2A6DF), emoji with
//! skin tones and joiners, control characters (`\0`, `\r`, BEL), bidi marks, the BOM, lone and
//! nested braces, empty strings and strings of 10,000 characters.
//!
//! The run is bounded for CI: every property has a fixed number of cases (the `cases` argument
//! of [`config`] at each property), chosen so the whole target runs in 5 to 10 s in the debug
//! test profile on a two-core machine. Failures are not persisted, so nothing is written into
//! the repository; a failing property prints its shrunk input.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod hostile_tables;
mod line_breaks;
mod placeholders;
mod score_forms;
mod spreadsheets;
mod unit_import;
mod unit_import_cases;
mod unit_import_check;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// The bound of one property: `cases` random inputs, nothing written to disk on failure.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Characters that trip naive text handling: controls, line and paragraph separators, bidi
/// marks and isolates, joiners, the BOM, a combining accent, a variation selector, a skin tone,
/// a tag character, U+FFFD and the noncharacter U+FFFF.
const ODD_CHARS: &str = "\0\r\n\t\u{7}\u{8}\u{1B}\u{7F}\u{85}\u{A0}\u{2028}\u{2029}\
    \u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\
    \u{2067}\u{2069}\u{FEFF}\u{3000}\u{301}\u{FE0F}\u{1F3FD}\u{E0041}\u{FFFD}\u{FFFF}\u{10FFFF}";

/// Chinese and Latin punctuation, the 避头尾 marks among them, quotes and braces.
const PUNCTUATION: &str = "，。、；：？！）》」』”’…—·%】（《「『“‘【,.;:?!()[]{}｛｝\"'-/_";

/// One character of hostile text.
fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        4 => proptest::char::range('\u{4E00}', '\u{9FFF}'),
        2 => proptest::char::range('\u{20000}', '\u{2A6DF}'),
        2 => proptest::char::range('\u{1F300}', '\u{1FAFF}'),
        2 => select(ODD_CHARS.chars().collect::<Vec<_>>()),
        2 => select(PUNCTUATION.chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ]
}

/// A string of `length` characters drawn from `chars`.
fn text_of(
    chars: impl Strategy<Value = char>,
    length: impl Into<proptest::collection::SizeRange>,
) -> impl Strategy<Value = String> {
    vec(chars, length).prop_map(String::from_iter)
}

/// Hostile text of exactly 10,000 characters: a random run of up to 200, repeated (drawing
/// every character on its own would cost most of the run time in the debug profile).
fn long_text() -> impl Strategy<Value = String> {
    text_of(odd_char(), 1..200).prop_map(|run| run.chars().cycle().take(10_000).collect())
}

/// Hostile text: empty, short, or 10,000 characters long.
fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        12 => text_of(odd_char(), 1..80),
        1 => long_text(),
    ]
}

/// Whether `c` is a CJK ideograph.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// Whether a message a clerk would see is worded in Chinese: it has an ideograph outside the
/// “…” quotes, which hold the clerk's own text.
fn is_chinese_message(message: &str) -> bool {
    let mut is_quoted = false;
    message.chars().any(|c| {
        match c {
            '“' => is_quoted = true,
            '”' => is_quoted = false,
            _ => {}
        }
        !is_quoted && is_ideograph(c)
    })
}
