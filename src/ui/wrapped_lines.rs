//! Long lines of a dialog's list broken into lines that fit it: the lists draw one-line rows
//! (only those in sight), and a reason cut off would hide the value the clerk must correct.

/// `text` in lines of at most `width` half-width characters, each ending where one of its
/// reasons does ("；") when one fits: the list's rows are one line high, and a reason cut off
/// would hide the value the clerk must correct.
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    let char_width = |c: char| if c.is_ascii() { 1 } else { 2 };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for piece in text.split_inclusive('；') {
        let piece_width: usize = piece.chars().map(char_width).sum();
        if line_width > 0 && line_width + piece_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        for c in piece.chars() {
            if line_width + char_width(c) > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(c);
            line_width += char_width(c);
        }
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
    }
}
