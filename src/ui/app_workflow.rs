//! Applying the signing workflow's commands: drafting, lifecycle steps, tailoring, scans,
//! template and indicator edits, and the year rollover and deletion.

use crate::model::agreement::{printed_catch_ups, signing_date_note};
use crate::model::dates::show_date;
use crate::model::{IndicatorSet, Points};
use crate::store::{Store, StoreError, TemplateSaved};
use crate::workflow::{lifecycle, rollover, signed_copy, template_save};

use super::app::App;
use super::command::{Command, IndicatorStart};
use super::scan_check_job::{ScanCheckJob, check_scan};

impl App {
    /// Checks the files chosen as agreement `id`'s scan as storing them would, and counts their
    /// pages against the pages it prints, and says what was found in the scan's form before
    /// anything is stored (nothing is written, nothing reloaded: the form stays open). A file
    /// database is checked on a thread, an in-memory one at once.
    pub(super) fn check_scan_pages(&mut self, id: i64, paths: &[std::path::PathBuf]) {
        let Some(store) = &self.store else { return };
        if let Some(path) = store.path() {
            match ScanCheckJob::start(path, id, paths.to_vec()) {
                Ok(job) => self.scan_check = Some(job),
                Err(message) => {
                    self.toasts.error(message);
                    self.agreements_view.scan_checked(id, paths, Ok(None));
                }
            }
            return;
        }
        let fonts = self
            .fonts
            .get_or_init(crate::pdf::fonts::FontSet::with_installed);
        let check = check_scan(store, fonts, id, paths);
        self.agreements_view.scan_checked(id, paths, check);
    }

    /// Gives the open scan form the page count once its thread has it.
    pub(super) fn poll_scan_check(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.scan_check else { return };
        match job.answer() {
            Some((id, paths, check)) => {
                self.agreements_view.scan_checked(id, paths, check);
                self.scan_check = None;
                ctx.request_repaint();
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        }
    }

    /// Applies a workflow command; returns any other command untouched.
    pub(super) fn apply_workflow(&mut self, command: Command) -> Option<Command> {
        let year = self.state.year.unwrap_or_default();
        // A code found in another year turns to it, after a question when edits are unsaved.
        let has_unsaved = !self.agreements_view.unsaved().is_empty();
        let mut go_to_year = None;
        // Said beside the outcome: the note a corrected published score keeps.
        let mut kept_note = None;
        // The folder files were written into, which the toast offers to open.
        let mut written_into = None;
        let Some(store) = &mut self.store else {
            return Some(command);
        };
        // The 考核 screen's writes, answered in order so it can retire older refusals.
        let is_scoring = matches!(
            command,
            Command::SetScore { .. }
                | Command::SetScoreNote { .. }
                | Command::AddAdjustment { .. }
                | Command::ChangeAdjustment { .. }
                | Command::DeleteAdjustment { .. }
                | Command::SetVeto { .. }
                | Command::ClearVeto { .. }
        );
        // A form of the agreement's detail whose write is refused stays open with what was
        // typed, the refusal said beside it: nothing changed, nothing is read again.
        let is_detail_form = matches!(
            command,
            Command::SignOne { .. }
                | Command::CorrectSigning { .. }
                | Command::UndoPrinting { .. }
                | Command::UndoSigning { .. }
                | Command::RevertToDraft { .. }
                | Command::ArchiveScan { .. }
                | Command::ReplaceScan { .. }
                | Command::SetCopies { .. }
        );
        // A bulk change of status: the rows it moves out of the list's filter are unticked.
        let processed = command.status_change_ids().map(<[i64]>::to_vec);
        let result: Result<String, StoreError> = match command {
            Command::DraftAgreements { ids, copies } => {
                self.start_draft(ids, copies);
                return None;
            }
            Command::ExportPdfs { ids, folder } => {
                self.ask_export(ids, folder);
                return None;
            }
            // A print file changes no agreement (it is marked printed after a question of its
            // own); a preview only looks.
            Command::PrintAgreements { ids, copies } => {
                self.start_print(ids, copies);
                self.changed_nothing = true;
                return None;
            }
            Command::Preview(id) => {
                self.open_preview(id);
                self.changed_nothing = true;
                return None;
            }
            Command::VerifyPdf(path) => {
                self.verify_pdf(&path);
                self.changed_nothing = true;
                return None;
            }
            Command::ShowYear(number) => {
                go_to_year = Some(number);
                Ok(String::new())
            }
            Command::FindCode(code) => {
                find_code(store, &code, has_unsaved).map(|(message, year)| {
                    go_to_year = Some(year);
                    message
                })
            }
            Command::Finalize(ids) => lifecycle::finalize(store, year, &ids).map(|n| {
                let reissued = crate::workflow::voided::reissued_unchanged_note(store, &ids);
                format!("已定稿 {n} 份，文本已冻结并记录校验码{reissued}")
            }),
            Command::MarkPrinted { ids, printed_on } => {
                lifecycle::mark_printed(store, year, &ids, printed_on).map(|n| {
                    let agreements = store.agreements(year).unwrap_or_default();
                    let catch_ups = printed_catch_ups(&agreements, &ids, printed_on);
                    let note = if catch_ups > 0 {
                        format!("；其中 {catch_ups} 份的打印日期早于在本程序中定稿的日期，已按补录登记（操作记录中注明“补录”）")
                    } else {
                        String::new()
                    };
                    format!("已标记 {n} 份为已打印（{}）{note}", show_date(printed_on))
                })
            }
            Command::MarkSigned {
                ids,
                signed_on,
                party_a,
            } => {
                lifecycle::mark_signed_by(store, year, &ids, signed_on, &party_a).map(|n| {
                    let catch_ups = (store.agreements(year).unwrap_or_default().iter())
                        .filter(|a| ids.contains(&a.id))
                        .filter(|a| signing_date_note(a, signed_on).is_some())
                        .count();
                    let note = if catch_ups > 0 {
                        format!("；其中 {catch_ups} 份的签订日期早于在本程序中定稿的日期或登记的打印日期，已按补录登记（操作记录中注明“补录”）")
                    } else {
                        String::new()
                    };
                    format!("已标记 {n} 份为已签订（{}）{note}", show_date(signed_on))
                })
            }
            Command::SignOne { id, signing } => {
                store.write(|w| w.mark_signed(id, &signing)).map(|()| {
                    let note = (store.agreement(id).ok().flatten())
                        .and_then(|a| signing_date_note(&a, signing.signed_on))
                        .map(|note| format!("\n{note}"))
                        .unwrap_or_default();
                    format!(
                        "已标记为已签订（{}）{note}",
                        show_date(signing.signed_on)
                    )
                })
            }
            Command::CorrectSigning {
                id,
                signing,
                reason,
            } => {
                let dated_before = (store.agreement(id).ok().flatten()).and_then(|a| a.signed_on);
                store
                .write(|w| w.correct_signing(id, &signing, &reason))
                .map(|()| {
                    // A corrected date before the agreement's 定稿 or printing is a catch-up
                    // too, said as at 标记已签订; said once, not again with every correction
                    // of the other facts.
                    let note = (store.agreement(id).ok().flatten())
                        .filter(|_| dated_before != Some(signing.signed_on))
                        .and_then(|a| signing_date_note(&a, signing.signed_on))
                        .map(|note| format!("\n{note}"))
                        .unwrap_or_default();
                    format!("已修改签订信息，理由已记入操作记录{note}")
                })
            }
            // Scoring has started: the year is at 考核, if it was not yet.
            // A published result's change says it was logged; ordinary cell saves are quiet.
            Command::SetScore { score, reason } => {
                // A published score corrected keeps its note: the note may still explain the
                // old value ("扣1分"), so it is named for the clerk to check.
                let note = score.note.trim().to_owned();
                let is_correction = reason.is_some();
                let saved = score_saved(store, year, reason, "评分，新旧分值", true, |w, why| {
                    w.change_score(&score, why)
                });
                if saved.is_ok() && is_correction && !note.is_empty() {
                    kept_note = Some(format!(
                        "该项评分说明仍为“{note}”：如与新分值不符，请按 F2 一并修改"
                    ));
                }
                saved
            }
            Command::SetScoreNote {
                agreement_id,
                indicator_id,
                note,
                reason,
            } => score_saved(store, year, reason, "评分说明，新旧说明", false, |w, why| {
                w.change_score_note(agreement_id, indicator_id, &note, why)
            }),
            Command::AddAdjustment { adjustment, reason } => store
                .write(|w| w.add_adjustment(&adjustment, reason.as_deref()))
                .map(|_| format!("已录入加扣分{}", after_publication(store, year, reason.as_deref()))),
            // Saved as it was: nothing written, and not said to be changed (in a published
            // year the clerk would take the correction for recorded).
            Command::ChangeAdjustment { adjustment, .. }
                if (store.adjustments(year).ok().into_iter().flatten())
                    .any(|stored| stored == adjustment) =>
            {
                Ok("加扣分没有改动，未保存；如要更正，请再点该项的“修改”，改好后保存".to_owned())
            }
            Command::ChangeAdjustment { adjustment, reason } => store
                .write(|w| w.change_adjustment(&adjustment, reason.as_deref()))
                .map(|()| format!("已修改加扣分{}", after_publication(store, year, reason.as_deref()))),
            Command::DeleteAdjustment { id, reason } => store
                .write(|w| w.delete_adjustment(id, reason.as_deref()))
                .map(|()| format!("已删除加扣分{}", after_publication(store, year, reason.as_deref()))),
            Command::SetVeto { veto, reason } => store
                .write(|w| w.veto(&veto, reason.as_deref()))
                .map(|()| format!("已记录一票否决{}", after_publication(store, year, reason.as_deref()))),
            Command::ClearVeto {
                agreement_id,
                reason,
            } => store
                .write(|w| w.clear_veto(agreement_id, reason.as_deref()))
                .map(|()| format!("已撤销一票否决{}", after_publication(store, year, reason.as_deref()))),
            Command::SetTailoring { id, tailoring } => store
                .write(|w| w.set_tailoring(id, &tailoring))
                .map(|()| "已保存本单位的调整".to_owned()),
            Command::SetCopies { id, copies } => store
                .write(|w| w.set_copies(id, copies))
                .map(|()| format!("份数已改为 {copies} 份")),
            Command::UndoPrinting { id, reason } => store
                .write(|w| w.undo_printing(id, &reason))
                .map(|()| "已撤销打印，回到“已定稿”，理由已记入操作记录；纸质件已打印、只是日期录错的，直接再标记已打印并填写实际日期".to_owned()),
            Command::UndoSigning { id, reason } => store
                .write(|w| w.undo_signing(id, &reason))
                .map(|()| "已撤销签订，回到“已打印”，理由已记入操作记录".to_owned()),
            Command::DeleteDraft(id) => store
                .write(|w| w.delete_draft(id))
                .map(|()| "已删除责任书草稿，删除已记入操作记录".to_owned()),
            Command::RevertToDraft { ids, reason } => {
                let templates = |store: &crate::store::Store| -> Vec<Option<i64>> {
                    (ids.iter())
                        .map(|&id| (store.agreement(id).ok().flatten()).map(|a| a.draft.template_id))
                        .collect()
                };
                let before = templates(store);
                store
                    .write(|w| ids.iter().try_for_each(|&id| w.revert_to_draft(id, &reason)))
                    .map(|()| {
                        let moved = (templates(store).iter().zip(&before))
                            .filter(|(after, before)| after != before)
                            .count();
                        let count = match ids.len() {
                            1 => String::new(),
                            n => format!(" {n} 份"),
                        };
                        let moved = match (moved, ids.len()) {
                            (0, _) => String::new(),
                            (_, 1) => "；已改用本类别最新的模板版本，请核对正文".to_owned(),
                            (m, _) => format!("；其中 {m} 份已改用本类别最新的模板版本，请核对正文"),
                        };
                        format!("已退回草稿{count}，理由已记入操作记录{moved}")
                    })
            }
            Command::ArchiveScan { id, paths } => {
                signed_copy::read_scan_files(store, &paths).and_then(|files| {
                    store.write(|w| w.archive_files(id, &files))?;
                    Ok(format!("已归档签订件扫描件（{}）", described(&files)))
                })
            }
            Command::ReplaceScan { id, paths, reason } => signed_copy::read_scan_files(store, &paths)
                .and_then(|files| {
                    store.write(|w| w.replace_scan(id, &files, &reason))?;
                    Ok(format!(
                        "已更换扫描件（{}），原扫描件仍保存在数据库中，理由已记入操作记录",
                        described(&files)
                    ))
                }),
            Command::ExportSigned { ids, folder } => {
                let result = signed_copy::export_signed_many(store, &ids, &folder);
                written_into = Some(folder);
                result
            }
            Command::SaveTemplate { base_id, draft } => template_save::save_template(
                store, base_id, &draft,
            )
            .map(|report| {
                let said = match report.saved {
                    // Drafts read their template: those on this version read the new text.
                    TemplateSaved::InPlace(t) => {
                        let drafts = (store.agreements(t.content.year).unwrap_or_default())
                            .iter()
                            .filter(|a| a.draft.template_id == t.id)
                            .count();
                        if drafts == 0 {
                            format!("已保存模板第 {} 版", t.version)
                        } else {
                            format!(
                                "已保存模板第 {} 版；用这一版的 {drafts} 份草稿随之更新",
                                t.version
                            )
                        }
                    }
                    TemplateSaved::Unchanged(t) => {
                        format!("模板第 {} 版没有改动，无需保存", t.version)
                    }
                    // The category's first template is simply saved.
                    TemplateSaved::NewVersion(t, _) if t.version == 1 => {
                        "已保存模板第 1 版".to_owned()
                    }
                    TemplateSaved::NewVersion(t, 0) => format!(
                        "已另存为模板第 {} 版；已定稿的责任书保留原版本",
                        t.version
                    ),
                    TemplateSaved::NewVersion(t, moved) => format!(
                        "已另存为模板第 {} 版，{moved} 份草稿改用新版本；已定稿的责任书保留原版本",
                        t.version
                    ),
                };
                let said = match report.targets_filled {
                    0 => said,
                    filled => format!(
                        "{said}\n正文又用到{{控制指标}}：{filled} 份没有控制指标的草稿已按该单位上一年度的（没有的按“较大及以上生产安全事故 0起”）填入，定稿前请核对"
                    ),
                };
                match report.targets_cleared {
                    0 => said,
                    cleared => format!(
                        "{said}\n正文中已没有{{控制指标}}：{cleared} 份草稿的控制指标随之清空（原值记入操作记录）"
                    ),
                }
            })
                .map(|said| {
                    // An edited clause that a draft changed for its unit: said now, not first
                    // at 定稿.
                    match lifecycle::drafts_with_stale_changes(store, draft.year, draft.category_id)
                    {
                        Ok(names) if !names.is_empty() => format!(
                            "{said}\n注意：{} 份草稿对已改动条款的单位调整需要重新处理（{}{}），请在这些责任书中点“修改条款…”",
                            names.len(),
                            names.iter().take(5).cloned().collect::<Vec<_>>().join("、"),
                            if names.len() > 5 { "等" } else { "" }
                        ),
                        _ => said,
                    }
                }),
            Command::CreateIndicators {
                category_id,
                start,
            } => create_indicators(store, year, category_id, start),
            Command::SaveIndicators(set) => store
                .write(|w| w.save_indicator_set(&set))
                .map(|()| "已保存考核指标".to_owned()),
            Command::SetIndicatorsFinal { set_id, is_final } => {
                indicators_finalizable(store, year, set_id, is_final)
                    .and_then(|()| store.write(|w| w.set_indicator_set_final(set_id, is_final)))
                    .map(|()| {
                        // Named by its category: the toast outlives a switch to another one.
                        let category = (store.indicator_sets(year).ok())
                            .and_then(|sets| sets.into_iter().find(|s| s.id == set_id))
                            .and_then(|set| {
                                let categories = store.categories().ok()?;
                                categories.into_iter().find(|c| c.id == set.category_id)
                            })
                            .map(|c| format!("“{}”的", c.name))
                            .unwrap_or_default();
                        if is_final {
                            format!("{category}考核指标已定稿")
                        } else {
                            format!("已取消{category}指标定稿")
                        }
                    })
            }
            Command::Rollover { from, to } => rollover::rollover(store, from, to).map(|report| {
                self.state.year = Some(to);
                let said = format!(
                    "已建立 {to} 年度：复制模板 {} 套、指标 {} 套；责任书需重新起草",
                    report.templates, report.indicator_sets
                );
                std::iter::once(said)
                    .chain(report.unprepared)
                    .chain(report.passed_signing_date)
                    .chain(report.blank_signatory)
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            Command::DeleteYear(number) => rollover::delete_year(store, number)
                .map(|()| format!("已删除 {number} 年度；删除前的数据已自动备份")),
            other => return Some(other),
        };
        if go_to_year.is_some() {
            self.choose_year(go_to_year);
        }
        if is_scoring {
            self.assessment_view.answered(result.is_ok());
        }
        if result.is_ok() {
            self.agreements_view.succeeded();
            if let Some(ids) = processed {
                self.agreements_view.processed(ids);
            }
        } else if is_detail_form {
            self.changed_nothing = true;
        }
        match result {
            Ok(message) if message.is_empty() => {}
            Ok(message) => match written_into {
                Some(folder) => self
                    .toasts
                    .success_with_action(message, "打开文件夹", folder),
                None => self.toasts.success(message),
            },
            Err(error) => self.toasts.error(error.to_string()),
        }
        if let Some(note) = kept_note {
            self.toasts.screen_hint(note);
        }
        None
    }
}

/// Finds the agreement whose code (as typed) a paper copy carries, in any year (see
/// [`crate::workflow::code_lookup::find_code`]), its message saying the year is turned to.
fn find_code(store: &Store, code: &str, has_unsaved: bool) -> Result<(String, i32), StoreError> {
    let moved = if has_unsaved {
        ""
    } else {
        "，已转到该年度"
    };
    crate::workflow::code_lookup::find_code(store, code)
        .map(|(sentence, year, _)| (format!("{sentence}{moved}"), year))
}

/// The files of a scan in a few words (see `store::describe_scan`).
fn described(files: &[crate::store::ScanInput]) -> String {
    crate::store::describe_scan(files.iter().map(|f| f.file_name.as_str()))
}

/// A new indicator set for a category: a copy of another category's set (not final, so the
/// office reviews it), or an empty one to fill in.
/// Refuses to mark the set `set_id` final while its category's template prints a list of rules
/// it has none of (see [`lifecycle::rule_list_missing`]); taking a set back is not checked.
fn indicators_finalizable(
    store: &Store,
    year: i32,
    set_id: i64,
    is_final: bool,
) -> Result<(), StoreError> {
    if !is_final {
        return Ok(());
    }
    let sets = store.indicator_sets(year)?;
    let Some(set) = sets.iter().find(|s| s.id == set_id) else {
        return Ok(());
    };
    match lifecycle::rule_list_missing(store, set)? {
        Some(problem) => Err(StoreError::Rejected(problem)),
        None => Ok(()),
    }
}

fn create_indicators(
    store: &mut Store,
    year: i32,
    category_id: i64,
    start: IndicatorStart,
) -> Result<String, StoreError> {
    let sets = store.indicator_sets(year)?;
    let mut set = match start {
        IndicatorStart::Copy(id) => (sets.iter())
            .find(|s| s.id == id)
            .cloned()
            .ok_or_else(|| StoreError::NotFound("要复制的考核指标".to_owned()))?,
        IndicatorStart::Reference { is_towns } => {
            crate::demo::reference_indicators(year, category_id, is_towns)
        }
        IndicatorStart::Blank => IndicatorSet {
            id: 0,
            year,
            category_id,
            bonus_cap: Points::ZERO,
            is_final: false,
            indicators: Vec::new(),
            items: Vec::new(),
        },
    };
    set.category_id = category_id;
    set.is_final = false;
    // The category's set made blank (新建空白指标) and nothing typed in it yet is filled in;
    // one with content is never overwritten.
    match sets.iter().find(|s| s.category_id == category_id) {
        None => {
            store.write(|w| w.insert_indicator_set(&set))?;
        }
        Some(blank) if blank.indicators.is_empty() && blank.items.is_empty() && !blank.is_final => {
            set.id = blank.id;
            for row in &mut set.indicators {
                row.id = 0;
            }
            for item in &mut set.items {
                item.id = 0;
            }
            store.write(|w| w.save_indicator_set(&set))?;
        }
        Some(_) => {
            return Err(StoreError::Rejected(
                "本类别在本年度已有考核指标，不能再复制或载入；请在表格中修改".to_owned(),
            ));
        }
    }
    Ok(match start {
        IndicatorStart::Copy(_) => format!(
            "已复制 {} 项考核指标并保存，请核对后定稿",
            set.indicators.len()
        ),
        IndicatorStart::Reference { .. } => format!(
            "已载入 {} 项参考指标（示例内容）并保存，请按本地实际修改后定稿",
            set.indicators.len()
        ),
        IndicatorStart::Blank => "已新建空白考核指标，请逐项填写".to_owned(),
    })
}

/// Saves a cell or note of the workbench with `save`. A cell (`is_score`) starts the scoring:
/// the year is at 考核, if it was not yet; a note alone, like a bonus or a veto, leaves the
/// phase as it is. A published result's change says it was logged (naming `what` changed:
/// "评分，新旧分值"); ordinary saves are quiet.
fn score_saved(
    store: &mut Store,
    year: i32,
    reason: Option<String>,
    what: &str,
    is_score: bool,
    save: impl FnOnce(&mut crate::store::Writer<'_>, Option<&str>) -> Result<(), StoreError>,
) -> Result<String, StoreError> {
    store
        .write(|w| {
            save(w, reason.as_deref())?;
            if is_score {
                w.start_assessing(year)
            } else {
                Ok(false)
            }
        })
        .map(|moved| match reason {
            Some(reason) => format!(
                "已修改{what}与理由“{reason}”已记入操作记录{}",
                after_publication(store, year, Some(&reason))
            ),
            // The first score moves the year on: said once, as the log records it.
            None if moved => crate::model::phase_notes::scoring_started(year),
            None => String::new(),
        })
}

/// What a change to published results (one with a reason: the store asks for one then) adds
/// to its message: the notice or summary of `year` exported before it, which no longer
/// matches; nothing when neither was exported.
fn after_publication(store: &Store, year: i32, reason: Option<&str>) -> String {
    if reason.and_then(crate::model::reason::given).is_some() {
        let exports = store.result_exports(year).unwrap_or_default();
        super::stale_exports::toast_suffix(&exports)
    } else {
        String::new()
    }
}
