//! A clause or part 删去 in the template editor, kept so that a misclick is undone
//! with one button (撤销删去) as long as nothing else has been edited since; the other edits
//! of the session stay (放弃修改 would throw them all away).

use crate::model::{Section, TemplateDraft};

/// What a 删去 took out, and from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Removed {
    /// A clause: its part, its place in the part and its text.
    Clause {
        section: usize,
        index: usize,
        text: String,
    },
    /// A whole part with its clauses.
    Section { index: usize, section: Section },
}

/// A removal and the template as it left it.
pub(super) struct Removal {
    removed: Removed,
    after: TemplateDraft,
}

impl Removal {
    pub(super) fn new(removed: Removed, after: &TemplateDraft) -> Self {
        Self {
            removed,
            after: after.clone(),
        }
    }

    /// The button's label, e.g. "撤销删去第 2 部分第 3 条".
    pub(super) fn label(&self) -> String {
        match &self.removed {
            Removed::Clause { section, index, .. } => {
                format!("撤销删去第 {} 部分第 {} 条", section + 1, index + 1)
            }
            Removed::Section { index, .. } => format!("撤销删去第 {} 部分", index + 1),
        }
    }

    /// True while the template is as the removal left it: an undo then changes nothing else.
    pub(super) fn is_current(&self, draft: &TemplateDraft) -> bool {
        *draft == self.after
    }

    /// Puts what was removed back in its place, the part's clauses numbered again.
    pub(super) fn undo(self, draft: &mut TemplateDraft) {
        match self.removed {
            Removed::Clause {
                section,
                index,
                text,
            } => {
                if let Some(part) = draft.sections.get_mut(section) {
                    part.clauses.insert(index.min(part.clauses.len()), text);
                    crate::document::agreement::renumber_template_clauses(&mut part.clauses);
                }
            }
            Removed::Section { index, section } => {
                let index = index.min(draft.sections.len());
                draft.sections.insert(index, section);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> TemplateDraft {
        TemplateDraft {
            category_id: 1,
            year: 2025,
            title_pattern: "{年度}年度安全生产目标管理责任书".into(),
            preamble: "为落实安全生产责任。".into(),
            sections: vec![Section {
                heading: "主要任务".into(),
                clauses: vec![
                    "（一）健全责任体系。".into(),
                    "（二）开展隐患排查。".into(),
                    "（三）加强应急演练。".into(),
                ],
            }],
        }
    }

    #[test]
    fn a_removed_clause_comes_back_in_its_place_numbered_as_before() {
        let before = template();
        let mut draft = before.clone();
        let text = draft.sections[0].clauses.remove(1);
        crate::document::agreement::renumber_template_clauses(&mut draft.sections[0].clauses);
        assert_eq!(draft.sections[0].clauses[1], "（二）加强应急演练。");
        let removal = Removal::new(
            Removed::Clause {
                section: 0,
                index: 1,
                text,
            },
            &draft,
        );
        assert_eq!(removal.label(), "撤销删去第 1 部分第 2 条");
        assert!(removal.is_current(&draft));
        removal.undo(&mut draft);
        assert_eq!(draft, before);
    }

    #[test]
    fn a_removed_part_comes_back_and_an_edit_since_ends_the_undo() {
        let before = template();
        let mut draft = before.clone();
        let section = draft.sections.remove(0);
        let removal = Removal::new(Removed::Section { index: 0, section }, &draft);
        let mut edited = draft.clone();
        edited.preamble.push('再');
        assert!(!removal.is_current(&edited));
        removal.undo(&mut draft);
        assert_eq!(draft, before);
    }
}
