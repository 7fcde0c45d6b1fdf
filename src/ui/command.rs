//! What views ask the app to do; applied after the frame is drawn.

use std::path::PathBuf;

use crate::model::{IndicatorSet, Tailoring, TemplateDraft, UnitDraft};

/// A place a step of the first year's checklist is done in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The 单位 screen.
    Units,
    /// 设置 → 年度设置.
    YearSettings,
    /// 责任书 → 模板, on the category given (the first one a step names), if any.
    Templates(Option<i64>),
    /// 责任书 → 考核指标, on the category given, if any.
    Indicators(Option<i64>),
}

/// A request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Reads the data again (another year was chosen).
    Reload,
    /// Goes to where a step is done (a step of the checklist was clicked); leaving a screen
    /// with unsaved edits asks first, as the navigation does.
    GoTo(Place),
    /// Lists the automatic backups again (设置 was opened).
    RefreshBackups,
    /// Saves a new unit (`id` None) or changes one.
    SaveUnit {
        /// The unit edited, if not new.
        id: Option<i64>,
        /// The form's fields.
        draft: UnitDraft,
    },
    /// Archives or restores a unit.
    SetUnitActive {
        /// The unit.
        id: i64,
        /// True to restore.
        is_active: bool,
    },
    /// Loads the demo data (welcome dialog), `operator` the name the audit log gives.
    LoadDemo {
        /// The operator name, written into the audit log from now on.
        operator: String,
    },
    /// Starts an empty register with one year (welcome dialog).
    StartBlank {
        /// 甲方 name.
        party_a_name: String,
        /// The first year.
        year: i32,
        /// The operator name, written into the audit log from now on.
        operator: String,
    },
    /// Leaves the welcome dialog for 设置 → 备份与恢复, to restore a backup instead of
    /// starting (the dialog comes back when 设置 is left, or on the next start, while the
    /// database stays empty).
    ShowBackups,
    /// Opens the chooser of another database file to work on in place of this one (asked
    /// from 设置 → 常规 → 数据文件), once no edits are left unsaved.
    ChooseOtherDatabase,
    /// Adds an assessment category.
    AddCategory(String),
    /// Takes a backup into the `backups/` folder now.
    BackupNow,
    /// Writes a backup into the chosen folder.
    BackupInto(PathBuf),
    /// Reads what a backup holds, for the 备份与恢复 tab.
    InspectBackup(PathBuf),
    /// Replaces the open database by a backup (confirmed once).
    RestoreBackup(PathBuf),
    /// Replaces a damaged database (that could not be opened) by a backup.
    RestoreOverDamaged(PathBuf),
    /// Opens the question before 清空数据，从空白开始, saying what the database holds now.
    AskStartOver,
    /// Replaces every piece of data by a blank register of the year (backed up first).
    StartOver {
        /// 甲方 of the year.
        party_a_name: String,
        /// The year to start with.
        year: i32,
    },
    /// Searches the audit log for the newest `limit` entries that meet `filter`.
    SearchAudit {
        /// The conditions.
        filter: crate::store::AuditFilter,
        /// How many entries at most, newest first.
        limit: usize,
    },
    /// Removes an assessment category nothing uses (confirmed once).
    DeleteCategory(i64),
    /// Moves an assessment category one place up or down the list.
    MoveCategory {
        /// The category.
        id: i64,
        /// Up (towards the top) or down.
        up: bool,
    },
    /// Renames an assessment category.
    RenameCategory {
        /// The category.
        id: i64,
        /// The new name.
        name: String,
    },
    /// Saves the selected year's settings (甲方, signatory, planned date, full score, bands,
    /// phase).
    SaveYear {
        /// The settings as edited.
        year: Box<crate::model::Year>,
        /// Why, when the phase leaves 已通报.
        reason: Option<String>,
        /// True once the clerk confirmed publishing (moving the phase to 已通报); until then
        /// publishing settings are checked and the question asked instead of saving.
        is_confirmed: bool,
    },
    /// Sets the operator name for the audit log.
    SetOperator(String),
    /// Drafts agreements for these units in the selected year (runs in the background).
    DraftAgreements {
        /// The units.
        ids: Vec<i64>,
        /// Copies each agreement is signed in (一式 N 份).
        copies: i64,
    },
    /// Sets how many copies a draft is signed in (一式 N 份).
    SetCopies {
        /// The agreement.
        id: i64,
        /// The copies.
        copies: i64,
    },
    /// 定稿 for these agreements.
    Finalize(Vec<i64>),
    /// 已打印 for these agreements, printed on a day.
    MarkPrinted {
        /// The agreements.
        ids: Vec<i64>,
        /// The day the signature copies were printed.
        printed_on: chrono::NaiveDate,
    },
    /// 已签订 for these agreements on a date.
    MarkSigned {
        /// The agreements.
        ids: Vec<i64>,
        /// The signing date.
        signed_on: chrono::NaiveDate,
        /// Who signed for 甲方 (the year's signatory unless another leader signed).
        party_a: String,
    },
    /// 已签订 for one agreement with its own date, signatories and returned copies.
    SignOne {
        /// The agreement.
        id: i64,
        /// What was signed.
        signing: crate::store::Signing,
    },
    /// Corrects the signing information of a 已签订 or 已归档 agreement, with a reason.
    CorrectSigning {
        /// The agreement.
        id: i64,
        /// The signing information as it should be.
        signing: crate::store::Signing,
        /// Why, for the audit log.
        reason: String,
    },
    /// Exports these agreements as PDFs into a folder (runs in the background).
    ExportPdfs {
        /// The agreements.
        ids: Vec<i64>,
        /// The folder.
        folder: std::path::PathBuf,
    },
    /// Writes a print file of these agreements and opens it.
    PrintAgreements {
        /// The agreements.
        ids: Vec<i64>,
        /// Copies of each, or `None` for each agreement's own number.
        copies: Option<usize>,
    },
    /// Shows the pages of one agreement.
    Preview(i64),
    /// Finds the agreement of a verification code in every year and turns to its year.
    FindCode(String),
    /// Turns to another year (an agreement number of that year was typed in the search).
    ShowYear(i32),
    /// Says which agreement a PDF file is and whether it is exactly the one exported.
    VerifyPdf(std::path::PathBuf),
    /// Changes one cell of the scoring workbench.
    SetScore {
        /// The new scores and note for one agreement and indicator.
        score: crate::model::Score,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Changes the note of one cell, keeping its scores as stored when it is applied.
    SetScoreNote {
        /// The agreement.
        agreement_id: i64,
        /// The indicator.
        indicator_id: i64,
        /// The note.
        note: String,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Adds a bonus or deduction.
    AddAdjustment {
        /// The adjustment.
        adjustment: crate::model::Adjustment,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Removes a bonus or deduction.
    DeleteAdjustment {
        /// The adjustment.
        id: i64,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Changes a recorded bonus or deduction in place (its id is `adjustment.id`).
    ChangeAdjustment {
        /// The adjustment as changed.
        adjustment: crate::model::Adjustment,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Records a veto.
    SetVeto {
        /// The veto.
        veto: crate::model::Veto,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Lifts a veto.
    ClearVeto {
        /// The agreement.
        agreement_id: i64,
        /// Why, when the results are already published.
        reason: Option<String>,
    },
    /// Writes the score summary spreadsheet into a folder.
    ExportSummary(std::path::PathBuf),
    /// Writes one self-assessment form per unit into a folder.
    ExportForms(std::path::PathBuf),
    /// Reads filled self-assessment forms and shows what importing them would change.
    PreviewScoreImport(Vec<std::path::PathBuf>),
    /// Opens the chooser of filled self-assessment forms on the 通报与统计 screen (asked from
    /// the 考核 screen, where the scores are entered).
    StartFormsImport,
    /// Applies the previewed score import.
    ApplyScoreImport,
    /// Opens the notice wording editor with the stored wording.
    EditNoticeWording,
    /// Saves the notice wording.
    SaveNoticeWording(crate::document::NoticeWording),
    /// Writes the results notice PDF into a folder.
    ExportNotice {
        /// The folder.
        folder: std::path::PathBuf,
        /// The date in the notice's 落款.
        issued_on: chrono::NaiveDate,
    },
    /// Saves a draft's tailoring.
    SetTailoring {
        /// The agreement.
        id: i64,
        /// The new tailoring.
        tailoring: Tailoring,
    },
    /// Takes an agreement marked 已打印 by mistake back to 已定稿 (撤销打印), with a reason.
    UndoPrinting {
        /// The agreement.
        id: i64,
        /// Why.
        reason: String,
    },
    /// Takes an agreement marked 已签订 by mistake back to 已打印 (撤销签订), with a reason.
    UndoSigning {
        /// The agreement.
        id: i64,
        /// Why.
        reason: String,
    },
    /// Deletes a draft agreement (删除草稿).
    DeleteDraft(i64),
    /// Takes agreements back to 草稿 with one reason, all or none.
    RevertToDraft {
        /// The agreements.
        ids: Vec<i64>,
        /// Why.
        reason: String,
    },
    /// Counts the pages of the files chosen as agreement `id`'s scan against the pages it
    /// prints, before they are stored.
    CheckScanPages {
        /// The agreement.
        id: i64,
        /// The files chosen.
        paths: Vec<std::path::PathBuf>,
    },
    /// Stores the scan of a signed copy and archives the agreement.
    ArchiveScan {
        /// The agreement.
        id: i64,
        /// The scan's files: one PDF, or images (one page each, in file-name order).
        paths: Vec<PathBuf>,
    },
    /// Replaces the scan of an archived agreement, with a reason for the audit log.
    ReplaceScan {
        /// The agreement.
        id: i64,
        /// The new scan's files.
        paths: Vec<PathBuf>,
        /// Why.
        reason: String,
    },
    /// Writes the signed copies of archived agreements as PDFs into a folder.
    ExportSigned {
        /// The agreements.
        ids: Vec<i64>,
        /// The folder.
        folder: PathBuf,
    },
    /// Saves a template edited from a version.
    SaveTemplate {
        /// The version edited, if any.
        base_id: Option<i64>,
        /// The content.
        draft: TemplateDraft,
    },
    /// Saves an indicator set.
    SaveIndicators(IndicatorSet),
    /// Starts a category's indicators for the selected year (or fills its set still blank):
    /// blank, copied from another category's set, or from the reference indicators.
    CreateIndicators {
        /// The category.
        category_id: i64,
        /// What the new set holds at first.
        start: IndicatorStart,
    },
    /// Marks an indicator set final or not.
    SetIndicatorsFinal {
        /// The set.
        set_id: i64,
        /// True to mark final.
        is_final: bool,
    },
    /// Reads a unit import file and opens the 导入单位 dialog with its preview.
    PreviewUnitImport(PathBuf),
    /// Writes the preview shown in the open 导入单位 dialog, in one transaction.
    ApplyUnitImport,
    /// Writes the units in use as 单位名单.xlsx (the import's columns) into a folder.
    ExportUnits(PathBuf),
    /// Copies the selected year into a new one (confirmed once).
    Rollover {
        /// The source year.
        from: i32,
        /// The new year.
        to: i32,
    },
    /// Deletes a year that has no agreements and no scores (confirmed once).
    DeleteYear(i32),
}

/// What a category's new indicator set holds at first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorStart {
    /// Nothing: the clerk fills it in row by row.
    Blank,
    /// A copy of this set of another category.
    Copy(i64),
    /// The reference indicators, for towns (`true`) or for departments.
    Reference {
        /// True for the 镇街 reference, false for the departments'.
        is_towns: bool,
    },
}

impl Command {
    /// The agreements a change of status moves (定稿, 已打印, 已签订, 退回草稿; one or many),
    /// for the list to follow them; `None` for any other command.
    #[must_use]
    pub fn status_change_ids(&self) -> Option<&[i64]> {
        match self {
            Self::Finalize(ids)
            | Self::MarkPrinted { ids, .. }
            | Self::MarkSigned { ids, .. }
            | Self::RevertToDraft { ids, .. } => Some(ids),
            _ => None,
        }
    }
}
