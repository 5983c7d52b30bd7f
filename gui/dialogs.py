"""File → Import… and File → Export…: dialogs that gather options for the core.

They hold no format code. The formats, tag sets and layers they offer come from the
core's registries (``corpus.importers.format_names``, ``corpus.exporters.FORMATS``,
``corpus.tagsets.TAGSETS``, ``corpus.model.LAYERS``), and what they hand back are the
core's own option objects, ready for ``import_paths`` and ``export``. The window runs
the work in a :class:`gui.worker.StoreTask`; :class:`ReportBox` says what it did.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from corpus.exporters import FORMATS as EXPORT_FORMATS
from corpus.exporters import ExportOptions, ExportReport
from corpus.model import LAYERS
from corpus.options import FORMAT_LAYERS, OptionError, parse_mappings
from corpus.tagsets import TAGSETS

if TYPE_CHECKING:
    # corpus.importers starts the reader-process machinery: loaded on first use only,
    # so that opening the window does not pay for it.
    from corpus.importers import ImportOptions
    from corpus.importers.base import ImportSummary

# The export formats whose output is a folder rather than a file: the dialog offers a
# folder chooser for them.
FOLDER_FORMATS = frozenset({"brat"})
# How many rejections and notes the summary lists before "and N more".
SHOWN_PROBLEMS = 5


@dataclass(frozen=True)
class ImportRequest:
    """What the import dialog gathered: ``import_paths``'s arguments."""

    paths: list[Path]
    fmt: str
    options: ImportOptions
    annotator: str | None


@dataclass(frozen=True)
class ImportOutcome:
    """An import's summary, with the annotator its labels went to."""

    summary: ImportSummary
    annotator: str | None


@dataclass(frozen=True)
class ExportRequest:
    """What the export dialog gathered: ``export``'s arguments."""

    fmt: str
    out: Path
    options: ExportOptions


def select_data(box: QComboBox, value: object) -> None:
    """Make the item whose data is ``value`` current (left as is when absent)."""
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)


def option_problem(exc: OptionError) -> str:
    """The core's one message for a refused option, as a sentence."""
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


class ImportDialog(QDialog):
    """Files or folders to import, their format, and who their labels belong to.

    Signals:
        import_requested(ImportRequest): the user accepted valid choices.
    """

    import_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Offer every import format the core knows."""
        super().__init__(parent)
        from corpus.importers import format_names, get_format

        self.setWindowTitle(self.tr("Import"))
        self._formats = {name: get_format(name) for name in format_names()}
        self._annotator_edited = False

        self.paths_list = QListWidget()
        self.paths_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.paths_list.setMinimumHeight(110)
        # Paths read left to right whatever the interface language.
        self.paths_list.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        add_files = QPushButton(self.tr("Add files…"))
        add_files.clicked.connect(self.on_add_files_clicked)
        add_folder = QPushButton(self.tr("Add folder…"))
        add_folder.clicked.connect(self.on_add_folder_clicked)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.on_remove_clicked)
        path_buttons = QVBoxLayout()
        for button in (add_files, add_folder, remove):
            button.setAutoDefault(False)
            path_buttons.addWidget(button)
        path_buttons.addStretch()
        paths_row = QHBoxLayout()
        paths_row.addWidget(self.paths_list, 1)
        paths_row.addLayout(path_buttons)

        self.format_box = QComboBox()
        descriptions = self._format_descriptions()
        self.format_box.addItem(descriptions["auto"], "auto")
        for name in self._formats:
            described = descriptions.get(name)
            self.format_box.addItem(f"{name} — {described}" if described else name, name)

        self.annotator_edit = QLineEdit()
        self.annotator_edit.textEdited.connect(self.on_annotator_edited)
        self.tagset_box = QComboBox()
        tagset_names = {
            "default": self.tr("Schema labels (PER, ORG, GPE, LOC, EVENT, MISC)"),
            "anercorp": self.tr("ANERcorp (PERS, ORG, LOC, MISC)"),
        }
        for tagset in TAGSETS:
            self.tagset_box.addItem(tagset_names.get(tagset, tagset), tagset)
        self.mapping_edit = QPlainTextEdit()
        self.mapping_edit.setPlaceholderText(self.tr("One a line, e.g.\nPERSON=PER"))
        self.mapping_edit.setFixedHeight(72)
        self.mapping_edit.setTabChangesFocus(True)
        self.offsets_box = QComboBox()
        self.offsets_box.addItem(self.tr("Detect"), "auto")
        self.offsets_box.addItem(self.tr("Code points"), "codepoint")
        self.offsets_box.addItem(self.tr("UTF-16 code units"), "utf16")
        self.offsets_box.setToolTip(
            self.tr("Label Studio and INCEpTION count offsets in UTF-16 in some versions")
        )
        self.labels_group = QGroupBox(self.tr("Labels in the files"))
        labels_form = QFormLayout(self.labels_group)
        labels_form.addRow(self.tr("Annotator:"), self.annotator_edit)
        labels_form.addRow(self.tr("Tag set:"), self.tagset_box)
        labels_form.addRow(self.tr("Label mapping (SRC=DST):"), self.mapping_edit)
        labels_form.addRow(self.tr("Offsets:"), self.offsets_box)
        self.labels_hint = QLabel(
            self.tr(
                "The labels are stored as this annotator's work, marked done. "
                "A label that is neither in the schema nor mapped is reported, "
                "and the rest still goes in."
            )
        )
        self.labels_hint.setWordWrap(True)
        labels_form.addRow(self.labels_hint)

        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_box)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Files and folders:")))
        layout.addLayout(paths_row)
        layout.addLayout(form)
        layout.addWidget(self.labels_group)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self.on_format_changed)
        self.tagset_box.currentIndexChanged.connect(self.on_tagset_changed)
        self.on_format_changed()
        self.resize(620, 520)

    def _format_descriptions(self) -> dict[str, str]:
        return {
            "auto": self.tr("auto — by file ending (.txt, .jsonl, .csv)"),
            "txt": self.tr("plain text, one document a file"),
            "jsonl": self.tr("JSON lines, one document a line"),
            "csv": self.tr("CSV, one document a row"),
            "conll": self.tr("tagged tokens, BIO (ANERcorp, Wojood…)"),
            "brat": self.tr("brat standoff (.txt + .ann)"),
            "jsonl-annotated": self.tr("Tawsim's own JSONL export"),
            "doccano": self.tr("doccano JSONL"),
            "labelstudio": self.tr("Label Studio JSON export"),
        }

    # ------------------------------------------------------------------ choices

    def format_name(self) -> str:
        """The chosen format (``auto`` or a registered name)."""
        return str(self.format_box.currentData())

    def carries_labels(self) -> bool:
        """Whether the chosen format holds annotations (and so needs an annotator)."""
        fmt = self._formats.get(self.format_name())
        return fmt is not None and fmt.annotated

    def paths(self) -> list[Path]:
        """The files and folders listed, in order."""
        return [Path(self.paths_list.item(row).text()) for row in range(self.paths_list.count())]

    def add_paths(self, paths: list[Path]) -> None:
        """List more files or folders (each once)."""
        listed = set(self.paths())
        for path in paths:
            if path not in listed:
                self.paths_list.addItem(str(path))
                listed.add(path)

    def default_annotator(self) -> str:
        """Whom labels go to unless the user says otherwise: the tag set, else the format."""
        tagset = str(self.tagset_box.currentData())
        return tagset if tagset != "default" else self.format_name()

    def problem(self) -> str | None:
        """Why the choices cannot be imported as they stand, or None."""
        if not self.paths():
            return self.tr("Add at least one file or folder.")
        if not self.carries_labels():
            return None
        if not self.annotator_edit.text().strip():
            return self.tr("Name the annotator the labels belong to.")
        try:
            self.labels_options()
        except OptionError as exc:
            return option_problem(exc)
        return None

    def labels_options(self) -> ImportOptions:
        """The label options as the core's validated object.

        Raises:
            OptionError: the core's one message for the option refused.
        """
        from corpus.importers import ImportOptions

        return ImportOptions(
            tagset=str(self.tagset_box.currentData()),
            label_map=parse_mappings(self.mapping_edit.toPlainText()),
            offsets=str(self.offsets_box.currentData()),
        )

    def request(self) -> ImportRequest:
        """The choices as ``import_paths`` arguments."""
        from corpus.importers import ImportOptions

        if not self.carries_labels():
            return ImportRequest(self.paths(), self.format_name(), ImportOptions(), None)
        options = self.labels_options()
        return ImportRequest(
            self.paths(),
            self.format_name(),
            options,
            self.annotator_edit.text().strip(),
        )

    @override
    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.error_label.hide()
        self.import_requested.emit(self.request())
        super().accept()

    # ------------------------------------------------------------------ widget events

    @Slot()
    def on_format_changed(self) -> None:
        """Labels options only for formats that carry labels."""
        self.labels_group.setEnabled(self.carries_labels())
        if not self._annotator_edited:
            self.annotator_edit.setText(self.default_annotator() if self.carries_labels() else "")

    @Slot()
    def on_tagset_changed(self) -> None:
        """Follow the tag set in the default annotator name."""
        self.on_format_changed()

    @Slot(str)
    def on_annotator_edited(self, _text: str) -> None:
        """The user typed a name: stop proposing one."""
        self._annotator_edited = True

    def _file_filter(self) -> str:
        fmt = self._formats.get(self.format_name())
        if fmt is not None:
            endings = fmt.extensions
        else:
            endings = tuple(
                e for f in self._formats.values() if not f.annotated for e in f.extensions
            )
        patterns = " ".join(f"*{e}" for e in endings)
        return self.tr("{0} files ({1});;All files (*)").format(self.format_name(), patterns)

    @Slot()
    def on_add_files_clicked(self) -> None:
        """Pick files to import."""
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Files to import"), "", self._file_filter()
        )
        self.add_paths([Path(n) for n in names])

    @Slot()
    def on_add_folder_clicked(self) -> None:
        """Pick a folder to import (walked for files of the format)."""
        name = QFileDialog.getExistingDirectory(self, self.tr("Folder to import"))
        if name:
            self.add_paths([Path(name)])

    @Slot()
    def on_remove_clicked(self) -> None:
        """Take the selected paths off the list."""
        for item in self.paths_list.selectedItems():
            self.paths_list.takeItem(self.paths_list.row(item))


class ExportDialog(QDialog):
    """Format, output, whose labels, which documents and layers, and the split.

    Signals:
        export_requested(ExportRequest): the user accepted valid choices.
    """

    export_requested = Signal(object)

    def __init__(
        self,
        annotators: list[str],
        default_folder: Path,
        parent: QWidget | None = None,
        default_format: str = "",
    ) -> None:
        """Offer the store's ``annotators``; propose output in ``default_folder``.

        ``default_format`` (the last one used) is chosen first when it is still offered.
        """
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self._default_folder = default_folder
        self._out_edited = False
        # What the user ticked for a layer the current format cannot hold, restored
        # when a format that holds it is chosen again.
        self._wanted_layers: dict[str, bool] = {}

        self.format_box = QComboBox()
        descriptions = {
            "jsonl": self.tr("every layer, with exact spans"),
            "conll": self.tr("BIO tokens for a token classifier"),
            "brat": self.tr("a folder of .txt and .ann files"),
            "parquet": self.tr("tables for Hugging Face datasets"),
        }
        for name in EXPORT_FORMATS:
            described = descriptions.get(name)
            self.format_box.addItem(f"{name} — {described}" if described else name, name)

        self.out_label = QLabel()
        self.out_edit = QLineEdit()
        self.out_edit.textEdited.connect(self.on_out_edited)
        # Paths read left to right whatever the interface language.
        self.out_edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.on_choose_clicked)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.choose_button)

        self.annotator_box = QComboBox()
        self.annotator_box.addItem(self.tr("All annotators"), None)
        for name in annotators:
            self.annotator_box.addItem(name, name)
        self.status_box = QComboBox()
        self.status_box.addItem(self.tr("Only documents marked done"), "done")
        self.status_box.addItem(self.tr("Every document, whatever its status"), "any")

        layer_names = {
            "entity": self.tr("Entities"),
            "quote": self.tr("Quotes"),
            "stance": self.tr("Stances"),
        }
        self.layer_checks: dict[str, QCheckBox] = {}
        layers_row = QHBoxLayout()
        for layer in LAYERS:
            check = QCheckBox(layer_names.get(layer, layer))
            check.setChecked(True)
            self.layer_checks[layer] = check
            layers_row.addWidget(check)
        layers_row.addStretch()

        self.split_check = QCheckBox(self.tr("Split into train, dev and test"))
        self.split_spins: tuple[QSpinBox, QSpinBox, QSpinBox] = (
            QSpinBox(),
            QSpinBox(),
            QSpinBox(),
        )
        split_row = QHBoxLayout()
        for spin, label, value in zip(
            self.split_spins,
            (self.tr("Train"), self.tr("Dev"), self.tr("Test")),
            (80, 10, 10),
            strict=True,
        ):
            spin.setRange(0, 100)
            spin.setSuffix("%")
            spin.setValue(value)
            split_row.addWidget(QLabel(label))
            split_row.addWidget(spin)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2_147_483_647)
        split_row.addWidget(QLabel(self.tr("Seed")))
        split_row.addWidget(self.seed_spin)
        split_row.addStretch()
        self.split_fields = QWidget()
        self.split_fields.setLayout(split_row)
        split_row.setContentsMargins(0, 0, 0, 0)
        self.split_check.toggled.connect(self.split_fields.setEnabled)
        self.split_fields.setEnabled(False)

        self.tagset_box = QComboBox()
        tagset_names = {
            "default": self.tr("Schema labels"),
            "anercorp": self.tr("ANERcorp (PERS, ORG, LOC, MISC)"),
        }
        for tagset in TAGSETS:
            self.tagset_box.addItem(tagset_names.get(tagset, tagset), tagset)
        self.tagset_box.setToolTip(
            self.tr("The entity labels written by CoNLL and Parquet exports")
        )

        self.error_label = _error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_box)
        form.addRow(self.out_label, out_row)
        form.addRow(self.tr("Annotator:"), self.annotator_box)
        form.addRow(self.tr("Documents:"), self.status_box)
        form.addRow(self.tr("Layers:"), layers_row)
        form.addRow(self.split_check)
        form.addRow(self.split_fields)
        form.addRow(self.tr("Tag set:"), self.tagset_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch()
        layout.addWidget(self.buttons)

        remembered = self.format_box.findData(default_format)
        if remembered >= 0:
            self.format_box.setCurrentIndex(remembered)
        self.format_box.currentIndexChanged.connect(self.on_format_changed)
        self.on_format_changed()
        self.resize(640, self.sizeHint().height())

    # ------------------------------------------------------------------ choices

    def format_name(self) -> str:
        """The chosen export format."""
        return str(self.format_box.currentData())

    def writes_folder(self) -> bool:
        """Whether the chosen format writes a folder rather than a file."""
        return self.format_name() in FOLDER_FORMATS

    def default_out(self) -> Path:
        """Where the export goes unless the user says otherwise."""
        fmt = self.format_name()
        name = f"tawsim-{fmt}" if self.writes_folder() else f"tawsim-export.{fmt}"
        return self._default_folder / name

    def split(self) -> tuple[int, int, int] | None:
        """Train/dev/test percentages, or None for one output."""
        if not self.split_check.isChecked():
            return None
        train, dev, test = (spin.value() for spin in self.split_spins)
        return train, dev, test

    def layers(self) -> tuple[str, ...]:
        """The ticked layers, in the core's order."""
        return tuple(layer for layer in LAYERS if self.layer_checks[layer].isChecked())

    def problem(self) -> str | None:
        """Why the choices cannot be exported as they stand, or None."""
        if not self.out_edit.text().strip():
            return (
                self.tr("Choose the folder to write.")
                if self.writes_folder()
                else self.tr("Choose the file to write.")
            )
        try:
            self.options().check_format(self.format_name())
        except OptionError as exc:
            return option_problem(exc)
        return None

    def options(self) -> ExportOptions:
        """The choices as the core's validated options.

        Raises:
            OptionError: the core's one message for the option refused.
        """
        annotator: Any = self.annotator_box.currentData()
        return ExportOptions(
            annotator=annotator if isinstance(annotator, str) else None,
            status=str(self.status_box.currentData()),
            layers=self.layers(),
            split=self.split(),
            seed=self.seed_spin.value(),
            tagset=str(self.tagset_box.currentData()),
        )

    def request(self) -> ExportRequest:
        """The choices as ``export`` arguments."""
        options = self.options()
        out = Path(self.out_edit.text().strip()).expanduser()
        return ExportRequest(self.format_name(), out, options)

    @override
    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        self.error_label.hide()
        self.export_requested.emit(self.request())
        super().accept()

    # ------------------------------------------------------------------ widget events

    @Slot()
    def on_format_changed(self) -> None:
        """A file or a folder to write, and a proposed name to match."""
        self.out_label.setText(self.tr("Folder:") if self.writes_folder() else self.tr("File:"))
        if not self._out_edited:
            self.out_edit.setText(str(self.default_out()))
        self._enable_held_layers()

    def _enable_held_layers(self) -> None:
        """Only the layers the core says the format holds can be ticked."""
        fmt = self.format_name()
        held = FORMAT_LAYERS.get(fmt, LAYERS)
        for layer, check in self.layer_checks.items():
            if layer in held:
                if not check.isEnabled():
                    check.setEnabled(True)
                    check.setChecked(self._wanted_layers.pop(layer, True))
                check.setToolTip("")
            else:
                if check.isEnabled():
                    self._wanted_layers[layer] = check.isChecked()
                    check.setEnabled(False)
                check.setChecked(False)
                check.setToolTip(self.tr("The {0} format cannot hold this layer").format(fmt))

    @Slot(str)
    def on_out_edited(self, _text: str) -> None:
        """The user typed a path: stop proposing one."""
        self._out_edited = True

    @Slot()
    def on_choose_clicked(self) -> None:
        """Pick the output file or folder."""
        current = self.out_edit.text().strip() or str(self.default_out())
        if self.writes_folder():
            name = QFileDialog.getExistingDirectory(self, self.tr("Folder to export to"), current)
        else:
            name, _ = QFileDialog.getSaveFileName(self, self.tr("File to export to"), current)
        if name:
            self.out_edit.setText(name)
            self._out_edited = True


class ReportBox(QMessageBox):
    """What an import or an export did: counts, rejections with reasons, notes.

    Not modal: the user keeps working while it is shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty report; fill it with :meth:`describe_import` or :meth:`describe_export`."""
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStandardButtons(QMessageBox.StandardButton.Close)

    @staticmethod
    def replacing(parent: QWidget) -> ReportBox:
        """A new report over ``parent``, closing the one shown before."""
        for old in parent.findChildren(ReportBox):
            old.close()
        return ReportBox(parent)

    def _listing(self, lines: list[str]) -> str:
        shown = lines[:SHOWN_PROBLEMS]
        text = "\n".join(f"• {line}" for line in shown)
        if len(lines) > len(shown):
            text += "\n" + self.tr("… and {0} more (see the details).").format(
                len(lines) - len(shown)
            )
        return text

    def _fill(self, headline: str, sections: list[str], details: list[str]) -> None:
        self.setText(headline)
        self.setInformativeText("\n\n".join(s for s in sections if s))
        self.setDetailedText("\n".join(details))

    def describe_import(self, outcome: ImportOutcome, viewer: str = "") -> str:
        """Show what an import did; returns the one-line summary for the status bar.

        Args:
            viewer: the annotator the window shows, told how to see labels given to
                another one.
        """
        summary = outcome.summary
        self.setWindowTitle(self.tr("Import"))
        rejected = [str(r) for r in summary.rejected]
        line = self.tr("Imported {0} documents ({1} already there).").format(
            summary.imported, summary.duplicates
        )
        if outcome.annotator is not None:
            line += " " + self.tr("{0} annotations for {1}.").format(
                summary.annotations, outcome.annotator
            )
        if rejected:
            line += " " + self.tr("{0} rejected.").format(len(rejected))
        self.setIcon(QMessageBox.Icon.Warning if rejected else QMessageBox.Icon.Information)
        sections = []
        if summary.repaired:
            sections.append(
                self.tr(
                    "{0} broken BIO tags repaired (an I- tag that continues nothing "
                    "starts an entity)."
                ).format(summary.repaired)
            )
        if rejected:
            sections.append(
                self.tr("Rejected ({0}):").format(len(rejected)) + "\n" + self._listing(rejected)
            )
        if summary.notes:
            sections.append(self.tr("Notes:") + "\n" + self._listing(list(summary.notes)))
        if outcome.annotator and summary.annotations and outcome.annotator != viewer:
            sections.append(
                self.tr(
                    "The labels belong to the annotator “{0}”: choose Annotator → "
                    "Switch annotator… and give that name to see them."
                ).format(outcome.annotator)
            )
        details = [self.tr("rejected: {0}").format(r) for r in rejected]
        details += [self.tr("note: {0}").format(n) for n in summary.notes]
        self._fill(line, sections, details)
        return line

    def describe_export(self, report: ExportReport) -> str:
        """Show what an export wrote; returns the one-line summary for the status bar."""
        self.setWindowTitle(self.tr("Export"))
        self.setIcon(QMessageBox.Icon.Information)
        line = self.tr("Exported {0} documents, {1} annotations.").format(
            report.documents, report.annotations
        )
        sections = [
            self.tr("Written:") + "\n" + self._listing(list(report.files)) if report.files else ""
        ]
        if report.dropped:
            sections.append(
                self.tr("{0} annotations left out (the format cannot hold them).").format(
                    report.dropped
                )
            )
        if report.notes:
            sections.append(self.tr("Notes:") + "\n" + self._listing(list(report.notes)))
        details = [self.tr("file: {0}").format(f) for f in report.files]
        details += [self.tr("note: {0}").format(n) for n in report.notes]
        self._fill(line, sections, details)
        return line

    def worth_showing(self, outcome: ImportOutcome) -> bool:
        """Whether an import's report says more than the status bar line."""
        summary = outcome.summary
        return bool(summary.rejected or summary.notes or summary.repaired or summary.annotations)
