//! Template versions: a template in use saved anew makes a new version its drafts follow, a
//! unit's clause changes follow their clause into it, and an agreement sent back to 草稿 moves
//! to the newest version.

use zerenshu::model::{AgreementStatus, ClauseChange, Tailoring};
use zerenshu::store::{StoreError, TemplateSaved};
use zerenshu::workflow::lifecycle;

use super::first_draft;

use crate::support::demo_store;

#[test]
fn editing_a_template_in_use_makes_a_new_version_and_drafts_follow() {
    let mut store = demo_store();
    // A published year drafts nothing more: its template is not saved.
    let published = store.templates(2024).unwrap().remove(0);
    let mut edited = published.content.clone();
    edited.preamble.push_str("（修订）");
    let refused = store
        .write(|w| w.save_template(Some(published.id), &edited))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("2024 年度考核结果已通报"), "{refused}");
    let agreements = store.agreements(2025).unwrap();
    let town = &agreements[0];
    let template = store
        .templates(2025)
        .unwrap()
        .into_iter()
        .find(|t| t.id == town.draft.template_id)
        .unwrap();
    // Saved as it is: nothing written, no version made, no draft moved.
    let entries = store.audit_entries(1_000_000).unwrap().len();
    let unchanged = store
        .write(|w| w.save_template(Some(template.id), &template.content))
        .unwrap();
    assert_eq!(unchanged, TemplateSaved::Unchanged(template.clone()));
    assert_eq!(store.audit_entries(1_000_000).unwrap().len(), entries);
    let mut draft = template.content.clone();
    draft.preamble.push_str("（修订）");
    let saved = store
        .write(|w| w.save_template(Some(template.id), &draft))
        .unwrap();
    let TemplateSaved::NewVersion(new, moved) = saved else {
        panic!("expected a new version")
    };
    assert_eq!(new.version, 2);
    // The log keeps the version it came from as its before: the change can be read there.
    let made = (store.audit_entries(1_000_000).unwrap().into_iter())
        .find(|e| e.action == "新增模板版本" && e.entity_id == new.id.to_string())
        .unwrap();
    let before = made.before_json.unwrap();
    assert!(before.contains(&template.content.preamble) && !before.contains("（修订）"));
    let after = store.agreements(2025).unwrap();
    let users = |id| after.iter().filter(move |a| a.draft.template_id == id);
    assert!(
        users(template.id).all(|a| a.status.is_issued()),
        "issued agreements keep version 1"
    );
    assert_eq!(users(new.id).count(), moved);
    assert!(users(new.id).all(|a| a.status == AgreementStatus::Draft));
    let logged = store
        .audit_entries(1000)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "改用新模板版本")
        .count();
    assert_eq!(logged, moved, "each moved draft is in the audit log");
    let mut bad = draft.clone();
    bad.title_pattern = "{单位名}".into();
    assert!(
        store
            .write(|w| w.save_template(Some(new.id), &bad))
            .is_err(),
        "unknown placeholders are refused"
    );
    // A part heading or the title left empty would print a bare "二、" or no title.
    let mut headless = draft.clone();
    headless.sections[1].heading = "  ".into();
    headless.title_pattern = String::new();
    let refused = store
        .write(|w| w.save_template(Some(new.id), &headless))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("【第 2 部分标题】是空的"), "{refused}");
    assert!(refused.contains("【标题】是空的"), "{refused}");
    draft.preamble.push_str("（再修订）");
    let unused = store
        .write(|w| w.save_template(Some(new.id), &draft))
        .unwrap();
    assert!(
        matches!(unused, TemplateSaved::InPlace(_)),
        "a version only drafts use is edited in place"
    );
}

#[test]
fn tailoring_follows_its_clause_into_a_new_template_version_and_a_lost_clause_blocks_finalizing() {
    let mut store = demo_store();
    let (draft, template) = first_draft(&store);
    let second = template.content.sections[1].clauses[1].clone();
    let tailoring = Tailoring {
        clause_changes: vec![ClauseChange::Drop {
            section: 1,
            clause: 1,
            original: second.clone(),
        }],
        ..draft.draft.tailoring.clone()
    };
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();

    // A clause inserted before it: the drop still removes the same clause.
    let mut inserted = template.content.clone();
    inserted.sections[1]
        .clauses
        .insert(0, "（零）新增的第一条。".into());
    store
        .write(|w| w.save_template(Some(template.id), &inserted))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let content = store.issued_content(draft.id).unwrap().unwrap();
    let clauses = &content.sections[1].clauses;
    assert!(clauses.iter().any(|c| c == "（零）新增的第一条。"));
    assert!(!clauses.contains(&second), "still dropped");
    assert_eq!(clauses.len(), inserted.sections[1].clauses.len() - 1);
    store
        .write(|w| w.revert_to_draft(draft.id, "模板再次修订"))
        .unwrap();

    // The clause reworded in the template: the drop no longer finds it and 定稿 is refused.
    let current = store
        .templates(2025)
        .unwrap()
        .into_iter()
        .filter(|t| t.content.category_id == template.content.category_id)
        .max_by_key(|t| t.version)
        .unwrap();
    let mut reworded = current.content.clone();
    for clause in &mut reworded.sections[1].clauses {
        if *clause == second {
            clause.push_str("（修订）");
        }
    }
    let category = template.content.category_id;
    assert!(
        lifecycle::drafts_with_stale_changes(&store, 2025, category)
            .unwrap()
            .is_empty()
    );
    store
        .write(|w| w.save_template(Some(current.id), &reworded))
        .unwrap();
    // Said when the template is saved, naming the unit, not first at 定稿.
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    assert_eq!(
        lifecycle::drafts_with_stale_changes(&store, 2025, category).unwrap(),
        [unit.fields.name]
    );
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        matches!(&error, StoreError::Rejected(m) if m.contains("1 处逐单位调整在现行模板中找不到原条款")),
        "{error}"
    );
    // In a selection with another draft, the message says that none was finalised, and none
    // was.
    let drafts: Vec<i64> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .map(|a| a.id)
        .take(2)
        .collect();
    assert!(drafts.contains(&draft.id));
    let error = lifecycle::finalize(&mut store, 2025, &drafts).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("所选 2 份均未定稿，请处理后再定稿"),
        "{error}"
    );
    assert!(
        (store.agreements(2025).unwrap().iter())
            .filter(|a| drafts.contains(&a.id))
            .all(|a| a.status == AgreementStatus::Draft)
    );
}

#[test]
fn an_agreement_back_to_draft_moves_to_the_newest_template_version() {
    let mut store = demo_store();
    // A printed 镇街 agreement stays on its version when the template is saved anew…
    let printed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == printed.draft.template_id)
        .unwrap();
    let mut draft = template.content.clone();
    draft.sections[0]
        .clauses
        .push("（九）新增的一条。".to_owned());
    let saved = store
        .write(|w| w.save_template(Some(template.id), &draft))
        .unwrap();
    let TemplateSaved::NewVersion(newest, _) = saved else {
        panic!("a version issued agreements use makes a new one: {saved:?}");
    };
    assert_eq!(
        store
            .agreement(printed.id)
            .unwrap()
            .unwrap()
            .draft
            .template_id,
        template.id
    );
    // …and moves to the new one when it goes back to 草稿, the move logged.
    store
        .write(|w| w.revert_to_draft(printed.id, "模板已更新"))
        .unwrap();
    let after = store.agreement(printed.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Draft);
    assert_eq!(after.draft.template_id, newest.id);
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "改用新模板版本");
}
