"""Compile locale/*/LC_MESSAGES/*.po to .mo.

Uses GNU msgfmt through Django's compilemessages when it is installed (it also checks
format strings); otherwise polib, so `make run` works on a machine without gettext."""

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    if shutil.which("msgfmt"):
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("compilemessages", "--ignore", ".venv", verbosity=0)
        return 0
    import polib

    for po_path in (ROOT / "locale").glob("*/LC_MESSAGES/*.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
