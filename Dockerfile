# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# gcc, libldap2-dev and libsasl2-dev build python-ldap (django-auth-ldap's, for LDAP sign-in),
# which PyPI has only as source; they stay, as they bring the libraries it runs with.
RUN apt-get update && apt-get install -y --no-install-recommends gettext fonts-wqy-microhei \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    gcc libc6-dev libldap2-dev libsasl2-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY config ./config
COPY core ./core
COPY roles ./roles
COPY rollout ./rollout
COPY selection ./selection
COPY staffing ./staffing
COPY demo ./demo
COPY notifications ./notifications
COPY work ./work
COPY gates ./gates
COPY discussion ./discussion
COPY goals ./goals
COPY risks ./risks
COPY sso ./sso
RUN pip install --no-cache-dir -e .
COPY . .
RUN python scripts/compile_messages.py \
    && DJANGO_PRODUCTION=true DJANGO_SECRET_KEY=build-only DJANGO_STATIC_ROOT=/app/staticfiles \
       python manage.py collectstatic --noinput
RUN useradd --create-home rollout && mkdir -p /app/var && chown -R rollout /app/var
USER rollout
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"]
