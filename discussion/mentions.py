"""`@username` in a comment. Usernames are what people are mentioned by: unique, and for a
person with a Chinese name the comment form offers the rollout's people by display name
too, so nobody types a name the system cannot find."""

import re
from collections.abc import Collection

# Django's usernames hold letters (any script: \w), digits and . + - _ (and @, left out so
# that an e-mail address is no mention). Not after an ASCII letter or digit, @, / or . (an
# e-mail, a URL's path), but right after Chinese text ("请@member1"), as Chinese is written
# without spaces. A name in ASCII ends where the ASCII does ("@member1看一下" is member1); a
# trailing dot ends the sentence, not the name. A name in Chinese runs on to the next space
# or punctuation, so the service takes the longest known name it starts with.
MENTION = re.compile(r"(?<![A-Za-z0-9_@/.])@([A-Za-z0-9_.+-]*[A-Za-z0-9_+-]|[\w.+-]*[\w+-])")
# Enough for a real conversation; a list of everyone is what the team page is for.
MENTIONS_MAX = 20


def mentioned_names(body: str) -> list[str]:
    """The names mentioned, each once, in the order written (case kept as typed)."""
    seen: dict[str, str] = {}
    for match in MENTION.finditer(body):
        seen.setdefault(match.group(1).casefold(), match.group(1))
    return list(seen.values())


def known_prefix(name: str, known: Collection[str]) -> str | None:
    """The longest start of `name` that is a known name (both casefolded), or None."""
    for end in range(len(name), 0, -1):
        if name[:end] in known:
            return name[:end]
    return None
