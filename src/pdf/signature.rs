//! The agreement's signature block: 甲方 on the left and 乙方 on the right, each a column of
//! name, seal, signatory and date, lined up row by row.
//!
//! A long name wraps between words, its second line under the name's first character (a
//! hanging indent after "乙方："); "（盖章）" has a row of its own at the same height in both
//! columns; a long signatory's title wraps, and "（签字）：" after it is never split (it goes
//! to the next line whole when the title's last line leaves no room for it and a handwritten
//! signature after it); the left column's text is written before the right's, so that text
//! extraction reads the 甲方 block and then the 乙方 block.

use super::balance::{balanced_lines, word_filled};
use super::fonts::FontRole;
use super::layout::{Flow, Metrics, Row};
use super::page::{BODY_SIZE_PT, CELL_MM, MARGIN_LEFT_MM};
use crate::document::AgreementContent;

/// Width of each column: 13 of the 28 cells, the right one starting at cell 15.
const COLUMN_CELLS: f32 = 13.0;
/// Where the right column starts, in cells from the left margin.
const RIGHT_COLUMN_CELLS: f32 = 15.0;
/// The least room between the left column's text and the right column, in cells.
const COLUMN_GAP_CELLS: f32 = 2.0;
/// The date line under each column.
const DATE_LINE: &str = "　　　　年　　月　　日";

/// Words of unit names that are not split between lines, besides the title words (人民政府,
/// 街道办事处, 委员会 …).
const UNIT_WORDS: &[&str] = &[
    "城市管理",
    "综合行政执法",
    "行政执法",
    "综合执法",
    "应急管理",
    "住房和城乡建设",
    "城乡建设",
    "交通运输",
    "公安",
    "消防救援",
    "市场监督管理",
    "工业和信息化",
    "信息化",
    "教育",
    "自然资源和规划",
    "自然资源",
    "规划",
    "农业农村",
    "水利",
    "文化广电旅游",
    "文化广电和旅游",
    "广播电视",
    "广电",
    "旅游",
    "体育",
    "医疗保障",
    "统计",
    "审计",
    "机关事务",
    "粮食和物资储备",
    "人民防空",
    "邮政管理",
    "通信管理",
    "税务",
    "水务",
    "城市管理局",
    "文化和旅游",
    "卫生健康",
    "商务",
    "发展和改革",
    "民政",
    "人力资源和社会保障",
    "人力资源",
    "社会保障",
    "退役军人事务",
    "供销合作",
    "供电",
    "公司",
    "气象",
    "生态环境",
    "林业",
    "宣传部",
    "财政",
    "司法",
    "总工会",
    "融媒体",
    "中心",
    "行政审批",
    "服务",
    "开发区",
    "经济技术",
    "高新技术",
    "办公室",
    "大队",
    "支队",
    "分局",
    "管理委员会",
    "委员会",
    "人民政府",
    "办事处",
    "产业园区",
    "园区",
    "安全生产",
    "应急救援",
    "综合协调",
    "物资储备",
    "储备",
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "集团",
];

/// One column of the block, as lines of text per part.
struct Column {
    x_mm: f32,
    /// The label ("甲方：") and the name's lines, the later ones indented under the name.
    name: Vec<(f32, String)>,
    /// The signatory's line(s): "副市长（签字）：".
    signer: Vec<String>,
}

impl Column {
    fn new(
        metrics: &Metrics<'_>,
        (x_mm, width): (f32, f32),
        party: &str,
        name: &str,
        title: &str,
    ) -> Self {
        let label = format!("{party}：");
        let indent = metrics.width_mm(FontRole::Body, &label, BODY_SIZE_PT);
        let name_lines = name_lines(metrics, name, width - indent);
        let name = name_lines
            .into_iter()
            .enumerate()
            .map(|(index, line)| {
                if index == 0 {
                    (x_mm, format!("{label}{line}"))
                } else {
                    (x_mm + indent, line)
                }
            })
            .collect();
        let signer = if title.is_empty() { "负责人" } else { title };
        let signer = signer_lines(metrics, signer, width);
        Self { x_mm, name, signer }
    }

    /// The width of the column's widest line, in mm.
    fn widest_mm(&self, metrics: &Metrics<'_>) -> f32 {
        let name = self
            .name
            .iter()
            .map(|(x, line)| (x - self.x_mm, line.as_str()));
        let others = (self.signer.iter().map(String::as_str))
            .chain(["（盖章）", DATE_LINE])
            .map(|line| (0.0, line));
        name.chain(others)
            .map(|(indent, line)| indent + metrics.width_mm(FontRole::Body, line, BODY_SIZE_PT))
            .fold(0.0, f32::max)
    }

    /// True when "（签字）：" has a line of its own.
    fn signs_on_own_line(&self) -> bool {
        self.signer.last().is_some_and(|line| line == SIGN_HERE)
    }

    /// Puts "（签字）：" on a line of its own, as the other column has it, so that the two
    /// lines where the signatories sign are level.
    fn sign_on_own_line(&mut self) {
        if let Some(last) = self.signer.last_mut()
            && let Some(title) = last.strip_suffix(SIGN_HERE).filter(|t| !t.is_empty())
        {
            *last = title.to_owned();
            self.signer.push(SIGN_HERE.to_owned());
        }
    }
}

/// Words of signatories' titles that are not split between lines.
const TITLE_WORDS: [&str; 22] = [
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    "副局长",
    "局长",
    "副主任",
    "主任",
    "副书记",
    "书记",
    "常委",
    "委员",
    "副主席",
    "主席",
    "总经理",
    "经理",
    "董事长",
    "大队长",
    "负责人",
    "法定代表人",
];

/// What follows the signatory's title; never broken.
const SIGN_HERE: &str = "（签字）：";

/// The room left after "（签字）：" for the handwritten signature, in cells (about 28 mm).
const SIGNATURE_ROOM_CELLS: f32 = 5.0;

/// The signatory's line(s): the title, broken where it must be (between words, evenly, after a
/// pause mark such as "、" when it can), and "（签字）：" whole after it, on the title's last
/// line when that leaves room for a handwritten signature and on a line of its own otherwise.
fn signer_lines(metrics: &Metrics<'_>, title: &str, width_mm: f32) -> Vec<String> {
    let mut lines = balanced_lines(
        metrics,
        FontRole::Body,
        BODY_SIZE_PT,
        title,
        width_mm,
        &TITLE_WORDS,
    );
    let sign_width =
        metrics.width_mm(FontRole::Body, SIGN_HERE, BODY_SIZE_PT) + SIGNATURE_ROOM_CELLS * CELL_MM;
    match lines.last_mut() {
        Some(last)
            if metrics.width_mm(FontRole::Body, last, BODY_SIZE_PT) + sign_width
                <= width_mm + 1e-3 =>
        {
            last.push_str(SIGN_HERE);
        }
        _ => lines.push(SIGN_HERE.to_owned()),
    }
    lines
}

/// A unit's name in lines of `width_mm`: one line when it fits; two when it can, broken
/// between words and as evenly as possible (the upper line not the shorter); a longer name
/// filled between words even when that takes a line more ("应/急救援" would misread a name
/// the unit checks character by character).
pub(super) fn name_lines(metrics: &Metrics<'_>, name: &str, width_mm: f32) -> Vec<String> {
    let (role, size) = (FontRole::Body, BODY_SIZE_PT);
    let lines = balanced_lines(metrics, role, size, name, width_mm, UNIT_WORDS);
    if lines.len() <= 2 {
        return lines;
    }
    word_filled(metrics, role, size, name, width_mm, UNIT_WORDS)
        .filter(|by_words| by_words.len() <= lines.len() + 1)
        .unwrap_or(lines)
}

/// The signature block's rows: two blank lines, the names, the seal row, the signatories, a
/// blank line and the date line.
pub(crate) fn signature_rows(metrics: &Metrics<'_>, content: &AgreementContent) -> Vec<Row> {
    let left = Column::new(
        metrics,
        (MARGIN_LEFT_MM, COLUMN_CELLS * CELL_MM),
        "甲方",
        &content.party_a,
        &content.party_a_signatory_title,
    );
    let right_at = |cells: f32| {
        Column::new(
            metrics,
            (MARGIN_LEFT_MM + cells * CELL_MM, (28.0 - cells) * CELL_MM),
            "乙方",
            &content.party_b,
            &content.party_b_signatory_title,
        )
    };
    let mut right = right_at(RIGHT_COLUMN_CELLS);
    // A 乙方 name of more than two lines takes the room the 甲方 column leaves free (the
    // column moves left, up to two cells after the 甲方 column's widest line).
    if right.name.len() > 2 {
        let cells = (left.widest_mm(metrics) / CELL_MM + COLUMN_GAP_CELLS - 1e-3).ceil();
        if cells < RIGHT_COLUMN_CELLS {
            right = right_at(cells);
        }
    }
    let mut columns = [left, right];
    if columns.iter().any(Column::signs_on_own_line) {
        columns.iter_mut().for_each(Column::sign_on_own_line);
    }
    let mut rows: Vec<Row> = vec![Vec::new(), Vec::new()];
    let put = |rows: &mut Vec<Row>, parts: &dyn Fn(&Column) -> Vec<(f32, String)>| {
        let cells: Vec<Vec<(f32, String)>> = columns.iter().map(parts).collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        for index in 0..height {
            let mut row = Vec::new();
            for (column, lines) in cells.iter().enumerate() {
                if let Some((x, text)) = lines.get(index).filter(|(_, t)| !t.is_empty()) {
                    let mut span = Flow::span(*x, FontRole::Body, text.clone());
                    span.column = u8::try_from(column).unwrap_or(u8::MAX);
                    row.push(span);
                }
            }
            rows.push(row);
        }
    };
    put(&mut rows, &|c| c.name.clone());
    put(&mut rows, &|c| vec![(c.x_mm, "（盖章）".to_owned())]);
    put(&mut rows, &|c| {
        c.signer.iter().map(|line| (c.x_mm, line.clone())).collect()
    });
    rows.push(Vec::new());
    put(&mut rows, &|c| vec![(c.x_mm, DATE_LINE.to_owned())]);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;
    use crate::pdf::layout::Span;

    fn content(party_b: &str) -> AgreementContent {
        AgreementContent {
            year: 2025,
            number: 22,
            title: "2025年度安全生产目标管理责任书".into(),
            party_a: "示例市人民政府".into(),
            party_b: party_b.into(),
            preamble: String::new(),
            sections: Vec::new(),
            indicators: Vec::new(),
            party_a_signatory_title: "副市长".into(),
            party_b_signatory_title: "局长".into(),
            copies: 3,
        }
    }

    fn texts(row: &[Span]) -> Vec<(u8, f32, &str)> {
        row.iter()
            .map(|s| (s.column, s.x_mm, s.text.as_str()))
            .collect()
    }

    #[test]
    fn a_long_name_wraps_between_words_under_the_name_and_the_seals_line_up() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let rows = signature_rows(&metrics, &content("示例市城市管理综合行政执法局"));
        let right_x = MARGIN_LEFT_MM + RIGHT_COLUMN_CELLS * CELL_MM;
        let label = metrics.width_mm(FontRole::Body, "乙方：", BODY_SIZE_PT);
        assert!(rows[0].is_empty() && rows[1].is_empty());
        assert_eq!(
            texts(&rows[2]),
            [
                (0, MARGIN_LEFT_MM, "甲方：示例市人民政府"),
                (1, right_x, "乙方：示例市城市管理")
            ]
        );
        assert_eq!(texts(&rows[3]), [(1, right_x + label, "综合行政执法局")]);
        assert_eq!(
            texts(&rows[4]),
            [(0, MARGIN_LEFT_MM, "（盖章）"), (1, right_x, "（盖章）")]
        );
        assert_eq!(
            texts(&rows[5]),
            [
                (0, MARGIN_LEFT_MM, "副市长（签字）："),
                (1, right_x, "局长（签字）：")
            ]
        );
        assert!(rows[6].is_empty());
        assert_eq!(rows[7].len(), 2);
        assert_eq!(rows.len(), 8);
    }

    #[test]
    fn a_name_of_more_than_two_lines_takes_the_room_the_left_column_leaves() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let name = "示例市石油化工产业园区安全生产和应急救援综合协调管理委员会";
        let rows = signature_rows(&metrics, &content(name));
        let right: Vec<&Span> = rows.iter().flatten().filter(|s| s.column == 1).collect();
        let standard_x = MARGIN_LEFT_MM + RIGHT_COLUMN_CELLS * CELL_MM;
        let x = right.first().expect("乙方").x_mm;
        assert!(x < standard_x, "the column stays at {x} mm");
        // Two cells clear of the 甲方 column's widest line, the date line of eleven cells.
        assert!((x - (MARGIN_LEFT_MM + 13.0 * CELL_MM)).abs() < 1e-3, "{x}");
        let names: Vec<&str> = right
            .iter()
            .map(|s| s.text.as_str())
            .take_while(|t| *t != "（盖章）")
            .collect();
        assert_eq!(
            names,
            [
                "乙方：示例市石油化工产业园区",
                "安全生产和应急救援",
                "综合协调管理委员会"
            ]
        );
        for span in &right {
            let end = span.x_mm + metrics.width_mm(FontRole::Body, &span.text, BODY_SIZE_PT);
            assert!(
                end <= MARGIN_LEFT_MM + 28.0 * CELL_MM + 1e-3,
                "{}",
                span.text
            );
        }
        // Two lines keep the usual place.
        let rows = signature_rows(&metrics, &content("示例市城市管理综合行政执法局"));
        assert!(
            rows.iter()
                .flatten()
                .all(|s| s.column == 0 || s.x_mm >= standard_x)
        );
    }

    #[test]
    fn short_names_take_one_line_and_the_seal_its_own_row() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let rows = signature_rows(&metrics, &content("城关街道办事处"));
        assert_eq!(rows.len(), 7);
        assert_eq!(rows[2][1].text, "乙方：城关街道办事处");
        assert_eq!(rows[3][0].text, "（盖章）");
        assert_eq!(rows[3][1].text, "（盖章）");
    }

    #[test]
    fn names_break_between_words_as_evenly_as_they_can() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let width = 10.0 * CELL_MM;
        let cases = [
            (
                "示例市城市管理综合行政执法局",
                ["示例市城市管理", "综合行政执法局"],
            ),
            ("示例经济开发区管理委员会", ["示例经济开发区", "管理委员会"]),
            ("示例市住房和城乡建设局", ["示例市", "住房和城乡建设局"]),
            ("示例市文化广电和旅游局", ["示例市", "文化广电和旅游局"]),
            ("示例市自然资源和规划局", ["示例市", "自然资源和规划局"]),
            (
                "示例市人力资源和社会保障局",
                ["示例市", "人力资源和社会保障局"],
            ),
        ];
        for (name, expected) in cases {
            let lines = name_lines(&metrics, name, width);
            assert_eq!(lines.concat(), name);
            if name.chars().count() > 10 {
                assert_eq!(lines, expected, "{name}");
            }
        }
        assert_eq!(name_lines(&metrics, "应急管理局", width), ["应急管理局"]);
    }

    #[test]
    fn a_name_of_three_lines_breaks_between_words() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let width = 10.0 * CELL_MM;
        let lines = name_lines(
            &metrics,
            "示例市经济技术开发区暨高新技术产业园区管理委员会",
            width,
        );
        assert_eq!(
            lines,
            ["示例市经济技术开发区", "暨高新技术产业园区", "管理委员会"]
        );
        // Whole words are worth a fourth line.
        let lines = name_lines(
            &metrics,
            "示例市喆堃嘡石油化工产业园区安全生产和应急救援综合协调管理委员会",
            12.0 * CELL_MM,
        );
        assert_eq!(
            lines,
            [
                "示例市喆堃嘡石油化工",
                "产业园区安全生产和",
                "应急救援综合协调",
                "管理委员会"
            ]
        );
        // A place's or a station's one-character ending stays with its name.
        let name = "中国石油天然气股份有限公司河北唐山示例市销售分公司（示例市加油站管理中心）";
        let lines = name_lines(&metrics, name, 12.0 * CELL_MM);
        assert_eq!(lines.concat(), name);
        for line in &lines {
            assert!(
                !line.starts_with('市') && !line.starts_with('站'),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn a_long_title_never_splits_sign_here() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let width = COLUMN_CELLS * CELL_MM;
        let titles = [
            "市委常委、常务副市长",
            "市委常委、常务副市长、市安委会主任",
            "党工委书记、办事处主任",
            "副局长",
            "分管安全生产工作的副局长兼安委会办公室主任",
            "街道办事处主任",
            "管委会主任",
        ];
        for title in titles {
            let lines = signer_lines(&metrics, title, width);
            let text = lines.concat();
            assert_eq!(text, format!("{title}{SIGN_HERE}"));
            let holding: Vec<&String> = lines.iter().filter(|l| l.contains("（签字）")).collect();
            assert_eq!(holding.len(), 1, "{title}: {lines:?}");
            assert!(
                lines.last().unwrap().ends_with(SIGN_HERE),
                "{title}: {lines:?}"
            );
            for line in &lines {
                let line_width = metrics.width_mm(FontRole::Body, line, BODY_SIZE_PT);
                assert!(
                    line_width <= width + 1e-3,
                    "{title}: {line} is {line_width} mm"
                );
            }
            // After "（签字）：" there is room to sign by hand.
            let signing = metrics.width_mm(FontRole::Body, lines.last().unwrap(), BODY_SIZE_PT);
            assert!(
                signing + SIGNATURE_ROOM_CELLS * CELL_MM <= width + 1e-3,
                "{title}: {lines:?}"
            );
        }
        // Ten characters and "（签字）：" are fifteen cells, more than the column's thirteen:
        // the title keeps its line and "（签字）：" takes the next.
        assert_eq!(
            signer_lines(&metrics, "市委常委、常务副市长", width),
            ["市委常委、常务副市长", SIGN_HERE]
        );
        assert_eq!(
            signer_lines(&metrics, "副局长", width),
            ["副局长（签字）："]
        );
        assert_eq!(
            signer_lines(&metrics, "市委常委、常务副市长、市安委会主任", width),
            ["市委常委、常务副市长、", "市安委会主任", SIGN_HERE]
        );
        // "街道办事处主任（签字）：" would fill the column, leaving no room to sign.
        assert_eq!(
            signer_lines(&metrics, "街道办事处主任", width),
            ["街道办事处主任", SIGN_HERE]
        );
        // In the block, both columns' signatory rows line up and the date row follows.
        let mut long = content("示例市应急管理局");
        long.party_a_signatory_title = "市委常委、常务副市长".into();
        let rows = signature_rows(&metrics, &long);
        let signer_rows: Vec<Vec<(u8, f32, &str)>> = rows.iter().map(|r| texts(r)).collect();
        assert!(
            signer_rows.iter().any(|row| row
                .first()
                .is_some_and(|(c, _, t)| *c == 0 && *t == SIGN_HERE)),
            "{signer_rows:?}"
        );
    }

    #[test]
    fn when_one_column_signs_on_a_line_of_its_own_both_do_level() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let mut street = content("城关街道办事处");
        street.party_b_signatory_title = "街道办事处主任".into();
        let rows = signature_rows(&metrics, &street);
        let right_x = MARGIN_LEFT_MM + RIGHT_COLUMN_CELLS * CELL_MM;
        let lines: Vec<Vec<(u8, f32, &str)>> = rows.iter().map(|r| texts(r)).collect();
        assert!(
            lines.contains(&vec![
                (0, MARGIN_LEFT_MM, "副市长"),
                (1, right_x, "街道办事处主任")
            ]),
            "{lines:?}"
        );
        assert!(
            lines.contains(&vec![
                (0, MARGIN_LEFT_MM, SIGN_HERE),
                (1, right_x, SIGN_HERE)
            ]),
            "{lines:?}"
        );
        // Both fitting on one line, each keeps its one line.
        let rows = signature_rows(&metrics, &content("示例市应急管理局"));
        let lines: Vec<Vec<(u8, f32, &str)>> = rows.iter().map(|r| texts(r)).collect();
        assert!(
            lines.contains(&vec![
                (0, MARGIN_LEFT_MM, "副市长（签字）："),
                (1, right_x, "局长（签字）：")
            ]),
            "{lines:?}"
        );
    }
}
