"""The default phases and gate criteria, following the domain: decide to adopt and set
goals, select the system, contract, implement, go live, improve. Each rollout gets its own
copy, which the executive can change before the gate is decided."""

from typing import Final, NamedTuple


class CriterionTemplate(NamedTuple):
    kind: str
    text_en: str
    text_zh_hans: str
    threshold: int | None = None


class PhaseTemplate(NamedTuple):
    key: str
    name_en: str
    name_zh_hans: str
    criteria: tuple[CriterionTemplate, ...]


# Each phase's criteria: a kind the gate checks by itself ("manual": the executive ticks it),
# the text in both languages, and for a measured kind the percentage it needs.
ADOPT = (
    CriterionTemplate(
        "goal_set",
        "The rollout's goal is written down, with at least one measurable target",
        "项目目标已写明，并至少有一个可衡量的指标",
    ),
    CriterionTemplate(
        "objectives_set", "Every department has an objective", "每个部门都有部门目标"
    ),
    CriterionTemplate("manual", "The budget is approved", "预算已批准"),
)
SELECT = (
    CriterionTemplate(
        "seats_filled", "All five selection seats are filled", "选型组五个席位都有人"
    ),
    CriterionTemplate(
        "recommended", "The selection team recommends a vendor", "选型组已推荐供应商"
    ),
    CriterionTemplate("manual", "Reference customers visited", "已走访参考客户"),
)
CONTRACT = (
    CriterionTemplate("manual", "Legal reviewed the contract terms", "法务已审核合同条款"),
    CriterionTemplate("manual", "The service level is agreed", "服务水平已约定"),
)
IMPLEMENT = (
    CriterionTemplate(
        "staffing_fulfilled",
        "Every department's staffing at least 80 % fulfilled",
        "各部门人员承诺兑现至少 80%",
        80,
    ),
    CriterionTemplate(
        "core_verified", "Core workstreams' tasks verified", "核心流程的任务已核实", 100
    ),
)
GO_LIVE = (
    CriterionTemplate("manual", "Data migration rehearsed", "数据迁移已演练"),
    CriterionTemplate("manual", "Users trained", "用户已培训"),
)
IMPROVE = (
    CriterionTemplate("manual", "Middle managers reviewed the use", "中层经理已评估使用情况"),
    # The middle managers carry the system after go-live: each department's backlog is
    # worked (something done) and kept (nothing past its date), read live.
    CriterionTemplate(
        "backlogs_kept",
        "Every department's improvement backlog has no overdue item and at least one done",
        "每个部门的改进清单没有逾期事项，且至少完成一项",
    ),
    # Read live from the After go-live page's figures: improvement rests on measuring use.
    CriterionTemplate(
        "adoption_recorded",
        "Every department recorded its adoption measures for last month",
        "每个部门都已录入上月的使用情况指标",
    ),
)

# Every gate asks that the risk register was gone through since the previous gate (or since
# the rollout opened, at the first): controlling the risk is the executive's to settle.
RISKS_REVIEWED = CriterionTemplate(
    "risks_reviewed", "The risks were reviewed since the last gate", "自上一关口以来已评审风险"
)

_PHASES = (
    PhaseTemplate("adopt", "Decide to adopt and set goals", "决定上线并确定目标", ADOPT),
    PhaseTemplate("select", "Select the system", "系统选型", SELECT),
    PhaseTemplate("contract", "Contract", "签订合同", CONTRACT),
    PhaseTemplate("implement", "Implement", "实施", IMPLEMENT),
    PhaseTemplate("go_live", "Go live", "上线", GO_LIVE),
    PhaseTemplate("improve", "Improve", "持续改进", IMPROVE),
)
PHASES: Final[tuple[PhaseTemplate, ...]] = tuple(
    phase._replace(criteria=(*phase.criteria, RISKS_REVIEWED)) for phase in _PHASES
)
