//! How the 操作记录 viewer words the entries' before and after: fields named, values shown as
//! a clerk reads them.

use super::*;

fn names() -> Names {
    Names {
        categories: HashMap::from([(1, "镇街".to_owned())]),
        units: HashMap::new(),
    }
}

#[test]
fn changes_list_only_the_fields_that_differ() {
    let found = changes(
        Some(r#"{"name":"城关街道","contact_phone":"0399-1","sort":1}"#),
        Some(r#"{"name":"城关街道","contact_phone":"0399-2","sort":1}"#),
        &names(),
    );
    assert_eq!(
        found,
        [FieldChange {
            field: "联系电话".into(),
            before: "0399-1".into(),
            after: "0399-2".into()
        }]
    );
    let set = changes(None, Some(r#""2024""#), &names());
    assert_eq!(set[0].before, "");
    assert_eq!(set[0].after, "2024");
    // A notice exported: the file and when, named.
    let exported = changes(
        None,
        Some(r#"{"exported_at":"2026-12-04 16:04:23","file_name":"2024年度考核结果通报.pdf"}"#),
        &names(),
    );
    let fields: Vec<&str> = exported.iter().map(|c| c.field.as_str()).collect();
    assert!(
        fields.contains(&"导出时间") && fields.contains(&"文件名"),
        "{exported:?}"
    );
    let created = changes(None, Some(r#"{"status":"Final","copies":3}"#), &names());
    assert_eq!(created.len(), 2, "a new record lists its fields");
    assert_eq!(created[0].field, "状态", "in the order forms show them");
    assert_eq!(created[0].after, "已定稿");
    let vetoed = changes(
        Some(r#"{"agreement_id":1,"item_id":null,"reason":"旧理由"}"#),
        Some(
            r#"{"value":{"agreement_id":1,"item_id":null,"reason":"新理由"},"reason":"复核更正"}"#,
        ),
        &names(),
    );
    assert_eq!(
        vetoed,
        [
            FieldChange {
                field: "理由".into(),
                before: "旧理由".into(),
                after: "新理由".into()
            },
            FieldChange {
                field: "修改理由".into(),
                before: String::new(),
                after: "复核更正".into()
            }
        ]
    );
}

#[test]
fn a_tailoring_change_shows_its_targets_and_clauses_in_words() {
    let found = changes(
        Some(
            r#"{"tailoring":{"control_targets":[{"name":"死亡人数","limit":"3人以内"}],"clause_changes":[]}}"#,
        ),
        Some(
            r#"{"tailoring":{"control_targets":[{"name":"死亡人数","limit":"2人以内"}],"clause_changes":[{"Replace":{"section":0,"clause":1,"original":"（二）旧文。","text":"（二）新文。"}},{"Drop":{"section":0,"clause":2,"original":"（三）删去的。"}},{"Add":{"section":1,"heading":"主要任务","text":"新增的。"}}]}}"#,
        ),
        &names(),
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].before, "控制指标：死亡人数 3人以内；条款调整：无");
    assert_eq!(
        found[0].after,
        "控制指标：死亡人数 2人以内；条款调整：改写“（二）旧文。”为“（二）新文。”；删去“（三）删去的。”；新增“新增的。”"
    );
}

#[test]
fn a_return_to_draft_and_the_notice_wording_read_in_chinese() {
    let reverted = changes(
        Some(r#"{"id":3,"status":"Final","copies":3,"category_id":1}"#),
        Some(r#"{"status":"draft","revert_reason":"控制指标填错"}"#),
        &names(),
    );
    let shown: Vec<(String, String, String)> = reverted
        .into_iter()
        .map(|c| (c.field, c.before, c.after))
        .collect();
    assert_eq!(
        shown,
        [
            ("状态".to_owned(), "已定稿".to_owned(), "草稿".to_owned()),
            (
                "退回理由".to_owned(),
                String::new(),
                "控制指标填错".to_owned()
            )
        ]
    );
    // As written now: the code voided and the dates cleared are said too.
    let hash = "f31989c955d6".to_owned() + &"0".repeat(52);
    let reverted = changes(
        Some(&format!(
            r#"{{"id":3,"status":"Printed","content_hash":"{hash}","finalized_on":"2025-03-01","printed_on":"2025-03-02"}}"#
        )),
        Some(
            r#"{"status":"draft","content_hash":null,"finalized_on":null,"printed_on":null,"revert_reason":"甲方名称有误"}"#,
        ),
        &names(),
    );
    let shown: Vec<(String, String, String)> = reverted
        .into_iter()
        .map(|c| (c.field, c.before, c.after))
        .collect();
    let row = |field: &str, before: &str, after: &str| {
        (field.to_owned(), before.to_owned(), after.to_owned())
    };
    for expected in [
        row("校验码", "f319 89c9 55d6", ""),
        row("定稿日期", "2025年3月1日", ""),
        row("打印日期", "2025年3月2日", ""),
    ] {
        assert!(shown.contains(&expected), "{expected:?} in {shown:?}");
    }
    let wording = changes(
        Some(r#""{\"title\":\"旧标题\",\"copy_to\":\"\"}""#),
        Some(r#""{\"title\":\"新标题\",\"copy_to\":\"\"}""#),
        &names(),
    );
    assert_eq!(
        wording,
        [FieldChange {
            field: "标题".into(),
            before: "旧标题".into(),
            after: "新标题".into()
        }]
    );
}

/// The store's own audit entry for a score change, read as the viewer shows it.
#[test]
fn a_score_change_written_by_the_store_reads_old_and_new_points() {
    use crate::model::{Points, Score};
    let mut store = crate::store::Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let agreement = store.agreements(2025).unwrap()[0].clone();
    let indicator = store
        .indicator_sets(2025)
        .unwrap()
        .into_iter()
        .find(|set| set.category_id == agreement.draft.category_id)
        .unwrap()
        .indicators[0]
        .id;
    let mut edited = Score {
        agreement_id: agreement.id,
        indicator_id: indicator,
        self_score: Some(Points::whole(5)),
        assessed_score: Some(Points::parse("5.5").unwrap()),
        note: String::new(),
        self_note: String::new(),
    };
    store.write(|w| w.change_score(&edited, None)).unwrap();
    edited.assessed_score = Some(Points::whole(4));
    edited.note = "复核后扣1分".to_owned();
    store.write(|w| w.change_score(&edited, None)).unwrap();
    let entry = store
        .audit_entries(usize::MAX)
        .unwrap()
        .into_iter()
        .find(|entry| {
            entry.action == "修改评分"
                && entry
                    .after_json
                    .as_deref()
                    .is_some_and(|after| after.contains("复核后"))
        })
        .unwrap();
    let found = changes(
        entry.before_json.as_deref(),
        entry.after_json.as_deref(),
        &names(),
    );
    let shown: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        shown,
        [("考核组评分", "5.5", "4"), ("评分说明", "", "复核后扣1分")],
        "{entry:?}"
    );
    // An entry written before the old value carried field names reads the same.
    let legacy = changes(
        Some(r#"[450,550,"",""]"#),
        entry.after_json.as_deref(),
        &names(),
    );
    assert_eq!(
        (legacy.iter())
            .find(|c| c.field == "考核组评分")
            .map(|c| c.before.as_str()),
        Some("5.5")
    );
}

#[test]
fn points_kinds_categories_and_lists_read_as_a_clerk_reads_them() {
    let score = changes(
        Some(r#"{"agreement_id":3,"indicator_id":7,"self_score":450,"assessed_score":400}"#),
        Some(r#"{"agreement_id":3,"indicator_id":7,"self_score":450,"assessed_score":350}"#),
        &names(),
    );
    assert_eq!(
        score,
        [FieldChange {
            field: "考核组评分".into(),
            before: "4".into(),
            after: "3.5".into()
        }]
    );
    let unit = changes(
        None,
        Some(r#"{"id":1,"kind":"Subdistrict","category_id":1,"is_active":true}"#),
        &names(),
    );
    let shown: Vec<(String, String)> = unit.into_iter().map(|c| (c.field, c.after)).collect();
    assert_eq!(
        shown,
        [
            ("类型".to_owned(), "街道".to_owned()),
            ("考核类别".to_owned(), "镇街".to_owned()),
            ("在用".to_owned(), "是".to_owned())
        ]
    );
    let year = changes(
        None,
        Some(
            r#"{"full_score":10000,"phase":"Published","grade_bands":[{"name":"优秀","min_total":9000},{"name":"不合格","min_total":0}]}"#,
        ),
        &names(),
    );
    let shown: Vec<(String, String)> = year.into_iter().map(|c| (c.field, c.after)).collect();
    assert_eq!(
        shown,
        [
            ("满分".to_owned(), "100".to_owned()),
            (
                "等次分数线".to_owned(),
                "共 2 项：优秀 ≥90、不合格 ≥0".to_owned()
            ),
            ("年度阶段".to_owned(), "已通报".to_owned())
        ]
    );
}

#[test]
fn a_replaced_scan_shows_both_files_by_name_and_hash_and_the_reason() {
    let found = changes(
        Some(
            r#"{"version":1,"files":[{"file_name":"签订件.jpg","media_type":"image/jpeg","sha256":"aaaaaaaaaaaabbbb"}]}"#,
        ),
        Some(
            r#"{"version":2,"files":[{"file_name":"第1页.jpg","media_type":"image/jpeg","sha256":"cccccccccccc1111"},{"file_name":"第2页.jpg","media_type":"image/jpeg","sha256":"dddddddddddd2222"}],"reason":"缺第2页"}"#,
        ),
        &names(),
    );
    let shown: Vec<(String, String, String)> = found
        .into_iter()
        .map(|c| (c.field, c.before, c.after))
        .collect();
    assert_eq!(
        shown,
        [
            (
                "扫描文件".to_owned(),
                "共 1 项：签订件.jpg（校验值 aaaaaaaaaaaa…）".to_owned(),
                "共 2 项：第1页.jpg（校验值 cccccccccccc…）、第2页.jpg（校验值 dddddddddddd…）"
                    .to_owned()
            ),
            ("版本".to_owned(), "1".to_owned(), "2".to_owned()),
            ("修改理由".to_owned(), String::new(), "缺第2页".to_owned()),
        ]
    );
}

#[test]
fn a_signing_correction_lists_its_reason_as_the_changes_not_as_a_field_once_empty() {
    let found = changes(
        Some(r#"{"status":"Signed","copies_returned":2}"#),
        Some(r#"{"status":"Signed","copies_returned":3,"reason":"漏记一份"}"#),
        &names(),
    );
    assert_eq!(
        found,
        [
            FieldChange {
                field: "签回份数".into(),
                before: "2".into(),
                after: "3".into()
            },
            FieldChange {
                field: "修改理由".into(),
                before: String::new(),
                after: "漏记一份".into()
            }
        ]
    );
}

#[test]
fn a_lifted_veto_shows_what_went_in_words() {
    let before = r#"{"agreement_id":91,"item_id":105,"condition":"发生较大及以上生产安全事故","reason":"2025年6月发生较大事故"}"#;
    let field = |field: &str, before: &str| FieldChange {
        field: field.into(),
        before: before.into(),
        after: String::new(),
    };
    let expected = [
        field("否决条件", "发生较大及以上生产安全事故"),
        field("理由", "2025年6月发生较大事故"),
    ];
    let lifted = changes(
        Some(before),
        Some(r#"{"value":null,"reason":null}"#),
        &names(),
    );
    assert_eq!(lifted, expected);
    // Older entries wrote a word after it.
    let older = changes(
        Some(before),
        Some(r#"{"value":"cleared","reason":null}"#),
        &names(),
    );
    assert_eq!(older, expected);
}

#[test]
fn a_deleted_adjustment_shows_what_went_in_points_and_words() {
    let before = r#"{"id":7,"agreement_id":91,"item_id":3,"kind":"Bonus","points":200,"reason":"经验被省应急厅推广","matter":"网格化隐患排查"}"#;
    let field = |field: &str, before: &str| FieldChange {
        field: field.into(),
        before: before.into(),
        after: String::new(),
    };
    let shown = |after: &str| changes(Some(before), Some(after), &names());
    let deleted = shown(r#"{"value":null,"reason":null}"#);
    assert!(deleted.contains(&field("类型", "加分")), "{deleted:?}");
    assert!(deleted.contains(&field("分值", "2")), "{deleted:?}");
    assert!(
        deleted.contains(&field("事项", "网格化隐患排查")),
        "{deleted:?}"
    );
    assert!(
        (deleted.iter()).all(|c| !c.before.contains('{') && !c.after.contains("deleted")),
        "{deleted:?}"
    );
    // Older entries wrote a word after it, and read the same.
    assert_eq!(shown(r#"{"value":"deleted","reason":null}"#), deleted);
}

#[test]
fn a_time_kept_as_a_setting_reads_like_the_logs_times() {
    let exported = changes(
        Some(r#""2026-12-01 16:20:05""#),
        Some(r#""2026-12-02 08:35:18""#),
        &names(),
    );
    assert_eq!(
        exported,
        [FieldChange {
            field: String::new(),
            before: "2026年12月1日 16:20:05".into(),
            after: "2026年12月2日 08:35:18".into(),
        }]
    );
}

/// Every field of what the log keeps of a unit, a year and the notice wording is named in
/// Chinese: a field added later without a label would show its code name to the clerk.
#[test]
fn every_field_logged_has_a_chinese_name() {
    let snapshots = [
        serde_json::to_value(crate::model::UnitDraft::empty(1)).unwrap(),
        serde_json::to_value(crate::model::Year::new(2025, "示例市人民政府")).unwrap(),
        serde_json::to_value(crate::document::NoticeWording::default()).unwrap(),
    ];
    for snapshot in snapshots {
        for key in snapshot.as_object().unwrap().keys() {
            assert!(
                !field_label(key).is_ascii(),
                "the field {key} has no Chinese name"
            );
        }
    }
}

#[test]
fn a_template_edit_shows_the_clause_that_changed_not_the_headings() {
    let before = r#"{"version":2,"title_pattern":"{年度}年度责任书","sections":[
        {"heading":"目标","clauses":["（一）甲。","（二）乙。"]},
        {"heading":"附则","clauses":["（一）丙。"]}]}"#;
    let after = r#"{"version":3,"title_pattern":"{年度}年度责任书","sections":[
        {"heading":"目标","clauses":["（一）甲。","（二）乙，另加一句。","（三）新条。"]},
        {"heading":"附则","clauses":["（一）丙。"]}]}"#;
    let found = changes(Some(before), Some(after), &names());
    let clauses: Vec<(&str, &str, &str)> = (found.iter())
        .filter(|c| c.field.contains("部分"))
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(
        clauses,
        [
            ("第 1 部分第 2 条", "（二）乙。", "（二）乙，另加一句。"),
            ("第 1 部分第 3 条", "", "（三）新条。"),
        ]
    );
}

#[test]
fn a_kept_notice_s_date_reads_as_its_date_of_issue() {
    // Logged as `notice_date`, and as `date` before that.
    for key in ["notice_date", "date"] {
        let kept = changes(
            None,
            Some(&format!(
                r#"{{"year":2024,"{key}":"2025-03-18","exported_at":"2026-12-06 10:50:00"}}"#
            )),
            &names(),
        );
        let date = kept.iter().find(|c| c.field == "成文日期").unwrap();
        assert_eq!(date.after, "2025年3月18日");
    }
}

#[test]
fn a_time_field_reads_as_the_logs_times() {
    let exported = changes(
        None,
        Some(r#"{"file_name":"2025-001-城关街道.pdf","exported_at":"2026-12-06 07:17:06"}"#),
        &names(),
    );
    let time = exported.iter().find(|c| c.field == "导出时间").unwrap();
    assert_eq!(time.after, "2026年12月6日 07:17:06");
}

#[test]
fn the_units_a_withdrawn_notice_named_read_by_their_names() {
    let found = changes(
        Some(
            r#"[{"category_id":1,"name":"城关街道办事处","short_name":"城关街道","unit_id":1},{"category_id":1,"name":"响嘡街道办事处","short_name":"响嘡街道","unit_id":2}]"#,
        ),
        Some(r#""2026 年度撤回通报，其单位信息改为按单位名册显示（再次通报时重新保存）""#),
        &names(),
    );
    assert_eq!(found[0].before, "共 2 项：城关街道办事处、响嘡街道办事处");
}
