//! A database file found damaged (or missing, with backups beside where it was): what is
//! wrong, the backups on offer with what each holds, and whether another window or a command
//! has since put another file in its place.

use std::path::{Path, PathBuf};

use crate::store::{BackupContents, BackupFile, Store, StoreError, backup};

use super::super::app::App;
use super::super::file_picker::FilePicker;
use super::{DAMAGED_READ_ONLY, MISSING_DETAILS};

/// A database that could not be opened because it is damaged, with the backups on offer.
pub struct Damaged {
    pub(super) db: PathBuf,
    pub(super) message: String,
    /// SQLite's own findings, for a technician, shown folded away.
    pub(super) technical: Option<String>,
    /// The automatic backups, newest first, each with what it holds or why it is unusable.
    pub(super) candidates: Vec<(BackupFile, Result<BackupContents, String>)>,
    /// Said when none of them is good: the backups folder is missing, or holds none.
    pub(super) no_good_backup: String,
    pub(super) picker: Option<FilePicker>,
    /// The backup chosen, with what it holds, waiting for the clerk's confirmation.
    pub(super) confirming: Option<(PathBuf, Result<BackupContents, String>)>,
    /// True when the backup confirming is known to be another database's file.
    pub(super) confirming_other: bool,
    /// Whether the damaged file opens read-only to be looked at (tried once, so that the
    /// button is not offered only to fail).
    pub(super) can_look: bool,
    /// True when there is no file at all (moved, renamed or deleted) but backups of it are
    /// beside where it was: restoring rebuilds it, and a new file can be made there instead.
    pub missing: bool,
    /// The file as this screen found it, or as this window's own restore left it (see
    /// [`crate::io::files::identity`]): another window restoring a backup puts another file
    /// in its place.
    pub(super) identity: Option<String>,
    /// When to look at the file again, on the window's clock.
    pub(super) next_look: f64,
}

/// How often the damaged screen looks whether the file was replaced, in seconds.
const LOOK_EVERY: f64 = 2.0;

impl Damaged {
    /// Looks at the backups beside a damaged file, for the `error` met opening or using it;
    /// `year` is the year the window shows (what a look at the file would read first).
    #[must_use]
    pub fn new(db: &Path, error: &StoreError, year: Option<i32>) -> Self {
        let candidates = backup::list_backups(db)
            .into_iter()
            .map(|file| {
                let contents = backup::inspect_backup(&file.path).map_err(|e| e.to_string());
                (file, contents)
            })
            .collect();
        Self {
            db: db.to_owned(),
            message: error.to_string(),
            technical: error.technical_details().map(str::to_owned),
            candidates,
            no_good_backup: backup::no_good_backup(db),
            picker: None,
            confirming: None,
            confirming_other: false,
            // What the window reads first read too: damage in an index is met only there.
            // Damage elsewhere (the audit log, a scan) is said where it is met, as the
            // commands that read the file say it: the rest can be looked at meanwhile.
            can_look: Store::open_damaged_for_viewing(db, DAMAGED_READ_ONLY)
                .is_ok_and(|store| App::load(&store, year, crate::ui::View::Units, 0).is_ok()),
            // As the window found it when it opened (see `open_for_window`): a file appearing
            // meanwhile is not taken for a damaged one, but opened (see `was_replaced`).
            missing: matches!(error, StoreError::Damaged { details, .. } if details == MISSING_DETAILS),
            identity: crate::io::files::identity(db),
            next_look: 0.0,
        }
    }

    /// True when another file has been put where the damaged (or missing) one was since this
    /// screen opened or this window last put one there: a backup restored (or a new database
    /// made) by another window or a command. Looked at every [`LOOK_EVERY`] seconds.
    pub fn was_replaced(&mut self, ctx: &egui::Context) -> bool {
        let now = ctx.input(|i| i.time);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(LOOK_EVERY));
        if now < self.next_look {
            return false;
        }
        self.next_look = now + LOOK_EVERY;
        let identity = crate::io::files::identity(&self.db);
        identity.is_some() && identity != self.identity
    }

    /// Takes the file now in place as this window's own doing (a restore whose result would
    /// not open): not announced later as another's.
    pub(super) fn own_file_in_place(&mut self) {
        self.identity = crate::io::files::identity(&self.db);
    }

    /// The database file this screen is about.
    #[must_use]
    pub fn db(&self) -> &Path {
        &self.db
    }
}

impl Damaged {
    /// The same with `message` said in place of the error's own words (damage found while
    /// working, not when the file was opened).
    #[must_use]
    pub fn with_message(mut self, message: String) -> Self {
        self.message = message;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Puts a file of `bytes` in place of `db`, as a restore does (written beside, renamed).
    fn put_in_place(db: &Path, bytes: &[u8]) {
        let beside = db.with_extension("new");
        std::fs::write(&beside, bytes).unwrap();
        std::fs::rename(&beside, db).unwrap();
    }

    #[test]
    fn a_file_put_in_place_by_another_is_seen_and_one_of_this_windows_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.sqlite3");
        std::fs::write(&db, b"not a database").unwrap();
        let error = StoreError::Rejected("已损坏".to_owned());
        let mut damaged = Damaged::new(&db, &error, None);
        let ctx = egui::Context::default();
        assert!(!damaged.was_replaced(&ctx), "nothing changed yet");
        // This window's own restore, whose file would not open: not another's.
        put_in_place(&db, b"restored here");
        damaged.own_file_in_place();
        damaged.next_look = 0.0;
        assert!(!damaged.was_replaced(&ctx));
        // Another's, looked at in time.
        put_in_place(&db, b"restored elsewhere");
        damaged.next_look = 0.0;
        assert!(damaged.was_replaced(&ctx));
    }
}
