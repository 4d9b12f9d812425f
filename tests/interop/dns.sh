#!/usr/bin/env bash
# dns.sh - interop test of tinytrapd's reverse DNS (%B of the default layout): a slow PTR server
# must not hold up reception. Prints TAP lines and exits non-zero when a test failed.
#
# Usage: tests/interop/dns.sh build/posix/tinytrapd   (as root: it needs unshare -mn)
#
# The script runs itself again in a private mount and network namespace (unshare -mn) with
# only a loopback interface, an /etc/resolv.conf naming 127.0.0.1, an /etc/hosts that knows
# only localhost and an nsswitch.conf "hosts: files dns" bind-mounted over the real ones, and
# tests/interop/slowdns.py as the DNS server there: PTR 127.0.0.2 answers after 4 s
# (slowhost.test), 127.0.0.3 at once (fasthost.test), others NXDOMAIN at once. Senders are
# Net-SNMP's snmptrap with --clientaddr, so every trap comes from the source address chosen.
# Every wait is bounded; the run takes ~15 s.
set -u

DAEMON=$(readlink -f "${1:?usage: dns.sh path/to/tinytrapd}")
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3

if [ -z "${TT_DNS_NETNS:-}" ]; then
  command -v unshare >/dev/null || { echo "Bail out! unshare is missing (util-linux)"; exit 1; }
  exec unshare -mn env TT_DNS_NETNS=1 bash "$0" "$DAEMON"
  echo "Bail out! unshare -mn failed (root needed)"; exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tinytrap-dns.XXXXXX")
export SNMP_PERSISTENT_DIR="$WORK/persist"
unset MIBS MIBDIRS
export SNMPCONFPATH=$WORK/snmpconf HOME=$WORK
mkdir -p "$WORK/snmpconf" && echo "mibs :" >"$WORK/snmpconf/snmp.conf"

# shellcheck source=tests/interop/lib.sh
. "$HERE/lib.sh"

command -v snmptrap >/dev/null || { echo "Bail out! snmptrap is missing (Debian package snmp)"; exit 1; }
[ -x "$PY" ] || { echo "Bail out! $PY is missing"; exit 1; }

# --- the namespace: loopback, our resolver configuration, our DNS server --------------------------
ip link set lo up || { echo "Bail out! ip link set lo up failed"; exit 1; }
printf 'nameserver 127.0.0.1\noptions timeout:8 attempts:1\n' >"$WORK/resolv.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$WORK/hosts"
printf 'hosts: files dns\n' >"$WORK/nsswitch.conf"
for f in resolv.conf hosts nsswitch.conf; do
  mount --bind "$WORK/$f" "/etc/$f" || { echo "Bail out! cannot bind-mount /etc/$f"; exit 1; }
done
QLOG=$WORK/queries.log
: >"$QLOG"
"$PY" "$HERE/slowdns.py" "$QLOG" >"$WORK/dns.out" 2>"$WORK/dns.err" &
pids+=("$!")
wait_for "$WORK/dns.out" ready 50 || { echo "Bail out! slowdns.py did not start: $(cat "$WORK/dns.err")"; exit 1; }

pick_port PA
A="udp:127.0.0.1:$PA"
CONF=$WORK/dns.conf
echo "authCommunity log public" >"$CONF"

# send SRC UPTIME: a v2c linkDown trap from SRC with sysUpTime UPTIME (the tag the checks find)
send() {
  snmptrap --clientaddr="$1" -v2c -c public "$A" "$2" 1.3.6.1.6.3.1.1.5.3 \
    1.3.6.1.2.1.2.2.1.1.2 i 2 >/dev/null 2>&1
}
# host_of UPTIME: the %B field of the default layout's header line of the trap tagged UPTIME
host_of() {
  awk -v tag="Timeticks: ($1)" 'index($0, tag) { s = prev; sub(/^[^ ]+ [^ ]+ /, "", s);
    sub(/ \[UDP: [^ ]*\]:$/, "", s); print s; exit } { prev = $0 }' "$LOG"
}
# logged_all TENTHS UPTIME...: every tagged trap is in the log within TENTHS/10 s
logged_all() {
  local t=$1 i u miss
  shift
  for ((i = 0; i <= t; i++)); do
    miss=0
    for u in "$@"; do grep -qF "Timeticks: ($u)" "$LOG" || miss=1; done
    [ $miss -eq 0 ] && return 0
    sleep 0.1
  done
  return 1
}
# queries NAME: how many times the DNS server was asked for NAME
queries() { grep -c "^$1 " "$QLOG"; }
now() { echo "${EPOCHREALTIME/./}"; }  # microseconds

if start dns "$CONF" "$A"; then ok "tinytrapd starts in the namespace on $A"; else
  not_ok "tinytrapd starts in the namespace on $A" "$(cat "$ERR")"; echo "Bail out! no daemon"; exit 1
fi
PID_D=$PID

# --- a slow PTR answer holds up nobody -------------------------------------------------------------
t0=$(now)
send 127.0.0.2 1001
send 127.0.0.1 1002
send 127.0.0.3 1003
if logged_all 10 1002 1003; then
  ok "traps from 127.0.0.1 and 127.0.0.3 are logged within 1 s while 127.0.0.2's PTR takes 4 s"
else
  not_ok "traps from 127.0.0.1 and 127.0.0.3 are logged within 1 s while 127.0.0.2's PTR takes 4 s" \
    "after $(( ($(now) - t0) / 1000 )) ms:" "$(cat "$LOG")"
fi
kill -HUP "$PID_D"
check "SIGHUP during the pending lookup reloads within 1 s" wait_for "$LOG" "configuration reloaded" 10
logged_all 60 1001 >/dev/null
h=$(host_of 1001)
check "the first trap from 127.0.0.2 names it numerically, as %B does without a name: '$h'" \
  has_re <(echo "$h") '^UDP: \[127\.0\.0\.2\]:[0-9]+->\[127\.0\.0\.1\]:'"$PA"'$'
check "127.0.0.2 was looked up once" test "$(queries 2.0.0.127.in-addr.arpa)" -eq 1

# after the slow answer (4 s): later traps get the names
while [ $(( $(now) - t0 )) -lt 5000000 ]; do sleep 0.1; done
send 127.0.0.2 1004
send 127.0.0.3 1005
send 127.0.0.1 1010
logged_all 10 1004 1005 1010 >/dev/null
check "a trap from 127.0.0.2 after 5 s is logged as slowhost.test" test "$(host_of 1004)" = slowhost.test
check "a trap from 127.0.0.3 is logged as fasthost.test" test "$(host_of 1005)" = fasthost.test
check "a later trap from 127.0.0.1 is named from /etc/hosts" test "$(host_of 1010)" = localhost
check "the cache answers: 127.0.0.2 still looked up once" test "$(queries 2.0.0.127.in-addr.arpa)" -eq 1

# --- a failed lookup is remembered (negative cache) ------------------------------------------------
send 127.0.0.4 1006
logged_all 10 1006 >/dev/null
sleep 0.5
send 127.0.0.4 1007
send 127.0.0.4 1008
logged_all 10 1007 1008 >/dev/null
check "a trap from 127.0.0.4 (NXDOMAIN) is logged numerically" \
  has_re <(host_of 1008) '^UDP: \[127\.0\.0\.4\]:[0-9]+->'
check "NXDOMAIN is cached: 127.0.0.4 looked up once for three traps" \
  test "$(queries 4.0.0.127.in-addr.arpa)" -eq 1

# --- more new sources than the queue holds -----------------------------------------------------------
t1=$(now)
for i in $(seq 1 40); do send "127.0.1.$i" $((2000 + i)); done
if logged_all 20 $(seq 2001 2040); then
  ok "40 new slow sources at once: every trap logged within 2 s ($(( ($(now) - t1) / 1000 )) ms for all)"
else
  not_ok "40 new slow sources at once: every trap logged within 2 s" "$(tail -n 5 "$LOG")"
fi
kill -USR1 "$PID_D"
wait_re "$LOG" '^reverse DNS: ' 10
line=$(grep -E '^reverse DNS: ' "$LOG" | tail -n 1)
check "SIGUSR1 counts the addresses the full queue could not take: $line" \
  has_re <(echo "$line") 'queue full [1-9][0-9]*'

# --- SIGTERM while lookups are stuck ------------------------------------------------------------------
# the resolver thread is inside a 4 s lookup of one of the 127.0.1.x above, 15 more queued
t2=$(now)
kill -TERM "$PID_D"
for ((i = 0; i < 30; i++)); do kill -0 "$PID_D" 2>/dev/null || break; sleep 0.05; done
ms=$(( ($(now) - t2) / 1000 ))
if ! kill -0 "$PID_D" 2>/dev/null && [ "$ms" -le 1000 ]; then
  wait "$PID_D"; rc=$?
  check "SIGTERM with slow lookups pending: exit within 1 s (${ms} ms), status 0" test "$rc" -eq 0
else
  not_ok "SIGTERM with slow lookups pending: exit within 1 s" "still running after ${ms} ms"
  kill -KILL "$PID_D" 2>/dev/null
fi
check "the stop is logged" has "$LOG" "tinytrapd stopped"

# --- -n: no resolver thread, no lookups ------------------------------------------------------------
q3=$(queries 3.0.0.127.in-addr.arpa)
pick_port PA
A="udp:127.0.0.1:$PA"
if start nodns "$CONF" -n "$A"; then
  PID_N=$PID
  check "-n: the daemon has one thread" test "$(ls /proc/"$PID_N"/task | wc -l)" -eq 1
  send 127.0.0.3 3001
  logged_all 10 3001 >/dev/null
  check "-n: a trap from 127.0.0.3 is logged numerically" \
    has_re <(host_of 3001) '^UDP: \[127\.0\.0\.3\]:[0-9]+->'
  check "-n: no PTR query was sent" test "$(queries 3.0.0.127.in-addr.arpa)" -eq "$q3"
  check "-n: no reverse DNS counters" lacks "$LOG" "reverse DNS:"
  stop "$PID_N"
else
  not_ok "tinytrapd -n starts" "$(cat "$ERR")"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
