"""The demo company: one realistic bilingual rollout with every role filled, and a second
rollout with other people, so "not in this rollout" can be seen and tested."""

from typing import Final, NamedTuple

from roles.models import Role, Seat

DEMO_PASSWORD: Final = "rollout-demo"  # noqa: S105  # the documented local demo password


class DemoDepartment(NamedTuple):
    code: str
    name_en: str
    name_zh_hans: str
    head: str  # username, "" for none


class DemoPerson(NamedTuple):
    username: str
    display_name: str
    department: str
    language: str
    capacity: int = 40


class DemoRole(NamedTuple):
    rollout: str  # key in DEMO_ROLLOUTS
    username: str
    role: str
    department: str = ""
    seat: str = ""


DEPARTMENTS: Final = (
    DemoDepartment("management", "General management", "总经理办公室", "ceo"),
    DemoDepartment("sales", "Sales", "销售部", "sales.manager"),
    DemoDepartment("purchasing", "Purchasing", "采购部", ""),
    DemoDepartment("production", "Production", "生产部", ""),
    DemoDepartment("it", "IT", "信息技术部", "it.manager"),
    DemoDepartment("finance", "Finance", "财务部", "finance.manager"),
    DemoDepartment("legal", "Legal and administration", "法务行政部", ""),
)

PEOPLE: Final = (
    DemoPerson("ceo", "Wang Jianguo (王建国)", "management", "en"),
    DemoPerson("sales.manager", "Li Na (李娜)", "sales", "en"),
    DemoPerson("it.manager", "Zhang Wei (张伟)", "it", "en"),
    DemoPerson("finance.manager", "Chen Jing (陈静)", "finance", "zh-hans"),
    DemoPerson("member1", "Liu Yang (刘洋)", "sales", "en", 40),
    DemoPerson("member2", "Zhao Min (赵敏)", "sales", "en", 40),
    DemoPerson("member3", "Sun Hao (孙浩)", "it", "en", 40),
    DemoPerson("member4", "Zhou Lei (周磊)", "it", "en", 32),
    DemoPerson("member5", "Wu Fang (吴芳)", "finance", "en", 40),
    DemoPerson("member6", "Xu Tao (徐涛)", "finance", "zh-hans", 24),
    DemoPerson("sel.users", "Huang Li (黄丽)", "sales", "en"),
    DemoPerson("sel.it", "Ma Jun (马骏)", "it", "en"),
    DemoPerson("sel.finance", "Lin Xia (林霞)", "finance", "en"),
    DemoPerson("sel.negotiator", "Guo Qiang (郭强)", "legal", "en"),
    DemoPerson("sel.senior", "He Ping (何平)", "management", "en"),
    DemoPerson("pilot.lead", "Deng Yu (邓宇)", "management", "en"),
    DemoPerson("pilot.member", "Tang Mei (唐梅)", "production", "en"),
)

DEMO_ROLLOUTS: Final = {
    "crm": {
        "name": "Cloud CRM rollout 2027 · 2027 云CRM上线",
        "company": "Huaxin Precision Machinery Co., Ltd. · 华信精密机械有限公司",
        "goal": (
            "Put sales, production and finance on one customer record and cut lead-to-order "
            "from 21 to 10 days, starting from the core order process.\n"
            "打通销售、生产和财务的客户数据，从核心的订单流程做起，"
            "把从线索到订单的周期从21天缩短到10天。"
        ),
        "executive": "ceo",
    },
    "pilot": {
        "name": "After-sales service pilot · 售后服务试点",
        "company": "Huaxin Precision Machinery Co., Ltd. · 华信精密机械有限公司",
        "goal": "Try service tickets in one region first. 先在一个区域试用服务工单。",
        "executive": "pilot.lead",
    },
    # A second selection, still scoring: the IT seat has a scorecard to submit (My work).
    "mobile": {
        "name": "Sales mobile app selection · 销售移动端选型",
        "company": "Huaxin Precision Machinery Co., Ltd. · 华信精密机械有限公司",
        "goal": "Choose the app the sales team uses on the road. 选定销售外出使用的移动应用。",
        "executive": "sel.senior",
    },
}

ROLES: Final = (
    DemoRole("crm", "sales.manager", Role.MANAGER, department="sales"),
    DemoRole("crm", "it.manager", Role.MANAGER, department="it"),
    DemoRole("crm", "finance.manager", Role.MANAGER, department="finance"),
    *(DemoRole("crm", f"member{n}", Role.MEMBER) for n in range(1, 7)),
    DemoRole("crm", "sel.users", Role.SELECTOR, seat=Seat.END_USERS),
    DemoRole("crm", "sel.it", Role.SELECTOR, seat=Seat.IT),
    DemoRole("crm", "sel.finance", Role.SELECTOR, seat=Seat.FINANCE),
    DemoRole("crm", "sel.negotiator", Role.SELECTOR, seat=Seat.NEGOTIATOR),
    DemoRole("crm", "sel.senior", Role.SELECTOR, seat=Seat.SENIOR),
    DemoRole("pilot", "pilot.member", Role.MEMBER),
    DemoRole("mobile", "sel.it", Role.SELECTOR, seat=Seat.IT),
    DemoRole("mobile", "sel.senior", Role.SELECTOR, seat=Seat.SENIOR),
)
