"""The home page: the council, its documents, and one tile per situation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from smguide.core.model import CouncilContent, Tree
from smguide.ui.searchbox import SearchPanel
from smguide.ui.widgets import WrapButton, plain, scrolling_column

if TYPE_CHECKING:
    from smguide.core.search import SearchIndex


def home_trees(content: CouncilContent) -> list[Tree]:
    """The trees in the order council.yaml gives, then any others by title."""
    listed = [content.trees[t] for t in content.council.trees if t in content.trees]
    rest = sorted(
        (t for t in content.trees.values() if t.id not in content.council.trees),
        key=lambda tree: tree.title,
    )
    return listed + rest


def versions_text(content: CouncilContent) -> str:
    """The documents in force, as one line; superseded ones are in the library."""
    parts = []
    for document in content.documents.values():
        if not document.current:
            continue
        version = f", version {document.version}" if document.version else ""
        parts.append(f"{document.title}{version} ({document.status})")
    return "Policy: " + " · ".join(parts)


class HomePage(QScrollArea):
    """Where every visit starts: what do you need help with?"""

    tree_chosen = Signal(str)
    #: A search result: a tree and the answers that lead to the outcome found.
    outcome_chosen = Signal(str, list)
    clause_chosen = Signal(str)
    library_requested = Signal()

    def __init__(
        self,
        content: CouncilContent,
        search_index: Callable[[], SearchIndex],
        *,
        overdue: bool = False,
        source_notice: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        layout = scrolling_column(self, (32, 24, 32, 24))

        self.title = QLabel(plain(content.council.name))
        self.title.setObjectName("pageTitle")
        self.title.setAccessibleName(f"{content.council.name} social media guide")
        layout.addWidget(self.title)
        versions = QLabel(plain(versions_text(content)))
        versions.setObjectName("versions")
        versions.setWordWrap(True)
        layout.addWidget(versions)
        self.review_notice: QLabel | None = None
        due = content.council.review_due
        if overdue and due is not None:
            # Quiet on purpose: the guidance is still what the council issued.
            self.review_notice = QLabel(
                f"This policy was due for review on {due.day} {due:%B %Y}."
            )
            self.review_notice.setObjectName("hint")
            self.review_notice.setWordWrap(True)
            layout.addWidget(self.review_notice)
        #: Says so when the content folder IT configured is not what is shown.
        self.source_notice: QLabel | None = None
        if source_notice:
            self.source_notice = QLabel(source_notice)
            self.source_notice.setObjectName("hint")
            self.source_notice.setWordWrap(True)
            layout.addWidget(self.source_notice)

        layout.addSpacing(8)
        self.search = SearchPanel(search_index)
        self.search.tree_chosen.connect(self.tree_chosen)
        self.search.outcome_chosen.connect(self.outcome_chosen)
        self.search.clause_chosen.connect(self.clause_chosen)
        layout.addWidget(self.search)

        self.topics_heading = QLabel("Or choose what you need help with")
        self.topics_heading.setObjectName("sectionTitle")
        layout.addSpacing(8)
        layout.addWidget(self.topics_heading)

        self.topics = QWidget()
        grid = QGridLayout(self.topics)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.tiles: dict[str, WrapButton] = {}
        for index, tree in enumerate(home_trees(content)):
            tile = WrapButton(lines=[("tileTitle", tree.title), ("tileSummary", tree.summary)])
            tile.setObjectName("tile")
            tile.setAutoDefault(True)  # Enter on a focused tile opens it
            tile.setAccessibleName(tree.title)
            tile.setAccessibleDescription(tree.summary)
            tile.clicked.connect(lambda _=False, tree_id=tree.id: self.tree_chosen.emit(tree_id))
            grid.addWidget(tile, index // 2, index % 2)
            self.tiles[tree.id] = tile
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addWidget(self.topics)
        # While there are suggestions, they take the topics' place.
        self.search.searching.connect(lambda on: self.topics_heading.setVisible(not on))
        self.search.searching.connect(lambda on: self.topics.setVisible(not on))

        row = QHBoxLayout()
        self.library_button = QPushButton("Read the policy documents")
        self.library_button.setObjectName("secondary")
        self.library_button.setAccessibleName("Read the policy documents")
        self.library_button.clicked.connect(self.library_requested)
        row.addWidget(self.library_button)
        row.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(row)
        layout.addStretch(1)

    def focus_first(self) -> None:
        """Focus the council's name, so a screen reader says where the user is.

        Given focus, not reachable by Tab: the tiles follow it in Tab order.
        """
        self.title.setFocus()
