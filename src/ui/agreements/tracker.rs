//! 签订跟踪: the year's agreements with filters, search (also by verification code), a summary
//! strip with what is overdue, bulk actions on a selection, and the detail of one agreement.

use std::collections::{BTreeSet, HashMap};

use egui_extras::{Column, TableBuilder};

use crate::model::{Agreement, AgreementStatus, Unit};

use super::super::file_picker::{FilePicker, PickMode, PickOutcome};
use super::detail::Detail;
use super::draft_dialog::{DraftDialog, DraftProgress};
use super::{Command, Context};
use crate::model::dates::{parse_date, show_date};

/// State of the tracker tab.
#[derive(Default)]
pub struct Tracker {
    status_filter: Option<AgreementStatus>,
    category_filter: Option<i64>,
    /// Only agreements not yet signed although the planned signing date has passed.
    overdue_only: bool,
    search: String,
    selected: BTreeSet<i64>,
    focused: Option<i64>,
    detail: Detail,
    draft_dialog: Option<DraftDialog>,
    sign_date: Option<String>,
    /// The agreements the open 标记已签订 dialog applies to.
    sign_ids: Vec<i64>,
    /// The data generation the selection was last checked against.
    checked_generation: u64,
    sign_error: Option<String>,
    visible: Vec<usize>,
    visible_key: Option<VisibleKey>,
    export_picker: Option<(Vec<i64>, FilePicker)>,
    copies: usize,
}

/// What the list of visible rows was computed from: data generation, status and category
/// filters, the overdue filter in force, and the search text.
type VisibleKey = (u64, Option<AgreementStatus>, Option<i64>, bool, String);

const ROW_HEIGHT: f32 = 24.0;

/// True for text that can be the start of a verification code (6 hex digits or more).
fn looks_like_code(text: &str) -> bool {
    text.len() >= 6 && text.chars().all(|c| c.is_ascii_hexdigit())
}

fn matches_search(agreement: &Agreement, unit: Option<&Unit>, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let by_name = unit
        .is_some_and(|u| u.fields.name.contains(needle) || u.fields.short_name.contains(needle));
    let code = needle.to_ascii_lowercase();
    let by_code = looks_like_code(&code)
        && agreement
            .content_hash
            .as_deref()
            .is_some_and(|h| h.starts_with(&code));
    by_name || by_code
}

impl Tracker {
    /// Drops a stale detail after a reload.
    pub fn reloaded(&mut self) {
        self.detail.reloaded();
        self.visible_key = None;
    }

    /// Draws the tab.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        progress: Option<&DraftProgress>,
        commands: &mut Vec<Command>,
    ) {
        let units: HashMap<i64, &Unit> = context.units.iter().map(|u| (u.id, u)).collect();
        let categories: HashMap<i64, &str> = context
            .categories
            .iter()
            .map(|c| (c.id, c.name.as_str()))
            .collect();
        let agreements = &context.data.agreements;
        if self.checked_generation != context.generation {
            // After a reload (another year, a batch draft), keep only agreements still listed.
            let listed: BTreeSet<i64> = agreements.iter().map(|a| a.id).collect();
            self.selected.retain(|id| listed.contains(id));
            if self.focused.is_some_and(|id| !listed.contains(&id)) {
                self.focused = None;
            }
            self.checked_generation = context.generation;
        }
        Self::summary(ui, context);
        self.filters(ui, context);
        let is_overdue = context
            .data
            .year
            .as_ref()
            .and_then(|y| y.planned_signing_date)
            .is_some_and(|date| chrono::Local::now().date_naive() > date);
        self.refresh_visible(agreements, &units, context.generation, is_overdue);
        // A code from another year's paper copy: offer to look in every year.
        let code = self.search.trim();
        let is_other_years = looks_like_code(code) && {
            let needle = code.to_ascii_lowercase();
            !agreements.iter().any(|a| matches_search(a, None, &needle))
        };
        if is_other_years {
            ui.horizontal(|ui| {
                ui.label("本年度没有这个校验码的责任书");
                if ui.button("在所有年度中查找").clicked() {
                    commands.push(Command::FindCode(code.to_owned()));
                }
            });
        }
        self.actions(ui, agreements, commands);
        match self
            .focused
            .and_then(|id| agreements.iter().find(|a| a.id == id))
        {
            Some(agreement) => {
                egui_extras::StripBuilder::new(ui)
                    .size(egui_extras::Size::remainder().at_least(300.0))
                    .size(egui_extras::Size::exact(440.0))
                    .horizontal(|mut strip| {
                        strip.cell(|ui| self.table(ui, agreements, &units, &categories, true));
                        strip.cell(|ui| {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                ui.set_min_height(ui.available_height());
                                self.detail.show(ui, context, agreement, commands);
                            });
                        });
                    });
            }
            None => self.table(ui, agreements, &units, &categories, false),
        }
        if let Some(dialog) = &mut self.draft_dialog
            && !dialog.show(ui.ctx(), context, progress, commands)
        {
            self.draft_dialog = None;
        }
        self.sign_dialog(ui.ctx(), commands);
        self.export_dialog(ui.ctx(), commands);
    }

    fn summary(ui: &mut egui::Ui, context: &Context<'_>) {
        let agreements = &context.data.agreements;
        let today = chrono::Local::now().date_naive();
        let planned = context
            .data
            .year
            .as_ref()
            .and_then(|y| y.planned_signing_date);
        ui.horizontal_wrapped(|ui| {
            for status in AgreementStatus::ALL {
                let count = agreements.iter().filter(|a| a.status == status).count();
                ui.label(format!("{} {count}", status.label()));
                ui.label("·");
            }
            match planned {
                Some(date) => {
                    let overdue = agreements
                        .iter()
                        .filter(|a| a.status < AgreementStatus::Signed)
                        .count();
                    let text = format!("计划签订日期 {}", show_date(date));
                    if today > date && overdue > 0 {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            format!("{text}，已逾期未签 {overdue} 份"),
                        );
                    } else {
                        ui.label(format!("{text}，尚未签订 {overdue} 份"));
                    }
                }
                None => {
                    ui.label("未设定计划签订日期");
                }
            }
        });
    }

    fn filters(&mut self, ui: &mut egui::Ui, context: &Context<'_>) {
        ui.horizontal(|ui| {
            let label = ui.label("状态");
            egui::ComboBox::from_id_salt("status_filter")
                .selected_text(self.status_filter.map_or("全部", AgreementStatus::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status_filter, None, "全部");
                    for status in AgreementStatus::ALL {
                        ui.selectable_value(&mut self.status_filter, Some(status), status.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("类别");
            let category_name = self
                .category_filter
                .and_then(|id| context.categories.iter().find(|c| c.id == id))
                .map_or("全部", |c| c.name.as_str());
            egui::ComboBox::from_id_salt("category_filter")
                .selected_text(category_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.category_filter, None, "全部");
                    for category in context.categories {
                        ui.selectable_value(
                            &mut self.category_filter,
                            Some(category.id),
                            &category.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("查找");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("单位名称或校验码")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            ui.checkbox(&mut self.overdue_only, "只看逾期未签")
                .on_hover_text("计划签订日期已过、尚未签订的责任书");
        });
    }

    fn refresh_visible(
        &mut self,
        agreements: &[Agreement],
        units: &HashMap<i64, &Unit>,
        generation: u64,
        is_overdue: bool,
    ) {
        let key = (
            generation,
            self.status_filter,
            self.category_filter,
            self.overdue_only && is_overdue,
            self.search.clone(),
        );
        if self.visible_key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.search.trim();
        self.visible = agreements
            .iter()
            .enumerate()
            .filter(|(_, a)| self.status_filter.is_none_or(|s| s == a.status))
            .filter(|(_, a)| {
                self.category_filter
                    .is_none_or(|c| c == a.draft.category_id)
            })
            .filter(|(_, a)| {
                !self.overdue_only || (is_overdue && a.status < AgreementStatus::Signed)
            })
            .filter(|(_, a)| matches_search(a, units.get(&a.draft.unit_id).copied(), needle))
            .map(|(index, _)| index)
            .collect();
        self.visible_key = Some(key);
        // The detail belongs to a listed row: a search or filter that hides it closes it.
        if let Some(id) = self.focused
            && !self
                .visible
                .iter()
                .any(|&i| agreements.get(i).is_some_and(|a| a.id == id))
        {
            self.focused = None;
        }
    }

    fn actions(
        &mut self,
        ui: &mut egui::Ui,
        agreements: &[Agreement],
        commands: &mut Vec<Command>,
    ) {
        let chosen: Vec<&Agreement> = agreements
            .iter()
            .filter(|a| self.selected.contains(&a.id))
            .collect();
        let ids_in = |statuses: &[AgreementStatus]| -> Vec<i64> {
            chosen
                .iter()
                .filter(|a| statuses.contains(&a.status))
                .map(|a| a.id)
                .collect()
        };
        if self.copies == 0 {
            self.copies = 2;
        }
        let targets: Vec<i64> = if chosen.is_empty() {
            self.visible
                .iter()
                .filter_map(|&i| agreements.get(i))
                .map(|a| a.id)
                .collect()
        } else {
            chosen.iter().map(|a| a.id).collect()
        };
        ui.horizontal(|ui| {
            let scope = if chosen.is_empty() {
                "当前列出的"
            } else {
                "所选的"
            };
            if ui
                .add_enabled(
                    !targets.is_empty(),
                    egui::Button::new(format!("导出 PDF…（{}）", targets.len())),
                )
                .on_hover_text(format!("导出{scope}责任书，每份一个文件"))
                .clicked()
            {
                self.export_picker = Some((
                    targets.clone(),
                    FilePicker::new("选择导出到的文件夹", PickMode::Folder),
                ));
            }
            let label = ui.label("每份打印");
            ui.add(
                egui::DragValue::new(&mut self.copies)
                    .range(1..=crate::pdf::agreement::MAX_COPIES)
                    .clamp_existing_to_range(true)
                    .suffix(" 份"),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(
                    !targets.is_empty(),
                    egui::Button::new(format!("打印…（{}）", targets.len())),
                )
                .on_hover_text(format!(
                    "把{scope}责任书合成一个打印文件，每份从奇数页开始，并用 PDF 阅读器打开"
                ))
                .clicked()
            {
                commands.push(Command::PrintAgreements {
                    ids: targets.clone(),
                    copies: self.copies,
                });
            }
        });
        ui.horizontal(|ui| {
            if ui.button("批量起草…").clicked() {
                self.draft_dialog = Some(DraftDialog::default());
            }
            ui.separator();
            ui.label(format!("已选 {} 份", chosen.len()));
            if ui.button("全选").clicked() {
                self.selected = self
                    .visible
                    .iter()
                    .filter_map(|&i| agreements.get(i))
                    .map(|a| a.id)
                    .collect();
            }
            if ui
                .add_enabled(!chosen.is_empty(), egui::Button::new("清除选择"))
                .clicked()
            {
                self.selected.clear();
            }
            let drafts = ids_in(&[AgreementStatus::Draft]);
            if ui
                .add_enabled(
                    !drafts.is_empty(),
                    egui::Button::new(format!("定稿（{}）", drafts.len())),
                )
                .clicked()
            {
                commands.push(Command::Finalize(drafts));
            }
            let finals = ids_in(&[AgreementStatus::Final]);
            if ui
                .add_enabled(
                    !finals.is_empty(),
                    egui::Button::new(format!("标记已打印（{}）", finals.len())),
                )
                .clicked()
            {
                commands.push(Command::MarkPrinted(finals));
            }
            let signable = ids_in(&[AgreementStatus::Final, AgreementStatus::Printed]);
            if ui
                .add_enabled(
                    !signable.is_empty(),
                    egui::Button::new(format!("标记已签订…（{}）", signable.len())),
                )
                .clicked()
            {
                self.sign_date = Some(show_date(chrono::Local::now().date_naive()));
                self.sign_error = None;
                self.sign_ids.clone_from(&signable);
            }
        });
    }

    fn export_dialog(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((ids, picker)) = &mut self.export_picker else {
            return;
        };
        match picker.show(ctx) {
            PickOutcome::Open => {}
            PickOutcome::Cancelled => self.export_picker = None,
            PickOutcome::Chosen(folder) => {
                commands.push(Command::ExportPdfs {
                    ids: std::mem::take(ids),
                    folder,
                });
                self.export_picker = None;
            }
        }
    }

    fn sign_dialog(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(date_text) = &mut self.sign_date else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("sign_dialog")).show(ctx, |ui| {
            ui.heading("标记已签订");
            ui.label(
                "甲方签字人取年度设置中的签字人，乙方签字人取各单位负责人，签回份数为全部份数",
            );
            ui.horizontal(|ui| {
                let label = ui.label("签订日期");
                ui.add(
                    egui::TextEdit::singleline(date_text)
                        .hint_text("2025-03-12")
                        .desired_width(120.0),
                )
                .labelled_by(label.id);
            });
            if let Some(error) = &self.sign_error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                if ui.button("确定签订").clicked() {
                    match parse_date(date_text) {
                        Some(date) => {
                            commands.push(Command::MarkSigned {
                                ids: self.sign_ids.clone(),
                                signed_on: date,
                            });
                            close = true;
                        }
                        None => {
                            self.sign_error =
                                Some("签订日期应写成 2025年3月12日 或 2025-03-12".to_owned());
                        }
                    }
                }
                if ui.button("取消").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.sign_date = None;
        }
    }

    fn table(
        &mut self,
        ui: &mut egui::Ui,
        agreements: &[Agreement],
        units: &HashMap<i64, &Unit>,
        categories: &HashMap<i64, &str>,
        is_compact: bool,
    ) {
        // With the detail open, the signatory and earlier date columns (shown in the detail)
        // make room.
        let shown = |column: usize| !is_compact || !matches!(column, 4..=7);
        let headers = [
            "序号",
            "单位",
            "类别",
            "状态",
            "甲方签字人",
            "乙方签字人",
            "定稿日期",
            "打印日期",
            "签订日期",
            "签回/份数",
            "校验码",
        ];
        let mut toggled = None;
        let mut focused = None;
        let widths = [
            56.0, 200.0, 50.0, 60.0, 80.0, 80.0, 100.0, 100.0, 100.0, 70.0,
        ];
        let mut builder = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        for (_, width) in widths
            .into_iter()
            .enumerate()
            .filter(|(column, _)| shown(*column))
        {
            builder = builder.column(Column::initial(width).at_least(40.0).clip(true));
        }
        builder
            .column(Column::remainder().at_least(40.0).clip(true))
            .header(ROW_HEIGHT, |mut header| {
                for (_, title) in headers
                    .into_iter()
                    .enumerate()
                    .filter(|(column, _)| shown(*column))
                {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.visible.len(), |mut row| {
                    let Some(agreement) = self
                        .visible
                        .get(row.index())
                        .and_then(|&i| agreements.get(i))
                    else {
                        return;
                    };
                    row.set_selected(self.focused == Some(agreement.id));
                    let unit_name = units
                        .get(&agreement.draft.unit_id)
                        .map_or("", |u| u.fields.name.as_str());
                    let mut is_selected = self.selected.contains(&agreement.id);
                    row.col(|ui| {
                        let number = agreement.draft.number.to_string();
                        if ui
                            .checkbox(&mut is_selected, number)
                            .on_hover_text(format!("选择{unit_name}"))
                            .changed()
                        {
                            toggled = Some(agreement.id);
                        }
                    });
                    let day =
                        |date: Option<chrono::NaiveDate>| date.map(show_date).unwrap_or_default();
                    let code = agreement
                        .content_hash
                        .as_deref()
                        .and_then(|h| h.get(..12))
                        .unwrap_or("");
                    let cells = [
                        unit_name.to_owned(),
                        categories
                            .get(&agreement.draft.category_id)
                            .copied()
                            .unwrap_or("")
                            .to_owned(),
                        agreement.status.label().to_owned(),
                        agreement.party_a_signatory.clone(),
                        agreement.party_b_signatory.clone(),
                        day(agreement.finalized_on),
                        day(agreement.printed_on),
                        day(agreement.signed_on),
                        format!("{}/{}", agreement.copies_returned, agreement.draft.copies),
                        code.to_owned(),
                    ];
                    for (_, text) in cells
                        .into_iter()
                        .enumerate()
                        .filter(|(cell, _)| shown(cell + 1))
                    {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).selectable(false).truncate());
                        });
                    }
                    if row.response().clicked() {
                        focused = Some(agreement.id);
                    }
                });
            });
        if let Some(id) = toggled
            && !self.selected.remove(&id)
        {
            self.selected.insert(id);
        }
        if let Some(id) = focused {
            self.focused = Some(id);
            self.detail.focus(id);
        }
    }
}
