#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (make test-fuzz).

make_corpus.py OUTDIR [PROTOS_CASES_PER_SUITE]

OUTDIR/rx:   every "message:" of tests/vectors/packets-netsnmp.txt and malformed-cve.txt and the
             first N cases (default 200) of each PROTOS c06 suite, each twice: behind selector
             octet 0x00 (disableAuthorization yes) and 0x01 (authCommunity entries), see fuzz_rx.c.
OUTDIR/conf: configuration lines and address/OID texts, behind an error-buffer size octet.
"""
import gzip
import hashlib
import os
import sys

VECTORS = ["tests/vectors/packets-netsnmp.txt", "tests/vectors/malformed-cve.txt"]
PROTOS = ["tests/vectors/protos-c06/c06-snmpv1-trap-app-r1.cases.txt.gz",
          "tests/vectors/protos-c06/c06-snmpv1-trap-enc-r1.cases.txt.gz"]

CONF = [
    "authCommunity log,execute,net public",
    "authCommunity log \"my community\" 10.0.0.0/8",
    "authCommunity net public 2001:db8::/32 .1.3.6.1.6.3.1.1.5",
    "authCommunity execute private ::ffff:192.0.2.7 1.3.6.1.4.1.8072",
    "authCommunity log public default -v myview",
    "authCommunity log public host.example.com",
    "disableAuthorization yes",
    "disableAuthorization no",
    "# comment\n\nauthCommunity log a\nauthCommunity net b 192.0.2.0/24\n",
    "format2 %V\\n% Agent Address: %A \\n Agent Hostname: %B \\n Date: %H - %J - %K - %L - %M - %Y",
    "traphandle default /usr/bin/logger -t trap",
    "createUser -e 0x8000000001020304 shauser SHA shaauthpass1 AES shaprivpass1",
    "10.0.0.0/8", "192.0.2.7", "::1", "::", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4/96",
    "fe80::1/10", "2001:db8::2:1", "default",
    "1.3.6.1.4.1.8072.2.3.0.1", ".1.3.6.1.6.3.1.1.4.1.0", "2.100.3", "1.3.4294967295",
]


def messages(path):
    with open(path) as f:
        for line in f:
            if line.startswith("message:"):
                yield bytes.fromhex(line.split(":", 1)[1].strip())


def protos(path, n):
    with gzip.open(path, "rt") as f:
        count = 0
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split()
            yield bytes.fromhex(cols[4] if len(cols) > 4 else "")
            count += 1
            if count >= n:
                return


def write(d, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rx = os.path.join(out, "rx")
    conf = os.path.join(out, "conf")
    os.makedirs(rx, exist_ok=True)
    os.makedirs(conf, exist_ok=True)
    seeds = []
    for v in VECTORS:
        seeds.extend(messages(v))
    for p in PROTOS:
        seeds.extend(protos(p, n))
    for s in seeds:
        write(rx, b"\x00" + s)
        write(rx, b"\x01" + s)
    for c in CONF:
        write(conf, b"\x80" + c.encode())
        write(conf, b"\x10" + c.encode())
    print("corpus: %d rx seeds, %d conf seeds in %s" % (2 * len(seeds), 2 * len(CONF), out))


main()
