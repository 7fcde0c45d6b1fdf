//! PDF output, pure: data in, PDF bytes out, no I/O.

pub mod fonts;
pub mod linebreak;
pub mod scan;
