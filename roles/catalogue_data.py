"""The duty and taboo catalogue of the four roles, from the source article (see shared/DOMAIN.md).

Loaded into roles.CatalogueEntry by a data migration and by seed_demo; `key` is the stable
identity, so editing a text here and re-running the loader updates rows instead of duplicating them.
"""

# The Chinese texts rightly use full-width punctuation, which RUF001 would flag as ambiguous.

from typing import Final, NamedTuple


class Entry(NamedTuple):
    key: str  # stable, unique, e.g. "executive.duty.decide"
    role: str  # "executive" | "manager" | "selector" | "member"
    seat: str  # "" except for "selector": "end_users" | "it" | "finance" | "negotiator" | "senior"
    kind: str  # "duty" | "taboo" | "question" | "quality"
    order: int  # display order within (role, kind), starting at 10, step 10
    title_en: str  # short, <= 60 chars
    title_zh_hans: str
    text_en: str  # one or two sentences, <= 300 chars
    text_zh_hans: str


CATALOGUE: Final[tuple[Entry, ...]] = (
    Entry(
        key="executive.duty.decide",
        role="executive",
        seat="",
        kind="duty",
        order=10,
        title_en="Decide whether to adopt a CRM and set the goal",
        title_zh_hans="拍板上不上云CRM，定下实施目标",
        text_en=(
            "Whether to adopt a CRM at all, and what the rollout is for, are questions only the "
            "key person can settle; the executive must be clear in their own mind."
        ),
        text_zh_hans=(
            "上不上云CRM？实施云CRM的目标是什么？只有关键人物才能拍板，关键人物必须心中有数。"
        ),
    ),
    Entry(
        key="executive.duty.choose",
        role="executive",
        seat="",
        kind="duty",
        order=20,
        title_en="Decide whose system, how, and how to control the risk",
        title_zh_hans="决定上谁的云CRM、如何上、如何控制风险",
        text_en=(
            "Decide whose CRM to adopt, how to roll it out and how to control the risks of the "
            "implementation; these are questions about people, the key to whether the rollout "
            "succeeds."
        ),
        text_zh_hans=(
            "上谁的云CRM、如何上云CRM、如何控制实施过程的风险，这一系列问题都涉及“人”的问题，"
            "“人”是实施能否成功的关键因素。"
        ),
    ),
    Entry(
        key="executive.duty.take_part",
        role="executive",
        seat="",
        kind="duty",
        order=30,
        title_en="Take part at decisive moments, not just lend a name",
        title_zh_hans="在关键时刻亲自参与，而不只是挂帅",
        text_en=(
            "Make up your mind, keep the goal clear and persist, and follow through on the "
            "concrete matters of process re-engineering and change; only then can interference and "
            "hardship be overcome."
        ),
        text_zh_hans=(
            "一把手下定决心，目标明确，坚持不懈，并落实在业务流程重组和变革的具体事项上，"
            "才能排除干扰，克服困难。"
        ),
    ),
    Entry(
        key="executive.duty.balance",
        role="executive",
        seat="",
        kind="duty",
        order=40,
        title_en="Balance running the business with changing it",
        title_zh_hans="平衡变革与眼前利益",
        text_en=(
            "The business keeps running while it changes, like building a power station on a great "
            "river while keeping it open to shipping; stand high and look far when weighing "
            "present interests against future gains."
        ),
        text_zh_hans=(
            "企业的经营活动是持续的，如同在大江中修电站，既要保持航行的通畅，又要建设新的设施；"
            "平衡既得利益和未来收益时，要站得够高、看得够远。"
        ),
    ),
    Entry(
        key="executive.duty.core_first",
        role="executive",
        seat="",
        kind="duty",
        order=50,
        title_en="Start from the core business and core processes",
        title_zh_hans="从核心业务、核心流程开始建设",
        text_en=(
            "Rome was not built in a day: build from the company's core business and core "
            "processes."
        ),
        text_zh_hans="“罗马不是一天建成的”，应该从公司的核心业务、核心流程开始建设。",
    ),
    Entry(
        key="executive.taboo.figurehead",
        role="executive",
        seat="",
        kind="taboo",
        order=10,
        title_en="Lending a name only",
        title_zh_hans="只是挂帅而已",
        text_en=(
            "Heading the project in name only and staying out of its real progress, so that the "
            "project hesitates at key moments."
        ),
        text_zh_hans=(
            "一把手只是挂帅而已，基本不参与项目的实际进程，因此项目在关键时刻容易产生徘徊。"
        ),
    ),
    Entry(
        key="executive.taboo.showy",
        role="executive",
        seat="",
        kind="taboo",
        order=20,
        title_en="Chasing showy features instead of the core",
        title_zh_hans="盲目追求表面上光彩夺目的东西",
        text_en=(
            "Blindly chasing things that merely dazzle on the surface, instead of starting from "
            "the core business and core processes."
        ),
        text_zh_hans="盲目追求那些表面上光彩夺目的东西，而不是从公司的核心业务、核心流程开始建设。",
    ),
    Entry(
        key="executive.taboo.it_only",
        role="executive",
        seat="",
        kind="taboo",
        order=30,
        title_en="Treating the CRM as a mere IT project",
        title_zh_hans="只把云CRM当作IT项目",
        text_en=(
            "Seeing the CRM only as a better management tool; it is a management project that "
            "reshapes processes, structures, posts and interests, and it meets open or hidden "
            "resistance."
        ),
        text_zh_hans=(
            "只把它定位在管理手段的改进；实施云CRM不仅仅是一个IT项目，更是一个管理项目，"
            "必然涉及利益重组，常常会遇到或明或暗的阻力。"
        ),
    ),
    Entry(
        key="manager.duty.commit_people",
        role="manager",
        seat="",
        kind="duty",
        order=10,
        title_en="Commit people",
        title_zh_hans="保障人员的安排",
        text_en=(
            "Most internal implementers are part-time staff from the functional departments; "
            "giving enough time and the right people for process analysis and data clean-up is "
            "your commitment, and the test of your support."
        ),
        text_zh_hans=(
            "绝大部分内部实施人员是来自各职能部门的兼职人员，这些人员的安排就是中层经理的“承诺”；"
            "能否为流程分析和数据整理安排足够的时间和合适的人员，是检验支持程度的标准。"
        ),
    ),
    Entry(
        key="manager.duty.get_done",
        role="manager",
        seat="",
        kind="duty",
        order=20,
        title_en="Get the tasks done",
        title_zh_hans="关键在于事情的完成",
        text_en=(
            "Manage your department's share of the project by objectives, help the implementation "
            "team and your staff finish, supervise the tasks you delegated, and evaluate your "
            "staff's results."
        ),
        text_zh_hans=(
            "对本部门在项目中负担的任务实行目标管理，帮助实施组和员工完成任务，"
            "监督分配给部下的任务，并对员工的成绩作出评价。"
        ),
    ),
    Entry(
        key="manager.duty.raise_quality",
        role="manager",
        seat="",
        kind="duty",
        order=30,
        title_en="Raise quality after go-live",
        title_zh_hans="目的是质量的提升",
        text_en=(
            "After implementation the drive passes to your shoulders: master the new management "
            "skills and methods, change how your staff work, and raise management level, "
            "efficiency and performance."
        ),
        text_zh_hans=(
            "项目实施之后，云CRM的推动力转移到中层经理的肩膀上；掌握全新的管理技能和方法，"
            "积极改变员工的行为，为企业带来质量的提升。"
        ),
    ),
    Entry(
        key="manager.duty.take_down_walls",
        role="manager",
        seat="",
        kind="duty",
        order=40,
        title_en="Take down the walls",
        title_zh_hans="拆掉部门之间、新旧方式之间的“墙”",
        text_en=(
            "Take down the walls between departments and functions and between the old and the new "
            "way of working: data passed between computers replaces hand-filled forms, and "
            "function managers become process managers."
        ),
        text_zh_hans=(
            "拆掉不同部门与不同职能之间的“墙”，以及过去与未来工作方式之间的“墙”；"
            "用计算机之间的数据传递取代手工填写的单据，把职能经理改造成流程经理。"
        ),
    ),
    Entry(
        key="manager.taboo.misread_power",
        role="manager",
        seat="",
        kind="taboo",
        order=10,
        title_en="Misreading the shift of power",
        title_zh_hans="不理解“权”的变化",
        text_en=(
            "Feeling negated by a project meant to change how the company is run, and keeping it "
            "at arm's length; yet joined-up processes, shared information and data at hand make "
            "your own work easier."
        ),
        text_zh_hans=(
            "云CRM要改变企业的管理现状，令中层经理有一种被否定的感觉，对它“敬而远之”；"
            "其实打通业务流程、信息共享可以使中层更好地完成自己的工作任务。"
        ),
    ),
    Entry(
        key="manager.taboo.seat",
        role="manager",
        seat="",
        kind="taboo",
        order=20,
        title_en="Caring more about the seat than performance",
        title_zh_hans="对“位子”过度关注",
        text_en=(
            "Resisting the project to keep your post and power; when seats change by performance, "
            "the project helps you rethink your work, stay creative and raise your results."
        ),
        text_zh_hans=(
            "为保住头上乌纱和手中权利而抵制项目；只要“位子”的变化原则是“绩效”，"
            "云CRM就能让中层经理保持对工作的敏感和创造性，进一步提升业绩。"
        ),
    ),
    Entry(
        key="manager.taboo.resistance",
        role="manager",
        seat="",
        kind="taboo",
        order=30,
        title_en="Becoming a resistance manager",
        title_zh_hans="把自己定位成“阻力中层”",
        text_en=(
            "Casting yourself as a resistance manager, an obstacle on the project's road to "
            "success; the project needs driving managers."
        ),
        text_zh_hans=(
            "中层经理最不能做的事就是把自己定位成“阻力中层”，成为云CRM项目走向成功的阻力；"
            "项目需要的是动力中层。"
        ),
    ),
    Entry(
        key="selector.question.end_users",
        role="selector",
        seat="end_users",
        kind="question",
        order=10,
        title_en="End users",
        title_zh_hans="使用人员",
        text_en=(
            "Which CRM best gives us competitive advantage, lowers cost, or advances our business "
            "goals?"
        ),
        text_zh_hans="哪种云CRM更能够提供竞争优势、降低成本，或者推进商业目标的实现？",
    ),
    Entry(
        key="selector.question.it",
        role="selector",
        seat="it",
        kind="question",
        order=20,
        title_en="IT staff",
        title_zh_hans="IT技术人员",
        text_en=(
            "What technical support does the CRM project need, and will the CRM run as expected in "
            "our technical environment?"
        ),
        text_zh_hans="云CRM项目需要哪些技术支持？云CRM在我们的技术环境中能够像预期那样运转吗？",
    ),
    Entry(
        key="selector.question.finance",
        role="selector",
        seat="finance",
        kind="question",
        order=30,
        title_en="Finance staff",
        title_zh_hans="财务人员",
        text_en=(
            "Is this the most cost-effective choice, weighing costs and benefits, each option's "
            "effect on our finances, and the effect of delays and changes?"
        ),
        text_zh_hans=(
            "这是最具成本效益的选择吗？要分析成本收益、各种方案对公司财务的影响，"
            "以及项目延期和变动的影响。"
        ),
    ),
    Entry(
        key="selector.question.negotiator",
        role="selector",
        seat="negotiator",
        kind="question",
        order=40,
        title_en="Negotiators",
        title_zh_hans="谈判人员",
        text_en=(
            "How do we reach the deal most favourable to us, with the best price and terms, "
            "flexible dealing and a commitment to share the risk?"
        ),
        text_zh_hans=(
            "怎样和供应商达成对我们最有利的交易？争取最优惠的价格和条款，以及灵活交易、"
            "分担风险的承诺。"
        ),
    ),
    Entry(
        key="selector.question.senior",
        role="selector",
        seat="senior",
        kind="question",
        order=50,
        title_en="Senior management",
        title_zh_hans="高层管理者",
        text_en=(
            "Is it worth it, and do we do it? Senior management sets the purchase criteria, makes "
            "the decision and monitors the contract."
        ),
        text_zh_hans=(
            "值得吗？做不做？高层管理者制定采购标准、做出采购决策、监控双方遵守合同的情况。"
        ),
    ),
    Entry(
        key="selector.duty.company",
        role="selector",
        seat="",
        kind="duty",
        order=10,
        title_en="Compare the vendor companies",
        title_zh_hans="选公司",
        text_en=(
            "Compare and choose among companies with an outstanding reputation, good business "
            "results and rich experience."
        ),
        text_zh_hans="在商誉卓著、经营绩效良好、经验丰富的公司中比较选优。",
    ),
    Entry(
        key="selector.duty.product",
        role="selector",
        seat="",
        kind="duty",
        order=20,
        title_en="Compare the products",
        title_zh_hans="选产品",
        text_en=(
            "Prefer a product that meets the company's long-term development and varied future "
            "needs, with stable quality and easy maintenance."
        ),
        text_zh_hans=(
            "选择既能满足企业长期发展的需要，又能满足未来多样化的需求，而且质量稳定、"
            "维护容易的产品。"
        ),
    ),
    Entry(
        key="selector.duty.implementation",
        role="selector",
        seat="",
        kind="duty",
        order=30,
        title_en="Compare the implementation",
        title_zh_hans="选实施",
        text_en=(
            "The company wants to start using the system as soon as possible: weigh the "
            "implementation method, process and strategy, and the time it needs."
        ),
        text_zh_hans=(
            "企业希望在最短的时间内开始使用系统；实施方法、实施过程与策略、"
            "实施所需时间是必须掌握的重要选型因素。"
        ),
    ),
    Entry(
        key="selector.duty.service",
        role="selector",
        seat="",
        kind="duty",
        order=40,
        title_en="Compare the service",
        title_zh_hans="选服务",
        text_en=(
            "Choose a company with a sound after-sales service mechanism and strong service "
            "capacity."
        ),
        text_zh_hans="选择那些拥有完美的售后服务机制、强大服务能力的公司。",
    ),
    Entry(
        key="selector.duty.best_fit",
        role="selector",
        seat="",
        kind="duty",
        order=50,
        title_en="Choose the best fit, not the best CRM",
        title_zh_hans="挑选最适合的，而不是最好的",
        text_en=(
            "There is no best CRM software, but there is surely one that fits you best: choose the "
            "one that suits this company's way of doing business and its management needs."
        ),
        text_zh_hans=(
            "没有最好的云CRM管理软件，但一定有最适合自己的；"
            "选型就是要挑选最适合本企业经营管理特点和管理要求的软件。"
        ),
    ),
    Entry(
        key="selector.taboo.price_only",
        role="selector",
        seat="",
        kind="taboo",
        order=10,
        title_en="Deciding on price alone",
        title_zh_hans="仅仅比较价格",
        text_en=(
            "Comparing prices alone; weigh the whole system instead: the company, the product, the "
            "implementation and the service."
        ),
        text_zh_hans=(
            "云CRM选型不能仅仅比较价格，而要从整个系统的角度综合考虑公司、产品、实施和服务。"
        ),
    ),
    Entry(
        key="member.quality.enterprising",
        role="member",
        seat="",
        kind="quality",
        order=10,
        title_en="Enterprising",
        title_zh_hans="进取心",
        text_en=(
            "A CRM project is the cause that enterprising people love; the first thing a member "
            "needs is a spirit that keeps pushing forward."
        ),
        text_zh_hans=(
            "云CRM项目是有进取心的员工所钟情的事业；做实施组成员，首要的就是不断进取的精神。"
        ),
    ),
    Entry(
        key="member.quality.confidence",
        role="member",
        seat="",
        kind="quality",
        order=20,
        title_en="Confidence",
        title_zh_hans="自信心",
        text_en=(
            "Give the rollout your whole heart and strength, and carry it out full of confidence."
        ),
        text_zh_hans="每一个实施成员要尽心竭力，满怀自信地实施云CRM项目。",
    ),
    Entry(
        key="member.quality.responsibility",
        role="member",
        seat="",
        kind="quality",
        order=30,
        title_en="Responsibility",
        title_zh_hans="责任心",
        text_en=(
            "Be devoted and conscientious in your post; dare to take on tasks and do the work well."
        ),
        text_zh_hans="恪尽职守，尽职尽责，勇于承担任务做好工作。",
    ),
    Entry(
        key="member.quality.meticulousness",
        role="member",
        seat="",
        kind="quality",
        order=40,
        title_en="Meticulousness",
        title_zh_hans="细致心",
        text_en=(
            "Be sharp and patient: notice small problems, and keep working through the messy "
            "special cases in processes, codes, functions and screens."
        ),
        text_zh_hans=(
            "即敏锐心和耐烦心，是发现微小问题的能力；能在流程、编码、功能、"
            "界面等方面的繁杂情况中有效地开展工作。"
        ),
    ),
    Entry(
        key="member.duty.step_in",
        role="member",
        seat="",
        kind="duty",
        order=10,
        title_en="Step into the game and take responsibility",
        title_zh_hans="躬自入局，挺膺负责",
        text_en=(
            "Shouting and debating from outside the game never helps; step in yourself and "
            "shoulder the responsibility, and only then can the work succeed."
        ),
        text_zh_hans="在局外呐喊议论，总是无益；必须躬自入局，挺膺负责，乃有成事之可冀。",
    ),
    Entry(
        key="member.taboo.delay",
        role="member",
        seat="",
        kind="taboo",
        order=10,
        title_en="Delaying because the risk is high or it is not sure",
        title_zh_hans="因“风险大”“没把握”而迟迟不实施",
        text_en=(
            "Putting the rollout off because it is 'too risky' or 'not sure' is a lack of "
            "confidence; wipe the dust off your confidence."
        ),
        text_zh_hans=(
            "如果因为“风险大”、“没把握”而迟迟不实施项目，那就是不自信，需要擦去自信心上的灰尘。"
        ),
    ),
)
