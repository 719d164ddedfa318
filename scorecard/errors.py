"""Errors the scorecard raises, written for the person who will read them.

Pages and the command line catch :class:`ScorecardError` and show its message; anything
else is a bug and is logged, never shown with a stack trace.
"""


class ScorecardError(Exception):
    """Base of every error whose message is meant for a council officer or panel member."""


class PeriodError(ScorecardError, ValueError):
    """A period that cannot be read as a quarter, financial year or academic year."""


class CatalogueError(ScorecardError):
    """The catalogue file (priorities, measures, pledge) is not valid.

    ``problems`` holds one line per problem: the key that is wrong and why.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: the catalogue has {len(problems)} problem(s):\n{listing}")


class UnknownMeasureError(ScorecardError, KeyError):
    def __init__(self, measure_id: str) -> None:
        self.measure_id = measure_id
        super().__init__(measure_id)

    def __str__(self) -> str:
        return f"There is no measure '{self.measure_id}' in the catalogue."


class UploadRejected(ScorecardError):
    """An upload with blocking problems: nothing was written."""

    def __init__(self, message: str, issues: list | None = None) -> None:  # type: ignore[type-arg]
        self.issues = issues or []
        super().__init__(message)


class UnreadableFile(ScorecardError):
    """A file that cannot be opened as a workbook or CSV at all."""


class DatabaseUnavailable(ScorecardError):
    """The database cannot be reached or written to."""


class NotFound(ScorecardError):
    """Something asked for by id (an upload, a meeting) does not exist."""


class FileNotWritten(ScorecardError):
    """A file (a backup) could not be written; whatever was at its place before is unchanged."""


class BackupRejected(ScorecardError):
    """A backup whose contents are incomplete, damaged or invalid: nothing was restored.

    ``member`` is the file inside the backup and ``line`` its line (None for the whole file).
    """

    def __init__(self, message: str, member: str = "", line: int | None = None) -> None:
        self.member = member
        self.line = line
        super().__init__(message)
