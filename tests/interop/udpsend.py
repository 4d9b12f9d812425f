#!/usr/bin/python3
"""udpsend.py - send test datagrams to a trap receiver over UDP (interop tests).

Usage: udpsend.py HOST PORT [--cve FILE] [--protos FILE.gz --limit N]... [--hex HEX]...
                  [--flood N]

--cve FILE      every "message: <hex>" line of tests/vectors/malformed-cve.txt
--protos FILE   the first --limit cases of a PROTOS c06 *.cases.txt.gz file (columns:
                case_no wire_len captured_len FULL|TRUNC hex); TRUNC cases are sent as captured
--hex HEX       one datagram given in hex
--flood N       the datagrams given before it, repeated round robin to N in all and sent
                back to back (to overflow a receiver's socket buffer on purpose)

Prints the number of datagrams sent. Without --flood it pauses briefly every 100 so that a
receiver with a default-sized socket buffer keeps up. Loopback only: the host must be 127.0.0.1
or ::1.
"""
import gzip
import socket
import sys
import time


def cve_messages(path):
    with open(path) as f:
        for line in f:
            if line.startswith("message:"):
                yield bytes.fromhex(line.split(":", 1)[1].strip())


def protos_cases(path, limit):
    n = 0
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            if n >= limit:
                break
            cols = line.split()
            yield bytes.fromhex(cols[4])
            n += 1


def main(argv):
    host, port = argv[1], int(argv[2])
    if host not in ("127.0.0.1", "::1"):
        sys.exit("udpsend.py: loopback only")
    datagrams = []
    limit = 300
    flood = False
    i = 3
    while i < len(argv):
        opt = argv[i]
        if opt == "--limit":
            limit = int(argv[i + 1])
        elif opt == "--cve":
            datagrams.extend(cve_messages(argv[i + 1]))
        elif opt == "--protos":
            datagrams.extend(protos_cases(argv[i + 1], limit))
        elif opt == "--hex":
            datagrams.append(bytes.fromhex(argv[i + 1]))
        elif opt == "--flood":
            # the datagrams so far, repeated to N in all, sent without pauses
            n = int(argv[i + 1])
            datagrams = [datagrams[k % len(datagrams)] for k in range(n)]
            flood = True
        else:
            sys.exit("udpsend.py: unknown option " + opt)
        i += 2
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    sent = 0
    for d in datagrams:
        s.sendto(d, (host, port))
        sent += 1
        if sent % 100 == 0 and not flood:
            time.sleep(0.01)
    print(sent)


if __name__ == "__main__":
    main(sys.argv)
