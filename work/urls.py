from django.urls import URLPattern, URLResolver, path

from core.urls import for_rollout
from work.views import (
    backlog,
    board,
    bulk,
    editing,
    exchange,
    planning,
    progress,
    reviews,
    tasks,
    walls,
)

app_name = "work"

urlpatterns: list[URLPattern | URLResolver] = [
    *for_rollout(
        [
            path("tasks/mine/", tasks.my_tasks, name="my_tasks"),
            path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
            path("tasks/<int:pk>/log/", tasks.task_log, name="task_log"),
            path("tasks/<int:pk>/claim/", tasks.task_claim, name="task_claim"),
            path("tasks/<int:pk>/verify/", tasks.task_verify, name="task_verify"),
            path("tasks/<int:pk>/send-back/", tasks.task_send_back, name="task_send_back"),
            path("tasks/<int:pk>/wait-for/", tasks.task_depend, name="task_depend"),
            path("tasks/<int:pk>/edit/", editing.task_edit, name="task_edit"),
            path("logs/<int:pk>/correct/", tasks.log_correct, name="log_correct"),
            path("evidence/<int:pk>/", tasks.evidence_download, name="evidence_download"),
            path("board/", board.board, name="board"),
            path("board/bulk/", bulk.tasks_bulk, name="tasks_bulk"),
            path("progress/", progress.progress_page, name="progress"),
            path("plan/", planning.plan, name="plan"),
            path("plan/objectives/", planning.objective_new, name="objective_new"),
            path("plan/workstreams/", planning.workstream_new, name="workstream_new"),
            path("plan/tasks/", planning.task_new, name="task_new"),
            path("plan/objectives/<int:pk>/", editing.objective_edit, name="objective_edit"),
            path("plan/workstreams/<int:pk>/", editing.workstream_edit, name="workstream_edit"),
            path("export/tasks.<str:fmt>", exchange.tasks_export, name="tasks_export"),
            path("export/logs.<str:fmt>", exchange.logs_export, name="logs_export"),
            path("import/template.xlsx", exchange.import_template, name="import_template"),
            path("import/", exchange.tasks_import_page, name="tasks_import"),
            path("four-qualities/", reviews.quality_reviews, name="quality_reviews"),
            path("walls/", walls.walls, name="walls"),
            path("walls/<int:pk>/handoffs/", walls.handoff_new, name="handoff_new"),
            path("walls/<int:pk>/old-ways/", walls.old_way_new, name="old_way_new"),
            path("walls/handoffs/<int:pk>/", walls.handoff_edit, name="handoff_edit"),
            path("walls/handoffs/<int:pk>/state/", walls.handoff_state, name="handoff_state"),
            path("walls/old-ways/<int:pk>/", walls.old_way_edit, name="old_way_edit"),
            path("walls/old-ways/<int:pk>/retire/", walls.old_way_retire, name="old_way_retire"),
            path("backlog/", backlog.backlog, name="backlog"),
            path("backlog/new/", backlog.improvement_new, name="improvement_new"),
            path("backlog/<int:pk>/", backlog.improvement_edit, name="improvement_edit"),
            path("backlog/<int:pk>/status/", backlog.improvement_status, name="improvement_status"),
            path("four-qualities/new/", reviews.quality_review_new, name="quality_review_new"),
        ]
    )
]
