//! What the 通报与统计 screen and the change toasts say when a year's results changed after
//! they were published (the office issues a correction; the notice issued is not exported
//! again) and after its notice or summary was last exported (that file no longer matches and
//! is exported again). Nothing is said about exporting again when neither file was ever
//! exported, and no correction is asked for while the official notice was not exported yet.

use crate::model::dates::show_date_time;
use crate::store::{ChangesSincePublished, ResultExport};

/// The warnings of the 通报与统计 screen, one a line: the changes since publication, then each
/// exported file that no longer matches. While the notice cannot be exported
/// (`can_export_notice` false: its 发文字号 was used before, said in red beside), it is not
/// asked for.
pub(super) fn warnings(
    since_published: Option<&ChangesSincePublished>,
    exports: &[ResultExport],
    can_export_notice: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(changes) = since_published {
        let latest = (changes.latest_at)
            .map(|at| format!("（最近一次在 {}）", show_date_time(at)))
            .unwrap_or_default();
        // Before the official notice is exported there is nothing to correct: it will carry
        // the results as they are then.
        let advice = if exports.iter().any(is_issued_notice) {
            "结果与通报的不同时，请按规定印发更正"
        } else {
            "正式的考核结果通报尚未导出，导出时按那时的结果生成，不需要更正"
        };
        lines.push(format!(
            "结果通报后，评分、加扣分或一票否决又修改了 {} 次{latest}：{advice}",
            changes.count
        ));
    }
    for export in exports.iter().filter(|e| e.is_stale()) {
        // Not asked to be exported again while it cannot be (a 发文字号 used before, said in
        // red beside with what to do first).
        if !can_export_notice && export.file == crate::store::ResultFile::Notice {
            continue;
        }
        let when = (export.exported_at)
            .map(|at| format!("（{} 导出）", show_date_time(at)))
            .unwrap_or_default();
        // The notice is also made from its wording; the spreadsheet is not.
        let what = match export.file {
            crate::store::ResultFile::Notice => "评分、加扣分、一票否决、年度设置或通报措辞",
            crate::store::ResultFile::Summary => "评分、加扣分、一票否决或年度设置",
        };
        // A draft exported before publishing: the official notice is what is missing, whether
        // or not anything else changed.
        if export.is_draft_before_publication {
            lines.push(format!(
                "此前导出的{name}{when}是结果通报前的草稿（带“草稿”水印）；结果现已通报，请导出正式的{name}",
                name = export.file.name(),
            ));
            continue;
        }
        // The notice exported since publication is the one issued: exported again it would
        // differ under the same 文号 and date; the correction the line above asks for is the way.
        if since_published.is_some() && export.file == crate::store::ResultFile::Notice {
            continue;
        }

        // Not counted: scoring a year after an early export makes hundreds of changes, a
        // number that tells the clerk nothing more than that the file is out of date.
        let since = (export.exported_at).map_or_else(
            || "导出".to_owned(),
            |at| format!("于 {} 导出", show_date_time(at)),
        );
        lines.push(format!(
            "{name}{since}后，{what}又有修改：请重新导出{name}，以免与现在的结果不一致",
            name = export.file.name(),
        ));
    }
    lines
}

/// True for the official notice: exported since the results were published (the one issued).
fn is_issued_notice(export: &ResultExport) -> bool {
    export.file == crate::store::ResultFile::Notice && !export.is_draft_before_publication
}

/// Draws [`warnings`] in the warning colour.
pub(super) fn show(
    ui: &mut egui::Ui,
    since_published: Option<&ChangesSincePublished>,
    exports: &[ResultExport],
    can_export_notice: bool,
) {
    for line in warnings(since_published, exports, can_export_notice) {
        ui.colored_label(ui.visuals().warn_fg_color, line);
    }
}

/// What a toast adds after a change to published results: the issued notice it made out of
/// date, for which a correction is issued (exported again, it would differ under the same
/// 文号 and date), the draft notice, after which the official one is still to be exported,
/// and the summary, to be exported again; nothing when none was exported.
pub(super) fn toast_suffix(exports: &[ResultExport]) -> String {
    let stale = || exports.iter().filter(|e| e.is_stale());
    let correction = if stale().any(is_issued_notice) {
        "；与已印发的考核结果通报不同时，请按规定印发更正"
    } else if stale().any(|e| e.is_draft_before_publication) {
        "；考核结果通报尚未正式导出（此前导出的是草稿），导出时按那时的结果生成"
    } else {
        ""
    };
    let again: Vec<&str> = stale()
        .filter(|e| !is_issued_notice(e) && !e.is_draft_before_publication)
        .map(|e| e.file.name())
        .collect();
    if again.is_empty() {
        correction.to_owned()
    } else {
        format!(
            "{correction}；此前导出的{}可能已与现在的结果不同，请重新导出",
            again.join("和")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ResultFile;

    fn export(file: ResultFile, changes_since: usize) -> ResultExport {
        ResultExport {
            file,
            exported_at: chrono::NaiveDate::from_ymd_opt(2025, 3, 18)
                .and_then(|d| d.and_hms_opt(9, 30, 0)),
            changes_since,
            is_draft_before_publication: false,
        }
    }

    #[test]
    fn a_draft_notice_outdated_by_publishing_is_said_to_be_a_draft() {
        let draft = ResultExport {
            is_draft_before_publication: true,
            ..export(ResultFile::Notice, 1)
        };
        let lines = warnings(None, std::slice::from_ref(&draft), true);
        assert_eq!(
            lines,
            [
                "此前导出的考核结果通报（2025年3月18日 09:30 导出）是结果通报前的草稿（带“草稿”水印）；结果现已通报，请导出正式的考核结果通报"
            ]
        );
        // Not asked for while it cannot be exported (its 发文字号 used before, said beside).
        assert!(warnings(None, &[draft], false).is_empty());
    }

    #[test]
    fn only_the_stale_files_are_named() {
        assert_eq!(toast_suffix(&[]), "");
        let fresh = [
            export(ResultFile::Notice, 0),
            export(ResultFile::Summary, 0),
        ];
        assert_eq!(toast_suffix(&fresh), "");
        assert!(warnings(None, &fresh, true).is_empty());
        let summary_stale = [
            export(ResultFile::Notice, 0),
            export(ResultFile::Summary, 2),
        ];
        assert_eq!(
            toast_suffix(&summary_stale),
            "；此前导出的得分汇总表可能已与现在的结果不同，请重新导出"
        );
        let lines = warnings(None, &summary_stale, true);
        assert_eq!(lines.len(), 1);
        // A stale notice is not asked to be exported again while it cannot be.
        let notice_stale = [export(ResultFile::Notice, 2)];
        assert_eq!(warnings(None, &notice_stale, true).len(), 1);
        assert!(warnings(None, &notice_stale, false).is_empty());
        assert!(
            lines[0].starts_with("得分汇总表于 ")
                && lines[0].contains(
                    "导出后，评分、加扣分、一票否决或年度设置又有修改：请重新导出得分汇总表"
                ),
            "{lines:?}"
        );
        let both = [
            export(ResultFile::Notice, 1),
            export(ResultFile::Summary, 1),
        ];
        assert_eq!(
            toast_suffix(&both),
            "；与已印发的考核结果通报不同时，请按规定印发更正；此前导出的得分汇总表可能已与现在的结果不同，请重新导出"
        );
        // On the screen, the notice issued is covered by the correction asked for.
        let changes = ChangesSincePublished {
            count: 1,
            latest_at: None,
        };
        let lines = warnings(Some(&changes), &both, true);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].ends_with("请按规定印发更正"), "{lines:?}");
        assert!(lines[1].starts_with("得分汇总表于 "), "{lines:?}");
    }

    #[test]
    fn a_change_after_publication_asks_for_a_correction_only() {
        let changes = ChangesSincePublished {
            count: 3,
            latest_at: None,
        };
        let issued = [export(ResultFile::Notice, 3)];
        let lines = warnings(Some(&changes), &issued, true);
        assert_eq!(
            lines,
            [
                "结果通报后，评分、加扣分或一票否决又修改了 3 次：结果与通报的不同时，请按规定印发更正"
            ]
        );
    }

    /// Published, and only a draft proof exported before: no notice was issued to correct.
    #[test]
    fn a_change_before_the_official_notice_asks_for_no_correction() {
        let changes = ChangesSincePublished {
            count: 2,
            latest_at: None,
        };
        let draft = ResultExport {
            is_draft_before_publication: true,
            ..export(ResultFile::Notice, 3)
        };
        for exports in [vec![], vec![draft.clone()]] {
            let lines = warnings(Some(&changes), &exports, true);
            assert_eq!(
                lines[0],
                "结果通报后，评分、加扣分或一票否决又修改了 2 次：正式的考核结果通报尚未导出，导出时按那时的结果生成，不需要更正"
            );
        }
        assert_eq!(
            toast_suffix(&[draft]),
            "；考核结果通报尚未正式导出（此前导出的是草稿），导出时按那时的结果生成"
        );
        assert_eq!(toast_suffix(&[]), "");
    }
}
