//! What `verify` found, in words: the sentences the command prints and the window shows, and
//! whether the file is exactly the one exported (or, for a signed copy, the one its archived
//! scan makes).

use crate::model::dates::show_stored_time_with_seconds;
use crate::store::{Store, StoreError};

use super::signed_copy::SignedCheck;
use super::verify::Verification;
use super::voided;

/// The sentences said of a file, and whether it verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What was found, a sentence a line.
    pub lines: Vec<String>,
    /// True when the file is exactly the one exported (or made from the archived scan).
    pub is_exact: bool,
    /// True when the file is of a kind not checked as a whole: a draft (no code), a results
    /// notice, a print file of several agreements. Found to be ours, not found altered.
    pub is_not_checked: bool,
    /// True when the file could not be read through (cut off): not found altered either, to
    /// be fetched again.
    pub is_unreadable: bool,
}

/// `verification` in words; `code_hint` says where a code read off the paper is looked up
/// (the command to type, or the window's search box).
pub fn report(
    store: &Store,
    verification: Verification,
    code_hint: &str,
) -> Result<Report, StoreError> {
    let mut lines = Vec::new();
    let describe = |agreement: &crate::model::Agreement| -> Result<String, StoreError> {
        let unit = unit_name(store, agreement)?;
        Ok(format!(
            "{} 年度第 {} 号责任书（{unit}，现为{}）",
            agreement.draft.year,
            agreement.draft.number,
            agreement.status.label()
        ))
    };
    let is_not_checked = matches!(
        verification,
        Verification::Draft { .. } | Verification::Notice { .. } | Verification::PrintFile { .. }
    );
    let is_unreadable = verification == Verification::CutOff;
    let is_exact = match verification {
        Verification::Exact {
            agreement,
            exported_at,
        } => {
            lines.push(format!(
                "一致：此文件是 {}于 {} 导出的原文件，未经改动",
                describe(&agreement)?,
                show_stored_time_with_seconds(&exported_at)
            ));
            true
        }
        Verification::Draft {
            agreement,
            exported_at,
            edited_since,
        } => {
            lines.push(format!(
                "草稿：此文件是 {}的草稿，导出于 {}，当时尚未定稿（带“草稿”水印，没有校验码），不是正式文本；签订和存档请用定稿后导出的文件",
                describe(&agreement)?,
                show_stored_time_with_seconds(&exported_at)
            ));
            if let Some((count, latest)) = edited_since {
                lines.push(format!(
                    "此后该草稿的条款、份数或模板又修改过 {count} 次（最近一次在 {}）：此文件已不是现在的文本",
                    show_stored_time_with_seconds(&latest)
                ));
            }
            false
        }
        Verification::Altered {
            agreement,
            other_number,
        } => {
            lines.push(format!(
                "不一致：校验码对应 {}，但本数据库记录的导出文件中没有与此文件完全相同的：文件可能在导出后被改动过（若它导出于所恢复的备份之后，或在另一个数据库中导出，也会如此，请到导出它的数据库核验）",
                describe(&agreement)?
            ));
            // The file's own number says another agreement: one of the two was changed.
            if let Some(number) = other_number {
                lines.push(format!(
                    "文件属性中的编号却是 {number}，与校验码对应的责任书不符：校验码或编号在文件中被改动过，此文件不能作为任何一份责任书的正式文本"
                ));
            }
            false
        }
        Verification::Withdrawn {
            agreement,
            code,
            exported_at,
            reverted,
        } => {
            // When and why, as the audit log keeps the return to 草稿.
            let when = reverted.map_or_else(
                || "后来退回草稿".to_owned(),
                |reverted| {
                    format!(
                        "于 {} 退回草稿（理由：{}）",
                        voided::reverted_on(&reverted),
                        reverted.reason
                    )
                },
            );
            lines.push(format!(
                "已作废：此文件是 {}于 {} 导出的，但该责任书{when}，文件上的校验码 {code} 已作废；请以现行文本为准",
                describe(&agreement)?,
                show_stored_time_with_seconds(&exported_at)
            ));
            false
        }
        Verification::Voided { voided, .. } => {
            lines.push(format!(
                "已作废：{}（此文件与本数据库记录的导出文件都不相同，可能经过另存或改动）",
                voided::voided_sentence(&voided)
            ));
            false
        }
        Verification::UnknownCode(code) => {
            lines.push(format!(
                "校验码 {code} 不对应本数据库中的任何现行责任书（可能是别的数据库的，或已作废）"
            ));
            false
        }
        Verification::DraftAltered { agreement } => {
            lines.push(format!(
                "不一致：此文件标为 {}的草稿（带“草稿”水印，没有校验码），但本数据库记录的导出文件中没有与它完全相同的：导出后被改动过，或是在另一个数据库中（或在恢复备份之前）导出的；草稿不是正式文本，签订和存档请用定稿后导出的文件",
                describe(&agreement)?
            ));
            false
        }
        Verification::NoCode => {
            lines.push(format!(
                "此文件的文档属性中没有责任书校验码，本数据库中也没有与它相同的导出文件：不是本程序导出的文件，或经其他软件另存过（另存可能去掉文档属性），或是已删除的草稿导出的（草稿没有校验码）；若页脚印有“校验码”，可输入该码查出对应的责任书：{code_hint}"
            ));
            false
        }
        Verification::CutOff => {
            lines.push(
                "文件不完整：PDF 的结尾缺失，可能没有下载或复制完，或已损坏，无法核验；请取得完整的文件（如请对方重新发送）后再核验"
                    .to_owned(),
            );
            false
        }
        Verification::Notice { is_altered } => {
            lines.push(
                "这是本程序生成的考核结果通报，不是责任书：通报没有校验码，核验的是单份导出的责任书和签订件"
                    .to_owned(),
            );
            if is_altered {
                lines.push(format!(
                    "此通报每页印有“{}”：它是通报印发后按修改过的考核结果生成的，文号和成文日期虽与印发的通报相同，内容不同，不是印发的通报",
                    crate::pdf::notice::ALTERED
                ));
            }
            false
        }
        Verification::SignedCopy { agreement, check } => {
            let unit = unit_name(store, &agreement)?;
            let which = format!(
                "{} 年度第 {} 号责任书（{unit}）的签订件（归档扫描件）",
                agreement.draft.year, agreement.draft.number
            );
            match check {
                SignedCheck::Current => {
                    lines.push(format!("一致：这是 {which}，与归档的扫描件一致"));
                    true
                }
                SignedCheck::Replaced {
                    version,
                    replaced_at,
                } => {
                    let replaced_at = crate::model::dates::show_stored_time(&replaced_at);
                    lines.push(format!(
                        "已更换：这是 {which}，但出自第 {version} 版扫描件，该扫描件已于 {replaced_at} 更换；请以现在归档的扫描件导出的签订件为准"
                    ));
                    false
                }
                SignedCheck::Altered => {
                    lines.push(format!(
                        "不一致：校验码对应 {which}，但文件内容与归档的扫描件不一致（导出后被改动过，或不是由该扫描件生成）"
                    ));
                    false
                }
                SignedCheck::NoScan => {
                    lines.push(format!(
                        "无法对上：校验码对应 {which}，但本数据库中这份责任书没有归档的扫描件：此文件可能是在另一个数据库中（或在恢复备份之前）导出的，请在导出它的数据库中核验；不是本程序导出的则无从核验"
                    ));
                    false
                }
            }
        }
        Verification::Scan { agreement, found } => {
            let which = format!("{}归档的扫描件", describe(&agreement)?);
            let archived = crate::model::dates::show_stored_time(&found.added_at);
            if found.version == found.current_version {
                lines.push(format!(
                    "一致：此文件是 {which}本身（{archived} 归档），与数据库中存的完全相同；扫描件原件不是签订件，发往别处以备核验的请用“导出签订件 PDF…”导出的签订件"
                ));
                true
            } else {
                lines.push(format!(
                    "已更换：此文件是 {which}，但是已被更换的第 {} 版（{archived} 归档，现为第 {} 版）；请以现在归档的扫描件为准",
                    found.version, found.current_version
                ));
                false
            }
        }
        Verification::PrintFile { agreements, voided } => {
            lines.push(format!(
                "这是打印文件（多份责任书合在一起，供打印用），不作整体核验；请核验单份导出的 PDF，或按纸面上的校验码查找：{code_hint}"
            ));
            for agreement in &agreements {
                lines.push(format!("含：{}", describe(agreement)?));
            }
            for text in &voided {
                lines.push(format!("含已作废的文本：{}", voided::voided_sentence(text)));
            }
            false
        }
    };
    Ok(Report {
        lines,
        is_exact,
        is_not_checked,
        is_unreadable,
    })
}

/// The unit as the paper names it: the 乙方 of an issued agreement's frozen text (a unit
/// renamed since keeps the name it signed under), else the name the agreement's year knew.
fn unit_name(store: &Store, agreement: &crate::model::Agreement) -> Result<String, StoreError> {
    if let Some(content) = store.issued_content(agreement.id)? {
        return Ok(content.party_b);
    }
    Ok(store
        .units_in(agreement.draft.year)?
        .into_iter()
        .find(|u| u.id == agreement.draft.unit_id)
        .map(|u| u.fields.name)
        .unwrap_or_default())
}
