//! Which font draws each role of an official document, as a clerk reads it: offices judge a
//! document by whether its title is in 小标宋, so the window says when an office font is not
//! installed and a shipped one stands in.

use super::fonts::{FontRole, FontSet};

impl FontRole {
    /// The role as the window names it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "标题",
            Self::Body => "正文",
            Self::Heading1 => "一级标题",
            Self::Heading2 => "二级标题",
            Self::PageNumber => "页码",
        }
    }

    /// The office font GB/T 9704 documents use for the role.
    #[must_use]
    pub fn office_font(self) -> &'static str {
        match self {
            Self::Title => "方正小标宋简体",
            Self::Body => "仿宋_GB2312",
            Self::Heading1 => "黑体",
            Self::Heading2 => "楷体_GB2312",
            Self::PageNumber => "宋体",
        }
    }
}

/// The font that draws a role's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFont {
    /// The role.
    pub role: FontRole,
    /// The face's name.
    pub face: String,
    /// True for an installed office font, false for one shipped with the program.
    pub is_installed: bool,
}

impl RoleFont {
    /// One line for the window, e.g. "标题：方正小标宋简体（本机）" or "标题：Fandol 宋体（粗）
    /// （随程序附带；本机未安装方正小标宋简体）": a shipped face by its name in Chinese.
    #[must_use]
    pub fn describe(&self) -> String {
        if self.is_installed {
            format!("{}：{}（本机）", self.role.label(), self.face)
        } else {
            format!(
                "{}：{}（随程序附带；本机未安装{}）",
                self.role.label(),
                shipped_name(&self.face),
                self.role.office_font()
            )
        }
    }
}

/// A shipped face's name as a clerk reads it ("FandolFang-Regular" is "Fandol 仿宋").
fn shipped_name(face: &str) -> &str {
    [
        ("FandolSong", "Fandol 宋体（粗）"),
        ("FandolFang", "Fandol 仿宋"),
        ("FandolHei", "Fandol 黑体"),
        ("FandolKai", "Fandol 楷体"),
        ("NotoSerif", "思源宋体"),
        ("NotoSans", "思源黑体"),
    ]
    .into_iter()
    .find_map(|(prefix, name)| face.starts_with(prefix).then_some(name))
    .unwrap_or(face)
}

/// The first font of each role's chain (the one that draws all but rare characters).
#[must_use]
pub fn role_fonts(fonts: &FontSet) -> Vec<RoleFont> {
    FontRole::ALL
        .into_iter()
        .filter_map(|role| {
            let index = *fonts.chain(role).first()?;
            let face = fonts.faces().get(index)?;
            Some(RoleFont {
                role,
                face: face.name.clone(),
                is_installed: fonts.is_installed(index),
            })
        })
        .collect()
}

/// A warning naming the office fonts of the title, body and headings that are not installed,
/// or None when all are (page numbers are left out: a shipped Song face stands in well).
#[must_use]
pub fn missing_office_fonts_warning(fonts: &FontSet) -> Option<String> {
    let missing: Vec<&str> = role_fonts(fonts)
        .iter()
        .filter(|f| !f.is_installed && f.role != FontRole::PageNumber)
        .map(|f| f.role.office_font())
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "本机未安装{}，相应部分改用随程序附带的字体；正式印发的文件建议先安装这些字体",
            missing.join("、")
        )
    })
}

/// The ideographs of `texts` that the body's own typeface (仿宋) lacks, drawn from another
/// face instead (a rare character such as 嘡 in a 仿宋 without it), in order of first
/// appearance: said after an export, since they print in a typeface unlike their neighbours'.
#[must_use]
pub fn borrowed_chars<'a>(fonts: &FontSet, texts: impl IntoIterator<Item = &'a str>) -> Vec<char> {
    let own = fonts.chain(FontRole::Body).first().copied();
    let mut borrowed = Vec::new();
    for c in texts.into_iter().flat_map(str::chars) {
        let is_ideograph = matches!(c,
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFD}');
        if is_ideograph
            && !borrowed.contains(&c)
            && fonts
                .face_for(FontRole::Body, c)
                .is_some_and(|face| Some(face) != own)
        {
            borrowed.push(c);
        }
    }
    borrowed
}

/// What is said of [`borrowed_chars`], if there are any.
#[must_use]
pub fn borrowed_chars_warning(borrowed: &[char]) -> Option<String> {
    (!borrowed.is_empty()).then(|| {
        // A character of the extension planes is named by its code too: some fonts draw one as
        // a common character it resembles (𠮷 as 吉), and the window's font may do the same.
        let listed: Vec<String> = (borrowed.iter().take(20))
            .map(|&c| {
                if u32::from(c) > 0xFFFF {
                    format!("{c}（U+{:X}）", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect();
        let more = if borrowed.len() > 20 { "等" } else { "" };
        format!(
            "“{}”{more}在所用的仿宋字体中没有，改用宋体印出，字形与周围略有不同；正式印发前请看一下这些字（安装字库更全的仿宋字体可免）",
            listed.join("、")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rare_character_the_fang_song_lacks_is_named_once() {
        let fonts = FontSet::shipped();
        let borrowed = borrowed_chars(
            &fonts,
            ["响嘡街道办事处与示例市人民政府", "响嘡街道，2025年"],
        );
        assert_eq!(borrowed, ['嘡']);
        assert!(
            borrowed_chars_warning(&borrowed)
                .is_some_and(|w| w.starts_with("“嘡”在所用的仿宋字体中没有"))
        );
        assert_eq!(
            borrowed_chars(&fonts, ["示例市人民政府"]),
            Vec::<char>::new()
        );
        assert_eq!(borrowed_chars_warning(&[]), None);
        // One of the extension planes named by its code as well.
        assert!(
            borrowed_chars_warning(&['嘡', '\u{20BB7}'])
                .is_some_and(|w| w.starts_with("“嘡、\u{20BB7}（U+20BB7）”在所用的仿宋字体中没有"))
        );
    }

    #[test]
    fn the_shipped_set_names_every_office_font_it_stands_in_for() {
        let fonts = FontSet::shipped();
        let roles = role_fonts(&fonts);
        assert_eq!(roles.len(), 5);
        assert!(roles.iter().all(|f| !f.is_installed));
        assert_eq!(roles[0].face, "FandolSong-Bold");
        assert_eq!(
            roles[0].describe(),
            "标题：Fandol 宋体（粗）（随程序附带；本机未安装方正小标宋简体）"
        );
        assert_eq!(
            roles[4].describe(),
            "页码：思源宋体（随程序附带；本机未安装宋体）"
        );
        assert_eq!(
            missing_office_fonts_warning(&fonts).as_deref(),
            Some(
                "本机未安装方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312，相应部分改用随程序附带的字体；正式印发的文件建议先安装这些字体"
            )
        );
    }
}
