from . import ecoclic_territory
from . import ecoclic_axis
from . import res_company
from . import survey
from . import ecoclic_assessment
from . import ecoclic_benchmark
from . import ecoclic_demo
