from . import main
from . import export
