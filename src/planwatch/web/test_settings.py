"""Settings for the test suite: the real settings with a throwaway secret (never used in production)."""

import os

os.environ.setdefault("PLANWATCH_SECRET_KEY", "tests-only-secret-key-not-used-anywhere-else-" + "x" * 20)
os.environ.setdefault("PLANWATCH_HTTPS", "0")  # the test client speaks plain HTTP

from .settings import *

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # the Django test client's host name, tests only
STATIC_ROOT = None  # tests serve static files from the app folders (WHITENOISE_USE_FINDERS)
