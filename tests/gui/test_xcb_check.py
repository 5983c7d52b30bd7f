"""The check made before the window opens on X11: missing xcb libraries are named,
with the command that installs them, in one line and exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from gui.app import invoked_command
from gui.xcb import (
    distribution,
    install_command,
    missing_libraries,
    xcb_expected,
    xcb_plugin,
    xcb_problem,
)

REPO = Path(__file__).resolve().parents[2]

# What `ldd libqxcb.so` printed on a fresh Debian 12 with an X server (trimmed).
LDD_FRESH_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffd1b5e6000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f2a1c000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f2a1bf00000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f2a1be00000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2a1b000000)
"""
LDD_ALL_FOUND = "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x1)\n"


def fake_ldd(output: str | None):
    seen: list[Path] = []

    def ldd(path: Path) -> str | None:
        seen.append(path)
        return output

    ldd.seen = seen  # type: ignore[attr-defined]
    return ldd


def test_ldd_output_names_each_missing_library_once_in_order(tmp_path) -> None:
    plugin = tmp_path / "libqxcb.so"
    ldd = fake_ldd(LDD_FRESH_DEBIAN)
    assert missing_libraries(plugin, ldd) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert ldd.seen == [plugin]  # type: ignore[attr-defined]
    assert missing_libraries(plugin, fake_ldd(LDD_ALL_FOUND)) == []


def test_the_problem_is_one_line_with_the_packages_to_install(tmp_path) -> None:
    plugin = tmp_path / "libqxcb.so"
    env = {"DISPLAY": ":0"}
    line = xcb_problem(env, plugin, fake_ldd(LDD_FRESH_DEBIAN), system="debian")
    assert line is not None and "\n" not in line
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in line
    assert line.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    fedora = xcb_problem(env, plugin, fake_ldd(LDD_FRESH_DEBIAN), system="fedora")
    assert fedora is not None
    assert fedora.endswith("sudo dnf install xcb-util-keysyms xcb-util-wm")
    unknown = xcb_problem(env, plugin, fake_ldd(LDD_FRESH_DEBIAN), system="")
    assert unknown is not None
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1 (Debian/Ubuntu)" in unknown
    assert "dnf install xcb-util-keysyms xcb-util-wm (Fedora)" in unknown
    assert xcb_problem(env, plugin, fake_ldd(LDD_ALL_FOUND), system="debian") is None


def test_a_library_without_a_known_package_is_still_named() -> None:
    assert install_command(["libxcb-icccm.so.4"], "debian") == "sudo apt-get install libxcb-icccm4"
    assert install_command(["libweird.so.9"], "debian") == "install the packages that provide them"


def test_the_check_runs_only_when_qt_will_use_xcb(tmp_path) -> None:
    assert xcb_expected({"DISPLAY": ":0"})
    assert xcb_expected({"QT_QPA_PLATFORM": "xcb"})
    assert xcb_expected({"QT_QPA_PLATFORM": "xcb;wayland", "DISPLAY": ":0"})
    assert not xcb_expected({})
    assert not xcb_expected({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert not xcb_expected({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"})
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert not xcb_expected(wayland)
    ldd = fake_ldd(LDD_FRESH_DEBIAN)
    assert xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, tmp_path / "p.so", ldd) is None
    assert ldd.seen == []  # type: ignore[attr-defined]


def test_without_ldd_the_loader_names_the_first_missing_library(tmp_path) -> None:
    # A library that needs one that is not there: built by hand would need a compiler,
    # so ask the loader about a file that does not exist instead.
    line = xcb_problem({"DISPLAY": ":0"}, tmp_path / "libqxcb.so", fake_ldd(None), "debian")
    assert line is not None
    assert "libqxcb.so" in line


def test_the_distribution_is_read_from_os_release(tmp_path) -> None:
    release = tmp_path / "os-release"
    release.write_text('ID=ubuntu\nID_LIKE="debian"\n', encoding="utf-8")
    assert distribution(release) == "debian"
    release.write_text("ID=fedora\n", encoding="utf-8")
    assert distribution(release) == "fedora"
    release.write_text("ID=arch\n", encoding="utf-8")
    assert distribution(release) == ""
    assert distribution(tmp_path / "absent") == ""


def test_pyside6_ships_the_xcb_plugin_the_check_reads() -> None:
    if not sys.platform.startswith("linux"):
        return
    plugin = xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"


def test_the_command_to_type_again_is_the_one_that_ran(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    script = REPO / ".venv" / "bin" / "tawsim"
    assert invoked_command(str(script), REPO) == ".venv/bin/tawsim"
    assert invoked_command(str(script), tmp_path) == str(script.resolve())
    assert invoked_command("-m", REPO) == ".venv/bin/tawsim"
    # Installed for the user (pipx, uv tool): the shell finds it by name.
    monkeypatch.setenv("PATH", str(script.parent))
    assert invoked_command(str(script), tmp_path) == "tawsim"


def test_the_real_command_exits_2_with_the_line(tmp_path) -> None:
    """The whole path from the console script: a fake ldd on PATH says two libraries
    are missing (the machine's own libraries are left alone)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    ldd = bin_dir / "ldd"
    ldd.write_text(
        "#!/bin/sh\nprintf '\\tlibxcb-icccm.so.4 => not found\\n"
        "\\tlibxcb-keysyms.so.1 => not found\\n'\n",
        encoding="utf-8",
    )
    ldd.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(
        DISPLAY=":99",
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "gui.launcher", "gui", "--db", str(tmp_path / "t.db")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in lines[0]
    assert "install libxcb-icccm4 libxcb-keysyms1" in lines[0]
    assert not (tmp_path / "t.db").exists()
