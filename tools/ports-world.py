#!/usr/bin/env python3
"""Converts the npm package sea-ports (MIT) into config/ports-world.csv, the default world port set of edtf.

Reproducible: the same ports.json gives the same file byte for byte (rows sorted by UN/LOCODE, fixed number format).

    npm pack sea-ports@0.0.9 && tar -xzf sea-ports-0.0.9.tgz        # unpacks to package/
    python3 tools/ports-world.py package/lib/ports.json > config/ports-world.csv

Columns: locode,country,lat,lon,name. The country is the ISO 3166-1 alpha-2 code that starts the UN/LOCODE; the name
is the rest of the line (it may hold commas, never a quote or a line break). Entries without coordinates are left out
and counted on standard error. Coordinates are approximate: many are geocoded city centres (the package's README says
not all are correct); edtf gives each point a radius (Detection:PortCall:WorldPortRadiusKm).
"""
import json
import sys


def rows(ports):
    skipped = 0
    out = []
    for locode, port in ports.items():
        coords = port.get("coordinates")
        if not coords or len(coords) != 2:
            skipped += 1
            continue
        lon, lat = float(coords[0]), float(coords[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise SystemExit(f"{locode}: coordinates out of range: {coords}")
        if len(locode) != 5 or not locode[:2].isalpha():
            raise SystemExit(f"{locode}: not a UN/LOCODE")
        name = " ".join(port.get("name", "").split())
        if not name or '"' in name:
            raise SystemExit(f"{locode}: unusable name {name!r}")
        out.append((locode.upper(), locode[:2].upper(), f"{lat:.5f}", f"{lon:.5f}", name))
    return sorted(out), skipped


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: ports-world.py PATH/TO/sea-ports/lib/ports.json > config/ports-world.csv")
    with open(sys.argv[1], encoding="utf-8") as f:
        ports = json.load(f)
    out, skipped = rows(ports)
    sys.stdout.write("locode,country,lat,lon,name\n")
    for r in out:
        sys.stdout.write(",".join(r) + "\n")
    print(f"{len(out)} ports written, {skipped} without coordinates left out", file=sys.stderr)


if __name__ == "__main__":
    main()
