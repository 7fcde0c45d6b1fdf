//! Chinese line breaking for GB/T 9704-style documents, pure and linear in the text length.
//!
//! Lines may break between any two CJK characters but never inside a Latin word or a number
//! ("9704-2012", "100%", "3.5") nor between a number and its unit ("1分", "3人"), nor between
//! a month and its day ("12月31日") or a code and its number ("GB/T 9704") unless keeping
//! them together leaves a paragraph's line loose, and
//! they follow 避头尾 (kinsoku): no line starts with closing
//! punctuation such as `，。）》”` and no line ends with opening punctuation such as `（《“`. In
//! a paragraph a comma, full stop or the like that does not fit hangs past the right edge (as
//! Word's 允许标点溢出边界 does); another violation is resolved by pulling characters down to
//! the next line, or where that is impossible by hanging the mark, and as a last resort the
//! text is split by characters.

/// How many cells short a line may be left to keep a month with its day: more than this,
/// spread over the line's gaps, opens them visibly (three cells open every gap of a full line
/// by an eighth of a cell, which shows beside the even lines around it), and the date breaks
/// after its month instead ("2025年12月" / "31日"), each number still with its unit.
const LOOSE_CELLS: u8 = 2;

/// How many cells short a line may be left to keep a code with its number ("GB/T 45001-2020"):
/// more than this, the line would stop visibly short (or spread thin), and the code breaks at
/// its space ("GB/T" / "45001-2020"), as Word breaks it.
const CODE_LOOSE_CELLS: u8 = 4;

/// Relative slack on the available width, so that 28 cells summed one by one still fit a line
/// that the caller computed as 28 times the cell width.
const WIDTH_TOLERANCE: f32 = 1e-5;

/// One broken line: the text of the line (no leading indent spaces) and its width in the caller's units.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters of the line, without the paragraph indent and without dropped spaces.
    pub text: String,
    /// The sum of the advances of the characters of `text`, in the caller's units.
    pub width: f32,
}

/// A line breaker: text, width, first-line indent and the advance of each character in, lines
/// out ([`break_lines`] or [`break_paragraph`]).
pub type Breaker = fn(&str, f32, f32, &dyn Fn(char) -> f32) -> Vec<Line>;

/// Breaks `text` into lines no wider than `width`; the first line is `first_indent` narrower
/// (paragraph indent, e.g. two character cells). `advance(c)` is the width of one char.
///
/// An explicit `'\n'` (or `"\r\n"`) starts a new, unindented line; empty text gives one empty
/// line. With a width of zero or less every line holds one character.
#[must_use]
pub fn break_lines(
    text: &str,
    width: f32,
    first_indent: f32,
    advance: &dyn Fn(char) -> f32,
) -> Vec<Line> {
    break_with(text, width, first_indent, advance, false)
}

/// Like [`break_lines`], for body paragraphs whose right edge is the margin: a comma or full
/// stop (，。、；：？！) that does not fit hangs past the edge instead of pulling characters
/// down. Not for table cells or boxes, where it would cross a rule.
#[must_use]
pub fn break_paragraph(
    text: &str,
    width: f32,
    first_indent: f32,
    advance: &dyn Fn(char) -> f32,
) -> Vec<Line> {
    break_with(text, width, first_indent, advance, true)
}

fn break_with(
    text: &str,
    width: f32,
    first_indent: f32,
    advance: &dyn Fn(char) -> f32,
    hangs_commas: bool,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut segment = Segment::default();
    for (index, part) in text.split('\n').enumerate() {
        let part = part.strip_suffix('\r').unwrap_or(part);
        let first_width = if index == 0 {
            width - first_indent
        } else {
            width
        };
        segment.hangs_commas = hangs_commas;
        segment.load(part, advance);
        segment.push_lines(first_width, width, &mut lines);
    }
    lines
}

/// Whether `c` takes a full character cell: CJK ideographs (with extensions and compatibility
/// forms), CJK symbols and punctuation, fullwidth forms, kana, hangul and the Chinese quotes,
/// ellipsis and dash.
#[must_use]
pub fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'          // Hangul Jamo initial consonants.
        | '\u{2014}'                     // — (a dash pair —— spans two cells).
        | '\u{2018}' | '\u{2019}'        // ‘ ’
        | '\u{201C}' | '\u{201D}'        // “ ”
        | '\u{2026}'                     // … (an ellipsis pair …… spans two cells).
        | '\u{2E80}'..='\u{303F}'        // Radicals, description characters, CJK punctuation.
        | '\u{3040}'..='\u{33FF}'        // Kana, bopomofo, jamo, strokes, enclosed and compatibility.
        | '\u{3400}'..='\u{4DBF}'        // Extension A.
        | '\u{4E00}'..='\u{9FFF}'        // Unified ideographs.
        | '\u{A960}'..='\u{A97F}'        // Hangul Jamo extended A.
        | '\u{AC00}'..='\u{D7AF}'        // Hangul syllables.
        | '\u{F900}'..='\u{FAFF}'        // Compatibility ideographs.
        | '\u{FE10}'..='\u{FE1F}'        // Vertical forms.
        | '\u{FE30}'..='\u{FE4F}'        // CJK compatibility forms.
        | '\u{FF00}'..='\u{FF60}'        // Fullwidth forms (the halfwidth forms that follow are narrow).
        | '\u{FFE0}'..='\u{FFE6}'        // Fullwidth signs ￠ ￡ ￥.
        | '\u{1B000}'..='\u{1B16F}'      // Kana supplement and extension A.
        | '\u{20000}'..='\u{3FFFD}'      // Extensions B to H and the compatibility supplement.
    )
}

/// Closing punctuation, which may not start a line.
const NO_START: &str = "，。、；：？！）》」』”’…—·%】〕〗〉］｝％．・,.;:?!)]}";

/// Closing punctuation drawn in the left half of its cell, which may hang past the right edge.
const HANGING: &str = "，。、；：？！";

/// Whether `c` is a mark that may hang past the right edge of a paragraph (see [`HANGING`]).
pub(crate) fn is_hanging(c: char) -> bool {
    HANGING.contains(c)
}

/// Opening punctuation, which may not end a line.
const NO_END: &str = "（《「『“‘【〔〖〈［｛([{";

/// Whether `c` may not start a line (closing punctuation).
fn is_no_start(c: char) -> bool {
    NO_START.contains(c)
}

/// Whether `c` may not end a line (opening punctuation).
fn is_no_end(c: char) -> bool {
    NO_END.contains(c)
}

/// Whether `c` belongs to a Latin word or a number, in half-width or full-width forms (a
/// clerk typing in full-width mode writes "１０人" and "ＧＢ").
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || is_digit(c)
        || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
        || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

/// Whether `c` is a digit, half-width or full-width.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Units that stay on the line of the number before them: "扣1分", "每项", "3起", "1人", "5次",
/// "100元", "100%", "2025年", "12月", "31日".
const NUMBER_UNITS: &str = "分项起人次元%％年月日";

/// Whether `c` is a sign that belongs to the number after it: "≤2人", "≥95%", "±0.5".
fn is_number_sign(c: char) -> bool {
    matches!(
        c,
        '≤' | '≥' | '<' | '>' | '＜' | '＞' | '≈' | '±' | '+' | '＋' | '−' | '~' | '～'
    )
}

/// Whether `c` is a unit that belongs to a number ending in `before`.
fn is_unit_of(before: char, c: char) -> bool {
    is_digit(before) && NUMBER_UNITS.contains(c)
}

/// Whether a line may break between `before` and `after` without splitting a Latin word, a
/// number or a number and its unit, and without breaking 避头尾; for callers that choose their
/// own break (balanced lines), looking at the two characters only.
#[must_use]
pub(crate) fn may_break_between(before: char, after: char) -> bool {
    let splits_word = ((is_word_char(before) || is_connector(before)) && is_word_char(after))
        || (is_word_char(before) && is_connector(after))
        || (is_connector(before) && is_connector(after));
    let splits_figure = is_unit_of(before, after) || (is_number_sign(before) && is_digit(after));
    !splits_word
        && !splits_figure
        && !is_no_start(after)
        && !is_no_end(before)
        && before != ' '
        && after != ' '
}

/// Whether `c` stays inside a word when it stands between two word characters ("3.5", "GB/T").
fn is_connector(c: char) -> bool {
    // '@' of an e-mail address, and '?', '=', '&', '#' of an address's query.
    matches!(
        c,
        '.' | ',' | '-' | '/' | ':' | '\'' | '@' | '?' | '=' | '&' | '#'
    )
}

/// Whether `c` belongs to the character before it (combining marks, emoji modifiers, joiners).
fn is_cluster_extender(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{200C}' | '\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Whether `c` continues the word of `before`, given the character `after` and whether `before`
/// itself continued a word.
fn joins(before: char, c: char, after: Option<char>, before_joined: bool) -> bool {
    let after_is_word = after.is_some_and(is_word_char);
    (is_word_char(before) && is_word_char(c))
        || (is_connector(c) && is_word_char(before) && after_is_word)
        // Connectors in a row inside a word ("https://", "..."), and a slash ending an
        // address ("/fw/"): never split between them.
        || (is_connector(c) && is_word_char(before) && after.is_some_and(is_connector))
        || (is_connector(c) && is_connector(before) && before_joined)
        || (c == '/' && is_word_char(before))
        // A path's leading slash goes with it: never "打开：/" at a line's end.
        || (before == '/' && is_word_char(c))
        // A file's extension stays with its name: "汇总表.xlsx", never "汇总表." / "xlsx".
        || (c == '.' && after.is_some_and(|a| a.is_ascii_alphabetic()))
        || is_unit_of(before, c)
        // A limit keeps its sign: never "死亡人数≤" / "2人".
        || (is_number_sign(before) && is_digit(c))
        || (before_joined && (is_connector(before) || before == ' ') && is_word_char(c))
        // A month keeps its day: "12月31日" is split between "12月" and "31日" only when the
        // line would be loose otherwise (see `Break::Discouraged`); the year may end a line
        // before it: "2025年" / "12月31日".
        || is_month_day(before, c, before_joined)
        // A code and its number stay together: "GB/T 9704", "ISO 9001" (in a paragraph, split
        // at the space only when the line would be loose otherwise: see `Break::Discouraged`).
        || (c == ' ' && before.is_ascii_alphabetic() && after.is_some_and(|a| a.is_ascii_digit()))
        // So do a number and its unit written apart, as the window writes them: "2027 年度".
        || (c == ' ' && is_digit(before) && after.is_some_and(|a| NUMBER_UNITS.contains(a)))
        || (before == ' ' && before_joined && NUMBER_UNITS.contains(c))
        // A year's 年度 is one word: "2025年度", "2027 年度".
        || (before == '年' && before_joined && c == '度')
        || is_cluster_extender(c)
        || before == '\u{200D}'
}

/// Whether `c` starts the day after the month `before` ("12月" | "31日").
fn is_month_day(before: char, c: char, before_joined: bool) -> bool {
    before_joined && before == '月' && is_digit(c)
}

/// The characters of a web address or path after which one longer than a line is split (not
/// ".": a file's extension stays with its name).
const URL_SEPARATORS: &str = "/?&=#-_";

/// What breaking at a boundary between two characters would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// A good break.
    Allowed,
    /// Obeys 避头尾 but splits a word; used only when a word is longer than a line.
    SplitsWord,
    /// Between a month and its day ("12月" | "31日"), or at the space between a code and its
    /// number ("GB/T" | "45001"): taken only when keeping them whole would leave the line more
    /// than this many cells short ([`LOOSE_CELLS`], [`CODE_LOOSE_CELLS`]).
    Discouraged(u8),
    /// Puts closing punctuation at a line start or opening punctuation at a line end.
    Forbidden,
}

/// One line of the input (text between explicit newlines) with buffers reused between lines.
#[derive(Default)]
struct Segment {
    /// The characters of the segment.
    chars: Vec<char>,
    /// The advance of each character.
    advances: Vec<f32>,
    /// `breaks[b]` describes a break before `chars[b]`, for every `b` in `0..=chars.len()`.
    breaks: Vec<Break>,
    /// Whether a comma or full stop that does not fit hangs rather than pulls text down.
    hangs_commas: bool,
}

impl Segment {
    /// Loads `text` and classifies every boundary in it.
    fn load(&mut self, text: &str, advance: &dyn Fn(char) -> f32) {
        self.chars.clear();
        self.chars.extend(text.chars());
        self.advances.clear();
        self.advances.extend(self.chars.iter().map(|&c| advance(c)));
        self.breaks.clear();
        self.breaks.resize(self.chars.len() + 1, Break::Allowed);

        let mut before_joined = false;
        for (index, pair) in self.chars.windows(2).enumerate() {
            let &[before, c] = pair else { continue };
            let joined = joins(before, c, self.chars.get(index + 2).copied(), before_joined);
            let after = self.chars.get(index + 2).copied();
            // The space of "GB/T 9704" is one break, on either side of it; in a paragraph only,
            // whose lines are set full (a cell's or a label's line may stop short).
            let is_code_gap = self.hangs_commas
                && (c == ' '
                    && before.is_ascii_alphabetic()
                    && after.is_some_and(|a| a.is_ascii_digit()))
                || (before == ' '
                    && c.is_ascii_digit()
                    && self.breaks.get(index) == Some(&Break::Discouraged(CODE_LOOSE_CELLS)));
            if joined && let Some(slot) = self.breaks.get_mut(index + 1) {
                *slot = if is_month_day(before, c, before_joined) {
                    Break::Discouraged(LOOSE_CELLS)
                } else if is_code_gap {
                    Break::Discouraged(CODE_LOOSE_CELLS)
                } else {
                    Break::SplitsWord
                };
            }
            before_joined = joined;
        }

        // Spaces are dropped at a break, so 避头尾 looks at the nearest non-space on each side.
        let mut opener_before = false;
        for (boundary, &c) in self.chars.iter().enumerate() {
            if opener_before && let Some(slot) = self.breaks.get_mut(boundary) {
                *slot = Break::Forbidden;
            }
            if c != ' ' {
                opener_before = is_no_end(c);
            }
        }
        let mut closer_after = false;
        for (boundary, &c) in self.chars.iter().enumerate().rev() {
            if c != ' ' {
                closer_after = is_no_start(c);
            }
            if closer_after && let Some(slot) = self.breaks.get_mut(boundary) {
                *slot = Break::Forbidden;
            }
        }
    }

    /// Appends the lines of the segment; the first is `first_width` wide, the others `width`.
    fn push_lines(&self, first_width: f32, width: f32, lines: &mut Vec<Line>) {
        let count = self.chars.len();
        let mut start = self.skip_spaces(0);
        if start >= count {
            lines.push(Line {
                text: String::new(),
                width: 0.0,
            });
            return;
        }
        let mut available = first_width;
        let mut ranges = Vec::new();
        while start < count {
            let (end, hangs) = self.line_end(start, available, width);
            let end = end.max(start + 1);
            ranges.push((start, end, hangs));
            start = self.skip_spaces(end);
            available = width;
        }
        self.avoid_lone_last_character(&mut ranges, width);
        lines.extend(
            ranges
                .into_iter()
                .map(|(start, end, hangs)| self.line(start, end, hangs)),
        );
    }

    /// A paragraph does not end on a line of a single character (with its punctuation), the
    /// 孤字 typesetters avoid: the last word of the line before moves down to join it, when
    /// that word is short (the line before is spread a little wider).
    fn avoid_lone_last_character(&self, ranges: &mut [(usize, usize, bool)], width: f32) {
        const MOST_MOVED: usize = 4;
        let count = self.chars.len();
        let [
            ..,
            (before_start, before_end, before_hangs),
            (last_start, _, _),
        ] = ranges
        else {
            return;
        };
        let content = self
            .chars
            .get(*last_start..count)
            .unwrap_or_default()
            .iter()
            .filter(|&&c| c != ' ' && !is_no_start(c))
            .count();
        if content >= 2 {
            return;
        }
        let earlier = (*before_start + 2..*before_end).rev().find(|&boundary| {
            self.break_at(boundary) == Break::Allowed && self.chars.get(boundary) != Some(&' ')
        });
        // The last line, with the word brought down, must still fit.
        let fits = |boundary: usize| {
            let end = self.trim_spaces_before(boundary, count);
            let sum: f32 = self
                .advances
                .get(boundary..end)
                .unwrap_or_default()
                .iter()
                .sum();
            sum <= width + width.abs() * WIDTH_TOLERANCE
        };
        if let Some(boundary) = earlier.filter(|&b| *before_end - b <= MOST_MOVED && fits(b)) {
            *before_end = boundary;
            *before_hangs = false;
            *last_start = boundary;
        }
    }

    /// The first index at or after `from` that is not an ASCII space.
    fn skip_spaces(&self, from: usize) -> usize {
        self.chars.get(from..).map_or(from, |rest| {
            from + rest.iter().take_while(|&&c| c == ' ').count()
        })
    }

    /// How breaking before `chars[boundary]` would do; the segment end is always allowed.
    fn break_at(&self, boundary: usize) -> Break {
        self.breaks.get(boundary).copied().unwrap_or(Break::Allowed)
    }

    /// Where the line that starts at the non-space `chars[start]` ends (exclusive), and whether
    /// its last character is punctuation hanging past the edge; `full_width` is a whole line's
    /// (the first may be narrower), which tells a word too long for any line.
    fn line_end(&self, start: usize, available: f32, full_width: f32) -> (usize, bool) {
        let count = self.chars.len();
        if available.is_nan() || available <= 0.0 {
            return (start + 1, false);
        }
        let (Some(chars), Some(advances)) = (self.chars.get(start..), self.advances.get(start..))
        else {
            return (start + 1, false);
        };
        let limit = available + available.abs() * WIDTH_TOLERANCE;
        let mut sum = 0.0_f32;
        let mut fit = start;
        let mut last_allowed = None;
        let mut last_discouraged = None;
        // A cell, as the last full-width character before a break measures it (twice a
        // Latin character's width before any).
        let mut cell = 0.0_f32;
        for (offset, (&c, &advance)) in chars.iter().zip(advances).enumerate() {
            sum += advance;
            if is_wide(c) {
                cell = advance;
            } else if cell == 0.0 && c != ' ' {
                cell = 2.0 * advance;
            }
            // Trailing spaces are dropped, so only a non-space can overflow the line.
            if c != ' ' && (sum.is_nan() || sum > limit) {
                break;
            }
            fit = start + offset + 1;
            match self.break_at(fit) {
                Break::Allowed => last_allowed = Some(fit),
                // Loose past this many cells.
                Break::Discouraged(loose) => {
                    last_discouraged = Some((fit, f32::from(loose) * cell));
                }
                Break::SplitsWord | Break::Forbidden => {}
            }
        }
        if fit >= count {
            return (count, false);
        }
        // In a paragraph, a comma or full stop that does not fit hangs past the edge, as Word's
        // Chinese default (允许标点溢出边界) has it, rather than pull the characters before it
        // down and leave a line spread out; other closing marks, and any mark in a cell, hang
        // only when no good break fits.
        let next = self.chars.get(fit).copied();
        let can_hang = next.is_some_and(is_no_start) && self.break_at(fit + 1) == Break::Allowed;
        if can_hang && self.hangs_commas && next.is_some_and(is_hanging) {
            return (fit + 1, true);
        }
        // A date (or a code with its number) kept whole would leave the line loose: it breaks
        // after its month (at its space) instead.
        if let Some((month_end, loose)) = last_discouraged
            && last_allowed
                .is_none_or(|end| end < month_end && available - self.width_of(start, end) > loose)
        {
            return (month_end, false);
        }
        if let Some(end) = last_allowed {
            // Moved down whole, a long address or a word longer than a line would leave this
            // line more than half empty: it starts here instead, split as it would be anyway.
            let is_loose = available - self.width_of(start, end) > available / 2.0;
            let split = is_loose
                .then(|| self.long_token_split(end, fit, full_width))
                .flatten();
            return (split.unwrap_or(end), false);
        }
        if can_hang {
            return (fit + 1, true);
        }
        // Last resort: split a word (still obeying 避头尾 if possible), or anything at all; a
        // web address or path longer than a line splits after one of its separators
        // ("…qingshan&" | "year=2025"), not inside a word of it.
        // Not when that leaves the line less than half full, nor between two separators ("//").
        let splittable = |boundary: &usize| self.break_at(*boundary) != Break::Forbidden;
        let is_separator =
            |at: usize| (self.chars.get(at)).is_some_and(|c| URL_SEPARATORS.contains(*c));
        let after_separator = (start + 2..=fit)
            .rev()
            .filter(splittable)
            .find(|&boundary| {
                is_separator(boundary - 1)
                    && !is_separator(boundary)
                    && self.width_of(start, boundary) >= available / 2.0
            });
        let end = after_separator
            .or_else(|| (start + 1..=fit).rev().find(splittable))
            .unwrap_or(fit.max(start + 1));
        (end, false)
    }

    /// Where to split the token that starts at the break `end` so that it begins on the line
    /// that fits up to `fit` (a line it would leave more than half empty, so the token is wider
    /// than half a line): a web address after one of its separators, a word wider than a whole
    /// line (split in any case) anywhere 避头尾 allows. None for anything else, which moves
    /// down whole.
    fn long_token_split(&self, end: usize, fit: usize, full_width: f32) -> Option<usize> {
        let token_start = self.skip_spaces(end);
        let count = self.chars.len();
        let token_end = (token_start + 1..=count)
            .find(|&boundary| self.break_at(boundary) == Break::Allowed)
            .unwrap_or(count);
        let token: String = self.chars.get(token_start..token_end)?.iter().collect();
        let token_width = self.width_of(token_start, token_end);
        let is_address = token.contains("://") || token.contains("www.");
        let is_too_long = token_width > full_width;
        let is_separator =
            |at: usize| (self.chars.get(at)).is_some_and(|c| URL_SEPARATORS.contains(*c));
        let splittable = |boundary: &usize| self.break_at(*boundary) != Break::Forbidden;
        let inside = || (token_start + 1..=fit).rev().filter(splittable);
        let after_separator = is_address
            .then(|| {
                inside().find(|&boundary| is_separator(boundary - 1) && !is_separator(boundary))
            })
            .flatten();
        // An address with no separator in reach splits as any word too long for a line.
        after_separator.or_else(|| is_too_long.then(|| inside().next()).flatten())
    }

    /// The line `chars[start..end]` without its trailing spaces; a hanging last character also
    /// drops the spaces before it, so only the punctuation itself passes the edge.
    fn line(&self, start: usize, end: usize, hangs: bool) -> Line {
        let end = end.min(self.chars.len());
        let body_end = if hangs { end.saturating_sub(1) } else { end };
        let body_end = self.trim_spaces_before(start, body_end);
        let mut text: String = self
            .chars
            .get(start..body_end)
            .unwrap_or_default()
            .iter()
            .collect();
        let mut width: f32 = self
            .advances
            .get(start..body_end)
            .unwrap_or_default()
            .iter()
            .sum();
        if hangs
            && let (Some(&c), Some(&advance)) = (
                self.chars.get(end.saturating_sub(1)),
                self.advances.get(end.saturating_sub(1)),
            )
        {
            text.push(c);
            width += advance;
        }
        Line { text, width }
    }

    /// The width of `chars[start..end]` without its trailing spaces.
    fn width_of(&self, start: usize, end: usize) -> f32 {
        let end = self.trim_spaces_before(start, end);
        self.advances
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .sum()
    }

    /// `end` moved back over the ASCII spaces before it, but not before `start`.
    fn trim_spaces_before(&self, start: usize, end: usize) -> usize {
        let mut trimmed = end;
        while trimmed > start && self.chars.get(trimmed - 1) == Some(&' ') {
            trimmed -= 1;
        }
        trimmed
    }
}

#[cfg(test)]
#[path = "linebreak_tests.rs"]
mod tests;
