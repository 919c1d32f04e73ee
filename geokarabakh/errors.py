"""The project's errors: one root, leaves that also inherit the matching built-in."""

from __future__ import annotations


class GeokarabakhError(Exception):
    """Root of every error geokarabakh raises on purpose."""


class PlaceNotFound(GeokarabakhError, LookupError):
    """No place in the gazetteer matches a name well enough.

    ``suggestions`` lists up to five close spellings, best first.
    """

    def __init__(self, query: str, suggestions: list[str] | None = None, reason: str = "") -> None:
        self.query = query
        self.suggestions = list(suggestions or [])
        self.reason = reason
        message = reason or f"no place matches {query!r}"
        if self.suggestions:
            message += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)


class InvalidInput(GeokarabakhError, ValueError):
    """Input that cannot be used: names the file, row and field where known."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.path, self.row, self.field = path, row, field
        where = ", ".join(
            part
            for part in (
                str(path) if path else "",
                f"row {row}" if row is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
