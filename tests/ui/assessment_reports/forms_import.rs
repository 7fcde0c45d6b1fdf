//! Filled forms imported: from several files or a whole folder in one go, a long preview
//! drawing only the lines in sight, forms of another year offering to go to it, the forms
//! without errors previewed again alone, and the import opened from the 考核 screen.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Points;
use zerenshu::store::Store;
use zerenshu::ui::{App, View};

use super::notice_harness;

use crate::support::{demo_store, retype_any, showing, window};

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
    // The form left out is still said: its unit is not done.
    let left = forms[1].file_name().unwrap().to_string_lossy().into_owned();
    harness.get_by_label_contains(&format!(
        "已放下 {left}（1 处错误）：这次不导入，改正后再导入"
    ));
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
    harness.run();
    assert_eq!(harness.state().state().view, View::Notice, "while choosing");
    // Given up (Esc in the chooser): back to 考核, where the clerk was scoring.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness
            .query_by_label("选择填好的自评表（.xlsx，可多选或选整个文件夹）")
            .is_none()
    );
    assert_eq!(harness.state().state().view, View::Assessment);
    // Opened from 通报与统计 itself, the clerk stays there.
    crate::support::click(&mut harness, "通报与统计");
    harness.get_by_label("导入自评表…").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert_eq!(harness.state().state().view, View::Notice);
}
