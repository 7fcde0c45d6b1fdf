//! zerenshu (责任书): drafting, printing, tracking and assessing the yearly
//! 安全生产目标管理责任书 of a city's safety committee office.
//!
//! Module map:
//! - [`model`]: the domain, pure (units, years, templates, indicators, agreements, scores, grades).
//! - [`store`]: the only module that touches SQLite: schema, migrations, queries, audit log.
//! - [`document`]: template + unit + year → a structured agreement (pure).
//! - [`demo`]: the fictional 示例市 demo data set.
//! - [`pdf`]: PDF bytes from documents and scans (pure).
//! - [`fonts`]: the CJK fonts shipped in the binary.
//! - [`io`]: spreadsheet and CSV import (units), with a preview before anything is written.
//! - [`workflow`]: batch drafting, the signing lifecycle, rollover and listings, over the store.
//! - [`ui`]: the egui application, one file per view.
//! - [`cli`]: the headless subcommands over the same services.

pub mod cli;
pub mod demo;
pub mod document;
pub mod fonts;
pub mod io;
pub mod model;
pub mod pdf;
pub mod store;
pub mod ui;
pub mod workflow;
