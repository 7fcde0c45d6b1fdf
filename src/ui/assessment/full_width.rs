//! Scores typed with a Chinese input method in full-width mode: `５`, `５。５` or `５．５` mean
//! what `5`, `5.5` and `5.5` mean, so they are turned into plain ASCII before they are parsed
//! (in the grid's cells and in the detail's 分值).

/// The text with full-width digits made ASCII, `。`, `．` and `｡` made `.`, a full-width or
/// typographic minus made `-` (so a negative is refused as one) and the ideographic space made
/// a plain one; anything else is left as typed.
#[must_use]
pub fn to_ascii_number(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => {
                let offset = u32::from(c) - u32::from('０');
                char::from_digit(offset, 10).unwrap_or(c)
            }
            '。' | '．' | '｡' => '.',
            '－' | '−' => '-',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_stops_become_ascii() {
        assert_eq!(to_ascii_number("５"), "5");
        assert_eq!(to_ascii_number("5。5"), "5.5");
        assert_eq!(to_ascii_number("１２．７５"), "12.75");
        assert_eq!(to_ascii_number("０｡５"), "0.5");
        assert_eq!(to_ascii_number("－１"), "-1");
        assert_eq!(to_ascii_number("\u{3000}３\u{3000}"), " 3 ");
        assert_eq!(to_ascii_number("4.5"), "4.5");
        assert_eq!(to_ascii_number("五分"), "五分");
    }
}
