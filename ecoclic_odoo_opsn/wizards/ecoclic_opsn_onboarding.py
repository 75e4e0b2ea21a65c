# Copyright 2026 Éco-clic for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecoclic_odoo.models import territories
from odoo.addons.ecoclic_odoo.models.fleet_import_parser import ParseError, read_table
from odoo.addons.ecoclic_odoo.models.wording import elided

# Collectivities created per ORM call.
BATCH_SIZE = 50
LINE_STATUSES = [
    ("create", "To create"),
    ("link", "Already in the instance: joins the portfolio"),
    ("member", "Already in the portfolio"),
    ("other", "Supervised by another OPSN"),
    ("merged", "Merged commune"),
    ("unknown", "Unknown code"),
    ("duplicate", "Repeated in the list"),
]


class EcoclicOpsnOnboarding(models.TransientModel):
    """Onboard an OPSN's members from a list of SIRENs (or INSEE codes): a dry run says
    what will be created, linked or left out; confirming creates the collectivities from
    the official territory file, invites their référents and puts them in the portfolio."""

    _name = "ecoclic.opsn.onboarding"
    _description = "Onboard collectivities into an OPSN's portfolio"

    opsn_id = fields.Many2one(
        "res.company",
        string="OPSN",
        required=True,
        domain=[("ecoclic_is_opsn", "=", True)],
        default=lambda self: self._default_opsn(),
    )
    codes = fields.Text(
        string="SIREN numbers",
        help="One collectivity per line: its SIREN (or the INSEE code of a commune), then, "
        "separated by a semicolon, its référent's e-mail and name if they are to be invited.",
    )
    file = fields.Binary(help="A CSV or XLSX file with the same columns.")
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "To analyse"), ("analysed", "Analysed"), ("done", "Done")],
        default="draft",
        required=True,
    )
    line_ids = fields.One2many("ecoclic.opsn.onboarding.line", "wizard_id", string="Lines")
    summary = fields.Char(compute="_compute_summary")
    company_ids = fields.Many2many("res.company", string="Onboarded collectivities")

    @api.model
    def _default_opsn(self):
        opsns = self.env.user.company_ids.filtered("ecoclic_is_opsn")
        return self.env.company if self.env.company in opsns else opsns[:1]

    @api.depends("line_ids.status")
    def _compute_summary(self):
        status_field = self.env["ecoclic.opsn.onboarding.line"]._fields["status"]
        labels = dict(status_field._description_selection(self.env))
        for wizard in self:
            counts = {}
            for line in wizard.line_ids:
                counts[line.status] = counts.get(line.status, 0) + 1
            wizard.summary = ", ".join(
                self.env._("%(status)s: %(count)s", status=labels[status], count=counts[status])
                for status, _label in LINE_STATUSES
                if status in counts
            )

    def _ecoclic_check_onboarding(self):
        """Administrators onboard into any OPSN, an OPSN manager into their own OPSN only;
        viewers and collectivities' référents are refused."""
        self.ensure_one()
        opsn, user = self.opsn_id, self.env.user
        if not opsn.sudo().ecoclic_is_opsn:
            raise UserError(self.env._("%(company)s is not an OPSN.", company=opsn.sudo().name))
        if self.env.su or user.has_group("base.group_system"):
            return
        if not (
            user.has_group("ecoclic_odoo_opsn.group_opsn_manager") and opsn in user.company_ids
        ):
            raise AccessError(
                elided(
                    self.env._("Only the managers of %(opsn)s onboard collectivities into it."),
                    opsn=opsn.sudo().name,
                )
            )

    # ------------------------------------------------------------------
    # The dry run
    # ------------------------------------------------------------------
    def _ecoclic_entries(self):
        """[(line number, code, e-mail, name)] of the text, then of the file."""
        rows = [
            (number, line.replace(",", ";").replace("\t", ";").split(";"))
            for number, line in enumerate((self.codes or "").splitlines(), start=1)
        ]
        if self.file:
            try:
                headers, body = read_table(base64.b64decode(self.file))
            except ParseError:
                raise UserError(
                    self.env._("This file cannot be read: give a CSV or XLSX file.")
                ) from None
            rows += [(1, headers)] + [(number, cells) for number, cells in body]
        entries = []
        for number, cells in rows:
            cells = [str(cell).strip() for cell in cells] + ["", ""]
            code = cells[0].replace(" ", "").upper()
            if not code or not any(char.isdigit() for char in code[:2]):
                continue  # a blank line or a header
            entries.append((number, code, cells[1], cells[2]))
        return entries

    def _ecoclic_line_values(self, entries):
        """One line per entry, with what confirming would do with it."""
        found = {code: territories.lookup(code) for _n, code, _e, _m in entries}
        sirens = {t.siren for t in found.values() if t and t.siren}
        present = {
            company.ecoclic_siren: company
            for company in self.env["res.company"]
            .sudo()
            .search([("ecoclic_siren", "in", list(sirens))])
        }
        seen, values = set(), []
        for number, code, email, name in entries:
            territory = found[code]
            status, message = self._ecoclic_line_status(territory, present, seen)
            company = present.get(territory.siren) if territory else None
            values.append(
                {
                    "sequence": number,
                    "code": code,
                    "email": email,
                    "referent_name": name,
                    "name": territory.name if territory else "",
                    "status": status,
                    "message": message,
                    "company_id": company.id if company else False,
                }
            )
        return values

    def _ecoclic_line_status(self, territory, present, seen):
        """(status, message) of a territory (None: unknown) for this OPSN."""
        if territory is None or territory.kind not in territories.COLLECTIVITY_KINDS:
            new = territories.successor(territory)
            if new is not None:
                return "merged", self.env._(
                    "Now part of %(new)s (SIREN %(siren)s): give that SIREN instead.",
                    new=new.name,
                    siren=new.siren,
                )
            return "unknown", self.env._("Not in the official territory file.")
        if territory.siren in seen:
            return "duplicate", self.env._("Already on an earlier line.")
        seen.add(territory.siren)
        company = present.get(territory.siren)
        if not company:
            return "create", ""
        if company.ecoclic_opsn_id == self.opsn_id:
            return "member", ""
        if company.ecoclic_opsn_id:
            return "other", self.env._(
                "Moving a collectivity to another OPSN is an administrator's job."
            )
        return "link", ""

    def action_analyse(self):
        """The dry run: nothing is written but these lines."""
        self.ensure_one()
        self._ecoclic_check_onboarding()
        entries = self._ecoclic_entries()
        if not entries:
            raise UserError(self.env._("Give at least one SIREN number."))
        self.line_ids = [Command.clear()] + [
            Command.create(vals) for vals in self._ecoclic_line_values(entries)
        ]
        self.state = "analysed"
        return self._ecoclic_reopen()

    def _ecoclic_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Confirming
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Analyse again (the instance may have changed), then create, link and invite."""
        self.ensure_one()
        self._ecoclic_check_onboarding()
        self.action_analyse()
        lines = self.line_ids
        created = self._ecoclic_create_companies(
            lines.filtered(lambda line: line.status == "create")
        )
        linked = lines.filtered(lambda line: line.status == "link").company_id
        linked.sudo().write({"ecoclic_opsn_id": self.opsn_id.id})
        invited = self._ecoclic_invite_referents(
            lines.filtered(lambda line: line.status in ("create", "link"))
        )
        self.write({"state": "done", "company_ids": [Command.set((created | linked).ids)]})
        message = self.env._(
            "%(created)s collectivities created, %(linked)s joined the portfolio, "
            "%(invited)s référents invited.",
            created=len(created),
            linked=len(linked),
            invited=len(invited),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _ecoclic_create_companies(self, lines):
        """The collectivities of these lines, intercommunalities first (so that their
        communes are linked to them), in batches, through the ORM as a single creation."""
        Company = self.env["res.company"].sudo()
        pairs = [(line, territories.lookup(line.code)) for line in lines]
        names = set(Company.search([("name", "in", [t.name for _l, t in pairs])]).mapped("name"))
        epcis = [pair for pair in pairs if pair[1].kind != "commune"]
        communes = [pair for pair in pairs if pair[1].kind == "commune"]
        created = Company.browse()
        for group in (epcis, communes):
            for start in range(0, len(group), BATCH_SIZE):
                created |= self._ecoclic_create_batch(group[start : start + BATCH_SIZE], names)
        return created

    def _ecoclic_create_batch(self, batch, names):
        Company = self.env["res.company"].sudo()
        vals_list = []
        for _line, territory in batch:
            vals = Company._ecoclic_territory_values(territory)
            vals["name"] = self._ecoclic_unique_name(territory, names)
            vals["ecoclic_opsn_id"] = self.opsn_id.id
            vals_list.append(vals)
        companies = Company.create(vals_list)
        for (line, _territory), company in zip(batch, companies, strict=True):
            line.company_id = company
        return companies

    @api.model
    def _ecoclic_unique_name(self, territory, names):
        """Company names are unique in Odoo; communes' are not: a name already taken gets
        its département, then its SIREN."""
        name = territory.name
        if name in names:
            name = f"{territory.name} ({territory.departement})"
        if name in names:
            name = f"{territory.name} ({territory.siren})"
        names.add(name)
        return name

    def _ecoclic_invite_referents(self, lines):
        """A référent (Éco-clic manager) for each collectivity of these lines that has an
        e-mail and no référent yet, invited by Odoo's signup e-mail."""
        Users = self.env["res.users"].sudo()
        lines = lines.filtered(
            lambda line: line.email and not line.company_id.sudo().ecoclic_referent_id
        )
        taken = set(
            Users.with_context(active_test=False)
            .search([("login", "in", lines.mapped("email"))])
            .mapped("login")
        )
        lines = lines.filtered(lambda line: line.email not in taken)
        groups = self.env.ref("base.group_user") | self.env.ref(
            "ecoclic_odoo.group_ecoclic_manager"
        )
        users = Users.create(
            [
                {
                    "name": line.referent_name or line.email,
                    "login": line.email,
                    "email": line.email,
                    "lang": self.env.lang or "fr_FR",
                    "company_id": line.company_id.id,
                    "company_ids": [Command.set(line.company_id.ids)],
                    "groups_id": [Command.set(groups.ids)],
                }
                for line in lines
            ]
        )
        for line, user in zip(lines, users, strict=True):
            line.company_id.sudo().ecoclic_referent_id = user
        return users
