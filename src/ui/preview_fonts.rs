//! The preview's typefaces: each role of the PDF's font set (heavy Song title, 仿宋 body, 黑体
//! and 楷体 headings, installed office fonts first when present) registered as an egui font
//! family, its faces in the same order as the PDF's per-character fallback and the window's CJK
//! font last. Registered the first time a preview opens, so start-up does not pay for them.

use std::sync::Arc;

use crate::pdf::fonts::{FontRole, FontSet};

/// The egui family that draws `role` in the preview.
#[must_use]
pub fn family(role: FontRole) -> egui::FontFamily {
    let name = match role {
        FontRole::Title => "song",
        FontRole::Body => "fang",
        FontRole::Heading1 => "hei",
        FontRole::Heading2 => "kai",
        FontRole::PageNumber => "page_number",
    };
    egui::FontFamily::Name(name.into())
}

/// The window's font definitions plus one family per role of `fonts`.
#[must_use]
pub fn definitions(fonts: &FontSet) -> egui::FontDefinitions {
    let mut definitions = crate::fonts::definitions();
    // The window's CJK font is already loaded; the set's copy of it is not added twice.
    let is_window_font = |bytes: &[u8]| bytes == crate::fonts::NOTO_SANS_SC;
    for face in fonts.faces() {
        if is_window_font(face.bytes) {
            continue;
        }
        definitions.font_data.insert(
            face.name.clone(),
            Arc::new(egui::FontData::from_blob(Arc::new(face.bytes), face.index)),
        );
    }
    for role in FontRole::ALL {
        let mut names: Vec<String> = fonts
            .chain(role)
            .iter()
            .filter_map(|&index| fonts.faces().get(index))
            .filter(|face| !is_window_font(face.bytes))
            .map(|face| face.name.clone())
            .collect();
        names.push(crate::fonts::NOTO_SANS_SC_NAME.to_owned());
        definitions.families.insert(family(role), names);
    }
    definitions
}

/// Registers the role families of `fonts`; they are usable from the next frame on.
pub fn install(ctx: &egui::Context, fonts: &FontSet) {
    ctx.set_fonts(definitions(fonts));
}

/// Whether the role families are registered and usable now.
#[must_use]
pub fn is_installed(ctx: &egui::Context) -> bool {
    ctx.fonts(|f| {
        FontRole::ALL
            .iter()
            .all(|&role| f.definitions().families.contains_key(&family(role)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_its_face_first_and_the_window_font_last() {
        let fonts = FontSet::shipped();
        let definitions = definitions(&fonts);
        for (role, first) in [
            (FontRole::Title, "FandolSong-Bold"),
            (FontRole::Body, "FandolFang-Regular"),
            (FontRole::Heading1, "FandolHei-Regular"),
            (FontRole::Heading2, "FandolKai-Regular"),
            (FontRole::PageNumber, "NotoSerifCJKsc-PageNumbers"),
        ] {
            let names = definitions.families.get(&family(role)).unwrap();
            assert_eq!(names.first().map(String::as_str), Some(first));
            assert_eq!(
                names.last().map(String::as_str),
                Some(crate::fonts::NOTO_SANS_SC_NAME)
            );
            assert!(names.iter().all(|n| definitions.font_data.contains_key(n)));
        }
    }
}
