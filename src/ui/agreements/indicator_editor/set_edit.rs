//! The indicator tab's set as typed: its rows and rule items held as text until saved, read
//! back into a set with every problem found said at once.

use crate::model::{Indicator, IndicatorSet, ItemKind, Points, RuleItem};

/// One row as typed (points stay text until saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RowEdit {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) points: String,
    pub(super) criteria: String,
    pub(super) method: String,
}

/// One bonus, deduction or veto item as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ItemEdit {
    pub(super) id: i64,
    pub(super) kind: ItemKind,
    pub(super) name: String,
    pub(super) points: String,
    /// 累计最多 as typed; empty for no limit of its own.
    pub(super) cap: String,
}

/// A category's set as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SetEdit {
    pub(super) set_id: i64,
    pub(super) is_final: bool,
    pub(super) bonus_cap: String,
    pub(super) rows: Vec<RowEdit>,
    pub(super) items: Vec<ItemEdit>,
    /// The row deleted last and where it stood, for 撤销删除 until another is deleted.
    pub(super) removed: Option<(usize, RowEdit)>,
}

impl SetEdit {
    /// The stored `set` as text to edit.
    pub(super) fn new(set: &IndicatorSet) -> Self {
        Self {
            set_id: set.id,
            is_final: set.is_final,
            bonus_cap: set.bonus_cap.to_string(),
            rows: set
                .indicators
                .iter()
                .map(|i| RowEdit {
                    id: i.id,
                    name: i.name.clone(),
                    points: i.points.to_string(),
                    criteria: i.criteria.clone(),
                    method: i.method.clone(),
                })
                .collect(),
            items: set
                .items
                .iter()
                .map(|i| ItemEdit {
                    id: i.id,
                    kind: i.kind,
                    name: i.name.clone(),
                    points: i.points.to_string(),
                    cap: i.cap.map(|cap| cap.to_string()).unwrap_or_default(),
                })
                .collect(),
            removed: None,
        }
    }

    /// The set as edited, or every problem found in it, joined by "；".
    pub(super) fn to_set(&self, base: &IndicatorSet) -> Result<IndicatorSet, String> {
        // Every problem at once, in the order of the fields: one look says all to correct.
        let mut problems: Vec<String> = Vec::new();
        let mut indicators = Vec::with_capacity(self.rows.len());
        for (index, row) in self.rows.iter().enumerate() {
            let number = index + 1;
            let points = match Points::parse(&row.points) {
                Ok(points) if points == Points::ZERO => {
                    problems.push(format!("第 {number} 项指标的分值应大于 0"));
                    points
                }
                Ok(points) => points,
                Err(e) => {
                    problems.push(format!("第 {number} 项指标的分值：{e}"));
                    Points::ZERO
                }
            };
            if row.name.trim().is_empty() {
                problems.push(format!("第 {number} 项指标没有名称"));
            }
            indicators.push(Indicator {
                id: row.id,
                name: row.name.trim().to_owned(),
                points,
                criteria: row.criteria.clone(),
                method: row.method.clone(),
            });
        }
        let mut items = Vec::with_capacity(self.items.len());
        for item in &self.items {
            // Named by the field the clerk sees, 条件; first, as the other messages quote it.
            if item.name.trim().is_empty() {
                problems.push(format!("有一个{}项的条件没有填写", item.kind.label()));
            }
            let points = if item.kind == ItemKind::Veto {
                Points::ZERO
            } else {
                Points::parse(&item.points).unwrap_or_else(|e| {
                    problems.push(format!("“{}”的分值：{e}", item.name.trim()));
                    Points::ZERO
                })
            };
            let cap = match item.cap.trim() {
                "" => None,
                _ if item.kind == ItemKind::Veto => None,
                typed => Points::parse(typed)
                    .map_err(|e| problems.push(format!("“{}”的累计上限：{e}", item.name.trim())))
                    .ok(),
            };
            let rule = RuleItem {
                id: item.id,
                kind: item.kind,
                name: item.name.trim().to_owned(),
                points,
                cap,
            };
            problems.extend(rule.cap_problem());
            items.push(rule);
        }
        let bonus_cap = Points::parse(&self.bonus_cap).unwrap_or_else(|e| {
            problems.push(format!("加分上限：{e}"));
            Points::ZERO
        });
        let set = IndicatorSet {
            bonus_cap,
            indicators,
            items,
            ..base.clone()
        };
        // A bonus above the category's cap would never count in full; two indicators (or two
        // rule items of a kind) of one name could not be told apart in the grid, the forms or
        // the notice. Judged on what reads: a value refused above would only add noise.
        if problems.is_empty() {
            problems.extend(set.bonus_cap_problem());
        }
        problems.extend(set.repeated_names());
        problems.extend(set.repeated_items());
        problems.dedup();
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(problems.join("；"))
        }
    }

    /// The sum of the points typed, or `None` while one does not read.
    pub(super) fn running_sum(&self) -> Option<Points> {
        self.rows
            .iter()
            .map(|row| Points::parse(&row.points).ok())
            .sum()
    }
}
