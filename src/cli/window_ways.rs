//! Messages shared with the window name its places ("设置 → 年度设置", "通报措辞…"); printed
//! on the command line they are followed by the commands that do the same, so that a clerk at
//! a terminal (or a script's author) is not sent to a window.

use crate::store::Store;

/// `text`, followed by the commands for the window's ways it names for `year`: taking the year
/// back to 考核 (withdrawing the notice), and another 发文字号. "请先取消" (the window's
/// question) is said as not publishing. Unchanged when it names none.
pub(super) fn with_commands(store: &Store, year: i32, text: &str) -> String {
    let text = text.replace("请先取消，", "请先不要发布，");
    let mut ways = Vec::new();
    // Asked for as "改回“考核”" (with or without "撤回通报"), never when said as done already
    // ("已撤回通报、回到“考核”阶段").
    if text.contains("改回“考核”") {
        let command = super::hinted_command(
            store,
            "year",
            &format!("--year {year} --phase 考核 --reason 理由"),
        );
        ways.push(format!("改回“考核”：{command}"));
    }
    // Another number for a notice issued before: not the number missing altogether, whose
    // note names its command already.
    let new_number = ["改用新的发文字号", "改标题和发文字号"];
    if text.contains("通报措辞") && new_number.iter().any(|way| text.contains(way)) {
        let command = super::hinted_command(
            store,
            "year",
            &format!("--year {year} --document-number 新文号"),
        );
        ways.push(format!("改用新的发文字号：{command}"));
    }
    if ways.is_empty() {
        return text;
    }
    format!("{text}（命令行中{}）", ways.join("；"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_windows_ways_are_followed_by_their_commands() {
        let store = Store::open_in_memory().unwrap();
        let said = with_commands(
            &store,
            2024,
            "请先在“设置 → 年度设置”中撤回通报（年度阶段改回“考核”），到“通报与统计 → 通报措辞…”中改用新的发文字号，重新发布后再导出",
        );
        assert!(
            said.ends_with(
                "（命令行中改回“考核”：zerenshu year --year 2024 --phase 考核 --reason 理由；改用新的发文字号：zerenshu year --year 2024 --document-number 新文号）"
            ),
            "{said}"
        );
        let said = with_commands(
            &store,
            2024,
            "请先取消，到“通报与统计 → 通报措辞…”中改用新的发文字号后再发布",
        );
        assert!(said.starts_with("请先不要发布，到"), "{said}");
        assert!(!said.contains("改回“考核”"), "{said}");
        assert_eq!(with_commands(&store, 2024, "日期不对"), "日期不对");
        // Withdrawn already: only the new number is asked for.
        let said = with_commands(
            &store,
            2024,
            "本年度已撤回通报、回到“考核”阶段：如需印发更正，请在“通报与统计 → 通报措辞…”中改标题和发文字号后再发布",
        );
        assert!(!said.contains("--phase"), "{said}");
        assert!(said.contains("--document-number"), "{said}");
        // The number missing: its note gives the command already.
        let missing = "2024 年度的通报措辞中没有填写发文字号，通报将不印红色版头和文号";
        assert_eq!(with_commands(&store, 2024, missing), missing);
    }
}
