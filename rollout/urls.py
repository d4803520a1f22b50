from django.urls import path

from rollout.views import (
    board,
    calendar,
    exchange,
    planning,
    progress,
    tasks,
)

urlpatterns = [
    path("rollouts/<int:rollout_pk>/tasks/mine/", tasks.my_tasks, name="my_tasks"),
    path("rollouts/<int:rollout_pk>/tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("rollouts/<int:rollout_pk>/tasks/<int:pk>/log/", tasks.task_log, name="task_log"),
    path("rollouts/<int:rollout_pk>/tasks/<int:pk>/claim/", tasks.task_claim, name="task_claim"),
    path("rollouts/<int:rollout_pk>/tasks/<int:pk>/verify/", tasks.task_verify, name="task_verify"),
    path(
        "rollouts/<int:rollout_pk>/tasks/<int:pk>/send-back/",
        tasks.task_send_back,
        name="task_send_back",
    ),
    path(
        "rollouts/<int:rollout_pk>/tasks/<int:pk>/wait-for/", tasks.task_depend, name="task_depend"
    ),
    path("rollouts/<int:rollout_pk>/logs/<int:pk>/correct/", tasks.log_correct, name="log_correct"),
    path(
        "rollouts/<int:rollout_pk>/evidence/<int:pk>/",
        tasks.evidence_download,
        name="evidence_download",
    ),
    path("rollouts/<int:rollout_pk>/board/", board.board, name="board"),
    path("rollouts/<int:rollout_pk>/progress/", progress.progress_page, name="progress"),
    path("rollouts/<int:rollout_pk>/plan/", planning.plan, name="plan"),
    path(
        "rollouts/<int:rollout_pk>/plan/objectives/", planning.objective_new, name="objective_new"
    ),
    path(
        "rollouts/<int:rollout_pk>/plan/workstreams/",
        planning.workstream_new,
        name="workstream_new",
    ),
    path("rollouts/<int:rollout_pk>/plan/tasks/", planning.task_new, name="task_new"),
    path(
        "rollouts/<int:rollout_pk>/export/tasks.<str:fmt>",
        exchange.tasks_export,
        name="tasks_export",
    ),
    path(
        "rollouts/<int:rollout_pk>/export/logs.<str:fmt>", exchange.logs_export, name="logs_export"
    ),
    path(
        "rollouts/<int:rollout_pk>/import/template.xlsx",
        exchange.import_template,
        name="import_template",
    ),
    path("rollouts/<int:rollout_pk>/import/", exchange.tasks_import_page, name="tasks_import"),
    path("rollouts/<int:rollout_pk>/calendar/", calendar.working_calendar, name="working_calendar"),
    path(
        "rollouts/<int:rollout_pk>/calendar/days/",
        calendar.calendar_day_new,
        name="calendar_day_new",
    ),
    path(
        "rollouts/<int:rollout_pk>/calendar/days/<int:pk>/remove/",
        calendar.calendar_day_remove,
        name="calendar_day_remove",
    ),
    path(
        "rollouts/<int:rollout_pk>/calendar/known-until/",
        calendar.calendar_known_until,
        name="calendar_known_until",
    ),
]
