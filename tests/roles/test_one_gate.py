"""One gate: no service keeps a private role check; roles are compared only in the matrix.

Every module of `sosdesk.services` is imported and searched for a private `_require`, and
every source file is parsed and searched for a role name written as a literal where a role
is compared (`role == "coordinator"`, `role in {"operator", ...}`) or listed (a set of role
names next to the matrix). `domain/roles.py` is the one place that may name them.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import sosdesk
import sosdesk.services
from sosdesk.domain import roles

SRC = Path(sosdesk.__file__).parent
MATRIX_FILE = SRC / "domain" / "roles.py"
ROLE_NAMES = frozenset(roles.ROLES)


def _service_modules() -> list[str]:
    found = pkgutil.walk_packages(sosdesk.services.__path__, "sosdesk.services.")
    return sorted(m.name for m in found)


def _is_role(node: ast.expr) -> bool:
    """`role`, `x.role`, `x.actor.role`: the operand that holds a user's role."""
    return (isinstance(node, ast.Name) and node.id == "role") or (
        isinstance(node, ast.Attribute) and node.attr == "role"
    )


def _role_literals(node: ast.expr) -> set[str]:
    """Role names written as string literals in `node` (itself or a collection of them)."""
    if isinstance(node, ast.Constant) and node.value in ROLE_NAMES:
        return {str(node.value)}
    if isinstance(node, ast.Call) and node.args:  # frozenset({...})
        return _role_literals(node.args[0])
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return {str(e.value) for e in node.elts if isinstance(e, ast.Constant)} & ROLE_NAMES
    return set()


def _private_gates(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role(o) for o in operands):
                names = set().union(*(_role_literals(o) for o in operands))
                if names:
                    found.append((node.lineno, f"role compared to {sorted(names)}"))
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            names = _role_literals(node)
            if len(names) >= 2 and len(names) == len(node.elts):
                found.append((node.lineno, f"a private list of roles {sorted(names)}"))
    return found


def test_no_service_module_keeps_a_private_require() -> None:
    modules = _service_modules()
    assert "sosdesk.services.access" in modules and len(modules) > 20
    offenders = []
    for name in modules:
        module = importlib.import_module(name)
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fname == "_require" and fn.__module__ == name:
                offenders.append(name)
    assert offenders == []


def test_roles_are_compared_only_in_the_matrix() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path == MATRIX_FILE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        offenders += [f"{path.relative_to(SRC)}:{n}: {what}" for n, what in _private_gates(tree)]
    assert offenders == []


def test_the_search_finds_a_private_gate() -> None:
    """The search itself can fail: each old form of a private gate is found."""
    samples = [
        'if db.actor.role != "coordinator":\n    pass\n',
        'ok = ctx.role == "coordinator"\n',
        'if role not in {"consultant", "coordinator"}:\n    pass\n',
        'ALLOWED = {"x": frozenset({"operator", "consultant", "coordinator"})}\n',
        'if db.actor.role in PERMISSIONS["x"] or role in ("operator", "volunteer"):\n    pass\n',
    ]
    for sample in samples:
        assert _private_gates(ast.parse(sample)), sample
    fine = "if role != Qt.ItemDataRole.DisplayRole and demoted != roles.COORDINATOR:\n    pass\n"
    assert _private_gates(ast.parse(fine)) == []
