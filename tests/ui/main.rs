//! Window tests with egui_kittest, in one test binary: the shell and 单位 screen, the scoring
//! workbench and the 通报与统计 screen, the unit import dialog, the data-safety screens and the
//! signing tracker with the scans of signed copies.

mod assessment;
mod assessment_reports;
mod editors;
mod import;
mod safety;
mod scans;
mod settings;
mod shell;
mod signing;
mod signing_info;
