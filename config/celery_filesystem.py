"""kombu's filesystem transport, with messages that appear in the queue folder whole.

kombu (5.x) writes a message by opening `<time>_<uuid>.<queue>.msg` and then writing into
it. A worker polling the folder can move and read the file between the two steps, find it
empty, and stop with "Unrecoverable error: JSONDecodeError" (the lock kombu takes does not
stop a rename). That is the embedded mode's worker dying under `make run`, and it failed CI
once. Here a message is written under a name the worker never picks (`.part`) and renamed
into place: a rename within one folder is atomic, so a worker sees all of it or nothing.
"""

import os
import uuid
from time import monotonic
from typing import Any

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

# The worker reads only names ending in `<queue>.msg`; this suffix keeps a half-written file out.
PART_SUFFIX = ".part"


class Channel(filesystem.Channel):
    # kombu's own filesystem._put already differs from its abstract base's (message, no
    # **kwargs); this keeps the filesystem signature it replaces.
    def _put(self, queue: str, payload: dict[str, Any], **kwargs: Any) -> None:  # type: ignore[override]
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        part = final + PART_SUFFIX
        try:
            with open(part, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(part, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
