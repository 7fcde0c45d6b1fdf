//! Tests of the line breaker: the 28-character grid, 避头尾 on both sides, Latin words and
//! numbers kept whole, hanging punctuation and the last-resort split.

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

/// Typed in full-width mode, a number stays whole with its unit, and so does a Latin word.
#[test]
fn full_width_numbers_and_words_are_not_split() {
    for (word, unit) in [("１０", "人"), ("２０２５", "年"), ("ＧＢＴ", "")] {
        let text = format!("{}{word}{unit}{}", cjk(25), cjk(10));
        let texts = texts(&text);
        assert_eq!(texts[0], cjk(25), "{word}");
        assert!(texts[1].starts_with(&format!("{word}{unit}")), "{texts:?}");
    }
}

/// A code whose number would leave the line well short is broken at its space, as Word breaks
/// it, rather than leave a gap in the paragraph.
#[test]
fn a_code_breaks_at_its_space_rather_than_leave_a_line_short() {
    // 20 cells, then "GB/T 45001-2020" (7.5 cells) overflows the 26-cell first line: kept
    // whole, the line would stop 6 cells short.
    let text = format!("{}GB/T 45001-2020要求", cjk(20));
    let texts: Vec<String> = (break_paragraph(&text, WIDTH, INDENT, &advance).into_iter())
        .map(|line| line.text)
        .collect();
    assert_eq!(texts[0], format!("{}GB/T", cjk(20)), "{texts:?}");
    assert!(texts[1].starts_with("45001-2020要求"), "{texts:?}");
    // A table cell's or a label's line may stop short: the code moves down whole.
    let kept = self::texts(&text);
    assert!(kept[1].starts_with("GB/T 45001-2020要求"), "{kept:?}");
}

#[test]
fn standard_number_is_not_split() {
    // 22 cells + 7 cells of "GB/T 9704-2012" overflow the 26-cell first line.
    let text = format!("{}GB/T 9704-2012的规定", cjk(22));
    let texts = texts(&text);
    assert_eq!(texts[0], cjk(22));
    assert!(texts[1].starts_with("GB/T 9704-2012的"));
}

/// A web address is never split between its slashes or before its last one.
#[test]
fn a_web_address_is_not_split_inside() {
    for shift in 0..30 {
        let text = format!("{}网址https://www.mem.gov.cn/fw/。", cjk(shift));
        let texts = texts(&text);
        assert!(
            texts.iter().all(|line| !line.starts_with('/')),
            "{shift}: {texts:?}"
        );
    }
}

/// A path's leading slash stays with it: no line ends "打开：/".
#[test]
fn a_path_keeps_its_leading_slash() {
    for shift in 0..30 {
        let text = format!("{}请手动打开：/tmp/h99/打印文件/2025-打印.pdf", cjk(shift));
        let texts = texts(&text);
        assert!(
            texts.iter().all(|line| !line.ends_with("：/")),
            "{shift}: {texts:?}"
        );
        assert_eq!(texts.concat(), text);
    }
}

/// An e-mail address and an address with a query stay whole where a line can hold them.
#[test]
fn an_email_address_and_a_query_stay_whole() {
    for word in ["safety-office@example.org", "example.org/a?x=1&y=2#top"] {
        for shift in 0..30 {
            let text = format!("{}邮箱{word}，编号", cjk(shift));
            let texts = texts(&text);
            assert!(
                texts.iter().any(|line| line.contains(word)),
                "{word} {shift}: {texts:?}"
            );
        }
    }
}

/// A limit's sign stays with its number: no line ends "死亡人数≤" with "2人" on the next.
#[test]
fn a_limit_keeps_its_sign() {
    for shift in 0..30 {
        let text = format!("{}控制指标：死亡人数≤2人；较大事故0起。", cjk(shift));
        let texts = texts(&text);
        assert!(
            texts.iter().all(|line| !line.ends_with('≤')),
            "{shift}: {texts:?}"
        );
        assert!(may_break_between('数', '≤'));
        assert!(!may_break_between('≤', '2'));
    }
}

/// A web address longer than a line splits after one of its separators, never inside a word
/// of it ("…&ye" | "ar=2025").
#[test]
fn an_address_longer_than_a_line_splits_after_a_separator() {
    let address = "https://aq.example.gov.cn/zerenshu/report?unit=qingshanzhen&year=2025";
    for shift in 0..30 {
        let text = format!("{}登录{address}填报数据", cjk(shift));
        let texts = texts(&text);
        assert_eq!(texts.concat(), text);
        for pair in texts.windows(2) {
            let (end, start) = (&pair[0], &pair[1]);
            let last = end.chars().last().unwrap();
            let first = start.chars().next().unwrap();
            assert!(
                !(last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric()),
                "{shift}: split inside a word: {texts:?}"
            );
        }
    }
}

/// A file's extension stays with its name: no line ends "汇总表." with "xlsx" starting the next.
#[test]
fn a_file_name_keeps_its_extension() {
    for shift in 0..30 {
        let text = format!(
            "{}已导出得分汇总表：/tmp/b3/2024年度考核得分汇总表.xlsx",
            cjk(shift)
        );
        let texts = texts(&text);
        assert!(
            texts
                .iter()
                .all(|line| !line.starts_with("xlsx") && !line.ends_with('.')),
            "{shift}: {texts:?}"
        );
        assert_eq!(texts.concat(), text);
    }
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
fn a_number_keeps_its_unit() {
    // "扣1" would end the 26-cell first line and "分" start the next: the number goes down.
    for unit in ["分", "项", "起", "人", "次", "元"] {
        let text = format!("{}扣1{unit}，扣完为止", cjk(24));
        let lines = texts(&text);
        assert_eq!(lines[0], format!("{}扣", cjk(24)), "{unit}");
        assert!(lines[1].starts_with(&format!("1{unit}，")), "{lines:?}");
    }
    // "0.5分" too, and a unit after a CJK character is a character like any other.
    assert_eq!(texts(&format!("{}扣0.5分", cjk(24)))[1], "0.5分");
    // (A last line of one character takes the character before it along: no 孤字.)
    assert_eq!(texts(&format!("{}每项", cjk(25)))[1], "每项");
    assert!(!may_break_between('1', '分'));
    assert!(!may_break_between('S', 't'));
    assert!(!may_break_between('安', '，'));
    assert!(may_break_between('扣', '1'));
    assert!(may_break_between('、', '一'));
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
        '中', '，', '。', '“', '”', '‘', '’', '…', '—', '　', '（', 'あ', '한', '１', '𠀀', '𪚥',
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

#[test]
fn a_paragraph_does_not_end_on_one_lone_character() {
    // Long enough that "止。" alone would start the last line: "底" comes down with it.
    let text = format!(
        "{}本责任书自签订之日起生效，有效期至本年度年底止。",
        cjk(59)
    );
    let lines = texts(&text);
    let last = lines.last().unwrap();
    assert_eq!(last, "底止。");
    assert!(
        last.chars().filter(|c| !"。，".contains(*c)).count() >= 2,
        "{lines:?}"
    );
    assert_eq!(lines.concat(), text);
    // A short paragraph that fits one line is left alone.
    assert_eq!(texts("日。"), ["日。"]);
}

#[test]
fn the_word_brought_down_never_makes_the_last_line_too_wide() {
    // Found by the fuzz target: a last line of closing punctuation only.
    let text = "，，（（（一一，，，，，，，，，，，，，，，，，，，，，，，，，， ";
    let lines = break_lines(text, 28.253_302, 0.0, &|c| {
        if is_wide(c) { 1.0 } else { 0.5 }
    });
    assert!(lines.iter().all(|l| l.width <= 28.253_302), "{lines:?}");
}

#[test]
fn a_date_breaks_after_its_year_and_after_its_month_only_when_the_line_would_be_loose() {
    // "2025年12月31日": each number keeps its unit and the month its day; a line may end
    // after "年", and between "12月" and "31日" only when the line would be loose otherwise.
    let year = texts(&format!("{}有效期至2025年12月31日。", cjk(19)));
    assert_eq!(year[0], format!("{}有效期至2025年", cjk(19)));
    assert_eq!(year[1], "12月31日。");
    // Two cells short is still kept whole: the line's gaps open by a thirteenth of a cell.
    let month = texts(&format!("{}有效期至2025年12月31日。", cjk(17)));
    assert_eq!(month[0], format!("{}有效期至2025年", cjk(17)));
    assert_eq!(month[1], "12月31日。");
    // "次年1月10日前" likewise keeps "1月10日" whole.
    let lines = texts(&format!("{}次年1月10日前", cjk(24)));
    assert!(lines[1].starts_with("1月10日"), "{lines:?}");
    // Three cells short would open every gap by an eighth of a cell, which shows: the date
    // breaks after its month; and so it does three and a half short, after a half-width letter.
    let short = texts(&format!("{}有效期至2025年12月31日。", cjk(16)));
    assert_eq!(short[0], format!("{}有效期至2025年12月", cjk(16)));
    assert_eq!(short[1], "31日。");
    let shorter = texts(&format!("{}有效期A至2025年12月31日。", cjk(15)));
    assert_eq!(shorter[0], format!("{}有效期A至2025年12月", cjk(15)));
    assert_eq!(shorter[1], "31日。");
    // But not at any price: carried down whole with the code before it, the date would leave
    // this line seven cells short, spread visibly over its gaps; it breaks after its month.
    let loose = texts(&format!("{}ABCDEFGH12月31日。", cjk(19)));
    assert_eq!(loose[0], format!("{}ABCDEFGH12月", cjk(19)));
    assert_eq!(loose[1], "31日。");
}

#[test]
fn in_a_paragraph_a_comma_that_does_not_fit_hangs_past_the_edge() {
    // 26 ideographs fill the indented first line; the comma after them hangs rather than
    // pull the 26th down and leave the line a cell short.
    let text = format!("{}，{}。", cjk(26), cjk(10));
    let paragraph: Vec<Line> = break_paragraph(&text, WIDTH, INDENT, &advance);
    assert_eq!(paragraph[0].text, format!("{}，", cjk(26)));
    assert!((paragraph[0].width - 27.0).abs() < 1e-6);
    assert_eq!(paragraph[1].text, format!("{}。", cjk(10)));
    // A closing bracket still pulls the text before it down, and so does a cell's comma.
    let bracket = format!("{}）{}", cjk(26), cjk(10));
    let in_paragraph = break_paragraph(&bracket, WIDTH, INDENT, &advance);
    assert_eq!(in_paragraph[0].text.chars().count(), 25);
    assert_eq!(texts(&text)[0].chars().count(), 25);
}

/// A long web address that does not fit the rest of a line more than half empty starts on it,
/// split after one of its separators, rather than leave the line standing short.
#[test]
fn a_long_address_starts_on_a_line_it_would_leave_half_empty() {
    let text =
        "PM2.5年均浓度（https://www.example.gov.cn/aqsc/2025/index.html）不高于35微克每立方米";
    let lines = lines(text);
    let shown: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
    assert_eq!(shown.concat(), text);
    assert!(lines[0].width >= (WIDTH - INDENT) / 2.0, "{shown:?}");
    let last = shown[0].chars().last().unwrap();
    assert!(URL_SEPARATORS.contains(last), "{shown:?}");
    // On a line filled more than half, an address still moves down whole.
    let kept = format!("{}网址https://www.example.gov.cn/aqsc/2025/。", cjk(16));
    let kept = texts(&kept);
    assert!(kept[1].starts_with("https://"), "{kept:?}");
    // One longer than a line with no separator in reach of the line's end splits all the same.
    let bare = format!("见www.{}.cn", "x".repeat(70));
    assert!(texts(&bare)[0].len() > 40, "{:?}", texts(&bare));
}

/// A word longer than a whole line, split in any case, starts on the line it comes to.
#[test]
fn a_word_longer_than_a_line_starts_where_it_comes() {
    let text = format!("有限空间作业审批率100%；{}", "x".repeat(80));
    let lines = lines(&text);
    assert!(lines[0].width > WIDTH - INDENT - 1.0, "{lines:?}");
    assert_eq!(
        lines.iter().map(|l| l.text.as_str()).collect::<String>(),
        text
    );
}
