from . import ecoclic_fleet_import_column
from . import ecoclic_fleet_import_value
from . import ecoclic_fleet_import
from . import ecoclic_plan_abandon
