"""Reading streams: memory stays far below the size of the parsed file, whatever its length."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

from atelier_kg.decp import read_decp

#: A small 2024 record; the buyer is the Région Grand Est, the holder the schema example's Garami SARL.
RECORD = (
    '{{"id": "G{index}", "acheteur": {{"id": "20005226400013"}}, "nature": "Marché", '
    '"objet": "Fournitures n° {index}", "codeCPV": "30192000", "dureeMois": 12, '
    '"dateNotification": "2024-03-01", "datePublicationDonnees": "2024-03-15", "montant": {amount}, '
    '"titulaires": [{{"titulaire": {{"typeIdentifiant": "SIRET", "id": "81223113200026"}}}}]}}'
)


def write_file(path: Path, count: int) -> None:
    """Write a 2024 file of ``count`` small records, a chunk at a time."""
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"marches": {"marche": [\n')
        for start in range(0, count, 10_000):
            rows = (RECORD.format(index=i, amount=1000 + i) for i in range(start, min(start + 10_000, count)))
            out.write((",\n" if start else "") + ",\n".join(rows))
        out.write('\n], "contrat-concession": []}}\n')


def parsed_size(path: Path, count: int, sample: int = 1000) -> int:
    """The memory the parsed file would take (json.loads of a sample of records, scaled up)."""
    lines = path.read_text(encoding="utf-8").splitlines()[1 : sample + 1]
    text = "[" + "".join(lines).rstrip(",") + "]"
    tracemalloc.start()
    try:
        parsed = json.loads(text)
        size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert len(parsed) == sample
    return size * count // sample


#: Run in a fresh interpreter: prints the records seen, the last id, the anomalies, the peak RSS (bytes).
MEASURE = """
import resource, sys
from atelier_kg.decp import read_decp
decp = read_decp(sys.argv[1])
seen, last = 0, None
for record in decp.records():
    seen, last = seen + 1, record.id
print(seen, last, len(decp.anomalies), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def peak_reading(path: Path) -> tuple[int, str, int, int]:
    """Read a file in a fresh process: records seen, last id, anomalies, peak resident memory."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True
    )
    seen, last, anomalies, peak = done.stdout.split()
    return int(seen), last, int(anomalies), int(peak)


def test_reading_100000_records_keeps_memory_flat(tmp_path: Path) -> None:
    """The peak memory of reading 100,000 records is that of reading 10, give or take a few MB.

    Measured as the peak resident memory of a fresh process, against the same process reading a file
    of 10 records (tracemalloc multiplies the time of so many small allocations by ten; it measures
    only the parsed size of a sample here).
    """
    count = 100_000  # about 4 s of reading; the bench (a later slice) goes to 300,000
    path, small = tmp_path / "big.json", tmp_path / "small.json"
    write_file(path, count)
    write_file(small, 10)
    whole = parsed_size(path, count)
    assert whole > 100 * 1024 * 1024  # the parsed file would take over a hundred MB
    seen, last, anomalies, peak = peak_reading(path)
    assert (seen, last, anomalies) == (count, f"G{count - 1}", 0)
    base = peak_reading(small)[3]
    # what grows is the duplicate finder's 8-byte digests (about 100 bytes a record, 10 MB here)
    assert peak - base < whole / 10, (peak - base, whole)


def test_records_come_one_at_a_time(tmp_path: Path) -> None:
    """The first record is there before the rest of the file is read (traced: tracemalloc is slow)."""
    path = tmp_path / "small.json"
    write_file(path, 20_000)
    whole = parsed_size(path, 20_000)
    records = read_decp(path).records()
    tracemalloc.start()
    try:
        first = next(records)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert first.id == "G0"
    assert peak < whole / 20, (peak, whole)
