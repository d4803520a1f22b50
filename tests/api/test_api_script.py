"""Done when (issue #16): scripts/api_example.py, with nothing but HTTP and two tokens, logs
two hours with an evidence file on a task and claims it done, and the manager verifies
it; the same calls with another rollout's ids or an expired token are refused and write
nothing."""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from work.models import Evidence, Task, TaskLog

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "api_example.py"


def run_script(
    site: str, task: Task, member: str, manager: str, evidence: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--url", site, "--task", str(task.pk),
         "--member-token", member, "--manager-token", manager, "--evidence", str(evidence)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def writes() -> tuple[int, int, int]:
    return (
        TaskLog.objects.count(),
        Evidence.objects.count(),
        Task.objects.exclude(status="open").count(),
    )


def test_the_script_logs_claims_and_the_manager_verifies(
    api_site, demo, member1_task, token_for, tmp_path
):
    evidence = tmp_path / "minutes.txt"
    evidence.write_text("Fields agreed with Sales.")
    member, manager = token_for(demo["member1"]), token_for(demo["sales.manager"])
    done = run_script(api_site, member1_task, member, manager, evidence)
    assert done.returncode == 0, done.stderr
    log = TaskLog.objects.filter(task=member1_task).latest("pk")
    assert (log.member.username, log.hours) == ("member1", Decimal("2.00"))
    assert [e.original_name for e in log.evidence.all()] == ["minutes.txt"]
    assert Task.objects.get(pk=member1_task.pk).status == "verified"


def test_another_rollouts_task_and_an_expired_token_are_refused_and_write_nothing(
    api_site, demo, member1_task, pilot_task, token_for, expired_token, tmp_path
):
    evidence = tmp_path / "minutes.txt"
    evidence.write_text("Fields agreed with Sales.")
    member, manager = token_for(demo["member1"]), token_for(demo["sales.manager"])
    before = writes()
    other = run_script(api_site, pilot_task, member, manager, evidence)
    assert (other.returncode, "404" in other.stderr) == (1, True), other.stderr
    expired = run_script(api_site, member1_task, expired_token, expired_token, evidence)
    assert (expired.returncode, "401" in expired.stderr) == (1, True), expired.stderr
    assert writes() == before
