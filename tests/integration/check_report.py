#!/usr/bin/env python3
"""check_report: reads what `trygg report` wrote, with the standard library
only, for tests/integration/test_report.sh.

  check_report.py html REPORT.html EXPECT.json
      Parses the report with html.parser into a small tree and checks that
      it is self-contained (no script, no src or href but to "#ids", no
      url() or @import in styles), prints on A4 (@page size A4, rows that
      do not split, table heads), holds one inline SVG map, and whatever
      EXPECT.json asks (see EXPECTATIONS below).
  check_report.py png FILE.png MIN_INK RGB...
      Decodes the PNG (zlib, its five row filters) and checks that at least
      MIN_INK (0..1) of its pixels are not white, and that each RGB given as
      RRGGBB occurs (a category colour: the map's dots were drawn).
  check_report.py netlog NETLOG.json
      Chromium's --log-net-log file: the page requested nothing but file:.
  check_report.py pdf FILE.pdf MIN_PAGES MAX_PAGES
      Chromium's --print-to-pdf: that many pages, each A4.

Each check prints "ok NAME" or "FAIL NAME: why"; the exit status is 1 when
any failed.
"""
import html.parser
import itertools
import json
import re
import struct
import sys
import zlib

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
FORBIDDEN_TAGS = {"script", "iframe", "img", "link", "object", "embed",
                  "base", "frame", "audio", "video", "source", "image"}

failed = 0


def report(ok, name, why=""):
    global failed
    if ok:
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {why}")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, tag):
        return [n for n in self.walk() if n.tag == tag]

    def classes(self):
        return self.attrs.get("class", "").split()


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
        self.all_attrs = []   # (tag, name, value) of every attribute
        self.styles = []      # text of every <style>

    def handle_starttag(self, tag, attrs):
        self.all_attrs += [(tag, k, v or "") for k, v in attrs]
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.all_attrs += [(tag, k, v or "") for k, v in attrs]
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)
        if self.cur.tag == "style":
            self.styles.append(data)


def norm(s):
    return " ".join(s.replace("\xa0", " ").split())


# ---- the document's own rules ------------------------------------------

def check_self_contained(tb, raw):
    tags = {n.tag for n in tb.root.walk()}
    bad = sorted(tags & FORBIDDEN_TAGS)
    report(not bad, "no script, image, frame or link elements", bad)
    refs = [(t, k, v) for t, k, v in tb.all_attrs
            if k in ("src", "href", "xlink:href", "srcset", "action",
                     "poster", "data")]
    outside = [r for r in refs if not r[2].startswith("#")]
    report(not outside, "every src/href points inside the file", outside[:5])
    events = [(t, k) for t, k, _ in tb.all_attrs if k.startswith("on")]
    report(not events, "no event handler attributes", events[:5])
    style = "\n".join(tb.styles) + " ".join(
        v for _, k, v in tb.all_attrs if k == "style")
    report("url(" not in style and "@import" not in style,
           "styles fetch nothing (no url(), no @import)")
    report(re.search(r"<script", raw, re.I) is None, "no <script in the file")


def check_print(tb):
    style = "\n".join(tb.styles)
    report(re.search(r"@page\s*\{[^}]*size:\s*A4", style) is not None,
           "@page says A4")
    report(re.search(r"tr\s*\{[^}]*break-inside:\s*avoid", style) is not None,
           "table rows do not split across pages")
    tables = tb.root.find_all("table")
    headless = [i for i, t in enumerate(tables) if not t.find_all("thead")]
    report(tables and not headless, "every table has a head row to repeat",
           f"{len(tables)} tables, without thead: {headless}")


def map_svg(tb):
    svgs = [n for n in tb.root.find_all("svg") if "map" in n.classes()]
    report(len(svgs) == 1, "one inline SVG map", f"found {len(svgs)}")
    if not svgs:
        return None
    svg = svgs[0]
    report(svg.parent.tag == "figure", "the map sits in a figure",
           svg.parent.tag)
    vb = svg.attrs.get("viewbox", "").split()
    report(len(vb) == 4 and float(vb[2]) == 1000,
           "the map is 1000 units wide (fits the page by CSS)", vb)
    return svg


def map_dots(svg):
    """Dots per group: the paths inside the spots group, "Mx yh0" each."""
    groups = [n for n in svg.walk() if "spots" in n.classes()]
    if not groups:
        return None
    n = 0
    for p in groups[0].find_all("path"):
        n += len(re.findall(r"M-?\d+ -?\d+h0", p.attrs.get("d", "")))
    return n


# ---- what EXPECT.json asks ------------------------------------------------
# EXPECTATIONS: {"lang": "sv", "dots": 6, "kpi": ["2 vandringar"],
#  "tables": {"heading": {"first cell": ["cell", ...]}},
#  "columns": {"heading": ["th", ...]}, "text": ["..."],
#  "caption": ["..."], "absent": ["..."], "raw": ["&lt;script&gt;"],
#  "no_table": ["heading"]}

def table_after(tb, heading):
    """The first table after the h2/h3 whose text is heading."""
    seen = False
    for n in tb.root.walk():
        if n.tag in ("h2", "h3") and norm(n.text()) == heading:
            seen = True
        elif seen and n.tag in ("h2",):
            return None
        elif seen and n.tag == "table":
            return n
    return None


def rows_of(table, part):
    out = []
    for sec in table.find_all(part):
        for tr in sec.find_all("tr"):
            out.append([norm(c.text()) for c in tr.children
                        if isinstance(c, Node) and c.tag in ("td", "th")])
    return out


def check_tables(tb, want):
    for heading, rows in want.get("tables", {}).items():
        t = table_after(tb, heading)
        report(t is not None, f"table under \"{heading}\"")
        if t is None:
            continue
        have = {r[0]: r[1:] for r in rows_of(t, "tbody") + rows_of(t, "tfoot")
                if r}
        for label, cells in rows.items():
            report(have.get(label) == cells,
                   f"\"{heading}\" row \"{label}\"",
                   f"want {cells}, got {have.get(label)}")
    for heading, cols in want.get("columns", {}).items():
        t = table_after(tb, heading)
        heads = rows_of(t, "thead")[-1] if t is not None else None
        report(heads == cols, f"\"{heading}\" columns",
               f"want {cols}, got {heads}")
    for heading in want.get("no_table", []):
        report(table_after(tb, heading) is None,
               f"no table under \"{heading}\"")


def check_expect(tb, raw, svg, want):
    html_el = tb.root.find_all("html")
    report(html_el and html_el[0].attrs.get("lang") == want.get("lang", "sv"),
           "document language", html_el and html_el[0].attrs.get("lang"))
    if "dots" in want and svg is not None:
        got = map_dots(svg)
        report(got == want["dots"], "dots on the map",
               f"want {want['dots']}, got {got}")
    text = norm(tb.root.text())
    kpis = [norm(li.text()) for ul in tb.root.find_all("ul")
            if "kpi" in ul.classes() for li in ul.find_all("li")]
    for k in want.get("kpi", []):
        report(k in kpis, f"key figure \"{k}\"", kpis)
    caps = " ".join(norm(c.text()) for c in tb.root.find_all("figcaption"))
    for c in want.get("caption", []):
        report(c in caps, f"map caption says \"{c}\"", caps)
    for s in want.get("text", []):
        report(norm(s) in text, f"text \"{s}\"")
    for s in want.get("absent", []):
        report(s not in raw and s not in text, f"absent: \"{s}\"")
    for s in want.get("raw", []):
        report(s in raw, f"raw markup holds \"{s}\"")
    check_tables(tb, want)


def check_html(path, expect_path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    with open(expect_path, encoding="utf-8") as f:
        want = json.load(f)
    tb = TreeBuilder()
    tb.feed(raw)
    tb.close()
    check_self_contained(tb, raw)
    check_print(tb)
    svg = map_svg(tb)
    check_expect(tb, raw, svg, want)


# ---- PNG --------------------------------------------------------------------

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def add_bytes(x, y, n, low, high):
    """Bytewise (x + y) mod 256 of two n-byte strings, on big integers:
    add the low seven bits of each byte, then put back the top bits with
    xor (no carry crosses into the next byte). Rows of "up" filtered PNG
    data decode in one step instead of a Python loop per byte."""
    a, b = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    return (((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big")


def sub_row(raw, bpp):
    chans = [itertools.accumulate(raw[k::bpp]) for k in range(bpp)]
    out = bytearray(len(raw))
    for k, ch in enumerate(chans):
        out[k::bpp] = bytes(v & 0xFF for v in ch)
    return out


def slow_row(ftype, raw, prev, bpp):
    line = bytearray(raw)
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        line[i] = (line[i] + ((a + b) // 2 if ftype == 3
                              else paeth(a, b, c))) & 0xFF
    return line


def unfilter(data, width, height, bpp):
    stride = width * bpp
    low, high = int.from_bytes(b"\x7f" * stride, "big"), \
        int.from_bytes(b"\x80" * stride, "big")
    out = bytearray()
    prev = bytes(stride)
    pos = 0
    for _ in range(height):
        ftype, raw = data[pos], data[pos + 1:pos + 1 + stride]
        pos += 1 + stride
        if ftype == 0:
            line = raw
        elif ftype == 1:
            line = sub_row(raw, bpp)
        elif ftype == 2:
            line = add_bytes(raw, prev, stride, low, high)
        else:
            line = slow_row(ftype, raw, prev, bpp)
        out += line
        prev = bytes(line)
    return out


def read_png(path):
    with open(path, "rb") as f:
        blob = f.read()
    if blob[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, b"", None
    while pos < len(blob):
        n, kind = struct.unpack(">I4s", blob[pos:pos + 8])
        body = blob[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype = hdr[0], hdr[1], hdr[2], hdr[3]
    if depth != 8 or ctype not in (2, 6):
        raise ValueError(f"unexpected PNG type {ctype}/{depth}")
    bpp = 3 if ctype == 2 else 4
    return w, h, bpp, unfilter(zlib.decompress(idat), w, h, bpp)


def check_png(path, min_ink, colours):
    try:
        w, h, bpp, px = read_png(path)
    except (OSError, ValueError, zlib.error) as err:
        report(False, "screenshot decodes", err)
        return
    report(w > 0 and h > 0, f"screenshot decodes ({w}x{h})")
    seen, ink = set(), 0
    for i in range(0, len(px), bpp):
        rgb = (px[i], px[i + 1], px[i + 2])
        seen.add(rgb)
        ink += rgb != (255, 255, 255)
    share = ink / (w * h)
    report(share >= min_ink, f"screenshot is not blank ({share:.1%} ink)",
           f"want at least {min_ink:.0%}")
    for c in colours:
        rgb = tuple(int(c[i:i + 2], 16) for i in (0, 2, 4))
        report(rgb in seen, f"colour #{c} drawn")


# ---- Chromium's net log and PDF ---------------------------------------------

def check_netlog(path):
    """Requests made for the page carry the file's origin in their network
    isolation key; the browser's own (updates, accounts) carry none, and
    are not the report's doing."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        log = json.loads(text)
    except ValueError:
        log = json.loads(text.rstrip().rstrip(",") + "]}")  # cut at exit
    kinds = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page = []
    for ev in log.get("events", []):
        p = ev.get("params") or {}
        if kinds.get(ev.get("type")) == "URL_REQUEST_START_JOB" and \
                str(p.get("network_isolation_key", "")).startswith("file:"):
            page.append(p.get("url", ""))
    outside = sorted(u for u in page if not u.startswith(("file:", "data:")))
    report(not outside, "the page requested nothing outside the file",
           outside[:5])


def check_pdf(path, lo, hi):
    with open(path, "rb") as f:
        blob = f.read()
    report(blob.startswith(b"%PDF-"), "a PDF file")
    parts = [blob]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", blob, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass  # not a deflated stream (an image, a font)
    text = b"".join(parts)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", text))
    report(lo <= pages <= hi, f"{pages} pages", f"want {lo} to {hi}")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", text)
    a4 = [b for b in boxes
          if abs(float(b[0]) - 595.3) < 1.5 and abs(float(b[1]) - 841.9) < 1.5]
    report(boxes and len(a4) == len(boxes), "every page is A4",
           boxes[:3])


def main(argv):
    if len(argv) == 4 and argv[1] == "html":
        check_html(argv[2], argv[3])
    elif len(argv) >= 4 and argv[1] == "png":
        check_png(argv[2], float(argv[3]), argv[4:])
    elif len(argv) == 3 and argv[1] == "netlog":
        check_netlog(argv[2])
    elif len(argv) == 5 and argv[1] == "pdf":
        check_pdf(argv[2], int(argv[3]), int(argv[4]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
