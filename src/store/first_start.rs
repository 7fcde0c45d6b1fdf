//! What was at the database's place before the window made it, kept in the new file until
//! the clerk starts (demo data, a blank register or a backup restored): a file found empty
//! or missing may mean data lost, and the welcome dialog says so at every start until then,
//! not only at the first (closing the window without choosing must not hide it).

use super::writer::Writer;
use super::{Result, Store};

/// The settings key holding what was found.
const SETTING_FOUND: &str = "found_before_start";

/// What was at the database's place before it was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBeforeStart {
    /// A file, but empty (0 bytes).
    EmptyFile,
    /// No file, elsewhere than the default place: perhaps a mistyped path.
    NoFile,
    /// No file, while its backups were beside it: the file was lost.
    LostFile,
}

impl FoundBeforeStart {
    fn key(self) -> &'static str {
        match self {
            Self::EmptyFile => "empty",
            Self::NoFile => "missing",
            Self::LostFile => "lost",
        }
    }

    fn from_key(key: &str) -> Option<Self> {
        [Self::EmptyFile, Self::NoFile, Self::LostFile]
            .into_iter()
            .find(|found| found.key() == key)
    }
}

impl Writer<'_> {
    /// Records what was at the file's place before it was made. Not an operation of the
    /// clerk's, and not logged: the log of a file not started stays empty, which is how a
    /// restore into it knows that nothing here is undone (see `undone_entries`).
    pub fn note_found_before_start(&mut self, found: FoundBeforeStart) -> Result<()> {
        self.put_setting(SETTING_FOUND, found.key())
    }
}

impl Store {
    /// What was found before the file was made, while the clerk has not started yet (none
    /// once started: the welcome dialog is then over).
    pub fn found_before_start(&self) -> Result<Option<FoundBeforeStart>> {
        if self.is_initialized()? {
            return Ok(None);
        }
        Ok(self
            .setting(SETTING_FOUND)?
            .as_deref()
            .and_then(FoundBeforeStart::from_key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_found_is_kept_until_the_clerk_starts() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.found_before_start().unwrap(), None);
        store
            .write(|w| w.note_found_before_start(FoundBeforeStart::EmptyFile))
            .unwrap();
        assert_eq!(
            store.found_before_start().unwrap(),
            Some(FoundBeforeStart::EmptyFile)
        );
        assert!(
            store.audit_entries(10).unwrap().is_empty(),
            "no operation of the clerk's"
        );
        store.write(|w| w.mark_initialized("载入示例数据")).unwrap();
        assert_eq!(store.found_before_start().unwrap(), None);
    }
}
