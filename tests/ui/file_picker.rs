//! The file chooser's 上一级 goes up from the path typed into its field, not from the folder
//! listed before; a typed path that is not there is named in Chinese.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState, View};

fn harness() -> Harness<'static, App> {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let state = UiState {
        view: View::Notice,
        year: Some(2025),
        ..UiState::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), state)
        });
    harness.run();
    harness
}

/// Replaces the path typed in the chooser, without pressing Enter.
fn type_path(harness: &mut Harness<'_, App>, path: &Path) {
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .type_text(path.to_str().unwrap());
    harness.run();
}

fn shown_path(harness: &Harness<'_, App>) -> String {
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .value()
        .unwrap()
}

fn up(harness: &mut Harness<'_, App>) {
    harness.get_by_label("上一级").click();
    harness.run();
}

#[test]
fn up_goes_from_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let (outer, inner) = (
        dir.path().join("上级"),
        dir.path().join("上级").join("下级"),
    );
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(inner.join("说明.txt"), "x").unwrap();
    let mut harness = harness();
    harness.get_by_label("导出得分汇总表…").click();
    harness.run();

    // Typed, not entered: 上一级 goes above it, wherever the chooser started.
    type_path(&mut harness, &inner);
    up(&mut harness);
    assert_eq!(shown_path(&harness), outer.display().to_string());
    harness.get_by_label("下级/");
    // Nothing typed: above the folder listed.
    up(&mut harness);
    assert_eq!(shown_path(&harness), dir.path().display().to_string());
    harness.get_by_label("上级/");

    // A file's path: above the folder it is in.
    type_path(&mut harness, &inner.join("说明.txt"));
    up(&mut harness);
    assert_eq!(shown_path(&harness), outer.display().to_string());

    // A path that is not there: said so, and the listing stays.
    let missing = dir.path().join("没有这个文件夹");
    type_path(&mut harness, &missing);
    up(&mut harness);
    harness.get_by_label(&format!(
        "路径中的文件夹不存在，无法转到上一级：{}",
        missing.display()
    ));
    harness.get_by_label("下级/");
    assert_eq!(shown_path(&harness), missing.display().to_string());
}
