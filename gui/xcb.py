"""Before the window opens on X11: do the libraries of Qt's xcb platform load?

Qt finds out only after the process has started, and then names one library (often
not the missing one: "xcb-cursor0 … is needed" when icccm and keysyms were absent)
and aborts. Asked first, ``ldd`` names every library that is missing, and the
system package of each is known, so the user gets one line with the command that
fixes it. Nothing here imports Qt's GUI modules: it runs before QApplication.
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

# Every library PySide6's libqxcb.so and libQt6XcbQpa need from the system (from
# `ldd` on both), with the package providing it on Debian/Ubuntu and on Fedora.
XCB_LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
_CANNOT_OPEN = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")

# Runs ldd on a file; None when there is no ldd to run.
Ldd = Callable[[Path], str | None]


def xcb_expected(environ: Mapping[str, str]) -> bool:
    """Whether Qt will open its windows through xcb (X11).

    ``QT_QPA_PLATFORM`` decides when set (its first choice); otherwise X11 is used
    when there is a ``DISPLAY``, except in a Wayland session, where Qt picks Wayland.
    """
    chosen = environ.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    if not environ.get("DISPLAY"):
        return False
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY")
    return not wayland


def xcb_plugin() -> Path | None:
    """PySide6's ``libqxcb.so``, or None when this PySide6 has none."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def run_ldd(path: Path) -> str | None:
    """``ldd path``'s output, or None when ``ldd`` cannot be run here."""
    try:
        result = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout


def first_unloadable(path: Path) -> list[str]:
    """Without ldd: the library the dynamic loader stops at (only the first one)."""
    try:
        ctypes.CDLL(str(path))
    except OSError as exc:
        found = _CANNOT_OPEN.search(str(exc))
        return [found.group(1)] if found else [str(exc)]
    return []


def missing_libraries(plugin: Path, ldd: Ldd = run_ldd) -> list[str]:
    """The shared libraries ``plugin`` needs that the loader cannot find, in order."""
    output = ldd(plugin)
    if output is None:
        return first_unloadable(plugin)
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def distribution(os_release: Path = Path("/etc/os-release")) -> str:
    """``debian``, ``fedora`` or "" (unknown) from the system's os-release."""
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    ids: list[str] = []
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids += value.strip().strip('"').split()
    if any(i in ("debian", "ubuntu") for i in ids):
        return "debian"
    if any(i in ("fedora", "rhel", "centos") for i in ids):
        return "fedora"
    return ""


def install_command(libraries: list[str], system: str) -> str:
    """The command that installs ``libraries`` (both families when ``system`` is unknown)."""
    debian = sorted({XCB_LIBRARIES[x][0] for x in libraries if x in XCB_LIBRARIES})
    fedora = sorted({XCB_LIBRARIES[x][1] for x in libraries if x in XCB_LIBRARIES})
    apt = f"sudo apt-get install {' '.join(debian)}"
    dnf = f"sudo dnf install {' '.join(fedora)}"
    if not debian:
        return "install the packages that provide them"
    if system == "debian":
        return apt
    if system == "fedora":
        return dnf
    return f"{apt} (Debian/Ubuntu) or {dnf} (Fedora)"


def xcb_problem(
    environ: Mapping[str, str] | None = None,
    plugin: Path | None = None,
    ldd: Ldd = run_ldd,
    system: str | None = None,
) -> str | None:
    """One line naming the missing libraries and how to install them, or None when
    the xcb platform is not to be used or loads."""
    environ = os.environ if environ is None else environ
    if not xcb_expected(environ):
        return None
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None
    missing = missing_libraries(plugin, ldd)
    if not missing:
        return None
    unknown = [x for x in missing if x not in XCB_LIBRARIES]
    command = install_command(missing, distribution() if system is None else system)
    also = (
        f" (and whatever provides {', '.join(unknown)})"
        if unknown and command[:4] == "sudo"
        else ""
    )
    return (
        f"the window cannot open on X11: Qt's xcb platform needs {', '.join(missing)}, "
        f"not found on this system. Install: {command}{also}"
    )
