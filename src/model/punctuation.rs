//! Punctuation a signed text should not carry: half-width commas, semicolons, colons, question
//! and exclamation marks and brackets beside Chinese text (an English input mode left on), a
//! clause without its closing mark (one ending on a list of rules is closed when printed), and
//! a clause starting with two numbers ("（二）（二）", pasted with its own), and two marks in a
//! row ("。。", "，。"). Said, never refused: the clerk decides.

/// `text` in Chinese quotation marks, its own double quotes turned single, as nested quotes
/// are written: “‘三个必须’责任落实”, not ““三个必须”责任落实”.
#[must_use]
pub fn quoted(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| match c {
            '“' => '‘',
            '”' => '’',
            other => other,
        })
        .collect();
    format!("“{inner}”")
}

/// The half-width marks looked for, each with the full-width one a Chinese text uses.
const HALF_WIDTH: [(char, char); 7] = [
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('?', '？'),
    ('!', '！'),
    ('(', '（'),
    (')', '）'),
];

/// The marks a clause may end with.
const CLOSING: &str = "。；：！？…”’";

/// True for a character of Chinese text: an ideograph, full-width punctuation, or a brace of a
/// placeholder (whose name is Chinese).
fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}' | '{' | '}')
}

/// The half-width marks in `text` that stand beside Chinese text, each once, in the order met
/// ("5,000" and "8:30" are numbers, not Chinese text, and are left alone).
#[must_use]
pub fn half_width_marks(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for (at, &c) in chars.iter().enumerate() {
        if found.contains(&c) || !HALF_WIDTH.iter().any(|(half, _)| *half == c) {
            continue;
        }
        let before = chars
            .get(..at)
            .and_then(|s| s.iter().rev().find(|c| !c.is_whitespace()));
        let after = chars
            .get(at + 1..)
            .and_then(|s| s.iter().find(|c| !c.is_whitespace()));
        if before.is_some_and(|c| is_chinese(*c)) || after.is_some_and(|c| is_chinese(*c)) {
            found.push(c);
        }
    }
    found
}

/// The marks that never stand two in a row in Chinese text ("……" and "——" are marks of
/// their own, and "？！" is allowed).
const SINGLE_MARKS: &str = "，。、；：";

/// Each pair of marks in a row in `text` ("。。", "，。"), once, in the order met.
#[must_use]
pub fn doubled_marks(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found: Vec<String> = Vec::new();
    for pair in chars.windows(2) {
        if let [first, second] = pair
            && SINGLE_MARKS.contains(*first)
            && SINGLE_MARKS.contains(*second)
        {
            let pair = format!("{first}{second}");
            if !found.contains(&pair) {
                found.push(pair);
            }
        }
    }
    found
}

/// True when a clause with text does not end with a closing mark (。；：！？… or a closing
/// quotation mark); a clause that is only its number ("（三）"), or that ends with a list the
/// program closes itself ({加分事项} …), is not said to.
#[must_use]
pub fn is_unclosed(clause: &str) -> bool {
    let text = clause.trim_end();
    text.chars()
        .last()
        .is_some_and(|last| !CLOSING.contains(last))
        && !super::rule_wording::ends_on_list(text)
        && super::tailoring::numbered_rest(clause).is_none_or(|rest| !rest.trim().is_empty())
}

/// What to check in a clause, in words: "半角逗号 , 应为全角 ，", "末尾没有句号"; empty when
/// nothing.
#[must_use]
pub fn clause_notes(clause: &str) -> Vec<String> {
    let mut notes: Vec<String> = half_width_marks(clause)
        .into_iter()
        .map(|half| {
            let (name, full) = match half {
                ',' => ("逗号", '，'),
                ';' => ("分号", '；'),
                ':' => ("冒号", '：'),
                '?' => ("问号", '？'),
                '!' => ("叹号", '！'),
                '(' => ("左括号", '（'),
                _ => ("右括号", '）'),
            };
            format!("半角{name} {half} 应为全角 {full}")
        })
        .collect();
    for pair in doubled_marks(clause) {
        notes.push(format!("标点重复“{pair}”"));
    }
    if is_unclosed(clause) {
        notes.push("末尾没有句号".to_owned());
    }
    // "（二）（二）落实…": a clause pasted with its number after the one it was given.
    let numbered = super::tailoring::numbered_rest;
    if numbered(clause).is_some_and(|rest| numbered(rest).is_some()) {
        notes.push("开头有两个序号".to_owned());
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_inside_a_quoted_name_turn_single() {
        assert_eq!(quoted("“三个必须”责任落实"), "“‘三个必须’责任落实”");
        assert_eq!(quoted("组织领导"), "“组织领导”");
    }

    #[test]
    fn half_width_marks_beside_chinese_are_found_once() {
        assert_eq!(
            half_width_marks("下降5%以上,{单位简称}辖区内,由(负责人)负责"),
            [',', '(', ')']
        );
        assert!(half_width_marks("会议于8:30开始，经费5,000元。").is_empty());
        assert!(half_width_marks("Plan B, then C").is_empty());
        assert_eq!(half_width_marks("安全生产; 责任落实"), [';']);
    }

    #[test]
    fn a_clause_is_told_its_marks_and_its_missing_full_stop() {
        assert_eq!(
            clause_notes("（四）死亡人数下降5%以上,由负责人负责"),
            ["半角逗号 , 应为全角 ，", "末尾没有句号"]
        );
        assert!(clause_notes("（四）死亡人数下降5%以上，由负责人负责。").is_empty());
        assert!(clause_notes("（三）").is_empty(), "only its number");
        assert_eq!(
            clause_notes("（一）依照规定履行职责。。未尽事宜，，另行商定……"),
            ["标点重复“。。”", "标点重复“，，”"]
        );
        assert!(clause_notes("（一）是否落实？！“安全第一”——预防为主。").is_empty());
        assert_eq!(
            clause_notes("（二）（二）落实属地管理责任。"),
            ["开头有两个序号"]
        );
        assert!(
            clause_notes("（二）有下列情形之一的，予以加分：{加分事项}").is_empty(),
            "the list closes itself"
        );
        assert!(clause_notes("（二）予以加分：{ 加分事项 } ").is_empty());
        assert!(clause_notes("坚持“安全第一”").is_empty());
    }
}
