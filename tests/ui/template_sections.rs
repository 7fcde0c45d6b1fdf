//! The template editor's sections: removing one that holds clauses asks once, naming it, and
//! 取消 keeps it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::{App, View};

use crate::support::{click, demo_store, showing, window};

/// The headings of the template as edited, read from its fields.
fn headings(harness: &Harness<'_, App>) -> usize {
    harness.query_all_by_label_contains("部分标题").count()
}

#[test]
fn removing_a_section_of_clauses_asks_first() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 900.0],
    );
    click(&mut harness, "模板");
    let before = headings(&harness);
    assert!(before >= 2, "{before}");
    click(&mut harness, "删去第 1 部分");
    harness.get_by_label("删去第 1 部分？");
    click(&mut harness, "取消");
    assert_eq!(headings(&harness), before, "取消 keeps it");
    click(&mut harness, "删去第 1 部分");
    click(&mut harness, "删去");
    assert_eq!(headings(&harness), before - 1);
    assert!(harness.query_by_label("删去第 1 部分？").is_none());
}
