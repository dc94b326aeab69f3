"""The web platform: a thin Django shell around planwatch.core (plans, monitoring, accounts)."""
