//! Scoring faster than the grid redraws: Tab, Enter and digits arriving a few to a frame, the
//! next 自评 cell off screen in a narrow window, and every value lands in its own cell; both
//! halves of one indicator saved in the same frame keep each other; a refused value typed in
//! one go moves on like any other, so the values after it keep to their own cells.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::Points;
use zerenshu::ui::App;

use super::{harness_sized, town_grid};

/// One key or one piece of typed text.
#[derive(Clone, Copy)]
enum Key<'a> {
    Tab,
    Enter,
    Text(&'a str),
}

fn events(key: Key<'_>) -> Vec<egui::Event> {
    let press = |key, pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    match key {
        Key::Tab => vec![press(egui::Key::Tab, true), press(egui::Key::Tab, false)],
        Key::Enter => vec![
            press(egui::Key::Enter, true),
            press(egui::Key::Enter, false),
        ],
        Key::Text(text) => text
            .chars()
            .map(|c| egui::Event::Text(c.to_string()))
            .collect(),
    }
}

/// Feeds the keys in bursts of `sizes` keys (cycling) per frame, one frame each, as a clerk
/// typing faster than the frame rate does; then lets the app settle (keys carried past rows
/// below the fold move on one row a frame).
fn type_in_bursts(harness: &mut Harness<'_, App>, keys: &[Key<'_>], sizes: &[usize]) {
    let mut rest = keys;
    for size in sizes.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (burst, after) = rest.split_at((*size).min(rest.len()));
        for key in burst {
            harness.input_mut().events.extend(events(*key));
        }
        harness.step();
        rest = after;
    }
    harness.run_steps(40);
    harness.run();
}

/// The saved (自评, 考核) scores by agreement and indicator in 2025.
fn saved_pairs(harness: &Harness<'_, App>) -> Vec<(i64, i64, Option<Points>, Option<Points>)> {
    let store = harness.state().store().unwrap();
    store
        .scores(2025)
        .unwrap()
        .into_iter()
        .map(|s| {
            (
                s.agreement_id,
                s.indicator_id,
                s.self_score,
                s.assessed_score,
            )
        })
        .collect()
}

#[test]
fn tab_and_digits_arriving_over_several_frames_land_in_every_cell_off_screen_too() {
    let size = [900.0, 600.0];
    let mut harness = harness_sized(2025, size);
    let (rows, indicators) = town_grid(&harness);
    let first = format!("{} {} 自评", rows[0].1, indicators[0].1);
    harness.get_by_label(&first).focus();
    harness.run();
    // Two rows: 自评, Tab, 考核, Tab for each indicator, then Tab over the next unit's name.
    let values = ["3", "2.5", "1", "0.25", "2", "1.5"];
    let mut keys = Vec::new();
    let mut expected = Vec::new();
    for (row, (agreement_id, _)) in rows.iter().enumerate().take(2) {
        for (index, (indicator_id, _)) in indicators.iter().enumerate() {
            let self_score = values[(index + row) % values.len()];
            let assessed = values[(index * 2 + row + 1) % values.len()];
            keys.extend([
                Key::Text(self_score),
                Key::Tab,
                Key::Text(assessed),
                Key::Tab,
            ]);
            expected.push((
                *agreement_id,
                *indicator_id,
                Points::parse(self_score).ok(),
                Points::parse(assessed).ok(),
            ));
        }
        keys.push(Key::Tab);
    }
    // Bursts of up to five keys: a 自评 and a 考核 often end up saved in the same frame.
    type_in_bursts(&mut harness, &keys, &[3, 1, 4, 2, 5, 1, 2]);
    let saved = saved_pairs(&harness);
    for pair in &expected {
        assert!(saved.contains(pair), "{pair:?} saved; saved: {saved:?}");
    }
    // The keyboard ends in the third unit's first 自评, scrolled back into view.
    let end = format!("{} {} 自评", rows[2].1, indicators[0].1);
    let node = harness.get_by_label(&end);
    assert!(node.is_focused(), "{end} has the keyboard");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    assert!(window.contains_rect(node.rect()), "{end} is in view");
}

#[test]
fn every_burst_size_lands_the_values_of_a_row_and_enter_goes_down_after_them() {
    let size = [760.0, 420.0];
    for burst in 1..=6 {
        let mut harness = harness_sized(2025, size);
        let (rows, indicators) = town_grid(&harness);
        // From the second unit's name: Tab, a row of values typed full-width, Tab over the
        // next name, then Enter down a column below the fold.
        harness
            .get_by_role_and_label(egui::accesskit::Role::Link, &rows[1].1)
            .focus();
        harness.run();
        let mut keys = vec![Key::Tab];
        for _ in &indicators {
            keys.extend([Key::Text("１"), Key::Tab, Key::Text("2。5"), Key::Tab]);
        }
        keys.push(Key::Tab);
        for _ in 2..rows.len() {
            keys.extend([Key::Text("0.5"), Key::Enter]);
        }
        type_in_bursts(&mut harness, &keys, &[burst]);
        let saved = saved_pairs(&harness);
        for (indicator_id, _) in &indicators {
            let pair = (
                rows[1].0,
                *indicator_id,
                Some(Points::whole(1)),
                Some(Points(250)),
            );
            assert!(
                saved.contains(&pair),
                "burst {burst}: {pair:?} in {saved:?}"
            );
        }
        for (agreement_id, _) in &rows[2..] {
            let self_score = saved
                .iter()
                .find(|s| s.0 == *agreement_id && s.1 == indicators[0].0)
                .and_then(|s| s.2);
            assert_eq!(
                self_score,
                Some(Points(50)),
                "burst {burst}: {agreement_id}"
            );
        }
    }
}

#[test]
fn a_refused_value_typed_in_one_go_leaves_the_values_after_it_in_their_own_cells() {
    let mut harness = harness_sized(2025, [1600.0, 1000.0]);
    let (rows, indicators) = town_grid(&harness);
    let first = format!("{} {} 自评", rows[0].1, indicators[0].1);
    harness.get_by_label(&first).focus();
    harness.run();
    // 组织领导 is worth 6: its 考核 "35" is refused; what follows keeps to its cells.
    let keys = [
        Key::Text("5"),
        Key::Tab,
        Key::Text("35"),
        Key::Tab,
        Key::Text("4"),
        Key::Tab,
        Key::Text("3.5"),
        Key::Tab,
    ];
    type_in_bursts(&mut harness, &keys, &[2, 3, 1, 2]);
    let saved = saved_pairs(&harness);
    let (agreement, _) = rows[0];
    let pair = |index: usize| {
        saved
            .iter()
            .find(|(a, i, ..)| *a == agreement && *i == indicators[index].0)
            .map(|(_, _, own, assessed)| (*own, *assessed))
    };
    assert_eq!(pair(0), Some((Some(Points::whole(5)), None)), "35 refused");
    assert_eq!(
        pair(1),
        Some((Some(Points::whole(4)), Some(Points(350)))),
        "the next indicator got its own values"
    );
}
