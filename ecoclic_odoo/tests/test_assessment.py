# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import format_date

from ..models import scoring
from .common import EcoclicMaturityCase, company_user


@tagged("post_install", "-at_install")
class TestScores(EcoclicMaturityCase):
    def new_assessment(self, company=None, survey=None):
        company = company or self.company_a
        return self.env["ecoclic.assessment"].create(
            {
                "company_id": company.id,
                "survey_id": (survey or self.survey).id,
            }
        )

    def test_name_short_where_one_company_is_at_work(self):
        """'Assessment of <date>' in one company (the collectivity is on screen already,
        the breadcrumbs no longer cut it); with the collectivity where several companies
        are at work, and always in files and printouts."""
        assessment = self.new_assessment()
        date = format_date(self.env, assessment.date_start)
        one = assessment.with_context(allowed_company_ids=[self.company_a.id])
        self.assertEqual(one.display_name, f"Assessment of {date}")
        several = assessment.with_context(
            allowed_company_ids=[self.company_a.id, self.company_b.id]
        )
        self.assertEqual(several.display_name, f"{self.company_a.name} – assessment of {date}")
        self.assertEqual(one._ecoclic_full_name(), several.display_name)

    def test_score_formula_with_a_conditional_question_out_of_scope(self):
        assessment = self.new_assessment()
        q = self.q
        # Level 2 is off: Q4 is not asked. Q1 is not at its last answer: Q1a is out of scope.
        self.assertNotIn(q["q4"], assessment.user_input_id.predefined_question_ids)
        self.answer(assessment, q["q1"], 2)  # weight 2 of 3
        self.answer(assessment, q["q2"], 2)  # weight 3 of 3
        self.answer(assessment, q["q3"], 1)  # weight 1 of 3
        self.answer(assessment, q["q5"], 0)  # weight 0 of 3
        self.assertEqual(assessment.progress, 100)
        assessment.action_submit()
        self.assertEqual(assessment.state, "submitted")
        scores = {line.axis_id: line for line in assessment.axis_score_ids}
        # Gouvernance: floor(100 × (2 + 3) / (3 + 3)) = floor(83.3) = 83
        self.assertEqual(scores[self.axis_gov].score, 83)
        self.assertEqual(scores[self.axis_gov].in_scope_count, 2)
        # Achats: floor(100 × (1 + 0) / (3 + 3)) = floor(16.7) = 16
        self.assertEqual(scores[self.axis_ach].score, 16)
        # Overall: floor(100 × 6 / 12) = 50, grade D, gap to the target of 70: 20
        self.assertEqual(assessment.overall_score, 50)
        self.assertEqual(assessment.grade, "D")
        self.assertEqual(assessment.maturity_level, "D")
        self.assertEqual(assessment.target_score, 70)
        self.assertEqual(assessment.gap, 20)

    def test_triggered_sub_question_and_deeper_level_enter_the_scope(self):
        self.company_a.ecoclic_level2_enabled = True
        self.env["ecoclic.target"].create(
            {"company_id": self.company_a.id, "axis_id": self.axis_gov.id, "target_score": 90}
        )
        assessment = self.new_assessment()
        q = self.q
        self.assertIn(q["q4"], assessment.user_input_id.predefined_question_ids)
        self.answer(assessment, q["q1"], 3)  # weight 3: shows Q1a
        self.answer(assessment, q["q2"], 2)  # 3
        self.answer(assessment, q["q3"], 2)  # 3
        self.answer(assessment, q["q4"], 1)  # 3
        self.answer(assessment, q["q5"], 1)  # 3
        # Q1a now applies and is not answered: 5 of 6 questions in scope are answered.
        self.assertEqual(assessment.progress, 83)
        with self.assertRaisesRegex(UserError, "not answered"):
            assessment.action_submit()
        self.assertEqual(assessment.state, "draft")
        self.assertFalse(assessment.axis_score_ids)
        self.answer(assessment, q["q1a"], 1)  # weight 1 of 3
        assessment.action_submit()
        # Gouvernance: (3 + 1 + 3) / 9 = 77.7 -> 77; Achats: 9 / 9 -> 100; overall 16/18 -> 88
        scores = {line.axis_id: line.score for line in assessment.axis_score_ids}
        self.assertEqual(scores, {self.axis_gov: 77, self.axis_ach: 100})
        self.assertEqual(assessment.overall_score, 88)
        # Targets are frozen too: Gouvernance's own, the overall one (70) for Achats.
        targets = {
            line.axis_id: (line.target_score, line.gap) for line in assessment.axis_score_ids
        }
        self.assertEqual(targets, {self.axis_gov: (90, 13), self.axis_ach: (70, -30)})
        self.assertEqual(assessment.grade, "B")
        self.assertTrue(assessment.level2)

    def test_changing_an_answer_moves_a_sub_question_out_of_scope(self):
        assessment = self.new_assessment()
        q = self.q
        self.answer(assessment, q["q1"], 3)
        self.answer(assessment, q["q1a"], 0)
        self.answer(assessment, q["q1"], 0)  # Q1a no longer applies: its answer does not count
        for name in ("q2", "q3", "q5"):
            self.answer(assessment, q[name], 1)
        assessment.action_submit()
        # Gouvernance: (0 + 2) / 6 -> 33; Achats: (1 + 3) / 6 -> 66; overall 6 / 12 -> 50
        scores = {line.axis_id: line.score for line in assessment.axis_score_ids}
        self.assertEqual(scores, {self.axis_gov: 33, self.axis_ach: 66})
        self.assertEqual(assessment.overall_score, 50)

    def test_grades_at_every_boundary(self):
        cases = {
            100: "A",
            99: "A",
            98: "B",
            80: "B",
            79: "C",
            60: "C",
            59: "D",
            40: "D",
            39: "E",
            0: "E",
        }
        for score, letter in cases.items():
            with self.subTest(score=score):
                self.assertEqual(scoring.grade(score), letter)
        self.assertFalse(scoring.grade(None))

    def test_scores_are_frozen_across_versions(self):
        assessment = self.new_assessment()
        for name, position in (("q1", 2), ("q2", 2), ("q3", 1), ("q5", 0)):
            self.answer(assessment, self.q[name], position)
        assessment.action_submit()
        frozen = [(line.axis_id.id, line.score) for line in assessment.axis_score_ids]
        self.assertEqual(assessment.overall_score, 50)
        # The answered version is locked: no edit in place, of weights or of questions.
        self.assertTrue(self.survey.ecoclic_locked)
        with self.assertRaisesRegex(UserError, "Create a new version"):
            self.q["q1"].suggested_answer_ids[0].ecoclic_weight = 3
        with self.assertRaisesRegex(UserError, "Create a new version"):
            self.q["q2"].title = "Reworded"
        with self.assertRaisesRegex(UserError, "Create a new version"):
            self.q["q5"].unlink()
        # The administrator's form says so and shows the questions read-only (no drag
        # handle, delete icon or "Add a question"), rather than refusing on save.
        form = Form(self.survey.with_user(self.env.ref("base.user_admin")))
        self.assertTrue(form.ecoclic_locked)
        with self.assertRaisesRegex(AssertionError, "is not editable"):
            form.question_and_page_ids.new()
        with self.assertRaisesRegex(AssertionError, "is not editable"):
            form.question_and_page_ids.remove(0)
        arch = etree.fromstring(self.env["survey.survey"].get_view(view_type="form")["arch"])
        [duplicate] = arch.xpath("//field[@name='question_and_page_ids']/list/button[@name='copy']")
        self.assertEqual(duplicate.get("column_invisible"), "parent.ecoclic_locked")
        # A new version is a copy, editable until published; publishing retires the old one.
        action = self.survey.action_ecoclic_new_version()
        version2 = self.env["survey.survey"].browse(action["res_id"])
        self.assertEqual(version2.ecoclic_version, 2)
        self.assertEqual(version2.ecoclic_previous_id, self.survey)
        self.assertEqual(len(version2.question_ids), len(self.survey.question_ids))
        q1_v2 = version2.question_ids.filtered(lambda q: q.title == "Q1")
        q1a_v2 = version2.question_ids.filtered(lambda q: q.title == "Q1a")
        self.assertEqual(q1a_v2.triggering_answer_ids.question_id, q1_v2)
        q1_v2.suggested_answer_ids.sorted()[2].ecoclic_weight = 3
        version2.action_ecoclic_publish()
        self.assertEqual(self.survey.ecoclic_version_state, "retired")
        self.survey.action_archive()
        # The past assessment keeps its version and its scores.
        assessment.invalidate_recordset()
        self.assertEqual(assessment.survey_id, self.survey)
        self.assertEqual(assessment.overall_score, 50)
        self.assertEqual(
            {(line.axis_id.id, line.score) for line in assessment.axis_score_ids}, set(frozen)
        )
        # A new assessment answers the new version, where the same answers now weigh more.
        second = self.new_assessment(survey=version2)
        qs = {q.title: q for q in version2.question_ids}
        for title, position in (("Q1", 2), ("Q2", 2), ("Q3", 1), ("Q5", 0)):
            self.answer(second, qs[title], position)
        second.action_submit()
        self.assertEqual(second.overall_score, 58)  # floor(100 × 7 / 12)
        history = second._ecoclic_history()
        self.assertEqual(history.mapped("overall_score"), [50, 58])

    def test_weight_out_of_range_is_refused(self):
        survey, questions = self._make_survey("other")
        new_version = survey.action_ecoclic_new_version()
        draft = self.env["survey.survey"].browse(new_version["res_id"])
        answer = draft.question_ids.suggested_answer_ids[0]
        for weight in (4, -1):
            with self.assertRaises(ValidationError) as caught:
                answer.ecoclic_weight = weight
            self.assertIn("must be 0, 1, 2 or 3", str(caught.exception))
        self.assertEqual(answer.ecoclic_weight, 0)

    def test_targets_out_of_range_are_refused(self):
        Target = self.env["ecoclic.target"]
        for score in (101, -1):
            with self.assertRaises(ValidationError) as caught:
                Target.create(
                    {
                        "company_id": self.company_a.id,
                        "axis_id": self.axis_gov.id,
                        "target_score": score,
                    }
                )
            self.assertIn("between 0 and 100", str(caught.exception))
            with self.assertRaises(ValidationError) as caught:
                self.company_a.ecoclic_target_score = score
            self.assertIn("between 0 and 100", str(caught.exception))
        self.assertFalse(Target.search([("company_id", "=", self.company_a.id)]))
        self.assertEqual(self.company_a.ecoclic_target_score, 70)
        french = self.company_a.with_context(lang="fr_FR")
        with self.assertRaises(ValidationError) as caught:
            french.ecoclic_target_score = 120
        self.assertIn("doit être comprise entre 0 et 100", str(caught.exception))

    def test_incomplete_assessment_refused_in_french(self):
        assessment = self.new_assessment().with_context(lang="fr_FR")
        self.answer(assessment, self.q["q1"], 0)
        with self.assertRaises(UserError) as caught:
            assessment.action_submit()
        self.assertIn("ne peut pas encore être soumise", str(caught.exception))
        self.assertEqual(assessment.state, "draft")

    def test_scoring_takes_a_fixed_number_of_queries(self):
        """Computing and freezing the scores of one assessment cost the same number of
        queries whatever the number of questions (4 or 44 answered here)."""
        assessments = {}
        for extra in (0, 0, 40, 0):  # the first one warms the caches up
            survey, questions = self._make_survey(
                f"size-{extra}-{len(assessments)}", extra_questions=extra
            )
            assessment = self.new_assessment(survey=survey)
            for name, question in questions.items():
                if name not in ("q1a", "q4"):
                    self.answer(assessment, question, 1)
            assessments[len(assessments)] = (extra, assessment)
        assessments.pop(0)[1]._ecoclic_freeze()
        freeze_counts = []
        for extra, assessment in assessments.values():
            with self.subTest(questions=4 + extra):
                self.env.flush_all()
                self.env.invalidate_all()
                with self.assertQueryCount(__system__=7):
                    results = assessment._ecoclic_results()
                self.assertEqual(results[assessment.id].overall.answered, 4 + extra)
                self.env.invalidate_all()
                # The chatter's tracking of the new state is left out of the count: it
                # costs the same whatever the questionnaire (and its first use warms caches).
                # Freezing also draws the recommendations from the catalogue; the count
                # depends on the add-ons installed (ecoclic_odoo_opsn adds one), not on the
                # questionnaire's size.
                before = self.env.cr.sql_log_count
                assessment.with_context(tracking_disable=True)._ecoclic_freeze()
                self.env.flush_all()
                freeze_counts.append(self.env.cr.sql_log_count - before)
                self.assertEqual(assessment.state, "submitted")
                self.assertEqual(len(assessment.axis_score_ids), 3 if extra else 2)
        # (the first measured freeze may still fill a cache of the transaction)
        self.assertEqual(freeze_counts[1], freeze_counts[2], "44 and 4 questions")
        self.assertLessEqual(max(freeze_counts), 30)


@tagged("post_install", "-at_install")
class TestAssessmentAccess(EcoclicMaturityCase):
    def test_users_of_two_collectivities_never_see_each_other(self):
        Assessment = self.env["ecoclic.assessment"]
        mine = Assessment.with_user(self.user_a).create({"survey_id": self.survey.id})
        self.assertEqual(mine.company_id, self.company_a)
        self.answer(mine, self.q["q1"], 1)
        for name in ("q2", "q3", "q5"):
            self.answer(mine, self.q[name], 1)
        mine.with_user(self.user_a).action_submit()
        theirs = Assessment.with_user(self.user_b).create({"survey_id": self.survey.id})
        self.assertEqual(theirs.company_id, self.company_b)

        as_a = Assessment.with_user(self.user_a)
        as_b = Assessment.with_user(self.user_b)
        self.assertEqual(as_a.search([]), mine)
        self.assertEqual(as_b.search([]), theirs)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_b).read(["overall_score"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).read(["state"])
        Lines = self.env["ecoclic.assessment.axis"]
        self.assertFalse(Lines.with_user(self.user_b).search([("assessment_id", "=", mine.id)]))
        # user_b is a survey manager: still no access to company A's survey answers.
        UserInput = self.env["survey.user_input"].with_user(self.user_b)
        self.assertNotIn(mine.user_input_id, UserInput.search([]))
        with self.assertRaises(AccessError):
            mine.user_input_id.with_user(self.user_b).read(["state"])
        answer_lines = self.env["survey.user_input.line"].with_user(self.user_b)
        self.assertFalse(answer_lines.search([("user_input_id", "=", mine.user_input_id.id)]))
        # ...and cannot write or submit the other collectivity's assessment.
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).write({"responsible_id": self.user_a.id})
        with self.assertRaises(AccessError):
            theirs.with_user(self.user_a).action_submit()
        # An assessment cannot be created for another collectivity.
        with self.assertRaises(AccessError):
            Assessment.with_user(self.user_a).create(
                {
                    "survey_id": self.survey.id,
                    "company_id": self.company_b.id,
                }
            )

    def test_referent_edits_their_profile_only(self):
        company = self.company_a.with_user(self.user_a)
        company.write(
            {
                "ecoclic_population": 1800,
                "ecoclic_target_score": 75,
                "ecoclic_departement_id": self.env.ref("ecoclic_odoo.departement_22").id,
            }
        )
        self.assertEqual(self.company_a.ecoclic_population, 1800)
        self.assertEqual(self.company_a.ecoclic_region_id, self.env.ref("ecoclic_odoo.region_53"))
        company.write(
            {"ecoclic_target_ids": [(0, 0, {"axis_id": self.axis_gov.id, "target_score": 80})]}
        )
        self.assertEqual(self.company_a.ecoclic_target_ids.target_score, 80)
        with self.assertRaises(AccessError):
            company.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.company_b.with_user(self.user_a).write({"ecoclic_population": 1})
        self.assertEqual(self.company_b.ecoclic_population, 1700)

    def test_identifiers_are_checked(self):
        for values, message in (
            ({"ecoclic_siren": "123456789"}, "not a valid SIREN"),
            ({"ecoclic_insee_code": "2C001"}, "is not an INSEE code"),
            ({"ecoclic_intercommunality_id": self.company_b.id}, "cannot belong to"),
        ):
            with self.assertRaises(ValidationError) as caught:
                self.company_a.write(values)
            self.assertIn(message, str(caught.exception))
        self.company_a.write({"ecoclic_siren": "732829320", "ecoclic_insee_code": "2A004"})
        self.company_b.ecoclic_collectivity_type = "cc"
        self.company_a.ecoclic_intercommunality_id = self.company_b
        self.assertEqual(self.company_a.ecoclic_intercommunality_id, self.company_b)


@tagged("post_install", "-at_install")
class TestPeers(EcoclicMaturityCase):
    """Peer aggregates, in a department where no other test or demo data lives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.departement = cls.env.ref("ecoclic_odoo.departement_971")
        cls.company_a.ecoclic_departement_id = cls.departement
        cls.Assessment = cls.env["ecoclic.assessment"]

    def submitted(self, company, score, axis_scores, day):
        """A submitted assessment with the given scores (its answers do not matter here)."""
        assessment = self.Assessment.create({"company_id": company.id, "survey_id": self.survey.id})
        assessment.write(
            {
                "state": "submitted",
                "overall_score": score,
                "date_submitted": f"2026-01-{day:02d} 10:00:00",
            }
        )
        self.env["ecoclic.assessment.axis"].create(
            [
                {"assessment_id": assessment.id, "axis_id": axis.id, "score": value}
                for axis, value in axis_scores.items()
            ]
        )
        return assessment

    def peers(self, count):
        companies = self.env["res.company"].create(
            [
                {
                    "name": f"Pair {i}",
                    "ecoclic_collectivity_type": "syndicat",
                    "ecoclic_population": 200,
                    "ecoclic_departement_id": self.departement.id,
                }
                for i in range(count)
            ]
        )
        return companies

    def segment(self, assessment, key):
        return next(s for s in assessment._ecoclic_peer_stats()["segments"] if s["key"] == key)

    def test_aggregates_need_five_other_collectivities(self):
        mine = self.submitted(self.company_a, 90, {self.axis_gov: 90}, 1)
        others = self.peers(5)
        for company, score in zip(others[:4], (10, 20, 30, 40), strict=True):
            self.submitted(company, score, {self.axis_gov: score + 1}, 2)
        segment = self.segment(mine, "departement")
        self.assertFalse(segment["shown"])
        self.assertEqual(segment["overall"], {})
        self.assertEqual(segment["axes"], {})
        self.assertIn("fewer than 5 other collectivities", mine.peer_html)
        # An older assessment of the fifth collectivity is replaced by its latest one.
        self.submitted(others[4], 95, {self.axis_gov: 95}, 2)
        self.submitted(others[4], 50, {self.axis_gov: 51}, 3)
        mine.invalidate_recordset(["chart_data", "peer_html"])
        segment = self.segment(mine, "departement")
        self.assertTrue(segment["shown"])
        self.assertEqual(segment["count"], 5)
        # Scores 10, 20, 30, 40, 50 (own 90 left out): median 30; with 5 scores, no
        # quartiles (they would be the 2nd and 4th scores), and figures to 5 points.
        self.assertEqual(
            segment["overall"], {"count": 5, "q1": None, "median": 30, "q3": None, "step": 5}
        )
        self.assertEqual(segment["axes"][self.axis_gov.id]["median"], 30)  # 31, rounded
        html = mine.peer_html
        self.assertNotIn("Pair", html)  # never a name
        # The radar shows the median of the first group large enough to be shown.
        first = next(s for s in mine._ecoclic_peer_stats()["segments"] if s["shown"])
        chart = mine.chart_data
        self.assertEqual(chart["peer_label"], first["label"])
        self.assertEqual(chart["peer"], [first["axes"][self.axis_gov.id]["median"]])

    def test_other_segments_stay_below_the_floor_or_absent(self):
        mine = self.submitted(self.company_a, 60, {self.axis_gov: 60}, 1)
        keys = [s["key"] for s in mine._ecoclic_peer_stats()["segments"]]
        # No intercommunality set: that segment is not offered at all.
        self.assertNotIn("intercommunality", keys)
        self.assertIn("type_band", keys)


@tagged("post_install", "-at_install")
class TestReferenceBenchmark(EcoclicMaturityCase):
    """A collectivity alone in its instance compares itself with an imported benchmark."""

    HEADER = (
        "segment;collectivity_type;population_band;departement;region;axis;count;q1;median;q3\n"
    )

    def load(self, text):
        wizard = self.env["ecoclic.benchmark.import"].create(
            {
                "file": base64.b64encode(text.encode()),
                "filename": "bench.csv",
                "source": "OPSN test, 2026",
            }
        )
        return wizard.action_import()

    def test_imported_aggregates_stand_in_below_the_floor(self):
        region = self.env["res.company"].create(
            {
                "name": "Région seule",
                "ecoclic_collectivity_type": "region",
                "ecoclic_population": 3_000_000,
            }
        )
        assessment = self.env["ecoclic.assessment"].create(
            {"company_id": region.id, "survey_id": self.survey.id}
        )
        assessment.write(
            {"state": "submitted", "overall_score": 40, "date_submitted": "2026-02-01 10:00:00"}
        )
        self.env["ecoclic.assessment.axis"].create(
            {"assessment_id": assessment.id, "axis_id": self.axis_gov.id, "score": 40}
        )
        segment = next(
            s for s in assessment._ecoclic_peer_stats()["segments"] if s["key"] == "type_band"
        )
        self.assertFalse(segment["shown"])
        self.load(
            self.HEADER
            + "type_band;region;100000_plus;;;;12;35;48;60\n"
            + "type_band;region;100000_plus;;;gouvernance;12;30;45;58\n"
            + "departement;;;22;;;30;20;41;55\n"
        )
        self.assertEqual(self.env["ecoclic.benchmark"].search_count([]), 3)
        segment = next(
            s for s in assessment._ecoclic_peer_stats()["segments"] if s["key"] == "type_band"
        )
        self.assertTrue(segment["shown"])
        self.assertTrue(segment["reference"])
        # The imported figures are held to the same rule: 12 collectivities, to 5 points.
        self.assertEqual(
            segment["overall"], {"count": 12, "q1": 35, "median": 50, "q3": 60, "step": 5}
        )
        self.assertEqual(assessment.chart_data["peer"], [45])
        self.assertIn("reference", assessment.peer_html)

    def test_a_bad_file_writes_nothing_and_says_which_lines(self):
        self.load(self.HEADER + "all;;;;;;40;30;50;70\n")
        before = self.env["ecoclic.benchmark"].search([])
        self.assertEqual(len(before), 1)
        with self.assertRaises(UserError) as caught:
            self.load(
                self.HEADER
                + "all;;;;;;40;30;50;70\n"  # fine
                + "type_band;commune;12_000;;;;20;1;2;3\n"  # unknown band
                + "all;;;;;cuisine;20;10;20;30\n"  # unknown axis
                + "region;;;;53;;3;10;20;30\n"  # below the floor
                + "all;;;;;;20;60;50;70\n"  # quartiles out of order
                + "all;;;;;;vingt;1;2;3\n"  # not a number
                + "region;;;;53;;8;;40;\n"  # fine: the median alone
                + "region;;;;53;;12;;40;\n"
            )  # 12: quartiles needed
        message = str(caught.exception)
        self.assertIn("Nothing was imported", message)
        for line, reason in (
            (3, "unknown population band «12_000»"),
            (4, "unknown axis «cuisine»"),
            (5, "an aggregate over 3 collectivities is below the anonymity floor"),
            (6, "quartiles must grow"),
            (7, "count is not a whole number («vingt»)"),
            (9, "an aggregate over 12 collectivities needs its 1st and 3rd quartiles"),
        ):
            self.assertIn(f"line {line}: {reason}", message)
        self.assertNotIn("line 2:", message)
        self.assertNotIn("line 8:", message)
        self.assertEqual(self.env["ecoclic.benchmark"].search([]), before)

    def test_missing_columns_are_named(self):
        with self.assertRaises(UserError) as caught:
            self.load("segment;count\nall;12\n")
        self.assertIn("Columns missing from the file", str(caught.exception))
        self.assertIn("median", str(caught.exception))


@tagged("post_install", "-at_install")
class TestDraftProgress(EcoclicMaturityCase):
    def test_progress_per_axis_while_answering(self):
        assessment = self.env["ecoclic.assessment"].create(
            {"company_id": self.company_a.id, "survey_id": self.survey.id}
        )
        self.answer(assessment, self.q["q1"], 1)  # Gouvernance: 1 of 2 answered, 1/3 -> 33
        rows = {
            axis: (score, progress, target)
            for axis, score, progress, target in assessment._ecoclic_axis_rows()
        }
        self.assertEqual(rows[self.axis_gov], (33, 50, 70))
        self.assertEqual(rows[self.axis_ach], (None, 0, 70))  # nothing answered: no score
        self.assertEqual(assessment.progress, 25)  # 1 of the 4 questions in scope
        self.assertEqual(assessment.live_score, 33)
        self.assertEqual(assessment.gap, 37)
        self.assertIn("50 %", assessment.axis_progress_html)
        # A quarter answered: the score is provisional, not yet set against the target.
        self.assertFalse(assessment.gap_comparable)
        self.assertEqual(assessment.gap_label, "Compared once complete")
        for name, value in (("q2", 2), ("q3", 1), ("q5", 0)):
            self.answer(assessment, self.q[name], value)
        self.assertEqual(assessment.progress, 100)
        self.assertTrue(assessment.gap_comparable)
        self.assertIn("short of the target", assessment.gap_label)


@tagged("post_install", "-at_install")
class TestHardening(EcoclicMaturityCase):
    """What users must not be able to do, found in review."""

    def setUp(self):
        super().setUp()
        self.agent = company_user(
            self.env, self.company_a, login="agent_a", groups="ecoclic_odoo.group_ecoclic_user"
        )

    def submitted(self):
        assessment = self.env["ecoclic.assessment"].create(
            {"company_id": self.company_a.id, "survey_id": self.survey.id}
        )
        for name in ("q1", "q2", "q3", "q5"):
            self.answer(assessment, self.q[name], 1)
        assessment.action_submit()
        return assessment

    def test_scores_state_and_links_are_not_writable(self):
        assessment = self.submitted()
        for user in (self.agent, self.user_a):
            for values in (
                {"overall_score": 100},
                {"grade": "A"},
                {"state": "draft"},
                {"company_id": self.company_b.id},
                {"user_input_id": assessment.user_input_id.id},
                {"survey_id": self.survey.id},
            ):
                with self.assertRaises(AccessError):
                    assessment.with_user(user).write(values)
        self.assertEqual(assessment.overall_score, 58)  # floor(100 × (1 + 2 + 1 + 3) / 12)
        with self.assertRaises(AccessError):
            self.env["ecoclic.assessment"].with_user(self.agent).create(
                {"survey_id": self.survey.id, "state": "submitted", "overall_score": 99}
            )
        # Only a published maturity questionnaire can be assessed.
        other = self.env["survey.survey"].create({"title": "Not a maturity questionnaire"})
        with self.assertRaises(UserError):
            self.env["ecoclic.assessment"].with_user(self.agent).create({"survey_id": other.id})

    def test_only_a_referent_validates(self):
        assessment = (
            self.env["ecoclic.assessment"]
            .with_user(self.agent)
            .create({"survey_id": self.survey.id})
        )
        for name in ("q1", "q2", "q3", "q5"):
            self.answer(assessment, self.q[name], 1)
        # Survey's last page submits the answers: the référent is asked to validate.
        assessment.sudo().user_input_id._mark_done()
        self.assertEqual(assessment.state, "draft")
        activity = assessment.activity_ids
        self.assertEqual(len(activity), 1)
        with self.assertRaises(AccessError):
            assessment.with_user(self.agent).action_submit()
        assessment.with_user(self.user_a).action_submit()
        self.assertEqual(assessment.state, "submitted")
        self.assertEqual(assessment.submitted_by_id, self.user_a)
        self.assertFalse(assessment.activity_ids)

    def test_a_comment_does_not_hide_the_answer(self):
        assessment = self.env["ecoclic.assessment"].create(
            {"company_id": self.company_a.id, "survey_id": self.survey.id}
        )
        user_input = assessment.sudo().user_input_id
        q1 = self.q["q1"]
        user_input._save_lines(q1, q1.suggested_answer_ids.sorted()[3].id, comment="À revoir")
        self.assertEqual(len(user_input.user_input_line_ids), 2)  # the choice and the comment
        result = assessment._ecoclic_results()[assessment.id]
        self.assertEqual(result.axes[self.axis_gov.id].weight_sum, 3)
        # ...and Q1a, triggered by that choice, is in scope.
        self.assertEqual(result.axes[self.axis_gov.id].in_scope, 3)
        # A comment alone does not answer a scored question.
        q2 = self.q["q2"]
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": user_input.id,
                "question_id": q2.id,
                "answer_type": "char_box",
                "value_char_box": "Je ne sais pas",
            }
        )
        result = assessment._ecoclic_results()[assessment.id]
        self.assertEqual(result.axes[self.axis_gov.id].answered, 1)

    def test_referent_cannot_touch_other_targets(self):
        target_b = self.env["ecoclic.target"].create(
            {"company_id": self.company_b.id, "axis_id": self.axis_gov.id, "target_score": 50}
        )
        company = self.company_a.with_user(self.user_a)
        for command in (
            [1, target_b.id, {"target_score": 99}],
            [2, target_b.id, 0],
            [4, target_b.id, 0],
            [6, 0, [target_b.id]],
            [5, 0, 0],
        ):
            with self.assertRaises(AccessError):
                company.write({"ecoclic_target_ids": [command]})
        self.assertEqual(target_b.company_id, self.company_b)
        self.assertEqual(target_b.target_score, 50)
        company.write(
            {"ecoclic_target_ids": [[0, 0, {"axis_id": self.axis_ach.id, "target_score": 65}]]}
        )
        own = self.company_a.ecoclic_target_ids
        self.assertEqual(own.mapped("target_score"), [65])
        with self.assertRaises(UserError):
            company.write({"ecoclic_target_ids": [[1, own.id, {"company_id": self.company_b.id}]]})
        company.write(
            {
                "ecoclic_target_ids": [
                    [1, own.id, {"target_score": 75}],
                ]
            }
        )
        self.assertEqual(own.target_score, 75)
        company.write({"ecoclic_target_ids": [[2, own.id, 0]]})
        self.assertFalse(self.company_a.ecoclic_target_ids)
        # The intercommunality is set by administrators.
        self.company_b.ecoclic_collectivity_type = "cc"
        with self.assertRaises(AccessError):
            company.write({"ecoclic_intercommunality_id": self.company_b.id})

    def test_version_lock_has_no_back_door(self):
        self.submitted()
        answer = self.q["q1"].suggested_answer_ids[0]
        as_admin = self.env(user=self.env.ref("base.user_admin"))
        with self.assertRaises(UserError):
            answer.with_env(as_admin).with_context(
                install_module="ecoclic_odoo", ecoclic_copy=True
            ).ecoclic_weight = 3
        draft_survey, draft_questions = self._make_survey("draft")
        draft_survey.ecoclic_version_state = "draft"
        with self.assertRaises(UserError):
            draft_questions["q2"].survey_id = self.survey
        with self.assertRaises(UserError):
            draft_questions["q2"].suggested_answer_ids[0].question_id = self.q["q2"]

    def test_axis_figures_are_held_to_the_floor(self):
        departement = self.env.ref("ecoclic_odoo.departement_973")
        self.company_a.ecoclic_departement_id = departement
        mine = self.submitted()
        others = self.env["res.company"].create(
            [
                {
                    "name": f"Pair {i}",
                    "ecoclic_collectivity_type": "syndicat",
                    "ecoclic_departement_id": departement.id,
                }
                for i in range(5)
            ]
        )
        for i, company in enumerate(others):
            assessment = self.env["ecoclic.assessment"].create(
                {"company_id": company.id, "survey_id": self.survey.id}
            )
            assessment.write(
                {
                    "state": "submitted",
                    "overall_score": 20 + i,
                    "date_submitted": "2026-03-01 10:00:00",
                }
            )
            if i < 2:  # only two of them have a Gouvernance score
                self.env["ecoclic.assessment.axis"].create(
                    {"assessment_id": assessment.id, "axis_id": self.axis_gov.id, "score": 90}
                )
        segment = next(
            s for s in mine._ecoclic_peer_stats()["segments"] if s["key"] == "departement"
        )
        self.assertTrue(segment["shown"])
        self.assertNotIn(self.axis_gov.id, segment["axes"])


@tagged("post_install", "-at_install")
class TestGapInWords(TransactionCase):
    def test_gap_in_words_agrees_with_its_number(self):
        from ..models.ecoclic_assessment import gap_text

        env = self.env(context={"lang": "fr_FR"})
        cases = {
            (75, 74): "1 point sous la cible",
            (75, 72): "3 points sous la cible",
            (75, 76): "1 point au-dessus de la cible",
            (75, 95): "20 points au-dessus de la cible",
            (75, 75): "Cible atteinte",
            (0, 40): "Aucune cible fixée",
        }
        for (target, score), words in cases.items():
            with self.subTest(target=target, score=score):
                self.assertEqual(gap_text(env, target, score), words)
