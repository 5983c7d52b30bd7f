"""Errors of the corpus core, split into the user's to fix and ours."""


class CorpusError(Exception):
    """Base of every error the core raises on purpose."""


class UserError(CorpusError):
    """Something the user can fix: bad input, a missing file, a wrong option."""


class ValidationError(UserError):
    """An annotation or document that does not fit its text or schema; nothing was written."""


class NotFoundError(UserError):
    """A document, annotation or annotator that does not exist."""


class SchemaError(UserError):
    """A label schema file that cannot be read or is inconsistent."""


class StoreVersionError(UserError):
    """A database written by a newer Tawsim, or otherwise not ours; it was not touched."""


class ConflictError(UserError):
    """An edit whose expected 'before' state no longer matches the store."""


class BugError(CorpusError):
    """A broken invariant: our fault, never the user's.

    Deliberately not a UserError: the command line reports it (like any unexpected
    exception) as an internal error to report, with exit status 3 and the traceback.
    """


class UsageError(UserError):
    """A command called with arguments that do not fit together (exit status 2)."""


class StoreError(UserError):
    """The database cannot do what was asked, for a reason outside Tawsim (the message
    names the database and what to do). Raised instead of raw ``sqlite3`` errors."""


class DatabaseBusyError(StoreError):
    """Another program held the database's lock for longer than the busy timeout."""


class DatabaseReadOnlyError(StoreError):
    """The database file, its folder or its disk does not allow writing."""


class DiskFullError(StoreError):
    """The disk holding the database (or an output) has no room left."""


class DatabaseCorruptError(StoreError):
    """A database whose pages are damaged: SQLite says it is malformed."""


class DatabaseIOError(StoreError):
    """The operating system failed to read or write the database file."""
