//! A document's title set in lines as GB/T 9704 asks: centred, words kept whole, and when it
//! takes two or three lines, the breaks chosen so that the lines balance with each upper one
//! no longer than the one under it (梯形), not wherever the first line happens to fill up; a
//! longer title fills each line, its breaks put where they split the fewest words.

use super::fonts::FontRole;
use super::layout::Metrics;
use super::page::{CELL_MM, TEXT_WIDTH_MM, TITLE_SIZE_PT};

/// Words of titles that are never split between lines.
const TITLE_WORDS: [&str; 63] = [
    "安全生产",
    // The other fields a city's target agreement is often joined with ("安全生产和消防安全
    // 目标责任书") or named for.
    "消防安全",
    "消防",
    "道路交通",
    "交通安全",
    "食品安全",
    "森林防火",
    "森林草原",
    "防灭火",
    "防汛抗旱",
    "应急管理",
    "危险化学品",
    "特种设备",
    "建筑施工",
    "城镇燃气",
    "燃气",
    "职业健康",
    "综合治理",
    "平安建设",
    "工作",
    "目标责任",
    "奖惩",
    "事项",
    "目标管理",
    "责任书",
    "镇街",
    "有关部门",
    "成员单位",
    "先进单位",
    "安委会",
    "考核结果",
    "的通报",
    "人民政府",
    "街道办事处",
    "办事处",
    "管理委员会",
    "委员会",
    "年度",
    "关于",
    "负责人",
    "约谈",
    "整改",
    "表彰",
    "责任制",
    "通报",
    "市直部门",
    "部门",
    // What a longer notice's title joins to the assessment ("…落实情况暨重点行业领域专项
    // 整治工作…").
    "全市",
    "街道",
    "落实情况",
    "情况",
    "重点",
    "行业",
    "领域",
    "专项",
    "整治",
    "检查",
    "督查",
    "考核",
    "评估",
    "隐患",
    "排查",
    "治理",
];

/// The widest a title line may be: the text block less two characters on each side.
#[must_use]
pub fn title_width_mm() -> f32 {
    TEXT_WIDTH_MM - 4.0 * CELL_MM
}

/// The title's lines. `names` are further words kept whole (the parties' names). A line break
/// the clerk typed is kept: each part is set on its own lines.
#[must_use]
pub fn title_lines(metrics: &Metrics<'_>, title: &str, names: &[&str]) -> Vec<String> {
    if title.contains('\n') {
        return (title.split('\n'))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .flat_map(|part| title_lines(metrics, part, names))
            .collect();
    }
    let width = title_width_mm();
    let greedy = metrics.lines(FontRole::Title, title, TITLE_SIZE_PT, width, 0.0);
    if greedy.len() < 2 {
        return greedy;
    }
    let chars: Vec<char> = title.chars().collect();
    let fits = |from: usize, to: usize| {
        chars.get(from..to).is_some_and(|part| {
            metrics.width_mm(
                FontRole::Title,
                &part.iter().collect::<String>(),
                TITLE_SIZE_PT,
            ) <= width + 0.01
        })
    };
    let inside_a_word = inside_words(title, names);
    let inside_a_title_word = inside_words(title, &[]);
    let between_title_words = title_word_edges(title);
    // What a break costs: against 避头尾 the most, inside a word, a number or a Latin word
    // less ("安全生 / 产）" before "安全生产 / ）"); inside a long name between its own words
    // ("示例市人民政府安全生产委员会 / 办公室") a little, so that a name that would leave the
    // lines an hourglass is broken rather than kept whole; elsewhere nothing.
    let split_at = |at: usize| {
        let split_word = inside_a_word.get(at).copied().unwrap_or(false);
        let splits_title_word = inside_a_title_word.get(at).copied().unwrap_or(false);
        let is_word_edge = between_title_words.get(at).copied().unwrap_or(false);
        let allowed = chars
            .get(at.wrapping_sub(1))
            .zip(chars.get(at))
            .is_none_or(|(before, after)| super::linebreak::may_break_between(*before, *after));
        if !allowed {
            10_000.0
        } else if split_word && (splits_title_word || !is_word_edge) {
            1000.0
        } else if split_word {
            NAME_SPLIT_COST
        } else {
            0.0
        }
    };
    let len = chars.len();
    // Widths in characters of the title's size (half-width digits count half).
    let width_of = |from: usize, to: usize| {
        let text: String = chars.get(from..to).unwrap_or_default().iter().collect();
        metrics.width_mm(FontRole::Title, &text, TITLE_SIZE_PT) / TITLE_CHAR_MM
    };
    if greedy.len() > 3 {
        // Too long to try every way: each line filled, its break put where it splits least.
        let full = width / TITLE_CHAR_MM;
        let line_cost = |from: usize, to: usize| {
            if to == len {
                0.0
            } else {
                split_at(to) + LONG_TITLE_SLACK_COST * (full - width_of(from, to)).max(0.0)
            }
        };
        return cheapest_breaks(len, greedy.len(), &fits, &line_cost).map_or(greedy, |breaks| {
            spans(&breaks)
                .map(|(from, to)| chars.get(from..to).unwrap_or_default().iter().collect())
                .collect()
        });
    }
    // Every way of breaking the title into as many lines as it needs, each line fitting:
    // whole words first, then the balance, each upper line no longer than the next.
    let candidates: Vec<Vec<usize>> = if greedy.len() == 2 {
        (1..len).map(|at| vec![0, at, len]).collect()
    } else {
        (1..len)
            .flat_map(|a| (a + 1..len).map(move |b| vec![0, a, b, len]))
            .collect()
    };
    let cost = |breaks: &[usize]| {
        let widths: Vec<f32> = spans(breaks).map(|(from, to)| width_of(from, to)).collect();
        let inner = breaks.get(1..breaks.len() - 1).unwrap_or_default();
        let splits: f32 = inner.iter().map(|&at| split_at(at)).sum();
        let longest = widths.iter().copied().fold(0.0_f32, f32::max);
        let shortest = widths.iter().copied().fold(f32::INFINITY, f32::min);
        let top_heavy = widths
            .iter()
            .zip(widths.iter().skip(1))
            .filter(|(upper, lower)| **upper > **lower + 0.25)
            .count();
        splits + (longest - shortest) + 4.0 * top_heavy as f32
    };
    let best = candidates
        .into_iter()
        .filter(|breaks| spans(breaks).all(|(from, to)| fits(from, to)))
        .map(|breaks| {
            let cost = cost(&breaks);
            (breaks, cost)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(breaks, _)| breaks);
    match best {
        Some(breaks) => spans(&breaks)
            .map(|(from, to)| chars.get(from..to).unwrap_or_default().iter().collect())
            .collect(),
        None => greedy,
    }
}

/// What a character left empty at the end of a long title's line costs, beside a split word
/// (1000): a word is moved whole to the next line rather than split to fill this one.
const LONG_TITLE_SLACK_COST: f32 = 0.05;

/// The breaks (0 first, `len` last) of `len` characters into at most `most` lines, each
/// `fits(from, to)`, for which the sum of `line_cost(from, to)` is least: a shortest path
/// over the break points. None when no such breaks exist.
fn cheapest_breaks(
    len: usize,
    most: usize,
    fits: &dyn Fn(usize, usize) -> bool,
    line_cost: &dyn Fn(usize, usize) -> f32,
) -> Option<Vec<usize>> {
    // For each break point and number of lines up to it: the least cost and the break before.
    let mut best: Vec<Vec<Option<(f32, usize)>>> = vec![vec![None; most + 1]; len + 1];
    if let Some(start) = best.get_mut(0).and_then(|row| row.get_mut(0)) {
        *start = Some((0.0, 0));
    }
    for to in 1..=len {
        for lines in 1..=most {
            let mut here: Option<(f32, usize)> = None;
            // Longer lines further back: none fits once one does not.
            for from in (0..to).rev() {
                if !fits(from, to) {
                    break;
                }
                let Some((before, _)) = best
                    .get(from)
                    .and_then(|row| row.get(lines - 1))
                    .copied()
                    .flatten()
                else {
                    continue;
                };
                let cost = before + line_cost(from, to);
                if here.is_none_or(|(least, _)| cost < least) {
                    here = Some((cost, from));
                }
            }
            if let Some(slot) = best.get_mut(to).and_then(|row| row.get_mut(lines)) {
                *slot = here;
            }
        }
    }
    let (mut lines, _) = (1..=most)
        .filter_map(|lines| Some((lines, best.get(len)?.get(lines).copied().flatten()?.0)))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let mut breaks = vec![len];
    let mut at = len;
    while lines > 0 {
        let (_, from) = best.get(at)?.get(lines).copied().flatten()?;
        breaks.push(from);
        at = from;
        lines -= 1;
    }
    breaks.reverse();
    Some(breaks)
}

/// What breaking a name between two of its words costs, in characters of imbalance: more than
/// a line above a shorter one (4, see `top_heavy`) with a character or two of unevenness, so
/// that a name is broken only where keeping it whole would leave the lines an hourglass.
const NAME_SPLIT_COST: f32 = 6.0;

/// For each character position of `title`, whether a title word starts or ends there
/// ("示例市|人民政府|安全生产|委员会办公室").
fn title_word_edges(title: &str) -> Vec<bool> {
    let chars: Vec<char> = title.chars().collect();
    let mut edges = vec![false; chars.len() + 1];
    for word in TITLE_WORDS {
        let word: Vec<char> = word.chars().collect();
        for start in 0..chars.len().saturating_sub(word.len().saturating_sub(1)) {
            if chars.get(start..start + word.len()) == Some(word.as_slice()) {
                for edge in [start, start + word.len()] {
                    if let Some(slot) = edges.get_mut(edge) {
                        *slot = true;
                    }
                }
            }
        }
    }
    edges
}

/// The width of one character of the title's size, in mm.
const TITLE_CHAR_MM: f32 = TITLE_SIZE_PT * 25.4 / 72.0;

/// Each value of `values` with the one after it.
fn spans(values: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    values.iter().copied().zip(values.iter().copied().skip(1))
}

/// For each character position of `title`, whether a break there would split one of the
/// words kept whole: the title words and `names`.
pub(crate) fn inside_words(title: &str, names: &[&str]) -> Vec<bool> {
    let chars: Vec<char> = title.chars().collect();
    let mut inside = vec![false; chars.len() + 1];
    // Where a kept word starts ("镇街" after "各"): its first character is no ending.
    let mut starts = vec![false; chars.len() + 1];
    for word in TITLE_WORDS.iter().copied().chain(names.iter().copied()) {
        let word: Vec<char> = word.chars().collect();
        if word.len() < 2 {
            continue;
        }
        for start in 0..chars.len().saturating_sub(word.len() - 1) {
            if chars.get(start..start + word.len()) == Some(word.as_slice()) {
                if let Some(slot) = starts.get_mut(start) {
                    *slot = true;
                }
                for slot in inside.iter_mut().skip(start + 1).take(word.len() - 1) {
                    *slot = true;
                }
            }
        }
    }
    // A place's or a body's one-character ending stays with the name before it: "示例 / 市"
    // and "加油 / 站" are never split.
    for (at, pair) in chars.windows(2).enumerate() {
        // "市场", "区域", "队伍": the character begins a word here, it ends no name.
        let begins_word = (chars.get(at + 1..at + 3)).is_some_and(|two| {
            WORDS_BEGUN_BY_ENDINGS
                .iter()
                .any(|w| w.chars().eq(two.iter().copied()))
        });
        if let [before, ending] = pair
            && NAME_ENDINGS.contains(*ending)
            && super::linebreak::is_wide(*before)
            && before.is_alphabetic()
            && !begins_word
            && !starts.get(at + 1).copied().unwrap_or(false)
            && let Some(slot) = inside.get_mut(at + 1)
        {
            *slot = true;
        }
    }
    // A short part in brackets is one word too: "示例市(老干部)服务中心" breaks before or
    // after "(老干部)", not inside it.
    for (start, &open) in chars.iter().enumerate() {
        let close = match open {
            '（' => '）',
            '(' => ')',
            _ => continue,
        };
        let end = (chars.iter().skip(start + 1).take(BRACKETED_WORD_CHARS))
            .position(|&c| c == close)
            .map(|offset| start + 1 + offset);
        if let Some(end) = end {
            for slot in inside.iter_mut().take(end + 1).skip(start + 1) {
                *slot = true;
            }
        }
    }
    inside
}

/// One-character endings of place names and bodies, kept with the name before them.
const NAME_ENDINGS: &str = "省市县区镇乡局站厅队院";

/// Common words that begin with one of [`NAME_ENDINGS`]: there the character ends no name.
const WORDS_BEGUN_BY_ENDINGS: [&str; 29] = [
    "市场", "市民", "市直", "市级", "市属", "市区", "市县", "区域", "区县", "区划", "区级", "局面",
    "局部", "院校", "院落", "县域", "县级", "县区", "省级", "省市", "省属", "站位", "乡镇", "乡村",
    "镇街", "镇村", "镇级", "队伍", "厅局",
];

/// The longest part in brackets, closing bracket included, kept whole as a word.
const BRACKETED_WORD_CHARS: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    #[test]
    fn a_short_part_in_brackets_is_kept_whole() {
        let inside = inside_words("示例市(老干部)服务中心", &[]);
        let breaks: Vec<usize> = (1..12).filter(|&at| !inside[at]).collect();
        // Before "(", after ")", and between the other characters outside words.
        assert!(breaks.contains(&3) && breaks.contains(&8), "{breaks:?}");
        assert!((4..=7).all(|at| inside[at]), "{inside:?}");
        let full_width = inside_words("示例（老干部）服务中心", &[]);
        assert!((3..=6).all(|at| full_width[at]), "{full_width:?}");
    }

    #[test]
    fn a_two_line_title_keeps_words_whole_and_its_upper_line_no_longer() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let name = "示例经济开发区管理委员会";
        let title = format!("2025年度{name}安全生产目标管理责任书");
        let lines = title_lines(&metrics, &title, &[name]);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines.concat(), title);
        // The break falls between words: after the unit's name, before 安全生产.
        assert!(
            lines[0].ends_with(name) || lines[1].starts_with(name),
            "{lines:?}"
        );
        let notice = title_lines(
            &metrics,
            "示例市人民政府关于2024年度安全生产目标管理考核结果的通报",
            &["示例市人民政府"],
        );
        assert_eq!(notice.len(), 2);
        assert!(
            notice[0].chars().count() <= notice[1].chars().count(),
            "{notice:?}"
        );
        assert!(
            notice
                .iter()
                .all(|line| !line.starts_with("生产") && !line.ends_with("安全")),
            "{notice:?}"
        );
        let short = title_lines(&metrics, "2025年度安全生产目标管理责任书", &[]);
        assert_eq!(short.len(), 1);
        // A title joining another field keeps its words whole too ("消 / 防" would balance the
        // lines better).
        let joined = title_lines(&metrics, "2025年度安全生产和消防安全目标管理责任书", &[]);
        assert_eq!(
            joined,
            ["2025年度安全生产和", "消防安全目标管理责任书"],
            "{joined:?}"
        );
    }

    /// A long notice title joining other work to the assessment keeps the words it adds whole.
    #[test]
    fn a_long_notice_title_keeps_its_added_words_whole() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let title = "示例市人民政府关于2024年度全市各镇（街道）及市直各部门安全生产目标管理责任制落实情况暨重点行业领域专项整治工作考核结果的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert_eq!(lines.concat(), title);
        for word in ["领域", "行业", "专项", "整治", "落实情况", "重点"] {
            assert!(
                lines.iter().any(|line| line.contains(word)),
                "{word} split: {lines:?}"
            );
        }
    }

    /// A title of more than three lines still breaks between words, each line filled.
    #[test]
    fn a_title_of_many_lines_keeps_its_words_whole() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let title = "示例市人民政府关于2024年度各镇人民政府、街道办事处及市安全生产委员会各成员单位安全生产目标管理考核结果及有关奖惩事项的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert!(lines.len() > 3, "{lines:?}");
        assert_eq!(lines.concat(), title);
        let inside = inside_words(title, &["示例市人民政府"]);
        let mut at = 0;
        for line in &lines[..lines.len() - 1] {
            at += line.chars().count();
            assert!(!inside[at], "split inside a word at {at}: {lines:?}");
        }
    }

    #[test]
    fn a_long_issuer_breaks_between_its_words_rather_than_make_an_hourglass() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let issuer = "示例市人民政府安全生产委员会办公室";
        let title = format!("{issuer}关于2025年度安全生产目标管理考核结果的通报");
        let lines = title_lines(&metrics, &title, &[issuer]);
        // Widening downwards (梯形), not an hourglass, and broken between words.
        assert_widening_between_words(&metrics, &title, &lines, &[]);
    }

    /// Asserts that `lines` are `title` in three lines, each no longer than the next, broken
    /// between words (of the title's and `names`).
    fn assert_widening_between_words(
        metrics: &Metrics<'_>,
        title: &str,
        lines: &[String],
        names: &[&str],
    ) {
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines.concat(), title);
        let widths: Vec<f32> = (lines.iter())
            .map(|l| metrics.width_mm(FontRole::Title, l, TITLE_SIZE_PT))
            .collect();
        assert!(
            widths
                .windows(2)
                .all(|w| w[0] <= w[1] + 0.25 * TITLE_CHAR_MM),
            "{lines:?} {widths:?}"
        );
        let inside = inside_words(title, names);
        let mut at = 0;
        for line in &lines[..2] {
            at += line.chars().count();
            assert!(!inside[at], "a word split after {line}: {lines:?}");
        }
    }

    #[test]
    fn a_name_ending_is_no_ending_where_it_begins_a_word() {
        // "示例 / 市" is never split; "加强 / 市场" may be.
        let inside = inside_words("加强示例市市场监管", &[]);
        assert!(inside[4], "示例|市");
        assert!(!inside[5], "示例市|市场");
        let inside = inside_words("建设安全队伍", &[]);
        assert!(!inside[4], "安全|队伍");
    }

    #[test]
    fn a_long_title_keeps_its_words_whole() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let title = "示例市人民政府安全生产委员会关于2024年度全市各镇街及市直部门安全生产目标管理和消防安全工作考核结果的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert_eq!(lines.concat(), title);
        let inside = inside_words(title, &["示例市人民政府"]);
        let mut at = 0;
        for line in &lines[..lines.len() - 1] {
            at += line.chars().count();
            assert!(!inside[at], "a word split after {line}: {lines:?}");
        }
    }

    #[test]
    fn a_balanced_title_keeps_to_the_line_breaking_rules() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let title = "示例市人民政府关于2024年度安全生产目标管理考核结果（第二批）的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert!(!line.starts_with(['）', '，', '》']), "{lines:?}");
            assert!(!line.ends_with(['（', '《']), "{lines:?}");
        }
    }

    #[test]
    fn a_line_break_the_clerk_typed_is_kept() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let title = "示例市人民政府关于2024年度安全生产目标管理考核结果暨表彰先进单位、\n约谈不合格单位主要负责人并责令限期整改落实安全生产责任制有关情况的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert!(lines.len() >= 4, "{lines:?}");
        let first_part: String = (lines.iter())
            .take_while(|line| !line.starts_with("约谈"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            first_part, "示例市人民政府关于2024年度安全生产目标管理考核结果暨表彰先进单位、",
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|line| line.starts_with("约谈")),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), title.replace('\n', ""));
    }

    #[test]
    fn a_three_line_title_keeps_words_whole_and_widens_downwards() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let title =
            "示例市人民政府关于2024年度全市各镇街和部门安全生产目标管理考核结果和奖惩事项的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert_eq!(lines.len(), 3, "{lines:?}");
        // As an office words it, with 目标管理责任书 and 镇街 kept whole too.
        let title = "示例市人民政府关于2024年度全市各镇街及市直有关部门安全生产目标管理责任书考核结果暨表扬先进单位的通报";
        let lines = title_lines(&metrics, title, &["示例市人民政府"]);
        assert_widening_between_words(&metrics, title, &lines, &["示例市人民政府"]);
    }
}
