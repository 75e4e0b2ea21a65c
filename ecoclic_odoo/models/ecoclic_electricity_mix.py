# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
from collections import namedtuple

from odoo import api, fields, models
from odoo.tools import SQL, file_open

MIX_FILE = "ecoclic_odoo/data/boavizta/electricity_mix.csv"
# A collectivity without a country, or in a country Boavizta has no factors for, uses
# France's electricity: the add-ons are for French collectivities.
DEFAULT_COUNTRY_CODE = "FR"
# The impacts of one kWh: kg CO2e, kg Sb eq., MJ.
Factors = namedtuple("Factors", "gwp adpe pe")


class EcoclicElectricityMix(models.Model):
    """The impacts of one kWh of a country's electricity, from Boavizta's data.

    Loaded from data/boavizta/electricity_mix.csv (written by tools/boavizta_reference.py)
    on each install and update of the add-on.
    """

    _name = "ecoclic.electricity.mix"
    _description = "Electricity impacts per country"
    _order = "name"
    _rec_name = "name"

    zone = fields.Char(required=True, help="Boavizta's zone code (ISO 3166 alpha-3).")
    name = fields.Char(required=True)
    country_id = fields.Many2one("res.country", index=True)
    gwp = fields.Float(string="Climate change (kg CO2e per kWh)")
    adpe = fields.Float(string="Abiotic depletion (kg Sb eq. per kWh)")
    pe = fields.Float(string="Primary energy (MJ per kWh)")
    gwp_source = fields.Char(string="Source of the climate figure")
    gwp_year = fields.Char(string="Year of the climate figure")
    boavizta_version = fields.Char(string="Boavizta version")

    _sql_constraints = [("zone_uniq", "unique(zone)", "Each zone has one electricity mix.")]

    @api.model
    def _ecoclic_load_boavizta(self):
        """Create or update the mixes from the shipped file (each install and update)."""
        countries = {c.code: c.id for c in self.env["res.country"].search([])}
        existing = {mix.zone: mix for mix in self.search([])}
        with file_open(MIX_FILE, "r") as handle:
            for row in csv.DictReader(handle):
                vals = {
                    "zone": row["zone"],
                    "name": row["name"],
                    "country_id": countries.get(row["country_code"], False),
                    "gwp": float(row["gwp"]),
                    "adpe": float(row["adpe"]),
                    "pe": float(row["pe"]),
                    "gwp_source": row["gwp_source"],
                    "gwp_year": row["gwp_year"],
                    "boavizta_version": row["boavizta_version"],
                }
                if row["zone"] in existing:
                    existing[row["zone"]].write(vals)
                else:
                    self.create(vals)

    @api.model
    def _ecoclic_default(self):
        return self.search([("country_id.code", "=", DEFAULT_COUNTRY_CODE)], limit=1)

    @api.model
    def _ecoclic_for_companies(self, companies):
        """{company id: Factors}: the factors of each company's country, else France's.
        One query, whatever the number of companies."""
        if not companies:
            return {}
        self.flush_model(["country_id", "gwp", "adpe", "pe"])
        self.env["res.company"].flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["country_id"])
        self.env.cr.execute(
            SQL(
                """
            SELECT c.id, COALESCE(m.gwp, d.gwp), COALESCE(m.adpe, d.adpe),
                   COALESCE(m.pe, d.pe)
              FROM res_company c
              JOIN res_partner p ON p.id = c.partner_id
         LEFT JOIN ecoclic_electricity_mix m ON m.country_id = p.country_id
         LEFT JOIN (SELECT x.gwp, x.adpe, x.pe FROM ecoclic_electricity_mix x
                      JOIN res_country xc ON xc.id = x.country_id
                     WHERE xc.code = %(default)s) d ON TRUE
             WHERE c.id = ANY(%(companies)s)
                """,
                default=DEFAULT_COUNTRY_CODE,
                companies=companies.ids,
            )
        )
        return {
            row[0]: Factors(*(value or 0.0 for value in row[1:])) for row in self.env.cr.fetchall()
        }
