//! The domain of the yearly cycle, pure: no egui, no SQL.
//!
//! Units sign agreements each year; agreements are drawn from a template and carry the
//! year's indicators; at year end scores, adjustments and vetoes give totals, grades and
//! ranks, which are always derived here and never stored.

pub mod agreement;
pub mod agreement_code;
mod agreement_dates;
pub mod assessment;
pub mod category;
pub mod collation;
pub mod dates;
pub mod file_name;
pub mod free_text;
pub mod indicator;
pub mod phase_notes;
pub mod phone;
pub mod points;
pub mod punctuation;
pub mod reason;
pub mod rule_wording;
pub mod tailoring;
pub mod template;
pub mod text_diff;
pub mod unit;
pub mod unit_inputs;
mod unit_kind;
pub mod unit_names;
mod unit_text;
pub mod year;

pub use agreement::{Agreement, AgreementDraft, AgreementStatus};
pub use assessment::{
    Adjustment, AdjustmentKind, AssessmentRow, INCOMPLETE_GRADE, Score, UNSCORED_GRADE,
    UnitAssessment, Veto, assess_category,
};
pub use category::Category;
pub use indicator::{Indicator, IndicatorSet, ItemKind, RuleItem};
pub use points::{Points, PointsError};
pub use tailoring::{ClauseChange, ControlTarget, Tailoring};
pub use template::{Placeholder, Section, Template, TemplateDraft};
pub use unit::{FieldError, Unit, UnitDraft, UnitField, UnitKind};
pub use unit_inputs::unit_inputs;
pub use year::{GradeBand, Phase, Year};
