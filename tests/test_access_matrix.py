"""The README's access matrix is the one the database enforces.

For each demo persona and each model of the add-ons (and the core models they protect),
the letters R, W, C, D say which operations the persona's access rights
(ir.model.access) allow; the last column names the record rules that narrow them. The
test rebuilds the table from the installed database and compares it with README.md; run
it with ECOCLIC_UPDATE_MATRIX=1 to rewrite the README's table after a deliberate change.

"""

import os

from conftest import ROOT

PERSONAS = (
    ("Référent", "referent.morvan"),
    ("Agent, buyer", "agent.morvan"),
    ("OPSN viewer", "opsn.conseiller"),
    ("OPSN manager", "opsn.manager"),
    ("Administrator", "admin"),
    ("Référent outside any OPSN", "referent.ca_emeraude"),
)
# Core models whose records the add-ons protect or extend.
CORE_MODELS = (
    "res.company",
    "maintenance.equipment",
    "purchase.order",
    "purchase.order.line",
    "survey.survey",
    "survey.user_input",
    "survey.user_input.line",
)
MODES = (("read", "R"), ("write", "W"), ("create", "C"), ("unlink", "D"))
START, END = "<!-- access-matrix:start -->", "<!-- access-matrix:end -->"


def build_matrix(env):
    models = env["ir.model"].search(
        ["|", ("model", "in", list(CORE_MODELS)), ("model", "=like", "ecoclic.%")],
        order="model",
    )
    users = []
    for label, login in PERSONAS:
        user = env["res.users"].search([("login", "=", login)])
        assert user, f"demo persona {login} is missing"
        users.append((label, user))
    Access = env["ir.model.access"]
    # Our rules (core's own multi-company rules still apply to the core models).
    rules = env["ir.rule"].search([("model_id", "in", models.ids)])
    ours = {
        rule_id
        for rule_id, xmlid in rules.get_external_id().items()
        if xmlid.startswith("ecoclic_odoo")
    }
    lines = [
        "| model | "
        + " | ".join(label for label, _user in users)
        + " | record rules |",
        "| --- |" + " --- |" * (len(users) + 1),
    ]
    for model in models:
        if model.model not in env or env[model.model]._abstract:
            continue
        cells = []
        for _label, user in users:
            granted = "".join(
                letter
                for mode, letter in MODES
                if Access.with_user(user).check(
                    model.model, mode, raise_exception=False
                )
            )
            cells.append(granted or "–")
        names = sorted(
            f"{rule.name}"
            + (
                f" ({', '.join(sorted(rule.groups.mapped('full_name')))})"
                if rule.groups
                else ""
            )
            for rule in rules
            if rule.model_id == model and rule.id in ours
        )
        lines.append(
            f"| `{model.model}` | "
            + " | ".join(cells)
            + " | "
            + ("; ".join(names) or "–")
            + " |"
        )
    return "\n".join(lines)


def test_readme_access_matrix_is_current(env):
    env = env(context={"lang": "en_US"})
    table = build_matrix(env)
    readme = ROOT / "README.md"
    text = readme.read_text()
    assert START in text and END in text, "README.md has no access matrix markers"
    head, rest = text.split(START, 1)
    _old, tail = rest.split(END, 1)
    current = f"{START}\n{table}\n{END}"
    if os.environ.get("ECOCLIC_UPDATE_MATRIX"):
        readme.write_text(head + current + tail)
    assert f"{START}{_old}{END}" == current, (
        "README.md's access matrix differs from the database; rerun this test with "
        "ECOCLIC_UPDATE_MATRIX=1 after checking the change is deliberate:\n" + table
    )
