from . import ecoclic_fleet_import_column
from . import ecoclic_fleet_import_value
from . import ecoclic_fleet_import
from . import ecoclic_plan_abandon
from . import ecoclic_alternative_dismiss
from . import ecoclic_benchmark_import
from . import ecoclic_guide_decision
