//! The notes under the unit form's buttons, said as the clerk types: an archived or active unit
//! like the one typed, names and short names that will read oddly, what a rename, a new
//! 负责人 or another category means for the year's agreement, a 排序号 another unit has.

use crate::model::{Category, UnitDraft};

use super::{ARCHIVED_NAMESAKE, FormNotes, UnitField, UnitForm};

impl UnitForm {
    /// Draws the notes that apply to the fields as typed, under the buttons (so that they stay
    /// where they are as notes come and go).
    pub(super) fn show_notes(
        &mut self,
        ui: &mut egui::Ui,
        categories: &[Category],
        notes: &FormNotes<'_>,
    ) {
        let FormNotes {
            archived,
            issued,
            principal_issued,
            drafted_in,
            sort_orders,
            units,
            towns_categories,
            former_names,
        } = *notes;
        // Under the buttons, so that they stay where they are as it comes and goes.
        let name = self.draft.name.trim();
        // Said once: not again here when 保存 has refused the name for it.
        let is_refused = self.error_for(UnitField::Name).is_some();
        if self.id.is_none() && !name.is_empty() && archived.contains(&name) && !is_refused {
            ui.colored_label(ui.visuals().warn_fg_color, ARCHIVED_NAMESAKE);
        }
        // An archived unit shown under this new unit's name or short name is most likely
        // the same unit: restoring it keeps its history (and a second one would stop it
        // from being restored later).
        let shown = if self.draft.short_name.trim().is_empty() {
            name
        } else {
            self.draft.short_name.trim()
        };
        let archived_alike = (units.iter())
            .filter(|u| !u.is_active && u.fields.name != name)
            .find(|u| {
                let theirs = u.fields.display_short_name();
                !shown.is_empty() && (theirs == shown || theirs == name)
            });
        if self.id.is_none()
            && let Some(unit) = archived_alike
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "已归档单位“{}”的简称是“{}”：如是同一单位，请取消，在列表中显示已归档单位，选中它再点“恢复”；如不是，请另取简称，以免以后恢复它时两个单位简称相同",
                    unit.fields.name,
                    unit.fields.display_short_name()
                ),
            );
        }
        // A unit renamed or given a short name as an archived one is shown: allowed,
        // but that one cannot be restored until one of the two changes it.
        let opened = self.opened_with.trimmed();
        let is_renamed = shown != opened.display_short_name() || name != opened.name;
        if let Some(own) = self.id
            && is_renamed
            && let Some(unit) = archived_alike.filter(|u| u.id != own)
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "已归档单位“{}”的简称也是“{}”：保存后，恢复它之前须改其中一个的简称",
                    unit.fields.name,
                    unit.fields.display_short_name()
                ),
            );
        }
        // A part of a unit's name, or a name holding one ("应急管理局" beside
        // "示例市应急管理局"): perhaps that unit, as the import says of such rows.
        if self
            .alike
            .as_ref()
            .is_none_or(|(looked_up, _)| looked_up != name)
        {
            let found = (units.iter())
                .filter(|u| u.is_active)
                .find(|u| crate::model::unit_names::names_alike(&u.fields.name, name))
                .map(|u| u.fields.name.clone());
            self.alike = Some((name.to_owned(), found));
        }
        let active_alike = (self.alike.as_ref())
            .and_then(|(_, found)| found.as_deref())
            .filter(|_| self.id.is_none() && archived_alike.is_none());
        if let Some(unit_name) = active_alike {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!(
                        "与在用单位“{unit_name}”的名称相近：如是同一单位，请取消，编辑该单位；否则保存会另建一个单位"
                    ))
                    .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
        // A name an active unit had before it was renamed: most likely that unit, under its
        // old name on an old paper or sheet.
        let renamed_from = (former_names.and_then(|former| former.formerly_named(name, self.id)))
            .and_then(|id| units.iter().find(|u| u.id == id && u.is_active))
            .filter(|unit| unit.fields.name != name && active_alike.is_none());
        if let Some(unit) = renamed_from {
            let now = &unit.fields.name;
            let text = if self.id.is_none() {
                format!(
                    "“{name}”是在用单位“{now}”的曾用名：如是同一单位，请取消，编辑该单位；否则保存会另建一个单位"
                )
            } else {
                format!(
                    "“{name}”是在用单位“{now}”的曾用名：改用此名，旧文件和往年记录中两个单位将难以区分，请核对"
                )
            };
            ui.add(
                egui::Label::new(egui::RichText::new(text).color(ui.visuals().warn_fg_color))
                    .wrap(),
            );
        }
        if let Some(note) = crate::model::unit_names::name_punctuation_note(name) {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        if let Some(note) = crate::model::unit_names::short_name_note(name, &self.draft.short_name)
        {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        if let Some(note) = crate::model::file_name::file_name_note(name, &self.draft.short_name) {
            let color = ui.visuals().warn_fg_color;
            crate::ui::printed_lines::label(ui, &note, Some(color));
        }
        // Said of a kind chosen (a new unit's reads 请选择 until then).
        if let Some(note) = (self.draft.kind.name_note(name)).filter(|_| self.kind_chosen) {
            ui.add(
                egui::Label::new(egui::RichText::new(note).color(ui.visuals().warn_fg_color))
                    .wrap(),
            );
        }
        // Chosen on purpose or by mistake: the clerk sees who the unit is ranked with
        // (once a kind is chosen: the draft's until then is only a placeholder). Moved
        // away from the category the year's agreement was drafted in, that year stays
        // there (said below): the ranking said is that of the agreements after it.
        let is_moved_from_drafted =
            drafted_in.is_some_and(|(category_id, _)| self.draft.category_id != category_id);
        if let Some(note) = crate::model::category::kind_category_note(
            self.draft.kind,
            self.draft.category_id,
            (categories, towns_categories),
            is_moved_from_drafted,
        )
        .filter(|_| self.kind_chosen)
        {
            ui.add(
                egui::Label::new(egui::RichText::new(note).color(ui.visuals().warn_fg_color))
                    .wrap(),
            );
        }
        // A long name with no short name stands for itself wherever the short name is
        // shown (the 考核 grid, file names, the tracker's narrow column).
        // Counted as saved: a zero-width character a paste brought is taken out.
        let chars = crate::model::unit::without_zero_width(name).chars().count();
        let most = crate::model::unit::MAX_NAME_CHARS;
        // Said as it is typed, not first at 保存 (and once: not again beside the
        // refusal).
        for error in self.draft.trimmed().too_long() {
            // (The refusal may count other characters than are typed now.)
            let stem = |message: &str| message.split('（').next().map(str::to_owned);
            let is_said = (self.errors.iter())
                .any(|e| e.field == error.field && stem(&e.message) == stem(&error.message));
            if !is_said {
                let message = format!("{}：请缩短后再保存", error.message);
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
        }
        if self.draft.short_name.trim().is_empty()
            && (crate::model::unit::MAX_SHORT_NAME_CHARS + 1..=most).contains(&chars)
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "未填简称：考核表格、文件名等处将显示全称（{chars} 个字），建议填写 {} 个字以内的简称",
                    crate::model::unit::MAX_SHORT_NAME_CHARS
                ),
            );
        }
        // A unit renamed after its agreement was frozen: the paper keeps its name.
        let old = self.opened_with.name.trim();
        if let Some(issued) = issued.filter(|_| !name.is_empty() && name != old) {
            ui.colored_label(ui.visuals().warn_fg_color, issued);
        }
        // A principal changed after it: the signed paper names the one of its day.
        let is_principal_changed = self.draft.principal_name.trim()
            != self.opened_with.principal_name.trim()
            || self.draft.principal_title.trim() != self.opened_with.principal_title.trim();
        if let Some(note) = principal_issued.filter(|_| is_principal_changed) {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        // A 镇 made a 街道 keeps its 镇长 until the title is changed too.
        if let Some(note) = self.draft.kind.title_note(&self.draft.principal_title) {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        // A 排序号 another unit has: the two are listed together, by name. Said of a
        // number typed, not of one the unit already had or the form chose (the last
        // allowed, when a unit holds it already).
        if let Ok(number) = UnitDraft::parse_sort_order(&self.sort_order_text)
            && number != self.opened_with.sort_order
            && let Some((_, _, other)) =
                (sort_orders.iter()).find(|(id, order, _)| *order == number && Some(*id) != self.id)
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "排序号 {number} 已由“{other}”使用：两个单位排在一起，按录入的先后；如要分开，请改用其他排序号"
                ),
            );
        }
        // Moved to another category: the year's agreement stays in its own.
        if let Some((category_id, note)) = drafted_in
            && self.draft.category_id != category_id
        {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
    }
}
