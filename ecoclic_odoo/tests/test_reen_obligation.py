# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Loi REEN art. 35 (décret 2022-1084): who is bound, the deliverables and their dates,
the reminders, the documents, and who may read or change them."""

import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import company_user

# A day between 1 January and the default budget debate (31 March).
WINTER = date(2026, 2, 1)
# A day after it: the review of the year is late unless done, next year's is set up.
SPRING = date(2026, 4, 1)


@tagged("post_install", "-at_install")
class TestReenObligation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=True))
        cls.Obligation = cls.env["ecoclic.reen.obligation"]
        cls.city = cls._collectivity("Ville de 120 000", "commune", 120000)
        cls.other = cls._collectivity("Ville de 80 000", "commune", 80000)
        cls.referent = company_user(
            cls.env, cls.city, login="reen_referent", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.agent = company_user(
            cls.env, cls.city, login="reen_agent", groups="ecoclic_odoo.group_ecoclic_user"
        )
        cls.other_referent = company_user(
            cls.env, cls.other, login="reen_other", groups="ecoclic_odoo.group_ecoclic_manager"
        )
        cls.city.ecoclic_referent_id = cls.referent

    @classmethod
    def _collectivity(cls, name, kind, population):
        return cls.env["res.company"].create(
            {"name": name, "ecoclic_collectivity_type": kind, "ecoclic_population": population}
        )

    def _ensure(self, companies, today):
        return self.Obligation.with_context(ecoclic_today=today)._ecoclic_ensure(companies)

    def _of(self, company, **domain):
        return self.Obligation.search(
            [("company_id", "=", company.id)] + [(k, "=", v) for k, v in domain.items()],
            order="kind, year",
        )

    # ------------------------------------------------------------------
    # Who is bound: "de plus de 50 000 habitants"
    # ------------------------------------------------------------------
    def test_threshold_is_more_than_50000(self):
        cases = [
            ("commune", 49999, False),
            ("commune", 50000, False),  # "plus de 50 000": 50 000 is not more
            ("commune", 50001, True),
            ("commune", 120000, True),
            ("cc", 50001, True),  # EPCI à fiscalité propre
            ("ca", 84000, True),
            ("cu", 60000, True),  # communauté urbaine (Arras), EPCI à fiscalité propre
            ("metropole", 500000, True),
            ("ca", 50000, False),
            ("syndicat", 200000, False),  # an EPCI without its own taxation
            ("departement", 612000, False),  # not named by article 35
            ("region", 3000000, False),
        ]
        companies = self.env["res.company"]
        for kind, population, bound in cases:
            company = self._collectivity(f"{kind} {population}", kind, population)
            companies |= company
            with self.subTest(kind=kind, population=population):
                self.assertEqual(company.ecoclic_reen_concerned, bound)
        created = self._ensure(companies, WINTER)
        bound_ids = {c.id for c in companies if c.ecoclic_reen_concerned}
        self.assertEqual(set(created.company_id.ids), bound_ids)
        for company in companies.filtered("ecoclic_reen_concerned"):
            mine = created.filtered(lambda r, company=company: r.company_id == company)
            self.assertEqual(
                sorted((r.kind, r.year, r.date_due) for r in mine),
                [
                    ("programme", 0, date(2023, 1, 1)),
                    ("review", 2026, date(2026, 3, 31)),
                    ("strategy", 0, date(2025, 1, 1)),
                ],
            )

    def test_a_commune_that_grows_past_50000_becomes_bound(self):
        town = self._collectivity("Bourg", "commune", 49999)
        self.assertFalse(self._ensure(town, WINTER))
        town.ecoclic_population = 50001
        self.assertTrue(town.ecoclic_reen_concerned)
        self.assertEqual(len(self._ensure(town, WINTER)), 3)

    # ------------------------------------------------------------------
    # Dates: the yearly review rolls over, the budget debate's day carries over
    # ------------------------------------------------------------------
    def test_yearly_review_rolls_over_years(self):
        self._ensure(self.city, WINTER)
        self.assertEqual(self._of(self.city, kind="review").mapped("year"), [2026])
        # The council debates the budget on 10 February: the référent says so.
        review = self._of(self.city, kind="review", year=2026)
        review.with_user(self.referent).date_due = date(2026, 2, 10)
        # Past that day, next year's review is set up on the same day of the year.
        created = self._ensure(self.city, date(2026, 2, 11))
        self.assertEqual([(r.year, r.date_due) for r in created], [(2027, date(2027, 2, 10))])
        self.assertTrue(review.with_context(ecoclic_today=date(2026, 2, 11)).is_late)
        self.assertFalse(self._ensure(self.city, date(2026, 12, 31)))
        # A new year: its review already exists, the next one comes after the debate.
        self.assertFalse(self._ensure(self.city, date(2027, 1, 5)))
        self.assertEqual([r.year for r in self._ensure(self.city, date(2027, 3, 1))], [2028])
        self.assertEqual(self._of(self.city, kind="review").mapped("year"), [2026, 2027, 2028])

    def test_status_late_and_done(self):
        self._ensure(self.city, SPRING)
        Late = self.Obligation.with_context(ecoclic_today=SPRING)
        review = Late.search([("company_id", "=", self.city.id), ("year", "=", 2026)])
        self.assertEqual(review.status, "late")
        late = Late.search([("company_id", "=", self.city.id), ("is_late", "=", True)])
        self.assertEqual(sorted(late.mapped("kind")), ["programme", "review", "strategy"])
        # Next year's review was set up once this year's debate was past: not late.
        self.assertEqual(
            Late.search([("company_id", "=", self.city.id), ("is_late", "=", False)]).year,
            2027,
        )
        review.with_user(self.referent).action_start()
        self.assertEqual(review.state, "in_progress")
        self.assertEqual(review.status, "late")
        review.with_user(self.referent).action_done()
        self.assertEqual((review.status, review.is_late), ("done", False))
        self.assertTrue(review.date_done)
        review.with_user(self.referent).action_reopen()
        self.assertEqual((review.state, review.date_done), ("in_progress", False))
        review.with_user(self.referent).action_done()
        dashboard = self.city.with_user(self.referent).with_context(ecoclic_today=SPRING)
        self.assertEqual(dashboard.ecoclic_reen_late_count, 2)
        # The next deadline: next year's review, ahead; the late ones are counted apart.
        self.assertEqual(dashboard.ecoclic_reen_next_id.year, 2027)
        self.assertEqual(dashboard.ecoclic_reen_next_date, date(2027, 3, 31))

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    def test_cron_reminds_the_referent_once(self):
        self._ensure(self.city, date(2025, 12, 1))
        self.env["ecoclic.reen.obligation"].search([("company_id", "=", self.city.id)]).filtered(
            lambda r: r.kind != "review"
        ).write({"state": "done"})
        self.city.ecoclic_reen_reminder_days = 30
        Cron = self.Obligation.with_context(ecoclic_today=WINTER)
        # 58 days before the debate: outside a 30-day delay, no reminder.
        Cron._cron_ecoclic_reen()
        review = self._of(self.city, kind="review", year=2026)
        self.assertFalse(review.activity_ids)
        self.city.ecoclic_reen_reminder_days = 60
        created = Cron._cron_ecoclic_reen()
        mine = created.filtered(lambda a: a.res_id == review.id)
        self.assertEqual(len(mine), 1)
        self.assertEqual(mine.user_id, self.referent)
        self.assertEqual(mine.date_deadline, date(2026, 3, 31))
        self.assertEqual(
            mine.activity_type_id, self.env.ref("ecoclic_odoo.mail_activity_ecoclic_reen")
        )
        # Run again: nothing is created, nothing doubled.
        count = self.Obligation.search_count([])
        again = Cron._cron_ecoclic_reen()
        self.assertFalse(again.filtered(lambda a: a.res_id in self._of(self.city).ids))
        self.assertEqual(self.Obligation.search_count([]), count)
        self.assertEqual(len(review.activity_ids), 1)
        # Done: the to-do is closed with it.
        review.with_user(self.referent).action_done()
        self.assertFalse(review.activity_ids)

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------
    def _plan(self):
        axis = self.env.ref("ecoclic_odoo.axis_achats")
        Line = self.env["ecoclic.plan.line"]
        done = Line.create(
            {"name": "Clause de réemploi", "company_id": self.city.id, "axis_id": axis.id}
        )
        done.state = "done"
        Line.create(
            {
                "name": '=HYPERLINK("http://x")',
                "company_id": self.city.id,
                "axis_id": axis.id,
                "date_due": date(2020, 1, 1),
            }
        )
        return axis

    def test_documents_render_for_the_referent(self):
        self._ensure(self.city, WINTER)
        axis = self._plan()
        # Printed in the collectivity's language, whoever prints.
        self.city.partner_id.lang = lang = "fr_FR"
        self.env["res.lang"]._activate_lang(lang)
        theme = axis.reen_theme_ids[:1].with_context(lang=lang).name
        Report = self.env["ir.actions.report"].with_user(self.referent)
        strategy = self._of(self.city, kind="strategy").with_user(self.referent)
        review = self._of(self.city, kind="review").with_user(self.referent)
        html = Report._render_qweb_html(
            "ecoclic_odoo.action_report_ecoclic_reen_strategy", strategy.ids
        )[0].decode()
        self.assertIn(theme, html)
        self.assertIn("Ville de 120 000", html)
        self.assertIn("HYPERLINK", html)  # an open measure
        self.assertNotIn("Clause de réemploi", html)  # done: not a measure to come
        html = Report._render_qweb_html(
            "ecoclic_odoo.action_report_ecoclic_reen_review", review.ids
        )[0].decode()
        self.assertIn("Clause de réemploi", html)
        self.assertIn("Bilan annuel 2026", html)
        self.assertIn("Objectifs : score → cible", html)
        self.assertEqual(
            review.action_print()["report_name"], "ecoclic_odoo.report_ecoclic_reen_review"
        )
        self.assertEqual(
            strategy.action_print()["report_name"], "ecoclic_odoo.report_ecoclic_reen_strategy"
        )
        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "ecoclic_odoo.action_report_ecoclic_reen_review", review.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # The workbook: the same rows, text stays text.
        name, content, _mime = review.with_context(lang=lang)._ecoclic_export("reen-xlsx")
        self.assertTrue(name.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = {sheet.cell(r, 1).value: r for r in range(6, 12)}
        row = rows[theme]
        self.assertIn("Clause de réemploi", sheet.cell(row, 3).value)
        late = sheet.cell(row, 5)
        self.assertEqual(late.data_type, "s")
        self.assertIn("=HYPERLINK", late.value)

    # ------------------------------------------------------------------
    # Personas
    # ------------------------------------------------------------------
    def test_personas(self):
        self._ensure(self.city | self.other, WINTER)
        review = self._of(self.city, kind="review")
        # The référent writes.
        as_referent = review.with_user(self.referent)
        as_referent.write({"date_due": date(2026, 3, 20), "document_name": "bilan.pdf"})
        as_referent.action_start()
        self.assertEqual(review.state, "in_progress")
        # The agent reads, changes nothing.
        as_agent = review.with_user(self.agent)
        self.assertEqual(as_agent.date_due, date(2026, 3, 20))
        self.assertIn("reen-xlsx", as_agent.action_export_xlsx()["url"])
        with self.assertRaises(AccessError):
            as_agent.write({"state": "done"})
        with self.assertRaises(AccessError):
            as_agent.action_done()
        # Another collectivity's référent neither sees nor changes it.
        Other = self.Obligation.with_user(self.other_referent)
        self.assertFalse(Other.search([("company_id", "=", self.city.id)]))
        self.assertEqual(len(Other.search([])), 3)
        with self.assertRaises(AccessError):
            review.with_user(self.other_referent).read(["date_due"])
        with self.assertRaises(AccessError):
            review.with_user(self.other_referent).write({"state": "done"})
        with self.assertRaises(AccessError):
            review.with_user(self.other_referent)._ecoclic_export("reen-xlsx")
