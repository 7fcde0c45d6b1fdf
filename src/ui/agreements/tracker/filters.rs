//! The lines above the 签订跟踪 list: the filters (status, category, search, overdue only),
//! 核验 PDF…, and the last verification's answer.

use super::super::Context;
use super::super::status_filter::StatusFilter;
use super::{Tracker, verify_refocus_id};

impl Tracker {
    /// The last verification's answer, in green when the file is exactly the one exported,
    /// else in the warning colour, with 关闭.
    pub(super) fn show_verification(&mut self, ui: &mut egui::Ui) {
        let Some((text, is_exact)) = &self.verification else {
            return;
        };
        let colour = if *is_exact {
            egui::Color32::from_rgb(0x1e, 0x7b, 0x34)
        } else {
            ui.visuals().warn_fg_color
        };
        let mut close = false;
        let mut had_keyboard = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let button = ui.button("关闭");
                close = button.clicked();
                had_keyboard = button.has_focus();
                ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
            });
        });
        if close {
            self.verification = None;
            if had_keyboard {
                ui.data_mut(|d| d.insert_temp(verify_refocus_id(), ()));
            }
        }
    }

    /// The filters above the list: status, category, the search box, 只看逾期未签 and
    /// 核验 PDF….
    pub(super) fn filters(&mut self, ui: &mut egui::Ui, context: &Context<'_>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("状态");
            let mut picked = false;
            let status = egui::ComboBox::from_id_salt("status_filter")
                .selected_text(self.status_filter.label())
                // "已签订（含已归档）" whole.
                .width(150.0)
                .show_ui(ui, |ui| {
                    for choice in StatusFilter::choices() {
                        let filter = &mut self.status_filter;
                        picked |= crate::ui::pick::pick(ui, filter, choice, choice.label());
                    }
                })
                .response
                .labelled_by(label.id);
            crate::ui::pick::keyboard_back(ui, &status, picked);
            let label = ui.label("类别");
            let category_name = self
                .category_filter
                .and_then(|id| context.categories.iter().find(|c| c.id == id))
                .map_or("全部", |c| c.name.as_str());
            let mut picked = false;
            let category = egui::ComboBox::from_id_salt("category_filter")
                .selected_text(category_name)
                .show_ui(ui, |ui| {
                    let filter = &mut self.category_filter;
                    picked |= crate::ui::pick::pick(ui, filter, None, "全部");
                    for category in context.categories {
                        let name = &category.name;
                        picked |= crate::ui::pick::pick(ui, filter, Some(category.id), name);
                    }
                })
                .response
                .labelled_by(label.id);
            crate::ui::pick::keyboard_back(ui, &category, picked);
            // Esc in the box empties it, as in 单位.
            let hint = "单位、编号或校验码";
            if crate::ui::search_box::search_box(ui, "查找", &mut self.search, hint, 230.0) {
                self.to_list = true;
            }
            ui.checkbox(&mut self.overdue_only, "只看逾期未签")
                .on_hover_text("计划签订日期已过、尚未签订的责任书");
            // Reads only: open in a read-only window too.
            let verify = ui.button("核验 PDF…").on_hover_text(
                "选择一个 PDF（导出的责任书或签订件，如别人发回的），核对它是哪份责任书、是否与导出时完全一致",
            );
            // Its answer closed from the keyboard: back where the answer came from.
            if ui.data_mut(|d| d.remove_temp::<()>(verify_refocus_id())).is_some() {
                verify.request_focus();
            }
            if verify.clicked() {
                self.verify_picker = Some(crate::ui::file_picker::FilePicker::new(
                    "选择要核验的 PDF 文件",
                    crate::ui::file_picker::PickMode::OpenFile(&["pdf"]),
                ));
            }
        });
    }
}
