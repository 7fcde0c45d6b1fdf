//! 考核类别: the office's editable list of assessment categories (镇街, 一类, 二类 …).

/// One assessment category; units in the same category share a template and are ranked together.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Category {
    /// Database id.
    pub id: i64,
    /// Display name, e.g. "镇街" or "一类".
    pub name: String,
    /// Position in lists.
    pub sort_order: i64,
}

/// Longest category name accepted, in characters.
pub const MAX_CATEGORY_NAME_CHARS: usize = 20;

/// Checks a category name typed by a clerk and returns it trimmed.
pub fn validate_category_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("类别名称不能为空".to_owned());
    }
    if name.chars().count() > MAX_CATEGORY_NAME_CHARS {
        return Err(format!("类别名称不能超过 {MAX_CATEGORY_NAME_CHARS} 个字"));
    }
    // "一 类" or "一类" with an invisible character would look like "一类" and be another.
    if name
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || super::unit::is_invisible(c))
    {
        return Err("类别名称中不能有空格、换行或看不见的字符".to_owned());
    }
    Ok(name.to_owned())
}

/// That a category is already named `name`, in Chinese.
#[must_use]
pub fn name_taken(name: &str) -> String {
    format!("已有名为“{name}”的考核类别")
}

/// True when a category's name speaks of towns and sub-districts ("镇街", "乡镇", "街道").
#[must_use]
pub fn is_named_for_towns(name: &str) -> bool {
    name.contains('镇') || name.contains("街道")
}

/// The category the towns and sub-districts are assessed in, which a new 镇, 乡, 街道 or 开发区
/// is put in: the only one whose name speaks of towns ("镇街", "乡镇街道"), so that one unit
/// filed wrongly early on does not turn the advice round; among several such, or where none
/// is named so, the one most of the active units of those kinds are in; with none of them
/// filed yet, the one named 镇街 (as the demo and a blank start name it), else the first whose
/// name speaks of towns.
#[must_use]
pub fn towns_category(categories: &[Category], units: &[super::Unit]) -> Option<i64> {
    let speaking: Vec<&Category> = (categories.iter())
        .filter(|c| is_named_for_towns(&c.name))
        .collect();
    let mut counts: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for unit in units
        .iter()
        .filter(|u| u.is_active && u.fields.kind.is_local())
    {
        *counts.entry(unit.fields.category_id).or_default() += 1;
    }
    // The one named for towns, unless it holds none of them while another holds several
    // (an office that files its towns elsewhere).
    if let [only] = speaking.as_slice() {
        let elsewhere = (counts.iter())
            .filter(|(id, _)| **id != only.id)
            .map(|(_, count)| *count)
            .max()
            .unwrap_or(0);
        if counts.contains_key(&only.id) || elsewhere < 2 {
            return Some(only.id);
        }
    }
    // Among several named for towns, one of them; else wherever the towns are.
    let candidates: Vec<&Category> = if speaking.len() >= 2 {
        speaking.clone()
    } else {
        categories.iter().collect()
    };
    let most_used = (candidates.iter())
        .filter_map(|c| Some((*c, *counts.get(&c.id)?)))
        // The first listed of equals.
        .max_by(|(a, m), (b, n)| m.cmp(n).then(b.sort_order.cmp(&a.sort_order)))
        .map(|(c, _)| c.id);
    most_used
        .or_else(|| categories.iter().find(|c| c.name == "镇街").map(|c| c.id))
        .or_else(|| speaking.first().map(|c| c.id))
}

/// Every category the towns and sub-districts are assessed in, [`towns_category`] first (where
/// a new one goes): an office may rank 乡镇 and 街道 apart, in two categories. Besides it, the
/// others named for towns, and any that holds mostly towns (two or more, more than half of
/// its active units).
#[must_use]
pub fn towns_categories(categories: &[Category], units: &[super::Unit]) -> Vec<i64> {
    let Some(first) = towns_category(categories, units) else {
        return Vec::new();
    };
    let mostly_towns = |id: i64| {
        let members = || (units.iter()).filter(|u| u.is_active && u.fields.category_id == id);
        let local = members().filter(|u| u.fields.kind.is_local()).count();
        local >= 2 && local * 2 > members().count()
    };
    // A name with 镇 in it ("城镇建设类") says nothing of a category holding departments only.
    let departments_only = |id: i64| {
        let mut members = (units.iter()).filter(|u| u.is_active && u.fields.category_id == id);
        let first = members.next();
        first.is_some_and(|u| !u.fields.kind.is_local())
            && members.all(|u| !u.fields.kind.is_local())
    };
    let others = (categories.iter())
        .filter(|c| c.id != first)
        .filter(|c| (is_named_for_towns(&c.name) && !departments_only(c.id)) || mostly_towns(c.id))
        .map(|c| c.id);
    std::iter::once(first).chain(others).collect()
}

/// What a clerk is told when a unit of `kind` is put in `category_id` on the other side of
/// the towns' categories `towns` (see [`towns_categories`]): a 部门 or 企业 among the towns,
/// or a 镇, 乡, 街道 or 开发区 outside them, which ranks it with units of the other kind.
/// Nothing with a single category, where all are ranked together by the office's choice.
/// `is_for_later`: the unit's agreement of the year stays in its old category, so the
/// ranking said is that of the agreements drafted after it.
#[must_use]
pub fn kind_category_note(
    kind: super::UnitKind,
    category_id: i64,
    (categories, towns): (&[Category], &[i64]),
    is_for_later: bool,
) -> Option<String> {
    if towns.is_empty() || categories.len() < 2 || kind.is_local() == towns.contains(&category_id) {
        return None;
    }
    let category = categories.iter().find(|c| c.id == category_id)?;
    // A category named for the kind (开发区 in “开发区”) is the office's own choice.
    if category.name.contains(kind.label()) {
        return None;
    }
    let towns_name: Vec<String> = (towns.iter())
        .filter_map(|id| categories.iter().find(|c| c.id == *id))
        .map(|c| format!("“{}”", c.name))
        .collect();
    let towns_name = towns_name.concat();
    let ranked = if is_for_later {
        "以后起草的责任书将与"
    } else {
        "将与"
    };
    Some(if kind.is_local() {
        let placed = if is_for_later {
            "以后起草的责任书将在"
        } else {
            "将在"
        };
        format!(
            "单位类型为“{}”，考核类别却是“{}”：{placed}“{}”中考核、排名，不在{towns_name}中",
            kind.label(),
            category.name,
            category.name
        )
    } else {
        format!(
            "单位类型为“{}”，考核类别却是镇街所在的“{}”：{ranked}镇、街道一同考核、排名",
            kind.label(),
            category.name
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Unit, UnitDraft, UnitKind};

    fn category(id: i64, name: &str) -> Category {
        Category {
            id,
            name: name.to_owned(),
            sort_order: id,
        }
    }

    fn unit(kind: UnitKind, category_id: i64) -> Unit {
        let mut fields = UnitDraft::empty(category_id);
        fields.kind = kind;
        Unit {
            id: 0,
            fields,
            is_active: true,
        }
    }

    #[test]
    fn the_towns_category_is_where_the_towns_are_whatever_its_name() {
        let categories = [
            category(1, "乡镇街道"),
            category(2, "一类"),
            category(3, "镇街"),
        ];
        let units = [
            unit(UnitKind::Town, 1),
            unit(UnitKind::Subdistrict, 1),
            unit(UnitKind::Department, 2),
            unit(UnitKind::Department, 2),
            unit(UnitKind::Department, 2),
        ];
        assert_eq!(towns_category(&categories, &units), Some(1));
        // No town yet: by its name.
        assert_eq!(towns_category(&categories, &units[2..]), Some(3));
        assert_eq!(towns_category(&categories[..2], &[]), Some(1));
        assert_eq!(towns_category(&categories[1..2], &[]), None);
        // One town filed in 一类 early on does not make 一类 the towns' category.
        let blank = [
            category(1, "镇街"),
            category(2, "一类"),
            category(3, "二类"),
        ];
        assert_eq!(towns_category(&blank, &[unit(UnitKind::Town, 2)]), Some(1));
        // Filed elsewhere on purpose (several towns in 一类, none in 镇街): where they are.
        let several = [unit(UnitKind::Town, 2), unit(UnitKind::Subdistrict, 2)];
        assert_eq!(towns_category(&blank, &several), Some(2));
        // Named otherwise, where the towns are.
        let other = [category(1, "甲组"), category(2, "乙组")];
        let towns = [unit(UnitKind::Town, 2), unit(UnitKind::Subdistrict, 2)];
        assert_eq!(towns_category(&other, &towns), Some(2));
    }

    #[test]
    fn towns_ranked_in_several_categories_are_all_found() {
        let apart = [
            category(1, "乡镇"),
            category(2, "街道"),
            category(3, "一类"),
        ];
        let units = [
            unit(UnitKind::Town, 1),
            unit(UnitKind::Town, 1),
            unit(UnitKind::Town, 1),
            unit(UnitKind::Subdistrict, 2),
            unit(UnitKind::Subdistrict, 2),
            unit(UnitKind::Department, 3),
        ];
        assert_eq!(towns_categories(&apart, &units), [1, 2]);
        // Named otherwise, a group of mostly towns counts; one of departments does not.
        let groups = [
            category(1, "甲组"),
            category(2, "乙组"),
            category(3, "丙组"),
        ];
        let units = [
            unit(UnitKind::Town, 1),
            unit(UnitKind::Town, 1),
            unit(UnitKind::Town, 1),
            unit(UnitKind::Subdistrict, 2),
            unit(UnitKind::DevelopmentZone, 2),
            unit(UnitKind::Department, 2),
            unit(UnitKind::Department, 3),
            unit(UnitKind::Town, 3),
        ];
        assert_eq!(towns_categories(&groups, &units), [1, 2]);
        assert!(towns_categories(&groups[2..], &[]).is_empty());
        // A category of departments only, whatever 镇 its name holds, is not the towns'.
        let renamed = [
            category(1, "镇街"),
            category(2, "一类"),
            category(3, "城镇建设类"),
        ];
        let units = [
            unit(UnitKind::Town, 1),
            unit(UnitKind::Town, 1),
            unit(UnitKind::Department, 2),
            unit(UnitKind::Department, 3),
            unit(UnitKind::Department, 3),
        ];
        assert_eq!(towns_categories(&renamed, &units), [1]);
        // Empty, its name still speaks for it.
        assert_eq!(towns_categories(&renamed, &units[..3]), [1, 3]);
    }

    /// A department among the towns, or a town among the departments, is pointed out; each
    /// on its own side, or a single category, is not.
    #[test]
    fn a_unit_on_the_other_side_of_the_towns_category_is_noted() {
        let categories = [category(1, "镇街"), category(2, "一类")];
        let note = |kind, id| kind_category_note(kind, id, (&categories, &[1]), false);
        assert_eq!(
            note(UnitKind::Department, 1).as_deref(),
            Some("单位类型为“部门”，考核类别却是镇街所在的“镇街”：将与镇、街道一同考核、排名")
        );
        assert_eq!(
            note(UnitKind::Town, 2).as_deref(),
            Some("单位类型为“镇”，考核类别却是“一类”：将在“一类”中考核、排名，不在“镇街”中")
        );
        // A category named for the kind is meant: 开发区 in “开发区”.
        let zones = [
            category(1, "镇街"),
            category(2, "一类"),
            category(3, "开发区"),
        ];
        let zone = kind_category_note(UnitKind::DevelopmentZone, 3, (&zones, &[1]), false);
        assert_eq!(zone, None);
        assert_eq!(note(UnitKind::Town, 1), None);
        assert_eq!(note(UnitKind::Enterprise, 2), None);
        let single = kind_category_note(UnitKind::Department, 1, (&categories[..1], &[1]), false);
        assert_eq!(single, None);
        assert_eq!(
            kind_category_note(UnitKind::Department, 1, (&categories, &[]), false),
            None
        );
        // 乡镇 and 街道 ranked apart: a 街道 in 街道 is at home, a 部门 there is not, and a
        // 镇 among the departments is told of both.
        let apart = [
            category(1, "乡镇"),
            category(2, "街道"),
            category(3, "一类"),
        ];
        let note = |kind, id| kind_category_note(kind, id, (&apart, &[1, 2]), false);
        assert_eq!(note(UnitKind::Subdistrict, 2), None);
        assert_eq!(note(UnitKind::Town, 1), None);
        assert_eq!(
            note(UnitKind::Department, 2).as_deref(),
            Some("单位类型为“部门”，考核类别却是镇街所在的“街道”：将与镇、街道一同考核、排名")
        );
        assert_eq!(
            note(UnitKind::Town, 3).as_deref(),
            Some("单位类型为“镇”，考核类别却是“一类”：将在“一类”中考核、排名，不在“乡镇”“街道”中")
        );
    }

    /// A name that would look like another ("一 类", "一类" with a zero-width space) is
    /// refused; a plain one is kept trimmed.
    #[test]
    fn a_category_name_that_looks_like_another_is_refused() {
        assert_eq!(validate_category_name(" 四类 "), Ok("四类".to_owned()));
        for name in ["一 类", "一\u{200B}类", "一\t类", "一\u{3000}类"] {
            assert!(validate_category_name(name).is_err(), "{name:?}");
        }
    }
}
