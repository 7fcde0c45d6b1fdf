//! The 签订跟踪 tab driven by its Chinese labels, in parts: the list with its filters and
//! selection, 标记已打印, 标记已签订 and the signing form, 退回草稿 with a reason, the scans and
//! signed copies, drafts (copies, the batch 定稿 question, clause changes waiting to be redone)
//! with the year rollover from 设置, and where the keyboard goes after a form.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod back_to_draft;
mod drafts;
mod keyboard;
mod list;
mod printing;
mod signed;
mod signed_copies;
