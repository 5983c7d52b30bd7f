"""What the window remembers between runs: annotator, language, sizes, last document."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

LANGUAGES = ("system", "ar", "en")


def default_settings_path() -> Path:
    """``$XDG_CONFIG_HOME/tawsim/tawsim.ini`` (or the platform's config folder)."""
    base = os.environ.get("XDG_CONFIG_HOME") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation
    )
    return Path(base) / "tawsim" / "tawsim.ini"


def documents_folder() -> Path:
    """The user's documents folder (the home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


class Preferences:
    """Typed access to one settings file.

    The file is named explicitly rather than found by Qt's organisation and
    application names, so that tests (and several databases) can each have their own.
    """

    def __init__(self, path: Path) -> None:
        """Read (and later write) the settings at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def _text(self, key: str, default: str = "") -> str:
        value = self._settings.value(key, default)
        return str(value) if value is not None else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def annotator(self) -> str:
        """The annotator's name, "" until the first start asked for it."""
        return self._text("annotator/name").strip()

    @annotator.setter
    def annotator(self, name: str) -> None:
        self._settings.setValue("annotator/name", name.strip())

    @property
    def language(self) -> str:
        """``system``, ``ar`` or ``en``."""
        value = self._text("ui/language", "system")
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("ui/language", value if value in LANGUAGES else "system")

    @property
    def point_size(self) -> int | None:
        """The article's text size in points, None for the default."""
        value = self._settings.value("ui/point_size")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    @point_size.setter
    def point_size(self, size: int) -> None:
        self._settings.setValue("ui/point_size", int(size))

    @property
    def geometry(self) -> QByteArray | None:
        """The window's saved geometry."""
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """The saved state of tool bars and docks."""
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        """The saved sizes of the three panes."""
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._settings.setValue("window/splitter", value)

    @property
    def export_folder(self) -> Path | None:
        """The folder the last export went to, None before the first."""
        value = self._text("export/folder")
        return Path(value) if value else None

    @export_folder.setter
    def export_folder(self, folder: Path) -> None:
        self._settings.setValue("export/folder", str(folder))

    @property
    def export_format(self) -> str:
        """The format of the last export, "" before the first."""
        return self._text("export/format")

    @export_format.setter
    def export_format(self, fmt: str) -> None:
        self._settings.setValue("export/format", fmt)

    @property
    def show_labels(self) -> bool:
        """Whether entity marks show their label in a tag (View → Show labels)."""
        return self._text("ui/show_labels", "false") == "true"

    @show_labels.setter
    def show_labels(self, shown: bool) -> None:
        self._settings.setValue("ui/show_labels", "true" if shown else "false")

    @property
    def suggest_in_new_documents(self) -> bool:
        """Whether a document new to the annotator gets the gazetteer's names and the
        quote rules' quotes when it opens (Suggest → Suggest in new documents)."""
        return self._text("suggest/new_documents", "true") == "true"

    @suggest_in_new_documents.setter
    def suggest_in_new_documents(self, on: bool) -> None:
        self._settings.setValue("suggest/new_documents", "true" if on else "false")

    @staticmethod
    def _db_key(db_path: str) -> str:
        resolved = db_path if db_path == ":memory:" else str(Path(db_path).resolve())
        return "last_document/" + hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:16]

    def last_document(self, db_path: str) -> int | None:
        """The document last shown from that database."""
        value = self._settings.value(self._db_key(db_path))
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def set_last_document(self, db_path: str, doc_id: int) -> None:
        """Remember the document shown from that database."""
        self._settings.setValue(self._db_key(db_path), int(doc_id))

    def sync(self) -> None:
        """Write to disk now."""
        self._settings.sync()
