//! Keys typed into the 考核 grid faster than it redraws. The keys after a Tab or Enter belong
//! to the stop the keyboard moves to, not to the one it leaves: a focused stop sees only the
//! keys typed before the first key that moves on, and the rest are carried to the next stop,
//! which gets them when it takes the keyboard, in the same frame or a later one.

use super::navigation::Move;

/// True for the events that are typing: they go to the stop that has the keyboard.
fn is_typing(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Text(_) | egui::Event::Key { .. } | egui::Event::Paste(_)
    )
}

/// The move a key press asks for. The modifiers come with the key press itself, as egui's own
/// Tab handling reads them: the frame's modifiers can lag behind a quick Shift+Enter. Enter
/// moves down only where `enter_moves` (a score cell; on a unit's name it opens the detail);
/// Shift+Enter moves up from either, as the grid's help says, and ↓/↑ (without modifiers, as in
/// a spreadsheet) down and up from either.
pub fn movement(event: &egui::Event, enter_moves: bool) -> Option<Move> {
    match event {
        egui::Event::Key {
            key: egui::Key::Tab,
            pressed: true,
            modifiers,
            ..
        } => Some(if modifiers.shift {
            Move::Previous
        } else {
            Move::Next
        }),
        egui::Event::Key {
            key: egui::Key::Enter,
            pressed: true,
            modifiers,
            ..
        } if enter_moves || modifiers.shift => Some(if modifiers.shift {
            Move::Up
        } else {
            Move::Down
        }),
        egui::Event::Key {
            key: key @ (egui::Key::ArrowDown | egui::Key::ArrowUp),
            pressed: true,
            modifiers,
            ..
        } if modifiers.is_none() => Some(if *key == egui::Key::ArrowDown {
            Move::Down
        } else {
            Move::Up
        }),
        _ => None,
    }
}

/// On a unit's name, a score typed goes into the row's first cell rather than being lost: a
/// Tab is put before the first text typed (when no key that moves on comes first), and the
/// text is carried on with it. A Tab missed at the end of the row above would otherwise drop
/// the first value and shift every later one a cell to the left.
/// Enter or Space (which open the unit's detail) typed first leave the keys as they are.
pub fn typing_moves_on(events: &mut Vec<egui::Event>) {
    let first = events.iter().position(|e| {
        movement(e, false).is_some()
            || matches!(
                e,
                egui::Event::Key {
                    key: egui::Key::Enter | egui::Key::Space,
                    pressed: true,
                    ..
                }
            )
            || matches!(e, egui::Event::Text(text) if !text.trim().is_empty())
    });
    if let Some(at) = first
        && matches!(events.get(at), Some(egui::Event::Text(_)))
    {
        events.insert(
            at,
            egui::Event::Key {
                key: egui::Key::Tab,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            },
        );
    }
}

/// The first move asked for by this frame's keys, if any.
pub fn first_movement(ctx: &egui::Context, enter_moves: bool) -> Option<Move> {
    ctx.input(|i| i.events.iter().find_map(|e| movement(e, enter_moves)))
}

/// Takes this frame's typing out of the input, for a stop that is to get the keyboard but is
/// not drawn yet.
pub fn take_typing(ctx: &egui::Context) -> Vec<egui::Event> {
    ctx.input_mut(|i| {
        if !i.events.iter().any(is_typing) {
            return Vec::new();
        }
        let (typing, other) = std::mem::take(&mut i.events)
            .into_iter()
            .partition(is_typing);
        i.events = other;
        typing
    })
}

/// Takes Ctrl+Z (and Ctrl+Shift+Z, Ctrl+Y) out of this frame's input, true when one was
/// pressed: a score cell answers it itself. Egui's own undo steps back through the field's
/// past states, which can go past the stored value to an empty cell, and moving on would then
/// clear a score the clerk never touched.
pub fn take_undo(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| {
        let undo = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Z);
        let redo = i.consume_key(egui::Modifiers::COMMAND, egui::Key::Y);
        undo || redo
    })
}

/// The keys a focused stop gets while it is drawn.
pub struct Routed {
    /// The key that moves the keyboard on, if one was typed.
    movement: Option<Move>,
    /// The keys typed after it, for the stop the keyboard moves to.
    rest: Vec<egui::Event>,
    /// The frame's input as it was, put back once the stop is drawn when it got carried keys.
    saved: Option<Vec<egui::Event>>,
}

impl Routed {
    /// Gives a focused stop its keys: the `carried` ones if it is taking the keyboard now, else
    /// the frame's own; either way only those before the first key that moves on.
    pub fn route(
        ctx: &egui::Context,
        carried: Option<Vec<egui::Event>>,
        enter_moves: bool,
    ) -> Self {
        ctx.input_mut(|i| {
            let is_moving =
                |events: &[egui::Event]| events.iter().any(|e| movement(e, enter_moves).is_some());
            if carried.is_none() && !is_moving(&i.events) {
                // The common case: the stop keeps the keyboard and sees the frame as it is.
                return Self {
                    movement: None,
                    rest: Vec::new(),
                    saved: None,
                };
            }
            let events = std::mem::take(&mut i.events);
            let saved = carried.is_some().then(|| events.clone());
            let (mut kept, mut typing): (Vec<_>, Vec<_>) = match carried {
                Some(carried) => (
                    events.into_iter().filter(|e| !is_typing(e)).collect(),
                    carried,
                ),
                None => events.into_iter().partition(|e| !is_typing(e)),
            };
            let at = typing
                .iter()
                .position(|e| movement(e, enter_moves).is_some());
            let (movement, rest) = match at {
                Some(at) => {
                    let rest = typing.split_off(at + 1);
                    let key = typing.pop();
                    (key.and_then(|k| movement(&k, enter_moves)), rest)
                }
                None => (None, Vec::new()),
            };
            kept.extend(typing);
            i.events = kept;
            Self {
                movement,
                rest,
                saved,
            }
        })
    }

    /// Once the stop is drawn: puts the frame's input back if the stop got carried keys, and
    /// returns the move asked for with the keys typed after it.
    pub fn finish(self, ctx: &egui::Context) -> (Option<Move>, Vec<egui::Event>) {
        if let Some(saved) = self.saved {
            ctx.input_mut(|i| i.events = saved);
        }
        (self.movement, self.rest)
    }
}
