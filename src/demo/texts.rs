//! Template texts of the demo: our own wording, written from the facts in the domain brief.

use crate::model::template::chinese_ordinal;
use crate::model::{Section, TemplateDraft};

/// Title pattern shared by both templates.
pub const TITLE: &str = "{年度}年度安全生产目标管理责任书";

/// Preamble of the 镇街 template.
pub const TOWN_PREAMBLE: &str = "为深入贯彻《中华人民共和国安全生产法》和《地方党政领导干部安全生产责任制规定》，坚持“安全第一、预防为主、综合治理”的方针，落实“党政同责、一岗双责、齐抓共管、失职追责”和属地管理要求，有效防范和遏制各类生产安全事故，保障人民群众生命财产安全，{甲方}与{单位名称}签订本责任书。";

/// Preamble of the 一类 template: departments that regulate a sector.
pub const DEPARTMENT_PREAMBLE: &str = "为深入贯彻《中华人民共和国安全生产法》，按照“管行业必须管安全、管业务必须管安全、管生产经营必须管安全”的要求，落实部门安全生产监管责任，有效防范和遏制本行业领域生产安全事故，{甲方}与{单位名称}签订本责任书。";

/// Preamble of the 二类 template: departments that manage a line of work or a system and
/// support the regulators, without regulating a sector themselves.
pub const INDUSTRY_PREAMBLE: &str = "为深入贯彻《中华人民共和国安全生产法》，按照“管行业必须管安全、管业务必须管安全”的要求，落实本单位安全生产管理责任，有效防范和遏制本系统、本行业生产安全事故，{甲方}与{单位名称}签订本责任书。";

/// Preamble of the template for 三类 members, which support the work without regulating a sector.
pub const SUPPORT_PREAMBLE: &str = "为深入贯彻《中华人民共和国安全生产法》，按照“管行业必须管安全、管业务必须管安全”和“谁主管、谁负责”的要求，落实{本级}安委会成员单位安全生产工作职责，{甲方}与{单位名称}签订本责任书。";

fn section(heading: &str, clauses: &[&str]) -> Section {
    Section {
        heading: heading.to_owned(),
        clauses: clauses.iter().map(|&clause| clause.to_owned()).collect(),
    }
}

/// The clause that prints the category's bonus and deduction rules as the indicator editor
/// holds them, so that what is scored in 考核 is in the signed text.
const RULES_CLAUSE: &str = "有下列情形的，予以加分：{加分事项}，加分累计不超过{加分上限}分；有下列情形的，予以扣分：{扣分事项}。";

/// 考核与奖惩: `first` (who assesses and how), then [`RULES_CLAUSE`] when `prints_rules`, then
/// `rest`, numbered （一）（二）… in that order.
fn assessment_section(first: &str, rest: &[&str], prints_rules: bool) -> Section {
    let texts = std::iter::once(first)
        .chain(prints_rules.then_some(RULES_CLAUSE))
        .chain(rest.iter().copied());
    Section {
        heading: "考核与奖惩".to_owned(),
        clauses: texts
            .enumerate()
            .map(|(index, text)| format!("（{}）{text}", chinese_ordinal(index + 1)))
            .collect(),
    }
}

/// 附则, the same in every template.
fn closing_section() -> Section {
    section(
        "附则",
        &[
            "（一）本责任书自签订之日起生效，有效期至{年度}年12月31日。",
            "（二）责任书签订人工作变动的，由接任人履行本责任书规定的职责。",
            "（三）本责任书一式{份数}份，{份数分配}，各份具有同等效力。",
        ],
    )
}

/// Sections of the 镇街 template; its 考核与奖惩 prints the bonus and deduction rules when
/// `prints_rules` (the reference text does, the demo's leaves them to the annex of scoring).
#[must_use]
pub fn town_sections(prints_rules: bool) -> Vec<Section> {
    vec![
        section(
            "安全生产控制目标",
            &[
                "（一）{年度}年度辖区生产安全事故控制指标：{控制指标}。",
                "（二）不发生造成恶劣社会影响的生产安全事故。",
                "（三）重大事故隐患整改率达到100%，一般事故隐患整改率达到95%以上。",
            ],
        ),
        section(
            "主要任务",
            &[
                "（一）健全组织领导。调整充实{单位简称}安全生产委员会，党政主要负责人每季度至少召开一次会议专题研究安全生产工作，及时解决突出问题。",
                "（二）落实属地管理责任。将安全生产责任逐级分解到村（社区）、站所和辖区企业，实现责任书签订全覆盖。",
                "（三）推进隐患排查治理。建立隐患排查、登记、上报、监控、整改、评价、销号的闭环管理制度，重大事故隐患实行挂牌督办。",
                "（四）开展专项整治。组织危险化学品、燃气、有限空间、“三小”场所和自建房等重点领域安全整治，严厉打击非法违法生产经营建设行为。",
                "（五）加强应急管理。修订完善应急预案，每年至少组织一次综合应急演练，落实值班值守和信息报送制度。",
                "（六）强化宣传培训。组织开展“安全生产月”等宣传活动，加强基层安全监管人员和网格员的业务培训。",
            ],
        ),
        assessment_section(
            "{本级}安委会办公室负责本责任书的考核，采取日常检查与年终考核相结合的方式，按照年度考核细则实行百分制评分。",
            &[
                "{单位名称}应于7月10日前和次年1月10日前，将半年和全年安全生产工作情况书面报告{本级}安委会办公室。",
                "考核结果分为{等次}，作为领导班子和领导干部综合考核评价的重要依据。有下列情形之一的，实行一票否决：{一票否决事项}。",
            ],
            prints_rules,
        ),
        closing_section(),
    ]
}

/// Sections of the 一类 template.
#[must_use]
pub fn department_sections() -> Vec<Section> {
    vec![
        section(
            "安全生产控制目标",
            &[
                "（一）{年度}年度本行业领域生产安全事故控制指标：{控制指标}。",
                "（二）本行业领域不发生造成恶劣社会影响的生产安全事故。",
                "（三）本行业领域重大事故隐患整改率达到100%。",
            ],
        ),
        section(
            "主要任务",
            &[
                "（一）建立健全本部门安全生产责任制，主要负责人为第一责任人，分管负责人在分管范围内履行安全生产职责。",
                "（二）按照职责分工依法履行本行业领域安全生产监督管理职责，督促生产经营单位落实主体责任；负有行政审批职能的，严格把好安全生产源头关。",
                "（三）牵头开展本行业领域安全生产专项整治，督促企业落实隐患排查治理和安全生产标准化建设。",
                "（四）每季度至少召开一次行业安全形势分析会议，每季度向{本级}安委会办公室报告一次工作情况。",
                "（五）制定本行业领域应急预案并组织演练，配合做好事故救援和调查处理工作。",
            ],
        ),
        section(
            "考核与奖惩",
            &[
                "（一）{本级}安委会办公室负责本责任书的考核，按照年度考核细则实行百分制评分。",
                "（二）考核结果分为{等次}。有下列情形之一的，实行一票否决：{一票否决事项}。",
            ],
        ),
        closing_section(),
    ]
}

/// Sections of the 二类 template: the department's own system and line of work, and its
/// part in the regulators' campaigns.
#[must_use]
pub fn industry_sections() -> Vec<Section> {
    vec![
        section(
            "安全生产控制目标",
            &[
                "（一）{年度}年度本系统、本行业生产安全事故控制指标：{控制指标}。",
                "（二）本系统、本行业不发生造成恶劣社会影响的生产安全事故。",
                "（三）本单位、本系统排查出的重大事故隐患整改率达到100%。",
            ],
        ),
        section(
            "主要任务",
            &[
                "（一）建立健全本单位安全生产责任制，主要负责人为第一责任人，班子成员落实“一岗双责”。",
                "（二）把安全生产纳入本单位业务工作同部署、同检查、同考核，指导督促本系统、本行业单位落实安全生产主体责任。",
                "（三）配合负有安全生产监督管理职责的部门开展专项整治和联合检查，按时完成本单位承担的整治任务。",
                "（四）每半年至少召开一次本系统安全形势分析会议，每半年向{本级}安委会办公室报告一次工作情况。",
                "（五）制定本系统应急预案并组织演练，配合做好事故救援和调查处理工作。",
            ],
        ),
        section(
            "考核与奖惩",
            &[
                "（一）{本级}安委会办公室负责本责任书的考核，按照年度考核细则实行百分制评分。",
                "（二）考核结果分为{等次}。有下列情形之一的，实行一票否决：{一票否决事项}。",
            ],
        ),
        closing_section(),
    ]
}

/// Sections of the template for 三类 members: their own premises and staff, and the support
/// their line of work gives to the safety committee, with no sector to regulate; the rules
/// printed as in [`town_sections`].
#[must_use]
pub fn support_sections(prints_rules: bool) -> Vec<Section> {
    vec![
        section(
            "安全生产控制目标",
            &[
                "（一）{年度}年度本单位生产安全事故控制指标：{控制指标}。",
                "（二）本单位办公场所和所属单位不发生火灾事故，不发生造成恶劣社会影响的安全事件。",
            ],
        ),
        section(
            "主要任务",
            &[
                "（一）建立健全本单位安全生产责任制，主要负责人为第一责任人，班子成员落实“一岗双责”。",
                "（二）按照{本级}安委会成员单位职责分工，结合本单位业务，做好安全生产宣传、保障和服务等相关工作。",
                "（三）落实本单位办公场所、所属单位和管理设施的消防与安全管理，定期开展隐患排查并及时整改。",
                "（四）按时参加{本级}安委会会议，落实交办事项，每半年向{本级}安委会办公室报告一次工作情况。",
                "（五）组织本单位人员参加安全生产教育培训和应急演练，配合做好事故救援和调查处理工作。",
            ],
        ),
        assessment_section(
            "{本级}安委会办公室负责本责任书的考核，按照年度考核细则实行百分制评分。",
            &["考核结果分为{等次}。有下列情形之一的，实行一票否决：{一票否决事项}。"],
            prints_rules,
        ),
        closing_section(),
    ]
}

/// The text a category's first template starts from in a database of the office's own: the
/// 镇街 text for a category of towns and sub-districts (`is_towns`), else the text for
/// departments in general; placeholders throughout ({本级} for 市 or 县), for the office to
/// adapt.
#[must_use]
pub fn reference_template(year: i32, category_id: i64, is_towns: bool) -> TemplateDraft {
    let (preamble, sections) = if is_towns {
        (TOWN_PREAMBLE, town_sections(true))
    } else {
        (SUPPORT_PREAMBLE, support_sections(true))
    };
    TemplateDraft {
        year,
        category_id,
        title_pattern: TITLE.to_owned(),
        preamble: preamble.to_owned(),
        sections,
    }
}
