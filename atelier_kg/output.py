"""The one way out: every file the program writes goes through here.

Writing is atomic (a scratch file or folder beside the target, then a rename), so a failed run
leaves the previous outputs as they were; parent folders are made; an operating-system error
becomes an :class:`OutputError` naming the path and the fix, which the CLI prints as one line.
Table cells a spreadsheet would run as a formula are neutralised by :func:`spreadsheet_safe`.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

#: What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): = + - @, tab, CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _blocking_file(path: Path) -> Path | None:
    """The first ancestor of ``path`` that exists and is not a folder, if any."""
    for parent in [path, *path.parents]:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def output_error(path: Path, exc: OSError, folder: Path | None = None) -> OutputError:
    """Our error for an operating-system error met while writing ``path`` (or making ``folder``)."""
    blocking = _blocking_file(folder if folder is not None else path.parent)
    if blocking is not None:
        where = "is a file" if blocking == path else f"{blocking} is a file"
        return OutputError(path, f"{where}, not a folder", "name an output inside a folder")
    if path.is_dir() and folder is None:
        return OutputError(path, "is a folder", "name a file, not a folder")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        problem = "permission denied"
    else:
        problem = f"cannot write there ({exc.strerror or exc})"
    return OutputError(path, problem, "choose a folder you can write to (e.g. with --out)")


@contextmanager
def atomic_outputs(out_dir: Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move each file it holds into ``out_dir`` atomically.

    If the body raises, nothing in ``out_dir`` is touched: previous outputs stay intact.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".atelier-kg-", dir=out_dir))
    except OSError as exc:
        raise output_error(out_dir, exc, folder=out_dir) from None
    try:
        try:
            yield scratch
        except OSError as exc:
            raise output_error(out_dir, exc, folder=out_dir) from None
        for item in sorted(scratch.iterdir()):
            target = out_dir / item.name
            try:
                os.replace(item, target)
            except OSError as exc:
                raise output_error(target, exc) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def check_replaceable(folder: Path, marker: str) -> None:
    """Raise :class:`OutputError` unless ``folder`` may be replaced whole: it does not exist, is
    empty, or holds the file ``marker`` that :func:`atomic_folder` leaves in the folders it makes."""
    if not folder.exists():
        return
    fix = "name a new or empty folder, or one this command made before"
    if Path.cwd().resolve().is_relative_to(folder.resolve()):
        problem = "holds the current folder, which replacing it would remove"
        fix = "name a folder inside it, e.g. site"
    elif not folder.is_dir():
        problem = "is a file"
    elif any(folder.iterdir()) and not (folder / marker).is_file():
        problem = f"is a folder of other files (no {marker})"
    else:
        return
    raise OutputError(folder, problem, fix)


def _swap_in(scratch: Path, target: Path) -> None:
    """Put ``scratch`` where ``target`` is: the old folder is renamed aside, then removed."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old)
    try:
        os.replace(scratch, target)
    except OSError:
        if old is not None:
            os.replace(old, target)  # put the previous folder back
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_folder(target: Path, marker: str, note: bytes = b"") -> Iterator[Path]:
    """Yield a scratch folder beside ``target``; on success it replaces ``target`` whole.

    The folder made holds a file named ``marker`` (with ``note``) that says this program made it: an
    existing ``target`` is replaced only if it is empty or holds that file, so a mistyped ``--out``
    never removes a folder of the user's. If the body raises, ``target`` is left as it was.
    """
    target = Path(os.path.abspath(target))  # "." or "site/.." has a name and a parent this way
    check_replaceable(target, marker)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:
        raise output_error(target, exc, folder=target.parent) from None
    try:
        try:
            yield scratch
            (scratch / marker).write_bytes(note)
            scratch.chmod(0o755)  # mkdtemp makes it private; a published folder is read by a web server
            _swap_in(scratch, target)
        except OSError as exc:
            raise output_error(target, exc, folder=target.parent) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def atomic_write(path: Path, data: bytes) -> None:
    """Write one file atomically: a failure leaves the previous file as it was."""
    if path.is_dir():
        raise OutputError(path, "is a folder", "name a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise output_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(path, exc) from None
        raise


def formula_like(cell: str) -> bool:
    """Whether a spreadsheet would run ``cell`` as a formula (a number such as -0.19 is not one)."""
    return cell.startswith(FORMULA_START) and not _NUMBER.fullmatch(cell)


def spreadsheet_safe(cell: str) -> str:
    """``cell``, with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + cell if formula_like(cell) else cell


def spreadsheet_safe_table(data: bytes, delimiter: str = ",") -> bytes:
    """A CSV (or plain TSV) table with every formula-like cell neutralised; unchanged if none is.

    SPARQL TSV writes literals in quotes (``"=1+1"``): the text inside the quotes is checked.
    """
    text = data.decode("utf-8")
    if not any(start in text for start in FORMULA_START[:4]):
        return data
    if delimiter == "\t":
        return _safe_tsv(text).encode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(formula_like(cell) for row in rows for cell in row):
        return data
    out = io.StringIO(newline="")
    terminator = "\r\n" if "\r\n" in text else "\n"
    writer = csv.writer(out, lineterminator=terminator)
    writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows])
    return out.getvalue().encode("utf-8")


def _safe_tsv_cell(cell: str) -> str:
    if cell.startswith('"'):  # an RDF literal: "text", "text"@fr or "text"^^<datatype>
        text = cell[1 : cell.rfind('"')] if cell.count('"') > 1 else cell[1:]
        return "\"'" + cell[1:] if formula_like(text) else cell
    return spreadsheet_safe(cell)


def _safe_tsv(text: str) -> str:
    lines = text.split("\n")
    return "\n".join("\t".join(_safe_tsv_cell(cell) for cell in line.split("\t")) for line in lines)
