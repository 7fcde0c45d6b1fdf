//! PDF output, pure: data in, PDF bytes out, no I/O.
//!
//! [`fonts`] picks a face per role and character, [`linebreak`] breaks Chinese lines with
//! 避头尾, [`layout`] (with `justify`) and [`table`] place the agreement on the GB/T 9704 page ([`page`]),
//! [`writer`] turns pages into PDF bytes, and [`agreement`] puts it together; [`scan`] makes
//! the signed copy's PDF from its scan (`scan_stamp` appends the facts to a PDF scan).
//! [`notice`] and [`notice_table`] typeset the results notice
//! (考核结果通报) with its landscape score tables.

pub mod agreement;
mod annex_note;
mod balance;
pub mod colophon;
mod compact;
mod compact_frame;
mod draw;
pub mod font_roles;
pub mod fonts;
mod justify;
pub mod layout;
pub mod linebreak;
pub mod notice;
pub mod notice_table;
mod outline;
pub mod page;
pub mod scan;
mod scan_jpeg;
mod scan_stamp;
mod signature;
pub mod table;
pub mod title;
mod turn;
mod watermark;
pub mod writer;
