"""Mounting the pages and their static files on the app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from frontend import errors
from frontend.routes import (
    account,
    admin,
    amendments,
    amendments_editor,
    auth,
    consultation,
    coverage,
    dashboard,
    drafts,
    drafts_comments,
    drafts_workflow,
    imports,
    inbox,
    instruments,
    languages,
    link_forms,
    obligations,
    redline,
    search,
    suggested,
    treaties,
)

ROUTERS = (
    auth,
    dashboard,
    instruments,
    languages,
    redline,
    imports,
    drafts,
    drafts_workflow,
    drafts_comments,
    amendments,
    amendments_editor,
    admin,
    account,
    inbox,
    treaties,
    coverage,
    suggested,
    link_forms,
    obligations,
    consultation,
    search,
)


def install(app: FastAPI) -> None:
    """Mount the pages, their static files and their answers to errors."""
    errors.install(app)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    for module in ROUTERS:
        app.include_router(module.router)
