"""`@username` in a comment. Usernames are what people are mentioned by: unique, and for a
person with a Chinese name the comment form offers the rollout's people by display name
too, so nobody types a name the system cannot find."""

import re

# Django's usernames hold letters (any script: \w), digits and . + - _ (and @, left out so
# that an e-mail address is no mention). Not after a letter, digit, @, / or . (an e-mail, a
# URL's path); a trailing dot ends the sentence, not the name.
MENTION = re.compile(r"(?<![\w@/.])@([\w.+-]*[\w+-])")
# Enough for a real conversation; a list of everyone is what the team page is for.
MENTIONS_MAX = 20


def mentioned_names(body: str) -> list[str]:
    """The names mentioned, each once, in the order written (case kept as typed)."""
    seen: dict[str, str] = {}
    for match in MENTION.finditer(body):
        seen.setdefault(match.group(1).casefold(), match.group(1))
    return list(seen.values())
