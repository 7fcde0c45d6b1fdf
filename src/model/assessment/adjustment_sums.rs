//! What bonus and deduction entries add up to: "the same item counts once, at its highest
//! level", the bonus cap, each rule item's own limit, and deductions counted against the total.

use std::collections::BTreeMap;

use super::{Adjustment, AdjustmentKind};
use crate::model::indicator::RuleItem;
use crate::model::points::Points;

/// Said of a bonus that does not count (another entry for its matter counts higher).
pub const NOT_COUNTED: &str = "不计入：同一事项只计最高一次";

/// The 事项 of one of the bonuses `adjustments` under `item_id` that a `matter` typed is most
/// likely a slip for ("安全社经验" for "安全社区经验"): one or two characters away, and not
/// the same matter (spaces, case and full-width letters aside), which counts once already.
#[must_use]
pub fn similar_matter<'a>(
    matter: &str,
    item_id: Option<i64>,
    adjustments: impl IntoIterator<Item = &'a Adjustment>,
) -> Option<&'a str> {
    let folded = crate::model::collation::folded;
    let typed = folded(matter);
    if typed.is_empty() {
        return None;
    }
    let others: Vec<&Adjustment> = (adjustments.into_iter())
        .filter(|a| a.kind == AdjustmentKind::Bonus && a.item_id == item_id)
        .filter(|a| !a.matter.trim().is_empty())
        .collect();
    if others.iter().any(|a| folded(&a.matter) == typed) {
        return None;
    }
    let near =
        crate::model::template::nearest_name(&typed, others.iter().map(|a| a.matter.trim()))?;
    Some(near)
}

/// Which adjustments count towards the bonus under "the same item counts once, at its highest
/// level", one flag per adjustment in order. The same item is the same rule item and the same
/// 事项: two practices under one rule both count, two awards of one practice count once (the
/// highest; the first of equal ones). Bonuses under no rule item and no 事项 all count (one
/// under a rule must name its 事项, see [`Adjustment::validate`]; one stored before that was
/// asked counts once per rule); deductions never count here.
#[must_use]
pub fn counted_bonuses(adjustments: &[Adjustment]) -> Vec<bool> {
    let mut best_by_matter: BTreeMap<(Option<i64>, String), (usize, Points)> = BTreeMap::new();
    let mut counted = vec![false; adjustments.len()];
    for (index, adjustment) in adjustments.iter().enumerate() {
        if adjustment.kind != AdjustmentKind::Bonus {
            continue;
        }
        // The same matter however spaced, cased or written in full-width letters.
        let matter = crate::model::collation::folded(&adjustment.matter);
        if adjustment.item_id.is_none() && matter.is_empty() {
            if let Some(flag) = counted.get_mut(index) {
                *flag = true;
            }
            continue;
        }
        let best = best_by_matter
            .entry((adjustment.item_id, matter))
            .or_insert((index, adjustment.points));
        if adjustment.points > best.1 {
            *best = (index, adjustment.points);
        }
    }
    for (index, _) in best_by_matter.into_values() {
        if let Some(flag) = counted.get_mut(index) {
            *flag = true;
        }
    }
    counted
}

/// The 事项 entered as bonuses under more than one rule item, each with the items' names in
/// order of entry: under different items they count each (see [`counted_bonuses`]), which is
/// right for different kinds of merit and wrong for two levels of one (an office that keeps
/// 省级推广 and 国家级推广 as items of their own): the clerk is told, and decides.
#[must_use]
pub fn matters_under_several_items(
    adjustments: &[Adjustment],
    items: &[RuleItem],
) -> Vec<(String, Vec<String>)> {
    let mut by_matter: BTreeMap<String, (String, Vec<i64>)> = BTreeMap::new();
    for adjustment in adjustments {
        let (AdjustmentKind::Bonus, Some(item_id)) = (adjustment.kind, adjustment.item_id) else {
            continue;
        };
        let folded = crate::model::collation::folded(&adjustment.matter);
        if folded.is_empty() {
            continue;
        }
        let entry = by_matter
            .entry(folded)
            .or_insert_with(|| (adjustment.matter.trim().to_owned(), Vec::new()));
        if !entry.1.contains(&item_id) {
            entry.1.push(item_id);
        }
    }
    by_matter
        .into_values()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(matter, ids)| {
            let names = ids
                .iter()
                .filter_map(|id| items.iter().find(|item| item.id == *id))
                .map(|item| item.name.trim().to_owned())
                .collect();
            (matter, names)
        })
        .collect()
}

/// The bonuses that count (see [`counted_bonuses`]) added up, each rule item's share limited
/// to its own 累计最多 ([`RuleItem::cap`]), before the year's cap.
#[must_use]
pub fn uncapped_bonus(adjustments: &[Adjustment], items: &[RuleItem]) -> Points {
    let counted = adjustments
        .iter()
        .zip(counted_bonuses(adjustments))
        .filter(|(_, counts)| *counts)
        .map(|(adjustment, _)| adjustment);
    item_limited_sum(counted, items)
}

/// Bonus after "the same item counts once, at its highest level" (see [`counted_bonuses`]),
/// each rule item's own limit, and the year's cap.
#[must_use]
pub fn capped_bonus(adjustments: &[Adjustment], items: &[RuleItem], cap: Points) -> Points {
    uncapped_bonus(adjustments, items).min(cap)
}

/// The deductions added up, each rule item's share limited to its own 累计最多.
#[must_use]
pub fn counted_deduction(adjustments: &[Adjustment], items: &[RuleItem]) -> Points {
    let deductions = adjustments
        .iter()
        .filter(|adjustment| adjustment.kind == AdjustmentKind::Deduction);
    item_limited_sum(deductions, items)
}

/// A rule item whose entries for one unit add up to more than its own limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOverCap<'a> {
    /// The rule.
    pub item: &'a RuleItem,
    /// Its limit.
    pub cap: Points,
    /// What its entries add up to (counted bonuses only).
    pub entered: Points,
}

/// The rule items whose entries go past their own limit, in the set's order.
#[must_use]
pub fn items_over_cap<'a>(
    adjustments: &[Adjustment],
    items: &'a [RuleItem],
) -> Vec<ItemOverCap<'a>> {
    let sums = item_sums(
        adjustments
            .iter()
            .zip(counted_bonuses(adjustments))
            .filter(|(adjustment, counts)| *counts || adjustment.kind == AdjustmentKind::Deduction)
            .map(|(adjustment, _)| adjustment),
    );
    items
        .iter()
        .filter_map(|item| {
            let cap = item.cap?;
            let entered = *sums.get(&Some(item.id))?;
            (entered > cap).then_some(ItemOverCap { item, cap, entered })
        })
        .collect()
}

/// The points of the given entries per rule item (`None` for entries under no item).
fn item_sums<'a>(
    adjustments: impl Iterator<Item = &'a Adjustment>,
) -> BTreeMap<Option<i64>, Points> {
    let mut sums: BTreeMap<Option<i64>, Points> = BTreeMap::new();
    for adjustment in adjustments {
        let sum = sums.entry(adjustment.item_id).or_default();
        *sum = *sum + adjustment.points;
    }
    sums
}

/// The given entries added up, each rule item's share at most its own limit.
fn item_limited_sum<'a>(
    adjustments: impl Iterator<Item = &'a Adjustment>,
    items: &[RuleItem],
) -> Points {
    item_sums(adjustments)
        .into_iter()
        .map(|(item_id, sum)| {
            let cap = item_id
                .and_then(|id| items.iter().find(|item| item.id == id))
                .and_then(|item| item.cap);
            cap.map_or(sum, |cap| sum.min(cap))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bonus(item_id: Option<i64>, matter: &str) -> Adjustment {
        Adjustment {
            id: 1,
            agreement_id: 1,
            item_id,
            kind: AdjustmentKind::Bonus,
            points: Points::whole(2),
            reason: "理由".into(),
            matter: matter.to_owned(),
        }
    }

    #[test]
    fn a_matter_a_slip_away_from_one_entered_under_the_item_is_pointed_out() {
        let entered = [bonus(Some(7), "安全社区经验"), bonus(Some(8), "应急演练")];
        assert_eq!(
            similar_matter("安全社经验", Some(7), &entered),
            Some("安全社区经验")
        );
        // The same matter (however spaced) counts once already; another item's is apart.
        assert_eq!(similar_matter("安全社区 经验", Some(7), &entered), None);
        assert_eq!(similar_matter("应急演", Some(7), &entered), None);
        assert_eq!(similar_matter("", Some(7), &entered), None);
        assert_eq!(similar_matter("防汛抢险表彰", Some(7), &entered), None);
    }
}
