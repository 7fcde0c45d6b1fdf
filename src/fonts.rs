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

/// egui's default fonts followed by the CJK font in every family.
#[must_use]
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        NOTO_SANS_SC_NAME.to_owned(),
        Arc::new(egui::FontData::from_static(NOTO_SANS_SC)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(NOTO_SANS_SC_NAME.to_owned());
    }
    fonts
}

/// Installs [`definitions`] into an egui context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
