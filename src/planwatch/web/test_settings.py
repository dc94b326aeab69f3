"""Settings for the test suite: the real settings with a throwaway secret (never used in production)."""

import os

os.environ.setdefault("PLANWATCH_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("PLANWATCH_HTTPS", "0")  # the test client speaks plain HTTP

from .settings import *

STATIC_ROOT = None  # tests serve static files from the app folders (WHITENOISE_USE_FINDERS)
