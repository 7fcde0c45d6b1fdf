//! Drafts whose clause changes a template edit left behind (调整待重做): their PDFs read as
//! the template, without those changes, which a preview or an export of them says.

use std::collections::HashSet;

use crate::model::Unit;

use super::agreements::YearData;

/// The units of the agreements among `ids` of the year loaded (`data`, its `units`) whose
/// clause changes wait to be redone, in number order.
#[must_use]
pub fn redo_pending(data: &YearData, units: &[Unit], ids: &[i64]) -> Vec<String> {
    let agreements = &data.agreements;
    let stale = crate::model::tailoring::stale_drafts(agreements, &data.templates);
    if stale.is_empty() {
        return Vec::new();
    }
    let asked: HashSet<i64> = ids.iter().copied().collect();
    (agreements.iter())
        .filter(|a| stale.contains(&a.id) && asked.contains(&a.id))
        .map(|a| {
            (units.iter().find(|u| u.id == a.draft.unit_id)).map_or_else(
                || format!("第 {} 号责任书", a.draft.number),
                |u| u.fields.name.clone(),
            )
        })
        .collect()
}

/// What a preview of such a draft says above its pages.
pub const PREVIEW_NOTE: &str =
    "本责任书有条款调整因模板修改须重做（见详情），预览的文本不含须重做的调整，其余调整照常在内";
