"""No function of the add-ons' product code is over 50 lines (tools/check_function_length.py,
also the pre-commit hook "function-length"), and the check does fail on one that is."""

import subprocess
import sys
import textwrap

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import check_function_length as check  # noqa: E402


def _function(name, lines, indent=""):
    """Source of a function `lines` long (its def line included)."""
    body = "".join(f"{indent}    x{index} = {index}\n" for index in range(lines - 2))
    return f"{indent}def {name}():\n{indent}    '''Docstring.'''\n{body}"


def _module(tmp_path, path, source):
    file = tmp_path / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(source)
    return path


def test_product_code_has_no_long_function():
    assert check.problems(check.product_files()) == []
    assert check.main([]) == 0


def test_the_allowed_functions_are_still_long():
    """The allow-list holds only functions still long (a split one's entry must go);
    today it is empty."""
    names = {
        (path.as_posix(), name)
        for path in check.product_files()
        for name, _line, _length in check.long_functions((ROOT / path).read_text())
    }
    assert check.ALLOWED == names, "split: remove it from ALLOWED"


def test_a_function_of_51_lines_fails_and_one_of_50_passes(tmp_path, monkeypatch):
    path = _module(
        tmp_path,
        "ecoclic_odoo/models/thing.py",
        _function("short", 50) + "\n\n" + _function("too_long", 51),
    )
    assert check.long_functions((tmp_path / path).read_text()) == [("too_long", 53, 51)]
    assert check.problems([path], root=tmp_path) == [
        "ecoclic_odoo/models/thing.py:53: too_long has 51 lines (at most 50): "
        "split it into named steps"
    ]
    monkeypatch.chdir(tmp_path)
    assert check.main([path]) == 1
    assert check.main(["ecoclic_odoo/models/thing.py", "README.md"]) == 1


def test_methods_and_nested_functions_are_measured(tmp_path):
    nested = textwrap.indent(_function("inner", 51), "    ")
    source = (
        "class Thing:\n"
        + _function("method", 55, "    ")
        + "\n"
        + ("    def outer(self):\n" + textwrap.indent(nested, "    "))
    )
    path = _module(tmp_path, "ecoclic_odoo_opsn/wizards/thing.py", source)
    names = [name for name, _line, _length in check.long_functions(source)]
    assert names == ["Thing.method", "Thing.outer", "Thing.outer.inner"]
    assert len(check.problems([path], root=tmp_path)) == 3


def test_tests_tools_and_the_allow_list_are_left_out(tmp_path):
    # An allowed function (the list is empty today): by its file and qualified name.
    allowed = frozenset(
        {("ecoclic_odoo/models/res_company.py", "ResCompany._ecoclic_fleet_indicators_sql")}
    )
    long_one = _function("_ecoclic_fleet_indicators_sql", 80, "    ")
    paths = [
        _module(tmp_path, "ecoclic_odoo/tests/test_thing.py", _function("test_it", 80)),
        _module(tmp_path, "tools/thing.py", _function("main", 80)),
        _module(tmp_path, "ecoclic_odoo/models/res_company.py", f"class ResCompany:\n{long_one}"),
    ]
    assert check.problems(paths, root=tmp_path, allowed=allowed) == []
    # Allowed by its file and qualified name only: elsewhere, the same name fails.
    other = _module(tmp_path, "ecoclic_odoo/models/other.py", f"class ResCompany:\n{long_one}")
    assert len(check.problems([other], root=tmp_path, allowed=allowed)) == 1
    # Without the entry, the same function fails where it is.
    assert len(check.problems(paths[2:], root=tmp_path)) == 1


def test_the_command_fails_on_a_long_function(tmp_path):
    """As pre-commit runs it: file names relative to the repository, exit status 1."""
    path = _module(tmp_path, "ecoclic_odoo/models/thing.py", _function("too_long", 60))
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check_function_length.py"), path],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "ecoclic_odoo/models/thing.py:1: too_long has 60 lines" in run.stdout
