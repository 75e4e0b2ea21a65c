#!/usr/bin/env python3
"""Build the awareness quizzes of ecoclic_odoo from their bilingual source.

The source is ``data/awareness/quizzes.csv`` and ``questions.csv`` (French and English
side by side, see that folder's README). This writes
``ecoclic_odoo/data/survey_awareness_data.xml``: each quiz as a survey in certification
mode (scored with the answers shown at the review, the pass mark of the quiz, open by
link so that a contact without a user can answer), each question with its correct
answer and the explanation shown at the review; and, with ``--fill-po``, puts the French
of every quiz term into ``ecoclic_odoo/i18n/fr.po`` where it differs (run it after
``make pot``). Standard library only, plus polib for ``--fill-po``.
"""

import argparse
import csv
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from questionnaire import (  # noqa: E402 (the sibling tool, for its XML writer)
    HEADER,
    MODULE,
    ROOT,
    field,
    field_eval,
    field_number,
    field_ref,
    fill_po,
    record,
    split,
    xml_id,
)

SOURCE = ROOT / "data" / "awareness"
QUIZ_XML = MODULE / "data" / "survey_awareness_data.xml"
TEXTS = {
    "done": (
        "Merci ! Votre résultat s'affiche ci-dessous ; relisez vos réponses pour voir les "
        "explications de chaque question.",
        "Thank you! Your result is shown below; review your answers to read the "
        "explanation of each question.",
    ),
}


def read(name):
    with open(SOURCE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def quiz_record(quiz):
    sid = f"survey_awareness_{xml_id(quiz['code'])}"
    return sid, [
        record(sid, "survey.survey"),
        field("title", quiz["title_en"]),
        field("description", f"<p>{escape(quiz['intro_en'])}</p>"),
        field("description_done", f"<p>{escape(TEXTS['done'][1])}</p>"),
        field("survey_type", "assessment"),
        field("access_mode", "token"),
        field_eval("users_login_required", "False"),
        field_eval("users_can_go_back", "True"),
        field("questions_layout", "one_page"),
        field("questions_selection", "all"),
        field("scoring_type", "scoring_with_answers"),
        field_eval("certification", "True"),
        field_number("scoring_success_min", quiz["success_pct"]),
        field("progression_mode", "number"),
        field_eval("is_attempts_limited", "False"),
        field_eval("ecoclic_is_awareness", "True"),
        field("ecoclic_code", f"awareness_{quiz['code']}"),
        "    </record>",
    ]


def question_records(sid, index, row):
    qid = f"{sid}_{xml_id(row['code'])}"
    answers = split(row["answers_en"])
    correct = int(row["correct"])
    if not 1 <= correct <= len(answers):
        raise SystemExit(f"{row['code']}: the correct answer {correct} is not one of the answers")
    out = [
        record(qid, "survey.question"),
        field_ref("survey_id", sid),
        field("title", row["question_en"]),
        field("question_type", "simple_choice"),
        field_number("sequence", index),
        field_eval("constr_mandatory", "True"),
        field("ecoclic_code", row["code"]),
        field("ecoclic_explanation", f"<p>{escape(row['explain_en'])}</p>"),
        "    </record>",
    ]
    for pos, answer in enumerate(answers, start=1):
        out += [
            record(f"{qid}_a{pos}", "survey.question.answer"),
            field_ref("question_id", qid),
            field("value", answer),
            field_number("sequence", pos),
            field_eval("is_correct", str(pos == correct)),
            field_number("answer_score", 1 if pos == correct else 0),
            "    </record>",
        ]
    return out


def build(quizzes, rows):
    codes = {quiz["code"] for quiz in quizzes}
    unknown = {row["quiz"] for row in rows} - codes
    if unknown:
        raise SystemExit(f"questions of unknown quizzes: {sorted(unknown)}")
    out = [
        HEADER.replace("data/questionnaire/", "data/awareness/").replace(
            "questionnaire.py", "awareness.py"
        )
        + '<odoo noupdate="1">'
    ]
    for number, quiz in enumerate(quizzes):
        sid, lines = quiz_record(quiz)
        out += [*([""] if number else []), *lines]
        for index, row in enumerate((r for r in rows if r["quiz"] == quiz["code"]), start=1):
            out += question_records(sid, index * 10, row)
    out.append("</odoo>")
    return "\n".join(out) + "\n"


def translations(quizzes, rows):
    """{English: French} for every quiz term; refuses a term with two Frenches."""
    pairs = [TEXTS["done"]]
    for quiz in quizzes:
        pairs += [(quiz["title_fr"], quiz["title_en"]), (quiz["intro_fr"], quiz["intro_en"])]
    for row in rows:
        pairs += [(row["question_fr"], row["question_en"]), (row["explain_fr"], row["explain_en"])]
        pairs += list(zip(split(row["answers_fr"]), split(row["answers_en"]), strict=True))
    mapping, conflicts = {}, []
    for french, english in pairs:
        if mapping.setdefault(english, french) != french:
            conflicts.append((english, mapping[english], french))
    if conflicts:
        raise SystemExit("one English term, two French ones:\n" + "\n".join(map(str, conflicts)))
    return mapping


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill-po", action="store_true", help="also fill fr.po")
    parser.add_argument("--check", action="store_true", help="fail if the XML is not current")
    args = parser.parse_args(argv)
    quizzes, rows = read("quizzes.csv"), read("questions.csv")
    text = build(quizzes, rows)
    mapping = translations(quizzes, rows)
    if args.check:
        if QUIZ_XML.read_text(encoding="utf-8") != text:
            print("out of date (run tools/awareness.py):", QUIZ_XML, file=sys.stderr)
            return 1
        return 0
    QUIZ_XML.write_text(text, encoding="utf-8")
    print(f"wrote {QUIZ_XML.relative_to(ROOT)}")
    if args.fill_po:
        fill_po(mapping)
    return 0


if __name__ == "__main__":
    sys.exit(main())
