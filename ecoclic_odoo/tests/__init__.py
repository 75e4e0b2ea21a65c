from . import test_collectivity
from . import test_ui
