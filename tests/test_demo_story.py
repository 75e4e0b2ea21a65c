"""The demo data tells the story the README promises (test databases have demo data)."""

from conftest import ROOT

DEMO_XML = ROOT / "ecoclic_odoo" / "demo" / "ecoclic_collectivities_demo.xml"
SAMPLES = ROOT / "ecoclic_odoo" / "demo" / "samples"


def _demo_companies(env):
    from odoo.addons.ecoclic_odoo.demo.generator import demo_companies

    return demo_companies(env)


def _sample_imports():
    """The imports of sample exports in the demo data: (file name, company XML id,
    référent XML id, XML id of the category given for the file, or None)."""
    from lxml import etree

    imports = []
    for record in etree.parse(str(DEMO_XML)).iterfind("record[@model='ecoclic.fleet.import']"):
        field = {f.get("name"): f for f in record.iterfind("field")}
        category = field.get("default_category_id")
        imports.append(
            (
                field["filename"].text,
                field["company_id"].get("ref"),
                record.get("uid"),
                category.get("ref") if category is not None else None,
            )
        )
    return imports


def test_one_opsn_supervises_a_varied_portfolio(env):
    opsn = env.ref("ecoclic_odoo_opsn.company_opsn")
    portfolio = opsn.ecoclic_supervised_ids
    assert opsn.ecoclic_is_opsn
    assert len(portfolio) >= 12
    assert len(set(portfolio.mapped("ecoclic_collectivity_type"))) >= 3
    assert {"commune", "cc"} <= set(portfolio.mapped("ecoclic_collectivity_type"))
    assert len(set(portfolio.mapped("ecoclic_population_band"))) >= 5
    outside = env["res.company"].search(
        [("ecoclic_is_collectivity", "=", True), ("ecoclic_opsn_id", "=", False)]
    )
    assert outside, "some collectivities stay outside the portfolio (isolation story)"


def test_every_collectivity_has_french_speaking_users(env):
    user_group = env.ref("ecoclic_odoo.group_ecoclic_user")
    manager_group = env.ref("ecoclic_odoo.group_ecoclic_manager")
    collectivities = env["res.company"].search([("ecoclic_is_collectivity", "=", True)])
    demo = collectivities.filtered(lambda c: c.get_external_id()[c.id].startswith("ecoclic_"))
    assert len(demo) >= 12
    for company in demo:
        users = env["res.users"].search([("company_id", "=", company.id)])
        assert users & user_group.users, f"{company.name} has no Éco-clic user"
        assert users & manager_group.users, f"{company.name} has no référent (manager)"
        assert set(users.mapped("lang")) == {"fr_FR"}
        assert users.company_ids == company, "a collectivity user reaches another company"


def test_opsn_staff(env):
    opsn = env.ref("ecoclic_odoo_opsn.company_opsn")
    staff = env["res.users"].search([("company_id", "=", opsn.id)])
    assert staff & env.ref("ecoclic_odoo_opsn.group_opsn_manager").users
    assert staff & env.ref("ecoclic_odoo_opsn.group_opsn_viewer").users
    assert staff.company_ids == opsn


def test_every_demo_collectivity_has_a_history_of_assessments(env):
    Assessment = env["ecoclic.assessment"]
    demo = _demo_companies(env)
    assert len(demo) >= 12
    for company in demo:
        submitted = Assessment.search(
            [("company_id", "=", company.id), ("state", "=", "submitted")]
        )
        assert 1 <= len(submitted) <= 3, company.name
        assert all(a.axis_score_ids for a in submitted), company.name
        dates = submitted.mapped("date_submitted")
        assert len(set(d.year for d in dates)) == len(dates), "spread over the years"
    scores = Assessment.search([("state", "=", "submitted")]).mapped("overall_score")
    assert max(scores) - min(scores) >= 20, "varied profiles"
    assert Assessment.search_count([("state", "=", "draft"), ("company_id", "in", demo.ids)])


def test_every_demo_collectivity_has_a_believable_fleet(env):
    demo = _demo_companies(env)
    indicators = demo._ecoclic_fleet_indicators(2026)
    Equipment = env["maintenance.equipment"]
    for company in demo:
        fleet = Equipment.search([("company_id", "=", company.id)])
        assert 20 <= len(fleet) <= 500, company.name  # tens to hundreds
        assert len(set(fleet.mapped("ecoclic_category_id"))) >= 4, company.name
        assert (
            "refurbished" in fleet.mapped("ecoclic_acquisition_mode")
            or "reused" in fleet.mapped("ecoclic_acquisition_mode")
            or len(fleet) < 40
        )
        assert indicators[company.id]["fleet"] > 0
    everything = Equipment.search([("company_id", "in", demo.ids)])
    states = set(everything.mapped("ecoclic_lifecycle"))
    assert {"in_use", "donated", "recycled", "reused_internal"} <= states
    ages = [e.ecoclic_age for e in everything]
    assert max(ages) > 7 and min(ages) < 1, "mixed ages"


def test_demo_equipment_is_named_in_french(env):
    demo = _demo_companies(env)
    names = (
        env["maintenance.equipment"]
        .with_context(lang="fr_FR")
        .search([("company_id", "in", demo.ids)])
        .mapped("name")
    )
    assert any(name.startswith("Portable ") for name in names)
    assert any(name.startswith("Écran ") for name in names)
    assert not any(name.startswith(("Laptop", "Screen", "Desktop")) for name in names)


def test_every_sample_export_was_imported_into_its_demo_collectivity(env):
    """Each file of ecoclic_odoo/demo/samples/ is imported by the demo, through the wizard,
    into its collectivity: the equipment of its serial numbers is there, as many as the lines
    the import could take (analysing the file again finds nothing new to create)."""
    import base64

    from odoo.addons.ecoclic_odoo.models import fleet_import_parser as parser

    imports = _sample_imports()
    files = {path.name for path in SAMPLES.iterdir() if path.suffix in (".csv", ".xlsx")}
    assert files == {name for name, *_rest in imports}
    for name, company, referent, category in imports:
        company = env.ref(f"ecoclic_odoo.{company}")
        content = (SAMPLES / name).read_bytes()
        headers, rows = parser.read_table(content)
        column = [parser.match_header(header) for header in headers].index("serial")
        serials = {str(cells[column]).strip() for _number, cells in rows if column < len(cells)} - {
            ""
        }
        fleet = env["maintenance.equipment"].search(
            [("company_id", "=", company.id), ("serial_no", "in", sorted(serials))]
        )
        assert len(fleet) >= 10, name
        wizard = (
            env["ecoclic.fleet.import"]
            .with_user(env.ref(f"ecoclic_odoo.{referent}"))
            .create(
                {
                    "file": base64.b64encode(content),
                    "filename": name,
                    "company_id": company.id,
                    "default_category_id": category and env.ref(f"ecoclic_odoo.{category}").id,
                }
            )
        )
        wizard.action_analyse()
        assert wizard.to_create == 0, name
        assert len(fleet) == wizard.to_update, name
    # The messy export: most of its 300 lines, in Saint-Morvan's fleet.
    morvan = env.ref("ecoclic_odoo.company_morvan")
    assert (
        env["maintenance.equipment"].search_count(
            [
                ("company_id", "=", morvan.id),
                ("ecoclic_inventory_number", "=like", "SMV-%"),
            ]
        )
        >= 285
    )
    quimperle = env.ref("ecoclic_odoo.company_quimperle")
    assert (
        env["maintenance.equipment"]
        .search(
            [
                ("company_id", "=", quimperle.id),
                ("ecoclic_inventory_number", "=", "INV-2001"),
            ]
        )
        .model
        == "Lenovo ThinkPad T14"
    )


def test_every_demo_collectivity_buys_it_with_its_own_agec_trajectory(env):
    from datetime import date

    demo = _demo_companies(env)
    today = date.today()
    last_year = demo._ecoclic_agec_figures(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    this_year = demo._ecoclic_agec_figures(date(today.year, 1, 1), date(today.year, 12, 31))
    for company in demo:
        assert last_year[company.id]["spend"] or this_year[company.id]["spend"], company.name
    behind = [c for c in demo if this_year.get(c.id, {}).get("behind")]
    on_track = [c for c in demo if c.id in this_year and not this_year[c.id]["behind"]]
    assert len(behind) >= 3 and len(on_track) >= 3, "some on track, some behind"
    lines = env["purchase.order.line"].search([("company_id", "in", demo.ids)])
    assert set(lines.mapped("ecoclic_condition")) >= {"new", "refurbished"}
    assert lines.filtered("ecoclic_dismiss_reason"), "declined alternatives, with reasons"
    bought = env["maintenance.equipment"].search([("ecoclic_purchase_line_id", "in", lines.ids)])
    assert bought and bought.company_id <= demo
    assert all(e.company_id == e.ecoclic_purchase_line_id.company_id for e in bought[:200])
    products = env["product.template"].search([("ecoclic_alternative_ids", "!=", False)])
    assert len(products) >= 5


def test_demo_assessments_are_pre_answered_from_the_data(env):
    demo = _demo_companies(env)
    prefills = env["ecoclic.assessment.prefill"].search([("company_id", "in", demo.ids)])
    assert len(set(prefills.mapped("indicator"))) == 5
    assert set(prefills.company_id.ids) == set(demo.ids)


def test_every_demo_collectivity_follows_an_action_plan(env):
    demo = _demo_companies(env)
    lines = env["ecoclic.plan.line"].search([("company_id", "in", demo.ids)])
    assert set(lines.company_id.ids) == set(demo.ids)
    assert {"done", "in_progress"} <= set(lines.mapped("state"))
    assert lines.filtered("overdue"), "some actions are late"
    assert lines.indicator_ids.filtered(lambda i: i.source != "manual")
    reviews = env["ecoclic.plan.review"].search([("company_id", "in", demo.ids)])
    assert reviews and set(reviews.mapped("state")) == {"done"}
    assert all(r.line_count for r in reviews)


def test_each_demo_plan_is_at_a_believable_stage(env):
    """Not every action "in progress": each plan has actions done, in progress and to plan,
    and, from five actions, one given up with its reason (Saint-Morvan's nine, say)."""
    from odoo.addons.ecoclic_odoo.demo.generator import plan_stages

    lines = env["ecoclic.plan.line"].search([("company_id", "in", _demo_companies(env).ids)])
    for company in lines.company_id:
        plan = lines.filtered(lambda line, company=company: line.company_id == company)
        states = plan.mapped("state")
        assert {"done", "in_progress"} <= set(states), company.name
        assert {"to_plan", "planned"} & set(states), company.name
        assert states.count("in_progress") <= len(states) / 2, company.name
        abandoned = plan.filtered(lambda line: line.state == "abandoned")
        assert len(abandoned) == (1 if len(plan) >= 5 else 0), company.name
        assert all(line.abandon_reason for line in abandoned), company.name
        assert all(line.date_done for line in plan if line.state == "done"), company.name
    morvan = lines.filtered(lambda line: line.company_id.name == "Commune de Saint-Morvan")
    assert morvan.filtered(lambda line: line.state == "abandoned").abandon_reason
    # The stages follow the priorities and the collectivity's drive, the same every time.
    assert plan_stages(9, 0.35) == ["done"] * 3 + ["in_progress"] * 3 + ["to_plan"] * 2 + [
        "abandoned"
    ]
    assert plan_stages(4, 0.0) == ["done", "in_progress", "to_plan", "to_plan"]


def test_demo_purchase_chatter_reads_french(env):
    """The demo orders' messages were written in French (the receipts' quantity updates
    are rendered from purchase's template when the demo is generated)."""
    orders = env["purchase.order"].search([("company_id", "in", _demo_companies(env).ids)])
    bodies = (
        env["mail.message"]
        .search([("model", "=", "purchase.order"), ("res_id", "in", orders.ids)])
        .mapped("body")
    )
    assert any("La quantité reçue a été mise à jour" in body for body in bodies)
    assert not [body for body in bodies if "received quantity has been updated" in body]
    assert any("équipements informatiques ajoutés au parc" in body for body in bodies)
    assert not [body for body in bodies if "(s)" in body]


def test_demo_orders_are_signed_by_the_collectivity_buyers(env):
    """Each demo order has a buyer of its own collectivity (not OdooBot), and purchase's
    dashboard reads a time to confirm that is not negative."""
    orders = env["purchase.order"].search([("company_id", "in", _demo_companies(env).ids)])
    assert orders
    for order in orders:
        assert order.user_id.company_id == order.company_id, order.name
        assert order.user_id.has_group("purchase.group_purchase_user"), order.name
        assert order.create_date <= order.date_approve, order.name


def test_demo_reen_deliverables_are_at_a_believable_stage(env):
    """A bound demo collectivity adopted its programme and strategy before their legal
    dates; a review whose budget debate is past is still being written (the OPSN sees it
    late); the others are to do."""
    Obligation = env["ecoclic.reen.obligation"]
    bound = _demo_companies(env).filtered("ecoclic_reen_concerned")
    assert bound, "the demo has a collectivity bound by loi REEN"
    obligations = Obligation.search([("company_id", "in", bound.ids)])
    assert set(obligations.mapped("kind")) == {"programme", "strategy", "review"}
    for obligation in obligations.filtered(lambda o: o.kind != "review"):
        assert obligation.state == "done"
        assert obligation.date_done < obligation.date_due
    reviews = obligations - obligations.filtered(lambda o: o.kind != "review")
    assert reviews.filtered("is_late"), "a review past its debate is late"
    assert all(r.state == "in_progress" for r in reviews.filtered("is_late"))
    assert all(r.state == "todo" for r in reviews - reviews.filtered("is_late"))
