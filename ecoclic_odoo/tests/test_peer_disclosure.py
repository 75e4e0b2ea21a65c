# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The peer figures against an attacker: the référent of collectivity A, who knows every
rule (models/peers.py) and reads every output (the screen's figures and table, the radar,
the XLSX workbook, the printable report) as itself."""

import io
from unittest.mock import patch

import openpyxl
from lxml import html as lxml_html

from odoo.tests import tagged

from ..models import peers
from .common import EcoclicMaturityCase


@tagged("post_install", "-at_install")
class TestPeerDisclosure(EcoclicMaturityCase):
    """Five peers in Martinique (972), syndicats of 0–499 inhabitants like A, where no
    demo or other test collectivity lives; none of their scores is a multiple of 5."""

    SCORES = (23, 37, 48, 61, 77)
    AXIS = (12, 33, 44, 58, 86)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["ecoclic.assessment"]
        cls.martinique = cls.env.ref("ecoclic_odoo.departement_972")
        cls.reunion = cls.env.ref("ecoclic_odoo.departement_974")
        cls.company_a.write(
            {
                "ecoclic_collectivity_type": "syndicat",
                "ecoclic_population": 200,
                "ecoclic_departement_id": cls.martinique.id,
            }
        )
        cls.peers = cls.env["res.company"].create(
            [
                {
                    "name": f"Syndicat {i}",
                    "ecoclic_collectivity_type": "syndicat",
                    "ecoclic_population": 150 + i,
                    "ecoclic_departement_id": cls.martinique.id,
                }
                for i in range(6)
            ]
        )
        cls.peer_assessments = [
            cls._submit_peer(company, score, axis)
            for company, score, axis in zip(cls.peers, cls.SCORES, cls.AXIS, strict=False)
        ]

    @classmethod
    def _submit_peer(cls, company, score, axis_score):
        """A peer's submitted assessment (its answers do not matter here)."""
        assessment = cls.Assessment.create({"company_id": company.id, "survey_id": cls.survey.id})
        assessment.write(
            {"state": "submitted", "overall_score": score, "date_submitted": "2026-01-10 10:00:00"}
        )
        cls.env["ecoclic.assessment.axis"].create(
            {"assessment_id": assessment.id, "axis_id": cls.axis_gov.id, "score": axis_score}
        )
        return assessment

    def my_assessment(self):
        """A's assessment, answered and validated by its référent, as the screens do."""
        mine = self.Assessment.with_user(self.user_a).create(
            {"company_id": self.company_a.id, "survey_id": self.survey.id}
        )
        for name, position in (("q1", 2), ("q2", 2), ("q3", 1), ("q5", 0)):
            self.answer(mine, self.q[name], position)
        mine.action_submit()
        self.assertEqual(mine.state, "submitted")
        return mine

    def readings(self, assessment):
        """{output: [q1, median, q3] of the overall score} in the department's group, as the
        attacker reads each output, and the screen's full figures."""
        mine = assessment.with_user(self.user_a)
        mine.invalidate_recordset(["chart_data", "peer_html"])
        stats = mine._ecoclic_peer_stats()
        segment = next(s for s in stats["segments"] if s["key"] == "departement")
        label = segment["label"]  # the workbook's language: the context's

        position = stats["segments"].index(segment)

        def table_row(text):
            """The 1st quartile, median and 3rd quartile of the group's row (rows follow
            the groups; the labels may be in another language than the figures' dict)."""
            rows = lxml_html.fromstring(text).xpath(
                "//div[contains(@class, 'o_ecoclic_peers')]//tbody/tr"
            )
            cells = [cell.text_content().strip() for cell in rows[position].iter("td")]
            return cells[2:5]

        book = openpyxl.load_workbook(io.BytesIO(mine._ecoclic_xlsx()))
        sheet_rows = {
            row[0].value: [cell.value for cell in row] for row in book["Peers"].iter_rows(min_row=2)
        }
        report = (
            self.env["ir.actions.report"]
            .with_user(self.user_a)
            ._render_qweb_html("ecoclic_odoo.report_ecoclic_assessment", mine.ids)[0]
            .decode()
        )
        return (
            segment,
            stats,
            {
                "screen": [segment["overall"][key] for key in ("q1", "median", "q3")],
                "table": table_row(mine.peer_html),
                "xlsx": sheet_rows[label][2:5],
                "pdf": table_row(report),
            },
        )

    def published_numbers(self, stats):
        """Every figure (not the counts) the screen hands out, over every axis of the groups
        the five peers make up alone (same type and band, department, region)."""
        numbers = []
        for segment in stats["segments"]:
            if segment["key"] not in ("type_band", "departement", "region"):
                continue
            for figures in [segment["overall"], *segment["axes"].values()]:
                numbers += [
                    figures[key]
                    for key in ("q1", "median", "q3")
                    if figures and figures[key] is not None
                ]
        return numbers

    def test_five_peers_no_figure_is_a_real_score(self):
        mine = self.my_assessment()
        segment, stats, outputs = self.readings(mine)
        self.assertTrue(segment["shown"])
        self.assertEqual(segment["count"], 5)
        # 23, 37, 48, 61, 77: the median alone, to 5 points; axis 12, 33, 44, 58, 86.
        self.assertEqual(
            segment["overall"], {"count": 5, "q1": None, "median": 50, "q3": None, "step": 5}
        )
        self.assertEqual(segment["axes"][self.axis_gov.id]["median"], 45)
        self.assertEqual(outputs["table"], ["–", "50", "–"])
        self.assertEqual(outputs["pdf"], ["–", "50", "–"])
        self.assertEqual(outputs["xlsx"], ["–", 50, "–"])
        individual = set(self.SCORES) | set(self.AXIS)
        for output, figures in outputs.items():
            self.assertFalse(individual & {f for f in figures if isinstance(f, int)}, output)
            self.assertFalse(
                individual & {int(f) for f in figures if isinstance(f, str) and f.isdigit()}, output
            )
        self.assertFalse(individual & set(self.published_numbers(stats)))
        self.assertFalse(
            individual & set(filter(None, mine.with_user(self.user_a).chart_data["peer"]))
        )
        # Every group and axis on the screen (the instance's "all" too) obeys the rule.
        for group in stats["segments"]:
            for figures in [group["overall"], *group["axes"].values()]:
                if not figures:
                    continue
                self.assertEqual(figures["q1"] is None, figures["count"] < peers.QUARTILE_FLOOR)
                if figures["count"] < peers.PRECISE_FLOOR:
                    self.assertFalse(
                        [
                            figures[key]
                            for key in ("q1", "median", "q3")
                            if figures[key] is not None and figures[key] % 5
                        ],
                        group["key"],
                    )

    def test_editing_the_profile_moves_no_group_and_is_logged(self):
        mine = self.my_assessment()
        as_attacker = self.company_a.with_user(self.user_a)
        # The set-up's own changes (as the administrator) are logged too.
        known = as_attacker.ecoclic_profile_change_ids
        self.assertIn("ecoclic_departement_id", known.mapped("field_name"))
        before = mine.with_user(self.user_a)._ecoclic_peer_stats()
        peer = self.peer_assessments[0]
        peer_before = peer._ecoclic_peer_stats()
        # The attacker hops to another band, department and region to read other groups.
        as_attacker.write({"ecoclic_population": 60000})
        as_attacker.write({"ecoclic_departement_id": self.reunion.id})
        as_attacker.write({"ecoclic_region_id": self.env.ref("ecoclic_odoo.region_53").id})
        mine.invalidate_recordset()
        after = mine.with_user(self.user_a)._ecoclic_peer_stats()
        self.assertEqual(after, before, "the submitted assessment keeps its groups")
        self.assertEqual(mine.segment_departement_id, self.martinique)
        self.assertEqual(mine.segment_population_band, "0_499")
        # A new draft is compared like the latest submitted assessment.
        draft = self.Assessment.with_user(self.user_a).create(
            {"company_id": self.company_a.id, "survey_id": self.survey.id}
        )
        self.assertEqual(draft._ecoclic_peer_segment(), mine._ecoclic_peer_segment())
        # Others keep seeing A's score where it was submitted.
        self.assertEqual(peer._ecoclic_peer_stats(), peer_before)
        # Each change is logged: who, what, from what to what; A's référent reads it.
        as_attacker.invalidate_recordset(["ecoclic_profile_change_ids"])
        changes = (as_attacker.ecoclic_profile_change_ids - known).sorted("id")
        self.assertEqual(
            [(c.field_name, c.old_value, c.new_value, c.user_id) for c in changes],
            [
                ("ecoclic_population", "200", "60000", self.user_a),
                (
                    "ecoclic_departement_id",
                    self.martinique.display_name,
                    self.reunion.display_name,
                    self.user_a,
                ),
                (
                    "ecoclic_region_id",
                    self.martinique.region_id.display_name,
                    self.reunion.region_id.display_name,
                    self.user_a,
                ),
                (
                    "ecoclic_region_id",
                    self.reunion.region_id.display_name,
                    self.env.ref("ecoclic_odoo.region_53").display_name,
                    self.user_a,
                ),
            ],
        )
        self.assertTrue(all(changes.mapped("date")))
        # Another collectivity's référent does not read it.
        self.assertFalse(
            self.env["ecoclic.profile.change"]
            .with_user(self.user_b)
            .search([("company_id", "=", self.company_a.id)])
        )

    def test_one_new_peer_cannot_be_pinned(self):
        """Differencing over time: the attacker reads the group of 5, a 6th peer submits
        (score 54, between the 2nd and 4th), the attacker reads the group of 6. Even an
        attacker who also knows the five other scores exactly cannot narrow the newcomer's
        score below a 10-point window."""
        mine = self.my_assessment()
        before = self.readings(mine)[0]
        newcomer = 54
        self._submit_peer(self.peers[5], newcomer, 52)
        after, _stats, outputs = self.readings(mine)
        self.assertEqual((before["count"], after["count"]), (5, 6))
        # The screen publishes what the rule says, so the attacker can model it.
        self.assertEqual(before["overall"], peers.publish_values(self.SCORES))
        self.assertEqual(after["overall"], peers.publish_values(self.SCORES + (newcomer,)))
        candidates = [
            x for x in range(101) if peers.publish_values(self.SCORES + (x,)) == after["overall"]
        ]
        self.assertIn(newcomer, candidates)
        self.assertGreaterEqual(len(candidates), 10, candidates)
        self.assertNotIn(newcomer, [f for f in outputs["screen"] if f is not None])
        axis_candidates = [
            x
            for x in range(101)
            if peers.publish_values(self.AXIS + (x,)) == after["axes"][self.axis_gov.id]
        ]
        self.assertGreaterEqual(len(axis_candidates), 10, axis_candidates)

    def test_peer_queries_do_not_grow_with_the_peers(self):
        mine = self.my_assessment()
        counts = []
        for extra in (0, 20):
            companies = self.env["res.company"].create(
                [
                    {
                        "name": f"Extra {extra}-{i}",
                        "ecoclic_collectivity_type": "syndicat",
                        "ecoclic_population": 300,
                        "ecoclic_departement_id": self.martinique.id,
                    }
                    for i in range(extra)
                ]
            )
            for company in companies:
                self._submit_peer(company, 41, 41)
            self.env.flush_all()
            # Creating companies clears the registry's caches (access rights, record
            # rules): the first read refills them; the second is the one measured.
            for _run in range(2):
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                stats = mine.with_user(self.user_a)._ecoclic_peer_stats()
            counts.append(self.env.cr.sql_log_count - before)
        # The assessment's snapshot, the aggregates, the reference benchmark.
        self.assertEqual(counts, [3, 3])
        segment = next(s for s in stats["segments"] if s["key"] == "departement")
        self.assertEqual(segment["overall"]["step"], 1)  # 25 collectivities: whole points
        self.assertIsNotNone(segment["overall"]["q1"])

    def test_peer_figures_with_cold_caches(self):
        """The first peer screen of a process in a language (after a server start): the
        labels' translation looks the language up in the database, on the cursor of the
        aggregates' query; the figures are those of a warm cache (they were all empty, the
        lookup's rows read in their place)."""
        mine = self.my_assessment().with_context(lang="fr_FR")
        warm = mine._ecoclic_peer_stats()
        Assessment = type(self.Assessment)
        labels = Assessment._ecoclic_segment_labels

        def cold_labels(assessment):
            assessment.env["res.lang"].search_fetch([], ["code"])  # as the first lookup does
            return labels(assessment)

        self.env.invalidate_all()
        with patch.object(Assessment, "_ecoclic_segment_labels", cold_labels):
            cold = mine._ecoclic_peer_stats()
        departement = next(s for s in cold["segments"] if s["key"] == "departement")
        self.assertEqual(departement["count"], 5)
        self.assertEqual(cold["segments"], warm["segments"])
