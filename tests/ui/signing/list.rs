//! The list of agreements: the status and category filters, short names beside the detail,
//! codes in groups of four, and the selection: 全部勾选 across filters, Shift-click ranges, and
//! bulk actions that leave out the ticked rows the search hides.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::ui::App;

use crate::support::{agreements, agreements_window, click, demo_store, first_in, tick, unit_name};

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
fn the_list_shows_each_code_in_groups_of_four_as_the_paper_prints_it() {
    let harness = agreements_window(demo_store(), 2025);
    let issued = first_in(&harness, AgreementStatus::Signed);
    let code = issued.verification_code().unwrap();
    let grouped = format!("{} {} {}", &code[..4], &code[4..8], &code[8..12]);
    harness.get_by_label(&grouped);
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

/// A row ticked with the mouse takes the keyboard: ↓ and Space tick the next row from there.
#[test]
fn a_click_on_a_tick_box_gives_it_the_keyboard() {
    let mut harness = agreements_window(demo_store(), 2025);
    let listed = listed(&harness, 2025);
    let all = agreements(&harness, 2025);
    let by_id = |id: i64| all.iter().find(|a| a.id == id).unwrap().clone();
    let (first, second) = (by_id(listed[0]), by_id(listed[1]));
    tick(&mut harness, &first);
    harness.get_by_label("已勾选 1 份");
    crate::support::press_each(&mut harness, &[egui::Key::ArrowDown, egui::Key::Space]);
    harness.get_by_label("已勾选 2 份");
    assert_eq!(
        crate::support::keyboard_on(&harness),
        Some(second.draft.number.to_string())
    );
}

/// A line above the list that goes (the note on ticked rows the search hides, wrapped in a
/// narrow window) leaves its room: the rows stay where they were, not moving under the
/// pointer.
#[test]
fn the_list_does_not_move_up_when_a_line_above_it_goes() {
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [640.0, 700.0],
    );
    let all = agreements(&harness, 2025);
    let (first, second) = (&all[0], &all[1]);
    let header = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::CheckBox, &second.draft.number.to_string())
            .rect()
            .top()
    };
    tick(&mut harness, first);
    harness
        .get_by_role_and_label(Role::TextInput, "查找")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "查找")
        .type_text(&format!("2025-{:03}", second.draft.number));
    harness.run();
    harness.get_by_label_contains("不在当前列表中");
    let with_note = header(&harness);
    click(&mut harness, "清除勾选");
    harness.run();
    assert!(harness.query_by_label_contains("不在当前列表中").is_none());
    assert!((header(&harness) - with_note).abs() < 0.5);
}
