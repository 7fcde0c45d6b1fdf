//! Finding the unit a command names: by its full name first, then by its short name; a name
//! several units share is refused rather than one of them picked.

use crate::model::Unit;

/// The unit among `units` named `name` (`units` may list one unit twice, as a year knew it and
/// as the register has it now): by full name first, then by short name; among several units of
/// that name an active one is taken, and several still are refused, naming them, rather than
/// one of them picked.
pub fn find_unit<'a>(units: &'a [Unit], name: &str) -> anyhow::Result<Option<&'a Unit>> {
    let name = name.trim();
    let by_full: Vec<&Unit> = units.iter().filter(|u| u.fields.name == name).collect();
    let found = if by_full.is_empty() {
        let by_short: Vec<&Unit> = (units.iter())
            .filter(|u| u.fields.short_name == name)
            .collect();
        only_one(by_short, name, "简称")?
    } else {
        only_one(by_full, name, "名称")?
    };
    Ok(found)
}

/// The one unit among `matches` (an active one when archived ones share the name), none, or
/// a refusal naming them.
fn only_one<'a>(
    mut matches: Vec<&'a Unit>,
    name: &str,
    what: &str,
) -> anyhow::Result<Option<&'a Unit>> {
    matches.sort_by_key(|u| u.id);
    matches.dedup_by_key(|u| u.id);
    if matches.len() > 1 && matches.iter().filter(|u| u.is_active).count() == 1 {
        matches.retain(|u| u.is_active);
    }
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        several => anyhow::bail!(
            "{what}“{name}”对应 {} 个单位（{}），请写单位全称",
            several.len(),
            several
                .iter()
                .map(|u| u.fields.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{UnitDraft, UnitKind};

    fn unit(id: i64, name: &str, short_name: &str) -> Unit {
        Unit {
            id,
            fields: UnitDraft {
                name: name.into(),
                short_name: short_name.into(),
                kind: UnitKind::Town,
                category_id: 1,
                principal_title: String::new(),
                principal_name: String::new(),
                contact_name: String::new(),
                contact_phone: String::new(),
                sort_order: id,
            },
            is_active: true,
        }
    }

    #[test]
    fn a_full_name_wins_and_a_shared_short_name_is_refused() {
        let units = [
            unit(1, "甲镇人民政府", "甲镇"),
            unit(2, "甲镇中心", "甲镇"),
            unit(3, "乙镇人民政府", "乙镇"),
            unit(3, "乙镇人民政府", "乙镇"),
        ];
        assert_eq!(find_unit(&units, "甲镇中心").unwrap().unwrap().id, 2);
        assert_eq!(find_unit(&units, " 乙镇 ").unwrap().unwrap().id, 3);
        assert!(find_unit(&units, "丙镇").unwrap().is_none());
        let error = find_unit(&units, "甲镇").unwrap_err().to_string();
        assert_eq!(
            error,
            "简称“甲镇”对应 2 个单位（甲镇人民政府、甲镇中心），请写单位全称"
        );
        // An archived unit of the same full name gives way to the active one.
        let mut archived = unit(4, "乙镇人民政府", "乙镇旧");
        archived.is_active = false;
        let units = [archived, unit(3, "乙镇人民政府", "乙镇")];
        assert_eq!(find_unit(&units, "乙镇人民政府").unwrap().unwrap().id, 3);
    }
}
