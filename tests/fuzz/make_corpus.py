#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (make test-fuzz).

make_corpus.py OUTDIR [PROTOS_CASES_PER_SUITE]

OUTDIR/rx:   every "message:" of tests/vectors/packets-netsnmp.txt and malformed-cve.txt, the
             first N cases (default 200) of each PROTOS c06 suite, and SNMPv3 messages built
             from the captures (below), each twice: behind selector octet 0x00
             (disableAuthorization yes) and 0x01 (authCommunity entries), see fuzz_rx.c.
             The captured authenticated v3 messages stop at the MAC once mutated, so the
             v3 seeds also carry every captured ScopedPDU (decrypted) as noAuthNoPriv from
             the wildcard user noauthuser: traps from the captures' sender engine, informs
             to our engine at engineTime 34 (Responses, tooBig with msgMaxSize 484 behind
             a selector for a 484-octet reply limit too), a v1 Trap-PDU inside v3,
             discovery probes, and a few invalid headers.
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
    "authCommunity log,execute public\0 192.0.2.0/24",
    "#\0 authCommunity log public",
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
    "createUser u MD5 -m 0x0102030405060708090a0b0c0d0e0f10 DES -m 0x0102030405060708090a0b0c0d0e0f10",
    "createUser -e 8000000001020304 u SHA -l 0x0102030405060708090a0b0c0d0e0f1011121314 AES",
    "createUser -e 0x80000001 u s password1 a",
    "createUser u SHA short",
    "createUser nopass\ncreateUser nopass\nauthUser log nopass noauth",
    "authUser log,execute,net -s usm shauser priv",
    "authUser log u authNoPriv .1.3",
    "engineID my-receiver",
    "exactEngineID 0x80001f88800102030405060708",
    "exactEngineID 0x0102\nexactEngineID abc\nexactEngineID 1234567890",
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


# --- SNMPv3 seeds ---------------------------------------------------------------------------

TRAP_ENGINE = bytes.fromhex("8000000001020304")      # snmptrap -e of the captures
OUR_ENGINE = bytes.fromhex("80001f88800102030405060708")  # the receiver's (fuzz_rx.c)


def tlv(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + content


def integer(v, tag=0x02):
    n = 1
    while not -(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1)):
        n += 1
    return tlv(tag, v.to_bytes(n, "big", signed=True))


def octets(b):
    return tlv(0x04, b)


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def oid(text):
    arcs = [int(a) for a in text.strip(".").split(".")]
    out = bytearray()
    for i, a in enumerate([arcs[0] * 40 + arcs[1]] + arcs[2:]):
        chunk = [a & 0x7f]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7f))
            a >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, bytes(out))


def read_tlv(b, i=0):
    """(tag, content start, content end) of the TLV at b[i]."""
    tag, n = b[i], b[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(b[i:i + k], "big")
        i += k
    return tag, i, i + n


def v3(scoped, flags=0, engine=TRAP_ENGINE, boots=1, time=12345, user=b"noauthuser",
       msg_id=4711, max_size=65507, model=3):
    header = seq(integer(msg_id), integer(max_size), octets(bytes([flags])), integer(model))
    usm = seq(octets(engine), integer(boots), integer(time), octets(user), octets(b""),
              octets(b""))
    return seq(integer(3), header, octets(usm), scoped)


def scoped_pdu(pdu, ctx_engine=OUR_ENGINE, ctx_name=b""):
    return seq(octets(ctx_engine), octets(ctx_name), pdu)


def blocks(path):
    block = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("["):
                if block:
                    yield block
                block = {"name": line.strip("[]")}
            elif ": " in line and block:
                k, v = line.split(": ", 1)
                block.setdefault(k, v)
    if block:
        yield block


def v3_seeds():
    """(selector bits, datagram) pairs; the selector's bit 0 is added by the caller."""
    out = []
    for b in blocks(VECTORS[0]):
        sp = b.get("scopedPDU") or b.get("scopedPDU (plaintext)")
        if b.get("version") != "v3" or not sp:
            continue
        sp = bytes.fromhex(sp)
        tag, s, e = read_tlv(sp)
        # the PDU is the third element of the ScopedPDU
        i = s
        for _ in range(2):
            _, _, i = read_tlv(sp, i)
        pdu_tag = sp[i]
        if pdu_tag == 0xa6:      # InformRequest: to our engine, reportable
            out.append((0, v3(sp, 0x04, OUR_ENGINE, 1, 34)))
            out.append((0, v3(sp, 0x04, OUR_ENGINE, 1, 400)))   # outside our window
            out.append((0, v3(sp, 0x04, OUR_ENGINE, 2, 34)))
            out.append((0, v3(sp, 0x00, OUR_ENGINE, 1, 34)))    # inform, not reportable
        elif pdu_tag == 0xa7:    # SNMPv2-Trap: from the sender's engine
            out.append((0, v3(sp)))
            out.append((0, v3(sp, 0x04)))                        # a reportable trap
        else:                    # the discovery probe, the Report, the Response
            out.append((0, v3(sp, 0x04, b"", 0, 0, b"")))
            out.append((0, v3(sp, 0x04, OUR_ENGINE, 1, 34)))
    # a v1 Trap-PDU inside SNMPv3
    for b in blocks(VECTORS[0]):
        if b["name"] == "v1-trap":
            m = bytes.fromhex(b["message"])
            _, s, _ = read_tlv(m)
            _, _, i = read_tlv(m, s)      # version
            _, _, i = read_tlv(m, i)      # community
            _, _, j = read_tlv(m, i)
            out.append((0, v3(scoped_pdu(m[i:j], TRAP_ENGINE))))
    # an inform whose Response exceeds its msgMaxSize: tooBig (also with a 484-octet limit)
    vbs = [seq(oid("1.3.6.1.2.1.1.3.0"), integer(1, 0x43)),
           seq(oid("1.3.6.1.6.3.1.1.4.1.0"), oid("1.3.6.1.6.3.1.1.5.1"))]
    vbs += [seq(oid("1.3.6.1.4.1.99999.1.%d" % k), octets(b"x" * 40)) for k in range(14)]
    inform = tlv(0xa6, integer(7) + integer(0) + integer(0) + seq(*vbs))
    for max_size in (484, 65507):
        big = v3(scoped_pdu(inform), 0x04, OUR_ENGINE, 1, 34, max_size=max_size)
        out.append((0, big))
        out.append((0x08, big))
    # invalid headers: privacy without authentication, another security model, msgMaxSize 483
    trap = tlv(0xa7, integer(8) + integer(0) + integer(0) + seq(*vbs[:2]))
    out.append((0, v3(scoped_pdu(trap, TRAP_ENGINE), 0x02)))
    out.append((0, v3(scoped_pdu(trap, TRAP_ENGINE), 0x00, model=2)))
    out.append((0, v3(scoped_pdu(trap, TRAP_ENGINE), 0x00, max_size=483)))
    out.append((0, v3(scoped_pdu(trap, TRAP_ENGINE), 0x00, user=b"unknownuser")))
    out.append((0, v3(scoped_pdu(trap, TRAP_ENGINE), 0x01, user=b"shauser")))
    return out


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
    v3s = v3_seeds()
    for sel, s in v3s:
        write(rx, bytes([sel]) + s)
        write(rx, bytes([sel | 1]) + s)
    for c in CONF:
        write(conf, b"\x80" + c.encode())
        write(conf, b"\x10" + c.encode())
    print("corpus: %d rx seeds (%d built SNMPv3), %d conf seeds in %s"
          % (2 * len(seeds) + 2 * len(v3s), 2 * len(v3s), 2 * len(CONF), out))


main()
