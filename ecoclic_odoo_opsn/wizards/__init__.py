from . import ecoclic_opsn_push
from . import ecoclic_opsn_request_refuse
