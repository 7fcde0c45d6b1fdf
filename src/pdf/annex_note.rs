//! The 附件说明 of GB/T 9704-2012: after the body text and a blank line, "附件：" two cells in
//! with the attachment's name after it; several attachments are numbered "1." "2." one under
//! another, and a name that needs a second line continues under its own first character.

use super::fonts::FontRole;
use super::layout::{Flow, Metrics, Row};
use super::page::{BODY_SIZE_PT, CELL_MM, MARGIN_LEFT_MM, TEXT_WIDTH_MM};

/// The label before the attachments' names.
const LABEL: &str = "附件：";

/// The note's rows, a blank row first; none when there is no attachment.
pub(crate) fn annex_note_rows(metrics: &Metrics<'_>, names: &[String]) -> Vec<Row> {
    if names.is_empty() {
        return Vec::new();
    }
    let label_x = MARGIN_LEFT_MM + 2.0 * CELL_MM;
    let name_x = label_x + metrics.width_mm(FontRole::Body, LABEL, BODY_SIZE_PT);
    let right_edge = MARGIN_LEFT_MM + TEXT_WIDTH_MM;
    let mut rows: Vec<Row> = vec![Vec::new()];
    for (index, name) in names.iter().enumerate() {
        let number = if names.len() > 1 {
            format!("{}.", index + 1)
        } else {
            String::new()
        };
        let text_x = name_x + metrics.width_mm(FontRole::Body, &number, BODY_SIZE_PT);
        let lines = metrics.lines(FontRole::Body, name, BODY_SIZE_PT, right_edge - text_x, 0.0);
        for (line_index, line) in lines.into_iter().enumerate() {
            let row = match (index, line_index) {
                // The label and the first name's number start the note as one run of text.
                (0, 0) => vec![Flow::span(
                    label_x,
                    FontRole::Body,
                    format!("{LABEL}{number}{line}"),
                )],
                (_, 0) => vec![Flow::span(
                    name_x,
                    FontRole::Body,
                    format!("{number}{line}"),
                )],
                _ => vec![Flow::span(text_x, FontRole::Body, line)],
            };
            rows.push(row);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;
    use crate::pdf::layout::Span;

    fn spans(rows: &[Row]) -> Vec<Vec<(f32, &str)>> {
        rows.iter()
            .map(|row| {
                row.iter()
                    .map(|s: &Span| (s.x_mm, s.text.as_str()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn one_attachment_is_named_two_cells_in_after_a_blank_line() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let rows = annex_note_rows(&metrics, &["2025年度安全生产目标管理考核指标".to_owned()]);
        assert_eq!(
            spans(&rows),
            [
                vec![],
                vec![(
                    MARGIN_LEFT_MM + 2.0 * CELL_MM,
                    "附件：2025年度安全生产目标管理考核指标"
                )]
            ]
        );
        assert!(annex_note_rows(&metrics, &[]).is_empty());
    }

    #[test]
    fn several_attachments_are_numbered_and_long_names_hang_under_their_first_character() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let long = "安全生产".repeat(6);
        let rows = annex_note_rows(&metrics, &["考核指标".to_owned(), long.clone()]);
        let name_x = MARGIN_LEFT_MM + 5.0 * CELL_MM;
        let number = metrics.width_mm(FontRole::Body, "2.", BODY_SIZE_PT);
        let spans = spans(&rows);
        assert_eq!(
            spans[1],
            [(MARGIN_LEFT_MM + 2.0 * CELL_MM, "附件：1.考核指标")]
        );
        assert!((spans[2][0].0 - name_x).abs() < 1e-4);
        assert!(spans[2][0].1.starts_with("2.安全生产"));
        assert_eq!(spans.len(), 4, "the long name takes two lines");
        assert!((spans[3][0].0 - (name_x + number)).abs() < 1e-4);
        let joined: String = spans[2..].iter().map(|row| row[0].1).collect();
        assert_eq!(joined, format!("2.{long}"));
    }
}
