//! `zerenshu units`: the units in use, one a line (名称, 简称, 类别; tab-separated), so that the
//! names the other commands take (`--unit`) can be looked up from a terminal.

use std::collections::BTreeMap;
use std::process::ExitCode;

use crate::model::Unit;
use crate::store::Store;

/// `zerenshu units [--year Y]`: the register's units in use, or those of `year` as it knew them.
pub fn units(store: &Store, year: Option<i32>) -> anyhow::Result<ExitCode> {
    let units = match year {
        Some(year) => {
            if store.year(year)?.is_none() {
                return Err(store.missing_year(year).into());
            }
            store.units_in(year)?
        }
        None => store.units()?,
    };
    let categories: BTreeMap<i64, String> = (store.categories()?.into_iter())
        .map(|c| (c.id, c.name))
        .collect();
    let active: Vec<&Unit> = units.iter().filter(|u| u.is_active).collect();
    say!("名称\t简称\t类别");
    for unit in &active {
        say!("{}", line(unit, &categories));
    }
    if active.is_empty() {
        note!("（没有在用单位）");
    }
    Ok(ExitCode::SUCCESS)
}

/// One unit's line: its name, short name ("-" when it has none) and category.
fn line(unit: &Unit, categories: &BTreeMap<i64, String>) -> String {
    let short = match unit.fields.short_name.trim() {
        "" => "-",
        short => short,
    };
    let category = categories
        .get(&unit.fields.category_id)
        .map_or("-", String::as_str);
    format!("{}\t{short}\t{category}", unit.fields.name)
}
