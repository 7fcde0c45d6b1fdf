//! PDF output, pure: data in, PDF bytes out, no I/O.

pub mod scan;
