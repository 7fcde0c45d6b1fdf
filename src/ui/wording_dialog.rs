//! The editor of a year's results-notice wording (通报措辞): a modal with one field per part
//! of the notice, placeholders inserted at the cursor, and a live preview with the year's
//! values filled in. 取消 with edits made asks once before they are thrown away, and the
//! window asks the same before another year, screen or closing would lose them.

use crate::document::NoticeWording;
use crate::document::notice::RepeatedFailure;
use crate::model::Year;
use crate::workflow::notice::{PLACEHOLDERS, wording_problems};

use super::command::Command;
use super::discard_question::{DiscardAnswer, DiscardQuestion};
use super::placeholder_insert::insert_at_cursor;
use super::write_access::WriteAccess;

/// Said of the wording of a published year.
pub const WORDING_LOCKED: &str =
    "考核结果已通报，通报措辞不能再修改；确需更正时请先在“设置 → 年度设置”中把年度阶段改回“考核”";

/// The fields' captions in the order shown, each with its short name (said where a
/// placeholder goes).
const FIELD_CAPTIONS: [(&str, &str); 14] = [
    (
        "发文字号（如 示政通〔2026〕1号；留空则不印红色版头）",
        "发文字号",
    ),
    ("版头：发文机关标志", "发文机关标志"),
    ("标题", "标题"),
    ("主送（留空则按考核单位自动生成）", "主送"),
    ("开头段落", "开头段落"),
    ("结果部分标题", "结果部分标题"),
    ("奖惩部分标题", "奖惩部分标题"),
    ("奖惩段落", "奖惩段落"),
    (
        "连续两年及以上不合格的单位：写在单位名称之后（可留空）",
        "连续两年及以上不合格的单位",
    ),
    ("结尾段落（可留空）", "结尾段落"),
    ("附件名称", "附件名称"),
    (
        "附注（印在成文日期下一行，如 此件公开发布；可留空）",
        "附注",
    ),
    ("版记：抄送（可留空）", "抄送"),
    ("版记：印发机关", "印发机关"),
];

/// The wording editor's state.
#[derive(Default)]
pub struct WordingDialog {
    /// The wording as edited, and as it was when the editor opened; None while closed.
    wording: Option<(NoticeWording, NoticeWording)>,
    /// The wording field the clerk was last in (its place in the dialog, and its id), where
    /// a placeholder is inserted.
    last_field: Option<(usize, egui::Id)>,
    discard: DiscardQuestion,
    /// True while 恢复默认措辞 is asked about (every field is replaced).
    is_asking_reset: bool,
    /// The height the dialog took last frame beside its scrolled fields: the fields get the
    /// rest of the window's room, all of it on a low screen.
    around_fields: Option<f32>,
    /// True until the fields are drawn once after opening: they start at the top (发文字号),
    /// not where they were scrolled to the last time.
    to_top: bool,
    /// The problems found in the wording as it was last checked: checked again only when it
    /// changes (every character is looked up in the fonts), not every frame.
    checked: Option<(NoticeWording, Vec<String>)>,
    /// The 发文字号 of the other years' notices, by year, which this one may not repeat.
    used_numbers: Vec<(i32, String)>,
    /// The 主送 the notice writes when the wording leaves it empty, for the preview.
    addressee: Option<String>,
    /// The 成文日期 of the notice issued for the year, which the preview shows as fixed.
    issued: Option<chrono::NaiveDate>,
    /// The units the notice names as failing years running, as it would now, if known.
    repeated: Option<Vec<RepeatedFailure>>,
}

/// What the program writes into the notice, known when the editor opens, for its preview: the
/// 主送 when the wording leaves it empty, the 成文日期 of the notice issued, the units failing
/// years running.
pub type Generated = (
    Option<String>,
    Option<chrono::NaiveDate>,
    Option<Vec<RepeatedFailure>>,
);

impl WordingDialog {
    /// Opens the editor on `wording`, beside the 发文字号 other years' notices carry.
    pub fn open(
        &mut self,
        wording: NoticeWording,
        used_numbers: Vec<(i32, String)>,
        (addressee, issued, repeated): Generated,
    ) {
        self.wording = Some((wording.clone(), wording));
        self.used_numbers = used_numbers;
        self.addressee = addressee;
        self.issued = issued;
        self.repeated = repeated;
        self.checked = None;
        self.last_field = None;
        self.around_fields = None;
        self.to_top = true;
    }

    /// Closes the editor, its edits given up or saved.
    pub fn close(&mut self) {
        self.wording = None;
        self.last_field = None;
    }

    /// "通报措辞" while the editor holds unsaved edits, else empty.
    #[must_use]
    pub fn unsaved(&self) -> &'static str {
        match &self.wording {
            Some((wording, opened_with)) if wording != opened_with => "通报措辞",
            _ => "",
        }
    }

    /// Draws the editor while it is open; 取消 asks once before edits are thrown away.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        year: Option<&Year>,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        match self.discard.show(ctx) {
            DiscardAnswer::Discard => self.close(),
            DiscardAnswer::KeepEditing | DiscardAnswer::Waiting => {}
        }
        let Some((wording, opened_with)) = &mut self.wording else {
            return;
        };
        let to_top = std::mem::take(&mut self.to_top);
        let mut close = false;
        let mut reset = false;
        let last_field = &mut self.last_field;
        // On a low window (1366×768 at 125 %) the fields and the preview give up height, so
        // that 保存措辞 stays in the window.
        let room = crate::ui::steady_modal::room(ctx);
        // The preview keeps a share of it (six lines or so at 1024×700), the fields the rest.
        let preview_height = (room * 0.22).clamp(90.0, 160.0);
        // Until measured (the first frame), a guess of what the rest of the dialog needs.
        let fields_height = (room - self.around_fields.unwrap_or(340.0)).clamp(100.0, 480.0);
        let mut fields_shown = fields_height;
        let modal = crate::ui::steady_modal::top_anchored(ctx, egui::Id::unique("notice_wording")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading("本年度考核结果通报的措辞");
            ui.label(
                "{本级} 按甲方名称写作市、县或区；各等次的单位名单由程序按得分生成；下方预览按本年度填入占位符",
            );
            // The notice published was made from this wording: it stays while the year does,
            // shown but not editable; so in a read-only window, which can save nothing.
            let published = year.is_some_and(|y| y.phase == crate::model::Phase::Published);
            if published && !access.can_write() {
                // The way back to 考核 is in a window that can write: not sent there from here.
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "考核结果已通报，通报措辞不能再修改（本窗口只读）",
                );
            } else if published {
                ui.colored_label(ui.visuals().warn_fg_color, WORDING_LOCKED);
            } else if let Some(refusal) = access.refusal("措辞只能查看，不能修改") {
                ui.colored_label(ui.visuals().warn_fg_color, refusal);
            }
            let locked = published || !access.can_write();
            let mut insert = None;
            ui.add_enabled_ui(!locked, |ui| ui.horizontal_wrapped(|ui| {
                ui.label("插入占位符：");
                for placeholder in PLACEHOLDERS {
                    if ui.small_button(placeholder).clicked() {
                        insert = Some(placeholder);
                    }
                }
            }));
            // A line of its own, whichever it says: nothing below moves as a field is clicked
            // (a button would move from under the pointer).
            // Nothing to click where nothing can be edited.
            if !locked {
                let target = (*last_field)
                    .and_then(|(index, _)| FIELD_CAPTIONS.get(index))
                    .map_or_else(
                        || "先点一下要插入的位置".to_owned(),
                        |(_, short)| format!("插入到：{short}"),
                    );
                ui.weak(target);
            }
            let mut fields = egui::ScrollArea::vertical()
                .max_height(fields_height)
                .min_scrolled_height(fields_height);
            if to_top {
                fields = fields.vertical_scroll_offset(0.0);
            }
            let fields = fields.show(ui, |ui| {
                    let fields: [(&mut String, bool); 14] = [
                        (&mut wording.document_number, false),
                        (&mut wording.issuer_mark, false),
                        (&mut wording.title, true),
                        (&mut wording.addressee, false),
                        (&mut wording.opening, true),
                        (&mut wording.results_heading, false),
                        (&mut wording.reward_heading, false),
                        (&mut wording.reward, true),
                        (&mut wording.repeated_failure, true),
                        (&mut wording.closing, true),
                        (&mut wording.attachment, false),
                        (&mut wording.annotation, false),
                        (&mut wording.copy_to, false),
                        (&mut wording.printing_office, false),
                    ];
                    let fields = FIELD_CAPTIONS.into_iter().zip(fields);
                    for (index, ((caption, _), (text, multiline))) in fields.enumerate() {
                        // The example number of the year after the one assessed, when the
                        // notice is issued: one the check takes, under the 甲方's first
                        // character (示例市人民政府: 示政通).
                        let label = match year {
                            Some(year) if index == 0 => ui.label(format!(
                                "发文字号（如 {}政通〔{}〕1号；留空则不印红色版头）",
                                year.party_a_name.trim().chars().next().unwrap_or('示'),
                                year.year + 1
                            )),
                            _ => ui.label(caption),
                        };
                        if let (Some(token), Some((field, id))) = (insert, *last_field)
                            && field == index
                        {
                            insert_at_cursor(ui.ctx(), id, text, token);
                        }
                        let edit = if multiline {
                            egui::TextEdit::multiline(text)
                                .desired_rows(3)
                                .desired_width(f32::INFINITY)
                        } else {
                            egui::TextEdit::singleline(text).desired_width(f32::INFINITY)
                        };
                        // Locked, read-only but not greyed: a greyed text would read as the
                        // empty field's example (a stored 附注 as the hint beside it).
                        let response = ui.add(edit.interactive(!locked)).labelled_by(label.id);
                        let response = if caption == "标题" {
                            response.on_hover_text(
                                "标题过长时自动分行，尽量不拆开词语；要在某处换行，在那里按回车",
                            )
                        } else {
                            response
                        };
                        // Opened with the keyboard in its first field (as other dialogs are),
                        // not nowhere: Tab then goes on through the fields.
                        if index == 0 && !locked {
                            crate::ui::steady_modal::focus_on_open(
                                ui,
                                egui::Id::unique("notice_wording"),
                                &response,
                            );
                        }
                        // Where the clerk worked last, not where Tab passed through.
                        if super::placeholder_insert::is_worked_in(ui, &response) {
                            *last_field = Some((index, response.id));
                        }
                    }
                    // Tab through the fields: the one reached is scrolled into sight.
                    super::follow_focus::follow_focus(ui, "notice_wording_fields");
                });
            fields_shown = fields.inner_rect.height();
            // A year typed in a keyboard's brackets takes the 六角括号 at once.
            let bracketed =
                crate::workflow::notice::document_number_brackets(&wording.document_number);
            if bracketed != wording.document_number {
                wording.document_number = bracketed;
            }
            if let Some(year) = year {
                super::wording_preview::wording_preview(
                    ui,
                    wording,
                    (year, self.addressee.as_deref(), self.issued),
                    self.repeated.as_deref(),
                    (preview_height, to_top),
                );
            }
            if self.checked.as_ref().is_none_or(|(seen, _)| seen != wording) {
                let mut problems = wording_problems(wording);
                problems.extend(year.and_then(|year| {
                    crate::workflow::notice::document_number_clash(
                        year.year,
                        &wording.document_number,
                        &self.used_numbers,
                    )
                }));
                // A character no font has is said by its code, not as an empty “ ”.
                let problems = (problems.iter())
                    .map(|p| crate::ui::drawable_text::drawable(p))
                    .collect();
                self.checked = Some((wording.clone(), problems));
            }
            let problems: &[String] = (self.checked.as_ref()).map_or(&[], |(_, p)| p.as_slice());
            // The buttons first, the problems under them: a problem coming or going never
            // moves a button under the pointer.
            ui.horizontal(|ui| {
                if access
                    .add_enabled(
                        ui,
                        problems.is_empty() && !locked,
                        egui::Button::new("保存措辞"),
                    )
                    .clicked()
                {
                    commands.push(Command::SaveNoticeWording(wording.clone()));
                }
                reset = ui
                    .add_enabled(!locked, egui::Button::new("恢复默认措辞"))
                    .clicked();
                // Nothing to cancel in a wording that cannot be changed.
                close = ui.button(if locked { "关闭" } else { "取消" }).clicked();
            });
            // Room for three lines of problems, the same however many there are (more scroll):
            // problems coming or going never change the dialog's height, so neither the fields
            // nor the buttons move.
            let three_lines = 3.0 * ui.text_style_height(&egui::TextStyle::Body)
                + 2.0 * ui.spacing().item_spacing.y;
            let problems_area = egui::ScrollArea::vertical()
                .id_salt("notice_wording_problems")
                .max_height(three_lines)
                .min_scrolled_height(three_lines)
                .auto_shrink([false, false]);
            problems_area.show(ui, |ui| {
                // Broken as the documents break lines: no line ends with an opening “.
                let color = ui.visuals().error_fg_color;
                for problem in problems {
                    crate::ui::printed_lines::label(ui, problem, Some(color));
                }
                // The room kept says what it is for, rather than stand empty.
                if problems.is_empty() && !locked {
                    ui.weak("改好后点“保存措辞”；措辞中有问题时在这里逐条说明，改正后才能保存");
                }
            });
        });
        // The most it took (a line wrapped one frame and not the next would otherwise make the
        // fields grow and shrink in turn); kept while the dialog is open.
        let around = modal.response.rect.height() - fields_shown;
        // Measured the first time, drawn again at once; a later growth waits for the next
        // frame (the preview settles over a few, and each would otherwise ask for another).
        if self.around_fields.is_none() {
            ctx.request_repaint();
        }
        if self
            .around_fields
            .is_none_or(|before| around > before + 1.0)
        {
            self.around_fields = Some(around);
        }
        // Esc or a click beside it is 取消 (with its question when edits were made), unless a
        // question of its own is open above it.
        if !self.is_asking_reset && modal.should_close() {
            close = true;
        }
        // Every field is replaced: asked once, unless nothing differs from the defaults.
        if reset && *wording != NoticeWording::default() {
            self.is_asking_reset = true;
        }
        if self.is_asking_reset {
            let answer = crate::ui::confirm::ask_cancel_first(
                ctx,
                "reset_wording",
                "恢复默认",
                |ui| {
                    ui.heading("恢复默认措辞？");
                    ui.label("各项措辞（含发文字号、抄送）都将换成默认内容，已填写的将被替换；发文字号默认为空，须重新填写；附注和抄送默认也为空，如需要请重新填写");
                },
            );
            if answer == Some(true) {
                *wording = NoticeWording::default();
            }
            if answer.is_some() {
                self.is_asking_reset = false;
            }
        }
        if close && self.discard.ask_if(wording != opened_with) {
            self.close();
        }
    }
}
