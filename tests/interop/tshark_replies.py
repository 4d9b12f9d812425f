#!/usr/bin/python3
"""tshark_replies.py - has tshark (Wireshark 4.0, Debian package tshark) decode and verify every
SNMP message tinytrapd sent in a capture: used at the end of tests/interop/v3.sh.

Writes Wireshark's USM users table (the snmp_users UAT) from USERS into a private configuration
directory (XDG_CONFIG_HOME, so no ~/.config is read), runs tshark on PCAP with the daemon's
PORTS decoded as SNMP, and checks each message whose source port is one of PORTS (the replies:
Responses and Reports) for
  - no malformed packet and no expert info above "chat" (tshark reports a wrong digest as the
    warning "SNMP Authentication Error", an undecryptable PDU as "Decrypted data not formatted
    as expected, wrong key?" and a malformed packet);
  - authenticated (msgFlags auth bit): snmp.v3.auth true, the digest tshark computed matches;
  - encrypted (msgFlags priv bit): decrypted to a Response or Report;
  - a Response or Report whose msgID is that of a request the same client sent, and whose
    request-id is that request's (compared when tshark decoded both); a Report may carry 0, the
    request-id of a scoped PDU the daemon could not read (RFC 3414 checks the time window and
    the digest before it decrypts).
Prints "replies N authenticated A decrypted D undecryptable-by-wireshark U" and one "PROBLEM ..."
line per failure; exits 1 on a problem. It does not look at the requests' own validity.

Wireshark 4.0 has no 3DES and extends AES-192/256 keys only as Reeder (tinytrapd's AES-192-C,
AES-256-C); for Blumenthal AES-192/256 (AES-192, AES-256) the two extensions differ only when
the auth hash is shorter than the key (MD5, SHA-1; SHA-224 for AES-256). Users whose privacy key
Wireshark cannot form are left out of its table (with any key, a wrong one, it decrypts garbage
and may stop before it checks the digest): their encrypted replies are only decoded, and counted
as undecryptable-by-wireshark, never as authenticated or decrypted.

Usage: tshark_replies.py PCAP USERS PORT... [--wrong USER:auth|USER:priv]... [--odd-engine HEX]
  USERS: lines "NAME AUTH AUTHPASS [PRIV PRIVPASS]" in createUser's spellings (no -e: the keys
  are localized to the engine in each message, as tinytrapd's users without -e are)
  --wrong: gives tshark a wrong auth or privacy pass phrase for USER (to show the check fails)
  --odd-engine: an engine ID the test configured that does not follow RFC 3411's formats (tshark
  notes "Data not conforming to RFC3411" for it, and nothing else is excused)
"""
import collections
import os
import subprocess
import sys
import tempfile

AUTH = {"MD5": ("MD5", 16), "SHA": ("SHA1", 20), "SHA-224": ("SHA2-224", 28),
        "SHA-256": ("SHA2-256", 32), "SHA-384": ("SHA2-384", 48), "SHA-512": ("SHA2-512", 64)}
# createUser PRIV -> (Wireshark priv_proto, key length, True when Blumenthal extension)
PRIV = {"DES": ("DES", 8, False), "AES": ("AES", 16, False), "AES-192": ("AES192", 24, True),
        "AES-256": ("AES256", 32, True), "AES-192-C": ("AES192", 24, False),
        "AES-256-C": ("AES256", 32, False), "3DES": (None, 32, False)}
CHAT = 0x00200000  # PI_CHAT: "SNMP Authentication OK"
FIELDS = ["frame.number", "udp.srcport", "udp.dstport", "ip.src", "ipv6.src", "ip.dst",
          "ipv6.dst", "snmp.msgVersion", "snmp.msgID", "snmp.msgUserName", "snmp.v3.flags.auth",
          "snmp.v3.flags.crypt", "snmp.msgAuthoritativeEngineID", "snmp.v3.auth", "snmp.request_id", "snmp.data",
          "_ws.expert.severity", "_ws.expert.message", "_ws.malformed"]
PDU = {"2": "Response", "8": "Report"}


def uat(users, wrong):
    rows, opaque = [], set()
    for line in users:
        f = line.split()
        if len(f) < 3:
            continue
        name, auth, apass = f[0], f[1], f[2]
        # a pass phrase even where none is used: tshark derives a key from it anyway, and from
        # an empty one a different key on each run
        priv, ppass = (f[3], f[4]) if len(f) >= 5 else (None, "unused-privacy")
        wauth, hlen = AUTH[auth]
        wpriv = "DES"
        if priv:
            proto, klen, blumenthal = PRIV[priv]
            if proto is None or (blumenthal and hlen < klen):
                opaque.add(name)
                continue
            wpriv = proto
        if name.lower() + ":auth" in wrong:
            apass = "wrong" + apass
        if name.lower() + ":priv" in wrong:
            ppass = "wrong" + ppass
        rows.append('"","%s","%s","%s","%s","%s"\n' % (name, wauth, apass, wpriv, ppass))
    return rows, opaque


def main():
    args = sys.argv[1:]
    wrong, odd = set(), set()
    for opt, into in (("--wrong", wrong), ("--odd-engine", odd)):
        while opt in args:
            i = args.index(opt)
            into.add(args[i + 1].lower())
            del args[i:i + 2]
    pcap, users_file, ports = args[0], args[1], set(args[2:])
    with open(users_file) as f:
        rows, opaque = uat(f, wrong)
    conf = tempfile.mkdtemp(prefix="tinytrap-tshark.")
    os.makedirs(os.path.join(conf, "wireshark"))
    with open(os.path.join(conf, "wireshark", "snmp_users"), "w") as f:
        f.writelines(rows)
    env = dict(os.environ, XDG_CONFIG_HOME=conf, HOME=conf)
    cmd = ["tshark", "-n", "-r", pcap, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a",
           "-E", "aggregator=,", "-Y", "snmp"]
    for p in sorted(ports):
        cmd += ["-d", "udp.port==%s,snmp" % p]
    for fld in FIELDS:
        cmd += ["-e", fld]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print("PROBLEM tshark exited %d: %s" % (out.returncode, out.stderr.strip()))
        return 1
    requests = {}
    replies = []
    for line in out.stdout.splitlines():
        r = dict(zip(FIELDS, line.split("|")))
        src = r["ip.src"] or r["ipv6.src"]
        dst = r["ip.dst"] or r["ipv6.dst"]
        if r["udp.srcport"] in ports:
            r["client"] = (dst, r["udp.dstport"], r["snmp.msgID"])
            replies.append(r)
        elif r["udp.dstport"] in ports:
            requests[(src, r["udp.srcport"], r["snmp.msgID"])] = r
    problems = []
    n_auth = n_dec = n_opaque = 0
    for r in replies:
        where = "frame %s (%s user '%s' to port %s)" % (
            r["frame.number"], PDU.get(r["snmp.data"], "PDU " + r["snmp.data"]),
            r["snmp.msgUserName"], r["client"][1])
        user_opaque = r["snmp.msgUserName"] in opaque
        sev = [int(s) for s in r["_ws.expert.severity"].split(",") if s]
        msgs = [m for m in r["_ws.expert.message"].split(",") if m]
        bad = [m for s, m in zip(sev, msgs) if s > CHAT]
        if r["snmp.msgAuthoritativeEngineID"].replace(":", "") in odd:
            bad = [m for m in bad if m != "Data not conforming to RFC3411"]
        if r["_ws.malformed"]:
            bad.append("malformed packet")
        if r["snmp.msgVersion"] != "3":
            bad.append("not SNMPv3")
        if r["snmp.v3.flags.auth"] == "1" and not user_opaque:
            if r["snmp.v3.auth"] == "1":
                n_auth += 1
            else:
                bad.append("authentication not verified")
        if r["snmp.v3.flags.crypt"] == "1":
            if user_opaque:
                n_opaque += 1
            elif r["snmp.data"] in PDU and r["snmp.request_id"]:
                n_dec += 1
            else:
                bad.append("not decrypted")
        if not user_opaque or r["snmp.v3.flags.crypt"] != "1":
            if r["snmp.data"] not in PDU:
                bad.append("neither a Response nor a Report")
        req = requests.get(r["client"])
        if req is None:
            bad.append("no request with msgID %s from that client" % r["snmp.msgID"])
        elif req["snmp.request_id"] and r["snmp.request_id"] and \
                req["snmp.request_id"] != r["snmp.request_id"] and \
                not (r["snmp.data"] == "8" and r["snmp.request_id"] == "0"):
            bad.append("request-id %s, the request's is %s" % (r["snmp.request_id"],
                                                               req["snmp.request_id"]))
        for b in bad:
            problems.append("%s: %s" % (where, b))
    print("replies %d authenticated %d decrypted %d undecryptable-by-wireshark %d"
          % (len(replies), n_auth, n_dec, n_opaque))
    for p in problems:
        print("PROBLEM " + p)
    by_kind = collections.Counter(PDU.get(r["snmp.data"], "other") for r in replies)
    print("kinds " + " ".join("%s %d" % kv for kv in sorted(by_kind.items())))
    return 1 if problems or not replies else 0


if __name__ == "__main__":
    sys.exit(main())
