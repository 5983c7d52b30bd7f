"""The Arabic reading font: Noto Sans Arabic, shipped as a Python package.

``fontpkg-noto-sans-arabic`` (a declared dependency) carries the font file, so a
fresh install reads Arabic well without any system font. If it is missing, the best
Arabic font the system has is used, and a warning says how to get a good one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase

PREFERRED_FAMILY = "Noto Sans Arabic"
# System fonts known to read Arabic well, in order of preference.
SYSTEM_FALLBACKS = (
    "Noto Naskh Arabic",
    "Noto Sans Arabic",
    "Amiri",
    "Scheherazade New",
    "KacstOne",
    "DejaVu Sans",
)
DEFAULT_POINT_SIZE = 15


@dataclass(frozen=True, slots=True)
class ArabicFont:
    """The chosen family and, when it is not a good Arabic font, why.

    Attributes:
        family: the font family to use for article text.
        warning: empty when the font is fine; otherwise a message for the user.
    """

    family: str
    warning: str = ""


def bundled_font_path() -> str | None:
    """The packaged Noto Sans Arabic file, or None when the package is absent."""
    try:
        import fontpkg
    except ImportError:
        return None
    try:
        return str(fontpkg.path(PREFERRED_FAMILY))
    except Exception:  # noqa: BLE001 — any failure of the font package means "absent"
        return None


def load_arabic_font() -> ArabicFont:
    """Register the packaged font with Qt (after QGuiApplication) and pick a family."""
    path = bundled_font_path()
    if path is not None:
        font_id = QFontDatabase.addApplicationFont(path)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            return ArabicFont(families[0])
    arabic = set(QFontDatabase.families(QFontDatabase.WritingSystem.Arabic))
    for family in SYSTEM_FALLBACKS:
        if family in arabic and family != "DejaVu Sans":
            return ArabicFont(family)
    hint = (
        "No good Arabic font found: install the project's dependencies again "
        "(`make install`, which brings fontpkg-noto-sans-arabic) or a system font "
        "such as Debian's fonts-noto-core."
    )
    if arabic:
        return ArabicFont(sorted(arabic)[0], hint)
    return ArabicFont(QFont().family(), hint)


def article_font(family: str, point_size: int = DEFAULT_POINT_SIZE) -> QFont:
    """The font of article text."""
    font = QFont(family)
    font.setPointSize(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font
