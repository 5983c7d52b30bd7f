"""Interface language: Arabic or English, from the system locale or by choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "i18n"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """``ar`` or ``en``: the chosen language, or the system's for ``system``."""
    if setting in ("ar", "en"):
        return setting
    locale = system or QLocale.system()
    return "ar" if locale.language() == QLocale.Language.Arabic else "en"


def translation_file(language: str) -> Path:
    """The compiled translation (``.qm``) of the interface for a language."""
    return TRANSLATIONS_DIR / f"tawsim_{language}.qm"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load Tawsim's and Qt's own translations for ``language`` into ``app``.

    English is the source language: nothing is loaded for it. Returns the installed
    translators (keep them alive; pass them to :func:`remove_translators` to switch).
    """
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(translation_file(language))):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_translators`."""
    for translator in translators:
        app.removeTranslator(translator)
