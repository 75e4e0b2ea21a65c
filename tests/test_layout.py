"""The add-ons keep OCA's layout, so that a model's file is found from its name.

- a model's class is in a file named after the model (``ecoclic.plan.line`` in
  ``ecoclic_plan_line.py``), and an add-on defines or extends a model in one file only;
- transient models (wizards) are in ``wizards/``, SQL views (``_auto = False``) in
  ``report/``, every other model in ``models/``.
"""

import ast

from conftest import MODULES, ROOT

FOLDERS = ("models", "wizards", "report")


def _attr(cls, name):
    for node in cls.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None


def _classes(module):
    for folder in FOLDERS:
        for path in sorted((ROOT / module / folder).glob("*.py")):
            for cls in ast.parse(path.read_text()).body:
                if not isinstance(cls, ast.ClassDef):
                    continue
                bases = {ast.unparse(base) for base in cls.bases}
                if not bases & {"models.Model", "models.TransientModel", "models.AbstractModel"}:
                    continue
                inherit = _attr(cls, "_inherit")
                name = _attr(cls, "_name") or (inherit if isinstance(inherit, str) else None)
                yield path, cls, name, bases


def test_one_model_per_file_named_after_it():
    problems = []
    for module in MODULES:
        seen = {}
        for path, cls, name, _bases in _classes(module):
            where = f"{path.relative_to(ROOT)}: {cls.name}"
            if not name:
                problems.append(f"{where} has no _name or single _inherit")
                continue
            if path.stem != name.replace(".", "_"):
                problems.append(f"{where} defines {name}: the file is named after the model")
            if name in seen:
                problems.append(f"{where}: {name} is already in {seen[name]}")
            seen.setdefault(name, path.relative_to(ROOT))
    assert not problems, "\n".join(problems)


def test_wizards_and_sql_views_have_their_folders():
    problems = []
    for module in MODULES:
        for path, cls, name, bases in _classes(module):
            folder = path.parent.name
            expected = (
                "wizards"
                if "models.TransientModel" in bases
                else "report"
                if _attr(cls, "_auto") is False
                else "models"
            )
            if folder != expected and not (name or "").startswith("res.config"):
                problems.append(f"{path.relative_to(ROOT)}: {name} belongs in {expected}/")
    assert not problems, "\n".join(problems)


def test_demo_code_stays_out_of_the_models():
    """The demo is demo data (``demo/*.xml``: records, and calls of business methods); what
    it generates is in ``ecoclic_odoo/demo/generator.py``, which only loading the demo data
    imports. No model of either add-on defines a demo method or reads the demo's files."""
    problems = []
    for module in MODULES:
        for folder in (*FOLDERS, "controllers"):
            for path in sorted((ROOT / module / folder).glob("*.py")):
                tree = ast.parse(path.read_text())
                for node in ast.walk(tree):
                    if isinstance(node, ast.FunctionDef) and "demo" in node.name:
                        problems.append(f"{path.relative_to(ROOT)}: {node.name}()")
                    if isinstance(node, ast.ImportFrom) and "demo" in (node.module or ""):
                        problems.append(f"{path.relative_to(ROOT)} imports {node.module}")
                    if isinstance(node, ast.Constant) and node.value in ("samples", "demo"):
                        problems.append(f"{path.relative_to(ROOT)} names the folder {node.value}")
    assert not problems, "\n".join(problems)
    # The generator is imported by the demo's entry point only, not with the add-on.
    entry = (ROOT / "ecoclic_odoo" / "demo" / "__init__.py").read_text()
    assert "generator" not in entry
