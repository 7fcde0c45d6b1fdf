//! Applying the 通报与统计 screen's commands: the results notice PDF, the score summary
//! spreadsheet, and the self-assessment forms out and back in.

use std::path::Path;

use crate::io::files::write_atomically;
use crate::io::score_forms::{WrittenForm, apply_import, preview_import, write_form_files};
use crate::io::score_summary::write_summary_into;
use crate::store::ResultFile;
use crate::workflow::notice::notice_for_year;

use super::app::App;
use super::command::Command;

impl App {
    /// Takes the clerk back to the screen 导入自评表… was asked from once the import is done or
    /// given up (the chooser cancelled, the preview closed or applied), if still on 通报与统计.
    pub(super) fn back_from_forms_import(&mut self) {
        let Some(from) = self.forms_import_from else {
            return;
        };
        if self.report_actions.is_importing_forms() {
            return;
        }
        if self.state.view == super::state::View::Notice {
            self.state.view = from;
        }
        self.forms_import_from = None;
    }

    /// Applies a report command; returns any other command untouched.
    pub(super) fn apply_report(&mut self, command: Command) -> Option<Command> {
        // Asked on the 考核 screen: the chooser opens where the import is previewed.
        if command == Command::StartFormsImport {
            self.forms_import_from = Some(self.state.view);
            self.state.view = super::state::View::Notice;
            self.report_actions.start_forms_import();
            self.changed_nothing = true;
            return None;
        }
        let Some(year) = self.state.year else {
            return Some(command);
        };
        let Some(store) = &mut self.store else {
            return Some(command);
        };
        // Said after the outcome: a notice whose results changed since it was issued.
        let mut corrected = None;
        let mut notes = Vec::new();
        let outcome: Result<(String, Option<std::path::PathBuf>), String> = match command {
            Command::ExportSummary(folder) => {
                let written = write_summary_into(store, year, &folder);
                if let Ok((_, path, _)) = &written {
                    crate::workflow::notice::remember_export(
                        store,
                        year,
                        ResultFile::Summary,
                        path,
                    );
                }
                // An interim or altered table is said to be one: its title and a note under it
                // say so too.
                written
                    .map(|(wanted, path, said)| {
                        let what = format!("得分汇总表{said}");
                        (saved_as(&what, &wanted, &path), Some(folder))
                    })
                    .map_err(|e| e.to_string())
            }
            Command::ExportForms(folder) => write_form_files(store, year, &folder, None)
                .map(|forms| {
                    let written = forms_written(&forms);
                    // Read after the files are out: a failure to read it loses no form.
                    let said = match crate::io::score_forms::forms_notes(store, year, None) {
                        Ok(notes) => notes
                            .iter()
                            .fold(written, |said, note| format!("{said}\n注意：{note}")),
                        Err(_) => written,
                    };
                    (said, Some(folder))
                })
                .map_err(|e| e.to_string()),
            Command::PreviewScoreImport(files) => match preview_import(store, year, &files) {
                Ok(mut preview) => {
                    // The chooser lists .xlsx only: other spreadsheets beside the forms are not
                    // passed over unsaid.
                    if let Some(note) = crate::io::score_forms::other_sheets_beside(&files) {
                        preview.notes.insert(0, note);
                    }
                    self.report_actions.show_preview(preview);
                    return None;
                }
                Err(error) => Err(error.to_string()),
            },
            Command::ApplyScoreImport => {
                let preview = self.report_actions.preview().cloned()?;
                let applied = apply_import(store, &preview)
                    .map(|imported| (imported.message(preview.year), None))
                    .map_err(|e| e.to_string());
                self.report_actions.close_preview();
                applied
            }
            Command::EditNoticeWording => {
                let wording = crate::workflow::notice::wording(store, year).and_then(|wording| {
                    Ok((
                        wording,
                        crate::workflow::notice::used_document_numbers(store)?,
                    ))
                });
                match wording {
                    Ok((wording, used)) => {
                        let addressee = crate::workflow::notice::generated_addressee(store, year);
                        let issued = crate::workflow::notice::issued_date(store, year);
                        let repeated = crate::workflow::notice::repeated_failures_now(store, year);
                        self.report_actions.edit_wording(
                            wording,
                            used,
                            (addressee, issued, repeated),
                        );
                        return None;
                    }
                    Err(error) => Err(error.to_string()),
                }
            }
            Command::SaveNoticeWording(wording) => {
                match crate::workflow::notice::save_wording(store, year, &wording) {
                    Ok(()) => {
                        self.report_actions.close_wording();
                        Ok((format!("已保存 {year} 年度的通报措辞"), None))
                    }
                    Err(error) => Err(error.to_string()),
                }
            }
            Command::ExportNotice { folder, issued_on } => {
                // Before publication the notice is a draft (watermarked): named so, so that
                // the official one later takes the plain name and never the draft's.
                let is_published = store.is_published(year).unwrap_or(false);
                let draft = if is_published { "" } else { "（草稿）" };
                let wanted = folder.join(format!("{year}年度考核结果通报{draft}.pdf"));
                // The date offered, kept unless the clerk chose another (see remember_issue_date).
                let offered = crate::workflow::notice::default_issue_date(store, year).ok();
                let exported =
                    match crate::workflow::notice::issued_date_refusal(store, year, issued_on) {
                        Some(refusal) => Err(refusal),
                        None => export_notice(store, year, &wanted, issued_on),
                    };
                if let Ok((path, said)) = &exported {
                    notes.clone_from(said);
                    // The next notice of the year offers the same date.
                    let is_chosen = offered != Some(issued_on);
                    crate::workflow::notice::remember_issue_date(store, year, issued_on, is_chosen);
                    crate::workflow::notice::remember_export(store, year, ResultFile::Notice, path);
                    corrected = crate::workflow::notice::changed_since_published(store, year);
                }
                // The date the notice went out with (fixed from then on once published).
                let what = format!(
                    "考核结果通报（成文日期{}）",
                    crate::document::notice::chinese_date(issued_on)
                );
                exported.map(|(path, _)| (saved_as(&what, &wanted, &path), Some(folder)))
            }
            other => return Some(other),
        };
        match outcome {
            Ok((message, Some(folder))) => {
                self.toasts
                    .success_with_action(message, "打开文件夹", folder);
            }
            Ok((message, None)) => self.toasts.success(message),
            Err(message) => self.toasts.error(message),
        }
        // One toast for all the notes on the file, the correction owed first: several would
        // push one another (and the one that matters most) off the screen.
        let said: Vec<String> = corrected.into_iter().chain(notes).collect();
        if !said.is_empty() {
            self.toasts.warning(said.join("\n"));
        }
        None
    }
}

/// "已导出{what}：PATH", saying so when the name `wanted` was taken and the file was numbered
/// instead (the earlier file is kept as it was).
/// How many forms were written, and how many were numbered beside a file of their usual
/// name (a form already there may be one a unit filled in: sending out the old one by
/// mistake is what this warns of).
fn forms_written(forms: &[WrittenForm]) -> String {
    let numbered = forms.iter().filter(|f| f.name_taken.is_some()).count();
    match numbered {
        0 => format!("已导出 {} 份自评表", forms.len()),
        _ => format!(
            "已导出 {} 份自评表；其中 {numbered} 份因文件夹里已有同名文件（原文件保留未动）而另存为带编号的文件名，如“…（2）.xlsx”，发出时请认准",
            forms.len()
        ),
    }
}

pub(super) fn saved_as(what: &str, wanted: &Path, path: &Path) -> String {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    match (wanted == path, name(wanted), name(path)) {
        (false, Some(wanted), Some(saved)) => format!(
            "已导出{what}：{}（文件夹里已有“{wanted}”，原文件保留未动，本次另存为“{saved}”）",
            path.display()
        ),
        _ => format!("已导出{what}：{}", path.display()),
    }
}

/// Writes the results notice of `year`, dated `issued_on`, as `wanted`
/// (`{年度}年度考核结果通报.pdf` in the chosen folder, `…（草稿）.pdf` before publication),
/// numbered when that name is taken: an earlier notice is kept. Gives the file written and the
/// notes to say of it (see [`notice_for_year`]).
fn export_notice(
    store: &crate::store::Store,
    year: i32,
    wanted: &Path,
    issued_on: chrono::NaiveDate,
) -> Result<(std::path::PathBuf, Vec<String>), String> {
    let (bytes, notes) = notice_for_year(store, year, issued_on)?;
    let path = crate::io::files::free_name(wanted);
    write_atomically(&path, &bytes).map_err(|e| {
        format!(
            "无法写入（{}）：{}",
            crate::io::files::reason(&e),
            path.display()
        )
    })?;
    Ok((path, notes))
}
