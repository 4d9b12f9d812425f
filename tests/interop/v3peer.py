#!/usr/bin/python3
"""v3peer.py - the Python side of tests/interop/v3.sh: capture and replay of raw datagrams, and
SNMPv3 notifications sent with pysnmp (3DES, AES-192/256 with Reeder or Blumenthal keys), over
loopback only.

  v3peer.py capture OUT CMD...        runs CMD with "@PORT@" replaced by the port of a UDP socket
                                      on 127.0.0.1, saves the first datagram it receives in OUT
  v3peer.py send HOST PORT FILE       sends the datagram in FILE
  v3peer.py pysnmp HOST PORT OP...    one pysnmp notification per OP, in one SnmpEngine per OP:
        KIND,USER,AUTH,PRIV,ENGINE,TEXT   KIND trap|inform; AUTH md5|sha; PRIV one of PRIVS below;
                                          ENGINE the hex engine ID for a trap ("-" for an inform)
                                      prints "OP <n> ok" or "OP <n> error <text>" per OP
  v3peer.py pysnmp-restart HOST PORT USER PRIV FLAG TEXT1 TEXT2
                                      one SnmpEngine sends inform TEXT1, waits (10 s at most) for
                                      the file FLAG to exist, then sends inform TEXT2 with the
                                      engine's boots/time still cached from before
Every wait is bounded; the exit status is 0 only when everything succeeded.
"""
import os
import socket
import subprocess
import sys
import time


def capture(out, cmd):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(5)
    port = str(s.getsockname()[1])
    cmd = [a.replace("@PORT@", port) for a in cmd]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=10)
    try:
        data, _ = s.recvfrom(65535)
    except socket.timeout:
        print("capture: nothing received", file=sys.stderr)
        return 1
    with open(out, "wb") as f:
        f.write(data)
    return 0


def send(host, port, path):
    with open(path, "rb") as f:
        data = f.read()
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    socket.socket(fam, socket.SOCK_DGRAM).sendto(data, (host, int(port)))
    return 0


def hl():
    import pysnmp.hlapi as h
    return h


def protocols(h):
    auth = {"md5": h.usmHMACMD5AuthProtocol, "sha": h.usmHMACSHAAuthProtocol}
    priv = {
        "none": h.usmNoPrivProtocol,
        "des": h.usmDESPrivProtocol,
        "3des": h.usm3DESEDEPrivProtocol,
        "aes": h.usmAesCfb128Protocol,
        # pysnmp 4.4: usmAesCfb192/256Protocol extend the key the Reeder way (Net-SNMP "-C"),
        # usmAesBlumenthalCfb192/256Protocol the Blumenthal way (Net-SNMP "AES-192/256")
        "aes192-reeder": h.usmAesCfb192Protocol,
        "aes256-reeder": h.usmAesCfb256Protocol,
        "aes192-blumenthal": h.usmAesBlumenthalCfb192Protocol,
        "aes256-blumenthal": h.usmAesBlumenthalCfb256Protocol,
    }
    return auth, priv


def notify(h, engine, user_data, host, port, kind, text, retries=0):
    fam = h.Udp6TransportTarget if ":" in host else h.UdpTransportTarget
    target = fam((host, int(port)), timeout=1, retries=retries)
    nt = h.NotificationType(h.ObjectIdentity("1.3.6.1.4.1.8072.2.3.0.1")).addVarBinds(
        ("1.3.6.1.4.1.8072.2.3.2.1", h.OctetString(text)))
    err, status, _, _ = next(h.sendNotification(engine, user_data, target, h.ContextData(), kind, nt))
    if err:
        return str(err)
    if status:
        return status.prettyPrint()
    return None


def pysnmp_ops(host, port, ops):
    h = hl()
    auth, priv = protocols(h)
    rc = 0
    for n, op in enumerate(ops, 1):
        kind, user, a, p, engine, text = op.split(",", 5)
        kw = {}
        if engine != "-":
            kw["securityEngineId"] = h.OctetString(hexValue=engine)
            eng = h.SnmpEngine(h.OctetString(hexValue=engine))
        else:
            eng = h.SnmpEngine()
        ud = h.UsmUserData(user, "authpass12", "privpass12" if p != "none" else None,
                           authProtocol=auth[a], privProtocol=priv[p], **kw)
        try:
            err = notify(h, eng, ud, host, port, kind, text)
        except Exception as e:  # a refusal by pysnmp itself is a result too
            err = "exception %s" % e
        if err:
            rc = 1
            print("OP %d error %s" % (n, err))
        else:
            print("OP %d ok" % n)
        sys.stdout.flush()
    return rc


def pysnmp_restart(host, port, user, p, flag, text1, text2):
    h = hl()
    auth, priv = protocols(h)
    eng = h.SnmpEngine()
    ud = h.UsmUserData(user, "authpass12", "privpass12" if p != "none" else None,
                       authProtocol=auth["sha"], privProtocol=priv[p])
    err = notify(h, eng, ud, host, port, "inform", text1)
    print("FIRST %s" % (err or "ok"))
    sys.stdout.flush()
    if err:
        return 1
    deadline = time.time() + 10
    while not os.path.exists(flag):
        if time.time() > deadline:
            print("SECOND no restart seen")
            return 1
        time.sleep(0.05)
    # the daemon restarted: its boots grew and its time restarted, pysnmp still has the old ones
    err = notify(h, eng, ud, host, port, "inform", text2, retries=2)
    print("SECOND %s" % (err or "ok"))
    return 1 if err else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "capture":
        return capture(argv[2], argv[3:])
    if len(argv) == 5 and argv[1] == "send":
        return send(*argv[2:])
    if len(argv) >= 5 and argv[1] == "pysnmp":
        return pysnmp_ops(argv[2], argv[3], argv[4:])
    if len(argv) == 9 and argv[1] == "pysnmp-restart":
        return pysnmp_restart(*argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
