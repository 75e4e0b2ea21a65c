# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Peer figures: the groups an assessment is compared in, frozen when it is submitted,
their aggregates under the disclosure rule of `peers`, and the log of the profile changes
that decide the groups."""
from odoo import api, fields, models
from odoo.tools import SQL

from . import peers
from .res_company import (COLLECTIVITY_TYPES, PEER_PROFILE_FIELDS, POPULATION_BAND_LABELS,
                          SEGMENT_FIELDS)


class EcoclicAssessment(models.Model):
    _inherit = "ecoclic.assessment"

    # The collectivity's profile as it stood when the assessment was submitted: the groups
    # the assessment is compared in, and in which others see its scores.
    segment_collectivity_type = fields.Selection(
        COLLECTIVITY_TYPES, string="Type at submission", compute="_compute_segment",
        store=True, readonly=True, copy=False)
    segment_population_band = fields.Selection(
        POPULATION_BAND_LABELS, string="Population band at submission",
        compute="_compute_segment", store=True, readonly=True, copy=False)
    segment_departement_id = fields.Many2one(
        "ecoclic.departement", string="Department at submission",
        compute="_compute_segment", store=True, readonly=True, copy=False)
    segment_region_id = fields.Many2one(
        "ecoclic.region", string="Region at submission",
        compute="_compute_segment", store=True, readonly=True, copy=False)
    segment_intercommunality_id = fields.Many2one(
        "res.company", string="Intercommunality at submission",
        compute="_compute_segment", store=True, readonly=True, copy=False)

    @api.depends("state")
    def _compute_segment(self):
        """The profile as it stands when the assessment becomes submitted (on install, for
        the demo's assessments, too), then never again: it depends on the state only, and
        a submitted assessment stays submitted. `_ecoclic_freeze` writes the same values."""
        for assessment in self:
            if assessment.state == "submitted":
                assessment.update(assessment.company_id.sudo()._ecoclic_segment_values())
            else:
                assessment.update(dict.fromkeys(SEGMENT_FIELDS, False))

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "submitted":
            # Take the snapshot now, not at the next flush: a profile edited in between
            # must not be what the assessment keeps.
            self.flush_recordset(list(SEGMENT_FIELDS))
        return result

    def _ecoclic_peer_segment(self):
        """{type, band, departement, region, intercommunality} the assessment is compared
        by: its own snapshot once submitted; for a draft, the snapshot of the collectivity's
        latest submitted assessment, or its current profile if it has none."""
        self.ensure_one()
        source = self.sudo()
        if self.state != "submitted":
            source = source.search(
                [("company_id", "=", self.company_id.id), ("state", "=", "submitted")],
                order="date_submitted desc, id desc", limit=1)
        values = ({name: source[name] for name in SEGMENT_FIELDS} if source
                  else self.company_id.sudo()._ecoclic_segment_values())
        values = {name: value.id if isinstance(value, models.BaseModel) else value
                  for name, value in values.items()}
        return {
            "type": values["segment_collectivity_type"],
            "band": values["segment_population_band"],
            "departement": values["segment_departement_id"],
            "region": values["segment_region_id"],
            "intercommunality": values["segment_intercommunality_id"],
        }

    def _ecoclic_peer_stats(self):
        """Quartiles of the latest submitted scores of other collectivities, per group.

        Every collectivity is placed by the profile frozen on its latest submitted
        assessment, and the viewer by `_ecoclic_peer_segment`. One query for every group
        and axis; never a name; the figures are those `peers.publish` lets through (none
        below the floor, the median alone below QUARTILE_FLOOR, rounded below
        PRECISE_FLOOR).
        """
        self.ensure_one()
        mine = self._ecoclic_peer_segment()
        filters = {
            "type_band": mine["type"] and mine["band"] and SQL(
                "x.type = %s AND x.band = %s", mine["type"], mine["band"]),
            "departement": mine["departement"] and SQL(
                "x.departement_id = %s", mine["departement"]),
            "region": mine["region"] and SQL("x.region_id = %s", mine["region"]),
            "intercommunality": mine["intercommunality"] and SQL(
                "x.intercommunality_id = %s", mine["intercommunality"]),
            "all": SQL("TRUE"),
        }
        active = [(key, flt) for key, flt in filters.items() if flt]
        self.env["ecoclic.assessment"].flush_model()
        self.env["ecoclic.assessment.axis"].flush_model()
        aggregates = SQL(", ").join(
            SQL(
                "count(*) FILTER (WHERE %(f)s), "
                "percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x.score) "
                "FILTER (WHERE %(f)s)",
                f=flt,
            )
            for _key, flt in active
        )
        self.env.cr.execute(SQL(
            """
            WITH latest AS (
                SELECT DISTINCT ON (a.company_id) a.id, a.company_id, a.overall_score,
                       a.segment_collectivity_type AS type, a.segment_population_band AS band,
                       a.segment_departement_id AS departement_id,
                       a.segment_region_id AS region_id,
                       a.segment_intercommunality_id AS intercommunality_id
                  FROM ecoclic_assessment a
                 WHERE a.state = 'submitted' AND a.company_id != %(company)s
              ORDER BY a.company_id, a.date_submitted DESC, a.id DESC
            ), x AS (
                SELECT l.type, l.band, l.departement_id, l.region_id, l.intercommunality_id,
                       0 AS axis_id, l.overall_score AS score
                  FROM latest l
                 UNION ALL
                SELECT l.type, l.band, l.departement_id, l.region_id, l.intercommunality_id,
                       s.axis_id, s.score
                  FROM latest l JOIN ecoclic_assessment_axis s ON s.assessment_id = l.id
            )
            SELECT x.axis_id, %(aggregates)s
              FROM x
             WHERE x.type IS NOT NULL
          GROUP BY x.axis_id
            """,
            company=self.company_id.id,
            aggregates=aggregates,
        ))
        labels = dict(self.env["ecoclic.assessment"]._ecoclic_segment_labels())
        segments = {
            key: {"key": key, "label": labels[key], "count": 0, "overall": {}, "axes": {}}
            for key, _flt in active
        }
        for row in self.env.cr.fetchall():
            axis_id, values = row[0], row[1:]
            for index, (key, _flt) in enumerate(active):
                count, quartiles = values[2 * index], values[2 * index + 1]
                if axis_id:
                    # Each axis is held to the rule too (an axis may have fewer scores).
                    stats = peers.publish(count, *(quartiles or (None,) * 3))
                    if stats:
                        segments[key]["axes"][axis_id] = stats
                else:
                    segments[key]["count"] = count
                    segments[key]["overall"] = peers.publish(
                        count, *(quartiles or (None,) * 3)) or {}
        # Below the floor, an imported reference benchmark may stand in for the instance.
        reference = self.env["ecoclic.benchmark"]._ecoclic_lookup(mine)
        result = []
        for segment in segments.values():
            segment["shown"] = bool(segment["overall"])
            segment["reference"] = False
            if not segment["shown"]:  # never hand out figures below the floor
                segment["axes"] = {}
                imported = reference.get(segment["key"])
                if imported and imported["overall"]:
                    segment.update(shown=True, reference=True, count=imported["overall"]["count"],
                                   overall=imported["overall"], axes=imported["axes"])
            result.append(segment)
        return {
            "floor": peers.PEER_FLOOR,
            "quartile_floor": peers.QUARTILE_FLOOR,
            "precise_floor": peers.PRECISE_FLOOR,
            "step": peers.COARSE_STEP,
            "note": self.env._(
                "Each collectivity counts in the groups of its profile as it stood when its "
                "assessment was submitted. Quartiles from %(quartiles)s collectivities; "
                "figures of groups under %(precise)s rounded to %(step)s points.",
                quartiles=peers.QUARTILE_FLOOR, precise=peers.PRECISE_FLOOR,
                step=peers.COARSE_STEP),
            "segments": result,
        }

    @api.model
    def _ecoclic_segment_labels(self):
        """The groups of collectivities a score is compared with, in display order."""
        _ = self.env._
        return [
            ("type_band", _("Same type and population band")),
            ("departement", _("Same department")),
            ("region", _("Same region")),
            ("intercommunality", _("Same intercommunality")),
            ("all", _("All collectivities")),
        ]


class EcoclicProfileChange(models.Model):
    """A change of a collectivity's profile field that decides its peer groups: who, when,
    from what to what. Written by `res.company.write`, never by hand."""

    _name = "ecoclic.profile.change"
    _description = "Collectivity profile change"
    _order = "date desc, id desc"

    company_id = fields.Many2one("res.company", string="Collectivity", required=True,
                                 index=True, ondelete="cascade", readonly=True)
    date = fields.Datetime(string="Changed on", required=True, readonly=True,
                           default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Changed by", readonly=True,
                              ondelete="set null")
    field_name = fields.Selection(
        [(name, label) for name, label in PEER_PROFILE_FIELDS],
        string="Field", required=True, readonly=True)
    old_value = fields.Char(string="Before", readonly=True)
    new_value = fields.Char(string="After", readonly=True)
