//! Why a read-only window does not export agreements: each exported file is registered, so
//! that 核验 knows it. Where to export instead depends on why the window is read-only: in
//! the window that holds the database, once the command holding it has finished, once the
//! file can be written (a read-only file or folder), or after a restore (a damaged file).

use crate::ui::app_safety::{NOT_WRITABLE, is_damaged_look};
use crate::ui::write_access::{WRITER_BACK, WRITER_GONE};

/// Where to export instead, for a window read-only for `why`.
#[must_use]
pub fn export_instead(why: &str) -> &'static str {
    if why.starts_with(NOT_WRITABLE) {
        "数据库能写入后才能导出"
    } else if is_damaged_look(Some(why)) {
        "损坏的文件不能导出，请先从备份恢复"
    } else if why.contains("正在运行的命令") {
        "请等命令运行完毕后再导出"
    } else if why == WRITER_GONE {
        "点上方“改为可修改”后即可导出"
    } else if why == WRITER_BACK {
        "请在持有数据库的窗口中导出，或等持有它的命令运行完毕后再导出"
    } else {
        // Another window holds it (here or on another computer), named.
        "请在持有数据库的窗口中导出"
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
    fn each_kind_of_read_only_window_is_told_where_to_export() {
        let held = "本机另一个程序窗口（操作员 王小明，2026年12月7日 16:36 打开）正在使用，修改请在那个窗口中进行";
        assert!(export_needs_writing(Some(held)).contains("请在持有数据库的窗口中导出"));
        assert!(
            export_needs_writing(Some(WRITER_BACK)).contains("或等持有它的命令运行完毕后再导出")
        );
        let command = "本机正在运行的命令“zerenshu import units”（操作员 王小明，16:36 开始）正在使用，命令运行完毕后即可修改";
        assert!(export_needs_writing(Some(command)).contains("请等命令运行完毕后再导出"));
        assert_eq!(
            export_needs_writing(Some(&crate::ui::app_safety::not_writable_why("文件只读"))),
            "导出要登记导出记录（供核验），数据库能写入后才能导出；“打印…”可用"
        );
        assert!(export_needs_writing(Some(WRITER_GONE)).contains("改为可修改"));
    }
}
