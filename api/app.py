"""The FastAPI application."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import to_thread
from fastapi import APIRouter, FastAPI

from alignment import index_hook
from api import problems, version_body
from api.boundary import InputBoundary
from api.fast_reads import FastReads
from api.headers import SecurityHeaders
from api.middleware import Admission, LimitBody, RequestId, RetryBusy
from api.migrate import schema_problem
from api.routers import (
    alignment,
    amendments,
    audit,
    auth,
    commencements,
    consultation,
    documents,
    drafts,
    frameworks,
    instruments,
    languages,
    meetings,
    obligations,
    redlines,
    search,
    suggestions,
    users,
)
from api.settings import Settings
from api.signing import load_private
from drafts.checkpoints import Signer
from drafts.db import make_engine, make_sessionmaker
from frontend import pages

log = logging.getLogger("kanun")


class StartupRefused(RuntimeError):
    """Kanun will not serve with this database or these settings; the message says why."""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Refuse to start on a database whose schema is not this Kanun's; give the request
    threads as many slots as the database pool has connections."""
    problem = schema_problem(app.state.engine)
    if problem:
        log.critical(problem)
        raise StartupRefused(problem)
    to_thread.current_default_thread_limiter().total_tokens = app.state.settings.threads
    yield


def _with_problems(app: FastAPI):
    """The app's OpenAPI document, built once, with refusals as problem details and downloads
    as the files they are."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = _downloads(
                problems.declare_problems(version_body.declare(build()))
            )
        return app.openapi_schema

    return openapi


def _downloads(spec: dict) -> dict:
    """Drop the schema-less JSON that FastAPI declares beside the media types of a download:
    an operation that answers files declares those, and never answers JSON."""
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                schemaless = content.get("application/json", {}).get("schema") == {}
                if status.startswith("2") and len(content) > 1 and schemaless:
                    del content["application/json"]
    return spec


YOUNGEST_GENERATION = 10_000
"""Allocations between collections of the cycle collector's youngest generation (Python's
default: 700). Each such collection finds the objects of the requests in flight alive and
moves them on, where they die soon after; each time a quarter of the oldest generation's size
has been moved so, a full collection follows, and it costs what the worker has come to
remember: some ten objects per cached read it knows (`api.fast_reads`). After 5,000 distinct
searches a worker held ~93,000 and stopped 30 ms every 3 s, the version read's p99 at 64
connections 32 → 62 ms; collecting the youngest every 10,000 allocations moves in-flight
objects 14 times less often (p99 after the same searches 43 then 35 ms)."""


def served_app() -> FastAPI:
    """The app as `kanun serve` runs it, in each worker. What has been loaded by then (some
    230,000 objects: modules, models, schemas) lives as long as the worker, so it is put out
    of the cycle collector's reach (`gc.freeze`): each full collection of it stopped the
    worker for 100-250 ms under load, several times a minute, and set the slowest answers'
    time. What comes later is collected less often (`YOUNGEST_GENERATION`)."""
    app = create_app()
    gc.freeze()
    gc.set_threshold(YOUNGEST_GENERATION, *gc.get_threshold()[1:])
    return app


def create_app(settings: Settings | None = None, *, engine=None) -> FastAPI:
    """The app for `settings`; `engine` overrides the one built from the database URL."""
    settings = settings or Settings()
    if settings.environment == "production" and (unsafe := settings.unsafe_for_production()):
        problem = "Kanun will not start in production: " + " ".join(unsafe)
        log.critical(problem)
        raise StartupRefused(problem)
    app = FastAPI(
        lifespan=lifespan,
        title="Kanun",
        version="0.1.0",
        description="Versioned laws, draft amendments, redlines and treaty alignment.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url, connections=settings.threads)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.read_sessionmaker = None
    if settings.read_database_url:
        replica = make_engine(settings.read_database_url, connections=settings.threads)
        app.state.read_sessionmaker = make_sessionmaker(replica)
    index_hook.install()
    if settings.signing_key:
        Signer(load_private(settings.signing_key)).install(app.state.sessionmaker)

    api = APIRouter(prefix="/api/v1", responses=problems.RESPONSES)
    for module in (
        auth,
        users,
        instruments,
        languages,
        commencements,
        drafts,
        amendments,
        meetings,
        obligations,
        consultation,
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
    app.openapi = _with_problems(app)
    app.add_middleware(RetryBusy)
    app.add_middleware(FastReads, state=app.state)
    app.add_middleware(Admission, limit=settings.threads)
    app.add_middleware(InputBoundary)
    app.add_middleware(LimitBody, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        SecurityHeaders, docs_path=app.docs_url, secure_cookies=settings.cookie_secure
    )
    app.add_middleware(RequestId)
    return app
