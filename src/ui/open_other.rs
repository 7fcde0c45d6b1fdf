//! The screen shown when the database cannot be opened (not a zerenshu file, from a newer
//! version, missing): the reason, and a way on from the window itself — open another database
//! file, or start a new one in a chosen folder — instead of only a command-line hint.

use std::path::PathBuf;

use super::file_picker::{FilePicker, PickMode, PickOutcome};

/// The file name a new database gets in the chosen folder when no other was asked for.
const NEW_FILE_NAME: &str = "zerenshu.sqlite3";

/// Runtime state of the screen.
#[derive(Default)]
pub struct OpenOther {
    picker: Option<(FilePicker, Choice)>,
    /// The file name of the database the program was started on ("责任书.sqlite3"), which a
    /// new database takes: made in the folder the start named (one not there yet), it is the
    /// file the next start opens, not a second one beside it.
    file_name: Option<String>,
}

/// What the open chooser is for.
#[derive(Clone, Copy)]
enum Choice {
    Existing,
    NewIn,
}

impl OpenOther {
    /// New databases take the file name of `db` (the one the program was started on).
    pub fn name_new_files_as(&mut self, db: &std::path::Path) {
        self.file_name = (db.file_name()).map(|name| name.to_string_lossy().into_owned());
    }

    /// Takes the name new databases get from `before` (the screen of the file tried last).
    pub fn keep_name_of(&mut self, before: &Self) {
        self.file_name.clone_from(&before.file_name);
    }

    /// The file name a new database gets.
    fn new_file_name(&self) -> &str {
        self.file_name.as_deref().unwrap_or(NEW_FILE_NAME)
    }

    /// The new database in `folder`: under the start's name, unless a file of that name is
    /// there already or was (the one that could not be opened, or one whose backups are beside
    /// it): then under the usual name, beside it.
    fn new_database_in(&self, folder: &std::path::Path) -> PathBuf {
        let named = folder.join(self.new_file_name());
        let is_taken = named.exists() || !crate::store::backup::list_backups(&named).is_empty();
        if is_taken {
            folder.join(NEW_FILE_NAME)
        } else {
            named
        }
    }

    /// Draws the screen; returns the database file to open instead, once chosen.
    pub fn show(&mut self, ui: &mut egui::Ui, error: &str) -> Option<PathBuf> {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("无法打开数据库");
            ui.add_space(8.0);
            ui.label(error);
            ui.add_space(8.0);
            ui.label("请按上面的原因处理后重新启动程序，或者：");
            self.buttons(ui);
        });
        self.chosen(ui.ctx())
    }

    /// The two ways on, as buttons, with what they do.
    pub fn buttons(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if ui.button("打开其他数据库文件…").clicked() {
                self.choose_existing(None);
            }
            if ui
                .button("在其他文件夹新建数据库…")
                .on_hover_text(format!("在所选文件夹中新建或打开 {}", self.new_file_name()))
                .clicked()
            {
                self.picker = Some((
                    FilePicker::new("选择新数据库所在的文件夹", PickMode::Folder),
                    Choice::NewIn,
                ));
            }
        });
        ui.label("所选文件只在本次运行中使用；下次启动仍打开原来的数据库文件。");
    }

    /// Opens the chooser of an existing database file, in `folder` when given (the folder of
    /// the database open now).
    pub fn choose_existing(&mut self, folder: Option<&std::path::Path>) {
        let picker = FilePicker::new(
            "选择本程序的数据库文件（.sqlite3）",
            PickMode::OpenFile(&["sqlite3"]),
        );
        let picker = match folder {
            Some(folder) => picker.starting_in(folder),
            None => picker,
        };
        self.picker = Some((picker, Choice::Existing));
    }

    /// The file chosen through the buttons, once the chooser closes with one.
    pub fn chosen(&mut self, ctx: &egui::Context) -> Option<PathBuf> {
        let (picker, choice) = self.picker.as_mut()?;
        match picker.show(ctx) {
            PickOutcome::Open => None,
            PickOutcome::Cancelled => {
                self.picker = None;
                None
            }
            PickOutcome::Chosen(path) => {
                let choice = *choice;
                self.picker = None;
                Some(match choice {
                    Choice::Existing => path,
                    Choice::NewIn => self.new_database_in(&path),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_takes_the_name_the_program_was_started_on() {
        let mut screen = OpenOther::default();
        assert_eq!(screen.new_file_name(), "zerenshu.sqlite3");
        screen.name_new_files_as(std::path::Path::new("/不在/责任书.sqlite3"));
        assert_eq!(screen.new_file_name(), "责任书.sqlite3");
        // Never on a file already there (the one that could not be opened).
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            screen.new_database_in(dir.path()),
            dir.path().join("责任书.sqlite3")
        );
        std::fs::write(dir.path().join("责任书.sqlite3"), b"not ours").unwrap();
        assert_eq!(
            screen.new_database_in(dir.path()),
            dir.path().join("zerenshu.sqlite3")
        );
    }
}
