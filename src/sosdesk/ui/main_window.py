"""The desk window: the unlock screen, then the search bar (always visible), the areas of
sosdesk.ui.areas switched by Ctrl+1..6, and the status bar. Locks on Ctrl+L and when idle:
the call in progress is kept as a draft, every area is cleared, the engine is disposed, and
only the unlock screen remains; unlocking returns to the same area and field.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk import logtail
from sosdesk.domain.clock import set_desk_zone
from sosdesk.domain.messages import CodedError
from sosdesk.logtail import Code
from sosdesk.services.night_shift import call_hold_minutes, desk_time_zone
from sosdesk.services.preferences import FONT_SIZES, Preferences, load_preferences
from sosdesk.services.preferences import update_preferences as store_preferences
from sosdesk.services.session import Database, DatabaseMissing, InstanceLock, StoreError
from sosdesk.ui import i18n
from sosdesk.ui.area_shelf import AreaShelf
from sosdesk.ui.areas import AREAS, Area, build_area, warm_up
from sosdesk.ui.auth.idle_watch import IdleWatch
from sosdesk.ui.auth.unlock_screen import LANGUAGE_NAMES, UnlockScreen
from sosdesk.ui.auth.users_dialog import UsersDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.followups.badge import OverdueBadge
from sosdesk.ui.intake.call_log import CallLog
from sosdesk.ui.intake.handover_view import HandoverView
from sosdesk.ui.retention.dialog import RetentionCheck
from sosdesk.ui.search.search_bar import SearchBar
from sosdesk.ui.search_tidier import SearchTidier
from sosdesk.ui.theme import apply_theme, remember_theme, resolve
from sosdesk.ui.widgets.accessible_names import AccessibleNames
from sosdesk.ui.widgets.desk_status import DeskStatus
from sosdesk.ui.widgets.diagnostics_dialog import DiagnosticsDialog
from sosdesk.ui.widgets.drop_list import DropList
from sosdesk.ui.widgets.preferences_dialog import PreferencesDialog
from sosdesk.ui.widgets.shortcut_help import ShortcutHelp, area_keys

_log = logging.getLogger(__name__)
_WARM_UP_MS = 300  # after unlock, once the desk has been painted and the operator looks at it


def load_areas(ctx: AppContext) -> list[tuple[str, str, QWidget]]:
    """(key, shortcut, widget) of every area; one that fails to build shows why instead."""
    return [(spec.key, spec.shortcut, build_area(spec, ctx)) for spec in AREAS]


class MainWindow(QMainWindow):
    """One database, one window; `lock()` and the unlock screen guard it."""

    def __init__(
        self,
        db_path: Path,
        user: str = "",
        *,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        logtail.install()  # the in-memory tail behind Help → Diagnostics; never a file
        self.prefs = prefs or Preferences()
        self.ctx = AppContext(None, self.prefs.lang)
        self._db: Database | None = None
        self.db_path = db_path
        self.instance_lock = InstanceLock(db_path)
        self.areas: Mapping[str, QWidget] = {}  # each one an `Area`, built on first use
        self.area_buttons: dict[str, QToolButton] = {}
        self._resume_area = "calls"
        self._lock_reason = ""
        self._focus_before: QWidget | None = None
        self._focus_at_lock: QWidget | None = None
        self._look: tuple[str, int] | None = None
        self.desk: QWidget | None = None
        self.search: SearchBar | None = None
        self.area_stack: QStackedWidget | None = None

        self.unlock_screen = UnlockScreen(
            db_path, user, self.instance_lock, self.ctx.pool, self.prefs.lang
        )
        self.unlock_screen.unlocked.connect(self._unlocked)
        # Queued, so "Unlocking…" is painted before the desk is built.
        self.unlock_screen.unlocking.connect(self._prepare_desk, Qt.ConnectionType.QueuedConnection)
        self.unlock_screen.language_chosen.connect(self.set_language)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.unlock_screen)
        self.setCentralWidget(self.stack)
        self.status = DeskStatus(self.statusBar())
        self.status.set_state(self.unlock_screen.desk_code or "", "", True)
        self.idle = IdleWatch(self.prefs.idle_minutes, self)
        self.names = AccessibleNames(self)  # every control a screen reader reaches has a name
        self.idle.idle.connect(lambda: self.lock("idle"))
        self.tidier = SearchTidier(self.ctx, self.idle, self._call_running, self)
        self.ctx.open_client_requested.connect(self.open_client)
        self.menu_actions: dict[str, QAction] = {}
        self._build_menus()
        self._set_locked_ui(True)
        self.resize(1280, 800)
        self.retranslate()
        if not db_path.exists():
            self.unlock_screen.message.show_problem(
                self.unlock_screen.explain(DatabaseMissing(str(db_path.name)))
            )
        self.unlock_screen.focus_first()

    # -- building --------------------------------------------------------------------------

    def _action(
        self,
        key: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Any,
        menu: QMenu,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        self.menu_actions[key] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.desk_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self._action("new_call", "Ctrl+N", self.new_call, self.desk_menu)
        self._action("tally", "Ctrl+T", self.quick_tally, self.desk_menu)
        self._action("find", "Ctrl+K", self.focus_search, self.desk_menu)
        self._action("users", None, self.manage_users, self.desk_menu)
        self._action("call_log", "Ctrl+Shift+L", self.show_call_log, self.desk_menu)
        self._action("handover", "Ctrl+Shift+H", self.show_handover, self.desk_menu)
        self.desk_menu.addSeparator()
        self._action("lock", "Ctrl+L", lambda: self.lock("manual"), self.desk_menu)
        self._action("quit", "Ctrl+Q", self.close, self.desk_menu)
        self.area_menu = self.view_menu.addMenu("")
        self.view_menu.addSeparator()
        self._action("dark", "Ctrl+Shift+D", self.toggle_theme, self.view_menu)
        self._action("bigger", "Ctrl++", lambda: self.change_font(1), self.view_menu)
        bigger_too = QAction(self)
        bigger_too.setShortcut(QKeySequence("Ctrl+="))
        bigger_too.triggered.connect(lambda: self.change_font(1))
        self.addAction(bigger_too)
        self._action("smaller", "Ctrl+-", lambda: self.change_font(-1), self.view_menu)
        self._action("normal", "Ctrl+Alt+0", lambda: self.change_font(0), self.view_menu)
        self.lang_menu = self.view_menu.addMenu("")
        group = QActionGroup(self)
        for code, name in LANGUAGE_NAMES:
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.ctx.lang)
            action.triggered.connect(lambda _on=False, c=code: self.set_language(c))
            group.addAction(action)
            self.lang_menu.addAction(action)
            self.menu_actions[f"lang_{code}"] = action
        self.view_menu.addSeparator()
        self._action("prefs", "Ctrl+,", self.edit_preferences, self.view_menu)
        self._action("help", "F1", self.show_help, self.help_menu)
        self._action("diagnostics", None, self.show_diagnostics, self.help_menu)

    def _build_desk(self) -> None:
        """The unlocked part of the window, made on the first unlock."""
        self.desk = QWidget()
        self.desk.setObjectName("Desk")
        top = QFrame(self.desk)
        top.setProperty("role", "topbar")
        self.search = SearchBar(self.ctx, top)
        self.search.call_requested.connect(self._show_call)
        self.search.left.connect(self._back_to_work)
        tabs = QHBoxLayout()
        tabs.setSpacing(2)
        self.button_group = QButtonGroup(self)
        self.area_stack = QStackedWidget(self.desk)
        shelf = AreaShelf(self.ctx, self.area_stack, self._area_built, AREAS)
        self.areas = shelf
        for key, spec in shelf.specs.items():
            button = QToolButton(top)
            button.setProperty("role", "tab")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _on=False, k=key: self.switch_area(k))
            self.button_group.addButton(button)
            self.area_buttons[key] = button
            tabs.addWidget(button)
            action = QAction(self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _on=False, k=key: self.switch_area(k))
            self.area_menu.addAction(action)
            self.addAction(action)
            self.menu_actions[f"area_{key}"] = action
        row = QHBoxLayout(top)
        row.setContentsMargins(12, 8, 12, 0)
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(self.search)
        column.addLayout(tabs)
        tabs.addStretch(1)
        row.addLayout(column)
        layout = QVBoxLayout(self.desk)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.area_stack, 1)
        self.stack.addWidget(self.desk)
        self.overdue = OverdueBadge(self.ctx, self.statusBar())
        self.overdue.changed.connect(lambda _n: self.retranslate())
        self.retranslate()
        # Once a day a coordinator is asked to apply what the retention rules say is due.
        self.retention_check = RetentionCheck(self.ctx, self)  # both count at each unlock

    def _area_built(self, key: str, widget: QWidget) -> None:
        status = getattr(widget, "status", None)
        if status is not None and hasattr(status, "connect"):
            status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        name = widget.title() if isinstance(widget, Area) else key
        widget.setAccessibleName(name)
        self._name_area(key, name)

    def _name_area(self, key: str, name: str) -> None:
        shortcut = self.menu_actions[f"area_{key}"].shortcut().toString()
        badge = getattr(self, "overdue", None)
        if key == "followups" and badge is not None and badge.count:
            name = f"{name} ({badge.count})"  # the overdue badge (issue 18)
        # Ten areas: the keys are in the tooltip, the Areas menu and F1, so the row of tabs fits
        # a 1280-pixel screen in either language.
        self.area_buttons[key].setText(name)
        self.area_buttons[key].setToolTip(f"{name} ({shortcut})")
        self.area_buttons[key].setAccessibleName(name)
        self.area_buttons[key].setAccessibleDescription(shortcut)
        self.menu_actions[f"area_{key}"].setText(name)

    # -- unlocking and locking -------------------------------------------------------------

    def _prepare_desk(self) -> None:
        """Build the desk and the area to show, still locked, while the key is derived in a
        worker on the other core (issue 21: unlock to a usable desk in under a second). Nothing
        here reads data; a wrong passphrase leaves an empty desk hidden for the next try."""
        if self.desk is None:
            self._build_desk()
        _ = self.areas[self._resume_area]  # the one area built at unlock; others on first visit

    def _unlocked(self, db: Database) -> None:
        self._prepare_desk()  # already done during the key derivation, unless called directly
        try:
            prefs = load_preferences(db)
        except StoreError:
            prefs = self.prefs
        self.apply_preferences(prefs, store=False)  # theme and language before any data shows
        set_desk_zone(desk_time_zone(db))  # one zone on screen and on paper, before any time shows
        self._db = db  # the window owns the open database; widgets reach it through ctx.call
        self.ctx.set_db(db)  # every area built so far, and the overdue badge, load their data
        _log.info("desk %s unlocked", Code(db.desk.desk_code))
        assert self.desk is not None
        self.stack.setCurrentWidget(self.desk)
        self._set_locked_ui(False)
        self.status.set_state(db.desk.desk_code, db.actor.name, False)
        self.setWindowTitle(self.tr("SOS Desk — desk {0}").format(db.desk.desk_code))
        self.idle.start()
        self.idle.hold_while(self._call_running, self.ctx.call(call_hold_minutes) * 60_000)
        self.switch_area(
            self._resume_area if self._resume_area in self.areas else next(iter(self.areas), "")
        )
        self._refocus()
        QTimer.singleShot(_WARM_UP_MS, self._warm_up)

    def _warm_up(self) -> None:
        if self.ctx.is_locked:
            return
        try:
            warm_up()
        except Exception as exc:  # the area will say so itself when opened
            _log.warning("warm-up failed: %s", Code(type(exc).__name__))

    def lock(self, reason: str = "manual") -> None:
        """Keep the draft, clear every area, dispose the engine, show the unlock screen."""
        if self.ctx.is_locked:
            return
        self.idle.stop()
        self._focus_before = None
        self._focus_at_lock = QApplication.focusWidget()
        self._lock_reason = reason
        self._resume_area = self.current_area() or self._resume_area
        calls = self._built_areas().get("calls")
        saver = getattr(calls, "save_draft_now", None)
        if callable(saver):
            with contextlib.suppress(StoreError):  # the timer saved it seconds ago
                saver()
        self._close_other_windows()
        db = self._db
        assert db is not None
        self._db = None
        self.ctx.pool.waitForDone(3000)  # no lookup may still be reading
        self.ctx.set_db(None)
        for key, area in self._built_areas().items():
            try:
                assert isinstance(area, Area)
                area.clear()
            except Exception as exc:  # one area's bug must not leave data of others on screen
                _log.error("area %s failed to clear", Code(key), exc_info=exc)
                area.hide()
        if self.search is not None:
            self.search.clear()
        for drop in self.findChildren(DropList):
            drop.clear()
            drop.hide()
        clipboard = QApplication.clipboard()
        if clipboard is not None:  # a name copied from a field must not outlive the lock
            clipboard.clear()
        db.close()
        logtail.clear()  # the tail holds ids of this session's records: gone with the lock
        self._set_locked_ui(True)
        self.status.set_state(db.desk.desk_code, "", True)
        self.setWindowTitle(self.tr("SOS Desk — locked"))
        self.stack.setCurrentWidget(self.unlock_screen)
        message = (
            self.tr("The desk locked itself after {0} minutes without activity.").format(
                self.prefs.idle_minutes
            )
            if reason == "idle"
            else self.tr("The desk is locked.")
        )
        self.unlock_screen.reset(message)

    def _close_other_windows(self) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        popup = app.activePopupWidget()
        if popup is not None:
            popup.close()
        for window in app.topLevelWidgets():
            owner = window.parentWidget()
            while owner is not None and owner is not self:
                owner = owner.parentWidget()
            if owner is self and window.isVisible():
                window.close()  # dialogs of this window may show client data

    def _set_locked_ui(self, locked: bool) -> None:
        self.menuBar().setVisible(not locked)
        for key, action in self.menu_actions.items():
            if not key.startswith("lang_"):
                action.setEnabled(not locked)

    def show_call_log(self) -> None:
        """Ctrl+Shift+L: every call, by date, shift, line, operator, urgency, category."""
        if self.ctx.is_locked:
            return
        dialog = CallLog(self.ctx, self)
        dialog.call_requested.connect(self._show_call)
        dialog.finished.connect(dialog.deleteLater)
        self.call_log = dialog
        dialog.open()

    def show_handover(self) -> None:
        """Ctrl+Shift+H: the handover of the running shift and the note for the next one."""
        if self.ctx.is_locked:
            return
        dialog = HandoverView(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        self.handover = dialog
        dialog.open()

    def show_help(self) -> None:
        """F1: the keys of the area in view first, then the desk's."""
        key = self.current_area()
        area = self.areas.get(key) if key else None
        title = area.title() if isinstance(area, Area) else ""
        ShortcutHelp(self, (title, area_keys(area)) if area is not None else None).exec()

    def _call_running(self) -> bool:
        """A call is being taken (the idle lock waits longer, up to the coordinator's limit)."""
        calls = self._built_areas().get("calls")
        return bool(getattr(calls, "call_running", lambda: False)())

    def _refocus(self) -> None:
        """After unlock the keyboard goes back to the field it was in: areas restore their
        drafts while the unlock screen is still up, when focus cannot land (issue 18, #3)."""
        widget, self._focus_at_lock = self._focus_at_lock, None
        try:
            if widget is not None and widget.isVisible() and self.isAncestorOf(widget):
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # deleted while the desk was locked
            pass

    # -- areas and actions -----------------------------------------------------------------

    def _shelf(self) -> AreaShelf:
        assert isinstance(self.areas, AreaShelf)
        return self.areas

    def _built_areas(self) -> dict[str, QWidget]:
        return self.areas.built() if isinstance(self.areas, AreaShelf) else {}

    def current_area(self) -> str | None:
        if self.area_stack is None or self.ctx.is_locked:
            return None
        return self._shelf().key_of(self.area_stack.currentWidget())

    def switch_area(self, key: str) -> None:
        """Show an area (Ctrl+1..6)."""
        if key not in self.areas or self.area_stack is None or self.ctx.is_locked:
            return
        widget = self.areas[key]  # built on its first visit
        self.area_stack.setCurrentWidget(widget)
        self.area_buttons[key].setChecked(True)
        focused = QApplication.focusWidget()
        if focused is None or not widget.isAncestorOf(focused):
            widget.setFocus()

    def new_call(self) -> None:
        self.switch_area("calls")
        getattr(self.areas.get("calls"), "new_call", lambda: None)()

    def quick_tally(self) -> None:
        self.switch_area("calls")
        getattr(self.areas.get("calls"), "quick_tally", lambda: None)()

    def focus_search(self) -> None:
        """Ctrl+K: the cursor goes to the search bar (Escape brings it back)."""
        if self.search is None or self.ctx.is_locked:
            return
        before = QApplication.focusWidget()
        if before is not None and not self.search.isAncestorOf(before):
            self._focus_before = before
        self.search.edit.setFocus()
        self.search.edit.selectAll()

    def _back_to_work(self) -> None:
        before = self._focus_before
        self._focus_before = None
        try:
            if before is not None and before.isVisible() and self.isAncestorOf(before):
                before.setFocus()
        except RuntimeError:  # that widget was deleted meanwhile
            pass

    def manage_users(self) -> None:
        """Desk → Users and passphrases: her own passphrase; the users, for coordinators."""
        if not self.ctx.is_locked:
            UsersDialog(self.ctx, self).exec()

    def show_diagnostics(self) -> None:
        """Help → Diagnostics: the redacted log tail, to copy into a support request."""
        DiagnosticsDialog(self).exec()

    def open_client(self, client_id: str) -> None:
        """Show a client's file in the clients area (if this build has one)."""
        area = self.areas.get("clients")
        opener = getattr(area, "open_client", None)
        if area is None or not callable(opener):
            self.statusBar().showMessage(self.tr("Client files are not part of this build."))
            return
        self.switch_area("clients")
        opener(client_id)

    def _show_call(self, call_id: str) -> None:
        self.switch_area("calls")
        getattr(self.areas.get("calls"), "show_call", lambda _id: None)(call_id)

    # -- preferences -----------------------------------------------------------------------

    def apply_preferences(self, prefs: Preferences, *, store: bool = True) -> None:
        """Theme, text size, language and idle time; kept per user when `store`."""
        app = QApplication.instance()
        look = (resolve(prefs.theme), prefs.font_size)
        if isinstance(app, QApplication) and look != self._look:
            apply_theme(app, prefs.theme, prefs.font_size)  # restyling is not free: only on change
            self._look = look
            remember_theme(self.db_path, look[0])
        if prefs.lang != self.ctx.lang:
            self.ctx.lang = prefs.lang
            i18n.install(prefs.lang)
            # Retranslate every widget now, not at the next turn of the event loop.
            QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
            self.menu_actions[f"lang_{prefs.lang}"].setChecked(True)
        self.idle.set_minutes(prefs.idle_minutes)
        self.prefs = prefs
        if store and self._db is not None:
            try:
                self.prefs = store_preferences(self._db, **prefs.to_json())
            except CodedError:
                self.statusBar().showMessage(self.tr("The preference could not be saved."))

    def set_language(self, lang: str) -> None:
        """Switch the language live (every widget retranslates)."""
        if lang != self.ctx.lang:
            self.apply_preferences(
                Preferences(self.prefs.theme, self.prefs.font_size, lang, self.prefs.idle_minutes)
            )

    def set_theme(self, theme: str) -> None:
        self.apply_preferences(
            Preferences(theme, self.prefs.font_size, self.prefs.lang, self.prefs.idle_minutes)
        )

    def toggle_theme(self) -> None:
        """Dark <-> light (Ctrl+Shift+D)."""
        from sosdesk.ui.theme import current_theme

        app = QApplication.instance()
        now = current_theme(app) if isinstance(app, QApplication) else "light"
        self.set_theme("light" if now == "dark" else "dark")

    def change_font(self, step: int) -> None:
        """Larger (+1), smaller (-1) or normal (0) text."""
        size = 11 if step == 0 else self.prefs.font_size + step
        size = min(max(size, FONT_SIZES.start), FONT_SIZES.stop - 1)
        self.apply_preferences(
            Preferences(self.prefs.theme, size, self.prefs.lang, self.prefs.idle_minutes)
        )

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            self.apply_preferences(dialog.chosen())

    # -- language and closing --------------------------------------------------------------

    def retranslate(self) -> None:
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.area_menu.setTitle(self.tr("&Areas"))
        self.lang_menu.setTitle(self.tr("&Language"))
        texts = {
            "new_call": self.tr("&New call"),
            "tally": self.tr("Quick &tally"),
            "find": self.tr("&Find a client or call"),
            "call_log": self.tr("Call lo&g…"),
            "handover": self.tr("&Handover to the next shift…"),
            "lock": self.tr("&Lock the desk"),
            "quit": self.tr("&Quit"),
            "dark": self.tr("&Dark or light theme"),
            "bigger": self.tr("&Larger text"),
            "smaller": self.tr("&Smaller text"),
            "normal": self.tr("&Normal text size"),
            "prefs": self.tr("&Preferences…"),
            "help": self.tr("&Keyboard shortcuts"),
            "diagnostics": self.tr("&Diagnostics…"),
            "users": self.tr("&Users and passphrases…"),
        }
        for key, text in texts.items():
            self.menu_actions[key].setText(text)
        if getattr(self, "overdue", None) is not None:
            self.overdue.retranslate()
        built = self._built_areas()
        for key in self.areas:
            widget = built.get(key)
            if isinstance(widget, Area):
                self._name_area(key, widget.title())
            else:  # not built yet: the same catalogue entry the area's title() uses
                name = self._shelf().specs[key].name
                self._name_area(key, QCoreApplication.translate("Area", name))
        if self.ctx.is_locked:
            self.setWindowTitle(self.tr("SOS Desk"))
        else:
            self.setWindowTitle(self.tr("SOS Desk — desk {0}").format(self.ctx.desk_code))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

    def closeEvent(self, e: QCloseEvent) -> None:
        """Quitting keeps the call in progress as a draft, then closes the database."""
        if not self.ctx.is_locked:
            self.lock("quit")
        self.instance_lock.release()
        super().closeEvent(e)
