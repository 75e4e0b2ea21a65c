# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import company_user

TODAY = date(2026, 6, 30)
YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))


class PurchaseCase(TransactionCase):
    """Two collectivities in euros, vendors, a new laptop with two refurbished alternatives
    (the cheaper one sold by another vendor), a new screen without one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, lang="en_US", ecoclic_today=TODAY, tracking_disable=True)
        )
        ref = cls.env.ref
        cls.eur, cls.usd = ref("base.EUR"), ref("base.USD")
        (cls.eur | cls.usd).active = True
        Company = cls.env["res.company"]
        cls.company_a = Company.create(
            {
                "name": "Achats A",
                "currency_id": cls.eur.id,
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 3000,
            }
        )
        cls.company_b = Company.create(
            {
                "name": "Achats B",
                "currency_id": cls.eur.id,
                "ecoclic_collectivity_type": "commune",
                "ecoclic_population": 3100,
            }
        )
        cls.env["res.currency.rate"].create(
            [
                {
                    "name": "2020-01-01",
                    "currency_id": cls.eur.id,
                    "rate": 1.0,
                    "company_id": cls.company_a.id,
                },
                {
                    "name": "2020-01-01",
                    "currency_id": cls.usd.id,
                    "rate": 2.0,
                    "company_id": cls.company_a.id,
                },
            ]
        )
        cls.cat_laptop = ref("ecoclic_odoo.equipment_category_laptop")
        cls.cat_screen = ref("ecoclic_odoo.equipment_category_screen")
        cls.cat_printer = ref("ecoclic_odoo.equipment_category_printer")
        Partner = cls.env["res.partner"]
        cls.vendor = Partner.create({"name": "Informatique Neuve", "is_company": True})
        cls.refurbisher = Partner.create({"name": "Reconditionneur Solidaire", "is_company": True})

        def product(name, category=None, condition="new", offers=(), **extra):
            return cls.env["product.template"].create(
                {
                    "name": name,
                    "type": "consu",
                    "purchase_ok": True,
                    "ecoclic_category_id": category and category.id,
                    "ecoclic_condition": condition,
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": partner.id,
                                "price": price,
                                "company_id": False,
                                "currency_id": cls.eur.id,
                            }
                        )
                        for partner, price in offers
                    ],
                    **extra,
                }
            )

        cls.refurb_cheap = product(
            "Laptop 14 refurbished", cls.cat_laptop, "refurbished", [(cls.refurbisher, 600.0)]
        )
        cls.refurb_vendor = product(
            "Laptop 14 refurbished grade A", cls.cat_laptop, "refurbished", [(cls.vendor, 700.0)]
        )
        cls.laptop = product(
            "Laptop 14",
            cls.cat_laptop,
            "new",
            [(cls.vendor, 1000.0)],
            ecoclic_alternative_ids=[Command.set((cls.refurb_cheap | cls.refurb_vendor).ids)],
        )
        cls.screen = product("Screen 24", cls.cat_screen, "new", [(cls.vendor, 150.0)])
        cls.printer = product("Printer", cls.cat_printer, "new", [(cls.vendor, 400.0)])
        cls.paper = product("Paper", offers=[(cls.vendor, 500.0)])
        cls.buyer_a = company_user(
            cls.env,
            cls.company_a,
            login="buyer_a",
            groups="purchase.group_purchase_user,stock.group_stock_user",
        )
        cls.buyer_b = company_user(
            cls.env,
            cls.company_b,
            login="buyer_b",
            groups="purchase.group_purchase_user,stock.group_stock_user",
        )
        cls.referent_b = company_user(
            cls.env,
            cls.company_b,
            login="purchase_referent_b",
            groups="ecoclic_odoo.group_ecoclic_user",
        )

    @classmethod
    def order(cls, company, lines, partner=None, currency=None, user=None, when=None):
        env = cls.env(user=user) if user else cls.env
        values = {
            "partner_id": (partner or cls.vendor).id,
            "company_id": company.id,
            "currency_id": (currency or company.currency_id).id,
            "order_line": [
                Command.create({"product_id": p.product_variant_id.id, "product_qty": qty, **extra})
                for p, qty, extra in lines
            ],
        }
        if when:
            values["date_order"] = when
        return env["purchase.order"].with_company(company).create(values)

    @staticmethod
    def confirm(order, when):
        order.button_confirm()
        order.date_approve = when
        return order


@tagged("post_install", "-at_install")
class TestPurchaseSuggestion(PurchaseCase):
    def test_the_buyer_meets_the_alternative_on_the_line_and_in_the_banner(self):
        order = self.order(
            self.company_a, [(self.laptop, 3, {}), (self.screen, 2, {})], user=self.buyer_a
        )
        laptop_line, screen_line = order.order_line
        self.assertEqual(laptop_line.price_unit, 1000.0)
        # The cheapest alternative, although another vendor sells it.
        self.assertEqual(laptop_line.ecoclic_alternative_id, self.refurb_cheap)
        self.assertEqual(laptop_line.ecoclic_alternative_unit_price, 600.0)
        self.assertEqual(laptop_line.ecoclic_alternative_price_diff, -1200.0)
        # kept to the kg, as displayed: Boavizta's laptop-pro, 181 kg CO2e each
        self.assertAlmostEqual(laptop_line.ecoclic_alternative_avoided, 3 * 181, delta=0.5)
        self.assertFalse(screen_line.ecoclic_alternative_id)
        self.assertEqual(order.ecoclic_suggestion_count, 1)
        self.assertIn("Laptop 14 refurbished", order.ecoclic_suggestion_html)
        self.assertIn("543", order.ecoclic_suggestion_html)  # kg CO2e avoided: 3 x 181
        # The vendor's own refurbished offer wins once it is the cheaper one.
        self.refurb_vendor.seller_ids.price = 550.0
        laptop_line.invalidate_recordset()
        self.assertEqual(laptop_line.ecoclic_alternative_id, self.refurb_vendor)

    def test_one_click_swap_keeps_quantity_and_analytics(self):
        plan = self.env["account.analytic.plan"].create({"name": "Services"})
        account = self.env["account.analytic.account"].create(
            {"name": "Service jeunesse", "plan_id": plan.id, "company_id": self.company_a.id}
        )
        order = self.order(
            self.company_a,
            [(self.laptop, 4, {"analytic_distribution": {str(account.id): 100}})],
            user=self.buyer_a,
        )
        line = order.order_line
        line.action_ecoclic_swap()
        self.assertEqual(line.product_id, self.refurb_cheap.product_variant_id)
        self.assertEqual(line.product_qty, 4)
        self.assertEqual(line.analytic_distribution, {str(account.id): 100})
        self.assertEqual(line.price_unit, 600.0)
        self.assertEqual(line.ecoclic_condition, "refurbished")
        self.assertEqual(line.ecoclic_swapped_from_id, self.laptop.product_variant_id)
        self.assertIn("Laptop 14 refurbished", line.name)
        self.assertFalse(line.ecoclic_alternative_id, "a refurbished line suggests nothing")
        self.assertEqual(order.amount_untaxed, 2400.0)
        with self.assertRaises(UserError):
            line.action_ecoclic_swap()

    def test_suggestions_never_change_a_confirmed_order(self):
        order = self.order(self.company_a, [(self.laptop, 1, {})])
        order.button_confirm()
        self.assertEqual(order.state, "purchase")
        self.assertFalse(order.order_line.ecoclic_alternative_id)
        self.assertFalse(order.ecoclic_suggestion_count)
        with self.assertRaisesRegex(UserError, "confirmed"):
            order.order_line.action_ecoclic_swap()
        self.assertEqual(order.order_line.product_id, self.laptop.product_variant_id)

    def test_dismissal_reason_is_kept_and_reportable(self):
        order = self.order(self.company_a, [(self.laptop, 2, {})], user=self.buyer_a)
        line = order.order_line
        action = line.action_ecoclic_dismiss()
        self.assertEqual(action["res_model"], "ecoclic.alternative.dismiss")
        Wizard = (
            self.env["ecoclic.alternative.dismiss"]
            .with_user(self.buyer_a)
            .with_context(**action["context"])
        )
        with self.assertRaisesRegex(UserError, "why"):
            Wizard.create({"reason": "other"}).action_apply()
        Wizard.create({"reason": "technical", "note": "Needs a docking station"}).action_apply()
        self.assertEqual(line.ecoclic_dismiss_reason, "technical")
        self.assertEqual(line.ecoclic_dismiss_note, "Needs a docking station")
        self.assertEqual(line.ecoclic_dismissed_alternative_id, self.refurb_cheap)
        self.assertFalse(line.ecoclic_alternative_id)
        self.assertFalse(order.ecoclic_suggestion_count)
        groups = self.env["purchase.order.line"]._read_group(
            [("ecoclic_dismiss_reason", "!=", False), ("company_id", "=", self.company_a.id)],
            ["ecoclic_dismiss_reason"],
            ["__count"],
        )
        self.assertEqual(groups, [("technical", 1)])

    def test_confirmation_can_require_a_reason(self):
        self.company_a.ecoclic_require_dismiss_reason = True
        order = self.order(
            self.company_a, [(self.laptop, 2, {}), (self.screen, 1, {})], user=self.buyer_a
        )
        action = order.action_ecoclic_confirm()
        self.assertEqual(order.state, "draft", "not confirmed without a reason")
        self.assertEqual(action["res_model"], "ecoclic.alternative.dismiss")
        wizard = (
            self.env["ecoclic.alternative.dismiss"]
            .with_user(self.buyer_a)
            .with_context(**action["context"])
            .create({"reason": "contract"})
        )
        self.assertEqual(wizard.line_ids, order.order_line[0])
        wizard.action_apply()
        self.assertEqual(order.state, "purchase")
        # Without the setting, nothing is asked.
        self.company_a.ecoclic_require_dismiss_reason = False
        other = self.order(self.company_a, [(self.laptop, 1, {})])
        self.assertTrue(other.action_ecoclic_confirm())
        self.assertEqual(other.state, "purchase")
        self.assertFalse(other.order_line.ecoclic_dismiss_reason)

    def test_button_confirm_from_code_confirms(self):
        """Code (an import, a server action, another module) that confirms an order gets
        it confirmed: the reason is asked by the form's button only."""
        self.company_a.ecoclic_require_dismiss_reason = True
        order = self.order(self.company_a, [(self.laptop, 2, {})], user=self.buyer_a)
        self.assertTrue(order.order_line.ecoclic_alternative_id)
        self.assertIs(order.button_confirm(), True)
        self.assertEqual(order.state, "purchase")
        self.assertFalse(order.order_line.ecoclic_dismiss_reason)

    def test_form_confirm_button_asks_for_the_reason(self):
        view = self.env.ref("purchase.purchase_order_form")
        arch = self.env["purchase.order"].get_view(view.id, "form")["arch"]
        self.assertIn('name="action_ecoclic_confirm"', arch)
        self.assertNotIn('name="button_confirm"', arch)

    def test_alternatives_must_be_second_hand_it_products(self):
        with self.assertRaises(ValidationError):
            self.laptop.ecoclic_alternative_ids = [Command.link(self.screen.id)]
        with self.assertRaises(ValidationError):
            self.refurb_cheap.ecoclic_alternative_ids = [Command.link(self.refurb_vendor.id)]
        html = self.laptop.with_company(self.company_a).ecoclic_alternative_html
        self.assertIn("Reconditionneur Solidaire", html)
        self.assertIn("181.0", html)

    def test_company_isolation_of_orders_and_suggestions(self):
        order_a = self.order(self.company_a, [(self.laptop, 1, {})], user=self.buyer_a)
        self.assertFalse(
            self.env["purchase.order"].with_user(self.buyer_b).search([("id", "=", order_a.id)])
        )
        with self.assertRaises(AccessError):
            order_a.order_line.with_user(self.buyer_b).action_ecoclic_swap()
        self.assertEqual(order_a.order_line.product_id, self.laptop.product_variant_id)


@tagged("post_install", "-at_install")
class TestAgecShare(PurchaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        in_2026 = datetime(2026, 3, 2, 10, 0)
        # Counted: 20 new laptops (20 000), 2 new screens (300), 1 refurbished laptop (600).
        cls.main = cls.confirm(
            cls.order(
                cls.company_a,
                [
                    (cls.laptop, 20, {}),
                    (cls.screen, 2, {}),
                    (cls.refurb_cheap, 1, {"price_unit": 600}),
                    (cls.paper, 3, {}),  # not IT: left out
                    (cls.printer, 1, {}),  # IT, but outside the AGEC IT & telephony family
                ],
            ),
            in_2026,
        )
        # 2 refurbished laptops at 500 USD = 1 000 USD = 500 EUR at the order's rate (2 USD/EUR).
        cls.dollars = cls.confirm(
            cls.order(
                cls.company_a,
                [(cls.refurb_cheap, 2, {"price_unit": 500.0})],
                currency=cls.usd,
                when=datetime(2026, 3, 5),
            ),
            datetime(2026, 3, 5),
        )
        # 4 refurbished laptops received, 1 returned to the vendor: 3 x 600 counted.
        cls.returned = cls.confirm(
            cls.order(cls.company_a, [(cls.refurb_cheap, 4, {})], partner=cls.refurbisher), in_2026
        )
        receipt = cls.returned.picking_ids
        receipt.move_ids.quantity = 4
        receipt.move_ids.picked = True
        receipt._action_done()
        wizard = Form(
            cls.env["stock.return.picking"].with_context(
                active_ids=receipt.ids, active_id=receipt.id, active_model="stock.picking"
            )
        ).save()
        wizard.product_return_moves.quantity = 1.0
        back = cls.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        back.move_ids.quantity = 1
        back.move_ids.picked = True
        back._action_done()
        # Left out: a cancelled order, a request for quotation, last year, company B.
        cancelled = cls.order(cls.company_a, [(cls.refurb_cheap, 5, {})])
        cancelled.button_confirm()
        cancelled.button_cancel()
        cls.order(cls.company_a, [(cls.refurb_cheap, 7, {})])
        cls.confirm(
            cls.order(cls.company_a, [(cls.refurb_cheap, 9, {})]), datetime(2025, 12, 31, 12, 0)
        )
        cls.confirm(
            cls.order(cls.company_b, [(cls.refurb_cheap, 10, {"price_unit": 600})]), in_2026
        )
        # A laptop donated to A in 2026 counts at its fixed value (250); a printer does not.
        Equipment = cls.env["maintenance.equipment"]
        for category in (cls.cat_laptop, cls.cat_printer):
            Equipment.create(
                {
                    "name": f"Donated {category.code}",
                    "company_id": cls.company_a.id,
                    "ecoclic_category_id": category.id,
                    "ecoclic_acquisition_mode": "donated",
                    "ecoclic_acquisition_date": date(2026, 4, 1),
                    "effective_date": date(2026, 4, 1),
                }
            )

    def test_share_on_hand_computed_orders(self):
        figures = self.company_a._ecoclic_agec_figures(*YEAR_2026)[self.company_a.id]
        second_hand = 600 + 500 + 3 * 600 + 250
        spend = 20 * 1000 + 2 * 150 + second_hand
        self.assertAlmostEqual(figures["spend"], spend, places=2)
        self.assertAlmostEqual(figures["second_hand"], second_hand, places=2)
        self.assertAlmostEqual(figures["donations"], 250, places=2)
        self.assertAlmostEqual(figures["share"], 100.0 * second_hand / spend, places=4)
        self.assertEqual(figures["minimum"], 20.0)  # décret 2024-134, 2024 to 2026
        self.assertAlmostEqual(figures["missing"], 0.2 * spend - second_hand, places=2)
        self.assertTrue(figures["behind"])
        last_year = self.company_a._ecoclic_agec_figures(date(2025, 1, 1), date(2025, 12, 31))
        self.assertAlmostEqual(last_year[self.company_a.id]["spend"], 9 * 600, places=2)
        self.assertEqual(last_year[self.company_a.id]["share"], 100.0)
        self.assertFalse(last_year[self.company_a.id]["behind"])
        # The dashboard fields show the same year.
        company = self.company_a.with_context(ecoclic_today=date(2026, 11, 1))
        self.assertAlmostEqual(company.ecoclic_agec_share, 100.0 * second_hand / spend, places=1)
        self.assertTrue(company.ecoclic_agec_behind)
        self.assertIn("2025", company.ecoclic_agec_history_html)

    def test_minimum_rises_with_the_years(self):
        Rate = self.env["ecoclic.legal.rate"]
        self.assertEqual(
            [Rate._ecoclic_rate("agec_it", y) for y in (2023, 2024, 2026, 2027, 2029, 2030, 2035)],
            [0.0, 20.0, 20.0, 25.0, 25.0, 30.0, 30.0],
        )
        figures = self.company_a._ecoclic_agec_figures(date(2030, 1, 1), date(2030, 12, 31))
        self.assertFalse(figures, "no purchase in 2030")

    def test_report_rows_and_isolation(self):
        Report = self.env["ecoclic.agec.report"]
        rows = Report.search(
            [("company_id", "=", self.company_a.id), ("date", ">=", date(2026, 1, 1))]
        )
        self.assertEqual(
            sorted(rows.mapped("condition")),
            ["donated", "new", "new", "refurbished", "refurbished", "refurbished"],
        )
        returned = rows.filtered(lambda r: r.order_id == self.returned)
        self.assertEqual((returned.quantity, returned.amount), (3.0, 1800.0))
        groups = Report._read_group(
            [("company_id", "=", self.company_a.id), ("date", ">=", date(2026, 1, 1))],
            ["second_hand"],
            ["amount:sum"],
        )
        self.assertEqual(dict(groups), {False: 20300.0, True: 3150.0})
        # Company B's buyer sees B's row only; B's agent without purchase rights, none.
        visible = Report.with_user(self.buyer_b).search([])
        self.assertEqual(visible.company_id, self.company_b)
        self.assertEqual(visible.mapped("amount"), [6000.0])
        with self.assertRaises(AccessError):
            Report.with_user(self.referent_b).search([])

    def test_constant_queries_whatever_the_number_of_lines(self):
        company = self.company_a
        self.env.invalidate_all()
        with self.assertQueryCount(3):  # the figures, the legal minimum (search, read)
            company._ecoclic_agec_figures(*YEAR_2026)
        # 10 000 more confirmed lines, written the way a bulk import would.
        line = self.main.order_line.filtered(
            lambda line: line.product_id == self.screen.product_variant_id
        )
        self.env.cr.execute(
            """
            INSERT INTO purchase_order_line
                   (order_id, company_id, product_id, product_uom, name, product_qty,
                    product_uom_qty, price_unit, price_subtotal, price_total, price_tax,
                    date_planned, currency_id, ecoclic_category_id, ecoclic_condition,
                    qty_received_method, create_uid, write_uid, create_date, write_date)
            SELECT order_id, company_id, product_id, product_uom, name, 1, 1, 10, 10, 10, 0,
                   date_planned, currency_id, ecoclic_category_id,
                   CASE WHEN g %% 4 = 0 THEN 'refurbished' ELSE 'new' END,
                   qty_received_method, create_uid, write_uid, create_date, write_date
              FROM purchase_order_line, generate_series(1, 10000) g
             WHERE id = %s
        """,
            [line.id],
        )
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            figures = company._ecoclic_agec_figures(*YEAR_2026)
        self.assertAlmostEqual(figures[company.id]["spend"], 23450 + 100000, places=2)
        self.assertAlmostEqual(figures[company.id]["second_hand"], 3150 + 25000, places=2)


@tagged("post_install", "-at_install")
class TestEquipmentFromPurchase(PurchaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tracked = cls.env["product.template"].create(
            {
                "name": "Tracked laptop",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "purchase_ok": True,
                "ecoclic_category_id": cls.cat_laptop.id,
                "ecoclic_condition": "refurbished",
                "seller_ids": [
                    Command.create(
                        {
                            "partner_id": cls.refurbisher.id,
                            "price": 600,
                            "company_id": False,
                            "currency_id": cls.eur.id,
                        }
                    )
                ],
            }
        )

    def receive(self, picking, serials):
        move = picking.move_ids
        move.move_line_ids.unlink()
        self.env["stock.move.line"].create(
            [
                {
                    "move_id": move.id,
                    "picking_id": picking.id,
                    "product_id": move.product_id.id,
                    "product_uom_id": move.product_uom.id,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                    "lot_name": serial,
                    "quantity": 1,
                }
                for serial in serials
            ]
        )
        move.picked = True
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            Form(
                self.env["stock.backorder.confirmation"].with_context(**result["context"])
            ).save().process()

    def test_one_item_per_unit_received_without_duplicates(self):
        order = self.confirm(
            self.order(self.company_a, [(self.tracked, 3, {})], partner=self.refurbisher),
            datetime(2026, 5, 4),
        )
        self.assertFalse(order.order_line.ecoclic_equipment_ids, "nothing before the receipt")
        self.receive(order.picking_ids, ["SN-1", "SN-2"])
        equipment = order.order_line.ecoclic_equipment_ids
        self.assertEqual(len(equipment), 2)
        self.assertEqual(sorted(equipment.mapped("serial_no")), ["SN-1", "SN-2"])
        first = equipment[0]
        self.assertEqual(first.ecoclic_category_id, self.cat_laptop)
        self.assertEqual(first.ecoclic_acquisition_mode, "refurbished")
        self.assertEqual(first.cost, 600.0)
        self.assertEqual(first.partner_id, self.refurbisher)
        self.assertEqual(first.company_id, self.company_a)
        self.assertEqual(first.ecoclic_purchase_order_id, order)
        # The backorder brings the third one; validating the receipts again adds nothing.
        backorder = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        self.receive(backorder, ["SN-3"])
        self.assertEqual(len(order.order_line.ecoclic_equipment_ids), 3)
        order.picking_ids.move_ids._action_done()
        order.order_line._ecoclic_create_equipment(
            **order.picking_ids.move_ids._ecoclic_received_units()
        )
        self.assertEqual(len(order.order_line.ecoclic_equipment_ids), 3)
        self.assertEqual(
            sorted(order.order_line.ecoclic_equipment_ids.mapped("serial_no")),
            ["SN-1", "SN-2", "SN-3"],
        )
        self.assertEqual(order.ecoclic_equipment_count, 3)

    def test_on_confirmation_or_not_at_all(self):
        self.company_a.ecoclic_equipment_from_purchase = "confirm"
        order = self.order(self.company_a, [(self.laptop, 2, {}), (self.paper, 5, {})])
        order.button_confirm()
        self.assertEqual(len(order.order_line.ecoclic_equipment_ids), 2)
        self.assertEqual(
            set(order.order_line.ecoclic_equipment_ids.mapped("ecoclic_acquisition_mode")), {"new"}
        )
        order.button_approve()  # approving again never duplicates
        order.order_line._ecoclic_create_equipment()
        self.assertEqual(len(order.order_line.ecoclic_equipment_ids), 2)
        self.company_a.ecoclic_equipment_from_purchase = "none"
        other = self.order(self.company_a, [(self.laptop, 2, {})])
        other.button_confirm()
        other.picking_ids.move_ids.quantity = 2
        other.picking_ids.move_ids.picked = True
        other.picking_ids._action_done()
        self.assertFalse(other.order_line.ecoclic_equipment_ids)

    def test_equipment_stays_with_its_collectivity(self):
        self.company_b.ecoclic_equipment_from_purchase = "confirm"
        order_b = self.order(self.company_b, [(self.laptop, 1, {})])
        order_b.button_confirm()
        equipment = order_b.order_line.ecoclic_equipment_ids
        self.assertEqual(equipment.company_id, self.company_b)
        self.assertEqual(
            equipment.with_user(self.referent_b).read(["name"])[0]["name"], "Laptop 14"
        )
        referent_a = company_user(
            self.env,
            self.company_a,
            login="purchase_referent_a",
            groups="ecoclic_odoo.group_ecoclic_user",
        )
        with self.assertRaises(AccessError):
            equipment.with_user(referent_a).read(["name"])
