//! The listing of a year's agreements: one line per agreement, the status filters and 逾期,
//! and `zerenshu list` into a closed pipe.

use zerenshu::model::AgreementStatus;
use zerenshu::workflow::listing;

use super::{demo_file, today};

use crate::support::{demo_store, zerenshu_command};

#[test]
fn the_listing_has_one_line_per_agreement_and_filters_by_status() {
    let store = demo_store();
    let all = listing::lines(&store, 2025, None, today()).unwrap();
    assert_eq!(all.len(), 46, "header and 45 agreements");
    let printed = listing::lines(&store, 2025, listing::parse_status("已打印"), today()).unwrap();
    assert_eq!(printed.len(), 10);
    assert!(printed[1].contains("\t已打印\t"));
    assert_eq!(
        listing::parse_status("signed"),
        Some(listing::StatusFilter::Is(AgreementStatus::Signed))
    );
    // Who has not returned the signed copy: 草稿, 已定稿 and 已打印 together.
    let out = listing::lines(&store, 2025, listing::parse_status("未签订"), today()).unwrap();
    assert_eq!(out.len(), 1 + 27);
    assert!(out[1..].iter().all(|l| {
        ["\t草稿\t", "\t已定稿\t", "\t已打印\t"]
            .iter()
            .any(|s| l.contains(s))
    }));
    // Every copy back: 已签订 and 已归档 together, typed as the window's filter says it.
    for typed in ["已签订（含已归档）", "已签订(含已归档)", "已签订含已归档"]
    {
        let back = listing::lines(&store, 2025, listing::parse_status(typed), today()).unwrap();
        assert_eq!(back.len(), 1 + 18, "{typed}");
        assert!(
            back[1..]
                .iter()
                .all(|l| { ["\t已签订\t", "\t已归档\t"].iter().any(|s| l.contains(s)) })
        );
    }
    assert!(listing::lines(&store, 1999, None, today()).is_err());
    // Past the planned signing date (2025-03-15) the ones still out are marked 逾期, and 逾期
    // lists only them; before it, none is.
    let after = chrono::NaiveDate::from_ymd_opt(2025, 3, 16).unwrap();
    let overdue = listing::lines(&store, 2025, listing::parse_status("逾期"), after).unwrap();
    assert_eq!(overdue.len(), 1 + 27);
    assert!(overdue[1..].iter().all(|l| l.ends_with("\t逾期\t在用")));
    assert!(
        all[0].ends_with("\t逾期\t单位状态"),
        "the header names the columns"
    );
    let before = chrono::NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
    let none = listing::lines(&store, 2025, listing::parse_status("逾期"), before).unwrap();
    assert_eq!(none.len(), 1);
    // An archived unit's agreement is marked so, as the window marks it, and is not 逾期.
    let mut store = store;
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    store
        .write(|w| w.set_unit_active(draft.draft.unit_id, false))
        .unwrap();
    let all = listing::lines(&store, 2025, None, after).unwrap();
    let line = (all.iter())
        .find(|l| l.starts_with(&format!("{}\t", draft.draft.number)))
        .unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    // The name alone in its column, for scripts to match; the state in a column of its own.
    assert!(
        line.contains(&format!("\t{}\t", unit.fields.name)),
        "{line}"
    );
    assert!(line.ends_with("\t-\t已归档"), "{line}");
}

#[test]
fn list_into_a_closed_pipe_ends_quietly() {
    let (_dir, path, store) = demo_file();
    drop(store);
    // `zerenshu list … | head -0`: the reader is gone before the first line is written.
    let mut child = zerenshu_command()
        .args(["list", "--db", path.to_str().unwrap(), "--year", "2025"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
