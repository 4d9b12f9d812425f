# lib.sh - shared helpers of the interop scripts (run.sh, v3.sh): TAP output, log checks,
# bounded waits, free loopback ports, starting tinytrapd, daemon clean-up. Sourced after DAEMON,
# WORK and PY are set; the caller adds the pids of daemons it starts itself to pids=() so that
# they are killed at exit whatever happens.

n=0
failed=0
pids=()

cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill -KILL "$p" 2>/dev/null && wait "$p" 2>/dev/null
  done
  if [ "$failed" -eq 0 ]; then rm -rf "$WORK"; else echo "# files kept in $WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ok() { n=$((n + 1)); echo "ok $n - $1"; }
# not_ok DESCRIPTION [DIAGNOSTIC...]: every line of the diagnostics as a TAP comment
not_ok() {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  shift
  [ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/#   /'
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

# check DESCRIPTION COMMAND...: ok when the command succeeds; on failure the tail of $LOG
check() {
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d" "failed: $*" "log $LOG:"; tail -n 15 "$LOG" 2>/dev/null | sed 's/^/#   | /'; fi
}

# has FILE FIXED-STRING: the log holds the text on one line
has() { grep -qF -- "$2" "$1"; }
# has_line FILE LINE: the log holds exactly this line
has_line() { grep -qxF -- "$2" "$1"; }
# has_re FILE REGEX: a line matches the extended regular expression
has_re() { grep -qE -- "$2" "$1"; }
# lacks FILE FIXED-STRING: no line holds the text
lacks() { ! grep -qF -- "$2" "$1"; }
# count_is FILE FIXED-STRING N: exactly N lines hold the text
count_is() { test "$(grep -cF -- "$2" "$1")" -eq "$3"; }

# wait_for FILE FIXED-STRING [TENTHS]: up to 3 s (or TENTHS/10 s) for the text to appear
wait_for() { wait_grep -F "$@"; }
# wait_re FILE REGEX [TENTHS]: the same for a line matching the extended regular expression
wait_re() { wait_grep -E "$@"; }
# wait_grep -F|-E FILE PATTERN [TENTHS]: polls every 0.1 s (the daemon writes its log every 100 ms)
wait_grep() {
  local i
  for ((i = 0; i < ${4:-30}; i++)); do
    grep -q "$1" -- "$3" "$2" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# A port free on 127.0.0.1 (and on ::1 when IPv6 works), from 20000-59999.
free_port() {
  "$PY" - <<'EOF'
import random, socket
for _ in range(500):
    p = random.randint(20000, 59999)
    socks = []
    try:
        for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
            try:
                s = socket.socket(fam, socket.SOCK_DGRAM)
            except OSError:
                continue
            socks.append(s)
            try:
                s.bind((host, p))
            except OSError as e:
                if fam == socket.AF_INET6 and e.errno == 99:  # no ::1 here
                    continue
                raise
        print(p)
        break
    except OSError:
        pass
    finally:
        for s in socks:
            s.close()
EOF
}

# pick_port VAR: sets VAR to a free port, or bails out
pick_port() {
  local p
  p=$(free_port)
  [ -n "$p" ] || { echo "Bail out! no free loopback port found"; exit 1; }
  printf -v "$1" '%s' "$p"
}

ipv6_works() {
  "$PY" -c 'import socket; s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.bind(("::1", 0))' 2>/dev/null
}

# start NAME CONF ARGS...: runs $DAEMON -f -Lf $WORK/NAME.log -C -c CONF -p $WORK/NAME.pid ARGS...
# (options, then addresses) in the background with the caller's SNMP_PERSISTENT_DIR; sets PID
# LOG ERR (stderr) and waits up to 10 s for the last start-up line ("SNMP engine ...; N USM users").
start() {
  local name=$1 conf=$2
  shift 2
  LOG=$WORK/$name.log
  ERR=$WORK/$name.err
  "$DAEMON" -f -Lf "$LOG" -C -c "$conf" -p "$WORK/$name.pid" "$@" 2>"$ERR" &
  PID=$!
  pids+=("$PID")
  wait_for "$LOG" "USM users" 100
}

# stop PID: SIGTERM and up to 5 s for the exit; returns the exit status
stop() {
  local i
  kill -TERM "$1" 2>/dev/null
  for ((i = 0; i < 50; i++)); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  wait "$1"
}
