//! Backups off the UI thread: the day's first backup at start, 立即备份 and 备份到其他位置.
//! Years of scans make a database of hundreds of megabytes, whose copy and integrity check
//! take seconds: a thread with its own connection takes the backup (the online backup API
//! reads one consistent state while the window goes on writing), and the app polls for the
//! answer and says it in a toast (the day's backup only when it fails).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::store::backup::TakenBackup;
use crate::store::{Store, StoreError};

/// Where the backup goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupTarget {
    /// The day's first backup, into the `backups/` folder, if none was taken today.
    Daily,
    /// The `backups/` folder beside the database (手动备份).
    BackupsFolder,
    /// A new file (in a folder the clerk chose, such as a USB stick).
    File(PathBuf),
}

/// The backup written (none when the day's was taken already; the one before when 立即备份
/// found the data unchanged since), or why not (damage found in the database itself among
/// the reasons, see `App::backup_done`).
pub type BackupDone = Result<Option<TakenBackup>, StoreError>;

/// A backup under way.
pub struct BackupJob {
    target: BackupTarget,
    receiver: Receiver<BackupDone>,
}

/// Takes the backup of `store` to `target`, on whichever thread calls it.
pub fn take_backup(
    store: &Store,
    target: BackupTarget,
) -> crate::store::Result<Option<TakenBackup>> {
    let written = |path: PathBuf| TakenBackup {
        path,
        unchanged_since: None,
    };
    match target {
        BackupTarget::Daily => store.daily_backup().map(|path| path.map(written)),
        BackupTarget::BackupsFolder => store.backup_into_folder().map(Some),
        BackupTarget::File(out) => store.backup_to(&out).map(|()| Some(written(out))),
    }
}

impl BackupJob {
    /// Starts backing up the database at `db` to `target` on a thread with a second connection
    /// of this process (as a batch draft's): it only reads the database.
    pub fn start(db: &Path, target: BackupTarget) -> Result<Self, String> {
        let (sender, receiver) = channel();
        let db = db.to_owned();
        let written = target.clone();
        std::thread::Builder::new()
            .name("backup".to_owned())
            .spawn(move || {
                let done = Store::open_for_job(&db).and_then(|store| take_backup(&store, written));
                let _ = sender.send(done);
            })
            .map_err(|e| format!("无法开始备份：{}", crate::io::files::reason(&e)))?;
        Ok(Self { target, receiver })
    }

    /// Where the backup goes.
    #[must_use]
    pub fn target(&self) -> &BackupTarget {
        &self.target
    }

    /// The outcome once the backup has ended; `None` while it runs.
    pub fn answer(&self) -> Option<BackupDone> {
        match self.receiver.try_recv() {
            Ok(done) => Some(done),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(StoreError::Rejected(
                "备份意外中止，没有写成".to_owned(),
            ))),
        }
    }
}
