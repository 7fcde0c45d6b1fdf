//! Worked examples of the notice's refusals, wording checks and veto causes.

use super::*;

/// The demo with 2025's first agreement vetoed under none of the year's conditions.
fn demo_with_first_vetoed(reason: &str) -> (Store, crate::model::Agreement) {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let first = store.agreements(2025).unwrap().remove(0);
    store
        .write(|w| {
            w.set_veto(&crate::model::Veto {
                agreement_id: first.id,
                item_id: None,
                reason: reason.into(),
            })
        })
        .unwrap();
    (store, first)
}

#[test]
fn the_notice_is_refused_while_a_unit_is_unscored() {
    let (mut store, first) = demo_with_first_vetoed("瞒报事故");
    let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    crate::workflow::results::score_fully(&mut store, 2025, first.id);
    let refused = notice_for_year(&store, 2025, date).unwrap_err();
    assert!(
        refused.starts_with("2025 年度还有 44 个单位未评分或未评完（"),
        "{refused}"
    );
    let results = year_results(&store, 2025).unwrap();
    // None of the first named has an assessors' score: named together, said once.
    let named = unscored_units(&results)
        .iter()
        .take(NAMED_UNSCORED)
        .map(|u| u.unit_name.clone())
        .collect::<Vec<_>>()
        .join("、");
    assert!(
        refused.contains(&format!("（{named}等尚无考核组评分）")),
        "{refused}"
    );
    // One partly scored is named with what it lacks, before them.
    let second = unscored_units(&results)[1].agreement_id;
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| {
            Some(s.category_id)
                == store
                    .agreement(second)
                    .unwrap()
                    .map(|a| a.draft.category_id)
        })
        .unwrap();
    store
        .write(|w| {
            w.upsert_score(&crate::model::Score {
                agreement_id: second,
                indicator_id: set.indicators[0].id,
                self_score: None,
                assessed_score: Some(crate::model::Points::whole(1)),
                note: String::new(),
                self_note: String::new(),
            })
        })
        .unwrap();
    let refused = notice_for_year(&store, 2025, date).unwrap_err();
    let lacking = set.indicators.len() - 1;
    let second_name = &unscored_units(&year_results(&store, 2025).unwrap())
        .into_iter()
        .find(|u| u.agreement_id == second)
        .unwrap()
        .unit_name
        .clone();
    assert!(
        refused.contains(&format!("（{second_name}缺 {lacking} 项；")),
        "{refused}"
    );
    assert!(unpublishable(2024, &year_results(&store, 2024).unwrap()).is_none());
}

#[test]
fn a_veto_under_none_of_the_conditions_is_told_by_its_reason() {
    let (store, first) = demo_with_first_vetoed("瞒报生产安全事故。");
    let results = year_results(&store, 2025).unwrap();
    let vetoed = (results.iter().flat_map(|c| &c.units))
        .find(|u| u.agreement_id == first.id)
        .unwrap();
    assert_eq!(vetoed.veto_condition.as_deref(), Some("瞒报生产安全事故"));
    let settings = store.year(2025).unwrap().unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let wording = NoticeWording::default();
    let content = build_notice(&settings, &results, &[], date, &wording);
    let lines: Vec<&String> = content.grades.iter().flat_map(|g| &g.lines).collect();
    // "镇街：城关街道办事处（因瞒报生产安全事故被一票否决）。"
    assert!(
        lines.iter().any(|line| line.contains(&vetoed.unit_name)
            && line.contains("因瞒报生产安全事故被一票否决")),
        "{lines:?}"
    );
}

#[test]
fn unknown_placeholders_are_refused_and_good_wording_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let mut wording = NoticeWording::default();
    assert!(wording_problems(&wording).is_empty());
    wording.reward = "对{优秀单位}予以表扬。".into();
    assert_eq!(
        wording_problems(&wording),
        ["【奖惩段落】未知的占位符“{优秀单位}”"]
    );
    wording.title = "{甲方关于{年度}年度的通报".into();
    assert_eq!(
        wording_problems(&wording),
        [
            "【标题】占位符缺少右括号“}”（“{甲方关于{…”处）",
            "【奖惩段落】未知的占位符“{优秀单位}”"
        ]
    );
    // Braces doubled, or an agreement's placeholder: each said for what it is.
    wording.title = "{{年度}}年度的通报{单位名称}".into();
    assert_eq!(
        wording_problems(&wording)[..2],
        [
            "【标题】占位符只用一对括号：请把“{{年度}}”改为“{年度}”",
            "【标题】未知的占位符“{单位名称}”（这是责任书的占位符，通报中不能用；可用的见“插入占位符”）"
        ]
    );
    // A line break typed inside one (Enter in the title): said so.
    wording.title = "{年度\n}年度的通报".into();
    assert_eq!(
        wording_problems(&wording)[0],
        "【标题】占位符“{年度}”中间有空格或换行：请把括号中的空格或换行删去"
    );
    // Doubled round a name that is none, the one meant.
    wording.title = "{{年}}年度的通报".into();
    assert_eq!(
        wording_problems(&wording)[0],
        "【标题】占位符只用一对括号，且没有“{年}”这个占位符（是否应为“{年度}”）"
    );
    wording.title = NoticeWording::default().title;
    assert!(save_wording(&mut store, 2024, &wording).is_err());
    wording.reward = "对等次为{最高等次}的单位予以通报表扬。".into();
    save_wording(&mut store, 2024, &wording).unwrap();
    assert_eq!(self::wording(&store, 2024).unwrap().reward, wording.reward);
    // The line for units failing years in a row is checked too.
    wording.repeated_failure = "其主要负责人须向{本级安委会作出书面检查".into();
    assert_eq!(wording_problems(&wording).len(), 1);
}

#[test]
fn full_width_braces_as_an_input_method_types_them_are_refused() {
    let mut wording = NoticeWording {
        closing: "另｛年度｝年度起执行。".into(),
        ..NoticeWording::default()
    };
    assert_eq!(
        wording_problems(&wording),
        ["【结尾段落】占位符要用半角括号：请把“｛年度｝”改为“{年度}”，或用“插入占位符”按钮"]
    );
    wording.closing = "年度｝起执行。".into();
    assert_eq!(
        wording_problems(&wording),
        ["【结尾段落】多出一个全角右括号“｝”，占位符应写成“{年度}”这样"]
    );
}

#[test]
fn a_required_paragraph_left_empty_is_refused_and_optional_ones_may_be() {
    let wording = NoticeWording {
        reward: " \n".into(),
        ..NoticeWording::default()
    };
    assert_eq!(
        wording_problems(&wording),
        ["奖惩段落不能为空：通报中会留下一处空白"]
    );
    let mut wording = NoticeWording::default();
    wording.closing.clear();
    wording.copy_to.clear();
    wording.repeated_failure.clear();
    assert!(wording_problems(&wording).is_empty());
}

#[test]
fn a_document_numbers_year_gets_the_hexagonal_brackets() {
    for typed in [
        "样政通[2026]12号",
        "样政通【2026】12号",
        "样政通（2026）12号",
        "样政通〔2026〕12号",
    ] {
        assert_eq!(
            document_number_brackets(typed),
            "样政通〔2026〕12号",
            "{typed}"
        );
    }
    assert_eq!(
        document_number_brackets("样政通〔２０２６〕１２号"),
        "样政通〔2026〕12号"
    );
    // Spaces typed between the parts go when it is saved (not as it is typed).
    assert_eq!(
        super::document_number_clean(" 样政通 [2026] 12 号"),
        "样政通〔2026〕12号"
    );
    assert_eq!(document_number_brackets("样政通 [2026]"), "样政通 〔2026〕");
    assert!(is_document_number("样政通〔2026〕12号"));
    for wrong in [
        "abc",
        "〔2026〕12号",
        "样政通〔26〕12号",
        "样政通〔2026〕第12号",
        "样政通〔2026〕12",
    ] {
        assert!(!is_document_number(wrong), "{wrong}");
    }
    // Brackets around something else stay, to be named.
    assert_eq!(
        document_number_brackets("样政通[二〇二六]12号"),
        "样政通[二〇二六]12号"
    );
}

#[test]
fn each_year_keeps_its_wording_and_a_rollover_copies_it() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let demo_2024 = self::wording(&store, 2024).unwrap();
    let for_2024 = NoticeWording {
        closing: "2024 年的结尾。".into(),
        ..NoticeWording::default()
    };
    // 2024 is published: its notice was made from its wording, which stays.
    assert!(save_wording(&mut store, 2024, &for_2024).is_err());
    assert_eq!(self::wording(&store, 2024).unwrap(), demo_2024);
    // The newest year, given the same wording, passes it on to the next.
    save_wording(&mut store, 2025, &for_2024).unwrap();
    super::super::rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert_eq!(
        self::wording(&store, 2026).unwrap(),
        for_2024,
        "copied on rollover"
    );
    let mut for_2025 = for_2024.clone();
    for_2025.closing = "2025 年的结尾。".into();
    for_2025.addressee = "各镇街，市直各单位".into();
    save_wording(&mut store, 2025, &for_2025).unwrap();
    assert_eq!(
        self::wording(&store, 2024).unwrap(),
        demo_2024,
        "2024 unchanged"
    );
    assert_eq!(self::wording(&store, 2025).unwrap(), for_2025);
    let year = store.year(2025).unwrap().unwrap();
    let results = year_results(&store, 2025).unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let content = build_notice(&year, &results, &[], date, &for_2025);
    assert_eq!(content.addressee, "各镇街，市直各单位：");
}

#[test]
fn a_draft_of_a_year_still_ahead_is_offered_the_seasons_first_day_not_today() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let today = chrono::Local::now().date_naive();
    let ahead = chrono::Datelike::year(&today) + 1;
    for from in 2025..ahead {
        crate::workflow::rollover::rollover(&mut store, from, from + 1).unwrap();
    }
    let (date, source) = default_issue_date_and_source(&store, ahead).unwrap();
    assert_eq!(source, IssueDateSource::SeasonStart);
    assert_eq!(date, chrono::NaiveDate::from_ymd_opt(ahead, 12, 1).unwrap());
    assert!(
        issue_date_refusal(ahead, date).is_none(),
        "a date the export takes"
    );
    // This year's notice is dated today, as before.
    let (date, source) = default_issue_date_and_source(&store, ahead - 1).unwrap();
    assert_eq!((date, source), (today, IssueDateSource::Today));
}

#[test]
fn results_on_indicators_not_marked_final_are_not_published() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let mut results = year_results(&store, 2024).unwrap();
    assert_eq!(publication_refusal(2024, &[], &results, false), None);
    results[0].set.is_final = false;
    let name = results[0].category.name.clone();
    // Published already (2024 is), its notice is made again all the same.
    assert_eq!(publication_refusal(2024, &[], &results, true), None);
    let refused = publication_refusal(2024, &[], &results, false).unwrap();
    assert_eq!(
        refused,
        format!(
            "2024 年度“{name}”类别的考核指标还没有标记定稿，不能据以通报：请先在“责任书 → 考核指标”中核对分值合计并标记定稿"
        )
    );
}

#[test]
fn a_document_number_is_refused_for_what_is_wrong_with_it() {
    let with_number = |number: &str| NoticeWording {
        issuer_mark: "示例市安全生产委员会办公室文件".into(),
        document_number: number.into(),
        ..NoticeWording::default()
    };
    let refusal = |number: &str| wording_problems(&with_number(number)).join("；");
    assert!(refusal("示安委办〔2026〕3号").is_empty());
    assert!(refusal("示安委办〔2026〕10号").is_empty());
    for zero in ["0", "00", "第0"] {
        let number = format!("示安委办〔2026〕{zero}号");
        assert_eq!(
            refusal(&number),
            format!("发文字号“{number}”的序号是 0：序号从 1 起编，如 示政通〔2026〕1号")
        );
    }
    let after = refusal("示安委办〔2026〕1号（特急·明电）");
    assert!(after.contains("在“号”字之后还有“（特急·明电）”"), "{after}");
    assert!(!after.contains("六角括号"), "{after}");
    // Said put right, not with an example (which may be a number already used).
    assert_eq!(
        refusal("示安委办〔2026〕001号"),
        "发文字号“示安委办〔2026〕001号”的序号不编虚位（1 不写成 01 或 001）：请改为“示安委办〔2026〕1号”"
    );
    assert_eq!(
        refusal("示安委办〔2026〕第3号"),
        "发文字号“示安委办〔2026〕第3号”的序号前不加“第”字：请改为“示安委办〔2026〕3号”"
    );
    // Put right whole: the year's brackets and a padded serial too.
    assert_eq!(
        refusal("示安委办[2026]第03号"),
        "发文字号“示安委办[2026]第03号”的序号前不加“第”字：请改为“示安委办〔2026〕3号”"
    );
    // The serial put right is no number yet (its opening bracket missing): the form is said,
    // never a correction that is refused in turn.
    assert_eq!(
        refusal("示政通2026〕第01号"),
        "发文字号“示政通2026〕第01号”的序号前不加“第”字，且应写成 机关代字〔年份〕N号（N 为序号），如 示政通〔2026〕1号"
    );
    assert!(refusal("示安委办[二〇二六]3号").contains("六角括号"));
    assert!(refusal("示安委办3号").contains("应写成 机关代字〔年份〕N号（N 为序号）"));
    assert!(!is_document_number("样政通〔2026〕012号"));
    assert!(is_document_number("样政通〔2026〕10号"));
}

#[test]
fn a_document_number_of_an_earlier_year_or_another_years_notice_is_refused() {
    let used = [(2024, "示政通〔2025〕3号".to_owned())];
    assert_eq!(
        super::document_number_clash(2025, "示政通[2025]3号", &used).as_deref(),
        Some("发文字号“示政通〔2025〕3号”已用于 2024 年度的通报，同一文号不能用两次，请检查序号")
    );
    // Typed with a "第" or a padded serial, it is the number in use all the same: said now,
    // beside the advice to write it "示政通〔2025〕3号", which is no way out then.
    assert_eq!(
        super::document_number_clash(2025, "示政通〔2025〕第03号", &used).as_deref(),
        Some(
            "发文字号“示政通〔2025〕第03号”即“示政通〔2025〕3号”，已用于 2024 年度的通报，同一文号不能用两次，请检查序号"
        )
    );
    assert_eq!(
        super::document_number_clash(2025, "示政通〔2024〕9号", &used).as_deref(),
        Some(
            "发文字号“示政通〔2024〕9号”的年份 2024 早于考核年度 2025：考核结果通报在考核年度的工作完成后印发，请检查年份"
        )
    );
    // A year far past the one assessed is a slip.
    assert_eq!(
        super::document_number_clash(2025, "示安委〔2030〕3号", &used).as_deref(),
        Some(
            "发文字号“示安委〔2030〕3号”的年份 2030 比考核年度 2025 晚了 5 年：考核结果通报一般在次年印发，请检查年份"
        )
    );
    assert_eq!(
        super::document_number_clash(2025, "示安委〔2027〕3号", &used),
        None
    );
    // The year's own number, a new one, or none: nothing to say.
    assert_eq!(
        super::document_number_clash(2024, "示政通〔2025〕3号", &used),
        None
    );
    assert_eq!(
        super::document_number_clash(2025, "示政通〔2026〕4号", &used),
        None
    );
    assert_eq!(super::document_number_clash(2025, " ", &used), None);
}

#[test]
fn characters_no_font_prints_are_all_named_before_saving() {
    let wording = NoticeWording {
        opening: "根据考核办法😀，现将结果通报如下𪚥😀。\n".into(),
        closing: "望各单位再接再厉。".into(),
        ..NoticeWording::default()
    };
    // Against the shipped fonts: an office's own may have more characters.
    let problems = wording_problems_in(&wording, &crate::pdf::fonts::FontSet::shipped());
    assert_eq!(problems.len(), 1, "{problems:?}");
    let problem = &problems[0];
    assert!(problem.starts_with("【开头段落】"), "{problem}");
    // Where each is first, counted in characters: in the field it shows as nothing.
    assert!(problem.contains("第 7 个字“😀”（U+1F600）"), "{problem}");
    assert!(problem.contains("第 17 个字“𪚥”（U+2A6A5）"), "{problem}");
    assert_eq!(problem.matches("1F600").count(), 1, "each once: {problem}");
    // Saving checks it too: a character of a private plane no font of any office has.
    let unprintable = NoticeWording {
        opening: "根据考核办法\u{10FFFD}，现将结果通报如下。".into(),
        ..NoticeWording::default()
    };
    let mut store = Store::open_in_memory().unwrap();
    let refused = save_wording(&mut store, 2024, &unprintable).unwrap_err();
    assert!(refused.to_string().contains("U+10FFFD"), "{refused}");
}

#[test]
fn a_brace_left_open_is_quoted_up_to_its_line_end() {
    let wording = NoticeWording {
        opening: "{甲方\n\n其余。".into(),
        ..NoticeWording::default()
    };
    assert_eq!(
        wording_problems(&wording),
        ["【开头段落】占位符缺少右括号“}”（“{甲方…”处）"]
    );
}

#[test]
fn the_year_of_a_document_number_is_read_from_its_brackets() {
    assert_eq!(document_number_year("示政通〔2025〕3号"), Some(2025));
    assert_eq!(document_number_year("示政通[2026]12号"), Some(2026));
    assert_eq!(document_number_year("示政通3号"), None);
    assert_eq!(document_number_year("示政通〔二〇二五〕3号"), None);
}
