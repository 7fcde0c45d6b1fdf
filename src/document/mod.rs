//! Documents built from the register, pure (no I/O): template + unit + year → a structured
//! agreement, ready for the typesetter and frozen as JSON at 定稿.

pub mod agreement;

pub use agreement::{AgreementContent, ContentIndicator, ContentSection, build_agreement};
