//! File sizes as the screens name them: "489 KB" below a megabyte, rounded up to whole
//! kilobytes so that a small file never reads as "0 KB"; "1.2 MB" above, rounded to the
//! nearest tenth.

/// "489 KB" or "1.2 MB".
pub fn show(bytes: u64) -> String {
    let kb = bytes.div_ceil(1024);
    if kb < 1024 {
        format!("{kb} KB")
    } else {
        let tenths = (kb * 10 + 512) / 1024;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn sizes_read_in_kilobytes_below_a_megabyte_and_megabytes_above() {
        assert_eq!(show(1), "1 KB");
        assert_eq!(show(500_000), "489 KB");
        assert_eq!(show(1_048_576), "1.0 MB");
        assert_eq!(show(1_300_000), "1.2 MB");
        assert_eq!(show(3_039_232), "2.9 MB", "rounded, not cut");
        assert_eq!(show(1_048_576 * 2 - 1), "2.0 MB");
    }
}
