//! Hostile tables for the unit import: random headers (padded, missing, repeated, odd) and
//! rows whose cells mostly suit their column preview without panic against the demo data set,
//! apply to a copy of it as counted, and have nothing left to write afterwards.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use zerenshu::demo::CATEGORIES;
use zerenshu::io::{Table, TableRow, apply};
use zerenshu::model::UnitKind;

use super::unit_import::{
    DEMO, DemoFile, HEADERS, check_preview, name_char, padded, phone_char, run,
};
use super::{odd_char, odd_text, text_of};

/// Cells for a column of a hostile table, by its header: mostly what the column expects (demo
/// names, so rows change units; kinds; categories; numbers at the ends of `i64`), often not.
fn hostile_cell(header: &str) -> BoxedStrategy<String> {
    let demo_names: Vec<String> = DEMO.0.iter().map(|u| u.fields.name.clone()).collect();
    let expected = match header.trim() {
        "单位名称" => prop_oneof![
            3 => padded(select(demo_names)),
            3 => text_of(name_char(), 1..12),
            1 => text_of(Just('长'), 41..=41),
        ]
        .boxed(),
        "单位类型" => prop_oneof![
            4 => padded(select(UnitKind::ALL.map(UnitKind::label).to_vec()).prop_map(String::from)),
            1 => select(vec!["街道办", "town", "镇 "]).prop_map(str::to_owned),
        ]
        .boxed(),
        "考核类别" => prop_oneof![
            4 => padded(select(CATEGORIES.to_vec()).prop_map(str::to_owned)),
            1 => select(vec!["四类", "镇 街"]).prop_map(str::to_owned),
        ]
        .boxed(),
        "排序号" => prop_oneof![
            any::<i64>().prop_map(|n| n.to_string()),
            select(vec![
                "9223372036854775807",
                "-9223372036854775808",
                "9223372036854775808",
                "1.5",
                "1e3",
                "٣",
                "０３",
                "+7",
            ])
            .prop_map(str::to_owned),
        ]
        .boxed(),
        "联系电话" => text_of(phone_char(), 0..32).boxed(),
        "简称" => text_of(name_char(), 0..14).boxed(),
        _ => text_of(name_char(), 0..32).boxed(),
    };
    prop_oneof![
        16 => expected,
        1 => Just(String::new()),
        2 => text_of(odd_char(), 1..12),
        1 => odd_text(),
    ]
    .boxed()
}

/// A hostile table: import headers (padded, missing, repeated) among odd ones, and rows whose
/// cells mostly suit their column, some rows cut short.
fn hostile_table() -> impl Strategy<Value = Table> {
    let header_cell = prop_oneof![
        8 => padded(select(HEADERS.to_vec()).prop_map(str::to_owned)),
        1 => text_of(odd_char(), 0..8),
    ];
    let unique_headers = vec(any::<u16>(), HEADERS.len()).prop_map(|keys| {
        let mut keyed: Vec<_> = keys.into_iter().zip(HEADERS).collect();
        keyed.sort_unstable();
        keyed
            .into_iter()
            .map(|(_, header)| header.to_owned())
            .collect::<Vec<_>>()
    });
    let keep = vec(proptest::bool::weighted(0.8), HEADERS.len());
    let extras = vec((any::<Index>(), text_of(odd_char(), 0..8)), 0..3);
    let header = prop_oneof![
        // Every column once, in any order, some dropped, with odd ones between.
        3 => (unique_headers, keep, extras).prop_map(|(headers, keep, extras)| {
                let mut header: Vec<String> = headers
                    .into_iter()
                    .zip(keep)
                    .filter(|(header, keep)| *keep || header == "单位名称")
                    .map(|(header, _)| header)
                    .collect();
                for (at, extra) in extras {
                    header.insert(at.index(header.len() + 1), extra);
                }
                header
            }),
        1 => vec(header_cell, 0..10),
    ];
    header
        .prop_flat_map(|header| {
            let row = header.iter().map(|h| hostile_cell(h)).collect::<Vec<_>>();
            let rows = vec(
                (row, prop_oneof![9 => Just(usize::MAX), 1 => 0..10_usize]),
                0..10,
            );
            (Just(header), rows)
        })
        .prop_map(|(header, rows)| Table {
            header,
            header_row_number: 1,
            rows: (2..)
                .zip(rows)
                .map(|(number, (mut cells, length))| {
                    cells.truncate(length);
                    TableRow { number, cells }
                })
                .collect(),
        })
}

/// Any table previews against the demo data without panic, as `check_preview` demands; the
/// preview applies to a copy of the demo database exactly as counted; and the same file
/// previewed again afterwards has nothing left to write.
#[test]
fn hostile_tables_preview_apply_and_settle() {
    let demo = DemoFile::new();
    run(192, &hostile_table(), |table| {
        let Some(first) = check_preview(&table, &DEMO.0, &DEMO.1)? else {
            return Ok(());
        };
        if !first.has_writes() {
            return Ok(());
        }
        let dir = tempfile::tempdir().unwrap();
        let mut store = demo.copy_into(dir.path());
        let summary = apply(&mut store, &first, "单位.csv")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(
            (summary.added, summary.changed),
            (first.additions.len(), first.changes.len())
        );
        let units = store.units().unwrap();
        let categories = store.categories().unwrap();
        let again = check_preview(&table, &units, &categories)?.unwrap();
        prop_assert_eq!(
            again.additions.len() + again.changes.len(),
            0,
            "{:?}",
            again
        );
        prop_assert_eq!(
            again.unchanged,
            first.unchanged + first.additions.len() + first.changes.len()
        );
        prop_assert_eq!(again.rejected.len(), first.rejected.len());
        Ok(())
    })
    .unwrap();
}
