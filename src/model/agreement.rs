//! 责任书: one agreement per year and unit, its tailoring, status and issued text.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use super::indicator::{IndicatorSet, ItemKind};
use super::rule_wording::rule_list;
use super::tailoring::Tailoring;
use super::template::{Placeholder, chinese_count};
use super::unit::UnitDraft;
use super::year::Year;

pub use super::agreement_dates::{
    CATCH_UP, PRINT_CATCH_UP, among, offered_printing_date, offered_signing_date,
    printed_before_finalized, printed_catch_up_ids, printed_catch_ups, printing_date_problem,
    signing_date_note, signing_date_problem, signing_date_warning,
};

/// Fewest copies an agreement is signed in (一式 N 份): one for each party.
pub const MIN_COPIES: i64 = 2;

/// Most copies an agreement is signed in; also the most copies of one agreement a print file
/// holds.
pub const MAX_COPIES: i64 = 20;

/// Why `copies` cannot be an agreement's number of copies, or `None` when it can.
#[must_use]
pub fn copies_problem(copies: i64) -> Option<String> {
    (!(MIN_COPIES..=MAX_COPIES).contains(&copies)).then(|| {
        format!(
            "份数应在 {MIN_COPIES} 至 {MAX_COPIES} 之间（甲乙双方至少各执一份），不能是 {copies} 份"
        )
    })
}

/// Where an agreement stands: 草稿 → 已定稿 → 已打印 → 已签订 → 已归档.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum AgreementStatus {
    /// 草稿: text may still change.
    Draft,
    /// 已定稿: text frozen, hash recorded.
    Final,
    /// 已打印: signature copies printed.
    Printed,
    /// 已签订: signed and sealed by both sides.
    Signed,
    /// 已归档: signed copy scanned and filed.
    Archived,
}

impl AgreementStatus {
    /// Every status in order.
    pub const ALL: [Self; 5] = [
        Self::Draft,
        Self::Final,
        Self::Printed,
        Self::Signed,
        Self::Archived,
    ];

    /// The Chinese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "草稿",
            Self::Final => "已定稿",
            Self::Printed => "已打印",
            Self::Signed => "已签订",
            Self::Archived => "已归档",
        }
    }

    /// The code stored in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Final => "final",
            Self::Printed => "printed",
            Self::Signed => "signed",
            Self::Archived => "archived",
        }
    }

    /// The status for a stored code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// True once the text is frozen (定稿 and after).
    #[must_use]
    pub fn is_issued(self) -> bool {
        self != Self::Draft
    }
}

/// The fields needed to create an agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgreementDraft {
    /// The year.
    pub year: i32,
    /// The unit.
    pub unit_id: i64,
    /// The unit's category when drafted.
    pub category_id: i64,
    /// The template version it was drawn from.
    pub template_id: i64,
    /// 序号 within the year.
    pub number: i64,
    /// Per-unit targets and clauses.
    pub tailoring: Tailoring,
    /// Number of copies to sign (一式 N 份).
    pub copies: i64,
}

/// A stored agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Agreement {
    /// Database id.
    pub id: i64,
    /// The drafted fields.
    #[serde(flatten)]
    pub draft: AgreementDraft,
    /// Where it stands.
    pub status: AgreementStatus,
    /// Who signed for 甲方.
    pub party_a_signatory: String,
    /// Who signed for 乙方.
    pub party_b_signatory: String,
    /// The signing date.
    pub signed_on: Option<chrono::NaiveDate>,
    /// Copies that came back signed.
    pub copies_returned: i64,
    /// SHA-256 (hex) of the text, recorded at 定稿.
    pub content_hash: Option<String>,
    /// The day of 定稿.
    pub finalized_on: Option<chrono::NaiveDate>,
    /// The day the signature copies were marked printed.
    pub printed_on: Option<chrono::NaiveDate>,
}

impl Agreement {
    /// An agreement of 2025 for unit `id` (numbered `id`), of category 1 and `template_id`, in
    /// `status`, untailored, in 2 copies, with nothing signed or dated: for tests.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn example(id: i64, template_id: i64, status: AgreementStatus) -> Self {
        Self {
            id,
            draft: AgreementDraft {
                year: 2025,
                unit_id: id,
                category_id: 1,
                template_id,
                number: id,
                tailoring: Tailoring::default(),
                copies: 2,
            },
            status,
            party_a_signatory: String::new(),
            party_b_signatory: String::new(),
            signed_on: None,
            copies_returned: 0,
            content_hash: None,
            finalized_on: None,
            printed_on: None,
        }
    }

    /// The verification code of an issued agreement (see [`verification_code`]).
    #[must_use]
    pub fn verification_code(&self) -> Option<&str> {
        self.content_hash.as_deref().map(verification_code)
    }
}

/// How many of `agreements` are not signed yet (草稿 to 已打印).
#[must_use]
pub fn unsigned_count<'a>(agreements: impl IntoIterator<Item = &'a Agreement>) -> usize {
    (agreements.into_iter())
        .filter(|a| a.status < AgreementStatus::Signed)
        .count()
}

/// How many of `agreements` are still drafts (never finalised).
pub fn draft_count<'a>(agreements: impl IntoIterator<Item = &'a Agreement>) -> usize {
    (agreements.into_iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .count()
}

/// The units of `units` in use that none of `agreements` is for: left out of the year unless
/// drafted.
pub fn undrafted<'a>(
    units: &'a [super::Unit],
    agreements: &[Agreement],
) -> impl Iterator<Item = &'a super::Unit> {
    let drafted: std::collections::BTreeSet<i64> =
        agreements.iter().map(|a| a.draft.unit_id).collect();
    (units.iter()).filter(move |u| u.is_active && !drafted.contains(&u.id))
}

/// How many of `agreements` are signed but not archived yet (已签订, the scan of the signed
/// copy still to come).
#[must_use]
pub fn unarchived_count<'a>(agreements: impl IntoIterator<Item = &'a Agreement>) -> usize {
    (agreements.into_iter())
        .filter(|a| a.status == AgreementStatus::Signed)
        .count()
}

/// True when printing `agreement` for the first time (已定稿) in `copies` copies would not match
/// the 一式 N 份 of its text. A 补印 of a printed one is meant to differ: one spoiled copy is
/// printed again on purpose.
#[must_use]
pub fn copies_differ(agreement: &Agreement, copies: usize) -> bool {
    agreement.status == AgreementStatus::Final
        && usize::try_from(agreement.draft.copies).ok() != Some(copies)
}

/// What publishing says of `agreements` signed but not archived, after the line on those not
/// signed (`unsigned`, said first when there are any): "另有 2 份…" then, else "本年度有 2
/// 份…"; `None` when every signed one is archived.
#[must_use]
pub fn unarchived_note(agreements: &[Agreement], unsigned: usize) -> Option<String> {
    let unarchived = unarchived_count(agreements);
    let lead = if unsigned > 0 {
        "另有"
    } else {
        "本年度有"
    };
    (unarchived > 0).then(|| format!("{lead} {unarchived} 份已签订的责任书尚未归档签订件扫描件"))
}

pub use super::agreement_code::{
    code_contains, grouped_code, is_code_prefix, typed_code, typed_number, typed_serial,
    verification_code,
};

/// Who keeps the `copies` of an agreement, as {份数分配} reads: each party one, the rest kept
/// on file by the office of the `level` (市, 县 …) safety committee, e.g. "甲乙双方各执一份，
/// 市安委会办公室存档一份"; two copies are the parties' alone.
#[must_use]
pub fn copy_holders(level: &str, copies: i64) -> String {
    let parties = "甲乙双方各执一份";
    let kept = usize::try_from(copies.saturating_sub(2)).unwrap_or(0);
    if kept == 0 {
        parties.to_owned()
    } else {
        format!(
            "{parties}，{level}安委会办公室存档{}份",
            chinese_count(kept)
        )
    }
}

/// The values placeholders take for one unit's agreement.
#[must_use]
pub fn placeholder_values(
    year: &Year,
    unit: &UnitDraft,
    tailoring: &Tailoring,
    indicators: Option<&IndicatorSet>,
    copies: i64,
) -> BTreeMap<Placeholder, String> {
    // A draft (定稿 needs the category's final indicators, with the items its text names)
    // shows a gap rather than "予以扣分：。".
    let rules = |kind: ItemKind| {
        let listed = indicators
            .map(|set| rule_list(set, kind))
            .unwrap_or_default();
        if listed.is_empty() {
            format!("〔尚未设置{}项目〕", kind.label())
        } else {
            listed
        }
    };
    let targets = tailoring
        .control_targets
        .iter()
        .map(|target| format!("{}{}", target.name, target.limit))
        .collect::<Vec<_>>()
        .join("；");
    // A draft (only a draft: 定稿 refuses it) whose text names targets it has none of shows
    // the gap, rather than "控制指标：。".
    let targets = if targets.is_empty() {
        MISSING_TARGETS.to_owned()
    } else {
        targets
    };
    BTreeMap::from([
        (Placeholder::UnitName, unit.name.clone()),
        (
            Placeholder::UnitShortName,
            unit.display_short_name().to_owned(),
        ),
        (Placeholder::Year, year.year.to_string()),
        (Placeholder::PartyA, year.party_a_name.clone()),
        (
            Placeholder::Level,
            super::year::level_of(&year.party_a_name).to_owned(),
        ),
        (
            Placeholder::PartyATitle,
            year.party_a_signatory_title.clone(),
        ),
        (
            Placeholder::PartyASignatory,
            year.party_a_signatory_name.clone(),
        ),
        (Placeholder::PrincipalTitle, unit.principal_title.clone()),
        (Placeholder::Principal, unit.principal_name.clone()),
        (Placeholder::ControlTargets, targets),
        (
            Placeholder::Copies,
            chinese_count(usize::try_from(copies).unwrap_or(0)),
        ),
        (
            Placeholder::CopyHolders,
            copy_holders(super::year::level_of(&year.party_a_name), copies),
        ),
        (Placeholder::BonusItems, rules(ItemKind::Bonus)),
        (
            Placeholder::BonusCap,
            indicators.map_or_else(
                || MISSING_BONUS_CAP.to_owned(),
                |set| set.bonus_cap.to_string(),
            ),
        ),
        (Placeholder::DeductionItems, rules(ItemKind::Deduction)),
        (Placeholder::VetoItems, rules(ItemKind::Veto)),
        (Placeholder::Grades, grades_in_words(year)),
    ])
}

/// The year's grades as an agreement states them: "优秀、良好、合格、不合格四个等次".
fn grades_in_words(year: &super::Year) -> String {
    let names: Vec<&str> = (year.grade_bands.iter())
        .map(|band| band.name.trim())
        .collect();
    format!(
        "{}{}个等次",
        names.join("、"),
        super::template::chinese_count(names.len())
    )
}

/// What a draft's text shows where control targets go while none is set.
pub const MISSING_TARGETS: &str = "〔控制指标未填写〕";

/// What a draft shows for {加分上限} while its category has no indicators.
pub const MISSING_BONUS_CAP: &str = "〔加分上限未设置〕";

/// Why a draft cannot be deleted (删除草稿), said after "该责任书" or "第 N 号责任书": it was
/// issued once (`was_issued`: its void code is checked against it) or is scored
/// (`is_assessed`: a score, bonus, deduction or veto).
#[must_use]
pub fn draft_deletion_refusal(was_issued: bool, is_assessed: bool) -> Option<&'static str> {
    if was_issued {
        Some(
            "曾经定稿，作废的校验码要凭它核对，不能删除；该单位本年度如不再签订，可在“单位”中将其归档，归档后不参加本年度考核",
        )
    } else if is_assessed {
        Some("已录入考核评分（或加扣分、一票否决），不能删除")
    } else {
        None
    }
}

/// True while an agreement of `status` still awaits signing: not 已签订 yet, and its unit
/// still in use (`is_unit_active`; a unit archived since, merged or abolished, signs nothing
/// more).
#[must_use]
pub fn awaits_signature(status: AgreementStatus, is_unit_active: bool) -> bool {
    status < AgreementStatus::Signed && is_unit_active
}

/// True when an agreement of `status` takes part in its year's assessment (scored, ranked,
/// named in the notice): its unit still in use (`is_unit_active`), or signed before the unit
/// was archived. A unit merged or abolished before it signed is left out; its scores, if any,
/// are kept, and count again should the unit be restored. Once a year's results are
/// published, those left out are the ones left out then (see `Store::left_out`).
#[must_use]
pub fn is_assessed(status: AgreementStatus, is_unit_active: bool) -> bool {
    is_unit_active || status >= AgreementStatus::Signed
}

/// Why an agreement left out of the assessment (see [`is_assessed`]) takes no score: while
/// the year is open, restoring the unit brings it back; once the year's results are
/// published (`published_year`), only publishing them again does.
#[must_use]
pub fn left_out_refusal(unit_name: &str, published_year: Option<i32>) -> String {
    match published_year {
        None => format!(
            "“{unit_name}”已归档，其责任书未签订，不参加本年度考核；如需考核，请先在“单位”中恢复该单位"
        ),
        Some(year) => format!(
            "{year} 年度考核结果通报时，“{unit_name}”已归档、责任书未签订，未参加本年度考核；如需考核，须先把年度阶段改回“考核”（撤回通报），再重新通报"
        ),
    }
}

/// Why nothing can be made of `year`'s assessment (`what`, e.g. 没有可汇总的考核得分) when no
/// agreement takes part in it: none drafted yet (`drafted` false), or all of units archived
/// before they signed (see [`is_assessed`]).
#[must_use]
pub fn no_assessed_note(year: &str, drafted: bool, what: &str) -> String {
    if drafted {
        format!("{year}年度的责任书都属于签订前已归档的单位，不参加考核，{what}")
    } else {
        format!("{year}年度还没有责任书，{what}")
    }
}

/// What is missing or wrong of an agreement's signatories (甲方 `party_a`, 乙方 `party_b`),
/// if anything: a name left out, or a number or date where a person's name belongs (as the
/// unit form refuses it for a principal).
#[must_use]
pub fn signatory_problem(party_a: &str, party_b: &str) -> Option<String> {
    let missing = match (party_a.trim().is_empty(), party_b.trim().is_empty()) {
        (true, true) => Some("请填写甲方和乙方签字人"),
        (true, false) => Some("请填写甲方签字人"),
        (false, true) => Some("请填写乙方签字人"),
        (false, false) => None,
    };
    if let Some(missing) = missing {
        return Some(missing.to_owned());
    }
    [("甲方", party_a), ("乙方", party_b)]
        .into_iter()
        .find(|(_, name)| super::unit::is_number_or_date(name))
        .map(|(party, name)| {
            format!(
                "{party}签字人“{}”不像姓名，像是数字或日期：请填写签字人的姓名",
                name.trim()
            )
        })
}

/// SHA-256 of text or bytes as lowercase hex.
#[must_use]
pub fn content_hash(data: impl AsRef<[u8]>) -> String {
    Sha256::digest(data.as_ref())
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// Said of a unit moved to another category while its agreement is a draft drafted in the old
/// one (unless its year kept its units, and drafts in the category kept).
pub const REDRAFT_IN_NEW_CATEGORY: &str = "；如要按新类别起草，可在“责任书”中删除该草稿（未曾定稿、未录入评分的草稿可以删除），再批量起草";

/// What changing a unit's 负责人 means for its agreement `issued` (定稿 or later): the frozen
/// text and its signature block keep the principal of their day.
#[must_use]
pub fn principal_after_issue(issued: &Agreement) -> String {
    format!(
        "该单位 {} 年度第 {} 号责任书{}，正文和落款中的负责人是定稿时的，不随之改变；尚未定稿的草稿和以后起草的责任书用新的负责人",
        issued.draft.year,
        issued.draft.number,
        issued.status.label()
    )
}

#[cfg(test)]
#[path = "agreement_tests.rs"]
mod tests;
