"""The one base of the application's errors. A service refuses with a subclass (each app has
its own: WorkError, GateError, RoleError...) whose message is meant for the person who tried;
a view shows that message. NotAllowed is the refusal of a person who may see the thing but
not do this, which a view answers with 403 (core.views.not_allowed_as_403)."""


class AppError(Exception):
    """A rule was broken; the message is meant for the person who tried."""


class NotAllowed(AppError):
    """The person may not do this (the thing itself is visible to them): 403."""
