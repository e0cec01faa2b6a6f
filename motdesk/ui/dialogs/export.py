"""File > Export > Handout PDF: choose journey, state, paper and sections, then write in a worker.

The handout is rendered from a copy of the project in a QThread, with a progress
dialog (Cancel stops it and leaves no file); a refusal shows its one sentence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from motdesk.errors import MotdeskError, sentence
from motdesk.ui.settings import is_bundled
from motdesk.ui.text import plain

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

SECTION_NAMES = {
    "cover": "Cover (project, personas, journeys)",
    "map": "Journey map",
    "moments": "Moments of truth",
    "gaps": "Gaps and priorities",
    "worksheet": "Workshop worksheet",
}
STATE_NAMES = (("current", "Current state"), ("future", "Future state"), ("compare", "Compare"))


class Cancelled(Exception):
    """The user stopped the export."""


class HandoutWorker(QObject):
    """Runs `export_handout` off the GUI thread and reports by signals."""

    progressed = Signal(int, int)
    done = Signal()
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, project, path: Path, options: dict) -> None:
        super().__init__()
        self.project, self.path, self.options = project, path, options
        self.stop = False

    @Slot()
    def run(self) -> None:
        from motdesk.export.handout import export_handout

        def progress(done: int, total: int) -> None:
            if self.stop:
                raise Cancelled
            self.progressed.emit(done, total)

        try:
            export_handout(self.project, self.path, progress=progress, **self.options)
        except Cancelled:
            self.cancelled.emit()
        except MotdeskError as exc:
            self.failed.emit(sentence(str(exc)))
        except Exception as exc:  # a bug must not take the editor down with it
            self.failed.emit(sentence(f"the handout could not be made: {exc}"))
        else:
            self.done.emit()


class ExportHandoutDialog(QDialog):
    finished_export = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Export Handout PDF")
        project = window.document.project
        self.journey = QComboBox()
        self.journey.addItem("All journeys", None)
        for journey in project.journeys:
            self.journey.addItem(journey.title or "(untitled journey)", journey.id)
        self.journey.setCurrentIndex(max(0, self.journey.findData(window.journey_id)))
        self.state = QComboBox()
        for value, text in STATE_NAMES:
            self.state.addItem(text, value)
        self.state.setCurrentIndex(self.state.findData(window.view_mode.value))
        self.paper = QComboBox()
        for value in ("a4", "a3", "letter", "tabloid"):
            self.paper.addItem(value.upper() if value[0] == "a" else value.capitalize(), value)
        self.sections: dict[str, QCheckBox] = {}
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        for key, text in SECTION_NAMES.items():
            check = QCheckBox(text)
            check.setChecked(True)
            self.sections[key] = check
            column.addWidget(check)
        self.target = QLineEdit(self._suggested_target())
        browse = QPushButton("Browse...")
        browse.clicked.connect(self._browse)
        target_row = QWidget()
        row = QHBoxLayout(target_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.target, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("&Journey", self.journey)
        form.addRow("&State", self.state)
        form.addRow("&Paper", self.paper)
        form.addRow("Sections", box)
        form.addRow("&File", target_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.start_export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.thread_: QThread | None = None
        self.worker: HandoutWorker | None = None
        self.progress: QProgressDialog | None = None

    def _suggested_target(self) -> str:
        session = self.window_.session
        folder = Path(self.window_.settings.last_folder())  # never the bundled templates
        if session.path is not None and not is_bundled(session.path):
            folder = session.path.parent
        return str(folder / (Path(session.suggested_name).stem + "-handout.pdf"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Handout PDF", self.target.text(), "PDF (*.pdf)"
        )
        if path:
            self.target.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def options(self) -> dict:
        return {
            "journey_id": self.journey.currentData(),
            "state": self.state.currentData(),
            "paper": self.paper.currentData(),
            "sections": [k for k, check in self.sections.items() if check.isChecked()],
        }

    def start_export(self) -> None:
        options = self.options()
        if not options["sections"]:
            QMessageBox.warning(self, "Export Handout", "Choose at least one section.")
            return
        text = self.target.text().strip()
        if not text:
            QMessageBox.warning(self, "Export Handout", "Choose a file for the handout.")
            return
        path = Path(text).expanduser()
        project = self.window_.document.project.copy()
        self.worker = HandoutWorker(project, path, options)
        self.thread_ = QThread(self)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.run)
        self.progress = QProgressDialog("Writing the handout...", "Cancel", 0, 0, self)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self._cancel)
        self.worker.progressed.connect(self._progressed)
        # bound methods of this dialog, so the calls are queued into the GUI thread
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.thread_.start()

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.stop = True

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(total)
            self.progress.setValue(done)

    @Slot()
    def _done(self) -> None:
        self._finish(None)

    @Slot(str)
    def _failed(self, text: str) -> None:
        self._finish(text)

    @Slot()
    def _cancelled(self) -> None:
        self._finish("")

    def _finish(self, error: str | None) -> None:
        """None: written; "": cancelled; else the sentence to show."""
        if self.thread_ is not None:
            self.thread_.quit()
            self.thread_.wait()
        if self.progress is not None:
            self.progress.reset()
            self.progress.hide()
        path = self.worker.path if self.worker else None
        self.thread_ = self.worker = self.progress = None
        if error:
            QMessageBox.critical(self, "Cannot export the handout", plain(error))
            self.finished_export.emit(False)
            return
        self.finished_export.emit(error is None)
        if error is None and path is not None:
            self.window_.settings.set_last_folder(str(path.parent))
            self.window_.statusBar().showMessage(f"Exported {path.name}", 5000)
            self.accept()
