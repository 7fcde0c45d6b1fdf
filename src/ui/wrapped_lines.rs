//! Long lines of a dialog's list broken into lines that fit it: the lists draw one-line rows
//! (only those in sight), and a reason cut off would hide the value the clerk must correct.

/// `text` in lines of at most `width` half-width characters, each ending where one of its
/// reasons does ("；") when one fits and the line is two thirds full (a line ended far short
/// of the edge would read as ragged): the list's rows are one line high, and a reason cut off
/// would hide the value the clerk must correct. A reason longer than a line is broken as the
/// documents are: no Latin word or number split ("Excel", "1380000000a"), no line starting
/// with "）" or "，".
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    let advance = |c: char| {
        if crate::pdf::linebreak::is_wide(c) {
            2.0
        } else {
            1.0
        }
    };
    #[allow(clippy::cast_precision_loss, reason = "a dialog's width in characters")]
    let width = width as f32;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for piece in text.split_inclusive('；') {
        let piece_width: f32 = piece.chars().map(advance).sum();
        if line_width + piece_width <= width {
            line.push_str(piece);
            line_width += piece_width;
            continue;
        }
        // A line far from full goes on with the next reason rather than end short.
        let piece = if line_width * 3.0 >= width * 2.0 {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            piece.to_owned()
        } else {
            format!("{}{piece}", std::mem::take(&mut line))
        };
        let mut broken = crate::pdf::linebreak::break_lines(&piece, width, 0.0, &advance);
        let last = broken.pop();
        lines.extend(broken.into_iter().map(|broken| broken.text));
        (line, line_width) = last.map_or((String::new(), 0.0), |last| (last.text, last.width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 导入单位 dialog's width.
    const LINE_WIDTH: usize = 80;

    #[test]
    fn a_long_reason_goes_on_over_lines_broken_after_a_reason() {
        let first = "联系电话只能包含数字、空格、“-”和“+”，两个号码之间用“、”隔开；";
        let second = "文件中为“1380000000a”";
        let lines = wrapped(&format!("第 8 行：{first}{second}"), LINE_WIDTH);
        assert_eq!(lines, [format!("第 8 行：{first}"), second.to_owned()]);
        let long = "字".repeat(100);
        let lines = wrapped(&long, LINE_WIDTH);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|line| line.chars().count() <= 40));
        assert_eq!(lines.concat(), long);
        // A short reason before a long one: the line goes on, not ended far short.
        let text = format!("第 3 行：名称太长；{}", "号".repeat(60));
        let lines = wrapped(&text, LINE_WIDTH);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].chars().count() >= 38, "{lines:?}");
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn words_and_closing_marks_are_not_split_from_what_they_belong_to() {
        let text = format!(
            "{}请在 Excel 中另存为 .xlsx 文件（第 9、10 行）",
            "字".repeat(28)
        );
        // "Excel" would straddle the edge of a 64-wide line.
        let lines = wrapped(&text, 64);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        for line in &lines {
            assert!(
                !line.starts_with('）') && !line.starts_with('，'),
                "{lines:?}"
            );
            assert!(
                !line.ends_with("Exc") && !line.starts_with("el"),
                "{lines:?}"
            );
        }
    }
}
