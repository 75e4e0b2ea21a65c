from . import ecoclic_opsn_push
from . import ecoclic_opsn_onboarding
from . import ecoclic_opsn_onboarding_line
from . import ecoclic_opsn_request_refuse
