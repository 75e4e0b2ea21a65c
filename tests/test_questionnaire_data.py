"""The default maturity questionnaire, as installed from data/questionnaire/."""

import subprocess
import sys
from collections import Counter

from conftest import ROOT


def test_generated_data_is_current():
    res = subprocess.run(
        [sys.executable, ROOT / "tools" / "questionnaire.py", "--check"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr


def test_default_questionnaire_content(env):
    survey = env.ref("ecoclic_odoo.survey_maturity_v1")
    assert survey.ecoclic_is_maturity and survey.ecoclic_version_state == "published"
    assert survey.ecoclic_locked
    pages = survey.page_ids
    assert set(pages.ecoclic_axis_id.mapped("code")) == {
        "gouvernance",
        "sensibilisation",
        "achats",
        "parc",
        "reseaux_donnees",
        "usages",
        "ecoconception",
    }
    questions = survey.question_ids
    core = questions.filtered(lambda q: q.ecoclic_level == "1")
    assert len(core) >= 40
    assert questions.filtered(lambda q: q.ecoclic_level == "2")
    assert all(questions.mapped("ecoclic_scored"))
    assert len(questions.filtered("triggering_answer_ids")) >= 5
    weights = questions.suggested_answer_ids.mapped("ecoclic_weight")
    assert set(weights) == {0, 1, 2, 3}
    for question in questions:
        assert 0 in question.suggested_answer_ids.mapped("ecoclic_weight"), question.title
        assert question.ecoclic_max_weight == 3, question.title
        # every question sits in the section of its own axis
        assert question.ecoclic_axis_id == question.page_id.ecoclic_axis_id
    per_axis = Counter(q.ecoclic_axis_id.code for q in core)
    assert min(per_axis.values()) >= 4, per_axis


def test_default_questionnaire_speaks_french(env):
    survey = env.ref("ecoclic_odoo.survey_maturity_v1").with_context(lang="fr_FR")
    english = env.ref("ecoclic_odoo.survey_maturity_v1").with_context(lang="en_US")
    assert survey.title != english.title
    untranslated = [
        q.title
        for q, en in zip(survey.question_ids, english.question_ids, strict=True)
        if q.title == en.title
    ]
    assert not untranslated, untranslated
    answers_fr = survey.question_ids.suggested_answer_ids.mapped("value")
    answers_en = english.question_ids.suggested_answer_ids.mapped("value")
    same = [a for a, b in zip(answers_fr, answers_en, strict=True) if a == b]
    assert not same, same
    assert env.ref("ecoclic_odoo.axis_parc").with_context(lang="fr_FR").name == "Parc informatique"


def test_awareness_quizzes_are_current():
    res = subprocess.run(
        [sys.executable, ROOT / "tools" / "awareness.py", "--check"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
