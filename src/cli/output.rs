//! Standard output for the commands: lines are written through a locked handle and a failed
//! write comes back as an error, so `zerenshu list … | head -1` ends quietly when the reader
//! closes the pipe instead of panicking as `println!` does.

use std::fmt;
use std::io::{self, Write as _};

/// The most of SQLite's findings a command prints beside an error or warning; `check` prints
/// all its check found (itself stopping at a hundred).
const TECHNICAL_SHOWN: usize = 8;

/// Technical details as a command prints them beside an error or a warning: the first few
/// findings and how many more there are, so that what the clerk is to do, said after them,
/// is not buried under a hundred lines (`zerenshu check` lists more).
#[must_use]
pub fn technical_note(details: &str) -> String {
    // The mark of a check stopped at its limit is said in the error above ("至少"), not
    // counted as a finding.
    // SQLite's check says one finding a line, under a "*** in database main ***" heading.
    let parts: Vec<&str> = (details.split(['；', '\n']))
        .map(str::trim)
        .filter(|part| !part.is_empty() && !part.starts_with("***"))
        .filter(|part| *part != crate::store::CHECK_STOPPED)
        .collect();
    let shown = parts
        .iter()
        .take(TECHNICAL_SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join("；");
    match parts.len().saturating_sub(TECHNICAL_SHOWN) {
        0 => format!("技术细节（供技术人员查看）：{shown}"),
        more => format!(
            "技术细节（供技术人员查看）：{shown}；……另有 {more} 条检查结果未列出（zerenshu check 列出更多）"
        ),
    }
}

/// Writes one line to standard output.
pub(super) fn line(args: fmt::Arguments<'_>) -> io::Result<()> {
    writeln!(io::stdout().lock(), "{args}")
}

/// Writes one line to standard error, where the commands say what went wrong or what they
/// did beside their output. A closed stderr (`2>&1 | head -1`) drops the line rather than
/// panicking as `eprintln!` does: the exit status still says how the command ended.
pub fn note(args: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr().lock(), "{args}");
}

/// True when a command stopped because the reader of its output went away (a closed pipe):
/// nothing is wrong, the output is simply no longer wanted.
pub(super) fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn technical_details_beyond_the_first_few_are_counted_not_printed() {
        let many: Vec<String> = (1..=100).map(|n| format!("Page {n}: never used")).collect();
        let note = technical_note(&many.join("；"));
        assert!(
            note.contains("Page 8: never used；……另有 92 条检查结果未列出"),
            "{note}"
        );
        let stopped = format!("{}；{}", many.join("；"), crate::store::CHECK_STOPPED);
        assert!(
            technical_note(&stopped).contains("另有 92 条"),
            "not counted"
        );
        assert!(!note.contains("Page 9:"), "{note}");
        assert_eq!(
            technical_note("row 3 missing"),
            "技术细节（供技术人员查看）：row 3 missing"
        );
        // One a line, as SQLite's check gives them.
        let lines = format!("*** in database main ***\n{}", many.join("\n"));
        let note = technical_note(&lines);
        assert!(
            note.starts_with("技术细节（供技术人员查看）：Page 1: never used；")
                && note.contains("Page 8: never used；……另有 92 条检查结果未列出"),
            "{note}"
        );
    }
}
