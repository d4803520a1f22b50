"""What the API shows of each object, and the bodies its writes take. The read side is the
model's own fields (the schema follows them); the write side only checks the shape of a
body: every rule is the service's, which the views call as the pages do."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gates.models import Decision, Gate
from rollout.models import Rollout
from staffing.models import Commitment, StaffingAnswer, StaffingRequest
from work.models import Evidence, Task, TaskLog
from work.upload_checks import MAX_FILES


class RolloutSerializer(serializers.ModelSerializer[Rollout]):
    class Meta:
        model = Rollout
        fields = ["id", "name", "company", "goal", "status", "created_at", "updated_at"]


class TaskSerializer(serializers.ModelSerializer[Task]):
    workstream_name = serializers.CharField(source="workstream.name", read_only=True)

    class Meta:
        model = Task
        fields = [
            "id", "rollout", "title", "description", "workstream", "workstream_name",
            "objective", "department", "assignees", "due_date", "estimate_hours", "priority",
            "status", "progress", "hours_logged", "created_at", "claimed_at", "verified_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    class Meta:
        model = Evidence
        fields = ["id", "original_name", "content_type", "size", "uploaded_at"]


class TaskLogSerializer(serializers.ModelSerializer[TaskLog]):
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskLog
        fields = [
            "id", "task", "member", "work_date", "hours", "progress", "note", "corrects",
            "created_at", "evidence",
        ]  # fmt: skip
        read_only_fields = fields


class TaskLogCreateSerializer(serializers.Serializer[dict[str, Any]]):
    """A log, as the page's form takes it: multipart (with evidence files) or JSON."""

    work_date = serializers.DateField()
    hours = serializers.DecimalField(
        max_digits=4, decimal_places=2, min_value=Decimal("0.01"), max_value=Decimal("24")
    )
    progress = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    evidence = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        max_length=MAX_FILES,
        help_text=_("Optional evidence files (multipart only), as on the task's page."),
    )


class SendBackSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=2000)


class CommitmentSerializer(serializers.ModelSerializer[Commitment]):
    class Meta:
        model = Commitment
        fields = [
            "id", "request", "person", "hours_per_week", "start_date", "end_date", "status",
            "created_at", "confirmed_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class StaffingRequestSerializer(serializers.ModelSerializer[StaffingRequest]):
    class Meta:
        model = StaffingRequest
        fields = [
            "id", "rollout", "department", "requested_by", "purpose", "hours_per_week",
            "start_date", "end_date", "note", "status", "created_at", "answered_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class PersonHoursSerializer(serializers.Serializer[dict[str, Any]]):
    person = serializers.IntegerField(min_value=1, help_text=_("A person's id."))
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal("0"), max_value=Decimal("80")
    )


class StaffingAnswerCreateSerializer(serializers.Serializer[dict[str, Any]]):
    """The people committed (none to decline) and, when less than asked, the reason."""

    people = PersonHoursSerializer(many=True, required=False, default=list)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class StaffingAnswerSerializer(serializers.ModelSerializer[StaffingAnswer]):
    class Meta:
        model = StaffingAnswer
        fields = ["id", "request", "kind", "hours_per_week", "reason", "answered_by", "created_at"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    class Meta:
        model = Decision
        fields = [
            "id", "outcome", "reason", "decided_by", "decide_again_on", "recycle_work",
            "supersedes", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class GateSerializer(serializers.ModelSerializer[Gate]):
    name = serializers.CharField(read_only=True, help_text=_("In the caller's language."))
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Gate
        fields = [
            "id",
            "order",
            "key",
            "name",
            "status",
            "opened_at",
            "decide_again_on",
            "decisions",
        ]
        read_only_fields = fields
