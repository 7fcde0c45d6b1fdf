//! The notice, summary and forms exported: named a draft or unfinished when they are, never
//! over a file already there, greyed in a year without agreements, and a change after
//! publication naming the files it outdates.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Points;
use zerenshu::ui::{App, View};

use super::notice_harness;

use crate::support::{demo_store, showing, window};

/// Queues the notice's export into `folder`, dated 2025-03-`day`.
fn export_notice(harness: &mut Harness<'_, App>, folder: &std::path::Path, day: u32) {
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ExportNotice {
            folder: folder.to_owned(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2025, 3, day).unwrap(),
        });
}

#[test]
fn a_notice_before_publication_is_named_a_draft() {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("复核"))).unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1000.0]);
    let dir = tempfile::tempdir().unwrap();
    export_notice(&mut harness, dir.path(), 5);
    harness.run();
    // The official notice, once published, takes the plain name.
    assert!(
        dir.path()
            .join("2024年度考核结果通报（草稿）.pdf")
            .is_file()
    );
    assert!(!dir.path().join("2024年度考核结果通报.pdf").exists());
}

#[test]
fn an_interim_summary_is_said_to_be_one() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 1000.0],
    );
    let dir = tempfile::tempdir().unwrap();
    let export = zerenshu::ui::Command::ExportSummary(dir.path().to_owned());
    harness.state_mut().queue_command(export);
    harness.run();
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已导出得分汇总表（尚有 45 个单位未评完，表中已注明）：")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Named as its title says, unfinished: the final table takes the plain name later.
    assert!(
        dir.path()
            .join("2025年度考核得分汇总表（未评完）.xlsx")
            .is_file()
    );
}

#[test]
fn the_notice_screen_exports_the_notice_summary_and_forms() {
    let mut harness = notice_harness();
    harness.get_by_label("导出自评表…").click();
    harness.run();
    harness.get_by_label("选择自评表保存到的文件夹");
    harness.get_by_label("取消").click();
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    for command in [
        zerenshu::ui::Command::ExportNotice {
            folder: dir.path().to_owned(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap(),
        },
        zerenshu::ui::Command::ExportSummary(dir.path().to_owned()),
        zerenshu::ui::Command::ExportForms(dir.path().to_owned()),
    ] {
        harness.state_mut().queue_command(command);
        harness.run();
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.contains(&"2024年度考核结果通报.pdf".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"2024年度考核得分汇总表.xlsx".to_owned()),
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| n.ends_with("自评表.xlsx")).count(),
        45
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已导出 45 份自评表"))
    );
    // Exported again, the notice does not replace the first one, and the toast says so.
    export_notice(&mut harness, dir.path(), 5);
    harness.run();
    assert!(dir.path().join("2024年度考核结果通报（2）.pdf").is_file());
    assert!(harness.state().toast_texts().any(|t| t.ends_with(
        "（文件夹里已有“2024年度考核结果通报.pdf”，原文件保留未动，本次另存为“2024年度考核结果通报（2）.pdf”）"
    )));
    // So do forms exported again: the ones filled in may be those already there.
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ExportForms(dir.path().to_owned()));
    harness.run();
    assert!(harness.state().toast_texts().any(|t| t.starts_with(
        "已导出 45 份自评表；其中 45 份因文件夹里已有同名文件（原文件保留未动）而另存为带编号的文件名"
    )));
}

#[test]
fn a_change_after_publication_names_the_exported_files_it_outdates() {
    let mut harness = notice_harness();
    let said = "结果通报后，评分、加扣分或一票否决又修改了";
    let notice_stale = "考核结果通报于 ";
    assert!(harness.query_by_label_contains(said).is_none());
    let change = |harness: &mut Harness<'static, App>, value: Points| {
        let mut score = (harness.state().store().unwrap().scores(2024).unwrap()).remove(0);
        score.assessed_score = Some(value);
        harness
            .state_mut()
            .queue_command(zerenshu::ui::Command::SetScore {
                score,
                reason: Some("复核后更正".to_owned()),
            });
        harness.run();
        harness.run();
    };
    // Nothing exported yet: the change asks for a correction, not for exporting again.
    change(&mut harness, Points::ZERO);
    harness.get_by_label_contains(&format!("{said} 1 次（最近一次在"));
    assert!(harness.query_by_label_contains("请重新导出").is_none());
    assert!(
        !harness
            .state()
            .toast_texts()
            .any(|t| t.contains("请重新导出"))
    );
    // The notice exported: the one issued, it carries that change, which is owed no
    // correction. Then a change: the correction is asked for, in the toast and on screen, not
    // an export again (it would differ from the notice issued under the same 文号).
    let dir = tempfile::tempdir().unwrap();
    export_notice(&mut harness, dir.path(), 5);
    harness.run();
    assert!(harness.query_by_label_contains(notice_stale).is_none());
    assert!(harness.query_by_label_contains(said).is_none());
    assert!(
        !(harness.state().toast_texts()).any(|t| t.contains("请按规定印发更正")),
        "the file exported is the notice issued"
    );
    change(&mut harness, Points::whole(1));
    harness.get_by_label_contains(&format!("{said} 1 次"));
    assert!(harness.query_by_label_contains("请重新导出").is_none());
    assert!(harness.query_by_label_contains("得分汇总表于 ").is_none());
    let toasts: Vec<String> = harness.state().toast_texts().map(str::to_owned).collect();
    assert!(
        toasts
            .iter()
            .any(|t| t.ends_with("；与已印发的考核结果通报不同时，请按规定印发更正")),
        "{toasts:?}"
    );
    // Exported again, it matches; the correction is still owed, and said after the export
    // beside the notes on the file's fonts.
    export_notice(&mut harness, dir.path(), 5);
    harness.run_steps(8);
    assert!(harness.query_by_label_contains(notice_stale).is_none());
    harness.get_by_label_contains(&format!("{said} 1 次"));
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.starts_with("注意：2024 年度的结果在通报后又修改过 1 次")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

#[test]
fn a_year_without_agreements_greys_the_summary_and_forms_and_says_why() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2026), [1400.0, 1000.0]);
    for label in ["导出得分汇总表…", "导出自评表…"] {
        let button = harness.get_by_role_and_label(Role::Button, label);
        assert!(button.accesskit_node().is_disabled(), "{label}");
    }
    harness
        .get_by_role_and_label(Role::Button, "导出自评表…")
        .hover();
    harness.run();
    harness.get_by_label(
        "2026 年度还没有责任书，没有可导出的自评表（自评表按责任书生成，每份一张）：先在“责任书”中批量起草",
    );
    // No table of headings with nothing under them.
    harness.get_by_label("本年度还没有责任书：起草并评分后，在此按类别计数各等次的单位");
    assert!(harness.query_by_label("未评分或未评完").is_none());
    // The imports stay open: a filled form is refused with its own reason.
    let import = harness.get_by_role_and_label(Role::Button, "导入自评表…");
    assert!(!import.accesskit_node().is_disabled());
}
