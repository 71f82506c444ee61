class ApplicationError(Exception):
    """A domain rule was broken; `message` is safe to show to the user."""

    def __init__(self, message: str, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class TooManyRequests(Exception):
    """A rate limit was reached. Not an ApplicationError (which a form shows beside its fields): whatever raises it,
    `exchange.core.middleware.TooManyRequestsMiddleware` answers 429 with Retry-After and `message`."""

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
