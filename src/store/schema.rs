//! The database schema as numbered migrations; `PRAGMA user_version` records how many ran.

use rusqlite::Connection;

/// Identifies a zerenshu database in the SQLite header ("ZRSH").
pub const APPLICATION_ID: i32 = 0x5A52_5348;

/// The migrations in order; migration `n` (from 1) brings the schema to version `n`.
pub const MIGRATIONS: &[&str] = &[
    MIGRATION_1_REGISTER,
    MIGRATION_2_AUDIT,
    MIGRATION_3_WORKFLOW,
    MIGRATION_4_EXPORTS,
    MIGRATION_5_GUARDS,
    MIGRATION_6_MATTERS_AND_SELF_NOTES,
    MIGRATION_7_UNIT_VERSIONS,
    MIGRATION_8_STATUS_FORWARD,
    MIGRATION_9_STATUS_ONE_STEP,
    MIGRATION_10_SCAN_VERSIONS,
    MIGRATION_11_RULE_CAPS,
    MIGRATION_12_DATABASE_ID,
    MIGRATION_13_UNDO_SIGNING,
    MIGRATION_14_UNDO_PRINTING,
    MIGRATION_15_REASONS_REQUIRED,
    MIGRATION_16_SHORT_NAME_INDEXES,
];

/// The schema version this build writes.
#[must_use]
pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// The register: settings, categories, units, years, templates, indicators, agreements, scores.
const MIGRATION_1_REGISTER: &str = r"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0 AND length(name) <= 20),
    sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE units (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 40),
    short_name      TEXT NOT NULL DEFAULT '' CHECK (length(short_name) <= 12),
    kind            TEXT NOT NULL CHECK (kind IN ('subdistrict','town','township','zone','department','enterprise')),
    category_id     INTEGER NOT NULL REFERENCES categories(id),
    principal_title TEXT NOT NULL DEFAULT '' CHECK (length(principal_title) <= 30),
    principal_name  TEXT NOT NULL DEFAULT '' CHECK (length(principal_name) <= 30),
    contact_name    TEXT NOT NULL DEFAULT '' CHECK (length(contact_name) <= 30),
    contact_phone   TEXT NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 30),
    sort_order      INTEGER NOT NULL DEFAULT 0,
    is_active       INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX units_active_name ON units(name) WHERE is_active = 1;

CREATE TABLE years (
    year                    INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    party_a_name            TEXT NOT NULL CHECK (length(trim(party_a_name)) > 0),
    party_a_signatory_title TEXT NOT NULL DEFAULT '',
    party_a_signatory_name  TEXT NOT NULL DEFAULT '',
    planned_signing_date    TEXT CHECK (planned_signing_date IS NULL OR date(planned_signing_date) = planned_signing_date),
    full_score              INTEGER NOT NULL DEFAULT 10000 CHECK (full_score > 0),
    phase                   TEXT NOT NULL DEFAULT 'preparing' CHECK (phase IN ('preparing','signing','assessing','published'))
) STRICT;

CREATE TABLE grade_bands (
    year      INTEGER NOT NULL REFERENCES years(year),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    min_total INTEGER NOT NULL CHECK (min_total >= 0),
    PRIMARY KEY (year, position),
    UNIQUE (year, name)
) STRICT;

CREATE TABLE templates (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL REFERENCES years(year),
    category_id   INTEGER NOT NULL REFERENCES categories(id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    title_pattern TEXT NOT NULL,
    preamble      TEXT NOT NULL,
    sections_json TEXT NOT NULL CHECK (json_valid(sections_json)),
    created_at    TEXT NOT NULL,
    UNIQUE (year, category_id, version)
) STRICT;

CREATE TABLE indicator_sets (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL REFERENCES years(year),
    category_id INTEGER NOT NULL REFERENCES categories(id),
    bonus_cap   INTEGER NOT NULL DEFAULT 0 CHECK (bonus_cap >= 0),
    is_final    INTEGER NOT NULL DEFAULT 0 CHECK (is_final IN (0, 1)),
    UNIQUE (year, category_id)
) STRICT;

CREATE TABLE indicators (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES indicator_sets(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    points   INTEGER NOT NULL CHECK (points >= 0),
    criteria TEXT NOT NULL DEFAULT '',
    method   TEXT NOT NULL DEFAULT '',
    UNIQUE (set_id, position)
) STRICT;

CREATE TABLE rule_items (
    id       INTEGER PRIMARY KEY,
    set_id   INTEGER NOT NULL REFERENCES indicator_sets(id),
    position INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('bonus','deduction','veto')),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    points   INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
    UNIQUE (set_id, position)
) STRICT;

CREATE TABLE agreements (
    id                INTEGER PRIMARY KEY,
    year              INTEGER NOT NULL REFERENCES years(year),
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    category_id       INTEGER NOT NULL REFERENCES categories(id),
    template_id       INTEGER NOT NULL REFERENCES templates(id),
    number            INTEGER NOT NULL CHECK (number >= 1),
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','printed','signed','archived')),
    tailoring_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(tailoring_json)),
    copies            INTEGER NOT NULL DEFAULT 2 CHECK (copies BETWEEN 1 AND 20),
    copies_returned   INTEGER NOT NULL DEFAULT 0 CHECK (copies_returned >= 0 AND copies_returned <= copies),
    party_a_signatory TEXT NOT NULL DEFAULT '',
    party_b_signatory TEXT NOT NULL DEFAULT '',
    signed_on         TEXT CHECK (signed_on IS NULL OR date(signed_on) = signed_on),
    content_hash      TEXT CHECK (content_hash IS NULL OR length(content_hash) = 64),
    CHECK (status = 'draft' OR content_hash IS NOT NULL),
    CHECK (status NOT IN ('signed','archived') OR signed_on IS NOT NULL),
    UNIQUE (year, unit_id),
    UNIQUE (year, number)
) STRICT;

CREATE TABLE scores (
    agreement_id   INTEGER NOT NULL REFERENCES agreements(id),
    indicator_id   INTEGER NOT NULL REFERENCES indicators(id),
    self_score     INTEGER CHECK (self_score IS NULL OR self_score >= 0),
    assessed_score INTEGER CHECK (assessed_score IS NULL OR assessed_score >= 0),
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, indicator_id)
) STRICT;

CREATE TRIGGER scores_within_points_insert BEFORE INSERT ON scores
WHEN max(coalesce(NEW.self_score, 0), coalesce(NEW.assessed_score, 0))
     > (SELECT points FROM indicators WHERE id = NEW.indicator_id)
BEGIN SELECT RAISE(ABORT, '得分不能超过该项指标的分值'); END;

CREATE TRIGGER scores_within_points_update BEFORE UPDATE ON scores
WHEN max(coalesce(NEW.self_score, 0), coalesce(NEW.assessed_score, 0))
     > (SELECT points FROM indicators WHERE id = NEW.indicator_id)
BEGIN SELECT RAISE(ABORT, '得分不能超过该项指标的分值'); END;

CREATE TABLE adjustments (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    item_id      INTEGER REFERENCES rule_items(id),
    kind         TEXT NOT NULL CHECK (kind IN ('bonus','deduction')),
    points       INTEGER NOT NULL CHECK (points > 0),
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;

CREATE TABLE vetoes (
    agreement_id INTEGER PRIMARY KEY REFERENCES agreements(id),
    item_id      INTEGER REFERENCES rule_items(id),
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
";

/// The append-only audit log; triggers refuse any change to a written row.
const MIGRATION_2_AUDIT: &str = r"
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
    after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json))
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作记录只能追加，不能修改'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作记录只能追加，不能删除'); END;
";

/// The signing workflow: frozen text at 定稿, scans of signed copies, and the rules that keep
/// an issued agreement's text and its template version from changing.
const MIGRATION_3_WORKFLOW: &str = r"
ALTER TABLE agreements ADD COLUMN issued_json TEXT CHECK (issued_json IS NULL OR json_valid(issued_json));
ALTER TABLE agreements ADD COLUMN finalized_at TEXT;

CREATE TRIGGER agreements_frozen_text BEFORE UPDATE ON agreements
WHEN OLD.status <> 'draft' AND (
       NEW.template_id IS NOT OLD.template_id
    OR NEW.tailoring_json IS NOT OLD.tailoring_json
    OR NEW.unit_id IS NOT OLD.unit_id
    OR NEW.year IS NOT OLD.year
    OR NEW.number IS NOT OLD.number
    OR NEW.copies IS NOT OLD.copies
    OR (NEW.status <> 'draft' AND (NEW.issued_json IS NOT OLD.issued_json OR NEW.content_hash IS NOT OLD.content_hash)))
BEGIN SELECT RAISE(ABORT, '责任书已定稿，文本不能修改；如需更正，请先退回草稿并说明理由'); END;

CREATE TRIGGER templates_in_use_frozen BEFORE UPDATE ON templates
WHEN EXISTS (SELECT 1 FROM agreements WHERE template_id = OLD.id AND status <> 'draft')
BEGIN SELECT RAISE(ABORT, '已有定稿的责任书使用此模板版本，不能直接修改'); END;

CREATE TRIGGER templates_in_use_kept BEFORE DELETE ON templates
WHEN EXISTS (SELECT 1 FROM agreements WHERE template_id = OLD.id)
BEGIN SELECT RAISE(ABORT, '有责任书使用此模板版本，不能删除'); END;

CREATE TABLE scans (
    agreement_id INTEGER PRIMARY KEY REFERENCES agreements(id),
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    bytes        BLOB NOT NULL CHECK (length(bytes) > 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at     TEXT NOT NULL
) STRICT;

CREATE TRIGGER scans_only_for_signed BEFORE INSERT ON scans
WHEN (SELECT status FROM agreements WHERE id = NEW.agreement_id) NOT IN ('signed', 'archived')
BEGIN SELECT RAISE(ABORT, '只有已签订的责任书才能归档扫描件'); END;
";

/// Exported PDFs by their SHA-256, so `verify` can tell a file is exactly one that was exported.
const MIGRATION_4_EXPORTS: &str = r"
CREATE TABLE exports (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name    TEXT NOT NULL,
    exported_at  TEXT NOT NULL
) STRICT;
CREATE INDEX exports_sha256 ON exports(sha256);
";

/// Closes the ways around the rules: a return to 草稿 must drop the frozen text and follow its
/// audited reason (so the text cannot be rewritten on the way back); an issued agreement cannot
/// be deleted or moved to another category; REPLACE cannot overwrite an agreement, a template
/// version, an audit entry or a scan (it deletes without running DELETE triggers); a scan is
/// never changed; and an indicator's points cannot drop below scores already given. Also
/// records when the signature copies were printed, for the signing tracker.
const MIGRATION_5_GUARDS: &str = r"
ALTER TABLE agreements ADD COLUMN printed_at TEXT;

CREATE TRIGGER agreements_revert_drops_text BEFORE UPDATE ON agreements
WHEN OLD.status <> 'draft' AND NEW.status = 'draft' AND (
       OLD.status IN ('signed', 'archived')
    OR NEW.issued_json IS NOT NULL
    OR NEW.content_hash IS NOT NULL
    OR NOT EXISTS (
        SELECT 1 FROM audit_log
        WHERE id = (SELECT max(id) FROM audit_log)
          AND action = '退回草稿' AND entity = 'agreement' AND entity_id = CAST(OLD.id AS TEXT)))
BEGIN SELECT RAISE(ABORT, '退回草稿须先写明理由并记入操作记录，且清除定稿文本'); END;

CREATE TRIGGER agreements_issued_kept BEFORE DELETE ON agreements
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, '已定稿的责任书不能删除'); END;

CREATE TRIGGER agreements_issued_category_kept BEFORE UPDATE OF category_id ON agreements
WHEN OLD.status <> 'draft' AND NEW.category_id IS NOT OLD.category_id
BEGIN SELECT RAISE(ABORT, '责任书已定稿，考核类别不能修改；如需更正，请先退回草稿并说明理由'); END;

-- REPLACE deletes a clashing row without running DELETE triggers: refuse the clash itself.
CREATE TRIGGER agreements_no_replace_insert BEFORE INSERT ON agreements
WHEN EXISTS (
    SELECT 1 FROM agreements
    WHERE id = NEW.id OR (year = NEW.year AND (number = NEW.number OR unit_id = NEW.unit_id)))
BEGIN SELECT RAISE(ABORT, '本年度已有该单位或该序号的责任书'); END;

CREATE TRIGGER agreements_no_replace_update BEFORE UPDATE ON agreements
WHEN NEW.id IS NOT OLD.id OR EXISTS (
    SELECT 1 FROM agreements
    WHERE id <> OLD.id AND year = NEW.year AND (number = NEW.number OR unit_id = NEW.unit_id))
BEGIN SELECT RAISE(ABORT, '本年度已有该单位或该序号的责任书'); END;

CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '操作记录只能追加，不能修改'); END;

CREATE TRIGGER templates_no_replace BEFORE INSERT ON templates
WHEN EXISTS (
    SELECT 1 FROM templates
    WHERE id = NEW.id
       OR (year = NEW.year AND category_id = NEW.category_id AND version = NEW.version))
BEGIN SELECT RAISE(ABORT, '该模板版本已存在，修改模板会另存为新版本'); END;

CREATE TRIGGER scans_no_replace BEFORE INSERT ON scans
WHEN EXISTS (SELECT 1 FROM scans WHERE agreement_id = NEW.agreement_id)
BEGIN SELECT RAISE(ABORT, '该责任书已归档扫描件，不能替换'); END;

CREATE TRIGGER scans_kept_update BEFORE UPDATE ON scans
BEGIN SELECT RAISE(ABORT, '已归档的扫描件不能修改'); END;

CREATE TRIGGER scans_kept_delete BEFORE DELETE ON scans
BEGIN SELECT RAISE(ABORT, '已归档的扫描件不能删除'); END;

CREATE TRIGGER indicators_points_cover_scores BEFORE UPDATE OF points ON indicators
WHEN EXISTS (
    SELECT 1 FROM scores
    WHERE indicator_id = NEW.id
      AND max(coalesce(self_score, 0), coalesce(assessed_score, 0)) > NEW.points)
BEGIN SELECT RAISE(ABORT, '已有得分高于新的分值，不能把该项指标的分值改小'); END;
";

/// The 事项 of a bonus or deduction, so that "the same item counts once, at its highest level"
/// tells two practices under one rule apart; and the unit's own 自评说明 beside the assessors'
/// note, so that an imported self-assessment form never overwrites what the assessors wrote.
const MIGRATION_6_MATTERS_AND_SELF_NOTES: &str = r"
ALTER TABLE adjustments ADD COLUMN matter TEXT NOT NULL DEFAULT '' CHECK (length(matter) <= 40);
ALTER TABLE scores ADD COLUMN self_note TEXT NOT NULL DEFAULT '';
";

/// Each year's version of the units: the register (`units`) is the version of the newest year;
/// a rollover keeps the old year's units as they stood, so that renaming a unit or changing its
/// principal later never changes how an earlier year's agreements, lists and notice name it.
/// The kept rows are never changed. A file that already has several years keeps its units, as
/// they are now, for every year but the newest (the best record of them there is).
const MIGRATION_7_UNIT_VERSIONS: &str = r"
CREATE TABLE unit_versions (
    year            INTEGER NOT NULL REFERENCES years(year),
    unit_id         INTEGER NOT NULL REFERENCES units(id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 40),
    short_name      TEXT NOT NULL CHECK (length(short_name) <= 12),
    kind            TEXT NOT NULL CHECK (kind IN ('subdistrict','town','township','zone','department','enterprise')),
    category_id     INTEGER NOT NULL REFERENCES categories(id),
    principal_title TEXT NOT NULL CHECK (length(principal_title) <= 30),
    principal_name  TEXT NOT NULL CHECK (length(principal_name) <= 30),
    contact_name    TEXT NOT NULL CHECK (length(contact_name) <= 30),
    contact_phone   TEXT NOT NULL CHECK (length(contact_phone) <= 30),
    sort_order      INTEGER NOT NULL,
    is_active       INTEGER NOT NULL CHECK (is_active IN (0, 1)),
    PRIMARY KEY (year, unit_id)
) STRICT;

CREATE TRIGGER unit_versions_no_replace BEFORE INSERT ON unit_versions
WHEN EXISTS (SELECT 1 FROM unit_versions WHERE year = NEW.year AND unit_id = NEW.unit_id)
BEGIN SELECT RAISE(ABORT, '该年度的单位信息已保存，不能替换'); END;

CREATE TRIGGER unit_versions_kept_update BEFORE UPDATE ON unit_versions
BEGIN SELECT RAISE(ABORT, '往年的单位信息随年度结转保存，不能修改'); END;

CREATE TRIGGER unit_versions_kept_delete BEFORE DELETE ON unit_versions
BEGIN SELECT RAISE(ABORT, '往年的单位信息随年度结转保存，不能删除'); END;

INSERT INTO unit_versions
SELECT y.year, u.id, u.name, u.short_name, u.kind, u.category_id, u.principal_title,
       u.principal_name, u.contact_name, u.contact_phone, u.sort_order, u.is_active
FROM years y CROSS JOIN units u
WHERE y.year < (SELECT max(year) FROM years);
";

/// An agreement's status only moves forward (草稿 → 已定稿 → 已打印 → 已签订 → 已归档); going
/// back is 退回草稿 alone, which `agreements_revert_drops_text` guards. Also not by direct SQL.
const MIGRATION_8_STATUS_FORWARD: &str = r"
CREATE TRIGGER agreements_status_forward BEFORE UPDATE OF status ON agreements
WHEN NEW.status <> 'draft'
 AND (CASE NEW.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
   < (CASE OLD.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
BEGIN SELECT RAISE(ABORT, '责任书状态只能依次向前（草稿、已定稿、已打印、已签订、已归档）；改正须“退回草稿”并写明理由'); END;
";

/// A status moves forward one step at a time, also by direct SQL: 已签订 only after 已打印 (the
/// signature copies come from the print file), 已归档 only after 已签订.
const MIGRATION_9_STATUS_ONE_STEP: &str = r"
CREATE TRIGGER agreements_status_one_step BEFORE UPDATE OF status ON agreements
WHEN NEW.status <> 'draft'
 AND (CASE NEW.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
   > (CASE OLD.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END) + 1
BEGIN SELECT RAISE(ABORT, '责任书状态须逐步向前，不能跳过（草稿、已定稿、已打印、已签订、已归档）；标记已签订须先标记已打印'); END;
";

/// Scans in versions and pages: a scan of several images keeps each as a page, and a wrong or
/// incomplete scan is replaced by a new version (更换扫描件, with a reason) while the old one is
/// kept. The table is rebuilt with the version and page in its key, the archived scans becoming
/// version 1, page 1. Rows are still never changed or deleted, and each follows its audit entry:
/// 归档扫描件 for version 1 of a 已签订 agreement, 更换扫描件 for a later version of an 已归档
/// one; pages come in order, and a PDF is a version's only file. 已归档 needs a scan.
const MIGRATION_10_SCAN_VERSIONS: &str = r"
DROP TRIGGER scans_only_for_signed;
DROP TRIGGER scans_no_replace;
DROP TRIGGER scans_kept_update;
DROP TRIGGER scans_kept_delete;
ALTER TABLE scans RENAME TO scans_before_10;

CREATE TABLE scans (
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    page         INTEGER NOT NULL CHECK (page >= 1),
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    bytes        BLOB NOT NULL CHECK (length(bytes) > 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at     TEXT NOT NULL,
    PRIMARY KEY (agreement_id, version, page)
) STRICT;

INSERT INTO scans (agreement_id, version, page, file_name, media_type, bytes, sha256, added_at)
SELECT agreement_id, 1, 1, file_name, media_type, bytes, sha256, added_at FROM scans_before_10;
DROP TABLE scans_before_10;

CREATE TRIGGER scans_follow_audit BEFORE INSERT ON scans
WHEN NOT EXISTS (
    SELECT 1 FROM audit_log
    WHERE id = (SELECT max(id) FROM audit_log)
      AND entity = 'scan' AND entity_id = CAST(NEW.agreement_id AS TEXT)
      AND ((action = '归档扫描件' AND NEW.version = 1
            AND (SELECT status FROM agreements WHERE id = NEW.agreement_id) = 'signed')
        OR (action = '更换扫描件' AND NEW.version > 1
            AND (SELECT status FROM agreements WHERE id = NEW.agreement_id) = 'archived')))
BEGIN SELECT RAISE(ABORT, '扫描件须随操作记录写入：已签订的责任书“归档扫描件”，已归档的“更换扫描件”并写明理由'); END;

-- Pages in order within the newest version, which follows the one before; this also refuses
-- REPLACE, which would delete the clashing row without running the DELETE trigger.
CREATE TRIGGER scans_in_order BEFORE INSERT ON scans
WHEN NEW.version <> coalesce((SELECT max(version) FROM scans WHERE agreement_id = NEW.agreement_id), 0)
                    + (NEW.page = 1)
  OR NEW.page <> coalesce((SELECT max(page) FROM scans
                           WHERE agreement_id = NEW.agreement_id AND version = NEW.version), 0) + 1
  OR (NEW.page > 1 AND (NEW.media_type = 'application/pdf' OR EXISTS (
        SELECT 1 FROM scans WHERE agreement_id = NEW.agreement_id AND version = NEW.version
                              AND media_type = 'application/pdf')))
BEGIN SELECT RAISE(ABORT, '扫描件只能按版本和页序追加（PDF 只能单独成一版），已归档的扫描件不能替换'); END;

CREATE TRIGGER scans_kept_update BEFORE UPDATE ON scans
BEGIN SELECT RAISE(ABORT, '已归档的扫描件不能修改'); END;

CREATE TRIGGER scans_kept_delete BEFORE DELETE ON scans
BEGIN SELECT RAISE(ABORT, '已归档的扫描件不能删除'); END;

CREATE TRIGGER agreements_archived_has_scan BEFORE UPDATE OF status ON agreements
WHEN NEW.status = 'archived' AND OLD.status <> 'archived'
 AND NOT EXISTS (SELECT 1 FROM scans WHERE agreement_id = NEW.id)
BEGIN SELECT RAISE(ABORT, '归档须先存入签订件扫描件'); END;
";

/// A bonus or deduction rule's own limit, 累计最多 ("每处扣1分，累计最多扣4分"): what all of a
/// unit's entries under it add or take together; NULL for none. Never on a veto, never below
/// one entry's points.
const MIGRATION_11_RULE_CAPS: &str = r"
ALTER TABLE rule_items ADD COLUMN cap INTEGER
    CHECK (cap IS NULL OR (cap > 0 AND cap >= points AND kind <> 'veto'));
";

/// The database's own identity, never changed: a backup carries it, a file of another database
/// has another, so that a restore can tell the two apart. A new database draws it at random; a
/// database with a history takes it from the first entry of its log, so that a backup taken
/// before this migration and migrated later (on a restore) gets the same identity as the file.
const MIGRATION_12_DATABASE_ID: &str = r"
INSERT OR IGNORE INTO settings (key, value) VALUES ('database_id', coalesce(
    (SELECT lower(hex(id || '|' || at || '|' || operator || '|' || action))
     FROM audit_log ORDER BY id LIMIT 1),
    lower(hex(randomblob(16)))));

CREATE TRIGGER settings_database_id_kept BEFORE UPDATE ON settings
WHEN OLD.key = 'database_id'
BEGIN SELECT RAISE(ABORT, '数据库标识不能修改'); END;

CREATE TRIGGER settings_database_id_not_deleted BEFORE DELETE ON settings
WHEN OLD.key = 'database_id'
BEGIN SELECT RAISE(ABORT, '数据库标识不能删除'); END;
";

/// 撤销签订: an agreement marked 已签订 by mistake goes back to 已打印, its signing cleared,
/// only right after its audited 撤销签订 entry (the writer requires and logs the reason in it),
/// as 退回草稿 goes back; every other step back is still refused, also by direct SQL.
const MIGRATION_13_UNDO_SIGNING: &str = r"
DROP TRIGGER agreements_status_forward;
CREATE TRIGGER agreements_status_forward BEFORE UPDATE OF status ON agreements
WHEN NEW.status <> 'draft'
 AND (CASE NEW.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
   < (CASE OLD.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
 AND NOT (OLD.status = 'signed' AND NEW.status = 'printed'
          AND NEW.signed_on IS NULL AND NEW.copies_returned = 0
          AND NEW.party_a_signatory = '' AND NEW.party_b_signatory = ''
          AND EXISTS (
              SELECT 1 FROM audit_log
              WHERE id = (SELECT max(id) FROM audit_log)
                AND action = '撤销签订' AND entity = 'agreement'
                AND entity_id = CAST(OLD.id AS TEXT)))
BEGIN SELECT RAISE(ABORT, '责任书状态只能依次向前（草稿、已定稿、已打印、已签订、已归档）；改正须“退回草稿”并写明理由，误标的已签订须“撤销签订”并写明理由'); END;
";

/// 撤销打印: an agreement marked 已打印 by mistake (or on a wrong day) goes back to 已定稿, its
/// printing date cleared, only right after its audited 撤销打印 entry, as 撤销签订 goes back;
/// every other step back is still refused, also by direct SQL.
const MIGRATION_14_UNDO_PRINTING: &str = r"
DROP TRIGGER agreements_status_forward;
CREATE TRIGGER agreements_status_forward BEFORE UPDATE OF status ON agreements
WHEN NEW.status <> 'draft'
 AND (CASE NEW.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
   < (CASE OLD.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
 AND NOT (OLD.status = 'signed' AND NEW.status = 'printed'
          AND NEW.signed_on IS NULL AND NEW.copies_returned = 0
          AND NEW.party_a_signatory = '' AND NEW.party_b_signatory = ''
          AND EXISTS (
              SELECT 1 FROM audit_log
              WHERE id = (SELECT max(id) FROM audit_log)
                AND action = '撤销签订' AND entity = 'agreement'
                AND entity_id = CAST(OLD.id AS TEXT)))
 AND NOT (OLD.status = 'printed' AND NEW.status = 'final' AND NEW.printed_at IS NULL
          AND EXISTS (
              SELECT 1 FROM audit_log
              WHERE id = (SELECT max(id) FROM audit_log)
                AND action = '撤销打印' AND entity = 'agreement'
                AND entity_id = CAST(OLD.id AS TEXT)))
BEGIN SELECT RAISE(ABORT, '责任书状态只能依次向前（草稿、已定稿、已打印、已签订、已归档）；改正须“退回草稿”并写明理由，误标的已打印、已签订须“撤销打印”“撤销签订”并写明理由'); END;
";

/// Every step back (退回草稿, 撤销签订, 撤销打印) follows an audited entry that gives its reason:
/// an entry of the right name without one no longer opens the way, also not by direct SQL.
const MIGRATION_15_REASONS_REQUIRED: &str = r"
DROP TRIGGER agreements_revert_drops_text;
CREATE TRIGGER agreements_revert_drops_text BEFORE UPDATE ON agreements
WHEN OLD.status <> 'draft' AND NEW.status = 'draft' AND (
       OLD.status IN ('signed', 'archived')
    OR NEW.issued_json IS NOT NULL
    OR NEW.content_hash IS NOT NULL
    OR NOT EXISTS (
        SELECT 1 FROM audit_log
        WHERE id = (SELECT max(id) FROM audit_log)
          AND action = '退回草稿' AND entity = 'agreement' AND entity_id = CAST(OLD.id AS TEXT)
          AND trim(coalesce(json_extract(after_json, '$.revert_reason'), '')) <> ''))
BEGIN SELECT RAISE(ABORT, '退回草稿须先写明理由并记入操作记录，且清除定稿文本'); END;

DROP TRIGGER agreements_status_forward;
CREATE TRIGGER agreements_status_forward BEFORE UPDATE OF status ON agreements
WHEN NEW.status <> 'draft'
 AND (CASE NEW.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
   < (CASE OLD.status WHEN 'final' THEN 1 WHEN 'printed' THEN 2 WHEN 'signed' THEN 3 WHEN 'archived' THEN 4 ELSE 0 END)
 AND NOT (OLD.status = 'signed' AND NEW.status = 'printed'
          AND NEW.signed_on IS NULL AND NEW.copies_returned = 0
          AND NEW.party_a_signatory = '' AND NEW.party_b_signatory = ''
          AND EXISTS (
              SELECT 1 FROM audit_log
              WHERE id = (SELECT max(id) FROM audit_log)
                AND action = '撤销签订' AND entity = 'agreement'
                AND entity_id = CAST(OLD.id AS TEXT)
                AND trim(coalesce(json_extract(after_json, '$.reason'), '')) <> ''))
 AND NOT (OLD.status = 'printed' AND NEW.status = 'final' AND NEW.printed_at IS NULL
          AND EXISTS (
              SELECT 1 FROM audit_log
              WHERE id = (SELECT max(id) FROM audit_log)
                AND action = '撤销打印' AND entity = 'agreement'
                AND entity_id = CAST(OLD.id AS TEXT)
                AND trim(coalesce(json_extract(after_json, '$.reason'), '')) <> ''))
BEGIN SELECT RAISE(ABORT, '责任书状态只能依次向前（草稿、已定稿、已打印、已签订、已归档）；改正须“退回草稿”并写明理由，误标的已打印、已签订须“撤销打印”“撤销签订”并写明理由'); END;
";

/// Indexes for finding an active unit by the name it is shown under (its short name, else its
/// name) and by its short name: every unit written checks that no other is shown so, which
/// without them read the whole register each time (an import of 10,000 units took seconds
/// per thousand).
const MIGRATION_16_SHORT_NAME_INDEXES: &str = r"
CREATE INDEX units_active_shown_name ON units(coalesce(nullif(short_name, ''), name)) WHERE is_active = 1;
CREATE INDEX units_active_short_name ON units(short_name) WHERE is_active = 1;
";

/// The schema version recorded in the file.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Runs every migration after the file's version, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    migrate_to(conn, latest_version())
}

/// Runs migrations up to and including `target` (used by tests to build old files).
pub fn migrate_to(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    let current = version(conn)?;
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let number = i64::try_from(index).unwrap_or(i64::MAX) + 1;
        if number <= current || number > target {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", number)?;
        tx.commit()?;
    }
    Ok(())
}
