"""Allow ``python -m localize``."""

from localize.cli import main

main()
