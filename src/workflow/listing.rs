//! `zerenshu list`: one line per agreement, so "who has not returned the signed copy" can be
//! answered from a terminal too.

use std::collections::BTreeMap;

use crate::model::agreement::awaits_signature;
use crate::model::{Agreement, AgreementStatus};
use crate::store::{Store, StoreError};

/// What `--status` asks for: one status, 未签订 (every agreement not signed yet: 草稿,
/// 已定稿 and 已打印, the ones still out), or 逾期 (those of them past the planned signing
/// date, as the window marks them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Exactly this status.
    Is(AgreementStatus),
    /// Not signed yet.
    NotSigned,
    /// Signed, archived or not: every copy back.
    SignedOrArchived,
    /// Not signed yet and past the planned signing date (units in use only).
    Overdue,
}

impl StatusFilter {
    /// The word for agreements not signed yet, as typed on the command line.
    pub const NOT_SIGNED: &'static str = "未签订";
    /// The word for agreements past the planned signing date and not signed.
    pub const OVERDUE: &'static str = "逾期";
    /// The word for agreements signed, archived or not, as the window's filter says it.
    pub const SIGNED_OR_ARCHIVED: &'static str = "已签订（含已归档）";

    /// True when an agreement of `status` is listed.
    #[must_use]
    pub fn admits(self, status: AgreementStatus) -> bool {
        match self {
            Self::Is(wanted) => wanted == status,
            Self::SignedOrArchived => status >= AgreementStatus::Signed,
            Self::NotSigned | Self::Overdue => matches!(
                status,
                AgreementStatus::Draft | AgreementStatus::Final | AgreementStatus::Printed
            ),
        }
    }
}

/// The filter for a label or code typed on the command line (草稿, 已签订, signed, 未签订 …).
#[must_use]
pub fn parse_status(text: &str) -> Option<StatusFilter> {
    let text = text.trim();
    // A script's code in any case ("DRAFT").
    let code = text.to_ascii_lowercase();
    if text == StatusFilter::NOT_SIGNED || code == "unsigned" {
        return Some(StatusFilter::NotSigned);
    }
    if text == StatusFilter::OVERDUE || code == "overdue" {
        return Some(StatusFilter::Overdue);
    }
    // Typed with half-width brackets too, or none.
    let bare: String = text.chars().filter(|c| !"（）() ".contains(*c)).collect();
    if bare == "已签订含已归档" || code == "signed-or-archived" {
        return Some(StatusFilter::SignedOrArchived);
    }
    AgreementStatus::ALL
        .into_iter()
        .find(|s| s.label() == text || s.code() == code)
        .map(StatusFilter::Is)
}

/// Lines of the listing: 序号, 单位, 类别, 状态, 定稿日期, 打印日期, 签订日期, 签回/份数, 校验码,
/// 逾期 (marked when, on `today`, the planned signing date is past and it awaits signature)
/// and 单位状态 (在用 or 已归档); tab-separated, the column names first.
pub fn lines(
    store: &Store,
    year: i32,
    status: Option<StatusFilter>,
    today: chrono::NaiveDate,
) -> Result<Vec<String>, StoreError> {
    let Some(settings) = store.year(year)? else {
        return Err(store.missing_year(year));
    };
    let is_past_planned = settings
        .planned_signing_date
        .is_some_and(|planned| today > planned);
    let active = unit_activity(store)?;
    let units: BTreeMap<i64, String> = store
        .units_in(year)?
        .into_iter()
        .map(|u| (u.id, u.fields.name))
        .collect();
    let categories: BTreeMap<i64, String> = store
        .categories()?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let mut lines = vec![
        "序号\t单位\t类别\t状态\t定稿日期\t打印日期\t签订日期\t签回/份数\t校验码\t逾期\t单位状态"
            .to_owned(),
    ];
    for agreement in store.agreements(year)? {
        if status.is_some_and(|s| !s.admits(agreement.status)) {
            continue;
        }
        let is_overdue = is_past_planned && awaits(&active, &agreement);
        if status == Some(StatusFilter::Overdue) && !is_overdue {
            continue;
        }
        let day = |date: Option<chrono::NaiveDate>| {
            date.map_or_else(|| "-".to_owned(), |d| d.format("%Y-%m-%d").to_string())
        };
        let code = agreement.verification_code().unwrap_or("-");
        let unit = units
            .get(&agreement.draft.unit_id)
            .map_or("?", String::as_str);
        // Marked as the window marks it (its agreement is not awaited, see `awaits`), in a
        // column of its own: the unit's column holds its name alone, for scripts to match.
        let unit_state = if is_in_use(&active, &agreement) {
            "在用"
        } else {
            "已归档"
        };
        lines.push(format!(
            "{}\t{unit}\t{}\t{}\t{}\t{}\t{}\t{}/{}\t{}\t{}\t{unit_state}",
            agreement.draft.number,
            categories
                .get(&agreement.draft.category_id)
                .map_or("?", String::as_str),
            agreement.status.label(),
            day(agreement.finalized_on),
            day(agreement.printed_on),
            day(agreement.signed_on),
            agreement.copies_returned,
            agreement.draft.copies,
            code,
            if is_overdue { "逾期" } else { "-" }
        ));
    }
    Ok(lines)
}

/// Past `year`'s planned signing date on `today`: the date, how many agreements that `status`
/// lets through still await signing (see [`awaits_signature`]) and how many unsigned ones
/// belong to archived units (not counted); `None` before it or when none await signing.
pub fn late(
    store: &Store,
    year: i32,
    status: Option<StatusFilter>,
    today: chrono::NaiveDate,
) -> Result<Option<LateYear>, StoreError> {
    let Some(planned) = (store.year(year)?)
        .and_then(|y| y.planned_signing_date)
        .filter(|planned| today > *planned)
    else {
        return Ok(None);
    };
    let active = unit_activity(store)?;
    let agreements = store.agreements(year)?;
    let late = (agreements.iter())
        .filter(|a| status.is_none_or(|s| s.admits(a.status)))
        .filter(|a| awaits(&active, a))
        .count();
    let archived_unsigned = archived_unsigned_in(&active, &agreements, status);
    Ok((late > 0).then_some(LateYear {
        year,
        planned,
        late,
        archived_unsigned,
    }))
}

/// How many of `year`'s agreements listed under `status` are unsigned and of units archived
/// since: listed, yet awaited no more.
pub fn archived_unsigned(
    store: &Store,
    year: i32,
    status: Option<StatusFilter>,
) -> Result<usize, StoreError> {
    let active = unit_activity(store)?;
    Ok(archived_unsigned_in(
        &active,
        &store.agreements(year)?,
        status,
    ))
}

/// How many of `agreements` listed under `status` are unsigned and of units not `active`.
fn archived_unsigned_in(
    active: &BTreeMap<i64, bool>,
    agreements: &[Agreement],
    status: Option<StatusFilter>,
) -> usize {
    (agreements.iter())
        .filter(|a| status.is_none_or(|s| s.admits(a.status)))
        .filter(|a| a.status < AgreementStatus::Signed && !is_in_use(active, a))
        .count()
}

/// Whether each unit is in use (not archived), by id.
fn unit_activity(store: &Store) -> Result<BTreeMap<i64, bool>, StoreError> {
    Ok((store.units()?.into_iter())
        .map(|u| (u.id, u.is_active))
        .collect())
}

/// True when `agreement`'s unit is in use (an unknown unit counts as in use).
fn is_in_use(active: &BTreeMap<i64, bool>, agreement: &Agreement) -> bool {
    active
        .get(&agreement.draft.unit_id)
        .copied()
        .unwrap_or(true)
}

/// True when `agreement` still awaits signature: not signed, and its unit in use (an archived
/// unit signs nothing more). Past the planned date, it is late (逾期).
fn awaits(active: &BTreeMap<i64, bool>, agreement: &Agreement) -> bool {
    awaits_signature(agreement.status, is_in_use(active, agreement))
}

/// "（另有 1 份属于已归档单位，不计入）" after a count of late agreements; empty for none.
#[must_use]
pub fn archived_aside(archived_unsigned: usize) -> String {
    if archived_unsigned == 0 {
        String::new()
    } else {
        format!("（另有 {archived_unsigned} 份属于已归档单位，不计入）")
    }
}

/// A year being signed or scored whose planned signing date has passed with agreements unsigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateYear {
    /// The year.
    pub year: i32,
    /// Its planned signing date.
    pub planned: chrono::NaiveDate,
    /// How many of its agreements still await signing.
    pub late: usize,
    /// How many unsigned ones belong to units archived since (they sign nothing more).
    pub archived_unsigned: usize,
}

/// For every year being signed or scored (签订 or 考核), past its planned signing date on
/// `today`, how many of its agreements still await signing (see [`late`]), oldest year first;
/// years with none are left out.
pub fn late_by_year(store: &Store, today: chrono::NaiveDate) -> Result<Vec<LateYear>, StoreError> {
    let mut found = Vec::new();
    for year in store.years()? {
        // Scoring may start before the last copy comes back: still late at 考核.
        if !matches!(
            year.phase,
            crate::model::Phase::Signing | crate::model::Phase::Assessing
        ) {
            continue;
        }
        if let Some(late) = late(store, year.year, None, today)? {
            found.push(late);
        }
    }
    found.sort_by_key(|late| late.year);
    Ok(found)
}
