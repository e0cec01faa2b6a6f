"""File gestures of a window: new, open, recent, save, Save As, export, close prompt, recovery.

Every refusal arrives as a `MotdeskError` and is shown as its one sentence in a
message box; nothing is changed when a file is refused.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from motdesk.errors import MotdeskError, sentence
from motdesk.ui.session import PROJECT_SUFFIX, Session
from motdesk.ui.settings import is_bundled
from motdesk.ui.text import literal, plain

if TYPE_CHECKING:
    from motdesk.ui.mainwindow import MainWindow

OPEN_FILTER = "motdesk projects (*.motdesk);;JSON projects (*.json);;All files (*)"
SAVE_FILTER = "motdesk projects (*.motdesk)"
JSON_FILTER = "JSON (*.json)"
MB = QMessageBox.StandardButton


class FileController:
    """Connects the File menu of one window to its session."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        a = window.actions
        a.new.triggered.connect(self.new)
        a.new_from_template.triggered.connect(self.new_from_template)
        a.open.triggered.connect(self.open)
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.export_json.triggered.connect(self.export_json)
        a.export_handout.triggered.connect(self.export_handout)
        a.close.triggered.connect(self.close)
        a.quit.triggered.connect(self.quit)
        window.menus["recent"].aboutToShow.connect(self.fill_recent_menu)
        self.recovery = None
        self._start_recovery()

    @property
    def session(self) -> Session:
        return self.window.session

    def error(self, exc: Exception, title: str = "motdesk") -> None:
        QMessageBox.critical(self.window, title, plain(sentence(str(exc))))

    # -- opening -------------------------------------------------------------
    def show_session(self, session: Session) -> None:
        """Show the session in this window if it is pristine, else in a new window."""
        from motdesk.ui.mainwindow import MainWindow

        if self.window.is_pristine():
            self.window.replace_session(session)
            self.window.files._start_recovery()
            self.window.activateWindow()
        else:
            other = MainWindow(session, self.window.settings)
            other.show()

    def new(self) -> None:
        from motdesk.ui.mainwindow import MainWindow

        MainWindow(Session.new(), self.window.settings).show()

    def new_from_template(self) -> None:
        from motdesk.resources import templates

        items = templates()
        if not items:
            QMessageBox.information(self.window, "motdesk", "There are no templates installed.")
            return
        choices = template_choices(items)
        names = [text for text, _ in choices]
        name, ok = QInputDialog.getItem(
            self.window, "New from Template", "Start from the sample project:", names, 0, False
        )
        if not ok or name not in names:
            return
        project = choices[names.index(name)][1]
        if isinstance(project, Exception):
            self.error(project)
            return
        self.show_session(Session.new(project))

    def open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open Project", self.window.settings.last_folder(), OPEN_FILTER
        )
        if path:
            self.open_path(path)

    def open_path(self, path: str | os.PathLike[str]) -> bool:
        """Open a file (in this window if pristine); a refusal is shown and changes nothing."""
        path = Path(path)
        from motdesk.ui.mainwindow import WINDOWS

        for window in WINDOWS:
            if window.session.path is not None and _same(window.session.path, path):
                window.raise_()
                window.activateWindow()
                return True
        try:
            session = Session.open(path)
        except MotdeskError as exc:
            self.refused(exc, path)
            return False
        self.remember(session, path)
        self.show_session(session)
        return True

    def refused(self, exc: MotdeskError, path: str | os.PathLike[str]) -> None:
        """Say why a file was not opened; a project file that is gone leaves Open Recent."""
        path = Path(path)
        self.error(exc, "Cannot open the file")
        if path.suffix.lower() == PROJECT_SUFFIX and not path.exists():
            self.window.settings.remove_recent(str(path))

    def remember(self, session: Session, path: str | os.PathLike[str]) -> None:
        """What opening a file remembers: the recent file, or the folder of an import."""
        if session.path is not None:
            self.window.settings.add_recent(session.path)
        else:
            self.window.settings.set_last_folder(str(Path(path).resolve().parent))

    def fill_recent_menu(self) -> None:
        menu = self.window.menus["recent"]
        menu.clear()
        recent = self.window.settings.recent_files()
        for i, path in enumerate(recent, 1):
            action = menu.addAction(f"&{i % 10} {literal(Path(path).name)}")
            action.setToolTip(plain(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            menu.addAction("No recent files").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear Menu").triggered.connect(self.window.settings.clear_recent)

    # -- saving --------------------------------------------------------------
    def save(self) -> bool:
        """Save to the file; untitled projects ask for one; read-only ones offer Save As."""
        self.window.finish_typing()
        session = self.session
        if session.path is None:
            return self.save_as()
        if session.read_only:
            answer = QMessageBox.warning(
                self.window,
                "Cannot save",
                plain(
                    f"{session.path.name} cannot be saved here because "
                    f"{session.read_only_reason}. Save your changes to another file?"
                ),
                MB.Save | MB.Cancel,
                MB.Save,
            )
            return self.save_as() if answer == MB.Save else False
        try:
            session.save()
        except MotdeskError as exc:
            self.error(exc, "Cannot save")
            return False
        self._saved()
        return True

    def save_as(self) -> bool:
        self.window.finish_typing()
        session = self.session
        folder = self.window.settings.last_folder()
        if session.path is not None and not is_bundled(session.path):
            folder = str(session.path.parent)
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Save Project As",
            str(Path(folder) / session.suggested_name),
            SAVE_FILTER,
        )
        if not path:
            return False
        try:
            session.save_as(path)
        except MotdeskError as exc:
            self.error(exc, "Cannot save")
            return False
        self.window.settings.add_recent(session.path)
        self._saved()
        return True

    def _saved(self) -> None:
        self.window.update_title()
        self.window.statusBar().showMessage(f"Saved {self.session.display_name}", 4000)

    def export_json(self) -> None:
        self.window.finish_typing()
        from motdesk.graph.jsonio import write_project

        stem = Path(self.session.suggested_name).stem
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export JSON",
            str(Path(self.window.settings.last_folder()) / f"{stem}.json"),
            JSON_FILTER,
        )
        if not path:
            return
        try:
            write_project(self.session.document.project, path)
        except OSError as exc:
            QMessageBox.critical(
                self.window,
                "Cannot export",
                plain(f"{path} could not be written: {exc.strerror or exc}."),
            )
            return
        self.window.statusBar().showMessage(f"Exported {Path(path).name}", 4000)

    def export_handout(self) -> None:
        self.window.finish_typing()
        from motdesk.ui.dialogs.export import ExportHandoutDialog

        dialog = ExportHandoutDialog(self.window)
        dialog.exec()

    # -- closing -------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; False keeps the window."""
        self.window.finish_typing()
        if self.session.document.history.is_clean:
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            plain(f"Save the changes to {self.session.display_name} before closing?"),
            MB.Save | MB.Discard | MB.Cancel,
            MB.Save,
        )
        if answer == MB.Save:
            return self.save()
        return answer == MB.Discard

    def close(self) -> None:
        """File > Close: this window; the last one stays open on a new untitled project
        (Quit is how to leave), unless it shows an untouched one already."""
        from motdesk.ui.mainwindow import WINDOWS

        window = self.window
        if len(WINDOWS) > 1 or window.is_pristine():
            window.close()
            return
        if not self.maybe_save():
            return
        self.stop()
        window.replace_session(Session.new())
        self._start_recovery()

    def quit(self) -> None:
        from motdesk.ui.mainwindow import WINDOWS

        for window in list(WINDOWS):
            if not window.close():
                return

    def stop(self) -> None:
        if self.recovery is not None:
            self.recovery.stop()
            self.recovery = None

    # -- recovery ------------------------------------------------------------
    def _start_recovery(self) -> None:
        from motdesk.ui.recovery import RecoveryDriver

        if self.recovery is not None:
            self.recovery.stop()
        self.recovery = RecoveryDriver.for_session(self.session)

    def offer_recoveries(self) -> None:
        from motdesk.ui.recovery import offer_recoveries

        offer_recoveries(self.window)


def template_choices(items: list) -> list[tuple[str, object]]:
    """Each template as `motdesk templates` lists it, its title and step count
    ("Northwind Air – disrupted business trip  (32 steps)"), with its project, or with
    why it cannot be read (then named by its file)."""
    choices: list[tuple[str, object]] = []
    for template in items:
        try:
            project = template.load()
        except (MotdeskError, OSError, ValueError) as exc:
            choices.append((f"{template.name.replace('_', ' ')}  (cannot be read)", exc))
            continue
        steps = project.step_count
        title = project.title.strip() or template.name.replace("_", " ")
        text = f"{title}  ({steps} step{'s' if steps != 1 else ''})"
        if any(text == seen for seen, _ in choices):  # the list answers with the text chosen
            text += f"  [{template.name}]"
        choices.append((text, project))
    return choices


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
