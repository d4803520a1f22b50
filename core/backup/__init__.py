"""`manage.py backup` and `restore`: the database and the uploaded files in one archive.

The archive is a plain tar holding manifest.json (what made it, from which database
engine, the migrations applied), the database (PostgreSQL: pg_dump's custom format;
SQLite: a copy made by SQLite's backup API) and media/ (evidence files and decision
briefs, from MEDIA_ROOT or from the bucket STORAGE_URL names). archive.py writes and reads
it; postgres.py and sqlite.py move the database; media.py the files."""
