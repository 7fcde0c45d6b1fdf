//! The facts at the top of an agreement's detail, a line each: its number, status, template
//! version and code, its dates, who signed or is to sign, the copies, the scan archived and the
//! last time it went back to draft.

use crate::model::{Agreement, AgreementStatus, Template, Unit};
use crate::store::VoidedCode;

use super::super::Context;
use super::super::scan_facts;
use super::facts::{signed_by, to_sign};

/// Draws the facts of `agreement` (its `unit` and `template`, and its `last_revert` to
/// draft, if any).
pub(super) fn show(
    ui: &mut egui::Ui,
    context: &Context<'_>,
    agreement: &Agreement,
    (unit, template): (Option<&Unit>, Option<&Template>),
    last_revert: Option<&VoidedCode>,
) {
    egui::Grid::new("agreement_facts")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            // A value longer than the panel has room for (a reason typed at length,
            // a scan's file names) is cut at the panel's edge, whole on hover: the
            // grid would otherwise widen the panel past the window, its buttons out
            // of reach.
            let mut fact = |name: &str, value: String| {
                ui.label(name);
                ui.add(egui::Label::new(value).truncate());
                ui.end_row();
            };
            fact("序号", agreement.draft.number.to_string());
            fact("状态", agreement.status.label().to_owned());
            fact(
                "模板版本",
                template.map_or_else(String::new, |t| format!("第 {} 版", t.version)),
            );
            fact(
                "校验码",
                // Grouped as the list and the paper copy's footer show it.
                agreement.verification_code().map_or_else(
                    || "（定稿后生成）".to_owned(),
                    crate::model::agreement::grouped_code,
                ),
            );
            let day = |date: Option<chrono::NaiveDate>| {
                date.map(crate::model::dates::show_date).unwrap_or_default()
            };
            // A draft has neither yet: only the dates there are.
            for (name, date) in [
                ("定稿日期", agreement.finalized_on),
                ("打印日期", agreement.printed_on),
            ] {
                if date.is_some() {
                    fact(name, day(date));
                }
            }
            if agreement.signed_on.is_some() {
                fact("签订日期", day(agreement.signed_on));
            }
            // Before 签订, who is to sign (the year's signatory and the unit's
            // principal, whose names the signing form offers), so that the clerk can
            // check it before printing.
            // The titles as an issued text prints them (a principal's changed since
            // 定稿 is not the one on the paper), else as they are now.
            let year = context.data.year.as_ref();
            let printed = context.data.printed_titles.get(&agreement.id);
            let title_a = printed.map_or_else(
                || year.map_or("", |y| y.party_a_signatory_title.as_str()),
                |(a, _)| a.as_str(),
            );
            let title_b = printed.map_or_else(
                || unit.map_or("", |u| u.fields.principal_title.as_str()),
                |(_, b)| b.as_str(),
            );
            let name_a = year.map_or("", |y| y.party_a_signatory_name.as_str());
            let name_b = unit.map_or("", |u| u.fields.principal_name.as_str());
            let (party_a, party_b) = if agreement.status < AgreementStatus::Signed {
                (
                    to_sign(title_a, name_a, "设置 → 年度设置"),
                    to_sign(title_b, name_b, "单位"),
                )
            } else {
                // Who signed, with the title the one to sign has where it is they.
                (
                    signed_by(&agreement.party_a_signatory, Some((title_a, name_a))),
                    signed_by(&agreement.party_b_signatory, Some((title_b, name_b))),
                )
            };
            fact("甲方签字人", party_a);
            fact("乙方签字人", party_b);
            // Renamed since 定稿: the name the paper carries, to match it by.
            if let Some(printed) = context.data.printed_names.get(&agreement.id) {
                fact("责任书中名称", printed.clone());
            }
            // A draft's copies are set under 一式份数 below: not said twice.
            if agreement.status != AgreementStatus::Draft {
                fact(
                    "签回/份数",
                    format!("{}/{}", agreement.copies_returned, agreement.draft.copies),
                );
            }
            // What was archived, so that the clerk can check it is the right thing.
            if let Some(scan) = context.data.scans.get(&agreement.id) {
                fact("扫描件", scan_facts::files(scan));
                fact("归档时间", scan_facts::time(scan));
                if let Some((count, last)) = scan_facts::replaced(scan) {
                    fact("更换", count);
                    fact("最近更换", last);
                }
            }
            // Sent back to draft before: when (why, at length, under the facts); once
            // issued again, as what happened last time.
            if let Some(revert) = last_revert {
                let label = if agreement.status == AgreementStatus::Draft {
                    "退回草稿"
                } else {
                    "上次退回草稿"
                };
                fact(
                    label,
                    crate::model::dates::show_stored_time(&revert.reverted_at),
                );
            }
        });
}
