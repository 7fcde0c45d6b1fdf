//! 设置 → 常规: 年度结转 (the selected year copied into a new one) and 删除年度 (a year made by
//! mistake, which has no agreements and no scores yet). Each asks once, saying what it will do,
//! and each takes an automatic backup first. In a read-only window both are disabled, saying why.

use super::agreements::YearData;
use super::command::Command;
use super::write_access::WriteAccess;

/// The question on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    /// 结转 `from` into `to`?
    Rollover { from: i32, to: i32 },
    /// 删除 `year`? (With the year before it, and whether that one is published.)
    Delete {
        year: i32,
        previous: Option<(i32, bool)>,
    },
}

/// Runtime state of the two year actions.
#[derive(Default)]
pub struct YearActions {
    asking: Option<Asking>,
    /// Set once a deletion was confirmed: the button that asked is greyed in the year shown
    /// after it, so the keyboard goes to 从 … 年度结转… (not to whatever field egui would hand
    /// it to). After a rollover the keyboard goes nowhere: the button that opened the question
    /// is then the next rollover, a second Enter away.
    is_keyboard_to_rollover: bool,
}

/// Why `year` cannot be deleted, if it cannot: a later year follows it, it is the only year
/// (no year `previous` to it), or it has agreements or scores.
fn deletion_refusal(
    year: i32,
    newest: Option<i32>,
    previous: Option<(i32, bool)>,
    data: &YearData,
) -> Option<String> {
    if let Some(newest) = newest.filter(|newest| *newest > year) {
        return Some(crate::store::deletion_not_newest(year, newest));
    }
    if previous.is_none() {
        return Some(crate::store::deletion_only_year(year));
    }
    let agreements = data.agreements.len();
    if agreements > 0 {
        return Some(format!(
            "{year} 年度已有 {agreements} 份责任书，不能删除；只能删除还没有责任书和评分的年度"
        ));
    }
    let is_scored =
        !(data.scores.is_empty() && data.adjustments.is_empty() && data.vetoes.is_empty());
    is_scored.then(|| format!("{year} 年度已有评分，不能删除"))
}

impl YearActions {
    /// Draws both actions for the selected `year` (with its loaded `data`), and their questions;
    /// a rollover is offered from the `newest` year only, and not while `unsaved` (the 年度设置
    /// tab's edits, which the rollover's move to the new year would lose) is not empty. The
    /// `previous` year (and whether it is published) is said of when deleting; `unprepared`,
    /// what the new year will lack for the categories units are in, in the rollover question.
    #[allow(
        clippy::too_many_arguments,
        reason = "the year, its neighbours and what stops a rollover; a struct would only rename them"
    )]
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        year: Option<i32>,
        (newest, previous): (Option<i32>, Option<(i32, bool)>),
        (data, unprepared): (&YearData, &[String]),
        unsaved: &str,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        ui.strong("年度结转");
        // Asked for by the answer last frame; taken now whether the button is drawn or not.
        let keyboard_to_rollover = std::mem::take(&mut self.is_keyboard_to_rollover);
        let Some(from) = year else {
            ui.label("还没有考核年度");
            return;
        };
        if let Some(newest) = newest.filter(|newest| *newest > from) {
            ui.label(format!(
                "只能从最新的 {newest} 年度结转：请在顶部选择 {newest} 年度"
            ));
        } else {
            ui.label(format!(
                "把 {from} 年度的甲方设置、等次分数线、各类别当前模板和考核指标复制为新年度（责任书不复制，需重新起草）"
            ));
            // Said in the question, when the clerk is about to roll over: on the page of a new
            // register it read as a fault of the clerk's.
            self.rollover_form(ui, from, (unsaved, keyboard_to_rollover), access);
        }
        ui.add_space(16.0);
        ui.strong("删除年度");
        ui.label(
            "误建的年度（例如多结转了一年）可以删除；只能删除最新的、还没有责任书和评分的年度",
        );
        // As for the rollover: edits of the year's settings waiting are not dropped unasked
        // (a year that cannot be deleted anyway says why first).
        let refusal = deletion_refusal(from, newest, previous, data).or_else(|| {
            (!unsaved.is_empty())
                .then(|| format!("“{unsaved}”中有未保存的修改：请先保存或还原，再删除"))
        });
        let button = ui
            .horizontal_wrapped(|ui| {
                let button = access.add_enabled(
                    ui,
                    refusal.is_none(),
                    egui::Button::new(format!("删除 {from} 年度…")),
                );
                // Said beside it, not on hover: a greyed button alone reads as a fault.
                if let Some(why) = refusal.as_deref().filter(|_| access.can_write()) {
                    ui.weak(why);
                }
                button
            })
            .inner;
        if button.clicked() {
            self.asking = Some(Asking::Delete {
                year: from,
                previous,
            });
        }
        self.question(ui.ctx(), (data, unprepared), commands);
    }

    /// The new year (always the next: years follow one another) and the 结转 button, for the
    /// newest year `from`; while `unsaved` edits of 年度设置 wait, the button says so instead.
    /// `keyboard_to_it` gives the button the keyboard (after a deletion).
    fn rollover_form(
        &mut self,
        ui: &mut egui::Ui,
        from: i32,
        (unsaved, keyboard_to_it): (&str, bool),
        access: WriteAccess<'_>,
    ) {
        let to = from + 1;
        ui.horizontal(|ui| {
            ui.label(format!("新年度：{to} 年度"));
            let button = access.add_enabled(
                ui,
                unsaved.is_empty(),
                egui::Button::new(format!("从 {from} 年度结转…")),
            );
            if !unsaved.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("“{unsaved}”中有未保存的修改：请先保存或还原，再结转"),
                );
            }
            if button.clicked() {
                self.asking = Some(Asking::Rollover { from, to });
            }
            // Once, on the frame after the answer: never later, unasked.
            if keyboard_to_it && self.asking.is_none() {
                button.request_focus();
            }
        });
    }

    /// True while the rollover question is open (what it says is worked out only then).
    #[must_use]
    pub fn is_asking_rollover(&self) -> bool {
        matches!(self.asking, Some(Asking::Rollover { .. }))
    }

    /// The question asked once before either action; Esc or a click beside it is 取消.
    /// `unprepared` says what the new year will lack for the categories units are in.
    fn question(
        &mut self,
        ctx: &egui::Context,
        (data, unprepared): (&YearData, &[String]),
        commands: &mut Vec<Command>,
    ) {
        let Some(asking) = self.asking else { return };
        let mut answer = None;
        let modal_id = egui::Id::unique("year_action_question");
        let modal = crate::ui::steady_modal::new(ctx, modal_id).show(ctx, |ui| {
            ui.set_max_width(520.0);
            // A year still being prepared, rolled over again (warned in the text): the
            // keyboard starts on 取消, as the command line asks for --yes.
            let is_fresh = matches!(asking, Asking::Rollover { .. })
                && (data.year.as_ref()).is_some_and(|year| {
                    crate::workflow::rollover::fresh_year_warning(year, data.agreements.len())
                        .is_some()
                });
            let confirm = match asking {
                Asking::Rollover { from, to } => {
                    rollover_text(ui, from, to, data);
                    // Said before, not only after: units of these categories cannot be drafted
                    // (or issued) in the new year until they are prepared.
                    for line in unprepared {
                        say(ui, &format!("结转后：{line}"), true);
                    }
                    "结转"
                }
                Asking::Delete { year, previous } => {
                    deletion_text(ui, year, previous, data);
                    "删除"
                }
            };
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let button = ui.button(confirm);
                let cancel = ui.button("取消");
                // The keyboard starts on 结转, or on 取消 before a deletion (not undone) or a
                // second rollover of a year just made.
                let first = match asking {
                    Asking::Rollover { .. } if !is_fresh => &button,
                    Asking::Rollover { .. } | Asking::Delete { .. } => &cancel,
                };
                crate::ui::steady_modal::focus_on_open(ui, modal_id, first);
                if button.clicked() {
                    answer = Some(true);
                }
                if cancel.clicked() {
                    answer = Some(false);
                }
            });
        });
        if answer.is_none() && modal.should_close() {
            answer = Some(false);
        }
        let Some(is_confirmed) = answer else { return };
        self.asking = None;
        if is_confirmed {
            self.is_keyboard_to_rollover = matches!(asking, Asking::Delete { .. });
            if !self.is_keyboard_to_rollover {
                crate::ui::steady_modal::give_keyboard_back_to_nothing(ctx);
            }
            commands.push(match asking {
                Asking::Rollover { from, to } => Command::Rollover { from, to },
                Asking::Delete { year, .. } => Command::DeleteYear(year),
            });
        }
    }
}

/// What a rollover copies and what it leaves, and what of `from` (its `data`) is unfinished.
fn rollover_text(ui: &mut egui::Ui, from: i32, to: i32, data: &YearData) {
    let planned = data.year.as_ref().and_then(|y| y.planned_signing_date);
    let carried = crate::workflow::rollover::carried_signing_date(planned, from, to);
    let signing = carried.map_or_else(
        || "未设".to_owned(),
        |date| format!("顺延为 {}", crate::model::dates::show_date(date)),
    );
    ui.heading(format!("从 {from} 年度结转为 {to} 年度？"));
    ui.label(format!("复制到 {to} 年度："));
    // Counted, as the command line reports them: a year with none has none to copy.
    let with_template: std::collections::BTreeSet<i64> = (data.templates.iter())
        .map(|t| t.content.category_id)
        .collect();
    let templates = match with_template.len() {
        0 => format!("模板：{from} 年度还没有模板，没有可复制的（结转后在“模板”中写好）"),
        n => format!("模板：{n} 个类别的当前版本，作为 {to} 年度的第 1 版"),
    };
    let indicators = match data.sets.len() {
        0 => format!("考核指标：{from} 年度还没有考核指标，没有可复制的"),
        n => format!("考核指标：{n} 个类别各一套，未定稿，请核对后定稿"),
    };
    for line in [
        format!("单位：名册转为 {to} 年度的名册，{from} 年度保存结转时的单位信息"),
        "考核类别：各年度共用".to_owned(),
        templates,
        indicators,
        format!(
            "等次分数线、满分和甲方设置（计划签订日期{signing}），以及通报措辞（发文字号留空，发布前另行填写）"
        ),
    ] {
        say(ui, &format!("· {line}"), false);
    }
    say(
        ui,
        &format!("不复制：责任书和评分（{to} 年度的责任书需重新起草）"),
        false,
    );
    say(
        ui,
        "结转前先自动备份（“年度结转前”），结转后转到新年度",
        false,
    );
    let fresh = (data.year.as_ref()).and_then(|year| {
        crate::workflow::rollover::fresh_year_warning(year, data.agreements.len())
    });
    if let Some(warning) = fresh {
        say(ui, &warning, true);
    }
    // A date not in its own year (mistyped, most likely) is carried as it is: said.
    if let Some(line) = crate::workflow::rollover::off_year_signing_date(carried, from, to) {
        say(ui, &line, true);
    }
    let today = chrono::Local::now().date_naive();
    if let Some(line) = crate::workflow::rollover::passed_signing_date(carried, to, today) {
        say(ui, &line, true);
    }
    let in_settings = crate::workflow::rollover::IN_YEAR_SETTINGS;
    let blank = (data.year.as_ref())
        .and_then(|year| crate::workflow::rollover::blank_signatory(year, to, in_settings));
    if let Some(line) = blank {
        say(ui, &line, true);
    }
    // The old year's paper trail, said while it is in mind: agreements not signed yet, and
    // signed copies not yet filed.
    // Not those of units archived before they signed: they await nothing.
    let of_from =
        (data.agreements.iter()).filter(|a| a.draft.year == from && !data.left_out.contains(&a.id));
    for line in crate::workflow::rollover::unfinished_in(from, of_from) {
        say(ui, &line, true);
    }
}

/// What deleting a year removes and what it keeps, and what becomes of the units of the year
/// `previous` to it (with whether it is published).
fn deletion_text(ui: &mut egui::Ui, year: i32, previous: Option<(i32, bool)>, data: &YearData) {
    ui.heading(format!("删除 {year} 年度？"));
    say(
        ui,
        &format!(
            "将删除 {year} 年度的甲方设置、等次分数线、模板 {} 版、考核指标 {} 套和通报措辞",
            data.templates.len(),
            data.sets.len()
        ),
        false,
    );
    say(ui, "单位名册和考核类别不受影响；删除记入操作记录", false);
    // The year before is the newest again: unless published, it reads the register as it is
    // now (see `Writer::delete_year`), which a clerk who changed units since should know.
    if let Some((previous, false)) = previous {
        say(
            ui,
            &format!(
                "删除后，{previous} 年度（尚未通报）改按现在的单位名册显示：结转后新增和修改的单位也会出现在 {previous} 年度"
            ),
            true,
        );
    }
    say(
        ui,
        "删除前先自动备份（“删除年度前”），需要时可在“备份与恢复”中找回",
        false,
    );
}

/// A line of the question, broken as the documents break lines (no "（" ending one, a year
/// kept with its 年度), in the warning colour when `is_warning`.
fn say(ui: &mut egui::Ui, text: &str, is_warning: bool) {
    let color = is_warning.then(|| ui.visuals().warn_fg_color);
    crate::ui::printed_lines::label(ui, text, color);
}
