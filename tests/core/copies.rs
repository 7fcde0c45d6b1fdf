//! How many copies an agreement is signed in (一式 N 份): one pair of limits in the model,
//! which every way of writing it keeps to: the writer's own insert, 修改份数 and batch drafting.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::model::agreement::{MAX_COPIES, MIN_COPIES};
use zerenshu::model::{AgreementDraft, Tailoring};
use zerenshu::store::StoreError;
use zerenshu::workflow::{drafting, rollover};

use crate::support::demo_store;

fn rejected(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Rejected(message)) => message,
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn the_writer_keeps_an_agreements_copies_within_the_models_limits() {
    assert_eq!((MIN_COPIES, MAX_COPIES), (2, 20));
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units_in(2026).unwrap();
    let templates = store.templates(2026).unwrap();
    let draft_for = |index: usize, copies: i64| {
        let unit = &units[index];
        let template = templates
            .iter()
            .find(|t| t.content.category_id == unit.fields.category_id)
            .unwrap();
        AgreementDraft {
            year: 2026,
            unit_id: unit.id,
            category_id: unit.fields.category_id,
            template_id: template.id,
            number: i64::try_from(index).unwrap() + 1,
            tailoring: Tailoring::default(),
            copies,
        }
    };
    for copies in [0, 1, MAX_COPIES + 1] {
        let message = rejected(store.write(|w| w.insert_agreement(&draft_for(0, copies))));
        assert!(message.contains("份数应在 2 至 20 之间"), "{message}");
    }
    assert!(
        store.agreements(2026).unwrap().is_empty(),
        "nothing written"
    );
    let lowest = store
        .write(|w| w.insert_agreement(&draft_for(0, MIN_COPIES)))
        .unwrap();
    store
        .write(|w| w.insert_agreement(&draft_for(1, MAX_COPIES)))
        .unwrap();

    // 修改份数 and batch drafting say the same.
    let message = rejected(store.write(|w| w.set_copies(lowest, 1)));
    assert!(message.contains("份数应在 2 至 20 之间"), "{message}");
    let message = rejected(drafting::draft_in_copies(
        &mut store,
        2026,
        None,
        1,
        |_, _| {},
    ));
    assert!(message.contains("份数应在 2 至 20 之间"), "{message}");
    assert_eq!(
        zerenshu::pdf::agreement::MAX_COPIES,
        usize::try_from(MAX_COPIES).unwrap(),
        "a print file holds at most as many copies as are signed"
    );
}
