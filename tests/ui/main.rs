//! Window tests with egui_kittest, in one test binary: the shell and 单位 screen, the scoring
//! workbench and the 通报与统计 screen, the unit import dialog and the file chooser, the
//! data-safety screens, a read-only window, refusal messages that go once stale, the question
//! before unsaved edits are given up (in an editor, before another year or screen, and before
//! the window closes), the signing tracker with the scans of signed copies, the print and
//! export flow, the unit form's refusals, and the year actions of 设置.

mod agreement_search;
mod agreements_flow;
mod assessment;
mod assessment_reports;
mod audit_log;
mod backup_elsewhere;
mod categories;
mod closing;
#[path = "../shared/damage.rs"]
mod damage;
mod damaged;
mod dialog_keyboard;
mod discard;
mod editors;
mod file_picker;
mod finalize_question;
#[path = "../shared/first_agreement.rs"]
mod first_agreement;
mod import;
mod indicators_final;
mod missing_file;
mod operator_name;
mod printing;
mod read_only;
mod read_only_opening;
mod refusals;
mod safety;
mod scans;
mod settings;
mod settings_bands;
mod settings_phase;
mod shell;
mod signing;
mod signing_info;
mod small_window;
#[path = "../shared/stale_tailoring.rs"]
mod stale_tailoring;
mod support;
mod tailoring_flow;
#[path = "../shared/targets_clause.rs"]
mod targets_clause;
mod template_flow;
mod template_sections;
mod tracker_keyboard;
mod tracker_search;
mod tracker_sort;
mod unit_form;
mod unit_form_keys;
mod unit_form_lengths;
mod unit_search;
mod unsaved;
mod void_codes;
mod welcome;
#[path = "../shared/xlsx_rewrite.rs"]
mod xlsx_rewrite;
mod years;
