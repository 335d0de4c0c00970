"""The FastAPI application."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from alignment.indexing import Indexer, LazyIndex
from api import problems
from api.middleware import LimitBody, RequestId
from api.routers import (
    alignment,
    amendments,
    audit,
    auth,
    documents,
    drafts,
    frameworks,
    instruments,
    meetings,
    redlines,
    search,
    suggestions,
    users,
)
from api.settings import Settings
from drafts.db import make_engine, make_sessionmaker
from frontend import pages


def create_app(settings: Settings | None = None, *, engine=None) -> FastAPI:
    """The app for `settings`; `engine` overrides the one built from the database URL."""
    settings = settings or Settings()
    app = FastAPI(
        title="Kanun",
        version="0.1.0",
        description="Versioned laws, draft amendments, redlines and treaty alignment.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.search = LazyIndex(settings.search_path, app.state.sessionmaker)
    Indexer(app.state.search).install(app.state.sessionmaker)

    api = APIRouter(prefix="/api/v1")
    for module in (
        auth,
        users,
        instruments,
        drafts,
        amendments,
        meetings,
        frameworks,
        redlines,
        documents,
        alignment,
        search,
        suggestions,
        audit,
    ):
        api.include_router(module.router)
    app.include_router(api)
    pages.install(app)

    problems.install(app)
    app.add_middleware(LimitBody, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestId)
    return app
