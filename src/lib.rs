//! zerenshu (责任书): drafting, printing, tracking and assessing the yearly
//! 安全生产目标管理责任书 of a city's safety committee office.
//!
//! Module map:
//! - [`model`]: the domain, pure (units, years, templates, indicators, agreements, scores, grades).
//! - [`store`]: the only module that touches SQLite: schema, migrations, queries, audit log.
//! - [`demo`]: the fictional 示例市 demo data set.
//! - [`fonts`]: the CJK fonts shipped in the binary.
//! - [`io`]: spreadsheet and CSV import (units), with a preview before anything is written.
//! - [`ui`]: the egui application, one file per view.
//! - [`cli`]: the headless subcommands over the same services.

pub mod cli;
pub mod demo;
pub mod fonts;
pub mod io;
pub mod model;
pub mod store;
pub mod ui;
