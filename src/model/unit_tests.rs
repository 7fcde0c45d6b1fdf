//! Worked examples of a unit's fields: names and kinds as offices write them, lengths, spaces,
//! control and invisible characters, phones, and the codes kinds are stored under.

use super::*;
use crate::model::unit_names::name_punctuation_note;

#[test]
fn half_width_marks_in_a_name_are_pointed_out() {
    assert_eq!(name_punctuation_note("示例市疾控中心（新区）"), None);
    assert_eq!(name_punctuation_note("示例市110指挥中心"), None);
    let note = name_punctuation_note("示例市\"新区\"管委会(筹)").unwrap();
    assert!(note.starts_with("单位名称中有半角标点“(”“)”“\"”"), "{note}");
}

#[test]
fn a_kind_written_as_offices_write_it_is_read() {
    let kind = UnitKind::from_label_for;
    assert_eq!(kind("镇", "任意"), Some(UnitKind::Town));
    assert_eq!(
        kind(" 街道办事处 ", "城关街道办事处"),
        Some(UnitKind::Subdistrict)
    );
    assert_eq!(
        kind("市直部门", "示例市应急管理局"),
        Some(UnitKind::Department)
    );
    // 镇街 (the category's usual name) is read from the end of the unit's name.
    assert_eq!(kind("镇街", "城关街道办事处"), Some(UnitKind::Subdistrict));
    assert_eq!(kind("镇街", "青山镇人民政府"), Some(UnitKind::Town));
    assert_eq!(kind("乡镇", "桃源乡"), Some(UnitKind::Township));
    assert_eq!(
        kind("镇街", "示例经济开发区管理委员会"),
        Some(UnitKind::DevelopmentZone)
    );
    assert_eq!(
        kind("镇街", "示例市应急管理局"),
        None,
        "not told by the name"
    );
    assert_eq!(kind("机关", "示例市应急管理局"), None);
}

fn draft(name: &str) -> UnitDraft {
    UnitDraft {
        name: name.to_owned(),
        ..UnitDraft::empty(1)
    }
}

fn fields(errors: &[FieldError]) -> Vec<UnitField> {
    errors.iter().map(|e| e.field).collect()
}

#[test]
fn a_plain_unit_is_valid() {
    assert!(draft("响嘡街道办事处").validate().is_empty());
}

#[test]
fn a_name_of_dots_or_dashes_is_refused_and_a_sort_order_must_be_a_whole_number() {
    let mut unit = draft("..");
    unit.short_name = " —— ".to_owned();
    let errors = unit.validate();
    assert_eq!(fields(&errors), vec![UnitField::Name, UnitField::ShortName]);
    assert_eq!(
        errors[0].message,
        "单位名称“..”须含有文字（汉字、字母或数字）"
    );
    assert_eq!(errors[1].message, "简称“——”须含有文字（汉字、字母或数字）");
    assert!(draft("12345").validate().is_empty());
    assert!(draft("A·B").validate().is_empty());
    assert_eq!(UnitDraft::parse_sort_order(" 12 "), Ok(12));
    assert_eq!(UnitDraft::parse_sort_order("0"), Ok(0));
    // As a spreadsheet's CSV or a Chinese input method may give a whole number.
    assert_eq!(UnitDraft::parse_sort_order("203.0"), Ok(203));
    assert_eq!(UnitDraft::parse_sort_order("３"), Ok(3));
    assert_eq!(UnitDraft::parse_sort_order("１２．００"), Ok(12));
    for typed in ["-5", "－5", "1.5", "3.", "十", "", "3.0.0", "1000000"] {
        assert!(UnitDraft::parse_sort_order(typed).is_err(), "{typed}");
    }
    assert_eq!(UnitDraft::parse_sort_order("999999"), Ok(999_999));
    // A unit's own number, stored before the limit, is kept; another past it is not.
    assert_eq!(
        UnitDraft::parse_sort_order_keeping("12345678", Some(12_345_678)),
        Ok(12_345_678)
    );
    assert!(UnitDraft::parse_sort_order_keeping("12345679", Some(12_345_678)).is_err());
    // The next unit's number stays within reach of the form.
    assert_eq!(crate::model::unit::next_sort_order([3, 999_999]), 999_999);
    assert_eq!(crate::model::unit::next_sort_order([]), 1);
}

#[test]
fn empty_name_is_refused() {
    let errors = draft("   ").validate();
    assert_eq!(fields(&errors), vec![UnitField::Name]);
    assert_eq!(errors[0].message, "单位名称不能为空");
}

#[test]
fn over_long_fields_are_refused() {
    let mut unit = draft(&"长".repeat(MAX_NAME_CHARS + 1));
    unit.short_name = "简".repeat(MAX_SHORT_NAME_CHARS + 1);
    unit.principal_title = "职".repeat(MAX_TEXT_CHARS + 1);
    unit.principal_name = "名".repeat(MAX_TEXT_CHARS + 1);
    unit.contact_name = "联".repeat(MAX_TEXT_CHARS + 1);
    unit.contact_phone = "8".repeat(MAX_TEXT_CHARS + 1);
    let errors = unit.validate();
    let mut found = fields(&errors);
    found.sort_by_key(|f| format!("{f:?}"));
    let mut every = vec![
        UnitField::Name,
        UnitField::ShortName,
        UnitField::PrincipalTitle,
        UnitField::PrincipalName,
        UnitField::ContactName,
        UnitField::ContactPhone,
    ];
    every.sort_by_key(|f| format!("{f:?}"));
    assert_eq!(found, every);
    assert!(
        errors.iter().all(|e| e.message.contains("不能超过")),
        "{errors:?}"
    );
}

#[test]
fn exactly_max_length_is_accepted() {
    assert!(draft(&"长".repeat(MAX_NAME_CHARS)).validate().is_empty());
}

#[test]
fn a_space_inside_a_name_or_short_name_is_refused_and_one_around_it_is_not() {
    for name in ["示例市　水利局", "示例市 气象局"] {
        let errors = draft(name).validate();
        assert_eq!(errors.len(), 1, "{name}: {errors:?}");
        assert!(errors[0].message.contains("中有空格"), "{errors:?}");
    }
    assert!(draft(" 示例市水利局　").validate().is_empty());
    let mut short = draft("示例市水利局");
    short.short_name = "水 利局".into();
    assert_eq!(short.validate()[0].field, UnitField::ShortName);
}

#[test]
fn control_characters_and_bad_phones_are_refused() {
    let mut unit = draft("城关\n街道");
    unit.contact_phone = "电话号码".to_owned();
    assert_eq!(
        fields(&unit.validate()),
        vec![UnitField::Name, UnitField::ContactPhone]
    );
    unit.name = "城关街道".to_owned();
    unit.contact_phone = "0315-1234567 转 8".to_owned();
    assert!(unit.validate().is_empty());
    unit.contact_phone = "０３１５－１２３４５６７".to_owned();
    let errors = unit.validate();
    assert!(errors[0].message.contains("半角"), "{errors:?}");
}

/// A landline whose leading 0 is missing is said when typed, as the import says it; one the
/// unit had before stays editable.
#[test]
fn a_landline_without_its_leading_zero_is_said_when_typed() {
    let mut unit = draft("城关街道");
    unit.contact_phone = "3991234567".to_owned();
    let errors = unit.entry_problems(None);
    assert_eq!(fields(&errors), [UnitField::ContactPhone]);
    assert!(
        errors[0].message.contains("像是少了开头“0”的固定电话")
            && errors[0].message.contains("如 03991234567"),
        "{errors:?}"
    );
    assert!(unit.entry_problems(Some(&unit.clone())).is_empty());
    unit.contact_phone = "13912345678".to_owned();
    assert!(unit.entry_problems(None).is_empty());
}

/// A date or a number in a person's field is a spreadsheet cell read as such, not a name.
#[test]
fn a_date_in_a_persons_field_is_no_name() {
    let mut unit = draft("城关街道");
    unit.contact_name = "2025-03-01".to_owned();
    unit.principal_name = "45658".to_owned();
    assert!(unit.validate().is_empty(), "not a rule of the stored data");
    let errors = unit.entry_problems(None);
    assert_eq!(
        fields(&errors),
        [UnitField::PrincipalName, UnitField::ContactName]
    );
    assert_eq!(
        errors[1].message,
        "联系人“2025-03-01”不像姓名，像是数字或日期"
    );
    // A value the unit had before is not refused again: it stays editable.
    let before = unit.clone();
    unit.principal_name = "李娜".to_owned();
    assert_eq!(fields(&unit.entry_problems(Some(&before))), []);
    unit.contact_name = "Anna Lee".to_owned();
    assert!(unit.entry_problems(None).is_empty());
    // A formula kept as text by a .csv is no name either.
    unit.principal_name = "=A1".to_owned();
    assert_eq!(
        unit.entry_problems(None)[0].message,
        "负责人“=A1”像是表格公式，不是姓名：请填写姓名"
    );
}

/// A number, a date or a single character in the name column names no unit: refused when
/// typed or imported, never for a name the unit had before.
#[test]
fn a_number_a_date_or_one_character_is_no_units_name() {
    for (name, said) in [
        (
            "2025-03-01",
            "单位名称“2025-03-01”不像单位名称，像是数字或日期",
        ),
        ("12345", "单位名称“12345”不像单位名称，像是数字或日期"),
        (
            "是",
            "单位名称“是”只有一个字，不像单位名称：请填写单位全称，如“示例市应急管理局”",
        ),
    ] {
        let unit = draft(name);
        let errors = unit.entry_problems(None);
        assert_eq!(errors.len(), 1, "{name}");
        assert_eq!(errors[0].field, UnitField::Name);
        assert_eq!(errors[0].message, said);
        assert!(unit.entry_problems(Some(&unit)).is_empty(), "kept: {name}");
    }
    for name in ["示例市第2中学", "110指挥中心", "城关街道"] {
        assert!(draft(name).entry_problems(None).is_empty(), "{name}");
    }
}

#[test]
fn zero_width_characters_copied_along_are_taken_out() {
    let mut unit = draft("\u{FEFF}城关\u{200B}街道");
    unit.principal_name = "王\u{200B}五".to_owned();
    unit.contact_phone = "0399\u{2060}-8610000".to_owned();
    let tidy = unit.trimmed();
    assert_eq!(tidy.name, "城关街道");
    assert_eq!(tidy.principal_name, "王五");
    assert_eq!(tidy.contact_phone, "0399-8610000");
    assert!(tidy.validate().is_empty(), "{:?}", tidy.validate());
    // A direction override is no copy's stray: still refused.
    assert!(!draft("\u{202E}反向单位").trimmed().validate().is_empty());
}

#[test]
fn invisible_and_undrawable_characters_are_refused() {
    for name in [
        "\u{202E}反向单位",
        "城关\u{200B}街道",
        "\u{FEFF}城关街道",
        "城关\u{E000}",
    ] {
        let errors = draft(name).validate();
        assert_eq!(fields(&errors), vec![UnitField::Name], "{name:?}");
        assert!(errors[0].message.contains("看不见的字符"), "{errors:?}");
    }
    // A short name's stray character is marked on the short name, not on the name.
    let mut unit = draft("城关街道");
    for (short, said) in [
        ("城关\u{200B}", "简称中含有看不见的字符"),
        ("城关\t", "简称中不能含有"),
    ] {
        unit.short_name = short.to_owned();
        let errors = unit.validate();
        assert_eq!(fields(&errors), vec![UnitField::ShortName], "{short:?}");
        assert!(errors[0].message.starts_with(said), "{errors:?}");
    }
    let mut unit = draft("消防救援大队");
    unit.principal_name = "王😀".to_owned();
    let no_emoji = |c: char| u32::from(c) < 0x1F000;
    let errors = unit.validate_drawable(no_emoji);
    assert_eq!(fields(&errors), vec![UnitField::PrincipalName]);
    assert!(errors[0].message.contains("U+1F600"), "{errors:?}");
    assert!(draft("响嘡街道").validate_drawable(no_emoji).is_empty());
}

#[test]
fn kinds_round_trip_through_codes_and_labels() {
    for kind in UnitKind::ALL {
        assert_eq!(UnitKind::from_code(kind.code()), Some(kind));
        assert_eq!(UnitKind::from_label(kind.label()), Some(kind));
    }
}
