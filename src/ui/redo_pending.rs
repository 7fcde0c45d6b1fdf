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

/// What an export of `units` (from [`redo_pending`]) says: their PDFs lack the changes. At
/// most three are named.
#[must_use]
pub fn export_note(units: &[String]) -> Option<String> {
    let named: Vec<&str> = units.iter().take(3).map(String::as_str).collect();
    let more = if units.len() > named.len() { "等" } else { "" };
    (!units.is_empty()).then(|| {
        format!(
            "{}{more} {} 份草稿的条款调整因模板修改须重做（列表中标“调整待重做”），导出的文本不含这些调整",
            named.join("、"),
            units.len()
        )
    })
}

/// What a preview of such a draft says above its pages.
pub const PREVIEW_NOTE: &str =
    "本责任书的条款调整因模板修改须重做（见详情），预览的文本不含这些调整";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_names_three_units_and_counts_all() {
        let units: Vec<String> = [
            "青山镇人民政府",
            "杨柳镇人民政府",
            "石桥镇人民政府",
            "河口镇人民政府",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            export_note(&units).unwrap(),
            "青山镇人民政府、杨柳镇人民政府、石桥镇人民政府等 4 份草稿的条款调整因模板修改须重做（列表中标“调整待重做”），导出的文本不含这些调整"
        );
        assert!(
            export_note(&units[..1])
                .unwrap()
                .starts_with("青山镇人民政府 1 份草稿")
        );
        assert_eq!(export_note(&[]), None);
    }
}
