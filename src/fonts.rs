//! The CJK font shipped inside the binary, so that every character renders from any directory.
//!
//! `fonts/NotoSansSC-Regular-subset.otf` is Noto Sans CJK SC (SIL Open Font License 1.1), cut
//! down by `fonts/make_fonts.sh` to the ranges a Chinese office needs, including the
//! ideograph extensions where rare name characters such as 嘡 喆 堃 live.

use std::sync::Arc;

/// Noto Sans CJK SC, subset.
pub const NOTO_SANS_SC: &[u8] = include_bytes!("../fonts/NotoSansSC-Regular-subset.otf");

/// The name the font is registered under in egui.
pub const NOTO_SANS_SC_NAME: &str = "NotoSansSC";

/// Noto Sans CJK SC's “”‘’ alone, with the vertical metrics of egui's Latin face (see
/// `fonts/make_fonts.sh`): first in the proportional family, it gives Chinese text its
/// full-width quotation marks (the Latin face's are narrow Western ones) and leaves the
/// height of every line as it was.
pub const QUOTES: &[u8] = include_bytes!("../fonts/NotoSansSC-Quotes.otf");

/// The name the quotation marks are registered under in egui.
pub const QUOTES_NAME: &str = "NotoSansSC-Quotes";

/// egui's default fonts with the CJK font right after each family's Latin face: before egui's
/// emoji and icon fonts, which also hold （）！？ and full-width digits, narrow and in another
/// style, so that Chinese punctuation comes from the Chinese font.
#[must_use]
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        NOTO_SANS_SC_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(NOTO_SANS_SC)),
    );
    fonts.font_data.insert(
        QUOTES_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(QUOTES)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let faces = fonts.families.entry(family).or_default();
        let after_latin = faces.len().min(1);
        faces.insert(after_latin, NOTO_SANS_SC_NAME.to_owned());
    }
    // Not in the monospace family, whose marks keep the fixed width.
    (fonts
        .families
        .entry(egui::FontFamily::Proportional)
        .or_default())
    .insert(0, QUOTES_NAME.to_owned());
    fonts
}

/// Installs [`definitions`] into an egui context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_punctuation_comes_from_the_chinese_font() {
        let fonts = definitions();
        for (family, latin) in [
            (egui::FontFamily::Proportional, 1),
            (egui::FontFamily::Monospace, 0),
        ] {
            let faces = &fonts.families[&family];
            let at = |name: &str| faces.iter().position(|face| face == name);
            let chinese = at(NOTO_SANS_SC_NAME).expect("the CJK font is in every family");
            assert_eq!(chinese, latin + 1, "right after the Latin face: {faces:?}");
            // egui's icon font has narrow （）！？ of its own.
            assert!(at("emoji-icon-font").is_none_or(|icons| chinese < icons));
        }
    }

    /// The width of `text` and the height of a line, in the proportional family at 14 points,
    /// with `definitions` installed.
    fn measured(definitions: egui::FontDefinitions, text: &str) -> (f32, f32) {
        let ctx = egui::Context::default();
        ctx.set_fonts(definitions);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        ctx.fonts_mut(|fonts| {
            let galley = fonts.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::BLACK);
            (galley.size().x, fonts.row_height(&font))
        })
    }

    #[test]
    fn quotation_marks_are_full_width_and_lines_keep_their_height() {
        let (quotes, height) = measured(definitions(), "“”");
        let (ideographs, _) = measured(definitions(), "中文");
        assert!(
            (quotes - ideographs).abs() < 0.5,
            "{quotes} vs {ideographs}"
        );
        // The Latin face's own marks are narrow; the lines are as high as with it first.
        let (latin_quotes, latin_height) = measured(egui::FontDefinitions::default(), "“”");
        assert!(latin_quotes < quotes * 0.7, "{latin_quotes} vs {quotes}");
        assert!(
            (height - latin_height).abs() < 0.01,
            "{height} vs {latin_height}"
        );
    }
}
