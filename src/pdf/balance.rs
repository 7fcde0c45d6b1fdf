//! Lines broken for balance rather than fill, for short texts in narrow places (a unit's name
//! in the signature block): two lines split between words and as evenly as possible,
//! preferring a break after a pause mark ("、", "；"); longer texts filled line by line,
//! between words where they can, their last two lines balanced when the last would hold a
//! stray character or two. A table cell is
//! filled as a word processor fills it ([`cell_lines`]): balanced only where a pause mark
//! splits it in two, and a stray last line given just enough from the line above.

use super::fonts::FontRole;
use super::layout::Metrics;
use super::linebreak::may_break_between;

/// Marks after which a break reads naturally.
const PAUSES: &str = "、，；：。";

/// A last line shorter than this many characters, after three or more, is a stray.
const STRAY_CHARS: usize = 3;

/// `text` in lines no wider than `width_mm`, balanced; `words` are kept whole where possible.
pub(crate) fn balanced_lines(
    metrics: &Metrics<'_>,
    role: FontRole,
    size_pt: f32,
    text: &str,
    width_mm: f32,
    words: &[&str],
) -> Vec<String> {
    let mut lines = metrics.lines(role, text, size_pt, width_mm, 0.0);
    if lines.len() == 2 {
        return two_lines(metrics, role, size_pt, text, width_mm, words).unwrap_or(lines);
    }
    // Three lines and more are filled breaking between words where they can, in as many
    // lines ("…园区管 / 理委员会" becomes "…园区 / 管理委员会").
    if lines.len() > 2
        && let Some(by_words) = word_filled(metrics, role, size_pt, text, width_mm, words)
        && by_words.len() == lines.len()
    {
        lines = by_words;
    }
    let is_stray = lines
        .last()
        .is_some_and(|last| last.chars().count() < STRAY_CHARS);
    if lines.len() > 2 && is_stray {
        // The last two lines are set again as two balanced lines.
        let tail: String = lines.split_off(lines.len() - 2).concat();
        match two_lines(metrics, role, size_pt, &tail, width_mm, words) {
            Some(balanced) => lines.extend(balanced),
            None => lines.extend(metrics.lines(role, &tail, size_pt, width_mm, 0.0)),
        }
    }
    lines
}

/// `text` in lines no wider than `width_mm` as a table cell shows it: filled line by line; two
/// lines split after a pause mark when the text has one ("亡人火灾每起扣4分；/ 检查不到位…"),
/// else filled; a last line that would hold a stray character or two takes just enough from
/// the end of the line above.
pub(crate) fn cell_lines(
    metrics: &Metrics<'_>,
    role: FontRole,
    size_pt: f32,
    text: &str,
    width_mm: f32,
) -> Vec<String> {
    let mut lines = metrics.lines(role, text, size_pt, width_mm, 0.0);
    if lines.len() == 2
        && text
            .trim_end()
            .chars()
            .rev()
            .skip(1)
            .any(|c| PAUSES.contains(c))
    {
        return two_lines(metrics, role, size_pt, text, width_mm, &[]).unwrap_or(lines);
    }
    let is_stray = lines
        .last()
        .is_some_and(|last| last.chars().count() < STRAY_CHARS);
    if lines.len() >= 2 && is_stray {
        let tail: String = lines.split_off(lines.len() - 2).concat();
        match longest_upper(metrics, role, size_pt, &tail, width_mm) {
            Some(settled) => lines.extend(settled),
            None => lines.extend(metrics.lines(role, &tail, size_pt, width_mm, 0.0)),
        }
    }
    lines
}

/// The places where a text may be split in two lines, and the two lines split there.
struct Splits<'a> {
    metrics: &'a Metrics<'a>,
    role: FontRole,
    size_pt: f32,
    width_mm: f32,
    chars: Vec<char>,
    /// True at a position inside a kept word (title words, Latin words, numbers with units).
    inside_a_word: Vec<bool>,
}

impl Splits<'_> {
    /// The characters around position `at`.
    fn around(&self, at: usize) -> (char, char) {
        let before = self.chars.get(at.wrapping_sub(1)).copied().unwrap_or(' ');
        (before, self.chars.get(at).copied().unwrap_or(' '))
    }

    /// True when a line may end at `at`: not inside a word, 避头尾 kept.
    /// True when a break at `at` would split a word (a title word, a Latin word or a number
    /// with its unit).
    fn splits_a_word(&self, at: usize) -> bool {
        self.inside_a_word.get(at).copied().unwrap_or(false)
    }

    fn breaks_well(&self, at: usize) -> bool {
        let (before, after) = self.around(at);
        !self.inside_a_word.get(at).copied().unwrap_or(false) && may_break_between(before, after)
    }

    /// True when the characters from `from` to `to` fit the width on one line.
    fn fits(&self, from: usize, to: usize) -> bool {
        self.chars.get(from..to).is_some_and(|part| {
            let part: String = part.iter().collect();
            self.metrics.width_mm(self.role, &part, self.size_pt) <= self.width_mm + 0.01
        })
    }

    /// True when both lines split at `at` fit the width.
    fn both_fit(&self, at: usize) -> bool {
        self.fits(0, at) && self.fits(at, self.chars.len())
    }

    /// The two lines split at `at`.
    fn lines(&self, at: usize) -> Option<Vec<String>> {
        Some(vec![
            self.chars.get(..at)?.iter().collect(),
            self.chars.get(at..)?.iter().collect(),
        ])
    }
}

fn splits<'a>(
    metrics: &'a Metrics<'a>,
    role: FontRole,
    size_pt: f32,
    text: &str,
    width_mm: f32,
    words: &[&str],
) -> Splits<'a> {
    Splits {
        metrics,
        role,
        size_pt,
        width_mm,
        chars: text.chars().collect(),
        inside_a_word: super::title::inside_words(text, words),
    }
}

/// `text` as two lines that both fit, the lower holding at least [`STRAY_CHARS`] characters
/// and otherwise the upper as long as it can be, broken where a line may break and not inside
/// a number with its unit.
fn longest_upper(
    metrics: &Metrics<'_>,
    role: FontRole,
    size_pt: f32,
    text: &str,
    width_mm: f32,
) -> Option<Vec<String>> {
    let splits = splits(metrics, role, size_pt, text, width_mm, &[]);
    let at = (1..=splits.chars.len().saturating_sub(STRAY_CHARS))
        .rev()
        .find(|&at| splits.breaks_well(at) && splits.both_fit(at))?;
    splits.lines(at)
}

/// `text` filled line by line, each line ending only where a line may break and not inside
/// one of `words`; None when some stretch between two such places is wider than a line.
pub(super) fn word_filled(
    metrics: &Metrics<'_>,
    role: FontRole,
    size_pt: f32,
    text: &str,
    width_mm: f32,
    words: &[&str],
) -> Option<Vec<String>> {
    let splits = splits(metrics, role, size_pt, text, width_mm, words);
    let count = splits.chars.len();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < count {
        let end = ((start + 1)..=count)
            .rev()
            .find(|&end| splits.fits(start, end) && (end == count || splits.breaks_well(end)))?;
        lines.push(splits.chars.get(start..end)?.iter().collect());
        start = end;
    }
    Some(lines)
}

/// The best split of `text` into two lines that both fit, if there is one: words (`words`,
/// the title words, Latin words and numbers with their units) whole, 避头尾 kept, then the two
/// lines as even as possible with the upper not the shorter, a break after a pause mark
/// before any other, and not between a number and the word before it.
fn two_lines(
    metrics: &Metrics<'_>,
    role: FontRole,
    size_pt: f32,
    text: &str,
    width_mm: f32,
    words: &[&str],
) -> Option<Vec<String>> {
    let splits = splits(metrics, role, size_pt, text, width_mm, words);
    let count = splits.chars.len();
    let at = (1..count)
        .filter(|&at| splits.both_fit(at))
        .min_by_key(|&at| {
            let (upper, lower) = (at, count - at);
            let (before, after) = splits.around(at);
            // Against 避头尾 is worse than a word split: "安全生 / 产）" before "安全生产 / ）".
            let penalty = if !may_break_between(before, after) {
                10_000
            } else if splits.splits_a_word(at) {
                1000
            } else {
                0
            };
            let bottom_heavy = usize::from(upper < lower);
            let is_pause = PAUSES.contains(before);
            // A break after a pause mark is worth lines three characters less even
            // ("组织安全生产月活动，/ 全员培训覆盖", not "…月活 / 动，…"), and wins a tie.
            let no_pause = if is_pause { 0 } else { 6 };
            // "扣 / 2分" reads worse than a break before the verb.
            let before_number = if super::linebreak::is_digit(after) {
                3
            } else {
                0
            };
            let cost = penalty + upper.abs_diff(lower) + bottom_heavy + no_pause + before_number;
            (cost, !is_pause)
        })?;
    splits.lines(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    /// `text` set at 14 pt, `cells` characters wide, as a table cell (or balanced).
    fn set(text: &str, cells: f32, is_cell: bool) -> Vec<String> {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let width = cells * 14.0 / 72.0 * 25.4 + 0.01;
        if is_cell {
            cell_lines(&metrics, FontRole::Body, 14.0, text, width)
        } else {
            balanced_lines(&metrics, FontRole::Body, 14.0, text, width, &[])
        }
    }

    fn cell(text: &str, cells: f32) -> Vec<String> {
        set(text, cells, true)
    }

    /// Between splitting a word and starting a line with "）", the word gives way.
    #[test]
    fn a_balanced_break_splits_a_word_before_it_breaks_kinsoku() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let width = 10.0 * 14.0 / 72.0 * 25.4 + 0.01;
        let lines = balanced_lines(
            &metrics,
            FontRole::Body,
            14.0,
            "各部门单位（安全生产）责任落实情况检查",
            width,
            &["安全生产"],
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines.iter().all(|line| !line.starts_with('）')),
            "{lines:?}"
        );
    }

    #[test]
    fn a_cell_is_filled_balanced_only_at_a_pause_and_never_left_a_stray() {
        // Filled, as a word processor fills it.
        assert_eq!(
            cell("被举报或上级查实非法违法行为每起扣3分", 13.0),
            ["被举报或上级查实非法违法行", "为每起扣3分"]
        );
        // Two lines with a pause mark: split after it.
        assert_eq!(
            cell("亡人火灾每起扣4分；检查不到位每处扣1分", 13.0),
            ["亡人火灾每起扣4分；", "检查不到位每处扣1分"]
        );
        // A stray "1分" takes just enough from the line above: the upper lines stay full.
        let text = format!("{}扣1分", "安".repeat(27));
        let settled = cell(&text, 14.0);
        assert_eq!(settled.concat(), text);
        assert_eq!(
            settled
                .iter()
                .map(|l| l.chars().count())
                .collect::<Vec<_>>(),
            [14, 13, 3],
            "{settled:?}"
        );
    }

    fn lines(text: &str, cells: f32) -> Vec<String> {
        set(text, cells, false)
    }

    #[test]
    fn a_cell_of_two_lines_breaks_after_its_comma_rather_than_inside_a_word() {
        assert_eq!(
            cell("组织安全生产月活动，全员培训覆盖", 13.0),
            ["组织安全生产月活动，", "全员培训覆盖"]
        );
        assert_eq!(
            cell("党政同责、一岗双责落实到位，会议研究不少于2次", 15.0),
            ["党政同责、一岗双责落实到位，", "会议研究不少于2次"]
        );
    }

    #[test]
    fn two_lines_split_evenly_after_a_pause_mark() {
        assert_eq!(
            lines("党政同责、一岗双责落实", 10.0),
            ["党政同责、", "一岗双责落实"]
        );
        assert_eq!(
            lines("责任清单未建立扣3分；未落实到岗每处扣1分", 14.0),
            ["责任清单未建立扣3分；", "未落实到岗每处扣1分"]
        );
        assert_eq!(
            lines("重点行业领域专项整治", 10.0),
            ["重点行业领域专项整治"]
        );
        let lines_of = lines("标准化、培训持证工作未开展扣2分", 14.0);
        assert_eq!(lines_of, ["标准化、培训持证", "工作未开展扣2分"]);
        assert_eq!(
            lines(
                "过火面积超过15亩的火灾每起扣2分；零报告未落实每次扣1分",
                14.7
            ),
            ["过火面积超过15亩的火灾每起", "扣2分；零报告未落实每次扣1分"]
        );
    }

    #[test]
    fn longer_text_leaves_no_stray_last_line() {
        let text = format!("{}扣1分", "安".repeat(26));
        let balanced = lines(&text, 14.0);
        assert_eq!(balanced.concat(), text);
        assert_eq!(balanced.len(), 3);
        assert_eq!(balanced[0].chars().count(), 14, "{balanced:?}");
        assert!(
            balanced.iter().all(|l| l.chars().count() >= 7),
            "{balanced:?}"
        );
        // A last line long enough stays as the lines filled.
        let text = "安委会未及时调整扣1分；党政联席会议研究安全生产每少1次扣1分，扣完为止";
        let filled = lines(text, 14.0);
        assert_eq!(filled[0].chars().count(), 14, "{filled:?}");
    }
}
