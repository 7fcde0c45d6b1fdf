//! Writes one formatted self-assessment form per agreement of a year.
//!
//! The sheet is protected without a password so that only the yellow cells take input (自评分
//! and 自评说明, and under the table 填表人, 联系电话 and 填报日期); the ids the import needs,
//! and each row's self score as written, sit in the hidden columns G and H. The form carries
//! the unit's own self score and 自评说明 as stored, never the assessors' notes. A form of a
//! year whose results are published is for reading: titled so, no cell takes input, and
//! nothing to sign.
//! A 合计 row under the indicators shows the full points and sums the 自评分 column with a
//! formula; it has no 指标编号, so the import passes over it. Under the table the category's
//! 加分, 扣分 and 一票否决 items are listed for the unit to read (assessed by the assessors,
//! not filled in on the form).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use super::{
    AGREEMENT_LABEL, FormError, INDICATOR_ID_HEADER, NUMBER_LABEL, SHEET_NAME, VISIBLE_HEADERS,
    YEAR_LABEL, form_file_name,
};
use crate::model::{Agreement, Indicator, IndicatorSet, ItemKind, Points, Score, Unit};
use crate::store::Store;

/// The column of the hidden labels ("考核年度", "责任书编号", "指标编号").
const ID_COLUMN: u16 = 6;
/// The column of the self scores (E), which the unit fills in.
const SCORE_COLUMN: u16 = 4;
/// The column of the hidden values beside the labels.
const ID_VALUE_COLUMN: u16 = 7;
/// The row of the table header, counting from 0.
const HEADER_ROW: u32 = 2;
/// Visible column widths in characters, left to right.
const COLUMN_WIDTHS: [f64; 6] = [6.0, 24.0, 8.0, 48.0, 10.0, 30.0];
/// A4 in Excel's paper size codes.
const PAPER_A4: u8 = 9;
/// The label of the row under the indicators.
const TOTAL_LABEL: &str = "合计";

/// One form written by [`write_form_files`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenForm {
    /// Where the form was written.
    pub path: PathBuf,
    /// The usual name, when a file of that name was already there and the form was numbered
    /// ("…（2）.xlsx") instead.
    pub name_taken: Option<PathBuf>,
}

/// Writes one form per agreement of `year` into `folder`; returns the files in agreement order.
/// A file of the same name already there is kept and the new form numbered ("…（2）.xlsx").
pub fn write_forms(store: &Store, year: i32, folder: &Path) -> Result<Vec<PathBuf>, FormError> {
    Ok(write_form_files(store, year, folder, None)?
        .into_iter()
        .map(|form| form.path)
        .collect())
}

/// [`write_forms`] for the agreements `only` (or all), telling which forms were numbered
/// because their usual name was taken. A year that does not exist, or has no agreements yet,
/// is refused, as is a choice of agreements none of which is assessed.
pub fn write_form_files(
    store: &Store,
    year: i32,
    folder: &Path,
    only: Option<&[i64]>,
) -> Result<Vec<WrittenForm>, FormError> {
    let Some(settings) = store.year(year)? else {
        return Err(store.missing_year(year).into());
    };
    // Scores locked: the form shows what was assessed, with nothing to fill in.
    let for_reading = settings.phase == crate::model::Phase::Published;
    let units: HashMap<i64, Unit> = store
        .units_in(year)?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let sets = store.indicator_sets(year)?;
    let scores: HashMap<(i64, i64), Score> = store
        .scores(year)?
        .into_iter()
        .map(|s| ((s.agreement_id, s.indicator_id), s))
        .collect();
    // Every form is written under its temporary name before any takes its own: a full disk
    // part-way leaves no forms from this run (and a second run no numbered twins of them).
    // None for a unit archived before it signed: it takes no part in the assessment.
    let agreements = store.assessed_agreements(year)?;
    if agreements.is_empty() {
        let what = "没有可导出的自评表（自评表按责任书生成，每份一张）";
        return Err(store.no_assessed_refusal(year, what)?.into());
    }
    let agreements: Vec<_> = (agreements.into_iter())
        .filter(|a| only.is_none_or(|ids| ids.contains(&a.id)))
        .collect();
    if agreements.is_empty() {
        return Err(FormError::Store(crate::store::StoreError::Rejected(
            "所选单位在签订前已归档，不参加本年度考核，没有自评表".to_owned(),
        )));
    }
    let mut staged = Vec::new();
    for agreement in agreements {
        let unit = units.get(&agreement.draft.unit_id);
        let short_name = unit.map_or("未知单位", |u| u.fields.display_short_name());
        // A form already there may be one a unit filled in: it is kept, the new one numbered.
        let usual = folder.join(form_file_name(year, agreement.draft.number, short_name));
        let path = crate::io::files::free_name(&usual);
        let set = sets
            .iter()
            .find(|s| s.category_id == agreement.draft.category_id);
        let form = Form {
            year,
            agreement: &agreement,
            unit_name: unit.map_or("未知单位", |u| u.fields.name.as_str()),
            set,
            scores: &scores,
            for_reading,
        };
        let bytes = form.to_bytes().map_err(|error| FormError::Build {
            reason: error.to_string(),
            path: path.clone(),
        })?;
        let file =
            crate::io::files::Staged::write(&path, &bytes).map_err(|error| FormError::Write {
                error,
                path: path.clone(),
            })?;
        staged.push((
            file,
            WrittenForm {
                name_taken: (path != usual).then_some(usual),
                path,
            },
        ));
    }
    let mut written = Vec::new();
    for (file, form) in staged {
        file.commit().map_err(|error| FormError::Write {
            error,
            path: form.path.clone(),
        })?;
        written.push(form);
    }
    Ok(written)
}

/// Everything one form shows.
struct Form<'a> {
    year: i32,
    agreement: &'a Agreement,
    unit_name: &'a str,
    set: Option<&'a IndicatorSet>,
    scores: &'a HashMap<(i64, i64), Score>,
    /// The year's results are published: the form is for reading, its cells locked.
    for_reading: bool,
}

/// The cell formats of a form.
struct Formats {
    title: Format,
    label: Format,
    text: Format,
    header: Format,
    cell: Format,
    wrapped: Format,
    input: Format,
    input_wrapped: Format,
    hint: Format,
    total: Format,
}

impl Formats {
    /// The formats; `for_reading` leaves the input cells locked and white (a form of a year
    /// whose results are published takes nothing in).
    fn new(for_reading: bool) -> Self {
        let bordered = crate::io::sheet_format()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let input = if for_reading {
            bordered.clone()
        } else {
            bordered
                .clone()
                .set_unlocked()
                .set_background_color(Color::RGB(0x00FF_F2CC))
        };
        Self {
            title: crate::io::sheet_format()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            label: crate::io::sheet_format().set_bold(),
            text: crate::io::sheet_format(),
            header: bordered
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0x00D9_E1F2)),
            cell: bordered.clone().set_align(FormatAlign::Center),
            total: bordered.clone().set_bold().set_align(FormatAlign::Center),
            wrapped: bordered.set_text_wrap(),
            input_wrapped: input.clone().set_text_wrap(),
            input,
            hint: crate::io::sheet_format()
                .set_text_wrap()
                .set_font_color(Color::Gray),
        }
    }
}

impl Form<'_> {
    /// The workbook as `.xlsx` bytes.
    fn to_bytes(&self) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(SHEET_NAME)?;
        let formats = Formats::new(self.for_reading);
        self.write_head(sheet, &formats)?;
        let indicators = self.set.map_or(&[][..], |set| set.indicators.as_slice());
        let mut row = HEADER_ROW;
        for (index, indicator) in indicators.iter().enumerate() {
            row += 1;
            self.write_indicator(sheet, &formats, row, index, indicator)?;
        }
        if !indicators.is_empty() {
            row += 1;
            self.write_total(sheet, &formats, row, indicators)?;
        }
        let hint = if self.for_reading {
            "本年度考核结果已通报，评分已锁定：本表只供查阅，表中是已录入的自评分，不再填写、交回"
        } else {
            "填写说明：只在黄色格子中填写（自评分、自评说明，以及表下的填表人、联系电话、填报日期）；自评分不得为负数、不得超过该项分值，\
             最多保留两位小数；合计自动计算；请勿增删行或修改隐藏的编号，填好后交回安委办导入"
        };
        sheet.merge_range(row + 2, 0, row + 2, 5, hint, &formats.hint)?;
        sheet.set_row_height(row + 2, 36)?;
        // The category's bonus, deduction and veto items, for the unit to read: assessed by
        // the assessors, not filled in here (rows below the table, which the import passes over).
        let mut below = row + 2;
        if let Some(set) = self.set {
            for (kind, label) in [
                (ItemKind::Bonus, "加分事项（考核时认定，本表不填）"),
                (ItemKind::Deduction, "扣分事项（考核时认定，本表不填）"),
                (ItemKind::Veto, "一票否决事项"),
            ] {
                let list = crate::model::rule_wording::rule_list(set, kind);
                if list.is_empty() {
                    continue;
                }
                let cap = if kind == ItemKind::Bonus && set.bonus_cap > Points::ZERO {
                    format!("；加分累计不超过 {} 分", set.bonus_cap)
                } else {
                    String::new()
                };
                below += 1;
                let text = format!("{label}：{list}{cap}");
                sheet.merge_range(below, 0, below, 5, &text, &formats.hint)?;
                // About 60 characters a line across the merged columns.
                let lines = u32::try_from(text.chars().count().div_ceil(60)).unwrap_or(1);
                sheet.set_row_height(below, f64::from(lines.max(1)) * 18.0)?;
            }
        }
        // Sealed and signed on paper, as the unit answers for its self-assessment; who filled
        // it in, the phone and the date typed in (yellow) or written by hand. Not on a form for
        // reading: nothing is handed back.
        if !self.for_reading {
            Self::write_sign_off(sheet, &formats, below + 2)?;
        }
        for (column, width) in (0u16..).zip(COLUMN_WIDTHS) {
            sheet.set_column_width(column, width)?;
        }
        sheet.set_column_hidden(ID_COLUMN)?;
        sheet.set_column_hidden(ID_VALUE_COLUMN)?;
        sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
        sheet.set_repeat_rows(0, HEADER_ROW)?;
        sheet
            .set_landscape()
            .set_paper_size(PAPER_A4)
            .set_print_fit_to_pages(1, 0);
        sheet.protect_with_options(&ProtectionOptions {
            format_columns: true,
            format_rows: true,
            ..ProtectionOptions::default()
        });
        workbook.save_to_buffer()
    }

    /// The sign-off under the table from row `sign`: the seal and the principal's signature,
    /// who filled it in, the phone and the date (yellow cells).
    fn write_sign_off(
        sheet: &mut Worksheet,
        formats: &Formats,
        sign: u32,
    ) -> Result<(), XlsxError> {
        sheet.merge_range(sign, 0, sign, 2, "填报单位（盖章）：", &formats.label)?;
        sheet.write_string_with_format(sign, 3, "单位负责人（签字）：", &formats.label)?;
        let typed = [
            (sign + 2, 0, (1, 2), "填表人："),
            (sign + 2, 3, (4, 5), "联系电话："),
            (sign + 4, 0, (1, 2), "填报日期："),
        ];
        for (at, label_column, (first, last), label) in typed {
            sheet.write_string_with_format(at, label_column, label, &formats.label)?;
            sheet.merge_range(at, first, at, last, "", &formats.input)?;
        }
        for at in [sign, sign + 2, sign + 4] {
            sheet.set_row_height(at, 24)?;
        }
        Ok(())
    }

    /// The title, the unit and number line, the table header and the hidden ids.
    fn write_head(&self, sheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
        let reading = if self.for_reading {
            "（只供查阅）"
        } else {
            ""
        };
        let title = format!("{}年度安全生产目标管理考核自评表{reading}", self.year);
        sheet.merge_range(0, 0, 0, 5, &title, &formats.title)?;
        sheet.set_row_height(0, 30)?;
        sheet.write_string_with_format(1, 0, super::UNIT_LABEL, &formats.label)?;
        sheet.merge_range(1, 1, 1, 3, self.unit_name, &formats.text)?;
        // As the agreement's footer prints it: 编号 2025-002.
        sheet.write_string_with_format(1, 4, NUMBER_LABEL, &formats.label)?;
        let number = format!("{}-{:03}", self.year, self.agreement.draft.number);
        sheet.write_string_with_format(1, 5, &number, &formats.text)?;
        sheet.write_string(0, ID_COLUMN, YEAR_LABEL)?;
        sheet.write_number(0, ID_VALUE_COLUMN, self.year)?;
        sheet.write_string(1, ID_COLUMN, AGREEMENT_LABEL)?;
        sheet.write_string(1, ID_VALUE_COLUMN, self.agreement.id.to_string())?;
        for (column, header) in (0u16..).zip(VISIBLE_HEADERS) {
            sheet.write_string_with_format(HEADER_ROW, column, header, &formats.header)?;
        }
        sheet.write_string(HEADER_ROW, ID_COLUMN, INDICATOR_ID_HEADER)?;
        sheet.write_string(HEADER_ROW, ID_VALUE_COLUMN, super::EXPORTED_SCORE_HEADER)?;
        Ok(())
    }

    /// One indicator row, with the unit's stored self score and 自评说明 prefilled.
    fn write_indicator(
        &self,
        sheet: &mut Worksheet,
        formats: &Formats,
        row: u32,
        index: usize,
        indicator: &Indicator,
    ) -> Result<(), XlsxError> {
        let score = self.scores.get(&(self.agreement.id, indicator.id));
        sheet.write_number_with_format(row, 0, (index + 1) as f64, &formats.cell)?;
        sheet.write_string_with_format(row, 1, &indicator.name, &formats.wrapped)?;
        sheet.write_number_with_format(row, 2, indicator.points.as_number(), &formats.cell)?;
        sheet.write_string_with_format(
            row,
            3,
            crate::io::cell_text(&indicator.criteria),
            &formats.wrapped,
        )?;
        match score.and_then(|s| s.self_score) {
            Some(points) => sheet.write_number_with_format(
                row,
                SCORE_COLUMN,
                points.as_number(),
                &formats.input,
            )?,
            None => sheet.write_blank(row, SCORE_COLUMN, &formats.input)?,
        };
        let self_note = score.map_or("", |s| s.self_note.as_str());
        sheet.write_string_with_format(
            row,
            5,
            crate::io::cell_text(self_note),
            &formats.input_wrapped,
        )?;
        sheet.write_string(row, ID_COLUMN, indicator.id.to_string())?;
        // As text, exactly as stored: read back, it is compared with what the unit left.
        if let Some(points) = score.and_then(|s| s.self_score) {
            sheet.write_string(row, ID_VALUE_COLUMN, points.to_string())?;
        }
        // A number from 0 to the points with at most two decimals, as the import takes it
        // (Excel's own decimal rule would let 5.555 through, to be refused only on import).
        let cell = rust_xlsxwriter::utility::row_col_to_cell(row, SCORE_COLUMN);
        let validation = DataValidation::new()
            .allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({cell}),{cell}>=0,{cell}<={},ROUND({cell},2)={cell})",
                indicator.points.as_number()
            )))
            .set_error_title("自评分不符合要求")?
            .set_error_message(format!(
                "自评分应在 0 到 {} 之间，最多保留两位小数",
                indicator.points
            ))?;
        sheet.add_data_validation(row, SCORE_COLUMN, row, SCORE_COLUMN, &validation)?;
        Ok(())
    }

    /// The 合计 row at `row`, under the indicators: the full points and the sum of the 自评分
    /// column as a formula (with the stored self scores' sum as its value until the sheet is
    /// recalculated). Its 指标编号 cell stays empty, so the import passes over it.
    fn write_total(
        &self,
        sheet: &mut Worksheet,
        formats: &Formats,
        row: u32,
        indicators: &[Indicator],
    ) -> Result<(), XlsxError> {
        sheet.merge_range(row, 0, row, 1, TOTAL_LABEL, &formats.total)?;
        let full = self.set.map_or(Points::ZERO, IndicatorSet::total_points);
        sheet.write_number_with_format(row, 2, full.as_number(), &formats.total)?;
        sheet.write_blank(row, 3, &formats.total)?;
        let entered: Points = (indicators.iter())
            .filter_map(|i| self.scores.get(&(self.agreement.id, i.id))?.self_score)
            .sum();
        // Spreadsheet rows count from 1: the indicators are rows HEADER_ROW + 2 to `row`.
        let column = rust_xlsxwriter::utility::column_number_to_name(SCORE_COLUMN);
        let formula = Formula::new(format!("=SUM({column}{}:{column}{row})", HEADER_ROW + 2))
            .set_result(entered.as_number().to_string());
        sheet.write_formula_with_format(row, SCORE_COLUMN, formula, &formats.total)?;
        sheet.write_blank(row, 5, &formats.total)?;
        Ok(())
    }
}

/// What is said of forms once written: that the year's results are published (its forms
/// cannot come back in), and that its indicators are not yet final where they are not (of the
/// categories of the agreements `only` written, when given).
pub fn forms_notes(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
) -> Result<Vec<String>, FormError> {
    let mut notes = Vec::new();
    if store.is_published(year)? {
        notes.push(format!(
            "{year} 年度考核结果已通报，评分已锁定：这些自评表只供查阅，填好交回后不能再导入"
        ));
    }
    notes.extend(unfinal_indicators_note(store, year, only)?);
    Ok(notes)
}

/// What is said of forms written while some of the year's categories with agreements have
/// indicators not yet final: the forms list the indicators as they stand, which may change.
/// `None` when every such category's set is final. Only the categories of the agreements
/// `only`, when given (the forms of some units).
fn unfinal_indicators_note(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
) -> Result<Option<String>, FormError> {
    let final_sets: std::collections::BTreeSet<i64> = (store.indicator_sets(year)?.iter())
        .filter(|set| set.is_final)
        .map(|set| set.category_id)
        .collect();
    let used: std::collections::BTreeSet<i64> = (store.agreements(year)?.iter())
        .filter(|a| only.is_none_or(|ids| ids.contains(&a.id)))
        .map(|a| a.draft.category_id)
        .collect();
    let names: Vec<String> = (store.categories()?.into_iter())
        .filter(|c| used.contains(&c.id) && !final_sets.contains(&c.id))
        .map(|c| c.name)
        .collect();
    Ok((!names.is_empty()).then(|| {
        format!(
            "“{}”的考核指标尚未定稿：这些自评表按现有指标生成，指标定稿时如有改动，须重新导出再发给责任单位",
            names.join("”“")
        )
    }))
}
