"""``python -m corpus`` runs the CLI."""

import sys

from corpus.cli import main

sys.exit(main())
