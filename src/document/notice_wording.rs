//! The editable wording of the results notice (考核结果通报), with placeholders filled in from
//! the year: {甲方}, {本级} (市, 县 or 区, from 甲方), {年度}, {最高等次} and {最低等次}.

/// The editable texts of the notice; placeholders are replaced when the notice is built.
/// Wording saved before a field existed takes that field's default.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NoticeWording {
    /// The title.
    pub title: String,
    /// The opening paragraph: basis and purpose.
    pub opening: String,
    /// The level-1 heading above the grade sections.
    pub results_heading: String,
    /// The level-1 heading above the reward paragraph.
    pub reward_heading: String,
    /// Rewards and penalties (奖惩).
    pub reward: String,
    /// What a unit that failed two years or more in a row is told, after its name in the
    /// paragraph that names such units; empty to name them only.
    pub repeated_failure: String,
    /// The closing paragraph (希望与要求); empty to leave it out.
    pub closing: String,
    /// The name of the attached score table.
    pub attachment: String,
    /// 主送 as the office writes it; empty to have it made from the units assessed.
    pub addressee: String,
    /// 附注 such as "此件公开发布", printed in parentheses on the line under the date; empty
    /// to leave it out.
    pub annotation: String,
    /// 版记 抄送: who else receives the notice, without "抄送："; empty to leave the line out.
    pub copy_to: String,
    /// 版记 印发机关: the office that prints and sends it.
    pub printing_office: String,
    /// 版头 发文机关标志, printed in red above the title when a 发文字号 is given.
    pub issuer_mark: String,
    /// 发文字号 such as "示政通〔2025〕3号"; empty to print the notice without a 版头.
    pub document_number: String,
}

impl Default for NoticeWording {
    fn default() -> Self {
        Self {
            title: "{甲方}关于{年度}年度安全生产目标管理考核结果的通报".to_owned(),
            opening: "为深入贯彻落实《中华人民共和国安全生产法》，进一步压实安全生产责任，\
                根据{年度}年度安全生产目标管理责任书，在各单位自查自评、{本级}安委会组织考核的基础上，\
                现将{年度}年度安全生产目标管理考核结果通报如下："
                .to_owned(),
            results_heading: "一、考核结果".to_owned(),
            reward_heading: "二、奖惩措施".to_owned(),
            reward: "对考核等次为{最高等次}的单位予以通报表扬。对考核等次为{最低等次}的单位，\
                由{本级}安委会约谈其主要负责人，责令其限期整改，\
                取消其{年度}年度安全生产评优评先资格；\
                被约谈单位须在本通报印发后一个月内将整改措施书面报告{本级}安委会办公室。"
                .to_owned(),
            repeated_failure: "其主要负责人须向{本级}安委会作出书面检查".to_owned(),
            closing: "各单位要对照考核中发现的问题，举一反三，认真整改，\
                切实落实安全生产责任，确保全{本级}安全生产形势持续稳定。"
                .to_owned(),
            attachment: "{年度}年度安全生产目标管理考核得分情况表".to_owned(),
            addressee: String::new(),
            annotation: String::new(),
            copy_to: String::new(),
            printing_office: "{甲方}办公室".to_owned(),
            issuer_mark: "{甲方}文件".to_owned(),
            document_number: String::new(),
        }
    }
}

pub use crate::model::year::level_of;

/// The values the placeholders stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingValues {
    /// {甲方}.
    pub party_a: String,
    /// {年度}, e.g. "2024".
    pub year: String,
    /// {最高等次}, e.g. "优秀".
    pub highest_grade: String,
    /// {最低等次}, e.g. "不合格".
    pub lowest_grade: String,
}

impl WordingValues {
    /// The values of `year`: its 甲方, its number, and its highest and lowest grades.
    #[must_use]
    pub fn of(year: &crate::model::Year) -> Self {
        let grades = &year.grade_bands;
        Self {
            party_a: year.party_a_name.clone(),
            year: year.year.to_string(),
            highest_grade: grades.first().map(|b| b.name.clone()).unwrap_or_default(),
            lowest_grade: grades.last().map(|b| b.name.clone()).unwrap_or_default(),
        }
    }

    /// Replaces every known placeholder in `text`; other braces are left as written. An office
    /// of a 甲方 that is an office itself is that 甲方: "{甲方}办公室" of 示例市人民政府办公室 is
    /// not "…办公室办公室".
    #[must_use]
    pub fn fill(&self, text: &str) -> String {
        let text = if self.party_a.ends_with("办公室") {
            text.replace("{甲方}办公室", "{甲方}")
        } else {
            text.to_owned()
        };
        text.replace("{甲方}", &self.party_a)
            .replace("{本级}", level_of(&self.party_a))
            .replace("{年度}", &self.year)
            .replace("{最高等次}", &self.highest_grade)
            .replace("{最低等次}", &self.lowest_grade)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_others_left_alone() {
        let values = WordingValues {
            party_a: "示例市人民政府".into(),
            year: "2024".into(),
            highest_grade: "优秀".into(),
            lowest_grade: "不合格".into(),
        };
        assert_eq!(
            values.fill(&NoticeWording::default().title),
            "示例市人民政府关于2024年度安全生产目标管理考核结果的通报"
        );
        assert_eq!(
            values.fill("{最高等次}与{最低等次}，{未知}"),
            "优秀与不合格，{未知}"
        );
        assert_eq!(values.fill("全{本级}"), "全市");
        // A 甲方 that is an office prints its own office once.
        let office = WordingValues {
            party_a: "示例市人民政府办公室".into(),
            ..values
        };
        assert_eq!(
            office.fill("{甲方}办公室，{甲方}"),
            "示例市人民政府办公室，示例市人民政府办公室"
        );
    }

    #[test]
    fn the_level_comes_from_the_party_a_name() {
        assert_eq!(level_of("示例市人民政府"), "市");
        assert_eq!(level_of("清川县人民政府"), "县");
        assert_eq!(level_of("示例市北湖区人民政府"), "区");
        assert_eq!(level_of("某某旗人民政府"), "旗");
        assert_eq!(level_of("示例市安全生产委员会"), "市");
        assert_eq!(level_of("样板县安全生产委员会"), "县");
        assert_eq!(level_of("示例市北湖区安全生产委员会"), "区");
    }
}
