"""The straightforward way: per-record ORM loops computing the same figures as the add-ons'
set-wise code. Kept here only as the benchmark's reference (for speed and for results); every
function mirrors the definition written in the docstring of its set-wise counterpart.
"""

from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import float_compare

from odoo.addons.ecoclic_odoo.models.ecoclic_plan import OPEN_STATES
from odoo.addons.ecoclic_odoo.models.maintenance_equipment import (
    GONE_STATES,
    annual_manufacturing,
    years_of_use,
)
from odoo.addons.ecoclic_odoo.models.peers import publish_values
from odoo.addons.ecoclic_odoo_opsn.models.ecoclic_opsn_dashboard import ASSESSMENT_MONTHS

SECOND_HAND = ("refurbished", "reused")


# ----------------------------------------------------------------------------------------
# Scoring one assessment
# ----------------------------------------------------------------------------------------
def scores(assessment):
    """{axis id or 0 (overall): (score, weight sum, max sum, answered, in scope)}."""
    env = assessment.env
    user_input = assessment.user_input_id
    Line = env["survey.user_input.line"]
    asked = user_input.predefined_question_ids
    questions = env["survey.question"].search(
        [("survey_id", "=", assessment.survey_id.id), ("is_page", "=", False)]
    )
    memo = {}

    def applies(question):
        if question.id in memo:
            return memo[question.id]
        memo[question.id] = False
        result = question in asked
        if result and question.triggering_answer_ids:
            result = False
            for answer in question.triggering_answer_ids:
                chosen = Line.search(
                    [("user_input_id", "=", user_input.id), ("suggested_answer_id", "=", answer.id)]
                )
                if chosen and applies(answer.question_id):
                    result = True
                    break
        memo[question.id] = result
        return result

    totals = {}
    for question in questions:
        if not applies(question):
            continue
        for key in (question.ecoclic_axis_id.id, 0):
            totals.setdefault(key, [0, 0, 0, 0])[3] += 1
        answer_lines = Line.search(
            [
                ("user_input_id", "=", user_input.id),
                ("question_id", "=", question.id),
                ("skipped", "=", False),
            ]
        )
        suggestions = answer_lines.filtered(lambda line: line.answer_type == "suggestion")
        if not suggestions and (question.ecoclic_scored or not answer_lines):
            continue
        for key in (question.ecoclic_axis_id.id, 0):
            totals[key][2] += 1
            if question.ecoclic_scored:
                totals[key][0] += suggestions[-1:].suggested_answer_id.ecoclic_weight
                totals[key][1] += question.ecoclic_max_weight
    return {
        key: ((100 * w) // m if m else None, w, m, answered, scope)
        for key, (w, m, answered, scope) in totals.items()
    }


def scores_setwise(assessment):
    """The add-on's result in the same shape."""
    result = assessment._ecoclic_results()[assessment.id]
    out = {
        axis_id: (axis.score, axis.weight_sum, axis.max_sum, axis.answered, axis.in_scope)
        for axis_id, axis in result.axes.items()
    }
    overall = result.overall
    out[0] = (
        overall.score,
        overall.weight_sum,
        overall.max_sum,
        overall.answered,
        overall.in_scope,
    )
    return out


def _latest_submitted(company, count=1):
    """The company's last `count` submitted assessments, newest first (one query)."""
    return company.env["ecoclic.assessment"].search(
        [("company_id", "=", company.id), ("state", "=", "submitted")],
        order="date_submitted desc, id desc",
        limit=count,
    )


# ----------------------------------------------------------------------------------------
# Peer aggregates of one collectivity
# ----------------------------------------------------------------------------------------
def _segment(assessment):
    """The profile an assessment is compared by, as `_ecoclic_peer_segment` defines it:
    its own snapshot once submitted, else the latest submitted one's, else the profile."""
    source = (
        assessment if assessment.state == "submitted" else _latest_submitted(assessment.company_id)
    )
    if source:
        return (
            source.segment_collectivity_type,
            source.segment_population_band,
            source.segment_departement_id,
            source.segment_region_id,
            source.segment_intercommunality_id,
        )
    company = assessment.company_id
    return (
        company.ecoclic_collectivity_type,
        company.ecoclic_population_band,
        company.ecoclic_departement_id,
        company.ecoclic_region_id,
        company.ecoclic_intercommunality_id,
    )


def peers(assessment):
    """[{key, count, shown, overall, axes}] for each segment of the collectivity: every
    other collectivity placed by the snapshot of its latest submitted assessment, the
    figures those `peers.publish` lets through."""
    env = assessment.env
    kind, band, departement, region, intercommunality = _segment(assessment)
    tests = {
        "type_band": kind and band and (lambda s: s[0] == kind and s[1] == band),
        "departement": departement and (lambda s: s[2] == departement),
        "region": region and (lambda s: s[3] == region),
        "intercommunality": intercommunality and (lambda s: s[4] == intercommunality),
        "all": lambda s: True,
    }
    others = (
        env["res.company"]
        .with_context(active_test=False)
        .search([("id", "!=", assessment.company_id.id)])
    )
    latest = {}
    for other in others:
        last = _latest_submitted(other)
        if last and last.segment_collectivity_type:
            latest[other] = (last, _segment(last))
    result = []
    for key, test in tests.items():
        if not test:
            continue
        overall, axes = [], {}
        for last, segment in latest.values():
            if not test(segment):
                continue
            overall.append(last.overall_score)
            for line in last.axis_score_ids:
                axes.setdefault(line.axis_id.id, []).append(line.score)
        figures = publish_values(overall)
        result.append(
            {
                "key": key,
                "count": len(overall),
                "shown": bool(figures),
                "overall": figures or {},
                "axes": {
                    axis_id: publish_values(values)
                    for axis_id, values in axes.items()
                    if figures and publish_values(values)
                },
            }
        )
    return result


def peers_setwise(assessment):
    return [
        {key: segment[key] for key in ("key", "count", "shown", "overall", "axes")}
        for segment in assessment._ecoclic_peer_stats()["segments"]
    ]


# ----------------------------------------------------------------------------------------
# AGEC share of one company over a period
# ----------------------------------------------------------------------------------------
def agec_amounts(company, date_from, date_to=None):
    """(spend, second-hand amount, donations) of confirmed IT purchase lines approved in the
    period, net of returns, in company currency, plus donations at their fixed value."""
    env = company.env
    spend = second_hand = donations = 0.0
    lines = env["purchase.order.line"].search([("company_id", "=", company.id)])
    for line in lines:
        order = line.order_id
        if order.state not in ("purchase", "done") or line.display_type or not order.date_approve:
            continue
        day = order.date_approve.date()
        if day < date_from or (date_to and day > date_to):
            continue
        category = line.ecoclic_category_id
        if not category or not category.agec_it:
            continue
        returned = sum(
            move.product_qty
            for move in line.move_ids
            if move.state == "done" and move.location_dest_id.usage == "supplier"
        )
        quantity = line.product_uom_qty
        kept = 1 - min(returned / quantity, 1) if quantity else 0
        amount = line.price_subtotal / (order.currency_rate or 1.0) * kept
        spend += amount
        if (line.ecoclic_condition or "new") in SECOND_HAND:
            second_hand += amount
    gifts = env["maintenance.equipment"].search(
        [("company_id", "=", company.id), ("ecoclic_acquisition_mode", "=", "donated")]
    )
    for equipment in gifts:
        category = equipment.ecoclic_category_id
        day = equipment.ecoclic_acquisition_date or equipment.effective_date
        if not category.agec_it or not day or day < date_from or (date_to and day > date_to):
            continue
        spend += category.agec_donation_value
        second_hand += category.agec_donation_value
        donations += category.agec_donation_value
    return spend, second_hand, donations


def agec(company, date_from, date_to):
    """{spend, second_hand, donations, share, minimum, missing, behind}."""
    spend, second_hand, donations = agec_amounts(company, date_from, date_to)
    minimum = company.env["ecoclic.legal.rate"]._ecoclic_rate("agec_it", date_to.year)
    share = 100.0 * second_hand / spend if spend else 0.0
    return {
        "spend": spend,
        "second_hand": second_hand,
        "donations": donations,
        "share": share,
        "minimum": minimum,
        "missing": max(minimum / 100.0 * spend - second_hand, 0.0),
        "behind": bool(spend) and float_compare(share, minimum, 2) < 0,
    }


# ----------------------------------------------------------------------------------------
# The OPSN dashboard
# ----------------------------------------------------------------------------------------
def _m2o(record):
    return (record.id, record.display_name) if record else False


def dashboard(opsn, today=None):
    """The supervision dashboard's rows for this OPSN, as `search_read` returns them."""
    env = opsn.env
    today = today or fields.Date.context_today(opsn)
    minimum = env["ecoclic.legal.rate"]._ecoclic_rate("agec_it", today.year)
    rows = []
    # In the companies' own order, as the export lists them.
    for company in env["res.company"].search([("ecoclic_opsn_id", "=", opsn.id)]):
        last_two = _latest_submitted(company, 2)
        latest, previous = last_two[:1], last_two[1:2]
        day = latest.date_submitted.date() if latest else None
        plan = env["ecoclic.plan.line"].search([("company_id", "=", company.id)])
        counted = [line for line in plan if line.state != "abandoned"]
        completion = (
            sum(100 if line.state == "done" else line.progress for line in counted) / len(counted)
            if counted
            else None
        )
        overdue = sum(
            1
            for line in plan
            if line.state in OPEN_STATES and line.date_due and line.date_due < today
        )
        spend, second_hand, _donations = agec_amounts(company, date(today.year, 1, 1))
        share = 100 * second_hand / spend if spend > 0 else None
        fleet = fleet_figures(company, today)
        followups = env["ecoclic.opsn.followup"].search([("company_id", "=", company.id)])
        planned = [f.date for f in followups if f.state == "planned"]
        held = [f.date for f in followups if f.state == "done"]
        next_followup = (
            min(planned)
            if planned
            else (
                max(held) + relativedelta(months=company.ecoclic_followup_months)
                if held and company.ecoclic_followup_months
                else None
            )
        )
        assessment_late = day is None or day < today - relativedelta(months=ASSESSMENT_MONTHS)
        followup_late = next_followup is None or next_followup < today
        rows.append(
            {
                "id": company.id,
                "company_id": _m2o(company),
                "opsn_id": _m2o(opsn),
                "manager_id": _m2o(company.ecoclic_account_manager_id),
                "collectivity_type": company.ecoclic_collectivity_type,
                "population_band": company.ecoclic_population_band,
                "departement_id": _m2o(company.ecoclic_departement_id),
                "score": latest.overall_score,
                "grade": latest.grade,
                "score_change": latest.overall_score - previous.overall_score if previous else 0,
                "gap": latest.target_score - latest.overall_score if latest else 0,
                "assessment_date": day or False,
                "assessment_age": (today - day).days if day else 0,
                "plan_completion": completion or 0.0,
                "overdue_actions": overdue,
                "agec_share": share or 0.0,
                "agec_minimum": minimum,
                "agec_behind": share is not None and share < minimum,
                **fleet,
                **reen_and_awareness(company, today),
                "next_followup": next_followup or False,
                "assessment_late": assessment_late,
                "followup_late": followup_late,
                "late": assessment_late or followup_late or overdue > 0,
            }
        )
    return rows


def reen_and_awareness(company, today):
    """The REEN and awareness columns of one collectivity, record by record: its REEN
    deliverables not done by their due date, and the persons who passed every quiz of a
    campaign against its number of agents (at most 100 %, 0 without it)."""
    env = company.env
    obligations = env["ecoclic.reen.obligation"].search([("company_id", "=", company.id)])
    participants = env["ecoclic.awareness.participant"].search(
        [("company_id", "=", company.id), ("state", "!=", "draft")]
    )
    passed = len({p.partner_id.id for p in participants if p.state == "passed"})
    agents = company.ecoclic_agent_count
    return {
        "reen_late_count": sum(
            1 for o in obligations if o.state != "done" and o.date_due and o.date_due < today
        ),
        "staff_trained_share": min(100.0, 100.0 * passed / agents) if agents else 0.0,
    }


def fleet_figures(company, today):
    """The fleet columns of one collectivity on `today`, record by record: average age,
    equipment counted (a category, a date, acquired and not left) and left out (no category
    or no date), and the footprints per year on the three criteria (manufacturing spread
    over the years of use, plus a year of use), from each record's category figures as the
    equipment form takes them (unrounded: the form's fields keep two decimals)."""
    equipment = company.env["maintenance.equipment"].search([("company_id", "=", company.id)])
    figures = equipment.ecoclic_category_id._ecoclic_figures(company)
    ages, unhandled, totals = [], 0, [0.0, 0.0, 0.0]
    for item in equipment:
        start = item.ecoclic_acquisition_date or item.effective_date
        left = item.ecoclic_lifecycle in GONE_STATES and (
            not item.scrap_date or item.scrap_date <= today
        )
        if left or (start and start > today):
            continue
        if not (item.ecoclic_category_id and start):
            unhandled += 1
            continue
        figure = figures[company.id, item.ecoclic_category_id.id]
        age = years_of_use(start, today)
        ages.append(age)
        for index, (embodied, use) in enumerate(
            (
                (figure.manufacturing, figure.use_per_year),
                (figure.embodied_adpe, figure.use_adpe_per_year),
                (figure.embodied_pe, figure.use_pe_per_year),
            )
        ):
            totals[index] += (
                annual_manufacturing(embodied, figure.lifespan, age, False) or 0.0
            ) + use
    return {
        "fleet_age": sum(ages) / len(ages) if ages else 0.0,
        "fleet_count": len(ages),
        "fleet_unhandled": unhandled,
        "fleet_gwp": totals[0],
        "fleet_adpe": totals[1],
        "fleet_pe": totals[2],
    }


def fleet_indicators(companies, today):
    """{company id: {fleet, unhandled, age, footprint, footprint_adpe, footprint_pe}} of
    `_ecoclic_fleet_indicators` on `today`, company by company and record by record."""
    names = {
        "fleet_count": "fleet",
        "fleet_unhandled": "unhandled",
        "fleet_age": "age",
        "fleet_gwp": "footprint",
        "fleet_adpe": "footprint_adpe",
        "fleet_pe": "footprint_pe",
    }
    return {
        company.id: {names[key]: value for key, value in fleet_figures(company, today).items()}
        for company in companies
    }


def axis_scores(opsn):
    """{company id: {axis id: (score, target)}} of the latest submitted assessments."""
    env = opsn.env
    result = {}
    for company in env["res.company"].search([("ecoclic_opsn_id", "=", opsn.id)]):
        latest = _latest_submitted(company)
        for line in latest.axis_score_ids:
            result.setdefault(company.id, {})[line.axis_id.id] = (line.score, line.target_score)
    return result


# ----------------------------------------------------------------------------------------
# The anonymised peer benchmark of an OPSN's portfolio
# ----------------------------------------------------------------------------------------
def _quantile(values, fraction):
    """PostgreSQL's percentile_cont: linear interpolation between the sorted values."""
    position = fraction * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _benchmark_groups(opsn):
    """{(segment, type, band, département, région, axis): [scores]} of the latest
    submitted assessment of each collectivity of the OPSN, one record at a time."""
    groups = {}
    for company in opsn.env["res.company"].search([("ecoclic_opsn_id", "=", opsn.id)]):
        last = _latest_submitted(company)
        kind = last.segment_collectivity_type
        if not kind:
            continue
        band = last.segment_population_band or None
        departement = last.segment_departement_id.code or None
        region = last.segment_region_id.code or None
        scores = [("", last.overall_score)]
        scores += [(line.axis_id.code, line.score) for line in last.axis_score_ids]
        for axis, score in scores:
            for key in (
                ("type_band", kind, band, None, None, axis),
                ("departement", None, None, departement, None, axis),
                ("region", None, None, None, region, axis),
                ("all", None, None, None, None, axis),
            ):
                groups.setdefault(key, []).append(score)
    return groups


def benchmark_csv(opsn):
    """The bytes of `_ecoclic_benchmark_csv`, gathered record by record."""
    import io

    from odoo.addons.ecoclic_odoo.models import peers
    from odoo.addons.ecoclic_odoo.models.ecoclic_benchmark import CSV_COLUMNS
    from odoo.addons.ecoclic_odoo.models.export_files import csv_writer

    rows = []
    for key, scores in _benchmark_groups(opsn).items():
        segment, kind, band, departement, region, axis = key
        if len(scores) < peers.PEER_FLOOR:
            continue
        if segment == "type_band" and not band or segment == "departement" and not departement:
            continue
        if segment == "region" and not region:
            continue
        scores.sort()
        quartiles = [_quantile(scores, f) for f in (0.25, 0.5, 0.75)]
        figures = peers.publish(len(scores), *quartiles)
        rows.append(
            [segment, kind or "", band or "", departement or "", region or "", axis, len(scores)]
            + ["" if figures[k] is None else figures[k] for k in ("q1", "median", "q3")]
        )
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(sorted(rows, key=lambda r: [str(v) for v in r[:6]]))
    return buffer.getvalue().encode("utf-8")
