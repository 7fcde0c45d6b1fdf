//! The widths the 单位 table's columns start at: their natural widths where the window has
//! room, narrowed on a small screen (1024 px) so that every column, 联系电话 and 状态 too, is in
//! sight without scrolling sideways; each keeps a width its usual contents still fit.

/// Each column's natural width and the least it is narrowed to, in the heads' order (排序号,
/// 单位名称, 简称, 类型, 考核类别, 负责人职务, 负责人, 联系人, 联系电话, 状态).
// The least widths hold each head with its sort arrow ("考核类别 ▲").
const WIDTHS: [(f32, f32); 10] = [
    (64.0, 60.0),
    (230.0, 140.0),
    (120.0, 64.0),
    (60.0, 48.0),
    (84.0, 76.0),
    (110.0, 92.0),
    (80.0, 60.0),
    (80.0, 60.0),
    (120.0, 104.0),
    (64.0, 56.0),
];

/// The columns' starting widths for a table `available` wide whose columns are `spacing`
/// apart: the natural widths when they fit, else each narrowed by a share of what is short in
/// proportion to how far it can give, never below its least.
#[must_use]
pub fn fitted(available: f32, spacing: f32) -> [f32; 10] {
    #[allow(clippy::cast_precision_loss, reason = "ten columns")]
    let gaps = spacing * (WIDTHS.len() - 1) as f32;
    let natural: f32 = WIDTHS.iter().map(|(width, _)| width).sum();
    let slack: f32 = WIDTHS.iter().map(|(width, least)| width - least).sum();
    let short = (natural + gaps - available).clamp(0.0, slack);
    WIDTHS.map(|(width, least)| width - short * (width - least) / slack)
}

/// True when a table `available` wide cannot give every column its natural width. The table
/// keeps the widths it started with (and those the clerk dragged) under its id: narrowed and
/// natural widths are kept under two ids, so that a window made smaller starts fitted.
#[must_use]
pub fn is_narrowed(available: f32, spacing: f32) -> bool {
    fitted(available, spacing)
        .iter()
        .zip(WIDTHS)
        .any(|(width, (natural, _))| *width < natural)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_window_gets_the_natural_widths_and_a_small_one_fits_every_column() {
        let close = |a: [f32; 10], b: [f32; 10]| a.iter().zip(b).all(|(a, b)| (a - b).abs() < 0.01);
        assert!(close(fitted(2000.0, 8.0), WIDTHS.map(|(w, _)| w)));
        assert!(!is_narrowed(2000.0, 8.0) && is_narrowed(880.0, 8.0));
        let small = fitted(880.0, 8.0);
        let total: f32 = small.iter().sum::<f32>() + 8.0 * 9.0;
        assert!((total - 880.0).abs() < 0.01, "{total}");
        assert!(small.iter().zip(WIDTHS).all(|(w, (_, least))| *w >= least));
        // Too small even for the least widths: they are kept, and the table scrolls.
        assert!(close(fitted(300.0, 8.0), WIDTHS.map(|(_, least)| least)));
    }
}
