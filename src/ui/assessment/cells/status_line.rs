//! The status line above the 考核 grid: the refusal of the cell the keyboard is on, else the
//! latest refusal while nothing was saved after it, else what the red frames left mean.

use super::{CellEditor, RED_FRAME_NOTE};
use crate::ui::assessment::navigation::Stop;
use crate::ui::command::Command;

/// How many other refused cells the status line names beside the latest refusal.
const OTHERS_NAMED: usize = 3;

impl CellEditor {
    /// What the cells just emptied held: "已清除“城关街道 组织领导 考核”的分值（原为 5）", or
    /// of several, "已清除 2 格的分值：“…自评”（原为 6）、“…考核”（原为 5.5）".
    fn cleared_message(&self) -> String {
        let each = |c: &super::Cleared| {
            format!(
                "{}（原为 {}）",
                crate::model::punctuation::quoted(&c.label),
                c.old
            )
        };
        match self.cleared.as_slice() {
            [one] => format!(
                "已清除{}的分值（原为 {}）",
                crate::model::punctuation::quoted(&one.label),
                one.old
            ),
            all => format!(
                "已清除 {} 格的分值：{}",
                all.len(),
                all.iter().map(each).collect::<Vec<_>>().join("、")
            ),
        }
    }

    /// The status line above the grid: the latest refusal, in a line of fixed height so the
    /// grid does not move when a message comes or goes. A cell just emptied is said with a
    /// button that puts its value back (a stray Backspace and Tab delete a score).
    pub fn status_line(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // Once a frame: when a key was last pressed (see `keys_at`), or text typed in any
        // way (an input method's too) or pasted.
        let is_typed = |event: &egui::Event| {
            matches!(
                event,
                egui::Event::Key { pressed: true, .. }
                    | egui::Event::Text(_)
                    | egui::Event::Ime(_)
                    | egui::Event::Paste(_)
            )
        };
        if ui.input(|i| i.events.iter().any(is_typed)) {
            self.keys_at = ui.input(|i| i.time);
        }
        let size = egui::vec2(
            ui.available_width(),
            ui.text_style_height(&egui::TextStyle::Body) + 6.0,
        );
        ui.allocate_ui_with_layout(
            size,
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_size(size);
                // The red cell with the keyboard names its refusal again, read without the
                // mouse; after the value just refused elsewhere (the keyboard moved on from it
                // into a cell refused earlier), so that the new refusal is never hidden.
                // Not over a cell just emptied (the keyboard Tabbed on from it into a red one):
                // that the score went, and 恢复原值, are said first.
                let is_cleared_latest = (self.cleared.last())
                    .is_some_and(|last| self.stamps.is_latest_write(last.stamp));
                let on_red = (self.keyboard_stop)
                    .filter(|_| !is_cleared_latest)
                    .and_then(|stop| match stop {
                        Stop::Cell(key) => self.refusals.iter().find(|r| r.key == key),
                        Stop::Name(_) => None,
                    });
                if let Some(refusal) = on_red {
                    let just_refused = (self.refusals.last())
                        .filter(|r| r.key != refusal.key && self.stamps.is_current(r.stamp));
                    let text = match just_refused {
                        Some(latest) => format!(
                            "{}；当前格此前也有未被接受的值：{}",
                            latest.message, refusal.message
                        ),
                        None => refusal.message.clone(),
                    };
                    let text = egui::RichText::new(text).color(ui.visuals().error_fg_color);
                    ui.add(egui::Label::new(text).truncate());
                    return;
                }
                // Something saved since retires the message; the cells keep their red frame,
                // which the line then explains.
                let Some(latest) = self
                    .refusals
                    .last()
                    .filter(|r| self.stamps.is_current(r.stamp))
                else {
                    if (self.cleared.last())
                        .is_some_and(|last| self.stamps.is_latest_write(last.stamp))
                    {
                        let text = egui::RichText::new(self.cleared_message())
                            .color(ui.visuals().warn_fg_color);
                        ui.add(egui::Label::new(text).truncate());
                        if ui.small_button("恢复原值").clicked() {
                            let first = self.cleared.first().map(|c| c.key);
                            // The latest first: a score emptied in both halves gets its first
                            // half back last, over the second's write.
                            // One stamp a write: the app answers each write.
                            for cleared in self.cleared.drain(..).rev() {
                                commands.push(cleared.restore);
                                self.stamps.write();
                            }
                            // Back to the cell the clerk was typing in, so that what is
                            // typed next goes on into the grid, not nowhere.
                            if let Some(first) = first {
                                self.refocus_cell(ui.ctx(), first);
                            }
                            // Pressed with Enter or Space: the key pressed it, and is not
                            // carried on into the cell (Enter there moves down a unit).
                            ui.input_mut(|i| {
                                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter);
                                i.consume_key(egui::Modifiers::NONE, egui::Key::Space);
                            });
                        }
                    } else if !self.refusals.is_empty() {
                        ui.add(
                            egui::Label::new(egui::RichText::new(RED_FRAME_NOTE).weak()).truncate(),
                        );
                    }
                    return;
                };
                let others = self.refusals.len() - 1;
                let text = if others == 0 {
                    latest.message.clone()
                } else {
                    // Named, the first few: a red frame may be scrolled out of sight.
                    let named: Vec<&str> = (self.refusals.iter().rev().skip(1))
                        .take(OTHERS_NAMED)
                        .map(|r| r.label.as_str())
                        .collect();
                    let more = if others > OTHERS_NAMED { "等" } else { "" };
                    format!(
                        "{}（另有 {others} 格的值未被接受：{}{more}，见红框）",
                        latest.message,
                        named.join("、")
                    )
                };
                let text = egui::RichText::new(text).color(ui.visuals().error_fg_color);
                ui.add(egui::Label::new(text).truncate());
            },
        );
    }
}
