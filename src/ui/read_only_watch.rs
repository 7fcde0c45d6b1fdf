//! A window opened read-only follows the file: it reloads when another window or a command
//! saves a change, opens the file again when another was put in its place (a restore), and when it was read-only because another window held the database, it says
//! so once that window has closed and offers to become the one that writes.

use std::time::Duration;

use crate::store::Store;

/// How often the file is looked at, in seconds.
const CHECK_EVERY: f64 = 2.0;

/// What the read-only window knows of the file and of the window that holds it.
#[derive(Debug, Default)]
pub struct ReadOnlyWatch {
    /// True when another process held the writer lock as this window opened.
    watches_writer: bool,
    next_check: Option<f64>,
    data_version: Option<i64>,
    /// The file the window has open (see [`crate::io::files::identity`]).
    file: Option<String>,
    /// The holder as last seen: still the first, gone, or another since.
    writer: Writer,
    /// Who holds the database as its lock note says, at the last look.
    holder: Option<crate::store::lock::LockHolder>,
    /// True once a look found the note changed since an earlier one (the holder's operator
    /// renamed in 设置, say): the window's reason, worded as it opened, is out of date.
    is_holder_changed: bool,
    /// Whether the window's title says 只读, once set.
    titled_read_only: Option<bool>,
}

/// The holder of the file, as the looks saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Writer {
    /// Held (by the holder the window opened under, or one named since).
    #[default]
    Held,
    /// Free: the holder closed.
    Gone,
    /// Taken again since it was free, its holder's note not read yet (the lock is taken a
    /// moment before the note is written).
    Retaken,
}

/// What a look at the file found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Nothing new (or not looked at yet).
    Nothing,
    /// Another connection saved a change: the data is to be read again.
    Changed,
    /// Another file was put in place of the one open (a backup restored by the window that
    /// writes): the file is to be opened again.
    Replaced,
}

impl ReadOnlyWatch {
    /// Keeps the window's title saying whether the window is read-only, so that two windows
    /// on one file tell apart on the taskbar ("目标责任书管理（只读）").
    pub fn title(&mut self, ctx: &egui::Context, is_read_only: bool) {
        if self.titled_read_only == Some(is_read_only) {
            return;
        }
        self.titled_read_only = Some(is_read_only);
        let title = if is_read_only {
            format!("{}（只读）", super::WINDOW_TITLE)
        } else {
            super::WINDOW_TITLE.to_owned()
        };
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
    }

    /// The watch of a window on `store`: it watches the writer when the store is read-only
    /// and the writer lock is held now (not when the file or folder is what cannot be written,
    /// where a lock that cannot be taken is no other window's, nor for a damaged file opened
    /// to look at).
    #[must_use]
    pub fn of(store: Option<&Store>) -> Self {
        let watches_writer = store
            .filter(|store| {
                store.read_only_reason().is_some_and(|why| {
                    !why.starts_with(crate::ui::app_safety::NOT_WRITABLE)
                        && !crate::ui::app_safety::is_damaged_look(Some(why))
                })
            })
            .and_then(Store::path)
            .is_some_and(|path| !crate::store::lock::is_free(path));
        Self {
            watches_writer,
            // Known from the start: a file replaced before the first look is noticed too.
            file: store
                .and_then(Store::path)
                .and_then(crate::io::files::identity),
            ..Self::default()
        }
    }

    /// Looks at the file every few seconds while the window is read-only: whether another
    /// connection saved a change, or another file took its place, since the last look.
    pub fn poll(&mut self, ctx: &egui::Context, store: &Store) -> Seen {
        let Some(path) = store.path() else {
            return Seen::Nothing;
        };
        if store.read_only_reason().is_none() {
            return Seen::Nothing;
        }
        ctx.request_repaint_after(Duration::from_secs_f64(CHECK_EVERY));
        let now = ctx.input(|input| input.time);
        if self.next_check.is_some_and(|at| now < at) {
            return Seen::Nothing;
        }
        self.next_check = Some(now + CHECK_EVERY);
        if self.watches_writer {
            // A holder after the first one went (another window took the file) is a change
            // too: named, not said as "another window", once its note is read (the lock is
            // taken a moment before the note is written).
            let is_free = crate::store::lock::is_free(path);
            let now = (!is_free)
                .then(|| crate::store::lock::current_holder(path).flatten())
                .flatten();
            let awaits = matches!(self.writer, Writer::Gone | Writer::Retaken);
            self.is_holder_changed |=
                now.is_some() && (awaits || (self.holder.is_some() && now != self.holder));
            self.writer = if is_free {
                Writer::Gone
            } else if awaits && now.is_none() {
                Writer::Retaken
            } else {
                Writer::Held
            };
            self.holder = now;
        }
        let file = crate::io::files::identity(path);
        // Mid-swap the file may be missing for a moment: looked at again next time.
        if file.is_some() && self.file.is_some() && file != self.file {
            return Seen::Replaced;
        }
        if file.is_some() {
            self.file = file;
        }
        let version = store.data_version().ok();
        let changed = self.data_version.is_some() && version != self.data_version;
        self.data_version = version;
        if changed {
            Seen::Changed
        } else {
            Seen::Nothing
        }
    }

    /// True when the window is read-only because another held the database as it opened.
    #[must_use]
    pub fn watches_writer(&self) -> bool {
        self.watches_writer
    }

    /// The watch of a window that was read-only because another held the database, opened
    /// again (read-only) on a file put in place of its own once that window had closed: it
    /// offers to write, as if it had seen the holder go.
    #[must_use]
    pub fn after_writer_gone(store: &Store) -> Self {
        Self {
            watches_writer: true,
            writer: Writer::Gone,
            ..Self::of(Some(store))
        }
    }

    /// Who holds the database now, as its lock note says, once it says another than when the
    /// window looked first (nothing before: the window's own reason stands).
    #[must_use]
    pub fn changed_holder(&self) -> Option<&crate::store::lock::LockHolder> {
        (self.holder.as_ref()).filter(|_| self.is_holder_changed && self.writer != Writer::Gone)
    }

    /// True when the window that held the database has closed since this one opened.
    #[must_use]
    pub fn is_writer_gone(&self) -> bool {
        self.writer == Writer::Gone
    }
}
