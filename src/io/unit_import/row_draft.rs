//! One row of a unit import read into a unit: each cell checked as the unit form checks it,
//! Excel's error values and phone numbers it mangled named as such, and the refused values
//! quoted so that the clerk can find the cell; and the fields a change makes differ.

use std::fmt::Write as _;

use super::super::table::TableRow;
use super::super::unit_columns::{Column, Columns};
use super::FieldDifference;
use crate::model::{Category, FieldError, UnitDraft, UnitField, UnitKind};

/// Whether `value` is one of Excel's error values, as a cell with a failed formula shows it
/// (and as a CSV saved by Excel writes it).
fn is_excel_error(value: &str) -> bool {
    const ERRORS: [&str; 14] = [
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
    ];
    ERRORS.contains(&value.trim().to_ascii_uppercase().as_str())
}

/// Builds the unit a row describes, on top of the existing unit's fields when it has one, or
/// the reasons the row is refused.
pub(super) fn row_draft(
    columns: &Columns,
    row: &TableRow,
    base: Option<&UnitDraft>,
    categories: &[Category],
    next_sort_order: i64,
) -> Result<UnitDraft, Vec<String>> {
    let mut draft = base.cloned().unwrap_or_else(|| UnitDraft {
        sort_order: next_sort_order,
        ..UnitDraft::empty(0)
    });
    let mut reasons = Vec::new();
    let cell = |column| columns.cell(row, column);
    let is_new = base.is_none();
    // The unit's own number, its 0 dropped by Excel (a register exported and imported back):
    // the number stays as it is, neither refused nor changed.
    let phone_cell = cell(Column::ContactPhone).map(without_decimal_zeros);
    let is_own_phone = phone_cell.is_some_and(|phone| {
        base.is_some_and(|b| {
            crate::model::phone::is_stored_without_zero(phone, &b.contact_phone)
                || phone.trim() == b.contact_phone.trim()
        })
    });
    // A formula that failed shows an error value ("#N/A"): never a name, a title or a phone.
    for column in Column::ALL {
        if let Some(value) = cell(column).filter(|value| is_excel_error(value)) {
            reasons.push(format!(
                "“{}”是 Excel 的错误值 {value}（公式出错），请在表格中改正后再导入",
                column.header()
            ));
        }
        // A formula whose result the file does not hold (a workbook written by a program,
        // never opened and saved in Excel) would be read as blank: said, not taken as empty.
        if let Some(formula) = cell(column).and_then(crate::io::table::unresolved_formula) {
            reasons.push(format!(
                "“{}”是公式 {formula}，文件中没有保存它的计算结果（表格多半由程序生成、未在 Excel 中保存过）：请在 Excel 或 WPS 中打开并保存后再导入，或把公式改为数值",
                column.header()
            ));
        }
    }
    // A character the file's encoding could not hold, turned into "?" as it was saved: a name
    // with a hole in it, never imported as it reads (what the register holds already stays).
    let stored = |text: fn(&UnitDraft) -> &str| base.map(text);
    for (column, held) in [
        (Column::Name, stored(|b| &b.name)),
        (Column::ShortName, stored(|b| &b.short_name)),
        (Column::PrincipalTitle, stored(|b| &b.principal_title)),
        (Column::PrincipalName, stored(|b| &b.principal_name)),
        (Column::ContactName, stored(|b| &b.contact_name)),
    ] {
        if let Some(value) = cell(column).filter(|value| has_lost_character(value))
            && held.is_none_or(|held| held != value.trim())
        {
            reasons.push(format!(
                "“{}”中的“?”多半是丢失的字（{value}）：表格另存为 GBK 编码的 CSV 时，存不下的字（如生僻字、表情符号）会变成“?”；请在表格中补上原字，并另存为“CSV UTF-8（逗号分隔）”或直接导入 .xlsx 文件",
                column.header()
            ));
        }
    }
    // Such a cell says nothing else worth reading (its field would be refused as malformed).
    if (Column::ALL.iter()).any(|&column| {
        cell(column).is_some_and(|value| crate::io::table::unresolved_formula(value).is_some())
    }) {
        return Err(reasons);
    }
    for (column, field) in [
        (Column::Name, &mut draft.name),
        (Column::ShortName, &mut draft.short_name),
        (Column::PrincipalTitle, &mut draft.principal_title),
        (Column::PrincipalName, &mut draft.principal_name),
        (Column::ContactName, &mut draft.contact_name),
        (Column::ContactPhone, &mut draft.contact_phone),
    ] {
        match cell(column) {
            // A blank cell leaves a unit already in the register as it is: a sheet with gaps
            // never wipes a phone number or a principal's name. The name found the unit, and
            // its brackets or full-width letters typed otherwise do not rename it.
            Some("") if !is_new => {}
            Some(_) if !is_new && column == Column::Name => {}
            Some(_) if is_own_phone && column == Column::ContactPhone => {}
            // "13800001111.0": a number a program wrote out as a decimal; the digits are it.
            Some(value) if column == Column::ContactPhone => {
                without_decimal_zeros(value).clone_into(field);
            }
            Some(value) => value.clone_into(field),
            None => {}
        }
    }
    let lost_zero =
        phone_cell.filter(|p| !is_own_phone && crate::model::phone::lost_leading_zero(p));
    if let Some(phone) = lost_zero {
        reasons.push(format!(
            "联系电话“{phone}”像是丢了开头“0”的固定电话（Excel 把号码当作数字时会去掉开头的 0；表格中看得到的 0 若是数字格式补上的，文件中也没有）：请把该列设为文本后重新输入，如 0{phone}"
        ));
    }
    match cell(Column::Kind) {
        None if is_new => reasons.push("新增单位须有“单位类型”列，文件中没有此列".to_owned()),
        Some("") if is_new => reasons.push("未填写单位类型".to_owned()),
        None | Some("") => {}
        Some(label) => {
            // "部 门", spaced out as a table lines up short words: no kind has a space.
            let label = &without_spaces(label);
            if let Some(kind) = UnitKind::from_label_for(label, &draft.name) {
                draft.kind = kind;
            } else if UnitKind::is_group_word(label) {
                // The word was understood; the name did not tell which of them it is.
                reasons.push(format!(
                    "单位类型写“{label}”时按单位名称的结尾（…街道、…镇、…乡）区分，从名称“{}”看不出是街道、镇还是乡：请写明单位类型",
                    draft.name
                ));
            } else {
                let labels: Vec<_> = UnitKind::ALL.iter().map(|k| k.label()).collect();
                let labels = labels.join("、");
                reasons.push(format!("单位类型“{label}”无效，应为{labels}之一"));
            }
        }
    }
    match cell(Column::Category) {
        None if is_new => reasons.push("新增单位须有“考核类别”列，文件中没有此列".to_owned()),
        Some("") if is_new => reasons.push("未填写考核类别".to_owned()),
        None | Some("") => {}
        Some(name) => {
            // "二 类" likewise: a category's name holds no space.
            let name = &without_spaces(name);
            if let Some(category) = categories.iter().find(|c| c.name == *name) {
                draft.category_id = category.id;
            } else {
                let names: Vec<_> = categories.iter().map(|c| c.name.as_str()).collect();
                // None yet: said so, not an empty list after the colon.
                let existing = if names.is_empty() {
                    "还没有任何考核类别".to_owned()
                } else {
                    format!("现有类别：{}", names.join("、"))
                };
                reasons.push(format!(
                    "考核类别“{name}”不存在，{existing}（新的类别请先在“设置 → 常规 → 考核类别”中添加）"
                ));
            }
        }
    }
    match cell(Column::SortOrder) {
        None | Some("") => {}
        // Checked as the form checks it: a whole number, not negative, the unit's own kept.
        Some(text) => match UnitDraft::parse_sort_order_keeping(text, base.map(|b| b.sort_order)) {
            Ok(number) => draft.sort_order = number,
            Err(reason) => reasons.push(reason),
        },
    }
    // Read as the form reads it: a phone typed in full-width digits is taken as half-width.
    let draft = draft.trimmed();
    // A row the unit is already (an exported list imported back) is unchanged, whatever its
    // values saved before today's rules: nothing is written, so nothing is refused. A row that
    // changes something is checked whole, as the write checks it.
    if reasons.is_empty() && base == Some(&draft) {
        return Ok(draft);
    }
    reasons.extend(
        draft
            .validate_entry(crate::pdf::fonts::can_draw, base)
            .into_iter()
            // The dropped 0 is said above, with how a spreadsheet drops it.
            .filter(|error| lost_zero.is_none() || error.field != UnitField::ContactPhone)
            .map(|error| {
                let column = column_of(error.field);
                let is_in_file = column.is_some_and(|column| cell(column).is_some());
                with_value(error, &draft, is_in_file)
            }),
    );
    if reasons.is_empty() {
        Ok(draft)
    } else {
        Err(reasons)
    }
}

/// True for a text holding a half-width "?" among Chinese characters ("示例市?局"): what a
/// character outside the file's encoding becomes as the file is saved.
fn has_lost_character(value: &str) -> bool {
    value.contains('?') && value.chars().any(|c| c >= '\u{2E80}')
}

/// A phone cell of digits followed by ".0" (a number written out as a decimal by the program
/// that saved the file) as its digits; any other cell as it is.
fn without_decimal_zeros(value: &str) -> &str {
    match value.trim().split_once('.') {
        Some((digits, zeros))
            if digits.len() >= 7
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            digits
        }
        _ => value,
    }
}

/// `text` without its spaces (half- and full-width, tabs), for the cells whose words never
/// hold one.
fn without_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The import column of a form field.
fn column_of(field: UnitField) -> Option<Column> {
    Some(match field {
        UnitField::Name => Column::Name,
        UnitField::ShortName => Column::ShortName,
        UnitField::Kind | UnitField::Category => return None,
        UnitField::PrincipalTitle => Column::PrincipalTitle,
        UnitField::PrincipalName => Column::PrincipalName,
        UnitField::ContactName => Column::ContactName,
        UnitField::ContactPhone => Column::ContactPhone,
        UnitField::SortOrder => Column::SortOrder,
    })
}

/// Longest value quoted in a rejection, in characters.
const QUOTED_CHARS: usize = 40;

/// A field's message with the value it refused, so the clerk can find the cell (`is_in_file`
/// when the value came from the file, not from the unit as it stands); a phone number Excel
/// turned into scientific notation ("1.38E+10") is named as such.
fn with_value(error: FieldError, draft: &UnitDraft, is_in_file: bool) -> String {
    let value = match error.field {
        UnitField::Name => &draft.name,
        UnitField::ShortName => &draft.short_name,
        UnitField::Kind | UnitField::Category | UnitField::SortOrder => return error.message,
        UnitField::PrincipalTitle => &draft.principal_title,
        UnitField::PrincipalName => &draft.principal_name,
        UnitField::ContactName => &draft.contact_name,
        UnitField::ContactPhone => &draft.contact_phone,
    };
    if value.trim().is_empty() {
        return error.message;
    }
    let shown = quoted(value);
    if error.field == UnitField::ContactPhone && is_scientific_notation(value) {
        return format!(
            "联系电话“{shown}”：Excel 把号码变成了科学计数法，请把该列设为文本后重新输入"
        );
    }
    // Not said twice: a message quoting the value already, or the unit's name from the file,
    // which the row's heading names ("第 9 行（青山镇人民政府）：…").
    let is_quoted = error.message.contains(&format!("“{}”", value.trim()))
        || error.message.contains(&format!("“{shown}”"));
    let aside = if is_quoted || (is_in_file && error.field == UnitField::Name) {
        None
    } else if is_in_file {
        Some(format!("文件中为“{shown}”"))
    } else {
        Some(format!("该单位现有的值为“{shown}”"))
    };
    // A number or date read where a name or phone belongs: most likely the cell's format.
    let mut message = error.message;
    if message.ends_with(crate::model::unit::NOT_A_NAME)
        || message.ends_with(crate::model::unit::NOT_A_UNIT_NAME)
    {
        message.push_str(crate::model::unit::SPREADSHEET_NUMBER_HINT);
    } else if message.ends_with(crate::model::phone::PHONE_LIKE_A_DATE) {
        message.push_str(crate::model::phone::SPREADSHEET_DATE_HINT);
    }
    let Some(aside) = aside else {
        return message;
    };
    // One bracket, not two in a row: "（现有 31 个，文件中为“…”）".
    match message.strip_suffix("个）") {
        Some(message) => format!("{message}个，{aside}）"),
        None => format!("{message}（{aside}）"),
    }
}

/// A value as it can be quoted in a message: line breaks, other control characters and
/// invisible characters written out, and cut at [`QUOTED_CHARS`] characters.
pub(super) fn quoted(value: &str) -> String {
    let mut shown = String::new();
    for (index, c) in value.trim().chars().enumerate() {
        if index == QUOTED_CHARS {
            shown.push('…');
            break;
        }
        match c {
            '\n' | '\r' => shown.push_str("〔换行〕"),
            c if c.is_control() || crate::model::unit::is_invisible(c) => {
                let _ = write!(shown, "〔U+{:04X}〕", u32::from(c));
            }
            c => shown.push(c),
        }
    }
    shown
}

/// True for a number as Excel shows a long one in scientific notation, e.g. "1.38E+10".
pub(super) fn is_scientific_notation(value: &str) -> bool {
    let Some((mantissa, exponent)) = value.trim().split_once(['E', 'e']) else {
        return false;
    };
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    mantissa_ok && digits(exponent)
}

/// The fields that differ between two drafts, with kinds and categories written out.
pub(super) fn differences(
    before: &UnitDraft,
    after: &UnitDraft,
    categories: &[Category],
) -> Vec<FieldDifference> {
    let category = |id: i64| {
        categories
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let text = |d: &UnitDraft| {
        [
            ("单位名称", d.name.clone()),
            ("简称", d.short_name.clone()),
            ("单位类型", d.kind.label().to_owned()),
            ("考核类别", category(d.category_id)),
            ("负责人职务", d.principal_title.clone()),
            ("负责人", d.principal_name.clone()),
            ("联系人", d.contact_name.clone()),
            ("联系电话", d.contact_phone.clone()),
            ("排序号", d.sort_order.to_string()),
        ]
    };
    text(before)
        .into_iter()
        .zip(text(after))
        .filter(|((_, old), (_, new))| old != new)
        .map(|((label, old), (_, new))| FieldDifference {
            label,
            before: old,
            after: new,
        })
        .collect()
}
