//! `zerenshu units`: the units in use, one a line (名称, 简称, 类别; tab-separated), so that the
//! names the other commands take (`--unit`) can be looked up from a terminal; with `--xlsx`
//! also as a workbook in the unit import's columns.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use crate::io::destination::Output;
use crate::model::Unit;
use crate::store::Store;

/// `zerenshu units [--year Y | --xlsx FILE [--force]]`: the register's units in use, or those
/// of `year` as it knew them; `xlsx` with whether a file there may be replaced.
pub fn units(
    store: &Store,
    year: Option<i32>,
    xlsx: Option<(&Path, bool)>,
) -> anyhow::Result<ExitCode> {
    if let Some((path, replace)) = xlsx {
        let list = Output {
            what: "单位名单",
            extension: "xlsx",
            replace,
        };
        super::check_destination("--xlsx", path, store.path(), &list)?;
    }
    let units = match year {
        Some(year) => {
            if store.year(year)?.is_none() {
                return Err(super::year_command::missing_year(store, year));
            }
            store.units_in(year)?
        }
        None => store.units()?,
    };
    let categories: BTreeMap<i64, String> = (store.categories()?.into_iter())
        .map(|c| (c.id, c.name))
        .collect();
    // A unit drafted in the year is in the category of its agreement, the one it is assessed
    // under (moved since, the register says another).
    let drafted_in: BTreeMap<i64, i64> = match year {
        Some(year) => (store.agreements(year)?.into_iter())
            .map(|a| (a.draft.unit_id, a.draft.category_id))
            .collect(),
        None => BTreeMap::new(),
    };
    let active: Vec<&Unit> = units.iter().filter(|u| u.is_active).collect();
    say!("名称\t简称\t类别");
    for unit in &active {
        let category = drafted_in
            .get(&unit.id)
            .copied()
            .unwrap_or(unit.fields.category_id);
        say!("{}", line(unit, category, &categories));
    }
    if active.is_empty() {
        note!("（没有在用单位）");
    }
    if let Some((path, _)) = xlsx {
        let count = crate::io::write_units(store, path)?;
        note!(
            "已写入单位名单（{count} 个单位）：{}；改好后可用“zerenshu import units”导入",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// One unit's line: its name, short name ("-" when it has none) and `category`.
fn line(unit: &Unit, category: i64, categories: &BTreeMap<i64, String>) -> String {
    let short = match unit.fields.short_name.trim() {
        "" => "-",
        short => short,
    };
    let category = categories.get(&category).map_or("-", String::as_str);
    format!("{}\t{short}\t{category}", unit.fields.name)
}
