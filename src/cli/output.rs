//! Standard output for the commands: lines are written through a locked handle and a failed
//! write comes back as an error, so `zerenshu list … | head -1` ends quietly when the reader
//! closes the pipe instead of panicking as `println!` does.

use std::fmt;
use std::io::{self, Write as _};

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
