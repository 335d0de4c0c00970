"""Every table of Kanun on one metadata, for migrations and for tests."""

from alignment import models as alignment_models
from alignment import search_engines
from api.auth import models as auth_models
from drafts import audit, checkpoints, models, users
from drafts.db import Base
from drafts.notify import models as notify_models
from drafts.packages import models as package_models
from frameworks import models as framework_models

metadata = Base.metadata

__all__ = [
    "alignment_models",
    "audit",
    "auth_models",
    "checkpoints",
    "framework_models",
    "metadata",
    "models",
    "notify_models",
    "package_models",
    "search_engines",
    "users",
]
