//! Why a read-only window does not export agreements: each exported file is registered, so
//! that 核验 knows it. Where to export instead depends on why the window is read-only: in
//! the window (or after the command) that holds the database, or once the file can be
//! written (a read-only file or folder, a damaged file).

/// True when `why` (a read-only window's reason) is another window or command holding the
/// database: said as "…正在使用…".
fn is_held(why: &str) -> bool {
    why.contains("正在使用")
}

/// Where to export instead, for a window read-only for `why`.
#[must_use]
pub fn export_instead(why: &str) -> &'static str {
    if is_held(why) {
        "请在持有数据库的窗口中导出"
    } else {
        "数据库能写入后才能导出"
    }
}

/// The hover text of the disabled 导出 PDF… of a window read-only for `why`.
#[must_use]
pub fn export_needs_writing(why: Option<&str>) -> String {
    let instead = export_instead(why.unwrap_or_default());
    format!("导出要登记导出记录（供核验），{instead}；“打印…”可用")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_held_elsewhere_is_sent_there_a_read_only_file_is_not() {
        let held = "本机另一个程序窗口（操作员 王小明，2026年12月7日 16:36 打开）正在使用，修改请在那个窗口中进行";
        assert!(export_needs_writing(Some(held)).contains("请在持有数据库的窗口中导出"));
        let file = "不能写入（文件只读）";
        assert_eq!(
            export_needs_writing(Some(file)),
            "导出要登记导出记录（供核验），数据库能写入后才能导出；“打印…”可用"
        );
    }
}
