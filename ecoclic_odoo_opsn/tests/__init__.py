from . import test_portfolio
from . import test_ui
from . import test_supervision
