"""The article's own risks, offered as the register's starting entries when a rollout is
opened: each with its text in both languages (stored with the risk, as the gates' template
stores its criteria) and a first rating the adder can change afterwards."""

from typing import Final, NamedTuple


class Starter(NamedTuple):
    key: str
    title_en: str
    title_zh_hans: str
    description_en: str
    description_zh_hans: str
    likelihood: int
    impact: int


STARTERS: Final[tuple[Starter, ...]] = (
    Starter(
        "figurehead_executive",
        "The executive only lends a name to the project",
        "一把手只是挂帅而已",
        "The executive does not show up at the decisive moments, so decisions wait and the "
        "project hesitates.",
        "一把手在关键时刻不到场，决策拖延，项目犹豫不前。",
        3,
        5,
    ),
    Starter(
        "resisting_managers",
        "Middle managers resist the change",
        "中层经理成为阻力中层",
        "Managers feel the shift of power negates them and keep the project at arm's length "
        "instead of driving it.",
        "中层经理不理解“权”的变化，有被否定的感觉，对项目敬而远之。",
        4,
        4,
    ),
    Starter(
        "price_only_choice",
        "The system is chosen on price alone",
        "只凭价格选择系统",
        "The vendor, the product, the implementation and the service are not compared, and "
        "the cheapest offer wins.",
        "没有比较供应商、产品、实施和服务，只选最便宜的报价。",
        3,
        4,
    ),
    Starter(
        "missing_part_time_staff",
        "Departments do not release their part-time staff",
        "部门兼职人员不到位",
        "Most implementers are part-time staff from the functional departments; without the "
        "hours committed, process analysis and data clean-up stall.",
        "多数实施人员来自职能部门的兼职员工；承诺的工时不到位，流程分析和数据清理就会停滞。",
        4,
        3,
    ),
)

BY_KEY: Final[dict[str, Starter]] = {starter.key: starter for starter in STARTERS}
