#!/usr/bin/python3
"""slowdns.py - a tiny DNS server for the reverse-DNS interop test (tests/interop/dns.sh).

Usage: slowdns.py QUERYLOG   (listens on UDP 127.0.0.1:53; run it inside a network namespace)

Answers PTR queries only:
  127.0.0.2 and 127.0.1.0/24  after 4 s, with slowhost.test (127.0.1.N: slowN.test)
  127.0.0.3                   at once, with fasthost.test
  anything else               at once, NXDOMAIN
Every query is appended to QUERYLOG as one line "QNAME QTYPE" when it arrives, so the test can
count lookups. Each delayed answer is sent from its own thread, so a slow answer never holds
up a fast one. Prints "ready" on stdout once the socket is bound.
"""
import socket
import struct
import sys
import threading
import time

SLOW_S = 4.0


def qname(msg, off):
    labels = []
    while True:
        n = msg[off]
        off += 1
        if n == 0:
            return ".".join(labels), off
        if n & 0xC0:
            raise ValueError("compressed name in a question")
        labels.append(msg[off:off + n].decode("ascii", "replace"))
        off += n


def encode(name):
    out = b""
    for label in name.split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\0"


def answer_for(name):
    """(delay in seconds, PTR name or None for NXDOMAIN)"""
    suffix = ".in-addr.arpa"
    if not name.lower().endswith(suffix):
        return 0, None
    octets = name[:-len(suffix)].split(".")[::-1]
    if len(octets) != 4:
        return 0, None
    ip = ".".join(octets)
    if ip == "127.0.0.2":
        return SLOW_S, "slowhost.test"
    if ip.startswith("127.0.1."):
        return SLOW_S, "slow%s.test" % octets[3]
    if ip == "127.0.0.3":
        return 0, "fasthost.test"
    return 0, None


def reply(sock, peer, msg, qend, qtype, delay, ptr):
    if delay:
        time.sleep(delay)
    ident = msg[:2]
    question = msg[12:qend]
    if ptr is not None and qtype == 12:
        rdata = encode(ptr)
        header = ident + struct.pack(">HHHHH", 0x8180, 1, 1, 0, 0)
        rr = b"\xc0\x0c" + struct.pack(">HHIH", 12, 1, 60, len(rdata)) + rdata
        out = header + question + rr
    elif ptr is not None:
        out = ident + struct.pack(">HHHHH", 0x8180, 1, 0, 0, 0) + question  # no data
    else:
        out = ident + struct.pack(">HHHHH", 0x8183, 1, 0, 0, 0) + question  # NXDOMAIN
    sock.sendto(out, peer)


def main(argv):
    log = open(argv[1], "a", buffering=1)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 53))
    print("ready", flush=True)
    while True:
        msg, peer = sock.recvfrom(4096)
        try:
            name, off = qname(msg, 12)
            qtype = struct.unpack(">H", msg[off:off + 2])[0]
        except (ValueError, IndexError, struct.error):
            continue
        log.write("%s %d\n" % (name, qtype))
        delay, ptr = answer_for(name)
        threading.Thread(target=reply, args=(sock, peer, msg, off + 4, qtype, delay, ptr),
                         daemon=True).start()


if __name__ == "__main__":
    main(sys.argv)
