//! Editing the list of assessment categories beyond adding and renaming: removing one that
//! nothing uses, and moving one up or down the list (the order of every category list, sort
//! and statistics table).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension as _, params};

use super::{Result, Store, StoreError, Writer};

/// The tables whose rows name a category, with what a clerk calls them (measure word first).
const USERS: [(&str, &str); 5] = [
    ("units", "个单位"),
    ("unit_versions", "条往年单位记录"),
    ("templates", "版模板"),
    ("indicator_sets", "套考核指标"),
    ("agreements", "份责任书"),
];

/// What uses each category in use, in words ("3 个单位、2 版模板"), by category id; a category
/// nothing uses is absent.
fn uses_of_categories(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut uses: HashMap<i64, Vec<String>> = HashMap::new();
    for (table, label) in USERS {
        let mut statement = conn.prepare(&format!(
            "SELECT category_id, count(*) FROM {table} GROUP BY category_id"
        ))?;
        let counts = statement.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in counts {
            let (id, count) = row?;
            if count > 0 {
                uses.entry(id).or_default().push(format!("{count} {label}"));
            }
        }
    }
    Ok(uses
        .into_iter()
        .map(|(id, parts)| (id, parts.join("、")))
        .collect())
}

impl Store {
    /// What uses each category in use, in words ("3 个单位、2 版模板"), by category id: such a
    /// category cannot be deleted (see [`Writer::delete_category`]).
    pub fn category_uses(&self) -> Result<HashMap<i64, String>> {
        uses_of_categories(&self.conn)
    }
}

impl Writer<'_> {
    /// Removes a category that no unit, template, indicator set or agreement (of any year)
    /// names; a category in use is refused with what still uses it.
    pub fn delete_category(&mut self, id: i64) -> Result<()> {
        let name = self.category_name(id)?;
        if let Some(uses) = uses_of_categories(&self.tx)?.remove(&id) {
            return Err(StoreError::Rejected(format!(
                "考核类别“{name}”仍在使用（{uses}），不能删除；可以改名（往年的模板、指标和责任书也用它）"
            )));
        }
        self.tx
            .execute("DELETE FROM categories WHERE id = ?1", [id])?;
        self.audit(
            "删除考核类别",
            "category",
            &id.to_string(),
            Some(&name),
            None::<&()>,
        )
    }

    /// Moves a category one place up (`up`) or down the list; at either end nothing changes.
    pub fn move_category(&mut self, id: i64, up: bool) -> Result<()> {
        let name = self.category_name(id)?;
        let mut statement = self
            .tx
            .prepare("SELECT id FROM categories ORDER BY sort_order, id")?;
        let mut order: Vec<i64> = statement
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(statement);
        let Some(place) = order.iter().position(|&c| c == id) else {
            return Ok(());
        };
        let other = if up {
            place.checked_sub(1)
        } else {
            Some(place + 1).filter(|&p| p < order.len())
        };
        let Some(other) = other else {
            return Ok(());
        };
        order.swap(place, other);
        // Renumbered 1, 2, 3 … so that equal or missing orders from older files sort out too.
        for (position, category) in (1_i64..).zip(&order) {
            self.tx.execute(
                "UPDATE categories SET sort_order = ?1 WHERE id = ?2",
                params![position, category],
            )?;
        }
        let direction = if up { "上移" } else { "下移" };
        self.audit(
            "调整考核类别顺序",
            "category",
            &id.to_string(),
            None::<&()>,
            Some(&format!("{name}{direction}")),
        )
    }

    fn category_name(&self, id: i64) -> Result<String> {
        self.tx
            .query_row("SELECT name FROM categories WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound("该考核类别".to_owned()))
    }
}
