"""The pickers (ui/selection.py) as a person uses them: a fold saying what is shown, which
opens to a list of choices as buttons; and the folds whose contents are sent only once open
(ui/widgets.fold)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.markup import read


def _blocks(node: Any) -> Iterator[Any]:
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _blocks(child)


def _folds(app: AppTest, param: str) -> list[Any]:
    return [e for e in app.expander if e.proto.id.endswith(f"-{param}_picker")]


def picker_label(app: AppTest, param: str) -> str:
    """What the picker's fold says, as a reader sees it ("Quarter: 2026/27 Q2 · …")."""
    found = [read(b.label) for b in _folds(app, param)]
    assert len(found) == 1, found
    return found[0]


def choices(app: AppTest, param: str) -> list[str]:
    """The list the picker opens, in order: group names (captions) and choices, as read."""
    app.session_state[f"{param}_picker"] = True
    app.run()
    assert not app.exception, app.exception
    listed = []
    for block in _folds(app, param):
        for node in _blocks(block):
            kind = getattr(node, "type", None)
            if kind == "caption":
                listed.append(read(node.value))
            elif kind == "button":
                listed.append(read(node.label))
    app.session_state[f"{param}_picker"] = False
    app.run()
    return listed


def pick(app: AppTest, param: str, choice: str) -> AppTest:
    """Open the picker and press the choice whose words start with ``choice``."""
    app.session_state[f"{param}_picker"] = True
    app.run()
    buttons = [b for b in app.button if b.key.startswith(f"pick_{param}_")]
    [button] = [b for b in buttons if read(b.label).startswith(choice)]
    button.click().run()
    assert not app.exception, app.exception
    return app


def open_fold(app: AppTest, key: str) -> AppTest:
    """Open the fold ``key``, as a click does: what is in it is sent only once it is open."""
    app.session_state[key] = True
    app.run()
    assert not app.exception, app.exception
    return app
