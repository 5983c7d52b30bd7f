"""Make ``docs/screenshot.png``: the seed article annotated as an annotator would.

    python docs/make_screenshot.py [OUT.png]

Builds a throw-away database with the seed article, its people, organisations and
places, Putin's quotation, the spokesman's reported statements (with speakers and
cue verbs) and a stance; then runs ``tawsim gui --screenshot`` on it and stores the
picture with a 256-colour palette to keep the repository small.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def annotate(db: Path) -> None:
    """The seed article with entities, quotes and a stance by annotator ``layla``."""
    from corpus.importers import import_paths
    from corpus.model import Ref, Span, Topic
    from corpus.store import Store

    with Store.open(db) as store:
        import_paths(store, [REPO / "seeds"], "txt")
        doc = store.document_ids()[0]
        text = store.document(doc).text
        who = "layla"

        def find(words: str, occurrence: int = 0) -> tuple[int, int]:
            at = -1
            for _ in range(occurrence + 1):
                at = text.index(words, at + 1)
            return at, at + len(words)

        def entity(words: str, label: str, occurrence: int = 0) -> str:
            return store.add_entity(doc, who, *find(words, occurrence), label).uuid

        for words, label, times in (
            ("الكرملين", "ORG", 3),
            ("الصين", "GPE", 5),
            ("أوكرانيا", "GPE", 2),
            ("بكين", "GPE", 2),
            ("واشنطن", "GPE", 1),
            ("مجلس الأمن الروسي", "ORG", 1),
            ("نيكولاي باتروشيف", "PER", 1),
            ("وكالة أنباء تاس", "ORG", 1),
            ("فلاديمير بوتين", "PER", 1),
            ("شي جين بينغ", "PER", 1),
            ("روسيا", "GPE", 1),
            ("سمرقند", "LOC", 1),
            ("أوزبكستان", "GPE", 1),
            ("منظمة شنغهاي للتعاون", "ORG", 1),
        ):
            for n in range(times):
                entity(words, label, n)
        peskov = entity("ديمتري بيسكوف", "PER")
        peskov_again = entity("بيسكوف", "PER", 1)
        putin = entity("بوتين", "PER", 1)
        china = entity("الصين", "GPE", 7)

        def between(first: str, last: str) -> Span:
            start = text.index(first)
            return Span(start, text.index(last, start) + len(last))

        store.add_quote(
            doc,
            who,
            between("نحن نقدر بشدة", "الصدد"),
            "direct",
            cue=Span(*find("الإشارة")),
            speaker=Ref(putin),
        )
        store.add_quote(
            doc,
            who,
            between("العقوبات الأمريكية", "مع بكين"),
            "indirect",
            cue=Span(*find("وقال")),
            speaker=Ref(peskov),
        )
        store.add_quote(
            doc,
            who,
            between("التهديد بفرض", "بشكل عام"),
            "indirect",
            cue=Span(*find("وأضاف")),
            speaker=Ref(peskov_again),
        )
        store.add_stance(
            doc,
            who,
            Ref(china),
            Topic("الحرب الروسية في أوكرانيا"),
            "oppose",
            [between("أعربت الصين", "علنًا")],
        )


def main() -> int:
    """Annotate, screenshot, shrink."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        annotate(db)
        raw = Path(tmp) / "raw.png"
        env = dict(os.environ, XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "gui.launcher",
                "gui",
                "--db",
                str(db),
                "--screenshot",
                str(raw),
            ],
            cwd=REPO,
            env=env,
            check=True,
        )
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication, QImage

        app = QGuiApplication.instance() or QGuiApplication([])
        image = QImage(str(raw)).convertToFormat(
            QImage.Format.Format_Indexed8,
            Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
        )
        if not image.save(str(out)):
            sys.stderr.write(f"cannot write {out}\n")
            return 1
        del app
    sys.stdout.write(f"wrote {out} ({out.stat().st_size // 1024} KB)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
