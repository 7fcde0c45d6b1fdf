//! Justification of a body line to the right margin (撑满版心): the leftover width goes to the
//! gaps at CJK characters and at spaces, never inside a run of Latin letters, digits and their
//! signs ("Standards", "GB/T", "9704-2012", "100%", "3.5"), which keep their natural advance.
//! Every such gap takes the same extra space (a word space counts as one gap), and a line that
//! would need more than a quarter of a cell at each is left ragged: that happens before a long
//! unbreakable run (a URL, an e-mail address) that went to the next line, and spreading a few
//! CJK gaps that far opens visible holes.
//!
//! A line becomes spans of two kinds: loose spans, every gap of which takes the extra space
//! (drawn with one character spacing), and tight spans, the Latin and digit runs, drawn at
//! their natural width; each span's start carries the space of the gaps before it.

use super::fonts::FontRole;
use super::layout::{Metrics, Row, Span};
use super::linebreak::{is_hanging, is_wide};
use super::page::{BODY_SIZE_PT, CELL_MM};

/// The widest gap justification may open between two characters, as a share of a cell: a
/// quarter (about 1.4 mm at 三号). The lines of ordinary text need far less (a character or
/// two pulled to the next line by 避头尾 or a number, spread over twenty gaps and more: under a
/// tenth; a date's month and day carried down together leave at most four cells, see the line
/// breaker); a line cut short before a standard's number or a model code ("GB 6441—1986",
/// five cells and more) with twenty gaps beside it needs up to a quarter, and is spread to the
/// margin as Word's 两端对齐 would (GB/T 9704 wants the text block full); one cut short before
/// a long unbreakable run (a URL, an e-mail address), with only a few CJK gaps beside it, would
/// need more and is left ragged rather than spaced out.
const MAX_SPACING_CELLS: f32 = 1.0 / 4.0;

/// Whether justification may widen the gap between `before` and `after`: at a CJK character
/// or before a space (a word space is one gap: the gap after it does not widen), but not
/// between two narrow characters (inside a Latin word or a number).
#[must_use]
pub(crate) fn is_stretchable_gap(before: char, after: char) -> bool {
    before != ' ' && (is_wide(before) || is_wide(after) || after == ' ')
}

/// The extra space at each of `gaps` stretchable gaps that brings a line `natural_mm` wide to
/// `target_mm`; 0 for a line already full, for a line with no stretchable gap, and for a line
/// that would need gaps wider than a sixth of a cell. (A comma hanging past the margin is
/// left out of `natural_mm` by [`line_spans`], so its line is spread like any other.)
#[must_use]
pub(crate) fn justified_spacing_mm(natural_mm: f32, target_mm: f32, gaps: usize) -> f32 {
    let leftover = target_mm - natural_mm;
    if gaps == 0 || leftover <= 0.01 {
        return 0.0;
    }
    let spacing = leftover / gaps as f32;
    if spacing > MAX_SPACING_CELLS * CELL_MM {
        0.0
    } else {
        spacing
    }
}

/// The spans of one body line starting at `x_mm`, each character in its role; with a
/// `target_mm` the line is spread to that width, otherwise set at its natural width.
pub(crate) fn line_spans(
    metrics: &Metrics<'_>,
    chars: &[(char, FontRole)],
    x_mm: f32,
    target_mm: Option<f32>,
) -> Row {
    let advance = |&(c, role): &(char, FontRole)| metrics.advance_mm(role, c, BODY_SIZE_PT);
    // Whether the gap after character i takes extra space.
    let stretches: Vec<bool> = chars
        .windows(2)
        .map(|pair| match pair {
            [(before, _), (after, _)] => is_stretchable_gap(*before, *after),
            _ => false,
        })
        .collect();
    let spacing_mm = target_mm.map_or(0.0, |target| {
        let natural: f32 = chars.iter().map(advance).sum();
        let gaps = stretches.iter().filter(|s| **s).count();
        match chars.last() {
            // A comma hanging past the margin is left out: the characters before it fill the
            // line, and the comma follows them into the margin.
            Some(last) if natural > target + 0.01 && is_hanging(last.0) => {
                let hung_gap = usize::from(stretches.last().copied().unwrap_or(false));
                justified_spacing_mm(
                    natural - advance(last),
                    target,
                    gaps.saturating_sub(hung_gap),
                )
            }
            _ => justified_spacing_mm(natural, target, gaps),
        }
    });
    let is_tight_after = |i: usize| stretches.get(i).is_some_and(|s| !s);
    let mut row = Vec::new();
    let mut x = x_mm;
    let mut start = 0;
    while let Some(&(_, role)) = chars.get(start) {
        // A tight span runs while the gaps stay narrow; a loose one until a tight run starts.
        let is_tight = is_tight_after(start);
        let mut end = start + 1;
        while let Some(&(_, next_role)) = chars.get(end) {
            let joins = if is_tight {
                is_tight_after(end - 1)
            } else {
                !is_tight_after(end)
            };
            if next_role != role || !joins {
                break;
            }
            end += 1;
        }
        let part = chars.get(start..end).unwrap_or_default();
        let span_spacing = if is_tight { 0.0 } else { spacing_mm };
        row.push(Span {
            x_mm: x,
            size_pt: BODY_SIZE_PT,
            role,
            text: part.iter().map(|(c, _)| c).collect(),
            spacing_mm: span_spacing,
            column: 0,
        });
        for (offset, item) in part.iter().enumerate() {
            x += advance(item);
            if stretches.get(start + offset).copied().unwrap_or(false) {
                x += spacing_mm;
            }
        }
        start = end;
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    #[test]
    fn spacing_spreads_the_leftover_over_the_gaps() {
        assert!((justified_spacing_mm(150.0, 156.0, 30) - 0.2).abs() < 1e-5);
        assert!(justified_spacing_mm(156.0, 156.0, 27).abs() < f32::EPSILON);
        assert!(justified_spacing_mm(157.0, 156.0, 27).abs() < f32::EPSILON);
        assert!(justified_spacing_mm(10.0, 156.0, 0).abs() < f32::EPSILON);
        assert!(
            justified_spacing_mm(100.0, 156.0, 9).abs() < f32::EPSILON,
            "a line cut short before a long unbreakable run stays ragged"
        );
        // A quarter of a cell at each gap is the most.
        let most = MAX_SPACING_CELLS * CELL_MM;
        let at_most = justified_spacing_mm(156.0 - 20.0 * most + 0.001, 156.0, 20);
        assert!((at_most - most).abs() < 1e-3, "{at_most}");
        assert!(justified_spacing_mm(156.0 - 20.0 * most - 0.05, 156.0, 20).abs() < f32::EPSILON);
    }

    #[test]
    fn gaps_stretch_at_cjk_and_spaces_only() {
        assert!(is_stretchable_gap('安', '全'));
        assert!(is_stretchable_gap('率', '1'));
        assert!(is_stretchable_gap('%', '，'));
        // A word space widens once, before it.
        assert!(is_stretchable_gap('s', ' '));
        assert!(!is_stretchable_gap(' ', 'G'));
        assert!(is_stretchable_gap('准', ' '));
        assert!(!is_stretchable_gap(' ', '标'));
        for pair in ["St", "B/", "/T", "70", "4-", "0%", "3.", ".5"] {
            let mut chars = pair.chars();
            let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
                unreachable!()
            };
            assert!(!is_stretchable_gap(a, b), "{pair}");
        }
    }

    #[test]
    fn latin_words_and_numbers_keep_their_natural_advance_in_a_spread_line() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let text = "依据Standards GB/T 9704-2012，达标率100%，扣0.5分";
        let chars: Vec<(char, FontRole)> = text.chars().map(|c| (c, FontRole::Body)).collect();
        let natural = metrics.width_mm(FontRole::Body, text, BODY_SIZE_PT);
        let target = natural + 3.0;
        let row = line_spans(&metrics, &chars, 28.0, Some(target));
        // Every character's x, from its span's start and spacing.
        let mut xs = Vec::new();
        for span in &row {
            let mut x = span.x_mm;
            for c in span.text.chars() {
                xs.push((c, x));
                x += metrics.advance_mm(span.role, c, BODY_SIZE_PT) + span.spacing_mm;
            }
        }
        assert_eq!(xs.iter().map(|(c, _)| c).collect::<String>(), text);
        let mut spread = 0.0;
        for pair in xs.windows(2) {
            let [(a, xa), (b, xb)] = pair else {
                unreachable!()
            };
            let gap = xb - xa - metrics.advance_mm(FontRole::Body, *a, BODY_SIZE_PT);
            if is_stretchable_gap(*a, *b) {
                assert!(gap > 0.05, "{a}{b} is spread: {gap}");
                spread += gap;
            } else {
                assert!(gap.abs() < 1e-4, "{a}{b} keeps its natural advance: {gap}");
            }
        }
        assert!(
            (spread - 3.0).abs() < 1e-3,
            "the line is spread by 3 mm: {spread}"
        );
        let words: Vec<&str> = row
            .iter()
            .filter(|s| s.spacing_mm.abs() < f32::EPSILON)
            .map(|s| s.text.trim())
            .collect();
        assert_eq!(words, ["Standards", "GB/T", "9704-2012", "100%", "0.5"]);
    }

    /// Each character's x in a row of spans.
    fn positions(metrics: &Metrics<'_>, row: &[Span]) -> Vec<(char, f32)> {
        let mut xs = Vec::new();
        for span in row {
            let mut x = span.x_mm;
            for c in span.text.chars() {
                xs.push((c, x));
                x += metrics.advance_mm(span.role, c, BODY_SIZE_PT) + span.spacing_mm;
            }
        }
        xs
    }

    #[test]
    fn a_line_cut_short_before_a_url_stays_ragged_and_every_gap_widens_alike() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let body = |text: &str| -> Vec<(char, FontRole)> {
            text.chars().map(|c| (c, FontRole::Body)).collect()
        };
        let width = 28.0 * CELL_MM;
        let gaps_of = |text: &str| {
            text.chars()
                .zip(text.chars().skip(1))
                .filter(|(a, b)| is_stretchable_gap(*a, *b))
                .count()
        };
        let needed_cells = |text: &str| {
            let natural = metrics.width_mm(FontRole::Body, text, BODY_SIZE_PT);
            (width - natural) / gaps_of(text) as f32 / CELL_MM
        };
        // A long URL that fills the line but for three CJK characters after it: the leftover
        // would go to their three gaps alone. The URL is lengthened until spreading needs
        // more than a quarter of a cell at each (but no more than a third, which was spread).
        let tail = "下载表";
        let base = "https://yjj.shili.gov.cn/zwgk/tzgg/";
        let url_line = (0..80)
            .flat_map(|n| {
                ["i", "l", "1", "a", "m", "w", "-"]
                    .map(|fill| format!("{base}{}{tail}", fill.repeat(n)))
            })
            .find(|line| (MAX_SPACING_CELLS + 0.001..=1.0 / 3.0).contains(&needed_cells(line)))
            .expect("a URL needing between a quarter and a third of a cell at each gap");
        assert_eq!(gaps_of(&url_line), 3);
        let needed = needed_cells(&url_line);
        assert!(
            needed > MAX_SPACING_CELLS && needed <= 1.0 / 3.0,
            "{needed}"
        );
        let natural = metrics.width_mm(FontRole::Body, &url_line, BODY_SIZE_PT);
        let row = line_spans(&metrics, &body(&url_line), 28.0, Some(width));
        assert!(row.iter().all(|span| span.spacing_mm.abs() < f32::EPSILON));
        let xs = positions(&metrics, &row);
        let last = xs.last().unwrap();
        let end = last.1 + metrics.advance_mm(FontRole::Body, last.0, BODY_SIZE_PT);
        assert!(
            (end - 28.0 - natural).abs() < 1e-3,
            "ragged: ends at its natural width"
        );
        // A line one cell short, with CJK text, a word space and Latin words: every widened
        // gap takes the same extra space, the word space once.
        let text = "依照GB/T 9704执行，严格落实安全生产责任制度要求";
        let natural = metrics.width_mm(FontRole::Body, text, BODY_SIZE_PT);
        let target = natural + CELL_MM;
        let row = line_spans(&metrics, &body(text), 28.0, Some(target));
        let xs = positions(&metrics, &row);
        let mut widened = Vec::new();
        for pair in xs.windows(2) {
            let [(a, xa), (b, xb)] = pair else {
                unreachable!()
            };
            let gap = xb - xa - metrics.advance_mm(FontRole::Body, *a, BODY_SIZE_PT);
            if is_stretchable_gap(*a, *b) {
                widened.push(gap);
            } else {
                assert!(gap.abs() < 1e-4, "{a}{b}: {gap}");
            }
        }
        let each = CELL_MM / widened.len() as f32;
        assert!(
            widened.iter().all(|gap| (gap - each).abs() < 1e-4),
            "{widened:?}"
        );
        assert!(each < MAX_SPACING_CELLS * CELL_MM);
        let spaces = text.chars().filter(|c| *c == ' ').count();
        let cjk = text.chars().filter(|c| is_wide(*c)).count();
        // Every gap touching a CJK character, plus one per word space.
        assert!(widened.len() <= cjk * 2 + spaces && widened.len() >= cjk);
    }
}
