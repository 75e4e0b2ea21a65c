from . import export
from . import survey
