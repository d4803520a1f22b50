# One image for web, worker, beat and the one-shot migrate (docker-compose.yml picks the command).
# Debian 12 (bookworm) by name: its postgresql-client is 15, the version of the postgres:15
# service; a newer Debian's pg_dump writes dumps a 15 server may refuse.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# gettext: the translations; the fonts and Pango: the PDF briefs (WeasyPrint, Chinese text);
# postgresql-client: pg_dump and pg_restore for `manage.py backup` and `restore`;
# gcc, libldap2-dev and libsasl2-dev build python-ldap (django-auth-ldap's, for LDAP sign-in),
# which PyPI has only as source; they stay, as they bring the libraries it runs with.
RUN apt-get update && apt-get install -y --no-install-recommends gettext fonts-wqy-microhei \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 postgresql-client \
    gcc libc6-dev libldap2-dev libsasl2-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The dependencies first, read from pyproject.toml alone, so a change to the code reuses
# this layer. The code comes whole (COPY . ., .dockerignore leaves out secrets and state):
# a new app directory is in the image without anyone listing it here.
COPY pyproject.toml ./
RUN python -c "import subprocess, sys, tomllib; \
deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; \
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--no-cache-dir', *deps])"
COPY . .
RUN pip install --no-cache-dir --no-deps -e .
# collectstatic runs with production settings, which refuse a short or published key: a
# random one for the build only, never used to sign anything.
RUN python scripts/compile_messages.py \
    && DJANGO_PRODUCTION=true DJANGO_STATIC_ROOT=/app/staticfiles \
       DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
       python manage.py collectstatic --noinput
# var/media is the uploaded files' volume: made here, owned by the app's user, so a new
# named volume mounted on it starts with that owner.
RUN useradd --create-home rollout && mkdir -p /app/var/media && chown -R rollout /app/var
USER rollout
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2"]
