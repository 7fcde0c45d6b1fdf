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

/// Draws the fields in a grid of two columns (`id` names it), `year_hint` beside the year,
/// and says which 考核类别 the blank register starts with (not typed by the clerk, found
/// later in 新建单位's list otherwise).
pub fn show(
    ui: &mut egui::Ui,
    id: &str,
    party_a_name: &mut String,
    year_text: &mut String,
    year_hint: Option<&str>,
) -> Typed {
    let typed = egui::Grid::new(id)
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
                    // A year far off is questioned in the hint's place, so that the dialog keeps
                    // its width; why on hover.
                    let today = chrono::Local::now().date_naive();
                    if let Some(note) = far_year_note(year_text, today) {
                        let short = note.split('，').next().unwrap_or_default().to_owned();
                        ui.colored_label(ui.visuals().warn_fg_color, format!("{short}，请核对"))
                            .on_hover_text(note);
                    } else if let Some(hint) = year_hint {
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
        .inner;
    ui.weak(format!(
        "考核类别预设为 {}，可在“设置 → 常规”中改名、增删",
        crate::store::DEFAULT_CATEGORIES.join("、")
    ));
    typed
}

/// Said of a year typed far back from `today`'s (2016 for 2027): the only year of a register
/// cannot be deleted, so a slip is caught before it is made. One after next is refused when
/// the start is asked for (see [`crate::model::year::parse_first_year`]), said there once.
fn far_year_note(typed: &str, today: chrono::NaiveDate) -> Option<String> {
    let year = crate::model::year::parse_year(typed.trim()).ok()?;
    let this_year = chrono::Datelike::year(&today);
    (this_year - year > 1).then(|| {
        format!(
            "{year} 年离今年（{this_year} 年）较远，请确认没有写错：建好后它是唯一的年度，不能删除"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_far_from_today_is_questioned() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(far_year_note("2027", today), None);
        assert_eq!(far_year_note("2025", today), None);
        assert_eq!(far_year_note("abc", today), None);
        let said = far_year_note("2016", today).unwrap();
        assert!(said.starts_with("2016 年离今年（2026 年）较远"), "{said}");
        assert_eq!(far_year_note("2072", today), None, "refused on 开始使用");
    }
}
