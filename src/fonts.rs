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
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let faces = fonts.families.entry(family).or_default();
        let after_latin = faces.len().min(1);
        faces.insert(after_latin, NOTO_SANS_SC_NAME.to_owned());
    }
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
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            let faces = &fonts.families[&family];
            let at = |name: &str| faces.iter().position(|face| face == name);
            let chinese = at(NOTO_SANS_SC_NAME).expect("the CJK font is in every family");
            assert_eq!(chinese, 1, "right after the Latin face: {faces:?}");
            // egui's icon font has narrow （）！？ of its own.
            assert!(at("emoji-icon-font").is_none_or(|icons| chinese < icons));
        }
    }
}
