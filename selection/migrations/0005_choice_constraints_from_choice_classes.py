"""CheckConstraints for the choice fields that had none, their values taken from the choice
classes. PostgreSQL only adds CHECKs (each reads the table once to validate it); SQLite, in
the embedded mode, rebuilds each table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('selection', '0004_score_changes_after_reopening'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='criterion',
            constraint=models.CheckConstraint(condition=models.Q(('dimension__in', ['company', 'product', 'implementation', 'service', 'price'])), name='criterion_dimension_valid'),
        ),
        migrations.AddConstraint(
            model_name='criterion',
            constraint=models.CheckConstraint(condition=models.Q(('seat__in', ['end_users', 'it', 'finance', 'negotiator', 'senior'])), name='criterion_seat_valid'),
        ),
        migrations.AddConstraint(
            model_name='negotiationentry',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['offer', 'concession', 'term'])), name='negotiation_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='vendor',
            constraint=models.CheckConstraint(condition=models.Q(('revenue_band__in', ['lt10m', '10m_100m', '100m_1b', 'gt1b'])), name='vendor_revenue_band_valid'),
        ),
    ]
