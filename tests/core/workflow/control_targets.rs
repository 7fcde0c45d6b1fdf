//! Control targets (控制指标) and 定稿: a draft without them is not finalised while its text
//! names them, nor one whose text no longer prints them or whose target has no limit; a
//! template that prints none drafts without them, and printing them again gives the drafts
//! last year's.

use zerenshu::model::{AgreementStatus, ClauseChange, Tailoring};
use zerenshu::store::Store;
use zerenshu::workflow::{drafting, lifecycle, rollover};

use super::{drafted_2026_after, indicators_final};

use crate::support::demo_store;

#[test]
fn a_draft_without_control_targets_is_not_finalised_when_its_text_names_them() {
    let mut store = demo_store();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    let without = Tailoring {
        control_targets: Vec::new(),
        ..draft.draft.tailoring.clone()
    };
    store
        .write(|w| w.set_tailoring(draft.id, &without))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        error.to_string().contains("的控制指标还没有填写"),
        "{error}"
    );
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
}

#[test]
fn targets_the_text_no_longer_prints_or_without_a_limit_are_not_finalised() {
    let mut store = demo_store();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    // The clause holding {控制指标} dropped: the targets would not be printed.
    let (section, clause, _) = crate::targets_clause::targets_clause(&template.content);
    let mut dropped = draft.draft.tailoring.clone();
    assert!(!dropped.control_targets.is_empty());
    dropped
        .clause_changes
        .push(zerenshu::model::ClauseChange::Drop {
            section,
            clause,
            original: template.content.sections[section].clauses[clause].clone(),
        });
    store
        .write(|w| w.set_tailoring(draft.id, &dropped))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(error.to_string().contains("控制指标不会印出"), "{error}");
    assert!(
        error.to_string().contains("该单位调整后的正文中没有"),
        "the unit's own change: {error}"
    );
    // The template itself dropped it: the refusal says the template did, and where to mend it.
    let mut without = template.content.clone();
    without.sections[section].clauses.remove(clause);
    store
        .write(|w| w.save_template(Some(template.id), &without))
        .unwrap();
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("现行模板的正文中已没有{控制指标}")
            && error.to_string().contains("“责任书 → 模板”"),
        "{error}"
    );
    // Put back in the version the draft follows now.
    let current = store
        .agreement(draft.id)
        .unwrap()
        .unwrap()
        .draft
        .template_id;
    store
        .write(|w| w.save_template(Some(current), &template.content))
        .unwrap();
    // A target without its limit, or a clause changed to nothing, is not even saved.
    let mut no_limit = draft.draft.tailoring.clone();
    no_limit.control_targets[0].limit = " ".into();
    let error = store
        .write(|w| w.set_tailoring(draft.id, &no_limit))
        .unwrap_err();
    assert!(error.to_string().contains("没有填写限值"), "{error}");
    let mut emptied = draft.draft.tailoring.clone();
    emptied
        .clause_changes
        .push(zerenshu::model::ClauseChange::Replace {
            section,
            clause,
            original: template.content.sections[section].clauses[clause].clone(),
            text: "（一）".into(),
        });
    let error = store
        .write(|w| w.set_tailoring(draft.id, &emptied))
        .unwrap_err();
    assert!(error.to_string().contains("改成了空的"), "{error}");
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
}

/// A template that prints no {控制指标}: its units' drafts start without control targets (and
/// without last year's), so that 定稿 goes through without a visit to each agreement.
#[test]
fn drafts_of_a_template_without_control_targets_start_without_them() {
    let (mut store, category_id) = drafted_2026_after(|template| {
        for section in &mut template.sections {
            section
                .clauses
                .retain(|clause| !clause.contains("{控制指标}"));
        }
    });
    let agreements = store.agreements(2026).unwrap();
    let (without, with): (Vec<_>, Vec<_>) = agreements
        .iter()
        .partition(|a| a.draft.category_id == category_id);
    assert!(!without.is_empty() && !with.is_empty());
    assert!(
        without
            .iter()
            .all(|a| a.draft.tailoring.control_targets.is_empty())
    );
    assert!(
        with.iter()
            .all(|a| !a.draft.tailoring.control_targets.is_empty())
    );
    indicators_final(&mut store, 2026, category_id);
    let ids: Vec<i64> = without.iter().map(|a| a.id).collect();
    assert_eq!(
        lifecycle::finalize(&mut store, 2026, &ids).unwrap(),
        ids.len()
    );
}

/// A template saved without {控制指标}: its drafts' targets, printed no more, are cleared in
/// the same transaction (the old ones in the audit log), so that they go through 定稿; a draft
/// whose own clause prints them keeps them, one whose own changes dropped them before is left
/// as it was by an edit elsewhere but cleared with the rest once the template drops them (it
/// could not be finalised otherwise), and the issued ones keep theirs.
#[test]
fn a_template_saved_without_control_targets_clears_its_drafts_targets() {
    let mut store = demo_store();
    let with_targets: Vec<_> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| !a.status.is_issued() && !a.draft.tailoring.control_targets.is_empty())
        .collect();
    let category = with_targets[0].draft.category_id;
    let [plain, own_clause, own_drop, ..] = &with_targets
        .iter()
        .filter(|a| a.draft.category_id == category)
        .cloned()
        .collect::<Vec<_>>()[..]
    else {
        panic!("three drafts of one category with targets");
    };
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == plain.draft.template_id)
        .unwrap();
    let (section, clause, original) = crate::targets_clause::targets_clause(&template.content);
    // One unit prints its targets in a clause of its own; another dropped the template's.
    let mut tailoring = own_clause.draft.tailoring.clone();
    tailoring.clause_changes.push(ClauseChange::Add {
        section,
        heading: String::new(),
        text: "（四）本单位另列控制指标：{控制指标}。".to_owned(),
    });
    store
        .write(|w| w.set_tailoring(own_clause.id, &tailoring))
        .unwrap();
    let mut tailoring = own_drop.draft.tailoring.clone();
    tailoring.clause_changes.push(ClauseChange::Drop {
        section,
        clause,
        original,
    });
    store
        .write(|w| w.set_tailoring(own_drop.id, &tailoring))
        .unwrap();
    let targets = |store: &Store, id: i64| {
        (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.id == id)
            .unwrap()
            .draft
            .tailoring
            .control_targets
    };
    // An edit elsewhere leaves every draft's targets as they are.
    let mut elsewhere = template.content.clone();
    elsewhere.preamble.push_str("特立此书。");
    let report =
        zerenshu::workflow::template_save::save_template(&mut store, Some(template.id), &elsewhere)
            .unwrap();
    assert_eq!((report.targets_cleared, report.targets_filled), (0, 0));
    assert!(!targets(&store, own_drop.id).is_empty());
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.content.category_id == category && t.content == elsewhere)
        .unwrap();
    let issued_before: Vec<_> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| a.status.is_issued() && a.draft.category_id == category)
        .map(|a| (a.id, a.draft.tailoring.control_targets))
        .collect();
    assert!(!issued_before.is_empty());
    let logged = |store: &Store| {
        let name = &plain.draft.tailoring.control_targets[0].name;
        (store.audit_search(&zerenshu::store::AuditFilter::default(), 1000))
            .unwrap()
            .into_iter()
            .filter(|row| {
                row.entry.entity_id == plain.id.to_string()
                    && (row.entry.before_json.as_deref()).is_some_and(|b| b.contains(name.as_str()))
            })
            .count()
    };
    let logged_before = logged(&store);
    let mut without = template.content.clone();
    for section in &mut without.sections {
        section.clauses.retain(|c| !c.contains("{控制指标}"));
    }
    let report =
        zerenshu::workflow::template_save::save_template(&mut store, Some(template.id), &without)
            .unwrap();
    assert!(targets(&store, plain.id).is_empty());
    assert_eq!(
        targets(&store, own_clause.id),
        own_clause.draft.tailoring.control_targets
    );
    assert!(targets(&store, own_drop.id).is_empty());
    assert!(report.targets_cleared >= 2, "{report:?}");
    let issued_after: Vec<_> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| a.status.is_issued() && a.draft.category_id == category)
        .map(|a| (a.id, a.draft.tailoring.control_targets))
        .collect();
    assert_eq!(issued_after, issued_before);
    // The old targets are in the audit log, in an entry of this save.
    assert_eq!(logged(&store), logged_before + 1);
}

#[test]
fn a_template_printing_control_targets_again_gives_its_drafts_last_years() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let category = store.agreements(2025).unwrap()[0].draft.category_id;
    let template = (store.templates(2026).unwrap().into_iter())
        .find(|t| t.content.category_id == category)
        .unwrap();
    // The clause holding {控制指标} dropped: the drafts of 2026 get no targets.
    let mut without = template.content.clone();
    for section in &mut without.sections {
        section.clauses.retain(|c| !c.contains("{控制指标}"));
    }
    assert_ne!(without, template.content);
    let saved =
        zerenshu::workflow::template_save::save_template(&mut store, Some(template.id), &without)
            .unwrap();
    assert_eq!(saved.targets_filled, 0);
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let of_category = |store: &Store, year| {
        (store.agreements(year).unwrap().into_iter())
            .filter(|a| a.draft.category_id == category)
            .map(|a| (a.draft.unit_id, a.draft.tailoring.control_targets))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let drafted = of_category(&store, 2026);
    assert!(drafted.values().all(Vec::is_empty));
    // Put back: each draft gets its unit's targets of 2025 (the usual one where it had none),
    // in the save's one transaction, each change in the audit log.
    let report = zerenshu::workflow::template_save::save_template(
        &mut store,
        Some(template.id),
        &template.content,
    )
    .unwrap();
    assert_eq!(report.targets_filled, drafted.len());
    let last_year = of_category(&store, 2025);
    let refilled = of_category(&store, 2026);
    for (unit, targets) in &refilled {
        match last_year.get(unit).filter(|t| !t.is_empty()) {
            Some(before) => assert_eq!(targets, before),
            None => assert_eq!(targets[0].name, "较大及以上生产安全事故"),
        }
    }
    assert!(
        last_year.values().any(|t| t.len() > 1),
        "the demo has a unit with several targets, carried over whole"
    );
}
