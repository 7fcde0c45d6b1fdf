//! The actions of the 通报与统计 screen: the score summary spreadsheet, the per-unit
//! self-assessment forms out and back in (with a preview; nothing is written until confirmed,
//! all or nothing), and the results notice. A read-only window exports and shows the wording
//! but imports and saves nothing.

use crate::document::NoticeWording;
use crate::io::score_forms::ScoreImportPreview;
use crate::model::{Phase, Year};

use super::command::Command;
use super::file_picker::{FilePicker, PickManyOutcome, PickMode, PickOutcome};
use super::score_import_dialog::ScoreImportDialog;
use super::wording_dialog::WordingDialog;
use super::write_access::WriteAccess;

/// The title of the chooser of filled forms.
const IMPORT_FORMS_TITLE: &str = "选择填好的自评表（.xlsx，可多选或选整个文件夹）";

/// What a picked path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Summary,
    Forms,
    ImportForms,
    Notice,
}

/// The date offered for a year's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDate {
    /// Its last notice's date, else the year's publication day, else today.
    pub date: chrono::NaiveDate,
    /// True when the notice was issued with this date (see
    /// [`crate::workflow::notice::issued_date`]): it cannot be changed.
    pub is_issued: bool,
    /// How many times the year's results were changed since they were published: a notice
    /// exported now differs from the one issued.
    pub changes_since_published: usize,
    /// Where `date` comes from, in words (see
    /// [`crate::workflow::notice::IssueDateSource::explanation`]).
    pub source: &'static str,
    /// The wording's 发文字号 and the year written in it, when it has one.
    pub document_number: Option<(String, i32)>,
    /// True when the wording has a 发文字号 at all (one without a year written in it too).
    pub has_number: bool,
    /// The day the year's results were marked published, when they are.
    pub published_on: Option<chrono::NaiveDate>,
    /// The earliest date a correction can carry: the 成文日期 of the notice issued before the
    /// results were withdrawn (see [`crate::workflow::notice::correction_floor`]).
    pub correction_floor: Option<chrono::NaiveDate>,
}

/// State of the actions row and its dialogs.
#[derive(Default)]
pub struct ReportActions {
    picking: Option<(Target, FilePicker)>,
    preview: ScoreImportDialog,
    wording: WordingDialog,
}

impl ReportActions {
    /// Opens the chooser of filled forms, as 导入自评表… does.
    pub fn start_forms_import(&mut self) {
        self.picking = Some((
            Target::ImportForms,
            FilePicker::new(IMPORT_FORMS_TITLE, PickMode::OpenFiles(&["xlsx"])),
        ));
    }

    /// True while filled forms are being chosen or their import previewed.
    #[must_use]
    pub fn is_importing_forms(&self) -> bool {
        matches!(self.picking, Some((Target::ImportForms, _))) || self.preview.preview().is_some()
    }

    /// Shows a preview of a score import.
    pub fn show_preview(&mut self, preview: ScoreImportPreview) {
        self.preview.open(preview);
    }

    /// Opens the wording editor on `wording`, beside the 发文字号 other years' notices carry;
    /// with what the program writes, if known (see [`super::wording_dialog::Generated`]).
    pub fn edit_wording(
        &mut self,
        wording: NoticeWording,
        used_numbers: Vec<(i32, String)>,
        known: super::wording_dialog::Generated,
    ) {
        self.wording.open(wording, used_numbers, known);
    }

    /// Closes the wording editor after a save.
    pub fn close_wording(&mut self) {
        self.wording.close();
    }

    /// "通报措辞" while the wording editor holds unsaved edits, else empty.
    #[must_use]
    pub fn unsaved(&self) -> &'static str {
        self.wording.unsaved()
    }

    /// Gives the wording editor's edits up (the clerk answered 放弃修改).
    pub fn discard_unsaved(&mut self) {
        self.wording.close();
    }

    /// Closes the preview after it was applied.
    pub fn close_preview(&mut self) {
        self.preview.close();
    }

    /// The preview being shown, for the app to apply.
    #[must_use]
    pub fn preview(&self) -> Option<&ScoreImportPreview> {
        self.preview.preview()
    }

    /// Draws the buttons and any open dialog.
    /// `notice_date` is the date offered for the notice (its last notice's, else the year's
    /// publication day);
    /// `notice_refusal` says why the notice cannot be made yet, which disables its button;
    /// `agreements` counts the year's agreements: without any taking part in the assessment
    /// (none drafted, or all of units archived before they signed) there are no scores to
    /// sum up and no forms to send, which is said on the greyed buttons, before a folder is
    /// chosen.
    #[allow(clippy::too_many_arguments)] // the screen's inputs, each read here once
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        year: Option<&Year>,
        notice_date: Option<&NoticeDate>,
        notice_refusal: Option<&str>,
        agreements: AgreementCounts,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal_wrapped(|ui| {
            let buttons = [
                (
                    "导出考核结果通报 PDF…",
                    Target::Notice,
                    "选择通报 PDF 保存到的文件夹",
                ),
                (
                    "导出得分汇总表…",
                    Target::Summary,
                    "选择汇总表保存到的文件夹",
                ),
                ("导出自评表…", Target::Forms, "选择自评表保存到的文件夹"),
                ("导入自评表…", Target::ImportForms, IMPORT_FORMS_TITLE),
            ];
            if ui.button("通报措辞…").clicked() {
                commands.push(Command::EditNoticeWording);
            }
            for (label, target, title) in buttons {
                // Importing writes the scores; the exports only read.
                let button = egui::Button::new(label);
                let response = match target {
                    Target::ImportForms => forms_import_button(ui, year, access),
                    Target::Notice => {
                        // A published year's first export is the notice issued: its date is
                        // recorded, which a read-only window cannot (said before a folder
                        // and a date are chosen for nothing).
                        let is_first_issue = year.is_some_and(|y| y.phase == Phase::Published)
                            && notice_date.is_some_and(|d| !d.is_issued);
                        let read_only = access
                            .refusal(
                                "已通报年度第一次导出的就是印发的通报，其成文日期要记入数据库，现在不能导出",
                            )
                            .filter(|_| is_first_issue);
                        let refusal = notice_refusal.map(str::to_owned).or(read_only);
                        ui.add_enabled(refusal.is_none(), button)
                            .on_disabled_hover_text(refusal.unwrap_or_default())
                    }
                    Target::Summary | Target::Forms => ui
                        .add_enabled(agreements.assessed() > 0, button)
                        .on_disabled_hover_text(empty_year_note(year, target, agreements)),
                };
                if response.clicked() {
                    let mode = if target == Target::ImportForms {
                        PickMode::OpenFiles(&["xlsx"])
                    } else {
                        PickMode::Folder
                    };
                    let mut picker = FilePicker::new(title, mode);
                    if target == Target::Notice {
                        let date = notice_date.map_or_else(
                            || chrono::Local::now().date_naive(),
                            |offered| offered.date,
                        );
                        picker = picker.with_date("成文日期", date);
                        if let Some((number, number_year)) =
                            notice_date.and_then(|d| d.document_number.clone())
                        {
                            picker =
                                picker.date_in_year(number_year, format!("发文字号“{number}”"));
                        }
                        if let (
                            Some(year),
                            Some(&NoticeDate {
                                is_issued: true,
                                changes_since_published,
                                ..
                            }),
                        ) = (year, notice_date)
                        {
                            // Not the same notice once the results changed: said before the
                            // export, not only after it.
                            let note = if changes_since_published > 0 {
                                crate::workflow::notice::issued_date_kept_note(year.year, date)
                            } else {
                                crate::workflow::notice::issued_date_note(year.year, date)
                            };
                            picker = picker.date_fixed(note);
                            if changes_since_published > 0 {
                                picker = picker.with_warning(
                                    crate::workflow::notice::changed_notice_note(
                                        year.year,
                                        changes_since_published,
                                        notice_date.is_some_and(|d| d.has_number),
                                    ),
                                );
                            }
                        } else if let Some(first_day) =
                            year.and_then(|y| chrono::NaiveDate::from_ymd_opt(y.year, 1, 1))
                        {
                            let number = chrono::Datelike::year(&first_day);
                            // The first export of a published year's notice fixes its date:
                            // said before, not found out at the second export.
                            if year.is_some_and(|y| y.phase == crate::model::Phase::Published) {
                                picker = picker
                                    .with_warning(crate::workflow::notice::first_issue_note(number))
                                    .unusual_date_asked(format!(
                                        "{number} 年度已通报，这次导出即定下通报的印发日期，之后不能更改"
                                    ));
                            }
                            picker = match notice_date.and_then(|d| d.correction_floor) {
                                Some(floor) if floor > first_day => picker.date_not_before(
                                    floor,
                                    &crate::workflow::notice::correction_floor_note(number, floor),
                                ),
                                _ => picker.date_not_before(
                                    first_day,
                                    &crate::workflow::notice::issue_date_floor(number),
                                ),
                            };
                            // Where the date offered comes from, as the command line says it.
                            if let Some(offered) = notice_date {
                                picker =
                                    picker.with_note(format!("成文日期默认为{}", offered.source));
                            }
                            // A date outside the usual ones, or ahead of today, is questioned.
                            let today = chrono::Local::now().date_naive();
                            let published_on = notice_date.and_then(|d| d.published_on);
                            if let Some((from, to)) = crate::workflow::notice::usual_issue_dates(
                                number,
                                published_on,
                                today,
                            ) {
                                picker = picker
                                    .date_usually_between(from, to)
                                    .published_on(number, published_on);
                            }
                        }
                    }
                    self.picking = Some((target, picker));
                }
            }
        });
        if let Some(refusal) = notice_refusal {
            ui.colored_label(ui.visuals().warn_fg_color, refusal);
        }
        if let Some((Target::ImportForms, picker)) = &mut self.picking {
            match picker.show_many(ui.ctx()) {
                PickManyOutcome::Open => {}
                PickManyOutcome::Cancelled => self.picking = None,
                PickManyOutcome::Chosen(files) => {
                    commands.push(Command::PreviewScoreImport(files));
                    self.picking = None;
                }
            }
        } else if let Some((target, picker)) = &mut self.picking {
            let target = *target;
            match picker.show(ui.ctx()) {
                PickOutcome::Open => {}
                PickOutcome::Cancelled => self.picking = None,
                PickOutcome::Chosen(path) => {
                    commands.push(match target {
                        Target::Summary => Command::ExportSummary(path),
                        Target::Forms => Command::ExportForms(path),
                        Target::ImportForms => Command::PreviewScoreImport(vec![path]),
                        Target::Notice => Command::ExportNotice {
                            folder: path,
                            issued_on: picker
                                .date()
                                .unwrap_or_else(|| chrono::Local::now().date_naive()),
                        },
                    });
                    self.picking = None;
                }
            }
        }
        self.preview.show(ui.ctx(), access, commands);
        self.wording.show(ui.ctx(), year, access, commands);
    }
}

/// How many agreements a year has, and how many of them its assessment leaves out (see
/// [`crate::model::agreement::is_assessed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgreementCounts {
    pub drafted: usize,
    pub left_out: usize,
}

impl AgreementCounts {
    /// The agreements that take part in the assessment.
    #[must_use]
    pub fn assessed(self) -> usize {
        self.drafted.saturating_sub(self.left_out)
    }
}

/// Why the summary or the forms cannot be exported for a year without assessed agreements.
fn empty_year_note(year: Option<&Year>, target: Target, agreements: AgreementCounts) -> String {
    let year = year.map_or_else(|| "本".to_owned(), |y| format!("{} ", y.year));
    let what = if target == Target::Forms {
        "没有可导出的自评表（自评表按责任书生成，每份一张）"
    } else {
        "没有可汇总的考核得分"
    };
    let note = crate::model::agreement::no_assessed_note(&year, agreements.drafted > 0, what);
    if agreements.drafted == 0 {
        format!("{note}：先在“责任书”中批量起草")
    } else {
        note
    }
}

/// The 导入自评表… button (on 通报与统计 and on 考核): a published year's scores are locked,
/// which the greyed button says, rather than refusing the files once chosen.
pub(super) fn forms_import_button(
    ui: &mut egui::Ui,
    year: Option<&Year>,
    access: WriteAccess<'_>,
) -> egui::Response {
    let button = egui::Button::new("导入自评表…");
    match year.filter(|y| y.phase == Phase::Published) {
        Some(published) => ui
            .add_enabled(false, button)
            .on_disabled_hover_text(crate::io::score_forms::published_refusal(published.year)),
        None => access.add_enabled(ui, true, button),
    }
}
