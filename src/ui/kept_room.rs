//! Room kept above a list or grid: lines over it (notes, counts, a search's answer) that wrap
//! or go leave their height, so that the rows do not move under the pointer, where the next
//! click would land on another row. Measured anew when what is shown changes.

/// The height the lines above a list took at most while `shown` was on screen.
pub type KeptRoom<K> = Option<(K, f32)>;

/// Called after the lines above the list, which started at `top`: adds space up to the most
/// they took while `shown` is the same, and remembers it in `kept`.
pub fn keep<K: PartialEq>(ui: &mut egui::Ui, kept: &mut KeptRoom<K>, top: f32, shown: K) {
    let used = ui.cursor().min.y - top;
    let most = match kept {
        Some((was, most)) if *was == shown => *most,
        _ => used,
    };
    if most > used {
        ui.add_space(most - used);
    }
    *kept = Some((shown, most.max(used)));
}
