//! The 通报与统计 screen, driven by its Chinese labels: grade counts and a unit's history, the
//! notice, summary and forms exported, the notice wording and date, and filled forms imported
//! from several files or a folder as one import.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Points;
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState, View};

use crate::support::{demo_store, retype_any, showing, type_into, window};

/// Makes the forms in `folder` look as an earlier version wrote them, without the hidden
/// column of the scores they were written with: every value in them counts as the unit's.
fn forget_written_scores(folder: &std::path::Path) {
    for form in zerenshu::io::files::files_in(folder, &["xlsx"]).unwrap() {
        crate::xlsx_rewrite::rewrite_parts(&form, |name, bytes| {
            if name != "xl/sharedStrings.xml" {
                return bytes;
            }
            let text = String::from_utf8(bytes).unwrap();
            let header = zerenshu::io::score_forms::EXPORTED_SCORE_HEADER;
            assert!(text.contains(header), "the form names the column");
            text.replace(header, "备用").into_bytes()
        });
    }
}

/// The demo's 通报与统计 screen on 2024 (published).
fn notice_harness() -> Harness<'static, App> {
    window(
        Ok(demo_store()),
        showing(View::Notice, 2024),
        [1400.0, 1000.0],
    )
}

#[test]
fn a_vetoed_unit_not_fully_scored_is_said_under_the_grade_counts() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let condition = (set.items_of(zerenshu::model::ItemKind::Veto).next())
        .unwrap()
        .id;
    let veto = zerenshu::model::Veto {
        agreement_id: agreement.id,
        item_id: Some(condition),
        reason: "发生较大事故".into(),
    };
    store.write(|w| w.set_veto(&veto)).unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 1200.0]);
    harness.get_by_label(
        "其中 1 个单位已一票否决、得分尚未评完：等次已定为不合格，计在上表；通报的得分表要列出各项得分，所以通报前仍须评完",
    );
    // The note above counts it among the 45 unfinished, the table under 不合格.
    harness.get_by_label_contains("2025 年度还有 45 个单位未评分或未评完");
    // The share of 优秀 is of the one unit graded, said so.
    harness.get_by_label("优秀率按已评定等次的单位计算，未评分或未评完的 44 个单位不计在内");
    // 龙泉镇's run up to 2024 stands, said to be last year's, not this year's result.
    harness.get_by_label("龙泉镇人民政府（2023、2024 年度）");
    harness.get_by_label(
        "2025 年度还没有结果的单位（尚未评完），按其最近一年的结果列出；未参加其后年度考核的单位不列",
    );
    // Its history says the year is not published yet.
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label(&unit.fields.name).click();
    harness.run();
    harness.get_by_label("2025 年度：未评完，不合格，一票否决（尚未通报）");
    harness.get_by_label_contains("2024 年度：");
    assert!(
        harness
            .query_by_label_contains("2024 年度：")
            .is_some_and(|n| !n.value().unwrap_or_default().contains("尚未通报"))
    );
}

#[test]
fn the_statistics_show_grade_counts_and_a_units_history() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2024),
        [1400.0, 1200.0],
    );
    harness.get_by_label("2024 年度各类别等次分布");
    harness.get_by_label("镇街");
    // A department category as the notice's attachment names it.
    harness.get_by_label("部门（一类）");
    // A 合计 column and a 合计 row: the 45 units of 2024 in all.
    assert_eq!(harness.get_all_by_label("合计").count(), 2);
    harness
        .get_all_by_label("45")
        .next()
        .expect("the units in all");
    // 龙泉镇 failed 2023 and 2024: named under the two-years-running heading.
    harness.get_by_label("连续两年及以上不合格（被一票否决的按不合格计）");
    harness.get_by_label("龙泉镇人民政府（2023、2024 年度）");
    assert!(harness.query_by_label_contains("按其最近一年").is_none());
    // The demo's 2024 veto (东城街道) is said under the chart, where its total puts it.
    harness.get_by_label("其中 1 个单位被一票否决：上图按其总得分计入，等次为不合格");
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    // Typing in the list's search box narrows it to the unit wanted.
    assert!(
        harness.get_by_label("输入名称或简称筛选").is_focused(),
        "the search box has the keyboard as the list opens"
    );
    harness.get_by_label("输入名称或简称筛选").type_text("新华");
    harness.run();
    assert!(harness.query_by_label("城关街道办事处").is_none());
    harness.get_by_label("新华街道办事处").click();
    harness.run();
    harness.get_by_label_contains("2023 年度：");
    harness.get_by_label_contains("2024 年度：");
    // Enter picks the one unit the search leaves.
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label("输入名称或简称筛选").type_text("古渡");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains("古渡镇"))
    );
    // ↓ and ↑ mark a row among those left, Enter picks it.
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label("输入名称或简称筛选").type_text("街道");
    harness.run();
    crate::support::press_each(
        &mut harness,
        &[
            egui::Key::ArrowDown,
            egui::Key::ArrowDown,
            egui::Key::ArrowDown,
            egui::Key::ArrowUp,
            egui::Key::Enter,
        ],
    );
    let chosen = harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .value()
        .unwrap_or_default();
    assert!(chosen.contains("响嘡街道"), "{chosen}");
    // A unit failing two years running opens its years by its name.
    harness
        .get_by_label("龙泉镇人民政府（2023、2024 年度）")
        .click();
    harness.run();
    harness.get_by_label_contains("2024 年度：");
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains("龙泉镇")),
    );
}

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
            .any(|t| t.starts_with("已导出得分汇总表（尚未评完：还有 45 个单位，表中已注明）：")),
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
fn the_notice_wording_is_edited_with_placeholders_checked_and_used_in_the_notice() {
    let mut store = demo_store();
    // A published year's wording stays: 2024 is taken back to 考核 to be reworded.
    let reopened = zerenshu::model::Year {
        phase: zerenshu::model::Phase::Assessing,
        ..store.year(2024).unwrap().unwrap()
    };
    zerenshu::workflow::notice::save_year(&mut store, &reopened, Some("修订通报措辞")).unwrap();
    let state = UiState {
        view: View::Notice,
        year: Some(2024),
        ..UiState::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(20)
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), state)
        });
    harness.run();
    wording_title_typed(&mut harness, "{单位}");
    harness.get_by_label_contains("】未知的占位符“{单位}”");
    for _ in 0..4 {
        harness.key_press(egui::Key::Backspace);
    }
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "标题")
        .type_text("（修订）");
    harness.run();
    // The preview reads the title as the notice will, placeholders filled in.
    harness.get_by_label("示例市人民政府关于2024年度安全生产目标管理考核结果的通报（修订）");
    // What the program writes itself is shown where it goes: the grade lists, and the
    // sentence on units failing years in a row read whole, with a stand-in for the names.
    harness.get_by_label_contains("（主送，按参加考核的单位自动写出）");
    // Down to the 落款 and the 版记, as the notice ends.
    harness.get_by_label_contains("（成文日期：导出通报时选定");
    harness.get_by_label("附件：2024年度安全生产目标管理考核得分情况表");
    harness.get_by_label_contains("（此处由程序按等次分节列出各单位");
    harness.get_by_label_contains(
        "（连续不合格的单位）2023、2024年度连续两年考核等次为不合格，其主要负责人须",
    );
    // A placeholder is picked from the list, into the field last typed in, at its cursor.
    let addressee = "主送（留空则按考核单位自动生成）";
    type_into(&mut harness, addressee, "各镇人民政府，");
    harness.get_by_label("{本级}").click();
    harness.run();
    harness.get_by_label("各镇人民政府，市");
    // A second placeholder follows the first, where the cursor moved to.
    harness.get_by_label("{年度}").click();
    harness.run();
    harness.get_by_label("各镇人民政府，市2024");
    harness.get_by_label("保存措辞").click();
    harness.run();
    let wording =
        zerenshu::workflow::notice::wording(harness.state().store().unwrap(), 2024).unwrap();
    assert_eq!(
        wording.title,
        "{甲方}关于{年度}年度安全生产目标管理考核结果的通报（修订）"
    );
    assert_eq!(wording.addressee, "各镇人民政府，{本级}{年度}");
    let (bytes, _) = zerenshu::workflow::notice::notice_for_year(
        harness.state().store().unwrap(),
        2024,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("考核结果的通报（修订）"), "{text}");
    assert!(text.contains("各镇人民政府，市2024："), "{text}");
}

#[test]
fn filled_forms_are_imported_from_several_files_or_a_whole_folder_in_one_go() {
    let mut store = demo_store();
    let agreements = store.agreements(2025).unwrap();
    let sets = store.indicator_sets(2025).unwrap();
    let first_indicator = |agreement: &zerenshu::model::Agreement| {
        sets.iter()
            .find(|s| s.category_id == agreement.draft.category_id)
            .unwrap()
            .indicators[0]
            .id
    };
    let seeded = [
        (agreements[0].id, first_indicator(&agreements[0]), 4),
        (agreements[1].id, first_indicator(&agreements[1]), 3),
    ];
    let set_self = |store: &mut Store, points: Option<i64>| {
        for (agreement_id, indicator_id, value) in seeded {
            store
                .write(|w| {
                    w.upsert_score(&zerenshu::model::Score {
                        agreement_id,
                        indicator_id,
                        self_score: Some(Points::whole(points.unwrap_or(value))),
                        assessed_score: None,
                        note: String::new(),
                        self_note: String::new(),
                    })
                })
                .unwrap();
        }
    };
    // The forms carry 4 and 3; the store then holds 1 and 1, so importing changes two values
    // (forms as an earlier version wrote them: their values all the unit's).
    set_self(&mut store, None);
    let dir = tempfile::tempdir().unwrap();
    zerenshu::io::score_forms::write_forms(&store, 2025, dir.path()).unwrap();
    forget_written_scores(dir.path());
    set_self(&mut store, Some(1));
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 1000.0]);
    let open_picker = |harness: &mut Harness<'_, App>| {
        harness.get_by_label("导入自评表…").click();
        harness.run();
        retype_any(harness, "路径", dir.path().to_str().unwrap());
        // Enter opens the folder typed in (wherever the chooser started); the dialog settles
        // its size over a few frames.
        harness.key_press(egui::Key::Enter);
        harness.run_steps(30);
    };
    let names: Vec<String> = zerenshu::io::files::files_in(dir.path(), &["xlsx"])
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 45);

    // Two files clicked.
    open_picker(&mut harness);
    harness.get_by_label(&names[0]).click();
    harness.run();
    harness.get_by_label(&names[1]).click();
    harness.run();
    harness.get_by_label("已选 2 个文件");
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("2 个文件：将修改 2 项");
    // Each form's values under one line naming it and its unit.
    harness.get_by_label_contains(&format!("{}（", names[0]));
    assert_eq!(harness.query_all_by_label_contains("行 ").count(), 2);
    harness.get_by_label("取消").click();
    harness.run();

    // The whole folder, applied as one import.
    open_picker(&mut harness);
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("45 个文件：将修改 2 项");
    let file_line = harness
        .query_all_by_label_contains(&format!("{}（", names[1]))
        .count();
    assert_eq!(file_line, 1, "each form named once, over its rows");
    harness.get_by_label("确认导入").click();
    harness.run();
    let store = harness.state().store().unwrap();
    for (agreement_id, indicator_id, value) in seeded {
        let saved = store
            .scores(2025)
            .unwrap()
            .into_iter()
            .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
            .and_then(|s| s.self_score);
        assert_eq!(saved, Some(Points::whole(value)));
    }
}

#[test]
fn a_long_import_preview_draws_only_the_lines_in_sight() {
    let mut store = demo_store();
    let sets = store.indicator_sets(2025).unwrap();
    let set_every_first = |store: &mut Store, points: i64| {
        let agreements = store.agreements(2025).unwrap();
        store
            .write(|w| {
                for agreement in &agreements {
                    let set = (sets.iter())
                        .find(|s| s.category_id == agreement.draft.category_id)
                        .unwrap();
                    w.upsert_score(&zerenshu::model::Score {
                        agreement_id: agreement.id,
                        indicator_id: set.indicators[0].id,
                        self_score: Some(Points::whole(points)),
                        assessed_score: None,
                        note: String::new(),
                        self_note: String::new(),
                    })?;
                }
                Ok(())
            })
            .unwrap();
    };
    // The forms carry 2 for every unit, the store then 1: 45 changes (forms as an earlier
    // version wrote them).
    set_every_first(&mut store, 2);
    let dir = tempfile::tempdir().unwrap();
    zerenshu::io::score_forms::write_forms(&store, 2025, dir.path()).unwrap();
    forget_written_scores(dir.path());
    set_every_first(&mut store, 1);
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 1000.0]);
    harness.get_by_label("导入自评表…").click();
    harness.run();
    retype_any(&mut harness, "路径", dir.path().to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run_steps(30);
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("45 个文件：将修改 45 项");
    let drawn = harness.query_all_by_label_contains("  第 ").count();
    assert!(
        (5..45).contains(&drawn),
        "only the lines in sight are drawn: {drawn}"
    );
    harness.get_by_label("确认导入").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let twos = (store.scores(2025).unwrap().iter())
        .filter(|s| s.self_score == Some(Points::whole(2)))
        .count();
    assert!(twos >= 45, "every change is written, not only those drawn");
}

#[test]
fn the_notice_export_dialog_asks_for_the_date_in_chinese_form() {
    let mut harness = notice_harness();
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    // The date offered is the day 2024's results were published (recorded in the demo), and
    // said to be.
    harness.get_by_label("印在落款处");
    harness.get_by_label("成文日期默认为该年度发布考核结果之日");
    // 2024 is published: this export is the notice issued, its date kept from now on.
    harness.get_by_label_contains("这次导出的就是印发的通报");
    let dir = tempfile::tempdir().unwrap();
    // A day not on the calendar is named once, and 确定 waits for a good one.
    retype_any(&mut harness, "成文日期", "2025年2月30日");
    assert_eq!(
        harness
            .query_all_by_label("成文日期有误：2025年2月没有30日")
            .count(),
        1
    );
    harness.get_by_label("确定").click();
    harness.run();
    assert_eq!(
        harness
            .query_all_by_label_contains("2025年2月没有30日")
            .count(),
        1,
        "said once, not again under the dialog"
    );
    // A date before the year is refused in the dialog, not after it closed.
    retype_any(&mut harness, "成文日期", "2023年5月1日");
    harness.get_by_label_contains("成文日期不能早于 2024 年度");
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label("成文日期");
    // Within the year assessed: taken, but questioned beside the field.
    retype_any(&mut harness, "成文日期", "2024-06-01");
    harness.get_by_label_contains("2024年6月1日（通常在 2024年12月1日 至");
    // Another year than its 发文字号's (示政通〔2025〕3号): questioned too.
    retype_any(&mut harness, "成文日期", "2026-01-10");
    harness.get_by_label(
        "2026年1月10日：发文字号“示政通〔2025〕3号”写的是 2025 年，与成文日期的年份不同，请核对",
    );
    for (label, text) in [
        ("成文日期", "2025-3-5"),
        ("路径", dir.path().to_str().unwrap()),
    ] {
        retype_any(&mut harness, label, text);
    }
    harness.get_by_label("印作“2025年3月5日”");
    harness.get_by_label("确定").click();
    harness.run();
    // The year is published: the notice exported is the one issued, and its date stays.
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    harness.get_by_label("2025年3月5日");
    harness.get_by_label_contains("再次导出的是同一份通报，日期不变");
    assert!(
        harness
            .query_by_label_contains("这次导出的就是印发的通报")
            .is_none()
    );
    assert!(
        harness.query_by_label("印在落款处").is_none(),
        "no field to change the date"
    );
    harness.get_by_label("取消").click();
    harness.run();
    let path = dir.path().join("2024年度考核结果通报.pdf");
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("2025年3月5日"), "{text}");
}

/// The notice export chooser of 2024 opened, `date` typed and `dir` as the folder: the
/// path the notice will be written to.
fn notice_chooser_filled(
    harness: &mut Harness<'static, App>,
    date: &str,
    dir: &std::path::Path,
) -> std::path::PathBuf {
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    for (label, text) in [("成文日期", date), ("路径", dir.to_str().unwrap())] {
        retype_any(harness, label, text);
    }
    dir.join("2024年度考核结果通报.pdf")
}

/// Runs frames until `path` is written by the export in the background (a second at most).
fn wait_for_file(harness: &mut Harness<'static, App>, path: &std::path::Path) {
    for _ in 0..50 {
        harness.run();
        if path.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A published year's first notice fixes its date: an unusual one (a slip for 2025) is asked
/// about at the first 确定 and taken at the second; retyping it takes the question away.
#[test]
fn an_unusual_date_that_would_be_fixed_for_good_is_asked_about_first() {
    let mut harness = notice_harness();
    let dir = tempfile::tempdir().unwrap();
    let path = notice_chooser_filled(&mut harness, "2099-1-1", dir.path());
    let asked = "日期无误请再点“确定”";
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("成文日期2099年1月1日不在通常的 2024年12月1日 至");
    harness.get_by_label_contains(asked);
    assert!(!path.exists(), "nothing exported at the first 确定");
    retype_any(&mut harness, "成文日期", "2099-1-2");
    assert!(harness.query_by_label_contains(asked).is_none());
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("成文日期2099年1月2日不在通常的");
    assert!(!path.exists(), "another date is asked about again");
    harness.get_by_label("确定").click();
    wait_for_file(&mut harness, &path);
    assert!(path.exists(), "taken at the second 确定");
}

/// A published year's first notice dated in another year than its 发文字号 says is asked
/// about at the first 确定, and taken at the second; the message then says the date it went
/// out with.
#[test]
fn a_date_in_another_year_than_the_number_is_asked_about_before_it_is_fixed() {
    let mut harness = notice_harness();
    let dir = tempfile::tempdir().unwrap();
    let path = notice_chooser_filled(&mut harness, "2026-1-10", dir.path());
    harness.get_by_label("确定").click();
    harness.run();
    let asked =
        "发文字号“示政通〔2025〕3号”写的是 2025 年，与成文日期的年份不同，请核对；2024 年度已通报";
    harness.get_by_label_contains(asked);
    assert!(!path.exists(), "nothing exported at the first 确定");
    // Another date typed takes the question away; typed back, it is asked again.
    retype_any(&mut harness, "成文日期", "2025-12-20");
    assert!(harness.query_by_label_contains(asked).is_none());
    retype_any(&mut harness, "成文日期", "2026-1-10");
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains(asked);
    assert!(!path.exists());
    harness.get_by_label("确定").click();
    wait_for_file(&mut harness, &path);
    assert!(path.exists(), "taken at the second 确定");
    harness.run();
    harness.get_by_label_contains("已导出考核结果通报（成文日期2026年1月10日）：");
}

#[test]
fn a_published_years_wording_is_shown_locked() {
    let mut harness = notice_harness();
    harness.get_by_label("通报措辞…").click();
    harness.run();
    harness.get_by_label_contains("考核结果已通报，通报措辞不能再修改");
    // The 主送 the program writes is previewed as it will print.
    harness.get_by_label_contains(
        "各镇人民政府、街道办事处，示例经济开发区管委会，市安委会各成员单位：（主送，按参加考核的单位自动写出）",
    );
    for locked in [
        "保存措辞",
        "恢复默认措辞",
        "发文字号（如 示政通〔2025〕3号；留空则不印红色版头）",
    ] {
        assert!(
            harness.get_by_label(locked).accesskit_node().is_disabled(),
            "{locked}"
        );
    }
    // Nothing to cancel: the way out is 关闭, and Esc closes it as 关闭 does.
    assert!(harness.query_by_label("取消").is_none());
    harness.get_by_label("关闭");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("保存措辞").is_none());
}

/// A year not yet scored for the unit is said under its history, not left out unsaid.
#[test]
fn a_units_history_says_the_year_shown_is_not_scored_yet() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 1200.0],
    );
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label("输入名称或简称筛选").type_text("新华");
    harness.run();
    harness.get_by_label("新华街道办事处").click();
    harness.run();
    harness.get_by_label_contains("2024 年度：");
    harness.get_by_label("2025 年度：尚未评完（或未参加该年度考核），不在图中");
}

#[test]
fn a_units_history_is_found_by_its_short_name_too() {
    let mut harness = notice_harness();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    // The short name the 考核 grid shows.
    harness
        .get_by_label("输入名称或简称筛选")
        .type_text("应急局");
    harness.run();
    assert!(harness.query_by_label_contains("没有匹配的单位").is_none());
    harness.get_by_label("示例市应急管理局").click();
    harness.run();
    harness.get_by_label_contains("2024 年度：");
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains("示例市应急管理局"))
    );
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

/// Forms of 2025 chosen while 2024 is shown: refused for 2024, with the year they are of a
/// click away, where they are previewed.
#[test]
fn forms_of_another_year_offer_to_go_to_that_year() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let forms = zerenshu::io::score_forms::write_forms(&store, 2025, dir.path()).unwrap();
    let mut harness = notice_harness();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PreviewScoreImport(vec![
            forms[0].clone(),
        ]));
    harness.run();
    harness.get_by_label_contains("所选的自评表是 2025 年度的自评表，不能导入 2024 年度");
    harness
        .get_by_label("转到 2025 年度并预览这些自评表")
        .click();
    harness.run();
    assert_eq!(harness.state().state().year, Some(2025));
    assert!(
        harness
            .query_by_label_contains("不能导入 2024 年度")
            .is_none()
    );
    harness.get_by_label_contains("1 个文件：");
}

#[test]
fn forms_without_errors_can_be_previewed_again_alone_and_imported() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let indicator = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap()
        .indicators[0]
        .id;
    let set_self = |store: &mut Store, points: i64| {
        store
            .write(|w| {
                w.upsert_score(&zerenshu::model::Score {
                    self_score: Some(Points::whole(points)),
                    ..zerenshu::model::Score::empty(agreement.id, indicator)
                })
            })
            .unwrap();
    };
    // The first form carries 4 where the store will hold 1 (written as an earlier version
    // wrote forms); another form is unreadable.
    set_self(&mut store, 4);
    let dir = tempfile::tempdir().unwrap();
    let forms = zerenshu::io::score_forms::write_forms(&store, 2025, dir.path()).unwrap();
    forget_written_scores(dir.path());
    set_self(&mut store, 1);
    std::fs::write(&forms[1], b"not a spreadsheet").unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 1000.0]);
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PreviewScoreImport(vec![
            forms[0].clone(),
            forms[1].clone(),
        ]));
    harness.run();
    harness.get_by_label_contains("2 个文件：将修改 1 项");
    assert!(
        harness
            .get_by_label("确认导入")
            .accesskit_node()
            .is_disabled(),
        "all or nothing"
    );
    harness.get_by_label_contains("有 1 个文件不能导入（红字，列在上面列表的开头）");
    harness.get_by_label("只看没有错误的 1 个文件").click();
    harness.run();
    harness.get_by_label_contains("1 个文件：将修改 1 项，无变化");
    assert!(harness.query_by_label_contains("只看没有错误").is_none());
    harness.get_by_label("确认导入").click();
    harness.run();
    let saved = (harness
        .state()
        .store()
        .unwrap()
        .scores(2025)
        .unwrap()
        .into_iter())
    .find(|s| s.agreement_id == agreement.id && s.indicator_id == indicator)
    .and_then(|s| s.self_score);
    assert_eq!(saved, Some(Points::whole(4)));
}

#[test]
fn enter_with_no_unit_matching_keeps_the_keyboard_in_the_filter() {
    let mut harness = notice_harness();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness
        .get_by_label("输入名称或简称筛选")
        .type_text("没有这个单位");
    harness.run();
    harness.get_by_label("没有匹配的单位");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(
        harness.get_by_label("输入名称或简称筛选").is_focused(),
        "the clerk corrects what was typed"
    );
}

#[test]
fn the_unit_list_draws_only_the_units_in_sight() {
    let mut harness = notice_harness();
    let names: Vec<String> = (harness
        .state()
        .store()
        .unwrap()
        .units()
        .unwrap()
        .into_iter())
    .map(|u| u.fields.name)
    .collect();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    let drawn = (names.iter())
        .filter(|name| harness.query_by_label(name).is_some())
        .count();
    assert!(
        (5..names.len()).contains(&drawn),
        "{drawn} of {} units drawn",
        names.len()
    );
    // The last unit is still found by typing.
    let last = names.last().unwrap();
    harness.get_by_label("输入名称或简称筛选").type_text(last);
    harness.run();
    harness.get_by_label(last).click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains(last.as_str()))
    );
}

/// A run of failures ending in a year not yet published says that year may still change.
#[test]
fn a_run_of_failures_ending_in_an_unpublished_year_says_so() {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("更正评分")))
        .unwrap();
    let harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1200.0]);
    harness.get_by_label("龙泉镇人民政府（2023、2024 年度，2024 年度尚未通报）");
    // The units' years go up to the year shown, which the heading says.
    harness.get_by_label("单位历年得分（截至 2024 年度）");
}

/// A notice issued, then a result changed: the export dialog says, before the export, that the
/// file will not be the notice issued.
#[test]
fn the_notice_dialog_warns_when_results_changed_since_the_notice_was_issued() {
    let mut store = demo_store();
    let issued_on = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2024, issued_on, true);
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    let mut changed = store.scores(2024).unwrap().remove(0);
    changed.assessed_score = Some(Points::whole(1));
    store
        .write(|w| w.change_score(&changed, Some("复核更正")))
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1000.0]);
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    harness.get_by_label_contains("通报已按成文日期 2025年3月20日 印发，再次导出日期不变");
    assert!(harness.query_by_label_contains("同一份通报").is_none());
    harness.get_by_label_contains(
        "注意：2024 年度的结果在通报后又修改过 1 次，这次导出的文件按现在的结果生成",
    );
}

/// The grade table gives the top grade's share of the units graded, per category and in all.
#[test]
fn the_grade_table_gives_the_share_of_the_top_grade() {
    let harness = notice_harness();
    harness.get_by_label("优秀率");
    let stats =
        zerenshu::workflow::statistics::statistics(harness.state().store().unwrap(), 2024).unwrap();
    let towns = stats.counts.iter().find(|c| c.category == "镇街").unwrap();
    let graded: usize = towns.counts.iter().sum();
    let rate = format!(
        "{:.1}%",
        f64::from(u32::try_from(towns.counts[0] * 100).unwrap())
            / f64::from(u32::try_from(graded).unwrap())
    );
    assert!(harness.query_all_by_label(&rate).count() >= 1, "{rate}");
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

/// The wording editor opens at its first field, not where its fields were last scrolled to.
#[test]
fn a_document_number_another_years_notice_carries_cannot_be_saved() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 1000.0],
    );
    harness.get_by_label("通报措辞…").click();
    harness.run();
    let field = "发文字号（如 示政通〔2025〕3号；留空则不印红色版头）";
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text("示政通〔2025〕3号");
    harness.run();
    harness.get_by_label_contains("已用于 2024 年度的通报，同一文号不能用两次");
    assert!(crate::support::is_button_disabled(&harness, "保存措辞"));
    // Another number is taken.
    for _ in 0..2 {
        harness.key_press(egui::Key::Backspace);
    }
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text("4号");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("同一文号不能用两次")
            .is_none()
    );
    assert!(!crate::support::is_button_disabled(&harness, "保存措辞"));
}

#[test]
fn the_wording_editor_opens_at_its_first_field() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 640.0],
    );
    let first = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(
                Role::TextInput,
                "发文字号（如 示政通〔2025〕3号；留空则不印红色版头）",
            )
            .rect()
    };
    harness.get_by_label("通报措辞…").click();
    harness.run();
    let top = first(&harness);
    // Scrolled down the fields with the wheel.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "标题")
        .hover();
    harness.run();
    crate::support::wheel(&mut harness, egui::vec2(0.0, -400.0));
    harness.run_steps(3);
    assert!(
        first(&harness).top() < top.top(),
        "scrolled down to the last field: {:?} {top:?}",
        first(&harness)
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(harness.query_by_label("本年度考核结果通报的措辞").is_none());
    harness.get_by_label("通报措辞…").click();
    harness.run_steps(3);
    assert_eq!(first(&harness), top);
}

/// Published from 通报与统计, where the results are checked: the question of 年度设置 is asked,
/// and the year is published once it is answered.
#[test]
fn the_results_are_published_from_the_notice_screen() {
    let mut harness = asked_to_publish_2024(None, |_| {});
    // Asked over the results it publishes, not over the year's settings.
    assert_eq!(harness.state().state().view, View::Notice);
    harness.get_by_label("2024 年度各类别等次分布");
    harness.get_by_role_and_label(Role::Button, "发布").click();
    harness.run();
    let store = harness.state().store().unwrap();
    assert!(store.is_published(2024).unwrap());
    // Back on 通报与统计, where the official notice is exported next.
    assert_eq!(harness.state().state().view, View::Notice);
    harness.get_by_label("已发布 2024 年度考核结果，评分已锁定；现在可以导出正式的考核结果通报");
    // Answered 取消, the clerk is back there too, nothing published.
    let mut harness = asked_to_publish_2024(None, |_| {});
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    assert_eq!(harness.state().state().view, View::Notice);
    assert!(!harness.state().store().unwrap().is_published(2024).unwrap());
}

/// The 考核 screen, where scores are entered, opens the import of filled forms too: on the
/// 通报与统计 screen, where its preview is shown.
#[test]
fn the_assessment_screen_opens_the_forms_import() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Assessment, 2025),
        [1400.0, 1000.0],
    );
    harness.get_by_label("导入自评表…").click();
    harness.run();
    assert_eq!(harness.state().state().view, View::Notice);
    harness.get_by_label("选择填好的自评表（.xlsx，可多选或选整个文件夹）");
}

/// The question before publishing says what the wording would say wrongly once locked: a
/// reward paragraph naming a grade no unit has.
#[test]
fn the_question_before_publishing_says_a_reward_paragraph_names_an_unheld_grade() {
    let reward = Some("对考核等次为合格的单位予以提醒。");
    let harness = asked_to_publish_2024(reward, |_| {});
    assert!(
        harness
            .query_by_label_contains("奖惩段落却写到了")
            .is_none()
    );

    // With 合格 narrowed to 60 up to 61, the paragraph speaks to nobody.
    let harness = asked_to_publish_2024(reward, |year| {
        let band = |name: &str| {
            year.grade_bands
                .iter()
                .position(|b| b.name == name)
                .unwrap()
        };
        let (good, pass) = (band("良好"), band("合格"));
        year.grade_bands[good].min_total = zerenshu::model::Points::parse("61").unwrap();
        year.grade_bands[pass].min_total = zerenshu::model::Points::parse("60").unwrap();
    });
    harness.get_by_label_contains(
        "本年度没有考核等次为“合格”的单位，奖惩段落却写到了该等次；措辞随发布锁定",
    );
}

/// Where a placeholder of the wording editor goes is said on a line of its own: clicking a
/// field moves none of the buttons (a click meant for 取消 lands on 取消).
#[test]
fn clicking_a_wording_field_moves_no_button() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1024.0, 700.0],
    );
    harness.get_by_label("通报措辞…").click();
    harness.run_steps(3);
    harness.get_by_label("先点一下要插入的位置");
    let cancel =
        |harness: &Harness<'_, App>| harness.get_by_role_and_label(Role::Button, "取消").rect();
    let before = cancel(&harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "标题")
        .click();
    harness.run_steps(3);
    harness.get_by_label("插入到：标题");
    assert_eq!(cancel(&harness), before);
}

/// 2024 taken back to 考核 (its settings changed by `change` on the way, its wording's reward
/// paragraph by `reward`), and 发布考核结果… clicked on the 通报与统计 screen: the question
/// is open.
fn asked_to_publish_2024(
    reward: Option<&str>,
    change: impl FnOnce(&mut zerenshu::model::Year),
) -> Harness<'static, App> {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    change(&mut year);
    store
        .write(|w| w.update_year(&year, Some("核对分数")))
        .unwrap();
    if let Some(reward) = reward {
        let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
        reward.clone_into(&mut wording.reward);
        zerenshu::workflow::notice::save_wording(&mut store, 2024, &wording).unwrap();
    }
    let mut harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1000.0]);
    harness.get_by_label("发布考核结果…").click();
    harness.run();
    harness.get_by_label("发布 2024 年度考核结果？");
    harness
}

/// Opens 通报措辞… and types `text` at the end of its 标题.
fn wording_title_typed(harness: &mut Harness<'static, App>, text: &str) {
    harness.get_by_label("通报措辞…").click();
    harness.run();
    let (role, label) = (Role::MultilineTextInput, "标题");
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.key_press(egui::Key::End);
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// Esc in a wording field asks before the edits go; 继续编辑 gives the keyboard back to that
/// field, so typing goes on where it was.
#[test]
fn keep_editing_gives_the_keyboard_back_to_the_wording_field() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 1000.0],
    );
    wording_title_typed(&mut harness, "（修订）");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.run();
    assert!(harness.query_by_label("放弃未保存的修改？").is_none());
    assert!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "标题")
            .is_focused(),
        "the keyboard is back in the title"
    );
}
