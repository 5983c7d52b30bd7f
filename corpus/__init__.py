"""Tawsim's headless core: store, Arabic text processing, import, export, CLI.

Nothing here imports Qt, torch or camel-tools' models at import time.
"""

__version__ = "0.1.0"
