//! Integration tests of the library and the command line, in one test binary: one link step
//! and one copy of the embedded fonts instead of one per file (CI builds on a small disk).

mod audit_filters;
mod backups;
mod cli;
mod cli_advice;
mod cli_destinations;
mod cli_export;
mod cli_hints;
mod cli_messages;
mod cli_notice_hints;
mod cli_outputs;
mod cli_publish;
mod cli_question_unlocked;
mod cli_score;
mod cli_settings;
mod cli_sharing;
mod concurrent_writes;
mod copies;
#[path = "../shared/damage.rs"]
mod damage;
mod demo;
mod export;
#[path = "../shared/first_agreement.rs"]
mod first_agreement;
mod full_disk;
mod fuzz_inputs;
mod import;
mod import_cli;
mod import_confirm;
mod import_details;
mod import_layouts;
mod import_registered;
mod migrations;
mod migrations_later;
mod notice;
mod pdf;
mod pdf_readback;
mod print_file;
mod restore_exports;
mod rule_items;
mod safety;
mod safety_opening;
mod scan_archive;
mod score_forms;
mod score_summary;
mod score_summary_empty;
mod signed_copy;
mod signed_copy_replace;
mod signing;
#[path = "../shared/stale_tailoring.rs"]
mod stale_tailoring;
mod store;
mod store_audit;
mod store_files;
mod store_names;
mod support;
#[path = "../shared/targets_clause.rs"]
mod targets_clause;
mod unit_export;
mod version_mismatch;
mod voided_codes;
mod workflow;
#[path = "../shared/xlsx_rewrite.rs"]
mod xlsx_rewrite;
mod year_removal;
