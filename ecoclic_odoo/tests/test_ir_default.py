# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Company-dependent fallbacks in a fixed number of queries (issue 20, point 2)."""

import json
from unittest.mock import patch

from odoo import SUPERUSER_ID
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


def add_companies(env, count):
    """`count` companies inserted in SQL, copies of the main company under new names:
    the fallbacks only read the companies' ids, and 30 through the ORM take minutes."""
    env.flush_all()
    columns = [
        row[0]
        for row in env.execute_query(
            SQL(
                """SELECT column_name FROM information_schema.columns
                    WHERE table_name = 'res_company' AND is_nullable = 'NO'
                      AND column_default IS NULL AND column_name != 'name'"""
            )
        )
    ]
    names = SQL(", ").join(SQL.identifier(column) for column in columns)
    env.execute_query(
        SQL(
            """INSERT INTO res_company (name, %(names)s)
               SELECT 'Copie ' || n || ' ' || c.name, %(names)s
                 FROM res_company c, generate_series(1, %(count)s) n WHERE c.id = %(main)s""",
            names=names,
            count=count,
            main=env.ref("base.main_company").id,
        )
    )


def original_fallbacks(env, model_name, field_name):
    """Odoo 18's own computation: one `_get_model_defaults` per company."""
    company_ids = env.execute_query(SQL("SELECT ARRAY_AGG(id) FROM res_company"))[0][0]
    field = env[model_name]._fields[field_name]
    Default = env["ir.default"].with_user(SUPERUSER_ID)
    return json.dumps(
        {
            id_: field.convert_to_column(
                Default.with_company(id_)._get_model_defaults(model_name).get(field_name),
                Default.with_company(id_),
            )
            for id_ in company_ids
        }
    )


@tagged("post_install", "-at_install")
class TestIrDefault(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.company_a = Company.create({"name": "Fallbacks A"})
        cls.company_b = Company.create({"name": "Fallbacks B"})
        cls.fields = cls.env["ir.model.fields"]._get

    def _default(self, model, name, value, **values):
        return self.env["ir.default"].create(
            {"field_id": self.fields(model, name).id, "json_value": json.dumps(value), **values}
        )

    def _company_dependent(self):
        return [
            (model, name)
            for model in self.env.registry.models
            for name, field in self.env[model]._fields.items()
            if field.company_dependent and field.store
        ]

    def test_same_result_as_odoo(self):
        """For every company-dependent field, with company-specific defaults (stock's
        locations), global ones, the superuser's own, conditional or other users' (left
        out), and none."""
        a, b = self.company_a.id, self.company_b.id
        self._default("res.partner", "trust", "good", user_id=SUPERUSER_ID)
        self._default("res.partner", "trust", "bad", user_id=SUPERUSER_ID, company_id=a)
        self._default("res.partner", "trust", "normal", company_id=b)
        self._default("res.partner", "credit_limit", 500.0, company_id=b)
        self._default("res.partner", "credit_limit", 250.0, company_id=b)
        self._default("res.partner", "credit_limit", 100.0)
        self._default("res.partner", "credit_limit", 900.0, condition="name=Rennes")
        admin = self.env.ref("base.user_admin").id
        self._default("res.partner", "barcode", "other user's", user_id=admin)
        Default = self.env["ir.default"]
        checked = self._company_dependent()
        self.assertIn(("product.template", "property_stock_inventory"), checked)
        self.assertIn(("res.partner", "barcode"), checked)
        for model, name in checked:
            with self.subTest(field=f"{model}.{name}"):
                self.assertEqual(
                    Default._get_field_column_fallbacks(model, name),
                    original_fallbacks(self.env, model, name),
                )
        trust = json.loads(Default._get_field_column_fallbacks("res.partner", "trust"))
        credit = json.loads(Default._get_field_column_fallbacks("res.partner", "credit_limit"))
        self.assertEqual((trust[str(a)], trust[str(b)]), ("bad", "good"))
        self.assertEqual((credit[str(a)], credit[str(b)]), (100.0, 500.0))
        barcodes = json.loads(Default._get_field_column_fallbacks("res.partner", "barcode"))
        self.assertEqual(set(barcodes.values()), {None})

    def test_queries_do_not_grow_with_companies(self):
        Default = self.env["ir.default"]
        for added in (0, 30):
            add_companies(self.env, added)
            self.env.registry.clear_cache()
            with self.assertQueryCount(2):
                fallbacks = Default._get_field_column_fallbacks(
                    "product.template", "property_stock_inventory"
                )
            self.assertEqual(
                fallbacks,
                original_fallbacks(self.env, "product.template", "property_stock_inventory"),
            )
        companies = self.env.execute_query(SQL("SELECT count(*) FROM res_company"))[0][0]
        self.assertGreaterEqual(companies, 33)


@tagged("post_install", "-at_install")
class TestInterCompanyLocations(TransactionCase):
    NAMES = ("property_stock_customer", "property_stock_supplier")

    def _columns(self, partners):
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """SELECT id, property_stock_customer, property_stock_supplier
                     FROM res_partner WHERE id = ANY(%s) ORDER BY id""",
                partners.ids,
            )
        )

    def _forget(self, partners, keys):
        """The partners' columns without these companies' values."""
        for name in self.NAMES:
            self.env.execute_query(
                SQL(
                    "UPDATE res_partner SET %s = %s - %s::text[] WHERE id = ANY(%s)",
                    SQL.identifier(name),
                    SQL.identifier(name),
                    keys,
                    partners.ids,
                )
            )
        partners.invalidate_recordset()

    def _create_counting_writes(self):
        Partner = type(self.env["res.partner"])
        writes, partner_write = [], Partner.write

        def write(records, vals):
            writes.append(records.ids)
            return partner_write(records, vals)

        with patch.object(Partner, "write", write):
            company = self.env["res.company"].create({"name": "Inter-company locations"})
        return company, writes

    def test_same_values_as_stock(self):
        """Every partner gets the inter-company location in every company, as stock's
        writes (one per company) give it."""
        self.env.user.groups_id |= self.env.ref("base.group_multi_company")
        company, writes = self._create_counting_writes()
        others = self.env["res.company"].search([("id", "!=", company.id)])
        partners = others.partner_id | company.partner_id
        ours = self._columns(partners)
        location = self.env.ref("stock.stock_location_inter_company")
        self.assertGreaterEqual(len(others), 20)
        self.assertLessEqual({str(id_) for id_ in others.ids}, set(ours[-1][1]))
        self.assertEqual({row[1][str(company.id)] for row in ours[:-1]}, {location.id})
        # Stock writes the new partner once per other company; a few times here.
        self.assertLess(writes.count(company.partner_id.ids), 5, writes)
        # Stock's own writes, from the columns without those values.
        self._forget(company.partner_id, [str(id_) for id_ in others.ids])
        self._forget(others.partner_id, [str(company.id)])
        values = dict.fromkeys(self.NAMES, location.id)
        others.partner_id.with_company(company).write(values)
        for other in others:
            company.partner_id.with_company(other).write(values)
        self.assertEqual(self._columns(partners), ours)
        self.assertEqual(
            company.partner_id.with_company(others[-1]).property_stock_supplier, location
        )
        customer = others[0].partner_id.with_company(company).property_stock_customer
        self.assertEqual(customer, location)
