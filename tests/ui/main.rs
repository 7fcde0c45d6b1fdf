//! Window tests with egui_kittest, in one test binary: the shell and 单位 screen, the scoring
//! workbench, the unit import dialog and the data-safety screens.

mod assessment;
mod editors;
mod import;
mod safety;
mod settings;
mod shell;
