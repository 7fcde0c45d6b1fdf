//! The fictional units of 示例市: 4 街道, 10 镇, 1 开发区 and 30 成员单位. All people are made up.

use crate::model::UnitKind;

/// One demo unit: full name, short name, kind, category name and principal's title.
pub struct DemoUnit {
    /// Full name.
    pub name: &'static str,
    /// Short name.
    pub short_name: &'static str,
    /// Kind.
    pub kind: UnitKind,
    /// Category name (镇街, 一类, 二类, 三类).
    pub category: &'static str,
    /// Principal's title.
    pub principal_title: &'static str,
}

const fn unit(
    name: &'static str,
    short_name: &'static str,
    kind: UnitKind,
    category: &'static str,
    principal_title: &'static str,
) -> DemoUnit {
    DemoUnit {
        name,
        short_name,
        kind,
        category,
        principal_title,
    }
}

/// The categories in list order.
pub const CATEGORIES: [&str; 4] = ["镇街", "一类", "二类", "三类"];

/// The units in list order.
pub const UNITS: [DemoUnit; 45] = [
    unit(
        "城关街道办事处",
        "城关街道",
        UnitKind::Subdistrict,
        "镇街",
        "街道办事处主任",
    ),
    unit(
        "响嘡街道办事处",
        "响嘡街道",
        UnitKind::Subdistrict,
        "镇街",
        "街道办事处主任",
    ),
    unit(
        "新华街道办事处",
        "新华街道",
        UnitKind::Subdistrict,
        "镇街",
        "街道办事处主任",
    ),
    unit(
        "东城街道办事处",
        "东城街道",
        UnitKind::Subdistrict,
        "镇街",
        "街道办事处主任",
    ),
    unit("青山镇人民政府", "青山镇", UnitKind::Town, "镇街", "镇长"),
    unit("杨柳镇人民政府", "杨柳镇", UnitKind::Town, "镇街", "镇长"),
    unit("石桥镇人民政府", "石桥镇", UnitKind::Town, "镇街", "镇长"),
    unit("河口镇人民政府", "河口镇", UnitKind::Town, "镇街", "镇长"),
    unit("东坡镇人民政府", "东坡镇", UnitKind::Town, "镇街", "镇长"),
    unit("北岭镇人民政府", "北岭镇", UnitKind::Town, "镇街", "镇长"),
    unit("南湖镇人民政府", "南湖镇", UnitKind::Town, "镇街", "镇长"),
    unit("白塔镇人民政府", "白塔镇", UnitKind::Town, "镇街", "镇长"),
    unit("古渡镇人民政府", "古渡镇", UnitKind::Town, "镇街", "镇长"),
    unit("龙泉镇人民政府", "龙泉镇", UnitKind::Town, "镇街", "镇长"),
    unit(
        "示例经济开发区管理委员会",
        "开发区",
        UnitKind::DevelopmentZone,
        "镇街",
        "管委会主任",
    ),
    unit(
        "示例市应急管理局",
        "应急局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市住房和城乡建设局",
        "住建局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市交通运输局",
        "交通局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市公安局",
        "公安局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市消防救援大队",
        "消防大队",
        UnitKind::Department,
        "一类",
        "大队长",
    ),
    unit(
        "示例市市场监督管理局",
        "市场监管局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市城市管理综合行政执法局",
        "城管局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市工业和信息化局",
        "工信局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市教育局",
        "教育局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市自然资源和规划局",
        "自然资源局",
        UnitKind::Department,
        "一类",
        "局长",
    ),
    unit(
        "示例市农业农村局",
        "农业农村局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市水利局",
        "水利局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市文化广电和旅游局",
        "文旅局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市卫生健康局",
        "卫健局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市商务局",
        "商务局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市发展和改革局",
        "发改局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市民政局",
        "民政局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市人力资源和社会保障局",
        "人社局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市退役军人事务局",
        "退役军人局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市供销合作社",
        "供销社",
        UnitKind::Department,
        "二类",
        "主任",
    ),
    unit(
        "示例市供电公司",
        "供电公司",
        UnitKind::Enterprise,
        "二类",
        "总经理",
    ),
    unit(
        "示例市气象局",
        "气象局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市生态环境分局",
        "生态环境分局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "示例市林业局",
        "林业局",
        UnitKind::Department,
        "二类",
        "局长",
    ),
    unit(
        "中共示例市委宣传部",
        "宣传部",
        UnitKind::Department,
        "三类",
        "部长",
    ),
    unit(
        "示例市财政局",
        "财政局",
        UnitKind::Department,
        "三类",
        "局长",
    ),
    unit(
        "示例市司法局",
        "司法局",
        UnitKind::Department,
        "三类",
        "局长",
    ),
    unit(
        "示例市总工会",
        "总工会",
        UnitKind::Department,
        "三类",
        "主席",
    ),
    unit(
        "示例市融媒体中心",
        "融媒体中心",
        UnitKind::Department,
        "三类",
        "主任",
    ),
    unit(
        "示例市行政审批局",
        "审批局",
        UnitKind::Department,
        "三类",
        "局长",
    ),
];

const SURNAMES: [&str; 15] = [
    "许", "齐", "庞", "柏", "闵", "岳", "卞", "蔺", "郜", "欧阳", "隋", "靳", "贲", "阮", "鞠",
];
const GIVEN: [&str; 12] = [
    "喆然", "堃", "昇平", "赟", "燚明", "彧之", "旻", "玥", "珺瑶", "琇文", "璟川", "嘉树",
];

/// A made-up person's name for index `n`; names repeat rarely and use rare characters often.
#[must_use]
pub fn person_name(n: usize) -> String {
    let surname = SURNAMES.get(n % SURNAMES.len()).copied().unwrap_or("许");
    let given = GIVEN
        .get((n * 7 + n / SURNAMES.len()) % GIVEN.len())
        .copied()
        .unwrap_or("嘉树");
    format!("{surname}{given}")
}

/// A fictional office phone number.
#[must_use]
pub fn phone(n: usize) -> String {
    format!("0399-86{:05}", 10_000 + n * 37)
}
