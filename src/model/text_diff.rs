//! Where a reworded clause differs from the template's, character by character: the old text
//! in runs kept or removed, the new text in runs kept or added, from a longest common
//! subsequence of the two (after their common start and end are set aside, so an edit in the
//! middle of a long clause costs little). Texts too long for that to be quick are compared as
//! a whole middle removed and added.

/// What a run of text is, compared with the other text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both texts.
    Same,
    /// Only in the old text.
    Removed,
    /// Only in the new text.
    Added,
}

/// A run of characters with the same [`Change`].
pub type Run = (Change, String);

/// The most cells of the comparison table worked out; beyond it the middles are not compared.
const MOST_CELLS: usize = 250_000;

/// The old text's runs (kept or removed) and the new text's runs (kept or added).
#[must_use]
pub fn char_diff(old: &str, new: &str) -> (Vec<Run>, Vec<Run>) {
    let old: Vec<char> = old.chars().collect();
    let new: Vec<char> = new.chars().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(old.len().min(new.len()) - prefix)
        .take_while(|(a, b)| a == b)
        .count();
    let old_middle = old.get(prefix..old.len() - suffix).unwrap_or_default();
    let new_middle = new.get(prefix..new.len() - suffix).unwrap_or_default();
    let (old_marks, new_marks) = middle_marks(old_middle, new_middle);
    let marks = |chars: &[char], middle: Vec<Change>| -> Vec<Run> {
        let mut all = vec![Change::Same; prefix];
        all.extend(middle);
        all.extend(std::iter::repeat_n(Change::Same, suffix));
        runs(chars, &all)
    };
    (marks(&old, old_marks), marks(&new, new_marks))
}

/// Each character of the two middles marked kept or removed (old) and kept or added (new).
fn middle_marks(old: &[char], new: &[char]) -> (Vec<Change>, Vec<Change>) {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > MOST_CELLS || n == 0 || m == 0 {
        return (vec![Change::Removed; n], vec![Change::Added; m]);
    }
    // lengths[i][j]: the longest common subsequence of old[i..] and new[j..].
    let width = m + 1;
    let mut lengths = vec![0_u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let value = if old.get(i) == new.get(j) {
                lengths.get((i + 1) * width + j + 1).map_or(0, |v| v + 1)
            } else {
                let down = lengths.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = lengths.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = lengths.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| lengths.get(i * width + j).copied().unwrap_or(0);
    let mut old_marks = vec![Change::Removed; n];
    let mut new_marks = vec![Change::Added; m];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if old.get(i) == new.get(j) {
            if let Some(mark) = old_marks.get_mut(i) {
                *mark = Change::Same;
            }
            if let Some(mark) = new_marks.get_mut(j) {
                *mark = Change::Same;
            }
            i += 1;
            j += 1;
        } else if at(i + 1, j) >= at(i, j + 1) {
            i += 1;
        } else {
            j += 1;
        }
    }
    (old_marks, new_marks)
}

/// The characters grouped into runs of one mark.
fn runs(chars: &[char], marks: &[Change]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (c, mark) in chars.iter().zip(marks) {
        match runs.last_mut() {
            Some((last, text)) if last == mark => text.push(*c),
            _ => runs.push((*mark, c.to_string())),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(change: Change, text: &str) -> Run {
        (change, text.to_owned())
    }

    #[test]
    fn a_changed_word_in_the_middle_is_marked_on_both_sides() {
        let (old, new) = char_diff(
            "（二）每季度至少召开一次会议。",
            "（二）每月至少召开两次会议。",
        );
        assert_eq!(
            old,
            [
                run(Change::Same, "（二）每"),
                run(Change::Removed, "季度"),
                run(Change::Same, "至少召开"),
                run(Change::Removed, "一"),
                run(Change::Same, "次会议。"),
            ]
        );
        assert_eq!(
            new,
            [
                run(Change::Same, "（二）每"),
                run(Change::Added, "月"),
                run(Change::Same, "至少召开"),
                run(Change::Added, "两"),
                run(Change::Same, "次会议。"),
            ]
        );
    }

    #[test]
    fn added_text_and_equal_or_empty_texts() {
        let (old, new) = char_diff("甲。", "甲（本单位）。");
        assert_eq!(old, [run(Change::Same, "甲。")]);
        assert_eq!(
            new,
            [
                run(Change::Same, "甲"),
                run(Change::Added, "（本单位）"),
                run(Change::Same, "。")
            ]
        );
        assert_eq!(
            char_diff("同", "同"),
            (vec![run(Change::Same, "同")], vec![run(Change::Same, "同")])
        );
        assert_eq!(
            char_diff("", "新"),
            (vec![], vec![run(Change::Added, "新")])
        );
        // Repeated characters at both ends are not counted twice.
        let (old, new) = char_diff("啊啊", "啊");
        assert_eq!(old, [run(Change::Same, "啊"), run(Change::Removed, "啊")]);
        assert_eq!(new, [run(Change::Same, "啊")]);
    }

    #[test]
    fn long_texts_are_compared_as_a_whole_middle() {
        let old: String = "安全生产".repeat(300);
        let new: String = format!("前{}后", "生产安全".repeat(300));
        let (old_runs, new_runs) = char_diff(&old, &new);
        // 1,200 by 1,202 characters is past the table's limit: all removed, all added.
        assert_eq!(old_runs, [(Change::Removed, old)]);
        assert_eq!(new_runs, [(Change::Added, new)]);
    }
}
