//! The grade bands of the year settings: a row per band, highest first, with its name, its
//! line, 上移, 下移 and 删除 (two bands at least), and 添加等次.

use super::year_form::YearForm;

/// The grade bands' rows, highest first, each with 上移, 下移 and 删除, and 添加等次: a band
/// is added above the lowest (whose line is 0), its line to be typed. (Rows are never put
/// in the order of their lines by themselves: a line typed wrong would then pass unsaid.)
pub(super) fn show(ui: &mut egui::Ui, form: &mut YearForm) {
    let mut remove = None;
    let mut swap = None;
    let last = form.bands.len().saturating_sub(1);
    // The band just added, whose name takes the keyboard as it is first drawn.
    let added_id = egui::Id::unique("grade_band_added");
    let added = ui.data_mut(|d| d.remove_temp::<usize>(added_id));
    egui::Grid::new("grade_bands")
        .num_columns(5)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (index, (name, min)) in form.bands.iter_mut().enumerate() {
                // Named for screen readers (and tests) by their place, as the hover says.
                let named = |response: egui::Response, label: String, value: &str| {
                    let text = value.to_owned();
                    response.widget_info(|| {
                        let role = egui::accesskit::Role::TextInput;
                        let mut info = egui::WidgetInfo::labeled(role, true, &label);
                        info.current_text_value = Some(text.clone());
                        info
                    });
                };
                // Grid columns start narrow; the minimum size keeps the name readable.
                let name_field = ui
                    .add(
                        // Ids of their own, kept as the error line above comes or goes.
                        egui::TextEdit::singleline(name)
                            .id_salt(("band_name", index))
                            .desired_width(80.0)
                            .min_size(egui::vec2(80.0, 0.0)),
                    )
                    .on_hover_text("等次名称");
                if added == Some(index) {
                    name_field.request_focus();
                }
                named(name_field, format!("等次 {} 名称", index + 1), name);
                ui.horizontal(|ui| {
                    ui.label("≥");
                    let min_field = ui
                        .add(
                            egui::TextEdit::singleline(min)
                                .id_salt(("band_min", index))
                                .desired_width(60.0),
                        )
                        .on_hover_text(format!("等次 {} 的最低总分", index + 1));
                    named(min_field, format!("等次 {} 的最低总分", index + 1), min);
                    ui.label("分");
                });
                // Named with the band's place, so that each button says which it moves.
                let arrow = |ui: &mut egui::Ui, caption: &str, enabled: bool| {
                    let label = format!("等次 {} {caption}", index + 1);
                    let button = ui.add_enabled(enabled, egui::Button::new(caption).small());
                    button.widget_info(|| {
                        let role = egui::accesskit::Role::Button;
                        egui::WidgetInfo::labeled(role, enabled, &label)
                    });
                    button.clicked()
                };
                if arrow(ui, "上移", index > 0) {
                    swap = Some(index - 1);
                }
                if arrow(ui, "下移", index < last) {
                    swap = Some(index);
                }
                // Two bands at least: with one, every unit would get the same grade.
                let can_remove = last >= 2;
                let delete = ui
                    .add_enabled(can_remove, egui::Button::new("删除").small())
                    .on_disabled_hover_text("至少需要两个等次（如“合格”和“不合格”）");
                if delete.clicked() {
                    remove = Some(index);
                }
                ui.end_row();
            }
        });
    if let Some(index) = remove
        && index < form.bands.len()
    {
        form.bands.remove(index);
    }
    if let Some(index) = swap
        && index < last
    {
        form.bands.swap(index, index + 1);
    }
    if ui.button("添加等次").clicked() {
        // The only band is the lowest, on 0; another goes above the lowest, its line typed.
        let line = if form.bands.is_empty() { "0" } else { "" };
        let above_lowest = form.bands.len().saturating_sub(1);
        form.bands
            .insert(above_lowest, (String::new(), line.to_owned()));
        ui.data_mut(|d| d.insert_temp(added_id, above_lowest));
    }
    ui.weak("最低等次的分数线为 0：被一票否决的单位不论得分，也评为最低等次（如“不合格”）");
}
