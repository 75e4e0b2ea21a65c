# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Exports streamed to the user who asks for them.

A file is built as that user (their record rules apply), after checking that they may
read the record, and sent back; nothing is stored, so the reader needs no write access
on the record (OPSN staff only read their portfolio) and no attachment is left behind.
"""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request


def _export_reads_only(controller):
    """Whether the export route may run on a read-only replica (``db_replica_host``):
    every export only reads, but a transient record (the fleet import's lines to correct)
    was saved by the request just before, which a replica may not hold yet."""
    parts = request.httprequest.path.split("/")
    return controller._ecoclic_export_on_replica(
        request.registry, parts[3] if len(parts) > 3 else ""
    )


class EcoclicExport(http.Controller):
    # What may be exported: kind (in the URL) -> model of the record. The record's
    # ``_ecoclic_export(kind)`` builds the file; other add-ons extend this mapping.
    _ecoclic_export_models = {
        "assessment-xlsx": "ecoclic.assessment",
        "fleet-import-issues": "ecoclic.fleet.import",
        "guide-xlsx": "res.company",
        "reen-xlsx": "ecoclic.reen.obligation",
    }

    def _ecoclic_export_on_replica(self, registry, kind):
        """Exports of kind ``kind`` only read records that are not transient."""
        model = self._ecoclic_export_models.get(kind)
        return bool(model) and model in registry and not registry[model]._transient

    @http.route(
        "/ecoclic/export/<string:kind>/<int:record_id>",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=_export_reads_only,
    )
    def ecoclic_export(self, kind, record_id, **kwargs):
        model = self._ecoclic_export_models.get(kind)
        if not model or model not in request.env:
            raise NotFound()
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise NotFound()
        try:
            record.check_access("read")
            name, content, mimetype = record._ecoclic_export(kind)
        except (AccessError, MissingError):
            raise Forbidden() from None
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(name)),
                ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "no-store"),
            ],
        )
