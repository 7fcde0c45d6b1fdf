//! Worked examples for the file chooser: messages for folders that cannot be read, and where
//! the next chooser opens.

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

#[test]
fn the_next_chooser_opens_where_the_last_file_was_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("自评表.xlsx");
    std::fs::write(&file, b"x").unwrap();
    // Typed and confirmed, never opened in the chooser: its folder is remembered all the same.
    let forms = PickMode::OpenFiles(&["xlsx"]);
    remember(forms, "导入自评表", &file, Apart::default());
    assert_eq!(start_folder(forms, "导入自评表"), dir.path());
    let folder = dir.path().join("导出");
    std::fs::create_dir(&folder).unwrap();
    remember(PickMode::Folder, "导出通报", &folder, Apart::default());
    assert_eq!(start_folder(PickMode::Folder, "导出通报"), folder);
    // Each kind of chooser keeps its own: the forms' folder is not the exports'.
    assert_eq!(start_folder(forms, "导入自评表"), dir.path());
    // So does each purpose: the summary goes where the last summary went, and until then
    // where the last export of any sort went.
    let summaries = dir.path().join("汇总");
    std::fs::create_dir(&summaries).unwrap();
    assert_eq!(start_folder(PickMode::Folder, "导出汇总表"), folder);
    remember(PickMode::Folder, "导出汇总表", &summaries, Apart::default());
    assert_eq!(start_folder(PickMode::Folder, "导出汇总表"), summaries);
    assert_eq!(start_folder(PickMode::Folder, "导出通报"), folder);
    remember(PickMode::Folder, "导出通报", &folder, Apart::default());
    // A kind not used yet opens where the last chooser was.
    assert_eq!(
        start_folder(PickMode::OpenFile(&["sqlite3"]), "恢复"),
        folder
    );
    // That folder is kept for the next run, whose first chooser opens there; and so is each
    // purpose's: the next run's summary goes where the summaries went.
    assert_eq!(where_left(), Some(folder.clone()));
    let by_title = where_each_was_left();
    LAST_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    open_where_left(Some(dir.path().to_path_buf()), by_title);
    assert_eq!(start_folder(PickMode::Folder, "导出汇总表"), summaries);
    assert_eq!(start_folder(PickMode::Folder, "导出通报"), folder);
    assert_eq!(start_folder(PickMode::Folder, "新的用途"), dir.path());
    assert_eq!(where_left(), Some(dir.path().to_path_buf()));
    // A backup's folder (a USB stick) is its chooser's own: an export not made yet does not
    // open there, nor does the next run's first chooser.
    let stick = dir.path().join("U盘");
    std::fs::create_dir(&stick).unwrap();
    remember(PickMode::Folder, "备份", &stick, Apart(true));
    assert_eq!(start_folder(PickMode::Folder, "备份"), stick);
    assert_eq!(start_folder(PickMode::Folder, "导出 PDF"), dir.path());
    assert_eq!(where_left(), Some(dir.path().to_path_buf()));
    // In the next run, 从其他备份文件恢复… opens where 备份到其他位置… was left (the stick).
    remember(
        PickMode::Folder,
        "选择备份保存到的文件夹（如 U 盘）",
        &stick,
        Apart(true),
    );
    let by_title = where_each_was_left();
    LAST_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clear();
    open_where_left(None, by_title);
    assert_eq!(crate::ui::backup_view::elsewhere_before(), Some(stick));
    open_where_left(None, Vec::new());
}

#[test]
fn a_tilde_is_the_home_folder_and_other_paths_are_as_typed() {
    let home = directories::UserDirs::new()
        .unwrap()
        .home_dir()
        .to_path_buf();
    assert_eq!(typed_path(" ~ "), home);
    assert_eq!(typed_path("~/导出"), home.join("导出"));
    // A name that only starts with it is a name.
    assert_eq!(typed_path("~备份"), PathBuf::from("~备份"));
    assert_eq!(typed_path("/tmp/~"), PathBuf::from("/tmp/~"));
}
