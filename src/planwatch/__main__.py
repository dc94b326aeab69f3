"""``python -m planwatch`` runs the command line."""

from .cli import run

run()
