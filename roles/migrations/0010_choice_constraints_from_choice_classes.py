"""CheckConstraints for the choice fields that had none, and the reminder level as a list
of its choices instead of a range (the same three values): the model constraints now take
their values from the choice classes. PostgreSQL only adds and drops CHECKs (each ADD reads
the table once to validate it); SQLite, in the embedded mode, rebuilds each table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roles', '0009_notification_resolved_at'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reminder',
            name='reminder_level_valid',
        ),
        migrations.AddConstraint(
            model_name='catalogueentry',
            constraint=models.CheckConstraint(condition=models.Q(('seat__in', ['', 'end_users', 'it', 'finance', 'negotiator', 'senior'])), name='catalogue_seat_valid'),
        ),
        migrations.AddConstraint(
            model_name='commitmentevent',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['committed', 'confirmed', 'conflict', 'hours_changed', 'pulled_back'])), name='commitment_event_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['request_waiting', 'commitment_to_confirm', 'commitment_conflict', 'commitment_starts', 'commitment_ends', 'under_fulfilled', 'task_due', 'task_overdue', 'gate_waiting', 'gate_decide_again', 'condition_due', 'condition_overdue'])), name='reminder_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='reminder',
            constraint=models.CheckConstraint(condition=models.Q(('level__in', [0, 1, 2])), name='reminder_level_valid'),
        ),
        migrations.AddConstraint(
            model_name='staffinganswer',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['commit', 'counter', 'decline'])), name='answer_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='staffingrequest',
            constraint=models.CheckConstraint(condition=models.Q(('purpose__in', ['process_analysis', 'data_cleanup', 'key_user', 'testing', 'training', 'other'])), name='request_purpose_valid'),
        ),
    ]
