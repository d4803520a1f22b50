"""manage.py seed_demo [--password PW]: build (or bring up to date) the demo company.

Safe to run twice: people, departments and rollouts are found by their natural keys, and
a role is only assigned when that person does not already hold it."""

from typing import Any, NamedTuple

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from demo import data as demo_data
from demo.adoption import seed_adoption
from demo.backlog import seed_backlog
from demo.gates import seed_gates
from demo.goals import seed_goals
from demo.keys import demo_workstream
from demo.risks import seed_risks
from demo.selection import seed_selection, seed_selection_scoring
from demo.staffing import seed_staffing
from demo.walls import seed_walls
from demo.work import seed_work
from gates.setup import rollout_create
from roles import services
from roles.catalogue import catalogue_load
from roles.models import CatalogueEntry, Department, RoleAssignment, User
from roles.permissions import rollout_permissions_sync_all
from rollout.holidays_cn import calendar_load
from rollout.models import CalendarDay, Rollout, WorkingCalendar
from work.models import Task


class DemoCompany(NamedTuple):
    """What the demo data tables' keys name: people by username, rollouts by their key in
    DEMO_ROLLOUTS, the CRM's tasks by their key in demo.work.TASKS."""

    people: dict[str, User]
    rollouts: dict[str, Rollout]
    tasks: dict[str, Task]


class Command(BaseCommand):
    help = "Create the demo company, its rollouts and logins (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=demo_data.DEMO_PASSWORD,
            help="Password for every demo login (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password: str = options["password"]
        self.build(password=password)
        self._print_logins(password)

    @transaction.atomic
    def build(self, *, password: str) -> DemoCompany:
        catalogue_load(CatalogueEntry)
        calendar = calendar_load(WorkingCalendar, CalendarDay)
        admin = self._admin(password)
        departments = self._departments()
        people = self._people(departments, password)
        for department_row in demo_data.DEPARTMENTS:
            if department_row.head:
                Department.objects.filter(code=department_row.code).update(
                    head=people[department_row.head]
                )
        rollouts = self._rollouts(admin, people)
        Rollout.objects.filter(pk__in=[r.pk for r in rollouts.values()], calendar=None).update(
            calendar=calendar, updated_at=timezone.now()
        )
        for row in demo_data.ROLES:
            self._assign(admin, rollouts[row.rollout], people[row.username], row, departments)
        # Earlier releases gave roles fewer permissions: bring every holder up to date.
        rollout_permissions_sync_all()
        tasks = seed_work(rollout=rollouts["crm"], rollout_people=people)
        seed_walls(people=people, workstream=demo_workstream(rollouts["crm"], "lead_to_order"))
        seed_backlog(rollout=rollouts["crm"], people=people)
        seed_staffing(rollout=rollouts["crm"], people=people)
        seed_selection(rollout=rollouts["crm"], people=people)
        seed_selection_scoring(rollout=rollouts["mobile"], people=people)
        seed_risks(rollouts=rollouts, people=people)
        for key, rollout_row in demo_data.DEMO_ROLLOUTS.items():
            # Before the gates: the first gate's "goal set" wants a target.
            seed_goals(
                key=key, rollout=rollouts[key], people=people, executive=rollout_row["executive"]
            )
            seed_gates(rollout=rollouts[key], people=people, executive=rollout_row["executive"])
        seed_adoption(rollout=rollouts["crm"], people=people, executive="ceo")
        return DemoCompany(people=people, rollouts=rollouts, tasks=tasks)

    def _admin(self, password: str) -> User:
        admin, _created = User.objects.get_or_create(
            username="admin",
            defaults={"display_name": "Administrator", "is_staff": True, "is_superuser": True},
        )
        admin.set_password(password)
        admin.save(update_fields=["password"])
        return admin

    def _departments(self) -> dict[str, Department]:
        departments = {}
        for row in demo_data.DEPARTMENTS:
            department, _created = Department.objects.update_or_create(
                code=row.code, defaults={"name_en": row.name_en, "name_zh_hans": row.name_zh_hans}
            )
            departments[row.code] = department
        return departments

    def _people(self, departments: dict[str, Department], password: str) -> dict[str, User]:
        people = {}
        for row in demo_data.PEOPLE:
            person, _created = User.objects.update_or_create(
                username=row.username,
                defaults={
                    "display_name": row.display_name,
                    "department": departments[row.department],
                    "preferred_language": row.language,
                    "weekly_capacity_hours": row.capacity,
                    "email": f"{row.username}@example.com",
                },
            )
            person.set_password(password)
            person.save(update_fields=["password"])
            people[row.username] = person
        return people

    def _rollouts(self, admin: User, people: dict[str, User]) -> dict[str, Rollout]:
        rollouts = {}
        for key, row in demo_data.DEMO_ROLLOUTS.items():
            rollout = Rollout.objects.filter(name=row["name"]).first()
            if rollout is None:
                rollout = rollout_create(
                    by=admin,
                    name=row["name"],
                    company=row["company"],
                    goal=row["goal"],
                    executive=people[row["executive"]],
                )
                rollout.status = Rollout.Status.ACTIVE
                rollout.save(update_fields=["status", "updated_at"])
            rollouts[key] = rollout
        return rollouts

    def _assign(
        self,
        admin: User,
        rollout: Rollout,
        person: User,
        row: demo_data.DemoRole,
        departments: dict[str, Department],
    ) -> None:
        department = departments[row.department] if row.department else None
        held = RoleAssignment.objects.active().filter(
            rollout=rollout, person=person, role=row.role, department=department, seat=row.seat
        )
        if not held.exists():
            services.role_assign(
                by=admin,
                rollout=rollout,
                person=person,
                role=row.role,
                department=department,
                seat=row.seat,
            )

    def _print_logins(self, password: str) -> None:
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Logins (password: {password}):"))
        self.stdout.write("  admin            administrator (superuser)")
        for person in User.objects.filter(
            username__in=[p.username for p in demo_data.PEOPLE]
        ).prefetch_related("assignments__rollout", "assignments__department"):
            labels = "; ".join(
                f"{a.label} @ {a.rollout.name}" for a in person.assignments.all() if a.is_active
            )
            self.stdout.write(f"  {person.username:<16} {labels}")
