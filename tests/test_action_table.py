"""The table of actions (domain/actions.py) is the only place an action can come from: every key
binding and every action method of the application's screens and widgets is one of its rows, and
an action of ours it does not list is refused when it runs."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import SimpleNamespace

import pytest
from textual import actions as textual_actions
from textual.dom import DOMNode

import roundtable.tui
from roundtable.domain import actions
from roundtable.domain.access import KINDS, WRITERS, Actor
from roundtable.domain.roles import ROLES
from roundtable.tui.action_guard import UNLISTED, bindings, row_of, verdict


def our_nodes() -> list[type]:
    """Every screen, widget and app class the application defines."""
    for module in pkgutil.walk_packages(roundtable.tui.__path__, "roundtable.tui."):
        importlib.import_module(module.name)
    found = []
    for name, module in list(__import__("sys").modules.items()):
        if not name.startswith("roundtable.tui"):
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == name:
                found.append(cls)
    return found


NODES = our_nodes()


def test_the_application_has_the_nodes_this_test_walks():
    names = {cls.__name__ for cls in NODES}
    assert {"RoundtableApp", "SessionScreen", "GivenList", "NotesList", "NoteLine", "RecommendationsScreen",
            "ParticipantsScreen", "LeaveDialog"} <= names


@pytest.mark.parametrize("cls", [c for c in NODES if "BINDINGS" in c.__dict__], ids=lambda c: c.__name__)
def test_every_key_binding_is_made_from_the_table(cls):
    place = cls.__dict__.get("ACTION_PLACE")
    assert place in actions.PLACES, f"{cls.__name__} binds keys but names no place of the table"
    assert cls.__dict__["BINDINGS"] == bindings(place), f"{cls.__name__}: a binding not made from the table"
    for binding in cls.__dict__["BINDINGS"]:
        _, name, _ = textual_actions.parse(binding.action)
        row = row_of(cls, name)
        assert row is not None and row is not UNLISTED, f"{cls.__name__}: {binding.action} is not in the table"


@pytest.mark.parametrize("cls", NODES, ids=lambda c: c.__name__)
def test_every_action_method_of_ours_is_in_the_table(cls):
    for attribute in cls.__dict__:
        if attribute.startswith("action_"):
            row = row_of(cls, attribute.removeprefix("action_"))
            assert row is not None and row is not UNLISTED, f"{cls.__name__}.{attribute} is not in the table"


def test_rows_of_one_action_agree_and_say_who_may_run_them_and_what_they_write():
    for row in actions.ACTIONS:
        first = actions.find(row.place, row.name)
        assert (first.roles, first.writes) == (row.roles, row.writes), f"{row.place}: {row.invocation}"
        assert row.roles and row.roles <= set(ROLES), f"{row.place}: {row.invocation} names no known role"
        assert set(row.writes) <= set(KINDS), f"{row.place}: {row.invocation} writes an unknown kind"
        for role in row.roles if row.writes else ():
            # whoever may run it may write at least part of what it writes
            assert any(role in WRITERS[kind] for kind in row.writes), f"{row.place}: {row.invocation} for {role}"
    assert "projector" not in {role for row in actions.ACTIONS if row.writes for role in row.roles}
    keyed = [(row.place, key) for row in actions.ACTIONS for key in row.keys.split(",") if key]
    assert len(keyed) == len(set(keyed)), "a key bound twice in one place"


def test_an_action_of_ours_that_the_table_does_not_list_is_refused_even_to_the_chair():
    from roundtable.tui.screens.session import SessionScreen

    sneaky = type("SneakyScreen", (SessionScreen,), {"__module__": "roundtable.tui.screens.sneaky",
                                                     "action_wipe": lambda self: None})
    assert row_of(sneaky, "wipe") is UNLISTED
    app = SimpleNamespace(actor=Actor("chair"), screen_stack=[])
    refusal = verdict(app, object.__new__(sneaky), "wipe")
    assert refusal == "This terminal is the chair's: it writes everything. (an action the table of actions " \
                      "does not list: wipe)"
    assert verdict(app, object.__new__(sneaky), "next_speaker") is None  # the table's, and the chair's
    assert verdict(app, object.__new__(sneaky), "focus_next") is None  # Textual's own: moves the focus
