//! Documents built from the register, pure (no I/O): template + unit + year → a structured
//! agreement, ready for the typesetter and frozen as JSON at 定稿; the year's results → the
//! results notice (考核结果通报).

pub mod agreement;
pub mod notice;
mod notice_wording;

pub use agreement::{AgreementContent, ContentIndicator, ContentSection, build_agreement};
pub use notice::{NoticeContent, NoticeWording, build_notice};
