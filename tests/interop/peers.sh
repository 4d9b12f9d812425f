#!/usr/bin/env bash
# peers.sh - interop tests of tinytrapd against three more SNMP implementations over loopback:
# gosnmp (tests/interop/gosnmp/send.go, built by interop.mk), Perl's Net::SNMP
# (tests/interop/netsnmp-perl.pl) and scapy (tests/interop/scapy_send.py), each sending v1/v2c
# traps, v2c informs and SNMPv3 traps and informs as it really encodes them. Prints TAP lines and
# exits non-zero when a test failed. It does not test Net-SNMP's tools (run.sh, v3.sh do).
#
# Usage: tests/interop/peers.sh build/posix/tinytrapd build/posix/gosnmp-send
#
# One daemon on a free loopback port, killed at the end whatever happens (trap EXIT); every
# sender has one try and a 2 s timeout; the whole run takes a few seconds.
set -u

DAEMON=$(readlink -f "${1:?usage: peers.sh path/to/tinytrapd path/to/gosnmp-send}")
GOSEND=$(readlink -f "${2:?usage: peers.sh path/to/tinytrapd path/to/gosnmp-send}")
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
PERLPEER=$HERE/netsnmp-perl.pl
SCAPY=$HERE/scapy_send.py
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tinytrap-peers.XXXXXX")
unset MIBS MIBDIRS
export SNMPCONFPATH=$WORK/snmpconf HOME=$WORK/home SNMP_PERSISTENT_DIR=$WORK/client-state
mkdir -p "$SNMPCONFPATH" "$HOME" "$SNMP_PERSISTENT_DIR"
echo "mibs :" >"$SNMPCONFPATH/snmp.conf"

# shellcheck source=tests/interop/lib.sh
. "$HERE/lib.sh"

[ -x "$GOSEND" ] || { echo "Bail out! $GOSEND is missing (make builds it; Debian golang-go, golang-github-gosnmp-gosnmp-dev)"; exit 1; }
perl -MNet::SNMP -MCrypt::DES -MDigest::HMAC -MCrypt::Rijndael -e 1 2>/dev/null ||
  { echo "Bail out! Net::SNMP is missing (Debian libnet-snmp-perl libcrypt-des-perl libdigest-hmac-perl libcrypt-rijndael-perl)"; exit 1; }
"$PY" -c 'import scapy.layers.snmp' 2>/dev/null || { echo "Bail out! scapy is missing (Debian python3-scapy)"; exit 1; }
command -v snmptrap >/dev/null || { echo "Bail out! snmptrap is missing (Debian package snmp)"; exit 1; }

AUTHS="MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512"
PRIVS="none DES AES AES-192 AES-256 AES-192-C AES-256-C"
# gosnmp's informs, at authPriv (defect: gosnmp clears the reportable flag of every v3 message)
GO_INFORMS="SHA:AES SHA-256:AES-256-C SHA-512:AES-192 MD5:DES"
VB=1.3.6.1.4.1.8072.2.3.2

# --- the daemon: communities, gosnmp's and Net::SNMP's users --------------------------------------
pick_port PT
T=127.0.0.1:$PT
CONF=$WORK/peers.conf
{
  echo "authCommunity log public"
  ai=0
  for a in $AUTHS; do
    ai=$((ai + 1)); pi=0
    for x in $PRIVS; do
      pi=$((pi + 1))
      if [ "$x" = none ]; then sec="$a authpass12"; else sec="$a authpass12 $x privpass12"; fi
      printf 'createUser -e 0x80000000010210%02x%02x g-%s-%s %s\n' $ai $pi "$a" "$x" "$sec"
      echo "authUser log g-$a-$x"
    done
  done
  echo "createUser -e 0x8000000001021099 g-noauth"
  echo "authUser log g-noauth noauth"
  for ax in $GO_INFORMS; do
    echo "createUser gi-${ax%:*}-${ax#*:} ${ax%:*} authpass12 ${ax#*:} privpass12"
    echo "authUser log gi-${ax%:*}-${ax#*:}"
  done
  cat <<'EOT'
createUser -e 0x8000000001021101 pt-sha-aes SHA authpass12 AES privpass12
createUser -e 0x8000000001021102 pt-md5-des MD5 authpass12 DES privpass12
createUser pi-sha-aes SHA authpass12 AES privpass12
createUser pi-md5-des MD5 authpass12 DES privpass12
authUser log pt-sha-aes
authUser log pt-md5-des
authUser log pi-sha-aes
authUser log pi-md5-des
EOT
} >"$CONF"
users=$(grep -c '^createUser' "$CONF")
if SNMP_PERSISTENT_DIR=$WORK/state start peers "$CONF" "udp:$T"; then
  ok "tinytrapd starts with $users USM users on udp:$T"
else
  not_ok "tinytrapd starts with $users USM users on udp:$T" "$(cat "$ERR")"
  echo "Bail out! no daemon"; exit 1
fi
check "no warning at start" test ! -s "$ERR"

# --- 1: gosnmp --------------------------------------------------------------------------------------
# v2c trap: the same content as a Net-SNMP snmptrap gives the same logged record
SAME=("$VB.1" i 42 1.3.6.1.2.1.1.5.0 s "same content" 1.3.6.1.2.1.4.20.1.1.10.0.0.1 a 10.0.0.1
  1.3.6.1.2.1.1.2.0 o 1.3.6.1.4.1.8072 1.3.6.1.2.1.2.2.1.10.1 c 1000
  1.3.6.1.2.1.31.1.1.1.6.1 C 12345678901 1.3.6.1.4.1.1.2 u 7 1.3.6.1.2.1.1.3.0 t 999)
"$GOSEND" -v 2c -c public -uptime 123456 "$T" "${SAME[@]}" >"$WORK/go.out" 2>&1
check "gosnmp v2c trap: sent" has_line "$WORK/go.out" "SENT"
wait_for "$LOG" '"same content"'
timeout 10 snmptrap -v2c -c public "udp:$T" 123456 1.3.6.1.4.1.8072.2.3.0.1 "${SAME[@]}" 2>/dev/null
for ((i = 0; i < 30; i++)); do [ "$(grep -cF '"same content"' "$LOG")" -ge 2 ] && break; sleep 0.1; done
go_line=$(grep -F '"same content"' "$LOG" | sed -n 1p)
ns_line=$(grep -F '"same content"' "$LOG" | sed -n 2p)
check "gosnmp v2c trap: logged with every varbind" test -n "$go_line" -a \
  -n "$(printf '%s' "$go_line" | grep -F 'SNMPv2-MIB::sysUpTime.0 = Timeticks: (123456) 0:20:34.56	SNMPv2-MIB::snmpTrapOID.0 = OID: .1.3.6.1.4.1.8072.2.3.0.1	.1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: 42	SNMPv2-MIB::sysName.0 = STRING: "same content"	')"
if [ -n "$go_line" ] && [ "$go_line" = "$ns_line" ]; then
  ok "... the record equals the one of Net-SNMP's snmptrap with the same content"
else
  not_ok "... the record equals the one of Net-SNMP's snmptrap with the same content" \
    "gosnmp:   $go_line" "snmptrap: $ns_line"
fi

# v2c inform: gosnmp gets the Response to its request-id, varbinds echoed
"$GOSEND" -v 2c -c public -inform -uptime 555 "$T" "$VB.1" i -7 "$VB.3" s "go v2c inform" \
  >"$WORK/go.out" 2>&1; rc=$?
sent=$(sed -n 's/^sent InformRequest request-id \([0-9]*\)$/\1/p' "$WORK/go.out")
check "gosnmp v2c inform: Response (exit 0)" test "$rc" -eq 0
check "... to the request-id gosnmp wrote ($sent)" \
  has_line "$WORK/go.out" "received Response request-id ${sent:-none} error-status 0 error-index 0"
check "... with the inform's varbinds, in order" test "$(grep '^vb ' "$WORK/go.out" | tr '\n' '|')" = \
  'vb .1.3.6.1.2.1.1.3.0 TimeTicks 555|vb .1.3.6.1.6.3.1.1.4.1.0 ObjectIdentifier .1.3.6.1.4.1.8072.2.3.0.1|vb .1.3.6.1.4.1.8072.2.3.2.1 Integer -7|vb .1.3.6.1.4.1.8072.2.3.2.3 OctetString "go v2c inform"|'
check "... logged once" count_is "$LOG" '= STRING: "go v2c inform"' 1

# v1 trap
"$GOSEND" -v 1 -c public -enterprise 1.3.6.1.4.1.8072.2.3.1 -agent 192.0.2.5 -generic 6 \
  -specific 17 -uptime 4242 "$T" "$VB.1" i 42 "$VB.3" s "go v1 trap" >/dev/null 2>&1
check "gosnmp v1 trap: logged" wait_for "$LOG" '= STRING: "go v1 trap"'
check "... with the snmptrapd layout (agent, enterprise, specific trap, uptime)" has_re "$LOG" \
  '^[0-9-]+ [0-9:]+ 192\.0\.2\.5 \[192\.0\.2\.5\] \(via UDP: \[127\.0\.0\.1\]:[0-9]+->\[127\.0\.0\.1\]:'"$PT"'\) TRAP, SNMP v1, community public$'
check "... and its trap line" has_line "$LOG" "	.1.3.6.1.4.1.8072.2.3.1 Enterprise Specific Trap (17) Uptime: 0:00:42.42"

# v3 traps, every level and every protocol gosnmp has (its AES192/AES256 extend the key as
# Blumenthal = our AES-192/AES-256, AES192C/AES256C as Reeder = AES-192-C/AES-256-C)
ai=0
for a in $AUTHS; do
  ai=$((ai + 1)); pi=0
  for x in $PRIVS; do
    pi=$((pi + 1))
    lvl=authPriv; [ "$x" = none ] && lvl=authNoPriv
    "$GOSEND" -v 3 -u "g-$a-$x" -l $lvl -a "$a" -A authpass12 -x "$x" -X privpass12 \
      -e "$(printf '0x80000000010210%02x%02x' $ai $pi)" -boots 3 -time 1000 "$T" \
      "$VB.3" s "go trap g-$a-$x" >"$WORK/go.out" 2>&1 ||
      not_ok "gosnmp v3 trap $lvl $a $x: sent" "$(cat "$WORK/go.out")"
  done
done
"$GOSEND" -v 3 -u g-noauth -l noAuthNoPriv -e 0x8000000001021099 "$T" "$VB.3" s "go trap g-noauth" \
  >/dev/null 2>&1
wait_for "$LOG" '"go trap g-noauth"'
for a in $AUTHS; do
  for x in $PRIVS; do
    lvl=authPriv; [ "$x" = none ] && lvl=authNoPriv
    check "gosnmp v3 trap $lvl auth $a priv $x: logged" wait_for "$LOG" "= STRING: \"go trap g-$a-$x\"" 10
  done
done
check "gosnmp v3 trap noAuthNoPriv: logged" has "$LOG" '= STRING: "go trap g-noauth"'

# v3 informs at authPriv: gosnmp discovers our engine (probe, unknownEngineID Report), then sends
# the inform; it must get its Response and the inform be logged once
for ax in $GO_INFORMS; do
  a=${ax%:*} x=${ax#*:}
  "$GOSEND" -v 3 -inform -u "gi-$a-$x" -l authPriv -a "$a" -A authpass12 -x "$x" -X privpass12 \
    -t 1 "$T" "$VB.3" s "go inform gi-$a-$x" >"$WORK/go.out" 2>&1; rc=$?
  if [ "$rc" -eq 0 ] && has_re "$WORK/go.out" '^received Response request-id [0-9]+ error-status 0 '; then
    ok "gosnmp v3 inform authPriv $a $x: acknowledged (Response)"
  else
    not_ok "gosnmp v3 inform authPriv $a $x: acknowledged (Response)" "gosnmp: $(cat "$WORK/go.out")" \
      "log: $(grep -F "'gi-$a-$x'" "$LOG" | tail -n 1)"
  fi
  check "... logged once" count_is "$LOG" "= STRING: \"go inform gi-$a-$x\"" 1
done
check "no gosnmp inform refused for its reportable flag" lacks "$LOG" "inform without the reportable flag"

# --- 2: Perl Net::SNMP ------------------------------------------------------------------------------
perl "$PERLPEER" 127.0.0.1 "$PT" v2c-trap,public,pl-v2c-trap v2c-inform,public,pl-v2c-inform \
  v3-trap,pt-sha-aes,sha,authpass12,aes,privpass12,0x8000000001021101,pl-v3-trap-sha-aes \
  v3-trap,pt-md5-des,md5,authpass12,des,privpass12,0x8000000001021102,pl-v3-trap-md5-des \
  v3-inform,pi-sha-aes,sha,authpass12,aes,privpass12,pl-v3-inform-sha-aes \
  v3-inform,pi-md5-des,md5,authpass12,des,privpass12,pl-v3-inform-md5-des \
  >"$WORK/perl.out" 2>&1
wait_for "$LOG" '"pl-v3-inform-md5-des"'
check "Net::SNMP v2c trap (snmpv2_trap): sent" has_line "$WORK/perl.out" "OP 1 ok"
check "... logged" has "$LOG" '= STRING: "pl-v2c-trap"'
check "Net::SNMP v2c inform_request: Response" has_line "$WORK/perl.out" "OP 2 ok"
check "... with a request-id and the inform's varbinds" test \
  "$(grep '^OP 2 \(response\|vb\)' "$WORK/perl.out" | sed 's/request-id [0-9][0-9]*$/request-id N/' | tr '\n' '|')" = \
  'OP 2 response request-id N|OP 2 vb 1.3.6.1.2.1.1.3.0 = 42.42 seconds|OP 2 vb 1.3.6.1.6.3.1.1.4.1.0 = 1.3.6.1.4.1.8072.2.3.0.1|OP 2 vb 1.3.6.1.4.1.8072.2.3.2.1 = pl-v2c-inform|'
check "... logged once" count_is "$LOG" '= STRING: "pl-v2c-inform"' 1
k=2
for ax in sha-aes md5-des; do
  k=$((k + 1))
  check "Net::SNMP v3 snmpv2_trap authPriv $ax (as an authoritative engine): sent" \
    has_line "$WORK/perl.out" "OP $k ok"
  check "... logged" has "$LOG" "= STRING: \"pl-v3-trap-$ax\""
done
for ax in sha-aes md5-des; do
  k=$((k + 1))
  check "Net::SNMP v3 inform_request authPriv $ax (discovers our engine): Response" \
    has_line "$WORK/perl.out" "OP $k ok"
  check "... with the inform's text echoed" has_line "$WORK/perl.out" \
    "OP $k vb 1.3.6.1.4.1.8072.2.3.2.1 = pl-v3-inform-$ax"
  check "... logged once" count_is "$LOG" "= STRING: \"pl-v3-inform-$ax\"" 1
  # its discovery: probe -> unknownEngineID Report, then boots 0 / time 0 authenticated ->
  # notInTimeWindows Report: a time synchronization, no refusal
  check "... its discovery (boots 0, time 0) writes no 'outside our time window' line" \
    lacks "$LOG" "message outside our time window (the sender resynchronizes) for user 'pi-$ax'"
done

# --- 3: scapy ---------------------------------------------------------------------------------------
"$PY" "$SCAPY" 127.0.0.1 "$PT" inform-int >"$WORK/scapy1.out" 2>"$WORK/scapy1.err"; rc=$?
echo "# scapy's inform: $(grep '^HEX' "$WORK/scapy1.out")"
sent=$(sed -n 's/^SENT request-id \([0-9]*\)$/\1/p' "$WORK/scapy1.out")
check "scapy encodes INTEGER -2^31 as 02 05 FF 80 00 00 00 (a redundant sign octet)" \
  has_re "$WORK/scapy1.out" '^HEX .* 02 05 FF 80 00 00 00 '
check "... and 2^31-1 as 02 04 7F FF FF FF" has_re "$WORK/scapy1.out" '^HEX .* 02 04 7F FF FF FF '
if [ "$rc" -eq 0 ] && has_line "$WORK/scapy1.out" "RESPONSE request-id ${sent:-none} error-status 0"; then
  ok "scapy v2c inform with those INTEGERs: Response to its request-id"
else
  not_ok "scapy v2c inform with those INTEGERs: Response to its request-id" \
    "scapy: $(grep -v '^HEX' "$WORK/scapy1.out" | tr '\n' ' ')" "log: $(tail -n 1 "$LOG")"
fi
check "... the Response, decoded by scapy, echoes both INTEGERs" test \
  "$(grep -c -e "^VB $VB.1 ASN1_INTEGER -2147483648$" -e "^VB $VB.2 ASN1_INTEGER 2147483647$" "$WORK/scapy1.out")" -eq 2
check "... logged: INTEGER: -2147483648" has "$LOG" ".1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: -2147483648	.1.3.6.1.4.1.8072.2.3.2.2 = INTEGER: 2147483647	.1.3.6.1.4.1.8072.2.3.2.3 = STRING: \"scapy inform-int\""
"$PY" "$SCAPY" 127.0.0.1 "$PT" inform-int-zero >"$WORK/scapy2.out" 2>"$WORK/scapy2.err"; rc=$?
sent=$(sed -n 's/^SENT request-id \([0-9]*\)$/\1/p' "$WORK/scapy2.out")
check "2^31-1 with a redundant zero octet: 02 05 00 7F FF FF FF" \
  has_re "$WORK/scapy2.out" '^HEX .* 02 05 00 7F FF FF FF '
check "... that inform gets its Response" has_line "$WORK/scapy2.out" \
  "RESPONSE request-id ${sent:-none} error-status 0"
check "... logged: INTEGER: 2147483647" has "$LOG" ".1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: -2147483648	.1.3.6.1.4.1.8072.2.3.2.2 = INTEGER: 2147483647	.1.3.6.1.4.1.8072.2.3.2.3 = STRING: \"scapy inform-int-zero\""
"$PY" "$SCAPY" 127.0.0.1 "$PT" trap-v1 >"$WORK/scapy3.out" 2>&1
"$PY" "$SCAPY" 127.0.0.1 "$PT" trap-v2c >"$WORK/scapy4.out" 2>&1
check "scapy v1 trap: logged" wait_for "$LOG" '.1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: -7	.1.3.6.1.4.1.8072.2.3.2.3 = STRING: "scapy v1 trap"'
check "... from agent 192.0.2.9, specific trap 17" has_line "$LOG" \
  "	.1.3.6.1.4.1.8072.2.3.1 Enterprise Specific Trap (17) Uptime: 0:00:42.42"
check "scapy v2c trap: logged" wait_for "$LOG" \
  'SNMPv2-MIB::sysUpTime.0 = Timeticks: (4242) 0:00:42.42	SNMPv2-MIB::snmpTrapOID.0 = OID: .1.3.6.1.4.1.8072.2.3.0.1	.1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: 42	.1.3.6.1.4.1.8072.2.3.2.3 = STRING: "scapy v2c trap"'

stop "$PID"; rc=$?
check "SIGTERM: exit status 0" test "$rc" -eq 0

echo "1..$n"
[ "$failed" -eq 0 ]
