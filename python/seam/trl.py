"""Readiness (MLTRL) of a project's components, as ``seam trl``."""
from __future__ import annotations

import datetime
import json
import os
from typing import Any, Iterable, Mapping, Optional, Union

from . import _seam


def status(project: Union[str, "os.PathLike[str]"], *, levels: Optional[Union[str, "os.PathLike[str]"]] = None,
           rules: Iterable[Union[str, "os.PathLike[str]"]] = (), params: Union[Mapping[str, Any], Iterable[str]] = (),
           today: Optional[Union[str, datetime.date]] = None) -> dict:
    """The readiness level of each component of the project (its cards in ``trl/``), what
    blocks its next gate, and the system's level, as ``seam trl status --format json``.

    ``levels`` is an organisation's own level catalogue; ``rules`` and ``params`` shape the
    check whose findings the gates read, as for :func:`seam.check`.
    """
    from . import _params, _today
    return json.loads(_seam.trl_status(os.fspath(project), os.fspath(levels) if levels else "",
                                       [os.fspath(r) for r in rules], _params(params), _today(today)))
