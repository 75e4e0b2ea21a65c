# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import SUPERUSER_ID, models, tools
from odoo.tools import SQL


class IrDefault(models.Model):
    _inherit = "ir.default"

    @tools.ormcache("model_name", "field_name")
    def _get_field_column_fallbacks(self, model_name, field_name):
        """Same result as Odoo's, in two queries and a few environments whatever the number
        of companies.

        Odoo 18 builds this per-company dict with one defaults query per company
        (``_get_model_defaults`` with each company) and two environments per company, and
        rebuilds it after every registry cache clear: creating a company (``stock`` sets
        its locations as ``ir.default`` values) or a user with groups clears it. Onboarding
        one collectivity then cost queries in proportion to the collectivities already in
        the instance (4 418 queries at 2 021), and time in proportion to their square
        (each new environment is compared with every live one). Here the field's defaults
        are read once, with the same filters and precedence (superuser's before
        everyone's, the company's before all companies', then the oldest), resolved per
        company in Python, and each distinct value converted once: Odoo's column
        conversions depend on the environment's user, language and precisions, never on
        its company (tests/test_ir_default.py compares with Odoo's computation).
        """
        self.flush_model()
        company_ids = self.env.execute_query(SQL("SELECT ARRAY_AGG(id) FROM res_company"))[0][0]
        field = self.env[model_name]._fields[field_name]
        self_super = self.with_user(SUPERUSER_ID)
        by_company, everyone = self._ecoclic_field_defaults(model_name, field_name)
        converted = {}
        fallbacks = {}
        for id_ in company_ids:
            # Keyed by the stored JSON text: no encoding per company (36 000 at national
            # scale, seconds for each field).
            raw = by_company.get(id_, everyone)
            if raw not in converted:
                value = None if raw is None else json.loads(raw)
                converted[raw] = field.convert_to_column(value, self_super)
            fallbacks[id_] = converted[raw]
        return json.dumps(fallbacks)

    def _ecoclic_field_defaults(self, model_name, field_name):
        """The superuser's unconditional defaults of one field: ({company id: JSON text}
        where a company has its own, the JSON text for the other companies or None), in
        the order of ``_get_model_defaults`` (PostgreSQL sorts NULL user and company
        last)."""
        rows = self.env.execute_query(
            SQL(
                """SELECT d.company_id, d.json_value
                     FROM ir_default d
                     JOIN ir_model_fields f ON d.field_id = f.id
                    WHERE f.model = %s AND f.name = %s
                      AND (d.user_id IS NULL OR d.user_id = %s)
                      AND d.condition IS NULL
                 ORDER BY d.user_id, d.company_id, d.id""",
                model_name,
                field_name,
                SUPERUSER_ID,
            )
        )
        by_company = {}
        for company_id, json_value in rows:
            if company_id is None:
                # Every company without a value of its own so far takes this one; any
                # later row ranks below it for every company.
                return by_company, json_value
            by_company.setdefault(company_id, json_value)
        return by_company, None
