//! The data-safety screens, driven as a clerk would: 设置 → 备份与恢复 and the screen for a
//! damaged file that offers the newest good backup. 操作记录 is in `audit_log`, a missing or
//! empty file in `missing_file`, windows opening read-only in `read_only_opening`.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::{App, Command};

use crate::support::{click, demo_file, start, type_into, wait_for_toast};

pub(crate) fn category_count(harness: &Harness<'_, App>) -> usize {
    harness.state().store().unwrap().categories().unwrap().len()
}

/// A window on `store` at 设置 → 备份与恢复, looking at the backup `path` (as 从其他备份文件恢复…
/// chose it).
pub(crate) fn looking_at_backup(
    store: zerenshu::store::Result<Store>,
    path: &std::path::Path,
) -> Harness<'static, App> {
    let mut harness = start(store);
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    harness
        .state_mut()
        .queue_command(Command::InspectBackup(path.to_owned()));
    harness.run();
    harness.run();
    harness
}

pub(crate) fn toasts(harness: &Harness<'_, App>) -> String {
    harness.state().toast_texts().collect::<Vec<_>>().join("\n")
}

#[test]
fn a_backup_taken_elsewhere_meanwhile_joins_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    harness.get_by_label("还没有自动备份");
    // As the `backup` command takes one while the window holds the file.
    Store::open_read_only(&db)
        .unwrap()
        .backup_into_folder()
        .unwrap();
    let listed =
        crate::support::wait_until(&mut harness, |h| h.query_by_label("手动备份").is_some());
    assert!(listed, "the new backup was not listed");
}

/// Edits typed in 年度设置 and not saved are not in the database: a backup taken meanwhile
/// says they are not in it.
#[test]
fn a_backup_taken_with_year_settings_unsaved_says_they_are_not_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    type_into(&mut harness, "甲方签字人姓名", "甲");
    click(&mut harness, "备份与恢复");
    harness.get_by_label("（年度设置有未保存的修改）");
    harness.get_by_label("立即备份").click();
    wait_for_toast(
        &mut harness,
        "年度设置中未保存的修改不在备份中（请先保存）；已备份并通过完整性检查",
    );
}

#[test]
fn a_backup_is_restored_after_one_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    harness.get_by_label("还没有自动备份");
    // Taken on a thread, while the window goes on.
    harness.get_by_label("立即备份").click();
    wait_for_toast(&mut harness, "已备份并通过完整性检查");
    harness.get_by_label("手动备份");

    // Looked at before the change: the question, asked after it, counts it all the same.
    click(&mut harness, "查看内容");
    harness
        .state_mut()
        .queue_command(Command::AddCategory("四类".into()));
    harness.run();
    harness.run();
    assert_eq!(category_count(&harness), 5);

    // Esc is 取消: nothing restored.
    click(&mut harness, "恢复此备份…");
    harness.run();
    harness.get_by_label("确认恢复");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("确认恢复").is_none());
    assert_eq!(category_count(&harness), 5);

    click(&mut harness, "恢复此备份…");
    harness.run();
    harness.get_by_label("恢复备份");
    // Said before it happens: what there is now, and what the restore undoes.
    harness.get_by_label_contains("当前的数据：年度：2025、2024、2023");
    // Each side's last change on a line of its own: its date is never broken in two.
    let backup_side = (harness.get_by_label_contains("备份中的数据：年度："))
        .value()
        .unwrap_or_default();
    assert!(backup_side.contains("个\n最后修改："), "{backup_side}");
    harness.get_by_label_contains("恢复后，备份之后的 1 项操作将被撤销（最近一项：");
    harness.get_by_label_contains("新增考核类别");
    // The keyboard starts on 确认恢复: Enter restores.
    assert!(harness.get_by_label("确认恢复").is_focused());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(category_count(&harness), 4, "the backup's data is back");
    assert!(
        toasts(&harness)
            .contains("已恢复备份：数据已回到备份时的样子，备份之后的 1 项操作已撤销（最近一项："),
        "{}",
        toasts(&harness)
    );
    harness.get_by_label("恢复备份前");
    harness.get_by_label("手动备份");
    // The keyboard stays on the page: on 立即备份, not at the top of the window.
    harness.run();
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("立即备份")
    );

    // The restore's own entry lists what it undid in words, not the log's internal names.
    click(&mut harness, "操作记录");
    harness.run();
    harness.get_all_by_label("恢复备份").next().unwrap().click();
    harness.run();
    harness.get_by_label("恢复时撤销的操作");
    // (The restore's toast names it too.)
    let text = harness
        .get_all_by_label_contains("新增考核类别“四类”")
        .map(|node| {
            let node = node.accesskit_node();
            node.label().or(node.value()).unwrap_or_default()
        })
        .find(|text| !text.starts_with("已恢复备份"))
        .unwrap();
    assert!(!text.contains("category"), "{text}");
    assert!(!text.starts_with("修改后"), "{text}");

    // The copy the restore kept, restored, undoes it: nothing to be warned of, so the
    // keyboard starts on 确认恢复 as for any backup of this data.
    click(&mut harness, "备份与恢复");
    // The copy of the data replaced, not the one of the data restored taken after it: the
    // 查看内容 on its row.
    let row = harness.get_by_label("恢复备份前").rect().center().y;
    harness
        .get_all_by_label("查看内容")
        .find(|button| (button.rect().center().y - row).abs() < 4.0)
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("恢复之后");
    click(&mut harness, "恢复此备份…");
    harness.run();
    assert!(
        harness
            .get_all_by_label_contains("恢复它即撤销那次恢复")
            .next()
            .is_some()
    );
    assert!(harness.get_by_label("确认恢复").is_focused());
}

#[test]
fn damage_met_while_reading_brings_up_the_damaged_file_screen() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // A unit's name damaged inside its record: SQLite's quick check passes, reading fails.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE units SET name = CAST(x'e59f8ee5ffff' AS TEXT) WHERE id = 1",
        [],
    )
    .unwrap();
    conn.close().unwrap();
    let mut harness = start(Store::open(&db));
    harness.get_by_label("数据库文件已损坏");
    // The finding is said in Chinese; SQLite's own words are folded away.
    harness.get_by_label_contains("部分文字已损坏，无法读出");
    assert!(harness.query_by_label_contains("utf-8").is_none());
    harness.get_by_label("技术细节（供技术人员查看）").click();
    harness.run();
    harness.get_by_label_contains("utf-8");
}

#[test]
fn a_damaged_file_offers_the_newest_good_backup_and_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    Store::open(&db)
        .unwrap()
        .auto_backup(zerenshu::store::BackupReason::Manual)
        .unwrap();
    let length = std::fs::metadata(&db).unwrap().len();
    {
        use std::io::{Seek as _, SeekFrom, Write as _};
        let mut file = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
        file.seek(SeekFrom::Start(length / 2)).unwrap();
        file.write_all(&[0xA5; 8192]).unwrap();
    }
    let damaged_bytes = std::fs::read(&db).unwrap();
    let mut harness = start(Store::open(&db));
    harness.get_by_label("数据库文件已损坏");
    // Besides a backup, another file: the same way on as for a foreign file.
    harness.get_by_label("打开其他数据库文件…");
    harness.get_by_label("在其他文件夹新建数据库…");
    click(&mut harness, "用此备份恢复…");
    // Asked once, with the backup's contents.
    harness.get_by_label("恢复备份");
    harness.get_by_label_contains("所选备份：");
    harness.get_by_label_contains("将替换损坏的数据库：");
    assert!(
        harness.state().store().is_none(),
        "nothing restored before the answer"
    );
    click(&mut harness, "确认恢复");
    harness.run();
    assert!(
        harness.state().store().is_some(),
        "the window opened the restored file"
    );
    harness.get_all_by_label("单位").next().unwrap();
    assert!(toasts(&harness).contains("损坏的文件已原样保存"));
    // The restored data has a backup of the day of its own.
    assert!(
        (zerenshu::store::backup::list_backups(&db).iter())
            .any(|b| b.reason == zerenshu::store::BackupReason::Daily)
    );
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("zerenshu-损坏-")
                && name.ends_with(".sqlite3")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        damaged_bytes,
        "kept unchanged"
    );
}

#[test]
fn a_copy_outside_backups_is_dated_by_when_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    let copy = dir.path().join("U盘里的副本.sqlite3");
    store.backup_to(&copy).unwrap();
    let written = std::fs::metadata(&copy).unwrap().modified().unwrap();
    let written = chrono::DateTime::<chrono::Local>::from(written).naive_local();
    let dated = format!(
        "文件修改时间：{}",
        zerenshu::model::dates::show_date_time_with_seconds(written)
    );
    let mut harness = looking_at_backup(Ok(store), &copy);
    harness.get_by_label(&dated);
    click(&mut harness, "恢复此备份…");
    harness.get_by_label("恢复备份");
    assert_eq!(
        harness.get_all_by_label(&dated).count(),
        2,
        "the confirmation shows the date too"
    );
}

#[test]
fn the_open_database_chosen_as_a_backup_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    let mut harness = start(Ok(store));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    harness
        .state_mut()
        .queue_command(Command::InspectBackup(db.clone()));
    harness.run();
    harness.run();
    harness.get_by_label_contains("用来恢复的文件就是这个数据库文件本身，不能用它恢复");
    assert!(
        harness.query_by_label("恢复此备份…").is_none(),
        "nothing offered to restore"
    );
}

#[test]
fn the_restore_file_chooser_opens_in_the_backups_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    // No backups yet: the database's own folder.
    click(&mut harness, "从其他备份文件恢复…");
    let shown = |harness: &Harness<'_, App>| {
        let path = harness
            .get_by_role_and_label(Role::TextInput, "路径")
            .value()
            .unwrap();
        std::fs::canonicalize(path).unwrap()
    };
    assert_eq!(shown(&harness), std::fs::canonicalize(dir.path()).unwrap());
    click(&mut harness, "取消");
    harness.get_by_label("立即备份").click();
    wait_for_toast(&mut harness, "已备份并通过完整性检查");
    click(&mut harness, "从其他备份文件恢复…");
    let backups = zerenshu::store::backup::backup_folder(&db);
    assert_eq!(shown(&harness), std::fs::canonicalize(&backups).unwrap());

    // A file chosen elsewhere (a USB drive): the next choice starts there, not back in the
    // backups folder.
    let elsewhere = dir.path().join("U盘");
    std::fs::create_dir(&elsewhere).unwrap();
    let taken = std::fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    std::fs::copy(taken.path(), elsewhere.join("副本.sqlite3")).unwrap();
    crate::support::retype(&mut harness, "路径", elsewhere.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run();
    click(&mut harness, "副本.sqlite3");
    click(&mut harness, "确定");
    harness.run();
    click(&mut harness, "从其他备份文件恢复…");
    assert_eq!(shown(&harness), std::fs::canonicalize(&elsewhere).unwrap());
    // The drive pulled out: the automatic backups, and the folder used last said gone.
    click(&mut harness, "取消");
    std::fs::remove_dir_all(&elsewhere).unwrap();
    click(&mut harness, "从其他备份文件恢复…");
    assert_eq!(shown(&harness), std::fs::canonicalize(&backups).unwrap());
    harness.get_by_label_contains("上次使用的文件夹已不存在（如是 U 盘，请检查是否已插好）");
}

#[test]
fn the_demo_data_can_be_cleared_to_start_blank_after_one_question() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    click(&mut harness, "清空数据，从空白开始…");
    harness.get_by_label("清空数据，从空白开始？");
    harness.get_by_label_contains("数据库中现有的全部数据都将被清空：年度：2025、2024、2023");
    // The keyboard starts on 取消.
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("取消")
    );
    // The 甲方 is asked for, under the buttons (they stay in their place); cancelling
    // changes nothing.
    let confirm = harness.get_by_label("确认清空").rect();
    click(&mut harness, "确认清空");
    harness.get_by_label("请填写甲方名称");
    assert_eq!(harness.get_by_label("确认清空").rect(), confirm);
    click(&mut harness, "取消");
    assert!(harness.query_by_label("清空数据，从空白开始？").is_none());
    assert_eq!(harness.state().store().unwrap().units().unwrap().len(), 45);

    click(&mut harness, "清空数据，从空白开始…");
    type_into(&mut harness, "甲方名称", "样板县人民政府");
    crate::support::retype(&mut harness, "考核年度", "２０２７");
    // Enter in a field confirms.
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    assert!(store.units().unwrap().is_empty());
    assert_eq!(
        store.year(2027).unwrap().unwrap().party_a_name,
        "样板县人民政府"
    );
    assert!(
        toasts(&harness).contains("已清空原有数据，建立了 2027 年度"),
        "{}",
        toasts(&harness)
    );
    // The data that went are a backup away.
    harness.get_by_label("清空数据前");

    // Now the data is the office's own: the word 清空 is typed before it can go.
    click(&mut harness, "清空数据，从空白开始…");
    harness.get_by_label("这些不是示例数据，而是本单位录入的记录（责任书、签订、评分等）");
    type_into(&mut harness, "甲方名称", "样板县人民政府");
    assert!(
        harness
            .get_by_label("确认清空")
            .accesskit_node()
            .is_disabled(),
        "not before the word"
    );
    type_into(&mut harness, "确认清空，请输入“清空”", "清空");
    assert!(
        !harness
            .get_by_label("确认清空")
            .accesskit_node()
            .is_disabled()
    );
}

/// The day's first backup is taken on a thread once the window is up (a large file's copy
/// takes seconds), silently when it succeeds.
#[test]
fn the_days_first_backup_is_taken_once_the_window_is_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    assert!(zerenshu::store::backup::list_backups(&db).is_empty());
    let opened = db.clone();
    let mut harness = Harness::builder()
        .with_size(crate::support::LAPTOP)
        .build_eframe(move |cc| App::new(cc, &opened));
    let is_daily =
        |b: &zerenshu::store::BackupFile| b.reason == zerenshu::store::BackupReason::Daily;
    let taken = crate::support::wait_until(&mut harness, |_| {
        zerenshu::store::backup::list_backups(&db)
            .iter()
            .any(is_daily)
    });
    assert!(taken, "the day's backup is taken");
    // The job ends after the file is there (pruning, its answer): given time to say anything.
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert_eq!(toasts(&harness), "", "and nothing is said of it");
    // Once a day: the next start takes none.
    drop(harness);
    let opened = db.clone();
    let mut harness = Harness::builder()
        .with_size(crate::support::LAPTOP)
        .build_eframe(move |cc| App::new(cc, &opened));
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(zerenshu::store::backup::list_backups(&db).len(), 1);
}

/// A day's backup that fails at start is said, and stays on screen (see
/// `warn_daily_backup_failed`): here a file stands where the backups folder goes.
#[test]
fn a_days_backup_that_fails_at_start_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    std::fs::write(zerenshu::store::backup::backup_folder(&db), b"not a folder").unwrap();
    let opened = db.clone();
    let mut harness = Harness::builder()
        .with_size(crate::support::LAPTOP)
        .build_eframe(move |cc| App::new(cc, &opened));
    wait_for_toast(&mut harness, "今天的自动备份没有成功");
    // Said on 备份与恢复 as well, after the toast is gone, until a backup succeeds.
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    harness.get_by_label_contains("请尽快排除（如清理磁盘空间、检查文件夹权限），然后点“立即备份”");
    std::fs::remove_file(zerenshu::store::backup::backup_folder(&db)).unwrap();
    harness.get_by_label("立即备份").click();
    wait_for_toast(&mut harness, "已备份并通过完整性检查");
    assert!(
        harness
            .query_by_label_contains("请尽快排除（如清理磁盘空间")
            .is_none()
    );
}

/// 确定 with no file clicked in the chooser of a backup says to click one, rather than doing
/// nothing.
#[test]
fn confirming_the_restore_chooser_with_no_file_says_to_choose_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    click(&mut harness, "从其他备份文件恢复…");
    click(&mut harness, "确定");
    harness.get_by_label_contains("请点选一个 .sqlite3、.db 文件");
    harness.get_by_label("确定");
}

/// A restore reads everything again: the 年度设置 edits not saved yet are named in its
/// question, not lost unsaid.
#[test]
fn the_restore_question_names_the_unsaved_year_settings_it_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut harness) = backed_up_now(dir.path());
    click(&mut harness, "年度设置");
    type_into(&mut harness, "甲方名称", "X");
    click(&mut harness, "备份与恢复");
    click(&mut harness, "查看内容");
    click(&mut harness, "恢复此备份…");
    harness.run();
    let said = "年度设置中有未保存的修改，恢复后将放弃；如要保留，请先取消，回到“年度设置”保存";
    harness.get_by_label(said);
    // Restored, they are given up: the next restore has none to name.
    click(&mut harness, "确认恢复");
    harness.run();
    harness.get_all_by_label("查看内容").last().unwrap().click();
    harness.run();
    click(&mut harness, "恢复此备份…");
    harness.run();
    assert!(harness.query_by_label(said).is_none());
}

/// The backup moved away while its restore is asked about: the question goes, and the panel
/// says the file is gone, not 确认恢复 over nothing.
#[test]
fn a_backup_gone_while_asked_about_closes_the_question() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut harness) = backed_up_now(dir.path());
    click(&mut harness, "查看内容");
    click(&mut harness, "恢复此备份…");
    harness.run();
    harness.get_by_label("确认恢复");
    let folder = zerenshu::store::backup::backup_folder(&db);
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        std::fs::rename(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    harness.run();
    harness.run();
    assert!(harness.query_by_label("确认恢复").is_none());
    harness.get_by_label_contains("备份文件已不在原处");
}

/// Another database file opened from 设置 → 常规 → 数据文件: not while edits are unsaved
/// (said why), then in place of this one.
#[test]
fn another_database_is_opened_from_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let other_dir = dir.path().join("其他");
    std::fs::create_dir(&other_dir).unwrap();
    let other = demo_file(&other_dir);
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    type_into(&mut harness, "甲方签字人姓名", "甲");
    click(&mut harness, "常规");
    click(&mut harness, "打开其他数据库文件…");
    harness.run();
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.contains("有未保存的修改：请先保存或放弃，再打开其他数据库文件")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    assert!(
        harness
            .query_by_label("选择本程序的数据库文件（.sqlite3）")
            .is_none()
    );
    click(&mut harness, "年度设置");
    click(&mut harness, "还原");
    click(&mut harness, "常规");
    click(&mut harness, "打开其他数据库文件…");
    harness.run();
    // It opens in the folder of the database open now.
    let shown = harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .value()
        .unwrap();
    assert_eq!(
        std::fs::canonicalize(shown).unwrap(),
        std::fs::canonicalize(dir.path()).unwrap()
    );
    crate::support::retype(&mut harness, "路径", other.to_str().unwrap());
    click(&mut harness, "确定");
    harness.run();
    harness.run();
    let opened = harness
        .state()
        .store()
        .unwrap()
        .path()
        .unwrap()
        .to_path_buf();
    assert_eq!(opened, other);
}

/// The demo in `dir`, its window on 设置 → 备份与恢复 after 立即备份 went through: the file and
/// the window.
fn backed_up_now(dir: &std::path::Path) -> (PathBuf, Harness<'static, App>) {
    let db = demo_file(dir);
    let mut harness = start(Store::open(&db));
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    harness.get_by_label("立即备份").click();
    wait_for_toast(&mut harness, "已备份并通过完整性检查");
    (db, harness)
}
