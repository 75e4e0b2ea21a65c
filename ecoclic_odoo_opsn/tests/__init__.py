from . import test_portfolio
from . import test_ui
from . import test_supervision
from . import test_campaign_export
from . import test_security
from . import test_persona_crawl
from . import test_persona_tours
from . import test_portfolio_footprints
