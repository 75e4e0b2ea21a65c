from . import ecoclic_opsn_push
