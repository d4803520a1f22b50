"""The JSON API from a script, with nothing but the standard library and two tokens: the
member logs two hours on a task with an evidence file and claims it done; then their
manager verifies it.

    python scripts/api_example.py --url http://127.0.0.1:8000 --task 12 \\
        --member-token rlt_... --manager-token rlt_... --evidence minutes.pdf

Each person makes their own token on /me/api-tokens/. Any refusal is printed as the
problem details the API answered (in the language of --language) and ends the script
with status 1."""

import argparse
import json
import mimetypes
import secrets
import sys
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any


class Refused(Exception):
    """The API answered with a problem (RFC 9457)."""


def call(
    url: str,
    token: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    content_type: str = "",
    language: str = "en",
) -> Any:
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "Accept-Language": language,
    }
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        problem = json.loads(error.read() or b"{}")
        raise Refused(
            f"{method} {url}: {error.code} {problem.get('title')}: {problem.get('detail')}"
        ) from error


def multipart(fields: dict[str, str], files: list[tuple[str, Path]]) -> tuple[bytes, str]:
    """A multipart/form-data body (the standard library has no encoder for one)."""
    boundary = secrets.token_hex(16)
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, path in files:
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{path.name}"\r\nContent-Type: {kind}\r\n\r\n'
        )
        parts.append(head.encode() + path.read_bytes() + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="The site, e.g. http://127.0.0.1:8000")
    parser.add_argument("--task", type=int, required=True, help="The task's id")
    parser.add_argument("--member-token", required=True)
    parser.add_argument("--manager-token", required=True)
    parser.add_argument("--evidence", type=Path, required=True, help="A file to attach")
    parser.add_argument("--hours", default="2")
    parser.add_argument(
        "--date", default=date.today().isoformat(), help="The day worked (default: today here)"
    )
    parser.add_argument("--language", default="en", help="en or zh-hans, for the messages")
    args = parser.parse_args(argv)
    if not args.url.startswith(("http://", "https://")):
        parser.error("--url must start with http:// or https://")
    api = args.url.rstrip("/") + "/api"
    task_url = f"{api}/tasks/{args.task}/"
    try:
        body, content_type = multipart(
            {"work_date": args.date, "hours": args.hours, "progress": "100",
             "note": "Logged from scripts/api_example.py"},
            [("evidence", args.evidence)],
        )  # fmt: skip
        log = call(
            task_url + "logs/", args.member_token, method="POST", body=body,
            content_type=content_type, language=args.language,
        )  # fmt: skip
        print(f"Logged {log['hours']} h on task {args.task} (log {log['id']}, "
              f"{len(log['evidence'])} evidence file).")  # fmt: skip
        task = call(
            task_url + "claim-done/", args.member_token, method="POST", language=args.language
        )
        print(f"Task {args.task} is now {task['status']}.")
        task = call(task_url + "verify/", args.manager_token, method="POST", language=args.language)
        print(f"Task {args.task} is now {task['status']}.")
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
