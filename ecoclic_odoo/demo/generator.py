# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The generated part of the demo: what would be thousands of records in XML (fleets, two
years of purchases, answered assessments and the plans drawn from them), deterministic for
each collectivity.

Plain functions of an environment, not a model: ``demo/ecoclic_collectivities_demo.xml``
calls them through ``ir.module.module._ecoclic_demo_generate``
(``demo/ir_module_module.py``), which imports this module only then, so a database without
demo data never loads it. Everything they create goes through the add-ons' business methods
(submitting an assessment, adding recommendations to the plan, confirming and receiving
orders), as a user would.
"""

import random
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL


def generate_assessments(env):
    """One to three submitted assessments per demo collectivity, spread over the last
    years, answered the way a collectivity of that maturity would (deterministic), and
    a draft in progress for a few of them."""
    survey = env.ref("ecoclic_odoo.survey_maturity_v1")
    companies = demo_companies(env)
    Assessment = env["ecoclic.assessment"]
    Line = env["survey.user_input.line"]
    today = fields.Date.context_today(env.user)
    for index, company in enumerate(companies):
        rng = random.Random(f"ecoclic-demo-{company.name}")
        maturity = 0.15 + 0.65 * rng.random()
        count = 1 + rng.randrange(3)
        progress = 0.04 + 0.08 * rng.random()
        referent = company.user_ids.filtered(
            lambda u: u.has_group("ecoclic_odoo.group_ecoclic_manager")
        )[:1]
        for rank in range(count):
            months_ago = 12 * (count - 1 - rank) + 2 + rng.randrange(5)
            day = today - relativedelta(months=months_ago)
            assessment = Assessment.create(
                {
                    "company_id": company.id,
                    "survey_id": survey.id,
                    "responsible_id": referent.id,
                    "date_start": day,
                }
            )
            level = min(0.95, maturity + rank * progress)
            Line.create(_answers(assessment, level, rng))
            user_input = assessment.user_input_id
            user_input._mark_done()  # survey's last page
            assessment.with_user(referent).action_submit()  # the référent validates
            moment = datetime.combine(day, time(10, 0))
            user_input.write({"start_datetime": moment, "end_datetime": moment})
            assessment.write({"date_submitted": moment})
        if index % 5 == 1:  # a new assessment under way
            draft = Assessment.create(
                {
                    "company_id": company.id,
                    "survey_id": survey.id,
                    "responsible_id": referent.id,
                }
            )
            answers = _answers(draft, min(0.95, maturity + count * progress), rng)
            Line.create(answers[: len(answers) // 2])
            draft.user_input_id.state = "in_progress"  # survey resumes where it stopped


# The demo fleets' mix of devices (category code, weight), and how the demo collectivities
# name them (demo data, in French: module translations are loaded after the demo data, so
# category names are still English).
FLEET_MIX = [
    ("laptop", 30),
    ("desktop", 15),
    ("screen", 30),
    ("smartphone", 12),
    ("tablet", 4),
    ("printer", 5),
    ("server", 2),
    ("network", 2),
]
FLEET_LABELS = {
    "laptop": "Portable",
    "desktop": "Poste fixe",
    "screen": "Écran",
    "smartphone": "Smartphone",
    "tablet": "Tablette",
    "printer": "Imprimante",
    "server": "Serveur",
    "network": "Commutateur",
}

# The demo's IT catalogue: (category, new name, new price, refurbished name, refurbished
# price, index of the refurbisher who sells it).
PURCHASE_CATALOGUE = [
    (
        "laptop",
        "Ordinateur portable 14 pouces",
        980.0,
        "Ordinateur portable 14 pouces reconditionné (grade A)",
        520.0,
        0,
    ),
    ("desktop", "Poste fixe compact", 720.0, "Poste fixe compact reconditionné", 360.0, 1),
    ("screen", "Écran 24 pouces", 170.0, "Écran 24 pouces reconditionné", 75.0, 1),
    ("smartphone", "Smartphone professionnel", 420.0, "Smartphone reconditionné", 230.0, 0),
    ("tablet", "Tablette 10 pouces", 390.0, "Tablette 10 pouces reconditionnée", 210.0, 0),
]

# Why the demo collectivities gave up an action of their plan.
ABANDON_REASONS = [
    "Reporté au prochain mandat faute de budget",
    "Remplacé par une action mutualisée avec l'intercommunalité",
    "Abandonné : le prestataire retenu ne propose pas cette option",
]


def generate_fleets(env):
    """A believable fleet per demo collectivity: about two devices per agent (laptops,
    desktops, screens, phones, printers, a few servers and network devices) bought
    over the last ten years, some refurbished, the older ones reformed: reused,
    donated, sold or recycled. Deterministic."""
    Category = env["ecoclic.equipment.category"]
    categories = {code: Category.search([("code", "=", code)]) for code, _w in FLEET_MIX}
    today = fields.Date.context_today(env.user)
    vals_list = []
    for company in demo_companies(env):
        rng = random.Random(f"ecoclic-fleet-{company.name}")
        size = max(20, min(300, round(company.ecoclic_agent_count * 2)))
        careful = rng.random()  # how far this collectivity keeps and reuses equipment
        vals_list += [
            _device_vals(company, number, categories[_draw_category(rng)], rng, careful, today)
            for number in range(size)
        ]
    env["maintenance.equipment"].with_context(
        lang="fr_FR",
        tracking_disable=True,
        mail_create_nolog=True,
        mail_create_nosubscribe=True,
        mail_notrack=True,
    ).create(vals_list)


def _draw_category(rng):
    """The code of a device's category, drawn from the fleets' mix."""
    return rng.choices([c for c, _w in FLEET_MIX], [w for _c, w in FLEET_MIX])[0]


def _device_vals(company, number, category, rng, careful, today):
    """Values of the device `number` of a demo fleet: bought new or second-hand up to ten
    years ago, still in use or, past its lifespan, reformed (the more `careful` the
    collectivity, the longer it keeps devices and the more it reuses them)."""
    age_days = int(rng.random() ** (1.4 - careful) * 10 * 365)
    acquired = today - relativedelta(days=age_days)
    mode = "new"
    if rng.random() < 0.05 + 0.3 * careful:
        mode = rng.choice(["refurbished", "refurbished", "reused", "donated"])
    lifecycle, scrap = _device_lifecycle(category, rng, careful, age_days, acquired)
    return {
        "name": f"{FLEET_LABELS[category.code]} {number + 1:03d}",
        "company_id": company.id,
        "ecoclic_category_id": category.id,
        "ecoclic_acquisition_mode": mode,
        "ecoclic_acquisition_date": acquired,
        "effective_date": acquired,
        "ecoclic_inventory_number": f"{company.id:03d}-{number + 1:04d}",
        "serial_no": f"DEMO{company.id:03d}{number + 1:05d}",
        "ecoclic_lifecycle": lifecycle,
        "scrap_date": scrap,
        "cost": round(
            category.manufacturing_footprint * 4 * (0.5 if mode != "new" else 1)
            if mode != "donated"
            else 0,
            2,
        ),
    }


def _device_lifecycle(category, rng, careful, age_days, acquired):
    """(lifecycle, decommission date or False) of a demo device of that age: most devices
    past their lifespan are reformed (recycled, or given a second life by a careful
    collectivity), a few others are in stock, in repair or waiting to be reformed."""
    if age_days / 365.25 > category.lifespan * (1 + careful) and rng.random() < 0.7:
        scrap = acquired + relativedelta(
            days=int(min(age_days - 1, category.lifespan * 365 * (0.8 + careful)))
        )
        routes = ["recycled"] * 3 + ["donated", "reused_internal", "sold"] * round(1 + 3 * careful)
        return rng.choice(routes), scrap
    if rng.random() < 0.06:
        return rng.choice(["in_stock", "in_repair", "to_reform"]), False
    return "in_use", False


def generate_purchases(env):
    """Two years of IT purchases per demo collectivity: vendors, new products with their
    refurbished alternatives, confirmed orders whose refurbished share follows each
    collectivity's habits (some above the AGEC minimum, some behind), received, so that
    the equipment bought joins the fleet. The agents of each collectivity are its buyers.
    Deterministic; names in French (demo data)."""
    env = _in_french(env)
    Partner = env["res.partner"]
    vendor = Partner.create({"name": "Bureautique Armor", "is_company": True, "city": "Rennes"})
    refurbishers = Partner.create(
        [
            {"name": "Ateliers du Réemploi", "is_company": True, "city": "Brest"},
            {
                "name": "Recyclerie Numérique de Cornouaille",
                "is_company": True,
                "city": "Quimper",
            },
        ]
    )
    products = _purchase_catalogue(env, vendor, refurbishers)
    paper = _purchase_product(env, "Ramette de papier A4 recyclé", 4.5)
    orders_by_date, strict = _purchase_history(env, products, paper, vendor, refurbishers)
    orders = _create_orders(env, orders_by_date)
    _dismiss_some_alternatives(orders)
    orders.button_confirm()
    strict.ecoclic_require_dismiss_reason = True
    for (day, *_order), order in zip(orders_by_date, orders, strict=True):
        order.date_approve = datetime.combine(day, time(10, 0))
    # Created on the day they were ordered, as a buyer would have: purchase's dashboard
    # measures the time to confirm from the creation (else negative, "-391 days").
    env.flush_all()
    env.cr.execute(
        SQL(
            "UPDATE purchase_order SET create_date = date_order WHERE id IN %s",
            tuple(orders.ids),
        )
    )
    orders.invalidate_recordset(["create_date"])
    _receive_orders(orders, fields.Date.context_today(env.user))


def _purchase_product(env, name, price, category=None, condition=None, seller=None, **vals):
    """A product the demo collectivities buy, with its vendor's price (when `seller`)."""
    if category:
        vals.update(ecoclic_category_id=category.id, ecoclic_condition=condition)
    if seller:
        seller_vals = {
            "partner_id": seller.id,
            "price": price,
            "currency_id": env.ref("base.EUR").id,
            "company_id": False,
        }
        vals["seller_ids"] = [fields.Command.create(seller_vals)]
    return env["product.template"].create(
        {
            "name": name,
            "type": "consu",
            "purchase_ok": True,
            "sale_ok": False,
            "standard_price": price,
            **vals,
        }
    )


def _purchase_catalogue(env, vendor, refurbishers):
    """{category code: (new product, its refurbished alternative, refurbisher index)}."""
    Category = env["ecoclic.equipment.category"]
    products = {}
    for code, new_name, new_price, refurb_name, refurb_price, who in PURCHASE_CATALOGUE:
        category = Category.search([("code", "=", code)], limit=1)
        refurbished = _purchase_product(
            env, refurb_name, refurb_price, category, "refurbished", refurbishers[who]
        )
        new = _purchase_product(
            env,
            new_name,
            new_price,
            category,
            "new",
            vendor,
            ecoclic_alternative_ids=[fields.Command.set(refurbished.ids)],
        )
        products[code] = (new, refurbished, who)
    return products


def _purchase_history(env, products, paper, vendor, refurbishers):
    """The orders of the last two years, as [(day, company, buyer, vendor, [(product,
    quantity)])] in the order they are created, and the collectivities that require a
    reason for dismissing an alternative. The agents of each collectivity become buyers;
    its orders are signed by the first of them, so that none is signed by OdooBot."""
    groups = env.ref("purchase.group_purchase_user") | env.ref("stock.group_stock_user")
    today = fields.Date.context_today(env.user)
    orders_by_date = []
    strict = env["res.company"]
    for company in demo_companies(env):
        rng = random.Random(f"ecoclic-purchases-{company.name}")
        if rng.random() < 0.3:
            strict |= company
        agents = company.user_ids.filtered(
            lambda u: not u.has_group("ecoclic_odoo.group_ecoclic_manager")
        )
        agents.groups_id = [fields.Command.link(group.id) for group in groups]
        buyer = agents.filtered(lambda u, company=company: u.company_id == company).sorted("id")[:1]
        careful = rng.random()  # this collectivity's appetite for refurbished
        agents = max(company.ecoclic_agent_count, 5)
        for months_ago in range(23, 0, -3 - rng.randrange(3)):
            day = today - relativedelta(months=months_ago, days=rng.randrange(20))
            # Habits improve with time for most collectivities.
            trend = careful + (0.25 if months_ago < 12 and careful > 0.3 else 0.0)
            lines = []
            for code in rng.sample(sorted(products), 1 + rng.randrange(3)):
                new, refurbished, who = products[code]
                quantity = max(1, min(10, round(agents / 15 * rng.uniform(0.5, 1.5))))
                if rng.random() < 0.6 * trend:
                    lines.append((refurbished, quantity, refurbishers[who]))
                else:
                    lines.append((new, quantity, vendor))
            if rng.random() < 0.5:
                lines.append((paper, 10 * (1 + rng.randrange(5)), vendor))
            # One order per vendor, vendors in a fixed order (a set's order varies from
            # one run to the next, and the orders' ids with it).
            for partner in sorted({line[2] for line in lines}, key=lambda partner: partner.id):
                ordered = [(product, qty) for product, qty, who in lines if who == partner]
                orders_by_date.append((day, company, buyer, partner, ordered))
    return orders_by_date, strict


def _create_orders(env, orders_by_date):
    """The purchase orders (requests for quotation) of the history, in its order."""
    Order = env["purchase.order"]
    orders = Order
    for day, company, buyer, partner, lines in orders_by_date:
        moment = datetime.combine(day, time(9, 0))
        orders |= Order.with_company(company).create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "user_id": buyer.id,
                "currency_id": env.ref("base.EUR").id,
                "date_order": moment,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": product.product_variant_id.id,
                            "product_qty": quantity,
                            "date_planned": moment,
                        }
                    )
                    for product, quantity in lines
                ],
            }
        )
    return orders


def _dismiss_some_alternatives(orders):
    """Buyers who kept the new product said why (on about 60 % of the lines)."""
    rng = random.Random("ecoclic-purchases-reasons")
    reasons = ["technical", "availability", "availability", "warranty", "contract", "price"]
    for line in orders.order_line.filtered("ecoclic_alternative_id"):
        if rng.random() < 0.6:
            line.write(
                {
                    "ecoclic_dismissed_alternative_id": line.ecoclic_alternative_id.id,
                    "ecoclic_dismiss_reason": rng.choice(reasons),
                }
            )


def _receive_orders(orders, today):
    """Everything ordered more than a month ago was received, a week after the order;
    the equipment bought is dated by its receipt."""
    received = orders.filtered(
        lambda o: o.date_approve.date() < today - relativedelta(months=1)
    ).picking_ids
    for move in received.move_ids:
        move.quantity = move.product_uom_qty
    received.move_ids.picked = True
    received._action_done()
    # The received quantities are recomputed, and their chatter message written, when the
    # environment is flushed: flush this French one, or the next caller's English one does.
    orders.env.flush_all()
    for picking in received:
        picking.date_done = picking.purchase_id.date_approve + relativedelta(days=7)
        equipment = picking.move_ids.purchase_line_id.ecoclic_equipment_ids
        equipment.write(
            {
                "ecoclic_acquisition_date": picking.date_done.date(),
                "effective_date": picking.date_done.date(),
            }
        )


def generate_plans(env):
    """Each demo collectivity turned its latest recommendations into a plan, at a
    believable stage: its first priorities done (with measured indicators), the next ones
    under way (a few late), the rest to plan, and, in a plan of five actions or more, the
    last one given up, with the reason; most held a review a few months ago.
    Deterministic."""
    # The module's French is loaded after its demo data: load it now, so that plan lines
    # copy the French names of the catalogue's actions.
    if env["res.lang"]._lang_get("fr_FR"):
        env["ir.module.module"]._load_module_terms(["ecoclic_odoo"], ["fr_FR"])
    env = _in_french(env)
    today = fields.Date.context_today(env.user)
    for company in demo_companies(env):
        rng = random.Random(f"ecoclic-plan-{company.name}")
        latest = env["ecoclic.assessment"].search(
            [("company_id", "=", company.id), ("state", "=", "submitted")],
            order="date_submitted desc",
            limit=1,
        )
        if not latest:
            continue
        people = company.user_ids.filtered(lambda u: not u.share)
        drive = rng.random()  # how far this collectivity has gone with its plan
        recommendations = latest.recommendation_ids.sorted("rank")[: 4 + rng.randrange(6)]
        lines = recommendations._ecoclic_add_to_plan()
        stages = plan_stages(len(lines), drive)
        for line, stage in zip(lines, stages, strict=True):  # lines in order of priority
            line.write(_plan_line_vals(stage, latest.date_start, people, rng, today))
            _plan_line_indicators(env, line, rng)
        company.ecoclic_review_months = 6
        if rng.random() < 0.7 and lines:
            review = env["ecoclic.plan.review"].create(
                {
                    "company_id": company.id,
                    "date": max(
                        latest.date_start, today - relativedelta(months=2 + rng.randrange(6))
                    ),
                    "participant_ids": [fields.Command.set(people.partner_id.ids)],
                    "decisions": "<p>Point d'étape : priorités confirmées, échéances revues "
                    "pour les actions en retard.</p>",
                }
            )
            review.action_close()


def plan_stages(count, drive):
    """The stages of a demo plan of `count` actions in their order of priority: the first
    done, the next in progress, then some to plan and, from five actions, the last one
    abandoned; there are more done the further the collectivity went (`drive`, 0 to 1).
    Every plan has at least one action done, one in progress and one to plan."""
    abandoned = 1 if count >= 5 else 0
    rest = count - abandoned - 1  # keeps one action at least to plan
    done = max(1, min(rest - 1, round(rest * (0.3 + 0.4 * drive))))
    in_progress = max(1, min(rest - done, round(count * 0.3)))
    to_plan = count - abandoned - done - in_progress
    return (
        ["done"] * done
        + ["in_progress"] * in_progress
        + ["to_plan"] * to_plan
        + ["abandoned"] * abandoned
    )


def _plan_line_vals(stage, start, people, rng, today):
    """Values of a demo plan line at `stage`: an owner, a due date 3 to 17 months after
    the plan started, a budget, and what the stage needs (date done, progress, reason)."""
    due = start + relativedelta(months=3 + rng.randrange(15))
    values = {
        "user_id": rng.choice(people).id if people else False,
        "date_start": start,
        "date_due": due,
        "budget": rng.choice([0, 0, 500, 1500, 4000]),
        "state": stage,
    }
    if stage == "done":
        done_on = min(today, due - relativedelta(days=rng.randrange(40)))
        values["date_done"] = max(done_on, start)
    elif stage == "in_progress":
        values["progress"] = 10 * (1 + rng.randrange(8))
    elif stage == "to_plan":
        values["state"] = rng.choice(["to_plan", "planned"])
    else:
        values["abandon_reason"] = rng.choice(ABANDON_REASONS)
    return values


def generate_reen(env):
    """The REEN deliverables of the bound demo collectivities at a believable stage: the
    work programme and the strategy adopted a few weeks before their legal dates, the
    review of a budget debate already past still being written (late, as the OPSN
    supervision shows it), the next ones to do. Deterministic."""
    env = _in_french(env)
    Obligation = env["ecoclic.reen.obligation"]
    Obligation._ecoclic_ensure(demo_companies(env))
    today = fields.Date.context_today(env.user)
    obligations = Obligation.search([("company_id", "in", demo_companies(env).ids)])
    for obligation in obligations:
        if obligation.kind != "review":
            obligation.write(
                {"state": "done", "date_done": obligation.date_due - relativedelta(days=24)}
            )
        elif obligation.date_due < today:
            obligation.state = "in_progress"


def _plan_line_indicators(env, line, rng):
    """The success indicators of a demo plan line: the figure its axis is measured by
    (purchases, fleet) and, once done, the agents it reached."""
    bound = {
        "achats": ("purchase_refurbished_share", "Part des achats reconditionnés", 25),
        "parc": ("fleet_average_age_ratio", "Âge du parc rapporté à sa durée de vie", 70),
    }
    Indicator = env["ecoclic.plan.indicator"]
    figure = bound.get(line.axis_id.code)
    if figure:
        Indicator.create(
            {"line_id": line.id, "source": figure[0], "name": figure[1], "target": figure[2]}
        )
    if line.state == "done":
        Indicator.create(
            {
                "line_id": line.id,
                "name": "Agents concernés",
                "target": 20,
                "manual_value": 15 + rng.randrange(15),
            }
        )


def _in_french(env):
    """`env` writing French names (demo data: module translations are loaded after it),
    without chatter messages or tracking."""
    return env(
        context=dict(
            env.context,
            lang="fr_FR",
            tracking_disable=True,
            mail_create_nolog=True,
            mail_notrack=True,
        )
    )


def demo_companies(env):
    """The collectivities of the demo data, in a stable order."""
    data = (
        env["ir.model.data"]
        .sudo()
        .search(
            [
                ("module", "=", "ecoclic_odoo"),
                ("model", "=", "res.company"),
            ]
        )
    )
    return env["res.company"].browse(data.mapped("res_id")).sorted("name")


def _answers(assessment, level, rng):
    """Values of the answer lines of an assessment for a collectivity of that level."""
    user_input = assessment.user_input_id
    # Questions answered from the collectivity's data keep that answer.
    chosen = set(user_input.user_input_line_ids.suggested_answer_id.ids)
    answered = user_input.user_input_line_ids.question_id
    lines = []
    for question in user_input.predefined_question_ids.sorted(lambda q: (q.sequence, q.id)):
        if question in answered:
            continue
        triggers = set(question.triggering_answer_ids.ids)
        if triggers and not triggers & chosen:
            continue
        answers = question.suggested_answer_ids.sorted(lambda a: (a.sequence, a.id))
        position = round(level * (len(answers) - 1) + rng.gauss(0, 0.9))
        answer = answers[max(0, min(len(answers) - 1, position))]
        chosen.add(answer.id)
        lines.append(
            {
                "user_input_id": user_input.id,
                "question_id": question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": answer.id,
            }
        )
    return lines
