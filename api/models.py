"""Every table of Kanun on one metadata, for migrations and for tests."""

from alignment import index_hook, search_engines
from alignment import models as alignment_models
from api.auth import models as auth_models
from drafts import (
    audit,
    checkpoints,
    commencement,
    consultation_models,
    linked_models,
    models,
    obligations_tracking,
    users,
)
from drafts.db import Base
from drafts.notify import models as notify_models
from drafts.packages import models as package_models
from frameworks import models as framework_models

metadata = Base.metadata
index_hook.install()  # every session of a process that stores texts writes their search documents

__all__ = [
    "alignment_models",
    "audit",
    "auth_models",
    "checkpoints",
    "commencement",
    "consultation_models",
    "framework_models",
    "index_hook",
    "linked_models",
    "metadata",
    "models",
    "notify_models",
    "obligations_tracking",
    "package_models",
    "search_engines",
    "users",
]
