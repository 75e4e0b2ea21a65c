from . import res_company
from . import res_users
from . import ecoclic_opsn_membership
from . import ecoclic_opsn_followup
from . import ecoclic_opsn_campaign
from . import ecoclic_opsn_campaign_line
from . import ecoclic_action
from . import ir_ui_menu
