//! What else stops 定稿: a template naming lists of rules (一票否决, 加分, 扣分) its category's
//! indicators lack, every missing list named at once; a text naming a blank principal; and a
//! text without clauses or with a character no font has.

use rusqlite::Connection;
use zerenshu::model::{AgreementStatus, ClauseChange};
use zerenshu::store::Store;
use zerenshu::workflow::{drafting, lifecycle, rollover};

use super::{demo_file, drafted_2026_after, first_draft, indicators_final};

use crate::support::demo_store;

#[test]
fn a_template_naming_rules_the_category_lacks_is_not_finalised() {
    use zerenshu::model::ItemKind;
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    // 2026's 镇街 set loses its veto conditions, which the 镇街 template lists.
    let towns = store.categories().unwrap()[0].id;
    let mut set = (store.indicator_sets(2026).unwrap().into_iter())
        .find(|s| s.category_id == towns)
        .unwrap();
    set.items.retain(|item| item.kind != ItemKind::Veto);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let town = (store.agreements(2026).unwrap().into_iter())
        .find(|a| a.draft.category_id == towns)
        .unwrap();
    let mut with_targets = town.draft.tailoring.clone();
    with_targets
        .control_targets
        .push(zerenshu::model::ControlTarget {
            name: "死亡人数".into(),
            limit: "1人以内".into(),
        });
    store
        .write(|w| w.set_tailoring(town.id, &with_targets))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2026, &[town.id]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("所属类别的考核指标中没有一票否决项目，模板中的{一票否决事项}将是空的"),
        "{error}"
    );
    // A unit whose agreement drops that clause says nothing empty, and is finalised.
    let template = (store.templates(2026).unwrap().into_iter())
        .find(|t| t.id == town.draft.template_id)
        .unwrap();
    let (section, clause, original) = (template.content.sections.iter().enumerate())
        .find_map(|(s, section)| {
            (section.clauses.iter().enumerate())
                .find(|(_, text)| text.contains("{一票否决事项}"))
                .map(|(c, text)| (s, c, text.clone()))
        })
        .unwrap();
    with_targets.clause_changes.push(ClauseChange::Drop {
        section,
        clause,
        original,
    });
    store
        .write(|w| w.set_tailoring(town.id, &with_targets))
        .unwrap();
    lifecycle::finalize(&mut store, 2026, &[town.id]).unwrap();
}

/// A text that names the unit's principal is not frozen while the principal is blank: it
/// would be signed with a gap where the name stands.
#[test]
fn a_text_naming_a_blank_principal_is_not_issued() {
    let (mut store, category_id) = drafted_2026_after(|template| {
        template.sections[0]
            .clauses
            .push("乙方由{负责人职务}{负责人}代表签订。".to_owned());
    });
    let agreement = store
        .agreements(2026)
        .unwrap()
        .into_iter()
        .find(|a| a.draft.category_id == category_id)
        .unwrap();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    let mut blank = unit.fields.clone();
    blank.principal_name.clear();
    store.write(|w| w.update_unit(unit.id, &blank)).unwrap();
    indicators_final(&mut store, 2026, category_id);
    let message = lifecycle::finalize(&mut store, 2026, &[agreement.id])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("正文用到了{负责人}，但还没有填写"),
        "{message}"
    );
    assert!(
        message.contains("在“单位”中填写该单位的负责人"),
        "{message}"
    );
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    assert_eq!(
        lifecycle::finalize(&mut store, 2026, &[agreement.id]).unwrap(),
        1
    );
}

#[test]
fn every_list_of_rules_a_set_lacks_is_named_at_once() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = store.indicator_sets(2026).unwrap().remove(0);
    set.items.clear();
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    // The demo's template lists the vetoes only; said as the store would say it.
    let missing = lifecycle::rule_list_missing(&store, &set).unwrap().unwrap();
    assert!(
        missing.starts_with(
            "不能定稿：本类别的模板用到了{一票否决事项}，但考核指标中还没有一票否决项目"
        ),
        "{missing}"
    );
    // A template listing all three has all three named in one message.
    let mut templates = store.templates(2026).unwrap();
    for template in &mut templates {
        template.content.preamble.push_str("{加分事项}{扣分事项}");
    }
    let missing = lifecycle::rule_list_missing_in(&templates, &set).unwrap();
    assert!(
        missing.starts_with(
            "不能定稿：本类别的模板用到了{加分事项}、{扣分事项}、{一票否决事项}，但考核指标中还没有加分、扣分、一票否决项目"
        ),
        "{missing}"
    );
}

/// A text that would freeze with nothing to sign, or with a character no font has (from a
/// file written before such characters were refused), is not finalised; a template and a
/// unit's clauses refuse such a character where it is typed.
#[test]
fn a_text_without_clauses_or_with_an_unprintable_character_is_not_finalised() {
    let (_dir, path, mut store) = demo_file();
    let (draft, template) = first_draft(&store);
    // Every clause dropped for the unit: only the preamble and the signatures would be signed.
    let mut bare = draft.draft.tailoring.clone();
    for (s, section) in template.content.sections.iter().enumerate() {
        for (c, clause) in section.clauses.iter().enumerate() {
            bare.clause_changes.push(ClauseChange::Drop {
                section: s,
                clause: c,
                original: clause.clone(),
            });
        }
    }
    // Said first, though the targets no clause prints are amiss too.
    store.write(|w| w.set_tailoring(draft.id, &bare)).unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(error.to_string().contains("正文没有任何条款"), "{error}");
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    // A template with no part at all is not saved.
    let mut empty = template.content.clone();
    empty.sections.clear();
    let error = store
        .write(|w| w.save_template(Some(template.id), &empty))
        .unwrap_err();
    assert!(error.to_string().contains("模板没有正文"), "{error}");
    // Nor one with an emoji in its title, nor a unit's clause with one.
    let mut emoji = template.content.clone();
    emoji.title_pattern.push('🚒');
    let error = store
        .write(|w| w.save_template(Some(template.id), &emoji))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("【标题】中的“🚒”（U+1F692）现有字体都无法显示"),
        "{error}"
    );
    let mut added = draft.draft.tailoring.clone();
    added.clause_changes.push(ClauseChange::Add {
        section: 0,
        heading: template.content.sections[0].heading.clone(),
        text: "做好消防🔥工作。".into(),
    });
    let error = store
        .write(|w| w.set_tailoring(draft.id, &added))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("有现有字体都无法显示的字（U+1F525）"),
        "{error}"
    );
    // Written behind the program's back, it stops 定稿, not first the export after it.
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP TRIGGER templates_in_use_frozen")
        .unwrap();
    conn.execute(
        "UPDATE templates SET title_pattern = title_pattern || '🚒' WHERE id = ?1",
        [template.id],
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("“🚒”（U+1F692），现有字体都无法显示，定稿后将无法印出"),
        "{error}"
    );
    assert_eq!(
        store.agreement(draft.id).unwrap().unwrap().status,
        AgreementStatus::Draft
    );
}
