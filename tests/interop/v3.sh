#!/usr/bin/env bash
# v3.sh - SNMPv3/USM interop tests of tinytrapd against real peers over loopback only:
# Net-SNMP's snmptrap and snmpinform (every auth x priv combination they offer), pysnmp (3DES,
# AES-192/256 with Reeder and Blumenthal keys), raw captured and replayed datagrams, and
# discovery (no refusal line, time syncs counted). Prints TAP lines and exits non-zero when a
# test failed. The whole run's traffic to and from the daemons' ports is captured (dumpcap)
# and, at the end, tshark decodes and verifies every Response and Report tinytrapd sent, with
# the users' pass phrases (tests/interop/tshark_replies.py).
#
# Usage: tests/interop/v3.sh build/posix/tinytrapd
#
# Every daemon runs in the foreground on a free loopback port with its own persistent directory,
# logs to a file and is killed at the end whatever happens (trap EXIT). The senders run with an
# empty private Net-SNMP configuration (no ~/.snmp, no MIBs), one try and short timeouts. Every
# wait is bounded; the whole run takes about 20 s.
set -u

DAEMON=$(readlink -f "${1:?usage: v3.sh path/to/tinytrapd}")
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
PEER=$HERE/v3peer.py
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tinytrap-v3.XXXXXX")
# the senders: no MIB files, no user configuration, their own persistent state
unset MIBS MIBDIRS SNMPCONFPATH
export SNMPCONFPATH=$WORK/snmpconf HOME=$WORK/home SNMP_PERSISTENT_DIR=$WORK/client-state
mkdir -p "$SNMPCONFPATH" "$HOME" "$SNMP_PERSISTENT_DIR"
echo "mibs :" >"$SNMPCONFPATH/snmp.conf"

# shellcheck source=tests/interop/lib.sh
. "$HERE/lib.sh"

# Every tinytrapd gets its own state directory: SNMP_PERSISTENT_DIR=... start NAME CONF ADDRESS...
# (start is in lib.sh; the exported SNMP_PERSISTENT_DIR above is the senders').

# engine_of LOG: "HEXID BOOTS" from the last start-up line "SNMP engine 0x..., engineBoots N"
engine_of() {
  sed -n 's/^SNMP engine 0x\([0-9a-f]*\), engineBoots \([0-9]*\);.*/\1 \2/p' "$1" | tail -n 1
}
upper() { printf '%s' "$1" | tr a-f A-F; }

TRAP_OID=1.3.6.1.4.1.8072.2.3.0.1
VB=1.3.6.1.4.1.8072.2.3.2.1

# v3args USER AUTH PRIV [AUTHPASS [PRIVPASS]]: the security options of one sender;
# AUTH "none" = noAuthNoPriv, PRIV "none" = authNoPriv
v3args() {
  local u=$1 a=$2 x=$3 ap=${4:-authpass12} xp=${5:-privpass12}
  if [ "$a" = none ]; then echo "-u $u -l noAuthNoPriv"
  elif [ "$x" = none ]; then echo "-u $u -l authNoPriv -a $a -A $ap"
  else echo "-u $u -l authPriv -a $a -A $ap -x $x -X $xp"; fi
}
# trap3 ADDR ENGINE SECARGS TEXT [more snmptrap options]: one v3 trap with a string varbind
trap3() {
  local to=$1 e=$2 sec=$3 text=$4
  shift 4
  # shellcheck disable=SC2086 # SECARGS is a word list
  timeout 10 snmptrap -Le -v3 "$@" -e "$e" $sec "$to" 777 "$TRAP_OID" "$VB" s "$text"
}
# inform3 ADDR SECARGS TEXT [more snmpinform options]: one v3 inform, one try, 1 s timeout
inform3() {
  local to=$1 sec=$2 text=$3
  shift 3
  # shellcheck disable=SC2086
  timeout 10 snmpinform -Le -v3 -r 0 -t 1 "$@" $sec "$to" 888 "$TRAP_OID" "$VB" s "$text"
}
# inform_ok DESCRIPTION ADDR SECARGS TEXT [more snmpinform options]: ok when inform3 gets its
# Response (exit 0), else not ok with what snmpinform said
inform_ok() {
  local d=$1
  shift
  if inform3 "$@" 2>"$WORK/client.err"; then ok "$d"; else not_ok "$d" "$(cat "$WORK/client.err")"; fi
}

for tool in snmptrap snmpinform; do
  command -v $tool >/dev/null || { echo "Bail out! $tool is missing (Debian package snmp)"; exit 1; }
done
[ -x "$PY" ] || { echo "Bail out! $PY is missing"; exit 1; }
"$PY" -c 'import pysnmp.hlapi' 2>/dev/null ||
  { echo "Bail out! pysnmp is missing (Debian package python3-pysnmp4)"; exit 1; }

for tool in dumpcap tshark; do
  command -v $tool >/dev/null || { echo "Bail out! $tool is missing (Debian package tshark)"; exit 1; }
done

# The daemons' ports, all picked now so that one capture filter names them; the capture runs
# until the end, where tshark checks every reply (section 10).
PORTS=()
for v in PM PY_PORT PR PZ PP PA PH PD; do
  while :; do
    pick_port "$v"
    case " ${PORTS[*]} " in *" ${!v} "*) ;; *) break ;; esac
  done
  PORTS+=("${!v}")
done
filter="udp and (port ${PORTS[0]}$(printf ' or port %s' "${PORTS[@]:1}"))"
dumpcap -q -i lo -f "$filter" -w "$WORK/v3.pcapng" 2>"$WORK/dumpcap.err" &
DUMPCAP=$!
pids+=("$DUMPCAP")
wait_for "$WORK/dumpcap.err" "Capturing on" 50 ||
  { echo "Bail out! dumpcap does not capture: $(cat "$WORK/dumpcap.err")"; exit 1; }
# note_users CONF: its users without -e (keys localized to our engine: the ones that can get
# Responses and Reports) go to the users table tshark gets, the first definition of a name wins
USERS_T=$WORK/usm-users.txt
: >"$USERS_T"
note_users() {
  local name rest
  while read -r name rest; do
    grep -q "^$name " "$USERS_T" || echo "$name $rest" >>"$USERS_T"
  done < <(sed -n 's/^createUser \([^-][^ ]* [A-Z].*\)$/\1/p' "$1")
}

AUTHS="MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512"
PRIVS="none DES AES AES-192 AES-256 AES-192-C AES-256-C"

# --- 1 and 2: traps and informs, every auth x priv combination ----------------------------------
# Trap users: one createUser -e per user, each with its own engine ID (a sending device each).
# Inform users: no -e, so their keys are localized to our engine, which snmpinform discovers.
M="udp:127.0.0.1:$PM"
M_ADDRS=("$M")
ipv6_works && M_ADDRS+=("udp6:[::1]:$PM")
CONF_M=$WORK/matrix.conf
: >"$CONF_M"
ai=0
for a in $AUTHS; do
  ai=$((ai + 1)); pi=0
  for x in $PRIVS; do
    pi=$((pi + 1))
    eng=$(printf '0x80000000010203%02x%02x' $ai $pi)
    if [ "$x" = none ]; then sec="$a authpass12"; else sec="$a authpass12 $x privpass12"; fi
    echo "createUser -e $eng t-$a-$x $sec" >>"$CONF_M"
    echo "createUser i-$a-$x $sec" >>"$CONF_M"
    echo "authUser log t-$a-$x" >>"$CONF_M"
    echo "authUser log i-$a-$x" >>"$CONF_M"
  done
done
cat >>"$CONF_M" <<'EOF'
createUser -e 0x8000000001020399 t-noauth
createUser i-noauth
authUser log t-noauth noauth
authUser log i-noauth noauth
createUser -e 0x8000000001020911 dual SHA authpass12 AES privpass12
createUser dual SHA otherpass12 AES otherpriv12
authUser log dual
EOF
users=$(grep -c '^createUser' "$CONF_M")
note_users "$CONF_M"
if SNMP_PERSISTENT_DIR=$WORK/state-matrix start matrix "$CONF_M" "${M_ADDRS[@]}"; then
  ok "tinytrapd starts with $users USM users on ${M_ADDRS[*]}"
else
  not_ok "tinytrapd starts with $users USM users on ${M_ADDRS[*]}" "$(cat "$ERR")"
  echo "Bail out! no daemon"; exit 1
fi
LOG_M=$LOG
PID_M=$PID
check "start-up line names the engine, boots 1 and the users" has_re "$LOG" \
  "^SNMP engine 0x80001f8880[0-9a-f]{24}, engineBoots 1; $users USM users, [0-9]+ password-to-key derivations$"
check "no warning at start" test ! -s "$ERR"

# Traps. A combination snmptrap refuses is reported and counted as a check of that refusal.
declare -A trap_sent
ai=0
for a in $AUTHS; do
  ai=$((ai + 1)); pi=0
  for x in $PRIVS; do
    pi=$((pi + 1))
    eng=$(printf '0x80000000010203%02x%02x' $ai $pi)
    if trap3 "$M" "$eng" "$(v3args "t-$a-$x" "$a" "$x")" "trap t-$a-$x" 2>"$WORK/client.err"; then
      trap_sent[$a-$x]=1
    elif grep -qiE 'invalid (authentication|privacy) protocol' "$WORK/client.err"; then
      echo "# snmptrap of this Net-SNMP refuses -a $a -x $x: $(head -n 1 "$WORK/client.err")"
      ok "snmptrap refuses auth $a priv $x (not offered by this Net-SNMP)"
    else
      not_ok "snmptrap -v3 auth $a priv $x runs" "$(head -n 3 "$WORK/client.err")"
    fi
  done
done
trap3 "$M" 0x8000000001020399 "$(v3args t-noauth none none)" "trap t-noauth" 2>/dev/null
wait_for "$LOG_M" '"trap t-noauth"'
for a in $AUTHS; do
  for x in $PRIVS; do
    [ -n "${trap_sent[$a-$x]:-}" ] || continue
    lvl=authPriv; [ "$x" = none ] && lvl=authNoPriv
    check "trap $lvl auth $a priv $x is logged with its varbind" \
      wait_for "$LOG_M" "= STRING: \"trap t-$a-$x\"" 20
  done
done
check "trap noAuthNoPriv (authUser ... noauth) is logged" has "$LOG_M" '= STRING: "trap t-noauth"'
# one complete record, as snmptrapd prints it (reference §2.1)
check "a v3 trap record has the snmptrapd layout" has_re "$LOG_M" \
  "^	?SNMPv2-MIB::sysUpTime\.0 = Timeticks: \(777\) 0:00:07\.77	SNMPv2-MIB::snmpTrapOID\.0 = OID: \.1\.3\.6\.1\.4\.1\.8072\.2\.3\.0\.1	\.1\.3\.6\.1\.4\.1\.8072\.2\.3\.2\.1 = STRING: \"trap t-SHA-AES\"$"

# Informs: exit status 0 means Net-SNMP got a Response it authenticated and decrypted.
for a in $AUTHS; do
  for x in $PRIVS; do
    lvl=authPriv; [ "$x" = none ] && lvl=authNoPriv
    if inform3 "$M" "$(v3args "i-$a-$x" "$a" "$x")" "inform i-$a-$x" 2>"$WORK/client.err"; then
      ok "snmpinform $lvl auth $a priv $x: valid Response (exit 0)"
      check "... inform auth $a priv $x logged once" count_is "$LOG_M" "= STRING: \"inform i-$a-$x\"" 1
    elif grep -qiE 'invalid (authentication|privacy) protocol' "$WORK/client.err"; then
      echo "# snmpinform of this Net-SNMP refuses -a $a -x $x: $(head -n 1 "$WORK/client.err")"
      ok "snmpinform refuses auth $a priv $x (not offered by this Net-SNMP)"
    else
      not_ok "snmpinform $lvl auth $a priv $x: valid Response (exit 0)" "$(head -n 3 "$WORK/client.err")"
    fi
  done
done
inform_ok "snmpinform noAuthNoPriv: Response (exit 0)" \
  "$M" "$(v3args i-noauth none none)" "inform i-noauth"
check "... logged once" count_is "$LOG_M" '= STRING: "inform i-noauth"' 1

# A user without -e serves traps from any engine too (README "SNMPv3": keys localized on first
# sight of an engine); an entry with the message's engine ID comes first.
for k in 1 2 3; do
  trap3 "$M" "0x800000000102090$k" "$(v3args i-SHA-256-AES-256-C SHA-256 AES-256-C)" "wild $k" 2>/dev/null
done
trap3 "$M" 0x8000000001020911 "$(v3args dual SHA AES)" "dual exact" 2>/dev/null
trap3 "$M" 0x8000000001020912 "$(v3args dual SHA AES otherpass12 otherpriv12)" "dual wildcard" 2>/dev/null
trap3 "$M" 0x8000000001020911 "$(v3args dual SHA AES otherpass12 otherpriv12)" "dual wrong" 2>/dev/null
wait_for "$LOG_M" "for user 'dual'"
for k in 1 2 3; do
  check "a user without -e: trap from engine 0x800000000102090$k logged" has "$LOG_M" "\"wild $k\""
done
check "user 'dual' with -e 0x...0911 and without -e: the -e keys on that engine" has "$LOG_M" '"dual exact"'
check "... the other keys on any other engine" has "$LOG_M" '"dual wildcard"'
check "... and not the other keys on 0x...0911" lacks "$LOG_M" '"dual wrong"'
check "... which is a wrong digest" has_re "$LOG_M" \
  "^dropped [0-9]+ octets: wrong auth password or protocol for user 'dual' from 127\.0\.0\.1, engine 0x8000000001020911$"
inform_ok "... and an inform of 'dual' uses the keys without -e (exit 0)" \
  "$M" "$(v3args dual SHA AES otherpass12 otherpriv12)" "dual inform"

if [ ${#M_ADDRS[@]} -gt 1 ]; then
  M6="udp6:[::1]:$PM"
  trap3 "$M6" 0x800000000102030203 "$(v3args t-SHA-AES SHA AES)" "trap6 t-SHA-AES" 2>/dev/null
  check "a v3 authPriv trap over IPv6 is logged" wait_for "$LOG_M" '"trap6 t-SHA-AES"'
  # Net-SNMP's UDP/IPv6 address text names no local end; %B is a name or that text again
  check "... from [::1]" has_re "$LOG_M" \
    '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} .+ \[UDP/IPv6: \[::1\]:[0-9]+\]:$'
  inform_ok "snmpinform v3 authPriv over IPv6: valid Response" \
    "$M6" "$(v3args i-SHA-256-AES-256 SHA-256 AES-256)" "inform6"
  check "... logged once" count_is "$LOG_M" '= STRING: "inform6"' 1
else
  echo "# no IPv6 on this host: the IPv6 cases are not run"
  ok "IPv6 cases # SKIP the kernel has no IPv6"
fi
stop "$PID_M"; rc=$?
check "matrix instance: SIGTERM exits with status 0" test "$rc" -eq 0

# --- 3: pysnmp: 3DES, and AES-192/256 with each key extension ------------------------------------
CONF_Y=$WORK/pysnmp.conf
cat >"$CONF_Y" <<'EOF'
createUser -e 0x8000000001020401 d3t SHA authpass12 3DES privpass12
createUser -e 0x8000000001020402 d3m MD5 authpass12 3DES privpass12
createUser d3i SHA authpass12 3DES privpass12
createUser -e 0x8000000001020403 r256 SHA authpass12 AES-256-C privpass12
createUser -e 0x8000000001020404 b256 SHA authpass12 AES-256 privpass12
createUser -e 0x8000000001020405 r192 SHA authpass12 AES-192-C privpass12
createUser -e 0x8000000001020406 b192 SHA authpass12 AES-192 privpass12
createUser ri256 SHA authpass12 AES-256-C privpass12
authUser log d3t
authUser log d3m
authUser log d3i
authUser log r256
authUser log b256
authUser log r192
authUser log b192
authUser log ri256
EOF
note_users "$CONF_Y"
SNMP_PERSISTENT_DIR=$WORK/state-pysnmp start pysnmp "$CONF_Y" "udp:127.0.0.1:$PY_PORT"
check "pysnmp instance starts" has "$LOG" "8 USM users"
"$PY" "$PEER" pysnmp 127.0.0.1 "$PY_PORT" \
  "trap,d3t,sha,3des,8000000001020401,py 3des trap" \
  "trap,d3m,md5,3des,8000000001020402,py md5 3des trap" \
  "inform,d3i,sha,3des,-,py 3des inform" \
  "trap,r256,sha,aes256-reeder,8000000001020403,py reeder256 trap" \
  "trap,b256,sha,aes256-blumenthal,8000000001020404,py blumenthal256 trap" \
  "trap,r192,sha,aes192-reeder,8000000001020405,py reeder192 trap" \
  "trap,b192,sha,aes192-blumenthal,8000000001020406,py blumenthal192 trap" \
  "inform,ri256,sha,aes256-reeder,-,py reeder256 inform" \
  "trap,b256,sha,aes256-reeder,8000000001020404,py reeder to blumenthal" \
  "trap,r256,sha,aes256-blumenthal,8000000001020403,py blumenthal to reeder" \
  >"$WORK/pysnmp.out" 2>&1
wait_for "$LOG" "for user 'r256'"
check "pysnmp SHA + 3DES (usm3DESEDEPrivProtocol) trap, fixed engine ID: logged" \
  has "$LOG" '= STRING: "py 3des trap"'
check "pysnmp MD5 + 3DES trap: logged" has "$LOG" '= STRING: "py md5 3des trap"'
check "pysnmp SHA + 3DES inform (discovers our engine): Response accepted" \
  has_line "$WORK/pysnmp.out" "OP 3 ok"
check "... and logged once" count_is "$LOG" '= STRING: "py 3des inform"' 1
check "pysnmp usmAesCfb256Protocol (Reeder) pairs with an AES-256-C user" \
  has "$LOG" '= STRING: "py reeder256 trap"'
check "pysnmp usmAesBlumenthalCfb256Protocol pairs with an AES-256 user" \
  has "$LOG" '= STRING: "py blumenthal256 trap"'
check "pysnmp usmAesCfb192Protocol (Reeder) pairs with an AES-192-C user" \
  has "$LOG" '= STRING: "py reeder192 trap"'
check "pysnmp usmAesBlumenthalCfb192Protocol pairs with an AES-192 user" \
  has "$LOG" '= STRING: "py blumenthal192 trap"'
check "pysnmp Reeder AES-256 inform to an AES-256-C user without -e: Response accepted" \
  has_line "$WORK/pysnmp.out" "OP 8 ok"
check "... and logged once" count_is "$LOG" '= STRING: "py reeder256 inform"' 1
check "Reeder sender, AES-256 (Blumenthal) user: not logged" lacks "$LOG" "py reeder to blumenthal"
check "... undecryptable, the log names the key extension" wait_re "$LOG" \
  "^dropped [0-9]+ octets: undecryptable message \(wrong privacy password or protocol, or the sender extends the key as AES-256-C, Reeder\) for user 'b256' from 127\.0\.0\.1, engine 0x8000000001020404$"
check "Blumenthal sender, AES-256-C (Reeder) user: not logged" lacks "$LOG" "py blumenthal to reeder"
check "... undecryptable too, the other way round" has_re "$LOG" \
  "^dropped [0-9]+ octets: undecryptable message \(wrong privacy password or protocol, or the sender extends the key as AES-256, Blumenthal\) for user 'r256' "
# shellcheck disable=SC2046 # v3args gives a word list
if timeout 5 snmptrap -Le -v3 -e 0x8000000001020401 $(v3args d3t SHA 3DES) "udp:127.0.0.1:$PY_PORT" 1 \
  "$TRAP_OID" >/dev/null 2>"$WORK/client.err"; then
  not_ok "Net-SNMP 5.9 has no 3DES (-x 3DES refused), hence pysnmp"
else
  echo "# snmptrap -x 3DES: $(head -n 1 "$WORK/client.err")"
  check "Net-SNMP 5.9 has no 3DES (-x 3DES refused), hence pysnmp" has "$WORK/client.err" "Invalid privacy protocol"
fi
stop "$PID"

# --- 4: refusals, each with its log line ---------------------------------------------------------
R="udp:127.0.0.1:$PR"
CONF_R=$WORK/refuse.conf
cat >"$CONF_R" <<'EOF'
createUser -e 0x8000000001020501 rt SHA authpass12 AES privpass12
createUser -e 0x8000000001020502 rp SHA authpass12 AES privpass12
createUser ri SHA authpass12 AES privpass12
authUser log rt
authUser log rp priv
authUser log ri
EOF
note_users "$CONF_R"
SNMP_PERSISTENT_DIR=$WORK/state-refuse start refuse "$CONF_R" "$R"
check "refusal instance starts" has "$LOG" "3 USM users"
LOG_R=$LOG
# traps (a drop is silent for the sender: the log is the only witness)
trap3 "$R" 0x8000000001020501 "$(v3args rt SHA AES wrongpass12)" "r wrong auth" 2>/dev/null
trap3 "$R" 0x8000000001020501 "$(v3args nobody SHA AES)" "r unknown user" 2>/dev/null
trap3 "$R" 0x8000000001020501 "$(v3args rt none none)" "r noauth" 2>/dev/null
trap3 "$R" 0x8000000001020501 "$(v3args rt SHA AES authpass12 wrongpriv12)" "r wrong priv" 2>/dev/null
trap3 "$R" 0x8000000001020502 "$(v3args rp SHA none)" "r authnopriv to priv" 2>/dev/null
trap3 "$R" 0x8000000001020599 "$(v3args rt SHA AES)" "r other engine" 2>/dev/null
trap3 "$R" 0x8000000001020501 "$(v3args rt SHA AES)" "r good trap" 2>/dev/null
trap3 "$R" 0x8000000001020502 "$(v3args rp SHA AES)" "r good priv trap" 2>/dev/null
wait_for "$LOG_R" '"r good priv trap"'
check "control: a correct trap of rt is logged" has "$LOG_R" '"r good trap"'
check "control: an authPriv trap of rp (authUser ... priv) is logged" has "$LOG_R" '"r good priv trap"'
for t in "r wrong auth" "r unknown user" "r noauth" "r wrong priv" "r authnopriv to priv" "r other engine"; do
  check "trap '$t' is not logged" lacks "$LOG_R" "\"$t\""
done
src='from 127\.0\.0\.1, engine 0x8000000001020'
check "wrong auth password: log line" wait_re "$LOG_R" \
  "^dropped [0-9]+ octets: wrong auth password or protocol for user 'rt' ${src}501$"
check "unknown user: log line" wait_re "$LOG_R" "^dropped [0-9]+ octets: no user 'nobody' ${src}501$"
check "noAuthNoPriv to an authPriv user: log line" wait_re "$LOG_R" \
  "^dropped [0-9]+ octets: unauthenticated message for user 'rt' ${src}501$"
check "wrong privacy password: log line" wait_re "$LOG_R" \
  "^dropped [0-9]+ octets: undecryptable message \(wrong privacy password or protocol.*\) for user 'rt' ${src}501$"
check "authUser level priv, authNoPriv trap: log line" wait_re "$LOG_R" \
  "^dropped [0-9]+ octets: no authUser line allows this level for user 'rp' ${src}502$"
check "user of another engine: log line names the other engines" wait_re "$LOG_R" \
  "^dropped [0-9]+ octets: no user 'rt' ${src}599 \(users of that name exist for other engines: check createUser -e\)$"
check "no drop line was rate-limited away (traps)" lacks "$LOG_R" "suppressed"
stop "$PID"
# informs, on a fresh instance of the same file (one log line per refusal, at most 10 per 10 s):
# the sender learns the reason from our Report
SNMP_PERSISTENT_DIR=$WORK/state-refuse-inform start refuse-inform "$CONF_R" "$R"
check "second refusal instance starts" has "$LOG" "3 USM users"
LOG_R=$LOG
E_R=$(engine_of "$LOG_R"); E_R=${E_R% *}
ER_UP=$(upper "$E_R")
inform3 "$R" "$(v3args ri SHA AES wrongpass12)" "r inform wrong auth" >/dev/null 2>"$WORK/c1.err"; rc=$?
check "inform with a wrong auth password fails" test "$rc" -ne 0
check "... snmpinform: Authentication failure" has "$WORK/c1.err" "Authentication failure"
check "... log line (Report sent)" wait_re "$LOG_R" \
  "^refused \(Report sent\) [0-9]+ octets: wrong auth password or protocol for user 'ri' from 127\.0\.0\.1, engine 0x$ER_UP$"
inform3 "$R" "$(v3args nobody SHA AES)" "r inform unknown" >/dev/null 2>"$WORK/c2.err"; rc=$?
check "inform from an unknown user fails" test "$rc" -ne 0
check "... snmpinform: Unknown user name" has "$WORK/c2.err" "Unknown user name"
check "... log line (Report sent)" wait_re "$LOG_R" \
  "^refused \(Report sent\) [0-9]+ octets: no user 'nobody' from 127\.0\.0\.1, engine 0x$ER_UP$"
inform3 "$R" "$(v3args rt SHA AES)" "r inform other engine" >/dev/null 2>"$WORK/c3.err"; rc=$?
check "inform as a user created for another engine (-e) fails: Unknown user name" \
  test "$rc" -ne 0 -a -n "$(grep -F 'Unknown user name' "$WORK/c3.err")"
check "... log line names the other engines" wait_re "$LOG_R" \
  "^refused \(Report sent\) [0-9]+ octets: no user 'rt' from 127\.0\.0\.1, engine 0x$ER_UP \(users of that name exist for other engines: check createUser -e\)$"
inform3 "$R" "$(v3args ri SHA AES authpass12 wrongpriv12)" "r inform wrong priv" >/dev/null 2>"$WORK/c4.err"; rc=$?
check "inform with a wrong privacy password fails" test "$rc" -ne 0
check "... snmpinform: Decryption error" has "$WORK/c4.err" "Decryption error"
check "... log line (Report sent)" wait_re "$LOG_R" \
  "^refused \(Report sent\) [0-9]+ octets: undecryptable message .* for user 'ri' from 127\.0\.0\.1, engine 0x$ER_UP$"
for t in "r inform wrong auth" "r inform unknown" "r inform other engine" "r inform wrong priv"; do
  check "'$t' is not logged" lacks "$LOG_R" "\"$t\""
done
inform_ok "control: a correct inform of ri gets its Response" \
  "$R" "$(v3args ri SHA AES)" "r inform good"
check "no drop line was rate-limited away (informs)" lacks "$LOG_R" "suppressed"
stop "$PID"

# --- 5: timeliness of traps (reference §4.1) and replay ----------------------------------------
Z="udp:127.0.0.1:$PZ"
CONF_Z=$WORK/time.conf
cat >"$CONF_Z" <<'EOF'
createUser -e 0x8000000001020601 z SHA authpass12 AES privpass12
createUser -e 0x8000000001020602 rz SHA authpass12 AES privpass12
authUser log z
authUser log rz
EOF
SNMP_PERSISTENT_DIR=$WORK/state-time start time "$CONF_Z" "$Z"
check "time-window instance starts" has "$LOG" "2 USM users"
LOG_Z=$LOG
for row in 5,100000:logged 5,99000:dropped 5,99900:logged 4,200000:dropped 6,10:logged 6,5:logged; do
  bt=${row%%:*}
  trap3 "$Z" 0x8000000001020601 "$(v3args z SHA AES)" "z $bt" -Z "$bt" 2>/dev/null
done
trap3 "$Z" 0x8000000001020601 "$(v3args z SHA AES)" "z marker" -Z 6,6 2>/dev/null
wait_for "$LOG_Z" '"z marker"'
for row in "5,100000:logged:first message of the engine" "5,99000:dropped:1000 s older" \
  "5,99900:logged:100 s older, inside 150 s" "4,200000:dropped:lower boots" \
  "6,10:logged:higher boots" "6,5:logged:5 s older"; do
  IFS=: read -r bt want why <<<"$row"
  if [ "$want" = logged ]; then
    check "-Z $bt ($why): logged" has "$LOG_Z" "= STRING: \"z $bt\""
  else
    check "-Z $bt ($why): dropped" lacks "$LOG_Z" "= STRING: \"z $bt\""
  fi
done
# "N s older": against the engine's time as estimated now (the last time plus the seconds since)
check "-Z 5,99000: log line 'stale trap ... 1000 s older'" has_re "$LOG_Z" \
  "^dropped [0-9]+ octets: stale trap for user 'z' from 127\.0\.0\.1, engine 0x8000000001020601: 100[0-9] s behind the clock that engine announced before: replay or clock reset$"
check "-Z 4,200000: log line 'engineBoots went back'" has_re "$LOG_Z" \
  "^dropped [0-9]+ octets: stale trap for user 'z' from 127\.0\.0\.1, engine 0x8000000001020601: engineBoots went back or is latched at 2\^31-1$"
# replay: snmptrap builds one authPriv datagram (boots 3, time 1000), captured by v3peer.py
# shellcheck disable=SC2046 # v3args gives a word list
"$PY" "$PEER" capture "$WORK/captured.bin" snmptrap -Le -v3 -Z 3,1000 -e 0x8000000001020602 \
  $(v3args rz SHA AES) "udp:127.0.0.1:@PORT@" 777 "$TRAP_OID" "$VB" s "replayed trap"
check "an authPriv datagram is captured" test -s "$WORK/captured.bin"
"$PY" "$PEER" send 127.0.0.1 "$PZ" "$WORK/captured.bin"
check "the captured datagram is logged" wait_for "$LOG_Z" '"replayed trap"'
"$PY" "$PEER" send 127.0.0.1 "$PZ" "$WORK/captured.bin"
sleep 0.3
check "its exact replay seconds later is logged too (RFC 3414 allows it)" \
  count_is "$LOG_Z" '= STRING: "replayed trap"' 2
trap3 "$Z" 0x8000000001020602 "$(v3args rz SHA AES)" "newer by 200 s" -Z 3,1200 2>/dev/null
check "a message 200 s newer is logged" wait_for "$LOG_Z" '"newer by 200 s"'
"$PY" "$PEER" send 127.0.0.1 "$PZ" "$WORK/captured.bin"
check "a replay after it is dropped as stale" wait_re "$LOG_Z" \
  "^dropped [0-9]+ octets: stale trap for user 'rz' from 127\.0\.0\.1, engine 0x8000000001020602: 20[0-9] s behind the clock that engine announced before: replay or clock reset$"
check "... and not logged" count_is "$LOG_Z" '= STRING: "replayed trap"' 2
stop "$PID"

# --- 6: engine ID and engineBoots persistence --------------------------------------------------
# persistentDir in the file, not SNMP_PERSISTENT_DIR, names the state directory here.
P="udp:127.0.0.1:$PP"
PDIR=$WORK/persist-dir
CONF_P=$WORK/persist.conf
write_conf_p() {
  {
    echo "persistentDir $PDIR"
    echo "createUser pi SHA authpass12 AES privpass12"
    echo "authUser log pi"
    [ -n "${1:-}" ] && echo "$1"
  } >"$CONF_P"
}
write_conf_p
note_users "$CONF_P"
SNMP_PERSISTENT_DIR=$WORK/state-unused start p1 "$CONF_P" "$P"
read -r E1 B1 <<<"$(engine_of "$LOG")"
check "first start: a generated engine ID (80001f8880 + 12 random octets), boots 1" \
  test "${#E1}" -eq 34 -a "${E1:0:10}" = 80001f8880 -a "$B1" = 1
check "the state file is in persistentDir" test -f "$PDIR/tinytrapd.state" -a ! -e "$WORK/state-unused/tinytrapd.state"
check "... with the engine ID and boots 1" \
  test "$(grep -E '^engine(ID|Boots) ' "$PDIR/tinytrapd.state" | tr '\n' ' ')" = "engineID 0x$E1 engineBoots 1 "
inform_ok "snmpinform -v3 works" "$P" "$(v3args pi SHA AES)" "p inform 1"
# a pysnmp engine that keeps our boots/time across our restart
rm -f "$WORK/restarted"
"$PY" "$PEER" pysnmp-restart 127.0.0.1 "$PP" pi aes "$WORK/restarted" "p py before" "p py after" \
  >"$WORK/pyrestart.out" 2>&1 &
PYR=$!
pids+=("$PYR")
wait_for "$WORK/pyrestart.out" "FIRST" 50
check "pysnmp: an inform before the restart" has_line "$WORK/pyrestart.out" "FIRST ok"
stop "$PID"; rc=$?
check "SIGTERM: exit status 0" test "$rc" -eq 0
SNMP_PERSISTENT_DIR=$WORK/state-unused start p2 "$CONF_P" "$P"
read -r E2 B2 <<<"$(engine_of "$LOG")"
check "restart: the same engine ID" test "$E2" = "$E1"
check "restart: engineBoots $B1 -> $((B1 + 1))" test "$B2" = "$((B1 + 1))"
check "... written to the state file at start" has_line "$PDIR/tinytrapd.state" "engineBoots $B2"
: >"$WORK/restarted"
wait "$PYR"; rc=$?
check "pysnmp with the old boots/time cached: the inform after the restart gets a Response" \
  test "$rc" -eq 0 -a -n "$(grep -x 'SECOND ok' "$WORK/pyrestart.out")"
check "... after our authenticated notInTimeWindow Report (the sender resynchronized)" wait_re "$LOG" \
  "^refused \(Report sent\) [0-9]+ octets: message outside our time window \(the sender resynchronizes\) for user 'pi' from 127\.0\.0\.1, engine 0x$(upper "$E1")$"
check "... and is logged" has "$LOG" '= STRING: "p py after"'
inform_ok "snmpinform -e ENGINE -Z <old boots>,5 right after the restart resynchronizes (exit 0)" \
  "$P" "$(v3args pi SHA AES)" "p inform old boots" -e "0x$E1" -Z "$B1,5"
check "... logged once" count_is "$LOG" '= STRING: "p inform old boots"' 1
inform_ok "snmpinform with discovery after the restart (exit 0)" \
  "$P" "$(v3args pi SHA AES)" "p inform 2"
kill -KILL "$PID"; wait "$PID" 2>/dev/null
SNMP_PERSISTENT_DIR=$WORK/state-unused start p3 "$CONF_P" "$P"
read -r E3 B3 <<<"$(engine_of "$LOG")"
check "after kill -9: the same engine ID, boots $B2 -> $((B2 + 1)) (never reused after a crash)" \
  test "$E3" = "$E1" -a "$B3" = "$((B2 + 1))"
inform_ok "snmpinform after the crash restart (exit 0)" "$P" "$(v3args pi SHA AES)" "p inform 3"
stop "$PID"
write_conf_p "exactEngineID 0x8000000001020304aabbcc"
SNMP_PERSISTENT_DIR=$WORK/state-unused start p4 "$CONF_P" "$P"
read -r E4 B4 <<<"$(engine_of "$LOG")"
check "exactEngineID 0x8000000001020304aabbcc sets the engine ID" test "$E4" = 8000000001020304aabbcc
check "... and a new engine ID starts at boots 1" test "$B4" = 1
check "... the state file holds it" has_line "$PDIR/tinytrapd.state" "engineID 0x8000000001020304aabbcc"
inform_ok "snmpinform discovers the configured engine ID (exit 0)" \
  "$P" "$(v3args pi SHA AES)" "p inform exact"
stop "$PID"
SNMP_PERSISTENT_DIR=$WORK/state-unused start p5 "$CONF_P" "$P"
read -r E5 B5 <<<"$(engine_of "$LOG")"
check "same exactEngineID again: boots 2" test "$E5" = 8000000001020304aabbcc -a "$B5" = 2
stop "$PID"
write_conf_p "engineID tinytrap"
SNMP_PERSISTENT_DIR=$WORK/state-unused start p6 "$CONF_P" "$P"
read -r E6 B6 <<<"$(engine_of "$LOG")"
check "engineID TEXT: 0x80001f8804 + the text (RFC 3411 format 4), boots 1" \
  test "$E6" = 80001f880474696e7974726170 -a "$B6" = 1
stop "$PID"
write_conf_p
SNMP_PERSISTENT_DIR=$WORK/state-unused start p7 "$CONF_P" "$P"
read -r E7 B7 <<<"$(engine_of "$LOG")"
check "no engine directive: the stored engine ID is kept, boots 2" \
  test "$E7" = 80001f880474696e7974726170 -a "$B7" = 2
stop "$PID"

# Instances sharing one persistent directory (the default one, say) and starting together:
# each must start and get its own engineBoots.
CONF_S=$WORK/shared.conf
printf 'createUser s SHA authpass12\nauthUser log s\n' >"$CONF_S"
started=0
for round in 1 2 3 4; do
  spids=()
  for j in 1 2 3; do
    SNMP_PERSISTENT_DIR=$WORK/shared-state "$DAEMON" -f -Lf "$WORK/shared.$round.$j.log" -C \
      -c "$CONF_S" udp:127.0.0.1:0 2>"$WORK/shared.$round.$j.err" &
    spids+=("$!")
    pids+=("$!")
  done
  for j in 1 2 3; do
    wait_for "$WORK/shared.$round.$j.log" "USM users" 50 && started=$((started + 1))
  done
  for p in "${spids[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
done
LOG=$WORK/shared.err
cat "$WORK"/shared.*.*.err >"$LOG" 2>/dev/null
check "12 starts, 3 at a time, on one persistent directory: all start" test "$started" -eq 12
boots=$(cat "$WORK"/shared.*.log 2>/dev/null | sed -n 's/^SNMP engine 0x[0-9a-f]*, engineBoots \([0-9]*\);.*/\1/p' | sort -n | tr '\n' ' ')
check "... with engineBoots 1 to 12, each once" test "$boots" = "1 2 3 4 5 6 7 8 9 10 11 12 "

# --- 7: the AltiGen PBX configuration, as users run it ------------------------------------------
CONF_A=$WORK/altigen-snmptrapd.conf
sed "s|C:/usr/log/snmptrapd.log.txt|$WORK/altigen.log|" "$HERE/altigen-snmptrapd.conf" >"$CONF_A"
LOG=$WORK/altigen.log
SNMP_PERSISTENT_DIR=$WORK/state-altigen "$DAEMON" -f -C -c "$CONF_A" "udp:127.0.0.1:$PA" \
  >"$WORK/altigen.out" 2>"$WORK/altigen.err" &
PID=$!
pids+=("$PID")
check "the AltiGen file starts (its logoption f is the log)" wait_for "$LOG" "3 USM users" 100
tl=$(grep -n '^traphandle' "$CONF_A" | cut -d: -f1)
check "... the only message on stderr is the traphandle warning" test \
  "$(cat "$WORK/altigen.err")" = "$CONF_A:$tl: 'traphandle' is not supported yet; line ignored"
check "... and nothing else but the start-up lines in the log" \
  test "$(grep -cvE '^(tinytrapd .* listening on |socket receive buffer |SNMP engine 0x)' "$LOG")" -eq 0
k=0
for e in 0x433a5c416c7469536572765c4578655c616c7469736572762e657865 \
  0x433a5c416c7469536572765c4578655c5350536572762e657865 \
  0x433a5c416c7469536572765c4578655c416c74694b6565702e657865; do
  k=$((k + 1))
  trap3 "udp:127.0.0.1:$PA" "$e" "$(v3args altigen SHA DES 22222222 22222222)" "altigen $k" 2>/dev/null
done
wait_for "$LOG" '"altigen 3"'
k=0
for prog in altiserv.exe SPServ.exe AltiKeep.exe; do
  k=$((k + 1))
  check "SHA+DES authPriv trap of altigen from engine C:\\AltiServ\\Exe\\$prog is logged" \
    has "$LOG" "= STRING: \"altigen $k\""
done
lb=$(grep -nF '= STRING: "altigen 1"' "$LOG" | head -n 1 | cut -d: -f1)
if [ -n "$lb" ] && [ "$lb" -ge 3 ]; then
  sed -n "$((lb - 2)),$((lb + 1))p" "$LOG" >"$WORK/altigen.rec"
else : >"$WORK/altigen.rec"; fi
check "format2: [%y-%m-%l %h:%j:%k] Trap From %b" has_re "$WORK/altigen.rec" \
  "^\[[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}\] Trap From UDP: \[127\.0\.0\.1\]:[0-9]+->\[127\.0\.0\.1\]:$PA$"
check "format2: Security information: %P (v3 user, context)" \
  has_line "$WORK/altigen.rec" "Security information: TRAP2, SNMP v3, user altigen, context "
check "format2: varbinds: %v" has_re "$WORK/altigen.rec" \
  "^varbinds: SNMPv2-MIB::sysUpTime\.0 = Timeticks: \(777\) 0:00:07\.77	SNMPv2-MIB::snmpTrapOID\.0 = OID: \.1\.3\.6\.1\.4\.1\.8072\.2\.3\.0\.1	\.1\.3\.6\.1\.4\.1\.8072\.2\.3\.2\.1 = STRING: \"altigen 1\"$"
check "format2: the blank line that ends a record" test "$(sed -n 4p "$WORK/altigen.rec")" = ""
stop "$PID"

# --- 8: SIGHUP adds a user without a restart; SIGUSR1 prints the v3 counters -------------------
H="udp:127.0.0.1:$PH"
CONF_H=$WORK/hup.conf
cat >"$CONF_H" <<'EOF'
createUser -e 0x8000000001020701 h1 SHA authpass12 AES privpass12
authUser log h1
EOF
SNMP_PERSISTENT_DIR=$WORK/state-hup start hup "$CONF_H" "$H"
check "SIGHUP instance starts with 1 user" has "$LOG" "; 1 USM users"
LOG_H=$LOG
trap3 "$H" 0x8000000001020702 "$(v3args h2 SHA-256 AES-256)" "h2 before" 2>/dev/null
check "a trap of a user not yet created is dropped" wait_for "$LOG_H" "no user 'h2' from 127.0.0.1"
cat >>"$CONF_H" <<'EOF'
createUser -e 0x8000000001020702 h2 SHA-256 authpass12 AES-256 privpass12
createUser h2i SHA-512 authpass12 AES-192-C privpass12
authUser log h2
authUser log h2i
EOF
note_users "$CONF_H" # h2i: its pass phrase before the change below
kill -HUP "$PID"
check "SIGHUP: configuration reloaded with 3 users" wait_for "$LOG_H" \
  "configuration reloaded: 0 authCommunity entries, 3 USM users, 3 authUser entries"
trap3 "$H" 0x8000000001020702 "$(v3args h2 SHA-256 AES-256)" "h2 after" 2>/dev/null
check "the user added by SIGHUP works for traps" wait_for "$LOG_H" '"h2 after"'
check "... the earlier trap stays unlogged" lacks "$LOG_H" '"h2 before"'
inform_ok "the user added by SIGHUP works for informs (exit 0)" \
  "$H" "$(v3args h2i SHA-512 AES-192-C)" "h2i inform"
printf 'createUser h3 SHA short\n' >>"$CONF_H"
kill -HUP "$PID"
check "SIGHUP with a too short pass phrase: not reloaded, file:line named" wait_for "$LOG_H" \
  "configuration not reloaded: $CONF_H:7: createUser 'h3': pass phrase shorter than 8 characters"
trap3 "$H" 0x8000000001020702 "$(v3args h2 SHA-256 AES-256)" "h2 kept" 2>/dev/null
check "... the previous users stay" wait_for "$LOG_H" '"h2 kept"'
# one refusal of each kind, then the counters
trap3 "$H" 0x8000000001020701 "$(v3args h1 SHA AES wrongpass12)" "h wrong digest" 2>/dev/null
trap3 "$H" 0x8000000001020701 "$(v3args h1 SHA AES authpass12 wrongpriv12)" "h wrong priv" 2>/dev/null
trap3 "$H" 0x8000000001020701 "$(v3args h1 none none)" "h noauth" 2>/dev/null
trap3 "$H" 0x8000000001020701 "$(v3args h1 SHA AES)" "h time 1" -Z 9,1000 2>/dev/null
trap3 "$H" 0x8000000001020701 "$(v3args h1 SHA AES)" "h time 2" -Z 8,1000 2>/dev/null
trap3 "$H" 0x8000000001020701 "$(v3args h1 SHA AES)" "h marker" -Z 9,1001 2>/dev/null
wait_for "$LOG_H" '"h marker"'
kill -USR1 "$PID"
check "SIGUSR1 prints the counters" wait_for "$LOG_H" "snmpv3: reports"
check "... packets and deliveries (v3 traps count as v2 traps)" has_re "$LOG_H" \
  '^counters: packets 11, delivered 5, v1 traps 0, v2 traps 4, informs 1, '
check "... the USM drop reasons" has_re "$LOG_H" \
  '^dropped: total 6, .*unknown engine ID 1, unknown user name 1, unsupported security level 1, wrong digest 1, not in time window 1, decryption error 1$'
check "... the Reports, keys and engine state" has_re "$LOG_H" \
  '^snmpv3: reports 1, reports rate-limited 0, time syncs 0, keys localized [0-9]+, slow keys derived 0, slow keys refused 0, remote engines evicted 0; engine 0x80001f8880[0-9a-f]{24}, engineBoots 1, engineTime [0-9]+$'
# SIGHUP changing a pass phrase: keys localized and cached for the old one must not survive; the
# remote engine clocks must (else a reload would reopen the replay window)
trap3 "$H" 0x8000000001020703 "$(v3args h2i SHA-512 AES-192-C)" "h2i old pass" 2>/dev/null
check "a wildcard user's trap (keys localized to 0x...0703 and cached)" wait_for "$LOG_H" '"h2i old pass"'
cat >"$CONF_H" <<'EOF'
createUser -e 0x8000000001020701 h1 SHA authpass12 AES privpass12
createUser h2i SHA-512 newpass1234 AES-192-C newpriv1234
authUser log h1
authUser log h2i
EOF
kill -HUP "$PID"
check "SIGHUP: reloaded with the new pass phrase" wait_for "$LOG_H" \
  "configuration reloaded: 0 authCommunity entries, 2 USM users, 2 authUser entries"
trap3 "$H" 0x8000000001020703 "$(v3args h2i SHA-512 AES-192-C)" "h2i old pass again" 2>/dev/null
trap3 "$H" 0x8000000001020703 "$(v3args h2i SHA-512 AES-192-C newpass1234 newpriv1234)" "h2i new pass" 2>/dev/null
check "the new pass phrase works at once" wait_for "$LOG_H" '"h2i new pass"'
check "the old one no longer does (no stale cached key)" lacks "$LOG_H" '"h2i old pass again"'
trap3 "$H" 0x8000000001020701 "$(v3args h1 SHA AES)" "h stale after reload" -Z 9,500 2>/dev/null
check "after SIGHUP a trap 501 s older than the engine's last one is still stale" wait_re "$LOG_H" \
  "^dropped [0-9]+ octets: stale trap for user 'h1' from 127\.0\.0\.1, engine 0x8000000001020701: 5[0-9][0-9] s behind the clock that engine announced before"
check "... and not logged" lacks "$LOG_H" '"h stale after reload"'
stop "$PID"; rc=$?
check "SIGTERM: exit status 0" test "$rc" -eq 0

# --- 9: discovery (RFC 3414 §4) is no refusal ---------------------------------------------------
# Net-SNMP's snmpinform (5.9) probes with an empty engine ID, takes our boots and time from that
# unauthenticated Report and sends the inform at once (two exchanges, no third message: seen in
# the log and in a capture). pysnmp, like Perl's Net::SNMP, sends an authenticated message with
# boots 0 and time 0 in between and resynchronizes from our authenticated notInTimeWindows
# Report. Neither step is a fault: no log line, only the counters.
D="udp:127.0.0.1:$PD"
CONF_D=$WORK/discovery.conf
printf 'createUser di SHA authpass12 AES privpass12\nauthUser log di\n' >"$CONF_D"
SNMP_PERSISTENT_DIR=$WORK/state-discovery start discovery "$CONF_D" "$D"
note_users "$CONF_D"
check "discovery instance starts" has "$LOG" "; 1 USM users"
LOG_D=$LOG
inform_ok "snmpinform -v3 with discovery: Response (exit 0)" "$D" "$(v3args di SHA AES)" "d netsnmp"
check "... logged once" count_is "$LOG_D" '= STRING: "d netsnmp"' 1
"$PY" "$PEER" pysnmp 127.0.0.1 "$PD" "inform,di,sha,aes,-,d pysnmp" >"$WORK/discovery.out" 2>&1
check "pysnmp inform, discovery with boots 0 and time 0: Response accepted" \
  has_line "$WORK/discovery.out" "OP 1 ok"
check "... logged once" count_is "$LOG_D" '= STRING: "d pysnmp"' 1
kill -USR1 "$PID"
check "SIGUSR1: two probes and one time sync, 3 Reports" wait_re "$LOG_D" \
  '^snmpv3: reports 3, reports rate-limited 0, time syncs 1, '
check "... counted as 2 unknown engine IDs and 1 not in time window" has_re "$LOG_D" \
  '^dropped: total 3, .*, unknown engine ID 2, .*, not in time window 1, decryption error 0$'
check "no 'outside our time window' line" lacks "$LOG_D" "outside our time window"
check "no refusal or drop line for either discovery step" \
  test "$(grep -cE '^(refused|dropped) ' "$LOG_D")" -eq 0
stop "$PID"; rc=$?
check "SIGTERM: exit status 0" test "$rc" -eq 0
check "... the counters at exit show the time sync" count_is "$LOG_D" ", time syncs 1, " 2

# --- 10: tshark decodes and verifies every reply of tinytrapd in the capture ---------------------
sleep 0.2
kill -TERM "$DUMPCAP" 2>/dev/null; wait "$DUMPCAP" 2>/dev/null
TSHARK=("$PY" "$HERE/tshark_replies.py" "$WORK/v3.pcapng" "$USERS_T" "${PORTS[@]}"
  --odd-engine 8000000001020304aabbcc) # exactEngineID above: format 1 (IPv4) with 6 octets
"${TSHARK[@]}" >"$WORK/tshark.out" 2>&1; rc=$?
read -r _ nrep _ nauth _ ndec _ nopq < <(grep '^replies ' "$WORK/tshark.out")
echo "# tshark: $(grep -E '^(replies|kinds) ' "$WORK/tshark.out" | tr '\n' ' ')"
# at least the Responses above that snmpinform and pysnmp accepted, and their discovery Reports
if [ "$rc" -eq 0 ] && [ "${nrep:-0}" -ge 100 ] && [ "${nauth:-0}" -ge 50 ] && [ "${ndec:-0}" -ge 30 ]; then
  ok "$nrep replies from tinytrapd decoded and authenticated by tshark: no error in any, all $nauth with a digest verify, $ndec encrypted ones decrypt to a Response/Report with the request's ids ($nopq more encrypted with keys Wireshark 4.0 cannot form, 3DES or Blumenthal: decoded only)"
else
  not_ok "every reply from tinytrapd decoded and authenticated by tshark" "$(head -n 20 "$WORK/tshark.out")"
fi
# the same capture with one wrong auth and one wrong privacy pass phrase in tshark's table: the
# check must see exactly those users' replies fail
"${TSHARK[@]}" --wrong i-SHA-AES:auth --wrong i-SHA-256-AES-256-C:priv >"$WORK/tshark-wrong.out" 2>&1; rc=$?
check "tshark with a wrong auth pass phrase for one user: its replies fail authentication" \
  has_re "$WORK/tshark-wrong.out" "^PROBLEM frame [0-9]+ \(Response user 'i-SHA-AES' .*: authentication not verified$"
check "... with a wrong privacy pass phrase for another: its replies are not decrypted" \
  has_re "$WORK/tshark-wrong.out" "^PROBLEM frame [0-9]+ \(.* user 'i-SHA-256-AES-256-C' .*: not decrypted$"
check "... and no other user's reply fails (exit 1)" test "$rc" -eq 1 -a \
  "$(grep '^PROBLEM' "$WORK/tshark-wrong.out" | grep -cvE "user '(i-SHA-AES|i-SHA-256-AES-256-C)' ")" -eq 0

echo "1..$n"
[ "$failed" -eq 0 ]
