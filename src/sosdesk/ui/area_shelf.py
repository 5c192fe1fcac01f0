"""The window's areas, each built the first time it is needed (issue 21: unlock to a usable
desk in under a second). Until then a tab holds an empty placeholder, so unlocking builds
only the area on show; Ctrl+<n>, a click or any code asking for an area builds it then.

An area built while the desk is unlocked reads its own data in its constructor (the areas'
convention: `if not ctx.is_locked: ...`), so nothing has to be replayed for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QStackedWidget, QWidget

from sosdesk.ui.areas import AREAS, AreaSpec, build_area
from sosdesk.ui.context import AppContext


class AreaShelf(Mapping[str, QWidget]):
    """Every area by key (in tab order); reading one builds it into its place in the stack."""

    def __init__(
        self,
        ctx: AppContext,
        stack: QStackedWidget,
        on_built: Callable[[str, QWidget], None],
        specs: tuple[AreaSpec, ...] = AREAS,
    ) -> None:
        self._ctx = ctx
        self._stack = stack
        self._on_built = on_built
        self.specs = {spec.key: spec for spec in specs}
        self._built: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        for key in self.specs:
            holder = QWidget(stack)
            holder.setObjectName(f"area_placeholder_{key}")
            self._placeholders[key] = holder
            stack.addWidget(holder)

    def __getitem__(self, key: str) -> QWidget:
        built = self._built.get(key)
        if built is not None:
            return built
        spec = self.specs[key]  # KeyError for an unknown area, as a dict would
        widget = build_area(spec, self._ctx)
        holder = self._placeholders.pop(key)
        index = self._stack.indexOf(holder)
        self._stack.insertWidget(index, widget)
        self._stack.removeWidget(holder)
        holder.deleteLater()
        self._built[key] = widget
        self._on_built(key, widget)
        return widget

    def __iter__(self) -> Iterator[str]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)

    def built(self) -> dict[str, QWidget]:
        """The areas built so far (the only ones that can hold client data)."""
        return dict(self._built)

    def key_of(self, widget: QWidget | None) -> str | None:
        """Which area `widget` is (None for a placeholder or anything else)."""
        return next((k for k, w in self._built.items() if w is widget), None)
