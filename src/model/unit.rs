//! 责任单位: a town, sub-district or department that signs an agreement each year.

pub use super::unit_kind::UnitKind;
use super::unit_names::plain_letters_and_digits;
use super::unit_text::invisible_message;
pub(crate) use super::unit_text::is_number_or_date;
pub use super::unit_text::{
    NAME_ADVICE, NOT_A_NAME, NOT_A_UNIT_NAME, SHORT_NAME_ADVICE, SPREADSHEET_NUMBER_HINT,
    is_invisible, without_zero_width,
};

/// A unit as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    /// Database id.
    pub id: i64,
    /// The editable fields.
    #[serde(flatten)]
    pub fields: UnitDraft,
    /// False once the unit is merged or abolished; it keeps its history.
    pub is_active: bool,
}

/// The fields of a unit as a clerk edits them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnitDraft {
    /// Full name, e.g. "城关街道办事处"; unique among active units.
    pub name: String,
    /// Short name used in lists and file names.
    pub short_name: String,
    /// Kind of body.
    pub kind: UnitKind,
    /// Assessment category id.
    pub category_id: i64,
    /// Title of the principal (负责人职务), e.g. "镇长".
    pub principal_title: String,
    /// Name of the principal (负责人).
    pub principal_name: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Position in lists.
    pub sort_order: i64,
}

/// A field of the unit form, for attaching a message to the right input; in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitField {
    /// 单位名称.
    Name,
    /// 简称.
    ShortName,
    /// 单位类型 (only the form refuses it: not chosen yet).
    Kind,
    /// 考核类别.
    Category,
    /// 负责人职务.
    PrincipalTitle,
    /// 负责人.
    PrincipalName,
    /// 联系人.
    ContactName,
    /// 联系电话.
    ContactPhone,
    /// 排序号.
    SortOrder,
}

/// A message for one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field the message belongs to.
    pub field: UnitField,
    /// The message, in Chinese.
    pub message: String,
}

/// Said when a unit is saved under an archived unit's name.
pub const ARCHIVED_NAMESAKE_REFUSED: &str = "已有同名的已归档单位，不能再建一个同名单位：如是同一单位，请取消后在列表中显示已归档单位，选中它再点“恢复”；如是另一个单位，请改用能区分的名称";

/// Said when 保存 refuses an edit that renames a unit to an archived unit's name.
pub const RENAMED_TO_ARCHIVED_NAMESAKE: &str = "已有同名的已归档单位，不能改用这个名称：两个单位同名会让往年的责任书和考核结果分不清；请改用能区分的名称";

/// Longest unit name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 40;
/// Longest short name accepted, in characters.
pub const MAX_SHORT_NAME_CHARS: usize = 12;
/// Longest title, person name or contact accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 30;
/// The largest 排序号: room for any register, while a number typed with digits too many is
/// caught before every unit added later numbers on from it.
pub const MAX_SORT_ORDER: i64 = 999_999;

/// The 排序号 a unit added after `orders` gets: one past the largest, or the largest allowed.
#[must_use]
pub fn next_sort_order(orders: impl IntoIterator<Item = i64>) -> i64 {
    (orders.into_iter().max().unwrap_or(0))
        .saturating_add(1)
        .min(MAX_SORT_ORDER)
}

impl UnitDraft {
    /// An empty form for a new unit in the given category.
    #[must_use]
    pub fn empty(category_id: i64) -> Self {
        Self {
            name: String::new(),
            short_name: String::new(),
            kind: UnitKind::Town,
            category_id,
            principal_title: String::new(),
            principal_name: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            sort_order: 0,
        }
    }

    /// Returns the draft with surrounding spaces removed from every text field, and the
    /// phone's full-width digits and dashes made half-width ("０３９９－８６１０１８５") and a
    /// separator left at its end dropped ("0399-8610000、").
    ///
    /// Zero-width spaces and joiners and the byte-order mark (U+200B–U+200D, U+2060, U+FEFF),
    /// which a copy from a web page or a chat brings along unseen, are taken out: the clerk
    /// cannot see them to delete them, and they mean nothing in a name. Other invisible
    /// characters (direction overrides, private use) are refused by [`UnitDraft::validate`].
    #[must_use]
    pub fn trimmed(&self) -> Self {
        let tidy = |text: &str| without_zero_width(text).trim().to_owned();
        Self {
            name: plain_letters_and_digits(&tidy(&self.name)),
            short_name: plain_letters_and_digits(&tidy(&self.short_name)),
            principal_title: tidy(&self.principal_title),
            principal_name: tidy(&self.principal_name),
            contact_name: tidy(&self.contact_name),
            contact_phone: super::phone::tidy(&super::collation::half_width(&without_zero_width(
                &self.contact_phone,
            ))),
            ..self.clone()
        }
    }

    /// The fields longer than they may be, each with its message: said by the form as they
    /// are typed, and refused by [`UnitDraft::validate`].
    #[must_use]
    pub fn too_long(&self) -> Vec<FieldError> {
        [
            (UnitField::Name, &self.name, "单位名称", MAX_NAME_CHARS),
            (
                UnitField::ShortName,
                &self.short_name,
                "简称",
                MAX_SHORT_NAME_CHARS,
            ),
            (
                UnitField::PrincipalTitle,
                &self.principal_title,
                "负责人职务",
                MAX_TEXT_CHARS,
            ),
            (
                UnitField::PrincipalName,
                &self.principal_name,
                "负责人",
                MAX_TEXT_CHARS,
            ),
            (
                UnitField::ContactName,
                &self.contact_name,
                "联系人",
                MAX_TEXT_CHARS,
            ),
            (
                UnitField::ContactPhone,
                &self.contact_phone,
                "联系电话",
                MAX_TEXT_CHARS,
            ),
        ]
        .into_iter()
        .filter_map(|(field, value, label, most)| {
            let count = value.chars().count();
            (count > most).then(|| FieldError {
                field,
                message: format!("{label}不能超过 {most} 个字（现有 {count} 个）"),
            })
        })
        .collect()
    }

    /// Checks the rules that need no other unit; name uniqueness is checked by the store.
    /// (Called on [`UnitDraft::trimmed`] drafts: "第１中学" and "第1中学" are one name.)
    #[must_use]
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut push = |field, message: String| errors.push(FieldError { field, message });
        let too_long = self.too_long();
        let long = |field: UnitField| too_long.iter().find(|e| e.field == field);
        if self.name.trim().is_empty() {
            push(UnitField::Name, "单位名称不能为空".to_owned());
        } else if let Some(error) = long(UnitField::Name) {
            push(UnitField::Name, error.message.clone());
        }
        // Said on the field that has the character, so the form marks the right box.
        for (field, value, label) in [
            (UnitField::Name, &self.name, "单位名称"),
            (UnitField::ShortName, &self.short_name, "简称"),
        ] {
            if value.chars().any(char::is_control) {
                push(field, format!("{label}中不能含有换行或控制字符"));
            } else if let Some(c) = value.chars().find(|&c| is_invisible(c)) {
                push(field, invisible_message(label, c));
            }
        }
        // "示例市　水利局" is 示例市水利局 typed with a space: as a second name it would make a
        // second unit of the same office.
        for (field, value, label) in [
            (UnitField::Name, &self.name, "单位名称"),
            (UnitField::ShortName, &self.short_name, "简称"),
        ] {
            if value
                .trim()
                .chars()
                .any(|c| c.is_whitespace() && !c.is_control())
            {
                push(
                    field,
                    format!("{label}“{}”中有空格：{label}不含空格，请删去", value.trim()),
                );
            }
        }
        // ".." or "——" names nothing a clerk can find or a document can show.
        let has_text = |s: &str| s.chars().any(char::is_alphanumeric);
        if !self.name.trim().is_empty() && !has_text(&self.name) {
            push(
                UnitField::Name,
                format!(
                    "单位名称“{}”须含有文字（汉字、字母或数字）",
                    self.name.trim()
                ),
            );
        }
        if !self.short_name.trim().is_empty() && !has_text(&self.short_name) {
            push(
                UnitField::ShortName,
                format!(
                    "简称“{}”须含有文字（汉字、字母或数字）",
                    self.short_name.trim()
                ),
            );
        }
        if let Some(error) = long(UnitField::ShortName) {
            push(UnitField::ShortName, error.message.clone());
        }
        for (field, value, label) in [
            (
                UnitField::PrincipalTitle,
                &self.principal_title,
                "负责人职务",
            ),
            (UnitField::PrincipalName, &self.principal_name, "负责人"),
            (UnitField::ContactName, &self.contact_name, "联系人"),
            (UnitField::ContactPhone, &self.contact_phone, "联系电话"),
        ] {
            if let Some(error) = long(field) {
                push(field, error.message.clone());
            } else if value.chars().any(char::is_control) {
                push(field, format!("{label}中不能含有换行或控制字符"));
            } else if let Some(c) = value.chars().find(|&c| is_invisible(c)) {
                push(field, invisible_message(label, c));
            }
        }
        // Said once: not beside another message about the field (too long, say).
        if !errors.iter().any(|e| e.field == UnitField::ContactPhone)
            && let Some(problem) = super::phone::problem(&self.contact_phone)
        {
            errors.push(FieldError {
                field: UnitField::ContactPhone,
                message: problem,
            });
        }
        errors
    }

    /// [`UnitDraft::validate`], and also refuses a character that `can_draw` says no font has:
    /// such a name would stop every export of the unit's agreement later.
    #[must_use]
    pub fn validate_drawable(&self, can_draw: impl Fn(char) -> bool) -> Vec<FieldError> {
        let mut errors = self.validate();
        for (field, value, label) in [
            (UnitField::Name, &self.name, "单位名称"),
            (UnitField::ShortName, &self.short_name, "简称"),
            (
                UnitField::PrincipalTitle,
                &self.principal_title,
                "负责人职务",
            ),
            (UnitField::PrincipalName, &self.principal_name, "负责人"),
            (UnitField::ContactName, &self.contact_name, "联系人"),
        ] {
            let already = errors.iter().any(|error| error.field == field);
            if let Some(message) = super::free_text::undrawable_problem(label, value, &can_draw)
                && !already
            {
                errors.push(FieldError { field, message });
            }
        }
        errors
    }

    /// What a value typed or imported most likely is not (a date or a number read from a
    /// spreadsheet where a person's name or a phone number belongs, a mobile number a digit
    /// short or long), for the fields whose value is new since `before` (every field when
    /// `None`): a value stored earlier, before these were refused, keeps the unit editable.
    #[must_use]
    pub fn entry_problems(&self, before: Option<&UnitDraft>) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let is_new = |value: &str, old: fn(&UnitDraft) -> &str| {
            before.is_none_or(|before| old(before).trim() != value.trim())
        };
        // A shifted column or a cell of another kind ("2025-03-01", "12345", TRUE read as
        // "是") names no unit; it would be drafted and scored all the same.
        let name = self.name.trim();
        if is_new(name, |d| d.name.as_str()) && !name.is_empty() {
            let message = if is_number_or_date(name) {
                Some(format!("单位名称“{name}”{NOT_A_UNIT_NAME}"))
            } else if name.chars().count() == 1 {
                Some(format!(
                    "单位名称“{name}”只有一个字，不像单位名称：请填写单位全称，如“示例市应急管理局”"
                ))
            } else {
                None
            };
            if let Some(message) = message {
                errors.push(FieldError {
                    field: UnitField::Name,
                    message,
                });
            }
        }
        for (field, value, label, old) in [
            (
                UnitField::PrincipalName,
                &self.principal_name,
                "负责人",
                (|d: &UnitDraft| d.principal_name.as_str()) as fn(&UnitDraft) -> &str,
            ),
            (
                UnitField::ContactName,
                &self.contact_name,
                "联系人",
                |d: &UnitDraft| d.contact_name.as_str(),
            ),
        ] {
            if is_new(value, old) && is_number_or_date(value) {
                errors.push(FieldError {
                    field,
                    message: format!("{label}“{}”{NOT_A_NAME}", value.trim()),
                });
            } else if is_new(value, old) && value.trim().starts_with('=') {
                // "=A1" from a text table (a .csv keeps a formula as its text), not a name.
                errors.push(FieldError {
                    field,
                    message: format!(
                        "{label}“{}”像是表格公式，不是姓名：请填写姓名",
                        value.trim()
                    ),
                });
            }
        }
        if is_new(&self.contact_phone, |d| d.contact_phone.as_str())
            && let Some(message) = super::phone::entry_problem(&self.contact_phone)
        {
            errors.push(FieldError {
                field: UnitField::ContactPhone,
                message,
            });
        }
        errors
    }

    /// [`UnitDraft::validate_drawable`] and, on fields without a refusal yet,
    /// [`UnitDraft::entry_problems`] since `before`.
    #[must_use]
    pub fn validate_entry(
        &self,
        can_draw: impl Fn(char) -> bool,
        before: Option<&UnitDraft>,
    ) -> Vec<FieldError> {
        let mut errors = self.validate_drawable(can_draw);
        let entry = self.entry_problems(before);
        errors.extend(
            entry
                .into_iter()
                .filter(|new| errors.iter().all(|e| e.field != new.field))
                .collect::<Vec<_>>(),
        );
        errors
    }

    /// A 排序号 as typed in the form: a whole number from 0 to [`MAX_SORT_ORDER`]; the
    /// message otherwise.
    pub fn parse_sort_order(text: &str) -> Result<i64, String> {
        Self::parse_sort_order_keeping(text, None)
    }

    /// [`Self::parse_sort_order`] for a unit that has the 排序号 `kept` already: that number is
    /// taken as it is, also when above [`MAX_SORT_ORDER`] (stored before the limit came), so
    /// that the unit's other fields can still be changed.
    pub fn parse_sort_order_keeping(text: &str, kept: Option<i64>) -> Result<i64, String> {
        let text = text.trim();
        // Full-width digits as a Chinese input method types them, and a whole number written
        // with a decimal part of zeros ("3.0", as a spreadsheet's CSV may save it), are whole
        // numbers; "1.5" is not.
        let ascii = super::collation::ascii_number(text);
        let whole = match ascii.split_once('.') {
            Some((whole, zeros)) if !zeros.is_empty() && zeros.chars().all(|c| c == '0') => whole,
            _ => ascii.as_str(),
        };
        match whole.parse::<i64>() {
            Ok(number) if Some(number) == kept => Ok(number),
            Ok(number) if number > MAX_SORT_ORDER => Err(format!(
                "排序号最大为 {MAX_SORT_ORDER}（填写的是“{text}”），请检查是否多打了数字"
            )),
            Ok(number) if number >= 0 => Ok(number),
            Ok(_) => Err(format!(
                "排序号不能是负数（填写的是“{text}”），请填 0 或更大的整数"
            )),
            Err(_) if text.is_empty() => Err("排序号不能为空，请填 0 或更大的整数".to_owned()),
            Err(_) => Err(format!("排序号须是整数（填写的是“{text}”），如 10")),
        }
    }

    /// The short name, or the full name when no short name is set.
    #[must_use]
    pub fn display_short_name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }

    /// True when the name or short name holds `needle`, both compared as
    /// [`super::collation::folded`] gives them (`needle` already folded; empty holds always).
    #[must_use]
    pub fn is_named_like(&self, needle: &str) -> bool {
        let folded = super::collation::folded;
        folded(&self.name).contains(needle) || folded(&self.short_name).contains(needle)
    }

    /// Why this unit cannot be shown as another (`other_name`, with `other_short`) is, with
    /// what to do: with no short name of its own, its name is what clashes, and a short name
    /// would not help when the name is the other's short name (the name itself must differ);
    /// else its short name must change.
    #[must_use]
    pub fn shown_name_clash(&self, other_name: &str, other_short: &str, is_in_use: bool) -> String {
        if self.short_name.is_empty() && !other_short.is_empty() {
            self.name_is_short_name_of(other_name, is_in_use) + NAME_ADVICE
        } else {
            self.short_name_taken(other_name, other_short, is_in_use) + SHORT_NAME_ADVICE
        }
    }

    /// That this unit would be shown under the short name another unit (`other_name`, with
    /// `other_short`, possibly empty; in use, or else a row of the same import file) is already
    /// shown under, in Chinese; the caller says what to do.
    #[must_use]
    pub fn short_name_taken(&self, other_name: &str, other_short: &str, is_in_use: bool) -> String {
        let theirs = if other_short.is_empty() {
            "名称"
        } else {
            "简称"
        };
        let other = if is_in_use {
            format!("在用单位“{other_name}”")
        } else {
            format!("文件中的“{other_name}”")
        };
        if self.short_name.is_empty() {
            format!("单位名称“{}”与{other}的{theirs}相同", self.name)
        } else {
            format!("简称“{}”与{other}的{theirs}相同", self.short_name)
        }
    }

    /// Why this unit and `other` (in use, or else a row of the same import file) cannot both be
    /// in use, with the field to correct, as the store says it: one would be shown under the
    /// other's short name or name, or be named as the other is shown. None when they are one
    /// unit (the same name) or do not clash.
    #[must_use]
    pub fn clash_with(&self, other: &UnitDraft, is_in_use: bool) -> Option<(UnitField, String)> {
        if self.name == other.name {
            return None;
        }
        // The field that shows the name taken: the short name, or the name standing for it.
        let shown_field = if self.short_name.is_empty() {
            UnitField::Name
        } else {
            UnitField::ShortName
        };
        let shown = self.display_short_name();
        if shown == other.display_short_name() {
            let message = self.shown_name_clash(&other.name, &other.short_name, is_in_use);
            Some((shown_field, message))
        } else if shown == other.name {
            // "名称": the other's full name is what matched.
            let message = self.short_name_taken(&other.name, "", is_in_use) + SHORT_NAME_ADVICE;
            Some((shown_field, message))
        } else if !other.short_name.is_empty() && self.name == other.short_name {
            let message = self.name_is_short_name_of(&other.name, is_in_use) + NAME_ADVICE;
            Some((UnitField::Name, message))
        } else {
            None
        }
    }

    /// That this unit's full name is the short name of another unit (`other_name`; in use, or
    /// else a row of the same import file), in Chinese: `--unit` and the scoring grid would
    /// not tell the two apart. The caller says what to do.
    #[must_use]
    pub fn name_is_short_name_of(&self, other_name: &str, is_in_use: bool) -> String {
        let other = if is_in_use {
            "在用单位"
        } else {
            "文件中的"
        };
        format!("单位名称“{}”是{other}“{other_name}”的简称", self.name)
    }
}

#[cfg(test)]
#[path = "unit_tests.rs"]
mod tests;
