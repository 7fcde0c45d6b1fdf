//! The demo data set of the fictional 示例市: 45 units, year 2025 in the signing phase with
//! agreements in every status, and year 2024 complete with scores covering every grade,
//! bonuses, deductions and one 一票否决. Year 2023 is published too, so a unit's history has
//! more than one point and one town fails two years in a row. Written in one transaction.

mod indicators;
mod scan;
mod texts;
mod units;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::document::agreement::AgreementInputs;
use crate::document::build_agreement;
use crate::model::{
    Adjustment, AdjustmentKind, AgreementDraft, AgreementStatus, ControlTarget, IndicatorSet,
    ItemKind, Phase, Points, Score, Tailoring, Template, TemplateDraft, UnitDraft, Veto, Year,
};
use crate::store::{Signing, Store, StoreError, Writer};

pub use indicators::reference_indicators;
pub use scan::signed_copy_png;
pub use texts::reference_template;
pub use units::{CATEGORIES, UNITS, person_name};

/// The 甲方 of the demo city.
pub const PARTY_A: &str = "示例市人民政府";

/// Total (hundredths) each unit's 2024 indicator table adds up to, by unit index. 公安局
/// (index 18) ends level with 交通局 (91.5 less a 2-point deduction), so the two share a rank.
const TARGETS_2024: [i64; 45] = [
    9650, 9400, 9250, 9100, 9000, 8950, 8800, 8650, 8500, 8300, 8150, 7800, 7250, 5850,
    9300, //
    9500, 9300, 9150, 8950, 8700, 8600, 9050, 8450, 9200, 8800, 7650, 9400, 8550, 8250,
    9100, //
    8950, 8350, 9250, 6800, 8850, 9600, 8750, 9000, 8400, 9350, 8650, 9150, 8050, 8900, 9450,
];

/// Totals of 2023: 龙泉镇 (index 13) fails as in 2024, so the statistics highlight it; one
/// department fails 2023 only.
const TARGETS_2023: [i64; 45] = [
    9300, 9150, 8900, 9350, 8650, 9100, 9200, 8400, 8800, 8050, 8500, 7550, 6900, 5700,
    8950, //
    9200, 9450, 8800, 9050, 8350, 8900, 8750, 8600, 9100, 8500, 7900, 9150, 8700, 8000,
    9300, //
    8700, 8550, 9000, 5950, 8650, 9350, 8900, 8800, 8150, 9100, 8400, 8950, 8300, 8650, 9200,
];

/// Index of the unit vetoed in 2024 (石桥镇).
const VETOED_UNIT: usize = 6;

/// Loads the demo into an empty database; refuses if any unit or year exists.
pub fn load(store: &mut Store) -> Result<(), StoreError> {
    if !store.units()?.is_empty() || !store.years()?.is_empty() {
        return Err(StoreError::Rejected(
            "数据库中已有单位或年度，不能再载入示例数据".to_owned(),
        ));
    }
    let scan = scan::signed_copy_png();
    store.write(|w| {
        // The register was set up before the first year's (see `load_year`).
        w.backdate(demo_time(2022, 11, 1)?);
        let mut category_ids = BTreeMap::new();
        for name in CATEGORIES {
            category_ids.insert(name, w.insert_category(name)?);
        }
        let mut drafts = Vec::with_capacity(UNITS.len());
        for (index, demo) in UNITS.iter().enumerate() {
            let draft = UnitDraft {
                name: demo.name.to_owned(),
                short_name: demo.short_name.to_owned(),
                kind: demo.kind,
                category_id: category_ids.get(demo.category).copied().unwrap_or_default(),
                principal_title: demo.principal_title.to_owned(),
                principal_name: person_name(index),
                contact_name: person_name(index + 20),
                contact_phone: units::phone(index),
                sort_order: i64::try_from(index + 1).unwrap_or_default(),
            };
            let id = w.insert_unit(&draft)?;
            drafts.push((id, draft));
        }
        for number in [2023, 2024, 2025] {
            load_year(w, number, &category_ids, &drafts, &scan)?;
            // Results go to the discipline commission and the organisation department too.
            // Issued as a 文件 of the city government in the spring after the year, numbered.
            let document_number = match number {
                2023 => "示政通〔2024〕4号",
                2024 => "示政通〔2025〕3号",
                _ => "",
            };
            let wording = crate::document::NoticeWording {
                copy_to: "市委办公室，市人大常委会办公室，市政协办公室，市纪委监委，市委组织部"
                    .to_owned(),
                document_number: document_number.to_owned(),
                annotation: "此件公开发布".to_owned(),
                ..crate::document::NoticeWording::default()
            };
            let json =
                serde_json::to_string(&wording).map_err(|e| StoreError::Rejected(e.to_string()))?;
            // Part of the demo's history, as the rest of the year: dated at its year's end.
            w.backdate(demo_time(number, 12, 20)?);
            w.set_setting(&crate::workflow::notice::wording_key(number), &json)?;
            w.stop_backdating();
        }
        // The published years keep their units as they stood, as a rollover leaves them.
        for number in [2023, 2024] {
            w.keep_unit_versions(number)?;
        }
        w.mark_initialized("载入示例数据")
    })
}

/// Everything of one year that agreements are drawn from.
struct YearBasis {
    year: Year,
    templates: BTreeMap<i64, Template>,
    sets: BTreeMap<i64, IndicatorSet>,
    variants: BTreeMap<i64, Variant>,
}

/// Which texts, indicators and control targets a demo category gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// 镇街: a territory.
    Town,
    /// 一类: departments that regulate a sector.
    Regulator,
    /// 二类: departments that manage a line of work or a system (their indicators are the
    /// 一类 set, which scores what a department without a sector to regulate does too).
    Industry,
    /// 三类: members that support the work without regulating a sector.
    Support,
}

impl Variant {
    fn of(category: &str) -> Self {
        match category {
            "镇街" => Self::Town,
            "二类" => Self::Industry,
            "三类" => Self::Support,
            _ => Self::Regulator,
        }
    }
}

fn load_year(
    w: &mut Writer<'_>,
    number: i32,
    category_ids: &BTreeMap<&str, i64>,
    units: &[(i64, UnitDraft)],
    scan: &[u8],
) -> Result<(), StoreError> {
    // The log tells the year's fictional history in order: set up in the December before it,
    // agreements drafted, finalized, printed, signed and archived in February and March,
    // scored the next January, published in March.
    w.backdate(demo_time(number - 1, 12, 10)?);
    let mut year = Year::new(number, PARTY_A);
    "副市长".clone_into(&mut year.party_a_signatory_title);
    // A surname no unit's people have: the 甲方 signatory is nobody's namesake.
    "司马清和".clone_into(&mut year.party_a_signatory_name);
    year.planned_signing_date = NaiveDate::from_ymd_opt(number, 3, 15);
    year.phase = Phase::Signing;
    w.insert_year(&year)?;
    let mut basis = YearBasis {
        year,
        templates: BTreeMap::new(),
        sets: BTreeMap::new(),
        variants: BTreeMap::new(),
    };
    for (&name, &category_id) in category_ids {
        let variant = Variant::of(name);
        basis.variants.insert(category_id, variant);
        let (preamble, sections) = match variant {
            Variant::Town => (texts::TOWN_PREAMBLE, texts::town_sections(false)),
            Variant::Regulator => (texts::DEPARTMENT_PREAMBLE, texts::department_sections()),
            Variant::Industry => (texts::INDUSTRY_PREAMBLE, texts::industry_sections()),
            Variant::Support => (texts::SUPPORT_PREAMBLE, texts::support_sections(false)),
        };
        let draft = TemplateDraft {
            year: number,
            category_id,
            title_pattern: texts::TITLE.to_owned(),
            preamble: preamble.to_owned(),
            sections,
        };
        basis
            .templates
            .insert(category_id, w.insert_template(&draft)?);
        let set = match variant {
            Variant::Town => indicators::town_set(number, category_id),
            Variant::Regulator | Variant::Industry => {
                indicators::department_set(number, category_id)
            }
            Variant::Support => indicators::support_set(number, category_id),
        };
        basis
            .sets
            .insert(category_id, w.insert_indicator_set(&set)?);
    }
    for (index, (unit_id, unit)) in units.iter().enumerate() {
        let agreement_id = draft_agreement(w, &basis, index, *unit_id, unit, scan)?;
        if number < 2025 {
            w.backdate(demo_time(number + 1, 1, 10 + index % 15)?);
            score_past_year(w, &basis, index, agreement_id, unit)?;
        }
    }
    // The past years' results were published on these days: their notices' dates.
    let published = match number {
        2023 => Some((2024, 3, 20)),
        2024 => Some((2025, 3, 18)),
        _ => None,
    };
    if let Some((published_year, month, day)) = published {
        w.backdate(demo_time(published_year, 1, 6)?);
        basis.year.phase = Phase::Assessing;
        w.update_year(&basis.year, None)?;
        w.backdate(demo_time(published_year, month, day)?);
        let date = NaiveDate::from_ymd_opt(published_year, month, u32::try_from(day).unwrap_or(1));
        if let Some(date) = date {
            w.set_setting(
                &crate::store::published_on_key(number),
                &date.format("%Y-%m-%d").to_string(),
            )?;
        }
        basis.year.phase = Phase::Published;
        w.update_year(&basis.year, None)?;
    }
    w.stop_backdating();
    Ok(())
}

fn draft_agreement(
    w: &mut Writer<'_>,
    basis: &YearBasis,
    index: usize,
    unit_id: i64,
    unit: &UnitDraft,
    scan: &[u8],
) -> Result<i64, StoreError> {
    let target = |name: &str, limit: String| ControlTarget {
        name: name.to_owned(),
        limit,
    };
    let control_targets = match basis.variants.get(&unit.category_id) {
        Some(Variant::Support) => vec![target("生产安全责任事故", "0起".to_owned())],
        variant => vec![
            target(
                "生产安全事故死亡人数控制在",
                if variant == Some(&Variant::Town) {
                    format!("{}人以内", 1 + index % 3)
                } else {
                    "1人以内".to_owned()
                },
            ),
            target("较大及以上生产安全事故", "0起".to_owned()),
        ],
    };
    let tailoring = Tailoring {
        control_targets,
        clause_changes: Vec::new(),
    };
    let Some(template) = basis.templates.get(&unit.category_id) else {
        return Err(StoreError::NotFound("示例模板".to_owned()));
    };
    let draft = AgreementDraft {
        year: basis.year.year,
        unit_id,
        category_id: unit.category_id,
        template_id: template.id,
        number: i64::try_from(index + 1).unwrap_or_default(),
        tailoring,
        copies: 3,
    };
    w.backdate(demo_time(basis.year.year, 2, 10 + index % 6)?);
    let id = w.insert_agreement(&draft)?;
    let status = if basis.year.year < 2025 {
        AgreementStatus::Archived
    } else {
        status_2025(index)
    };
    if status.is_issued() {
        let inputs = AgreementInputs {
            template: &template.content,
            year: &basis.year,
            unit,
            tailoring: &draft.tailoring,
            indicators: basis.sets.get(&unit.category_id),
            number: draft.number,
            copies: draft.copies,
        };
        let content = build_agreement(&inputs)
            .map_err(|_| StoreError::Rejected("示例模板中有无效的占位符".to_owned()))?;
        w.backdate(demo_time(basis.year.year, 2, 20 + index % 6)?);
        w.finalize(id, &content)?;
    }
    if status >= AgreementStatus::Printed {
        let printed_at = demo_time(basis.year.year, 3, 2 + index % 5)?;
        w.backdate(printed_at);
        w.mark_printed(id, printed_at.date())?;
    }
    let signed_day = 8 + index % 10;
    if status >= AgreementStatus::Signed {
        w.backdate(demo_time(basis.year.year, 3, signed_day)?);
        let signing = Signing {
            signed_on: NaiveDate::from_ymd_opt(
                basis.year.year,
                3,
                u32::try_from(signed_day).unwrap_or(8),
            )
            .ok_or_else(|| StoreError::Rejected("示例日期无效".to_owned()))?,
            party_a_signatory: basis.year.party_a_signatory_name.clone(),
            party_b_signatory: unit.principal_name.clone(),
            copies_returned: draft.copies,
        };
        w.mark_signed(id, &signing)?;
    }
    if status == AgreementStatus::Archived {
        // Scanned and filed a few days after the signing.
        w.backdate(demo_time(basis.year.year, 3, signed_day + 4)?);
        w.archive(
            id,
            &format!(
                "{}-{}-签订扫描件.png",
                basis.year.year,
                unit.display_short_name()
            ),
            &scan::marked(scan, &format!("demo scan {}-{index}", basis.year.year)),
        )?;
    }
    Ok(id)
}

/// 9:30 on a day of the demo's fictional history.
fn demo_time(year: i32, month: u32, day: usize) -> Result<chrono::NaiveDateTime, StoreError> {
    NaiveDate::from_ymd_opt(year, month, u32::try_from(day).unwrap_or(1))
        .and_then(|date| date.and_hms_opt(9, 30, 0))
        .ok_or_else(|| StoreError::Rejected("示例日期无效".to_owned()))
}

/// A spread of statuses for 2025: 已归档, 已签订, 已打印, 已定稿, 草稿 in turn.
fn status_2025(index: usize) -> AgreementStatus {
    match index % 5 {
        0 => AgreementStatus::Archived,
        1 => AgreementStatus::Signed,
        2 => AgreementStatus::Printed,
        3 => AgreementStatus::Final,
        _ => AgreementStatus::Draft,
    }
}

/// Scores that add up to the unit's target; in 2024 with a few bonuses, deductions and one
/// veto.
fn score_past_year(
    w: &mut Writer<'_>,
    basis: &YearBasis,
    index: usize,
    agreement_id: i64,
    unit: &UnitDraft,
) -> Result<(), StoreError> {
    let Some(set) = basis.sets.get(&unit.category_id) else {
        return Err(StoreError::NotFound("示例指标".to_owned()));
    };
    let targets = if basis.year.year == 2023 {
        &TARGETS_2023
    } else {
        &TARGETS_2024
    };
    let target = targets.get(index).copied().unwrap_or(9000);
    let full: i64 = set.indicators.iter().map(|i| i.points.0).sum();
    let mut lost = vec![0_i64; set.indicators.len()];
    let mut remaining = full - target;
    // The vetoed town's 3 deaths cost 9 points on 事故控制指标 (3 per death), as its criteria say,
    // and the rest of its loss falls elsewhere.
    let vetoed = basis.year.year == 2024 && index == VETOED_UNIT;
    let accidents = set
        .indicators
        .iter()
        .position(|i| i.name == "事故控制指标")
        .filter(|_| vetoed);
    if let Some(taken) = accidents.and_then(|slot| lost.get_mut(slot)) {
        *taken = remaining.min(900);
        remaining -= *taken;
    }
    let mut cursor = index * 3;
    while remaining > 0 {
        let slot = cursor % lost.len();
        if accidents != Some(slot)
            && let (Some(taken), Some(indicator)) = (lost.get_mut(slot), set.indicators.get(slot))
        {
            let step = remaining.min(100).min(indicator.points.0 - *taken);
            *taken += step;
            remaining -= step;
        }
        cursor += 1;
    }
    for (indicator, taken) in set.indicators.iter().zip(lost) {
        let assessed = Points(indicator.points.0 - taken);
        let self_score =
            Points((assessed.0 + if taken > 0 { 50 } else { 0 }).min(indicator.points.0));
        let note = if vetoed && indicator.name == "事故控制指标" {
            format!("较大事故1起，死亡3人，扣{}分", Points(taken))
        } else if taken > 0 {
            format!("经查阅资料，扣{}分", Points(taken))
        } else {
            String::new()
        };
        w.upsert_score(&Score {
            agreement_id,
            indicator_id: indicator.id,
            self_score: Some(self_score),
            assessed_score: Some(assessed),
            note,
            self_note: String::new(),
        })?;
    }
    let item = |kind: ItemKind, nth: usize| set.items_of(kind).nth(nth).map(|item| item.id);
    let adjust = |kind, item_id, hundredths, reason: &str| Adjustment {
        id: 0,
        agreement_id,
        item_id,
        kind,
        points: Points(hundredths),
        reason: reason.to_owned(),
        matter: String::new(),
    };
    // A bonus under the `nth` bonus rule, for its 事项.
    let bonus = |nth, hundredths, reason: &str, matter: &str| Adjustment {
        matter: matter.to_owned(),
        ..adjust(
            AdjustmentKind::Bonus,
            item(ItemKind::Bonus, nth),
            hundredths,
            reason,
        )
    };
    let practice = |hundredths, reason: &str, matter: &str| bonus(0, hundredths, reason, matter);
    let title = |hundredths, reason: &str, matter: &str| bonus(1, hundredths, reason, matter);
    if basis.year.year != 2024 {
        return Ok(());
    }
    let adjustments = match unit.short_name.as_str() {
        // Two awards of one practice count once, at the national level's 2 points.
        "城关街道" => vec![
            practice(200, "做法被国家级推广", "网格化隐患排查"),
            practice(
                50,
                "同一做法获市级表彰（同一事项只计最高级别）",
                "网格化隐患排查",
            ),
            title(100, "获评省级安全发展示范街道", "安全发展示范街道"),
        ],
        // Three practices and a title: 6 points of bonus, cut to the year's cap of 5.
        "应急局" => vec![
            practice(100, "经验被省级推广", "执法规范化"),
            practice(200, "做法被国家级推广", "举报奖励制度"),
            practice(200, "做法被国家级推广", "应急演练“双盲”模式"),
            title(100, "获评省级标准化示范单位", "安全生产标准化示范"),
        ],
        "交通局" => vec![adjust(
            AdjustmentKind::Deduction,
            item(ItemKind::Deduction, 0),
            200,
            "2024年6月被省安委办通报批评一次",
        )],
        "古渡镇" => vec![adjust(
            AdjustmentKind::Deduction,
            item(ItemKind::Deduction, 1),
            300,
            "年终考核材料未按时报送",
        )],
        _ => Vec::new(),
    };
    for adjustment in &adjustments {
        w.insert_adjustment(adjustment)?;
    }
    if index == VETOED_UNIT {
        let reason = "2024年8月辖区内一处建筑工地发生较大坍塌事故，造成3人死亡";
        w.set_veto(&Veto {
            agreement_id,
            item_id: item(ItemKind::Veto, 0),
            reason: reason.to_owned(),
        })?;
    }
    Ok(())
}
