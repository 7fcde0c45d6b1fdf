//! The look shared by every sheet of the summary: cell formats, the title and header rows, and
//! the page setup.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// The row of every table header, counting from 0 (the title is row 0).
pub(super) const HEADER_ROW: u32 = 1;
/// A4 in Excel's paper size codes.
const PAPER_A4: u8 = 9;

/// The formats of one kind of table row (plain or vetoed).
pub(super) struct RowFormats {
    pub(super) text: Format,
    pub(super) wrapped: Format,
    pub(super) centered: Format,
    /// Points, in Excel's 常规 (General) format: 94, 94.5 and 94.25 each show their own
    /// decimals, and a value typed over one shows as typed (a fixed "0" would show 94.5 as 95).
    pub(super) number: Format,
}

impl RowFormats {
    pub(super) fn new(fill: Option<Color>) -> Self {
        let mut cell = crate::io::sheet_format()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        if let Some(color) = fill {
            cell = cell
                .set_background_color(color)
                .set_font_color(Color::RGB(0x009C_0006));
        }
        let number = cell.clone().set_align(FormatAlign::Right);
        Self {
            wrapped: cell.clone().set_text_wrap(),
            centered: cell.clone().set_align(FormatAlign::Center),
            number,
            text: cell,
        }
    }
}

/// Every cell format of the workbook.
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) header: Format,
    /// The note under an interim table.
    pub(super) note: Format,
    pub(super) plain: RowFormats,
    pub(super) vetoed: RowFormats,
}

impl Formats {
    pub(super) fn new() -> Self {
        Self {
            title: crate::io::sheet_format()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: crate::io::sheet_format()
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            note: crate::io::sheet_format()
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_font_color(Color::RGB(0x009C_0006)),
            plain: RowFormats::new(None),
            vetoed: RowFormats::new(Some(Color::RGB(0x00FF_C7CE))),
        }
    }
}

/// The title and the header row.
pub(super) fn write_head(
    sheet: &mut Worksheet,
    formats: &Formats,
    title: &str,
    headers: &[&str],
) -> Result<(), XlsxError> {
    let last_column = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0);
    sheet.merge_range(0, 0, 0, last_column, title, &formats.title)?;
    sheet.set_row_height(0, 30)?;
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(HEADER_ROW, column, *header, &formats.header)?;
    }
    sheet.set_row_height(HEADER_ROW, 22)?;
    Ok(())
}

/// Widths, frozen header, and A4 landscape printing one page wide with the header repeated.
pub(super) fn set_up_page(sheet: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (column, width) in (0u16..).zip(widths) {
        sheet.set_column_width(column, *width)?;
    }
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_repeat_rows(0, HEADER_ROW)?;
    sheet
        .set_landscape()
        .set_paper_size(PAPER_A4)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Points;

    #[test]
    fn points_show_their_own_decimals_in_the_general_format() {
        let formats = RowFormats::new(None);
        // No fixed decimals: the number format is left as Excel's General.
        let general = crate::io::sheet_format()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_align(FormatAlign::Right);
        assert_eq!(formats.number, general);
        assert!((Points(1999).as_number() - 19.99).abs() < f64::EPSILON);
    }
}
