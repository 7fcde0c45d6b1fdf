//! The 签订跟踪 tab driven by its Chinese labels: the status and category filters, 标记已打印 on
//! a selection and after a print file, bulk actions that leave out selected rows the search hides, 退回草稿 with a
//! reason, a scan archived and the signed copy exported again, the copies of a draft and of a
//! batch; the batch 定稿 question naming its units and the ticked ones it leaves out; and the
//! year rollover from 设置 that starts the next round.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::store::Store;
use zerenshu::ui::App;

use crate::support::{
    agreements, agreements_window, click, click_row, demo_store, first_in, keyboard_on, press_each,
    retype, retype_any, tick, unit_name,
};

/// The agreements whose unit's row is on screen.
fn listed(harness: &Harness<'_, App>, year: i32) -> Vec<i64> {
    agreements(harness, year)
        .iter()
        .filter(|a| {
            harness
                .query_all_by_label(&unit_name(harness, a))
                .next()
                .is_some()
        })
        .map(|a| a.id)
        .collect()
}

/// Chooses `item` in the filter `combo` (状态, 类别).
fn pick(harness: &mut Harness<'_, App>, combo: &str, item: &str) {
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, item).click();
    harness.run();
}

/// The ids of the agreements of `all` that `wanted` takes, in order.
fn ids_where(all: &[Agreement], wanted: impl Fn(&Agreement) -> bool) -> Vec<i64> {
    all.iter().filter(|a| wanted(a)).map(|a| a.id).collect()
}

#[test]
fn the_status_and_category_filters_narrow_the_rows() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    assert_eq!(listed(&harness, 2025).len(), all.len());

    pick(&mut harness, "状态", "已签订");
    let signed = ids_where(&all, |a| a.status == AgreementStatus::Signed);
    assert!(!signed.is_empty() && signed.len() < all.len());
    assert_eq!(listed(&harness, 2025), signed);

    // 未签订: 草稿, 已定稿 and 已打印 together, each row marked late (2025's planned signing
    // date has passed).
    pick(&mut harness, "状态", "未签订");
    let unsigned = ids_where(&all, |a| a.status < AgreementStatus::Signed);
    assert!(!unsigned.is_empty() && unsigned.len() < all.len());
    assert_eq!(listed(&harness, 2025), unsigned);
    assert!(harness.get_all_by_label("已打印（逾期）").count() > 0);
    assert!(harness.query_by_label("已签订（逾期）").is_none());

    // Every one signed: 已签订 and 已归档 together.
    pick(&mut harness, "状态", "已签订（含已归档）");
    let ever_signed = ids_where(&all, |a| a.status >= AgreementStatus::Signed);
    assert!(ever_signed.len() > signed.len());
    assert_eq!(listed(&harness, 2025), ever_signed);

    pick(&mut harness, "状态", "全部");
    let categories = harness.state().store().unwrap().categories().unwrap();
    let category = &categories[1];
    pick(&mut harness, "类别", &category.name);
    let in_category = ids_where(&all, |a| a.draft.category_id == category.id);
    assert!(!in_category.is_empty() && in_category.len() < all.len());
    assert_eq!(listed(&harness, 2025), in_category);
}

#[test]
fn beside_the_detail_names_too_long_for_their_column_show_as_short_names_in_every_row() {
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1600.0, 1500.0],
    );
    // A wide window shows every name whole.
    let long = "示例市人力资源和社会保障局";
    harness.get_by_label(long);
    assert!(harness.query_by_label("单位（简称）").is_none());
    click(&mut harness, "示例市应急管理局");
    // The long name gives way to 人社局, whole, rather than be cut; and so does every other
    // row's, a name that would fit too: the column names its rows one way, and says which.
    assert!(harness.query_by_label(long).is_none());
    harness.get_by_label("人社局");
    harness.get_by_label("应急局");
    harness.get_by_label("单位（简称）");
    // The detail's heading keeps the full name.
    assert_eq!(harness.get_all_by_label("示例市应急管理局").count(), 1);
    // Closed, the list has room again for full names.
    click(&mut harness, "关闭");
    harness.get_by_label(long);
    assert!(harness.query_by_label("单位（简称）").is_none());
}

/// The status of 2025's agreement `id` as stored now.
fn status_of(harness: &Harness<'_, App>, id: i64) -> AgreementStatus {
    let all = agreements(harness, 2025);
    all.iter().find(|a| a.id == id).unwrap().status
}

#[test]
fn mark_printed_applies_to_the_final_agreements_of_the_selection() {
    let mut harness = agreements_window(demo_store(), 2025);
    let final_one = first_in(&harness, AgreementStatus::Final);
    let draft = first_in(&harness, AgreementStatus::Draft);
    for agreement in [&final_one, &draft] {
        harness
            .get_by_role_and_label(Role::CheckBox, &agreement.draft.number.to_string())
            .click();
        harness.run();
    }
    harness.get_by_label("已勾选 2 份");
    click(&mut harness, "标记已打印（1）");
    // The dialog names the one it marks, not the draft ticked beside it.
    let units = harness.state().store().unwrap().units().unwrap();
    let short = |id: i64| {
        let unit = units.iter().find(|u| u.id == id).unwrap();
        unit.fields.display_short_name().to_owned()
    };
    harness.get_by_label(&format!("包括：{}", short(final_one.draft.unit_id)));
    // A date after today, or before the year's signing period, is refused; nothing changes.
    for (typed, refusal) in [
        ("", "请填写打印日期"),
        ("2099-01-20", "打印日期 2099年1月20日 晚于今天"),
        (
            "2023-12-30",
            "打印日期 2023年12月30日 早于 2025 年度责任书的签订期（2024 年起），请检查",
        ),
    ] {
        retype(&mut harness, "打印日期", typed);
        click(&mut harness, "确定已打印");
        harness.get_by_label_contains(refusal);
        assert_eq!(status_of(&harness, final_one.id), AgreementStatus::Final);
    }
    // A past year's printing is entered late with its true day; one before the agreement's
    // 定稿 here is a paper copy entered late, said before it is saved and with the result.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    assert!(final_one.finalized_on.unwrap() > day);
    retype(&mut harness, "打印日期", "2025-01-20");
    harness.get_by_label_contains("注意：其中 1 份在本程序中定稿的日期晚于 2025年1月20日");
    // The Enter that ends the typing shows the note and waits, the keyboard still in the field.
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("日期无误请再按 Enter 或点“确定已打印”");
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "打印日期")
            .accesskit_node()
            .is_focused()
    );
    assert_eq!(
        status_of(&harness, final_one.id),
        AgreementStatus::Final,
        "not saved by the first Enter"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    let after = agreements(&harness, 2025);
    let status = |id: i64| after.iter().find(|a| a.id == id).unwrap();
    assert_eq!(status(final_one.id).status, AgreementStatus::Printed);
    assert_eq!(
        status(final_one.id).printed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 1, 20)
    );
    assert_eq!(
        status(draft.id).status,
        AgreementStatus::Draft,
        "a draft in the selection is not printed"
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t
                == "已标记 1 份为已打印（2025年1月20日）；其中 1 份的打印日期早于在本程序中定稿的日期，已按补录登记")
    );
}

#[test]
fn after_a_print_file_the_final_agreements_in_it_can_be_marked_printed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zerenshu.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let mut harness = agreements_window(store, 2025);
    let all = agreements(&harness, 2025);
    let of = |status| -> Vec<i64> {
        (all.iter())
            .filter(|a| a.status == status)
            .map(|a| a.id)
            .collect()
    };
    let (finals, printed) = (of(AgreementStatus::Final), of(AgreementStatus::Printed));
    let (first, second) = (finals[0], printed[0]);
    // The question follows a file opened in a viewer; tests have none.
    harness.state_mut().set_file_opener(|_| Ok(()));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PrintAgreements {
            ids: vec![first, second],
            copies: Some(2),
        });
    // The print file is written on a thread of its own.
    let question = "标记已打印（1）";
    for _ in 0..300 {
        harness.run();
        if harness.query_by_label(question).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.get_by_label_contains("共 2 份责任书，其中 1 份的状态还是“已定稿”");
    click(&mut harness, question);
    harness.run();
    let after = agreements(&harness, 2025);
    let status = |id: i64| after.iter().find(|a| a.id == id).unwrap().status;
    assert_eq!(status(first), AgreementStatus::Printed);
    assert_eq!(status(second), AgreementStatus::Printed, "printed before");
    assert!(harness.query_by_label("纸质件打印好了吗？").is_none());
    // 以后再说 leaves the statuses as they are.
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PrintAgreements {
            ids: vec![finals[1]],
            copies: Some(2),
        });
    for _ in 0..300 {
        harness.run();
        if harness.query_by_label("以后再说").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    click(&mut harness, "以后再说");
    assert!(harness.query_by_label("纸质件打印好了吗？").is_none());
    assert_eq!(
        agreements(&harness, 2025)
            .iter()
            .find(|a| a.id == finals[1])
            .unwrap()
            .status,
        AgreementStatus::Final
    );
}

#[test]
fn bulk_actions_leave_out_selected_rows_the_search_hides_and_say_so() {
    let mut harness = agreements_window(demo_store(), 2025);
    let drafts: Vec<Agreement> = (agreements(&harness, 2025).into_iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .collect();
    let (hidden, shown) = (&drafts[0], &drafts[1]);
    let tick = |harness: &mut Harness<'_, App>, agreement: &Agreement| {
        harness
            .get_by_role_and_label(Role::CheckBox, &agreement.draft.number.to_string())
            .click();
        harness.run();
    };
    tick(&mut harness, hidden);
    let search = |harness: &mut Harness<'_, App>, text: &str| {
        harness
            .get_by_role_and_label(Role::TextInput, "查找")
            .focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness.key_press(egui::Key::Backspace);
        harness
            .get_by_role_and_label(Role::TextInput, "查找")
            .type_text(text);
        harness.run();
    };
    let shown_name = unit_name(&harness, shown);
    search(&mut harness, &shown_name);
    assert_eq!(listed(&harness, 2025), [shown.id]);
    tick(&mut harness, shown);
    harness.get_by_label("已勾选 2 份（其中 1 份不在当前列表中，不会处理）");
    let status = |harness: &Harness<'_, App>, id: i64| {
        (agreements(harness, 2025).into_iter())
            .find(|a| a.id == id)
            .unwrap()
            .status
    };
    // 定稿 asks once; 取消 freezes nothing.
    click(&mut harness, "定稿（1）");
    click(&mut harness, "取消");
    assert_eq!(status(&harness, shown.id), AgreementStatus::Draft);
    click(&mut harness, "定稿（1）");
    click(&mut harness, "确认定稿");
    assert_eq!(status(&harness, shown.id), AgreementStatus::Final);
    assert_eq!(
        status(&harness, hidden.id),
        AgreementStatus::Draft,
        "a selected row the search hides is not finalized"
    );

    // Back in the list, it is acted on again.
    search(&mut harness, "");
    harness.get_by_label("已勾选 2 份");
    harness.get_by_label("定稿（1）");
}

#[test]
fn select_all_adds_the_rows_listed_to_those_ticked_under_another_filter() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    let drafts = ids_where(&all, |a| a.status == AgreementStatus::Draft);
    let printed = ids_where(&all, |a| a.status == AgreementStatus::Printed);
    assert!(!drafts.is_empty() && !printed.is_empty());
    pick(&mut harness, "状态", "草稿");
    click(&mut harness, "全部勾选");
    harness.get_by_label(&format!("已勾选 {} 份", drafts.len()));
    pick(&mut harness, "状态", "已打印");
    click(&mut harness, "全部勾选");
    // The drafts ticked before stay ticked, out of sight.
    harness.get_by_label(&format!(
        "已勾选 {} 份（其中 {} 份不在当前列表中，不会处理）",
        drafts.len() + printed.len(),
        drafts.len()
    ));
}

#[test]
fn back_to_draft_from_the_window_needs_a_reason_which_the_log_keeps() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "退回草稿…");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled(),
        "no reason, no return"
    );
    assert!(
        harness.get_by_label("理由").is_focused(),
        "the keyboard is in the reason"
    );
    // Esc with nothing typed gives the step up, as 取消 does; opened again, on it goes.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("确定退回").is_none(),
        "closed by Esc"
    );
    click(&mut harness, "退回草稿…");
    retype_any(&mut harness, "理由", "   ");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        harness
            .query_by_label(zerenshu::model::reason::NOT_A_REASON)
            .is_none()
    );
    // Punctuation only: still grey, and said why.
    retype_any(&mut harness, "理由", "。。 ");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label(zerenshu::model::reason::NOT_A_REASON);
    retype_any(&mut harness, "理由", "甲方名称有误，需更正");
    click(&mut harness, "确定退回");
    let store = harness.state().store().unwrap();
    let after = store.agreement(agreement.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Draft);
    assert!(after.content_hash.is_none());
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "退回草稿");
    assert!(entry.after_json.unwrap().contains("甲方名称有误，需更正"));
    // The draft's detail says when and why it came back.
    harness.get_by_label("退回理由：甲方名称有误，需更正");
}

#[test]
fn a_reason_typed_is_not_dropped_by_a_click_on_another_row() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let other = first_in(&harness, AgreementStatus::Printed);
    click_row(&mut harness, &agreement);
    click(&mut harness, "撤销签订…");
    retype_any(&mut harness, "理由", "误勾选");
    click_row(&mut harness, &other);
    // Asked, naming what would go; 继续编辑 keeps the reason and the agreement.
    harness.get_by_label("放弃未保存的修改？");
    harness.get_by_label("尚未保存：撤销签订的理由");
    click(&mut harness, "继续编辑");
    harness.get_by_label_contains("撤销后回到“已打印”");
    assert!(
        !harness
            .get_by_label("确定撤销签订")
            .accesskit_node()
            .is_disabled(),
        "the reason is still there"
    );
    click_row(&mut harness, &other);
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("撤销后回到“已打印”")
            .is_none()
    );
}

#[test]
fn a_signing_marked_by_mistake_is_undone_from_the_window_with_a_reason() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "撤销签订…");
    harness.get_by_label_contains("撤销后回到“已打印”");
    assert!(
        harness
            .get_by_label("确定撤销签订")
            .accesskit_node()
            .is_disabled(),
        "no reason, no undoing"
    );
    retype_any(&mut harness, "理由", "误勾选，尚未签订");
    click(&mut harness, "确定撤销签订");
    let store = harness.state().store().unwrap();
    let after = store.agreement(agreement.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Printed);
    assert_eq!(after.signed_on, None);
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "撤销签订");
}

#[test]
fn a_printing_marked_by_mistake_is_undone_and_marked_again_on_its_true_day() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "撤销打印…");
    harness.get_by_label_contains("撤销后回到“已定稿”");
    assert!(
        harness
            .get_by_label("确定撤销打印")
            .accesskit_node()
            .is_disabled(),
        "no reason, no undoing"
    );
    retype_any(&mut harness, "理由", "打印日期录错");
    click(&mut harness, "确定撤销打印");
    let store = harness.state().store().unwrap();
    let after = store.agreement(agreement.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Final);
    assert_eq!(after.printed_on, None);
    assert_eq!(after.content_hash, agreement.content_hash, "the text stays");
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "撤销打印");
    assert!(entry.after_json.unwrap().contains("打印日期录错"));
    // Marked again, on the day it was really printed.
    tick(&mut harness, &after);
    click(&mut harness, "标记已打印（1）");
    retype(&mut harness, "打印日期", "2025-03-05");
    click(&mut harness, "确定已打印");
    let again = agreements(&harness, 2025)
        .into_iter()
        .find(|a| a.id == agreement.id)
        .unwrap();
    assert_eq!(again.status, AgreementStatus::Printed);
    assert_eq!(
        again.printed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 5)
    );
}

/// A JPEG "scan" of 300 x 420 pixels.
fn jpeg_scan() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(300, 420, |x, y| {
        image::Rgb([
            240,
            u8::try_from(x % 200).unwrap(),
            u8::try_from(y % 200).unwrap(),
        ])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    bytes
}

/// Types `path` into the open file chooser and confirms it.
fn choose(harness: &mut Harness<'_, App>, path: &std::path::Path) {
    retype_any(harness, "路径", path.to_str().unwrap());
    click(harness, "确定");
    harness.run();
}

#[test]
fn a_scan_is_archived_and_the_signed_copy_exported_from_the_window() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let name = unit_name(&harness, &agreement);
    let dir = tempfile::tempdir().unwrap();
    let png = zerenshu::demo::signed_copy_png();
    let damaged = dir.path().join("破损.png");
    std::fs::write(&damaged, &png[..png.len() / 2]).unwrap();
    let scan = dir.path().join("签订件.jpg");
    std::fs::write(&scan, jpeg_scan()).unwrap();
    click(&mut harness, &name);

    click(&mut harness, "归档扫描件…");
    choose(&mut harness, &damaged);
    // Refused by name in the form, before anything is stored; other files can be chosen.
    harness.get_by_label_contains("扫描件“破损.png”不能归档");
    assert!(
        harness
            .get_by_label("确定归档")
            .accesskit_node()
            .is_disabled()
    );
    let store = harness.state().store().unwrap();
    assert!(store.scan(agreement.id).unwrap().is_none());
    // While files are chosen, 撤销签订 waits: it would drop them unsaid. Greyed in its place
    // in the row, one line high, not squeezed into a column of characters.
    let step_back = harness.get_by_label("撤销签订…");
    assert!(step_back.accesskit_node().is_disabled());
    assert!(step_back.rect().height() < 30.0, "{:?}", step_back.rect());

    click(&mut harness, "重新选择文件…");
    choose(&mut harness, &scan);
    click(&mut harness, "确定归档");
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.agreement(agreement.id).unwrap().unwrap().status,
        AgreementStatus::Archived
    );
    assert_eq!(
        store.scan(agreement.id).unwrap().unwrap().files[0].file_name,
        "签订件.jpg"
    );

    let out = tempfile::tempdir().unwrap();
    click(&mut harness, "导出签订件 PDF…");
    choose(&mut harness, out.path());
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with("-签订件.pdf"));
    let pdf = lopdf::Document::load(&files[0]).unwrap();
    let page = *pdf.get_pages().values().next().unwrap();
    assert_eq!(pdf.get_page_images(page).unwrap().len(), 1);
    // An image scan's pages carry the code printed: nothing more to say.
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.starts_with("已导出签订件：") && !t.contains("文件属性")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Exported again into that folder, the same copy is left as it is.
    click(&mut harness, "导出签订件 PDF…");
    choose(&mut harness, out.path());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.starts_with("文件夹中已有这份签订件（内容相同，未重写）"))
    );
}

#[test]
fn a_draft_s_copies_change_in_its_detail_and_a_final_one_s_do_not() {
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = first_in(&harness, AgreementStatus::Draft);
    let issued = first_in(&harness, AgreementStatus::Final);
    click_row(&mut harness, &draft);
    harness
        .get_by_role_and_label(Role::SpinButton, "一式份数")
        .set_value_accesskit(5.0);
    harness.run();
    // Another row clicked before 保存份数: asked, and 继续编辑 keeps the number typed.
    click_row(&mut harness, &issued);
    harness.get_by_label("尚未保存：一式份数");
    click(&mut harness, "继续编辑");
    click(&mut harness, "保存份数");
    let store = harness.state().store().unwrap();
    assert_eq!(store.agreement(draft.id).unwrap().unwrap().draft.copies, 5);
    assert!(
        harness.query_all_by_label("0/5").count() >= 1,
        "the row and the detail show the new copies"
    );

    click_row(&mut harness, &issued);
    assert!(harness.query_by_label("一式份数").is_none());
    assert!(harness.query_by_label("保存份数").is_none());
}

#[test]
fn a_batch_is_drafted_in_the_copies_chosen_and_skipped_units_show_a_name() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // A unit without 简称 is listed by its full name among those skipped.
    let mut unit = store.units().unwrap().remove(0);
    unit.fields.short_name.clear();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = agreements_window(store, 2026);
    click(&mut harness, "批量起草…");
    harness
        .get_by_role_and_label(Role::SpinButton, "每份责任书一式")
        .set_value_accesskit(4.0);
    harness.run();
    click(&mut harness, "开始起草");
    let drafted = agreements(&harness, 2026);
    assert_eq!(drafted.len(), 45);
    assert!(drafted.iter().all(|a| a.draft.copies == 4));

    click(&mut harness, "批量起草…");
    // Named by its full name where it has no short name: beside the count and in the list.
    let skipped = format!("{}、", unit.fields.name);
    assert_eq!(harness.get_all_by_label_contains(&skipped).count(), 2);
}

#[test]
fn rollover_from_the_settings_window_creates_the_new_year() {
    let mut harness = agreements_window(demo_store(), 2025);
    click(&mut harness, "设置");
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .year(2026)
            .unwrap()
            .is_none()
    );
    click(&mut harness, "从 2025 年度结转…");
    click(&mut harness, "结转");
    harness.run();
    let store = harness.state().store().unwrap();
    let year = store.year(2026).unwrap().unwrap();
    assert_eq!(
        year.party_a_name,
        store.year(2025).unwrap().unwrap().party_a_name
    );
    assert_eq!(store.templates(2026).unwrap().len(), 4);
    assert!(store.agreements(2026).unwrap().is_empty());
    assert_eq!(harness.state().state().year, Some(2026));
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已建立 2026 年度"))
    );
}

#[test]
fn the_list_shows_each_code_in_groups_of_four_as_the_paper_prints_it() {
    let harness = agreements_window(demo_store(), 2025);
    let issued = first_in(&harness, AgreementStatus::Signed);
    let code = issued.verification_code().unwrap();
    let grouped = format!("{} {} {}", &code[..4], &code[4..8], &code[8..12]);
    harness.get_by_label(&grouped);
}

#[test]
fn the_batch_finalize_question_names_its_units_and_what_it_leaves_out() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    let drafts: Vec<&Agreement> = (all.iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .take(2)
        .collect();
    let issued = first_in(&harness, AgreementStatus::Final);
    for agreement in drafts.iter().copied().chain([&issued]) {
        tick(&mut harness, agreement);
    }
    click(&mut harness, "定稿（2）");
    let store = harness.state().store().unwrap();
    let short = |agreement: &Agreement| {
        let unit = store.unit(agreement.draft.unit_id).unwrap().unwrap();
        unit.fields.display_short_name().to_owned()
    };
    let question = format!(
        "定稿 2 份责任书（{}、{}）？",
        short(drafts[0]),
        short(drafts[1])
    );
    harness.get_by_label(&question);
    harness.get_by_label("勾选的另 1 份责任书已不是草稿，不在其中");
    click(&mut harness, "取消");
    assert!(harness.query_by_label(&question).is_none());
}

#[test]
fn the_signed_copies_of_the_listed_archived_agreements_are_exported_at_once() {
    let mut harness = agreements_window(demo_store(), 2025);
    let archived: Vec<Agreement> = (agreements(&harness, 2025).into_iter())
        .filter(|a| a.status == AgreementStatus::Archived)
        .collect();
    assert!(archived.len() > 1, "the demo archives several");
    let out = tempfile::tempdir().unwrap();
    click(&mut harness, &format!("导出签订件…（{}）", archived.len()));
    choose(&mut harness, out.path());
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), archived.len(), "{names:?}");
    assert!(
        names.iter().all(|n| n.ends_with("-签订件.pdf")),
        "{names:?}"
    );
    let said = format!(
        "已导出 {} 份签订件 PDF 到：{}",
        archived.len(),
        out.path().display()
    );
    assert!(
        harness.state().toast_texts().any(|t| t.starts_with(&said)),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Ticked, only those: one archived and one not gives one file.
    let other = first_in(&harness, AgreementStatus::Signed);
    tick(&mut harness, &archived[0]);
    tick(&mut harness, &other);
    let again = tempfile::tempdir().unwrap();
    click(&mut harness, "导出签订件…（1）");
    choose(&mut harness, again.path());
    assert_eq!(std::fs::read_dir(again.path()).unwrap().count(), 1);
}

#[test]
fn a_draft_whose_tailoring_waits_fits_beside_its_detail_in_a_small_window() {
    let mut store = demo_store();
    let draft = crate::stale_tailoring::leave_a_tailoring_behind(&mut store);
    let mut harness = crate::support::window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1200.0, 760.0],
    );
    click_row(&mut harness, &draft);
    harness.get_by_label_contains("调整待重做");
    // The detail and its buttons stay inside the window.
    let close = harness.get_by_label("关闭").rect();
    assert!(close.max.x <= 1200.0, "{close:?}");
    let edit = harness.get_by_label("修改条款…").rect();
    assert!(edit.max.x <= 1200.0, "{edit:?}");
    let rightmost = harness.get_by_label("更换扫描件…").rect();
    assert!(rightmost.max.x <= 1200.0, "{rightmost:?}");
}

/// The first agreement of 2025 in `status`, read from the store.

#[test]
fn an_agreement_printed_elsewhere_is_marked_from_its_detail() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "标记已打印…");
    harness.get_by_label("标记已打印（1 份）");
    retype(&mut harness, "打印日期", "2025-03-01");
    click(&mut harness, "确定已打印");
    let after = harness
        .state()
        .store()
        .unwrap()
        .agreement(agreement.id)
        .unwrap()
        .unwrap();
    assert_eq!(after.status, AgreementStatus::Printed);
    assert_eq!(
        after.printed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
    );
}

#[test]
fn ticked_agreements_go_back_to_draft_with_one_reason_all_or_none() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    let final_one = all
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap()
        .clone();
    let printed = all
        .iter()
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap()
        .clone();
    let signed = first_in(&harness, AgreementStatus::Signed);
    for agreement in [&final_one, &printed, &signed] {
        tick(&mut harness, agreement);
    }
    // The signed one is not among them: its paper copy is signed.
    click(&mut harness, "退回草稿…（2）");
    harness.get_by_label("退回草稿（2 份）");
    harness.get_by_label(
        "勾选的另 1 份责任书不是已定稿或已打印的（草稿，或已签订、已归档），不在其中",
    );
    harness.get_by_label_contains("其中 1 份已打印：已打印的签字本作废");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled(),
        "no reason, no return"
    );
    retype_any(&mut harness, "理由", "模板第三部分有错字");
    // Esc with a reason typed asks first; 继续编辑 keeps it.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    harness.run();
    harness.get_by_label("退回草稿（2 份）");
    click(&mut harness, "确定退回");
    let store = harness.state().store().unwrap();
    for agreement in [&final_one, &printed] {
        let after = store.agreement(agreement.id).unwrap().unwrap();
        assert_eq!(after.status, AgreementStatus::Draft);
    }
    assert_eq!(
        store.agreement(signed.id).unwrap().unwrap().status,
        AgreementStatus::Signed
    );
    let reasons = (store.audit_entries(2).unwrap().into_iter())
        .filter(|e| e.action == "退回草稿")
        .filter(|e| {
            e.after_json
                .as_deref()
                .unwrap_or("")
                .contains("模板第三部分有错字")
        })
        .count();
    assert_eq!(reasons, 2);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已退回草稿 2 份，理由已记入操作记录"))
    );
}

#[test]
fn a_preview_or_a_refused_save_leaves_the_signing_form_as_typed() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &agreement);
    crate::support::open_signing_form(&mut harness, &name);
    retype(&mut harness, "签回份数", "2");
    click(&mut harness, "预览…");
    harness.run();
    let returned = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(Role::TextInput, "签回份数"))
            .value()
            .unwrap_or_default()
    };
    assert_eq!(returned(&harness), "2", "a look changes nothing");
    // More copies back than were signed: the store refuses, and the form stays to be fixed.
    retype(&mut harness, "签回份数", "99");
    click(&mut harness, "保存签订信息");
    assert_eq!(returned(&harness), "99");
    let after = harness
        .state()
        .store()
        .unwrap()
        .agreement(agreement.id)
        .unwrap()
        .unwrap();
    assert_eq!(after.status, AgreementStatus::Printed);
    // Several problems are said at one save, in the order of the fields.
    retype(&mut harness, "签订日期", "");
    click(&mut harness, "保存签订信息");
    harness.get_by_label_contains("；签回份数应在 0 至");
}

/// A printed agreement of a unit archived since takes no part in the assessment until it is
/// signed: the signing dialog says signing brings it back in.
#[test]
fn signing_an_archived_units_agreement_says_it_rejoins_the_assessment() {
    let mut store = demo_store();
    let printed = crate::first_agreement::first_with_status(&store, AgreementStatus::Printed);
    store
        .write(|w| w.set_unit_active(printed.draft.unit_id, false))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    harness.get_by_label_contains("属于已归档单位：登记签订后，其责任书重新参加本年度考核");
}

#[test]
fn the_signing_dialog_takes_the_date_at_once_enter_confirms_and_escape_closes() {
    let mut harness = agreements_window(demo_store(), 2025);
    let printed = first_in(&harness, AgreementStatus::Printed);
    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "签订日期")
            .is_focused(),
        "the date field has the keyboard"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("确定签订").is_none(),
        "Esc closes it"
    );

    click(&mut harness, "标记已签订…（1）");
    retype(&mut harness, "签订日期", "2025-03-16");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let signed = (agreements(&harness, 2025).into_iter())
        .find(|a| a.id == printed.id)
        .unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);
    assert_eq!(
        signed.signed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 16)
    );
    assert!(harness.query_by_label("确定签订").is_none());
    // The keyboard goes on from the row signed, not from the top of the window.
    harness.run();
    assert_eq!(
        keyboard_on(&harness),
        Some(printed.draft.number.to_string()),
        "the row's tick box"
    );
}

#[test]
fn a_signing_date_refused_for_some_ticked_names_them() {
    let mut store = demo_store();
    let all = store.agreements(2025).unwrap();
    // One printed late, in the new year (signed then too), one printed in time.
    let late = all
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap()
        .clone();
    let in_time = all
        .iter()
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap()
        .clone();
    let january = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    zerenshu::workflow::lifecycle::mark_printed(&mut store, 2025, &[late.id], january).unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == in_time.draft.unit_id)
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    tick(&mut harness, &late);
    tick(&mut harness, &in_time);
    click(&mut harness, "标记已签订…（2）");
    retype(&mut harness, "签订日期", "2026-01-10");
    click(&mut harness, "确定签订");
    harness.get_by_label_contains(&format!(
        "第 {} 号（{}）：签订日期 2026年1月10日 不在 2025 年度责任书的签订期内",
        in_time.draft.number,
        unit.fields.display_short_name()
    ));
    harness.get_by_label_contains("其余各份可取消勾选这些后再标记");
    let statuses: Vec<AgreementStatus> = (agreements(&harness, 2025).into_iter())
        .filter(|a| a.id == late.id || a.id == in_time.id)
        .map(|a| a.status)
        .collect();
    assert_eq!(
        statuses,
        [AgreementStatus::Printed, AgreementStatus::Printed]
    );
}

#[test]
fn a_shift_click_ticks_the_rows_from_the_last_ticked_to_the_one_clicked() {
    let mut harness = agreements_window(demo_store(), 2025);
    let listed = listed(&harness, 2025);
    let by_id = |harness: &Harness<'_, App>, id: i64| {
        (agreements(harness, 2025).into_iter())
            .find(|a| a.id == id)
            .unwrap()
    };
    let (third, eighth) = (by_id(&harness, listed[2]), by_id(&harness, listed[7]));
    tick(&mut harness, &third);
    harness
        .get_by_role_and_label(Role::CheckBox, &eighth.draft.number.to_string())
        .click_modifiers(egui::Modifiers::SHIFT);
    harness.run();
    harness.get_by_label("已勾选 6 份");
    // A Shift-click on a ticked one unticks it and the rows back to the last clicked (the
    // eighth): the third and fourth stay.
    let fifth = by_id(&harness, listed[4]);
    harness
        .get_by_role_and_label(Role::CheckBox, &fifth.draft.number.to_string())
        .click_modifiers(egui::Modifiers::SHIFT);
    harness.run();
    harness.get_by_label("已勾选 2 份");
}

/// A draft whose clause changes wait to be redone reads as the template: its preview and an
/// export of it say so.
#[test]
fn a_preview_and_an_export_of_a_draft_whose_tailoring_waits_say_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::support::demo_store_at(&dir.path().join("zerenshu.sqlite3"));
    let draft = crate::stale_tailoring::leave_a_tailoring_behind(&mut store);
    let mut harness = agreements_window(store, 2025);
    let name = unit_name(&harness, &draft);
    click(&mut harness, &name);
    click(&mut harness, "预览…");
    harness.get_by_label_contains(
        "本责任书的条款调整因模板修改须重做（见详情），预览的文本不含这些调整",
    );
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ExportPdfs {
            ids: vec![draft.id],
            folder: dir.path().to_owned(),
        });
    crate::support::wait_for_toast(&mut harness, "已导出 1 份 PDF");
    let said = format!("{name} 1 份草稿的条款调整因模板修改须重做");
    assert!(
        harness.state().toast_texts().any(|t| t.starts_with(&said)),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

/// In a year whose results are published, 退回草稿… stays grey and says why, on one agreement
/// and on the ticked ones.
#[test]
fn nothing_goes_back_to_draft_in_a_published_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zerenshu.sqlite3");
    let mut store = Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE years SET phase = 'published' WHERE year = 2025", [])
        .unwrap();
    drop(conn);
    let mut harness = agreements_window(Store::open(&db).unwrap(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    assert!(
        harness
            .get_by_label("退回草稿…")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "全部勾选");
    let bulk = harness.get_by_label_contains("退回草稿…（");
    assert!(bulk.accesskit_node().is_disabled());
    // Nor is an agreement added to the year.
    assert!(
        harness
            .get_by_label("批量起草…")
            .accesskit_node()
            .is_disabled()
    );
}

/// With a mixed selection, 标记已打印 and 标记已签订 say how many ticked agreements they
/// leave out, as the 定稿 question does.
#[test]
fn the_bulk_dialogs_say_how_many_ticked_agreements_they_leave_out() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreements = harness.state().store().unwrap().agreements(2025).unwrap();
    let count = |status: AgreementStatus| agreements.iter().filter(|a| a.status == status).count();
    let (finals, printed) = (
        count(AgreementStatus::Final),
        count(AgreementStatus::Printed),
    );
    let all = agreements.len();
    click(&mut harness, "全部勾选");
    click(&mut harness, &format!("标记已打印（{finals}）"));
    harness.get_by_label(&format!(
        "勾选的另 {} 份责任书不是已定稿的（草稿，或已打印、已签订、已归档），不在其中",
        all - finals
    ));
    click(&mut harness, "取消");
    click(&mut harness, &format!("标记已签订…（{printed}）"));
    harness.get_by_label(&format!(
        "勾选的另 {} 份责任书不是已打印的（尚未打印，或已签订、已归档），不在其中",
        all - printed
    ));
    // Enter in the 甲方签字人 field confirms, as in the date field.
    harness
        .get_by_role_and_label(Role::TextInput, "签订日期")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "签订日期")
        .type_text("2025-03-20");
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "甲方签字人")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    let signed_now = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.signed_on == chrono::NaiveDate::from_ymd_opt(2025, 3, 20))
        .count();
    assert_eq!(signed_now, printed);
}

/// A form under the detail's buttons opened from the keyboard and given up gives the keyboard
/// back to its button: Tab goes on from there, not from the top of the window.
#[test]
fn a_form_given_up_gives_the_keyboard_back_to_its_button() {
    let mut harness = agreements_window(demo_store(), 2025);
    let cases = [
        (AgreementStatus::Final, "退回草稿…", "理由"),
        (AgreementStatus::Printed, "标记已签订…", "签订日期"),
    ];
    for (status, button, field) in cases {
        let agreement = first_in(&harness, status);
        click_row(&mut harness, &agreement);
        harness.get_by_label(button).focus();
        harness.run();
        press_each(&mut harness, &[egui::Key::Enter]);
        assert_eq!(keyboard_on(&harness).as_deref(), Some(field), "{button}");
        press_each(&mut harness, &[egui::Key::Escape]);
        harness.run();
        assert!(
            harness.query_by_label(field).is_none(),
            "{button} closed by Esc"
        );
        assert_eq!(keyboard_on(&harness).as_deref(), Some(button));
    }
}

/// 修改条款… opens the clause editor with the keyboard in its first field, not nowhere.
#[test]
fn the_clause_editor_opens_with_the_keyboard_in_its_first_field() {
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = first_in(&harness, AgreementStatus::Draft);
    click_row(&mut harness, &draft);
    harness.get_by_label("修改条款…").focus();
    harness.run();
    press_each(&mut harness, &[egui::Key::Enter]);
    harness.run();
    let first = if draft.draft.tailoring.control_targets.is_empty() {
        "条款"
    } else {
        "指标"
    };
    assert_eq!(keyboard_on(&harness).as_deref(), Some(first));
}

/// A form's write done from the keyboard, the keyboard is not left nowhere: back on the button
/// that opened it while that can still take it (修改签订信息…), else on the detail's first
/// button (标记已签订… is greyed once signed).
#[test]
fn after_a_forms_write_the_keyboard_stays_in_the_detail() {
    let mut harness = agreements_window(demo_store(), 2025);
    let printed = first_in(&harness, AgreementStatus::Printed);
    click_row(&mut harness, &printed);
    harness.get_by_label("标记已签订…").focus();
    harness.run();
    press_each(&mut harness, &[egui::Key::Enter]);
    retype(
        &mut harness,
        "签订日期",
        &printed.printed_on.unwrap().to_string(),
    );
    harness.get_by_label("保存签订信息").focus();
    harness.run();
    press_each(&mut harness, &[egui::Key::Enter]);
    harness.run();
    let signed = agreements(&harness, 2025)
        .into_iter()
        .find(|a| a.id == printed.id)
        .unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);
    assert_eq!(keyboard_on(&harness).as_deref(), Some("预览…"));
    // Its correction: the button stays, and has the keyboard again.
    harness.get_by_label("修改签订信息…").focus();
    harness.run();
    press_each(&mut harness, &[egui::Key::Enter]);
    retype(&mut harness, "乙方签字人", "闵燚明");
    retype_any(&mut harness, "修改理由", "签字人录错");
    harness.get_by_label("保存修改").focus();
    harness.run();
    press_each(&mut harness, &[egui::Key::Enter]);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("修改签订信息…"));
}
