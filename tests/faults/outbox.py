"""What "exactly once" means for the reminder outbox, read from the database."""

from dataclasses import asdict, dataclass

from tests.faults.database import rows


@dataclass(frozen=True)
class Delivery:
    due: int  # reminders due by now
    sent: int  # of those, marked sent
    notified: int  # reminders with a notification
    notifications: int  # notifications made from a reminder
    duplicated: int  # reminders with more than one notification
    notified_unsent: int  # a notification for a reminder not marked sent: a torn batch

    def exactly_once(self) -> bool:
        return (
            self.due == self.sent == self.notified == self.notifications
            and self.duplicated == 0
            and self.notified_unsent == 0
        )

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def delivery(url: str, *, after_id: int = 0) -> Delivery:
    """The reminders with an id above `after_id` and their notifications."""
    (row,) = rows(
        url,
        """
        WITH each_reminder AS (
            SELECT r.due_at <= now() AS due, r.sent_at IS NOT NULL AS sent, count(n.id) AS notes
            FROM roles_reminder r LEFT JOIN roles_notification n ON n.reminder_id = r.id
            WHERE r.id > %(after_id)s
            GROUP BY r.id
        )
        SELECT count(*) FILTER (WHERE due),
               count(*) FILTER (WHERE due AND sent),
               count(*) FILTER (WHERE notes > 0),
               coalesce(sum(notes), 0),
               count(*) FILTER (WHERE notes > 1),
               count(*) FILTER (WHERE notes > 0 AND NOT sent)
        FROM each_reminder
        """,
        {"after_id": after_id},
    )
    return Delivery(*(int(value) for value in row))
