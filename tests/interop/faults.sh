#!/usr/bin/env bash
# faults.sh - tinytrapd against damaged input and a failing environment: a damaged state file
# (engineBoots must never go back), a disk that fills up in the middle of a log record, NUL
# bytes, over-long lines and endless files in the configuration, an empty listening address.
# Prints TAP lines and exits non-zero when a test failed.
#
# Usage: tests/interop/faults.sh build/posix/tinytrapd
#
# Needs root: it re-runs itself inside a private mount namespace (unshare -m), where the small
# tmpfs of the disk-full tests is mounted (and unmounted at exit whatever happens, the namespace
# taking it along in any case); the empty-address tests run the daemon inside a network
# namespace of their own (unshare -n, lo up), so a wildcard listen never reaches the host's
# interfaces. Everything else is loopback only. Every wait is bounded; the run takes ~10 s.
set -u

DAEMON=$(readlink -f "${1:?usage: faults.sh path/to/tinytrapd}")
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "Bail out! faults.sh needs root (tmpfs mounts, network namespaces)"
  exit 1
fi
if [ -z "${TT_FAULTS_NS:-}" ]; then
  TT_FAULTS_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi

PY=/usr/bin/python3
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tinytrap-faults.XXXXXX")
export SNMP_PERSISTENT_DIR="$WORK/persist"
unset MIBS MIBDIRS
export SNMPCONFPATH=$WORK/snmpconf HOME=$WORK
mkdir -p "$WORK/snmpconf" && echo "mibs :" >"$WORK/snmpconf/snmp.conf"

# shellcheck source=tests/interop/lib.sh
. "$HERE/lib.sh"

# check as lib.sh's, but the log tail always ends its last line (a cut log must not eat the
# next TAP line)
check() {
  local d=$1; shift
  if "$@"; then ok "$d"; else
    not_ok "$d" "failed: $*" "log $LOG:"
    tail -n 15 "$LOG" 2>/dev/null | cut -c 1-300 | awk '{ print "#   | " $0 }'
  fi
}

FULL=$WORK/full   # the tiny tmpfs of the disk-full tests
faults_cleanup() {
  cleanup
  if mountpoint -q "$FULL" 2>/dev/null; then umount "$FULL"; fi
  [ "$failed" -ne 0 ] || rm -rf "$WORK"
}
trap faults_cleanup EXIT

for tool in snmptrap snmpinform ip unshare mount; do
  command -v $tool >/dev/null || { echo "Bail out! $tool is missing"; exit 1; }
done

# ends_whole FILE: the last octet of FILE is a newline
ends_whole() { test "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" = 0a; }
trap2() { snmptrap -v2c -c "$1" "$2" "${@:3}" >/dev/null 2>&1; }
inform2() { snmpinform -v2c -r 0 -t 1 -c "$1" "$2" "${@:3}" >/dev/null 2>&1; }

# refuses DESCRIPTION STDERR-TEXT ARGS...: tinytrapd with ARGS exits non-zero within 5 s and its
# standard error holds the text; sets RC and OUT (the standard error)
refuses() {
  local d=$1 want=$2
  shift 2
  timeout 5 "$DAEMON" "$@" >/dev/null 2>"$WORK/refuse.err"
  RC=$?
  OUT=$(cat "$WORK/refuse.err")
  if [ "$RC" -ne 0 ] && [ "$RC" -ne 124 ] && grep -qF -- "$want" "$WORK/refuse.err"; then
    ok "$d"
  else
    not_ok "$d" "exit status $RC (124: still running after 5 s), wanted a message with: $want" \
      "stderr: $(head -c 600 "$WORK/refuse.err")"
  fi
}

# --- 4: the state file ----------------------------------------------------------------------------
pick_port P4
cat >"$WORK/v2.conf" <<EOF
authCommunity log,execute public
EOF
STATE=$SNMP_PERSISTENT_DIR/tinytrapd.state
boots_of() { sed -n 's/^engineBoots \([0-9]*\)$/\1/p' "$STATE"; }

start s1 "$WORK/v2.conf" "udp:127.0.0.1:$P4"
check "no state file: first start, engineBoots 1" has "$LOG" "engineBoots 1;"
stop "$PID"
start s2 "$WORK/v2.conf" "udp:127.0.0.1:$P4"
check "a good state file: the next start has engineBoots 2" has "$LOG" "engineBoots 2;"
stop "$PID"
check "the state file says engineBoots 2" test "$(boots_of)" = 2
ID=$(sed -n 's/^engineID \(0x[0-9a-f]*\)$/\1/p' "$STATE")
check "the state file keeps a generated engine ID" test -n "$ID"

# damaged STATE-TEXT DESCRIPTION LINE|'' [ARGS...]: the start is refused with a message naming the
# file (and LINE when given) and saying what to do; the file keeps every byte
damaged() {
  local text=$1 d=$2 line=$3 where=$STATE
  shift 3
  [ -z "$line" ] || where="$STATE:$line:"
  printf '%b' "$text" >"$STATE"
  cp "$STATE" "$WORK/state.copy"
  refuses "$d: the start is refused, naming $where" "$where" \
    -f -Lf "$WORK/damaged.log" -C -c "$WORK/v2.conf" "$@" "udp:127.0.0.1:$P4"
  check "$d: the message says to fix or remove the file" has "$WORK/refuse.err" "fix or remove it"
  check "$d: the state file is left as it was" cmp -s "$STATE" "$WORK/state.copy"
}
HEAD="# tinytrapd engine state\nengineID $ID\n"
damaged "${HEAD}engineBoots x3\n" "engineBoots x3" 3
damaged "${HEAD}" "no engineBoots line" ""
damaged "${HEAD}engineBoots -1\n" "engineBoots -1" 3
damaged "${HEAD}engineBoots 2147483648\n" "engineBoots 2147483648 (out of range)" 3
damaged "${HEAD}engineBoots 99999999999999999999\n" "engineBoots of 20 digits" 3
damaged "${HEAD}engineBoots 7 8\n" "engineBoots followed by junk" 3
damaged "${HEAD}engineBoots 7\nengineBoots 9\n" "two engineBoots lines" 4
damaged "${HEAD}engineBoots 7\nhello\n" "a junk line" 4
TAIL="\nengineBoots 7\n"
damaged "# tinytrapd engine state\nengineID ${ID}zz$TAIL" "a damaged engineID (hex, then zz)" 2
damaged "# tinytrapd engine state\nengineID ${ID%?}$TAIL" "an engineID with an odd digit count" 2
damaged "# tinytrapd engine state\nengineID 0x80001f88$TAIL" "an engineID of 4 octets" 2
damaged "engineBoots 7\n" "no engineID line" ""
damaged "" "an empty state file" ""
cat >"$WORK/v2id.conf" <<EOF
authCommunity log,execute public
exactEngineID 0x80001f8880aabbccddeeff0011
EOF
damaged "# tinytrapd engine state\nengineID 0x80001f8880aabbccddeeff0011\nengineBoots x3\n" \
  "a configured engine ID with a damaged engineBoots" 3 -c "$WORK/v2id.conf"

printf '# tinytrapd engine state\nengineID %s\nengineBoots 41\n' "$ID" >"$STATE"
start s3 "$WORK/v2.conf" "udp:127.0.0.1:$P4"
check "a good state file after the refusals: engineBoots 42" has "$LOG" "engineBoots 42;"
stop "$PID"
check "... written to the file" test "$(boots_of)" = 42

printf '# tinytrapd engine state\nengineID %s\nengineBoots 2147483647\n' "$ID" >"$STATE"
start s4 "$WORK/v2.conf" "udp:127.0.0.1:$P4"
check "engineBoots at 2147483647: the start says so in the log" \
  has "$LOG" "engineBoots is latched at 2147483647"
check "... and on standard error" has "$ERR" "engineBoots is latched at 2147483647"
stop "$PID"
check "... and the boots stay at 2147483647" test "$(boots_of)" = 2147483647
rm -f "$STATE"

# --- 5: disk full in the middle of a record -------------------------------------------------------
mkdir -p "$FULL"
if mount -t tmpfs -o size=16k tmpfs "$FULL"; then
  pick_port P5
  BIG=$(printf 'x%.0s' $(seq 1 400))
  LOG=$FULL/t.log
  ERR=$WORK/full.err
  "$DAEMON" -f -Lf "$LOG" -C -c "$WORK/v2.conf" -p "$WORK/full.pid" "udp:127.0.0.1:$P5" \
    2>"$ERR" &
  PID=$!
  pids+=("$PID")
  check "disk full: the daemon starts with its log on a 16 KiB tmpfs" \
    wait_for "$LOG" "USM users" 100
  # fill every free page: what is left is the slack of the log's last page, less than a page
  dd if=/dev/zero of="$FULL/filler" bs=4096 2>/dev/null
  dd if=/dev/zero of="$FULL/filler2" bs=1 2>/dev/null
  # traps of ~480 octets each, flushed one by one, until the slack is gone and one is cut
  for i in $(seq 1 12); do
    trap2 public "127.0.0.1:$P5" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "trap$i-$BIG"
    sleep 0.15
  done
  MARK="inform-$$-$BIG$BIG"
  if inform2 public "127.0.0.1:$P5" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "$MARK"
  then not_ok "disk full: the inform is not acknowledged"
  else ok "disk full: the inform is not acknowledged"
  fi
  check "disk full: 'cannot write' reaches standard error with a single -Lf" \
    wait_for "$ERR" "cannot write to $LOG"
  check "disk full: the log ends with a whole line" ends_whole "$LOG"
  rm -f "$FULL/filler" "$FULL/filler2"
  if inform2 public "127.0.0.1:$P5" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "$MARK"
  then ok "space again: the retried inform is acknowledged"
  else not_ok "space again: the retried inform is acknowledged"
  fi
  sleep 0.3
  DATE='[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} '
  check "space again: the log ends with a whole line" ends_whole "$LOG"
  glued=$(grep -cE ".$DATE" "$LOG")
  check "no record is glued onto a cut one (no date after the start of a line)" test "$glued" -eq 0
  cut=$(grep -E '^[0-9]{4}-' "$LOG" | grep -cvE "^$DATE")
  check "every record line starts with a whole date" test "$cut" -eq 0
  check "every trap record that is in the log is whole" \
    test "$(grep -cE "trap[0-9]+-$BIG\"" "$LOG")" -eq "$(grep -cE 'trap[0-9]+-' "$LOG")"
  check "the retried inform is logged once, whole" count_is "$LOG" "\"$MARK\"" 1
  check "the inform's text appears nowhere else (no cut copy)" count_is "$LOG" "inform-$$-" 1
  check "writing again is reported on standard error" \
    wait_re "$ERR" "log $LOG writable again after [0-9]+ alerts refused"
  check "... and in the log" has_re "$LOG" "log $LOG writable again after [0-9]+ alerts refused"
  stop "$PID"
  umount "$FULL"
else
  not_ok "mount a 16 KiB tmpfs for the disk-full tests"
fi

# --- 6: NUL bytes, over-long lines, endless files in the configuration ----------------------------
pick_port P6
# never_accepted CONF DESCRIPTION: start CONF in the background (if it starts at all),
# send a v2c trap with community public from 127.0.0.1, and check it is never logged
never_accepted() {
  local conf=$1 d=$2 p i
  LOG=$WORK/c6.log
  rm -f "$LOG"
  "$DAEMON" -f -Lf "$LOG" -C -c "$conf" "udp:127.0.0.1:$P6" 2>/dev/null &
  p=$!
  pids+=("$p")
  for ((i = 0; i < 20; i++)); do
    kill -0 "$p" 2>/dev/null || break
    grep -q "USM users" "$LOG" 2>/dev/null && break
    sleep 0.1
  done
  trap2 public "127.0.0.1:$P6" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "from-loopback"
  sleep 0.3
  check "$d: a trap with community public from 127.0.0.1 is not accepted" \
    lacks "$LOG" "from-loopback"
  kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
}

printf 'authCommunity log,execute public\0 192.0.2.0/24\n' >"$WORK/nul.conf"
refuses "a NUL byte in a line stops the start with FILE:LINE" "$WORK/nul.conf:1: " \
  -f -Lf "$WORK/c6.log" -C -c "$WORK/nul.conf" "udp:127.0.0.1:$P6"
check "... and the message names the NUL byte" has "$WORK/refuse.err" "NUL"
never_accepted "$WORK/nul.conf" "NUL before the SOURCE"

{ printf '#\0'; printf 'x%.0s' $(seq 1 4093); printf 'authCommunity log,execute public\n'; } \
  >"$WORK/nulcomment.conf"
refuses "a long comment with a NUL byte stops the start with FILE:LINE" \
  "$WORK/nulcomment.conf:1: " -f -Lf "$WORK/c6.log" -C -c "$WORK/nulcomment.conf" \
  "udp:127.0.0.1:$P6"
never_accepted "$WORK/nulcomment.conf" "a long comment with a NUL byte"

{ printf '# '; printf 'x%.0s' $(seq 1 4094); printf '\nauthCommunity log,execute public\n'; } \
  >"$WORK/long.conf"
refuses "a line over 4095 characters stops the start with FILE:LINE and the limit" \
  "$WORK/long.conf:1: line longer than 4095 characters" \
  -f -Lf "$WORK/c6.log" -C -c "$WORK/long.conf" "udp:127.0.0.1:$P6"
{ printf '# '; printf 'x%.0s' $(seq 1 4093); printf '\nauthCommunity log,execute public\n'; } \
  >"$WORK/long-ok.conf"
start c6ok "$WORK/long-ok.conf" "udp:127.0.0.1:$P6"
check "a line of exactly 4095 characters is read" has "$LOG" "USM users"
stop "$PID"

start=$(date +%s%N)
refuses "-c /dev/zero stops the start with FILE:LINE within 5 s" "/dev/zero:1: " \
  -f -Lf "$WORK/c6.log" -C -c /dev/zero "udp:127.0.0.1:$P6"
echo "# /dev/zero refused after $((($(date +%s%N) - start) / 1000000)) ms"

mkfifo "$WORK/fifo"
yes '# a comment that never ends' >"$WORK/fifo" 2>/dev/null &
YES=$!
pids+=("$YES")
start=$(date +%s%N)
refuses "an endless FIFO of comments stops the start at 16 MiB" "$WORK/fifo:" \
  -f -Lf "$WORK/c6.log" -C -c "$WORK/fifo" "udp:127.0.0.1:$P6"
check "... and the message says which limit" has "$WORK/refuse.err" "16 MiB"
echo "# FIFO refused after $((($(date +%s%N) - start) / 1000000)) ms"
kill "$YES" 2>/dev/null
wait "$YES" 2>/dev/null

printf 'authCommunity log,execute public\r\n# a comment\r\n' >"$WORK/crlf.conf"
start crlf "$WORK/crlf.conf" "udp:127.0.0.1:$P6"
trap2 public "127.0.0.1:$P6" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "crlf-trap"
check "CRLF line endings still work" wait_for "$LOG" "crlf-trap"
# SIGHUP with a NUL byte in the file: reported, the old configuration stays
cp "$WORK/nul.conf" "$WORK/crlf.conf"
kill -HUP "$PID"
check "SIGHUP with a NUL byte: not reloaded, with FILE:LINE" \
  wait_for "$LOG" "configuration not reloaded: $WORK/crlf.conf:1: "
trap2 public "127.0.0.1:$P6" 1 1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 s "after-hup"
check "... and the old configuration still accepts public" wait_for "$LOG" "after-hup"
stop "$PID"

# --- 7: an empty listening address ----------------------------------------------------------------
# in_netns DESCRIPTION STDERR-TEXT ARGS...: tinytrapd -f ARGS inside a new network namespace with
# only lo up; ok when it exits non-zero within 2 s with the text on standard error, and nothing
# listened on UDP in the namespace meanwhile
in_netns() {
  local d=$1 want=$2
  shift 2
  rm -f "$WORK/ns.rc"
  unshare -n bash -c '
    ip link set lo up
    "$@" >/dev/null 2>"$W/ns.err" & p=$!
    : >"$W/ns.udp"
    for i in $(seq 1 20); do
      tail -n +2 /proc/net/udp /proc/net/udp6 | grep -E "^ *[0-9]+:" >>"$W/ns.udp"
      kill -0 $p 2>/dev/null || break
      sleep 0.1
    done
    tail -n +2 /proc/net/udp /proc/net/udp6 | grep -E "^ *[0-9]+:" >>"$W/ns.udp"
    kill -KILL $p 2>/dev/null
    wait $p; echo $? >"$W/ns.rc"' x "$DAEMON" -f -C -Lf "$WORK/ns.log" "$@" 2>/dev/null
  local rc
  rc=$(cat "$WORK/ns.rc" 2>/dev/null || echo missing)
  if [ "$rc" != 0 ] && [ "$rc" != 137 ] && [ "$rc" != missing ] &&
     grep -qF -- "$want" "$WORK/ns.err" && [ ! -s "$WORK/ns.udp" ]; then
    ok "$d"
  else
    not_ok "$d" "exit status $rc (137: still running after 2 s), wanted: $want" \
      "stderr: $(head -c 400 "$WORK/ns.err")" "UDP sockets seen: $(head -c 400 "$WORK/ns.udp")"
  fi
}
export W=$WORK
in_netns "an empty address ('') is refused and nothing listens" "empty listening address" ''
in_netns "a blank address (' ') is refused and nothing listens" "empty listening address" ' '
in_netns "an empty element (a,,b) is refused" "empty element" \
  "udp:127.0.0.1:1162,,udp:127.0.0.1:1163"
in_netns "a trailing comma (a,) is refused" "empty element" "udp:127.0.0.1:1162,"
in_netns "udp: with nothing after the colon is refused" "invalid listening address 'udp:'" "udp:"
in_netns "udp6: with nothing after the colon is refused" "invalid listening address 'udp6:'" "udp6:"
printf 'authCommunity log public\nsnmpTrapdAddr udp:127.0.0.1:1162,,udp:127.0.0.1:1163\n' \
  >"$WORK/addr.conf"
in_netns "snmpTrapdAddr a,,b is refused with FILE:LINE" \
  "$WORK/addr.conf:2: snmpTrapdAddr: empty element" -c "$WORK/addr.conf"
printf 'authCommunity log public\nsnmpTrapdAddr udp:127.0.0.1:1162\n' >"$WORK/addr-ok.conf"
unshare -n bash -c 'ip link set lo up; "$@" 2>/dev/null & p=$!; sleep 0.5;
  grep -c ":048A " /proc/net/udp >"$W/ns.count"; kill $p; wait $p' x "$DAEMON" -f -C -Lf \
  "$WORK/ns.log" -c "$WORK/addr-ok.conf"
check "a good snmpTrapdAddr still listens (control of the namespace check)" \
  test "$(cat "$WORK/ns.count")" -eq 1

echo "1..$n"
[ "$failed" -eq 0 ]
