//! Tests of the backup files' names: read back to their time, reason and counter.

use super::*;

#[test]
fn names_parse_back_to_time_and_reason() {
    let (at, reason, counter) = parse_name("20261130-093005-每日首次启动").unwrap();
    assert_eq!(at.to_string(), "2026-11-30 09:30:05");
    assert_eq!((reason, counter), (BackupReason::Daily, 1));
    let (_, reason, counter) = parse_name("20261130-093005-恢复备份前-2").unwrap();
    assert_eq!((reason, counter), (BackupReason::Restore, 2));
    // The English words of earlier versions' files.
    let (at, reason, counter) = parse_name("20261130-093005-daily").unwrap();
    assert_eq!(at.to_string(), "2026-11-30 09:30:05");
    assert_eq!((reason, counter), (BackupReason::Daily, 1));
    let (_, reason, counter) = parse_name("20261130-093005-import-13").unwrap();
    assert_eq!((reason, counter), (BackupReason::Import, 13));
    assert!(parse_name("20261130-093005-unknown").is_none());
    assert!(parse_name("copy of mine").is_none());
    assert!(parse_name("").is_none());
}
