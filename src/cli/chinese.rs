//! The command line in Chinese: clap's help is translated word for word, its errors are told
//! again in Chinese from their context, and the typed arguments (years, dates, copies) are read
//! by parsers whose refusals are Chinese too.

use std::error::Error as _;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory as _, FromArgMatches as _};

use super::Args;
use crate::model::agreement::{MAX_COPIES, MIN_COPIES};
use crate::pdf::agreement::MAX_COPIES as PRINT_MAX_COPIES;

/// clap's English words in help and usage, and ours.
const HELP_WORDS: [(&str, &str); 14] = [
    ("Usage: ", "用法："),
    ("Usage:", "用法："),
    ("Commands:", "命令："),
    ("Options:", "选项："),
    ("Arguments:", "参数："),
    ("[OPTIONS]", "[选项]"),
    ("[COMMAND]", "[命令]"),
    ("<COMMAND>", "<命令>"),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助，或某个命令的帮助",
    ),
    // Before "Print help", which it begins with.
    ("Print help for the subcommand(s)", "显示这些命令的帮助"),
    ("Print help", "显示帮助"),
    ("Print version", "显示版本"),
    ("[default: ", "[默认："),
    ("[possible values: ", "[可选："),
];

/// The arguments, or the exit code when there is nothing to run: help or the version was
/// shown (0), or the command line was wrong (2, with a Chinese message on stderr).
///
/// # Errors
/// The exit code to end with.
pub fn parse_args() -> Result<Args, ExitCode> {
    let command = Args::command();
    // "zerenshu help --help" asks for the help as "zerenshu --help" does, and "zerenshu help
    // import --help" as "zerenshu help import" does: the --help after help says nothing more.
    let mut words: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if words.get(1).is_some_and(|w| w == "help")
        && words.last().is_some_and(|w| w == "--help" || w == "-h")
    {
        words.pop();
        if words.len() == 2 {
            words.truncate(1);
            words.push("--help".into());
        }
    }
    // --db before the command and again after it: clap takes the last in silence, and a
    // script's default database given first would be written to by mistake, or not at all.
    let databases = (words.iter().skip(1))
        .take_while(|w| *w != "--")
        .filter(|w| *w == "--db" || w.as_encoded_bytes().starts_with(b"--db="))
        .count();
    if databases > 1 {
        note!("错误：参数 --db <路径> 只能给一次\n用 --help 查看用法");
        return Err(ExitCode::from(2));
    }
    let parsed = command
        .try_get_matches_from(words)
        .and_then(|mut matches| Args::from_arg_matches_mut(&mut matches));
    parsed.map_err(|error| match error.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = translate_help(&error.render().to_string());
            if error.use_stderr() {
                eprint!("{text}");
                ExitCode::from(2)
            } else {
                print!("{text}");
                ExitCode::SUCCESS
            }
        }
        _ => {
            note!("错误：{}\n用 --help 查看用法", message(&error));
            ExitCode::from(2)
        }
    })
}

/// Help text with clap's English words in Chinese.
#[must_use]
pub fn translate_help(text: &str) -> String {
    HELP_WORDS
        .iter()
        .fold(text.to_owned(), |text, (english, chinese)| {
            text.replace(english, chinese)
        })
}

/// A context value as text.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join("、")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::StyledStrs(texts) => Some(
            texts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// True when `typed` is a slip for `suggested`: a letter or two wrong, missing, extra or two
/// swapped (at most one in three of the suggested name's letters), dashes and a value aside.
fn is_near_miss(typed: &str, suggested: &str) -> bool {
    let bare = |text: &str| -> Vec<char> {
        let name = text.trim().trim_start_matches('-');
        let name = name.split([' ', '=', '<']).next().unwrap_or_default();
        name.to_lowercase().chars().collect()
    };
    let (typed, suggested) = (bare(typed), bare(suggested));
    if typed.is_empty() || suggested.is_empty() {
        return false;
    }
    edit_distance(&typed, &suggested) <= (suggested.len() / 3).max(1)
}

/// Letters inserted, removed, replaced or two neighbours swapped to turn `a` into `b` (the
/// optimal string alignment distance).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    // Rows of the distance table: two before, one before, current.
    let mut before_last: Vec<usize> = Vec::new();
    let mut last: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let replace = last.get(j).map_or(usize::MAX, |d| d + cost);
            let remove = last.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = row.get(j).map_or(usize::MAX, |d| d + 1);
            let mut best = replace.min(remove).min(insert);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca);
            if swapped && let Some(d) = before_last.get(j - 1) {
                best = best.min(d + 1);
            }
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
        before_last = std::mem::replace(&mut last, row);
    }
    last.last().copied().unwrap_or(usize::MAX)
}

/// What was wrong with the command line, in Chinese.
#[must_use]
pub fn message(error: &clap::Error) -> String {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let typed = context(error, ContextKind::InvalidArg)
        .or_else(|| context(error, ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    // clap suggests on a loose likeness ("frobnicate" → notice): only a near miss is offered.
    let suggestion = context(error, ContextKind::SuggestedArg)
        .or_else(|| context(error, ContextKind::SuggestedSubcommand))
        .filter(|s| is_near_miss(&typed, s))
        .map(|s| format!("（是不是 {s}？）"))
        .unwrap_or_default();
    match error.kind() {
        ErrorKind::InvalidValue => {
            // clap gives an empty list for a value that is free text (a path, a name).
            let choices = context(error, ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map(|v| format!("，可选：{v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("参数 {arg} 缺少值{choices}")
            } else {
                format!("参数 {arg} 的值“{value}”无效{choices}")
            }
        }
        ErrorKind::ValueValidation => {
            // Our own parsers explain in Chinese; a library's English reason is left out.
            let reason = error
                .source()
                .map(ToString::to_string)
                .filter(|reason| !reason.is_ascii())
                .map(|reason| format!("：{reason}"))
                .unwrap_or_default();
            format!("参数 {arg} 的值“{value}”无效{reason}")
        }
        // A word more where one file was asked for: a second file, or a name with a space
        // that was not put in quotes.
        ErrorKind::UnknownArgument if !arg.starts_with('-') && suggestion.is_empty() => {
            let is_units_import = (error.render().to_string())
                .lines()
                .any(|line| line.contains(" import units"));
            let one_file = if is_units_import {
                "单位名单一次导入一个文件，有几个请逐个导入；"
            } else {
                ""
            };
            format!(
                "多余的参数：{arg}（{one_file}文件名或文件夹名中有空格时，请把整个路径用英文引号括起来）"
            )
        }
        ErrorKind::UnknownArgument => format!("不认识的参数：{arg}{suggestion}"),
        ErrorKind::InvalidSubcommand => {
            let name = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            // `import` takes what is imported first: a file named straight after it says so
            // (the usage names the program as started: "zerenshu.exe import" on Windows).
            let is_import = (error.render().to_string())
                .lines()
                .any(|line| line.contains(" import "));
            let what = if is_import && suggestion.is_empty() {
                "（import 后面先写导入什么：units 单位名册，scores 自评表；如 zerenshu import units --db 责任书.sqlite3 单位.xlsx）"
            } else {
                ""
            };
            format!("没有这个命令：{name}{suggestion}{what}")
        }
        ErrorKind::MissingRequiredArgument => {
            // `notice` wants a PDF or a spreadsheet, either will do.
            let is_notice = (error.render().to_string())
                .lines()
                .any(|line| line.contains(" notice "));
            let either = if is_notice && arg.starts_with("--out") {
                "（或只写 --xlsx <文件>，只要得分汇总表）"
            } else {
                ""
            };
            // `units --force` goes with --xlsx only: not a missing argument of the command.
            let is_units = (error.render().to_string())
                .lines()
                .any(|line| line.contains(" units "));
            if is_units && arg.starts_with("--xlsx") {
                return "--force 只与 --xlsx <文件> 同用（单位名单文件已存在时覆盖它）；只列出单位时不必写 --force".to_owned();
            }
            format!("缺少必需的参数：{arg}{either}")
        }
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::ArgumentConflict => {
            let prior = context(error, ContextKind::PriorArg).unwrap_or_default();
            if prior.is_empty() || prior == arg {
                format!("参数 {arg} 只能给一次")
            } else {
                format!("参数 {arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值须用“=”连接"),
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::InvalidUtf8 => "参数中有无法识别的文字（不是有效的 UTF-8）".to_owned(),
        _ => "命令行参数有误".to_owned(),
    }
}

/// Reads a year such as 2025.
///
/// # Errors
/// A Chinese reason.
pub fn year(text: &str) -> Result<i32, String> {
    crate::model::year::parse_year(text)
}

/// Reads a date written 2025-03-05 (or 2025年3月5日).
///
/// # Errors
/// A Chinese reason.
pub fn date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::model::dates::parse_date(text.trim()).ok_or_else(|| {
        crate::model::dates::date_refusal("日期", text.trim(), || {
            "日期应写成 2025-03-05 这样".to_owned()
        })
    })
}

/// The help of `draft --copies`: the copies an agreement may be signed in, as
/// [`agreement_copies`] accepts them.
#[must_use]
pub fn agreement_copies_help() -> String {
    format!(
        "每份责任书一式几份（{MIN_COPIES} 至 {MAX_COPIES}，甲乙双方至少各执一份；写入“一式N份”；定稿前可在窗口中逐份修改；省略时取本年度多数责任书的份数，还没有责任书时为 {DEFAULT}）",
        DEFAULT = crate::workflow::drafting::DEFAULT_COPIES
    )
}

/// Reads the copies an agreement is signed in (一式 N 份), [`MIN_COPIES`] to [`MAX_COPIES`].
///
/// # Errors
/// A Chinese reason.
pub fn agreement_copies(text: &str) -> Result<i64, String> {
    // "３" as a Chinese input method in full-width mode types it, as --year and scores take it.
    crate::model::collation::ascii_number(text.trim())
        .parse::<i64>()
        .ok()
        .filter(|n| (MIN_COPIES..=MAX_COPIES).contains(n))
        .ok_or_else(|| {
            format!("份数应为 {MIN_COPIES} 至 {MAX_COPIES} 之间的整数（甲乙双方至少各执一份）")
        })
}

/// The help of `export --copies`: the copies of each agreement in a print file, as
/// [`print_copies`] accepts them.
#[must_use]
pub fn print_copies_help() -> String {
    format!("打印文件中每份责任书统一印几份（1 至 {PRINT_MAX_COPIES}）；省略时按各责任书自己的份数")
}

/// Reads the copies of each agreement in a print file, 1 to the most a print file holds.
///
/// # Errors
/// A Chinese reason.
pub fn print_copies(text: &str) -> Result<usize, String> {
    crate::model::collation::ascii_number(text.trim())
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=PRINT_MAX_COPIES).contains(n))
        .ok_or_else(|| format!("份数应为 1 至 {PRINT_MAX_COPIES} 之间的整数"))
}

/// Examples under the top help: the year's work in the order it is done.
pub const EXAMPLES: &str = "示例（一年的工作顺序）：
  zerenshu import units --db 责任书.sqlite3 单位.xlsx
  zerenshu rollover --db 责任书.sqlite3 --from 2025 --to 2026
  zerenshu draft --db 责任书.sqlite3 --year 2026
  zerenshu export --db 责任书.sqlite3 --year 2026 --out 导出 --print 打印.pdf --copies 2
  zerenshu list --db 责任书.sqlite3 --year 2026 --status 未签订
  zerenshu forms --db 责任书.sqlite3 --year 2026 --out 自评表
  zerenshu import scores --db 责任书.sqlite3 自评表/*.xlsx
  zerenshu notice --db 责任书.sqlite3 --year 2026 --out 通报.pdf --xlsx 汇总.xlsx
  zerenshu backup --db 责任书.sqlite3

不写子命令时打开程序窗口；每个子命令加 --help 可看其说明和示例";

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(args: &[&str]) -> String {
        let error = Args::command()
            .try_get_matches_from(args)
            .and_then(|mut matches| Args::from_arg_matches_mut(&mut matches))
            .unwrap_err();
        message(&error)
    }

    #[test]
    fn errors_are_told_in_chinese() {
        let text = error_of(&["zerenshu", "list", "--year", "abc"]);
        assert_eq!(
            text,
            "参数 --year <年度> 的值“abc”无效：年度应为四位数字，如 2025"
        );
        // `help help` has no English left in it.
        let help = translate_help(
            &Args::command()
                .try_get_matches_from(["zerenshu", "help", "help"])
                .unwrap_err()
                .render()
                .to_string(),
        );
        assert!(help.contains("显示这些命令的帮助"), "{help}");
        assert!(!help.contains(" for the "), "{help}");
        // A year out of the range kept is said so; full-width digits are digits.
        assert_eq!(
            year("9999"),
            Err("年度应在 2000 至 2100 之间，如 2025".to_owned())
        );
        assert_eq!(year("２０２５"), Ok(2025));
        assert_eq!(year("25"), Err("年度应为四位数字，如 2025".to_owned()));
        // A value left out names no choices where the value is free text.
        let text = error_of(&["zerenshu", "list", "--year", "2025", "--db"]);
        assert_eq!(text, "参数 --db <路径> 缺少值");
        let text = error_of(&[
            "zerenshu",
            "notice",
            "--year",
            "2024",
            "--out",
            "n.pdf",
            "--date",
            "2025-13-01",
        ]);
        assert!(text.contains("日期有误：没有13月"), "{text}");
        let text = error_of(&["zerenshu", "draft", "--year", "2025", "--copies", "0"]);
        assert!(text.contains("2 至 20"), "{text}");
        assert!(error_of(&["zerenshu", "lsit"]).starts_with("没有这个命令：lsit（是不是 list？）"));
        assert!(
            error_of(&["zerenshu", "notcie"])
                .starts_with("没有这个命令：notcie（是不是 notice？）")
        );
        // A word that only looks a little like a command is not offered one.
        let text = error_of(&["zerenshu", "frobnicate"]);
        assert!(text.starts_with("没有这个命令：frobnicate"), "{text}");
        let text = error_of(&["zerenshu", "import", "--db", "x.sqlite3", "单位.csv"]);
        assert!(
            text.starts_with(
                "没有这个命令：单位.csv（import 后面先写导入什么：units 单位名册，scores 自评表"
            ),
            "{text}"
        );
        assert!(!text.contains("是不是"), "{text}");
        let text = error_of(&["zerenshu", "list", "--yaer", "2025"]);
        assert!(text.contains("（是不是 --year？）"), "{text}");
        assert!(error_of(&["zerenshu", "draft"]).starts_with("缺少必需的参数：--year"));
        assert!(
            error_of(&["zerenshu", "units", "--force"])
                .starts_with("--force 只与 --xlsx <文件> 同用")
        );
        assert_eq!(
            error_of(&["zerenshu", "notice", "--year", "2025"]),
            "缺少必需的参数：--out <文件>（或只写 --xlsx <文件>，只要得分汇总表）"
        );
        assert!(
            error_of(&["zerenshu", "list", "--year", "2025", "--nope"])
                .starts_with("不认识的参数：--nope")
        );
        // A second file, or a path with a space not in quotes: said so.
        let text = error_of(&["zerenshu", "import", "units", "甲.csv", "乙.csv"]);
        assert!(
            text.starts_with("多余的参数：乙.csv（单位名单一次导入一个文件")
                && text.contains("用英文引号括起来"),
            "{text}"
        );
    }

    #[test]
    fn help_has_no_english_words_of_clap() {
        let mut command = Args::command();
        let help = translate_help(&command.render_help().to_string());
        for (english, _) in HELP_WORDS {
            assert!(!help.contains(english), "{english} in {help}");
        }
        assert!(
            help.contains("用法：") && help.contains("显示帮助"),
            "{help}"
        );
        let draft = command.find_subcommand_mut("draft").unwrap();
        let help = translate_help(&draft.render_help().to_string());
        assert!(help.contains("--year <年度>"), "{help}");
        // A default, should an option have one again, is said in Chinese too.
        assert_eq!(translate_help("[default: 3]"), "[默认：3]");
    }

    /// The help says the copies each `--copies` accepts: an agreement is signed in 2 or more
    /// (one for each party), a print file may hold a single copy of each.
    #[test]
    fn the_copies_help_says_what_is_accepted() {
        let mut command = Args::command();
        let draft = command.find_subcommand_mut("draft").unwrap();
        let help = translate_help(&draft.render_help().to_string());
        assert!(help.contains("（2 至 20，甲乙双方至少各执一份"), "{help}");
        assert!(!help.contains("1 至 20"), "{help}");
        let text = error_of(&["zerenshu", "draft", "--year", "2025", "--copies", "1"]);
        assert!(text.contains("份数应为 2 至 20 之间的整数"), "{text}");
        assert_eq!(agreement_copies("2"), Ok(2));
        assert_eq!(agreement_copies("20"), Ok(20));
        assert_eq!(agreement_copies("３"), Ok(3));
        assert_eq!(print_copies("１２"), Ok(12));
        assert!(agreement_copies("21").is_err());
        let export = command.find_subcommand_mut("export").unwrap();
        let help = translate_help(&export.render_help().to_string());
        assert!(help.contains("统一印几份（1 至 20）"), "{help}");
        assert_eq!(print_copies("1"), Ok(1));
        assert!(print_copies("0").is_err());
    }

    #[test]
    fn every_value_is_named_in_chinese() {
        fn check(command: &mut clap::Command) {
            let help = translate_help(&command.render_help().to_string());
            // "<PATH>", "<FROM>": a placeholder in capitals is clap's English default.
            let english = help.split('<').skip(1).find(|rest| {
                rest.split('>')
                    .next()
                    .is_some_and(|name| name.chars().any(|c| c.is_ascii_uppercase()))
            });
            assert!(english.is_none(), "{help}");
            for sub in command.get_subcommands_mut() {
                check(sub);
            }
        }
        let mut command = Args::command();
        command.build();
        check(&mut command);
    }
}
