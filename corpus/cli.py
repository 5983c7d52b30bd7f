"""The ``tawsim`` command line: thin wrappers over the corpus API.

Each command imports only what it needs, so that ``tawsim stats`` answers fast.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from corpus.errors import DatabaseCorruptError, UsageError, UserError
from corpus.model import LAYERS
from corpus.options import EXPORT_STATUSES, FORMAT_LAYERS, OFFSET_UNITS, SUGGESTION_STATES
from corpus.suggest.model import SOURCES
from corpus.tagsets import TAGSETS

# 1: the user's to fix (bad input, a locked or read-only database...); 2: a command
# called wrongly; 3: our bug, reported with its traceback in a log file.
EXIT_OK, EXIT_FAULT, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

# Rows of `tawsim docs` shown when no --limit is given (all with --json or --jsonl).
DOCS_PAGE = 50

# Failures of the file system the user can fix; any other OSError is taken for a bug.
_ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in (
        "EACCES",
        "EPERM",
        "EROFS",
        "ENOSPC",
        "EDQUOT",
        "EIO",
        "ENOENT",
        "ENOTDIR",
        "EISDIR",
        "EEXIST",
        "ENAMETOOLONG",
        "EMFILE",
        "ENFILE",
        "EBUSY",
        "ETXTBSY",
        "EXDEV",
    )
    if hasattr(errno, name)  # not every system has them all
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _span(value: str) -> tuple[int, int]:
    try:
        start, end = value.split(":")
        return int(start), int(end)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a span START:END") from None


def _span_or_ref(value: str) -> tuple[int, int] | str:
    return _span(value) if ":" in value else value


@dataclass(frozen=True)
class Command:
    """A command another package adds to ``tawsim``, such as the window's ``gui``.

    The core knows none of them: the package that owns one hands it to
    :func:`main`, so that the dependency runs from that package to the core only.

    Attributes:
        name: what the user types after ``tawsim``.
        help: one line for ``tawsim --help``.
        add_arguments: declares the command's own options (``--db`` and
            ``--schema`` come with every command).
        run: carries it out; returns the exit status. It may raise the core's
            errors, which are reported like those of the other commands.
    """

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def build_parser(extra: Sequence[Command] = ()) -> argparse.ArgumentParser:
    """The parser of the core's commands and of ``extra`` ones."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="database file (default: $TAWSIM_DB, else the user's default)",
    )
    common.add_argument(
        "--schema",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="label schema (TOML) to use for this database",
    )

    parser = _Parser(
        prog="tawsim",
        parents=[common],
        description="Tawsim (توسيم): annotate Arabic news — entities, quotes, stances.",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("import", parents=[common], help="import documents (plain or annotated)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--format",
        default="auto",
        help="auto|txt|jsonl|csv|conll|brat|jsonl-annotated|doccano|labelstudio",
    )
    p.add_argument("--text-field", help="JSONL/CSV field holding the text")
    p.add_argument("--id-field", help="JSONL/CSV field holding the external id")
    p.add_argument("--title-field", help="JSONL/CSV field holding the title")
    p.add_argument("--as-annotator", metavar="NAME", help="who the imported labels belong to")
    p.add_argument("--tagset", default="default", help=f"one of {', '.join(TAGSETS)}")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SRC=DST",
        help="map a foreign label onto the schema (repeatable)",
    )
    p.add_argument(
        "--offsets",
        default="auto",
        help=f"offset unit of the input (Label Studio / INCEpTION): {', '.join(OFFSET_UNITS)}",
    )
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")

    p = sub.add_parser("docs", parents=[common], help="list documents")
    p.add_argument(
        "--search",
        help="full-text search: every word, also behind proclitics (الصين finds بالصين, "
        "للصين), harakat and hamza forms folded; word* for a prefix",
    )
    p.add_argument("--status", choices=["todo", "in_progress", "done", "skipped"])
    p.add_argument("--annotator")
    p.add_argument(
        "--limit",
        type=int,
        help=f"at most this many (default {DOCS_PAGE} for the table, all for --json/--jsonl; "
        "0: all)",
    )
    p.add_argument("--offset", type=int, default=0, help="skip this many first")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON array, streamed")
    shape.add_argument("--jsonl", action="store_true", help="one JSON object per line")

    p = sub.add_parser("stats", parents=[common], help="counts of documents, labels, statuses")
    p.add_argument("--json", action="store_true")

    sub.add_parser("check", parents=[common], help="check integrity, offsets and references")

    p = sub.add_parser(
        "reindex", parents=[common], help="rebuild an older database's search index compactly"
    )
    p.add_argument(
        "--vacuum",
        action="store_true",
        help="then give the freed space back to the disk, and a database with pages of "
        "another size a new one's if no other program has it open (other writers wait)",
    )
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object")

    p = sub.add_parser("backup", parents=[common], help="consistent copy of the database")
    p.add_argument("dest", type=Path)

    p = sub.add_parser("annotate", parents=[common], help="add one annotation")
    p.add_argument("doc", help="document id or external id")
    p.add_argument("--annotator", required=True)
    p.add_argument("--layer", required=True, choices=["entity", "quote", "stance"])
    p.add_argument("--start", type=int, help="entity span / quote content start (code points)")
    p.add_argument("--end", type=int, help="end, exclusive")
    p.add_argument("--label", help="entity label")
    p.add_argument("--kind", help="quote kind (direct, indirect, mixed)")
    p.add_argument("--cue", type=_span, metavar="S:E", help="quote cue verb span")
    p.add_argument("--speaker", type=_span_or_ref, metavar="S:E|UUID")
    p.add_argument("--holder", type=_span_or_ref, metavar="S:E|UUID")
    p.add_argument("--target", type=_span_or_ref, metavar="S:E|UUID")
    p.add_argument("--topic", help="stance target as free text")
    p.add_argument("--polarity", help="stance polarity (support, oppose, neutral)")
    p.add_argument("--evidence", type=_span, action="append", default=[], metavar="S:E")

    p = sub.add_parser("status", parents=[common], help="set a document's status")
    p.add_argument("doc")
    p.add_argument("status", choices=["todo", "in_progress", "done", "skipped"])
    p.add_argument("--annotator", required=True)

    p = sub.add_parser("export", parents=[common], help="write training data")
    # The values are checked by corpus.options, which the window uses too.
    p.add_argument("--format", required=True, help=f"one of {', '.join(FORMAT_LAYERS)}")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--annotator")
    p.add_argument("--status", default="done", help=f"one of {', '.join(EXPORT_STATUSES)}")
    p.add_argument("--layer", default=",".join(LAYERS), help="comma-separated layers")
    p.add_argument("--split", metavar="80/10/10", help="train/dev/test percentages")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--tagset", default="default", help=f"one of {', '.join(TAGSETS)}")
    p.add_argument(
        "--suggestion-state",
        default="open",
        help=f"with --layer suggestions: one of {', '.join(SUGGESTION_STATES)}",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("pack", parents=[common], help="write annotators' work packages")
    p.add_argument("--annotator", required=True, help="one name, or several: A,B,C")
    chosen = p.add_mutually_exclusive_group()
    chosen.add_argument("--docs", metavar="QUERY", help="the documents this search finds")
    chosen.add_argument("--ids", type=Path, metavar="FILE", help="document ids, one per line")
    chosen.add_argument("--sample", type=int, metavar="N", help="N documents picked at random")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--overlap", type=float, default=0.0, metavar="K", help="%% in every package")
    p.add_argument("--out", required=True, type=Path, help="WORK.tawsim or WORK-{annotator}.tawsim")
    p.add_argument("--force", action="store_true", help="replace existing package files")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("merge", parents=[common], help="bring annotators' packages back")
    p.add_argument("packages", nargs="+", type=Path, metavar="WORK.tawsim")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("agree", parents=[common], help="inter-annotator agreement report")
    p.add_argument("--annotators", help="comma-separated names (default: all but gold)")
    p.add_argument("--docs", metavar="QUERY", help="only the documents this search finds")
    p.add_argument("--json", action="store_true")
    p.add_argument("--plot", type=Path, metavar="OUT.png", help="heatmap and per-label bars")

    _add_suggestion_parsers(sub, common)

    for command in extra:
        command.add_arguments(sub.add_parser(command.name, parents=[common], help=command.help))
    return parser


def _open(args: argparse.Namespace) -> Any:
    from corpus.defaults import open_store

    return open_store(getattr(args, "db", None), getattr(args, "schema", None))


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None) + "\n")


def cmd_import(args: argparse.Namespace) -> int:
    from corpus.importers import ImportOptions, import_paths
    from corpus.progress import Progress

    options = ImportOptions.from_text(
        maps=args.map,
        text_field=args.text_field,
        id_field=args.id_field,
        title_field=args.title_field,
        tagset=args.tagset,
        offsets=args.offsets,
    )
    bar = Progress("import")
    with _open(args) as store:
        summary = import_paths(
            store,
            args.paths,
            args.format,
            options,
            args.as_annotator,
            progress=lambda name, n: bar.update(n, Path(name).name),
        )
    bar.close()
    if args.json:
        _print_json(summary.to_json())
    else:
        line = (
            f"imported {summary.imported}, duplicates {summary.duplicates}, "
            f"rejected {len(summary.rejected)}"
        )
        if summary.annotations or args.as_annotator:
            line += f", annotations {summary.annotations}"
        if summary.repaired:
            line += f", repaired {summary.repaired}"
        print(line)
        for note in summary.notes:
            print(f"note: {note}", file=sys.stderr)
        for rejection in summary.rejected:
            print(f"rejected: {rejection}", file=sys.stderr)
    return EXIT_FAULT if summary.rejected else EXIT_OK


def _doc_json(row: Any) -> str:
    return json.dumps(
        {
            "id": row.id,
            "external_id": row.external_id,
            "title": row.title,
            "sha256": row.sha256,
            "length": row.length,
            "status": row.status,
        },
        ensure_ascii=False,
    )


def cmd_docs(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    if args.offset < 0:
        raise UsageError("--offset must be 0 or more")
    machine = args.json or args.jsonl
    limit = args.limit if args.limit is not None else (0 if machine else DOCS_PAGE)
    filters = (args.search, args.status, args.annotator)
    with _open(args) as store:
        if machine:
            # Streamed: a million rows cost no more memory than fifty.
            rows = store.iter_document_rows(*filters, limit or None, args.offset)
            out = sys.stdout
            if args.jsonl:
                for row in rows:
                    out.write(_doc_json(row) + "\n")
                return EXIT_OK
            out.write("[")
            for index, row in enumerate(rows):
                out.write(("," if index else "") + _doc_json(row))
            out.write("]\n")
            return EXIT_OK
        # One row past the page says whether there are more, without counting them all.
        page = store.list_documents(*filters, limit + 1 if limit else None, args.offset)
        more = 0
        if limit and len(page) > limit:
            page = page[:limit]
            more = store.count_documents(*filters) - args.offset - limit
    for r in page:
        status = ", ".join(f"{a}: {s}" for a, s in r.status.items()) or "todo"
        print(f"{r.id}\t{r.external_id or '-'}\t{r.length}\t{status}\t{r.title}")
    if more > 0:
        print(
            f"... {more:,} more; next page: --offset {args.offset + limit} --limit {limit}, "
            "all: --limit 0",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as store:
        stats = store.stats()
    if args.json:
        _print_json(stats)
        return EXIT_OK
    print(f"documents   {stats['documents']}")
    print(f"annotators  {stats['annotators']}")
    for layer, labels in stats["annotations"].items():
        total = sum(labels.values())
        detail = ", ".join(f"{label} {n}" for label, n in labels.items())
        print(f"{layer:<11} {total}" + (f"  ({detail})" if detail else ""))
    print("status      " + ", ".join(f"{s} {n}" for s, n in stats["status"].items()))
    runs = stats["import_runs"]
    if runs:
        states: dict[str, int] = {}
        for run in runs:
            states[run["state"]] = states.get(run["state"], 0) + 1
        print("imports     " + ", ".join(f"{state} {n}" for state, n in states.items()))
    for run in runs:
        if run["state"] == "interrupted":
            print(
                f"interrupted import run {run['id']} of {', '.join(run['sources'])} "
                f"({run['imported']} documents in); re-run it to complete it"
            )
    index = stats["search_index"]
    if index["reindex_pending"]:
        print(
            f"search      re-indexing: {index['reindex_pending']} document(s) to go; "
            "`tawsim reindex` goes on"
        )
    elif index["detail"] == "full":
        print("search      full index (older database); `tawsim reindex` makes it compact")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    try:
        store = _open(args)
    except DatabaseCorruptError as exc:
        faults = [f"integrity: {exc}"]  # too damaged to open: that is the check's answer
    else:
        with store:
            faults = store.check()
    for fault in faults:
        print(fault)
    if faults:
        print(f"{len(faults)} fault(s)", file=sys.stderr)
        return EXIT_FAULT
    print("ok")
    return EXIT_OK


def cmd_reindex(args: argparse.Namespace) -> int:
    from corpus.progress import Progress

    with _open(args) as store:
        bar = Progress("reindex", store.search_index()["reindex_pending"] or None)

        def report(done: int, total: int) -> None:
            bar.total = total or None
            bar.update(done)

        # Bounded transactions: stopped (Ctrl+C, a kill), it loses one batch at most, and
        # search keeps working; the same command goes on from there.
        moved = store.reindex(progress=report)
        bar.close()
        if args.vacuum:
            store.vacuum()
        state = store.search_index()
    if args.json:
        _print_json({"reindexed": moved, "vacuumed": bool(args.vacuum), **state})
    elif moved:
        print(f"reindexed {moved} document(s): the search index is compact")
    else:
        print("the search index was compact already")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with _open(args) as store:
        store.backup(args.dest)
    print(f"backed up to {args.dest}")
    return EXIT_OK


def _arg(value: tuple[int, int] | str | None) -> Any:
    from corpus.model import Ref, Span

    if value is None:
        return None
    if isinstance(value, tuple):
        return Span(*value)
    return Ref(value)


def cmd_annotate(args: argparse.Namespace) -> int:
    from corpus.model import Span, Topic

    def need(*names: str) -> None:
        missing = [f"--{n}" for n in names if getattr(args, n) is None]
        if missing:
            raise UsageError(f"--layer {args.layer} needs {', '.join(missing)}")

    with _open(args) as store:
        doc = store.find_document(args.doc)
        if args.layer == "entity":
            need("start", "end", "label")
            ann: Any = store.add_entity(doc.id, args.annotator, args.start, args.end, args.label)
        elif args.layer == "quote":
            need("start", "end", "kind")
            ann = store.add_quote(
                doc.id,
                args.annotator,
                Span(args.start, args.end),
                args.kind,
                cue=_arg(args.cue),
                speaker=_arg(args.speaker),
            )
        else:
            need("holder", "polarity")
            if (args.target is None) == (args.topic is None):
                raise UsageError("--layer stance needs exactly one of --target and --topic")
            target = Topic(args.topic) if args.topic is not None else _arg(args.target)
            ann = store.add_stance(
                doc.id,
                args.annotator,
                _arg(args.holder),
                target,
                args.polarity,
                [Span(*e) for e in args.evidence],
            )
    print(ann.uuid)
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    with _open(args) as store:
        doc = store.find_document(args.doc)
        store.set_status(doc.id, args.annotator, args.status)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from corpus.exporters import ExportOptions, export
    from corpus.progress import Progress

    options = ExportOptions.from_text(
        annotator=args.annotator,
        status=args.status,
        layers=args.layer,
        split=args.split,
        seed=args.seed,
        tagset=args.tagset,
        suggestion_state=args.suggestion_state,
    )
    options.check_format(args.format)  # before the database is opened
    bar = Progress("export")
    with _open(args) as store:
        report = export(store, args.format, args.out, options, progress=bar.update)
    bar.close()
    if args.json:
        _print_json(report.to_json())
    else:
        print(
            f"exported {report.documents} documents, {report.annotations} annotations "
            f"to {', '.join(report.files) or args.out}"
        )
        for note in report.notes:
            print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def _read_ids(path: Path) -> list[int]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"--ids {path}: cannot read it ({exc.strerror})") from exc
    ids = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                ids.append(int(line.strip()))
            except ValueError:
                raise UsageError(f"{path}:{number}: not a document id: {line.strip()!r}") from None
    return ids


def cmd_pack(args: argparse.Namespace) -> int:
    import random

    from corpus.packages import pack

    names = [n.strip() for n in args.annotator.split(",") if n.strip()]
    with _open(args) as store:
        if args.ids:
            ids = _read_ids(args.ids)
            known = set(store.document_ids())
            missing = [i for i in ids if i not in known]
            if missing:
                raise UsageError(f"{args.ids}: no document with id {missing[0]}")
        elif args.docs:
            ids = [row.id for row in store.iter_document_rows(args.docs, None, None, None, 0)]
        else:
            ids = store.document_ids()
            if args.sample is not None:
                if args.sample < 0:
                    raise UsageError("--sample must be 0 or more")
                ids = sorted(random.Random(args.seed).sample(ids, min(args.sample, len(ids))))
        written = pack(store, ids, names, args.out, args.overlap, args.seed, args.force)
    if args.json:
        _print_json({"packages": written})
    else:
        for item in written:
            print(f"{item['annotator']}: {item['documents']} documents in {item['path']}")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from corpus.packages import merge

    with _open(args) as store:
        summary = merge(store, args.packages)
    if args.json:
        _print_json(summary)
    else:
        for name, n in summary["annotators"].items():
            print(
                f"{name}: {n['added']} added, {n['updated']} updated, {n['deleted']} deleted, "
                f"{n['conflicts']} conflicts"
            )
        for conflict in summary["conflicts"]:
            print(
                f"tawsim merge: conflict: {conflict['package']}: document {conflict['document']}: "
                f"annotation {conflict['uuid']} of {conflict['annotator']} changed in both; "
                f"the later edit ({conflict['winner']}, {conflict['at']}) kept",
                file=sys.stderr,
            )
    for refused in summary["refused"]:
        print(f"tawsim merge: refused: {refused['reason']}", file=sys.stderr)
    return EXIT_FAULT if summary["refused"] else EXIT_OK


def cmd_agree(args: argparse.Namespace) -> int:
    from corpus.agreement import plot, store_agreement

    names = None
    if args.annotators:
        names = [n.strip() for n in args.annotators.split(",") if n.strip()]
    with _open(args) as store:
        ids = None
        if args.docs:
            ids = [row.id for row in store.iter_document_rows(args.docs, None, None, None, 0)]
        known = set(store.annotators())
        for name in names or []:
            if name not in known:
                raise UsageError(f"--annotators: no annotator named {name!r}")
        report = store_agreement(store, names, ids)
    if len(report["annotators"]) < 2:
        raise UsageError("agreement needs at least two annotators")
    if args.plot:
        plot(report, args.plot)
    if args.json:
        _print_json(report)
        return EXIT_OK
    ents, quotes, stances = report["entities"], report["quotes"], report["stances"]
    for pair in ents["pairs"]:
        print(
            f"entities {pair['a']} vs {pair['b']}: F1 exact {pair['exact']['f1']}, "
            f"overlap {pair['overlap']['f1']}, token kappa {pair['token_kappa']}"
        )
    print(f"entities micro F1 {ents['micro_f1']}, token kappa {ents['token_kappa']}")
    print(f"quotes F1 {quotes['f1']}, speaker agreement {quotes['speaker_agreement']}")
    print(f"stances kappa {stances['kappa']}, alpha {stances['alpha']} ({stances['units']} units)")
    return EXIT_OK


def _add_suggestion_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("suggest", parents=[common], help="store suggestions for an annotator")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--doc", action="append", metavar="ID", help="document id or external id (repeatable)"
    )
    which.add_argument("--all", action="store_true", help="every document")
    p.add_argument(
        "--with",
        dest="sources",
        required=True,
        metavar="SOURCES",
        help=f"comma-separated, of {','.join(SOURCES)}",
    )
    p.add_argument("--annotator", help="whose (default: the database's only annotator)")
    p.add_argument(
        "--across",
        action="store_true",
        help="propagate: also the names the annotator tagged in other documents",
    )
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("suggestions", parents=[common], help="list, accept or reject suggestions")
    p.add_argument("action", choices=["list", "accept", "reject"])
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="suggestion ids")
    p.add_argument("--annotator", help="whose (default: the database's only annotator)")
    p.add_argument("--doc", metavar="ID", help="only this document (id or external id)")
    p.add_argument("--source", choices=SOURCES, help="accept: all of this source")
    p.add_argument("--min-score", type=float, default=0.0, metavar="X", help="with --source")
    p.add_argument(
        "--state", default="open", choices=[*SUGGESTION_STATES], help="list: which (open)"
    )
    p.add_argument("--json", action="store_true")


def _suggestions_annotator(store: Any, given: str | None) -> str:
    if given:
        return given
    names = store.annotators()
    if len(names) == 1:
        return str(names[0])
    known = f"it has {len(names)}: {', '.join(names)}" if names else "it has none yet"
    raise UsageError(f"name the annotator with --annotator ({known})")


def cmd_suggest(args: argparse.Namespace) -> int:
    from corpus.progress import Progress
    from corpus.suggest import parse_sources, suggest

    sources = parse_sources(args.sources)  # before the database is opened
    with _open(args) as store:
        annotator = _suggestions_annotator(store, args.annotator)
        ids = (
            store.document_ids()
            if args.all
            else [store.find_document(ref).id for ref in dict.fromkeys(args.doc)]
        )
        bar = Progress("suggest", len(ids))
        run = suggest(
            store, ids, annotator, sources, progress=bar.update, across_documents=args.across
        )
        bar.close()
    if args.json:
        _print_json({"documents": len(ids), "stored": dict(run), "notes": run.notes})
    else:
        for source, stored in run.items():
            why = run.notes.get(source)
            print(f"{source}: {'not run' if why else stored}")
    for source, why in run.notes.items():
        print(f"tawsim suggest: {source}: {why}", file=sys.stderr)
    if not run.ran:
        raise UserError("none of the sources could run (see above)")
    return EXIT_OK


def _suggestion_json(doc: Any, sug: Any) -> dict[str, Any]:
    return {
        "id": sug.id,
        "document": doc.id,
        "annotator": sug.proposal.annotator,
        "source": sug.source,
        "score": sug.score,
        "state": sug.state,
        "layer": sug.layer,
        "label": sug.label,
        "start": sug.start,
        "end": sug.end,
        "text": doc.text[sug.start : sug.end],
    }


def cmd_suggestions(args: argparse.Namespace) -> int:
    if args.action != "accept" and args.source is not None:
        raise UsageError(f"--source is for accept, not {args.action}")
    if args.action == "list" and args.ids:
        raise UsageError("list takes no ids (filter with --doc and --state)")
    if args.action != "list" and bool(args.ids) == (args.source is not None):
        raise UsageError(f"{args.action} needs suggestion ids, or --source S (accept only)")
    with _open(args) as store:
        annotator = _suggestions_annotator(store, args.annotator)
        doc = store.find_document(args.doc) if args.doc else None
        if args.action == "list":
            return _list_suggestions(store, annotator, doc, args)
        if args.source is not None:
            docs = [doc] if doc else [f.document for f in store.iter_suggested(annotator)]
            accepted = sum(
                len(store.accept_suggestions(d.id, annotator, args.source, args.min_score).changes)
                for d in docs
            )
            print(f"accepted {accepted} {args.source} suggestion(s)")
            return EXIT_OK
        failed = 0
        for suggestion_id in args.ids:
            try:
                if args.action == "accept":
                    store.accept_suggestion(suggestion_id, annotator)
                else:
                    store.reject_suggestion(suggestion_id, annotator)
            except UserError as exc:
                failed += 1
                print(f"tawsim suggestions: error: {exc}", file=sys.stderr)
        done = len(args.ids) - failed
        print(f"{args.action}ed {done} suggestion(s)" + (f", {failed} failed" if failed else ""))
    return EXIT_FAULT if failed else EXIT_OK


def _list_suggestions(store: Any, annotator: str, doc: Any, args: argparse.Namespace) -> int:
    if doc is not None:
        found = [(doc, s) for s in store.suggestions(doc.id, annotator, args.state)]
    else:
        found = [
            (f.document, s)
            for f in store.iter_suggested(annotator, args.state)
            for s in f.suggestions
        ]
    rows = [_suggestion_json(d, s) for d, s in found]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for row in rows:
        print(
            f"{row['id']}\t{row['document']}\t{row['source']}\t{row['score']:.2f}\t"
            f"{row['state']}\t{row['layer']}\t{row['label']}\t{row['start']}:{row['end']}\t"
            f"{' '.join(row['text'].split())}"
        )
    return EXIT_OK


COMMANDS = {
    "suggest": cmd_suggest,
    "suggestions": cmd_suggestions,
    "agree": cmd_agree,
    "pack": cmd_pack,
    "merge": cmd_merge,
    "import": cmd_import,
    "docs": cmd_docs,
    "stats": cmd_stats,
    "check": cmd_check,
    "reindex": cmd_reindex,
    "backup": cmd_backup,
    "annotate": cmd_annotate,
    "status": cmd_status,
    "export": cmd_export,
}


def main(
    argv: Sequence[str] | None = None,
    extra: Sequence[Command] = (),
    default: str | None = None,
) -> int:
    """Run one ``tawsim`` command; returns its exit status.

    Args:
        argv: the arguments after ``tawsim`` (default: the process's).
        extra: commands other packages add (``gui.launcher`` adds ``gui``).
        default: the command run when none is given; without one, the usage is
            shown and the status is 2.
    """
    parser = build_parser(extra)
    args = parser.parse_args(argv)
    command = args.command or default
    if command is None:
        parser.print_usage(sys.stderr)
        print("tawsim: error: a command is needed (see tawsim --help)", file=sys.stderr)
        return EXIT_USAGE
    commands: dict[str, Callable[[argparse.Namespace], int]] = dict(COMMANDS)
    commands.update((c.name, c.run) for c in extra)
    try:
        return commands[command](args)
    except UsageError as exc:
        print(f"tawsim {command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UserError as exc:
        print(f"tawsim {command}: error: {exc}", file=sys.stderr)
        return EXIT_FAULT
    except KeyboardInterrupt:
        print(f"tawsim {command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        if exc.errno not in _ENVIRONMENT_ERRNOS:
            return _internal_error(command, exc)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"tawsim {command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAULT
    except Exception as exc:  # noqa: BLE001 - BugError and every surprise: our bug
        return _internal_error(command, exc)


def _internal_error(command: str, exc: BaseException) -> int:
    """Say in one line that this is our bug; the traceback goes to a log file."""
    summary = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    log = _log_traceback(command, exc)
    where = f"the details are in {log}" if log else "the details follow"
    print(
        f"tawsim {command}: internal error, please report it ({summary}); {where}",
        file=sys.stderr,
    )
    if log is None:
        traceback.print_exception(exc, file=sys.stderr)
    return EXIT_BUG


def _log_traceback(command: str, exc: BaseException) -> Path | None:
    """Append the traceback to the user's error log; None if it cannot be written."""
    from datetime import UTC, datetime

    from corpus.defaults import user_data_dir

    log = user_data_dir() / "internal-errors.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat()} tawsim {command}: {sys.argv}\n")
            handle.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return log


if __name__ == "__main__":
    sys.exit(main())
