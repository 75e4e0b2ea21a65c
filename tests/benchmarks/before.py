"""The fleet indicators' query as it was before issue 19 (climate change only, equipment
without a category ignored), kept verbatim to measure what the three criteria and the
count of unhandled equipment cost: the benchmark's "single criterion" reference."""

from odoo.tools import SQL

from odoo.addons.ecoclic_odoo.models.ecoclic_electricity_mix import DEFAULT_COUNTRY_CODE
from odoo.addons.ecoclic_odoo.models.maintenance_equipment import (
    GONE_STATES,
    REFORMED_STATES,
    REUSE_STATES,
    SECOND_HAND_MODES,
)

QUERY = """
WITH eq AS (
    SELECT e.company_id,
           e.ecoclic_lifecycle AS state,
           e.ecoclic_acquisition_mode AS mode,
           e.scrap_date,
           COALESCE(f.manufacturing_footprint, c.manufacturing_footprint) AS manu,
           COALESCE(f.lifespan, c.lifespan) AS lifespan,
           COALESCE(f.use_footprint_year,
                    c.yearly_energy * COALESCE(m.gwp, d.gwp)) AS use_year,
           (CASE WHEN e.ecoclic_lifecycle IN %(gone)s AND e.scrap_date <= %(as_of)s
                 THEN e.scrap_date ELSE %(as_of)s END
            - COALESCE(e.ecoclic_acquisition_date, e.effective_date))
             / 365.25 AS age,
           (COALESCE(e.ecoclic_acquisition_date, e.effective_date) <= %(as_of)s
            AND NOT (e.ecoclic_lifecycle IN %(gone)s
                     AND e.scrap_date <= %(as_of)s)) AS in_fleet,
           (e.scrap_date - COALESCE(e.ecoclic_acquisition_date, e.effective_date))
             / 365.25 AS age_at_reform
      FROM maintenance_equipment e
      JOIN ecoclic_equipment_category c ON c.id = e.ecoclic_category_id
 LEFT JOIN ecoclic_equipment_category_figure f
        ON f.company_id = e.company_id AND f.category_id = c.id
      JOIN res_company ec ON ec.id = e.company_id
      JOIN res_partner ep ON ep.id = ec.partner_id
 LEFT JOIN ecoclic_electricity_mix m ON m.country_id = ep.country_id
 LEFT JOIN (SELECT x.gwp FROM ecoclic_electricity_mix x
              JOIN res_country xc ON xc.id = x.country_id
             WHERE xc.code = %(default_country)s) d ON TRUE
     WHERE e.company_id = ANY(%(companies)s) AND e.active
)
SELECT eq.company_id,
       max(rc.ecoclic_agent_count),
       count(*) FILTER (WHERE in_fleet),
       count(*) FILTER (WHERE in_fleet AND mode IN %(second_hand)s),
       avg(GREATEST(age, 0)) FILTER (WHERE in_fleet),
       avg(GREATEST(age, 0) / lifespan) FILTER (WHERE in_fleet AND lifespan > 0),
       sum(manu / GREATEST(lifespan, age, 1.0 / 12) + use_year)
           FILTER (WHERE in_fleet),
       count(*) FILTER (WHERE state IN %(reformed)s AND age_at_reform < 10
                          AND scrap_date BETWEEN %(start)s AND %(end)s),
       count(*) FILTER (WHERE state IN %(reuse)s AND age_at_reform < 10
                          AND scrap_date BETWEEN %(start)s AND %(end)s)
  FROM eq JOIN res_company rc ON rc.id = eq.company_id
          GROUP BY eq.company_id
"""


def fleet_indicators(companies, start, end, as_of):
    """The rows of the single-criterion query for these companies."""
    companies._ecoclic_flush_fleet()
    companies.env.cr.execute(
        SQL(
            QUERY,
            gone=GONE_STATES,
            as_of=as_of,
            companies=companies.ids,
            default_country=DEFAULT_COUNTRY_CODE,
            second_hand=SECOND_HAND_MODES,
            reformed=REFORMED_STATES,
            reuse=REUSE_STATES,
            start=start,
            end=end,
        )
    )
    return companies.env.cr.fetchall()
