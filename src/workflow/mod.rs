//! The office's yearly work as services over the store, shared by the window and the command
//! line: batch drafting, the signing lifecycle, PDF export and verification, the signed copy
//! (签订件) made from the archived scan, year rollover and listings.

pub mod code_lookup;
pub mod drafting;
pub mod export;
pub mod lifecycle;
pub mod listing;
pub mod notice;
pub mod results;
pub mod rollover;
pub mod scan_pages;
pub mod signed_copy;
pub mod statistics;
pub mod template_save;
pub mod verify;
pub mod verify_report;
pub mod void_files;
pub mod voided;
