"""``labelstudio`` import: Label Studio's JSON export of a text-span (NER) project.

Reads the shapes Label Studio has written over its versions:

- 1.x "JSON" export: an array of tasks ``{"id", "data": {"text": …}, "annotations":
  [{"id", "result": [...], "was_cancelled", "ground_truth", …}], "predictions"}``;
- 0.x completion files: one task ``{"data", "completions": [{"result": [...]}]}`` a
  file (or an array of them);
- "JSON-MIN" export: flat tasks ``{"text", "id", "label": [{"start", "end", "text",
  "labels"}]}``.

Each ``result`` item of type ``labels`` becomes one entity per label. Other result
types (choices, image regions, relations …) have no place in the schema and are
reported with the task's line. A document takes one annotation per annotator: of
several on a task the ground truth wins, else the latest; the others are reported.
Cancelled annotations and model predictions are not imported. ``--tagset anercorp``
renames ANERcorp's labels (PERS → PER) as for CoNLL.

Offsets: Label Studio 0.x wrote inclusive end offsets, versions before the 2021 fix
counted UTF-16 code units, later ones count code points. Every span carries its text
(``value.text``), so each reading is tried and the one that gives back that text is
taken (``--offsets`` restricts the unit); a span no reading fits is rejected with the
task's line and the reason. A span without text takes the reading most spans of the
file took.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus.importers import Format, ImportOptions, Item, register
from corpus.importers.base import Rejection, new_document, premade_entity
from corpus.importers.offsets import UNITS, Located, SourceText, locate
from corpus.importers.records import json_records
from corpus.model import Entity
from corpus.tagsets import import_label

SPAN_TYPES = ("labels",)


def read(path: Path, options: ImportOptions) -> Iterator[Item]:
    """Documents with their entities from one Label Studio JSON file."""
    source = str(path)
    readings: Counter[tuple[str, bool]] = Counter()
    for item in json_records(path):
        if isinstance(item, Rejection):
            yield item
            continue
        line, value = item
        tasks = value if isinstance(value, list) else [value]
        for task in tasks:
            if not isinstance(task, dict):
                yield Rejection(
                    source, line, f"a task must be a JSON object, not {type(task).__name__}"
                )
                continue
            yield from _task(task, line, source, options, readings)


def _annotations(task: dict[str, Any]) -> list[dict[str, Any]]:
    for key in ("annotations", "completions"):
        found = task.get(key)
        if isinstance(found, list):
            return [a for a in found if isinstance(a, dict) and not a.get("was_cancelled")]
    return []


def _min_results(task: dict[str, Any]) -> list[dict[str, Any]]:
    """The spans of a JSON-MIN task, as result items."""
    results = []
    for key, value in task.items():
        if key in ("data", "annotations", "completions", "predictions") or not isinstance(
            value, list
        ):
            continue
        for span in value:
            if isinstance(span, dict) and "labels" in span and "start" in span:
                results.append({"type": "labels", "id": None, "value": span, "from_name": key})
    return results


def _text_field(
    task: dict[str, Any],
    data: dict[str, Any],
    options: ImportOptions,
    results: list[dict[str, Any]],
) -> str | None:
    if options.text_field:
        return options.text_field
    if isinstance(data.get("text"), str):
        return "text"
    # A span result names the object it marks: "$text" (0.x) or the Text tag's name.
    for result in results:
        if result.get("type") not in SPAN_TYPES:
            continue
        name = str(result.get("source") or result.get("to_name") or "").lstrip("$")
        if isinstance(data.get(name), str):
            return name
    return None


def _pick(annotations: list[dict[str, Any]]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The annotation to import and the ones left out."""
    if not annotations:
        return None, []
    truth = [a for a in annotations if a.get("ground_truth")]
    pool = truth or annotations
    chosen = max(
        enumerate(pool),
        key=lambda p: (str(p[1].get("updated_at") or p[1].get("created_at") or ""), p[0]),
    )[1]
    return chosen, [a for a in annotations if a is not chosen]


def _task(
    task: dict[str, Any],
    line: int,
    source: str,
    options: ImportOptions,
    readings: Counter[tuple[str, bool]],
) -> Iterator[Item]:
    data = task.get("data") if isinstance(task.get("data"), dict) else task
    assert isinstance(data, dict)
    annotations = _annotations(task)
    chosen, left_out = _pick(annotations)
    results = chosen.get("result", []) if chosen else _min_results(task)
    if not isinstance(results, list):
        results = []
    task_id = task.get("id")
    label = f"task {task_id}" if task_id is not None else "task"
    field = _text_field(task, data, options, [r for r in results if isinstance(r, dict)])
    if field is None or field not in data:
        keys = ", ".join(sorted(data)) or "none"
        yield Rejection(
            source, line, f"{label}: no task text (data fields: {keys}); use --text-field"
        )
        return
    raw = data[field]
    metadata: dict[str, Any] = {
        k: v
        for k, v in data.items()
        if k != field
        and k not in ("annotations", "completions", "predictions", "id")
        and (data is not task or not isinstance(v, list))
    }
    origin: dict[str, Any] = {"task": task_id}
    if chosen is not None:
        origin["annotation"] = chosen.get("id")
        if chosen.get("completed_by") is not None:
            origin["completed_by"] = chosen.get("completed_by")
    metadata["label_studio"] = origin
    title = data.get(options.title_field) if options.title_field else data.get("title")
    doc = new_document(
        raw,
        source,
        line,
        title=title if isinstance(title, str) else None,
        external_id=None if task_id is None else str(task_id),
        metadata=metadata,
    )
    if isinstance(doc, Rejection):
        yield replace(doc, reason=f"{label}: {doc.reason}")
        return
    if left_out:
        ids = ", ".join(str(a.get("id")) for a in left_out)
        yield Rejection(
            source,
            line,
            f"{label}: annotation(s) {ids} not imported: a document takes one annotation per "
            f"annotator (took {chosen.get('id') if chosen else None}, the ground truth or latest)",
        )
    text = SourceText(raw)
    units = UNITS if options.offsets == "auto" else (options.offsets,)
    entities: list[Entity] = []
    seen: set[tuple[int, int, str]] = set()
    other_types: Counter[str] = Counter()
    for result in results:
        if not isinstance(result, dict):
            other_types["(not an object)"] += 1
            continue
        kind = str(result.get("type", ""))
        value = result.get("value")
        if kind not in SPAN_TYPES or not isinstance(value, dict):
            other_types[kind or "(no type)"] += 1
            continue
        where = f"{label}, result {result.get('id')}" if result.get("id") else label
        expected = value.get("text") if isinstance(value.get("text"), str) else None
        if expected is None and readings:
            (unit, inclusive), _ = readings.most_common(1)[0]
            found: Located | str = locate(
                text,
                value.get("start"),
                value.get("end"),
                None,
                units=(unit,),
                inclusive=(inclusive,),
            )
        else:
            found = locate(
                text,
                value.get("start"),
                value.get("end"),
                expected,
                units=units,
                inclusive=(False,) if expected is None else (False, True),
            )
        if isinstance(found, str):
            yield Rejection(source, line, f"{where}: {found}: not imported")
            continue
        if expected is not None:
            readings[(found.unit, found.inclusive_end)] += 1
        names = value.get("labels")
        if not isinstance(names, list) or not names:
            yield Rejection(source, line, f"{where}: no labels: not imported")
            continue
        for name in names:
            key = (found.start, found.end, str(name))
            if key in seen:
                yield Rejection(
                    source, line, f"{where}: {name} repeats an earlier span: imported once"
                )
                continue
            seen.add(key)
            entities.append(
                premade_entity(found.start, found.end, import_label(options.tagset, str(name)))
            )
    if other_types:
        listing = ", ".join(f"{kind} x{n}" for kind, n in sorted(other_types.items()))
        yield Rejection(
            source,
            line,
            f"{label}: results not imported: {listing} (only 'labels' spans of the text are)",
        )
    yield replace(doc, annotations=tuple(entities))


register(Format("labelstudio", (".json",), read, annotated=True))
