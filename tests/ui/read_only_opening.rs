//! Windows that open read-only, driven as a clerk meets them: one held by another window
//! (here or on another computer), a read-only folder or one that takes no lock file, and a
//! new database that cannot be written: each says why, and nothing is saved.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::{App, Command};

use crate::safety::{category_count, toasts};
use crate::support::{click, demo_file, start};

#[test]
fn a_read_only_window_says_why_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let reader = Store::open_read_only_because(&db, "柏闻溪正在使用");
    let mut harness = start(reader);
    harness.get_by_label("数据库以只读方式打开：柏闻溪正在使用；可以查看，不能修改");
    harness
        .state_mut()
        .queue_command(Command::AddCategory("四类".into()));
    harness.run();
    harness.run();
    assert_eq!(category_count(&harness), 4);
    assert!(toasts(&harness).contains("只读"), "{}", toasts(&harness));
}

#[test]
fn a_read_only_window_on_a_new_database_shows_no_welcome_it_could_not_act_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("新.sqlite3");
    let _holder = Store::open(&db).unwrap();
    let reader = Store::open_read_only_because(&db, "柏闻溪正在使用");
    let harness = start(reader);
    harness.get_by_label("数据库以只读方式打开：柏闻溪正在使用；可以查看，不能修改");
    assert!(harness.query_by_label("载入示例数据").is_none());
    assert!(harness.query_by_label("从空白开始").is_none());
}

/// A folder that takes no lock file though its permission bits say it is writable (no
/// permission for this user, a medium mounted read-only) takes no backup either: said on the
/// backups tab, and 立即备份 greyed, as for a folder marked read-only.
#[test]
fn a_folder_that_takes_no_lock_file_takes_no_backup_either() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // The lock file cannot be opened for writing (made a folder), as the root user these
    // tests may run as would otherwise write anywhere.
    let lock = zerenshu::store::lock::lock_path(&db);
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    // Nor was a backup folder ever made there.
    let folder = zerenshu::store::backup::backup_folder(&db);
    let _ = std::fs::remove_dir_all(&folder);
    let mut harness = crate::support::opened_window(&db);
    // The banner says 不能写入 once, then why.
    harness.get_by_label_contains("不能写入，因为数据库所在的文件夹无法新建文件（");
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    assert!(
        harness
            .get_by_label("立即备份")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label_contains("数据库所在的文件夹不能写入，以上自动备份都无法进行");
    // Said so, not that it holds none.
    harness.get_by_label_contains(&format!(
        "没有备份：数据库所在的文件夹无法新建文件，备份文件夹无法建立，现不存在：{}",
        folder.display()
    ));
}

#[cfg(unix)]
#[test]
fn a_database_in_a_read_only_folder_opens_with_the_read_only_banner() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("只读");
    std::fs::create_dir(&folder).unwrap();
    let db = demo_file(&folder);
    // A lock file that cannot be opened for writing, as on a read-only medium (a folder's
    // permissions do not stop the root user these tests may run as).
    let lock = zerenshu::store::lock::lock_path(&db);
    let _ = std::fs::remove_file(&lock);
    std::fs::create_dir(&lock).unwrap();
    let before = std::fs::read(&db).unwrap();
    let mode = |bits| std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(bits));
    mode(0o555).unwrap();
    let outcome = std::panic::catch_unwind(|| {
        let db = db.clone();
        let mut harness = Harness::builder()
            .with_size([1280.0, 800.0])
            .build_eframe(move |cc| App::new(cc, &db));
        harness.run();
        harness.get_by_label(
            "数据库以只读方式打开：不能写入，因为数据库所在文件夹只读；可以查看，不能修改",
        );
        // No other window holds it: none is spoken of.
        assert!(
            harness
                .query_by_label("在另一处保存的修改会自动显示在这里")
                .is_none()
        );
        harness
            .state_mut()
            .queue_command(Command::AddCategory("四类".into()));
        harness.run();
        harness.run();
        assert_eq!(category_count(&harness), 4);
        assert!(toasts(&harness).contains("只读"), "{}", toasts(&harness));
        // No `backups/` can be made beside it: 立即备份 is greyed, 备份到其他位置 offered.
        click(&mut harness, "设置");
        click(&mut harness, "备份与恢复");
        let now = harness.get_by_label("立即备份");
        assert!(now.accesskit_node().is_disabled());
        let elsewhere = harness.get_by_label("备份到其他位置…");
        assert!(!elsewhere.accesskit_node().is_disabled());
        // The automatic backups promised above are said not to happen here.
        harness.get_by_label_contains("数据库所在的文件夹不能写入，以上自动备份都无法进行");
    });
    mode(0o755).unwrap();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(
        names.len(),
        2,
        "nothing was made in the folder (the database and the lock stand-in)"
    );
}

/// A second window of the clerk's own on the file is told when the first was opened, as a
/// colleague's would be, and opens read-only.
#[test]
fn a_second_window_on_this_computer_says_when_the_first_was_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _first = Store::open(&db).unwrap();
    let opened = db.clone();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| App::new(cc, &opened));
    harness.run();
    let since = zerenshu::model::dates::show_date(chrono::Local::now().date_naive());
    let operator = zerenshu::store::Store::open_read_only(&db)
        .unwrap()
        .operator()
        .to_owned();
    harness.get_by_label_contains(&format!(
        "数据库以只读方式打开：本机另一个程序窗口（操作员 {operator}，{since} "
    ));
    harness.get_by_label_contains(" 打开）正在使用，修改请在那个窗口中进行；可以查看，不能修改");
}
