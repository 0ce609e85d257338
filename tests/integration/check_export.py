#!/usr/bin/env python3
"""check_export.py: reads what `trygg export` wrote with Python's own json
and csv modules and says, check by check, whether it is what a GIS user and
a clerk with Excel need. Used by test_export.sh; standard library only.

usage: check_export.py KIND FILE KEY=VALUE...
  KIND geojson | csv | excel | count
  keys: station, hyperlink, minus, deleted, other (spot ids); n (spots
        expected); status, status_comment, status_sv (of the station spot);
        bundle (a spots.csv the csv export must agree with); geojson (the
        geojson export, for the excel check's times); other_local (the
        other spot's expected Datum); for count: year and ids (the spot ids
        expected, comma-separated)

Prints one line per check: "ok<TAB>name" or "FAIL<TAB>name<TAB>detail".
"""
import csv
import io
import json
import re
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

SPOT_COLS = ["spot_id", "walk_id", "created_at", "updated_at", "latitude",
             "longitude", "accuracy_m", "position_source", "category",
             "severity", "note", "deleted", "revision"]
MORE_COLS = ["sweref_n", "sweref_e", "status", "status_at", "status_comment",
             "walk_started_at", "walk_role", "walk_light", "answer",
             "answered_at"]
PROPS = SPOT_COLS[:-2] + ["revision", "category_sv", "category_en",
                          "positive"] + MORE_COLS
# Published by Trafikverket for Filipstad station (the spot's position).
STATION_N, STATION_E = 6619231, 452706
NOTE_TRICKY = 'Mörkt; "väldigt" mörkt\när'
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def report(ok, name, detail=""):
    print(("ok\t%s" % name) if ok else ("FAIL\t%s\t%s" % (name, detail)))


def near(value, want, tol=1.0):
    try:
        return abs(float(value) - want) <= tol
    except (TypeError, ValueError):
        return False


def local(iso):
    """ISO 8601 UTC as Swedish local time, as the excel export writes it."""
    t = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return t.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")


def check_geojson(path, a):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    report(doc.get("type") == "FeatureCollection", "geojson: a FeatureCollection")
    feats = doc.get("features", [])
    report(len(feats) == int(a["n"]), "geojson: %s features" % a["n"], len(feats))
    bad_geom = [f.get("id") for f in feats
                if f.get("geometry", {}).get("type") != "Point"
                or not (13.5 < f["geometry"]["coordinates"][0] < 15.0)
                or not (59.5 < f["geometry"]["coordinates"][1] < 60.0)]
    report(not bad_geom, "geojson: every geometry a Point [lon, lat]", bad_geom)
    by_id = {f["properties"]["spot_id"]: f for f in feats}
    for f in feats:
        missing = [k for k in PROPS if k not in f["properties"]]
        if missing:
            report(False, "geojson: properties present", missing)
            break
    else:
        report(True, "geojson: properties present")
    report(a["deleted"] not in by_id, "geojson: deleted spot absent")
    st = by_id.get(a["station"], {}).get("properties", {})
    report(st.get("status") == a["status"], "geojson: status shows", st.get("status"))
    report(st.get("status_comment") == a["status_comment"],
           "geojson: status comment", st.get("status_comment"))
    report(near(st.get("sweref_n"), STATION_N) and near(st.get("sweref_e"), STATION_E),
           "geojson: station at N 6619231 E 452706 (+-1 m)",
           (st.get("sweref_n"), st.get("sweref_e")))
    report(st.get("note") == NOTE_TRICKY, "geojson: note with ; \" newline åäö intact",
           repr(st.get("note")))
    report(st.get("category_sv") == "Dålig belysning", "geojson: Swedish label")
    others = [f["properties"]["status"] for i, f in by_id.items() if i != a["station"]]
    report(set(others) == {"open"}, "geojson: the others are open", others)


def read_csv(path, **fmt):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, **fmt))


def check_csv(path, a):
    rows = read_csv(path, strict=True)
    report(rows[0] == SPOT_COLS + MORE_COLS,
           "csv: header = spots.csv columns, SWEREF, status, walk, answer", rows[0])
    body = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    report(len(body) == int(a["n"]), "csv: %s spots" % a["n"], len(body))
    report(a["deleted"] not in body, "csv: deleted spot absent")
    st = body.get(a["station"], {})
    report(near(st.get("sweref_n"), STATION_N) and near(st.get("sweref_e"), STATION_E),
           "csv: station at N 6619231 E 452706 (+-1 m)",
           (st.get("sweref_n"), st.get("sweref_e")))
    report(st.get("status") == a["status"], "csv: status shows", st.get("status"))
    report(body.get(a["hyperlink"], {}).get("note") == "'=HYPERLINK(\"http://x\")",
           "csv: formula guard as in a bundle", body.get(a["hyperlink"], {}).get("note"))
    bundle = read_csv(a["bundle"])
    differ = [r[0] for r in bundle[1:] if r[0] in body
              and [body[r[0]][c] for c in SPOT_COLS] != r]
    compared = [r[0] for r in bundle[1:] if r[0] in body]
    report(len(compared) >= 3 and not differ,
           "csv: spot columns equal the bundle's spots.csv (%d spots)" % len(compared),
           differ)


def excel_records(path):
    with open(path, "rb") as f:
        raw = f.read()
    report(raw.startswith(b"\xef\xbb\xbf"), "excel: starts with the UTF-8 BOM")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    # Every record ends in CRLF; the only other line break is the LF inside
    # the quoted tricky note.
    report(raw.count(b"\r\n") == len(rows) and raw.endswith(b"\r\n"),
           "excel: CRLF after every record", (raw.count(b"\r\n"), len(rows)))
    return rows


def check_excel(path, a, geo):
    rows = excel_records(path)
    head = rows[0]
    want = ["Datum", "Kategori", "Allvarlighet", "Anteckning", "Status"]
    report(head[:5] == want and head[-4:] == ["SWEREF99TM N", "SWEREF99TM E",
                                              "Latitud", "Longitud"],
           "excel: Swedish headers, split by ;", head)
    body = {r[head.index("Punkt-id")]: dict(zip(head, r)) for r in rows[1:]}
    report(len(body) == int(a["n"]), "excel: %s spots" % a["n"], len(body))
    report(a["deleted"] not in body, "excel: deleted spot absent")
    numbers = [(i, c, r[c]) for i, r in body.items()
               for c in ("Latitud", "Longitud", "SWEREF99TM N", "SWEREF99TM E")
               if not re.fullmatch(r"\d+,\d+", r[c])]
    report(not numbers, "excel: decimal comma in every coordinate", numbers)
    st = body.get(a["station"], {})
    report(near(st.get("SWEREF99TM N", "").replace(",", "."), STATION_N)
           and near(st.get("SWEREF99TM E", "").replace(",", "."), STATION_E),
           "excel: station at N 6619231 E 452706 (+-1 m)")
    report(st.get("Status") == a["status_sv"], "excel: status in Swedish", st.get("Status"))
    report(st.get("Anteckning") == NOTE_TRICKY, "excel: tricky note intact",
           repr(st.get("Anteckning")))
    report(st.get("Kategori") == "Dålig belysning", "excel: Swedish category label")
    report(body.get(a["hyperlink"], {}).get("Anteckning") == "'=HYPERLINK(\"http://x\")",
           "excel: formula note neutralised with '")
    report(body.get(a["minus"], {}).get("Anteckning") == "'-2+3",
           "excel: note -2+3 neutralised with '")
    wrong = [(i, r["Datum"], local(geo[i]["properties"]["created_at"]))
             for i, r in body.items() if i in geo
             and r["Datum"] != local(geo[i]["properties"]["created_at"])]
    report(not wrong and len(body) > 0, "excel: Datum in Swedish local time", wrong)
    o = body.get(a["other"], {})
    report(o.get("Datum") == a["other_local"], "excel: a summer time (UTC+2)",
           o.get("Datum"))


def check_count(path, a):
    with open(path, encoding="utf-8") as f:
        ids = sorted(x["properties"]["spot_id"] for x in json.load(f)["features"])
    want = sorted(x for x in a["ids"].split(",") if x)
    report(ids == want, "year %s: exactly its walks' spots" % a["year"], (ids, want))


def features_by_id(path):
    with open(path, encoding="utf-8") as f:
        return {x["properties"]["spot_id"]: x for x in json.load(f)["features"]}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    a = dict(arg.split("=", 1) for arg in sys.argv[3:])
    if kind == "geojson":
        check_geojson(path, a)
    elif kind == "csv":
        check_csv(path, a)
    elif kind == "excel":
        check_excel(path, a, features_by_id(a["geojson"]))
    elif kind == "count":
        check_count(path, a)
    else:
        report(False, "check_export.py: known kind", kind)


if __name__ == "__main__":
    main()
