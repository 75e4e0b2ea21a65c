"""Every public method of our models that uses sudo() checks the caller's right first.

A public method (no leading underscore) is callable over RPC by any user who can read
the record. If it escalates with sudo() before checking that the caller may do what it
does, a read-only user runs it (the audit's campaign reminders, issue 14). The check is
a call to check_access*/has_group, or to a method of the same class whose own body makes
such a check before any sudo() (e.g. ``self._check_rights()``), placed before the first
sudo().

Overrides of the ORM's own methods are listed in ``ORM_OVERRIDES`` with the reason the
sudo() there is not an escalation; a new one fails this test until it is reviewed.

"""

import ast

from conftest import MODULES, ROOT

CHECK_PREFIXES = ("check_access", "has_group", "_ecoclic_check", "_check_rights")
ORM_OVERRIDES = {
    # create: rights checked first (group and company of the new assessment), then the
    # survey answers are created as superuser, which survey officers alone may create.
    ("EcoclicAssessment", "create"),
    # write: a référent's profile fields only, own companies only, checked before sudo.
    ("ResCompany", "write"),
}


def _calls(node):
    return [
        n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    ]


def _first_line(calls, predicate):
    lines = [call.lineno for call in calls if predicate(call.func.attr)]
    return min(lines) if lines else None


def _methods():
    for module in MODULES:
        for path in sorted((ROOT / module).rglob("*.py")):
            if "tests" in path.relative_to(ROOT / module).parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
                functions = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
                yield path.relative_to(ROOT), cls.name, functions


def _checks_first(function, helpers):
    calls = _calls(function)
    first_sudo = _first_line(calls, lambda name: name == "sudo")
    if first_sudo is None:
        return None
    first_check = _first_line(
        calls, lambda name: name.startswith(CHECK_PREFIXES) or name in helpers
    )
    return first_check is not None and first_check <= first_sudo


def unchecked_public_sudo():
    found = []
    for path, cls, functions in _methods():
        # Helpers of the class whose body checks before any sudo() count as a check.
        helpers = set()
        for name, function in functions.items():
            calls = _calls(function)
            first_check = _first_line(calls, lambda n: n.startswith(CHECK_PREFIXES))
            first_sudo = _first_line(calls, lambda n: n == "sudo")
            if first_check is not None and (first_sudo is None or first_check <= first_sudo):
                helpers.add(name)
        for name, function in functions.items():
            if name.startswith("_") or (cls, name) in ORM_OVERRIDES:
                continue
            if _checks_first(function, helpers) is False:
                found.append(f"{path}: {cls}.{name}")
    return found


def test_public_methods_check_before_sudo():
    assert unchecked_public_sudo() == []


def test_the_scan_sees_an_unchecked_method(tmp_path, monkeypatch):
    """The scan is not vacuous: it reports a public method that escalates first."""
    import conftest

    module = tmp_path / "fake_module" / "models"
    module.mkdir(parents=True)
    (module / "bad.py").write_text(
        "class Bad:\n"
        "    def action_go(self):\n"
        "        self.sudo().write({})\n"
        "        self.check_access('write')\n"
        "    def action_ok(self):\n"
        "        self._ensure()\n"
        "        self.sudo().write({})\n"
        "    def _ensure(self):\n"
        "        self.check_access('write')\n"
    )
    monkeypatch.setattr(conftest, "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    monkeypatch.setitem(globals(), "MODULES", ("fake_module",))
    assert unchecked_public_sudo() == ["fake_module/models/bad.py: Bad.action_go"]
