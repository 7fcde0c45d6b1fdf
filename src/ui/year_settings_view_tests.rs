//! Worked examples of the year settings form: filled from a year and read back, the same
//! settings typed another way, and bad dates, bands and full scores refused in words.

use super::*;

#[test]
fn the_form_gives_back_the_year_it_was_filled_from() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.planned_signing_date = chrono::NaiveDate::from_ymd_opt(2025, 3, 15);
    let form = YearForm::from_year(&year);
    assert_eq!(form.planned_signing_date, "2025年3月15日");
    assert_eq!(form.to_year(&year), Ok(year));
}

#[test]
fn the_same_settings_typed_another_way_are_no_change() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.planned_signing_date = chrono::NaiveDate::from_ymd_opt(2025, 3, 15);
    let mut view = YearSettingsView {
        source: Some(year.clone()),
        form: Some(YearForm::from_year(&year)),
        ..YearSettingsView::default()
    };
    assert!(!view.is_changed());
    if let Some(form) = &mut view.form {
        form.planned_signing_date = "2025-03-15".to_owned();
    }
    assert!(!view.is_changed(), "the same date");
    if let Some(form) = &mut view.form {
        form.planned_signing_date = "2025-03-16".to_owned();
    }
    assert!(view.is_changed());
    if let Some(form) = &mut view.form {
        form.planned_signing_date = "三月".to_owned();
    }
    assert!(view.is_changed(), "text that is not a date yet is kept");
}

#[test]
fn bad_dates_and_bands_are_refused_in_words() {
    let year = Year::new(2025, "示例市人民政府");
    let mut form = YearForm::from_year(&year);
    // A date without its year is in the year set; one not on the calendar is named.
    form.planned_signing_date = "3月15日".to_owned();
    assert_eq!(
        form.to_year(&year).unwrap().planned_signing_date,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 15)
    );
    form.planned_signing_date = "2月30日".to_owned();
    assert!(
        form.to_year(&year)
            .unwrap_err()
            .contains("2025年2月没有30日")
    );
    form.planned_signing_date = "三月".to_owned();
    assert!(form.to_year(&year).unwrap_err().contains("不是有效日期"));
    form.planned_signing_date.clear();
    form.bands[1].1 = "95".to_owned();
    assert!(form.to_year(&year).unwrap_err().contains("从高到低"));
    form.bands[1].1 = "八十".to_owned();
    assert!(
        form.to_year(&year)
            .unwrap_err()
            .contains("等次“良好”的分数线")
    );
}

#[test]
fn every_field_that_cannot_be_read_is_named_at_once() {
    let year = Year::new(2025, "示例市人民政府");
    let mut form = YearForm::from_year(&year);
    form.planned_signing_date = "2025-13-01".to_owned();
    form.full_score = "0".to_owned();
    form.bands[1].1 = "八十".to_owned();
    let problems = form.to_year(&year).unwrap_err();
    let named: Vec<&str> = problems.split('；').collect();
    assert_eq!(named.len(), 3, "{problems}");
    assert!(named[0].starts_with("计划签订日期有误"), "{problems}");
    assert!(named[1].starts_with("等次“良好”的分数线"), "{problems}");
    assert_eq!(named[2], "满分应大于 0");
    // Bands that all read but run the wrong way are said in the same go.
    form.bands[1].1 = "95".to_owned();
    let problems = form.to_year(&year).unwrap_err();
    let named: Vec<&str> = problems.split('；').collect();
    assert_eq!(
        named[1..],
        [
            "满分应大于 0",
            "等次分数线必须从高到低排列且互不相同：“良好”的 95 分不低于上一等次“优秀”的 90 分"
        ],
        "{problems}"
    );
}
