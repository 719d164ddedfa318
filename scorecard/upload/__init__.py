"""The officers' quarterly upload: template, reading, and validation (SPEC §4)."""

from scorecard.upload.issues import Issue, Severity
from scorecard.upload.reader import UploadSheet, UploadWorkbook, read_upload
from scorecard.upload.template import write_template
from scorecard.upload.validate import Validation, validate

__all__ = [
    "Issue",
    "Severity",
    "UploadSheet",
    "UploadWorkbook",
    "Validation",
    "read_upload",
    "validate",
    "write_template",
]
