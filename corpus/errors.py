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
    """A broken invariant: our fault, never the user's."""


class UsageError(UserError):
    """A command called with arguments that do not fit together (exit status 2)."""
