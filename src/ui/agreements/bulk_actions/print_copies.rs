//! The print file's copies on the signing tracker's toolbar: each agreement's own number
//! (一式 N 份, the default) or one number for all (统一印), for the next print only, and what
//! is said of it after the buttons.

use crate::pdf::agreement::MAX_COPIES;

use super::{BulkActions, FIXED_COPIES_START};

impl BulkActions {
    /// The print file's copies: each agreement's own number (一式 N 份, the default) or one
    /// number for all.
    /// `differing` agreements say another number in their text than the one for all; `usual`
    /// gives the number most of them are in, where 统一印 starts. Returns what is to be said
    /// of the number, after the row's buttons.
    pub(super) fn print_copies(
        &mut self,
        ui: &mut egui::Ui,
        differing: usize,
        usual: impl FnOnce() -> Option<i64>,
    ) -> Option<CopiesNote> {
        ui.label("打印份数");
        ui.radio_value(&mut self.is_fixed_copies, false, "按各份数")
            .on_hover_text("每份责任书按其正文“一式几份”印几份");
        let fixed = ui
            .radio_value(&mut self.is_fixed_copies, true, "统一印")
            .on_hover_text("每份责任书都印同样的份数");
        // Chosen now (not clicked again while chosen, which would undo a number typed).
        if fixed.changed() && self.is_fixed_copies {
            self.last_fixed = None;
            self.fixed_copies =
                (usual().and_then(|n| usize::try_from(n).ok())).unwrap_or(FIXED_COPIES_START);
        }
        // Until 统一印 is chosen no number is shown: it starts then from the usual one, and
        // a stale "2 份" greyed beside 按各份数 would read as the default.
        let is_fixed = self.is_fixed_copies;
        ui.add_enabled(
            is_fixed,
            egui::DragValue::new(&mut self.fixed_copies)
                .range(1..=MAX_COPIES)
                .clamp_existing_to_range(true)
                .suffix(" 份")
                .custom_formatter(move |value, _| {
                    if is_fixed {
                        format!("{value}")
                    } else {
                        "–".to_owned()
                    }
                }),
        )
        .labelled_by(fixed.id)
        .on_hover_text(format!(
            "可印 1 至 {MAX_COPIES} 份，超出范围的按最接近的 1 或 {MAX_COPIES} 份；只用于下一次打印，之后回到“按各份数”"
        ))
        .on_disabled_hover_text(format!(
            "选“统一印”后可设每份印几份（1 至 {MAX_COPIES} 份），只用于下一次打印"
        ));
        match self.last_fixed {
            Some(last) if !self.is_fixed_copies => Some(CopiesNote::BackToOwn(last)),
            _ if self.is_fixed_copies && differing > 0 => {
                Some(CopiesNote::Differing(differing, self.fixed_copies))
            }
            _ => None,
        }
    }
}

/// What is said of the print file's copies, after the toolbar's buttons.
#[derive(Debug, Clone, Copy)]
pub(super) enum CopiesNote {
    /// 统一印 was used for the last print: the next prints each its own number.
    BackToOwn(usize),
    /// This many print in the number for all (the second) other than their text's 一式 N 份.
    Differing(usize, usize),
}

impl CopiesNote {
    pub(super) fn show(self, ui: &mut egui::Ui) {
        match self {
            Self::BackToOwn(last) => {
                ui.weak(format!("（上次统一印 {last} 份，已回到按各份数）"));
            }
            Self::Differing(differing, copies) => {
                // One line, cut at the window's edge (whole on hover): wrapped, it would move
                // the list down under the pointer.
                let text = egui::RichText::new(format!(
                    "其中 {differing} 份正文写明的份数与统一印的 {copies} 份不同"
                ))
                .color(ui.visuals().warn_fg_color);
                let label = egui::Label::new(text).truncate();
                ui.add(label.show_tooltip_when_elided(false)).on_hover_text(format!(
                    "其中 {differing} 份正文写明的份数与统一印的 {copies} 份不同（补印的不计）：正文写明“一式几份”，统一印的份数与之不同时，签字本份数与正文不符"
                ));
            }
        }
    }
}
