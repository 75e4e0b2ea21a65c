# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import random
from datetime import datetime, time
from pathlib import Path

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)
# The sample GLPI export of the project's data/ folder (present in a checkout of the project).
SAMPLE_EXPORT = Path(__file__).resolve().parents[2] / "data" / "samples" / "glpi_ordinateurs_fr.csv"


class EcoclicDemo(models.AbstractModel):
    """Demo stories of the approach, called from the demo data files only."""

    _name = "ecoclic.demo"
    _description = "Digital sobriety demo data"

    @api.model
    def _generate_assessments(self):
        """One to three submitted assessments per demo collectivity, spread over the last
        years, answered the way a collectivity of that maturity would (deterministic), and
        a draft in progress for a few of them."""
        survey = self.env.ref("ecoclic_odoo.survey_maturity_v1")
        companies = self._demo_companies()
        Assessment = self.env["ecoclic.assessment"]
        Line = self.env["survey.user_input.line"]
        today = fields.Date.context_today(self)
        for index, company in enumerate(companies):
            rng = random.Random(f"ecoclic-demo-{company.name}")
            maturity = 0.15 + 0.65 * rng.random()
            count = 1 + rng.randrange(3)
            progress = 0.04 + 0.08 * rng.random()
            referent = company.user_ids.filtered(
                lambda u: u.has_group("ecoclic_odoo.group_ecoclic_manager")
            )[:1]
            for rank in range(count):
                months_ago = 12 * (count - 1 - rank) + 2 + rng.randrange(5)
                day = today - relativedelta(months=months_ago)
                assessment = Assessment.create({
                    "company_id": company.id, "survey_id": survey.id,
                    "responsible_id": referent.id,
                })
                level = min(0.95, maturity + rank * progress)
                Line.create(self._demo_answers(assessment, level, rng))
                user_input = assessment.user_input_id
                user_input._mark_done()  # survey's last page
                assessment.with_user(referent).action_submit()  # the référent validates
                moment = datetime.combine(day, time(10, 0))
                user_input.write({"start_datetime": moment, "end_datetime": moment})
                assessment.write({"date_start": day, "date_submitted": moment})
            if index % 5 == 1:  # a new assessment under way
                draft = Assessment.create({
                    "company_id": company.id, "survey_id": survey.id,
                    "responsible_id": referent.id,
                })
                answers = self._demo_answers(draft, min(0.95, maturity + count * progress), rng)
                Line.create(answers[: len(answers) // 2])
                draft.user_input_id.state = "in_progress"  # survey resumes where it stopped

    @api.model
    def _generate_fleets(self):
        """A believable fleet per demo collectivity: about two devices per agent (laptops,
        desktops, screens, phones, printers, a few servers and network devices) bought
        over the last ten years, some refurbished, the older ones reformed: reused,
        donated, sold or recycled. Deterministic."""
        Category = self.env["ecoclic.equipment.category"]
        mix = [("laptop", 30), ("desktop", 15), ("screen", 30), ("smartphone", 12),
               ("tablet", 4), ("printer", 5), ("server", 2), ("network", 2)]
        # How the demo collectivities name their devices (demo data, in French: module
        # translations are loaded after the demo data, so category names are still English).
        labels = {"laptop": "Portable", "desktop": "Poste fixe", "screen": "Écran",
                  "smartphone": "Smartphone", "tablet": "Tablette", "printer": "Imprimante",
                  "server": "Serveur", "network": "Commutateur"}
        categories = {code: Category.search([("code", "=", code)]) for code, _w in mix}
        today = fields.Date.context_today(self)
        vals_list = []
        for company in self._demo_companies():
            rng = random.Random(f"ecoclic-fleet-{company.name}")
            size = max(20, min(300, round(company.ecoclic_agent_count * 2)))
            careful = rng.random()  # how far this collectivity keeps and reuses equipment
            for number in range(size):
                code = rng.choices([c for c, _w in mix], [w for _c, w in mix])[0]
                category = categories[code]
                age_days = int(rng.random() ** (1.4 - careful) * 10 * 365)
                acquired = today - relativedelta(days=age_days)
                mode = "new"
                if rng.random() < 0.05 + 0.3 * careful:
                    mode = rng.choice(["refurbished", "refurbished", "reused", "donated"])
                lifecycle, scrap = "in_use", False
                years = age_days / 365.25
                if years > category.lifespan * (1 + careful) and rng.random() < 0.7:
                    scrap = acquired + relativedelta(
                        days=int(min(age_days - 1, category.lifespan * 365 * (0.8 + careful))))
                    routes = ["recycled"] * 3 + ["donated", "reused_internal", "sold"] * \
                        round(1 + 3 * careful)
                    lifecycle = rng.choice(routes)
                elif rng.random() < 0.06:
                    lifecycle = rng.choice(["in_stock", "in_repair", "to_reform"])
                vals_list.append({
                    "name": f"{labels[code]} {number + 1:03d}",
                    "company_id": company.id,
                    "ecoclic_category_id": category.id,
                    "ecoclic_acquisition_mode": mode,
                    "ecoclic_acquisition_date": acquired,
                    "effective_date": acquired,
                    "ecoclic_inventory_number": f"{company.id:03d}-{number + 1:04d}",
                    "serial_no": f"DEMO{company.id:03d}{number + 1:05d}",
                    "ecoclic_lifecycle": lifecycle,
                    "scrap_date": scrap,
                    "cost": round(category.manufacturing_footprint * 4 * (0.5 if mode != "new" else 1)
                                  if mode != "donated" else 0, 2),
                })
        self.env["maintenance.equipment"].with_context(
            lang="fr_FR", tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True, mail_notrack=True,
        ).create(vals_list)

    @api.model
    def _import_sample_export(self):
        """Quimperlé's référent imports the sample GLPI export through the import wizard."""
        if not SAMPLE_EXPORT.exists():
            _logger.info("no sample GLPI export at %s: its demo import is skipped", SAMPLE_EXPORT)
            return
        company = self.env.ref("ecoclic_odoo.company_quimperle")
        referent = self.env.ref("ecoclic_odoo.user_referent_quimperle")
        wizard = self.env["ecoclic.fleet.import"].with_user(referent).create({
            "file": base64.b64encode(SAMPLE_EXPORT.read_bytes()),
            "filename": SAMPLE_EXPORT.name, "company_id": company.id,
        })
        wizard.action_import()

    @api.model
    def _demo_companies(self):
        """The collectivities of the demo data, in a stable order."""
        data = self.env["ir.model.data"].sudo().search([
            ("module", "=", "ecoclic_odoo"), ("model", "=", "res.company"),
        ])
        return self.env["res.company"].browse(data.mapped("res_id")).sorted("name")

    @api.model
    def _demo_answers(self, assessment, level, rng):
        """Values of the answer lines of an assessment for a collectivity of that level."""
        user_input = assessment.user_input_id
        chosen, lines = set(), []
        for question in user_input.predefined_question_ids.sorted(lambda q: (q.sequence, q.id)):
            triggers = set(question.triggering_answer_ids.ids)
            if triggers and not triggers & chosen:
                continue
            answers = question.suggested_answer_ids.sorted(lambda a: (a.sequence, a.id))
            position = round(level * (len(answers) - 1) + rng.gauss(0, 0.9))
            answer = answers[max(0, min(len(answers) - 1, position))]
            chosen.add(answer.id)
            lines.append({
                "user_input_id": user_input.id, "question_id": question.id,
                "answer_type": "suggestion", "suggested_answer_id": answer.id,
            })
        return lines
