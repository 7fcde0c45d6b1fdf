//! Opening a file or folder with the system's own program (file manager, PDF viewer).

use std::path::Path;

/// Opens `path` with the system's handler. A path that is gone (a folder moved or deleted
/// since its toast appeared) is said at once: the handler runs on its own and would fail
/// unseen.
pub fn open_in_system(path: &Path) -> Result<(), String> {
    if !path.exists() {
        return Err(format!(
            "找不到要打开的文件或文件夹，可能已被移动或删除：{}",
            path.display()
        ));
    }
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut child = std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                format!("本机找不到用来打开它的程序，请手动打开：{}", path.display())
            } else {
                // The opener did not start: said of it, not of the file.
                format!(
                    "无法启动打开它的程序 {program}（{}），请手动打开：{}",
                    crate::io::files::explain(error),
                    path.display()
                )
            }
        })?;
    // Waited for on a thread of its own, so the finished opener does not linger as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}
