# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A collectivity's own records, as seen from a company that is not a collectivity.

The sobriety records change only in one's own collectivities (record rules); OPSN staff,
whose company is the OPSN, read those of their portfolio. Their screens must not offer
what would fail: no *New*, no editable form. Models call this from ``get_views``.
"""

from lxml import etree


def read_only_outside_collectivity(env, result):
    """Turn off New (and editing forms) in get_views' result when the current company
    is not a collectivity."""
    if env.company.ecoclic_is_collectivity:
        return result
    for view_type, attributes in (
        ("list", ("create",)),
        ("kanban", ("create",)),
        ("form", ("create", "edit")),
    ):
        view = result["views"].get(view_type)
        if view:
            arch = etree.fromstring(view["arch"])
            for attribute in attributes:
                arch.set(attribute, "0")
            view["arch"] = etree.tostring(arch, encoding="unicode")
    return result
