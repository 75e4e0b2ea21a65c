from . import test_portfolio
from . import test_ui
