"""manage.py seed_scale: a company at the scale the product must serve, for `make bench`.

20 rollouts, 3,000 people in 12 departments, 60,000 tasks, 600,000 task logs, 30,000
commitments, 100,000 reminders, and 5 vendors with full scores per rollout, with role
assignments and their guardian object permissions as real use would make them. Written
with bulk inserts (it bypasses the services on purpose: this is load, not business), in a
few minutes on PostgreSQL. Safe to run twice: it does nothing when the data is there.

For a bench database only: the data-version triggers are paused for the load, which locks
every table they are on until it commits (`rollout.data_version.versions_paused`)."""

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from gates.services import gates_create
from notifications.models import Reminder
from roles.models import Department, Role, RoleAssignment, Seat, User
from roles.permissions import ROLE_PERMISSIONS
from rollout import data_version
from rollout.models import Rollout, RolloutUserObjectPermission, WorkingCalendar
from selection.models import Criterion, Score, Submission, Vendor
from selection.services import selection_setup
from staffing.models import Commitment, StaffingRequest
from work.models import Task, TaskLog, Workstream

PREFIX = "scale"


class Command(BaseCommand):
    help = "Build the benchmark company (20 rollouts, 3,000 people, 600,000 logs...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rollouts", type=int, default=20)
        parser.add_argument("--people", type=int, default=3000)
        parser.add_argument("--tasks", type=int, default=60000)
        parser.add_argument("--logs-per-task", type=int, default=10)
        parser.add_argument("--commitments", type=int, default=30000)
        parser.add_argument("--reminders", type=int, default=100000)
        parser.add_argument("--password", default="rollout-bench")

    def handle(self, *args: Any, **o: Any) -> None:
        # The administrator who opens Django's admin beside the pages in `make bench` (also
        # on a bench database seeded before there was one).
        User.objects.get_or_create(
            username=f"{PREFIX}-admin",
            defaults={
                "display_name": "Bench administrator",
                "is_staff": True,
                "is_superuser": True,
                "password": make_password(o["password"]),
            },
        )
        if Rollout.objects.filter(name__startswith=f"{PREFIX} ").exists():
            self.stdout.write("Scale data already present.")
            return
        rng = random.Random(7)  # the same company every time
        self.executives: dict[int, User] = {}
        # The data-version triggers paused while seeding (rollout.data_version.versions_paused):
        # a bulk load in one transaction, on a database nobody else uses.
        with transaction.atomic(), data_version.versions_paused(connection):
            departments = [
                Department.objects.get_or_create(
                    code=f"{PREFIX}-d{n}",
                    defaults={"name_en": f"Department {n}", "name_zh_hans": f"部门{n}"},
                )[0]
                for n in range(12)
            ]
            password = make_password(o["password"])
            people = User.objects.bulk_create(
                User(
                    username=f"{PREFIX}{n}",
                    display_name=f"Person {n}",
                    password=password,
                    department=departments[n % 12],
                    weekly_capacity_hours=Decimal("40"),
                    email=f"{PREFIX}{n}@example.com",
                )
                for n in range(o["people"])
            )
            rollouts = [self._rollout(n, people, departments, rng) for n in range(o["rollouts"])]
            self._tasks(rollouts, o["tasks"], o["logs_per_task"], rng)
            self._commitments(rollouts, o["commitments"], rng)
            self._reminders(rollouts, people, o["reminders"])
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum would have them on a live database;
            # without them PostgreSQL picks nested loops over 3,000 users (measured: 15 ms
            # instead of 0.1 ms for a 20-task prefetch).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Scale data ready (password: {o['password']})."))

    def _rollout(
        self, n: int, people: list[User], departments: list[Department], rng: random.Random
    ) -> Rollout:
        # The default working calendar, as rollout_create gives every rollout: fulfilment
        # and the gate's evidence then count holidays here as they do in real use.
        rollout = Rollout.objects.create(
            name=f"{PREFIX} rollout {n}",
            company="Scale Co",
            goal="Grow",
            calendar=WorkingCalendar.objects.filter(is_default=True).first(),
        )
        team = people[n * 150 : n * 150 + 150] or rng.sample(people, 150)
        self.executives[rollout.pk] = team[0]
        assignments = [RoleAssignment(rollout=rollout, person=team[0], role=Role.EXECUTIVE)]
        assignments += [
            RoleAssignment(
                rollout=rollout, person=team[1 + d], role=Role.MANAGER, department=departments[d]
            )
            for d in range(12)
        ]
        assignments += [
            RoleAssignment(rollout=rollout, person=team[13 + s], role=Role.SELECTOR, seat=seat)
            for s, seat in enumerate(Seat)
        ]
        assignments += [
            RoleAssignment(rollout=rollout, person=p, role=Role.MEMBER) for p in team[18:]
        ]
        RoleAssignment.objects.bulk_create(assignments)
        permissions = {
            p.codename: p
            for p in Permission.objects.filter(
                content_type__app_label="rollout", content_type__model="rollout"
            )
        }
        RolloutUserObjectPermission.objects.bulk_create(
            RolloutUserObjectPermission(
                user=a.person, content_object=rollout, permission=permissions[code]
            )
            for a in assignments
            for code in sorted(ROLE_PERMISSIONS[a.role])
        )
        gates_create(rollout=rollout, confirmer=team[0])
        Workstream.objects.bulk_create(
            Workstream(rollout=rollout, name=f"Process {w}", is_core=w < 2) for w in range(6)
        )
        selection_setup(rollout=rollout)
        vendors = Vendor.objects.bulk_create(
            Vendor(
                rollout=rollout,
                name=f"Vendor {v}",
                price_per_user_year=Decimal(500 + 300 * v),
                implementation_fee=Decimal(100000 * (v + 1)),
            )
            for v in range(5)
        )
        seat_people = {a.seat: a.person for a in assignments if a.role == Role.SELECTOR}
        criteria = list(Criterion.objects.filter(rollout=rollout))
        Score.objects.bulk_create(
            Score(
                vendor=v,
                criterion=c,
                member=seat_people[c.seat],
                score=rng.randint(1, 5),
                comment="ok",
            )
            for v in vendors
            for c in criteria
        )
        Submission.objects.bulk_create(
            Submission(rollout=rollout, member=person) for person in seat_people.values()
        )
        return rollout

    def _tasks(
        self, rollouts: list[Rollout], count: int, logs_each: int, rng: random.Random
    ) -> None:
        today = timezone.localdate()
        statuses = ["open", "in_progress", "claimed", "sent_back", "verified"]
        members = {
            r.pk: list(
                RoleAssignment.objects.filter(rollout=r, role=Role.MEMBER).select_related("person")
            )
            for r in rollouts
        }
        workstreams = {r.pk: list(Workstream.objects.filter(rollout=r)) for r in rollouts}
        per_rollout = count // len(rollouts)
        for rollout in rollouts:
            creator = self.executives[rollout.pk]
            chosen = [rng.choice(members[rollout.pk]).person for _n in range(per_rollout)]
            tasks = Task.objects.bulk_create(
                Task(
                    rollout=rollout,
                    title=f"Task {n}",
                    workstream=workstreams[rollout.pk][n % 6],
                    department=chosen[n].department,
                    due_date=today + timedelta(days=n % 60 - 30),
                    estimate_hours=Decimal(8),
                    status=statuses[n % 5],
                    verified_at=timezone.now() - timedelta(days=n % 30) if n % 5 == 4 else None,
                    created_by=creator,
                    progress=(n * 7) % 100,
                )
                for n in range(per_rollout)
            )
            Task.assignees.through.objects.bulk_create(
                Task.assignees.through(task_id=t.pk, user_id=chosen[i].pk)
                for i, t in enumerate(tasks)
            )
            TaskLog.objects.bulk_create(
                (
                    TaskLog(
                        task=t,
                        member=chosen[i],
                        work_date=today - timedelta(days=(i + j * 37) % 700),
                        hours=Decimal("0.5"),
                        progress=10 * j,
                    )
                    for i, t in enumerate(tasks)
                    for j in range(logs_each)
                ),
                batch_size=5000,
            )

    def _commitments(self, rollouts: list[Rollout], count: int, rng: random.Random) -> None:
        start = timezone.localdate() - timedelta(weeks=8)
        per_rollout = count // len(rollouts)
        for rollout in rollouts:
            creator = self.executives[rollout.pk]
            managers = list(
                RoleAssignment.objects.filter(rollout=rollout, role=Role.MANAGER).select_related(
                    "department", "person"
                )
            )
            requests = StaffingRequest.objects.bulk_create(
                StaffingRequest(
                    rollout=rollout,
                    department=m.department,
                    requested_by=creator,
                    purpose="testing",
                    hours_per_week=Decimal(40),
                    start_date=start,
                    end_date=start + timedelta(weeks=16),
                    status="committed",
                )
                for m in managers
            )
            people = list(
                User.objects.filter(department_id__in=[m.department_id for m in managers])
            )
            Commitment.objects.bulk_create(
                (
                    Commitment(
                        request=requests[n % len(requests)],
                        person=rng.choice(people),
                        hours_per_week=Decimal("0.5"),
                        start_date=start,
                        end_date=start + timedelta(weeks=16),
                        status="confirmed",
                        committed_by=managers[n % len(managers)].person,
                    )
                    for n in range(per_rollout)
                ),
                batch_size=5000,
            )

    def _reminders(self, rollouts: list[Rollout], people: list[User], count: int) -> None:
        now = timezone.now()
        Reminder.objects.bulk_create(
            (
                Reminder(
                    key=f"{PREFIX}:{n}",
                    kind="task_due",
                    recipient=people[n % len(people)],
                    rollout=rollouts[n % len(rollouts)],
                    params={"task": f"Task {n}"},
                    url="/",
                    due_at=now,
                )
                for n in range(count)
            ),
            batch_size=5000,
        )
