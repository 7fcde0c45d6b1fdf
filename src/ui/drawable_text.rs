//! Text shown in the window with each character no font has (an emoji quoted back in a
//! message, a pasted symbol in an imported name) written as its code, "〔U+1F600〕", where it
//! would show as an empty box.

/// `text` with each character no font can draw written as its code; a message that names the
/// code already ("“😀”（U+1F600）") names it once.
#[must_use]
pub fn drawable(text: &str) -> String {
    let mut codes = Vec::new();
    let mut shown: String = text
        .chars()
        .map(|c| {
            if c.is_control() || crate::pdf::fonts::can_draw(c) {
                c.to_string()
            } else {
                let code = format!("U+{:04X}", u32::from(c));
                let replaced = format!("〔{code}〕");
                codes.push(code);
                replaced
            }
        })
        .collect();
    for code in codes {
        shown = shown.replace(&format!("〔{code}〕”（{code}）"), &format!("〔{code}〕”"));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_no_font_has_is_said_by_its_code_once() {
        assert_eq!(
            drawable("简称“😀”须含有文字（汉字、字母或数字）"),
            "简称“〔U+1F600〕”须含有文字（汉字、字母或数字）"
        );
        assert_eq!(
            drawable("单位名称中的“😀”（U+1F600）现有字体都无法显示"),
            "单位名称中的“〔U+1F600〕”现有字体都无法显示"
        );
        assert_eq!(drawable("响嘡街道"), "响嘡街道");
    }
}
