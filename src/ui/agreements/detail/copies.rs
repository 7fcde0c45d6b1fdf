//! The detail's 一式份数 row of a draft.

use crate::model::Agreement;

use super::super::super::write_access::WriteAccess;
use super::super::Command;
use super::Detail;

impl Detail {
    /// 一式 N 份 of a draft: the number goes into the text, so it is frozen at 定稿.
    pub(super) fn copies_row(
        &mut self,
        ui: &mut egui::Ui,
        agreement: &Agreement,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        // Saved since (or another agreement's): the field starts again from what is saved.
        let saved = agreement.draft.copies;
        let typed = (self.copies)
            .filter(|(was, _)| *was == saved)
            .map_or(saved, |(_, typed)| typed);
        let (_, copies) = self.copies.insert((saved, typed));
        ui.horizontal(|ui| {
            let label = ui.label("一式份数");
            access
                .add_enabled(
                    ui,
                    true,
                    egui::DragValue::new(copies)
                        .range(
                            crate::model::agreement::MIN_COPIES
                                ..=crate::model::agreement::MAX_COPIES,
                        )
                        .clamp_existing_to_range(true)
                        .suffix(" 份"),
                )
                .labelled_by(label.id)
                .on_hover_text("写入正文“一式几份”，也是打印时默认印的份数；定稿后不能再修改");
            let save = access.add_enabled(
                ui,
                *copies != agreement.draft.copies,
                egui::Button::new("保存份数"),
            );
            if save.clicked() {
                // Greyed once saved: pressed from the keyboard, the keyboard goes to the
                // detail's first button rather than nowhere.
                if save.has_focus() {
                    self.after_write = Some(super::AfterWrite::FirstButton);
                }
                commands.push(Command::SetCopies {
                    id: agreement.id,
                    copies: *copies,
                });
            }
        });
    }
}
