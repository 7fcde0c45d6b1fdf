//! The two fields a blank register starts from, 甲方名称 and 考核年度, as the welcome dialog's
//! 从空白开始 and 设置's 清空数据，从空白开始 both ask them.

/// What the clerk did in the fields this frame.
pub struct Typed {
    /// 甲方名称 was edited.
    pub party_a_edited: bool,
    /// 考核年度 was edited.
    pub year_edited: bool,
    /// Enter was pressed in either (the dialog then goes on, as its button does).
    pub entered: bool,
}

/// Draws the fields in a grid of two columns (`id` names it), `year_hint` beside the year.
pub fn show(
    ui: &mut egui::Ui,
    id: &str,
    party_a_name: &mut String,
    year_text: &mut String,
    year_hint: Option<&str>,
) -> Typed {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("甲方名称");
            let name = ui
                .add(
                    egui::TextEdit::singleline(party_a_name)
                        .hint_text("例如：××市（县）人民政府")
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("考核年度");
            let year = ui
                .horizontal(|ui| {
                    let year = ui
                        .add(egui::TextEdit::singleline(year_text).desired_width(80.0))
                        .labelled_by(label.id);
                    if let Some(hint) = year_hint {
                        ui.weak(hint);
                    }
                    year
                })
                .inner;
            ui.end_row();
            let is_enter = ui.input(|input| input.key_pressed(egui::Key::Enter));
            Typed {
                party_a_edited: name.changed(),
                year_edited: year.changed(),
                entered: is_enter && (name.lost_focus() || year.lost_focus()),
            }
        })
        .inner
}
