"""The default selection criteria: the domain's four dimensions (vendor company,
product, implementation, service) and price, each criterion scored by one seat, with
what a 1, a 3 and a 5 mean."""

from typing import Final, NamedTuple


class CriterionTemplate(NamedTuple):
    dimension: str
    seat: str
    text_en: str
    text_zh_hans: str
    guide_en: str
    guide_zh_hans: str


CRITERIA: Final[tuple[CriterionTemplate, ...]] = (
    CriterionTemplate(
        "company", "senior", "Reputation, results and experience", "商誉、业绩与经验",
        "1 unknown, no references · 3 some comparable customers · 5 many, well-known results",
        "1 无名、无参考客户 · 3 有一些可比客户 · 5 大量知名成功案例",
    ),
    CriterionTemplate(
        "company", "negotiator", "Willing to share the risk", "愿意分担风险",
        "1 fixed terms only · 3 some penalties accepted · 5 payment tied to results",
        "1 条款不可谈 · 3 接受部分违约责任 · 5 付款与成果挂钩",
    ),
    CriterionTemplate(
        "product", "end_users", "Fits our core processes", "符合我们的核心流程",
        "1 major gaps · 3 fits with workarounds · 5 fits lead-to-order as it is",
        "1 差距大 · 3 需变通才符合 · 5 原样符合线索到订单",
    ),
    CriterionTemplate(
        "product", "it", "Runs in our environment", "能在我们的环境中运行",
        "1 no single sign-on or ERP link · 3 with custom work · 5 standard connectors",
        "1 无单点登录或ERP接口 · 3 需定制开发 · 5 有标准接口",
    ),
    CriterionTemplate(
        "product", "it", "Stable quality, easy upkeep", "质量稳定、易于维护",
        "1 frequent outages · 3 acceptable · 5 proven stable, simple to maintain",
        "1 经常故障 · 3 尚可 · 5 久经验证、维护简单",
    ),
    CriterionTemplate(
        "implementation", "it", "Sound method, realistic time", "方法可靠、工期现实",
        "1 no method · 3 standard method, tight plan · 5 proven method, realistic plan",
        "1 无方法 · 3 有标准方法、计划偏紧 · 5 方法成熟、计划现实",
    ),
    CriterionTemplate(
        "implementation", "end_users", "Training and adoption support", "培训与推广支持",
        "1 manuals only · 3 some training · 5 key-user programme on site",
        "1 只有手册 · 3 有部分培训 · 5 现场关键用户培养",
    ),
    CriterionTemplate(
        "service", "end_users", "After-sales responsiveness", "售后响应",
        "1 days to answer · 3 next working day · 5 within hours, in Chinese",
        "1 数天才答复 · 3 下一工作日 · 5 数小时内中文响应",
    ),
    CriterionTemplate(
        "service", "senior", "Service capacity and local presence", "服务能力与本地化",
        "1 no local staff · 3 regional office · 5 local team with a service-level agreement",
        "1 无本地人员 · 3 有区域办公室 · 5 本地团队并签服务水平协议",
    ),
    CriterionTemplate(
        "price", "finance", "Most cost-effective over five years", "五年内最具成本效益",
        "1 highest total cost for the benefit · 3 average · 5 best net present value",
        "1 相对收益总成本最高 · 3 一般 · 5 净现值最好",
    ),
    CriterionTemplate(
        "price", "negotiator", "Price and terms", "价格与条款",
        "1 list price, rigid terms · 3 some discount · 5 best price and flexible terms",
        "1 标价、条款僵硬 · 3 有一定折扣 · 5 最优价格与灵活条款",
    ),
)  # fmt: skip
