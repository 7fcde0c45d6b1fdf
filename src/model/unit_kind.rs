//! 单位类型: the kinds of body that sign agreements (街道, 镇, 乡, 开发区, 部门, 企业).

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum UnitKind {
    /// 街道 (sub-district office).
    Subdistrict,
    /// 镇.
    Town,
    /// 乡.
    Township,
    /// 开发区 (development zone).
    DevelopmentZone,
    /// 部门 (安委会成员单位).
    Department,
    /// 企业.
    Enterprise,
}

impl UnitKind {
    /// True for a 镇, 乡, 街道 or 开发区: a local government (镇街), not a 部门 or 企业.
    #[must_use]
    pub fn is_local(self) -> bool {
        !matches!(self, Self::Department | Self::Enterprise)
    }

    /// Every kind, in the order lists show them.
    pub const ALL: [Self; 6] = [
        Self::Subdistrict,
        Self::Town,
        Self::Township,
        Self::DevelopmentZone,
        Self::Department,
        Self::Enterprise,
    ];

    /// The Chinese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Subdistrict => "街道",
            Self::Town => "镇",
            Self::Township => "乡",
            Self::DevelopmentZone => "开发区",
            Self::Department => "部门",
            Self::Enterprise => "企业",
        }
    }

    /// What is said when the principal's title `title` belongs to another kind of body (a
    /// 镇长 for a 街道, say, after a 镇 became a 街道): it prints in the agreement's text and
    /// signature block. `None` when it fits, or says nothing of the kind.
    #[must_use]
    pub fn title_note(self, title: &str) -> Option<String> {
        let title = title.trim();
        let belongs = [("镇长", Self::Town), ("乡长", Self::Township)]
            .into_iter()
            .find(|(word, _)| title.contains(word))
            .map(|(_, kind)| kind)?;
        (belongs != self).then(|| {
            format!(
                "负责人职务“{title}”是{}的职务，而单位类型是“{}”：请核对（职务印在责任书正文和落款中）",
                belongs.label(),
                self.label()
            )
        })
    }

    /// The code stored in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Subdistrict => "subdistrict",
            Self::Town => "town",
            Self::Township => "township",
            Self::DevelopmentZone => "zone",
            Self::Department => "department",
            Self::Enterprise => "enterprise",
        }
    }

    /// The kind for a stored code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The kind for a Chinese label, as typed in an import file.
    #[must_use]
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.label() == label.trim())
    }

    /// The kind a spreadsheet's 单位类型 means for the unit `name`: the label itself, the
    /// longer names offices write ("街道办事处", "管委会", "市直部门"), or a word for
    /// towns and sub-districts together ("镇街", "乡镇", as the category is often called),
    /// read then from the end of the name ("…街道办事处" is a 街道). `None` when it cannot
    /// be told.
    #[must_use]
    pub fn from_label_for(label: &str, name: &str) -> Option<Self> {
        let label = label.trim();
        if let Some(kind) = Self::from_label(label) {
            return Some(kind);
        }
        match label {
            "街道办事处" | "街道办" => Some(Self::Subdistrict),
            "镇人民政府" | "镇政府" => Some(Self::Town),
            "乡人民政府" | "乡政府" => Some(Self::Township),
            "开发区管委会" | "管委会" | "园区" => Some(Self::DevelopmentZone),
            "市直部门" | "县直部门" | "区直部门" | "部门单位" | "成员单位" => {
                Some(Self::Department)
            }
            "企业单位" | "国有企业" => Some(Self::Enterprise),
            label if Self::is_group_word(label) => Self::from_name(name),
            _ => None,
        }
    }

    /// True for a word naming towns and sub-districts together ("镇街", "乡镇"), which says
    /// the kind only with the end of the unit's name.
    #[must_use]
    pub fn is_group_word(label: &str) -> bool {
        matches!(label.trim(), "镇街" | "乡镇" | "乡镇街道" | "镇（街道）")
    }

    /// What is said of a 镇, 乡 or 街道 whose name says another of the three ("南湖街道办事处" of
    /// the kind 镇) or a department or an enterprise ("示例市档案馆" of the kind 镇): the
    /// notice's 主送 calls the units by their kind ("各镇人民政府、街道办事处"), so a slip of
    /// the kind leaves a unit out of it. `None` when they agree, or the name says none.
    #[must_use]
    pub fn name_note(self, name: &str) -> Option<String> {
        let town_level = [Self::Subdistrict, Self::Town, Self::Township];
        // A department's or an enterprise's name ("…局", "…大队", "…公司") filed as a town
        // or sub-district: it would be ranked with them and called one in the 主送.
        let named = Self::from_name(name).or_else(|| Self::body_from_name(name))?;
        let named = Some(named).filter(|named| {
            town_level.contains(named) || matches!(named, Self::Department | Self::Enterprise)
        })?;
        (town_level.contains(&self) && named != self).then(|| {
            format!(
                "从名称看是{}，单位类型却是“{}”：通报的主送等处按单位类型称呼各单位，请核对",
                named.label(),
                self.label()
            )
        })
    }

    /// The kind the end of a department's or an enterprise's name says, if it says one
    /// ("示例市档案馆", "示例市消防救援大队", "示例市水务集团").
    fn body_from_name(name: &str) -> Option<Self> {
        let name = name.trim();
        // A town's or sub-district's own office ("青山镇党委", "城关街道党工委"): not a body
        // of the city's.
        if name.contains('镇') || name.contains("街道") {
            return None;
        }
        let enterprise = ["公司", "集团", "厂"];
        let department = [
            "局",
            "委员会",
            "委",
            "办公室",
            "办",
            "馆",
            "大队",
            "支队",
            "中心",
            "院",
            "所",
            "站",
            "厅",
            "总工会",
            "团委",
            "妇联",
            "科协",
            "法院",
            "检察院",
        ];
        if enterprise.iter().any(|end| name.ends_with(end)) {
            Some(Self::Enterprise)
        } else if department.iter().any(|end| name.ends_with(end)) {
            Some(Self::Department)
        } else {
            None
        }
    }

    /// The kind the end of a town's or sub-district's name says, if it says one.
    fn from_name(name: &str) -> Option<Self> {
        let name = name.trim();
        [
            ("街道办事处", Self::Subdistrict),
            ("街道办", Self::Subdistrict),
            ("街道", Self::Subdistrict),
            ("镇人民政府", Self::Town),
            ("镇", Self::Town),
            ("乡人民政府", Self::Township),
            ("乡", Self::Township),
            ("管理委员会", Self::DevelopmentZone),
            ("管委会", Self::DevelopmentZone),
        ]
        .into_iter()
        .find(|(end, _)| name.ends_with(end))
        .map(|(_, kind)| kind)
    }
}

#[cfg(test)]
mod tests {
    use super::UnitKind;

    #[test]
    fn a_title_of_another_kind_of_body_is_said() {
        assert!(UnitKind::Town.title_note("镇长").is_none());
        assert!(UnitKind::Township.title_note(" 乡长 ").is_none());
        assert!(UnitKind::Subdistrict.title_note("办事处主任").is_none());
        assert!(UnitKind::Department.title_note("局长").is_none());
        assert_eq!(
            UnitKind::Subdistrict.title_note("镇长").as_deref(),
            Some(
                "负责人职务“镇长”是镇的职务，而单位类型是“街道”：请核对（职务印在责任书正文和落款中）"
            )
        );
        assert!(UnitKind::Town.title_note("乡长").is_some());
    }
}
