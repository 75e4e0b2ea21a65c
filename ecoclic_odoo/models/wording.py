# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""French elision before the names put into a sentence: "de" becomes "d'" before a name
that starts with a vowel ("Campagne d'évaluation d'Armor Numérique", not "de Armor
Numérique"). A translation cannot do it: the name is only known when the sentence is
written.

A sentence with names after "de" is translated as usual, then formatted with `elided`::

    elided(self.env._("Assessment campaign of %(opsn)s: %(name)s"), opsn=..., name=...)

In English (or any text without "de %(name)s") it is plain `%` formatting.
"""

import re
import unicodedata

# A name elides "de" when its first letter is a vowel (accents left out: É, Î, Œ...).
# Not before an "h": whether it is mute (d'Hennebont) or aspirated (de Hautefort) depends on
# the word, and "de" is right before the aspirated one; nor before a digit (de 8, de 11).
VOWELS = frozenset("aeiouyæœ")


def elides(name):
    """True when "de" elides before `name` ("Armor Numérique", "Île-Tudy", "Yffiniac")."""
    text = str(name or "").strip()
    if not text:
        return False
    first = unicodedata.normalize("NFD", text[0])[0].lower()
    return first in VOWELS


def de(name):
    """French "of" before a name: "de Morvan", "d'Armor Numérique"."""
    return f"d'{name}" if elides(name) else f"de {name}"


def elided(template, **values):
    """`template % values`, where each "de %(key)s" (or "De %(key)s") of the template
    reads "d'<value>" when the value elides, as "de" before a vowel does in French."""
    for key, value in values.items():
        if isinstance(value, str) and elides(value):
            template = re.sub(rf"\b([dD])e %\({re.escape(key)}\)s", rf"\1'%({key})s", template)
    return template % values
