"""Project properties: title, organisation, facilitator, workshop date, notes, emotion scale.

OK applies every change as one undoable unit; Cancel changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from motdesk.errors import sentence
from motdesk.graph.validation import DocumentError
from motdesk.graph.vocabulary import EMOTION_SCALES
from motdesk.ui.text import plain

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow


class ProjectDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Project Properties")
        self.resize(520, 420)
        project = window.document.project
        self.title = QLineEdit(project.title)
        self.organisation = QLineEdit(project.organisation)
        self.facilitator = QLineEdit(project.facilitator)
        self.has_date = QCheckBox("held on")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        when = QDate.fromString(project.workshop_date or "", "yyyy-MM-dd")
        self.has_date.setChecked(when.isValid())
        self.date.setDate(when if when.isValid() else QDate.currentDate())
        self.date.setEnabled(when.isValid())
        self.has_date.toggled.connect(self.date.setEnabled)
        date_row = QWidget()
        row = QHBoxLayout(date_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_date)
        row.addWidget(self.date, 1)
        self.notes = QPlainTextEdit(project.notes)
        self.scale = QComboBox()
        for code, scale in EMOTION_SCALES.items():
            self.scale.addItem(f"{code}  ({scale.names[0]} to {scale.names[-1]})", code)
        self.scale.setCurrentIndex(self.scale.findData(project.emotion_scale))
        scale_note = QLabel()
        scale_note.setWordWrap(True)
        scale_note.setStyleSheet("color: #666;")
        self.scale_note = scale_note
        self.scale.currentIndexChanged.connect(self._explain_scale)
        self._explain_scale()
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Facilitator", self.facilitator)
        form.addRow("&Workshop date", date_row)
        form.addRow("&Notes", self.notes)
        form.addRow("&Emotion scale", self.scale)
        form.addRow(scale_note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _explain_scale(self) -> None:
        """What a change of scale does to the emotions already given, before it is made."""
        current = self.window_.document.project.scale
        chosen = EMOTION_SCALES.get(self.scale.currentData(), current)
        levels = (current.high - current.low + 1, chosen.high - chosen.low + 1)
        if chosen == current:
            text = "Changing the scale converts every emotion of the project."
        elif levels[1] < levels[0]:
            text = (
                f"Every emotion is converted from {current} to {chosen}: {levels[0]} levels "
                f"become {levels[1]}, so some that differ now will be the same "
                "(Undo brings them back)."
            )
        else:
            text = (
                f"Every emotion is converted from {current} to {chosen}, each to its nearest level."
            )
        self.scale_note.setText(text)

    def changes(self) -> dict[str, object]:
        project = self.window_.document.project
        values = {
            "title": self.title.text(),
            "organisation": self.organisation.text(),
            "facilitator": self.facilitator.text(),
            "workshop_date": self.date.date().toString("yyyy-MM-dd")
            if self.has_date.isChecked()
            else None,
            "notes": self.notes.toPlainText(),
        }
        return {k: v for k, v in values.items() if getattr(project, k) != v}

    def accept(self) -> None:
        document = self.window_.document
        changes = self.changes()
        scale = self.scale.currentData()
        try:
            with document.history.group("Change project properties"):
                if changes:
                    document.update_project(**changes)
                if scale != document.project.emotion_scale:
                    document.set_emotion_scale(scale)
        except DocumentError as exc:
            QMessageBox.warning(self, "Project Properties", plain(sentence(str(exc))))
            return
        super().accept()
