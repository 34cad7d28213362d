"""The French public-contract open data (DECP), 2019 and 2024 formats, read into checked values.

``read_decp(path)`` detects the format and streams the records (``DecpFile.records()``), with the
anomalies collected on the way; ``load_decp(path)`` reads a small file whole. Repairs are made only
when unambiguous and keep their source form (``Record.repairs``); doubtful values are flagged
(``Anomaly``), never invented. See ../shared/reference/decp.md for the formats.
"""

from __future__ import annotations

from .detect import BUYER_2019, CONSOLIDATED_2019, FORMAT_2024, FORMATS, DecpFormat, detect_format
from .quality import KINDS
from .read import DecpFile, DecpRecords, load_decp, read_decp
from .records import Anomaly, Concession, Contract, Modification, Party, Place, Position, Record, Repair
from .values import AMOUNT_CEILING

__all__ = [
    "AMOUNT_CEILING",
    "Anomaly",
    "BUYER_2019",
    "CONSOLIDATED_2019",
    "Concession",
    "Contract",
    "DecpFile",
    "DecpFormat",
    "DecpRecords",
    "FORMATS",
    "FORMAT_2024",
    "KINDS",
    "Modification",
    "Party",
    "Place",
    "Position",
    "Record",
    "Repair",
    "detect_format",
    "load_decp",
    "read_decp",
]
