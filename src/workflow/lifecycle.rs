//! The signing lifecycle over many agreements at once: 定稿, 已打印 and 已签订 in bulk, each
//! bulk action one transaction.

use std::collections::{BTreeMap, BTreeSet};

use crate::document::agreement::AgreementInputs;
use crate::document::{AgreementContent, build_agreement};
use crate::model::tailoring::{stale_changes, tailored_sections, tailoring_problems};
use crate::model::template::{Segment, parse};
use crate::model::{
    Agreement, IndicatorSet, ItemKind, Placeholder, Tailoring, Template, TemplateDraft, Unit, Year,
};
use crate::store::{Signing, Store, StoreError};

/// Everything of one year that agreements are built from, loaded once.
pub struct YearBasis {
    /// The year's settings.
    pub year: Year,
    /// Units by id (active and archived).
    pub units: BTreeMap<i64, Unit>,
    /// Template versions by id.
    pub templates: BTreeMap<i64, Template>,
    /// Indicator sets by category id.
    pub sets: BTreeMap<i64, IndicatorSet>,
}

impl YearBasis {
    /// Loads the basis of `year`.
    pub fn load(store: &Store, year: i32) -> Result<Self, StoreError> {
        let Some(settings) = store.year(year)? else {
            return Err(store.missing_year(year));
        };
        Ok(Self {
            year: settings,
            units: store
                .units_in(year)?
                .into_iter()
                .map(|u| (u.id, u))
                .collect(),
            templates: store
                .templates(year)?
                .into_iter()
                .map(|t| (t.id, t))
                .collect(),
            sets: store
                .indicator_sets(year)?
                .into_iter()
                .map(|s| (s.category_id, s))
                .collect(),
        })
    }

    /// The content an agreement has now: built from its template while a draft.
    pub fn build(&self, agreement: &Agreement) -> Result<AgreementContent, StoreError> {
        let unit = self
            .units
            .get(&agreement.draft.unit_id)
            .ok_or_else(|| StoreError::NotFound("该单位".to_owned()))?;
        let template = self
            .templates
            .get(&agreement.draft.template_id)
            .ok_or_else(|| StoreError::NotFound("该模板版本".to_owned()))?;
        let inputs = AgreementInputs {
            template: &template.content,
            year: &self.year,
            unit: &unit.fields,
            tailoring: &agreement.draft.tailoring,
            indicators: self.sets.get(&agreement.draft.category_id),
            number: agreement.draft.number,
            copies: agreement.draft.copies,
        };
        build_agreement(&inputs).map_err(|errors| {
            let text = errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；");
            StoreError::Rejected(format!("“{}”的责任书无法生成：{text}", unit.fields.name))
        })
    }
}

impl YearBasis {
    /// Refuses 定稿 while the agreement's indicators are not final, its text names control
    /// targets it has none of or rule lists its category lacks, or its tailoring no longer
    /// matches its template (the template was edited after the unit was tailored), or has a
    /// character no font prints; gives the text 定稿 freezes, built once for the check.
    pub fn check_issuable(&self, agreement: &Agreement) -> Result<AgreementContent, StoreError> {
        let name = self
            .units
            .get(&agreement.draft.unit_id)
            .map_or("该单位", |u| u.fields.name.as_str());
        if !self
            .sets
            .get(&agreement.draft.category_id)
            .is_some_and(|set| set.is_final)
        {
            return Err(StoreError::Rejected(format!(
                "“{name}”所属类别的考核指标尚未定稿（分值合计须等于满分并标记定稿），责任书不能定稿"
            )));
        }
        if let Some(template) = self.templates.get(&agreement.draft.template_id) {
            // Said first: whatever else is amiss, a text with no clause is not to be signed.
            let sections = tailored_sections(&template.content, &agreement.draft.tailoring);
            if sections.iter().flatten().all(Option::is_none) {
                return Err(StoreError::Rejected(format!(
                    "“{name}”的责任书正文没有任何条款，不能定稿：请在“责任书 → 模板”中增加条款，或在该责任书的“修改条款…”中恢复删去的条款"
                )));
            }
            // What the unit's own text names: the template's, with the unit's clause changes.
            let used = used_placeholders(&template.content, &agreement.draft.tailoring);
            // The text says "控制指标：" and would be signed with nothing after it.
            let needs_targets = used.contains(&Placeholder::ControlTargets);
            if needs_targets && agreement.draft.tailoring.control_targets.is_empty() {
                return Err(StoreError::Rejected(format!(
                    "“{name}”的控制指标还没有填写（模板中用到了{{控制指标}}），请在该责任书中点“修改条款…”填写"
                )));
            }
            // A name or title the text uses would be signed as a blank.
            if let Some(problem) = blank_names(
                name,
                &used,
                &self.year,
                self.units.get(&agreement.draft.unit_id),
            ) {
                return Err(StoreError::Rejected(problem));
            }
            // Likewise a list of rules the category's indicators do not have.
            if let Some(set) = self.sets.get(&agreement.draft.category_id)
                && let Some((token, kind)) = empty_rule_list(&used, set)
            {
                return Err(StoreError::Rejected(format!(
                    "“{name}”所属类别的考核指标中没有{kind}项目，模板中的{token}将是空的：请在“考核指标”中添加，或从模板中删去该占位符"
                )));
            }
            let problems = tailoring_problems(&template.content, &agreement.draft.tailoring);
            if !problems.is_empty() {
                return Err(StoreError::Rejected(format!(
                    "“{name}”的逐单位调整有误，请在该责任书中点“修改条款…”改正：{}",
                    problems.join("；")
                )));
            }
            // Targets written for the unit that its text no longer prints (the clause holding
            // {控制指标} was dropped or rewritten) would be left out of what is signed.
            let has_targets = !agreement.draft.tailoring.control_targets.is_empty();
            if has_targets && !needs_targets {
                // The template dropped it, or the unit's own clause changes did.
                let in_template = prints_targets(&template.content, &Tailoring::default());
                return Err(StoreError::Rejected(if in_template {
                    format!(
                        "“{name}”填写了控制指标，但该单位调整后的正文中没有{{控制指标}}（用到它的条款已删去或改写），控制指标不会印出：请在“修改条款…”中恢复该条款，或清空控制指标"
                    )
                } else {
                    format!(
                        "“{name}”填写了控制指标，但现行模板的正文中已没有{{控制指标}}（模板中用到它的条款已删去或改写），控制指标不会印出：请在“责任书 → 模板”中恢复含{{控制指标}}的条款，或在该责任书的“修改条款…”中清空控制指标"
                    )
                }));
            }
            let stale = stale_changes(&template.content, &agreement.draft.tailoring).len();
            if stale > 0 {
                return Err(StoreError::Rejected(format!(
                    "“{name}”有 {stale} 处逐单位调整在现行模板中找不到原条款，请先在该责任书中点“修改条款…”重新调整（同一条改好保存即替换原调整），或点“放弃此调整”"
                )));
            }
        }
        // Every character of the text as it prints (the indicator table too), in the fonts of
        // the roles it prints in: one no font has would freeze with the text, never to print.
        let content = self.build(agreement)?;
        let fonts = crate::pdf::fonts::FontSet::installed();
        if let Err(crate::pdf::agreement::PdfError::MissingGlyph {
            field, character, ..
        }) = crate::pdf::agreement::check_coverage(fonts, &content)
        {
            return Err(StoreError::Rejected(format!(
                "“{name}”的责任书{field}中有字符“{character}”（U+{:04X}），现有字体都无法显示，定稿后将无法印出：请在模板、考核指标或该责任书的“修改条款…”中改掉它",
                u32::from(character)
            )));
        }
        Ok(content)
    }
}

/// Why an agreement of the unit `name` cannot be issued when a name or title its text uses
/// (`used`) is blank: the text would be signed with a gap where it stands.
fn blank_names(
    name: &str,
    used: &BTreeSet<Placeholder>,
    year: &crate::model::Year,
    unit: Option<&Unit>,
) -> Option<String> {
    let principal = unit.map_or(("", ""), |u| {
        (
            u.fields.principal_title.as_str(),
            u.fields.principal_name.as_str(),
        )
    });
    let blanks: Vec<String> = [
        (
            Placeholder::PartyATitle,
            year.party_a_signatory_title.as_str(),
        ),
        (
            Placeholder::PartyASignatory,
            year.party_a_signatory_name.as_str(),
        ),
        (Placeholder::PrincipalTitle, principal.0),
        (Placeholder::Principal, principal.1),
    ]
    .into_iter()
    .filter(|(placeholder, value)| used.contains(placeholder) && value.trim().is_empty())
    .map(|(placeholder, _)| format!("{{{}}}", placeholder.name()))
    .collect();
    if blanks.is_empty() {
        return None;
    }
    let party_a = blanks.iter().any(|b| b.starts_with("{甲方"));
    let party_b = blanks.iter().any(|b| !b.starts_with("{甲方"));
    let where_filled = match (party_a, party_b) {
        (true, true) => "请先在“设置 → 年度设置”中填写甲方签字人，在“单位”中填写该单位的负责人",
        (true, false) => "请先在“设置 → 年度设置”中填写甲方签字人",
        _ => "请先在“单位”中填写该单位的负责人",
    };
    Some(format!(
        "“{name}”的正文用到了{}，但还没有填写，文本中会留空：{where_filled}",
        blanks.join("、")
    ))
}

/// The first list of rules that a text using `used` prints and `set` has no item of: its
/// placeholder ("{扣分事项}") and the kind of item missing ("扣分").
fn empty_rule_list(used: &BTreeSet<Placeholder>, set: &IndicatorSet) -> Option<(String, String)> {
    let missing: Vec<ItemKind> = [ItemKind::Bonus, ItemKind::Deduction, ItemKind::Veto]
        .into_iter()
        .filter(|kind| used.contains(&kind.placeholder()) && set.items_of(*kind).next().is_none())
        .collect();
    if missing.is_empty() {
        return None;
    }
    // All of them at once: one added at a time would be refused again for the next.
    let tokens: Vec<String> = (missing.iter())
        .map(|kind| format!("{{{}}}", kind.placeholder().name()))
        .collect();
    let kinds: Vec<&str> = missing.iter().map(|kind| kind.label()).collect();
    Some((tokens.join("、"), kinds.join("、")))
}

/// Why `set` should not be marked final yet: its category's current template prints a list of
/// rules the set has no item of, which every agreement drafted from them would show empty (and
/// could not be finalized with). `None` when nothing is missing, or the category has no
/// template yet.
///
/// # Errors
/// The store's, reading the year's templates.
pub fn rule_list_missing(store: &Store, set: &IndicatorSet) -> Result<Option<String>, StoreError> {
    Ok(rule_list_missing_in(&store.templates(set.year)?, set))
}

/// [`rule_list_missing`] with the year's `templates` at hand (the indicator editor says it
/// beside 标记定稿 before it is clicked).
#[must_use]
pub fn rule_list_missing_in(
    templates: &[crate::model::Template],
    set: &IndicatorSet,
) -> Option<String> {
    let current = crate::workflow::drafting::current_templates(templates);
    let template = current.get(&set.category_id)?;
    let used = used_placeholders(&template.content, &Tailoring::default());
    empty_rule_list(&used, set).map(|(token, kind)| {
        format!(
            "不能定稿：本类别的模板用到了{token}，但考核指标中还没有{kind}项目，责任书中该处将是空的：请先添加{kind}项目，或从模板中删去该占位符"
        )
    })
}

/// Whether `template`'s text, with the unit's `tailoring` (its clause changes), prints the
/// unit's control targets ({控制指标}) somewhere.
#[must_use]
pub(crate) fn prints_targets(template: &TemplateDraft, tailoring: &Tailoring) -> bool {
    used_placeholders(template, tailoring).contains(&Placeholder::ControlTargets)
}

/// The placeholders an agreement's text uses: its template's title, preamble and headings, and
/// its clauses as tailored for the unit (a dropped clause's do not count, an added one's do).
pub(crate) fn used_placeholders(
    template: &TemplateDraft,
    tailoring: &Tailoring,
) -> BTreeSet<Placeholder> {
    let fixed = [template.title_pattern.clone(), template.preamble.clone()]
        .into_iter()
        .chain(template.sections.iter().map(|s| s.heading.clone()));
    let clauses = tailored_sections(template, tailoring)
        .into_iter()
        .flatten()
        .flatten();
    fixed
        .chain(clauses)
        .flat_map(|text| {
            parse(&text)
                .map(|segments| {
                    segments
                        .into_iter()
                        .filter_map(|segment| match segment {
                            Segment::Field(placeholder) => Some(placeholder),
                            Segment::Text(_) => None,
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// The content of an agreement: the frozen one once issued, else built from its template.
pub fn content_of(
    store: &Store,
    basis: &YearBasis,
    agreement: &Agreement,
) -> Result<AgreementContent, StoreError> {
    if agreement.status.is_issued()
        && let Some(content) = store.issued_content(agreement.id)?
    {
        return Ok(content);
    }
    basis.build(agreement)
}

/// The units whose drafts in `year` and `category_id` have clause changes that their template
/// no longer has the clause for (after a template edit), by name: they cannot be finalised
/// until adjusted again.
pub fn drafts_with_stale_changes(
    store: &Store,
    year: i32,
    category_id: i64,
) -> Result<Vec<String>, StoreError> {
    let basis = YearBasis::load(store, year)?;
    Ok(store
        .agreements(year)?
        .into_iter()
        .filter(|a| a.status == crate::model::AgreementStatus::Draft)
        .filter(|a| a.draft.category_id == category_id)
        .filter(|a| {
            basis
                .templates
                .get(&a.draft.template_id)
                .is_some_and(|template| {
                    !stale_changes(&template.content, &a.draft.tailoring).is_empty()
                })
        })
        .filter_map(|a| basis.units.get(&a.draft.unit_id))
        .map(|unit| unit.fields.name.clone())
        .collect())
}

fn selected(store: &Store, year: i32, ids: &[i64]) -> Result<Vec<Agreement>, StoreError> {
    let chosen: Vec<Agreement> = store
        .agreements(year)?
        .into_iter()
        .filter(|a| ids.contains(&a.id))
        .collect();
    if chosen.len() != ids.len() {
        return Err(StoreError::NotFound("所选的部分责任书".to_owned()));
    }
    Ok(chosen)
}

/// 定稿 for the selected drafts of `year`: freezes each text and records its SHA-256.
pub fn finalize(store: &mut Store, year: i32, ids: &[i64]) -> Result<usize, StoreError> {
    let basis = YearBasis::load(store, year)?;
    let chosen = selected(store, year, ids)?;
    let mut contents = Vec::with_capacity(chosen.len());
    let mut problems = Vec::new();
    for agreement in &chosen {
        match basis.check_issuable(agreement) {
            Ok(content) => contents.push((agreement.id, content)),
            Err(error) => problems.push(error.to_string()),
        }
    }
    // All or nothing: one agreement that cannot be issued holds back the whole selection, and
    // the message says so.
    if let Some(first) = problems.first() {
        if chosen.len() == 1 {
            return Err(StoreError::Rejected(first.clone()));
        }
        return Err(StoreError::Rejected(format!(
            "{first}（共 {} 份不能定稿）；所选 {} 份均未定稿，请处理后再定稿",
            problems.len(),
            chosen.len()
        )));
    }
    store.write(|w| {
        for (id, content) in &contents {
            w.finalize(*id, content)?;
        }
        Ok(contents.len())
    })
}

/// 已打印 for the selected agreements.
pub fn mark_printed(
    store: &mut Store,
    year: i32,
    ids: &[i64],
    printed_on: chrono::NaiveDate,
) -> Result<usize, StoreError> {
    let chosen = selected(store, year, ids)?;
    store.write(|w| {
        for agreement in &chosen {
            w.mark_printed(agreement.id, printed_on)?;
        }
        Ok(chosen.len())
    })
}

/// Who would sign agreements of `units` in bulk and has no name yet: the 甲方 signatory
/// (`party_a`, the year's unless another signed), or the units' principals (the first three
/// named); `None` when every name is there.
pub fn unnamed_signatories<'a>(
    party_a: &str,
    units: impl Iterator<Item = &'a Unit>,
) -> Option<String> {
    if party_a.trim().is_empty() {
        return Some(
            "甲方签字人姓名尚未填写：请在上面填写，或在“设置 → 年度设置”中填写".to_owned(),
        );
    }
    // Said in the dialog, as the store would refuse it after the dialog had closed.
    if crate::model::unit::is_number_or_date(party_a) {
        return Some(format!(
            "甲方签字人“{}”{}：请填写签字人的姓名",
            party_a.trim(),
            crate::model::unit::NOT_A_NAME
        ));
    }
    let units: Vec<&Unit> = units.collect();
    // A principal stored as a number or date (before those were refused) would be refused as
    // a signatory by the store, for the whole batch: named here, in the dialog.
    if let Some(unit) =
        (units.iter()).find(|u| crate::model::unit::is_number_or_date(&u.fields.principal_name))
    {
        return Some(format!(
            "“{}”的负责人“{}”{}：请先在“单位”中改正，或在详情中逐份标记已签订并写明签字人",
            unit.fields.name,
            unit.fields.principal_name.trim(),
            crate::model::unit::NOT_A_NAME
        ));
    }
    let nameless: Vec<&str> = (units.iter())
        .filter(|u| u.fields.principal_name.trim().is_empty())
        .map(|u| u.fields.name.as_str())
        .collect();
    let named = (nameless.iter().take(3))
        .map(|name| format!("“{name}”"))
        .collect::<Vec<_>>()
        .join("、");
    let what_to_do = "请先在“单位”中填写，或在详情中逐份标记已签订并写明签字人";
    match nameless.len() {
        0 => None,
        1..=3 => Some(format!("{named}的负责人姓名为空：{what_to_do}")),
        count => Some(format!(
            "{named}等 {count} 个单位的负责人姓名为空：{what_to_do}"
        )),
    }
}

/// 已签订 on `signed_on` for the selected agreements: 甲方 signs by the year's signatory, 乙方 by
/// the unit's principal, and every copy is recorded as back.
pub fn mark_signed(
    store: &mut Store,
    year: i32,
    ids: &[i64],
    signed_on: chrono::NaiveDate,
) -> Result<usize, StoreError> {
    let party_a = (store.year(year)?).map(|y| y.party_a_signatory_name);
    mark_signed_by(store, year, ids, signed_on, &party_a.unwrap_or_default())
}

/// As [`mark_signed`], with `party_a` signing for 甲方 (another leader at the signing meeting
/// than the one the year's settings name).
pub fn mark_signed_by(
    store: &mut Store,
    year: i32,
    ids: &[i64],
    signed_on: chrono::NaiveDate,
    party_a: &str,
) -> Result<usize, StoreError> {
    let basis = YearBasis::load(store, year)?;
    let chosen = selected(store, year, ids)?;
    let units = (chosen.iter()).filter_map(|a| basis.units.get(&a.draft.unit_id));
    if let Some(problem) = unnamed_signatories(party_a, units) {
        return Err(StoreError::Rejected(problem));
    }
    let party_a = party_a.trim();
    store.write(|w| {
        for agreement in &chosen {
            let principal = basis
                .units
                .get(&agreement.draft.unit_id)
                .map(|u| u.fields.principal_name.clone())
                .unwrap_or_default();
            let signing = Signing {
                signed_on,
                party_a_signatory: party_a.to_owned(),
                party_b_signatory: principal,
                copies_returned: agreement.draft.copies,
            };
            w.mark_signed(agreement.id, &signing)?;
        }
        Ok(chosen.len())
    })
}
