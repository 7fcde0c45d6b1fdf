//! The template tab's live preview: the text as it will read for a unit chosen from the
//! category, drawn from the template as edited, scrolled to the part being edited when the
//! clerk moves to another part.

use crate::document::agreement::AgreementInputs;
use crate::document::build_agreement;
use crate::model::template::TextPlace;
use crate::model::{Tailoring, TemplateDraft};
use crate::workflow::drafting::DEFAULT_COPIES;

use super::super::Context;

/// Where the preview is and what it follows.
#[derive(Default)]
pub(super) struct PreviewPlace {
    /// The unit chosen to preview for (the category's first until one is chosen).
    pub unit: Option<i64>,
    /// The part of the template edited when the preview last scrolled to it.
    followed: Option<TextPlace>,
    /// The category just chosen (or shown in another year): its preview opens at the title
    /// once drawn for it (a frame may still show the one before).
    pub to_top: Option<i64>,
}

/// Draws the text of `draft` (edited from the version `base_id`) as it reads for the unit
/// chosen in `place`, scrolled to the section of `editing` (the field last edited) when that
/// moved to another section.
pub(super) fn preview(
    ui: &mut egui::Ui,
    context: &Context<'_>,
    draft: &TemplateDraft,
    base_id: Option<i64>,
    editing: Option<TextPlace>,
    place: &mut PreviewPlace,
) {
    let preview_unit = &mut place.unit;
    let Some(year) = context.data.year.as_ref() else {
        return;
    };
    let units: Vec<_> = context
        .units
        .iter()
        .filter(|u| u.is_active && u.fields.category_id == draft.category_id)
        .collect();
    let chosen = preview_unit
        .and_then(|id| units.iter().find(|u| u.id == id))
        .or(units.first())
        .copied();
    ui.horizontal(|ui| {
        let label = ui.label("预览单位");
        // Cut to the column: a long unit name would widen it past the window's edge, and
        // the preview's lines under it with it (the full name shows in the list).
        let mut picked = false;
        let combo = egui::ComboBox::from_id_salt("preview_unit")
            .width((ui.available_width() - 30.0).clamp(120.0, 320.0))
            .truncate()
            .selected_text(chosen.map_or("（本类别还没有单位，以示例显示）", |u| {
                u.fields.name.as_str()
            }))
            .show_ui(ui, |ui| {
                for unit in &units {
                    picked |=
                        crate::ui::pick::pick(ui, preview_unit, Some(unit.id), &unit.fields.name);
                }
            })
            .response
            .labelled_by(label.id);
        crate::ui::pick::keyboard_back(ui, &combo, picked);
    });
    // A category with no unit yet is previewed with its fields named where they go, so that
    // its template can be checked before units are put in it.
    let sample;
    let fields = if let Some(unit) = chosen {
        &unit.fields
    } else {
        sample = crate::model::UnitDraft {
            name: "〔单位名称〕".to_owned(),
            short_name: "〔单位简称〕".to_owned(),
            principal_title: "〔负责人职务〕".to_owned(),
            principal_name: "〔负责人〕".to_owned(),
            ..crate::model::UnitDraft::empty(draft.category_id)
        };
        &sample
    };
    let agreement = chosen
        .and_then(|unit| (context.data.agreements.iter()).find(|a| a.draft.unit_id == unit.id));
    // The template as it reads for the unit: its control targets fill {控制指标}, but its
    // own clause changes are its agreement's, not the template's (said above the text).
    let mut tailoring = Tailoring {
        control_targets: agreement
            .map(|a| a.draft.tailoring.control_targets.clone())
            .unwrap_or_default(),
        clause_changes: Vec::new(),
    };
    let has_own_clauses = agreement.is_some_and(|a| !a.draft.tailoring.clause_changes.is_empty());
    // An agreement on another version (定稿 before this one was saved) reads as that one.
    let other_version = agreement
        .filter(|a| base_id.is_some_and(|base| a.draft.template_id != base))
        .map(|a| {
            let version = (context.data.templates.iter())
                .find(|t| t.id == a.draft.template_id)
                .map_or_else(|| "另一".to_owned(), |t| t.version.to_string());
            let frozen = if a.status.is_issued() {
                "，已定稿，不随模板修改"
            } else {
                ""
            };
            format!(
                "该单位的责任书用的是第 {version} 版模板{frozen}：下面是正在编辑的模板的文字，与该单位的责任书不同（其文字可在“签订跟踪”中该责任书的“预览…”查看）"
            )
        });
    if tailoring.control_targets.is_empty() {
        // Set for each unit on its agreement: the preview says so where they go.
        tailoring.control_targets.push(crate::model::ControlTarget {
            name: "〔控制指标在起草后于各责任书中逐单位填写〕".to_owned(),
            limit: String::new(),
        });
    }
    let set = context
        .data
        .sets
        .iter()
        .find(|s| s.category_id == draft.category_id);
    let inputs = AgreementInputs {
        template: draft,
        year,
        unit: fields,
        tailoring: &tailoring,
        indicators: set,
        number: 1,
        copies: agreement.map_or(DEFAULT_COPIES, |a| a.draft.copies),
    };
    // A faulty placeholder does not blank the preview: it reads as 〔…〕 text, marked, and
    // the rest is filled in.
    let (built, is_marked) = match build_agreement(&inputs) {
        Ok(built) => (Some(built), false),
        Err(_) if !draft.placeholder_errors().is_empty() => {
            let marked = draft.with_faults_marked();
            let lenient = AgreementInputs {
                template: &marked,
                ..inputs
            };
            (build_agreement(&lenient).ok(), true)
        }
        Err(_) => (None, false),
    };
    // The block (0 for the title, parties and preamble, then one per section) to bring into
    // sight: the one of a part newly edited in another block.
    let block = |at: TextPlace| match at {
        TextPlace::Title | TextPlace::Preamble => 0,
        TextPlace::Heading(section) | TextPlace::Clause(section, _) => section + 1,
    };
    let follow = editing
        .filter(|at| {
            place
                .followed
                .is_none_or(|before| block(before) != block(*at))
        })
        .map(block);
    if editing.is_some() {
        place.followed = editing;
    }
    // A solid scroll bar, beside the text rather than over the lines' last characters.
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    // Each category's own: another one's preview opens at its top, not mid-document.
    let mut area = egui::ScrollArea::vertical().id_salt(("template_preview", draft.category_id));
    if place.to_top == Some(draft.category_id) {
        place.to_top = None;
        area = area.vertical_scroll_offset(0.0);
    }
    // Above the text, not in it: they stay in sight as the text scrolls to the part edited.
    if is_marked {
        ui.colored_label(
            ui.visuals().error_fg_color,
            "有误的占位符在预览中以〔〕标出，改正后才能保存",
        );
    }
    if let Some(note) = &other_version {
        ui.colored_label(ui.visuals().warn_fg_color, note);
    }
    if has_own_clauses {
        ui.weak("该单位的责任书另有单独调整的条款，不在此预览中（见“签订跟踪”中该责任书的“与模板的差异”）");
    }
    area.show(ui, |ui| {
        let width = ui.available_width();
        match built {
            Some(built) => {
                // Lines left-aligned, not stretched: in the editor's justified column a
                // line before a long Latin word would spread its characters apart.
                ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                    ui.set_max_width(width);
                    // One label a block, without space between: it reads as one text.
                    ui.spacing_mut().item_spacing.y = 0.0;
                    let blocks = crate::ui::printed_lines::broken_as_printed(
                        ui,
                        &built.reading_blocks(),
                        (width, PREVIEW_SIZE),
                    );
                    for (index, text) in blocks.into_iter().enumerate() {
                        let shown = ui.label(egui::RichText::new(text).size(PREVIEW_SIZE));
                        if follow == Some(index) {
                            shown.scroll_to_me(Some(egui::Align::TOP));
                        }
                    }
                });
            }
            None => {
                ui.colored_label(ui.visuals().error_fg_color, "占位符有误，无法预览");
            }
        }
    });
}

/// The preview's text size.
const PREVIEW_SIZE: f32 = 13.0;
