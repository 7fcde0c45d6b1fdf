//! The first agreement of the demo's 2025 with a given status, for the tests of the window
//! and of the command line alike.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::store::Store;

/// The first agreement of 2025 in `store` whose status is `status`.
pub(crate) fn first_with_status(store: &Store, status: AgreementStatus) -> Agreement {
    (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == status)
        .unwrap()
}
