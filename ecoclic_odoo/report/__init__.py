from . import ecoclic_agec_report
