//! The 加分, 扣分 and 一票否决 items of a category as agreement text, for the placeholders
//! {加分事项} {扣分事项} {一票否决事项}: each item one phrase ("获评省级示范称号，加1分",
//! "被上级通报批评，每次扣2分"), the items joined with "；", so that a template clause such as
//! "有下列情形之一的，实行一票否决：{一票否决事项}。" always reads what the indicator editor holds.
//! A clause that ends on such a list without its own closing mark gets a "。" after it.

use super::indicator::{CLOSING_OCCURRENCE_WORDS, OCCURRENCE_WORDS};
use super::template::{Placeholder, Segment, parse};
use super::{IndicatorSet, ItemKind, Points, RuleItem};

/// The items of one kind as one run of text, "；" between them; empty when there is none.
#[must_use]
pub fn rule_list(set: &IndicatorSet, kind: ItemKind) -> String {
    set.items_of(kind)
        .map(item_phrase)
        .collect::<Vec<_>>()
        .join("；")
}

/// True when the clause `template_text` ends on a list of rules ({加分事项} {扣分事项}
/// {一票否决事项}), which is closed with a "。" when printed (see [`closed_after_list`]).
#[must_use]
pub fn ends_on_list(template_text: &str) -> bool {
    let last = parse(template_text).ok().and_then(|segments| {
        (segments.into_iter().rev()).find(|s| !matches!(s, Segment::Text(t) if t.trim().is_empty()))
    });
    matches!(
        last,
        Some(Segment::Field(
            Placeholder::BonusItems | Placeholder::DeductionItems | Placeholder::VetoItems
        ))
    )
}

/// `filled`, the clause `template_text` filled in, with a "。" after a list of rules that ends
/// it without a closing mark of its own ("实行一票否决：{一票否决事项}" would stop on the last
/// item's words); any other clause, and one ending on a mark (an empty list after "："), as is.
#[must_use]
pub fn closed_after_list(template_text: &str, filled: String) -> String {
    let ends_on_list = ends_on_list(template_text);
    let text = filled.trim_end();
    let is_closed = text.ends_with(['。', '；', '！', '？', '：', '，', '、']);
    if !ends_on_list || text.is_empty() || is_closed {
        return filled;
    }
    format!("{text}。")
}

/// One item as a phrase without closing punctuation; a rule's own limit closes it
/// ("，累计最多扣4分"), unless it only says again what one award gives ("加3分，累计最多加3分");
/// a rule counted per occurrence keeps it ("每次扣2分，累计最多扣2分": once at most).
fn item_phrase(item: &RuleItem) -> String {
    let phrase = points_phrase(item);
    let cap = item
        .cap
        .filter(|cap| *cap != item.points || item.is_per_occurrence());
    match (item.kind, cap) {
        (ItemKind::Bonus, Some(cap)) => format!("{phrase}，累计最多加{cap}分"),
        (ItemKind::Deduction, Some(cap)) => format!("{phrase}，累计最多扣{cap}分"),
        _ => phrase,
    }
}

/// The item's name and what one award or occurrence gives or takes.
fn points_phrase(item: &RuleItem) -> String {
    let name = item.name.trim().trim_end_matches(['。', '；', '，', '、']);
    let points = item.points;
    // A name that says what it gives or takes already ("发生一般生产安全事故的，每起扣5分")
    // is not told it again ("…每起扣5分，扣5分").
    let own = match item.kind {
        ItemKind::Bonus => format!("加{points}分"),
        ItemKind::Deduction => format!("扣{points}分"),
        ItemKind::Veto => String::new(),
    };
    if points != Points::ZERO && !own.is_empty() && name.ends_with(&own) {
        return name.to_owned();
    }
    match item.kind {
        // A name that spells out its levels ("国家级2分，省级1分") gives the most one award gets.
        // No fixed points (0): the assessors set them case by case.
        ItemKind::Bonus if points == Points::ZERO => format!("{name}，酌情加分"),
        // Per 事项: the same 事项 counts once at its highest level, another 事项 again.
        ItemKind::Bonus if item.names_levels() => format!("{name}，每个事项最高加{points}分"),
        // A bonus per occurrence reads as a deduction does ("…推广的，每次加2分").
        ItemKind::Bonus => match split_occurrence(name) {
            Some((rest, word)) => format!("{rest}，{word}加{points}分"),
            None => format!("{name}，加{points}分"),
        },
        ItemKind::Deduction if points == Points::ZERO => match split_occurrence(name) {
            Some((rest, word)) => format!("{rest}，{word}酌情扣分"),
            None => format!("{name}，酌情扣分"),
        },
        ItemKind::Deduction => match split_occurrence(name) {
            Some((rest, word)) => format!("{rest}，{word}扣{points}分"),
            None => format!("{name}，扣{points}分"),
        },
        ItemKind::Veto => name.to_owned(),
    }
}

/// A name closing on "（每次）", "(每次)" or "，每起" (as a clerk writes "发生一般生产安全
/// 事故的，每起"), split into the rest and the word.
fn split_occurrence(name: &str) -> Option<(&str, &str)> {
    (OCCURRENCE_WORDS.iter().chain(&CLOSING_OCCURRENCE_WORDS)).find_map(|word| {
        let bracketed = [("（", "）"), ("(", ")")]
            .iter()
            .find_map(|(open, close)| name.strip_suffix(&format!("{open}{word}{close}")));
        let rest = bracketed
            .or_else(|| name.strip_suffix(word))?
            .trim_end_matches(['，', ',', '、', ' '])
            .trim_end();
        (!rest.is_empty()).then_some((rest, *word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Points;

    fn rule(kind: ItemKind, name: &str, points: i64) -> RuleItem {
        RuleItem {
            id: 0,
            kind,
            name: name.to_owned(),
            points: Points(points),
            cap: None,
        }
    }

    fn set(items: Vec<RuleItem>) -> IndicatorSet {
        IndicatorSet {
            id: 0,
            year: 2025,
            category_id: 1,
            bonus_cap: Points::whole(5),
            is_final: true,
            indicators: Vec::new(),
            items,
        }
    }

    #[test]
    fn a_bonus_per_occurrence_reads_as_a_deduction_does() {
        let bonus = rule(ItemKind::Bonus, "经验做法被市级推广的，每次", 200);
        assert_eq!(item_phrase(&bonus), "经验做法被市级推广的，每次加2分");
        let bracketed = rule(ItemKind::Bonus, "承办现场会（每次）", 100);
        assert_eq!(item_phrase(&bracketed), "承办现场会，每次加1分");
    }

    #[test]
    fn a_rule_written_with_its_occurrence_word_last_reads_per_occurrence() {
        let mut accident = rule(ItemKind::Deduction, "发生一般生产安全事故的，每起", 500);
        accident.cap = Some(Points::whole(15));
        assert_eq!(
            item_phrase(&accident),
            "发生一般生产安全事故的，每起扣5分，累计最多扣15分"
        );
        assert_eq!(
            item_phrase(&rule(ItemKind::Deduction, "被通报批评（每次）", 200)),
            "被通报批评，每次扣2分"
        );
        let mut machine = rule(ItemKind::Deduction, "特种设备未检验（每台）", 100);
        machine.cap = Some(Points::whole(4));
        assert_eq!(
            item_phrase(&machine),
            "特种设备未检验，每台扣1分，累计最多扣4分"
        );
        // Written with its points already: not said twice.
        let mut spelt = rule(
            ItemKind::Deduction,
            "发生一般生产安全事故的，每起扣5分",
            500,
        );
        spelt.cap = Some(Points::whole(10));
        assert_eq!(
            item_phrase(&spelt),
            "发生一般生产安全事故的，每起扣5分，累计最多扣10分"
        );
        assert_eq!(
            item_phrase(&rule(ItemKind::Bonus, "承办全省现场会的，加1.5分", 150)),
            "承办全省现场会的，加1.5分"
        );
    }

    #[test]
    fn each_kind_reads_as_one_run_of_phrases() {
        let set = set(vec![
            rule(ItemKind::Veto, "瞒报、谎报生产安全事故", 0),
            rule(ItemKind::Deduction, "被上级通报批评（每次）", 200),
            rule(ItemKind::Bonus, "经验做法被推广（国家级2分，省级1分）", 200),
            rule(ItemKind::Bonus, "获评省级安全发展示范称号。", 100),
            rule(ItemKind::Deduction, "考核材料未按时报送", 300),
            rule(ItemKind::Deduction, "迟报事故(每起)", 50),
            rule(ItemKind::Veto, "考核中弄虚作假", 0),
        ]);
        assert_eq!(
            rule_list(&set, ItemKind::Bonus),
            "经验做法被推广（国家级2分，省级1分），每个事项最高加2分；获评省级安全发展示范称号，加1分"
        );
        assert_eq!(
            rule_list(&set, ItemKind::Deduction),
            "被上级通报批评，每次扣2分；考核材料未按时报送，扣3分；迟报事故，每起扣0.5分"
        );
        assert_eq!(
            rule_list(&set, ItemKind::Veto),
            "瞒报、谎报生产安全事故；考核中弄虚作假"
        );
    }

    /// A rule of `points` hundredths with its own limit of `cap` hundredths.
    fn capped(kind: ItemKind, name: &str, points: i64, cap: i64) -> RuleItem {
        RuleItem {
            cap: Some(Points(cap)),
            ..rule(kind, name, points)
        }
    }

    #[test]
    fn a_rules_own_limit_closes_its_phrase() {
        let set = set(vec![
            capped(ItemKind::Deduction, "烟花爆竹经营点违规（每处）", 100, 400),
            capped(ItemKind::Bonus, "承办全市现场会", 100, 250),
        ]);
        assert_eq!(
            rule_list(&set, ItemKind::Deduction),
            "烟花爆竹经营点违规，每处扣1分，累计最多扣4分"
        );
        assert_eq!(
            rule_list(&set, ItemKind::Bonus),
            "承办全市现场会，加1分，累计最多加2.5分"
        );
    }

    #[test]
    fn a_limit_equal_to_one_awards_points_is_not_said_again() {
        let set = set(vec![
            capped(ItemKind::Bonus, "承办全省现场会", 300, 300),
            capped(
                ItemKind::Bonus,
                "经验做法被推广（国家级3分，省级1分）",
                300,
                300,
            ),
            capped(ItemKind::Deduction, "考核材料弄虚作假", 300, 300),
            // Per occurrence, the limit says that only one counts.
            capped(ItemKind::Deduction, "被上级通报批评（每次）", 300, 300),
        ]);
        assert_eq!(
            rule_list(&set, ItemKind::Bonus),
            "承办全省现场会，加3分；经验做法被推广（国家级3分，省级1分），每个事项最高加3分"
        );
        assert_eq!(
            rule_list(&set, ItemKind::Deduction),
            "考核材料弄虚作假，扣3分；被上级通报批评，每次扣3分，累计最多扣3分"
        );
    }

    #[test]
    fn a_clause_ending_on_a_list_of_rules_is_closed() {
        let closed = |template: &str, filled: &str| closed_after_list(template, filled.to_owned());
        assert_eq!(
            closed(
                "实行一票否决：{一票否决事项}",
                "实行一票否决：瞒报事故；弄虚作假"
            ),
            "实行一票否决：瞒报事故；弄虚作假。"
        );
        assert_eq!(
            closed("扣分项目：{扣分事项} ", "扣分项目：迟报事故，扣5分 "),
            "扣分项目：迟报事故，扣5分。"
        );
        // Closed by the template, followed by more text, or an empty list: as it is.
        for (template, filled) in [
            ("实行一票否决：{一票否决事项}。", "实行一票否决：瞒报事故。"),
            (
                "{加分事项}，累计不超过{加分上限}分",
                "承办现场会，加1分，累计不超过5分",
            ),
            ("实行一票否决：{一票否决事项}", "实行一票否决："),
            ("{单位名称}", "青山镇人民政府"),
        ] {
            assert_eq!(closed(template, filled), filled);
        }
    }

    #[test]
    fn levels_are_read_from_points_in_the_name_and_no_points_read_as_case_by_case() {
        let set = set(vec![
            rule(ItemKind::Bonus, "安全生产责任分解落实到位", 100),
            rule(ItemKind::Bonus, "经验推广（省级１分）", 100),
            rule(ItemKind::Bonus, "其他突出贡献", 0),
            rule(ItemKind::Deduction, "其他失职行为（每次）", 0),
        ]);
        assert_eq!(
            rule_list(&set, ItemKind::Bonus),
            "安全生产责任分解落实到位，加1分；经验推广（省级１分），每个事项最高加1分；其他突出贡献，酌情加分"
        );
        assert_eq!(
            rule_list(&set, ItemKind::Deduction),
            "其他失职行为，每次酌情扣分"
        );
    }

    #[test]
    fn no_items_give_empty_text_and_a_bare_marker_stays_a_name() {
        assert_eq!(rule_list(&set(Vec::new()), ItemKind::Veto), "");
        let only_marker = set(vec![rule(ItemKind::Deduction, "（每次）", 100)]);
        assert_eq!(
            rule_list(&only_marker, ItemKind::Deduction),
            "（每次），扣1分"
        );
    }
}
