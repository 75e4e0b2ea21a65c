# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The guide of good practices of one collectivity, as rows and as a workbook (the PDF is
the QWeb report ``report_ecoclic_guide``, fed by the same rows)."""

import io

from .export_files import new_workbook, write_header, write_text, xlsx_formats


def selection_labels(record, field_name):
    field = record._fields[field_name]
    return dict(field._description_selection(record.env))


def guide_rows(company):
    """[(axis, [row, ...]), ...]: the practices `company` reads in its guide (the shared
    catalogue, its own, those pushed to it), each with where it stands for `company`, as
    the current user. `company` must be one of the user's (``with_company`` checks it)."""
    Action = company.env["ecoclic.action"].with_company(company)
    actions = Action.search([("company_id", "in", [False, company.id])])
    statuses = Action._ecoclic_guide_statuses(company)
    states = selection_labels(Action, "guide_state")
    plan_states = selection_labels(Action, "guide_plan_state")
    priorities = selection_labels(Action, "priority")
    costs = selection_labels(Action, "cost")
    groups = {}
    for action in actions:
        state, line, choice = statuses.get(action.id, ("other", None, None))
        groups.setdefault(action.axis_id, []).append(
            {
                "action": action,
                "code": action.code,
                "name": action.name,
                "priority": priorities.get(action.priority, ""),
                "impact": action.impact,
                "effort": action.effort,
                "cost": costs.get(action.cost, ""),
                "state_key": state,
                "state": states[state],
                "plan_state": plan_states.get(line.state, "") if line else "",
                "note": choice.note if choice else "",
                "description": action.description or "",
                "first_steps": (action.first_steps or "").splitlines(),
                "indicators": (action.indicators or "").splitlines(),
                "resources": (action.resources or "").splitlines(),
            }
        )
    return list(groups.items())


def guide_columns(env):
    """(header, row key, width) of the workbook's columns."""
    return [
        (env._("Axis"), "axis", 18),
        (env._("Code"), "code", 12),
        (env._("Practice"), "name", 45),
        (env._("Level"), "priority", 13),
        (env._("Impact (1 to 5)"), "impact", 9),
        (env._("Effort (1 to 3)"), "effort", 9),
        (env._("Cost"), "cost", 10),
        (env._("For us"), "state", 22),
        (env._("Status in the plan"), "plan_state", 14),
        (env._("What to do"), "description", 60),
        (env._("How to start"), "first_steps", 60),
        (env._("Success indicators"), "indicators", 45),
        (env._("Public resources"), "resources", 45),
    ]


def guide_xlsx(company):
    """The workbook's bytes: one sheet, one row per practice, grouped by axis."""
    env = company.env
    columns = guide_columns(env)
    buffer = io.BytesIO()
    book = new_workbook(buffer, {"in_memory": True})
    fmt = xlsx_formats(book)
    sheet = book.add_worksheet(env._("Guide"))
    title = env._("Good practices: %(company)s", company=company.name)
    write_text(sheet, 0, 0, title, fmt["title"])
    write_header(
        fmt["head"],
        sheet,
        2,
        [header for header, _key, _width in columns],
        [width for _header, _key, width in columns],
    )
    row = 3
    for axis, practices in guide_rows(company):
        for practice in practices:
            values = dict(practice, axis=axis.name)
            for col, (_header, key, _width) in enumerate(columns):
                value = values[key]
                if isinstance(value, int):
                    sheet.write_number(row, col, value)
                else:
                    text = "\n".join(value) if isinstance(value, list) else value
                    write_text(sheet, row, col, text, fmt["wrap"])
            row += 1
    book.close()
    return buffer.getvalue()
