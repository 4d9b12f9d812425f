#!/usr/bin/env bash
# run.sh - interop tests of tinytrapd against Net-SNMP's real tools (snmptrap, snmpinform, and
# snmptrapd itself for a side-by-side comparison), over loopback only. Prints TAP lines and
# exits non-zero when a test failed.
#
# Usage: tests/interop/run.sh build/posix/tinytrapd
#
# Every daemon runs in the foreground on a free loopback port, logs to a file and is killed at
# the end whatever happens (trap EXIT). Every wait is bounded; the whole run takes ~15 s.
set -u

DAEMON=$(readlink -f "${1:?usage: run.sh path/to/tinytrapd}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VEC=$ROOT/tests/vectors
PY=/usr/bin/python3
SNMPTRAPD=/usr/sbin/snmptrapd
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tinytrap-interop.XXXXXX")
export SNMP_PERSISTENT_DIR="$WORK/persist"  # engine state of the daemons under test
# the senders read no MIB files and no user configuration
unset MIBS MIBDIRS
export SNMPCONFPATH=$WORK/snmpconf HOME=$WORK
mkdir -p "$WORK/snmpconf" && echo "mibs :" >"$WORK/snmpconf/snmp.conf"

# shellcheck source=tests/interop/lib.sh
. "$HERE/lib.sh"

trap1() { snmptrap -v1 -c "$1" "$2" "${@:3}" >/dev/null 2>&1; }
trap2() { snmptrap -v2c -c "$1" "$2" "${@:3}" >/dev/null 2>&1; }
inform2() { snmpinform -v2c -r 0 -t 1 -c "$1" "$2" "${@:3}" >/dev/null 2>&1; }

# The same notifications, for tinytrapd and for snmptrapd (reference §2.1).
send_reference_set() {
  local to=$1
  trap1 public "$to" 1.3.6.1.4.1.8072.2.3.1 127.0.0.1 6 17 12345 \
    1.3.6.1.4.1.8072.2.3.2.1 i 42 1.3.6.1.2.1.1.5.0 s "hello world"
  trap1 public "$to" 1.3.6.1.4.1.8072.2.3.1 192.0.2.7 2 0 54321 1.3.6.1.2.1.2.2.1.1.3 i 3
  trap2 public "$to" 123456 1.3.6.1.4.1.8072.2.3.0.1 \
    1.3.6.1.4.1.8072.2.3.2.1 i 42 1.3.6.1.2.1.1.5.0 s "hello world" \
    1.3.6.1.2.1.4.20.1.1.10.0.0.1 a 10.0.0.1 1.3.6.1.2.1.1.2.0 o 1.3.6.1.4.1.8072 \
    1.3.6.1.2.1.2.2.1.10.1 c 1000 1.3.6.1.2.1.31.1.1.1.6.1 C 12345678901 \
    1.3.6.1.2.1.1.3.0 t 999 1.3.6.1.4.1.1.1 x DEADBEEF 1.3.6.1.4.1.1.2 u 7
  inform2 public "$to" 33549 1.3.6.1.6.3.1.1.5.3 1.3.6.1.2.1.2.2.1.1.2 i 2
}

for tool in snmptrap snmpinform; do
  command -v $tool >/dev/null || { echo "Bail out! $tool is missing (Debian package snmp)"; exit 1; }
done
[ -x "$PY" ] || { echo "Bail out! $PY is missing"; exit 1; }

# --- command line ---------------------------------------------------------------------------------
out=$("$DAEMON" -v 2>&1); rc=$?
check "-v prints the version" test "$rc" -eq 0 -a "${out#tinytrapd }" != "$out"
"$DAEMON" -Q >/dev/null 2>"$WORK/usage.err"; rc=$?
check "an unknown option is a usage error (exit 1)" \
  test "$rc" -eq 1 -a -n "$(grep -F 'unknown option -Q' "$WORK/usage.err")"

# --- instance A: default layout, access control, signals ------------------------------------------
pick_port PA
A="udp:127.0.0.1:$PA"
CONF_A=$WORK/a.conf
cat >"$CONF_A" <<'EOF'
# tinytrapd interop: instance A
authCommunity log,execute,net public
authCommunity log lo 127.0.0.1/32 .1.3.6.1.4.1.8072.9
authCommunity log far 10.0.0.0/8
traphandle default /bin/true
EOF
if start a "$CONF_A" "$A"; then ok "tinytrapd starts and listens on $A"; else
  not_ok "tinytrapd starts and listens on $A" "$(cat "$ERR")"; echo "Bail out! no daemon"; exit 1
fi
PID_A=$PID
LOG_A=$LOG
check "start-up message names version and address" has_re "$LOG" "^tinytrapd [^ ]+ listening on udp:127\.0\.0\.1:$PA$"
check "an unsupported directive is a warning with file:line" \
  has "$ERR" "$CONF_A:5: 'traphandle' is not supported yet; line ignored"
check "the pid file holds the daemon's pid" test "$(cat "$WORK/a.pid" 2>/dev/null)" = "$PID_A"

send_reference_set "$A"
wait_for "$LOG" "Timeticks: (33549)"
ts='[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}'
check "v1 enterprise-specific: header line" has_re "$LOG" \
  "^$ts 127\.0\.0\.1 \[127\.0\.0\.1\] \(via UDP: \[127\.0\.0\.1\]:[0-9]+->\[127\.0\.0\.1\]:$PA\) TRAP, SNMP v1, community public$"
check "v1 enterprise-specific: trap line" has_re "$LOG" \
  "^	[^ ]+ Enterprise Specific Trap \(17\) Uptime: 0:02:03\.45$"
check "v1 enterprise-specific: varbinds" has_re "$LOG" \
  '^	[^ ]+ = INTEGER: 42	[^ ]+ = STRING: "hello world"$'
check "v1 linkDown from agent-addr 192.0.2.7: header line" has_re "$LOG" \
  "^$ts 192\.0\.2\.7 \[192\.0\.2\.7\] \(via UDP: \[127\.0\.0\.1\]:[0-9]+->\[127\.0\.0\.1\]:$PA\) TRAP, SNMP v1, community public$"
check "v1 linkDown: Link Down Trap (0)" has_re "$LOG" "^	[^ ]+ Link Down Trap \(0\) Uptime: 0:09:03\.21$"
check "v1 linkDown: varbind" has_re "$LOG" '^	[^ ]+ = INTEGER: 3$'
check "v2c trap: header line" has_re "$LOG" \
  "^$ts [^ ]+ \[UDP: \[127\.0\.0\.1\]:[0-9]+->\[127\.0\.0\.1\]:$PA\]:$"
v2=$(grep -F "Timeticks: (123456) 0:20:34.56" "$LOG")
for piece in "= INTEGER: 42" '= STRING: "hello world"' "= IpAddress: 10.0.0.1" \
  "= Counter32: 1000" "= Counter64: 12345678901" "= Timeticks: (999) 0:00:09.99" "= Hex-STRING: DE AD BE EF " \
  "= Gauge32: 7" "= OID: "; do
  check "v2c trap: varbind '$piece'" test -n "$(printf '%s' "$v2" | grep -F -- "$piece")"
done
check "v2c trap: varbinds are TAB-separated on one line" \
  test "$(printf '%s' "$v2" | tr -cd '\t' | wc -c)" -eq 10
check "snmpinform -v2c gets a valid Response (exit 0)" \
  inform2 public "$A" 4242 1.3.6.1.6.3.1.1.5.3 1.3.6.1.4.1.8072.2.3.2.9 s "inform-one"
check "the inform is logged" has "$LOG" '= STRING: "inform-one"'

# refused: unknown community, SOURCE restriction, OID restriction
trap2 wrong "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "wrong-community-trap"
if inform2 wrong "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "wrong-community-inform"; then
  not_ok "snmpinform with a wrong community times out (no Response)"
else ok "snmpinform with a wrong community times out (no Response)"; fi
trap2 far "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "far-source-trap"
trap2 lo "$A" 1 1.3.6.1.4.1.8072.9.1 1.3.6.1.4.1.8072.2.3.2.1 s "oid-accepted"
trap2 lo "$A" 1 1.3.6.1.6.3.1.1.5.1 1.3.6.1.4.1.8072.2.3.2.1 s "oid-refused"
trap2 public "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "marker-1"
wait_for "$LOG" '"marker-1"'
check "a wrong community is not logged (trap)" lacks "$LOG" "wrong-community-trap"
check "a wrong community is not logged (inform)" lacks "$LOG" "wrong-community-inform"
check "the drop is logged with reason and community" has_re "$LOG" \
  '^dropped [0-9]+ octets from 127\.0\.0\.1:[0-9]+: bad community, community "wrong"$'
check "authCommunity SOURCE 10.0.0.0/8 refuses 127.0.0.1" lacks "$LOG" "far-source-trap"
check "... and says so" has_re "$LOG" 'from 127\.0\.0\.1:[0-9]+: not authorized, community "far"$'
check "authCommunity OID .1.3.6.1.4.1.8072.9 accepts ...8072.9.1" has "$LOG" '"oid-accepted"'
check "authCommunity OID .1.3.6.1.4.1.8072.9 refuses coldStart" lacks "$LOG" "oid-refused"

kill -USR1 "$PID_A"
wait_for "$LOG" "dropped: total"
check "SIGUSR1 prints the counters" has_re "$LOG" \
  '^counters: packets 11, delivered 7, v1 traps 2, v2 traps 3, informs 2, '
check "SIGUSR1 prints every drop reason" has_re "$LOG" \
  '^dropped: total 4, message too big 0, ASN\.1 parse error 0, .*bad community 2, not authorized 2, '

# malformed datagrams: CVE reproductions and the first 300 cases of each PROTOS c06 suite
sent=$("$PY" "$HERE/udpsend.py" 127.0.0.1 "$PA" --cve "$VEC/malformed-cve.txt" --limit 300 \
  --protos "$VEC/protos-c06/c06-snmpv1-trap-app-r1.cases.txt.gz" \
  --protos "$VEC/protos-c06/c06-snmpv1-trap-enc-r1.cases.txt.gz")
n_malformed=$(( $(grep -c '^message:' "$VEC/malformed-cve.txt") + 600 ))
check "sent $n_malformed malformed datagrams" test "$sent" = "$n_malformed"
trap2 public "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "after-malformed"
check "a valid trap after the malformed ones is still logged" wait_for "$LOG" '"after-malformed"' 50
check "the daemon survived them" kill -0 "$PID_A"
: >"$WORK/mark" && kill -USR1 "$PID_A"
sleep 0.3
last=$(grep '^counters: packets' "$LOG" | tail -n 1)
check "every datagram was counted (11 + $n_malformed + 1)" \
  test -n "$(printf '%s' "$last" | grep -F "counters: packets $((11 + n_malformed + 1)),")"
last=$(grep '^dropped: total' "$LOG" | tail -n 1)
check "parse errors were counted" test -n "$(printf '%s' "$last" | grep -E 'ASN\.1 parse error [1-9][0-9]*,')"

# SIGHUP: a new community is accepted afterwards; a broken file keeps the old configuration
cat >"$CONF_A" <<'EOF'
authCommunity log,execute,net public
authCommunity log newcomm
EOF
kill -HUP "$PID_A"
check "SIGHUP reloads the configuration" wait_for "$LOG" "configuration reloaded"
trap2 newcomm "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "after-reload"
check "a community added by the reload is accepted" wait_for "$LOG" '"after-reload"'
cat >"$CONF_A" <<'EOF'
authCommunity log public
authCommunity log public myhost.example
EOF
kill -HUP "$PID_A"
check "a broken file is refused on SIGHUP with file:line" \
  wait_for "$LOG" "configuration not reloaded: $CONF_A:2: authCommunity: SOURCE 'myhost.example'"
check "... and the daemon keeps running" kill -0 "$PID_A"
trap2 newcomm "$A" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "old-config-kept"
check "... with the old configuration" wait_for "$LOG" '"old-config-kept"'

# An inform with more varbinds than this build takes (CONFIG_TT_MAX_VARBINDS of the build) is
# answered at once with the tooBig Response (error-status 1, no varbinds, its request-id)
# instead of leaving snmpinform to retry until it times out, and is not delivered. Debian's
# snmpinform 5.9.3 exits 0 for any Response (it ignores error-status), so the Response is read
# from its packet dump (-Ddumph_recv,dumpv_recv, and the sent request-id from dumph_send).
maxvb=$(sed -n 's/^CONFIG_TT_MAX_VARBINDS=//p' "$(dirname "$DAEMON")/.config")
[ -n "$maxvb" ] || maxvb=$(sed -n 's/^#define CONFIG_TT_MAX_VARBINDS //p' "$(dirname "$DAEMON")/tt_autoconf.h")
args=()
for ((i = 1; i < maxvb; i++)); do args+=(1.3.6.1.4.1.8072.2.3.2.$i i "$i"); done
t0=$(date +%s%N)
snmpinform -Ddumph_send,dumpv_send,dumph_recv,dumpv_recv -v2c -r 2 -t 3 -c public "$A" '' 1.3.6.1.4.1.8072.2.3.0.99 \
  "${args[@]}" >/dev/null 2>"$WORK/toomany.err"; rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "an inform with $((maxvb + 1)) varbinds (CONFIG_TT_MAX_VARBINDS=$maxvb) is answered at once (${ms} ms, exit $rc; unanswered it times out after 9 s)" \
  test "$rc" -eq 0 -a "$ms" -lt 2500
check "... with error-status tooBig(1)" has_re "$WORK/toomany.err" '^dumph_recv: +error status +Integer:[[:space:]]+1 \(0x01\)$'
sent_id=$(sed -n 's/^dumph_send: *request_id *Integer:[[:space:]]*\([0-9-]*\) .*/\1/p' "$WORK/toomany.err" | head -n 1)
recv_id=$(sed -n 's/^dumph_recv: *request_id *Integer:[[:space:]]*\([0-9-]*\) .*/\1/p' "$WORK/toomany.err" | head -n 1)
check "... the inform's request-id ($sent_id) and no varbinds" \
  test -n "$sent_id" -a "$sent_id" = "$recv_id" -a "$(sed -n '/^dumph_recv: *VarBindList/,$p' "$WORK/toomany.err" | grep -c '^dumph_recv: *Name')" -eq 0
check "... and tinytrapd says it was answered tooBig and not delivered" wait_for "$LOG" \
  "had $((maxvb + 1)) varbinds, more than this build takes (CONFIG_TT_MAX_VARBINDS=$maxvb): answered tooBig, NOT delivered"
check "... nothing of it is logged as an alert" lacks "$LOG" ".1.3.6.1.4.1.8072.2.3.0.99"

# The kernel's drops on the socket (read with SO_MEMINFO when the counters are printed): the
# daemon is stopped while 60,000 traps arrive, more than its socket buffer holds.
hex=$(awk '/^\[v2c-trap\]/ { s = 1 } s && /^message: / { print $2; exit }' "$VEC/packets-netsnmp.txt")
kill -STOP "$PID_A"
sent=$("$PY" "$HERE/udpsend.py" 127.0.0.1 "$PA" --hex "$hex" --flood 60000)
kill -CONT "$PID_A"
check "flooded a stopped daemon with 60000 traps" test "$sent" = 60000
sleep 1
kill -USR1 "$PID_A"
wait_re "$LOG" 'dropped by the kernel [1-9]'
check "the counters say how many datagrams the kernel dropped" \
  has_re "$LOG" 'dropped by the kernel [1-9][0-9]*$'

stop "$PID_A"; rc=$?
check "SIGTERM: clean exit with status 0" test "$rc" -eq 0
check "SIGTERM: the pid file is removed" test ! -e "$WORK/a.pid"
check "SIGTERM: 'tinytrapd stopped' after the counters" has_line "$LOG" "tinytrapd stopped"

# --- instance B: -On, format2, ignoreAuthFailure --------------------------------------------------
pick_port PB
B="udp:127.0.0.1:$PB"
CONF_B=$WORK/b.conf
cat >"$CONF_B" <<'EOF'
authCommunity log public
format2 FMT2 ver=%s comm=%u %P: %V|%v\n
ignoreAuthFailure yes
EOF
if start b "$CONF_B" -On "$B"; then ok "instance B (-On, format2) starts"; else not_ok "instance B (-On, format2) starts" "$(cat "$ERR")"; fi
trap1 public "$B" 1.3.6.1.4.1.8072.2.3.1 127.0.0.1 6 17 12345 \
  1.3.6.1.4.1.8072.2.3.2.1 i 42 1.3.6.1.2.1.1.5.0 s "hello world"
trap2 public "$B" 4242 1.3.6.1.4.1.8072.2.3.0.7 1.3.6.1.4.1.8072.2.3.2.1 i 7 \
  1.3.6.1.4.1.8072.2.3.2.2 s "x y"
trap1 public "$B" 1.3.6.1.4.1.8072.2.3.1 127.0.0.1 4 0 1 1.3.6.1.4.1.8072.2.3.2.1 s "authfail-v1"
trap2 public "$B" 1 1.3.6.1.6.3.1.1.5.5 1.3.6.1.4.1.8072.2.3.2.1 s "authfail-v2"
trap2 public "$B" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "marker-b"
wait_for "$LOG" '"marker-b"'
check "-On: the v1 trap line is numeric" \
  has_line "$LOG" "$(printf '\t.1.3.6.1.4.1.8072.2.3.1 Enterprise Specific Trap (17) Uptime: 0:02:03.45')"
check "-On: the v1 varbinds are numeric" \
  has_line "$LOG" "$(printf '\t.1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: 42\t.1.3.6.1.2.1.1.5.0 = STRING: "hello world"')"
check "format2 with %s %u %P %V %v" has_line "$LOG" \
  'FMT2 ver=1 comm=public TRAP2, SNMP v2c, community public: .1.3.6.1.2.1.1.3.0 = Timeticks: (4242) 0:00:42.42|.1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3.6.1.4.1.8072.2.3.0.7|.1.3.6.1.4.1.8072.2.3.2.1 = INTEGER: 7|.1.3.6.1.4.1.8072.2.3.2.2 = STRING: "x y"'
check "ignoreAuthFailure skips v1 generic 4" lacks "$LOG" "authfail-v1"
check "ignoreAuthFailure skips v2 authenticationFailure" lacks "$LOG" "authfail-v2"
kill -TERM "$PID"

# --- instance C: IPv6 -----------------------------------------------------------------------------
if ipv6_works; then
  pick_port PC
  C="udp6:[::1]:$PC"
  if start c "$CONF_B" -On -F 'F6 %s %b: %v\n' "$C"; then ok "instance C listens on $C"; else
    not_ok "instance C listens on $C" "$(cat "$ERR")"; fi
  check "start-up message names the IPv6 address" has "$LOG" "listening on udp6:[::1]:$PC"
  trap2 public "$C" 4343 1.3.6.1.4.1.8072.2.3.0.7 1.3.6.1.4.1.8072.2.3.2.2 s "over-ipv6"
  check "a v2c trap over IPv6 is logged" wait_for "$LOG" '= STRING: "over-ipv6"'
  check "-F FORMAT replaces format2 of the file; %b of IPv6" has_re "$LOG" \
    '^F6 1 UDP/IPv6: \[::1\]:[0-9]+: \.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks: \(4343\) 0:00:43\.43	\.1\.3\.6\.1\.6\.3\.1\.1\.4\.1\.0 = OID: \.1\.3\.6\.1\.4\.1\.8072\.2\.3\.0\.7	\.1\.3\.6\.1\.4\.1\.8072\.2\.3\.2\.2 = STRING: "over-ipv6"$'
  check "snmpinform over IPv6 gets its Response" \
    inform2 public "$C" 4444 1.3.6.1.6.3.1.1.5.3 1.3.6.1.4.1.8072.2.3.2.2 s "inform-ipv6"
  kill -TERM "$PID"
else
  skip "IPv6 transport" "the kernel has no IPv6"
fi

# --- a log that cannot be written: the inform is not acknowledged --------------------------------
if [ -w /dev/full ]; then
  pick_port PE
  LOG=$WORK/full.err
  "$DAEMON" -f -Lf /dev/full -Le -C -c "$CONF_B" "udp:127.0.0.1:$PE" 2>"$LOG" &
  PID=$!
  pids+=("$PID")
  wait_for "$LOG" "listening on" 50
  if inform2 public "udp:127.0.0.1:$PE" 1 1.3.6.1.6.3.1.1.5.3; then
    not_ok "an inform whose log write fails is not acknowledged"
  else ok "an inform whose log write fails is not acknowledged"; fi
  check "... and the refusal is reported" has "$LOG" "refused by an output; inform not acknowledged"
  kill -TERM "$PID"
else
  skip "an inform whose log write fails is not acknowledged" "no /dev/full"
fi

# --- start-up error -------------------------------------------------------------------------------
CONF_BAD=$WORK/bad.conf
printf 'authCommunity log public\nauthCommunity log public myhost.example\n' >"$CONF_BAD"
pick_port PD
timeout 5 "$DAEMON" -f -Lo -C -c "$CONF_BAD" "udp:127.0.0.1:$PD" >"$WORK/bad.out" 2>"$WORK/bad.err"
rc=$?
check "a bad configuration stops the start with exit 1" test "$rc" -eq 1
LOG=$WORK/bad.err
check "... and the message names file:line" has "$WORK/bad.err" "$CONF_BAD:2: authCommunity: SOURCE 'myhost.example'"

# --- side by side with snmptrapd ------------------------------------------------------------------
# Same sends to snmptrapd -On and tinytrapd -On; their default layouts must be identical once the
# time stamps and UDP ports are masked (with -On both print OIDs numerically with a leading dot).
if [ -x "$SNMPTRAPD" ]; then
  pick_port PS
  mkdir -p "$WORK/st"
  echo "authCommunity log,execute,net public" >"$WORK/st/st.conf"
  SNMP_PERSISTENT_DIR=$WORK/st "$SNMPTRAPD" -f -C -c "$WORK/st/st.conf" -Lf "$WORK/st.log" -On \
    "udp:127.0.0.1:$PS" >/dev/null 2>&1 &
  pids+=("$!")
  STPID=$!
  if wait_for "$WORK/st.log" "NET-SNMP version" 50; then
    pick_port PT
    echo "authCommunity log,execute,net public" >"$WORK/t.conf"
    start t "$WORK/t.conf" -On "udp:127.0.0.1:$PT"
    send_reference_set "udp:127.0.0.1:$PS"
    send_reference_set "udp:127.0.0.1:$PT"
    wait_for "$WORK/st.log" "Timeticks: (33549)"
    wait_for "$WORK/t.log" "Timeticks: (33549)"
    norm() {
      grep -E '^([0-9]{4}-|	|\.1\.)' "$1" | grep -v 'NET-SNMP version' |
        sed -E "s/^$ts /TIME /; s/\]:[0-9]+->\[/]:SPORT->[/g; s/->\[127\.0\.0\.1\]:[0-9]+/->[127.0.0.1]:DPORT/g"
    }
    norm "$WORK/st.log" >"$WORK/st.norm"
    norm "$WORK/t.log" >"$WORK/t.norm"
    if [ -s "$WORK/st.norm" ] && cmp -s "$WORK/st.norm" "$WORK/t.norm"; then
      ok "default layout identical to snmptrapd -On for v1, v1 generic, v2c and inform"
    else
      not_ok "default layout identical to snmptrapd -On for v1, v1 generic, v2c and inform"
      diff "$WORK/st.norm" "$WORK/t.norm" | sed 's/^/#   /' | head -20
    fi
    kill -TERM "$PID"
  else
    skip "comparison with snmptrapd" "snmptrapd did not start"
  fi
  stop "$STPID"
else
  skip "comparison with snmptrapd" "$SNMPTRAPD is not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
