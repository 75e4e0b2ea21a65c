# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""1.1.0 gives each action of the shared catalogue its first steps ("how to start", shown
in the guide). The catalogue is loaded with noupdate: an update does not rewrite it, so the
new texts are written here, on the catalogue's own actions whose first steps are empty (an
administrator's edits are kept). Their French comes with the module's translations, which
the update loads afterwards."""

from lxml import etree

from odoo import SUPERUSER_ID, api
from odoo.tools.misc import file_path


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    path = file_path("ecoclic_odoo/data/ecoclic_action_data.xml")
    steps = {
        record.get("id"): record.findtext("field[@name='first_steps']")
        for record in etree.parse(path).iter("record")
    }
    for xml_id, text in steps.items():
        action = env.ref(f"ecoclic_odoo.{xml_id}", raise_if_not_found=False)
        if text and action and not action.first_steps:
            action.first_steps = text
