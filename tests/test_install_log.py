"""The install log of our add-ons shows no WARNING or ERROR.

`make test` installs both add-ons into a fresh database (their dependencies come from a
template database) and passes the log of that install as ECOCLIC_INSTALL_LOG: every
line of it is about loading our modules, their data and demo data.
"""

import os
import re
from pathlib import Path

import pytest

LEVEL = re.compile(
    r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (WARNING|ERROR|CRITICAL) (\S+) ([\w.]+): (.*)"
)
# Messages about the machine, not about our modules.
ENVIRONMENT = (re.compile(r"Running as user 'root' is a security risk"),)


def install_log():
    path = os.environ.get("ECOCLIC_INSTALL_LOG")
    if not path:
        pytest.fail(
            "ECOCLIC_INSTALL_LOG is not set: run the suite with `make test`, which "
            "installs the add-ons and records that install's log"
        )
    return Path(path).read_text(errors="replace")


def test_the_log_is_the_install_of_our_modules():
    text = install_log()
    for module in ("ecoclic_odoo", "ecoclic_odoo_opsn"):
        assert re.search(
            rf"Loading module {module} |module {module}: creating or updating", text
        ), f"{module} was not installed in that log"
    assert "Modules loaded." in text


def test_french_translations_are_loaded():
    missing = re.findall(
        r"module (ecoclic_\w+): no translation for language fr_FR", install_log()
    )
    assert not missing, f"no French translation was loaded for {missing}"


def test_no_warning_or_error_while_installing():
    problems = [
        line
        for line in install_log().splitlines()
        if (m := LEVEL.match(line))
        and not any(p.search(m.group(4)) for p in ENVIRONMENT)
    ]
    problems += [
        line for line in install_log().splitlines() if line.startswith("Traceback")
    ]
    assert not problems, "the install logged:\n" + "\n".join(problems)
