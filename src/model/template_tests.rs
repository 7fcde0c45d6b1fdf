//! Worked examples for templates: placeholders parsed, filled and misspelt, blank clauses.

use super::*;

#[test]
fn parses_and_fills_placeholders() {
    let mut values = BTreeMap::new();
    values.insert(Placeholder::UnitName, "响嘡街道办事处".to_owned());
    values.insert(Placeholder::Year, "2025".to_owned());
    let text = fill("{年度}年度，{单位名称}应当……", &values).unwrap();
    assert_eq!(text, "2025年度，响嘡街道办事处应当……");
}

#[test]
fn a_brace_left_open_before_a_placeholder_is_said_to_be_open() {
    // Not "未知的占位符“{abc理责任……{年度”": the open brace is the fault, the later
    // placeholder is read as one.
    let errors = parse("{abc理责任，{年度}年度").unwrap_err();
    assert_eq!(
        errors,
        vec![PlaceholderError::Unclosed("abc理责任，".into())]
    );
    assert_eq!(
        errors[0].to_string(),
        "占位符缺少右括号“}”（“{abc理责任…”处）"
    );
    // A placeholder's name after the open brace is pointed out.
    let errors = parse("本责任书由{本级安委会办公室负责解释。").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "占位符缺少右括号“}”（“{本级安委会办…”处）：如要写占位符“{本级}”，请在“本级”之后补上“}”"
    );
    // The placeholder it begins is read from the whole line, not the few characters shown.
    let errors = parse("{甲方负责人职务（签字）").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "占位符缺少右括号“}”（“{甲方负责人职…”处）：如要写占位符“{甲方负责人职务}”，请在“甲方负责人职务”之后补上“}”"
    );
    // A brace at a line's end, other lines after it.
    let errors = parse("第一行{\n第二行").unwrap_err();
    assert_eq!(errors[0].to_string(), "占位符缺少右括号“}”（行末的“{”）");
    // One "{" too many before a placeholder is said as that, not as one left open.
    let errors = parse("责任书（{{单位简称}）").unwrap_err();
    assert_eq!(errors, vec![PlaceholderError::StrayOpen("单位简称".into())]);
    assert_eq!(
        errors[0].to_string(),
        "多出一个左括号“{”：请把“{{单位简称}”改为“{单位简称}”"
    );
}

#[test]
fn reports_unknown_and_unclosed_placeholders() {
    let errors = parse("{单位名} 与 {年度").unwrap_err();
    assert_eq!(
        errors,
        vec![
            PlaceholderError::Unknown("单位名".into()),
            PlaceholderError::Unclosed("年度".into())
        ]
    );
    assert_eq!(
        errors[0].to_string(),
        "未知的占位符“{单位名}”（是否应为“{单位名称}”）"
    );
    // Only a near name is offered.
    let far = PlaceholderError::Unknown("签订地点".into());
    assert_eq!(far.to_string(), "未知的占位符“{签订地点}”");
    assert!(
        PlaceholderError::Unknown("年份".into())
            .to_string()
            .ends_with("（是否应为“{年度}”）")
    );
    // A name cut short to one character is still near the one it begins; one sharing
    // nothing with any is not.
    assert!(
        PlaceholderError::Unknown("年".into())
            .to_string()
            .ends_with("（是否应为“{年度}”）")
    );
    assert_eq!(
        PlaceholderError::Unknown("月".into()).to_string(),
        "未知的占位符“{月}”"
    );
    // 乙方 is the unit, not the nearest name 甲方.
    assert!(
        PlaceholderError::Unknown("乙方".into())
            .to_string()
            .ends_with("（是否应为“{单位名称}”）")
    );
    // A person's name is the person, not the nearer 职务.
    for (typed, meant) in [("负责人姓名", "负责人"), ("甲方负责人姓名", "甲方负责人")]
    {
        assert!(
            PlaceholderError::Unknown(typed.into())
                .to_string()
                .ends_with(&format!("（是否应为“{{{meant}}}”）")),
            "{typed}"
        );
    }
}

#[test]
fn faulty_placeholders_are_marked_and_good_ones_kept_for_a_preview() {
    assert_eq!(
        mark_faults("{单位名}与{年度}、｛附则｝和 }，{未完"),
        "〔单位名〕与{年度}、〔附则〕和 〕，〔未完"
    );
    let draft = TemplateDraft {
        year: 2025,
        category_id: 1,
        title_pattern: "{年份}年度责任书".into(),
        preamble: "{单位名称}".into(),
        sections: vec![Section {
            heading: "目标".into(),
            clauses: vec!["{控制指标｝".into()],
        }],
    };
    let marked = draft.with_faults_marked();
    assert!(marked.placeholder_errors().is_empty());
    // A missing "}" before a good placeholder, a mixed-width pair, nested braces: the
    // marked text always parses.
    for text in [
        "{单位名称，{年度}年",
        "{单位名称｝与{年度}",
        "{a{单位名称}}",
        "}{}{ }{{}}｛｝",
        "{{{",
        "{年度",
    ] {
        let marked = mark_faults(text);
        assert!(parse(&marked).is_ok(), "{text} → {marked}");
    }
    assert_eq!(mark_faults("{单位名称，{年度}年"), "〔单位名称，{年度}年");
    assert_eq!(marked.title_pattern, "〔年份〕年度责任书");
    assert_eq!(marked.preamble, "{单位名称}");
    assert_eq!(marked.sections[0].clauses, ["〔控制指标〕"]);
}

#[test]
fn reports_full_width_and_stray_braces() {
    let errors = parse("｛单位名称｝与 年度} 与 {年度}").unwrap_err();
    assert_eq!(
        errors,
        vec![
            PlaceholderError::StrayClose,
            PlaceholderError::FullWidth("单位名称".into())
        ]
    );
    assert_eq!(
        errors[1].to_string(),
        "占位符要用半角括号：请把“｛单位名称｝”改为“{单位名称}”，或用“插入占位符”按钮"
    );
    assert_eq!(
        parse("只有｝").unwrap_err(),
        vec![PlaceholderError::FullWidth(String::new())]
    );
}

/// One brace half-width and the other full-width (an input method switched half-way): said
/// as that, in either order, not as a brace left open or one too many.
#[test]
fn a_half_width_and_a_full_width_brace_are_said_as_one_mistake() {
    for text in ["甲方 {单位简称｝ 乙方", "甲方 ｛单位简称} 乙方"] {
        let errors = parse(text).unwrap_err();
        assert_eq!(
            errors,
            vec![PlaceholderError::Mixed("单位简称".into())],
            "{text}"
        );
        assert_eq!(
            errors[0].to_string(),
            "占位符的两个括号都要用半角：请改为“{单位简称}”"
        );
    }
    // The name is checked too, and what follows is parsed on.
    let errors = parse("{单位明称｝与 {年度}年").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "占位符的两个括号都要用半角，且没有“单位明称”这个占位符（是否应为“{单位名称}”）：请改正，或用“插入占位符”按钮"
    );
    assert_eq!(errors.len(), 1);
    // A name no placeholder is near: braces are said to be for placeholders.
    assert_eq!(
        parse("见{注1｝").unwrap_err()[0].to_string(),
        "括号“{ }”只用于占位符，而没有“注1”这个占位符：如是正文文字，请改用其他括号（如“【注1】”）；要插入占位符，请用“插入占位符”按钮"
    );
    // A close is claimed once: the second opening brace has none left.
    assert_eq!(
        parse("｛甲 ｛乙} 丙").unwrap_err(),
        vec![
            PlaceholderError::FullWidthUnclosed,
            PlaceholderError::Mixed("乙".into())
        ]
    );
    // An opening brace between: the first is not closed by the later full-width one.
    assert!(
        !parse("{甲 ｛乙｝")
            .unwrap_err()
            .contains(&PlaceholderError::Mixed("甲 ｛乙".into()))
    );
    // A stray "}" beside a mixed pair is still said.
    assert_eq!(
        parse("｛年度} 与 }").unwrap_err(),
        vec![
            PlaceholderError::StrayClose,
            PlaceholderError::Mixed("年度".into())
        ]
    );
}

/// A name in full-width braces is checked too: a misspelt one is not offered as it is.
#[test]
fn full_width_braces_around_an_unknown_name_offer_the_nearest_one() {
    let errors = parse("｛单位明称｝").unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "占位符要用半角括号，且没有“单位明称”这个占位符（是否应为“{单位名称}”）：请改正，或用“插入占位符”按钮"
    );
    let far = parse("｛签订地点｝").unwrap_err();
    assert_eq!(
        far[0].to_string(),
        "全角括号“｛ ｝”只用于占位符，而没有“签订地点”这个占位符：如是正文文字，请改用其他括号（如“【签订地点】”）；要插入占位符，请用“插入占位符”按钮"
    );
    let unclosed = parse("｛单位名X 与").unwrap_err();
    assert_eq!(unclosed, vec![PlaceholderError::FullWidthUnclosed]);
}

#[test]
fn doubled_braces_are_one_mistake_said_as_such() {
    let errors = parse("{{单位名称}}与{年度}").unwrap_err();
    assert_eq!(errors, vec![PlaceholderError::Doubled("单位名称".into())]);
    assert_eq!(
        errors[0].to_string(),
        "占位符只用一对括号：请把“{{单位名称}}”改为“{单位名称}”"
    );
    // Of a name that is no placeholder either, never told to write it in one pair.
    assert_eq!(
        PlaceholderError::Doubled("年".into()).to_string(),
        "占位符只用一对括号，且没有“{年}”这个占位符（是否应为“{年度}”）"
    );
    // The text marked for the preview still parses.
    let draft = TemplateDraft {
        year: 2025,
        category_id: 1,
        title_pattern: "{{单位名称}}".into(),
        preamble: String::new(),
        sections: Vec::new(),
    };
    assert!(parse(&draft.with_faults_marked().title_pattern).is_ok());
}

#[test]
fn each_problem_names_the_field_it_is_in() {
    let draft = TemplateDraft {
        year: 2025,
        category_id: 1,
        title_pattern: "{年份}年度责任书".into(),
        preamble: "{甲方}与{单位名称}签订。".into(),
        sections: vec![
            Section {
                heading: "目标".into(),
                clauses: vec!["（一）{控制指标}。".into()],
            },
            Section {
                heading: "｛附则｝".into(),
                clauses: vec!["（一）一式{份数}份。".into(), "{单位名} 与 {年度".into()],
            },
        ],
    };
    let shown: Vec<String> = (draft.placeholder_errors().iter())
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        shown,
        [
            "【标题】未知的占位符“{年份}”（是否应为“{年度}”）",
            "【第 2 部分标题】全角括号“｛ ｝”只用于占位符，而没有“附则”这个占位符：如是正文文字，请改用其他括号（如“【附则】”）；要插入占位符，请用“插入占位符”按钮",
            "【第 2 部分第 2 条】未知的占位符“{单位名}”（是否应为“{单位名称}”）；占位符缺少右括号“}”（“{年度”处）：如要写占位符“{年度}”，请在“年度”之后补上“}”",
        ]
    );
}

#[test]
fn text_without_placeholders_is_one_segment() {
    assert_eq!(parse("无占位符").unwrap(), vec![Segment::Text("无占位符")]);
    assert_eq!(parse("").unwrap(), vec![]);
}

#[test]
fn ordinals() {
    let got: Vec<String> = [1, 4, 10, 12, 20, 23]
        .into_iter()
        .map(chinese_ordinal)
        .collect();
    assert_eq!(got, ["一", "四", "十", "十二", "二十", "二十三"]);
}

/// What Word pastes besides the text prints as Word shows it: a tab as a full-width space, a
/// manual line break as a line break; nothing of the clause vanishes in print.
#[test]
fn a_pasted_tab_or_manual_line_break_prints_as_it_shows() {
    let values = BTreeMap::from([(Placeholder::UnitName, "青山镇人民政府".to_owned())]);
    assert_eq!(
        fill("目标\t任务\u{b}{单位名称}\r\n负责\u{7}落实", &values).unwrap(),
        "目标\u{3000}任务\n青山镇人民政府\n负责落实"
    );
}
