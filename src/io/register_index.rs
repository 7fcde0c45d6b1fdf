//! Lookups over the register that an import's notes make for every new row: which active unit
//! shares a 负责人 or a phone number, and whose name holds the new name or is held in it. Built
//! once per preview, so that a file of thousands of rows is not checked against a register of
//! thousands unit by unit (10,000 rows against 20,000 units took seconds that way).

use std::collections::HashMap;

use crate::model::Unit;
use crate::model::phone::digits as phone_digits;

/// The active units of a register, indexed by what the notes look for. Every lookup answers
/// with the first unit in the register's order, as a walk through it would.
pub(super) struct RegisterIndex<'a> {
    units: &'a [Unit],
    /// (is a town-level unit, 负责人) to the first unit so.
    principals: HashMap<(bool, &'a str), usize>,
    /// A town-level unit's phone digits to the first unit so (departments may share a
    /// switchboard: their phones name no one).
    phones: HashMap<String, usize>,
    /// Each active unit's name to the unit.
    names: HashMap<&'a str, usize>,
    /// Each pair of characters to the units whose names hold it, in order.
    pairs: HashMap<[char; 2], Vec<usize>>,
    /// The most characters an active unit's name has: no longer part of a name is looked up.
    longest: usize,
}

/// What a new row shares with a unit on the register.
pub(super) enum Shared {
    /// The same 负责人.
    Principal,
    /// The same phone number.
    Phone,
}

impl<'a> RegisterIndex<'a> {
    /// Indexes the active units of `units`.
    pub(super) fn new(units: &'a [Unit]) -> Self {
        let mut index = Self {
            units,
            principals: HashMap::new(),
            phones: HashMap::new(),
            names: HashMap::new(),
            pairs: HashMap::new(),
            longest: 0,
        };
        for (at, unit) in units.iter().enumerate().filter(|(_, u)| u.is_active) {
            let side = unit.fields.kind.is_local();
            let principal = unit.fields.principal_name.trim();
            index.principals.entry((side, principal)).or_insert(at);
            if side {
                let phone = phone_digits(&unit.fields.contact_phone);
                index.phones.entry(phone).or_insert(at);
            }
            let name = unit.fields.name.as_str();
            index.names.entry(name).or_insert(at);
            let chars: Vec<char> = name.chars().collect();
            index.longest = index.longest.max(chars.len());
            for pair in pairs(&chars) {
                let list = index.pairs.entry(pair).or_default();
                // A name holding a pair twice is listed once.
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
        }
        index
    }

    /// The first active unit on the same side (`is_local`: a 镇, 乡, 街道 or 开发区) whose 负责人
    /// is `principal` or, at town level only, whose phone has the digits of `phone` (7 or
    /// more), and which of the two it shares (the 负责人 when both).
    pub(super) fn sharing(
        &self,
        is_local: bool,
        principal: &str,
        phone: &str,
    ) -> Option<(&'a Unit, Shared)> {
        let principal = principal.trim();
        let by_principal = (!principal.is_empty())
            .then(|| self.principals.get(&(is_local, principal)).copied())
            .flatten();
        // Departments may share a switchboard: a phone is a unit's own only at town level.
        let digits = phone_digits(phone);
        let by_phone = (is_local && digits.len() >= 7)
            .then(|| self.phones.get(&digits).copied())
            .flatten();
        let (at, shared) = match (by_principal, by_phone) {
            (Some(p), Some(q)) if q < p => (q, Shared::Phone),
            (Some(p), _) => (p, Shared::Principal),
            (None, Some(q)) => (q, Shared::Phone),
            (None, None) => return None,
        };
        self.units.get(at).map(|unit| (unit, shared))
    }

    /// The first active unit whose name holds `name` or is held in it, the shorter of the
    /// two being `shortest` characters or more, and the two not the same.
    pub(super) fn alike_name(&self, name: &str, shortest: usize) -> Option<&'a Unit> {
        // Names holding `name` are found by a pair of its characters: one alone has none.
        debug_assert!(shortest >= 2, "{shortest}");
        let chars: Vec<char> = name.chars().collect();
        // Names held in `name`: each of its runs of `shortest` characters or more.
        let held = (0..chars.len())
            .flat_map(|start| (start + shortest..=chars.len()).map(move |end| (start, end)))
            .filter(|&(start, end)| end - start < chars.len() && end - start <= self.longest)
            .filter_map(|(start, end)| {
                let part: String = chars.get(start..end)?.iter().collect();
                self.names.get(part.as_str()).copied()
            })
            .min();
        // Names holding `name`: among those with its least common pair of characters.
        let holding = if chars.len() >= shortest.max(2) {
            let rarest = pairs(&chars)
                .map(|pair| self.pairs.get(&pair).map_or(&[][..], Vec::as_slice))
                .min_by_key(|list| list.len())
                .unwrap_or(&[]);
            rarest.iter().copied().find(|&at| {
                self.units
                    .get(at)
                    .is_some_and(|u| u.fields.name != name && u.fields.name.contains(name))
            })
        } else {
            None
        };
        let at = match (held, holding) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        self.units.get(at)
    }
}

/// Each two characters side by side in `chars`.
fn pairs(chars: &[char]) -> impl Iterator<Item = [char; 2]> + '_ {
    chars
        .windows(2)
        .filter_map(|pair| <[char; 2]>::try_from(pair).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{UnitDraft, UnitKind};

    /// Names, people and phones from a small alphabet, so that many hold one another.
    fn register(count: usize) -> Vec<Unit> {
        let letters = ['甲', '乙', '丙', '丁', '镇', '局'];
        let mut seed = 7_u64;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap() % n
        };
        (0..count)
            .map(|id| {
                let length = 2 + next(6);
                let mut fields = UnitDraft::empty(1);
                fields.name = (0..length).map(|_| letters[next(letters.len())]).collect();
                fields.kind = if next(2) == 0 {
                    UnitKind::Town
                } else {
                    UnitKind::Department
                };
                fields.principal_name = ["", "某甲", "某乙"][next(3)].to_owned();
                fields.contact_phone =
                    ["", "0399-8610000", "03998610001", "123"][next(4)].to_owned();
                Unit {
                    id: i64::try_from(id).unwrap(),
                    fields,
                    is_active: next(5) != 0,
                }
            })
            .collect()
    }

    /// Every lookup answers as a walk through the register in order would.
    #[test]
    fn lookups_answer_as_a_walk_through_the_register() {
        let units = register(400);
        let index = RegisterIndex::new(&units);
        let (mut alike, mut sharing) = (0, 0);
        for probe in register(300).iter().map(|u| &u.fields) {
            let name = probe.name.as_str();
            let walked = (units.iter().filter(|u| u.is_active))
                .find(|u| crate::model::unit_names::names_alike(&u.fields.name, name))
                .map(|u| u.id);
            assert_eq!(index.alike_name(name, 4).map(|u| u.id), walked, "{name}");
            alike += usize::from(walked.is_some());
            let side = probe.kind.is_local();
            let digits = phone_digits(&probe.contact_phone);
            let walked = (units.iter())
                .filter(|u| u.is_active && u.fields.kind.is_local() == side)
                .find_map(|u| {
                    if !probe.principal_name.is_empty()
                        && u.fields.principal_name == probe.principal_name
                    {
                        Some((u.id, true))
                    } else if side
                        && digits.len() >= 7
                        && phone_digits(&u.fields.contact_phone) == digits
                    {
                        Some((u.id, false))
                    } else {
                        None
                    }
                });
            let found = index
                .sharing(side, &probe.principal_name, &probe.contact_phone)
                .map(|(u, shared)| (u.id, matches!(shared, Shared::Principal)));
            assert_eq!(found, walked, "{probe:?}");
            sharing += usize::from(walked.is_some());
        }
        // Both found often enough to be tried: the register is not one of strangers.
        assert!(alike > 30 && sharing > 30, "{alike} {sharing}");
    }
}
