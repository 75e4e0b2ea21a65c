# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Maturity scoring, as pure functions (no database access).

Score of a set of questions = floor(100 × Σ chosen weights ÷ Σ maximum weights), over the
questions that are *in scope* and *answered*. A question is in scope when it was asked
(its level applies to the collectivity) and, for a conditional sub-question, when one of
its triggering answers was chosen in a question that is itself in scope. A submitted
assessment has every in-scope question answered, so there the sums run over all of them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

# Grade boundaries (Éco-clic): A ≥ 99, B 80–98, C 60–79, D 40–59, E < 40.
GRADES = [("A", 99), ("B", 80), ("C", 60), ("D", 40), ("E", 0)]
GRADE_SELECTION = [(letter, letter) for letter, _lower in GRADES]
# The maturity level a grade stands for.
MATURITY_LEVELS = [
    ("A", "Exemplary"),
    ("B", "Advanced"),
    ("C", "Committed"),
    ("D", "Getting started"),
    ("E", "To be built"),
]


def grade(score):
    """The letter of a score (None for no score)."""
    if score is None or score is False:
        return False
    for letter, lower in GRADES:
        if score >= lower:
            return letter
    return "E"


@dataclass(frozen=True)
class Question:
    id: int
    axis_id: int
    max_weight: int
    scored: bool = True
    triggers: frozenset = frozenset()  # answer ids; any of them makes the question apply
    sequence: int = 0


@dataclass
class AxisScore:
    weight_sum: int = 0
    max_sum: int = 0
    answered: int = 0
    in_scope: int = 0

    @property
    def score(self):
        return (100 * self.weight_sum) // self.max_sum if self.max_sum else None

    @property
    def progress(self):
        return (100 * self.answered) // self.in_scope if self.in_scope else 100


@dataclass
class Result:
    axes: dict = field(default_factory=dict)  # axis id -> AxisScore
    overall: AxisScore = field(default_factory=AxisScore)


def in_scope(questions, asked, chosen_answers, answer_question):
    """Ids of the asked questions that apply given the chosen answers.

    :param questions: {question id: Question}
    :param asked: ids of the questions put to this collectivity (level filter applied)
    :param chosen_answers: ids of the answers chosen
    :param answer_question: {answer id: question id} for the triggering answers
    """
    scope = {}

    def applies(qid):
        if qid in scope:
            return scope[qid]
        scope[qid] = False  # guards against a (forbidden) trigger cycle
        question = questions[qid]
        result = qid in asked and (
            not question.triggers
            or any(
                answer in chosen_answers
                and answer_question.get(answer) in questions
                and applies(answer_question[answer])
                for answer in question.triggers
            )
        )
        scope[qid] = result
        return result

    return {qid for qid in questions if applies(qid)}


def score(questions, asked, chosen):
    """Scores per axis and overall.

    :param questions: {question id: Question} of the questionnaire version
    :param asked: ids of the questions put to the collectivity
    :param chosen: {question id: (answer id, weight)} for the answered questions
    """
    chosen_answers = {answer for answer, _weight in chosen.values()}
    answer_question = {answer: qid for qid, (answer, _weight) in chosen.items()}
    scope = in_scope(questions, asked, chosen_answers, answer_question)
    result = Result(axes=defaultdict(AxisScore))
    for qid in scope:
        question = questions[qid]
        axis = result.axes[question.axis_id]
        axis.in_scope += 1
        result.overall.in_scope += 1
        if qid not in chosen:
            continue
        axis.answered += 1
        result.overall.answered += 1
        if question.scored:
            weight = chosen[qid][1]
            for total in (axis, result.overall):
                total.weight_sum += weight
                total.max_sum += question.max_weight
    result.axes = dict(result.axes)
    return result
