"""The one way out: every file the program writes goes through here, atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_outputs(out_dir: Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move each file it holds into ``out_dir`` atomically.

    If the body raises, nothing in ``out_dir`` is touched: previous outputs stay intact.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".atelier-kg-", dir=out_dir))
    try:
        yield scratch
        for item in sorted(scratch.iterdir()):
            os.replace(item, out_dir / item.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write one file atomically: a failure leaves the previous file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
