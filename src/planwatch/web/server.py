"""The production server behind `planwatch serve`: gunicorn, run in this process so that the command needs no
second program on PATH. Workers are forked after the application is loaded (preload), so the secret key is
generated once and every worker shares the imported code."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Planwatch(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.urls import get_resolver

        from .wsgi import application

        # Import every view (and what the views import) once here, before the workers are forked, instead of in
        # each worker on its first request (about 2.5 s, during which that worker answers nobody).
        get_resolver().url_patterns  # noqa: B018 - the attribute access imports the URL configuration
        from ..reports.writers import preload

        preload()  # and the report writers' libraries: a worker's first report is as fast as its later ones
        import gc

        # Everything imported so far lives as long as the process: moved out of the collector's generations, the
        # workers' collections no longer walk it on every request (about 2 ms a page here, docs/benchmarks.md)
        # and the pages it sits on stay shared with the master instead of being copied by the collector's writes.
        gc.collect()
        gc.freeze()
        return application


def serve(address: str, workers: int) -> None:
    """Serve until interrupted. Threads let a worker answer page requests while another thread waits for a
    slow report or a database lock; the 120 s timeout covers the longest legitimate request (a large import)."""
    _Planwatch({
        "bind": address, "workers": workers, "worker_class": "gthread", "threads": 4, "preload_app": True,
        "timeout": 120, "graceful_timeout": 20, "errorlog": "-", "loglevel": "warning",
        "proc_name": "planwatch",
    }).run()
