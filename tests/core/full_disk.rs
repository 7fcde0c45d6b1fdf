//! A disk that fills up: a save, a backup and an export on a full disk each say so in Chinese,
//! leave no stray or half-written file, and lose nothing. The full disk is a small tmpfs, which
//! needs root (as on CI); elsewhere the test says it was skipped.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use zerenshu::store::{Store, StoreError};

use crate::support::{file_names, zerenshu};

/// A small tmpfs mounted for the test and unmounted when dropped.
struct SmallDisk {
    folder: PathBuf,
}

impl SmallDisk {
    fn mount(folder: PathBuf, megabytes: u32) -> Option<Self> {
        std::fs::create_dir_all(&folder).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&folder)
            .output()
            .is_ok_and(|output| output.status.success());
        mounted.then_some(Self { folder })
    }

    /// Fills the disk with one file, all but `room` bytes, and returns its path: work that
    /// needs more than `room` starts, then meets the full disk half way.
    fn fill(&self, room: u64) -> PathBuf {
        let filler = self.folder.join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![0xA5_u8; 4096];
        while file.write_all(&block).is_ok() {}
        let length = file.metadata().unwrap().len();
        file.set_len(length.saturating_sub(room)).unwrap();
        file.sync_all().unwrap();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.folder).status();
    }
}

#[test]
fn a_full_disk_is_said_in_chinese_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(dir.path().join("disk"), 16) else {
        eprintln!("跳过：不能挂载 tmpfs（需要 root），未测试磁盘已满");
        return;
    };
    let db = disk.folder.join("zerenshu.sqlite3");
    let mut store = Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let units = store.units().unwrap().len();
    let pdf_folder = disk.folder.join("pdf");
    std::fs::create_dir(&pdf_folder).unwrap();
    drop(store);

    // A backup onto the disk, with room for about the copy: some fit, the others stop half way
    // (SQLite then says only "disk I/O error") and are told as a full disk with nothing left.
    let db_arg = db.to_str().unwrap();
    let size = std::fs::metadata(&db).unwrap().len();
    let mut refused = 0;
    for extra in (0..=256).step_by(16) {
        let filler = disk.fill(size + extra * 1024);
        let out = disk.folder.join("备份.sqlite3");
        let (code, _, err) = zerenshu(&["backup", "--db", db_arg, "--out", out.to_str().unwrap()]);
        if code == 0 {
            std::fs::remove_file(&out).unwrap();
        } else {
            refused += 1;
            assert!(err.contains("磁盘空间已满"), "{extra} KB: {err}");
        }
        let left = file_names(&disk.folder);
        assert!(
            left.iter().all(|n| n.starts_with("zerenshu.sqlite3")
                || ["backups", "filler", "pdf"].contains(&n.as_str())),
            "{extra} KB: no stray files: {left:?}"
        );
        std::fs::remove_file(filler).unwrap();
    }
    assert!(
        refused > 0 && refused < 17,
        "some backups fit, some met the full disk"
    );

    let mut store = Store::open(&db).unwrap();
    let filler = disk.fill(1024 * 1024);
    // A save bigger than the log's space: refused as a full disk, the register as it was.
    let category_id = store.units().unwrap()[0].fields.category_id;
    let saved = store.write(|w| {
        for n in 0..6000 {
            w.insert_unit(&crate::safety::new_unit(
                &format!("新设单位{n:04}"),
                category_id,
            ))?;
        }
        Ok(())
    });
    assert!(matches!(saved, Err(StoreError::DiskFull)), "{saved:?}");
    assert!(saved.unwrap_err().to_string().contains("磁盘空间已满"));
    drop(store);

    // An export onto the full disk: said so, only whole PDFs under final names.
    let pdf_arg = pdf_folder.to_str().unwrap();
    let (code, _, err) = zerenshu(&["export", "--db", db_arg, "--year", "2025", "--out", pdf_arg]);
    assert_ne!(code, 0);
    assert!(err.contains("磁盘空间已满"), "{err}");
    // The files said to be whole are those there (none when the database, on the same full
    // disk, could not record them: then none takes its final name).
    let said_written = (err.split_once("已写完的 "))
        .and_then(|(_, rest)| rest.split_once(' '))
        .map_or(0, |(count, _)| count.parse::<usize>().unwrap());
    assert_eq!(file_names(&pdf_folder).len(), said_written, "{err}");
    for name in file_names(&pdf_folder) {
        let bytes = std::fs::read(pdf_folder.join(&name)).unwrap();
        assert!(
            Path::new(&name).extension().is_some_and(|e| e == "pdf")
                && bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "only whole PDFs under final names: {name}"
        );
    }

    // Room again: everything is there and sound.
    std::fs::remove_file(filler).unwrap();
    let (code, out, _) = zerenshu(&["check", "--db", db_arg]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(Store::open(&db).unwrap().units().unwrap().len(), units);
}
