//! Signing dates and signing information over a real store: a date before the agreement's
//! 定稿 or printing, or after today, is refused one by one and in bulk with the dates named;
//! what was recorded at 签订 is corrected with a reason the audit log keeps beside the values
//! before and after.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use zerenshu::model::agreement::signing_date_note;
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::store::{AuditFilter, Signing, Store, StoreError};
use zerenshu::workflow::lifecycle;

use crate::support::demo_store;

fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, month, day).unwrap()
}

/// The demo with its clock on 20 March 2025, the signing round of its 2025 agreements.
fn demo() -> Store {
    let mut store = demo_store();
    store.set_clock(day(3, 20).and_hms_opt(16, 0, 0).unwrap());
    store
}

fn in_status(store: &Store, status: AgreementStatus) -> Vec<Agreement> {
    store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .filter(|a| a.status == status)
        .collect()
}

fn refusal<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Rejected(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_signing_date_after_today_is_refused_and_one_before_final_text_is_a_catch_up() {
    let mut store = demo();
    let printed = in_status(&store, AgreementStatus::Printed).remove(0);
    let finalized_on = printed.finalized_on.unwrap();
    let signing = |signed_on| Signing {
        signed_on,
        party_a_signatory: "许喆然".into(),
        party_b_signatory: "齐堃".into(),
        copies_returned: 1,
    };
    let message = refusal(store.write(|w| w.mark_signed(printed.id, &signing(day(3, 21)))));
    assert!(message.contains("2025年3月21日"), "{message}");
    assert!(message.contains("晚于今天（2025年3月20日）"), "{message}");
    let unchanged = store.agreement(printed.id).unwrap().unwrap();
    assert_eq!(unchanged.status, AgreementStatus::Printed);

    // Signed on paper before the text was finalised here: recorded, with a note to say so.
    let early = finalized_on.pred_opt().unwrap();
    store
        .write(|w| w.mark_signed(printed.id, &signing(early)))
        .unwrap();
    let signed = store.agreement(printed.id).unwrap().unwrap();
    assert_eq!(signed.signed_on, Some(early));
    let note = signing_date_note(&signed, early).unwrap();
    assert!(note.contains("已按补录登记"), "{note}");
    // The log names it so, as the note says.
    let logged = store.audit_entries(10_000).unwrap();
    assert!(
        logged
            .iter()
            .any(|e| e.action == "标记已签订（补录）" && e.entity_id == printed.id.to_string()),
        "the catch-up is logged as one"
    );
    // Looked for as a signing, it is found among them.
    let found = store
        .audit_search(
            &zerenshu::store::AuditFilter {
                action: Some("标记已签订".to_owned()),
                ..zerenshu::store::AuditFilter::default()
            },
            10_000,
        )
        .unwrap();
    assert!(
        found.iter().any(|r| r.entry.action == "标记已签订（补录）"),
        "the filter on 标记已签订 finds the catch-up"
    );
    assert_eq!(
        signing_date_note(&signed, printed.printed_on.unwrap()),
        None
    );
}

#[test]
fn bulk_signing_refuses_the_whole_batch_for_an_unprinted_agreement_or_a_future_date() {
    let mut store = demo();
    let earlier = in_status(&store, AgreementStatus::Printed).remove(0);
    let late = in_status(&store, AgreementStatus::Final).remove(0);
    // A final agreement is not printed yet: the batch is refused, naming it.
    let message = refusal(lifecycle::mark_signed(
        &mut store,
        2025,
        &[earlier.id, late.id],
        day(3, 20),
    ));
    assert!(
        message.contains(&format!(
            "2025 年度第 {} 号责任书当前为“已定稿”",
            late.draft.number
        )) && message.contains("须先标记已打印"),
        "{message}"
    );
    // Printed on 10 March, after the other one.
    store.set_clock(day(3, 10).and_hms_opt(9, 30, 0).unwrap());
    lifecycle::mark_printed(&mut store, 2025, &[late.id], day(3, 10)).unwrap();
    store.set_clock(day(3, 20).and_hms_opt(9, 30, 0).unwrap());
    let latest = store.agreement(late.id).unwrap().unwrap();
    let printed_on = latest.printed_on.unwrap();
    assert!(earlier.printed_on < latest.printed_on);
    let ids = [earlier.id, latest.id];
    let message = refusal(lifecycle::mark_signed(&mut store, 2025, &ids, day(3, 25)));
    assert!(message.contains("晚于今天（2025年3月20日）"), "{message}");
    for id in ids {
        let agreement = store.agreement(id).unwrap().unwrap();
        assert!(
            agreement.signed_on.is_none(),
            "nothing in the batch was signed"
        );
    }
    // A day before the later one's printing: a catch-up, signed with the rest.
    let too_early = printed_on.pred_opt().unwrap();
    assert_eq!(
        lifecycle::mark_signed(&mut store, 2025, &ids, too_early).unwrap(),
        2
    );
}

#[test]
fn signing_information_is_corrected_with_a_reason_the_log_keeps() {
    let mut store = demo();
    let signed = in_status(&store, AgreementStatus::Signed).remove(0);
    let archived = in_status(&store, AgreementStatus::Archived).remove(0);
    let printed = in_status(&store, AgreementStatus::Printed).remove(0);
    let corrected = Signing {
        signed_on: signed.signed_on.unwrap().succ_opt().unwrap(),
        party_a_signatory: signed.party_a_signatory.clone(),
        party_b_signatory: "庞昇平（代）".into(),
        copies_returned: signed.draft.copies - 1,
    };

    let message = refusal(store.write(|w| w.correct_signing(signed.id, &corrected, "  ")));
    assert_eq!(message, "修改签订信息必须写明理由");
    let message = refusal(store.write(|w| w.correct_signing(printed.id, &corrected, "录错")));
    assert!(message.contains("不能修改签订信息"), "{message}");
    let too_late = Signing {
        signed_on: day(3, 21),
        ..corrected.clone()
    };
    let message = refusal(store.write(|w| w.correct_signing(signed.id, &too_late, "录错")));
    assert!(message.contains("晚于今天"), "{message}");
    let same = Signing {
        signed_on: signed.signed_on.unwrap(),
        party_a_signatory: signed.party_a_signatory.clone(),
        party_b_signatory: signed.party_b_signatory.clone(),
        copies_returned: signed.copies_returned,
    };
    let message = refusal(store.write(|w| w.correct_signing(signed.id, &same, "录错")));
    assert_eq!(message, "签订信息没有变化，无需修改");
    assert_eq!(store.agreement(signed.id).unwrap().unwrap(), signed);

    store
        .write(|w| w.correct_signing(signed.id, &corrected, "签订日期录错一天，乙方由副职代签"))
        .unwrap();
    let after = store.agreement(signed.id).unwrap().unwrap();
    assert_eq!(
        (
            after.status,
            after.signed_on,
            after.party_b_signatory.as_str(),
            after.copies_returned
        ),
        (
            AgreementStatus::Signed,
            Some(corrected.signed_on),
            "庞昇平（代）",
            corrected.copies_returned
        )
    );
    assert_eq!(
        after.content_hash, signed.content_hash,
        "the text stays as it was"
    );
    // Found as the log view finds it, by unit and action (the clock is set back to the
    // demo's March, so the entry is not the newest by time).
    let filter = AuditFilter {
        unit_id: Some(signed.draft.unit_id),
        action: Some("修改签订信息".to_owned()),
        ..AuditFilter::default()
    };
    let entry = store.audit_search(&filter, 10).unwrap().remove(0).entry;
    assert_eq!(entry.entity_id, signed.id.to_string());
    let before_json = entry.before_json.unwrap();
    let after_json = entry.after_json.unwrap();
    assert!(
        before_json.contains(&signed.party_b_signatory),
        "{before_json}"
    );
    assert!(after_json.contains("庞昇平（代）"), "{after_json}");
    assert!(
        after_json.contains(&corrected.signed_on.to_string()),
        "{after_json}"
    );
    assert!(
        after_json.contains("签订日期录错一天，乙方由副职代签"),
        "{after_json}"
    );

    // Copies that come back after the scan was filed are recorded too.
    let back = Signing {
        signed_on: archived.signed_on.unwrap(),
        party_a_signatory: archived.party_a_signatory.clone(),
        party_b_signatory: archived.party_b_signatory.clone(),
        copies_returned: archived.copies_returned - 1,
    };
    store
        .write(|w| w.correct_signing(archived.id, &back, "有一份尚未寄回，此前多记"))
        .unwrap();
    let after = store.agreement(archived.id).unwrap().unwrap();
    assert_eq!(
        (after.status, after.copies_returned),
        (AgreementStatus::Archived, archived.copies_returned - 1)
    );
}

#[test]
fn a_signing_marked_by_mistake_is_undone_with_a_reason() {
    let mut store = crate::support::demo_store();
    let signed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Signed)
        .unwrap();
    for empty in ["  ", "。"] {
        let refused = store
            .write(|w| w.undo_signing(signed.id, empty))
            .unwrap_err();
        assert!(refused.to_string().contains("必须写明理由"), "{refused}");
    }
    store
        .write(|w| w.undo_signing(signed.id, "勾选有误，尚未签订"))
        .unwrap();
    let now = store.agreement(signed.id).unwrap().unwrap();
    assert_eq!(now.status, zerenshu::model::AgreementStatus::Printed);
    assert_eq!(now.signed_on, None);
    assert_eq!(now.copies_returned, 0);
    assert_eq!(
        now.content_hash, signed.content_hash,
        "the text stays frozen"
    );
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "撤销签订");
    // The log shows what the signing had: its date, signatories and copies, each cleared.
    let value = |json: &Option<String>, field: &str| {
        let json: serde_json::Value = serde_json::from_str(json.as_deref().unwrap()).unwrap();
        json[field].clone()
    };
    for field in [
        "signed_on",
        "party_a_signatory",
        "party_b_signatory",
        "copies_returned",
    ] {
        let (before, after) = (
            value(&entry.before_json, field),
            value(&entry.after_json, field),
        );
        assert!(!after.is_null() || field == "signed_on", "{field}: {after}");
        assert_ne!(before, after, "{field}");
    }
    assert!(entry.after_json.unwrap().contains("勾选有误"));
    // An archived one keeps its signing: the scan is of the signed paper.
    let archived = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Archived)
        .unwrap();
    assert!(
        store
            .write(|w| w.undo_signing(archived.id, "测试"))
            .is_err()
    );
}

#[test]
fn a_printing_marked_by_mistake_is_undone_with_a_reason_and_only_from_printed() {
    let mut store = demo_store();
    let first = |store: &zerenshu::store::Store, status| {
        (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.status == status)
            .unwrap()
    };
    let printed = first(&store, AgreementStatus::Printed);
    let refused = store
        .write(|w| w.undo_printing(printed.id, " 。"))
        .unwrap_err();
    assert!(refused.to_string().contains("必须写明理由"), "{refused}");
    // Neither a final nor a signed one: nothing printed to undo, or signed on that paper.
    for status in [AgreementStatus::Final, AgreementStatus::Signed] {
        let other = first(&store, status);
        let refused = store
            .write(|w| w.undo_printing(other.id, "测试"))
            .unwrap_err();
        assert!(
            refused.to_string().contains("只有已打印、尚未签订"),
            "{refused}"
        );
    }
    store
        .write(|w| w.undo_printing(printed.id, "打印日期录错"))
        .unwrap();
    let now = store.agreement(printed.id).unwrap().unwrap();
    assert_eq!(
        (now.status, now.printed_on, now.content_hash.clone()),
        (AgreementStatus::Final, None, printed.content_hash.clone())
    );
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "撤销打印");
    let after = entry.after_json.unwrap();
    assert!(
        after.contains("打印日期录错") && after.contains("\"printed_on\":null"),
        "{after}"
    );
    // Marked again on its true day, it is signed as any other.
    let day = printed.printed_on.unwrap();
    lifecycle::mark_printed(&mut store, 2025, &[printed.id], day).unwrap();
    lifecycle::mark_signed(&mut store, 2025, &[printed.id], day).unwrap();
    let signed = store.agreement(printed.id).unwrap().unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);
}
