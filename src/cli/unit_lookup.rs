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

/// The unit of `year` (among `year_units`, as the year knew them) a command names: by the
/// name the year knew, else by the name the register has now (renamed since, it is still
/// that year's unit). A unit of the register that is not the year's is said so; a name like
/// none is answered with the names it is like, after `lead` ("找不到单位"), and the command
/// that lists the year's units.
pub fn unit_of_year(
    store: &crate::store::Store,
    year_units: &[Unit],
    name: &str,
    year: i32,
    lead: &str,
) -> anyhow::Result<Unit> {
    let name = name.trim();
    if let Some(unit) = find_unit(year_units, name)? {
        return Ok(unit.clone());
    }
    let register = store.units()?;
    if let Some(now) = find_unit(&register, name)? {
        if let Some(unit) = year_units.iter().find(|u| u.id == now.id) {
            return Ok(unit.clone());
        }
        anyhow::bail!("{}", not_in_year(now, year));
    }
    let listing = super::hinted_command(store, "units", &format!("--year {year}"));
    anyhow::bail!("{}", not_found(year_units, name, lead, &listing))
}

/// Said of `unit`, of the register but not of `year` (added after the year was rolled over,
/// or archived).
fn not_in_year(unit: &Unit, year: i32) -> String {
    let name = &unit.fields.name;
    if unit.is_active {
        format!(
            "“{name}”不在 {year} 年度的单位名册中（单位名册在年度结转后的改动只属于以后的年度）"
        )
    } else {
        format!(
            "“{name}”已归档，{year} 年度不再为它起草责任书或评分（如仍需要，请先在“单位”中显示已归档单位，选中它点“恢复”）"
        )
    }
}

/// The most units a "是不是" suggestion names.
const SUGGESTED: usize = 6;

/// "找不到单位“城关”；是不是：城关街道办事处（城关街道）？": the units whose name or short
/// name holds what was typed are offered (a part of a name finds nothing by itself, as a
/// command acts only on the unit it is sure of); with none, `listing`, the command that lists
/// the year's units (`zerenshu units --db … --year 2025`).
#[must_use]
pub fn not_found(units: &[Unit], name: &str, lead: &str, listing: &str) -> String {
    let name = name.trim();
    let mut like: Vec<&Unit> = (units.iter())
        .filter(|_| !name.is_empty())
        .filter(|u| u.fields.name.contains(name) || u.fields.short_name.contains(name))
        .collect();
    // Else a name or short name one or two characters off (a typo: "城关接道").
    if like.is_empty() && !name.is_empty() {
        let names = (units.iter())
            .flat_map(|u| [u.fields.name.as_str(), u.fields.short_name.as_str()])
            .filter(|n| !n.is_empty());
        if let Some(near) = crate::model::template::nearest_name(name, names) {
            like.extend(
                (units.iter()).filter(|u| u.fields.name == near || u.fields.short_name == near),
            );
        }
    }
    like.sort_by_key(|u| (!u.is_active, u.fields.sort_order, u.id));
    like.dedup_by_key(|u| u.id);
    if like.is_empty() {
        return format!(
            "{lead}“{name}”（请写单位全称或简称；在用单位的名称和简称可用 {listing} 查看）"
        );
    }
    let shown: Vec<String> = (like.iter().take(SUGGESTED))
        .map(|u| {
            let short = u.fields.short_name.trim();
            if short.is_empty() || short == u.fields.name {
                u.fields.name.clone()
            } else {
                format!("{}（{short}）", u.fields.name)
            }
        })
        .collect();
    let more = if like.len() > SUGGESTED {
        format!("等 {} 个", like.len())
    } else {
        String::new()
    };
    format!(
        "{lead}“{name}”；是不是：{}{more}？请写单位全称或简称",
        shown.join("、")
    )
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
        several => {
            // Units of one name (one archived since, another made under its old name) are
            // told apart by their short names and whether they are still in use.
            let first = several.first().map(|u| &u.fields.name);
            let is_one_name = several.iter().all(|u| Some(&u.fields.name) == first);
            let shown = several
                .iter()
                .map(|u| {
                    let archived = if u.is_active { "" } else { "，已归档" };
                    if is_one_name {
                        format!(
                            "{}（简称 {}{archived}）",
                            u.fields.name,
                            u.fields.display_short_name()
                        )
                    } else {
                        u.fields.name.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join("、");
            let hint = if is_one_name {
                "同名的单位请用简称，或用单位名册中现在的名称（改过名的用新名称）"
            } else {
                "请写单位全称"
            };
            anyhow::bail!(
                "{what}“{name}”对应 {} 个单位（{shown}），{hint}",
                several.len()
            )
        }
    }
}

/// Every value of `results`, or one error saying every failure, one per line (a clerk who
/// mistyped two `--unit` names learns of both at once); a hint in brackets that every line
/// ends with is said once, on the last.
pub fn all_or_every_error<T>(
    results: impl Iterator<Item = anyhow::Result<T>>,
) -> anyhow::Result<Vec<T>> {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(error) => errors.push(format!("{error:#}")),
        }
    }
    errors.dedup();
    // The hint begins right after the name's closing quote ("…“甲”（请写…）"), not at the
    // last bracket: a path in it may hold brackets of its own ("D:\安委办（2025）\…").
    let hint = |e: &String| e.find("”（").map(|at| e[at + "”".len()..].to_owned());
    if let Some(shared) = errors.first().and_then(hint)
        && errors.len() > 1
        && shared.ends_with('）')
        && errors.iter().all(|e| hint(e).as_ref() == Some(&shared))
    {
        let last = errors.len() - 1;
        for error in errors.iter_mut().take(last) {
            error.truncate(error.len() - shared.len());
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        anyhow::bail!("{}", errors.join("\n"))
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

    const LISTING: &str = "zerenshu units --year 2025";

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
        // A part of a name finds nothing by itself, and is answered with the names it is in.
        assert!(find_unit(&units, "乙").unwrap().is_none());
        assert_eq!(
            not_found(&units, "乙", "找不到单位", LISTING),
            "找不到单位“乙”；是不是：乙镇人民政府（乙镇）？请写单位全称或简称"
        );
        // A typo of a name is answered with the name.
        assert_eq!(
            not_found(&units, "乙真人民政府", "找不到单位", LISTING),
            "找不到单位“乙真人民政府”；是不是：乙镇人民政府（乙镇）？请写单位全称或简称"
        );
        // With nothing like it, the command that lists the units.
        let none_like = not_found(&units, "丙", "找不到单位", LISTING);
        assert!(none_like.contains(LISTING), "{none_like}");
        // Two units of one name are told apart by their short names.
        let namesakes = [
            unit(5, "示例市公安局", "公安局"),
            unit(6, "示例市公安局", "公安分局"),
        ];
        let error = find_unit(&namesakes, "示例市公安局")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("示例市公安局（简称 公安局）、示例市公安局（简称 公安分局）"),
            "{error}"
        );
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

    #[test]
    fn every_failure_is_said_and_a_shared_hint_once() {
        let results = [
            Err(anyhow::anyhow!("找不到“甲”（请写全称）")),
            Ok(1),
            Err(anyhow::anyhow!("找不到“乙”（请写全称）")),
        ];
        let error = all_or_every_error(results.into_iter()).unwrap_err();
        assert_eq!(error.to_string(), "找不到“甲”\n找不到“乙”（请写全称）");
        let results: [anyhow::Result<i32>; 2] = [
            Err(anyhow::anyhow!("找不到“甲”（请写全称）")),
            Err(anyhow::anyhow!("是不是：乙？")),
        ];
        let error = all_or_every_error(results.into_iter()).unwrap_err();
        assert_eq!(error.to_string(), "找不到“甲”（请写全称）\n是不是：乙？");
        // A path with brackets of its own in the hint.
        let hint = "（可用 units --db \"D:\\安委办（2025）\\a.sqlite3\" 查看）";
        let results: [anyhow::Result<i32>; 2] = [
            Err(anyhow::anyhow!("找不到“甲”{hint}")),
            Err(anyhow::anyhow!("找不到“乙”{hint}")),
        ];
        let error = all_or_every_error(results.into_iter()).unwrap_err();
        assert_eq!(error.to_string(), format!("找不到“甲”\n找不到“乙”{hint}"));
        let values = all_or_every_error([Ok::<_, anyhow::Error>(1), Ok(2)].into_iter()).unwrap();
        assert_eq!(values, [1, 2]);
    }
}
