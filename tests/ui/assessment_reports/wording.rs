//! The notice wording editor: placeholders checked, picked into the field last typed in and
//! used in the notice; locked once published; a 发文字号 another year's notice carries refused;
//! opened at its first field, with buttons that stay put, and the keyboard given back to the
//! field after 继续编辑.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::{App, UiState, View};

use super::notice_harness;

use crate::support::{demo_store, showing, type_into, window};

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
    crate::support::get_by_text_contains(&harness, "】未知的占位符“{单位}”");
    // The preview marks it 〔〕, as the template preview does.
    crate::support::get_by_text_contains(&harness, "〔单位〕");
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
    // sentence on units failing years in a row read whole, with the year's own units named.
    crate::support::get_by_text_contains(&harness, "（主送，按参加考核的单位自动写出）");
    // Down to the 落款 and the 版记, as the notice ends.
    crate::support::get_by_text_contains(&harness, "（成文日期：导出通报时选定");
    harness.get_by_label("附件：2024年度安全生产目标管理考核得分情况表");
    crate::support::get_by_text_contains(&harness, "（此处由程序按等次分节列出各单位");
    crate::support::get_by_text_contains(
        &harness,
        "龙泉镇人民政府2023、2024年度连续两年考核等次为不合格，其主要负责人须",
    );
    // A placeholder is picked from the list, into the field last typed in, at its cursor.
    let addressee = "主送（留空则按考核单位自动生成）";
    type_into(&mut harness, addressee, "各镇人民政府，");
    harness.get_by_label("{本级}").click();
    harness.run();
    // (Shown ending in its colon, as the notice prints it.)
    harness.get_by_label("各镇人民政府，市：");
    // A second placeholder follows the first, where the cursor moved to.
    harness.get_by_label("{年度}").click();
    harness.run();
    harness.get_by_label("各镇人民政府，市2024：");
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
fn a_published_years_wording_is_shown_locked() {
    let mut harness = notice_harness();
    harness.get_by_label("通报措辞…").click();
    harness.run();
    crate::support::get_by_text_contains(&harness, "考核结果已通报，通报措辞不能再修改");
    // The 主送 the program writes is previewed as it will print.
    crate::support::get_by_text_contains(
        &harness,
        "各镇人民政府、街道办事处，示例经济开发区管委会，市安委会各成员单位：（主送，按参加考核的单位自动写出）",
    );
    for locked in ["保存措辞", "恢复默认措辞"] {
        assert!(
            harness.get_by_label(locked).accesskit_node().is_disabled(),
            "{locked}"
        );
    }
    // The fields are read-only, not greyed: what is stored does not read as an example.
    let number = harness.get_by_label("发文字号（如 示政通〔2025〕1号；留空则不印红色版头）");
    assert!(number.accesskit_node().is_read_only());
    assert!(!number.accesskit_node().is_disabled());
    // Nothing to cancel: the way out is 关闭, and Esc closes it as 关闭 does.
    assert!(harness.query_by_label("取消").is_none());
    harness.get_by_label("关闭");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("保存措辞").is_none());
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
    // No number yet: the preview says the notice starts at its title.
    crate::support::get_by_text_contains(&harness, "未填发文字号：通报不印版头");
    let field = "发文字号（如 示政通〔2026〕1号；留空则不印红色版头）";
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text("示政通〔2025〕3号");
    harness.run();
    crate::support::get_by_text_contains(&harness, "已用于 2024 年度的通报，同一文号不能用两次");
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
    // The preview shows the 版头 and the number above the title, as they print.
    crate::support::get_by_text_contains(&harness, "（版头，红色）");
    crate::support::get_by_text_contains(&harness, "示政通〔2025〕4号");
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
                "发文字号（如 示政通〔2026〕1号；留空则不印红色版头）",
            )
            .rect()
    };
    harness.get_by_label("通报措辞…").click();
    harness.run();
    let top = first(&harness);
    // With the keyboard in it, as other dialogs open.
    assert!(
        crate::support::keyboard_on(&harness).is_some_and(|on| on.starts_with("发文字号")),
        "{:?}",
        crate::support::keyboard_on(&harness)
    );
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

/// A character no font has, typed into the wording, is named by its place and its code (it
/// shows as nothing in the field), not as an empty “ ” the clerk cannot find.
#[test]
fn an_unprintable_character_in_the_wording_is_named_by_its_place_and_code() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 900.0],
    );
    // Drawn as a box in the field meanwhile.
    harness
        .ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    wording_title_typed(&mut harness, "😀");
    let title = harness.state().store().unwrap();
    let length = zerenshu::workflow::notice::wording(title, 2025)
        .unwrap()
        .title
        .chars()
        .count();
    harness.get_by_label_contains(&format!(
        "【标题】中有现有字体都无法打印的字：第 {} 个字“〔U+1F600〕”，",
        length + 1
    ));
}

/// The example 发文字号 is written under the office's own 甲方, not the demo city's.
#[test]
fn the_example_document_number_is_the_party_a_s() {
    let mut store = demo_store();
    let mut year = store.year(2025).unwrap().unwrap();
    year.party_a_name = "青山市人民政府".to_owned();
    zerenshu::workflow::notice::save_year(&mut store, &year, None).unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 900.0]);
    harness.get_by_label("通报措辞…").click();
    harness.run();
    harness.get_by_label("发文字号（如 青政通〔2026〕1号；留空则不印红色版头）");
}
