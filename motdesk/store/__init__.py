"""Project files: `.motdesk` SQLite documents that never lose work and never trust what they open.

`load` / `check` / `save_new` for whole files; `ProjectFile` for a file open in
the editor (lock, incremental saves, Save As, recovery copy); `pending_recoveries`,
`recover` and `discard` for the work a crashed motdesk left. See docs/files.md.
"""

from motdesk.store.loading import check, load
from motdesk.store.projectfile import ProjectFile
from motdesk.store.recovery import (
    RecoveryEntry,
    RecoveryKeeper,
    discard,
    pending_recoveries,
    recover,
    recovery_folder,
)
from motdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION
from motdesk.store.writing import save_new

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "ProjectFile",
    "RecoveryEntry",
    "RecoveryKeeper",
    "check",
    "discard",
    "load",
    "pending_recoveries",
    "recover",
    "recovery_folder",
    "save_new",
]
