# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reference benchmark: segment aggregates computed elsewhere (an OPSN, a national body).

An instance that holds one collectivity only has no peers of its own; its administrator
imports a CSV of anonymous segment aggregates, used where the instance's own groups are
below the anonymity floor. The file holds aggregates only: no name, no single score.
"""

from odoo import api, fields, models

from . import peers
from .peers import PEER_FLOOR
from .res_company import COLLECTIVITY_TYPES, POPULATION_BAND_LABELS

SEGMENT_KINDS = [
    ("type_band", "Same type and population band"),
    ("departement", "Same department"),
    ("region", "Same region"),
    ("all", "All collectivities"),
]
CSV_COLUMNS = [
    "segment",
    "collectivity_type",
    "population_band",
    "departement",
    "region",
    "axis",
    "count",
    "q1",
    "median",
    "q3",
]


class EcoclicBenchmark(models.Model):
    """One imported aggregate: a segment, an axis (or overall), its quartiles."""

    _name = "ecoclic.benchmark"
    _description = "Reference benchmark aggregate"
    _order = "segment, collectivity_type, population_band, departement_id, region_id, axis_id"

    segment = fields.Selection(SEGMENT_KINDS, required=True)
    collectivity_type = fields.Selection(COLLECTIVITY_TYPES, string="Collectivity type")
    population_band = fields.Selection(POPULATION_BAND_LABELS, string="Population band")
    departement_id = fields.Many2one("ecoclic.departement", string="Department")
    region_id = fields.Many2one("ecoclic.region")
    axis_id = fields.Many2one("ecoclic.axis", help="Empty for the overall score.")
    count = fields.Integer(string="Collectivities", required=True)
    # Empty below QUARTILE_FLOOR collectivities (the median alone is shown there).
    q1 = fields.Integer(string="1st quartile")
    median = fields.Integer(required=True)
    q3 = fields.Integer(string="3rd quartile")
    source = fields.Char(help="Where the file came from, as given at import.")

    @api.model
    def _ecoclic_lookup(self, segment):
        """{group: {"overall": stats, "axes": {axis id: stats}}} for a collectivity placed
        in `segment` (as `ecoclic.assessment._ecoclic_peer_segment` gives it), the figures
        held to the same disclosure rule as the instance's own (`peers.publish`)."""
        keys = {
            "type_band": [
                ("collectivity_type", "=", segment["type"]),
                ("population_band", "=", segment["band"]),
            ],
            "departement": [("departement_id", "=", segment["departement"])],
            "region": [("region_id", "=", segment["region"])],
            "all": [],
        }
        found = {}
        rows = self.sudo().search_fetch(
            [("count", ">=", PEER_FLOOR)],
            [
                "segment",
                "collectivity_type",
                "population_band",
                "departement_id",
                "region_id",
                "axis_id",
                "count",
                "q1",
                "median",
                "q3",
            ],
        )
        for row in rows:
            if not row.filtered_domain(keys[row.segment]):
                continue
            # q1 and q3 are stored (and required) only from QUARTILE_FLOOR collectivities,
            # where publish() uses them.
            stats = peers.publish(row.count, row.q1, row.median, row.q3)
            group = found.setdefault(row.segment, {"overall": {}, "axes": {}})
            if row.axis_id:
                group["axes"][row.axis_id.id] = stats
            else:
                group["overall"] = stats
        return found
