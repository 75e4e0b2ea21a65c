from . import ecoclic_opsn_dashboard
