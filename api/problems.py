"""Every error as a sentence a person understands: RFC 9457 problem details for the API,
an error page for the pages. The one place where domain errors become HTTP answers.

The pages render their own error page: they register how (`register_pages`) when the app is
made, so the API needs nothing of the pages; an app without pages answers problem details
everywhere."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException

from api import problem_text
from drafts.errors import KanunError, TooManyRequests

log = logging.getLogger("kanun")

MEDIA_TYPE = "application/problem+json"


class FieldProblem(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem detail: what went wrong, as a sentence a person understands."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None


TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Invalid input",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


DECLARED = (400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429, 500, 503)
"""The refusals and failures every operation of the API may answer with."""
RESPONSES: dict[int | str, dict] = {
    status: {"description": TITLES[status], "model": Problem} for status in DECLARED
}
"""OpenAPI declarations of those refusals (`declare_problems` gives them their media type)."""


def declare_problems(spec: dict) -> dict:
    """The OpenAPI document with every refusal declared as `application/problem+json`."""
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                if status.isdigit() and int(status) in DECLARED:
                    content = response.get("content", {})
                    schema = content.pop("application/json", {}).get("schema")
                    response["content"] = {MEDIA_TYPE: {"schema": schema}} | content
    return spec


def problem(
    status: int,
    detail: str,
    *,
    errors: list[dict] | None = None,
    headers: dict[str, str] | None = None,
    lang: str = "en",
) -> JSONResponse:
    """A problem-detail answer; its title and sentence in `lang` where the catalog has them."""
    body: dict = {
        "type": "about:blank",
        "title": problem_text.translate(TITLES.get(status, "Error"), lang),
        "status": status,
        "detail": problem_text.translate(detail, lang),
    }
    if errors:
        body["errors"] = errors
    headers = {**(headers or {}), "Content-Language": lang, "Vary": "Accept-Language"}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


@dataclass(frozen=True, slots=True)
class ErrorPages:
    """How the pages answer an error outside the API."""

    render: Callable[[Request, int, str, str, list[dict]], Response]
    """The error page: (request, status, title, detail in the reader's language, errors)."""
    explain: Callable[[Request, dict], str]
    """One validation issue of a page's query or form, as a sentence in the page's language."""


def register_pages(app: FastAPI, pages: ErrorPages) -> None:
    """Answer the errors of the app's pages (every path outside /api and /static) with `pages`."""
    app.state.error_pages = pages


def _pages(request: Request) -> ErrorPages | None:
    """The registered error pages, for a request outside the API; None for one under it."""
    if request.url.path.startswith(("/api", "/static")):
        return None
    return getattr(request.app.state, "error_pages", None)


def _answer(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: list[dict] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Problem JSON under /api, the error page elsewhere; in the reader's language."""
    pages = _pages(request)
    if pages is None:
        lang = problem_text.language(request.headers.get("accept-language"))
        return problem(status, detail, errors=errors, headers=headers, lang=lang)
    lang = problem_text.language(
        request.headers.get("accept-language"), getattr(request.state, "lang", None)
    )
    sentence = problem_text.translate(detail, lang)
    return pages.render(request, status, TITLES.get(status, "Error"), sentence, errors or [])


def _field(location: tuple) -> str:
    parts = [str(part) for part in location if part not in ("body",)]
    return ".".join(parts) or "body"


def _validation(request: Request, exc: RequestValidationError) -> Response:
    issues = exc.errors()
    if any(issue.get("type") == "json_invalid" for issue in issues):
        return _answer(request, 400, "The request body is not valid JSON.")
    pages = _pages(request)
    if pages is not None:
        said = list(dict.fromkeys(pages.explain(request, issue) for issue in issues))
        errors = [{"field": "", "message": line} for line in said[1:]]
        return _answer(request, 422, said[0], errors=errors)
    errors = [{"field": _field(tuple(i.get("loc", ()))), "message": i["msg"]} for i in issues]
    first = errors[0]
    more = f" ({len(errors) - 1} more problems are listed in errors)" if len(errors) > 1 else ""
    detail = f"Please check {first['field']}: {first['message'].rstrip('.')}{more}."
    return _answer(request, 422, detail, errors=errors)


def _kanun(request: Request, exc: KanunError) -> Response:
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyRequests) else None
    if exc.status == 401:
        headers = {"WWW-Authenticate": "Bearer"}
    return _answer(request, exc.status, exc.detail, errors=exc.errors, headers=headers)


def _http(request: Request, exc: HTTPException) -> Response:
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    if exc.status_code == 404 and detail == "Not Found":
        detail = "There is nothing at this address."
    if exc.status_code == 405:
        detail = "This address does not accept that method."
    return _answer(request, exc.status_code, detail, headers=getattr(exc, "headers", None))


def _stale(request: Request, _exc: StaleDataError) -> Response:
    return _answer(
        request, 412, "Someone else changed this in the meantime; reload it and try again."
    )


def _clash(request: Request, _exc: IntegrityError) -> Response:
    """Two requests made the same new thing at the same moment; the database kept one."""
    return _answer(
        request,
        409,
        "This clashes with a change made at the same moment; reload and try again.",
    )


def _recursion(request: Request, _exc: RecursionError) -> Response:
    return _answer(request, 400, "The request is nested too deeply to be read.")


def _unexpected(request: Request, exc: Exception) -> Response:
    request_id = getattr(request.state, "request_id", "")
    log.exception("unhandled error in request %s", request_id, exc_info=exc)
    return _answer(
        request,
        500,
        f"Something went wrong on our side. It has been logged as request {request_id}.",
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(KanunError, _kanun)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(StaleDataError, _stale)
    app.add_exception_handler(IntegrityError, _clash)
    app.add_exception_handler(RecursionError, _recursion)
    app.add_exception_handler(Exception, _unexpected)
