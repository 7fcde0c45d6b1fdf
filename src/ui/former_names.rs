//! The names and short names units had before, which the 单位 search finds them by too: a
//! paper, a sheet or a colleague may still use the old one, and "没有找到" would say the unit is
//! gone.

use std::collections::{BTreeSet, HashMap};

use crate::model::Unit;
use crate::model::collation::folded;

/// Each unit's former names and short names (not its present ones), by id; none for a unit
/// never renamed.
#[derive(Debug, Clone, Default)]
pub struct FormerNames(HashMap<i64, Vec<String>>);

impl FormerNames {
    /// The former names among `ever` (every name each unit has had, see
    /// `Store::unit_names_ever`), given the `units` as they are now.
    #[must_use]
    pub fn of(units: &[Unit], ever: &HashMap<i64, BTreeSet<String>>) -> Self {
        let mut former = HashMap::new();
        for unit in units {
            let Some(names) = ever.get(&unit.id) else {
                continue;
            };
            let now = [&unit.fields.name, &unit.fields.short_name];
            let old: Vec<String> = (names.iter())
                .filter(|name| !name.trim().is_empty() && !now.contains(name))
                .cloned()
                .collect();
            if !old.is_empty() {
                former.insert(unit.id, old);
            }
        }
        Self(former)
    }

    /// The unit (other than `own`) that was once named or short-named `name` (as typed, its
    /// spaces aside), if any.
    #[must_use]
    pub fn formerly_named(&self, name: &str, own: Option<i64>) -> Option<i64> {
        let name = name.trim();
        (!name.is_empty())
            .then(|| {
                (self.0.iter())
                    .filter(|(id, _)| Some(**id) != own)
                    .find(|(_, names)| names.iter().any(|n| n.trim() == name))
                    .map(|(id, _)| *id)
            })
            .flatten()
    }

    /// The former name of the unit `id` that holds `needle` (folded as the search folds it).
    #[must_use]
    pub fn holding(&self, id: i64, needle: &str) -> Option<&str> {
        (self.0.get(&id)?.iter())
            .find(|name| folded(name).contains(needle))
            .map(String::as_str)
    }
}

/// Said above the list when units were found by a former name only (`found`: the unit's name
/// now, and the former name): "按曾用名找到：示例市水利和湖泊局（曾用名“示例市水利局”）".
#[must_use]
pub fn found_note(found: &[(String, String)]) -> Option<String> {
    const NAMED: usize = 3;
    if found.is_empty() {
        return None;
    }
    let named: Vec<String> = (found.iter().take(NAMED))
        .map(|(now, former)| format!("{now}（曾用名“{former}”）"))
        .collect();
    let more = if found.len() > NAMED {
        format!(" 等 {} 个", found.len())
    } else {
        String::new()
    };
    Some(format!("按曾用名找到：{}{more}", named.join("、")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_a_unit_no_longer_has_are_former() {
        let unit = Unit {
            id: 7,
            fields: crate::model::UnitDraft {
                name: "示例市水利和湖泊局".to_owned(),
                short_name: "水利局".to_owned(),
                kind: crate::model::UnitKind::Department,
                category_id: 2,
                principal_title: "局长".to_owned(),
                principal_name: "甄若岚".to_owned(),
                contact_name: String::new(),
                contact_phone: String::new(),
                sort_order: 20,
            },
            is_active: true,
        };
        let ever = HashMap::from([(
            7,
            BTreeSet::from([
                "示例市水利局".to_owned(),
                "示例市水利和湖泊局".to_owned(),
                "水利局".to_owned(),
            ]),
        )]);
        let former = FormerNames::of(&[unit], &ever);
        assert_eq!(former.holding(7, &folded("水利局")), Some("示例市水利局"));
        assert_eq!(former.holding(7, &folded("湖泊")), None);
        assert_eq!(former.holding(8, &folded("水利局")), None);
        assert_eq!(
            found_note(&[("示例市水利和湖泊局".to_owned(), "示例市水利局".to_owned())]).unwrap(),
            "按曾用名找到：示例市水利和湖泊局（曾用名“示例市水利局”）"
        );
        assert!(found_note(&[]).is_none());
    }
}
