"""Test fixtures: a migrated database (SQLite, or PostgreSQL when KANUN_TEST_DATABASE_URL is
set), a transaction per test rolled back at the end, the app, and a signed-in client per role.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from api.app import create_app
from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.migrate import upgrade
from api.settings import Settings
from drafts.audit import Actor
from drafts.db import make_engine

ROLES = ("admin", "drafter", "reviewer", "viewer")
PASSWORD = "correct horse battery"
SYSTEM = Actor(user_id=None, request_id="tests")


@pytest.fixture(scope="session")
def engine(tmp_path_factory) -> Iterator[Engine]:
    url = os.environ.get("KANUN_TEST_DATABASE_URL")
    if not url:
        engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'kanun.db'}")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    schema = f"kanun_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def migrate(engine: Engine) -> None:
    with engine.begin() as connection:
        upgrade(connection=connection)


@pytest.fixture(scope="session")
def accounts(engine) -> dict[str, dict]:
    """One user per role with a bearer token, committed once for the whole run."""
    made = {}
    with Session(engine) as session:
        for role in ROLES:
            user = auth.create_user(
                session=session,
                data=UserCreate(
                    username=f"{role}1", password=PASSWORD, role=role, display_name=role.title()
                ),
                actor=SYSTEM,
            )
            secret, _ = auth.create_token(session=session, user=user, name="tests", actor=SYSTEM)
            made[role] = {"id": user.id, "username": user.username, "token": secret}
        session.commit()
    return made


@pytest.fixture
def sessions(engine, accounts) -> Iterator[sessionmaker]:
    """Sessions inside one outer transaction that is rolled back after the test."""
    connection = engine.connect()
    outer = connection.begin()
    factory = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield factory
    finally:
        outer.rollback()
        connection.close()


@pytest.fixture
def db(sessions) -> Iterator[Session]:
    with sessions() as session:
        yield session


@pytest.fixture
def settings() -> Settings:
    return Settings(environment="test", database_url="sqlite://")


@pytest.fixture
def app(sessions, settings, engine):
    app = create_app(settings, engine=engine)
    app.state.sessionmaker = sessions
    return app


@pytest.fixture
def anonymous(app) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client_for(app, accounts):
    """`client_for("drafter")`: a client signed in with that role's bearer token."""
    clients = []

    def make(role: str) -> TestClient:
        client = TestClient(app, headers={"Authorization": f"Bearer {accounts[role]['token']}"})
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def admin(client_for) -> TestClient:
    return client_for("admin")


@pytest.fixture
def drafter(client_for) -> TestClient:
    return client_for("drafter")


@pytest.fixture
def reviewer(client_for) -> TestClient:
    return client_for("reviewer")


@pytest.fixture
def viewer(client_for) -> TestClient:
    return client_for("viewer")


@pytest.fixture
def guests(app, admin):
    """Two guests of outside organisations (`union`, `centre`): (user id, signed-in client)."""
    made = {}
    for name in ("union", "centre"):
        user = admin.post(
            "/api/v1/users",
            json={"username": f"guest-{name}", "password": PASSWORD, "role": "guest"},
        )
        assert user.status_code == 201, user.text
        client = TestClient(app)
        login = client.post(
            "/api/v1/auth/login", json={"username": f"guest-{name}", "password": PASSWORD}
        )
        client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        made[name] = (user.json()["id"], client)
    yield made
    for _, client in made.values():
        client.close()
