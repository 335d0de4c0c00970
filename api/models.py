"""Every table of Kanun on one metadata, for migrations and for tests."""

from api.auth import models as auth_models
from drafts import audit, models, users
from drafts.db import Base

metadata = Base.metadata

__all__ = ["audit", "auth_models", "metadata", "models", "users"]
