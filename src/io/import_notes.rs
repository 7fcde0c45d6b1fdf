//! Notes an import's preview adds about rows it writes all the same: a 排序号 another unit
//! has (the two are listed together), a new row that may be an existing unit renamed, and a
//! new name with half-width punctuation.

use super::register_index::{RegisterIndex, Shared};
use super::unit_import::ImportPreview;
use crate::model::{Agreement, Category, Unit};

/// The changed rows that give a unit another 考核类别 while it has one of `agreements` (a
/// year's not published), drafted in the old category: "第 4 行“示例市气象局”改考核类别：…";
/// a draft may be drafted again, unless its year `keeps_units` (and drafts in the category
/// kept), as the unit form says.
pub(super) fn drafted_in_old_category(
    preview: &ImportPreview,
    agreements: &[Agreement],
    categories: &[Category],
    keeps_units: bool,
) -> Vec<String> {
    let name_of = |id: i64| {
        (categories.iter())
            .find(|c| c.id == id)
            .map_or("原类别", |c| c.name.as_str())
    };
    (preview.changes.iter())
        .filter(|change| change.before.category_id != change.after.category_id)
        .filter_map(|change| {
            // Moved back to the category its agreement was drafted in: nothing to say.
            let agreement = (agreements.iter()).find(|a| {
                a.draft.unit_id == change.unit_id && a.draft.category_id != change.after.category_id
            })?;
            let drafted = name_of(agreement.draft.category_id);
            let redraft = if agreement.status == crate::model::AgreementStatus::Draft
                && !keeps_units
            {
                crate::model::agreement::REDRAFT_IN_NEW_CATEGORY
            } else {
                ""
            };
            Some(format!(
                "第 {} 行“{}”改考核类别：该单位 {} 年度第 {} 号责任书（状态：{}）按“{drafted}”起草，本年度仍按“{drafted}”的模板和指标考核、排名；改类别只影响以后起草的责任书{redraft}",
                change.row_number,
                change.after.name,
                agreement.draft.year,
                agreement.draft.number,
                agreement.status.label()
            ))
        })
        .collect()
}

/// The changed rows that give a unit another 负责人 or 负责人职务 while one of `agreements`
/// is issued (定稿 or later), as the unit form says of the same change: "第 4 行“示例市气象局”
/// 改负责人：该单位 2025 年度第 3 号责任书已签订，正文和落款中的负责人是定稿时的…".
pub(super) fn principal_after_issue(
    preview: &ImportPreview,
    agreements: &[Agreement],
) -> Vec<String> {
    (preview.changes.iter())
        .filter(|change| {
            change.before.principal_name.trim() != change.after.principal_name.trim()
                || change.before.principal_title.trim() != change.after.principal_title.trim()
        })
        .filter_map(|change| {
            let issued = (agreements.iter()).find(|a| {
                a.draft.unit_id == change.unit_id
                    && a.status >= crate::model::AgreementStatus::Final
            })?;
            let is_name = change.before.principal_name.trim() != change.after.principal_name.trim();
            let is_title =
                change.before.principal_title.trim() != change.after.principal_title.trim();
            let what = match (is_name, is_title) {
                (true, true) => "负责人及其职务",
                (false, true) => "负责人职务",
                _ => "负责人",
            };
            Some(format!(
                "第 {} 行“{}”改{what}：{}",
                change.row_number,
                change.after.name,
                crate::model::agreement::principal_after_issue(issued)
            ))
        })
        .collect()
}

/// The new rows whose names hold half-width punctuation (typed in an English input mode),
/// which the agreements and the notice print as they are.
pub(super) fn half_width_names(preview: &ImportPreview) -> Vec<String> {
    (preview.additions.iter())
        .filter_map(|row| {
            let note = crate::model::unit_names::name_punctuation_note(&row.draft.name)?;
            Some(format!(
                "第 {} 行“{}”：{note}",
                row.row_number, row.draft.name
            ))
        })
        .collect()
}

/// The rows written whose 简称 is longer than their name, as the unit form points it out: the
/// two columns may be swapped.
pub(super) fn long_short_names(preview: &ImportPreview) -> Vec<String> {
    (preview.additions.iter())
        .map(|a| (a.row_number, &a.draft))
        .chain(preview.changes.iter().map(|c| (c.row_number, &c.after)))
        .filter_map(|(row, draft)| {
            let note = crate::model::unit_names::short_name_note(&draft.name, &draft.short_name)?;
            Some(format!("第 {row} 行“{}”：{note}", draft.name))
        })
        .collect()
}

/// The rows written whose 负责人职务 belongs to another kind of body than their 单位类型 (a
/// 镇长 for a 部门), as the unit form points it out: the title prints in the agreements. A
/// changed row only when the file changes its title or kind.
pub(super) fn mismatched_titles(preview: &ImportPreview) -> Vec<String> {
    let changed = (preview.changes.iter())
        .filter(|c| {
            c.before.principal_title != c.after.principal_title || c.before.kind != c.after.kind
        })
        .map(|c| (c.row_number, &c.after));
    (preview.additions.iter())
        .map(|a| (a.row_number, &a.draft))
        .chain(changed)
        .filter_map(|(row, draft)| {
            let note = draft.kind.title_note(&draft.principal_title)?;
            Some(format!("第 {row} 行“{}”：{note}", draft.name))
        })
        .collect()
}

/// The rows written whose 简称 (or name standing for it) holds characters a file name cannot
/// ("/"), as the unit form points it out: exported files name it with "_" there. A changed row
/// only when the file changes its name or 简称.
pub(super) fn file_name_marks(preview: &ImportPreview) -> Vec<String> {
    let changed = (preview.changes.iter())
        .filter(|c| c.before.short_name != c.after.short_name || c.before.name != c.after.name)
        .map(|c| (c.row_number, &c.after));
    (preview.additions.iter())
        .map(|a| (a.row_number, &a.draft))
        .chain(changed)
        .filter_map(|(row, draft)| {
            let note = crate::model::file_name::file_name_note(&draft.name, &draft.short_name)?;
            Some(format!("第 {row} 行“{}”：{note}", draft.name))
        })
        .collect()
}

/// The rows to be written whose 单位类型 and 考核类别 are on two sides of the towns' category
/// ("第 3 行“示例市气象局”：单位类型为“部门”，考核类别却是…"), or whose name says another
/// town-level kind than their 单位类型 ("南湖街道办事处" a 镇); a changed row only when the file
/// changes either.
pub(super) fn kinds_across_categories(
    preview: &ImportPreview,
    existing: &[Unit],
    categories: &[Category],
) -> Vec<String> {
    let towns = crate::model::category::towns_categories(categories, existing);
    let changed = (preview.changes.iter())
        .filter(|c| c.before.kind != c.after.kind || c.before.category_id != c.after.category_id)
        .map(|c| (c.row_number, &c.after));
    (preview.additions.iter())
        .map(|a| (a.row_number, &a.draft))
        .chain(changed)
        .flat_map(|(row, draft)| {
            let across = crate::model::category::kind_category_note(
                draft.kind,
                draft.category_id,
                (categories, &towns),
                false,
            );
            let unlike_name = draft.kind.name_note(&draft.name);
            (across.into_iter().chain(unlike_name))
                .map(move |note| format!("第 {row} 行“{}”：{note}", draft.name))
        })
        .collect()
}

/// The new rows that share with an active unit of the same side (a town becoming a
/// sub-district, 撤镇设街, stays a town-level unit) its 负责人, or at town level its 联系电话
/// (departments may share a switchboard): perhaps that unit under a new name.
pub(super) fn possible_renames(
    preview: &ImportPreview,
    register: &RegisterIndex<'_>,
) -> Vec<String> {
    (preview.additions.iter())
        .filter_map(|row| {
            let draft = &row.draft;
            let (unit, shared) = register.sharing(
                draft.kind.is_local(),
                &draft.principal_name,
                &draft.contact_phone,
            )?;
            let shared = match shared {
                Shared::Principal => format!("负责人（{}）", draft.principal_name.trim()),
                Shared::Phone => format!("联系电话（{}）", draft.contact_phone.trim()),
            };
            Some(format!(
                "第 {} 行“{}”与在用单位“{}”的{shared}相同：如是该单位改名，请改在“单位”中编辑“{}”（照此导入会另建一个单位）",
                row.row_number, draft.name, unit.fields.name, unit.fields.name
            ))
        })
        .collect()
}

/// The new rows that look like a unit already on the register, with nothing else to tell them
/// apart: an archived unit shown by the same short name (restoring it later would clash, as
/// the 新建单位 form says), or an active unit whose name holds the new name or is held in it
/// ("应急管理局" and "示例市应急管理局", "城关街道办" and "城关街道办事处"), of four characters
/// or more. Rows [`possible_renames`] names already are left to it.
pub(super) fn look_alikes(
    preview: &ImportPreview,
    existing: &[Unit],
    register: &RegisterIndex<'_>,
    noted: &[String],
) -> Vec<String> {
    const SHORTEST: usize = 4;
    (preview.additions.iter())
        .filter(|row| {
            let start = format!("第 {} 行", row.row_number);
            !noted.iter().any(|note| note.starts_with(&start))
        })
        .filter_map(|row| {
            let draft = &row.draft;
            let (name, shown) = (draft.name.as_str(), draft.display_short_name());
            let archived = (existing.iter())
                .filter(|u| !u.is_active && u.fields.name != name)
                .find(|u| {
                    let theirs = u.fields.display_short_name();
                    theirs == shown || theirs == name
                });
            if let Some(unit) = archived {
                // Named by what matched: the row's short name, or its name standing for one.
                let theirs = unit.fields.display_short_name();
                let what = if theirs == name {
                    format!("“{name}”")
                } else {
                    format!("“{name}”的简称“{shown}”")
                };
                return Some(format!(
                    "第 {} 行{what}与已归档单位“{}”的简称“{theirs}”相同：如是同一单位，请在“单位”中恢复该单位，不要导入这一行；如不是，请另取简称，以免以后恢复它时两个单位简称相同",
                    row.row_number, unit.fields.name
                ));
            }
            let unit = register.alike_name(name, SHORTEST)?;
            Some(format!(
                "第 {} 行“{name}”与在用单位“{}”的名称相近：如是同一单位，请在“单位名称”列写“{}”，否则导入会另建一个单位",
                row.row_number, unit.fields.name, unit.fields.name
            ))
        })
        .collect()
}

/// The rows to be written whose 排序号 another active unit has, after the import: the two are
/// listed together, by the order they were entered in.
pub(super) fn shared_sort_orders(
    preview: &ImportPreview,
    existing: &[Unit],
    numbered_in_turn: &std::collections::HashSet<usize>,
) -> Vec<String> {
    // A unit the file leaves at its 排序号 is not pointed at again, nor a row numbered here
    // (after the last: at the largest allowed once a unit holds it, the rows follow in turn).
    let written = (preview.additions.iter())
        .filter(|a| !numbered_in_turn.contains(&a.row_number))
        .map(|a| (a.row_number, None, &a.draft))
        .chain(
            (preview.changes.iter())
                .filter(|c| c.before.sort_order != c.after.sort_order)
                .map(|c| (c.row_number, Some(c.unit_id), &c.after)),
        );
    // A unit whose other fields change keeps its place: it holds its 排序号 as before.
    let moved: Vec<i64> = (preview.changes.iter())
        .filter(|c| c.before.sort_order != c.after.sort_order)
        .map(|c| c.unit_id)
        .collect();
    // Who holds each 排序号 after the import: the units the file leaves where they are, and
    // the rows.
    let mut holders: Vec<(i64, &str, usize)> = (existing.iter())
        .filter(|u| u.is_active && !moved.contains(&u.id))
        .map(|u| (u.fields.sort_order, u.fields.name.as_str(), 0))
        .collect();
    holders.extend(
        written
            .clone()
            .map(|(row, _, d)| (d.sort_order, d.name.as_str(), row)),
    );
    // By number, each in the order entered: a file of thousands is not walked for each row.
    let mut by_order: std::collections::HashMap<i64, Vec<(&str, usize)>> =
        std::collections::HashMap::new();
    for (order, name, at) in holders {
        by_order.entry(order).or_default().push((name, at));
    }
    let mut notes = Vec::new();
    for (row, _, draft) in written {
        let same = by_order
            .get(&draft.sort_order)
            .map_or(&[][..], Vec::as_slice);
        if let Some((other, _)) = (same.iter()).find(|(name, at)| *name != draft.name && *at != row)
        {
            notes.push(format!(
                "第 {row} 行“{}”的排序号 {} 与“{other}”相同：两个单位排在一起，按录入的先后",
                draft.name, draft.sort_order
            ));
        }
    }
    notes
}

/// The new rows named as an active unit was before it was renamed (`ever`: every name each
/// unit has had): "第 2 行“示例市气象局”是在用单位“示例市气象服务中心”的曾用名…". Rows noted
/// as look-alikes already are left to that note (a possible rename is said beside it: the
/// rename was made already).
pub(super) fn former_names(
    preview: &ImportPreview,
    existing: &[Unit],
    ever: &std::collections::HashMap<i64, std::collections::BTreeSet<String>>,
) -> Vec<String> {
    let noted = |row: usize| {
        let start = format!("第 {row} 行");
        (preview.look_alikes.iter()).any(|note| note.starts_with(&start))
    };
    (preview.additions.iter())
        .filter(|row| !noted(row.row_number))
        .filter_map(|row| {
            let name = row.draft.name.trim();
            let unit = (existing.iter())
                .filter(|u| u.is_active && u.fields.name != name)
                .find(|u| {
                    (ever.get(&u.id)).is_some_and(|names| names.iter().any(|n| n.trim() == name))
                })?;
            let now = &unit.fields.name;
            Some(format!(
                "第 {} 行“{name}”是在用单位“{now}”的曾用名：如是同一单位，请在“单位名称”列写“{now}”，否则导入会另建一个单位",
                row.row_number
            ))
        })
        .collect()
}
