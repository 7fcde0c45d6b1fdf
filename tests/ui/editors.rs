//! The 责任书 screen's editors driven by their Chinese labels: a category without indicators
//! gets a set copied from another or the reference indicators (a blank one in the first year
//! is offered the reference alone), a template's clauses are reordered and saved, a placeholder goes in from the button
//! list, the live preview reads for the unit chosen, and a rule's own limit (累计最多) and its
//! 条件 are checked before it is saved, as is a template clause left empty.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::{App, View};

use crate::support::{click, demo_store, retype, showing, type_into, window};

/// 青山镇's 2025 agreement, a draft in the demo.
fn qingshan_2025(store: &Store) -> zerenshu::model::Agreement {
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "青山镇人民政府")
        .unwrap();
    (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.draft.unit_id == unit.id)
        .unwrap()
}

fn harness(store: Store) -> Harness<'static, App> {
    harness_for(store, 2025)
}

fn harness_for(store: Store, year: i32) -> Harness<'static, App> {
    window(Ok(store), showing(View::Agreements, year), [1400.0, 900.0])
}

/// The 2025 indicator sets as stored.
fn sets_2025(harness: &Harness<'_, App>) -> Vec<zerenshu::model::IndicatorSet> {
    harness
        .state()
        .store()
        .unwrap()
        .indicator_sets(2025)
        .unwrap()
}

/// The 考核指标 tab on a category 四类 just added (no indicators yet), and its id.
fn indicators_of_a_new_category() -> (Harness<'static, App>, i64) {
    indicators_of_a_new_category_named("四类")
}

/// The 考核指标 tab on a category `name` just added (no units, no indicators yet), and its id.
fn indicators_of_a_new_category_named(name: &str) -> (Harness<'static, App>, i64) {
    let mut store = demo_store();
    let new_id = store.write(|w| w.insert_category(name)).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "考核指标");
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .click();
    harness.run();
    click(&mut harness, name);
    (harness, new_id)
}

#[test]
fn a_new_category_gets_indicators_copied_from_another() {
    let (mut harness, new_id) = indicators_of_a_new_category();
    harness.get_by_label("本类别在本年度还没有考核指标");
    click(&mut harness, "复制“三类”的指标");
    harness.run();
    let sets = sets_2025(&harness);
    let copied = sets.iter().find(|s| s.category_id == new_id).unwrap();
    let source = sets
        .iter()
        .find(|s| s.category_id != new_id && s.indicators.len() == copied.indicators.len())
        .unwrap();
    assert!(!copied.is_final, "a copy is reviewed before it is final");
    assert_eq!(copied.total_points(), source.total_points());
    harness.get_by_label(&format!("分值合计 {} / 100", copied.total_points()));
}

#[test]
fn a_blank_set_can_still_be_filled_from_another_category() {
    let (mut harness, new_id) = indicators_of_a_new_category();
    click(&mut harness, "新建空白指标");
    harness.run();
    harness.get_by_label("本类别的指标还是空白的，可逐项填写，或从参考指标、已有指标开始：");
    click(&mut harness, "复制“三类”的指标");
    harness.run();
    let sets = sets_2025(&harness);
    let filled = sets.iter().find(|s| s.category_id == new_id).unwrap();
    assert!(!filled.indicators.is_empty());
    assert!(!filled.items.is_empty());
    assert_eq!(
        sets.iter().filter(|s| s.category_id == new_id).count(),
        1,
        "the blank set is filled, not joined by another"
    );
    harness.get_by_label_contains("项考核指标并保存，请核对后定稿");
    assert!(
        harness
            .query_by_label_contains("本类别的指标还是空白的")
            .is_none()
    );
}

#[test]
fn a_blank_set_in_the_first_year_is_offered_the_reference_indicators_alone() {
    // A register started blank: one year, two categories, no indicators anywhere yet.
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|w| {
            w.insert_year(&zerenshu::model::Year::new(2025, "样板县人民政府"))?;
            w.insert_category("一类")?;
            w.insert_category("二类")?;
            w.mark_initialized("从空白开始")
        })
        .unwrap();
    let mut harness = harness(store);
    click(&mut harness, "考核指标");
    click(&mut harness, "新建空白指标");
    let nothing = "本类别的指标还是空白的，可逐项填写，或从参考指标开始：";
    harness.get_by_label(nothing);
    harness.get_by_label("载入参考指标");
    assert!(harness.query_by_label_contains("复制“").is_none());
    // Another category's blank set gives nothing to copy either.
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .click();
    harness.run();
    click(&mut harness, "二类");
    click(&mut harness, "新建空白指标");
    harness.get_by_label(nothing);
    assert!(harness.query_by_label("复制“一类”的指标").is_none());
    // The reference fills it: 15 indicators summing to the full score, with its rules, not
    // final, and the editor shows them.
    click(&mut harness, "载入参考指标");
    harness.run();
    let sets = sets_2025(&harness);
    let filled = sets.iter().find(|s| !s.indicators.is_empty()).unwrap();
    assert_eq!(filled.indicators.len(), 15);
    assert_eq!(filled.total_points(), zerenshu::model::Points::whole(100));
    assert!(
        filled
            .items
            .iter()
            .any(|i| i.kind == zerenshu::model::ItemKind::Veto)
    );
    assert!(
        !filled.is_final,
        "the reference is adapted before it is final"
    );
    harness.get_by_label("分值合计 100 / 100");
    harness.get_by_label_contains("已载入 15 项参考指标（示例内容）并保存");
    assert!(harness.query_by_label(nothing).is_none());
}

/// Loads the reference indicators into the new category `name` and says whether they are the
/// towns' (党政同责 is theirs alone).
fn loads_town_reference(name: &str) -> bool {
    let (mut harness, new_id) = indicators_of_a_new_category_named(name);
    click(&mut harness, "载入参考指标");
    harness.run();
    harness.get_by_label_contains("已载入 15 项参考指标");
    let sets = sets_2025(&harness);
    let loaded = sets.iter().find(|s| s.category_id == new_id).unwrap();
    assert_eq!(loaded.indicators.len(), 15);
    assert!(!loaded.is_final);
    (loaded.indicators.iter()).any(|i| i.name.contains("党政同责"))
}

#[test]
fn a_new_category_without_units_starts_from_the_reference_its_name_suggests() {
    assert!(loads_town_reference("新区镇街"));
    assert!(!loads_town_reference("四类"));
}

#[test]
fn a_new_category_starts_its_template_from_another_category_s() {
    let mut store = demo_store();
    let new_id = store.write(|w| w.insert_category("四类")).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .click();
    harness.run();
    click(&mut harness, "四类");
    harness.get_by_label("本类别尚无模板，保存后生成第 1 版");
    // No unit is in it yet: the preview names the unit's fields where they go.
    harness.get_by_label_contains("乙方：〔单位名称〕\n");
    click(&mut harness, "复制“三类”的模板");
    // The lines above the fields stay, so that nothing moves under the pointer; copying again
    // waits for the copy to be saved or given up.
    harness.get_by_label("本类别还没有模板：下面的文本尚未保存");
    assert!(
        harness
            .get_by_label("复制“三类”的模板")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "保存模板");
    let templates = harness.state().store().unwrap().templates(2025).unwrap();
    let copied = templates
        .iter()
        .find(|t| t.content.category_id == new_id)
        .unwrap();
    let source = templates
        .iter()
        .filter(|t| t.content.category_id != new_id)
        .find(|t| t.content.preamble == copied.content.preamble)
        .unwrap();
    assert_eq!(copied.content.sections, source.content.sections);
    assert_eq!(copied.version, 1);
}

/// A version no issued agreement uses is changed in place: its drafts read the new text, which
/// the clerk is told.
#[test]
fn a_template_saved_in_place_says_its_drafts_follow() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "模板");
    let category = harness.state().store().unwrap().templates(2026).unwrap()[0]
        .content
        .category_id;
    let drafts = (harness.state().store().unwrap().agreements(2026).unwrap())
        .iter()
        .filter(|a| a.draft.category_id == category)
        .count();
    assert!(drafts > 0);
    // Said before the save, too.
    harness.get_by_label(&format!("（{drafts} 份草稿使用此版，保存后随之更新）"));
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    click(&mut harness, "保存模板");
    harness.run();
    let said = format!("已保存模板第 1 版；用这一版的 {drafts} 份草稿随之更新");
    assert!(
        harness.state().toast_texts().any(|t| t.starts_with(&said)),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

/// A clause removed from the keyboard: the keyboard goes into the clause now in its place,
/// not onto that clause's 删去, where a second Enter would remove it too.
#[test]
fn a_clause_removed_from_the_keyboard_leaves_the_keyboard_in_the_next_clause() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let second = harness
        .get_by_role_and_label(
            egui::accesskit::Role::MultilineTextInput,
            "第 1 部分第 2 条",
        )
        .value()
        .unwrap();
    harness.get_by_label("删去第 1 部分第 1 条").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let first = harness.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "第 1 部分第 1 条",
    );
    assert!(first.is_focused(), "the clause now first has the keyboard");
    // Renumbered: the text that was second, its number counted again.
    let rest = |clause: &str| clause.split_once('）').map(|(_, r)| r.to_owned());
    assert_eq!(rest(&first.value().unwrap()), rest(&second));
}

#[test]
fn a_clause_moved_down_is_saved_in_its_new_place() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let current = |harness: &Harness<'_, App>| {
        let templates = harness.state().store().unwrap().templates(2025).unwrap();
        let category = templates[0].content.category_id;
        templates
            .into_iter()
            .filter(|t| t.content.category_id == category)
            .max_by_key(|t| t.version)
            .unwrap()
    };
    let before = current(&harness);
    // Nothing edited yet: nothing to save or give up.
    for label in ["保存模板", "放弃修改"] {
        let button = harness.get_by_label(label);
        assert!(button.accesskit_node().is_disabled(), "{label}");
    }
    // Moved from the keyboard: the keyboard goes with the clause, on its own 本条下移.
    harness.get_all_by_label("本条下移").next().unwrap().focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(
        harness
            .get_all_by_label("本条下移")
            .nth(1)
            .unwrap()
            .is_focused(),
        "the moved clause's button has the keyboard"
    );
    click(&mut harness, "保存模板");
    harness.run();
    let after = current(&harness);
    assert_eq!(
        after.version,
        before.version + 1,
        "issued agreements keep theirs"
    );
    let (was, now) = (
        &before.content.sections[0].clauses,
        &after.content.sections[0].clauses,
    );
    // The clauses swap places and their "（一）" numbers are counted again.
    let rest = |clause: &str| clause.split_once('）').unwrap().1.to_owned();
    assert_eq!(
        (rest(&now[0]), rest(&now[1])),
        (rest(&was[1]), rest(&was[0]))
    );
    assert!(
        now[0].starts_with("（一）") && now[1].starts_with("（二）"),
        "{now:?}"
    );
}

#[test]
fn only_overdue_unsigned_agreements_are_listed_when_asked() {
    let mut harness = harness(demo_store());
    harness.get_by_label("城关街道办事处");
    click(&mut harness, "只看逾期未签");
    assert!(
        harness.query_by_label("城关街道办事处").is_none(),
        "an archived agreement is not overdue"
    );
    harness.get_by_label("新华街道办事处");

    // Before the planned date nothing is overdue. The planned date must fall in its year or
    // the one before: a year after today's, drafted, with its planned date tomorrow.
    let tomorrow = chrono::Local::now()
        .date_naive()
        .checked_add_days(chrono::Days::new(1))
        .unwrap();
    let next = chrono::Datelike::year(&tomorrow) + 1;
    let mut store = demo_store();
    for from in 2025..next {
        zerenshu::workflow::rollover::rollover(&mut store, from, from + 1).unwrap();
    }
    zerenshu::workflow::drafting::draft(&mut store, next, None, |_, _| {}).unwrap();
    let mut year = store.year(next).unwrap().unwrap();
    year.planned_signing_date = Some(tomorrow);
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = harness_for(store, next);
    harness.get_by_label("新华街道办事处");
    click(&mut harness, "只看逾期未签");
    assert!(harness.query_by_label("新华街道办事处").is_none());
}

#[test]
fn a_search_the_filters_hide_says_what_it_found() {
    let mut harness = harness(demo_store());
    click(&mut harness, "只看逾期未签");
    // 城关街道's agreement is archived: not overdue, hidden by the tick.
    crate::support::type_into(&mut harness, "查找", "城关");
    harness.get_by_label(
        "找到“城关”：城关街道办事处（已归档），不在当前筛选结果中：请把状态、类别筛选改回“全部”，或取消“只看逾期未签”",
    );
    // Its code, typed as the footer prints it: found, said hidden, not "type 6 digits".
    let code = (harness
        .state()
        .store()
        .unwrap()
        .agreements(2025)
        .unwrap()
        .into_iter())
    .find(|a| a.status == zerenshu::model::AgreementStatus::Archived)
    .and_then(|a| a.content_hash)
    .unwrap();
    let typed = format!("{} {}", &code[..4], &code[4..8]);
    crate::support::retype(&mut harness, "查找", &typed);
    harness.get_by_label_contains(&format!("找到“{typed}”："));
    assert!(
        harness
            .query_by_label_contains("至少输入连续 6 位")
            .is_none()
    );
    // Its zeros and ones typed as the letters they look like on paper: found all the same.
    let misread = typed.replace('1', "l").replace('0', "O");
    assert_ne!(misread, typed, "the demo's code has a 0 or a 1 there");
    crate::support::retype(&mut harness, "查找", &misread);
    harness.get_by_label_contains(&format!("找到“{misread}”："));
    crate::support::retype(&mut harness, "查找", "无此单位");
    harness.get_by_label_contains("没有找到“无此单位”");
    // Esc in the box empties it, as in 单位.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label_contains("没有找到").is_none());
    assert_eq!(
        harness
            .get_by_label("查找")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("")
    );
}

#[test]
fn a_unit_renamed_after_its_agreement_was_issued_is_found_by_the_printed_name() {
    let mut store = demo_store();
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "城关街道办事处")
        .unwrap();
    unit.fields.name = "城关街道办".to_owned();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = harness(store);
    // The name on the paper copy (2025's agreement is archived) finds it under its name now.
    type_into(&mut harness, "查找", "城关街道办事处");
    assert!(harness.query_by_label_contains("没有找到").is_none());
    harness.get_by_label("城关街道办");
    assert!(
        harness.query_by_label("新华街道办事处").is_none(),
        "only it is listed"
    );
}

#[test]
fn a_code_from_another_years_paper_copy_is_found_in_its_year() {
    let store = demo_store();
    let old = store.agreements(2024).unwrap().remove(4);
    let code = old.content_hash.clone().unwrap()[..12].to_owned();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == old.draft.unit_id)
        .unwrap()
        .fields
        .name;
    let mut harness = harness(store);
    type_into(&mut harness, "查找", &code);
    harness.get_by_label("本年度没有这个校验码的责任书");
    click(&mut harness, "在所有年度中查找");
    harness.run();
    assert_eq!(harness.state().state().year, Some(2024));
    harness.get_by_label(&unit);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.contains("2024 年度第 5 号责任书"))
    );
}

#[test]
fn the_footer_line_or_the_number_of_a_paper_copy_finds_its_agreement() {
    let store = demo_store();
    let fourth = store.agreements(2025).unwrap().remove(3);
    let code = fourth.content_hash.clone().unwrap()[..12].to_owned();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == fourth.draft.unit_id)
        .unwrap()
        .fields
        .name;
    let other = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "城关街道办事处")
        .unwrap()
        .fields
        .name;
    let mut harness = harness(store);
    let grouped = format!("{} {} {}", &code[..4], &code[4..8], &code[8..]);
    for typed in [
        format!("编号 2025-004　校验码 {code}"),
        "2025-004".to_owned(),
        // The signed copy's footer, pasted whole.
        format!("签订件 · 2025年度第4号 · 校验码 {grouped} · 第1页/共4页"),
        "2025年度第4号".to_owned(),
    ] {
        retype(&mut harness, "查找", &typed);
        harness.get_by_label(&unit);
        assert!(harness.query_by_label(&other).is_none(), "{typed}");
        assert!(
            harness
                .query_by_label("本年度没有这个校验码的责任书")
                .is_none()
        );
    }
    // What finds nothing says so, and what may be searched for.
    retype(&mut harness, "查找", "不存在的单位");
    harness.get_by_label_contains("没有找到“不存在的单位”");
}

#[test]
fn the_preview_shows_the_pages_with_zoom_and_page_buttons() {
    let mut harness = harness(demo_store());
    click(&mut harness, "新华街道办事处");
    click(&mut harness, "预览…");
    harness.get_by_label("第 1 页，共 4 页");
    harness.get_by_label("第 1 / 4 页");
    harness.get_by_label("58%");
    click(&mut harness, "下一页");
    harness.run();
    harness.get_by_label("第 2 / 4 页");
    click(&mut harness, "放大");
    harness.get_by_label("73%");
    harness.get_by_label("第 2 / 4 页");
    click(&mut harness, "上一页");
    harness.run();
    harness.get_by_label("第 1 / 4 页");
}

#[test]
fn a_search_that_hides_the_open_agreement_closes_its_detail() {
    let mut harness = harness(demo_store());
    click(&mut harness, "新华街道办事处");
    harness.get_by_label("预览…");
    type_into(&mut harness, "查找", "古渡");
    harness.get_by_label("古渡镇人民政府");
    assert!(
        harness.query_by_label("预览…").is_none(),
        "the detail closed"
    );
}

/// Clicks into the text field `label` of `role` with the pointer, as a clerk chooses where a
/// placeholder goes.
fn click_field(harness: &mut Harness<'_, App>, role: Role, label: &str) {
    let at = harness.get_by_role_and_label(role, label).rect().center();
    crate::support::queue_click(harness, at);
    harness.run();
}

#[test]
fn a_placeholder_from_the_button_list_goes_into_the_field_last_typed_in() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    harness.get_by_label("（先点一下要插入的位置）");
    // Each button says on hover what it prints.
    harness.get_by_label("{等次}").hover();
    harness.run();
    harness.get_by_label_contains("本年度的考核等次，如“优秀、良好、合格、不合格四个等次”");
    click_field(&mut harness, Role::TextInput, "标题");
    // Where a click on a placeholder will insert it is said beside them.
    harness.get_by_label("（插入到：标题）");
    harness.key_press(egui::Key::End);
    harness.run();
    click(&mut harness, "{单位简称}");
    // The keyboard is back in the field, after the placeholder: typing goes on from there.
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "标题")
            .is_focused()
    );
    harness
        .get_by_role_and_label(Role::TextInput, "标题")
        .type_text("（样本）");
    harness.run();
    click(&mut harness, "保存模板");
    let templates = harness.state().store().unwrap().templates(2025).unwrap();
    let category = templates[0].content.category_id;
    let current = templates
        .into_iter()
        .filter(|t| t.content.category_id == category)
        .max_by_key(|t| t.version)
        .unwrap();
    assert!(
        current
            .content
            .title_pattern
            .ends_with("责任书{单位简称}（样本）"),
        "{}",
        current.content.title_pattern
    );
}

#[test]
fn another_categorys_template_starts_with_no_place_to_insert_at() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click_field(&mut harness, Role::TextInput, "标题");
    harness.get_by_label("（插入到：标题）");
    crate::support::choose(&mut harness, "考核类别", "一类");
    // The place clicked was in 镇街's text: a placeholder must not land in 一类's there.
    harness.get_by_label("（先点一下要插入的位置）");
}

#[test]
fn a_clause_moved_leaves_no_place_to_insert_at() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click_field(&mut harness, Role::MultilineTextInput, "第 1 部分第 1 条");
    harness.get_by_label("（插入到：第 1 部分第 1 条）");
    // Tab passing through other fields (back towards the placeholder buttons) leaves the
    // place where the clerk worked.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    harness.get_by_label("（插入到：第 1 部分第 1 条）");
    // The clause clicked moves down: its place now holds the clause that was second.
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    harness.get_by_label("（先点一下要插入的位置）");
}

#[test]
fn the_live_preview_reads_for_the_unit_chosen() {
    let store = demo_store();
    let category = store.categories().unwrap()[0].id;
    let names: Vec<String> = store
        .units()
        .unwrap()
        .into_iter()
        .filter(|u| u.is_active && u.fields.category_id == category)
        .map(|u| u.fields.name)
        .collect();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    harness.get_by_label_contains(&format!("乙方：{}\n", names[0]));
    let other = &names[2];
    harness
        .get_by_role_and_label(Role::ComboBox, "预览单位")
        .click();
    harness.run();
    click(&mut harness, other);
    harness.get_by_label_contains(&format!("乙方：{other}\n"));
    assert!(
        harness
            .query_by_label_contains(&format!("乙方：{}\n", names[0]))
            .is_none()
    );
}

#[test]
fn the_finalize_question_names_categories_whose_indicators_are_not_final() {
    // After a rollover every category's indicators start not final, to be reviewed.
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let drafts = store.agreements(2026).unwrap().len();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "全部勾选");
    click(&mut harness, &format!("定稿（{drafts}）"));
    harness.get_by_label_contains(&format!(
        "其中 {drafts} 份属于考核指标尚未定稿的类别（镇街、一类、二类、三类）"
    ));
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认定稿")
            .accesskit_node()
            .is_disabled(),
        "a 定稿 known to fail cannot be confirmed"
    );
    click(&mut harness, "取消");
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .agreements(2026)
            .unwrap()
            .iter()
            .all(|a| a.status == zerenshu::model::AgreementStatus::Draft)
    );
}

#[test]
fn the_finalize_question_says_a_missing_signatory_title_prints_as_the_principal() {
    let mut store = demo_store();
    let mut year = store.year(2025).unwrap().unwrap();
    year.party_a_signatory_title = String::new();
    store.write(|w| w.update_year(&year, None)).unwrap();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Draft)
        .unwrap();
    // The unit's own principal without a title: named, so that the clerk knows which to edit.
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    unit.fields.principal_title = String::new();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = harness_for(store, 2025);
    harness
        .get_by_role_and_label(Role::CheckBox, &draft.draft.number.to_string())
        .click();
    harness.run();
    click(&mut harness, "定稿（1）");
    harness.get_by_label_contains(
        "甲方签字人职务未填写（设置 → 年度设置），落款将印为“负责人（签字）：”",
    );
    harness.get_by_label_contains(&format!(
        "{}的单位未填写负责人职务（单位 → 编辑）",
        unit.fields.display_short_name()
    ));
    click(&mut harness, "取消");
}

#[test]
fn batch_drafting_warns_of_categories_whose_indicators_are_not_final() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "批量起草…");
    harness.get_by_label_contains("“镇街”“一类”“二类”“三类”的考核指标尚未设置或尚未定稿");
    // Left out, a category is not named.
    click(&mut harness, "全不选");
    assert!(
        harness
            .query_by_label_contains("的考核指标尚未设置或尚未定稿：")
            .is_none()
    );
    // Esc closes it as 关闭 does, drafting nothing.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("全不选").is_none());
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .agreements(2026)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_detail_closes_by_its_button_and_the_table_shows_every_column_again() {
    let mut harness = harness(demo_store());
    assert!(harness.query_by_label("打印日期").is_some());
    click(&mut harness, "青山镇人民政府");
    harness.get_by_label("定稿…");
    // Beside the detail the table leaves the signatories and earlier dates to it.
    assert!(harness.query_by_label("打印日期").is_none());
    click(&mut harness, "关闭");
    assert!(
        harness.query_by_label("定稿…").is_none(),
        "the detail is closed"
    );
    assert!(harness.query_by_label("打印日期").is_some());
}

#[test]
fn a_draft_is_finalized_from_its_detail_after_the_one_question() {
    let mut harness = harness(demo_store());
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "定稿…");
    click(&mut harness, "确认定稿");
    let store = harness.state().store().unwrap();
    let agreement = qingshan_2025(store);
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Final);
}

/// The window on `store` with 青山镇's draft (agreement `id`) given `tailoring` and its 定稿
/// question asked.
fn finalize_question_with(
    mut store: Store,
    id: i64,
    tailoring: &zerenshu::model::Tailoring,
) -> Harness<'static, App> {
    store.write(|w| w.set_tailoring(id, tailoring)).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "定稿…");
    harness
}

#[test]
fn the_finalize_question_points_out_half_width_marks_without_refusing() {
    let store = demo_store();
    let agreement = qingshan_2025(&store);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::tailoring::ClauseChange::Add {
            section: 0,
            heading: String::new(),
            text: "全年道路交通事故死亡人数下降5%以上,由镇长负责".to_owned(),
        });
    let mut harness = finalize_question_with(store, agreement.id, &tailoring);
    harness.get_by_label_contains("请核对标点");
    // Named as the clerk finds it on the page: its section and its opening words.
    harness.get_by_label(
        "一、安全生产控制目标 “全年道路交通事故死亡人数下降…”：半角逗号 , 应为全角 ，；末尾没有句号",
    );
    click(&mut harness, "确认定稿");
    let agreement = qingshan_2025(harness.state().store().unwrap());
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Final);
}

/// Several drafts asked about at once: a clause of one unit's own is said with the unit's
/// name, so that the clerk knows which text to open.
#[test]
fn the_finalize_question_for_several_names_whose_punctuation_it_is() {
    let mut store = demo_store();
    let agreement = qingshan_2025(&store);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::tailoring::ClauseChange::Add {
            section: 0,
            heading: String::new(),
            text: "全年道路交通事故死亡人数下降5%以上".to_owned(),
        });
    store
        .write(|w| w.set_tailoring(agreement.id, &tailoring))
        .unwrap();
    let other = (store.agreements(2025).unwrap().into_iter())
        .find(|a| {
            a.status == zerenshu::model::AgreementStatus::Draft
                && a.id != agreement.id
                && a.draft.category_id == agreement.draft.category_id
        })
        .unwrap();
    let mut harness = harness(store);
    for ticked in [&agreement, &other] {
        harness
            .get_by_role_and_label(Role::CheckBox, &ticked.draft.number.to_string())
            .click();
        harness.run();
    }
    click(&mut harness, "定稿（2）");
    harness
        .get_by_label("青山镇：一、安全生产控制目标 “全年道路交通事故死亡人数下降…”：末尾没有句号");
}

#[test]
fn a_draft_that_cannot_be_issued_is_said_so_before_the_question() {
    let store = demo_store();
    // 青山镇's clause holding {控制指标} dropped, its targets kept: they would not be printed.
    let agreement = qingshan_2025(&store);
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == agreement.draft.template_id)
        .unwrap();
    let (section, clause, _) = crate::targets_clause::targets_clause(&template.content);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::ClauseChange::Drop {
            section,
            clause,
            original: template.content.sections[section].clauses[clause].clone(),
        });
    let harness = finalize_question_with(store, agreement.id, &tailoring);
    harness.get_by_label("暂时不能定稿");
    harness.get_by_label_contains("控制指标不会印出");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认定稿")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_rules_own_limit_below_its_points_is_refused_and_a_good_one_is_saved() {
    let mut store = demo_store();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    store.set_clock(day.and_hms_opt(9, 30, 0).unwrap());
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    // The fourth rule with a 累计最多 field: 考核材料未按时报送或缺少影像资料, 3 points each.
    let type_limit = |harness: &mut Harness<'_, App>, text: &str| {
        harness
            .get_all_by_role_and_label(Role::TextInput, "累计最多")
            .nth(3)
            .unwrap()
            .focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness
            .get_all_by_role_and_label(Role::TextInput, "累计最多")
            .nth(3)
            .unwrap()
            .type_text(text);
        harness.run();
    };
    type_limit(&mut harness, "2");
    harness.get_by_label("“考核材料未按时报送或缺少影像资料”的累计上限 2 分应不小于每次的 3 分");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
    type_limit(&mut harness, "6");
    click(&mut harness, "保存指标");
    let set = harness
        .state()
        .store()
        .unwrap()
        .indicator_sets(2026)
        .unwrap()
        .remove(0);
    let limits: Vec<Option<zerenshu::model::Points>> = set.items.iter().map(|i| i.cap).collect();
    let six = Some(zerenshu::model::Points::whole(6));
    assert_eq!(limits[..4], [None, None, six, six]);
    // The editor says how the agreement text reads the rules.
    harness.get_by_label_contains("正文中读作：被上级通报批评，每次扣2分，累计最多扣6分；考核材料未按时报送或缺少影像资料，扣3分，累计最多扣6分");
    // A bonus rule's limit above the category's 加分上限 (5) is refused too; 放弃修改 takes
    // the edit back.
    let first_limit = |harness: &Harness<'_, App>| {
        harness
            .get_all_by_role_and_label(Role::TextInput, "累计最多")
            .next()
            .unwrap()
            .accesskit_node()
            .value()
            .unwrap_or_default()
    };
    harness
        .get_all_by_role_and_label(Role::TextInput, "累计最多")
        .next()
        .unwrap()
        .focus();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::TextInput, "累计最多")
        .next()
        .unwrap()
        .type_text("10");
    harness.run();
    harness.get_by_label_contains("的累计上限 10 分超过本类别的加分上限 5 分");
    assert_eq!(first_limit(&harness), "10");
    click(&mut harness, "放弃修改");
    harness.run();
    // Asked once, as in the template editor; 继续编辑 keeps the edit.
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    assert_eq!(first_limit(&harness), "10");
    click(&mut harness, "放弃修改");
    harness.run();
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert_eq!(first_limit(&harness), "");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled(),
        "nothing to save"
    );
    // A rule added takes the keyboard in its 条件, ready to be typed.
    harness.get_by_label("增加扣分项").click_accesskit();
    harness.run();
    let conditions: Vec<bool> = harness
        .get_all_by_role_and_label(Role::TextInput, "条件")
        .map(|node| node.is_focused())
        .collect();
    // Two bonus rules and three deduction rules, then the new deduction rule.
    assert_eq!(
        conditions.iter().position(|f| *f),
        Some(5),
        "{conditions:?}"
    );
    // Left empty, it is named by the field the clerk sees.
    harness.get_by_label("有一个扣分项的条件没有填写");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn tab_from_a_rows_last_cell_goes_to_the_next_row_not_to_its_delete_button() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    harness
        .get_all_by_role_and_label(Role::TextInput, "考核方式（不印出）")
        .next()
        .unwrap()
        .focus();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    let second_name = harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .nth(1)
        .unwrap();
    assert!(second_name.is_focused(), "Tab passes over 删除");
}

#[test]
fn two_indicators_of_one_name_are_refused_before_saving() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        harness
            .get_all_by_role_and_label(Role::TextInput, "考核项目")
            .map(|node| node.accesskit_node().value().unwrap_or_default())
            .collect()
    };
    let first = names(&harness)[0].clone();
    let second = harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .nth(1)
        .unwrap();
    second.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .nth(1)
        .unwrap()
        .type_text(&first);
    harness.run();
    harness.get_by_label(&format!(
        "第 1、2 项指标同名（“{first}”），请改成能区分的名称"
    ));
    // 标记定稿 waits for the save, and says so beside it.
    harness.get_by_label("（先保存，再定稿）");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
    let stored = (harness.state().store().unwrap().indicator_sets(2026))
        .unwrap()
        .remove(0);
    assert_ne!(stored.indicators[1].name, first, "nothing saved");
}

#[test]
fn dropping_the_clause_with_control_targets_is_said_before_the_save() {
    let store = demo_store();
    // The 镇街 drafts (the category shown first) with targets written: cleared by the save.
    let towns = store.categories().unwrap().remove(0).id;
    let with_targets = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.draft.category_id == towns && !a.status.is_issued())
        .filter(|a| !a.draft.tailoring.control_targets.is_empty())
        .count();
    assert!(with_targets > 0);
    let mut harness = harness(store);
    click(&mut harness, "模板");
    let warning = format!(
        "正文中已没有{{控制指标}}：按此模板起草的责任书不写控制指标，也不沿用上一年度的；如只是移动该条款，请在新的位置插入{{控制指标}}；已有 {with_targets} 份草稿填写了控制指标，保存后随之清空（原值记入操作记录）"
    );
    let warning = warning.as_str();
    assert!(harness.query_by_label(warning).is_none());
    // The demo's first clause holds it.
    harness
        .get_by_label("删去第 1 部分第 1 条")
        .click_accesskit();
    harness.run();
    harness.get_by_label(warning);
    // Still a template that saves: a category may do without targets.
    assert!(
        !harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_template_clause_left_empty_is_named_and_the_template_not_saved() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click(&mut harness, "在第 1 部分增加条款");
    harness.get_by_label_contains("条款是空的：请填写，或删去这一条");
    assert!(
        harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
    // A part with a heading and no clause would print a bare heading.
    harness.get_by_label("增加一部分").click_accesskit();
    harness.run();
    harness.get_by_label_contains("部分】没有条款：请增加条款，或删去这一部分");
}

#[test]
fn printing_one_number_for_all_says_how_many_texts_say_another() {
    let store = demo_store();
    let finals = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.status == zerenshu::model::AgreementStatus::Final)
        .filter(|a| a.draft.copies != 2)
        .count();
    assert!(finals > 0);
    let mut harness = harness(store);
    assert!(
        harness
            .query_by_label_contains("份正文写明的份数与此不同")
            .is_none()
    );
    harness
        .get_by_role_and_label(Role::RadioButton, "统一印")
        .click();
    harness.run();
    harness.get_by_label(&format!(
        "其中 {finals} 份正文写明的份数与此不同（补印的不计）"
    ));
}

#[test]
fn a_clause_added_to_numbered_clauses_starts_with_the_next_number_and_typing_goes_after_it() {
    let store = demo_store();
    let template = (store.templates(2025).unwrap().into_iter()).next().unwrap();
    let count = template.content.sections[0].clauses.len();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    click(&mut harness, "在第 1 部分增加条款");
    let added = format!("第 1 部分第 {} 条", count + 1);
    let number = format!(
        "（{}）",
        zerenshu::model::template::chinese_ordinal(count + 1)
    );
    let field = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::MultilineTextInput, &added)
            .value()
            .unwrap()
    };
    assert_eq!(field(&harness), number);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &added)
        .type_text("按时报送安全生产信息");
    harness.run();
    assert_eq!(field(&harness), format!("{number}按时报送安全生产信息"));
    // Without its closing mark, said beside the clause's buttons.
    harness.get_by_label("本条末尾没有句号");
    // A half-width comma beside Chinese text is said too.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &added)
        .type_text(",每月一次");
    harness.run();
    harness.get_by_label("本条半角逗号 , 应为全角 ，；末尾没有句号");
}

#[test]
fn the_category_chosen_in_one_editor_is_the_one_the_other_opens_on() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    crate::support::choose(&mut harness, "考核类别", "二类");
    click(&mut harness, "考核指标");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("二类")
    );
    crate::support::choose(&mut harness, "考核类别", "三类");
    click(&mut harness, "模板");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("三类")
    );
}

#[test]
fn the_first_clause_of_a_new_part_starts_with_its_number() {
    let store = demo_store();
    let template = (store.templates(2025).unwrap().into_iter()).next().unwrap();
    let parts = template.content.sections.len();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    crate::support::click_in_view(&mut harness, "增加一部分");
    crate::support::click_in_view(&mut harness, &format!("在第 {} 部分增加条款", parts + 1));
    let added = format!("第 {} 部分第 1 条", parts + 1);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, &added)
            .value()
            .as_deref(),
        Some("（一）")
    );
}

#[test]
fn rule_items_the_template_does_not_print_are_pointed_out() {
    let mut harness = harness(demo_store());
    click(&mut harness, "考核指标");
    // The demo's 镇街 template lists the veto conditions, but not the bonus or deduction items.
    harness.get_by_label_contains("本类别的模板中没有{加分事项}，这些加分项目不会印在责任书正文中");
    harness.get_by_label_contains("本类别的模板中没有{扣分事项}，这些扣分项目不会印在责任书正文中");
    assert!(
        harness
            .query_by_label_contains("本类别的模板中没有{一票否决事项}")
            .is_none()
    );
    harness.get_by_label_contains("插入{加分事项}后，正文中读作：");
    assert_eq!(
        harness.query_all_by_label_contains("正文中读作：").count(),
        3,
        "each kind's reading is still shown"
    );
}

#[test]
fn a_draft_is_deleted_after_one_question_and_can_be_drafted_again() {
    let mut harness = harness(demo_store());
    let count = |harness: &Harness<'_, App>| {
        harness
            .state()
            .store()
            .unwrap()
            .agreements(2025)
            .unwrap()
            .len()
    };
    let before = count(&harness);
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "删除草稿…");
    harness.get_by_label("删除第 5 号责任书草稿（青山镇人民政府）？");
    click(&mut harness, "取消");
    assert_eq!(count(&harness), before, "取消 deletes nothing");
    click(&mut harness, "删除草稿…");
    click(&mut harness, "确认删除");
    assert_eq!(count(&harness), before - 1);
    harness.get_by_label_contains("已删除责任书草稿");
    let store = harness.state().store().unwrap();
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "删除草稿");
    // The unit is offered to 批量起草 again.
    click(&mut harness, "批量起草…");
    harness.get_by_label("青山镇人民政府（镇街）");
}

#[test]
fn a_draft_with_scores_cannot_be_deleted_and_the_button_says_why() {
    let mut store = demo_store();
    let agreement = qingshan_2025(&store);
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let mut entered = zerenshu::model::Score::empty(agreement.id, set.indicators[0].id);
    entered.self_score = Some(zerenshu::model::Points::whole(1));
    store.write(|w| w.upsert_score(&entered)).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "青山镇人民政府");
    assert!(
        harness
            .get_by_label("删除草稿…")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn final_indicators_that_issued_agreements_carry_say_beside_the_button_why_they_stay() {
    let mut harness = harness(demo_store());
    click(&mut harness, "考核指标");
    assert!(
        harness
            .get_by_label("取消定稿")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label_contains("附件中的考核指标已随之冻结，不能取消定稿");
    // The demo's 镇街 has signed and archived ones: they are assessed as signed.
    harness.get_by_label_contains("已签订的按签订的文本考核");
}

#[test]
fn a_pdf_file_is_verified_from_the_window() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let first = store.agreements(2025).unwrap().remove(0);
    let report = zerenshu::workflow::export::export(
        &mut store,
        &zerenshu::pdf::fonts::FontSet::shipped(),
        2025,
        Some(&[first.id]),
        dir.path(),
        &std::sync::atomic::AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let exported = report.written[0].clone();
    let mut altered = std::fs::read(&exported).unwrap();
    let last = altered.len() - 10;
    altered[last] ^= 1;
    let altered_path = dir.path().join("改过的.pdf");
    std::fs::write(&altered_path, &altered).unwrap();
    let text_path = dir.path().join("说明.pdf");
    std::fs::write(&text_path, "不是 PDF").unwrap();
    let mut harness = harness(store);
    // The button opens a file picker.
    click(&mut harness, "核验 PDF…");
    harness.get_by_label("选择要核验的 PDF 文件");
    let verify = |harness: &mut Harness<'static, App>, path: &std::path::Path| {
        harness
            .state_mut()
            .queue_command(zerenshu::ui::Command::VerifyPdf(path.to_owned()));
        harness.run();
    };
    verify(&mut harness, &exported);
    let said = |harness: &Harness<'static, App>, part: &str| {
        harness.state().toast_texts().any(|t| t.contains(part))
    };
    // The answer stays under the toolbar (a toast would fade unread), until closed or the next.
    harness.get_by_label_contains("一致：此文件是 2025 年度第 1 号责任书");
    verify(&mut harness, &altered_path);
    harness.get_by_label_contains("不一致：校验码对应 2025 年度第 1 号责任书");
    assert!(
        (harness.query_by_label_contains("一致：此文件是 2025 年度第 1 号责任书")).is_none(),
        "the one before replaced"
    );
    // (The picker opened above is still up: the button is pressed through accessibility.)
    harness.get_by_label("关闭").click_accesskit();
    harness.run();
    assert!(
        (harness.query_by_label_contains("不一致：校验码对应 2025 年度第 1 号责任书")).is_none()
    );
    verify(&mut harness, &text_path);
    assert!(said(&harness, "“说明.pdf”不是 PDF 文件"));
}

/// Asserts 标记定稿 is greyed, then asks for it all the same (as a second window could), for
/// the store's own refusal.
fn mark_final_anyway(harness: &mut Harness<'static, App>, set_id: i64) {
    assert!(
        harness
            .get_by_label("标记定稿")
            .accesskit_node()
            .is_disabled()
    );
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetIndicatorsFinal {
            set_id,
            is_final: true,
        });
    harness.run();
}

/// A set cannot be marked final while its category's template prints a list of rules it has
/// no item of: the agreements drawn from them could not be finalized.
#[test]
fn indicators_whose_template_lists_rules_they_lack_are_not_marked_final() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = (store.indicator_sets(2026).unwrap().into_iter())
        .next()
        .unwrap();
    set.items
        .retain(|item| item.kind != zerenshu::model::ItemKind::Veto);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    let mut harness = harness_for(store, 2026);
    // Said beside the button before it is clicked, which waits for it.
    click(&mut harness, "考核指标");
    harness.get_by_label(
        "不能定稿：本类别的模板用到了{一票否决事项}，但考核指标中还没有一票否决项目，责任书中该处将是空的：请先添加一票否决项目，或从模板中删去该占位符",
    );
    mark_final_anyway(&mut harness, set.id);
    let toasts: Vec<String> = harness.state().toast_texts().map(str::to_owned).collect();
    assert!(
        toasts.iter().any(|t| t.contains(
            "不能定稿：本类别的模板用到了{一票否决事项}，但考核指标中还没有一票否决项目"
        )),
        "{toasts:?}"
    );
    let stored = (harness.state().store().unwrap().indicator_sets(2026))
        .unwrap()
        .remove(0);
    assert!(!stored.is_final);
}

/// An indicator without 考核标准 would print an empty cell in every agreement's annex: the
/// set is not marked final, and why is said beside the greyed button.
#[test]
fn indicators_with_a_criterion_left_empty_are_not_marked_final() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = (store.indicator_sets(2026).unwrap().into_iter())
        .next()
        .unwrap();
    set.indicators[2].criteria = String::new();
    let name = set.indicators[2].name.clone();
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    harness.get_by_label(&format!(
        "不能定稿：第 3 项指标“{name}”没有填写考核标准（责任书附件表中会是空格）"
    ));
    mark_final_anyway(&mut harness, set.id);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.contains("没有填写考核标准")),
        "the store refuses it too"
    );
}

/// In a year being assessed, the template tab says its edits reach only agreements drafted
/// from then on; while signing it says nothing of the kind; a published year's template is for
/// reading, its fields and 保存模板 disabled.
#[test]
fn a_template_of_a_year_past_signing_says_whom_its_edits_reach() {
    let note = "这里的修改只用于此后新起草的责任书，已定稿、已签订的责任书保持原文";
    let mut store = demo_store();
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = harness_for(store, 2025);
    click(&mut harness, "模板");
    harness.get_by_label_contains(&format!("2025 年度已到“考核”阶段：{note}"));
    let mut harness = harness_for(demo_store(), 2025);
    click(&mut harness, "模板");
    assert!(harness.query_by_label_contains(note).is_none());

    let mut harness = harness_for(demo_store(), 2024);
    click(&mut harness, "模板");
    assert!(harness.query_by_label_contains(note).is_none());
    harness.get_by_label_contains("2024 年度考核结果已通报，不再起草责任书，模板只供查阅");
    let down = harness.get_all_by_label("本条下移").next().unwrap();
    assert!(down.accesskit_node().is_disabled());
    assert!(
        harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
}

/// Before a save, the tab says that the issued agreements on the version keep it and its
/// drafts move to the new one.
#[test]
fn a_template_used_by_issued_agreements_and_drafts_says_whom_a_save_reaches() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let store = harness.state().store().unwrap();
    let template = store.templates(2025).unwrap().remove(0);
    let using: Vec<_> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| a.draft.template_id == template.id)
        .collect();
    let issued = using.iter().filter(|a| a.status.is_issued()).count();
    let drafts = using.len() - issued;
    assert!(issued > 0 && drafts > 0, "{issued} {drafts}");
    harness.get_by_label(&format!(
        "（{issued} 份已定稿（含已打印、已签订、已归档）的责任书使用此版，保存后生成新版本，它们保留原版；{drafts} 份草稿改用新版本）"
    ));
}

/// Ctrl+S saves the template, as 保存模板 does; with nothing changed it does nothing.
#[test]
fn ctrl_s_saves_the_template() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let versions = crate::support::template_versions;
    let before = versions(&harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(versions(&harness), before, "nothing to save");
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    harness.run();
    assert_eq!(versions(&harness), before + 1, "saved as a new version");
}

/// A value retyped to mean what was saved ("５" for 5, in full-width digits) is no change: the
/// tab says nothing is unsaved, as 保存指标 (greyed) and 标记定稿 (offered) say.
#[test]
fn a_value_retyped_in_full_width_digits_is_no_unsaved_change() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let cap = |harness: &Harness<'_, App>| {
        let node = harness.get_by_role_and_label(Role::TextInput, "加分上限");
        node.value().unwrap_or_default()
    };
    assert_eq!(cap(&harness), "5");
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .type_text("５");
    harness.run();
    assert_eq!(cap(&harness), "５");
    assert!(harness.query_by_label_contains("有未保存的修改").is_none());
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        !harness
            .get_by_label("标记定稿")
            .accesskit_node()
            .is_disabled()
    );
    // A real change is said.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .type_text("4");
    harness.run();
    harness.get_by_label("有未保存的修改（考核指标）");
    // A cap above the full score (500 for 5) is a slip: not saved, and said.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .type_text("500");
    harness.run();
    harness.get_by_label_contains("加分上限 500 分超过满分 100 分，请检查");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
}

/// A long indicator name cut at its field's edge shows whole under the pointer (the annex
/// wraps it; the one-line field cannot).
#[test]
fn a_long_indicator_name_shows_whole_on_hover() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let long = "“安全生产月”活动及Safety Week宣传教育培训开展情况";
    // The `row`th name field, acted on and the frame run.
    let name =
        |harness: &mut Harness<'_, App>, row: usize, act: &dyn Fn(&egui_kittest::Node<'_>)| {
            act(&harness
                .get_all_by_role_and_label(Role::TextInput, "考核项目")
                .nth(row)
                .unwrap());
            harness.run();
        };
    name(&mut harness, 0, &|node| node.focus());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    name(&mut harness, 0, &|node| node.type_text(long));
    name(&mut harness, 0, &|node| node.hover());
    assert!(harness.query_by_label(long).is_none(), "not while typed in");
    name(&mut harness, 1, &|node| node.focus());
    name(&mut harness, 0, &|node| node.hover());
    harness.get_by_label(long);
}

/// The question before 定稿 names the agreements whose control targets are still the ones a
/// draft starts with, likely never set for the unit; without refusing.
#[test]
fn the_finalize_question_names_control_targets_left_at_their_start() {
    let store = demo_store();
    let agreement = qingshan_2025(&store);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring.control_targets = zerenshu::workflow::drafting::starting_targets(None);
    let mut harness = finalize_question_with(store, agreement.id, &tailoring);
    harness
        .get_by_label_contains("青山镇的控制指标仍是起草时的默认值（较大及以上生产安全事故0起）");
    click(&mut harness, "确认定稿");
    let agreement = qingshan_2025(harness.state().store().unwrap());
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Final);
}

/// Every wrong field of the indicator tab is named at once under it (not one at a time), and
/// a rule item repeated within its kind is refused before the save, as a repeated name is.
#[test]
fn every_problem_of_the_indicator_tab_is_named_at_once() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let set = store.indicator_sets(2026).unwrap().remove(0);
    let deduction = (set.items.iter())
        .find(|item| item.kind == zerenshu::model::ItemKind::Deduction)
        .unwrap()
        .name
        .clone();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    crate::support::retype_nth(&mut harness, "分值", 0, "6.125");
    crate::support::retype_nth(&mut harness, "分值", 1, "abc");
    harness.get_by_label_contains("第 1 项指标的分值：");
    harness.get_by_label_contains("第 2 项指标的分值：");
    // A deduction item typed again as another one of its kind.
    let conditions: Vec<String> = (harness.get_all_by_role_and_label(Role::TextInput, "条件"))
        .map(|node| node.accesskit_node().value().unwrap_or_default())
        .collect();
    let other = (conditions.iter())
        .rposition(|c| {
            *c != deduction
                && set
                    .items
                    .iter()
                    .any(|i| i.name == *c && i.kind == zerenshu::model::ItemKind::Deduction)
        })
        .unwrap();
    crate::support::retype_nth(&mut harness, "条件", other, &deduction);
    harness.get_by_label_contains(&format!("扣分事项“{deduction}”重复，请删去重复的一项"));
    assert!(crate::support::is_button_disabled(&harness, "保存指标"));
}

/// A planned signing date already behind (carried over by a rollover in December) is a step
/// still to do before the first batch draft, not one done.
#[test]
fn a_planned_signing_date_passed_is_a_step_still_to_do() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let yesterday = chrono::Local::now().date_naive() - chrono::Days::new(1);
    let mut year = store.year(2026).unwrap().unwrap();
    year.planned_signing_date = Some(yesterday);
    store.write(|w| w.update_year(&year, None)).unwrap();
    let harness = harness_for(store, 2026);
    harness.get_by_label(&format!(
        "2. 在“设置 → 年度设置”中填写甲方签字人和计划签订日期（待完成：计划签订日期 {} 已过，请改为今后的日期）",
        zerenshu::model::dates::show_date(yesterday)
    ));
}

/// A bonus item worth more than the category's 加分上限 could never count in full: said
/// beside the rules, and the set not saved.
#[test]
fn a_bonus_item_above_the_bonus_cap_is_refused() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let set = store.indicator_sets(2026).unwrap().remove(0);
    let bonus = (set.items.iter())
        .position(|item| item.kind == zerenshu::model::ItemKind::Bonus)
        .unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    // The indicators' 分值 fields come first, then the rules'.
    let at = set.indicators.len() + bonus;
    let field = |harness: &Harness<'_, App>| {
        let node = harness
            .get_all_by_role_and_label(Role::TextInput, "分值")
            .nth(at)
            .unwrap();
        node.accesskit_node().value().unwrap_or_default()
    };
    assert_eq!(field(&harness), set.items[bonus].points.to_string());
    (harness
        .get_all_by_role_and_label(Role::TextInput, "分值")
        .nth(at))
    .unwrap()
    .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    (harness
        .get_all_by_role_and_label(Role::TextInput, "分值")
        .nth(at))
    .unwrap()
    .type_text("10");
    harness.run();
    assert_eq!(field(&harness), "10");
    harness.get_by_label_contains(&format!(
        "每次 10 分，超过本类别的加分上限 {} 分",
        set.bonus_cap
    ));
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
}
