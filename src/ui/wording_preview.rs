//! The preview under the 通报措辞 editor: the notice's running text in its order, placeholders
//! filled in for the year, from the 版头 and 发文字号 down to the 落款, 附注 and 版记, and
//! the parts the program writes itself (the 主送 when left empty, the units under each grade,
//! the units that failed years in a row, the date, the attachment's tables) shown where they
//! go, in grey, so that the wording is read in place.

use crate::document::NoticeWording;
use crate::document::notice::{RepeatedFailure, WordingValues, repeated_failures_paragraph};
use crate::model::Year;

/// One paragraph of the preview: the wording's own text, or what the program writes there.
enum Part {
    Wording(String),
    Generated(String),
}

/// Draws the preview of `wording` for `year`, at most `height` tall (it scrolls), from its
/// top when `to_top` (the editor just opened); `addressee` is the 主送 the program writes when
/// the wording leaves it empty, if known; `issued` the 成文日期 of the notice issued, if any;
/// `repeated` the units failing years running that the notice would name now, if known.
pub fn wording_preview(
    ui: &mut egui::Ui,
    wording: &NoticeWording,
    (year, addressee, issued): (&Year, Option<&str>, Option<chrono::NaiveDate>),
    repeated: Option<&[RepeatedFailure]>,
    (height, to_top): (f32, bool),
) {
    ui.separator();
    ui.strong("预览");
    // A bar beside the lines, not floating over their ends (they are broken to the width).
    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
    let mut area = egui::ScrollArea::vertical()
        .id_salt("notice_wording_preview")
        .max_height(height)
        // Its whole height from the first frame, not grown into over several (egui starts a
        // scrolled area at 64 points), so that nothing under it moves as it opens.
        .min_scrolled_height(height);
    // Opened again, it reads from the title, not from where it was last scrolled to.
    if to_top {
        area = area.vertical_scroll_offset(0.0);
    }
    area.show(ui, |ui| {
        let width = ui.available_width();
        for part in parts(wording, year, (addressee, issued), repeated) {
            // Broken as the notice breaks its lines.
            let broken = |text: &str| {
                let lines = crate::ui::printed_lines::broken_as_printed(ui, &[text], (width, 13.0));
                lines.into_iter().next().unwrap_or_default()
            };
            match part {
                Part::Wording(text) => {
                    ui.label(egui::RichText::new(broken(&text)).size(13.0));
                }
                Part::Generated(text) => {
                    ui.label(
                        egui::RichText::new(broken(&text))
                            .size(13.0)
                            .weak()
                            .italics(),
                    );
                }
            }
        }
    });
}

/// The notice's running text in order, with the program's own parts described.
fn parts(
    wording: &NoticeWording,
    year: &Year,
    (addressee, issued): (Option<&str>, Option<chrono::NaiveDate>),
    repeated: Option<&[RepeatedFailure]>,
) -> Vec<Part> {
    let values = WordingValues::of(year);
    // A placeholder left unfilled is misspelt (said under the buttons): marked 〔〕 here, as the
    // template preview marks one.
    let filled = |text: &str| values.fill(text).replace('{', "〔").replace('}', "〕");
    let fill = |text: &str| {
        let text = filled(text);
        (!text.trim().is_empty()).then_some(Part::Wording(text))
    };
    let paragraph = |failures: &[RepeatedFailure]| {
        repeated_failures_paragraph(
            failures,
            year.lowest_grade(),
            &filled(&wording.repeated_failure),
        )
    };
    // The year's own units, as the notice prints them; a sample where it has none (the
    // paragraph is then left out) or they are not known.
    let repeated = match repeated {
        Some(failures) if !failures.is_empty() => Part::Wording(paragraph(failures)),
        known => {
            let sample = RepeatedFailure {
                unit_name: "（连续不合格的单位）".to_owned(),
                former_name: None,
                years: (year.year - 1, year.year),
                lowest_renamed: false,
            };
            let when = if known.is_some() {
                "本年度没有连续两年及以上不合格的单位，此段不印出；有这样的单位时印作："
            } else {
                "仅当有连续两年及以上不合格的单位时印出："
            };
            Part::Generated(format!("（{when}）{}", paragraph(&[sample])))
        }
    };
    // The 版头 above the title, as it prints: only with a 发文字号.
    let number = wording.document_number.trim();
    let (mark_line, number_line) = if number.is_empty() {
        (
            Some(Part::Generated(
                "（未填发文字号：通报不印版头，从标题开始）".to_owned(),
            )),
            None,
        )
    } else {
        (
            fill(&wording.issuer_mark).map(|part| match part {
                Part::Wording(text) => Part::Wording(format!("{}（版头，红色）", text.trim())),
                generated @ Part::Generated(_) => generated,
            }),
            // As the notice prints it: filled in, its spaces taken out.
            Some(Part::Wording(filled(number).split_whitespace().collect())),
        )
    };
    [
        mark_line,
        number_line,
        fill(&wording.title),
        Some(if wording.addressee.trim().is_empty() {
            // Shown as it will print, so that it can be checked before the export.
            Part::Generated(addressee.map_or_else(
                || "（主送：按参加考核的单位自动写出）".to_owned(),
                |written| format!("{written}（主送，按参加考核的单位自动写出）"),
            ))
        } else {
            // As the notice prints it: ending in one full-width colon, typed or not.
            Part::Wording(crate::document::notice::addressee_line(&filled(
                wording.addressee.trim(),
            )))
        }),
        fill(&wording.opening),
        fill(&wording.results_heading),
        Some(Part::Generated(
            "（此处由程序按等次分节列出各单位，得分高的在前；没有单位的等次写“无”）".to_owned(),
        )),
        fill(&wording.reward_heading),
        fill(&wording.reward),
        Some(repeated),
        fill(&wording.closing),
        // The end of the body, as the notice prints it: the attachment's name, the 落款 with
        // its date and seal, the 附注; then the attachment and the 版记.
        fill(&wording.attachment)
            .map(|_| Part::Wording(format!("附件：{}", filled(&wording.attachment).trim()))),
        Some(Part::Wording(year.party_a_name.clone())),
        Some(match issued {
            // The notice issued keeps its date: it is shown as it prints.
            Some(date) => Part::Wording(crate::document::notice::chinese_date(date)),
            None => Part::Generated(
                "（成文日期：导出通报时选定，第一次正式导出后不再改变；落款处加盖印章）".to_owned(),
            ),
        }),
        fill(&wording.annotation).map(|_| {
            Part::Wording(crate::document::notice::in_parentheses(&filled(
                &wording.annotation,
            )))
        }),
        Some(Part::Generated(
            "（附件：各类别考核得分情况表，由程序按评分生成，表宽时横排）".to_owned(),
        )),
        // As the notice reads it: the label typed with either colon is the notice's own, and
        // a line of no names is left out.
        Some(crate::document::notice::copy_to_names(&filled(
            wording.copy_to.trim(),
        )))
        .filter(|names| !names.is_empty())
        .map(|names| Part::Wording(format!("抄送：{names}。"))),
        fill(&wording.printing_office).map(|_| {
            Part::Wording(format!(
                "{}　（印发日期）印发",
                filled(wording.printing_office.trim())
            ))
        }),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(parts: &[Part]) -> Vec<&str> {
        parts
            .iter()
            .map(|part| match part {
                Part::Wording(text) | Part::Generated(text) => text.as_str(),
            })
            .collect()
    }

    /// Before a notice is issued its date is still to be chosen; once issued, the date it
    /// carries is shown as it prints.
    #[test]
    fn the_date_of_the_notice_issued_is_shown_and_otherwise_said_to_be_chosen() {
        let year = Year::new(2024, "示例市人民政府");
        let wording = NoticeWording::default();
        let before = parts(&wording, &year, (None, None), None);
        assert!(
            texts(&before)
                .iter()
                .any(|t| t.starts_with("（成文日期：导出通报时选定")),
            "{:?}",
            texts(&before)
        );
        let issued = chrono::NaiveDate::from_ymd_opt(2025, 3, 18);
        let after = parts(&wording, &year, (None, issued), None);
        let after = texts(&after);
        assert!(after.contains(&"2025年3月18日"), "{after:?}");
        assert!(!after.iter().any(|t| t.contains("导出通报时选定")));
    }

    /// A 主送 typed without its colon is shown with it, as the notice prints it.
    #[test]
    fn a_typed_addressee_is_shown_ending_in_its_colon() {
        let year = Year::new(2024, "示例市人民政府");
        for typed in ["各镇人民政府，各街道办事处", "各镇人民政府，各街道办事处:"]
        {
            let wording = NoticeWording {
                addressee: typed.to_owned(),
                ..NoticeWording::default()
            };
            let shown = parts(&wording, &year, (None, None), None);
            assert!(
                texts(&shown).contains(&"各镇人民政府，各街道办事处："),
                "{:?}",
                texts(&shown)
            );
        }
    }

    /// The units failing years running are the year's own, as the notice names them; with
    /// none, the paragraph is said to be left out and shown on a sample.
    #[test]
    fn the_failures_paragraph_names_the_years_own_units() {
        let year = Year::new(2025, "示例市人民政府");
        let wording = NoticeWording::default();
        let failures = [
            RepeatedFailure {
                unit_name: "龙泉镇人民政府".to_owned(),
                former_name: None,
                years: (2023, 2025),
                lowest_renamed: false,
            },
            RepeatedFailure {
                unit_name: "石桥镇人民政府".to_owned(),
                former_name: None,
                years: (2024, 2025),
                lowest_renamed: false,
            },
        ];
        let named = parts(&wording, &year, (None, None), Some(&failures));
        let named = texts(&named);
        assert!(
            named.iter().any(|t| t.starts_with(
                "龙泉镇人民政府（2023、2024、2025年度）、石桥镇人民政府（2024、2025年度）"
            )),
            "{named:?}"
        );
        let none = parts(&wording, &year, (None, None), Some(&[]));
        assert!(
            texts(&none).iter().any(|t| t.starts_with(
                "（本年度没有连续两年及以上不合格的单位，此段不印出；有这样的单位时印作：）（连续不合格的单位）"
            )),
            "{:?}",
            texts(&none)
        );
    }
}
