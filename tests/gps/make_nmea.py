#!/usr/bin/env python3
"""make_nmea: small NMEA 0183 logs for gpsfake, for trygg's GPS tests.

One epoch per second: GGA, GSA and RMC, each with its checksum, and every
fifth second the satellites in view (GSV), as many receivers send them. The receiver either stands at one place or walks a polyline at a
steady pace. With --no-fix it reports no fix (GGA quality 0, GSA mode 1,
RMC status V, empty position fields), as a receiver does before it has one.

gpsd 3.22 derives the horizontal error (eph) from HDOP times its assumed
range error: 19 m, or 4.75 m with DGPS (GGA quality 2). So --hdop 1.05
--dgps gives a 5 m fix, --hdop 1.84 a 35 m one.

The output is deterministic; its first line says how it was made, so a
test can make the log again and compare.

usage: make_nmea.py [options] > log.nmea
"""
import argparse
import datetime
import math
import shlex
import sys

EARTH_R = 6371008.8  # mean Earth radius, metres


def checksum(body):
    """XOR of every character between '$' and '*'."""
    c = 0
    for ch in body.encode("ascii"):
        c ^= ch
    return "%02X" % c


def sentence(body):
    return "$%s*%s" % (body, checksum(body))


def ddmm(value, deg_digits):
    """Degrees as NMEA (d)ddmm.mmmmmm with its hemisphere sign removed."""
    v = abs(value)
    deg = int(v)
    minutes = (v - deg) * 60.0
    if round(minutes, 6) >= 60.0:  # 59.9999999' rounds up: carry
        deg, minutes = deg + 1, 0.0
    return "%0*d%09.6f" % (deg_digits, deg, minutes)


def lat_fields(lat):
    return ddmm(lat, 2), "N" if lat >= 0 else "S"


def lon_fields(lon):
    return ddmm(lon, 3), "E" if lon >= 0 else "W"


def metres(a, b):
    """Distance between two (lat, lon) points, local flat approximation."""
    k = EARTH_R * math.pi / 180
    dn = (b[0] - a[0]) * k
    de = (b[1] - a[1]) * k * math.cos(math.radians(a[0]))
    return math.hypot(dn, de)


def bearing(a, b):
    k = math.cos(math.radians(a[0]))
    return math.degrees(math.atan2((b[1] - a[1]) * k, b[0] - a[0])) % 360


def walk(points, speed, epochs):
    """(lat, lon, speed m/s, track deg) once a second along the polyline."""
    out = []
    leg, done = 0, 0.0  # current leg, metres walked on it
    for _ in range(epochs):
        while leg < len(points) - 1 and done >= metres(points[leg],
                                                       points[leg + 1]):
            done -= metres(points[leg], points[leg + 1])
            leg += 1
        if leg >= len(points) - 1:  # at the end: stand there
            out.append((points[-1][0], points[-1][1], 0.0, 0.0))
            continue
        a, b = points[leg], points[leg + 1]
        f = done / metres(a, b)
        out.append((a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]),
                    speed, bearing(a, b)))
        done += speed
    return out


PRNS = (2, 5, 7, 9, 13, 15, 18, 20, 24, 29, 30, 31)


def gsv(prns, weak):
    """GSV sentences for these satellites: made-up elevation and azimuth,
    signal strength 18..24 dB-Hz when weak, else 30..44."""
    out = []
    n_msg = (len(prns) + 3) // 4
    for m in range(n_msg):
        body = "GPGSV,%d,%d,%02d" % (n_msg, m + 1, len(prns))
        for prn in prns[4 * m:4 * m + 4]:
            snr = 18 + prn % 7 if weak else 30 + prn % 15
            body += ",%02d,%02d,%03d,%02d" % (prn, 5 + prn * 37 % 80,
                                             prn * 83 % 360, snr)
        out.append(body)
    return out


def epoch_sentences(i, t, pos, args):
    hms = t.strftime("%H%M%S") + ".00"
    dmy = t.strftime("%d%m%y")
    sky = i % 5 == 0
    if args.no_fix:
        used = [""] * 12
        gga = "GPGGA,%s,,,,,0,00,99.99,,,,,," % hms
        gsa = "GPGSA,A,1,%s,99.99,99.99,99.99" % ",".join(used)
        rmc = "GPRMC,%s,V,,,,,,,%s,,,N" % (hms, dmy)
        return [gga, gsa] + (gsv(PRNS[:3], True) if sky else []) + [rmc]
    lat, lon, speed, track = pos
    la, ns = lat_fields(lat)
    lo, ew = lon_fields(lon)
    n = args.sats
    used = ["%02d" % p for p in PRNS[:n]] + [""] * (12 - n)
    quality = 2 if args.dgps else 1
    gga = ("GPGGA,%s,%s,%s,%s,%s,%d,%02d,%.2f,%.1f,M,%.1f,M,,"
           % (hms, la, ns, lo, ew, quality, n, args.hdop, args.alt, 24.5))
    gsa = ("GPGSA,A,3,%s,%.2f,%.2f,%.2f"
           % (",".join(used), args.hdop * 1.6, args.hdop, args.hdop * 1.3))
    rmc = ("GPRMC,%s,A,%s,%s,%s,%s,%.2f,%.1f,%s,,,%s"
           % (hms, la, ns, lo, ew, speed / 0.514444, track, dmy,
              "D" if args.dgps else "A"))
    seen = gsv(PRNS[:min(n + 2, 12)], False) if sky else []
    return [gga, gsa] + seen + [rmc]


def parse_points(text):
    pts = []
    for part in text.split(";"):
        la, lo = part.split(",")
        pts.append((float(la), float(lo)))
    return pts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--points", default="59.708349420,14.159470306",
                   help="LAT,LON[;LAT,LON...]: stand at one, or walk them")
    p.add_argument("--speed", type=float, default=1.2, help="m/s walking")
    p.add_argument("--epochs", type=int, default=20, help="seconds of log")
    p.add_argument("--start", default="2024-05-14T18:30:00",
                   help="UTC time of the first epoch")
    p.add_argument("--hdop", type=float, default=0.9)
    p.add_argument("--sats", type=int, default=8)
    p.add_argument("--alt", type=float, default=110.0)
    p.add_argument("--dgps", action="store_true", help="GGA quality 2")
    p.add_argument("--no-fix", action="store_true",
                   help="the receiver has no fix")
    args = p.parse_args()
    if not 3 <= args.sats <= 12:
        p.error("--sats must be 3..12")
    t = datetime.datetime.strptime(args.start, "%Y-%m-%dT%H:%M:%S")
    track = walk(parse_points(args.points), args.speed, args.epochs)
    out = sys.stdout
    out.write("# make_nmea.py %s\n" % shlex.join(sys.argv[1:]))
    for i, pos in enumerate(track):
        for body in epoch_sentences(i, t + datetime.timedelta(seconds=i),
                                    pos, args):
            out.write(sentence(body) + "\r\n")


if __name__ == "__main__":
    main()
