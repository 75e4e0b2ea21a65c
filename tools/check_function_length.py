#!/usr/bin/env python3
"""Fail on any function of the add-ons' product code longer than 50 lines.

    tools/check_function_length.py                 every product file of both add-ons
    tools/check_function_length.py A.py B.py       these files (what pre-commit passes)

A function's length runs from its ``def`` line to its last line, docstring and comments
included, decorators excluded; a nested function counts on its own and within its parent.
Product code is every Python file of ``ecoclic_odoo/`` and ``ecoclic_odoo_opsn/`` but their
``tests/`` folders (tools/ and the repository's tests/ are not shipped). A long function is
split into named steps (DEVELOPERS.md, "Lint"); ALLOWED lists the few waiting for theirs.
The pre-commit hook "function-length" runs it; tests/test_function_length.py tests it.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ("ecoclic_odoo", "ecoclic_odoo_opsn")
LIMIT = 50

# (path from the repository's root, qualified name): long functions left as they are for
# now, each with its reason. None since issue 19 split the fleet indicators' and the OPSN
# dashboard's SQL; remove an entry when its function is split.
ALLOWED = frozenset()


def is_product(path):
    """Whether `path` (relative to the repository's root) is an add-on's product code."""
    parts = Path(path).parts
    return len(parts) > 1 and parts[0] in MODULES and "tests" not in parts[1:-1]


def product_files(root=ROOT):
    """Every product Python file of both add-ons, relative to `root`, sorted."""
    return sorted(
        path.relative_to(root)
        for module in MODULES
        for path in (root / module).rglob("*.py")
        if is_product(path.relative_to(root))
    )


def long_functions(source, limit=LIMIT):
    """(qualified name, first line, length) of each function of `source` over `limit`
    lines, in the order of the file."""
    found = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    length = child.end_lineno - child.lineno + 1
                    if length > limit:
                        found.append((name, child.lineno, length))
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def problems(paths, root=ROOT, limit=LIMIT, allowed=ALLOWED):
    """The messages for the product files among `paths` (relative to `root`)."""
    messages = []
    for path in paths:
        path = Path(path)
        if path.suffix != ".py" or not is_product(path):
            continue
        for name, line, length in long_functions((root / path).read_text(), limit):
            if (path.as_posix(), name) not in allowed:
                messages.append(
                    f"{path.as_posix()}:{line}: {name} has {length} lines (at most {limit}): "
                    "split it into named steps"
                )
    return messages


def main(argv=None):
    """Check the files named (relative to the current folder, the repository's root when
    pre-commit runs it), else every product file; 1 when a function is too long."""
    paths = sys.argv[1:] if argv is None else argv
    messages = problems(paths, Path.cwd()) if paths else problems(product_files(), ROOT)
    for message in messages:
        print(message)
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main())
