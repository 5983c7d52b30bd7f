"""The real ``tawsim gui`` on the xcb platform under Xvfb: the window opens, a word is
tagged by key presses as a user would, and the entity is in the database.

Everything else under tests/gui runs offscreen; this one proves that the xcb plugin's
system libraries load and that real X keyboard events reach the article. The whole
scenario runs as one shell script inside ``xvfb-run`` so that the app and xdotool share
one DISPLAY. Nothing waits for a fixed time: xdotool waits for the window, the script
polls the database, and each wait is bounded generously (the machine may be loaded).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.cli import main as cli_main

REPO = Path(__file__).resolve().parents[2]
TITLE = "probe article"
FIRST_WORD = "شيء"
TEXT = f"{FIRST_WORD} في بكين يوم الاثنين."

SCENARIO = r"""
set -u
"$PYTHON" -m gui.launcher gui --db "$DB" >"$LOG" 2>&1 &
app=$!
finish() { kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; }
trap finish EXIT
window=$(timeout 120 xdotool search --sync --onlyvisible --name "$TITLE" | head -n 1)
if [ -z "$window" ]; then echo "no window titled '$TITLE' within 120 s" >&2; exit 10; fi
timeout 60 xdotool windowactivate --sync "$window" 2>/dev/null || true
timeout 60 xdotool windowfocus --sync "$window" || { echo "window never took focus" >&2; exit 11; }
# No --window: Qt ignores events sent to a window (XSendEvent); these go through XTEST.
xdotool key ctrl+shift+Left
xdotool key 1
"$PYTHON" - <<'EOF' || exit 12
import os, sqlite3, sys, time

deadline = time.monotonic() + 120
query = "SELECT count(*) FROM annotations WHERE layer = 'entity'"
while time.monotonic() < deadline:
    con = sqlite3.connect(os.environ["DB"], timeout=30)
    try:
        if con.execute(query).fetchone()[0]:
            sys.exit(0)
    finally:
        con.close()
    time.sleep(0.2)
print("no entity stored within 120 s of the key press", file=sys.stderr)
sys.exit(1)
EOF
"""


def test_real_window_tags_a_word_by_key_press(tmp_path: Path) -> None:
    missing = [tool for tool in ("xvfb-run", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not installed (.ci/run installs them: apt-get install "
            "xvfb xauth xdotool)"
        )
    db = tmp_path / "probe.db"
    source = tmp_path / "probe.jsonl"
    source.write_text(json.dumps({"title": TITLE, "text": TEXT}, ensure_ascii=False) + "\n")
    assert cli_main(["import", str(source), "--db", str(db)]) == 0
    config = tmp_path / "config"
    (config / "tawsim").mkdir(parents=True)
    # The first start would ask the annotator's name in a dialog; a saved name skips it.
    (config / "tawsim" / "tawsim.ini").write_text("[annotator]\nname=probe\n")
    script = tmp_path / "scenario.sh"
    script.write_text(SCENARIO)
    log = tmp_path / "app.log"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHON": sys.executable,
        "DB": str(db),
        "LOG": str(log),
        "TITLE": TITLE,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(config),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "LANG": "en_US.UTF-8",
    }
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        ["xvfb-run", "-a", "bash", str(script)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    app_output = log.read_text(errors="replace") if log.exists() else ""
    assert done.returncode == 0, f"{done.stderr}\napp said:\n{app_output}"

    import sqlite3

    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            'SELECT a.layer, a.label, a.start, a."end", n.name, d.text FROM annotations a '
            "JOIN annotators n ON n.id = a.annotator_id JOIN documents d ON d.id = a.document_id"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 1, rows
    layer, label, start, end, annotator, text = rows[0]
    assert (layer, label, start, end, annotator) == ("entity", "PER", 0, len(FIRST_WORD), "probe")
    assert text[start:end] == FIRST_WORD
