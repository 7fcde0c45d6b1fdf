//! How the detail words its facts: why a text is frozen, who signed or is to sign, and the
//! note under a draft whose unit changed category.

use crate::model::{Agreement, AgreementStatus};

use super::super::Context;

/// Why the text of an agreement in `status` cannot be changed, or `None` for a draft.
pub(super) fn frozen_text(status: AgreementStatus) -> Option<&'static str> {
    if status >= AgreementStatus::Signed {
        Some(
            "责任书已签订，文本不能再修改（已签字盖章的文本以纸本为准）；签订信息有误可用“修改签订信息…”更正",
        )
    } else if status.is_issued() {
        Some("责任书已定稿，文本已冻结，不能修改；如需更正，请先“退回草稿”并写明理由")
    } else {
        None
    }
}

/// Who signed, as recorded at 签订, the one who was to sign after their title ("副市长
/// 司马清和"; also among others who signed with them: "站长 王建国、赵六"); a stand-in who signed
/// is named alone.
pub(super) fn signed_by(signed: &str, to_sign: Option<(&str, &str)>) -> String {
    let signed = signed.trim();
    let Some((title, name)) = to_sign.map(|(title, name)| (title.trim(), name.trim())) else {
        return signed.to_owned();
    };
    if title.is_empty() || name.is_empty() {
        return signed.to_owned();
    }
    let names: Vec<&str> = signed.split(['、', '，', ',']).map(str::trim).collect();
    if !names.contains(&name) {
        return signed.to_owned();
    }
    let titled: Vec<String> = (names.iter())
        .map(|n| {
            if *n == name {
                format!("{title} {name}")
            } else {
                (*n).to_owned()
            }
        })
        .collect();
    titled.join("、")
}

/// Who is to sign for one side, before 签订: "副市长 赵志远（拟）", or where to fill the name
/// in when there is none yet.
pub(super) fn to_sign(title: &str, name: &str, where_to_fill: &str) -> String {
    let (title, name) = (title.trim(), name.trim());
    if name.is_empty() {
        format!("（未填写，见“{where_to_fill}”）")
    } else if title.is_empty() {
        format!("{name}（拟）")
    } else {
        format!("{title} {name}（拟）")
    }
}

/// Under a draft whose unit has moved to another category since it was drafted: the draft
/// keeps the old one (its template and indicators), and the way to the new one is said.
pub(super) fn moved_category_note(ui: &mut egui::Ui, context: &Context<'_>, agreement: &Agreement) {
    let unit = (context.units.iter()).find(|u| u.id == agreement.draft.unit_id);
    let Some(unit) = unit.filter(|u| u.fields.category_id != agreement.draft.category_id) else {
        return;
    };
    let name = |id: i64| {
        (context.categories.iter())
            .find(|c| c.id == id)
            .map_or("（已删除的类别）", |c| c.name.as_str())
    };
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!(
                "该单位现属“{}”，这份草稿按起草时的“{}”的模板和指标：如需改按新类别，请点“删除草稿…”后重新批量起草",
                name(unit.fields.category_id),
                name(agreement.draft.category_id)
            ))
            .color(ui.visuals().warn_fg_color),
        )
        .wrap(),
    );
}

#[cfg(test)]
mod tests {
    use super::signed_by;

    #[test]
    fn the_one_to_sign_keeps_the_title_also_beside_others() {
        let to_sign = Some(("站长", "王建国"));
        assert_eq!(signed_by("王建国", to_sign), "站长 王建国");
        assert_eq!(signed_by("王建国、赵六", to_sign), "站长 王建国、赵六");
        assert_eq!(signed_by("赵六、王建国", to_sign), "赵六、站长 王建国");
        assert_eq!(signed_by("王建国， 赵六", to_sign), "站长 王建国、赵六");
        // A stand-in is named alone; a name holding the planned one is another person.
        assert_eq!(signed_by("赵六", to_sign), "赵六");
        assert_eq!(signed_by("王建国华", to_sign), "王建国华");
        assert_eq!(signed_by("王建国", Some(("", "王建国"))), "王建国");
        assert_eq!(signed_by("王建国", None), "王建国");
    }
}
