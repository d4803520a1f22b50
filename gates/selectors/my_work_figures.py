"""My work's figures (the home page) as one value, kept in the page cache
(rollout/page_cache.py): the items that wait on the person and the cards of their rollouts.

What waits on a person spans rollouts (a commitment may name them on a rollout they hold no
role in), so the entry is keyed by every rollout's version (`cached_across_rollouts`). Two
things it depends on change no rollout's version, so they are read afresh on every request
and put in the key instead:

- which rows wait on the person (core.waiting.waiting_ids, one query): a mention waits
  until its notification is read, and notifications (roles_notification) are left out of
  the data version (rollout/data_version.py: written on every visit to the bell);
- which rollouts the person is in (rollout.permissions.rollouts_for_user, one query): it
  reads their group memberships (a directory group grants a rollout's roles to its
  members), which belong to no rollout, and whether they are a superuser.

Both queries ran before too. What is cached is what those ids and rollouts lead to: the
items' texts, dates and links and the cards (roles and team, gates waiting, the calendar's
gap), which read only rows of rollouts and the tables every rollout shows (people's names,
departments, calendars), all under the data version. The rest of the key is the person's
id and superuser flag (the cards read them), and whether the team is loaded (the closed
"your role" panel). Nobody reads another person's entry: their id is in the key."""

from dataclasses import dataclass, field

from core.waiting import waiting_ids, waiting_items
from gates.selectors.home import RolloutCard, WaitingRow, home_cards, waiting_rows
from roles.models import User
from rollout import page_cache
from rollout.models import Rollout
from rollout.permissions import rollouts_for_user


@dataclass
class MyWorkFigures:
    rows: list[WaitingRow]
    cards: list[RolloutCard]


@dataclass
class _Fresh:
    """What is read afresh for the key, after the version: kept for the computation."""

    user: User
    with_team: bool
    ids: dict[str, list[int]] = field(default_factory=dict)
    rollouts: list[Rollout] = field(default_factory=list)
    keyed: bool = False

    def key(self) -> str:
        self.ids = waiting_ids(self.user)
        self.rollouts = list(rollouts_for_user(self.user))
        waiting = ";".join(f"{kind}={','.join(map(str, pks))}" for kind, pks in self.ids.items())
        rollouts = ",".join(str(r.pk) for r in sorted(self.rollouts, key=lambda r: r.pk))
        parts = page_cache.digest(
            waiting,
            rollouts,
            "superuser" if self.user.is_superuser else "",
            "team" if self.with_team else "",
        )
        self.keyed = True
        # The id in the clear: an entry can only ever be found for its own person.
        return f"{self.user.pk}-{parts}"

    def compute(self) -> MyWorkFigures:
        # page_cache asks the reader key (which reads ids and rollouts) before computing.
        if not self.keyed:
            raise RuntimeError("my_work_figures computed before its key read what it shows")
        return MyWorkFigures(
            rows=waiting_rows(waiting_items(self.ids)),
            cards=home_cards(user=self.user, rollouts=self.rollouts, with_team=self.with_team),
        )


def my_work_figures(*, user: User, with_team: bool) -> MyWorkFigures:
    fresh = _Fresh(user, with_team)
    return page_cache.cached_across_rollouts("my-work", reader_key=fresh.key, compute=fresh.compute)
