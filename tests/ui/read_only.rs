//! A read-only window (another window holds the file), screen by screen: every control that
//! would write is disabled and says why on hover, what only reads stays enabled, and a write
//! that gets through anyway is refused with one message. The window shows the holder's saved
//! changes, and can write once the holder has closed.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::{App, Command, View};

use crate::support::{click, demo_file, showing, window};

/// Who holds the file, as the banner and the hover texts name them.
const HOLDER: &str = "柏闻溪正在使用";

/// A window on `db` opened read-only while `_holder` keeps it, showing `view` of 2025.
fn read_only_window(db: &Path, view: View) -> Harness<'static, App> {
    let reader = Store::open_read_only_because(db, HOLDER);
    window(reader, showing(view, 2025), [1600.0, 1000.0])
}

/// Whether the first control (not a caption) whose label contains `label` is disabled; rows
/// repeat their buttons.
fn is_disabled(harness: &Harness<'_, App>, label: &str) -> bool {
    let owned = label.to_owned();
    harness
        .get_all_by(move |node| {
            node.role() != Role::Label && node.label().is_some_and(|l| l.contains(&owned))
        })
        .next()
        .unwrap()
        .accesskit_node()
        .is_disabled()
}

fn assert_disabled(harness: &Harness<'_, App>, labels: &[&str]) {
    for label in labels {
        assert!(is_disabled(harness, label), "{label} should be disabled");
    }
}

fn assert_enabled(harness: &Harness<'_, App>, labels: &[&str]) {
    for label in labels {
        assert!(!is_disabled(harness, label), "{label} should be enabled");
    }
}

/// Hovers a disabled control and finds the reason in its tooltip.
fn assert_hover_says_why(harness: &mut Harness<'_, App>, label: &str) {
    harness
        .get_all_by_label_contains(label)
        .next()
        .unwrap()
        .hover();
    harness.run();
    harness.get_by_label_contains(&format!("只读打开：{HOLDER}，"));
}

#[test]
fn the_signing_screen_offers_only_what_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Agreements);
    assert_disabled(
        &harness,
        &[
            "批量起草…",
            "定稿（",
            "标记已打印（",
            "标记已签订…（",
            // An export is recorded for 核验, which this window cannot do.
            "导出 PDF…（",
        ],
    );
    // A print file changes nothing in the database.
    assert_enabled(&harness, &["打印…（", "全部勾选"]);
    assert_hover_says_why(&mut harness, "批量起草…");
    // With a draft ticked, 定稿 says only that the window reads: not that none was ticked.
    click(&mut harness, "全部勾选");
    for button in ["定稿（", "退回草稿…（"] {
        assert_hover_says_why(&mut harness, button);
        let other = harness.query_by_label_contains("勾选的责任书中没有");
        assert!(other.is_none(), "{button}");
        assert!(harness.query_by_label_contains("请先勾选").is_none());
    }
    click(&mut harness, "清除勾选");

    // The detail of a signed agreement: the preview and the signed copy's PDF read; the rest
    // writes.
    click(&mut harness, "白塔镇人民政府");
    assert_enabled(&harness, &["预览…"]);
    assert_disabled(
        &harness,
        &["修改签订信息…", "归档扫描件…", "修改条款…", "退回草稿…"],
    );

    // The editors show their text, and save nothing.
    click(&mut harness, "模板");
    assert_disabled(&harness, &["保存模板", "放弃修改"]);
    let field = harness.get_all_by_role(Role::TextInput).next().unwrap();
    assert!(field.accesskit_node().is_disabled(), "the fields too");
    click(&mut harness, "考核指标");
    assert_disabled(&harness, &["取消定稿"]);
}

#[test]
fn scores_settings_and_reports_are_shown_not_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Assessment);
    let cell = harness.get_by_label("城关街道 组织领导 考核");
    assert!(cell.accesskit_node().is_disabled(), "a score cell");
    assert_hover_says_why(&mut harness, "城关街道 组织领导 考核");
    // Said beside the heading, not what typing a first score would do.
    harness.get_by_label_contains("不能录入评分：");
    assert!(
        harness
            .query_by_label_contains("录入第一个评分后自动转入")
            .is_none()
    );
    // The unit's detail opens, to read; its buttons are disabled.
    click(&mut harness, "城关街道");
    assert_disabled(&harness, &["录入加扣分", "一票否决"]);

    click(&mut harness, "设置");
    assert_disabled(
        &harness,
        &["添加类别", "重命名…", "下移", "删除…", "保存操作员"],
    );
    assert_disabled(&harness, &["从 2025 年度结转…", "删除 2025 年度…"]);
    assert_hover_says_why(&mut harness, "删除 2025 年度…");
    assert_hover_says_why(&mut harness, "添加类别");
    click(&mut harness, "年度设置");
    assert_disabled(&harness, &["保存年度设置"]);
    // A field of the form says why too, as the buttons do.
    harness
        .get_by_role_and_label(Role::TextInput, "甲方名称")
        .hover();
    harness.run();
    harness.get_by_label_contains(&format!("只读打开：{HOLDER}，"));
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "年度阶段")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "备份与恢复");
    // A backup only reads the database: offered, into `backups/` too (as the `backup` command
    // is, while a window holds the file); a restore writes, and is not.
    assert_enabled(&harness, &["备份到其他位置…", "立即备份"]);
    assert_disabled(&harness, &["从其他备份文件恢复…"]);
    let before = zerenshu::store::backup::list_backups(&db).len();
    harness.get_by_label("立即备份").click();
    crate::support::wait_for_toast(&mut harness, "已备份并通过完整性检查");
    assert_eq!(zerenshu::store::backup::list_backups(&db).len(), before + 1);
    click(&mut harness, "操作记录");
    assert_enabled(&harness, &["查询"]);

    click(&mut harness, "通报与统计");
    assert_enabled(&harness, &["导出得分汇总表…", "导出自评表…", "通报措辞…"]);
    // 2025 is not scored yet: no notice, and the screen says why.
    assert_disabled(&harness, &["导入自评表…", "导出考核结果通报 PDF…"]);
    harness.get_by_label_contains("2025 年度还有 45 个单位未评分或未评完");
    // The wording is shown, not edited: nothing typed there could be saved.
    click(&mut harness, "通报措辞…");
    harness.get_by_label_contains("措辞只能查看，不能修改");
    assert!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "标题")
            .accesskit_node()
            .is_read_only()
    );
    assert_disabled(&harness, &["保存措辞", "恢复默认措辞"]);
    click(&mut harness, "关闭");

    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    assert_disabled(&harness, &["新建单位…", "导入…"]);
    assert_hover_says_why(&mut harness, "新建单位…");
}

#[test]
fn writes_that_get_through_are_refused_with_one_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Agreements);
    let before = harness.state().store().unwrap().categories().unwrap();
    for name in ["四类", "五类"] {
        harness
            .state_mut()
            .queue_command(Command::AddCategory(name.into()));
    }
    harness.state_mut().queue_command(Command::DraftAgreements {
        ids: vec![1],
        copies: 2,
    });
    harness.state_mut().queue_command(Command::DraftAgreements {
        ids: vec![2],
        copies: 2,
    });
    harness.run();
    harness.run();
    assert_eq!(
        harness.state().store().unwrap().categories().unwrap(),
        before
    );
    let texts: Vec<&str> = harness.state().toast_texts().collect();
    assert_eq!(
        texts,
        [
            format!("数据库以只读方式打开：{HOLDER}；不能保存修改"),
            format!("数据库以只读方式打开：{HOLDER}；不能起草"),
        ],
        "each refusal once"
    );
}

/// Runs frames for `seconds` of the window's time (the watch looks at the file every 2 s).
fn wait(harness: &mut Harness<'_, App>, seconds: u32) {
    let frames = seconds * 60;
    for _ in 0..frames {
        harness.step();
    }
    harness.run();
}

/// 改为可修改 keeps the 设置 tab in view: the year settings only read are there to change.
#[test]
fn writing_again_keeps_the_settings_tab_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Settings);
    harness.get_by_label("年度设置").click();
    harness.run();
    harness.get_by_label("保存年度设置");
    drop(holder);
    wait(&mut harness, 3);
    harness.get_by_label("改为可修改").click();
    harness.run();
    assert_eq!(harness.state().store().unwrap().read_only_reason(), None);
    harness.get_by_label("保存年度设置");
}

/// The file taken by another window after the one holding it closed: the new holder is
/// named, as the first one was, not said as "another window".
#[test]
fn a_holder_after_the_first_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Units);
    wait(&mut harness, 3);
    drop(holder);
    wait(&mut harness, 3);
    harness.get_by_label("改为可修改");
    let mut other = Store::open(&db).unwrap();
    // Another clerk's name than the first holder's: the one named is the new holder.
    other.set_operator("李新持").unwrap();
    wait(&mut harness, 3);
    let why = (harness.state().store().unwrap().read_only_reason())
        .unwrap()
        .to_owned();
    assert!(why.contains("李新持"), "{why}");
    assert!(!why.starts_with("另一窗口或命令又打开了此数据库"), "{why}");
}

#[test]
fn a_read_only_window_follows_the_holders_changes_and_can_write_once_it_has_closed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Units);
    harness.get_by_label_contains("在另一处保存的修改会自动显示在这里");
    let mut unit = holder.units().unwrap().remove(0);
    let old_name = unit.fields.name.clone();
    harness.get_by_label(&old_name);
    unit.fields.name = "示例市临河街道办事处".to_owned();
    holder
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    wait(&mut harness, 3);
    harness.get_by_label("示例市临河街道办事处");
    assert!(harness.query_by_label(&old_name).is_none());
    assert!(harness.query_by_label("改为可修改").is_none(), "still held");
    // Its operator renamed there: the reason here names the new one.
    holder.set_operator("王科员").unwrap();
    wait(&mut harness, 5);
    let why = (harness.state().store().unwrap().read_only_reason())
        .unwrap()
        .to_owned();
    assert!(why.contains("王科员"), "{why}");
    // The name is this login's: the window's own follows (its log and its 设置 field).
    assert_eq!(harness.state().store().unwrap().operator(), "王科员");

    // The holder closes: the window offers to write, and then writes.
    drop(holder);
    wait(&mut harness, 3);
    harness.get_by_label_contains("持有它的窗口或命令已经结束");
    // The controls' hover no longer sends the clerk to the window gone.
    let why = harness
        .state()
        .store()
        .unwrap()
        .read_only_reason()
        .unwrap()
        .to_owned();
    assert!(why.starts_with("持有它的窗口或命令已经结束"), "{why}");
    harness.get_by_label("改为可修改").click();
    harness.run();
    let store = harness.state().store().unwrap();
    assert_eq!(store.read_only_reason(), None);
    assert!(harness.query_by_label_contains("只读方式打开").is_none());
    assert!(harness.state().toast_texts().any(|t| t == "已改为可修改"));
    // Another window now finds this one holding the file.
    assert!(matches!(
        Store::open(&db),
        Err(zerenshu::store::StoreError::Locked { .. })
    ));
}

/// The 操作记录 listed in a read-only window is searched again when the holder saves, as the
/// other screens follow its changes.
#[test]
fn a_read_only_windows_audit_log_lists_the_holders_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Settings);
    harness.get_by_label("操作记录").click();
    harness.run();
    assert!(harness.query_by_label_contains("“五类”").is_none());
    holder.write(|w| w.insert_category("五类")).unwrap();
    wait(&mut harness, 3);
    harness.get_by_label_contains("“五类”");
}

#[test]
fn a_read_only_window_opens_the_file_again_when_the_holder_restores_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut holder = Store::open(&db).unwrap();
    let backup = dir.path().join("改名前.sqlite3");
    holder.backup_to(&backup).unwrap();
    let mut unit = holder.units().unwrap().remove(0);
    let old_name = unit.fields.name.clone();
    unit.fields.name = "示例市临河街道办事处".to_owned();
    holder
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = read_only_window(&db, View::Units);
    wait(&mut harness, 3);
    harness.get_by_label("示例市临河街道办事处");

    // The holder puts the backup in place of the file this window has open.
    holder.restore_from(&backup).unwrap();
    // Said as it happens (the toast fades later).
    let said = (0..40).any(|_| {
        harness.step();
        (harness.state().toast_texts()).any(|t| t.starts_with("数据库文件已被另一窗口或命令替换"))
    });
    assert!(said, "the window says the file was replaced");
    harness.run();
    harness.get_by_label(&old_name);
    assert!(harness.query_by_label("示例市临河街道办事处").is_none());
    // Still read-only: the holder has the file.
    let store = harness.state().store().unwrap();
    assert!(store.read_only_reason().is_some());

    // Replaced again while 设置 → 备份与恢复 is looked at, the holder closing at once: the
    // tab stays in view, and the window stays read-only (the lock left free) until asked.
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        let units = harness.state().store().unwrap().units().unwrap();
        units.into_iter().map(|u| u.fields.name).collect()
    };
    let mut unit = holder.units().unwrap().remove(0);
    unit.fields.name = "示例市临河街道办事处".to_owned();
    holder
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    wait(&mut harness, 3);
    assert!(
        names(&harness).contains(&unit.fields.name),
        "the change read"
    );
    holder.restore_from(&backup).unwrap();
    drop(holder);
    wait(&mut harness, 5);
    assert!(
        names(&harness).contains(&old_name),
        "the file put in place is read"
    );
    let store = harness.state().store().unwrap();
    assert!(store.read_only_reason().is_some());
    assert!(
        zerenshu::store::lock::is_free(&db),
        "the lock is not taken unasked"
    );
    harness.get_by_label("立即备份");
    harness.get_by_label("改为可修改");
}

/// A published year in a read-only window: the lock is said, and no reason for a change is
/// asked for, since nothing can be changed here.
#[test]
fn a_published_year_read_only_asks_for_no_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let reader = Store::open_read_only_because(&db, HOLDER);
    let mut harness = window(reader, showing(View::Assessment, 2024), [1600.0, 1000.0]);
    harness.run();
    harness.get_by_label("2024 年度考核结果已通报，评分已锁定（本窗口只读，不能修改）");
    assert!(harness.query_by_label("修改理由").is_none());
}

/// A published year's first notice export records its date: greyed in a read-only window,
/// saying why, before a folder and a date are chosen for nothing.
#[test]
fn a_published_years_first_notice_is_not_offered_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let reader = Store::open_read_only_because(&db, HOLDER);
    let mut harness = window(reader, showing(View::Notice, 2024), [1600.0, 1000.0]);
    harness.run();
    assert_disabled(&harness, &["导出考核结果通报 PDF…"]);
    harness.get_by_label("导出考核结果通报 PDF…").hover();
    harness.run();
    harness.get_by_label_contains("已通报年度第一次导出的就是印发的通报");
    // The summary only reads: offered.
    assert_enabled(&harness, &["导出得分汇总表…"]);
    // The wording says why it is locked here, not to take the year back to 考核, which this
    // window cannot do.
    click(&mut harness, "通报措辞…");
    harness.get_by_label("考核结果已通报，通报措辞不能再修改（本窗口只读）");
    assert!(harness.query_by_label_contains("改回“考核”").is_none());
}

/// A file read-only in itself (its folder writable): 立即备份 is offered and writes into
/// `backups/`, as the `backup` command does; the file stays as it was.
#[test]
fn a_read_only_file_is_backed_up_into_its_backups_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut readonly = std::fs::metadata(&db).unwrap().permissions();
    readonly.set_readonly(true);
    std::fs::set_permissions(&db, readonly).unwrap();
    let before = std::fs::read(&db).unwrap();
    let mut harness = crate::support::opened_window(&db);
    harness.get_by_label_contains("数据库以只读方式打开：");
    click(&mut harness, "设置");
    click(&mut harness, "备份与恢复");
    assert!(!is_disabled(&harness, "立即备份"));
    // The line on automatic backups is a writing window's: this one is told it makes none.
    harness.get_by_label_contains("这个窗口以只读方式打开，不做上述自动备份");
    let taken = zerenshu::store::backup::list_backups(&db).len();
    harness.get_by_label("立即备份").click();
    crate::support::wait_for_toast(&mut harness, "已备份并通过完整性检查");
    assert_eq!(zerenshu::store::backup::list_backups(&db).len(), taken + 1);
    drop(harness);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// A print from a window read-only because the file's folder cannot be written: the advice is
/// to make it writable, not to turn to another window that is not there.
#[test]
fn a_print_from_a_read_only_folder_says_what_makes_it_writable() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let reader = Store::open_read_only_because(&db, "不能写入，因为数据库所在文件夹只读");
    let mut harness = window(reader, showing(View::Agreements, 2025), [1600.0, 1000.0]);
    harness.state_mut().set_file_opener(|_| Ok(()));
    let id = crate::support::first_in(&harness, zerenshu::model::AgreementStatus::Final).id;
    harness.state_mut().queue_command(Command::PrintAgreements {
        ids: vec![id],
        copies: None,
    });
    crate::support::wait_for_toast(&mut harness, "已生成");
    harness.run();
    let said: Vec<&str> = harness.state().toast_texts().collect();
    assert!(
        said.iter()
            .any(|t| t.starts_with("本窗口为只读，不能标记已打印")
                && t.contains("取消数据库文件（或所在文件夹）的只读属性")
                && !t.contains("改为可修改")),
        "{said:?}"
    );
}

/// A double click on a unit, which edits it in a window that may write, opens no form here
/// and says why, until another row is clicked.
#[test]
fn a_unit_opened_in_a_read_only_window_says_why_no_form_opens() {
    const REFUSED: &str = "不能编辑单位；单位的各项信息都列在表中";
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let _holder = Store::open(&db).unwrap();
    let mut harness = read_only_window(&db, View::Units);
    let at = harness.get_by_label("青山镇人民政府").rect().center();
    crate::support::double_click(&mut harness, at);
    harness.get_by_label_contains(REFUSED);
    assert!(harness.query_by_label("保存").is_none(), "no form");
    harness.get_by_label("杨柳镇人民政府").click();
    harness.run();
    assert!(harness.query_by_label_contains(REFUSED).is_none());
}
