from . import test_assessment
from . import test_collectivity
from . import test_fleet
from . import test_fleet_import
from . import test_ui
from . import test_purchase
from . import test_indicators
from . import test_plan
