//! Text a preview shows broken into lines as the PDF breaks them (避头尾, a number kept with
//! its unit: "0起", "扣3分"), measured with the preview's own font, not where egui would wrap;
//! and a sentence of the window (a question) broken the same way.

/// `blocks` broken into lines `width` points wide at `size` (the proportional font), each
/// block's lines joined by line breaks.
pub fn broken_as_printed<S: AsRef<str>>(
    ui: &egui::Ui,
    blocks: &[S],
    (width, size): (f32, f32),
) -> Vec<String> {
    let font = egui::FontId::proportional(size);
    // A little short of the width: egui's own measure of a line may round up.
    let width = (width - 4.0).max(size);
    ui.ctx().fonts_mut(|fonts| {
        let fonts = std::cell::RefCell::new(fonts);
        let advance = |c: char| fonts.borrow_mut().glyph_width(&font, c);
        (blocks.iter())
            .map(|block| {
                let lines =
                    crate::pdf::linebreak::break_lines(block.as_ref(), width, 0.0, &advance);
                (lines.into_iter().map(|line| line.text))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    })
}

/// A sentence of the window (a question, a warning) as a label, broken into lines at the width
/// there is as the documents break them: egui alone would end a line with "（" or put "年度"
/// on the line after its "2027". In `color` when given.
pub fn label(ui: &mut egui::Ui, text: &str, color: Option<egui::Color32>) -> egui::Response {
    styled(ui, text, egui::TextStyle::Body, color)
}

/// A dialog's title broken as [`label`] breaks a sentence: "（10 份）" never split.
pub fn heading(ui: &mut egui::Ui, text: &str) -> egui::Response {
    styled(ui, text, egui::TextStyle::Heading, None)
}

/// [`label`] in the text `style`.
fn styled(
    ui: &mut egui::Ui,
    text: &str,
    style: egui::TextStyle,
    color: Option<egui::Color32>,
) -> egui::Response {
    let whole = text;
    let size = style.resolve(ui.style()).size;
    let width = ui.available_width();
    let broken = broken_as_printed(ui, &[text], (width, size)).concat();
    let text = egui::RichText::new(broken).text_style(style);
    let text = match color {
        Some(color) => text.color(color),
        None => text,
    };
    let response = ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
    // Read out (and found) as the sentence it is, not with the breaks of its lines.
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, whole));
    response
}

#[cfg(test)]
mod tests {
    /// Widths as the window's font has them, near enough: ideographs and full-width marks a
    /// cell, the rest half.
    fn advance(c: char) -> f32 {
        if crate::pdf::linebreak::is_wide(c) {
            14.0
        } else {
            7.0
        }
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        (crate::pdf::linebreak::break_lines(text, width, 0.0, &advance).into_iter())
            .map(|line| line.text)
            .collect()
    }

    #[test]
    fn an_opening_bracket_never_ends_a_line_nor_a_year_leaves_its_word() {
        let text = "等次分数线、满分和甲方设置（计划签订日期未设），以及通报措辞（发文字号留空，发布前另行填写）";
        for width in (150..=520).step_by(7) {
            #[allow(clippy::cast_precision_loss, reason = "a small width")]
            let width = width as f32;
            let broken = lines(text, width);
            assert_eq!(broken.concat(), text, "nothing lost at {width}");
            for line in &broken {
                assert!(!line.ends_with('（'), "{broken:?} at {width}");
                assert!(
                    !line.starts_with('）') && !line.starts_with('，'),
                    "{broken:?}"
                );
            }
        }
        let text = "2026 年度还在筹备阶段（没有责任书），请确认确实要再建 2027 年度";
        for width in (150..=520).step_by(7) {
            #[allow(clippy::cast_precision_loss, reason = "a small width")]
            let width = width as f32;
            let broken = lines(text, width);
            for line in &broken {
                assert!(
                    !line.trim_start().starts_with('年') && !line.starts_with('度'),
                    "{broken:?} at {width}"
                );
            }
        }
    }
}
