//! Characters a file name cannot hold, and what the unit form says of a short name (or a name
//! standing for it) that holds them: exported files are named by it, with "_" in their place.

/// The characters a file name cannot hold (on Windows, where the office's files go): an
/// export puts "_" in their place.
pub const FILE_NAME_UNSAFE: [char; 9] = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// What is said of a unit whose exported files are named otherwise than it is shown: its
/// short name (`short_name`, or else `name`, which stands for it) holds characters a file name
/// cannot, each put as "_" in the file's name. `None` when it holds none.
#[must_use]
pub fn file_name_note(name: &str, short_name: &str) -> Option<String> {
    let (field, shown) = match short_name.trim() {
        "" => ("单位名称", name.trim()),
        short => ("简称", short),
    };
    let mut marks: Vec<char> = Vec::new();
    for c in shown.chars().filter(|c| FILE_NAME_UNSAFE.contains(c)) {
        if !marks.contains(&c) {
            marks.push(c);
        }
    }
    (!marks.is_empty()).then(|| {
        let said: String = marks.iter().flat_map(|mark| ['“', *mark, '”']).collect();
        let example: String = (shown.chars())
            .map(|c| if marks.contains(&c) { '_' } else { c })
            .collect();
        format!(
            "{field}中的{said}不能用在文件名中：导出的文件名里换成“_”（如 2025-001-{example}.pdf），与屏幕上显示的不同；宜改用全角或去掉"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A short name with characters no file name holds is said with each of them and the file
    /// name the export gives; without a short name the name stands for it.
    #[test]
    fn characters_no_file_name_holds_are_pointed_out() {
        assert_eq!(file_name_note("示例市测试局", "测试局"), None);
        assert_eq!(
            file_name_note("示例市测试局", "测/试*局/").unwrap(),
            "简称中的“/”“*”不能用在文件名中：导出的文件名里换成“_”（如 2025-001-测_试_局_.pdf），与屏幕上显示的不同；宜改用全角或去掉"
        );
        let note = file_name_note("测试单位\\局?", " ").unwrap();
        assert!(note.starts_with("单位名称中的“\\”“?”"), "{note}");
    }
}
