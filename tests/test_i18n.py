"""Every user-visible string is translatable, the .pot files are current, fr.po is
complete.

The reference is what Odoo itself exports from the test database, where both add-ons are
installed: a string added to a view, a field or a `_()` call without updating the .pot
and fr.po (`make pot`, then translate) fails here.

"""

import csv
import io
import re

import polib
import pytest
from conftest import MODULES, ROOT


def exported_pot(env, module):
    from odoo.tools.translate import trans_export

    buffer = io.BytesIO()
    trans_export(None, [module], buffer, "po", env.cr)
    return polib.pofile(buffer.getvalue().decode())


def msgids(catalogue):
    return {(entry.msgctxt, entry.msgid) for entry in catalogue if not entry.obsolete}


@pytest.mark.parametrize("module", MODULES)
def test_pot_is_current(env, module):
    committed = polib.pofile(str(ROOT / module / "i18n" / f"{module}.pot"))
    exported = exported_pot(env, module)
    assert len(exported) > 10, (
        "the export found (almost) no terms: is the module installed?"
    )
    missing = msgids(exported) - msgids(committed)
    stale = msgids(committed) - msgids(exported)
    assert not missing, (
        f"terms missing from {module}.pot (run `make pot`): {sorted(missing)}"
    )
    assert not stale, (
        f"terms no longer used in {module}.pot (run `make pot`): {sorted(stale)}"
    )


@pytest.mark.parametrize("module", MODULES)
def test_french_is_complete(module):
    pot = polib.pofile(str(ROOT / module / "i18n" / f"{module}.pot"))
    po = polib.pofile(str(ROOT / module / "i18n" / "fr.po"))
    assert msgids(po) == msgids(pot), "fr.po and the .pot differ: run `make pot`"
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in {module}/i18n/fr.po: {untranslated}"
    assert not fuzzy, f"fuzzy in {module}/i18n/fr.po: {fuzzy}"


@pytest.mark.parametrize("module", MODULES)
def test_placeholders_survive_translation(module):
    placeholder = re.compile(r"%\(\w+\)s|%s|%d|\{\w*\}")
    po = polib.pofile(str(ROOT / module / "i18n" / "fr.po"))
    wrong = [
        (e.msgid, e.msgstr)
        for e in po
        if sorted(placeholder.findall(e.msgid)) != sorted(placeholder.findall(e.msgstr))
    ]
    assert not wrong, f"placeholders differ between English and French: {wrong}"


def glossary():
    with open(ROOT / "i18n" / "glossary.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("module", MODULES)
def test_glossary_terms_are_used(module):
    """An English term is always given the same French term (i18n/glossary.csv)."""
    po = polib.pofile(str(ROOT / module / "i18n" / "fr.po"))
    wrong = []
    for term in glossary():
        english = re.compile(rf"\b{term['en']}", re.IGNORECASE)
        for entry in po:
            if (
                english.search(entry.msgid)
                and term["fr"].lower() not in entry.msgstr.lower()
            ):
                wrong.append((term["en"], term["fr"], entry.msgid, entry.msgstr))
    assert not wrong, "glossary terms not used: " + "\n".join(map(str, wrong))
