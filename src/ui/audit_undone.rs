//! The operations a restore undid, as a 恢复备份 entry lists them: one line each, time, operator,
//! operation and record. Entries written by this version name the record in words already;
//! older ones wrote the log's internal names ("修改设置 setting operator:vm/root"), which are put
//! into words here ("修改设置 设置：操作员（计算机 vm，登录名 root）").

use crate::model::dates::show_stored_time_with_seconds;

use super::audit_format::Names;

/// The record kinds the log writes, which an older line names after its operation.
const ENTITIES: [&str; 12] = [
    "adjustment",
    "agreement",
    "backup",
    "category",
    "indicator_set",
    "scan",
    "score",
    "setting",
    "template",
    "unit",
    "veto",
    "year",
];

/// One undone operation as a clerk reads it: "2026年12月1日 15:03:27 柏闻溪 新增考核年度 2026 年度".
#[must_use]
pub fn undone_line(line: &str, names: &Names) -> String {
    let (at, rest) = match (line.get(..19), line.get(19..)) {
        (Some(at), Some(rest)) if rest.starts_with(' ') => {
            (show_stored_time_with_seconds(at), rest)
        }
        _ => return line.to_owned(),
    };
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    // An older line: "<operator> <operation> <entity> <id>[（理由：…）]", the operator possibly
    // holding a space; the first known entity after an operation marks where the record starts.
    let found = (1..words.len().saturating_sub(1)).find(|&i| {
        words
            .get(i + 1)
            .is_some_and(|entity| ENTITIES.contains(entity))
    });
    let Some(action_at) = found else {
        return format!("{at}{rest}");
    };
    let head = words.get(..=action_at).unwrap_or_default().join(" ");
    let entity = words.get(action_at + 1).copied().unwrap_or_default();
    let tail = words.get(action_at + 2..).unwrap_or_default().join(" ");
    let (id, reason) = match tail.find("（理由：") {
        Some(place) => tail.split_at(place),
        None => (tail.as_str(), ""),
    };
    let operation = crate::store::action_on(&head, &record(entity, id, names));
    format!("{at} {operation}{reason}")
}

/// An older line's record in words, as the viewer names records.
fn record(entity: &str, id: &str, names: &Names) -> String {
    let with_name = |kind: &str, name: Option<&String>| {
        name.map_or_else(|| kind.to_owned(), |name| format!("{kind}“{name}”"))
    };
    let number = id.parse::<i64>().ok();
    match entity {
        "year" => format!("{id} 年度"),
        "backup" => format!("备份文件“{id}”"),
        "category" => with_name("考核类别", number.and_then(|n| names.categories.get(&n))),
        "unit" => with_name("单位", number.and_then(|n| names.units.get(&n))),
        "agreement" => "责任书".to_owned(),
        "scan" => "责任书的签订件扫描件".to_owned(),
        "veto" => "责任书的一票否决".to_owned(),
        "score" => "评分".to_owned(),
        "adjustment" => "加扣分".to_owned(),
        "template" => "模板".to_owned(),
        "indicator_set" => "考核指标".to_owned(),
        "setting" => setting(id),
        _ => format!("{entity} {id}"),
    }
}

/// A setting's key in words, as the viewer names settings.
fn setting(key: &str) -> String {
    if key == "operator" {
        return "设置：操作员".to_owned();
    }
    if key == "initialized" {
        return "本数据库".to_owned();
    }
    if key == "notice_wording" {
        return "设置：通报措辞".to_owned();
    }
    if let Some(login) = key.strip_prefix("operator:") {
        return match login.split_once('/') {
            Some((host, user)) => format!("设置：操作员（计算机 {host}，登录名 {user}）"),
            None => format!("设置：操作员（{login}）"),
        };
    }
    if let Some(year) = key.strip_prefix("notice_wording.") {
        return format!("设置：{year} 年度通报措辞");
    }
    if let Some(year) = key.strip_prefix("published_on.") {
        return format!("设置：{year} 年度结果通报日期");
    }
    if let Some(year) = key.strip_prefix("notice_date.") {
        return format!("设置：{year} 年度通报成文日期");
    }
    if let Some(year) = key.strip_prefix("notice_exported_at.") {
        return format!("设置：{year} 年度考核结果通报导出时间");
    }
    if let Some(year) = key.strip_prefix("summary_exported_at.") {
        return format!("设置：{year} 年度得分汇总表导出时间");
    }
    format!("设置：{key}")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn older_lines_name_their_records_in_words_and_newer_ones_stay() {
        let names = Names {
            categories: HashMap::from([(1, "一类".to_owned())]),
            units: HashMap::new(),
        };
        let shown = |line: &str| undone_line(line, &names);
        assert_eq!(
            shown("2026-12-01 15:03:27 vm/root 修改设置 setting operator:vm/root"),
            "2026年12月1日 15:03:27 vm/root 修改设置 设置：操作员（计算机 vm，登录名 root）"
        );
        assert_eq!(
            shown("2026-12-01 15:03:27 柏 闻溪 新增考核年度 year 2026"),
            "2026年12月1日 15:03:27 柏 闻溪 新增考核年度 2026 年度"
        );
        assert_eq!(
            shown("2026-12-01 15:03:28 柏闻溪 新增考核类别 category 1"),
            "2026年12月1日 15:03:28 柏闻溪 新增考核类别“一类”"
        );
        assert_eq!(
            shown("2026-12-01 15:03:29 柏闻溪 开始使用 setting initialized"),
            "2026年12月1日 15:03:29 柏闻溪 开始使用 本数据库"
        );
        assert_eq!(
            shown("2026-12-01 15:03:29 柏闻溪 退回草稿 agreement 12（理由：填错了）"),
            "2026年12月1日 15:03:29 柏闻溪 退回草稿 责任书（理由：填错了）"
        );
        assert_eq!(
            shown("2026-12-01 15:03:30 柏闻溪 恢复备份 backup demo-20261201.sqlite3"),
            "2026年12月1日 15:03:30 柏闻溪 恢复备份“demo-20261201.sqlite3”"
        );
        // A line written in words already keeps its words.
        assert_eq!(
            shown("2026-12-01 15:03:31 柏闻溪 新增单位 单位“示例市数据局”"),
            "2026年12月1日 15:03:31 柏闻溪 新增单位 单位“示例市数据局”"
        );
    }
}
