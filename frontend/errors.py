"""The pages' answers to errors: the error page in the reader's language, and the sign-in form
for a page that needs a signed-in user. Registered with the app's error handling
(`api.problems`) when the pages are mounted."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from api import problems
from frontend import forms
from frontend.deps import SignInRequired
from frontend.templating import render


def error_page(
    request: Request, status: int, title: str, detail: str, errors: list[dict]
) -> Response:
    """The error page: what went wrong, as a sentence, with the fields to correct."""
    return render(
        request, "error.html", status_code=status, title=title, detail=detail, errors=errors
    )


def _sign_in(_request: Request, exc: SignInRequired) -> Response:
    return RedirectResponse(exc.location, status_code=303)


def install(app: FastAPI) -> None:
    problems.register_pages(app, problems.ErrorPages(render=error_page, explain=forms.sentence))
    app.add_exception_handler(SignInRequired, _sign_in)
