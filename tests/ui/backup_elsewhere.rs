//! 备份到其他位置 as a clerk meets a failure: the folder chosen cannot take the backup (gone,
//! read-only, full), and the chooser comes back at it, saying why, for another folder; the
//! folder used last gone by the next backup is said to be; a backup looked at from a folder
//! gone before its restore is asked about is said to be gone.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable as _;
use zerenshu::store::Store;
use zerenshu::ui::Command;

use crate::support::{click, demo_file, start, wait_for_toast};

#[test]
fn a_failed_backup_elsewhere_opens_the_chooser_again_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    assert!(
        harness
            .query_by_label("选择备份保存到的文件夹（如 U 盘）")
            .is_none()
    );
    // A folder taken away (a USB stick pulled) after it was chosen.
    let gone = dir.path().join("U盘");
    harness
        .state_mut()
        .queue_command(Command::BackupInto(gone.clone()));
    wait_for_toast(&mut harness, "备份失败：");
    harness.get_by_label("选择备份保存到的文件夹（如 U 盘）");
    harness.get_by_label_contains("请换一个文件夹");
    // Another folder chosen there takes it.
    let other = dir.path().join("另一个");
    std::fs::create_dir(&other).unwrap();
    crate::support::retype(&mut harness, "路径", other.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("确定").click();
    // The backup runs off the window's thread: waited for by its message.
    wait_for_toast(&mut harness, "已备份并通过完整性检查");
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);
    // That folder taken away in turn: the chooser opens beside it, and says it is gone.
    std::fs::remove_dir_all(&other).unwrap();
    click(&mut harness, "备份到其他位置…");
    harness.get_by_label("选择备份保存到的文件夹（如 U 盘）");
    harness.get_by_label_contains("上次使用的文件夹已不存在（如是 U 盘，请检查是否已插好）：");
}

/// A backup looked at from another folder, gone (a USB stick pulled out) before 恢复此备份…:
/// no question over nothing; the panel says the file is not there, the data unchanged.
#[test]
fn a_backup_gone_before_its_restore_is_asked_about_is_said_to_be_gone() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let stick = dir.path().join("U盘");
    std::fs::create_dir(&stick).unwrap();
    let copy = stick.join("备份.sqlite3");
    std::fs::copy(&db, &copy).unwrap();
    let mut harness = crate::safety::looking_at_backup(Store::open(&db), &copy);
    std::fs::remove_dir_all(&stick).unwrap();
    click(&mut harness, "恢复此备份…");
    harness.run();
    harness.run();
    assert!(harness.query_by_label("确认恢复").is_none());
    harness.get_by_label_contains("当前数据库没有改动");
}
