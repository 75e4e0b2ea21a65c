# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The assessment as a spreadsheet (xlsxwriter) and the REEN annual summary that both the
spreadsheet and the printable report carry."""
import io

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang

from .export_files import XLSX_MIME, download_action, new_workbook, write_text


class EcoclicAssessment(models.Model):
    _inherit = "ecoclic.assessment"

    def _ecoclic_reen_summary(self):
        """The REEN annual summary (loi REEN art. 35, décret 2022-1084): for each of the six
        themes, the axes it maps to with their scores and targets, the fleet and purchase
        indicators that document it, and the actions of the plan done and under way."""
        self.ensure_one()
        _ = self.env._
        company = self.company_id
        themes = self.env["ecoclic.reen.theme"].search([])
        scores = {row.axis_id: row for row in self.axis_score_ids}
        lines = self.env["ecoclic.plan.line"].search([("company_id", "=", company.id)])
        indicators = company.sudo()._ecoclic_indicator_values(
            fields.Date.context_today(self)).get(company.id, {})
        labels = dict(self.env["ecoclic.plan.indicator"]._fields["source"]
                      ._description_selection(self.env))
        # Which figures document which theme (décret 2022-1084's themes 1 and 2).
        theme_figures = {1: ["purchase_refurbished_share"],
                         2: ["fleet_average_age_ratio", "reformed_reuse_share",
                             "fleet_inventory_coverage", "equipment_per_agent"]}
        all_axes = self.env["ecoclic.axis"].search([("reen_theme_ids", "in", themes.ids)])
        rows = []
        for theme in themes:
            axes = all_axes.filtered(lambda axis: theme in axis.reen_theme_ids)
            theme_lines = lines.filtered(lambda line: line.axis_id in axes)
            rows.append({
                "theme": theme.name,
                "axes": [{"name": axis.name, "score": scores[axis].score if axis in scores
                          else None, "target": scores[axis].target_score if axis in scores
                          else None} for axis in axes],
                # (label, value, value as the user's language writes it)
                "figures": [(labels[key], round(indicators[key][0], 1),
                             formatLang(self.with_context(lang=self.env.lang or "en_US").env,
                                        indicators[key][0], digits=1))
                            for key in theme_figures.get(theme.sequence, [])
                            if key in indicators],
                "done": theme_lines.filtered(lambda l: l.state == "done").mapped("name"),
                "in_progress": theme_lines.filtered(
                    lambda l: l.state in ("planned", "in_progress")).mapped("name"),
            })
        return {
            "concerned": company.ecoclic_collectivity_type in (
                "commune", "cc", "ca", "cu", "metropole")
            and company.ecoclic_population > 50000,
            "target": company.ecoclic_target_score,
            "target_date": company.ecoclic_target_date,
            "rows": rows,
            "title": _("REEN annual summary"),
        }

    def action_export_xlsx(self):
        """Download the assessment as a workbook: summary and scores with a chart, peers,
        recommendations, action plan and the REEN summary (streamed, see export_files)."""
        self.ensure_one()
        self._ecoclic_check_exportable()
        return download_action(self, "assessment-xlsx")

    def _ecoclic_check_exportable(self):
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(self.env._("Only a submitted assessment is exported."))

    def _ecoclic_export(self, kind):
        """(file name, bytes, mimetype) of the export ``kind``, built as the current user,
        who must be able to read the assessment (collectivity users, OPSN staff)."""
        self.ensure_one()
        self.check_access("read")
        if kind != "assessment-xlsx":
            raise UserError(self.env._("Unknown export: %(kind)s", kind=kind))
        self._ecoclic_check_exportable()
        name = self.env._("sobriety-assessment-%(company)s-%(date)s.xlsx",
                          company=self.company_id.name, date=self.date_start.isoformat())
        return name, self._ecoclic_xlsx(), XLSX_MIME

    def _ecoclic_xlsx(self):
        """The workbook's bytes (built in memory: an assessment is a few hundred rows)."""
        self.ensure_one()
        _ = self.env._
        buffer = io.BytesIO()
        book = new_workbook(buffer, {"in_memory": True})
        bold = book.add_format({"bold": True})
        head = book.add_format({"bold": True, "bg_color": "#DDEBDD", "border": 1,
                                "text_wrap": True, "valign": "top"})
        title = book.add_format({"bold": True, "font_size": 14})
        date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
        pct = book.add_format({"num_format": "0%"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        number = book.add_format({"num_format": "#,##0"})
        money = book.add_format({"num_format": "#,##0.00"})

        def table(sheet, row, headers, widths=None):
            for col, header in enumerate(headers):
                sheet.write(row, col, header, head)
                if widths:
                    sheet.set_column(col, col, widths[col])
            sheet.freeze_panes(row + 1, 0)

        # Summary and scores
        sheet = book.add_worksheet(_("Summary"))
        write_text(sheet, 0, 0, self.display_name, title)
        facts = [
            (_("Collectivity"), self.company_id.name),
            (_("Questionnaire version"), self.survey_version),
            (_("Started on"), self.date_start),
            (_("Submitted on"), self.date_submitted and self.date_submitted.date()),
            (_("Overall score"), self.overall_score),
            (_("Grade"), self.grade),
            (_("Target"), self.target_score),
            (_("Against the target"), self.gap_label),
        ]
        for index, (label, value) in enumerate(facts, start=2):
            sheet.write(index, 0, label, bold)
            if hasattr(value, "isoformat"):
                sheet.write_datetime(index, 1, fields.Datetime.to_datetime(value), date_fmt)
            elif isinstance(value, str):
                write_text(sheet, index, 1, value)
            else:
                sheet.write(index, 1, value if value not in (None, False) else "")
        top = len(facts) + 3
        table(sheet, top, [_("Axis"), _("Score"), _("Grade"), _("Target"),
                           _("Against the target")], [34, 12, 10, 12, 30])
        axes = self.axis_score_ids.sorted(lambda r: (r.axis_sequence, r.id))
        for index, row in enumerate(axes, start=top + 1):
            write_text(sheet, index, 0, row.axis_id.name)
            sheet.write_number(index, 1, row.score)
            sheet.write(index, 2, row.grade or "")
            sheet.write_number(index, 3, row.target_score)
            write_text(sheet, index, 4, row.gap_label)
        if axes:
            chart = book.add_chart({"type": "radar", "subtype": "filled"})
            last = top + len(axes)
            sheet_name = sheet.get_name()
            chart.add_series({"name": _("Score"),
                              "categories": [sheet_name, top + 1, 0, last, 0],
                              "values": [sheet_name, top + 1, 1, last, 1]})
            chart.add_series({"name": _("Target"),
                              "categories": [sheet_name, top + 1, 0, last, 0],
                              "values": [sheet_name, top + 1, 3, last, 3]})
            chart.set_title({"name": _("Scores per axis")})
            chart.set_y_axis({"min": 0, "max": 100})
            sheet.insert_chart(top, 6, chart, {"x_scale": 1.3, "y_scale": 1.3})

        # Peers
        sheet = book.add_worksheet(_("Peers"))
        table(sheet, 0, [_("Group of collectivities"), _("Collectivities"), _("1st quartile"),
                         _("Median"), _("3rd quartile"), _("Source")], [40, 14, 14, 12, 14, 30])
        row = 1
        stats = self._ecoclic_peer_stats()
        for segment in stats["segments"]:
            write_text(sheet, row, 0, segment["label"])
            if segment["shown"]:
                overall = segment["overall"]
                sheet.write_number(row, 1, segment["count"])
                for col, key in ((2, "q1"), (3, "median"), (4, "q3")):
                    if overall[key] is None:  # the median alone: a small group
                        sheet.write(row, col, "–")
                    else:
                        sheet.write_number(row, col, overall[key])
                sheet.write(row, 5, _("Reference benchmark") if segment["reference"]
                            else _("This instance"))
            else:
                sheet.write(row, 1, _("Fewer than %(floor)s: not shown", floor=stats["floor"]))
            row += 1
        sheet.write(row + 1, 0, stats["note"])

        # Recommendations
        sheet = book.add_worksheet(_("Recommendations"))
        table(sheet, 0, [_("Rank"), _("Action"), _("Axis"), _("Level"), _("Impact"),
                         _("Effort"), _("Why"), _("kg CO2e avoided per year"),
                         _("In the plan")], [8, 50, 24, 14, 10, 10, 60, 16, 16])
        levels = dict(self.env["ecoclic.action"]._fields["priority"]
                      ._description_selection(self.env))
        states = dict(self.env["ecoclic.plan.line"]._fields["state"]
                      ._description_selection(self.env))
        for row, rec in enumerate(self.recommendation_ids.sorted("rank"), start=1):
            sheet.write_number(row, 0, rec.rank)
            write_text(sheet, row, 1, rec.action_id.name, wrap)
            write_text(sheet, row, 2, rec.axis_id.name)
            sheet.write(row, 3, levels.get(rec.priority, ""))
            sheet.write_number(row, 4, rec.impact)
            sheet.write_number(row, 5, rec.effort)
            write_text(sheet, row, 6, rec.why, wrap)
            sheet.write_number(row, 7, round(rec.avoided), number)
            sheet.write(row, 8, states.get(rec.plan_state, "") if rec.plan_state else "")

        # Action plan
        sheet = book.add_worksheet(_("Action plan"))
        table(sheet, 0, [_("Action"), _("Axis"), _("Owner"), _("Service in charge"), _("Start"),
                         _("Due"), _("Status"), _("Progress"), _("Budget"),
                         _("kg CO2e avoided per year"), _("Success indicators")],
              [50, 24, 22, 18, 12, 12, 14, 10, 12, 16, 50])
        plan = self.env["ecoclic.plan.line"].search([("company_id", "=", self.company_id.id)])
        for row, line in enumerate(plan, start=1):
            write_text(sheet, row, 0, line.name, wrap)
            write_text(sheet, row, 1, line.axis_id.name)
            write_text(sheet, row, 2, line.user_id.name)
            write_text(sheet, row, 3, line.department)
            for col, value in ((4, line.date_start), (5, line.date_due)):
                if value:
                    sheet.write_datetime(row, col, fields.Datetime.to_datetime(value), date_fmt)
            sheet.write(row, 6, states.get(line.state, ""))
            sheet.write_number(row, 7, line.progress / 100.0, pct)
            sheet.write_number(row, 8, line.budget, money)
            sheet.write_number(row, 9, round(line.avoided), number)
            write_text(sheet, row, 10, "\n".join(
                f"{i.name}: {i.measured:g} / {i.target:g}" for i in line.indicator_ids), wrap)

        # REEN summary
        summary = self._ecoclic_reen_summary()
        sheet = book.add_worksheet(_("REEN summary"))
        sheet.write(0, 0, summary["title"], title)
        sheet.write(1, 0, _("Concerned by the REEN strategy (over 50,000 inhabitants)") if
                    summary["concerned"] else _("Not bound by the REEN strategy (kept as a "
                                                "good practice)"))
        table(sheet, 3, [_("REEN theme"), _("Axes and scores"), _("Figures"),
                         _("Actions done"), _("Actions under way")], [36, 40, 40, 50, 50])
        for row, item in enumerate(summary["rows"], start=4):
            write_text(sheet, row, 0, item["theme"], wrap)
            write_text(sheet, row, 1, "\n".join(
                f"{axis['name']}: {axis['score'] if axis['score'] is not None else '–'}"
                f" / {axis['target'] if axis['target'] is not None else '–'}"
                for axis in item["axes"]), wrap)
            write_text(sheet, row, 2, "\n".join(f"{label}: {text}"
                                               for label, _value, text in item["figures"]), wrap)
            write_text(sheet, row, 3, "\n".join(item["done"]), wrap)
            write_text(sheet, row, 4, "\n".join(item["in_progress"]), wrap)
        book.close()
        return buffer.getvalue()

    def action_print_report(self):
        self.ensure_one()
        return self.env.ref("ecoclic_odoo.action_report_ecoclic_assessment").report_action(self)

