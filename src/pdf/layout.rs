//! The main text on the GB/T 9704 grid: title, parties, preamble, numbered sections and the
//! signature block, 22 lines of 28 characters per page. A heading stays on the page of the
//! first lines of the paragraph after it, a paragraph leaves neither its first nor its last
//! line alone on a page, and the signature block always shares its page with the last lines
//! of text.

use std::mem::take;

use super::fonts::{FontRole, FontSet};
use super::justify::line_spans;
use super::linebreak::{Breaker, break_lines, break_paragraph};
use super::page::{
    BODY_SIZE_PT, CELL_MM, Item, LINES_PER_PAGE, MARGIN_LEFT_MM, PT_PER_MM, Page, TEXT_WIDTH_MM,
    TITLE_SIZE_PT, line_baseline_mm,
};
use super::page::{
    MARGIN_BOTTOM_MM, MARGIN_RIGHT_MM, PAGE_HEIGHT_MM, PAGE_NUMBER_DASH_RISE_EM,
    PAGE_NUMBER_GAP_MM, PAGE_NUMBER_SIZE_PT, PAGE_WIDTH_MM,
};
use crate::document::AgreementContent;

/// Text measurement over the document's fonts.
pub struct Metrics<'a> {
    fonts: &'a FontSet,
}

impl<'a> Metrics<'a> {
    /// Measures with `fonts`.
    #[must_use]
    pub fn new(fonts: &'a FontSet) -> Self {
        Self { fonts }
    }

    /// Width of one char in millimetres.
    #[must_use]
    pub fn advance_mm(&self, role: FontRole, c: char, size_pt: f32) -> f32 {
        self.fonts.advance_pt(role, c, size_pt) / PT_PER_MM
    }

    /// Width of a text in millimetres.
    #[must_use]
    pub fn width_mm(&self, role: FontRole, text: &str, size_pt: f32) -> f32 {
        text.chars()
            .map(|c| self.advance_mm(role, c, size_pt))
            .sum()
    }

    /// Lines of a body paragraph within `width_mm`, the first `indent_mm` narrower; a comma
    /// or full stop may hang past the right edge (see [`break_paragraph`]).
    #[must_use]
    pub fn paragraph_lines(
        &self,
        role: FontRole,
        text: &str,
        size_pt: f32,
        width_mm: f32,
        indent_mm: f32,
    ) -> Vec<String> {
        self.broken(break_paragraph, role, text, size_pt, (width_mm, indent_mm))
    }

    /// Lines of `text` within `width_mm`, the first `indent_mm` narrower.
    #[must_use]
    pub fn lines(
        &self,
        role: FontRole,
        text: &str,
        size_pt: f32,
        width_mm: f32,
        indent_mm: f32,
    ) -> Vec<String> {
        self.broken(break_lines, role, text, size_pt, (width_mm, indent_mm))
    }

    /// The lines `breaker` makes of `text` in `role` at `size_pt`, (width, first indent) in mm.
    fn broken(
        &self,
        breaker: Breaker,
        role: FontRole,
        text: &str,
        size_pt: f32,
        (width_mm, indent_mm): (f32, f32),
    ) -> Vec<String> {
        let advance = |c: char| self.advance_mm(role, c, size_pt);
        breaker(text, width_mm, indent_mm, &advance)
            .into_iter()
            .map(|line| line.text)
            .collect()
    }
}

/// A text run on a grid line; its baseline comes from the line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub(crate) x_mm: f32,
    pub(crate) size_pt: f32,
    pub(crate) role: FontRole,
    pub(crate) text: String,
    /// Extra space after each character, for a justified line.
    pub(crate) spacing_mm: f32,
    /// The column of a two-column block the span belongs to (0, the left, elsewhere): a page
    /// is written column by column, so that text extraction reads the left column first.
    pub(crate) column: u8,
}

pub(crate) type Row = Vec<Span>;

/// True for a row of a heading on a line of its own ("一、…", "（一）…").
fn is_heading_row(row: &Row) -> bool {
    !row.is_empty()
        && row
            .iter()
            .all(|span| matches!(span.role, FontRole::Heading1 | FontRole::Heading2))
}

/// The pages being filled, line by line.
pub(crate) struct Flow<'a> {
    metrics: &'a Metrics<'a>,
    pages: Vec<Vec<Row>>,
    current: Vec<Row>,
    /// For each row of `current`: true when it goes on the paragraph of the row before it
    /// (so that lines taken over to the next page never split a paragraph badly).
    joined: Vec<bool>,
    /// The same for the last page in `pages`, from which rows may be taken over too.
    previous_joined: Vec<bool>,
    /// Heading rows not yet placed: they go on the page of the first lines of the paragraph
    /// that follows them.
    held: Vec<Row>,
}

impl<'a> Flow<'a> {
    pub(crate) fn new(metrics: &'a Metrics<'a>) -> Self {
        Self {
            metrics,
            pages: Vec::new(),
            current: Vec::new(),
            joined: Vec::new(),
            previous_joined: Vec::new(),
            held: Vec::new(),
        }
    }

    pub(crate) fn remaining(&self) -> usize {
        LINES_PER_PAGE - self.current.len()
    }

    pub(crate) fn new_page(&mut self) {
        if !self.current.is_empty() {
            self.pages.push(take(&mut self.current));
            self.previous_joined = take(&mut self.joined);
        }
        self.joined.clear();
    }

    pub(crate) fn push(&mut self, row: Row) {
        self.push_joined(row, false);
    }

    /// Pushes `row`, `joined` to the paragraph of the row before it when true.
    fn push_joined(&mut self, row: Row, joined: bool) {
        if self.current.len() >= LINES_PER_PAGE {
            self.new_page();
        }
        let joined = joined && !self.current.is_empty();
        self.current.push(row);
        self.joined.push(joined);
    }

    /// An empty line, except at the top of a page.
    pub(crate) fn blank(&mut self) {
        if !self.current.is_empty() && self.remaining() > 0 {
            self.push(Vec::new());
        }
    }

    pub(crate) fn span(x_mm: f32, role: FontRole, text: String) -> Span {
        Span {
            x_mm,
            size_pt: BODY_SIZE_PT,
            role,
            text,
            spacing_mm: 0.0,
            column: 0,
        }
    }

    /// A paragraph indented two cells; the first `lead_chars` characters use `lead_role`.
    ///
    /// Every line but the last of the paragraph (and of each part ended by a '\n') is justified
    /// to the right margin (撑满版心): a line that ends short because of 避头尾 or half-width
    /// digits and Latin spreads the leftover width over the gaps at its CJK characters and
    /// spaces; Latin words and numbers keep their natural width (see `justify`).
    pub(crate) fn paragraph(
        &mut self,
        text: &str,
        role: FontRole,
        lead_role: FontRole,
        lead_chars: usize,
    ) {
        let rows = self.paragraph_rows(text, role, lead_role, lead_chars);
        self.place_paragraph(rows);
    }

    /// Places a paragraph's rows with the headings held before it. Neither its first line
    /// alone at the foot of a page nor its last line alone at the head of the next: a page
    /// that would end that way turns earlier (see [`lines_on_this_page`]). The held headings
    /// go to the next page too when the paragraph cannot start on theirs.
    fn place_paragraph(&mut self, mut rows: Vec<Row>) {
        let held = take(&mut self.held);
        if !held.is_empty() {
            let starts_here = self
                .remaining()
                .checked_sub(held.len())
                .is_some_and(|room| lines_on_this_page(rows.len(), room) > 0);
            if !starts_here {
                self.new_page();
            }
            for row in held {
                self.push(row);
            }
        }
        let mut is_continued = false;
        while !rows.is_empty() {
            let mut here = lines_on_this_page(rows.len(), self.remaining());
            if here == 0 {
                if self.current.is_empty() {
                    here = rows.len().min(LINES_PER_PAGE);
                } else {
                    self.new_page();
                    continue;
                }
            }
            let rest = rows.split_off(here.min(rows.len()));
            for row in rows {
                self.push_joined(row, is_continued);
                is_continued = true;
            }
            rows = rest;
            if !rows.is_empty() {
                self.new_page();
            }
        }
    }

    /// The rows of [`Flow::paragraph`], not yet placed.
    pub(crate) fn paragraph_rows(
        &self,
        text: &str,
        role: FontRole,
        lead_role: FontRole,
        lead_chars: usize,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        let indent = 2.0 * CELL_MM;
        let mut lead_left = lead_chars;
        // Every paragraph of a clause starts two characters in, as GB/T 9704 sets paragraphs:
        // a clause typed or pasted as two paragraphs prints as two.
        for part in text.split('\n') {
            let part = part.strip_suffix('\r').unwrap_or(part);
            let part_indent = indent;
            let lines =
                self.metrics
                    .paragraph_lines(role, part, BODY_SIZE_PT, TEXT_WIDTH_MM, part_indent);
            let last = lines.len().saturating_sub(1);
            for (index, line) in lines.into_iter().enumerate() {
                let start = if index == 0 { part_indent } else { 0.0 };
                let chars: Vec<(char, FontRole)> = line
                    .chars()
                    .map(|c| {
                        if lead_left > 0 {
                            lead_left -= 1;
                            (c, lead_role)
                        } else {
                            (c, role)
                        }
                    })
                    .collect();
                let target = (index < last).then_some(TEXT_WIDTH_MM - start);
                let row = line_spans(self.metrics, &chars, MARGIN_LEFT_MM + start, target);
                rows.push(row);
            }
        }
        rows
    }

    /// A level-1 heading ("一、…"), 黑体: placed with the first lines of the next paragraph.
    pub(crate) fn heading(&mut self, text: &str) {
        // Short clauses held as level-2 headings ("（五）补充条款。" ending the part before)
        // head no level-1 heading: they are placed now, on their own page, and only this
        // heading waits for its paragraph.
        if !self.held.is_empty()
            && (self.held.iter().flatten()).all(|span| span.role == FontRole::Heading2)
        {
            self.release_held();
        }
        self.hold(text, FontRole::Heading1);
    }

    /// A level-2 heading on a line of its own ("（一）…"), 楷体: placed with the first lines
    /// of the next paragraph.
    pub(crate) fn subheading(&mut self, text: &str) {
        self.hold(text, FontRole::Heading2);
    }

    /// Holds a heading's rows until the paragraph after it is placed.
    fn hold(&mut self, text: &str, role: FontRole) {
        let rows = self.paragraph_rows(text, role, role, 0);
        self.held.extend(rows);
    }

    /// Places held headings that no paragraph follows, never as the last line of a page.
    fn release_held(&mut self) {
        let held = take(&mut self.held);
        if !held.is_empty() && self.remaining() < held.len() + 1 {
            self.new_page();
        }
        for row in held {
            self.push(row);
        }
    }

    /// Rows that must stay together with the two lines before them.
    pub(crate) fn keep_with_previous(&mut self, rows: Vec<Row>) {
        self.keep_with_last(rows, 2);
    }

    /// Rows that must stay on one page with the `keep` rows before them: when they do not fit,
    /// or when this page holds fewer than `keep` rows, those rows (taken from the end of the
    /// previous page where needed) go with them.
    pub(crate) fn keep_with_last(&mut self, rows: Vec<Row>, keep: usize) {
        self.release_held();
        let is_short = self.current.len() < keep && !self.pages.is_empty();
        if rows.len() > self.remaining() || is_short {
            let wanted = self.current.len().saturating_sub(keep);
            let from = taken_over_from(&self.current, &self.joined, wanted);
            let mut moved = self.current.split_off(from);
            let mut moved_joined = self.joined.split_off(from.min(self.joined.len()));
            let short = keep.saturating_sub(moved.len());
            if short > 0
                && let Some(previous) = self.pages.last_mut()
            {
                let wanted = previous.len().saturating_sub(short);
                // A page is never emptied to keep the rows company.
                let at = match taken_over_from(previous, &self.previous_joined, wanted) {
                    0 => wanted,
                    at => at,
                };
                let mut tail = previous.split_off(at);
                let mut tail_joined =
                    (self.previous_joined).split_off(at.min(self.previous_joined.len()));
                tail_joined.resize(tail.len(), false);
                tail.append(&mut moved);
                tail_joined.append(&mut moved_joined);
                moved = tail;
                moved_joined = tail_joined;
            }
            self.new_page();
            for (row, joined) in moved.into_iter().zip(moved_joined) {
                self.push_joined(row, joined);
            }
            if rows.len() > self.remaining() {
                self.new_page();
            }
        }
        for row in rows {
            self.push(row);
        }
    }

    /// The filled portrait pages, each grid line's spans placed on its baseline.
    pub(crate) fn finish(mut self) -> Vec<Page> {
        self.release_held();
        self.new_page();
        self.pages
            .into_iter()
            .map(|rows| {
                let mut spans: Vec<(usize, Span)> = rows
                    .into_iter()
                    .enumerate()
                    .flat_map(|(line, spans)| spans.into_iter().map(move |span| (line, span)))
                    .collect();
                // Column by column, each top to bottom (a stable sort keeps each row's order).
                spans.sort_by_key(|(line, span)| (span.column, *line));
                Page {
                    is_landscape: false,
                    items: spans
                        .into_iter()
                        .map(|(line, span)| Item::Text {
                            x_mm: span.x_mm,
                            baseline_mm: line_baseline_mm(line),
                            size_pt: span.size_pt,
                            role: span.role,
                            text: span.text,
                            spacing_mm: span.spacing_mm,
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

/// Where the rows taken over from a page of `rows` (each `joined` to the one before it or not)
/// to the next one start, for `wanted` there: a heading right above them goes with them, never
/// left at the foot of the page (but for a level-2 heading above a row set wholly as one, as
/// a run of short clauses "（四）补充条款。" is: there it stays); and they do not start with a paragraph's last line alone (a
/// widow at the head of the next page) nor leave its first line alone here: the paragraph
/// cut goes over with two lines, or whole when that would leave one here.
fn taken_over_from(rows: &[Row], joined: &[bool], wanted: usize) -> usize {
    // A level-2 heading above another is no heading of it: a run of short clauses set as
    // level-2 headings ("（四）补充条款。") is text, and only its last lines go over.
    let is_level_two =
        |row: &Row| is_heading_row(row) && row.iter().any(|span| span.role == FontRole::Heading2);
    let over_headings = |mut from: usize| {
        while from > 0 && rows.get(from - 1).is_some_and(is_heading_row) {
            let above_is_two = rows.get(from - 1).is_some_and(is_level_two);
            if above_is_two && rows.get(from).is_some_and(is_level_two) {
                break;
            }
            from -= 1;
        }
        from
    };
    let from = over_headings(wanted);
    let is_joined = |row: usize| joined.get(row).copied().unwrap_or(false);
    if !is_joined(from) {
        return from;
    }
    let mut start = from;
    while start > 0 && is_joined(start) {
        start -= 1;
    }
    let mut end = from + 1;
    while end < rows.len() && is_joined(end) {
        end += 1;
    }
    let from = from.min(end.saturating_sub(2));
    over_headings(if from < start + 2 { start } else { from })
}

/// How many of a paragraph's `count` remaining lines go on a page with `remaining` free
/// lines: all when they fit; otherwise as many as leave at least two for the next page, but
/// no fewer than two here; 0 when the paragraph must start on the next page.
pub(crate) fn lines_on_this_page(count: usize, remaining: usize) -> usize {
    if count <= remaining {
        return count;
    }
    let here = remaining.min(count.saturating_sub(2));
    if here >= 2 { here } else { 0 }
}

/// The number of leading characters drawn in 楷体 for a clause such as "（一）健全组织领导。…":
/// the "（一）" marker and its heading sentence, when that sentence is short (a phrase: no
/// comma, semicolon or colon in it; "加强宣传、教育和培训" is one). A numbered paragraph with no such heading is body text, its number too.
pub(crate) fn level_two_lead(clause: &str) -> usize {
    let Some(rest) = clause.strip_prefix('（') else {
        return 0;
    };
    let Some(close) = rest.find('）') else {
        return 0;
    };
    let marker = rest.get(..close).unwrap_or("");
    if marker.is_empty() || !marker.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return 0;
    }
    let marker_chars = marker.chars().count() + 2;
    let after = rest.get(close + '）'.len_utf8()..).unwrap_or("");
    let is_phrase =
        |text: &str| text.chars().count() <= 16 && !text.contains(['，', '；', '：', '！', '？']);
    match after.find('。') {
        Some(end) if after.get(..end).is_some_and(is_phrase) => {
            marker_chars + after.get(..end).map_or(0, |s| s.chars().count()) + 1
        }
        // A short clause with no sentence in it is a heading on a line of its own.
        None if is_phrase(after) => marker_chars + after.chars().count(),
        _ => 0,
    }
}

/// Whether a clause is a level-2 heading on a line of its own, such as "（一）组织领导" or
/// "（一）健全组织领导。": its 楷体 lead is the whole clause.
pub(crate) fn is_subheading(clause: &str) -> bool {
    let lead = level_two_lead(clause);
    lead > 0 && lead == clause.chars().count()
}

/// Lays out the agreement's main text; the indicator table follows on pages of its own.
#[must_use]
pub fn main_text(metrics: &Metrics<'_>, content: &AgreementContent) -> Vec<Page> {
    let mut flow = Flow::new(metrics);
    let names = [content.party_a.as_str(), content.party_b.as_str()];
    for line in super::title::title_lines(metrics, &content.title, &names) {
        let width = metrics.width_mm(FontRole::Title, &line, TITLE_SIZE_PT);
        let x = MARGIN_LEFT_MM + (TEXT_WIDTH_MM - width) / 2.0;
        flow.push(vec![Span {
            x_mm: x,
            size_pt: TITLE_SIZE_PT,
            role: FontRole::Title,
            text: line,
            spacing_mm: 0.0,
            column: 0,
        }]);
    }
    flow.blank();
    // A name too long for one line breaks between its words, as under the signature, and
    // goes on under itself, after "乙方：".
    for (party, name) in [("甲方", &content.party_a), ("乙方", &content.party_b)] {
        let lead = format!("{party}：");
        let indent = metrics.width_mm(FontRole::Body, &lead, BODY_SIZE_PT);
        let lines = super::signature::name_lines(metrics, name, TEXT_WIDTH_MM - indent);
        for (index, line) in lines.into_iter().enumerate() {
            flow.push(vec![if index == 0 {
                Flow::span(MARGIN_LEFT_MM, FontRole::Body, format!("{lead}{line}"))
            } else {
                Flow::span(MARGIN_LEFT_MM + indent, FontRole::Body, line)
            }]);
        }
    }
    flow.blank();
    for paragraph in content
        .preamble
        .split('\n')
        .filter(|p| !p.trim().is_empty())
    {
        flow.paragraph(paragraph.trim(), FontRole::Body, FontRole::Body, 0);
    }
    for section in &content.sections {
        flow.heading(&section.heading);
        for clause in &section.clauses {
            if is_subheading(clause) {
                flow.subheading(clause);
            } else {
                flow.paragraph(
                    clause,
                    FontRole::Body,
                    FontRole::Heading2,
                    level_two_lead(clause),
                );
            }
        }
    }
    // The 附件说明 (when the indicator table is attached) and the signature block stay on one
    // page with the last lines of the body.
    let mut closing = Vec::new();
    if !content.indicators.is_empty() {
        let names = [content.annex_title()];
        closing.extend(super::annex_note::annex_note_rows(metrics, &names));
    }
    closing.extend(super::signature::signature_rows(metrics, content));
    flow.keep_with_previous(closing);
    flow.finish()
}

/// Page numbers ("— 1 —", 四号, 7 mm below the text block, odd pages right and even pages
/// left, one character in). A landscape page is printed turned on a portrait sheet (GB/T 9704
/// 横排表格), and its number stays where every other page has it: its position is given in
/// portrait page space, and the writer draws it outside the turn.
pub(crate) fn number_pages(metrics: &Metrics<'_>, pages: &mut [Page]) {
    for (index, page) in pages.iter_mut().enumerate() {
        let (width_mm, height_mm) = (PAGE_WIDTH_MM, PAGE_HEIGHT_MM);
        let (left, right, bottom) = (MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_BOTTOM_MM);
        let dashes = height_mm - bottom + PAGE_NUMBER_GAP_MM;
        let text = format!("— {} —", index + 1);
        let width = metrics.width_mm(FontRole::PageNumber, &text, PAGE_NUMBER_SIZE_PT);
        let x = if index % 2 == 0 {
            width_mm - right - CELL_MM - width
        } else {
            left + CELL_MM
        };
        page.items.push(Item::Text {
            x_mm: x,
            baseline_mm: dashes + PAGE_NUMBER_SIZE_PT / PT_PER_MM * PAGE_NUMBER_DASH_RISE_EM,
            size_pt: PAGE_NUMBER_SIZE_PT,
            role: FontRole::PageNumber,
            text,
            spacing_mm: 0.0,
        });
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
