#!/usr/bin/python3
"""scapy_send.py - scapy (Debian python3-scapy) as an SNMP sender for tests/interop/peers.sh.

Builds one message with scapy's own SNMP layer and ASN.1 classes, prints its bytes in hex
("HEX 30..."), sends it over UDP and, for an inform, waits up to 2 s for the answer, decodes it
with scapy and prints "RESPONSE request-id N error-status N" and one "VB OID TYPE VALUE" line per
varbind ("NO RESPONSE" and exit 1 when nothing came). Does not check what the receiver logged.

Usage: scapy_send.py HOST PORT KIND
  inform-int       v2c inform, varbinds INTEGER -2^31 and 2^31-1 as scapy's ASN1_INTEGER encodes
                   them (-2^31 is 02 05 FF 80 00 00 00 in scapy 2.5)
  inform-int-zero  the same, but 2^31-1 with a redundant leading zero octet (02 05 00 7F FF FF
                   FF): no scapy version writes that, so that one INTEGER's content octets are
                   given by hand; the rest of the message is scapy's
  trap-v1          a v1 trap;  trap-v2c  a v2c trap (community public)
"""
import random
import socket
import sys

from scapy.asn1.asn1 import (ASN1_Class_UNIVERSAL, ASN1_INTEGER, ASN1_IPADDRESS, ASN1_OID,
                             ASN1_STRING, ASN1_TIME_TICKS)
from scapy.layers.snmp import (SNMP, SNMPinform, SNMPresponse, SNMPtrapv1, SNMPtrapv2,
                               SNMPvarbind)

UPTIME = "1.3.6.1.2.1.1.3.0"
TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0"
VB = "1.3.6.1.4.1.8072.2.3.2."


class PaddedInteger(ASN1_INTEGER):
    """An INTEGER whose content octets are given, for the one encoding scapy never makes."""

    def __init__(self, val, content):
        super().__init__(val)
        self.content = content

    def enc(self, codec):
        return bytes([0x02, len(self.content)]) + self.content  # tag INTEGER, length


# Defining the subclass registered it as the decoder of every INTEGER scapy reads (its ASN.1
# metaclass does that); the Response must be decoded with scapy's own class.
ASN1_Class_UNIVERSAL.INTEGER.register_asn1_object(ASN1_INTEGER)


def vb(oid, value):
    return SNMPvarbind(oid=ASN1_OID(oid), value=value)


def build(kind, reqid):
    head = [vb(UPTIME, ASN1_TIME_TICKS(4242)),
            vb(TRAP_OID, ASN1_OID("1.3.6.1.4.1.8072.2.3.0.1"))]
    if kind in ("inform-int", "inform-int-zero"):
        top = ASN1_INTEGER(2**31 - 1)
        if kind == "inform-int-zero":
            top = PaddedInteger(2**31 - 1, b"\x00\x7f\xff\xff\xff")
        return SNMP(version=1, community=b"public", PDU=SNMPinform(id=reqid, varbindlist=head + [
            vb(VB + "1", ASN1_INTEGER(-2**31)), vb(VB + "2", top),
            vb(VB + "3", ASN1_STRING(b"scapy " + kind.encode()))]))
    if kind == "trap-v2c":
        return SNMP(version=1, community=b"public", PDU=SNMPtrapv2(id=reqid, varbindlist=head + [
            vb(VB + "1", ASN1_INTEGER(42)), vb(VB + "3", ASN1_STRING(b"scapy v2c trap"))]))
    if kind == "trap-v1":
        return SNMP(version=0, community=b"public", PDU=SNMPtrapv1(
            enterprise=ASN1_OID("1.3.6.1.4.1.8072.2.3.1"), agent_addr=ASN1_IPADDRESS("192.0.2.9"),
            generic_trap=6, specific_trap=17, time_stamp=ASN1_TIME_TICKS(4242),
            varbindlist=[vb(VB + "1", ASN1_INTEGER(-7)),
                         vb(VB + "3", ASN1_STRING(b"scapy v1 trap"))]))
    sys.exit("unknown kind " + kind)


def main():
    host, port, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    reqid = random.randint(1, 2**31 - 1)
    msg = bytes(build(kind, reqid))
    print("HEX " + " ".join("%02X" % b for b in msg))
    print("SENT request-id %d" % reqid)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(2)
    s.sendto(msg, (host, port))
    if not kind.startswith("inform"):
        return 0
    try:
        data, _ = s.recvfrom(65535)
    except socket.timeout:
        print("NO RESPONSE")
        return 1
    print("RECEIVED " + " ".join("%02X" % b for b in data))
    ans = SNMP(data)
    pdu = ans.PDU
    if not isinstance(pdu, SNMPresponse):
        print("NOT A RESPONSE " + pdu.__class__.__name__)
        return 1
    print("RESPONSE request-id %d error-status %d" % (int(pdu.id.val), int(pdu.error.val)))
    for v in pdu.varbindlist:
        print("VB %s %s %s" % (v.oid.val, v.value.__class__.__name__, v.value.val))
    return 0


if __name__ == "__main__":
    sys.exit(main())
