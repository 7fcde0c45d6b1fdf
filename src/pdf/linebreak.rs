//! Chinese line breaking for GB/T 9704-style documents, pure and linear in the text length.
//!
//! Lines may break between any two CJK characters but never inside a Latin word or a number
//! ("GB/T 9704-2012", "100%", "3.5"), and they follow 避头尾 (kinsoku): no line starts with closing
//! punctuation such as `，。）》”` and no line ends with opening punctuation such as `（《“`. A
//! violation is resolved by pulling characters down to the next line; where that is impossible the
//! punctuation hangs past the right edge, and as a last resort the text is split by characters.

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
    let mut lines = Vec::new();
    let mut segment = Segment::default();
    for (index, part) in text.split('\n').enumerate() {
        let part = part.strip_suffix('\r').unwrap_or(part);
        let first_width = if index == 0 {
            width - first_indent
        } else {
            width
        };
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

/// Whether `c` belongs to a Latin word or a number.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

/// Whether `c` stays inside a word when it stands between two word characters ("3.5", "GB/T").
fn is_connector(c: char) -> bool {
    matches!(c, '.' | ',' | '-' | '/' | ':' | '\'')
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
        || (c == '%' && before.is_ascii_digit())
        || (before_joined && (is_connector(before) || before == ' ') && is_word_char(c))
        // A code and its number stay together: "GB/T 9704", "ISO 9001".
        || (c == ' ' && before.is_ascii_alphabetic() && after.is_some_and(|a| a.is_ascii_digit()))
        || is_cluster_extender(c)
        || before == '\u{200D}'
}

/// What breaking at a boundary between two characters would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Break {
    /// A good break.
    Allowed,
    /// Obeys 避头尾 but splits a word; used only when a word is longer than a line.
    SplitsWord,
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
            if joined && let Some(slot) = self.breaks.get_mut(index + 1) {
                *slot = Break::SplitsWord;
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
        while start < count {
            let (end, hangs) = self.line_end(start, available);
            let end = end.max(start + 1);
            lines.push(self.line(start, end, hangs));
            start = self.skip_spaces(end);
            available = width;
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
    /// its last character is punctuation hanging past the edge.
    fn line_end(&self, start: usize, available: f32) -> (usize, bool) {
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
        for (offset, (&c, &advance)) in chars.iter().zip(advances).enumerate() {
            sum += advance;
            // Trailing spaces are dropped, so only a non-space can overflow the line.
            if c != ' ' && (sum.is_nan() || sum > limit) {
                break;
            }
            fit = start + offset + 1;
            if self.break_at(fit) == Break::Allowed {
                last_allowed = Some(fit);
            }
        }
        if fit >= count {
            return (count, false);
        }
        if let Some(end) = last_allowed {
            return (end, false);
        }
        // No good break fits: hang one closing punctuation mark past the edge if that helps.
        let hangs = self.chars.get(fit).copied().is_some_and(is_no_start)
            && self.break_at(fit + 1) == Break::Allowed;
        if hangs {
            return (fit + 1, true);
        }
        // Last resort: split a word (still obeying 避头尾 if possible), or anything at all.
        let end = (start + 1..=fit)
            .rev()
            .find(|&boundary| self.break_at(boundary) != Break::Forbidden)
            .unwrap_or(fit.max(start + 1));
        (end, false)
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
mod tests {
    use super::*;

    /// GB/T 9704: 28 characters per line.
    const WIDTH: f32 = 28.0;
    /// Two character cells of paragraph indent.
    const INDENT: f32 = 2.0;

    fn advance(c: char) -> f32 {
        if is_wide(c) { 1.0 } else { 0.5 }
    }

    fn lines(text: &str) -> Vec<Line> {
        break_lines(text, WIDTH, INDENT, &advance)
    }

    fn texts(text: &str) -> Vec<String> {
        lines(text).into_iter().map(|line| line.text).collect()
    }

    fn cjk(count: usize) -> String {
        "安全生产目标管理责任书"
            .chars()
            .cycle()
            .take(count)
            .collect()
    }

    #[test]
    fn fills_the_grid_with_an_indented_first_line() {
        let texts = texts(&cjk(80));
        assert_eq!(
            texts.iter().map(|t| t.chars().count()).collect::<Vec<_>>(),
            vec![26, 28, 26]
        );
        let widths: Vec<f32> = lines(&cjk(54)).iter().map(|l| l.width).collect();
        assert_eq!(widths, vec![26.0, 28.0]);
    }

    #[test]
    fn comma_is_not_put_at_a_line_start() {
        // Without 避头尾 the comma would open line 2: the 26th character comes down with it.
        let text = format!("{}，{}", cjk(26), cjk(10));
        let texts = texts(&text);
        assert_eq!(texts[0].chars().count(), 25);
        assert!(texts[1].starts_with(&format!("{}，", cjk(26).chars().last().unwrap())));
    }

    #[test]
    fn full_stop_is_not_put_at_a_line_start_on_a_full_line() {
        let text = format!("{}{}。{}", cjk(26), cjk(28), cjk(5));
        let texts = texts(&text);
        assert_eq!(texts[1].chars().count(), 27);
        assert!(texts[2].chars().nth(1) == Some('。'));
        assert!(texts.iter().all(|t| !t.starts_with('。')));
    }

    #[test]
    fn closing_quote_after_full_stop_pulls_one_character() {
        let text = format!("{}。”{}", cjk(26), cjk(4));
        let texts = texts(&text);
        assert_eq!(texts[0].chars().count(), 25);
        assert_eq!(texts[1].chars().skip(1).take(2).collect::<String>(), "。”");
    }

    #[test]
    fn opening_brackets_never_end_a_line() {
        for opener in ['（', '“', '《'] {
            let text = format!("{}{opener}{}", cjk(25), cjk(10));
            let texts = texts(&text);
            assert_eq!(texts[0], cjk(25), "{opener}");
            assert!(texts[1].starts_with(opener));
        }
    }

    #[test]
    fn standard_number_is_not_split() {
        // 22 cells + 7 cells of "GB/T 9704-2012" overflow the 26-cell first line.
        let text = format!("{}GB/T 9704-2012的规定", cjk(22));
        let texts = texts(&text);
        assert_eq!(texts[0], cjk(22));
        assert!(texts[1].starts_with("GB/T 9704-2012的"));
    }

    #[test]
    fn year_stays_whole() {
        let text = format!("{}2025年度", cjk(25));
        assert_eq!(texts(&text), vec![cjk(25), "2025年度".to_owned()]);
        for word in ["100%", "3.5", "1,000", "don't"] {
            let text = format!("{}{word}。", cjk(25));
            assert_eq!(texts(&text)[1], format!("{word}。"), "{word}");
        }
    }

    #[test]
    fn latin_text_breaks_at_spaces_and_drops_them() {
        let text = "The quick brown fox jumps over the lazy dog and keeps running far away";
        let texts = texts(text);
        assert!(texts.len() > 1);
        assert!(
            texts
                .iter()
                .all(|t| !t.starts_with(' ') && !t.ends_with(' '))
        );
        assert_eq!(texts.join(" "), text);
    }

    #[test]
    fn word_longer_than_a_line_is_split_by_characters() {
        let texts = texts(&"a".repeat(120));
        assert_eq!(
            texts.iter().map(String::len).collect::<Vec<_>>(),
            vec![52, 56, 12]
        );
    }

    #[test]
    fn punctuation_hangs_when_nothing_can_be_pulled() {
        // A word exactly fills the first line; the full stop hangs past the edge.
        let lines = lines(&format!("{}。{}", "a".repeat(52), cjk(3)));
        assert_eq!(lines[0].text, format!("{}。", "a".repeat(52)));
        assert!((lines[0].width - 27.0).abs() < 1e-6);
        assert_eq!(lines[1].text, cjk(3));
        // Spaces before the hanging mark are dropped, so only the mark passes the edge.
        let lines = super::break_lines(&format!("{}  ，甲", "a".repeat(56)), WIDTH, 0.0, &advance);
        assert_eq!(lines[0].text, format!("{}，", "a".repeat(56)));
        assert!((lines[0].width - 29.0).abs() < 1e-6);
    }

    #[test]
    fn only_closing_punctuation_terminates() {
        let text = "。，".repeat(100);
        let joined: String = texts(&text).concat();
        assert_eq!(joined, text);
    }

    #[test]
    fn explicit_newlines_start_unindented_lines() {
        let text = format!("{}\n{}\n\n末行", cjk(26), cjk(28));
        assert_eq!(
            texts(&text),
            vec![cjk(26), cjk(28), String::new(), "末行".to_owned()]
        );
        assert_eq!(texts("甲\r\n乙"), vec!["甲", "乙"]);
    }

    #[test]
    fn empty_and_blank_text_give_one_empty_line() {
        assert_eq!(
            lines(""),
            vec![Line {
                text: String::new(),
                width: 0.0
            }]
        );
        assert_eq!(texts("   "), vec![""]);
    }

    #[test]
    fn zero_and_negative_widths_put_one_character_per_line() {
        for width in [0.0, -5.0, f32::NAN] {
            let lines = break_lines("中文 ab", width, INDENT, &advance);
            let texts: Vec<_> = lines.into_iter().map(|l| l.text).collect();
            assert_eq!(texts, vec!["中", "文", "a", "b"]);
        }
        // An indent wider than the line only affects the first line.
        assert_eq!(
            break_lines("中文字", 2.0, 5.0, &advance)
                .into_iter()
                .map(|l| l.text)
                .collect::<Vec<_>>(),
            vec!["中", "文字"]
        );
    }

    #[test]
    fn odd_characters_do_not_panic() {
        let text = "𠀀😀👍🏽\u{0}\u{7}\t\u{200D}\u{FEFF}e\u{301}𠀀".repeat(30);
        let joined: String = texts(&text).concat();
        assert_eq!(joined, text);
        assert!(is_wide('𠀀'));
        assert!(!is_wide('😀'));
        // A skin-tone modifier stays with its emoji.
        assert!(texts(&text).iter().all(|t| !t.starts_with('\u{1F3FD}')));
    }

    #[test]
    fn ten_thousand_characters_break_quickly() {
        let text = format!("{}，GB/T 9704-2012（“2025年”）。", cjk(40)).repeat(200);
        assert!(text.chars().count() > 10_000);
        let lines = lines(&text);
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        let one_word = "x".repeat(10_000);
        assert_eq!(texts(&one_word).concat(), one_word);
    }

    #[test]
    fn wide_characters() {
        for c in [
            '中', '，', '。', '“', '”', '‘', '’', '…', '—', '　', '（', 'あ', '한', '１', '𠀀',
            '𪚥',
        ] {
            assert!(is_wide(c), "{c}");
        }
        for c in ['a', '1', ',', ' ', '·', '😀', 'ｱ', 'é'] {
            assert!(!is_wide(c), "{c}");
        }
    }

    /// A small deterministic xorshift generator, so the property test needs no crate.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % bound as u64).unwrap()
        }

        fn pick(&mut self, pool: &str) -> char {
            let chars: Vec<char> = pool.chars().collect();
            chars[self.below(chars.len())]
        }
    }

    /// A random paragraph; punctuation runs are at most three long, so a good break always exists.
    fn random_text(rng: &mut Rng) -> String {
        let length = rng.below(300);
        let mut text = String::new();
        let mut punctuation_run = 0;
        while text.chars().count() < length {
            let kind = rng.below(100);
            if (kind < 25) && punctuation_run < 3 {
                text.push(rng.pick("，。、；：？！）》」』”’…—·%,.;:?!)]}（《「『“‘([{"));
                punctuation_run += 1;
                continue;
            }
            punctuation_run = 0;
            match kind {
                0..=54 => text.push(rng.pick("安全生产目标管理责任书年月日")),
                55..=69 => {
                    let word = [
                        "GB/T 9704-2012",
                        "2025",
                        "100%",
                        "3.5",
                        "ISO",
                        "abc",
                        "x-y/z",
                    ];
                    text.push_str(word[rng.below(word.len())]);
                }
                70..=84 => text.push(' '),
                85..=89 => text.push('\n'),
                90..=94 => text.push(rng.pick("😀𠀀\t")),
                _ => text.push_str(&"long".repeat(1 + rng.below(20))),
            }
        }
        text
    }

    /// Checks the lines of one segment (no newlines) broken with the first line `first_width`.
    fn check_segment(segment: &str, first_width: f32, lines: &[Line]) {
        // The lines are the segment minus dropped spaces, in order.
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        let mut rest = joined.chars().peekable();
        for c in segment.chars() {
            if rest.peek() == Some(&c) {
                rest.next();
            } else {
                assert_eq!(c, ' ', "lost {c:?} in {segment:?}");
            }
        }
        assert_eq!(rest.next(), None, "extra text in {segment:?}");
        for (index, line) in lines.iter().enumerate() {
            assert!(!line.text.starts_with(' ') && !line.text.ends_with(' '));
            let sum: f32 = line.text.chars().map(advance).sum();
            assert!((sum - line.width).abs() < 1e-3);
            let available = if index == 0 { first_width } else { WIDTH };
            let last = line
                .text
                .chars()
                .last()
                .map_or(0.0, |c| if is_no_start(c) { advance(c) } else { 0.0 });
            assert!(
                line.width <= available + 1e-3 || line.width - last <= available + 1e-3,
                "{line:?} is wider than {available}"
            );
        }
        for pair in lines.windows(2) {
            let (end, start) = (&pair[0].text, &pair[1].text);
            if end.chars().count() > 1 {
                assert!(
                    !end.chars().last().is_some_and(is_no_end),
                    "{end:?} ends badly"
                );
            }
            if start.chars().count() > 1 {
                assert!(
                    !start.chars().next().is_some_and(is_no_start),
                    "{start:?} starts badly"
                );
            }
        }
    }

    #[test]
    fn property_lines_keep_the_text_the_width_and_kinsoku() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let text = random_text(&mut rng);
            let lines = lines(&text);
            let mut rest = lines.as_slice();
            for (index, segment) in text.split('\n').enumerate() {
                let first_width = if index == 0 { WIDTH - INDENT } else { WIDTH };
                let own = break_lines(segment, WIDTH, WIDTH - first_width, &advance);
                assert!(rest.starts_with(&own), "segment {segment:?} of {text:?}");
                rest = &rest[own.len()..];
                check_segment(segment, first_width, &own);
            }
            assert!(rest.is_empty());
        }
    }
}
