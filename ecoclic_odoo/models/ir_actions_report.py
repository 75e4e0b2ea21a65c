# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from reportlab.lib import colors
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

# Reports whose pages get their numbers and running footer from us (see _ecoclic_number).
NUMBERED_REPORTS = (
    "ecoclic_odoo.report_ecoclic_assessment",
    "ecoclic_odoo.report_ecoclic_reen_strategy",
    "ecoclic_odoo.report_ecoclic_reen_review",
)


def number_pages(content, footer):
    """The PDF ``content`` with, at the foot of every page, ``footer(page, pages)`` as real
    (selectable) text."""
    pdf = PdfFileReader(io.BytesIO(content), strict=False, overwriteWarnings=False)
    pages = pdf.getNumPages()
    packet = io.BytesIO()
    stamp = canvas.Canvas(packet)
    for number in range(pages):
        box = pdf.getPage(number).mediaBox
        width, _height = float(abs(box.getWidth())), float(abs(box.getHeight()))
        stamp.setPageSize((width, _height))
        stamp.setFont("Helvetica", 8)
        stamp.setFillColor(colors.Color(0.35, 0.35, 0.35))
        stamp.drawCentredString(width / 2, 18, footer(number + 1, pages))
        stamp.showPage()
    stamp.save()
    stamps = PdfFileReader(packet, overwriteWarnings=False)
    out = PdfFileWriter()
    for number in range(pages):
        page = pdf.getPage(number)
        page.mergePage(stamps.getPage(number))
        out.addPage(page)
    result = io.BytesIO()
    out.write(result)
    return result.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        content, kind = super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        if kind == "pdf" and report.report_name in NUMBERED_REPORTS and content:
            content = self._ecoclic_number(content, report)
        return content, kind

    def _ecoclic_number(self, content, report):
        """Page numbers and the report's name at the foot of each page. Odoo's layouts put
        them in wkhtmltopdf's --footer-html, which the wkhtmltopdf of Linux distributions
        (built on an unpatched Qt) ignores: the report came out without them. Stamped
        here, the same on every machine; our report uses web.basic_layout, so they are
        never there twice."""
        name = report.with_context(lang=self.env.lang).name
        return number_pages(
            content,
            lambda page, pages: self.env._(
                "%(report)s – page %(page)s of %(pages)s", report=name, page=page, pages=pages
            ),
        )
