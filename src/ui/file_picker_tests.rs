//! Worked examples for the file chooser: messages for folders that cannot be read.

use super::*;

#[test]
fn a_folder_that_cannot_be_read_is_named_with_a_chinese_reason() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("说明.txt");
    std::fs::write(&file, "x").unwrap();
    // The system's own error, whose text is English ("Not a directory (os error 20)").
    let error = std::fs::read_dir(&file).unwrap_err();
    assert!(error.to_string().is_ascii());
    let message = unreadable_folder(&error, &file);
    assert_eq!(
        message,
        format!(
            "无法打开文件夹（路径中有一段不是文件夹）：{}",
            file.display()
        )
    );
    let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    assert!(unreadable_folder(&denied, &file).contains("（没有权限"));
}
