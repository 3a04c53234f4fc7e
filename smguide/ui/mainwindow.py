"""The main window: the urgent panel, the pages, menus and the status bar.

Printing, the question and outcome page, the policy library, the renderer
and the errors page are loaded when first used: each costs start-up time
that the home page does not need.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smguide import __version__
from smguide.core.model import CouncilContent, Library
from smguide.core.problems import Problem, errors
from smguide.core.review import review_overdue
from smguide.ui import themes
from smguide.ui.home import HomePage
from smguide.ui.settings import Settings
from smguide.ui.state import WalkModel
from smguide.ui.style import Active, application_style, next_zoom, palette, palette_theme
from smguide.ui.urgent import UrgentPanel
from smguide.ui.widgets import escape, plain

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from smguide.core.content_source import ContentSource
    from smguide.core.records import Records
    from smguide.core.rendering import Renderer
    from smguide.core.search import SearchIndex
    from smguide.ui.errors import ErrorsPage
    from smguide.ui.library import LibraryPage
    from smguide.ui.manager import PastSessionsPage, SessionPage
    from smguide.ui.walkpage import WalkPage

DEFAULT_SIZE = (1120, 780)


class MainWindow(QMainWindow):
    """One window for the whole guide, showing one council's policy at a time.

    When the chosen council's content has problems (the lines ``smguide
    check`` would print), its trees are not offered and the window lists the
    problems instead; its documents can still be read.
    """

    def __init__(
        self,
        library: Library,
        settings: Settings,
        council_id: str | None = None,
        problems: list[Problem] | None = None,
        *,
        kiosk: bool = False,
        printer: str | None = None,
        source: ContentSource | None = None,
    ) -> None:
        super().__init__()
        self.library_content = library
        self.settings = settings
        #: Kiosk mode: no menus, no shortcuts, no dialogs, no closing (see ui/kiosk.py).
        self.kiosk = kiosk
        #: The printer a kiosk prints to without asking; without one a kiosk cannot print.
        self.kiosk_printer = printer
        self.may_close = not kiosk
        if problems is None:
            from smguide.core.validation import check

            problems = check(library)
        self._all_problems = errors(problems)
        self.content: CouncilContent | None = None
        self.problems: list[str] = []
        self._renderer: Renderer | None = None
        self._search_index: SearchIndex | None = None
        self.model: WalkModel | None = None
        self.urgent: UrgentPanel | None = None
        self.home: HomePage | None = None
        self.errors: ErrorsPage | None = None
        self._walk_page: WalkPage | None = None
        self._library: LibraryPage | None = None
        self._return_to: QWidget | None = None
        self._records: Records | None = None
        self._session_page: SessionPage | None = None
        self._sessions_page: PastSessionsPage | None = None

        self.stack = QStackedWidget()
        central = QWidget()
        central.setObjectName("page")
        self.column = QVBoxLayout(central)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(0)
        self.column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.stack.currentChanged.connect(lambda _index: self._update_actions())
        self.council_label = QLabel()
        self.council_label.setObjectName("hint")
        self.statusBar().addPermanentWidget(self.council_label)
        #: Where the content came from: built in, a content folder, or its last good copy.
        self.content_source = source
        self.content_label = QLabel(source.short() if source else "")
        self.content_label.setObjectName("hint")
        if source is not None and source.short():
            self.content_label.setToolTip(source.describe())
            self.content_label.setAccessibleName(source.short())
            self.content_label.setAccessibleDescription(source.describe())
            self.statusBar().addPermanentWidget(self.content_label)

        #: The theme the system asks for; read cheaply now, exactly when the system changes.
        self.system_theme = palette_theme()
        self._palette_theme: str | None = None
        self._build_menus()
        self._follow_system()
        self.apply_zoom(settings.zoom)
        self._restore_geometry()
        self.show_council(self._choose_council(council_id))
        if settings.notice:
            self.statusBar().showMessage(settings.notice, 15000)

    @property
    def all_problems(self) -> list[str]:
        """Every content problem, in any council (what --self-test reports)."""
        return [problem.format(Path.cwd()) for problem in self._all_problems]

    def _choose_council(self, council_id: str | None) -> str | None:
        """The council asked for, else the one last used here, else the first."""
        councils = self.library_content.councils
        if council_id is not None:
            return self.library_content.council(council_id).id  # unknown: an error
        if self.settings.council in councils:
            return self.settings.council
        return next(iter(councils), None)

    def show_council(self, council_id: str | None) -> None:
        """Show *council_id*'s policy: pages are rebuilt from its content."""
        for page in (
            self.urgent,
            self.home,
            self._walk_page,
            self._library,
            self.errors,
            self._session_page,
            self._sessions_page,
        ):
            if page is not None:
                page.setParent(None)
                page.deleteLater()
        self._session_page = self._sessions_page = None
        if self.model is not None:
            self.model.deleteLater()
        self.urgent = self.home = self.errors = None
        self._walk_page = self._library = None
        self.model = None
        self._return_to = None

        content = self.library_content.councils.get(council_id) if council_id else None
        self.content = content
        self.problems = [
            problem.format(Path.cwd())
            for problem in self.library_content.problems_of(self._all_problems, council_id)
        ]
        self._renderer = None
        self._search_index = None
        name = content.council.name if content else "no council loaded"
        self.setWindowTitle(f"smguide – {name}")
        self.council_label.setText(plain(f"Policy in force: {name}"))
        self.council_label.setAccessibleName(f"Policy in force: {name}")
        if content is not None:
            self.settings.council = content.id

        if self.problems or content is None:
            from smguide.ui.errors import ErrorsPage

            self.errors = ErrorsPage(self.problems, can_read=content is not None)
            self.errors.library_requested.connect(lambda: self.open_library())
            self.errors.quit_requested.connect(self.close)
            self.stack.addWidget(self.errors)
        else:
            self.model = WalkModel(content, self)
            self.urgent = UrgentPanel(content.council.urgent, parent=self.centralWidget())
            self.urgent.tree_chosen.connect(self.start_tree)
            self.column.insertWidget(0, self.urgent)
            # First among the window's children, as on screen: screen readers read in that order.
            self.urgent.stackUnder(self.stack)
            # A council whose documents give no urgent situations has no panel.
            self.urgent.setVisible(bool(content.council.urgent))
            # Made inside the stack: added to it afterwards, the finished page would
            # be styled all over again (a tenth of the start-up's work).
            self.home = HomePage(
                content,
                self.search_index,
                overdue=review_overdue(content.council),
                source_notice=(
                    self.content_source.describe()
                    if self.content_source and self.content_source.fallen_back
                    else ""
                ),
                parent=self.stack,
            )
            self.home.tree_chosen.connect(self.start_tree)
            self.home.outcome_chosen.connect(self.open_outcome)
            self.home.clause_chosen.connect(self.open_library)
            self.home.library_requested.connect(lambda: self.open_library())
            self.model.changed.connect(self._on_walk_changed)
            self.stack.addWidget(self.home)
        for action in self.council_actions.actions():
            action.setChecked(action.data() == council_id)
        self.go_home()
        self._update_actions()  # the first page shown emits no currentChanged

    @property
    def renderer(self) -> Renderer | None:
        """The shown council's renderer, made when a page first needs it (jinja2 is not cheap)."""
        if self._renderer is None and self.content is not None:
            from smguide.core.rendering import Renderer

            self._renderer = Renderer(self.content)
        return self._renderer

    def search_index(self) -> SearchIndex:
        """The shown council's search index, built on its first search."""
        if self._search_index is None or self._search_index.content is not self.content:
            from smguide.core.search import SearchIndex

            if self.content is None:
                raise LookupError("no council is shown, so there is nothing to search")
            self._search_index = SearchIndex(self.content)
        return self._search_index

    @property
    def walk_page(self) -> WalkPage | None:
        """The question and outcome page, built on the first walk (after the first paint)."""
        if self._walk_page is None and self.model is not None and self.renderer is not None:
            from smguide.ui.walkpage import WalkPage

            page = WalkPage(self.model, self.renderer)
            # A kiosk never opens a file dialog, and prints only to the printer IT named.
            page.offers_pdf = not self.kiosk
            page.offers_print = not self.kiosk or self.kiosk_printer is not None
            page.print_requested.connect(self.print_outcome)
            page.pdf_requested.connect(self.save_outcome_pdf)
            page.clause_requested.connect(self.open_library)
            page.outside_link.connect(self._on_outside_link)
            self.stack.addWidget(page)
            self._walk_page = page
        return self._walk_page

    @property
    def library(self) -> LibraryPage | None:
        """The policy library, built the first time it is wanted (it costs start-up time)."""
        if self._library is None and self.content is not None and self.renderer is not None:
            from smguide.ui.library import LibraryPage

            self._library = LibraryPage(self.content, self.renderer, self.search_index)
            self._library.back_requested.connect(self._on_library_back)
            self._library.outside_link.connect(self._on_outside_link)
            self.stack.addWidget(self._library)
        return self._library

    # -- menus --------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        *shortcuts: QKeySequence | QKeySequence.StandardKey | str,
    ) -> QAction:
        # QAction(self), then the text: QAction(text, parent) makes PySide6 try
        # the QIcon overloads first, which builds QIcon's enums (2 ms at start).
        action = QAction(self)
        action.setText(text)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        if not self.kiosk:  # a kiosk has none of the normal shortcuts
            self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_menus(self) -> None:
        """The actions, and the menu bar that offers them (none in kiosk mode)."""
        self.save_pdf_action = self._action(
            "Save as &PDF…", self.save_outcome_pdf, QKeySequence.StandardKey.Save
        )
        self.print_action = self._action(
            "&Print…", self.print_outcome, QKeySequence.StandardKey.Print
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.home_action = self._action("&Home", self.go_home, "Alt+Home")
        self.back_action = self._action("&Back", self.go_back, "Alt+Left")
        self.restart_action = self._action("&Start again", self.restart, "Ctrl+R")
        self.library_action = self._action(
            "Policy &library", lambda: self.open_library(), "Ctrl+L"
        )
        self.search_action = self._action(
            "&Search…", self.focus_search, QKeySequence.StandardKey.Find
        )
        self.bigger_action = self._action(
            "&Bigger text",
            lambda: self.apply_zoom(next_zoom(self.settings.zoom, +1)),
            QKeySequence.StandardKey.ZoomIn,
            "Ctrl+=",
        )
        self.smaller_action = self._action(
            "&Smaller text",
            lambda: self.apply_zoom(next_zoom(self.settings.zoom, -1)),
            QKeySequence.StandardKey.ZoomOut,
        )
        self.reset_zoom_action = self._action(
            "&Reset text size", lambda: self.apply_zoom(100), "Ctrl+0"
        )
        self.about_action = self._action("&About smguide", self.show_about)
        self.new_session_action = self._action(
            "&New manager session…", self.new_session, "Ctrl+Shift+N"
        )
        self.sessions_action = self._action("Manager &sessions…", self.show_sessions)
        self.council_actions = QActionGroup(self)
        self.council_actions.setExclusive(True)
        self.theme_actions = QActionGroup(self)
        self.theme_actions.setExclusive(True)
        for key, label in themes.CHOICES:
            action = QAction(self)
            action.setText(label)
            action.setCheckable(True)
            action.setData(key)
            action.setChecked(key == self.settings.theme)
            action.triggered.connect(lambda _=False, k=key: self.apply_theme(k))
            self.theme_actions.addAction(action)
        if self.kiosk:
            return  # no menus; a kiosk follows the system's theme

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.save_pdf_action, self.print_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        go_menu = bar.addMenu("&Go")
        go_menu.addActions(
            [
                self.home_action,
                self.back_action,
                self.restart_action,
                self.library_action,
                self.search_action,
            ]
        )

        sessions_menu = bar.addMenu("&Sessions")
        sessions_menu.addActions([self.new_session_action, self.sessions_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.bigger_action, self.smaller_action, self.reset_zoom_action])
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.actions():
            theme_menu.addAction(action)
        if len(self.library_content.councils) > 1:
            self.council_menu = bar.addMenu("&Council")
            # Filled when first opened: naming every council would mean
            # reading every council's content before the window can show.
            self.council_menu.aboutToShow.connect(self.fill_council_menu)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def fill_council_menu(self) -> None:
        """One checkable entry per council, the one shown ticked (once; then kept)."""
        if self.council_actions.actions():
            return
        for council_id, council_content in self.library_content.councils.items():
            action = QAction(self)
            action.setText(council_content.council.name)
            action.setCheckable(True)
            action.setData(council_id)
            action.setChecked(self.content is not None and council_id == self.content.id)
            action.triggered.connect(lambda _=False, c=council_id: self.show_council(c))
            self.council_actions.addAction(action)
            self.council_menu.addAction(action)

    def _update_actions(self) -> None:
        finished = bool(
            self.model
            and self.model.walk
            and self.model.walk.outcome is not None
            and self.stack.currentWidget() is self._walk_page
        )
        self.save_pdf_action.setEnabled(finished)
        self.print_action.setEnabled(finished)
        in_walk = self._walk_page is not None and self.stack.currentWidget() is self._walk_page
        self.restart_action.setEnabled(in_walk)
        self.home_action.setEnabled(self.home is not None)
        self.library_action.setEnabled(self.content is not None)

    # -- navigation -----------------------------------------------------------

    @Slot(str)
    def start_tree(self, tree_id: str) -> None:
        # The page must exist before the model announces the walk.
        if self.model is not None and self.walk_page is not None:
            self.model.start(tree_id)

    @Slot(str, list)
    def open_outcome(self, tree_id: str, answers: list[str]) -> None:
        """Open *tree_id* with *answers* given: a search result that leads to an outcome."""
        if self.model is not None and self.walk_page is not None:
            self.model.open(tree_id, answers)

    def focus_search(self) -> None:
        """Ctrl+F: the library's search in the library, else the home page's."""
        if self._library is not None and self.stack.currentWidget() is self._library:
            self._library.focus_search()
            return
        self.go_home()
        if self.home is not None and self.stack.currentWidget() is self.home:
            self.home.search.focus_field()

    @Slot()
    def _on_walk_changed(self) -> None:
        page = self._walk_page
        if self.model is None or page is None:
            return
        if self.model.walk is None:
            self.go_home()
            return
        self.stack.setCurrentWidget(page)
        self._update_actions()
        page.focus_heading()

    def go_home(self) -> None:
        target = self.home or self.errors
        if target is None:
            return
        if self.model is not None and self.model.walk is not None:
            self.model.leave()
            return  # _on_walk_changed comes back here with no walk
        self.stack.setCurrentWidget(target)
        target.focus_first()

    def go_back(self) -> None:
        current = self.stack.currentWidget()
        if current is self._library:
            self._on_library_back()
        elif current is self._walk_page and self.model is not None and not self.model.back():
            self.go_home()

    def restart(self) -> None:
        if self.model is not None and self.stack.currentWidget() is self._walk_page:
            self.model.restart()

    @Slot(str)
    def open_library(self, clause_id: str | None = None) -> None:
        library = self.library
        if library is None:
            return
        if self.stack.currentWidget() is not library:
            self._return_to = self.stack.currentWidget()
        if clause_id and not library.show_clause(clause_id):
            self.statusBar().showMessage(f"The clause {clause_id} is not in the library.", 8000)
        self.stack.setCurrentWidget(library)
        library.documents.setFocus()

    @Slot()
    def _on_library_back(self) -> None:
        target = self._return_to or self.home or self.errors
        if target is not None:
            self.stack.setCurrentWidget(target)
            if self._walk_page is not None and target is self._walk_page:
                self._walk_page.focus_heading()
            for page in (self.home, self.errors):
                if page is not None and target is page:
                    page.focus_first()

    @Slot(str)
    def _on_outside_link(self, address: str) -> None:
        self.statusBar().showMessage(f"The guide does not open links outside it: {address}", 10000)

    # -- text size ------------------------------------------------------------

    def apply_zoom(self, zoom: int) -> None:
        self.settings.zoom = zoom
        self._apply_style()
        if not self.kiosk:  # a kiosk's text size is not the user's to change
            self.statusBar().showMessage(f"Text size {self.settings.zoom}%", 3000)

    # -- theme ----------------------------------------------------------------

    @property
    def theme(self) -> str:
        """The theme shown: the one chosen in the View menu, else the system's."""
        chosen = self.settings.theme
        return self.system_theme if chosen == themes.SYSTEM or self.kiosk else chosen

    def apply_theme(self, choice: str) -> None:
        """Show *choice* (a theme, or ``system``) and remember it."""
        if choice == themes.SYSTEM:
            from smguide.ui.style import system_theme

            self.system_theme = system_theme()
        self.settings.theme = choice
        self._apply_style()
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == self.settings.theme)
        labels = dict(themes.CHOICES)
        self.statusBar().showMessage(f"Theme: {labels[self.theme]}", 3000)

    def _follow_system(self) -> None:
        """Listen for the system's colour scheme and contrast preference changing.

        Connecting names no ``Qt`` enum, so it costs start-up nothing.
        """
        from PySide6.QtGui import QGuiApplication

        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_theme_changed)
        accessibility = getattr(hints, "accessibility", None)  # Qt 6.10+
        if accessibility is not None:
            accessibility().contrastPreferenceChanged.connect(self._on_system_theme_changed)

    @Slot()
    def _on_system_theme_changed(self) -> None:
        from smguide.ui.style import system_theme

        self.system_theme = system_theme()
        if self.settings.theme == themes.SYSTEM or self.kiosk:
            self._apply_style()

    def _apply_style(self) -> None:
        """The style sheet and palette for the text size and theme, and rich text to match."""
        theme = self.theme
        Active.theme, Active.zoom = theme, self.settings.zoom
        if theme != self._palette_theme:
            self._palette_theme = theme
            QApplication.setPalette(palette(theme))
        self.setStyleSheet(application_style(self.settings.zoom, theme, kiosk=self.kiosk))
        # Rich text views exist only once the module is loaded (it is not, at start-up).
        richview = sys.modules.get("smguide.ui.richview")
        if richview is not None:
            for view in self.findChildren(richview.RichView):
                view.restyle()

    # -- print and PDF -------------------------------------------------------

    def _printable(self) -> tuple[str, str] | None:
        walk = self.model.walk if self.model else None
        if walk is None or walk.outcome is None or self.renderer is None:
            return None
        html = self.renderer.printable(walk, datetime.datetime.now(), __version__)
        return html, f"{walk.outcome.title} – {walk.tree.title}"

    def ask_pdf_path(self, suggested: str) -> Path | None:
        """Where to save, from the standard dialog; None when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or Path.home()) / suggested)
        chosen, _ = QFileDialog.getSaveFileName(self, "Save as PDF", start, "PDF files (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

    def ask_printer(self) -> QPrinter | None:
        """The printer to use: chosen in the print dialog, or a kiosk's own without asking."""
        from smguide.ui.printing import new_printer

        if self.kiosk:
            return self._kiosk_printer()
        from PySide6.QtPrintSupport import QPrintDialog

        printer = new_printer()
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def _kiosk_printer(self) -> QPrinter | None:
        from PySide6.QtPrintSupport import QPrinterInfo

        from smguide.ui.printing import new_printer

        name = self.kiosk_printer
        if name is None:
            return None
        if name not in QPrinterInfo.availablePrinterNames():
            self.statusBar().showMessage(
                f"The printer {name} is not available, so nothing was printed. "
                "Please tell the trainer.",
                15000,
            )
            return None
        printer = new_printer()
        printer.setPrinterName(name)
        if printer.printerName() != name:  # Qt falls back to another printer: don't
            self.statusBar().showMessage(
                f"The printer {name} could not be used, so nothing was printed. "
                "Please tell the trainer.",
                15000,
            )
            return None
        return printer

    @Slot()
    def save_outcome_pdf(self) -> None:
        from smguide.ui.printing import suggested_pdf_name

        printable = self._printable()
        walk = self.model.walk if self.model else None
        if printable is None or walk is None:
            return
        html, title = printable
        self._save_pdf(html, suggested_pdf_name(walk, datetime.date.today()), title)

    def _save_pdf(self, html: str, suggested: str, title: str) -> None:
        """Ask where, save *html* there as a PDF, and say how it went."""
        from smguide.ui.printing import PrintError, save_pdf

        if self.kiosk:  # no file dialogs, and nothing written to disk
            return
        path = self.ask_pdf_path(suggested)
        if path is None:
            return
        try:
            save_pdf(html, path, title=title)
        except PrintError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Could not save the PDF", str(error))
            return
        self.statusBar().showMessage(f"Saved to {path}", 10000)

    @Slot()
    def print_outcome(self) -> None:
        from smguide.ui.printing import PrintError, print_html

        printable = self._printable()
        if printable is None:
            return
        printer = self.ask_printer()
        if printer is None:
            return
        try:
            print_html(printable[0], printer, title=printable[1])
        except PrintError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Could not print", str(error))
            return
        self.statusBar().showMessage("Sent to the printer.", 8000)

    # -- about, geometry ------------------------------------------------------

    def about_text(self) -> str:
        lines = [
            f"<h3>smguide {__version__}</h3>",
            "<p>A guide to your council's social media policy. It works offline.</p>",
        ]
        if self.content is not None:
            lines.append(f"<p><b>{self.content.council.name}</b></p><ul>")
            for document in self.content.documents.values():
                version = f", version {document.version}" if document.version else ""
                lines.append(f"<li>{document.title}{version}: {document.status}</li>")
            lines.append("</ul>")
        if self.content_source is not None:
            lines.append(f"<p>{escape(self.content_source.describe())}</p>")
        return "".join(lines)

    @Slot()
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About smguide", self.about_text())

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            width, height = DEFAULT_SIZE
            if screen is not None:
                available = screen.availableGeometry()
                width = min(width, available.width())
                height = min(height, available.height())
            self.resize(width, height)

    def reset_for_next_person(self, zoom: int) -> None:
        """Forget everything the last person did: a kiosk's reset after inactivity.

        The pages are rebuilt from the content, so no answer, search, library
        position or scroll survives anywhere in a widget; the walk model goes
        with them; the text size and the clipboard are reset too.
        """
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if self.model is not None:
            self.model.leave()
        self.show_council(self.content.id if self.content else None)
        self.apply_zoom(zoom)
        self.statusBar().clearMessage()
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()

    # -- manager sessions ------------------------------------------------------

    def records(self) -> Records | None:
        """The manager-session records, opened on first use; None if they cannot be."""
        if self.kiosk:
            return None  # a kiosk keeps no records
        if self._records is None:
            from PySide6.QtWidgets import QMessageBox

            from smguide.core.records import Records, RecordsError
            from smguide.ui.manager import records_path

            try:
                self._records, notice = Records.open(records_path())
            except RecordsError as error:
                QMessageBox.warning(self, "Manager sessions are not available", str(error))
                return None
            if notice:
                QMessageBox.information(self, "Manager sessions", notice)
        return self._records

    def new_session(self) -> None:
        """Ask who and what, start the session with the suggested topics, and open it."""
        from smguide.core.records import RecordsError
        from smguide.core.sessions import suggested_topics
        from smguide.ui.manager import NewSessionDialog, date_of

        records = self.records()
        if records is None or self.content is None:
            return
        dialog = NewSessionDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        topics = suggested_topics(self.content, vulnerable=dialog.vulnerable.isChecked())
        try:
            session = records.create_session(
                self.content.id,
                dialog.kind.currentData(),
                dialog.names(),
                dialog.manager.text(),
                date_of(dialog.date.date()),
                role=dialog.role.text(),
                topics=topics,
            )
        except RecordsError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "The session was not started", str(error))
            return
        self.open_session(session.id)

    def open_session(self, session_id: int) -> None:
        from smguide.core.records import RecordsError
        from smguide.ui.manager import SessionPage

        records = self.records()
        if records is None or self.content is None or self.renderer is None:
            return
        if self._session_page is not None:
            self._session_page.setParent(None)
            self._session_page.deleteLater()
            self._session_page = None
        try:
            page = SessionPage(records, session_id, self.content, self.renderer)
        except RecordsError as error:
            self.statusBar().showMessage(str(error), 10000)
            return
        page.closed.connect(self.show_sessions)
        page.pdf_requested.connect(self.save_session_pdf)
        page.clause_requested.connect(self.open_library)
        page.outside_link.connect(self._on_outside_link)
        self.stack.addWidget(page)
        self._session_page = page
        self.stack.setCurrentWidget(page)
        page.topics.setFocus()

    def show_sessions(self) -> None:
        from smguide.ui.manager import PastSessionsPage

        records = self.records()
        if records is None or self.content is None:
            return
        if self._sessions_page is None:
            page = PastSessionsPage(records, self.content)
            page.open_requested.connect(self.open_session)
            page.back_requested.connect(self.go_home)
            self.stack.addWidget(page)
            self._sessions_page = page
        else:
            self._sessions_page.refresh()
        self.stack.setCurrentWidget(self._sessions_page)
        self._sessions_page.table.setFocus()

    def save_session_pdf(self, session_id: int) -> None:
        from smguide.core.records import RecordsError
        from smguide.ui.printing import suggested_record_name

        records = self.records()
        if records is None or self.renderer is None:
            return
        try:
            session = records.session(session_id)
        except RecordsError as error:
            self.statusBar().showMessage(str(error), 10000)
            return
        html = self.renderer.session_record(session, datetime.datetime.now(), __version__)
        title = f"{session.kind} record, {session.date.isoformat()}"
        self._save_pdf(html, suggested_record_name(session), title)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close:  # a kiosk: the close button, Alt+F4, a log-off prompt
            event.ignore()
            return
        if self._records is not None:
            self._records.close()
            self._records = None
        self.settings.geometry = self.saveGeometry()
        self.settings.save()
        super().closeEvent(event)
