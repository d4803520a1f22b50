"""The admin: superusers administer; nobody else gets in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["ceo", "sales.manager", "member1", "sel.senior"])
def test_people_without_staff_status_are_sent_to_the_admin_login(client, demo, username):
    client.force_login(demo[username])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:roles_user_changelist",
        "admin:roles_department_changelist",
        "admin:roles_roleassignment_changelist",
        "admin:roles_catalogueentry_changelist",
        "admin:rollout_rollout_changelist",
        "admin:rollout_rolloutuserobjectpermission_changelist",
    ],
)
def test_a_superuser_administers_every_model(client, demo, url_name):
    client.force_login(demo["admin"])
    assert client.get(reverse(url_name), {"q": "a"}).status_code == 200


def test_the_rollout_has_guardians_object_permission_admin(client, demo, crm):
    client.force_login(demo["admin"])
    response = client.get(reverse("admin:rollout_rollout_permissions", args=[crm.pk]))
    assert response.status_code == 200


def test_the_admin_creates_a_rollout_with_its_executive(client, demo):
    client.force_login(demo["admin"])
    response = client.post(
        reverse("admin:rollout_rollout_add"),
        {"name": "Admin-made", "company": "Co", "goal": "", "executive": demo["member5"].pk},
    )
    assert response.status_code == 302
    from rollout.models import Rollout

    assert demo["member5"].has_perm("rollout.decide_gate", Rollout.objects.get(name="Admin-made"))


def test_the_admin_assigns_a_role_through_the_service(client, demo, crm):
    client.force_login(demo["admin"])
    response = client.post(
        reverse("admin:roles_roleassignment_add"),
        {"rollout": crm.pk, "person": demo["pilot.lead"].pk, "role": "member", "seat": ""},
    )
    assert response.status_code == 302
    assert demo["pilot.lead"].has_perm("rollout.log_work", crm)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:rollout_task_changelist",
        "admin:rollout_gate_changelist",
        "admin:rollout_decision_changelist",
        "admin:rollout_workingcalendar_changelist",
        "admin:roles_staffingrequest_changelist",
        "admin:roles_reminder_changelist",
        "admin:selection_vendor_changelist",
        "admin:selection_score_changelist",
    ],
)
def test_the_later_records_are_searchable_in_the_admin(client, demo, url_name):
    client.force_login(demo["admin"])
    assert client.get(reverse(url_name), {"q": "a"}).status_code == 200


def test_a_decision_cannot_be_edited_in_the_admin(client, demo, crm):
    from rollout.models import Decision

    client.force_login(demo["admin"])
    decision = Decision.objects.filter(gate__rollout=crm).earliest("pk")
    response = client.post(
        reverse("admin:rollout_decision_change", args=[decision.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    decision.refresh_from_db()
    assert decision.reason != "x"
