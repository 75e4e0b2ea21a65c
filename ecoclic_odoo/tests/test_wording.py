# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ecoclic_odoo.models.wording import de, elided, elides


@tagged("post_install", "-at_install")
class TestWording(TransactionCase):
    """French elision of "de" before a name (issue 16: "Campagne d'évaluation de Armor
    Numérique"), and the chatter's creation sentence agreeing with its document."""

    def test_elides_before_a_vowel_only(self):
        for name in ("Armor Numérique", "Île-Tudy", "Étel", "Yffiniac", "Œuilly", " Auray"):
            with self.subTest(name=name):
                self.assertTrue(elides(name))
        for name in ("Morvan", "Hennebont", "Hautefort", "8 agents", "", None, "« Armor »"):
            with self.subTest(name=name):
                self.assertFalse(elides(name))

    def test_de(self):
        self.assertEqual(de("Armor Numérique"), "d'Armor Numérique")
        self.assertEqual(de("Île-Tudy"), "d'Île-Tudy")
        self.assertEqual(de("Morvan"), "de Morvan")
        self.assertEqual(de("Hennebont"), "de Hennebont")

    def test_elided_formats_each_name_after_de(self):
        template = "Campagne d'évaluation de %(opsn)s : %(name)s, de %(count)s collectivités"
        self.assertEqual(
            elided(template, opsn="Armor Numérique", name="Évaluation 2027", count=8),
            "Campagne d'évaluation d'Armor Numérique : Évaluation 2027, de 8 collectivités",
        )
        self.assertEqual(
            elided(template, opsn="Morvan", name="Évaluation 2027", count=8),
            "Campagne d'évaluation de Morvan : Évaluation 2027, de 8 collectivités",
        )
        # A capital "De" too; a word ending in "de" is left alone; "%%" stays a percent.
        self.assertEqual(
            elided("De %(x)s à %(y)s : mode %(y)s, 100 %%", x="Auray", y="Étel"),
            "D'Auray à Étel : mode Étel, 100 %",
        )
        # English: plain formatting.
        self.assertEqual(
            elided("Assessment campaign of %(opsn)s", opsn="Armor Numérique"),
            "Assessment campaign of Armor Numérique",
        )

    def test_french_messages_elide_before_the_collectivity(self):
        company = self.env["res.company"].create(
            {"name": "Auray", "ecoclic_collectivity_type": "commune"}
        )
        with self.assertRaises(ValidationError) as caught:
            company.with_context(lang="fr_FR").write({"ecoclic_population": -1})
        self.assertEqual(str(caught.exception), "La population d'Auray ne peut pas être négative.")
        company.name = "Morbihan"
        with self.assertRaises(ValidationError) as caught:
            company.with_context(lang="fr_FR").write({"ecoclic_population": -1})
        self.assertEqual(
            str(caught.exception), "La population de Morbihan ne peut pas être négative."
        )

    def test_creation_message_agrees_with_the_document(self):
        """'Évaluation de maturité créée' (feminine), in the user's language, in the
        chatter of a record created without a language in the context."""
        self.env.user.lang = "fr_FR"
        company = self.env["res.company"].create(
            {"name": "Auray", "ecoclic_collectivity_type": "commune"}
        )
        self.env.user.company_ids |= company
        assessment = (
            self.env["ecoclic.assessment"]
            .with_context(lang=None, tracking_disable=False)
            .create({"company_id": company.id})
        )
        bodies = assessment.message_ids.mapped("body")
        self.assertIn("Évaluation de maturité créée", " ".join(str(body) for body in bodies))
        self.assertEqual(
            assessment.with_context(lang="en_US")._creation_message(), "Maturity assessment created"
        )
