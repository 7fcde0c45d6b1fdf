//! Why the window could not open, in a clerk's words: no graphical display (a server, a remote
//! shell, `DISPLAY` unset) is said as such, with the commands that need no window named; the
//! graphics system's own words follow on a second line without its source paths.

/// The error to print when the window could not open: a Chinese first line and the technical
/// detail, shortened, on a second.
pub(super) fn explain(error: &eframe::Error) -> anyhow::Error {
    let lead = if has_no_display() {
        "无法打开窗口：没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）。请在桌面环境中运行本程序，或设置 DISPLAY 或 WAYLAND_DISPLAY 后重试"
    } else {
        "无法打开窗口：图形系统报告了错误（见技术细节）"
    };
    anyhow::anyhow!(
        "{lead}；各子命令（如 list、export、check）不需要窗口，可直接在命令行使用，zerenshu --help 列出全部子命令\n技术细节（供技术人员查看）：{}",
        without_source_location(&technical(error))
    )
}

/// True where windows need a display server (Linux and the BSDs) and none is named in the
/// environment.
fn has_no_display() -> bool {
    let is_unset = |name: &str| std::env::var_os(name).is_none_or(|value| value.is_empty());
    cfg!(all(unix, not(target_os = "macos")))
        && ["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"]
            .iter()
            .all(|name| is_unset(name))
}

/// The graphics system's message: winit's own words without eframe's English lead.
fn technical(error: &eframe::Error) -> String {
    match error {
        eframe::Error::Winit(error) => error.to_string(),
        eframe::Error::WinitEventLoop(error) => error.to_string(),
        other => other.to_string(),
    }
}

/// A message without winit's "os error at /path/to/source.rs:123: " prefix, which names a file
/// on the machine the program was built on.
fn without_source_location(text: &str) -> String {
    match text.split_once("os error at ") {
        Some((before, rest)) => {
            let message = rest.split_once(": ").map_or(rest, |(_, message)| message);
            format!("{before}{message}")
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::without_source_location;

    #[test]
    fn the_source_path_is_left_out() {
        assert_eq!(
            without_source_location(
                "os error at /root/.cargo/registry/src/index/winit-0.30.13/src/platform_impl/linux/mod.rs:764: neither WAYLAND_DISPLAY nor DISPLAY is set."
            ),
            "neither WAYLAND_DISPLAY nor DISPLAY is set."
        );
        assert_eq!(without_source_location("no GL config"), "no GL config");
    }
}
