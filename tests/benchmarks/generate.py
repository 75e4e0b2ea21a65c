"""Synthetic OPSN instance for the scale benchmark, written with batched SQL inserts.

An OPSN supervising N collectivities, each with a fleet (``per_company`` equipment records),
3 submitted assessments with their axis scores, an action plan of 12 lines, follow-up
meetings and two years of purchase orders (a new laptop, a refurbished one and a non-IT line
each month). Everything but a handful of records (the OPSN, its staff, 3 products and one
assessment answered through survey) is inserted set-wise: the ORM creates a company in a time
that grows with the number of companies already there (it rewrites company-dependent values
of every partner), which would make 2 000 collectivities take hours.

Figures are spread deterministically (from ids), so that every segment, grade, status, age,
acquisition mode and lifecycle state occurs.
"""

from odoo import fields
from odoo.tools import SQL

TYPES = (
    ["commune"] * 70
    + ["cc"] * 10
    + ["ca"] * 5
    + ["syndicat"] * 8
    + ["departement"] * 4
    + ["metropole"] * 2
    + ["region"]
)
PLAN_STATES = ["to_define", "to_plan", "planned", "in_progress", "done", "abandoned"]
CATEGORIES = (
    ["laptop"] * 6
    + ["desktop"] * 4
    + ["screen"] * 5
    + ["smartphone"] * 3
    + ["tablet", "printer", "printer", "server", "network", "videoprojector", "other"]
)
PLAN_LINES = 12
ORDER_MONTHS = 24


def _columns(cr, table, exclude):
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s "
            "ORDER BY ordinal_position",
            table,
        )
    )
    return [name for (name,) in cr.fetchall() if name not in exclude]


def _copy_list(prefix, columns):
    return SQL(", ").join(SQL("%s.%s", SQL.identifier(prefix), SQL.identifier(c)) for c in columns)


def _names(columns):
    return SQL(", ").join(SQL.identifier(c) for c in columns)


def _staff(env, opsn, prefix="bench"):
    """The OPSN's two account managers and a viewer (the benchmark acts as the viewer);
    their logins start with `prefix`."""
    Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
    groups = env.ref("ecoclic_odoo_opsn.group_opsn_manager") | env.ref("base.group_user")
    viewer_groups = env.ref("ecoclic_odoo_opsn.group_opsn_viewer") | env.ref("base.group_user")
    managers = Users.create(
        [
            {
                "name": name,
                "login": login,
                "company_id": opsn.id,
                "company_ids": [(6, 0, opsn.ids)],
                "groups_id": [(6, 0, groups.ids)],
                "lang": "fr_FR",
            }
            for name, login in (
                ("Conseillère A (benchmark)", f"{prefix}.conseillere.a"),
                ("Conseiller B (benchmark)", f"{prefix}.conseiller.b"),
            )
        ]
    )
    viewer = Users.create(
        {
            "name": "Lecteur OPSN (benchmark)",
            "login": f"{prefix}.lecteur",
            "company_id": opsn.id,
            "company_ids": [(6, 0, opsn.ids)],
            "groups_id": [(6, 0, viewer_groups.ids)],
            "lang": "fr_FR",
        }
    )
    return managers, viewer


# The company columns the generator sets itself or leaves empty (not copied from the OPSN).
OWN_COLUMNS = {
    "id",
    "name",
    "partner_id",
    "parent_path",
    "ecoclic_is_opsn",
    "ecoclic_opsn_id",
    "ecoclic_is_collectivity",
    "ecoclic_collectivity_type",
    "ecoclic_population",
    "ecoclic_population_band",
    "ecoclic_departement_id",
    "ecoclic_region_id",
    "ecoclic_account_manager_id",
    "ecoclic_followup_months",
    "ecoclic_target_score",
    "ecoclic_siren",
    "ecoclic_insee_code",
    "ecoclic_referent_id",
    "ecoclic_intercommunality_id",
}


def _partners(env, source, names):
    """One partner per name, copied from `source`'s partner; ids in the order of names."""
    cr = env.cr
    partner_cols = _columns(
        cr, "res_partner", {"id", "name", "complete_name", "commercial_partner_id"}
    )
    cr.execute(
        SQL(
            """
        INSERT INTO res_partner (name, complete_name, %(names)s)
        SELECT t.name, t.name, %(copied)s
          FROM res_partner src, unnest(%(list)s::varchar[]) WITH ORDINALITY AS t(name, rank)
         WHERE src.id = %(partner)s
         ORDER BY t.rank
        RETURNING id
        """,
            names=_names(partner_cols),
            copied=_copy_list("src", partner_cols),
            list=list(names),
            partner=source.partner_id.id,
        )
    )
    partner_ids = sorted(row[0] for row in cr.fetchall())
    # The foreign keys' checks keep the plans made when the table was small (a scan of
    # the whole table for each row checked: minutes at 36 000): ANALYZE replans them.
    cr.execute("ANALYZE res_partner")
    cr.execute(
        SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", partner_ids)
    )
    return partner_ids


def insert_collectivities(env, source, values):
    """Collectivities (and their partners) copied from the company `source` by two batched
    inserts: ``values`` is {column: (SQL array type, [a value per collectivity])}, the
    name included; the other columns of OWN_COLUMNS are left empty. Returns the new
    companies in the order of the values."""
    cr = env.cr
    env.flush_all()
    values = dict(values, partner_id=("int[]", _partners(env, source, values["name"][1])))
    own = list(values)
    copied = _columns(cr, "res_company", OWN_COLUMNS | set(own))
    arrays = SQL(", ").join(SQL("%s::%s", values[c][1], SQL(values[c][0])) for c in own)
    cr.execute(
        SQL(
            """
        INSERT INTO res_company (%(own)s, %(names)s)
        SELECT %(own_values)s, %(copied)s
          FROM unnest(%(arrays)s) WITH ORDINALITY AS t(%(own)s, rank)
          JOIN res_company src ON src.id = %(source)s
         ORDER BY t.rank
        RETURNING id
        """,
            own=_names(own),
            own_values=_copy_list("t", own),
            names=_names(copied),
            copied=_copy_list("src", copied),
            arrays=arrays,
            source=source.id,
        )
    )
    company_ids = sorted(row[0] for row in cr.fetchall())
    cr.execute("ANALYZE res_company")
    cr.execute(
        SQL("UPDATE res_company SET parent_path = id || '/' WHERE id = ANY(%s)", company_ids)
    )
    env.invalidate_all()
    companies = env["res.company"].browse(company_ids)
    env.add_to_compute(companies._fields["ecoclic_population_band"], companies)
    companies.flush_recordset()
    return companies


def _collectivities(env, opsn, n, managers):
    departements = env["ecoclic.departement"].search([], order="code")
    types, populations, deps, regions, account_managers = [], [], [], [], []
    for index in range(n):
        kind = TYPES[(index * 37) % len(TYPES)]
        population = {
            "commune": 150 + (index * 7919) % 40_000,
            "departement": 150_000 + (index * 7919) % 1_000_000,
            "region": 1_000_000 + (index * 7919) % 5_000_000,
        }.get(kind, 5_000 + (index * 7919) % 300_000)
        departement = departements[(index * 13) % len(departements)]
        types.append(kind)
        populations.append(population)
        deps.append(departement.id)
        regions.append(departement.region_id.id or None)
        account_managers.append(managers[index % 3].id if index % 3 < 2 else None)
    return insert_collectivities(
        env,
        opsn,
        {
            "name": ("varchar[]", [f"Collectivité de synthèse {g:05d}" for g in range(1, n + 1)]),
            "ecoclic_is_opsn": ("bool[]", [False] * n),
            "ecoclic_opsn_id": ("int[]", [opsn.id] * n),
            "ecoclic_is_collectivity": ("bool[]", [True] * n),
            "ecoclic_collectivity_type": ("varchar[]", types),
            "ecoclic_population": ("int[]", populations),
            "ecoclic_departement_id": ("int[]", deps),
            "ecoclic_region_id": ("int[]", regions),
            "ecoclic_account_manager_id": ("int[]", account_managers),
            "ecoclic_followup_months": ("int[]", [6] * n),
            "ecoclic_target_score": ("int[]", [70] * n),
        },
    )


def _assessments(env, opsn, survey):
    """3 submitted assessments a year apart, scores rising, the latest 0 to 400 days old."""
    env.cr.execute(
        SQL(
            """
        INSERT INTO ecoclic_assessment (company_id, survey_id, state, overall_score, grade,
                                        target_score, date_start, date_submitted, level2,
                                        segment_collectivity_type, segment_population_band,
                                        segment_departement_id, segment_region_id,
                                        segment_intercommunality_id,
                                        create_uid, write_uid, create_date, write_date)
        SELECT c.id, %(survey)s, 'submitted', s.score,
               CASE WHEN s.score >= 99 THEN 'A' WHEN s.score >= 80 THEN 'B'
                    WHEN s.score >= 60 THEN 'C' WHEN s.score >= 40 THEN 'D' ELSE 'E' END,
               70, (s.ts - interval '30 days')::date, s.ts, FALSE,
               c.ecoclic_collectivity_type, c.ecoclic_population_band,
               c.ecoclic_departement_id, c.ecoclic_region_id, c.ecoclic_intercommunality_id,
               1, 1, now(), now()
          FROM res_company c, generate_series(0, 2) y,
       LATERAL (SELECT LEAST(100, mod(abs(hashtext(c.id::text)), 80) + (2 - y) * 8) AS score,
                       (now() - make_interval(days => y * 365 + mod(c.id, 400)))::timestamp
                           AS ts) s
         WHERE c.ecoclic_opsn_id = ANY(%(opsn)s)
        """,
            survey=survey.id,
            opsn=opsn.ids,
        )
    )
    env.cr.execute(
        SQL(
            """
        INSERT INTO ecoclic_assessment_axis (assessment_id, company_id, axis_id, axis_sequence,
                                             score, target_score, gap, grade, date_submitted)
        SELECT a.id, a.company_id, ax.id, ax.sequence, s.score, 70, 70 - s.score,
               CASE WHEN s.score >= 99 THEN 'A' WHEN s.score >= 80 THEN 'B'
                    WHEN s.score >= 60 THEN 'C' WHEN s.score >= 40 THEN 'D' ELSE 'E' END,
               a.date_submitted
          FROM ecoclic_assessment a JOIN res_company c ON c.id = a.company_id
         CROSS JOIN ecoclic_axis ax,
       LATERAL (SELECT mod(abs(hashtext(a.id::text || '-' || ax.id)), 101) AS score) s
         WHERE c.ecoclic_opsn_id = ANY(%(opsn)s)
        """,
            opsn=opsn.ids,
        )
    )


def _plans_and_followups(env, opsn):
    # Due dates spread over -150..+249 days: with the statuses' cycle of 6, every
    # collectivity has at least two open lines overdue whatever its id (checked over the
    # whole period of 1 200 ids), so the dashboard's overdue counts are never all 0.
    env.cr.execute(
        SQL(
            """
        WITH actions AS (
            SELECT id, axis_id, name->>'en_US' AS name,
                   row_number() OVER (ORDER BY id) - 1 AS rank,
                   count(*) OVER () AS total
              FROM ecoclic_action WHERE company_id IS NULL
        )
        INSERT INTO ecoclic_plan_line (company_id, action_id, axis_id, name, state, progress,
                                       date_start, date_due, date_done, abandon_reason,
                                       create_uid, write_uid, create_date, write_date)
        SELECT c.id, a.id, a.axis_id, a.name, st.state,
               CASE st.state WHEN 'done' THEN 100 WHEN 'in_progress' THEN mod(c.id * k, 90)
                             ELSE 0 END,
               CURRENT_DATE - 200, CURRENT_DATE + (mod(c.id + 37 * k, 400) - 150),
               CASE WHEN st.state = 'done' THEN CURRENT_DATE - 10 END,
               CASE WHEN st.state = 'abandoned' THEN 'Benchmark' END,
               1, 1, now(), now()
          FROM res_company c, generate_series(1, %(lines)s) k, actions a,
       LATERAL (SELECT (%(states)s::varchar[])[1 + mod(c.id + k, 6)] AS state) st
         WHERE c.ecoclic_opsn_id = ANY(%(opsn)s) AND a.rank = mod(c.id * 3 + k * 7, a.total)
        """,
            lines=PLAN_LINES,
            states=PLAN_STATES,
            opsn=opsn.ids,
        )
    )
    env.cr.execute(
        SQL(
            """
        INSERT INTO ecoclic_opsn_followup (company_id, opsn_id, name, date, state,
                                           create_uid, write_uid, create_date, write_date)
        SELECT c.id, c.ecoclic_opsn_id, 'Point de suivi', CURRENT_DATE - (30 + mod(c.id, 300)),
               'done', 1, 1, now(), now()
          FROM res_company c WHERE c.ecoclic_opsn_id = ANY(%(opsn)s)
         UNION ALL
        SELECT c.id, c.ecoclic_opsn_id, 'Point de suivi', CURRENT_DATE + (mod(c.id, 120) - 30),
               'planned', 1, 1, now(), now()
          FROM res_company c WHERE c.ecoclic_opsn_id = ANY(%(opsn)s) AND mod(c.id, 3) = 0
        """,
            opsn=opsn.ids,
        )
    )


def _purchases(env, opsn):
    """A purchase order a month for two years: a new laptop, a refurbished one, a chair."""
    laptop = env.ref("ecoclic_odoo.equipment_category_laptop")
    Product = env["product.product"]
    vendor = env["res.partner"].create({"name": "Fournisseur (benchmark)", "is_company": True})
    products = Product.create(
        [
            {
                "name": "Ordinateur portable neuf (benchmark)",
                "type": "consu",
                "ecoclic_category_id": laptop.id,
                "ecoclic_condition": "new",
                "standard_price": 900,
            },
            {
                "name": "Ordinateur portable reconditionné (benchmark)",
                "type": "consu",
                "ecoclic_category_id": laptop.id,
                "ecoclic_condition": "refurbished",
                "standard_price": 450,
            },
            {"name": "Fauteuil de bureau (benchmark)", "type": "consu", "standard_price": 300},
        ]
    )
    picking_type = env["stock.picking.type"].search([("code", "=", "incoming")], limit=1)
    unit = env.ref("uom.product_uom_unit")
    env.flush_all()
    env.cr.execute(
        SQL(
            """
        INSERT INTO purchase_order (name, partner_id, currency_id, company_id, date_order,
                                    date_approve, date_planned, picking_type_id, state,
                                    currency_rate, invoice_status, receipt_status, priority,
                                    create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || c.id || '/' || m, %(vendor)s, c.currency_id, c.id, t.ts, t.ts, t.ts,
               %(picking_type)s, 'purchase', 1.0, 'no', 'pending', '0',
               1, 1, now(), now()
          FROM res_company c, generate_series(0, %(months)s - 1) m,
       LATERAL (SELECT (now() - make_interval(months => m, days => mod(c.id, 28)))::timestamp
                           AS ts) t
         WHERE c.ecoclic_opsn_id = ANY(%(opsn)s)
        """,
            vendor=vendor.id,
            picking_type=picking_type.id,
            months=ORDER_MONTHS,
            opsn=opsn.ids,
        )
    )
    env.cr.execute("ANALYZE purchase_order")
    env.cr.execute(
        SQL(
            """
        INSERT INTO purchase_order_line (order_id, name, product_id, product_qty,
                                         product_uom_qty, product_uom, price_unit,
                                         price_subtotal, price_total, price_tax, discount,
                                         company_id, currency_id, partner_id, date_planned,
                                         state, ecoclic_category_id, ecoclic_condition,
                                         qty_received, qty_invoiced, qty_to_invoice,
                                         qty_received_method, sequence,
                                         create_uid, write_uid, create_date, write_date)
        SELECT po.id, p.name, p.id, q.qty, q.qty, %(unit)s, p.price, q.qty * p.price,
               q.qty * p.price, 0, 0, po.company_id, po.currency_id, po.partner_id,
               po.date_order, 'purchase', p.category, p.condition, 0, 0, 0, 'stock_moves',
               10, 1, 1, now(), now()
          FROM purchase_order po
          JOIN res_company c ON c.id = po.company_id
         CROSS JOIN unnest(%(products)s::int[], %(names)s::varchar[], %(prices)s::numeric[],
                           %(categories)s::int[], %(conditions)s::varchar[], %(rank)s::int[])
               AS p(id, name, price, category, condition, rank),
       LATERAL (SELECT 1 + mod(po.id + p.rank, 3 + 2 * p.rank) AS qty) q
         WHERE c.ecoclic_opsn_id = ANY(%(opsn)s)
        """,
            unit=unit.id,
            opsn=opsn.ids,
            products=products.ids,
            names=products.mapped("name"),
            prices=products.mapped("standard_price"),
            categories=[p.ecoclic_category_id.id or None for p in products],
            conditions=[p.ecoclic_condition or None for p in products],
            rank=[0, 1, 2],
        )
    )


def insert_equipment(env, rows):
    """Equipment records from ``rows``, an SQL query of (g, company_id): g numbers the
    records from 1 (unique: it makes the serial number) and spreads their figures."""
    categories = [env.ref(f"ecoclic_odoo.equipment_category_{code}").id for code in CATEGORIES]
    env.cr.execute(
        SQL(
            """
        INSERT INTO maintenance_equipment (name, company_id, ecoclic_category_id,
                                           ecoclic_acquisition_mode, ecoclic_acquisition_date,
                                           effective_date, ecoclic_lifecycle, serial_no,
                                           cost, active, create_uid, write_uid, create_date,
                                           write_date)
        SELECT jsonb_build_object('en_US', 'Équipement ' || g), company_id,
               (%(categories)s::int[])[1 + mod(g / 7, %(ncat)s)],
               CASE WHEN mod(g, 100) < 75 THEN 'new' WHEN mod(g, 100) < 88 THEN 'refurbished'
                    WHEN mod(g, 100) < 96 THEN 'reused' ELSE 'donated' END,
               CURRENT_DATE - mod(g::bigint * 7919, 4000)::int,
               CURRENT_DATE - mod(g::bigint * 7919, 4000)::int,
               CASE WHEN mod(g, 50) < 40 THEN 'in_use' WHEN mod(g, 50) < 44 THEN 'in_stock'
                    WHEN mod(g, 50) = 44 THEN 'in_repair' WHEN mod(g, 50) = 45 THEN 'to_reform'
                    WHEN mod(g, 50) = 46 THEN 'reused_internal' WHEN mod(g, 50) = 47 THEN 'donated'
                    WHEN mod(g, 50) = 48 THEN 'sold' ELSE 'recycled' END,
               'SN' || lpad(g::text, 9, '0'), 200 + mod(g, 1500), mod(g, 97) != 0,
               1, 1, now(), now()
          FROM (%(rows)s) r(g, company_id)
        """,
            rows=rows,
            categories=categories,
            ncat=len(categories),
        )
    )


def _equipment(env, opsn, per_company):
    """`per_company` records for each collectivity, spread round-robin."""
    total = per_company * env["res.company"].search_count([("ecoclic_opsn_id", "in", opsn.ids)])
    insert_equipment(
        env,
        SQL(
            """
        WITH ids AS (SELECT array_agg(id ORDER BY id) AS ids FROM res_company
                      WHERE ecoclic_opsn_id = ANY(%(opsn)s))
        SELECT g, ids.ids[1 + mod(g, array_length(ids.ids, 1))]
          FROM ids, generate_series(1, %(total)s) g
        """,
            opsn=opsn.ids,
            total=total,
        ),
    )


def _answered_assessment(env, company):
    """One draft assessment answered through survey: what `scoring` measures."""
    assessment = env["ecoclic.assessment"].create({"company_id": company.id})
    user_input = assessment.sudo().user_input_id
    lines = []
    for index, question in enumerate(user_input.predefined_question_ids):
        answers = question.suggested_answer_ids
        if not answers:
            continue
        lines.append(
            {
                "user_input_id": user_input.id,
                "question_id": question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": answers[(index * 5) % len(answers)].id,
            }
        )
    env["survey.user_input.line"].sudo().create(lines)
    return assessment


def generate(env, n, per_company):
    """Write the synthetic instance; returns {key: record id} of what the measures use."""
    Company = env["res.company"].with_context(tracking_disable=True)
    opsn = Company.create(
        {
            "name": "OPSN de synthèse (benchmark)",
            "ecoclic_is_opsn": True,
            "ecoclic_collectivity_type": False,
        }
    )
    managers, viewer = _staff(env, opsn)
    companies = _collectivities(env, opsn, n, managers)
    survey = env.ref("ecoclic_odoo.survey_maturity_v1")
    _assessments(env, opsn, survey)
    _plans_and_followups(env, opsn)
    _purchases(env, opsn)
    _equipment(env, opsn, per_company)
    env.invalidate_all()
    scored = _answered_assessment(env, companies[0])
    referent = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Référente (benchmark)",
                "login": "bench.referente",
                "company_id": companies[3].id,
                "company_ids": [(6, 0, companies[3].ids)],
                "groups_id": [
                    (
                        6,
                        0,
                        (
                            env.ref("ecoclic_odoo.group_ecoclic_manager")
                            | env.ref("base.group_user")
                        ).ids,
                    )
                ],
                "lang": "fr_FR",
            }
        )
    )
    env.flush_all()
    env.cr.execute("ANALYZE")
    return {
        "opsn": opsn.id,
        "viewer": viewer.id,
        "assessment": scored.id,
        "peer_assessment": env["ecoclic.assessment"]
        .search(
            [("company_id", "=", companies[1].id), ("state", "=", "submitted")],
            order="date_submitted desc",
            limit=1,
        )
        .id,
        "agec_company": companies[2].id,
        "import_company": companies[3].id,
        "referent": referent.id,
        "date": fields.Date.to_string(fields.Date.today()),
    }
