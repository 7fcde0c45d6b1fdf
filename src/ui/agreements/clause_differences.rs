//! The list of differences between an agreement's tailoring and its template, as the detail
//! shows it: one line per change, the old and new text in runs marked kept, removed or added;
//! changes the template no longer has a clause for first, flagged for redoing.

use crate::model::tailoring::{numbered_like, stale_changes};
use crate::model::text_diff::{Change, Run, char_diff};
use crate::model::{ClauseChange, Tailoring, TemplateDraft};

/// One difference from the template, as the detail lists it: a caption ("【主要任务】修改：")
/// and the old and new text in runs, each marked kept, removed or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// What changed where, e.g. "【主要任务】修改：".
    pub caption: String,
    /// The template's text (kept or removed runs); empty for an added clause.
    pub old: Vec<Run>,
    /// The agreement's text (kept or added runs); empty for a dropped clause.
    pub new: Vec<Run>,
}

#[cfg(test)]
impl DiffLine {
    /// The line as plain text: "【目标】修改：甲 → 甲一".
    pub(super) fn text(&self) -> String {
        let joined = |runs: &[Run]| runs.iter().map(|(_, t)| t.as_str()).collect::<String>();
        let arrow = if self.old.is_empty() || self.new.is_empty() {
            ""
        } else {
            " → "
        };
        format!(
            "{}{}{arrow}{}",
            self.caption,
            joined(&self.old),
            joined(&self.new)
        )
    }
}

/// What the agreement's tailoring changes in the template, one line per change; changes whose
/// clause the template no longer has come first, flagged for redoing. Each text goes through
/// `fill` first: the unit's own names for the placeholders, so that the lines read as the
/// agreement will print.
#[must_use]
pub fn differences(
    template: &TemplateDraft,
    tailoring: &Tailoring,
    fill: &dyn Fn(&str) -> String,
) -> Vec<DiffLine> {
    let stale = stale_changes(template, tailoring);
    let heading = |change: &ClauseChange| {
        change
            .locate(template)
            .and_then(|(section, _)| template.sections.get(section))
            .map_or("?", |s| s.heading.as_str())
    };
    let whole = |change: Change, text: &str| vec![(change, fill(text))];
    let describe = |change: &ClauseChange, prefix: &str| {
        let place = if prefix.is_empty() {
            format!("【{}】", fill(heading(change)))
        } else {
            prefix.to_owned()
        };
        match change {
            ClauseChange::Add { text, .. } => DiffLine {
                caption: format!("{place}新增："),
                old: Vec::new(),
                new: whole(Change::Added, text),
            },
            // Under the number its clause has in the template now.
            ClauseChange::Replace { text, .. } => {
                let now = change.current_text(template);
                let (old, new) = char_diff(&fill(now), &fill(&numbered_like(text, now)));
                DiffLine {
                    caption: format!("{place}修改："),
                    old,
                    new,
                }
            }
            ClauseChange::Drop { .. } => DiffLine {
                caption: format!("{place}删除："),
                old: whole(Change::Removed, change.current_text(template)),
                new: Vec::new(),
            },
        }
    };
    // Beside a change the template lost, what the template says now where its clause was, so
    // that the change can be made again against the new wording.
    let now_there = |change: &ClauseChange| match change {
        ClauseChange::Replace {
            section, clause, ..
        }
        | ClauseChange::Drop {
            section, clause, ..
        } => (template.sections.get(*section))
            .and_then(|s| s.clauses.get(*clause))
            .map(|text| DiffLine {
                // Where the clause was; another clause may stand there now.
                caption: format!(
                    "原第 {} 部分第 {} 条处，模板现为：",
                    section + 1,
                    clause + 1
                ),
                old: Vec::new(),
                new: whole(Change::Same, text),
            }),
        ClauseChange::Add { .. } => None,
    };
    let stale_lines = stale.iter().flat_map(|change| {
        std::iter::once(describe(change, "模板已修改，找不到原条款，请重新调整："))
            .chain(now_there(change))
    });
    let current = tailoring
        .clause_changes
        .iter()
        .filter(|change| !stale.contains(change))
        .map(|change| describe(change, ""));
    stale_lines.chain(current).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_listed_under_its_clauses_number_now() {
        // Made on (二); the template then dropped (一), renumbering (二) to (一).
        let template = TemplateDraft::example(&["（一）乙。", "（二）丙。"]);
        let tailoring = Tailoring {
            control_targets: Vec::new(),
            clause_changes: vec![
                ClauseChange::Replace {
                    section: 0,
                    clause: 1,
                    original: "（二）乙。".into(),
                    text: "（二）乙，本单位补充。".into(),
                },
                ClauseChange::Drop {
                    section: 0,
                    clause: 2,
                    original: "（三）丙。".into(),
                },
            ],
        };
        let lines: Vec<String> = differences(&template, &tailoring, &|t| t.to_owned())
            .iter()
            .map(DiffLine::text)
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].ends_with("修改：（一）乙。 → （一）乙，本单位补充。"),
            "{lines:?}"
        );
        assert!(lines[1].ends_with("删除：（二）丙。"), "{lines:?}");
    }

    /// A change whose clause the template has since reworded: listed as to be redone, with
    /// the template's new wording at its place under it.
    #[test]
    fn a_stale_change_is_listed_with_the_template_s_new_wording() {
        let template = TemplateDraft::example(&["甲（修订）"]);
        let tailoring = Tailoring {
            control_targets: vec![],
            clause_changes: vec![ClauseChange::Replace {
                section: 0,
                clause: 0,
                original: "甲".into(),
                text: "甲一".into(),
            }],
        };
        let lines = differences(&template, &tailoring, &str::to_owned);
        let captions: Vec<&str> = lines.iter().map(|l| l.caption.as_str()).collect();
        assert_eq!(
            captions,
            [
                "模板已修改，找不到原条款，请重新调整：修改：",
                "原第 1 部分第 1 条处，模板现为："
            ]
        );
        assert_eq!(
            lines[1].new,
            [(
                crate::model::text_diff::Change::Same,
                "甲（修订）".to_owned()
            )]
        );
    }
}
