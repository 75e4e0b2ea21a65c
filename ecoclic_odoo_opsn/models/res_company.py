# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import os
import statistics
import tempfile

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.ecoclic_odoo.models import peers
from odoo.addons.ecoclic_odoo.models.ecoclic_benchmark import CSV_COLUMNS
from odoo.addons.ecoclic_odoo.models.export_files import (
    CSV_MIME,
    XLSX_MIME,
    csv_writer,
    download_action,
    new_workbook,
    write_text,
)
from odoo.addons.ecoclic_odoo.models.peers import PEER_FLOOR
from odoo.addons.ecoclic_odoo.models.wording import elided

# What an OPSN manager changes on the collectivities of its portfolio.
OPSN_MANAGER_FIELDS = frozenset(
    {
        "ecoclic_level2_enabled",
        "ecoclic_account_manager_id",
        "ecoclic_followup_months",
        "ecoclic_opsn_id",
    }
)

# Dashboard columns exported, in order.
PORTFOLIO_FIELDS = [
    "company_id",
    "collectivity_type",
    "population_band",
    "departement_id",
    "manager_id",
    "score",
    "grade",
    "score_change",
    "gap",
    "assessment_date",
    "assessment_age",
    "plan_completion",
    "overdue_actions",
    # Loi REEN art. 35: deliverables not done by their due date (the supervision's column)
    "reen_late_count",
    "agec_share",
    "agec_minimum",
    "agec_behind",
    "fleet_age",
    "fleet_count",
    "fleet_unhandled",
    "fleet_gwp",
    "fleet_adpe",
    "fleet_pe",
    "staff_trained_share",
    "next_followup",
    "late",
]
# Columns summed on the portfolio's total row, and the decimals of the exported figures
# (one where not said).
PORTFOLIO_TOTALS = ("fleet_count", "fleet_unhandled", "fleet_gwp", "fleet_adpe", "fleet_pe")
PORTFOLIO_DIGITS = {
    "plan_completion": 0,
    "agec_share": 0,
    "agec_minimum": 0,
    "fleet_count": 0,
    "fleet_unhandled": 0,
    "fleet_gwp": 0,
    "fleet_adpe": 4,
    "fleet_pe": 0,
    "staff_trained_share": 0,
}


class ResCompany(models.Model):
    _inherit = "res.company"

    ecoclic_is_opsn = fields.Boolean(
        string="Is an OPSN",
        help="This company is a public IT mutualisation body (OPSN) that supervises "
        "the digital sobriety of collectivities.",
    )
    ecoclic_opsn_id = fields.Many2one(
        "res.company",
        string="Supervising OPSN",
        domain=[("ecoclic_is_opsn", "=", True)],
        index="btree_not_null",
        help="The OPSN that accompanies this collectivity; it reads the collectivity's "
        "sobriety data, never its other business data.",
    )
    ecoclic_supervised_ids = fields.One2many(
        "res.company",
        "ecoclic_opsn_id",
        string="Supervised collectivities",
    )
    ecoclic_account_manager_id = fields.Many2one(
        "res.users",
        string="Account manager",
        index="btree_not_null",
        help="The OPSN staff member who accompanies this collectivity.",
    )
    ecoclic_followup_months = fields.Integer(
        string="Follow-up every (months)",
        default=6,
        help="How often the OPSN meets this collectivity to follow its approach.",
    )
    ecoclic_membership_ids = fields.One2many(
        "ecoclic.opsn.membership",
        "company_id",
        string="Supervision history",
    )
    ecoclic_supervised_count = fields.Integer(
        string="Number of supervised collectivities",
        compute="_compute_ecoclic_supervised_count",
    )

    ecoclic_opsn_own_dashboard = fields.Boolean(
        string="OPSN staff on their OPSN's dashboard",
        compute="_compute_ecoclic_opsn_own_dashboard",
        help="The dashboard of an OPSN opened by its staff, who have no collectivity of "
        "their own: it says where their work is (the supervision) instead of offering to "
        "assess the OPSN.",
    )

    @api.depends("ecoclic_is_opsn")
    @api.depends_context("uid")
    def _compute_ecoclic_opsn_own_dashboard(self):
        staff_only = self.env.user._ecoclic_is_opsn_staff_only()
        for company in self:
            company.ecoclic_opsn_own_dashboard = staff_only and company.ecoclic_is_opsn

    @api.readonly
    def action_ecoclic_dashboard(self):
        """OPSN staff who belong to no collectivity land on the supervision: their own
        company, an OPSN, has no assessment, plan or fleet to show. A collectivity's
        dashboard opened from the supervision keeps its URL (/odoo/ecoclic-dashboard/<id>):
        reloading it opens that dashboard again (the URL's record is in `params`)."""
        params = self.env.context.get("params")
        if (isinstance(params, dict) and params.get("resId")) or (
            not self.env.user._ecoclic_is_opsn_staff_only()
        ):
            return super().action_ecoclic_dashboard()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "ecoclic_odoo_opsn.action_ecoclic_opsn_dashboard"
        )

    @api.readonly
    def action_ecoclic_opsn_portfolio_radar(self):
        """The portfolio radar of the current OPSN."""
        # Outside an OPSN's company (an administrator's own company), the page says to
        # switch company, instead of an error dialog on opening the menu.
        opsn = self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Portfolio radar"),
            "res_model": "res.company",
            "res_id": opsn.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("ecoclic_odoo_opsn.view_ecoclic_opsn_portfolio_form").id, "form")
            ],
            "target": "current",
        }

    def _compute_ecoclic_supervised_count(self):
        counts = dict(
            self.env["res.company"]
            .sudo()
            ._read_group(
                [("ecoclic_opsn_id", "in", self.ids)],
                ["ecoclic_opsn_id"],
                ["__count"],
            )
        )
        for company in self:
            company.ecoclic_supervised_count = counts.get(company._origin, 0)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies.filtered("ecoclic_opsn_id")._ecoclic_record_membership()
        return companies

    ecoclic_opsn_can_manage = fields.Boolean(
        string="Managed by my OPSN",
        compute="_compute_ecoclic_opsn_can_manage",
        help="The current user is a manager of the OPSN that supervises this collectivity.",
    )

    def _compute_ecoclic_opsn_can_manage(self):
        manager = self.env.user.has_group("ecoclic_odoo_opsn.group_opsn_manager")
        opsns = self.env.user.company_ids.filtered("ecoclic_is_opsn")
        for company in self:
            company.ecoclic_opsn_can_manage = (
                manager and company.sudo().ecoclic_opsn_id in opsns and bool(opsns)
            )

    def write(self, vals):
        """OPSN managers change a few fields of their portfolio's collectivities (checked,
        then written as superuser); a collectivity that changes OPSN leaves its account
        manager behind, and its supervision history gets a new line."""
        if self._ecoclic_is_opsn_manager_write(vals):
            self._ecoclic_check_opsn_manager_write(vals)
            # Through this write again, as superuser, not straight to super(): a manager who
            # detaches a collectivity (ecoclic_opsn_id) needs the steps below as much as an
            # administrator does (account manager left behind, supervision history).
            return self.sudo().write(vals)
        moved = self.browse()
        if "ecoclic_opsn_id" in vals:
            moved = self.filtered(lambda c: c.ecoclic_opsn_id.id != vals["ecoclic_opsn_id"])
            if moved and "ecoclic_account_manager_id" not in vals:
                # an account manager belongs to the OPSN the collectivity leaves
                super(ResCompany, moved).write({"ecoclic_account_manager_id": False})
        result = super().write(vals)
        if moved:
            moved._ecoclic_record_membership()
        if "ecoclic_is_opsn" in vals:
            # its staff's menus depend on it (ir.ui.menu._load_menus_blacklist)
            self.env.registry.clear_cache()
        return result

    def _ecoclic_is_opsn_manager_write(self, vals):
        """An OPSN manager (not an administrator) changing only what OPSN managers may."""
        return (
            not self.env.su
            and vals
            and set(vals) <= OPSN_MANAGER_FIELDS
            and self.env.user.has_group("ecoclic_odoo_opsn.group_opsn_manager")
            and not self.env.user.has_group("base.group_erp_manager")
        )

    def _ecoclic_check_opsn_manager_write(self, vals):
        """An OPSN manager enables the deeper questionnaire, assigns account managers, sets
        the follow-up cadence and detaches collectivities, within their OPSN's portfolio
        only; anything else stays with administrators."""
        opsns = self.env.user.company_ids.filtered("ecoclic_is_opsn")
        if not opsns or self.sudo().filtered(lambda c: c.ecoclic_opsn_id not in opsns):
            raise AccessError(
                self.env._("You can only change the collectivities of your OPSN's portfolio.")
            )
        if vals.get("ecoclic_opsn_id") and vals["ecoclic_opsn_id"] not in opsns.ids:
            raise AccessError(
                self.env._("A collectivity is moved to another OPSN by an administrator.")
            )

    def _ecoclic_supervised_among(self, companies):
        """`companies` as superuser, or this OPSN's whole portfolio when there are none;
        refused when one of them is not supervised by this OPSN (a campaign, an action
        pushed reaches only the OPSN's own portfolio)."""
        self.ensure_one()
        portfolio = self.env["res.company"].sudo().search([("ecoclic_opsn_id", "=", self.id)])
        companies = companies.sudo() or portfolio
        outside = companies - portfolio
        if outside:
            raise UserError(
                self.env._(
                    "%(companies)s are not supervised by %(opsn)s.",
                    companies=", ".join(outside.mapped("name")),
                    opsn=self.name,
                )
            )
        return companies

    def _ecoclic_record_membership(self):
        """Close the current supervision of these collectivities and open the new one;
        the portfolios changed, so the record rules' cached domains are reset."""
        today = fields.Date.context_today(self)
        Membership = self.env["ecoclic.opsn.membership"].sudo()
        Membership.search([("company_id", "in", self.ids), ("date_end", "=", False)]).write(
            {"date_end": today}
        )
        Membership.create(
            [
                {
                    "company_id": company.id,
                    "opsn_id": company.ecoclic_opsn_id.id,
                    "date_start": today,
                }
                for company in self
                if company.ecoclic_opsn_id
            ]
        )
        self.env["res.users"].invalidate_model(["ecoclic_portfolio_company_ids"])
        self.env.registry.clear_cache()

    @api.constrains("ecoclic_account_manager_id", "ecoclic_opsn_id")
    def _check_ecoclic_account_manager(self):
        for company in self.filtered("ecoclic_account_manager_id"):
            manager = company.ecoclic_account_manager_id
            if company.ecoclic_opsn_id not in manager.company_ids:
                raise ValidationError(
                    elided(
                        self.env._(
                            "%(user)s is not on the staff of %(company)s's OPSN and cannot be its "
                            "account manager."
                        ),
                        user=manager.name,
                        company=company.name,
                    )
                )

    @api.constrains("ecoclic_opsn_id", "ecoclic_is_opsn")
    def _check_ecoclic_opsn(self):
        for company in self:
            opsn = company.ecoclic_opsn_id
            if not company.ecoclic_is_opsn and company.sudo().ecoclic_supervised_ids:
                raise ValidationError(
                    self.env._(
                        "%(company)s still supervises collectivities: detach them before "
                        "removing its OPSN flag.",
                        company=company.name,
                    )
                )
            if not opsn:
                continue
            if opsn == company:
                raise ValidationError(
                    self.env._("%(company)s cannot supervise itself.", company=company.name)
                )
            if not opsn.ecoclic_is_opsn:
                raise ValidationError(
                    self.env._(
                        "%(opsn)s is not flagged as an OPSN and cannot supervise %(company)s.",
                        opsn=opsn.name,
                        company=company.name,
                    )
                )
            if company.ecoclic_is_opsn:
                raise ValidationError(
                    self.env._(
                        "%(company)s is an OPSN and cannot be supervised by another OPSN.",
                        company=company.name,
                    )
                )

    # ------------------------------------------------------------------
    # Portfolio radar
    # ------------------------------------------------------------------
    ecoclic_portfolio_chart = fields.Json(
        string="Portfolio radar",
        compute="_compute_ecoclic_portfolio_chart",
    )

    def _compute_ecoclic_portfolio_chart(self):
        for company in self:
            company.ecoclic_portfolio_chart = company._ecoclic_portfolio_medians()

    def _ecoclic_portfolio_medians(self):
        """Median latest score per axis over this OPSN's portfolio (one query), in the
        maturity chart widget's format."""
        self.ensure_one()
        self.env["ecoclic.assessment"].flush_model()
        self.env["ecoclic.assessment.axis"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            WITH latest AS (%(latest)s)
            SELECT s.axis_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY s.target_score),
                   count(*)
              FROM ecoclic_assessment_axis s JOIN latest l ON l.id = s.assessment_id
          GROUP BY s.axis_id
            """,
                latest=self.env["ecoclic.assessment"]._ecoclic_latest_submitted_sql(
                    SQL("a.id"), SQL("c.ecoclic_opsn_id = %(opsn)s", opsn=self.id)
                ),
            )
        )
        medians = {
            axis_id: (score, target, count)
            for axis_id, score, target, count in self.env.cr.fetchall()
        }
        if not medians:
            return False
        axes = self.env["ecoclic.axis"].search([])
        return {
            "labels": axes.mapped("name"),
            "score": [round(medians[a.id][0]) if a.id in medians else None for a in axes],
            "target": [round(medians[a.id][1]) if a.id in medians else None for a in axes],
            "peer": [None for _axis in axes],
            # the collectivities whose latest assessment scores the axis
            "count": [medians[a.id][2] if a.id in medians else 0 for a in axes],
            "peer_label": False,
            "trend": [],
            "strings": {
                "score": self.env._("Portfolio median"),
                "target": self.env._("Median target"),
                "peer": "",
                "trend": "",
            },
        }

    # ------------------------------------------------------------------
    # Consolidated exports of the portfolio (XLSX, CSV) and the anonymised benchmark:
    # a fixed number of queries whatever the portfolio's size; the workbook is written
    # row by row to a temporary file (xlsxwriter's constant_memory), so its memory stays
    # bounded for thousands of collectivities.
    # ------------------------------------------------------------------
    def _ecoclic_check_opsn(self):
        """This company is an OPSN and the current user is on its staff: only they export
        its portfolio."""
        self.ensure_one()
        if not self.ecoclic_is_opsn:
            raise UserError(self.env._("%(company)s is not an OPSN.", company=self.name))
        user = self.env.user
        if not self.env.su and not (
            user.has_group("ecoclic_odoo_opsn.group_opsn_viewer") and self in user.company_ids
        ):
            raise AccessError(
                elided(
                    self.env._("Only the staff of %(opsn)s export its portfolio."), opsn=self.name
                )
            )

    def _ecoclic_portfolio_dashboard_rows(self):
        """The dashboard rows of this OPSN's portfolio, as `search_read` gives them."""
        return self.env["ecoclic.opsn.dashboard"].search_read(
            [("opsn_id", "=", self.id)], PORTFOLIO_FIELDS, order="company_id"
        )

    def _ecoclic_portfolio_rows(self):
        """The dashboard rows of this OPSN's portfolio, as values ready to write."""
        Dashboard = self.env["ecoclic.opsn.dashboard"]
        rows = self._ecoclic_portfolio_dashboard_rows()
        selections = {
            name: dict(Dashboard._fields[name]._description_selection(self.env))
            for name in ("collectivity_type", "population_band", "grade")
        }
        result = []
        for row in rows:
            values = []
            for name in PORTFOLIO_FIELDS:
                value = row[name]
                if name in selections:
                    value = selections[name].get(value, "")
                elif isinstance(value, tuple):
                    value = value[1]
                elif isinstance(value, bool) and Dashboard._fields[name].type != "boolean":
                    value = None  # an empty number or date
                values.append(value)
            result.append((row["company_id"][0], values))
        return result

    def _ecoclic_portfolio_axis_scores(self):
        """{company id: {axis id: (score, target)}} of the latest submitted assessments of
        the portfolio: one query."""
        self.env["ecoclic.assessment"].flush_model()
        self.env["ecoclic.assessment.axis"].flush_model()
        self.env.cr.execute(
            SQL(
                """
            WITH latest AS (%(latest)s)
            SELECT l.company_id, s.axis_id, s.score, s.target_score
              FROM latest l JOIN ecoclic_assessment_axis s ON s.assessment_id = l.id
            """,
                latest=self.env["ecoclic.assessment"]._ecoclic_latest_submitted_sql(
                    SQL("a.id, a.company_id"), SQL("c.ecoclic_opsn_id = %(opsn)s", opsn=self.id)
                ),
            )
        )
        scores = {}
        for company_id, axis_id, score, target in self.env.cr.fetchall():
            scores.setdefault(company_id, {})[axis_id] = (score, target)
        return scores

    def _ecoclic_portfolio_headers(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"]
        return [Dashboard._fields[name]._description_string(self.env) for name in PORTFOLIO_FIELDS]

    def _ecoclic_portfolio_csv(self):
        self._ecoclic_check_opsn()
        buffer = io.StringIO()
        writer = csv_writer(buffer, delimiter=";")
        writer.writerow(self._ecoclic_portfolio_headers())
        for _company_id, values in self._ecoclic_portfolio_rows():
            writer.writerow(
                [
                    ""
                    if value is None
                    else (
                        round(value, PORTFOLIO_DIGITS.get(name, 1))
                        if isinstance(value, float)
                        else value
                    )
                    for name, value in zip(PORTFOLIO_FIELDS, values, strict=True)
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")

    def _ecoclic_portfolio_xlsx(self):
        """The portfolio workbook: one row per collectivity with every dashboard column, a
        sheet per axis, a sheet of aggregates by type and band, with charts."""
        self._ecoclic_check_opsn()
        rows = self._ecoclic_portfolio_rows()
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        try:
            book = new_workbook(path, {"constant_memory": True})
            head = book.add_format(
                {
                    "bold": True,
                    "bg_color": "#DDEBDD",
                    "border": 1,
                    "text_wrap": True,
                    "valign": "top",
                }
            )
            self._ecoclic_portfolio_xlsx_rows(book, head, rows)
            self._ecoclic_portfolio_xlsx_axes(book, head, rows)
            self._ecoclic_portfolio_xlsx_aggregates(book, head, rows)
            book.close()
            with open(path, "rb") as result:
                return result.read()
        finally:
            os.unlink(path)

    def _ecoclic_portfolio_xlsx_rows(self, book, head, rows):
        """The portfolio sheet: every dashboard column, one row per collectivity, then the
        portfolio's totals of the fleet columns."""
        date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
        numbers = self._ecoclic_portfolio_number_formats(book)
        headers = self._ecoclic_portfolio_headers()
        sheet = book.add_worksheet(self.env._("Portfolio"))
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, len(headers) - 1, 14)
        sheet.write_row(0, 0, headers, head)
        date_columns = {PORTFOLIO_FIELDS.index(n) for n in ("assessment_date", "next_followup")}
        bool_columns = {PORTFOLIO_FIELDS.index(n) for n in ("agec_behind", "late")}
        for row_index, (_company_id, values) in enumerate(rows, start=1):
            for col, value in enumerate(values):
                if value is None or value == "":
                    continue
                if col in date_columns:
                    sheet.write_datetime(
                        row_index, col, fields.Datetime.to_datetime(value), date_fmt
                    )
                elif col in bool_columns:
                    sheet.write(row_index, col, self.env._("Yes") if value else self.env._("No"))
                elif col in numbers:
                    sheet.write_number(row_index, col, value, numbers[col])
                elif isinstance(value, str):
                    write_text(sheet, row_index, col, value)
                else:
                    sheet.write(row_index, col, value)
        total_row = len(rows) + 1
        sheet.write(total_row, 0, self.env._("Portfolio total"), head)
        for name in PORTFOLIO_TOTALS:
            col = PORTFOLIO_FIELDS.index(name)
            total = sum(values[col] or 0 for _company_id, values in rows)
            sheet.write_number(total_row, col, total, numbers[col])

    def _ecoclic_portfolio_number_formats(self, book):
        """{column: format} of the portfolio sheet's figures, by their decimals."""
        formats = {}
        by_digits = {}
        for col, name in enumerate(PORTFOLIO_FIELDS):
            field = self.env["ecoclic.opsn.dashboard"]._fields[name]
            if field.type not in ("float", "integer"):
                continue
            digits = PORTFOLIO_DIGITS.get(name, 1 if field.type == "float" else 0)
            if digits not in by_digits:
                pattern = "0." + "0" * digits if digits else "0"
                by_digits[digits] = book.add_format({"num_format": pattern})
            formats[col] = by_digits[digits]
        return formats

    def _ecoclic_portfolio_xlsx_axes(self, book, head, rows):
        """One sheet per axis: each collectivity's latest score and target on it."""
        _ = self.env._
        axis_scores = self._ecoclic_portfolio_axis_scores()
        axes = self.env["ecoclic.axis"].search([])
        for axis in axes:
            axis_sheet = book.add_worksheet(axis.name[:31].replace("/", "-"))
            axis_sheet.set_column(0, 0, 34)
            axis_sheet.write_row(
                0,
                0,
                [
                    self.env._("Collectivity"),
                    self.env._("Type"),
                    self.env._("Population band"),
                    self.env._("Score"),
                    self.env._("Target"),
                    self.env._("Gap"),
                ],
                head,
            )
            for row_index, (company_id, values) in enumerate(rows, start=1):
                axis_sheet.write_row(row_index, 0, values[:3])
                pair = axis_scores.get(company_id, {}).get(axis.id)
                if pair:
                    axis_sheet.write_row(row_index, 3, [pair[0], pair[1], pair[1] - pair[0]])

    def _ecoclic_portfolio_xlsx_aggregates(self, book, head, rows):
        """Aggregates by type and band, and the distribution of grades, with charts."""
        agg = book.add_worksheet(self.env._("Aggregates"))
        agg.set_column(0, 1, 30)
        line = self._ecoclic_portfolio_xlsx_segments(agg, head, rows)
        self._ecoclic_portfolio_xlsx_grades(book, agg, head, rows, line + 2)
        if line > 1:
            bar = book.add_chart({"type": "bar"})
            bar.add_series(
                {
                    "name": self.env._("Average score"),
                    "categories": [agg.get_name(), 1, 0, line - 1, 1],
                    "values": [agg.get_name(), 1, 4, line - 1, 4],
                }
            )
            bar.set_title({"name": self.env._("Scores by type and band")})
            agg.insert_chart(18, 8, bar)

    def _ecoclic_portfolio_xlsx_segments(self, agg, head, rows):
        """The table of the aggregates sheet: per type and population band, how many
        collectivities, how many assessed, their average and median scores; the row
        after the table."""
        agg.write_row(
            0,
            0,
            [
                self.env._("Type"),
                self.env._("Population band"),
                self.env._("Collectivities"),
                self.env._("Assessed"),
                self.env._("Average score"),
                self.env._("Median score"),
            ],
            head,
        )
        groups = {}
        for _company_id, values in rows:
            groups.setdefault((values[1], values[2]), []).append(values[5])
        line = 1
        for (kind, band), scores in sorted(groups.items(), key=lambda item: item[0]):
            assessed = [score for score in scores if isinstance(score, int)]
            agg.write_row(line, 0, [kind, band, len(scores), len(assessed)])
            if assessed:
                agg.write_number(line, 4, round(statistics.mean(assessed), 1))
                agg.write_number(line, 5, statistics.median(assessed))
            line += 1
        return line

    def _ecoclic_portfolio_xlsx_grades(self, book, agg, head, rows, top):
        """How many collectivities have each grade, from row `top` of the aggregates
        sheet, and their column chart."""
        agg.write_row(top, 0, [self.env._("Grade"), self.env._("Collectivities")], head)
        grades = [values[6] for _company_id, values in rows]
        for offset, grade in enumerate(["A", "B", "C", "D", "E"], start=1):
            agg.write_row(top + offset, 0, [grade, grades.count(grade)])
        chart = book.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": self.env._("Collectivities per grade"),
                "categories": [agg.get_name(), top + 1, 0, top + 5, 0],
                "values": [agg.get_name(), top + 1, 1, top + 5, 1],
            }
        )
        chart.set_title({"name": self.env._("Grades of the portfolio")})
        agg.insert_chart(1, 8, chart)

    def _ecoclic_benchmark_csv(self):
        """Anonymised segment aggregates of the portfolio (type × band, département, région,
        all), in the reference-benchmark format other instances import, under the same
        disclosure rule as the peer figures (`peers.publish`: at least PEER_FLOOR
        collectivities per group, quartiles from QUARTILE_FLOOR, rounded figures below
        PRECISE_FLOOR), each collectivity in the groups of its profile as it stood when its
        latest assessment was submitted; never a name. One query."""
        self._ecoclic_check_opsn()
        self.env["ecoclic.assessment"].flush_model()
        self.env["ecoclic.assessment.axis"].flush_model()
        self.env.cr.execute(self._ecoclic_benchmark_sql())
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(CSV_COLUMNS)
        rows = []
        for (
            segment,
            kind,
            band,
            departement,
            region,
            axis,
            count,
            quartiles,
        ) in self.env.cr.fetchall():
            if segment == "type_band" and not band:
                continue  # a type without population band is not a segment
            if segment == "departement" and not departement or segment == "region" and not region:
                continue
            figures = peers.publish(count, *quartiles)
            rows.append(
                [segment, kind or "", band or "", departement or "", region or "", axis, count]
                + ["" if figures[key] is None else figures[key] for key in ("q1", "median", "q3")]
            )
        writer.writerows(sorted(rows, key=lambda r: [str(v) for v in r[:6]]))
        return buffer.getvalue().encode("utf-8")

    def _ecoclic_benchmark_sql(self):
        """The query of `_ecoclic_benchmark_csv`: one row per group and axis (the overall
        score's axis is empty), from the groups of at least PEER_FLOOR collectivities."""
        return SQL(
            """
            WITH latest AS (%(latest)s), x AS (
                SELECT l.type, l.band, l.departement_id, l.region_id, '' AS axis,
                       l.overall_score AS score
                  FROM latest l
                 UNION ALL
                SELECT l.type, l.band, l.departement_id, l.region_id, ax.code, s.score
                  FROM latest l JOIN ecoclic_assessment_axis s ON s.assessment_id = l.id
                  JOIN ecoclic_axis ax ON ax.id = s.axis_id
            )
            SELECT CASE WHEN GROUPING(x.type) = 0 THEN 'type_band'
                        WHEN GROUPING(d.code) = 0 THEN 'departement'
                        WHEN GROUPING(r.code) = 0 THEN 'region' ELSE 'all' END,
                   x.type, x.band, d.code, r.code, x.axis, count(*),
                   percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x.score)
              FROM x
         LEFT JOIN ecoclic_departement d ON d.id = x.departement_id
         LEFT JOIN ecoclic_region r ON r.id = x.region_id
             WHERE x.type IS NOT NULL
          GROUP BY GROUPING SETS (
                   (x.type, x.band, x.axis), (d.code, x.axis), (r.code, x.axis), (x.axis))
            HAVING count(*) >= %(floor)s
            """,
            latest=self.env["ecoclic.assessment"]._ecoclic_latest_submitted_sql(
                SQL(
                    "a.id, a.company_id, a.overall_score, a.segment_collectivity_type AS "
                    "type, a.segment_population_band AS band, a.segment_departement_id AS "
                    "departement_id, a.segment_region_id AS region_id"
                ),
                SQL("c.ecoclic_opsn_id = %(opsn)s", opsn=self.id),
            ),
            floor=PEER_FLOOR,
        )

    def _ecoclic_export(self, kind):
        """(file name, bytes, mimetype) of the portfolio export ``kind``, built as the
        current user, who must be on this OPSN's staff (streamed by the export route); a
        collectivity's own exports are the base add-on's."""
        if kind not in ("portfolio-xlsx", "portfolio-csv", "benchmark-csv"):
            return super()._ecoclic_export(kind)
        self.ensure_one()
        self.check_access("read")
        self._ecoclic_check_opsn()
        _ = self.env._
        date = fields.Date.context_today(self)
        if kind == "portfolio-xlsx":
            return (
                self.env._("portfolio-%(date)s.xlsx", date=date),
                self._ecoclic_portfolio_xlsx(),
                XLSX_MIME,
            )
        if kind == "portfolio-csv":
            return (
                self.env._("portfolio-%(date)s.csv", date=date),
                self._ecoclic_portfolio_csv(),
                CSV_MIME,
            )
        if kind == "benchmark-csv":
            return (
                self.env._("reference-benchmark-%(date)s.csv", date=date),
                self._ecoclic_benchmark_csv(),
                CSV_MIME,
            )
        raise UserError(self.env._("Unknown export: %(kind)s", kind=kind))

    def _ecoclic_export_action(self, kind):
        """Checked before anything is built, so that a refusal shows in the screen."""
        self.ensure_one()
        self._ecoclic_check_opsn()
        return download_action(self, kind)

    @api.readonly
    def action_ecoclic_export_portfolio_xlsx(self):
        return self._ecoclic_export_action("portfolio-xlsx")

    @api.readonly
    def action_ecoclic_export_portfolio_csv(self):
        return self._ecoclic_export_action("portfolio-csv")

    @api.readonly
    def action_ecoclic_export_benchmark(self):
        return self._ecoclic_export_action("benchmark-csv")

    # ------------------------------------------------------------------
    # Joining and leaving an OPSN (issue 21)
    # ------------------------------------------------------------------
    ecoclic_opsn_request_ids = fields.One2many(
        "ecoclic.opsn.request", "company_id", string="Requests to join an OPSN"
    )
    ecoclic_opsn_request_open = fields.Boolean(
        string="Request waiting for an answer", compute="_compute_ecoclic_opsn_request_open"
    )

    def _compute_ecoclic_opsn_request_open(self):
        open_ids = set(
            self.env["ecoclic.opsn.request"]
            .sudo()
            .search([("company_id", "in", self.ids), ("state", "=", "requested")])
            .company_id.ids
        )
        for company in self:
            company.ecoclic_opsn_request_open = company._origin.id in open_ids

    def _ecoclic_is_referent(self):
        """The current user is a référent (Éco-clic manager) of this collectivity."""
        self.ensure_one()
        return self.env.su or (
            self.env.user.has_group("ecoclic_odoo.group_ecoclic_manager")
            and self in self.env.user.company_ids
        )

    def _ecoclic_membership_note(self, note):
        """Say who decided on the latest line of the supervision history (after what it
        says already: who accepted, then who left)."""
        line = (
            self.env["ecoclic.opsn.membership"]
            .sudo()
            .search([("company_id", "in", self.ids)], order="date_start desc, id desc", limit=1)
        )
        line.note = f"{line.note} · {note}" if line.note else note

    def action_ecoclic_opsn_ask(self):
        """The form where the référent asks to join an OPSN of this instance."""
        self.ensure_one()
        if not self._ecoclic_is_referent():
            raise AccessError(
                self.env._("Only the référent of a collectivity asks to join an OPSN.")
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Join an OPSN"),
            "res_model": "ecoclic.opsn.request",
            "view_mode": "form",
            "target": "new",
            "context": {"default_company_id": self.id},
        }

    def action_ecoclic_opsn_leave(self):
        """The référent ends the supervision: the history keeps it, the OPSN's managers are
        told."""
        self.ensure_one()
        if not self._ecoclic_is_referent():
            raise AccessError(self.env._("Only the référent of a collectivity leaves its OPSN."))
        opsn = self.sudo().ecoclic_opsn_id
        if not opsn:
            raise UserError(self.env._("This collectivity is supervised by no OPSN."))
        company = self.sudo()
        company.write({"ecoclic_opsn_id": False})
        self._ecoclic_membership_note(
            self.env._("Left at the request of %(user)s", user=self.env.user.name)
        )
        company.env["ecoclic.opsn.request"]._ecoclic_send_leave(company, opsn)
        return True
