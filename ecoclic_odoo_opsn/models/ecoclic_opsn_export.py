# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consolidated exports of an OPSN's portfolio (XLSX, CSV) and the anonymised benchmark
other instances import. A fixed number of queries whatever the portfolio's size; the
workbook is written row by row to a temporary file (xlsxwriter's constant_memory), so its
memory stays bounded for thousands of collectivities."""
import io
import os
import statistics
import tempfile

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.ecoclic_odoo.models import peers
from odoo.addons.ecoclic_odoo.models.peers import PEER_FLOOR
from odoo.addons.ecoclic_odoo.models.ecoclic_benchmark import CSV_COLUMNS
from odoo.addons.ecoclic_odoo.models.export_files import (
    CSV_MIME, XLSX_MIME, csv_writer, download_action, new_workbook, write_text,
)

# Dashboard columns exported, in order.
PORTFOLIO_FIELDS = [
    "company_id", "collectivity_type", "population_band", "departement_id", "manager_id",
    "score", "grade", "score_change", "gap", "assessment_date", "assessment_age",
    "plan_completion", "overdue_actions", "agec_share", "agec_minimum", "agec_behind",
    "fleet_age", "next_followup", "late",
]


class ResCompany(models.Model):
    _inherit = "res.company"

    def _ecoclic_check_opsn(self):
        """This company is an OPSN and the current user is on its staff: only they export
        its portfolio."""
        self.ensure_one()
        if not self.ecoclic_is_opsn:
            raise UserError(self.env._("%(company)s is not an OPSN.", company=self.name))
        user = self.env.user
        if not self.env.su and not (user.has_group("ecoclic_odoo_opsn.group_opsn_viewer")
                                    and self in user.company_ids):
            raise AccessError(self.env._(
                "Only the staff of %(opsn)s export its portfolio.", opsn=self.name))

    def _ecoclic_portfolio_dashboard_rows(self):
        """The dashboard rows of this OPSN's portfolio, as `search_read` gives them."""
        return self.env["ecoclic.opsn.dashboard"].search_read(
            [("opsn_id", "=", self.id)], PORTFOLIO_FIELDS, order="company_id")

    def _ecoclic_portfolio_rows(self):
        """The dashboard rows of this OPSN's portfolio, as values ready to write."""
        Dashboard = self.env["ecoclic.opsn.dashboard"]
        rows = self._ecoclic_portfolio_dashboard_rows()
        selections = {name: dict(Dashboard._fields[name]._description_selection(self.env))
                      for name in ("collectivity_type", "population_band", "grade")}
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
        self.env.cr.execute(SQL(
            """
            WITH latest AS (
                SELECT DISTINCT ON (a.company_id) a.id, a.company_id
                  FROM ecoclic_assessment a JOIN res_company c ON c.id = a.company_id
                 WHERE a.state = 'submitted' AND c.ecoclic_opsn_id = %(opsn)s
              ORDER BY a.company_id, a.date_submitted DESC, a.id DESC
            )
            SELECT l.company_id, s.axis_id, s.score, s.target_score
              FROM latest l JOIN ecoclic_assessment_axis s ON s.assessment_id = l.id
            """,
            opsn=self.id,
        ))
        scores = {}
        for company_id, axis_id, score, target in self.env.cr.fetchall():
            scores.setdefault(company_id, {})[axis_id] = (score, target)
        return scores

    def _ecoclic_portfolio_headers(self):
        Dashboard = self.env["ecoclic.opsn.dashboard"]
        return [Dashboard._fields[name]._description_string(self.env)
                for name in PORTFOLIO_FIELDS]

    def _ecoclic_portfolio_csv(self):
        self._ecoclic_check_opsn()
        buffer = io.StringIO()
        writer = csv_writer(buffer, delimiter=";")
        writer.writerow(self._ecoclic_portfolio_headers())
        for _company_id, values in self._ecoclic_portfolio_rows():
            writer.writerow(["" if value is None else
                             (round(value, 1) if isinstance(value, float) else value)
                             for value in values])
        return buffer.getvalue().encode("utf-8-sig")

    def _ecoclic_portfolio_xlsx(self):
        """The portfolio workbook: one row per collectivity with every dashboard column, a
        sheet per axis, a sheet of aggregates by type and band, with charts."""
        self._ecoclic_check_opsn()
        _ = self.env._
        rows = self._ecoclic_portfolio_rows()
        axis_scores = self._ecoclic_portfolio_axis_scores()
        axes = self.env["ecoclic.axis"].search([])
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        try:
            book = new_workbook(path, {"constant_memory": True})
            head = book.add_format({"bold": True, "bg_color": "#DDEBDD", "border": 1,
                                    "text_wrap": True, "valign": "top"})
            date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
            pct = book.add_format({"num_format": "0"})
            one = book.add_format({"num_format": "0.0"})
            headers = self._ecoclic_portfolio_headers()
            sheet = book.add_worksheet(_("Portfolio"))
            sheet.freeze_panes(1, 1)
            sheet.set_column(0, 0, 34)
            sheet.set_column(1, len(headers) - 1, 14)
            sheet.write_row(0, 0, headers, head)
            date_columns = {PORTFOLIO_FIELDS.index(n) for n in ("assessment_date",
                                                                 "next_followup")}
            one_columns = {PORTFOLIO_FIELDS.index("fleet_age")}
            pct_columns = {PORTFOLIO_FIELDS.index(n) for n in ("plan_completion", "agec_share",
                                                                "agec_minimum")}
            bool_columns = {PORTFOLIO_FIELDS.index(n) for n in ("agec_behind", "late")}
            for row_index, (_company_id, values) in enumerate(rows, start=1):
                for col, value in enumerate(values):
                    if value is None or value == "":
                        continue
                    if col in date_columns:
                        sheet.write_datetime(row_index, col,
                                             fields.Datetime.to_datetime(value), date_fmt)
                    elif col in bool_columns:
                        sheet.write(row_index, col, _("Yes") if value else _("No"))
                    elif col in one_columns:
                        sheet.write_number(row_index, col, value, one)
                    elif col in pct_columns:
                        sheet.write_number(row_index, col, value, pct)
                    elif isinstance(value, str):
                        write_text(sheet, row_index, col, value)
                    else:
                        sheet.write(row_index, col, value)
            # One sheet per axis
            for axis in axes:
                axis_sheet = book.add_worksheet(axis.name[:31].replace("/", "-"))
                axis_sheet.set_column(0, 0, 34)
                axis_sheet.write_row(0, 0, [_("Collectivity"), _("Type"), _("Population band"),
                                            _("Score"), _("Target"), _("Gap")], head)
                for row_index, (company_id, values) in enumerate(rows, start=1):
                    axis_sheet.write_row(row_index, 0, values[:3])
                    pair = axis_scores.get(company_id, {}).get(axis.id)
                    if pair:
                        axis_sheet.write_row(row_index, 3, [pair[0], pair[1], pair[1] - pair[0]])
            # Aggregates by type and band, and the distribution of grades
            agg = book.add_worksheet(_("Aggregates"))
            agg.set_column(0, 1, 30)
            agg.write_row(0, 0, [_("Type"), _("Population band"), _("Collectivities"),
                                 _("Assessed"), _("Average score"), _("Median score")], head)
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
            grade_top = line + 2
            agg.write_row(grade_top, 0, [_("Grade"), _("Collectivities")], head)
            grades = [values[6] for _company_id, values in rows]
            labels = ["A", "B", "C", "D", "E"]
            for offset, grade in enumerate(labels, start=1):
                agg.write_row(grade_top + offset, 0, [grade, grades.count(grade)])
            chart = book.add_chart({"type": "column"})
            chart.add_series({
                "name": _("Collectivities per grade"),
                "categories": [agg.get_name(), grade_top + 1, 0, grade_top + 5, 0],
                "values": [agg.get_name(), grade_top + 1, 1, grade_top + 5, 1],
            })
            chart.set_title({"name": _("Grades of the portfolio")})
            agg.insert_chart(1, 8, chart)
            if line > 1:
                bar = book.add_chart({"type": "bar"})
                bar.add_series({
                    "name": _("Average score"),
                    "categories": [agg.get_name(), 1, 0, line - 1, 1],
                    "values": [agg.get_name(), 1, 4, line - 1, 4],
                })
                bar.set_title({"name": _("Scores by type and band")})
                agg.insert_chart(18, 8, bar)
            book.close()
            with open(path, "rb") as result:
                return result.read()
        finally:
            os.unlink(path)

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
        self.env.cr.execute(SQL(
            """
            WITH latest AS (
                SELECT DISTINCT ON (a.company_id) a.id, a.company_id, a.overall_score,
                       a.segment_collectivity_type AS type, a.segment_population_band AS band,
                       a.segment_departement_id AS departement_id,
                       a.segment_region_id AS region_id
                  FROM ecoclic_assessment a JOIN res_company c ON c.id = a.company_id
                 WHERE a.state = 'submitted' AND c.ecoclic_opsn_id = %(opsn)s
              ORDER BY a.company_id, a.date_submitted DESC, a.id DESC
            ), x AS (
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
            opsn=self.id, floor=PEER_FLOOR,
        ))
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(CSV_COLUMNS)
        rows = []
        for segment, kind, band, departement, region, axis, count, quartiles in \
                self.env.cr.fetchall():
            if segment == "type_band" and not band:
                continue  # a type without population band is not a segment
            if segment == "departement" and not departement or \
                    segment == "region" and not region:
                continue
            figures = peers.publish(count, *quartiles)
            rows.append([segment, kind or "", band or "", departement or "", region or "",
                         axis, count] + ["" if figures[key] is None else figures[key]
                                         for key in ("q1", "median", "q3")])
        writer.writerows(sorted(rows, key=lambda r: [str(v) for v in r[:6]]))
        return buffer.getvalue().encode("utf-8")

    def _ecoclic_export(self, kind):
        """(file name, bytes, mimetype) of the portfolio export ``kind``, built as the
        current user, who must be on this OPSN's staff (streamed by the export route)."""
        self.ensure_one()
        self.check_access("read")
        self._ecoclic_check_opsn()
        _ = self.env._
        date = fields.Date.context_today(self)
        if kind == "portfolio-xlsx":
            return (_("portfolio-%(date)s.xlsx", date=date), self._ecoclic_portfolio_xlsx(),
                    XLSX_MIME)
        if kind == "portfolio-csv":
            return (_("portfolio-%(date)s.csv", date=date), self._ecoclic_portfolio_csv(),
                    CSV_MIME)
        if kind == "benchmark-csv":
            return (_("reference-benchmark-%(date)s.csv", date=date),
                    self._ecoclic_benchmark_csv(), CSV_MIME)
        raise UserError(_("Unknown export: %(kind)s", kind=kind))

    def _ecoclic_export_action(self, kind):
        """Checked before anything is built, so that a refusal shows in the screen."""
        self.ensure_one()
        self._ecoclic_check_opsn()
        return download_action(self, kind)

    def action_ecoclic_export_portfolio_xlsx(self):
        return self._ecoclic_export_action("portfolio-xlsx")

    def action_ecoclic_export_portfolio_csv(self):
        return self._ecoclic_export_action("portfolio-csv")

    def action_ecoclic_export_benchmark(self):
        return self._ecoclic_export_action("benchmark-csv")
