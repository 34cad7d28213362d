"""``python -m atelier_kg.cli``."""

import sys

from .main import main

sys.exit(main())
