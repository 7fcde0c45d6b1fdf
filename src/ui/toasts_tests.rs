//! Tests of the toasts: how long each stays, where the stack goes, and what a burst keeps.

use super::*;

#[test]
fn a_long_result_stays_long_enough_to_read() {
    let duration = |kind, text: String| {
        let toast = Toast {
            kind,
            text,
            shown_at: None,
            action: None,
            is_screen_hint: false,
            hole: None,
        };
        toast.duration().as_secs()
    };
    assert_eq!(duration(ToastKind::Success, "已保存".into()), 4);
    assert_eq!(duration(ToastKind::Success, "一".repeat(80)), 8);
    assert_eq!(duration(ToastKind::Success, "一".repeat(500)), 10);
    assert_eq!(duration(ToastKind::Error, "失败".into()), 10);
    let with_button = Toast {
        kind: ToastKind::Success,
        text: "已导出 45 份 PDF".into(),
        shown_at: None,
        action: Some(("打开文件夹".into(), std::path::PathBuf::from("/tmp"))),
        is_screen_hint: false,
        hole: None,
    };
    assert_eq!(with_button.duration().as_secs(), 20);
}

#[test]
fn a_screen_hint_goes_with_its_screen_and_a_warning_stays() {
    let mut toasts = Toasts::default();
    toasts.warning("注意：本机未安装公文字体");
    toasts.screen_hint("请按 F2 一并修改");
    toasts.success("已保存");
    toasts.clear_on_leaving();
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        ["注意：本机未安装公文字体"]
    );
}

#[test]
fn toasts_stay_while_the_pointer_is_on_them() {
    let mut toasts = Toasts::default();
    toasts.success("已保存");
    toasts.warning("注意：本机未安装公文字体");
    let ctx = egui::Context::default();
    let run = |toasts: &mut Toasts, time: f64, events: Vec<egui::Event>| {
        let input = egui::RawInput {
            time: Some(time),
            events,
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| toasts.show(ui.ctx()));
        output.textures_delta.clear();
    };
    // Laid out and placed in the first frames (an area is sized before it is shown).
    for _ in 0..3 {
        run(&mut toasts, 0.0, Vec::new());
    }
    let rect = ctx
        .memory(|m| m.area_rect(egui::Id::unique("toasts")))
        .unwrap();
    // On them from 3 s to 30 s: both stay, long after the result's 4 s and the warning's
    // 10 s (the warning expiring would move the result from under the pointer).
    for second in (3..=30).step_by(3) {
        let moved = egui::Event::PointerMoved(rect.center());
        run(&mut toasts, f64::from(second), vec![moved]);
    }
    assert_eq!(toasts.texts().count(), 2);
    // The pointer gone, they go in their time.
    run(&mut toasts, 31.0, vec![egui::Event::PointerGone]);
    run(&mut toasts, 45.0, Vec::new());
    assert_eq!(toasts.texts().count(), 0);
    // A pointer left resting there (where a dialog's 确定 was) keeps them only a while.
    toasts.success("已导出");
    run(
        &mut toasts,
        46.0,
        vec![egui::Event::PointerMoved(rect.center())],
    );
    for second in 47..=70 {
        run(&mut toasts, f64::from(second), Vec::new());
    }
    assert_eq!(toasts.texts().count(), 0);
}

/// A stack that would lie over the field the keyboard is in (a score cell at the window's
/// foot) goes to the other foot corner, or up to the top right one when that would cover
/// it too; back to its place once the keyboard is elsewhere.
#[test]
fn toasts_keep_clear_of_the_field_the_keyboard_is_in() {
    let mut toasts = Toasts::default();
    toasts.success("已修改评分，新旧分值与理由“复核更正”已记入操作记录");
    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    let run = |toasts: &mut Toasts, field: Option<egui::Rect>| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            if let Some(field) = field {
                keep_clear_of(ui.ctx(), field);
            }
            toasts.show(ui.ctx());
        });
        output.textures_delta.clear();
    };
    let stack = || {
        ctx.memory(|m| m.area_rect(egui::Id::unique("toasts")))
            .unwrap()
    };
    let at_foot = |stack: egui::Rect| stack.top() > 500.0;
    for _ in 0..3 {
        run(&mut toasts, None);
    }
    assert!(at_foot(stack()) && stack().right() > 900.0, "{:?}", stack());
    // A cell at the right: the stack goes to the left foot corner.
    let cell = egui::Rect::from_min_size(egui::pos2(900.0, 660.0), egui::vec2(60.0, 20.0));
    for _ in 0..3 {
        run(&mut toasts, Some(cell));
    }
    assert!(at_foot(stack()) && stack().left() < 100.0, "{:?}", stack());
    // A field across the whole foot: up to the top right corner.
    let wide = egui::Rect::from_min_size(egui::pos2(10.0, 660.0), egui::vec2(1000.0, 20.0));
    for _ in 0..3 {
        run(&mut toasts, Some(wide));
    }
    assert!(
        stack().top() < 100.0 && stack().right() > 900.0,
        "{:?}",
        stack()
    );
    for _ in 0..3 {
        run(&mut toasts, None);
    }
    assert!(at_foot(stack()) && stack().right() > 900.0, "{:?}", stack());
    // Two things kept clear of in one frame (a cell at the right, lines at the left): the
    // stack keeps clear of both, up at the top.
    let lines = egui::Rect::from_min_size(egui::pos2(20.0, 640.0), egui::vec2(300.0, 40.0));
    let run_both = |toasts: &mut Toasts| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            keep_clear_of(ui.ctx(), cell);
            keep_clear_of(ui.ctx(), lines);
            toasts.show(ui.ctx());
        });
        output.textures_delta.clear();
    };
    for _ in 0..3 {
        run_both(&mut toasts);
    }
    assert!(stack().top() < 100.0, "{:?}", stack());
}

#[test]
fn a_warning_naming_a_file_stays_until_closed_or_two_minutes() {
    let mut toasts = Toasts::default();
    toasts.warning_with_action(
        "已生成打印文件，但无法自动打开",
        "打开文件夹",
        "/tmp".into(),
    );
    toasts.success_with_action("已导出", "打开文件夹", "/tmp".into());
    toasts.warning("另有 1 份与上次打印不同");
    let sticky: Vec<bool> = toasts.items.iter().map(Toast::is_sticky).collect();
    assert_eq!(sticky, [true, false, false]);
    // Long after it was shown, it is still there; the others are gone.
    let ctx = egui::Context::default();
    let run = |toasts: &mut Toasts, time: f64| {
        let input = egui::RawInput {
            time: Some(time),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| toasts.show(ui.ctx()));
        output.textures_delta.clear();
    };
    for time in [0.0, 60.0] {
        run(&mut toasts, time);
    }
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        ["已生成打印文件，但无法自动打开"]
    );
    // Not for good: it would cover the window's last rows.
    run(&mut toasts, 121.0);
    assert_eq!(toasts.texts().count(), 0);
}

#[test]
fn a_newer_warning_naming_a_file_replaces_the_older_one() {
    let mut toasts = Toasts::default();
    for second in ["01", "02", "03"] {
        toasts.warning_with_action(
            format!(
                "已生成打印文件，但本机找不到用来打开它的程序，请手动打开：/tmp/打印-{second}.pdf"
            ),
            "打开文件夹",
            "/tmp".into(),
        );
    }
    toasts.warning("另有 1 份与上次打印不同");
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        [
            "已生成打印文件，但本机找不到用来打开它的程序，请手动打开：/tmp/打印-03.pdf",
            "另有 1 份与上次打印不同"
        ]
    );
}

#[test]
fn a_burst_keeps_the_newest_three_and_the_sticky_warning() {
    let mut toasts = Toasts::default();
    toasts.warning_with_action("请手动打开打印文件", "打开文件夹", "/tmp".into());
    for n in 1..=5 {
        toasts.success(format!("第 {n} 条"));
    }
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        ["请手动打开打印文件", "第 4 条", "第 5 条"]
    );
    // An error stays while later results come and go.
    toasts.error("导出失败");
    toasts.success("第 6 条");
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        ["请手动打开打印文件", "导出失败", "第 6 条"]
    );
    // A result queued after errors is shown: an older error makes room.
    toasts.error("另一个错误");
    toasts.success("第 7 条");
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        ["请手动打开打印文件", "另一个错误", "第 7 条"]
    );
}

#[test]
fn where_a_file_went_outlasts_the_notes_after_it() {
    let mut toasts = Toasts::default();
    toasts.success_with_action("已导出考核结果通报：通报.pdf", "打开文件夹", "/tmp".into());
    for note in [
        "注意：通报后又修改过",
        "提示：本机未安装字体",
        "提示：“嘡”改用",
    ] {
        toasts.warning(note);
    }
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        [
            "已导出考核结果通报：通报.pdf",
            "提示：本机未安装字体",
            "提示：“嘡”改用"
        ]
    );
}

#[test]
fn the_same_message_on_screen_is_shown_once() {
    let mut toasts = Toasts::default();
    toasts.error("数据库以只读方式打开：另一窗口；不能保存修改");
    toasts.error("数据库以只读方式打开：另一窗口；不能保存修改");
    toasts.success("数据库以只读方式打开：另一窗口；不能保存修改");
    toasts.error("另一条");
    assert_eq!(toasts.texts().count(), 3);
}

/// The lower of two toasts closed with the pointer on the stack: its room stays, so that the
/// upper one does not slide down under the pointer; the pointer gone, the stack closes up.
#[test]
fn a_toast_closed_under_the_pointer_leaves_its_room_until_the_pointer_goes() {
    let mut toasts = Toasts::default();
    toasts.warning("注意：本机未安装公文字体");
    toasts.error("导出失败：文件夹不可写");
    let ctx = egui::Context::default();
    let run = |toasts: &mut Toasts, events: Vec<egui::Event>| {
        let input = egui::RawInput {
            time: Some(1.0),
            events,
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| toasts.show(ui.ctx()));
        output.textures_delta.clear();
    };
    for _ in 0..3 {
        run(&mut toasts, Vec::new());
    }
    let stack = || {
        ctx.memory(|m| m.area_rect(egui::Id::unique("toasts")))
            .unwrap()
    };
    let before = stack();
    // A click on the lower toast (the newer, at the foot of the stack) closes it.
    let at = egui::pos2(before.center().x, before.bottom() - 8.0);
    let click = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    run(&mut toasts, vec![egui::Event::PointerMoved(at)]);
    run(&mut toasts, vec![click(true), click(false)]);
    run(&mut toasts, Vec::new());
    assert_eq!(
        toasts.texts().collect::<Vec<_>>(),
        ["注意：本机未安装公文字体"]
    );
    assert_eq!(
        stack(),
        before,
        "the stack keeps its room under the pointer"
    );
    run(&mut toasts, vec![egui::Event::PointerGone]);
    run(&mut toasts, Vec::new());
    assert!(
        stack().height() < before.height() - 20.0,
        "closed up: {:?} from {before:?}",
        stack()
    );
    // The last one closed, nothing is kept: no empty room left to take the clicks meant for
    // what lies under it.
    run(&mut toasts, Vec::new());
    let at = stack().center();
    run(&mut toasts, vec![egui::Event::PointerMoved(at)]);
    let click = |pressed| egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    run(&mut toasts, vec![click(true), click(false)]);
    assert!(toasts.items.is_empty(), "{:?}", toasts.items);
}
