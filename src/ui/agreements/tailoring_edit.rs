//! The edit buffer of one agreement's tailoring: control targets and every clause of the
//! template, each kept, changed, dropped or added; and what stops it from being saved (the
//! list of differences from the template is in `clause_differences`).

use crate::model::tailoring::{
    blank_clause_problem, emptied_section_problem, is_blank_clause, stale_changes,
    tailored_sections, target_problems,
};
use crate::model::{ClauseChange, ControlTarget, Tailoring, TemplateDraft};

/// The placeholder of the unit's control targets as the text writes it: "{控制指标}".
fn targets_token() -> String {
    format!(
        "{{{}}}",
        crate::model::template::Placeholder::ControlTargets.name()
    )
}

/// One clause in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseEdit {
    /// The template's text, or None for a clause added for this unit.
    pub original: Option<String>,
    /// The text as edited.
    pub text: String,
    /// True when dropped for this unit.
    pub is_dropped: bool,
}

impl ClauseEdit {
    /// True when the clause prints: kept, and for one added, written (an added clause left
    /// empty is simply not added).
    fn prints(&self) -> bool {
        !self.is_dropped && (self.original.is_some() || !self.text.trim().is_empty())
    }
}

/// The editor's buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TailoringEdit {
    /// The agreement edited.
    pub agreement_id: i64,
    /// Control targets as (name, limit).
    pub targets: Vec<(String, String)>,
    /// Section headings and their clauses.
    pub sections: Vec<(String, Vec<ClauseEdit>)>,
    /// Changes whose clause the template no longer has: kept as they are until the clerk
    /// redoes them and discards them one by one, never lost by saving something else.
    pub stale: Vec<ClauseChange>,
    /// The clauses as the editor opened them: a stale change is redone by editing, in this
    /// editor, the clause now at its place (not by a change that was there already).
    opened: Vec<Vec<ClauseEdit>>,
    /// True when the template's title or preamble names {控制指标} (the sections aside).
    prints_targets_elsewhere: bool,
}

impl TailoringEdit {
    /// The buffer for an agreement drawn from `template` with `tailoring`.
    #[must_use]
    pub fn new(agreement_id: i64, template: &TemplateDraft, tailoring: &Tailoring) -> Self {
        let tailored = tailored_sections(template, tailoring);
        let sections: Vec<(String, Vec<ClauseEdit>)> = template
            .sections
            .iter()
            .zip(tailored)
            .map(|(section, clauses)| {
                let edits = clauses
                    .into_iter()
                    .enumerate()
                    .map(|(index, text)| {
                        let original = section.clauses.get(index).cloned();
                        ClauseEdit {
                            is_dropped: text.is_none(),
                            text: text.or_else(|| original.clone()).unwrap_or_default(),
                            original,
                        }
                    })
                    .collect();
                (section.heading.clone(), edits)
            })
            .collect();
        let targets = tailoring
            .control_targets
            .iter()
            .map(|t| (t.name.clone(), t.limit.clone()))
            .collect();
        let names_targets = |text: &str| text.contains(&targets_token());
        Self {
            agreement_id,
            targets,
            opened: sections
                .iter()
                .map(|(_, clauses)| clauses.clone())
                .collect(),
            sections,
            prints_targets_elsewhere: names_targets(&template.title_pattern)
                || names_targets(&template.preamble),
            stale: stale_changes(template, tailoring)
                .into_iter()
                .cloned()
                .collect(),
        }
    }

    /// Placeholder problems in the clauses as typed, one line each, so that a
    /// misspelt placeholder is caught here rather than at 定稿.
    #[must_use]
    fn placeholder_problems(&self) -> Vec<String> {
        // Where, first: the line may be cut short at the panel's edge. Numbered as printed,
        // among the clauses kept.
        let clauses = self.sections.iter().flat_map(|(heading, clauses)| {
            (clauses.iter().filter(|edit| edit.prints()).enumerate())
                .map(move |(index, edit)| (heading.as_str(), index, edit))
        });
        clauses
            .filter_map(|(heading, index, edit)| {
                let refusal = crate::model::template::placeholder_refusal(&edit.text)?;
                let added = if edit.original.is_none() {
                    "（新增）"
                } else {
                    ""
                };
                Some(format!(
                    "【{heading}】第 {} 条{added}：{refusal}",
                    index + 1
                ))
            })
            .collect()
    }

    /// What is said, not refused, while control targets are filled in and no clause kept
    /// prints them (the one with {控制指标} dropped or reworded): 定稿 refuses it later.
    #[must_use]
    pub fn unprinted_targets(&self) -> Option<&'static str> {
        let has_targets = self.targets.iter().any(|(name, _)| !name.trim().is_empty());
        let token = targets_token();
        let printed = self.prints_targets_elsewhere
            || (self.sections.iter()).any(|(heading, clauses)| {
                heading.contains(&token)
                    || (clauses.iter()).any(|edit| !edit.is_dropped && edit.text.contains(&token))
            });
        (has_targets && !printed).then_some(
            "正文中已没有{控制指标}（用到它的条款已删去或改写），本单位的控制指标不会印出，定稿时会被拒绝：请保留该条款，或删除控制指标",
        )
    }

    /// What stops the buffer from being saved, one line each: every clause dropped (nothing
    /// to sign but the preamble), misspelt placeholders, control targets without a name or a
    /// limit, and clauses kept with nothing in them.
    #[must_use]
    pub fn problems(&self) -> Vec<String> {
        let targets: Vec<ControlTarget> = self
            .targets
            .iter()
            .map(|(name, limit)| ControlTarget {
                name: name.clone(),
                limit: limit.clone(),
            })
            .collect();
        let blank_clauses = self.sections.iter().flat_map(|(heading, clauses)| {
            // Numbered as printed, among the clauses kept.
            (clauses.iter().filter(|edit| edit.prints()).enumerate())
                .filter(|(_, edit)| edit.original.is_some() && is_blank_clause(&edit.text))
                .map(move |(index, _)| blank_clause_problem(heading, index))
        });
        let mut problems = Vec::new();
        let keeps_a_clause = (self.sections.iter().flat_map(|(_, clauses)| clauses))
            .any(|edit| !edit.is_dropped && !is_blank_clause(&edit.text));
        if keeps_a_clause {
            // A part left with its heading alone would print so.
            problems.extend(
                (self.sections.iter())
                    .filter(|(_, clauses)| {
                        !clauses
                            .iter()
                            .any(|edit| !edit.is_dropped && !is_blank_clause(&edit.text))
                    })
                    .map(|(heading, _)| emptied_section_problem(heading)),
            );
        } else {
            problems.push(
                "本单位的正文没有任何条款了，这样的责任书不能定稿：请至少保留或新增一条".to_owned(),
            );
        }
        problems.extend(self.placeholder_problems());
        problems.extend(target_problems(&targets));
        // As saving refuses it: a character no font has, by its code (not drawable here), after
        // the place it is in (the clause numbered as printed, or the target by its name).
        let clause_places = self.sections.iter().flat_map(|(heading, clauses)| {
            (clauses.iter().filter(|edit| edit.prints()).enumerate())
                .map(move |(index, edit)| (format!("【{heading}】第 {} 条", index + 1), &edit.text))
        });
        // By its place: the character cannot be shown in its name either.
        let target_places = (self.targets.iter().enumerate()).flat_map(|(index, (name, limit))| {
            [name, limit].map(|text| (format!("第 {} 个控制指标", index + 1), text))
        });
        let undrawable = clause_places
            .chain(target_places)
            .find_map(|(place, text)| {
                crate::pdf::fonts::first_undrawable(text).map(|c| (place, c))
            });
        if let Some((place, c)) = undrawable {
            problems.push(format!("{place}{}", crate::pdf::fonts::undrawable_said(c)));
        }
        problems.extend(blank_clauses);
        problems
    }

    /// The tailoring the buffer describes.
    #[must_use]
    pub fn to_tailoring(&self) -> Tailoring {
        let mut clause_changes = Vec::new();
        for (section, (heading, clauses)) in self.sections.iter().enumerate() {
            for (clause, edit) in clauses.iter().enumerate() {
                match (&edit.original, edit.is_dropped) {
                    (Some(original), true) => clause_changes.push(ClauseChange::Drop {
                        section,
                        clause,
                        original: original.clone(),
                    }),
                    (Some(original), false) if original != &edit.text => {
                        clause_changes.push(ClauseChange::Replace {
                            section,
                            clause,
                            original: original.clone(),
                            text: edit.text.clone(),
                        });
                    }
                    (None, false) if !edit.text.trim().is_empty() => {
                        clause_changes.push(ClauseChange::Add {
                            section,
                            heading: heading.clone(),
                            text: edit.text.clone(),
                        });
                    }
                    _ => {}
                }
            }
        }
        // A target with only its limit typed is kept: it is an unsaved edit (and what stops
        // saving, see `problems`), not nothing.
        let control_targets = self
            .targets
            .iter()
            .filter(|(name, limit)| !name.trim().is_empty() || !limit.trim().is_empty())
            .map(|(name, limit)| ControlTarget {
                name: name.trim().to_owned(),
                limit: limit.trim().to_owned(),
            })
            .collect();
        // A change the template left behind is redone by editing here the clause now at its
        // place: the new change replaces it (the clerk need not also discard the old). A
        // change there already (another clause moved to that number) redoes nothing.
        let place = |change: &ClauseChange| match change {
            ClauseChange::Replace {
                section, clause, ..
            }
            | ClauseChange::Drop {
                section, clause, ..
            } => Some((*section, *clause)),
            ClauseChange::Add { .. } => None,
        };
        let edited_here = |&(section, clause): &(usize, usize)| {
            let now = self.sections.get(section).and_then(|(_, c)| c.get(clause));
            let then = self.opened.get(section).and_then(|c| c.get(clause));
            now != then
        };
        let redone: Vec<(usize, usize)> = (clause_changes.iter())
            .filter_map(place)
            .filter(edited_here)
            .collect();
        clause_changes.extend(
            (self.stale.iter())
                .filter(|stale| place(stale).is_none_or(|at| !redone.contains(&at)))
                .cloned(),
        );
        Tailoring {
            control_targets,
            clause_changes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::agreements::clause_differences::{DiffLine, differences};

    #[test]
    fn targets_no_clause_prints_any_more_are_pointed_out() {
        let template = TemplateDraft::example(&["（一）控制指标：{控制指标}。", "（二）乙"]);
        let targets = Tailoring {
            control_targets: vec![ControlTarget {
                name: "死亡人数".into(),
                limit: "2人以内".into(),
            }],
            clause_changes: Vec::new(),
        };
        let mut edit = TailoringEdit::new(7, &template, &targets);
        assert_eq!(
            edit.unprinted_targets(),
            None,
            "printed by the first clause"
        );
        edit.sections[0].1[0].is_dropped = true;
        assert!(
            edit.unprinted_targets()
                .is_some_and(|w| w.contains("不会印出"))
        );
        // Reworded without it, likewise; with no targets, nothing to say.
        edit.sections[0].1[0].is_dropped = false;
        edit.sections[0].1[0].text = "（一）不发生较大事故。".into();
        assert!(edit.unprinted_targets().is_some());
        edit.targets.clear();
        assert_eq!(edit.unprinted_targets(), None);
        // A preamble naming them prints them whatever the clauses say.
        let in_preamble = TemplateDraft {
            preamble: "控制指标为{控制指标}。".into(),
            ..template
        };
        let mut edit = TailoringEdit::new(7, &in_preamble, &targets);
        edit.sections[0].1[0].is_dropped = true;
        assert_eq!(edit.unprinted_targets(), None);
    }

    /// Every clause of one part dropped (another keeping its own): the part is named, as its
    /// heading would print alone.
    #[test]
    fn a_part_left_without_clauses_is_named() {
        let mut template = TemplateDraft::example(&["（一）甲。"]);
        template.sections.push(crate::model::template::Section {
            heading: "附则".into(),
            clauses: vec!["（一）本责任书一式三份。".into()],
        });
        let mut edit = TailoringEdit::new(7, &template, &Tailoring::default());
        assert!(edit.problems().is_empty(), "{:?}", edit.problems());
        edit.sections[1].1[0].is_dropped = true;
        assert_eq!(edit.problems(), [emptied_section_problem("附则")]);
    }

    /// A character no font has is named with the clause it is in, as the template editor
    /// names its place.
    #[test]
    fn an_undrawable_character_is_named_with_its_clause() {
        let mut template = TemplateDraft::example(&["（一）甲。"]);
        template.sections[0].heading = "主要任务".into();
        let mut edit = TailoringEdit::new(7, &template, &Tailoring::default());
        edit.sections[0].1[0].text = "（一）开展活动👍。".into();
        assert_eq!(
            edit.problems(),
            ["【主要任务】第 1 条有现有字体都无法显示的字（U+1F44D），打印时会缺字，请改用常用字"]
        );
    }

    #[test]
    fn dropping_every_clause_is_not_saved() {
        let template = TemplateDraft::example(&["（一）甲。", "（二）乙。"]);
        let mut edit = TailoringEdit::new(7, &template, &Tailoring::default());
        assert!(edit.problems().is_empty());
        edit.sections[0].1[0].is_dropped = true;
        assert!(edit.problems().is_empty(), "one clause kept");
        edit.sections[0].1[1].is_dropped = true;
        assert_eq!(
            edit.problems(),
            ["本单位的正文没有任何条款了，这样的责任书不能定稿：请至少保留或新增一条"]
        );
    }

    #[test]
    fn an_untouched_buffer_gives_back_the_same_tailoring() {
        let template = TemplateDraft::example(&["甲", "乙"]);
        let tailoring = Tailoring {
            control_targets: vec![ControlTarget {
                name: "死亡人数控制在".into(),
                limit: "2人以内".into(),
            }],
            clause_changes: vec![
                ClauseChange::Replace {
                    section: 0,
                    clause: 0,
                    original: "甲".into(),
                    text: "甲一".into(),
                },
                ClauseChange::Drop {
                    section: 0,
                    clause: 1,
                    original: "乙".into(),
                },
            ],
        };
        let mut edit = TailoringEdit::new(7, &template, &tailoring);
        assert_eq!(edit.to_tailoring(), tailoring);
        // A target with only its limit typed is an edit (not saved, asked about on leaving),
        // not nothing; a target left wholly blank is nothing.
        edit.targets.push((String::new(), " ".into()));
        assert_eq!(edit.to_tailoring(), tailoring);
        edit.targets.push((String::new(), "5人".into()));
        assert_ne!(edit.to_tailoring(), tailoring);
        assert!(edit.problems().iter().any(|p| p.contains("没有名称")));
        edit.targets.truncate(1);
        edit.sections[0].1.push(ClauseEdit {
            original: None,
            text: "丙".into(),
            is_dropped: false,
        });
        let changed = edit.to_tailoring();
        assert_eq!(changed.clause_changes.len(), 3);
        let lines: Vec<String> = differences(&template, &changed, &str::to_owned)
            .iter()
            .map(DiffLine::text)
            .collect();
        assert_eq!(
            lines,
            [
                "【目标】修改：甲 → 甲一",
                "【目标】删除：乙",
                "【目标】新增：丙"
            ]
        );
    }

    #[test]
    fn a_stale_change_survives_saving_something_else_until_discarded() {
        let template = TemplateDraft::example(&["甲（修订）"]);
        let stale = ClauseChange::Replace {
            section: 0,
            clause: 0,
            original: "甲".into(),
            text: "甲一".into(),
        };
        let tailoring = Tailoring {
            control_targets: vec![],
            clause_changes: vec![stale.clone()],
        };
        let mut edit = TailoringEdit::new(7, &template, &tailoring);
        assert_eq!(edit.stale, std::slice::from_ref(&stale));
        edit.targets.push(("死亡人数".into(), "0人".into()));
        assert!(edit.to_tailoring().clause_changes.contains(&stale));
        // Redone at its place, the new change replaces it.
        edit.sections[0].1[0].text = "甲（修订）一".into();
        let redone = edit.to_tailoring().clause_changes;
        assert_eq!(
            redone,
            [ClauseChange::Replace {
                section: 0,
                clause: 0,
                original: "甲（修订）".into(),
                text: "甲（修订）一".into(),
            }]
        );
        edit.sections[0].1[0].text = "甲（修订）".into();
        // A change there already when the editor opened (another clause moved to that
        // number) redoes nothing: the stale change stays.
        let moved = Tailoring {
            control_targets: vec![],
            clause_changes: vec![
                stale.clone(),
                ClauseChange::Drop {
                    section: 0,
                    clause: 0,
                    original: "甲（修订）".into(),
                },
            ],
        };
        let opened = TailoringEdit::new(7, &template, &moved);
        assert!(opened.to_tailoring().clause_changes.contains(&stale));
        edit.stale.clear();
        assert!(edit.to_tailoring().clause_changes.is_empty());
    }
}
