//! Tests of what the safety screens say: the room a restore needs on a full disk.

use super::*;

#[test]
fn a_full_disk_met_restoring_says_the_room_both_copies_need() {
    let mb = 1024 * 1024;
    assert_eq!(
        room_needed(&StoreError::DiskFull, 3 * mb, 2 * mb),
        "（恢复先备份当前数据（约 3.0 MB），再复制所选备份（约 2.0 MB），共需约 5.0 MB 的空闲空间）"
    );
    let other = StoreError::Rejected("别的原因".to_owned());
    assert_eq!(room_needed(&other, 3 * mb, 2 * mb), "");
}
