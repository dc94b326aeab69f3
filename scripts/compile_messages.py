"""Compile the hand-maintained English catalogue (django.po) into django.mo (needs polib: the test extra).

Run after editing src/planwatch/web/locale/en/LC_MESSAGES/django.po; tests/web/test_english.py fails when
the two disagree, so a stale .mo cannot land.
"""

from pathlib import Path

import polib

folder = Path(__file__).resolve().parents[1] / "src" / "planwatch" / "web" / "locale" / "en" / "LC_MESSAGES"
polib.pofile(str(folder / "django.po")).save_as_mofile(str(folder / "django.mo"))
print(f"compiled {folder / 'django.mo'}")
