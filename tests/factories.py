"""factory_boy factories for tests that need people and rollouts beyond the demo set."""

from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from roles.models import Department, User
from rollout.models import Rollout


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = Sequence(lambda n: f"dept-{n}")
    name_en = Sequence(lambda n: f"Department {n}")
    name_zh_hans = Sequence(lambda n: f"部门{n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User

    username = Sequence(lambda n: f"person{n}")
    display_name = Sequence(lambda n: f"Person {n}")
    department = SubFactory(DepartmentFactory)
    # Stored as given: tests that sign in use demo people, whose password seed_demo sets.
    password = "!unusable"


class RolloutFactory(DjangoModelFactory[Rollout]):
    class Meta:
        model = Rollout

    name = Sequence(lambda n: f"Rollout {n}")
    company = "Test Co."
