# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The deliverables of loi REEN n° 2021-1485 art. 35 and décret n° 2022-1084 for the
collectivities they bind: communes and EPCI à fiscalité propre of more than 50 000
inhabitants (see res_company.reen_concerned). A work programme by 1 January 2023, a
responsible digital strategy by 1 January 2025, then each year its review in the
sustainable development report, presented before the budget debate."""

import io
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .ecoclic_plan import OPEN_STATES
from .ecoclic_views import read_only_outside_collectivity
from .export_files import (
    XLSX_MIME,
    download_action,
    new_workbook,
    write_header,
    write_text,
    xlsx_formats,
)
from .maintenance_equipment import ecoclic_today

KINDS = [
    ("programme", "Work programme"),
    ("strategy", "Responsible digital strategy"),
    ("review", "Yearly review"),
]
# Legal due dates of the one-off deliverables (loi REEN art. 35).
FIXED_DUE_DATES = {"programme": date(2023, 1, 1), "strategy": date(2025, 1, 1)}
# The first yearly review: the strategy's first budget.
FIRST_REVIEW_YEAR = 2025
# Default day of the budget debate, when the collectivity has not given one: the budget of
# the year is voted by 15 April (CGCT L. 1612-2), its debate held before; 31 March leaves
# the review ready in time. Each review's date stays editable.
DEFAULT_DEBATE = (3, 31)
DEFAULT_REMINDER_DAYS = 60
# Who loi REEN art. 35 binds: communes and EPCI à fiscalité propre (communautés de
# communes, d'agglomération, urbaines, métropoles) of more than this many inhabitants.
REEN_TYPES = ("commune", "cc", "ca", "cu", "metropole")
REEN_POPULATION = 50000


def reen_concerned(collectivity_type, population):
    """Whether loi REEN art. 35 binds a collectivity: a commune or an EPCI à fiscalité
    propre (communauté de communes, d'agglomération, métropole) of *more than* 50 000
    inhabitants. 50 000 exactly is not bound; départements, régions and syndicats are
    not named by the article."""
    return collectivity_type in REEN_TYPES and (population or 0) > REEN_POPULATION


class EcoclicReenObligation(models.Model):
    _name = "ecoclic.reen.obligation"
    _description = "REEN obligation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    # Computed in the reader's language (a stored name would stay in the language of the
    # scheduled job that created the deliverable).
    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Collectivity",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    kind = fields.Selection(KINDS, string="Deliverable", required=True, readonly=True)
    year = fields.Integer(
        readonly=True, help="For a yearly review: the year of the budget it is presented for."
    )
    date_due = fields.Date(
        string="Due date",
        required=True,
        tracking=True,
        help="For a yearly review, the day of the budget debate: the review is presented "
        "before it. Set by default to 31 March (or last year's day); change it to your "
        "council's date.",
    )
    state = fields.Selection(
        [("todo", "To do"), ("in_progress", "In progress"), ("done", "Done")],
        default="todo",
        required=True,
        tracking=True,
    )
    status = fields.Selection(
        [("todo", "To do"), ("in_progress", "In progress"), ("done", "Done"), ("late", "Late")],
        compute="_compute_status",
        help="Late: not done and past its due date.",
    )
    is_late = fields.Boolean(string="Late", compute="_compute_status", search="_search_is_late")
    date_done = fields.Date(string="Done on", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.company._ecoclic_referent(),
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        tracking=True,
    )
    document = fields.Binary(attachment=True, help="The document adopted or presented.")
    document_name = fields.Char(string="Document name")
    note = fields.Html()

    _sql_constraints = [
        (
            "kind_year_unique",
            "unique(company_id, kind, year)",
            "A collectivity has one deliverable of each kind (one review a year).",
        )
    ]

    def _ecoclic_creation_message(self):
        return self.env._("REEN obligation created")

    @api.depends("kind", "year")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            label = labels.get(record.kind, "")
            record.name = f"{label} {record.year}" if record.kind == "review" else label

    @api.depends("state", "date_due")
    @api.depends_context("ecoclic_today")
    def _compute_status(self):
        today = ecoclic_today(self)
        for record in self:
            late = record.state != "done" and bool(record.date_due) and record.date_due < today
            record.is_late = late
            record.status = "late" if late else record.state

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        late = ["&", ("state", "!=", "done"), ("date_due", "<", ecoclic_today(self))]
        return late if (operator == "=") == value else ["!", *late]

    def write(self, vals):
        if vals.get("state") == "done" and "date_done" not in vals:
            vals = dict(vals, date_done=fields.Date.context_today(self))
        return super().write(vals)

    @api.model
    def get_views(self, views, options=None):
        """Read-only for OPSN staff, who follow their portfolio's obligations."""
        return read_only_outside_collectivity(self.env, super().get_views(views, options))

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def action_start(self):
        self.filtered(lambda r: r.state == "todo").write({"state": "in_progress"})
        return True

    def action_done(self):
        self.filtered(lambda r: r.state != "done").write({"state": "done"})
        self.activity_feedback(["ecoclic_odoo.mail_activity_ecoclic_reen"])
        return True

    def action_reopen(self):
        self.filtered(lambda r: r.state == "done").write(
            {"state": "in_progress", "date_done": False}
        )
        return True

    def action_print(self):
        """The draft strategy, or the yearly review, from the plan and the indicators."""
        self.ensure_one()
        report = (
            "ecoclic_odoo.action_report_ecoclic_reen_review"
            if self.kind == "review"
            else "ecoclic_odoo.action_report_ecoclic_reen_strategy"
        )
        return self.env.ref(report).report_action(self)

    # ------------------------------------------------------------------
    # The deliverables of each bound collectivity, and the reminders
    # ------------------------------------------------------------------
    @api.model
    def _ecoclic_ensure(self, companies):
        """Create the deliverables the bound `companies` lack as of today: the work
        programme, the strategy, this year's review and, once this year's budget debate is
        past, next year's. Returns what was created; run again, it creates nothing."""
        today = ecoclic_today(self)
        companies = companies.filtered(
            lambda c: reen_concerned(c.ecoclic_collectivity_type, c.ecoclic_population)
        )
        existing = self.sudo().search([("company_id", "in", companies.ids)])
        have = {(r.company_id.id, r.kind, r.year) for r in existing}
        last_debate = {}
        for review in existing.filtered(lambda r: r.kind == "review").sorted("year"):
            last_debate[review.company_id.id] = review
        vals = []
        for company in companies:
            for kind, due in FIXED_DUE_DATES.items():
                if (company.id, kind, 0) not in have:
                    vals.append(self._ecoclic_vals(company, kind, 0, due))
            vals += self._ecoclic_review_vals(company, have, last_debate.get(company.id), today)
        return self.sudo().create(vals)

    @api.model
    def _ecoclic_review_vals(self, company, have, last, today):
        """Values of the yearly reviews `company` lacks: this year's and, once its budget
        debate is past, next year's. The debate's day carries over from the last review."""
        month, day = (last.date_due.month, last.date_due.day) if last else DEFAULT_DEBATE
        years = [max(today.year, FIRST_REVIEW_YEAR)]
        this_due = self._ecoclic_debate(years[0], month, day)
        current = last if last and last.year == years[0] else None
        if (current.date_due if current else this_due) < today:
            years.append(years[0] + 1)
        return [
            self._ecoclic_vals(company, "review", year, self._ecoclic_debate(year, month, day))
            for year in years
            if (company.id, "review", year) not in have
        ]

    @api.model
    def _ecoclic_debate(self, year, month, day):
        """The day `month`/`day` of `year` (28 February for a 29th in a common year)."""
        return date(year, month, 1) + relativedelta(day=day)

    @api.model
    def _ecoclic_vals(self, company, kind, year, due):
        return {
            "company_id": company.id,
            "kind": kind,
            "year": year,
            "date_due": due,
            "user_id": company._ecoclic_referent().id,
        }

    @api.model
    def _cron_ecoclic_reen(self):
        """Daily: the deliverables of every bound collectivity, then a to-do for the
        référent of each one not done whose due date is within the collectivity's reminder
        delay (late ones included). Run again, it adds nothing."""
        companies = self.env["res.company"].search([("ecoclic_reen_concerned", "=", True)])
        self._ecoclic_ensure(companies)
        return self._ecoclic_remind(companies)

    @api.model
    def _ecoclic_remind(self, companies):
        today = ecoclic_today(self)
        horizon = max(companies.mapped("ecoclic_reen_reminder_days") or [0])
        pending = self.sudo().search(
            [
                ("company_id", "in", companies.ids),
                ("state", "!=", "done"),
                ("date_due", "<=", today + relativedelta(days=horizon)),
            ]
        )
        todo = [
            (record, record.user_id or record.company_id._ecoclic_referent(), record.date_due)
            for record in pending
            if record.date_due
            <= today + relativedelta(days=record.company_id.ecoclic_reen_reminder_days)
        ]
        return self.env["mail.activity"]._ecoclic_schedule_once(
            self.env.ref("ecoclic_odoo.mail_activity_ecoclic_reen"),
            todo,
            lambda env: env._("Prepare the REEN deliverable before its due date"),
        )

    # ------------------------------------------------------------------
    # The documents: the draft strategy and the yearly review
    # ------------------------------------------------------------------
    def _ecoclic_reen_document(self):
        """What the strategy's draft and the yearly review print, theme by theme: the
        axes with their latest score and target (objectives), the actions of the plan
        (measures: open, done, late) and the indicators that document the theme."""
        self.ensure_one()
        company = self.company_id
        assessment = self.env["ecoclic.assessment"].search(
            [("company_id", "=", company.id), ("state", "=", "submitted")],
            order="date_submitted desc, id desc",
            limit=1,
        ) or self.env["ecoclic.assessment"].new({"company_id": company.id})
        summary = assessment._ecoclic_reen_summary()
        lines = self.env["ecoclic.plan.line"].search([("company_id", "=", company.id)])
        # The summary's rows follow the themes in their order.
        themes = self.env["ecoclic.reen.theme"].search([("id", "!=", False)])
        all_axes = self.env["ecoclic.axis"].search([("reen_theme_ids", "!=", False)])
        for row, theme in zip(summary["rows"], themes, strict=True):
            axes = all_axes.filtered(lambda axis, theme=theme: theme in axis.reen_theme_ids)
            theme_lines = lines.filtered(lambda line, axes=axes: line.axis_id in axes)
            row["open_lines"] = theme_lines.filtered(lambda line: line.state in OPEN_STATES)
            row["late_lines"] = row["open_lines"].filtered("overdue")
        summary["assessment"] = assessment if assessment.id else False
        summary["today"] = ecoclic_today(self)
        return summary

    # ------------------------------------------------------------------
    # The workbook: the same document, theme by theme
    # ------------------------------------------------------------------
    def action_export_xlsx(self):
        """Download the document as a workbook (streamed, see export_files)."""
        self.ensure_one()
        return download_action(self, "reen-xlsx")

    def _ecoclic_export(self, kind):
        """(file name, bytes, mimetype) of the export ``kind``, built as the current user,
        who must be able to read the deliverable (collectivity users, OPSN staff)."""
        self.ensure_one()
        self.check_access("read")
        if kind != "reen-xlsx":
            raise UserError(self.env._("Unknown export: %(kind)s", kind=kind))
        name = self.env._(
            "reen-%(company)s-%(name)s.xlsx", company=self.company_id.name, name=self.name
        )
        return name, self._ecoclic_xlsx(), XLSX_MIME

    def _ecoclic_xlsx(self):
        """The workbook's bytes: the deliverable's facts, then a row per theme."""
        doc = self._ecoclic_reen_document()
        buffer = io.BytesIO()
        book = new_workbook(buffer, {"in_memory": True})
        fmt = xlsx_formats(book)
        sheet = book.add_worksheet(self.env._("REEN"))
        write_text(sheet, 0, 0, f"{self.company_id.name} – {self.name}", fmt["title"])
        sheet.write(1, 0, self.env._("Due date"), fmt["bold"])
        sheet.write_datetime(1, 1, fields.Datetime.to_datetime(self.date_due), fmt["date_fmt"])
        sheet.write(2, 0, self.env._("Status"), fmt["bold"])
        status = dict(self._fields["status"]._description_selection(self.env))[self.status]
        write_text(sheet, 2, 1, status)
        write_header(
            fmt["head"],
            sheet,
            4,
            [
                self.env._("Theme"),
                self.env._("Objectives: score → target"),
                self.env._("Done"),
                self.env._("Under way"),
                self.env._("Late"),
                self.env._("Indicators"),
            ],
            [36, 40, 45, 45, 40, 45],
        )
        for row, item in enumerate(doc["rows"], start=5):
            self._ecoclic_xlsx_theme(sheet, row, item, fmt["wrap"])
        book.close()
        return buffer.getvalue()

    def _ecoclic_xlsx_theme(self, sheet, row, item, wrap):
        """One theme's row: every cell is text the users wrote or chose."""
        objectives = "\n".join(
            f"{axis['name']}: {axis['score'] if axis['score'] is not None else '–'}"
            f" → {axis['target'] if axis['target'] is not None else '–'}"
            for axis in item["axes"]
        )
        cells = [
            item["theme"],
            objectives,
            "\n".join(item["done"]),
            "\n".join(item["in_progress"]),
            "\n".join(item["late_lines"].mapped("name")),
            "\n".join(f"{label}: {text}" for label, _value, text in item["figures"]),
        ]
        for col, text in enumerate(cells):
            write_text(sheet, row, col, text, wrap)
