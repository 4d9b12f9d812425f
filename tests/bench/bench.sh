#!/usr/bin/env bash
# tests/bench/bench.sh - tinytrapd against Net-SNMP snmptrapd on loopback, plus in-process CPU.
#
# For each daemon and each offered load, a fresh daemon logs to a file (-Lf) the [v2c-trap] of
# tests/vectors/packets-netsnmp.txt replayed by $BUILD/bench/sender at a fixed rate for a fixed
# time. Once the log stops growing (drained), it reads:
#   logged    alert headers in the log (lines holding "UDP: [127.0.0.1]:"; a v2c default alert
#             is a header line plus one line of TAB-separated varbinds, checked on every run)
#   loss      (sent - logged) / sent
#   CPU/trap  daemon CPU during the run / logged: utime+stime of /proc/PID/stat (clock ticks,
#             10 ms resolution, as in the snmptrapd reference) and the sum of
#             /proc/PID/task/*/schedstat run time (ns resolution)
#   RSS       VmHWM of /proc/PID/status (peak resident set)
#   rcvbuf    delta of RcvbufErrors in /proc/net/snmp (system-wide; nothing else should be
#             receiving UDP on this host during the bench)
# Then it runs $BUILD/bench/bench_inproc and writes one Markdown report to stdout and to
# $BENCH_RESULTS (build/bench/results.md).
#
# Environment: BUILD (build/posix), BENCH_RATES ("5000 20000 100000"), BENCH_DURATION (3),
# BENCH_DAEMONS ("tinytrapd snmptrapd"), BENCH_ITERS (2000000), BENCH_PACKET (v2c-trap),
# BENCH_RESULTS (build/bench/results.md), BENCH_STRICT (1: exit 1 when a target is missed).
# Everything runs on 127.0.0.1; every daemon started here is killed on exit.
set -uo pipefail
cd "$(dirname "$0")/../.."

BUILD=${BUILD:-build/posix}
RATES=${BENCH_RATES:-"5000 20000 100000"}
DURATION=${BENCH_DURATION:-3}
DAEMONS=${BENCH_DAEMONS:-"tinytrapd snmptrapd"}
ITERS=${BENCH_ITERS:-2000000}
PACKET=${BENCH_PACKET:-v2c-trap}
RESULTS=${BENCH_RESULTS:-build/bench/results.md}
STRICT=${BENCH_STRICT:-0}
VECTORS=tests/vectors/packets-netsnmp.txt
SENDER=$BUILD/bench/sender
INPROC=$BUILD/bench/bench_inproc
TINYTRAPD=${TINYTRAPD:-$BUILD/tinytrapd}
SNMPTRAPD=${SNMPTRAPD:-$(command -v snmptrapd || echo /usr/sbin/snmptrapd)}
CLK_TCK=$(getconf CLK_TCK)
DRAIN_MAX_S=60      # give up waiting for a daemon to drain after this long
STARTUP_MAX_S=10    # ... and for it to bind its port

WORK=$(mktemp -d /tmp/tinytrap-bench.XXXXXX)
DAEMON_PID=""

cleanup() {
	if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
		kill -TERM "$DAEMON_PID" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$DAEMON_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID" 2>/dev/null
	fi
	DAEMON_PID=""
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() { echo "bench: $*" >&2; exit 1; }

for f in "$SENDER" "$INPROC"; do
	[ -x "$f" ] || die "$f missing (run: make bench)"
done

# A UDP port nobody on this host is bound to (looked up in /proc/net/udp).
free_port() {
	local p hex
	for _ in $(seq 1 200); do
		p=$((20000 + RANDOM % 40000))
		hex=$(printf ':%04X ' "$p")
		grep -qi -- "$hex" /proc/net/udp /proc/net/udp6 2>/dev/null || { echo "$p"; return; }
	done
	die "no free UDP port found"
}

port_bound() { grep -qi -- "$(printf ':%04X ' "$1")" /proc/net/udp; }

rcvbuf_errors() {
	awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i; h = 1 }
	               else { print $c; exit } }' /proc/net/snmp
}

# utime+stime of the whole process, in clock ticks (fields 14 and 15, after the "(comm)").
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# Run time of every thread of the process, in ns.
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%d\n", s }'; }

vmhwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
rssanon_kb() { awk '/^RssAnon:/ { print $2 }' "/proc/$1/status"; }

alerts_in() { local n; n=$(grep -c -F 'UDP: [127.0.0.1]:' "$1" 2>/dev/null); echo "${n:-0}"; }

# start_daemon NAME DIR PORT: starts it in the background, sets DAEMON_PID, waits for the bind.
start_daemon() {
	local name=$1 dir=$2 port=$3
	mkdir -p "$dir/conf" "$dir/persist"
	printf 'authCommunity log,execute,net public\n' >"$dir/conf/$name.conf"
	case $name in
	tinytrapd)
		"$TINYTRAPD" -f -C -c "$dir/conf/$name.conf" -Lf "$dir/log" "udp:127.0.0.1:$port" \
			>"$dir/stdout" 2>&1 &
		;;
	snmptrapd)
		# MIBS= : no MIB loading, like the reference's "mibs :" (-C skips /etc/snmp/snmp.conf).
		MIBS= SNMPCONFPATH="$dir/conf:$dir/persist" SNMP_PERSISTENT_DIR="$dir/persist" \
			"$SNMPTRAPD" -f -C -c "$dir/conf/$name.conf" -Lf "$dir/log" "udp:127.0.0.1:$port" \
			>"$dir/stdout" 2>&1 &
		;;
	esac
	DAEMON_PID=$!
	local i
	for ((i = 0; i < STARTUP_MAX_S * 20; i++)); do
		kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$dir/stdout" "$dir/log" >&2 2>/dev/null; return 1; }
		port_bound "$port" && { sleep 0.2; return 0; }
		sleep 0.05
	done
	return 1
}

stop_daemon() {
	[ -n "$DAEMON_PID" ] || return 0
	kill -TERM "$DAEMON_PID" 2>/dev/null
	local i
	for ((i = 0; i < 50; i++)); do
		kill -0 "$DAEMON_PID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=""
}

# Results, keyed "daemon,rate,field".
declare -A R

# run_one NAME RATE: one fresh daemon, one load; fills R[NAME,RATE,*].
run_one() {
	local name=$1 rate=$2 dir port out sent rb0 rb1 t0 t1 n0 n1 last cur stable i lines
	dir=$WORK/$name-$rate
	port=$(free_port)
	mkdir -p "$dir"
	if ! start_daemon "$name" "$dir" "$port"; then
		echo "bench: $name did not start on udp:127.0.0.1:$port" >&2
		stop_daemon
		R[$name,$rate,err]="did not start"
		return
	fi
	rb0=$(rcvbuf_errors)
	t0=$(cpu_ticks "$DAEMON_PID")
	n0=$(cpu_ns "$DAEMON_PID")
	out=$("$SENDER" -p "$port" -r "$rate" -d "$DURATION" -f "$VECTORS" -b "$PACKET")
	sent=$(sed -n 's/^sent \([0-9]*\) of.*/\1/p' <<<"$out")
	R[$name,$rate,sender]=$out
	# Drain: wait until the alert count reaches `sent` or stops growing for 1 s.
	last=-1
	stable=0
	for ((i = 0; i < DRAIN_MAX_S * 5; i++)); do
		cur=$(alerts_in "$dir/log")
		[ "$cur" -ge "${sent:-0}" ] && break
		if [ "$cur" -eq "$last" ]; then
			stable=$((stable + 1))
			[ "$stable" -ge 5 ] && break
		else
			stable=0
		fi
		last=$cur
		sleep 0.2
	done
	if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
		R[$name,$rate,err]="died during the run"
	else
		t1=$(cpu_ticks "$DAEMON_PID")
		n1=$(cpu_ns "$DAEMON_PID")
		R[$name,$rate,hwm]=$(vmhwm_kb "$DAEMON_PID")
		R[$name,$rate,anon]=$(rssanon_kb "$DAEMON_PID")
	fi
	rb1=$(rcvbuf_errors)
	R[$name,$rate,drained]=$(alerts_in "$dir/log")
	stop_daemon
	# Count after exit too, in case the daemon flushes its log only then.
	R[$name,$rate,logged]=$(alerts_in "$dir/log")
	R[$name,$rate,sent]=${sent:-0}
	R[$name,$rate,rcvbuf]=$((rb1 - rb0))
	if [ -n "${t1:-}" ]; then
		R[$name,$rate,ticks]=$((t1 - t0))
		R[$name,$rate,ns]=$((n1 - n0))
	fi
	# Shape check: lines per alert (v2c default: header + varbinds = 2).
	lines=$(grep -c '' "$dir/log" 2>/dev/null)
	R[$name,$rate,lines]=${lines:-0}
	R[$name,$rate,sample]=$(grep -m1 -A1 -F 'UDP: [127.0.0.1]:' "$dir/log" 2>/dev/null | cut -c1-200)
	rm -f "$dir/log" # can be tens of MB
	echo "bench: $name @ ${rate}/s: $out; logged ${R[$name,$rate,logged]}" \
		"(${R[$name,$rate,drained]} before stop), rcvbuf errors +${R[$name,$rate,rcvbuf]}" >&2
}

fmt_loss() { awk -v s="$1" -v l="$2" 'BEGIN { if (s > 0) printf "%.1f", (s - l) * 100 / s; else print "-" }'; }
fmt_us() { awk -v x="$1" -v d="$2" -v m="$3" 'BEGIN { if (d > 0 && x != "") printf "%.2f", x * m / d; else print "-" }'; }
fmt_mb() { awk -v k="$1" 'BEGIN { if (k != "") printf "%.1f", k / 1024; else print "-" }'; }

active=()
for d in $DAEMONS; do
	case $d in
	tinytrapd) [ -x "$TINYTRAPD" ] && active+=(tinytrapd) || echo "bench: $TINYTRAPD missing, skipped" >&2 ;;
	snmptrapd) [ -x "$SNMPTRAPD" ] && active+=(snmptrapd) || echo "bench: snmptrapd not installed, skipped" >&2 ;;
	*) die "unknown daemon $d" ;;
	esac
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
BUSY=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 20 { printf "%s%s (%s%%)", n++ ? ", " : "", $2, $1 }')
[ -n "$BUSY" ] && echo "bench: warning: other busy processes: $BUSY; numbers will be noisy" >&2
echo "bench: loads [$RATES]/s for ${DURATION} s each, daemons [${active[*]}], packet [$PACKET]" >&2
for rate in $RATES; do
	for d in "${active[@]}"; do
		run_one "$d" "$rate"
	done
done

echo "bench: in-process ($INPROC -n $ITERS)" >&2
inproc=$("$INPROC" -n "$ITERS" "$VECTORS") || die "bench_inproc failed"
sizeof_rx=$(sed -n 's/^RESULT sizeof_tt_rx=//p' <<<"$inproc")
ip() { sed -n "s/^RESULT case=$1 .*$2=\([^ ]*\).*/\1/p" <<<"$inproc"; }

# --- the report --------------------------------------------------------------------------------
report() {
	local d rate c
	echo "# tinytrap bench"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')),"
	echo "git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo '+dirty'), config $BUILD."
	echo "Sender and daemon share the $(nproc) CPUs of this host (loopback only), so at high loads they compete."
	echo "Load average before the run: $LOAD_BEFORE${BUSY:+; other busy processes: $BUSY}."
	echo
	echo "## Daemons: [$PACKET] replayed for ${DURATION} s per load, a fresh daemon per run, logging to a file (-Lf)"
	echo
	printf '| offered load |'
	for d in "${active[@]}"; do printf ' %s logged/sent | loss %% | CPU µs/trap (stat) | CPU µs/trap (schedstat) | peak RSS MB (anon) | RcvbufErrors Δ |' "$d"; done
	[ ${#active[@]} -eq 2 ] && printf ' CPU ratio |'
	echo
	printf '|---:|'
	for d in "${active[@]}"; do printf -- '---:|---:|---:|---:|---:|---:|'; done
	[ ${#active[@]} -eq 2 ] && printf -- '---:|'
	echo
	for rate in $RATES; do
		printf '| %s/s |' "$rate"
		for d in "${active[@]}"; do
			if [ -n "${R[$d,$rate,err]:-}" ]; then
				printf ' %s | | | | | |' "${R[$d,$rate,err]}"
				continue
			fi
			printf ' %s/%s | %s | %s | %s | %s | %s |' \
				"${R[$d,$rate,logged]}" "${R[$d,$rate,sent]}" \
				"$(fmt_loss "${R[$d,$rate,sent]}" "${R[$d,$rate,logged]}")" \
				"$(fmt_us "${R[$d,$rate,ticks]:-}" "${R[$d,$rate,logged]}" "$((1000000 / CLK_TCK))")" \
				"$(fmt_us "${R[$d,$rate,ns]:-}" "${R[$d,$rate,logged]}" 0.001)" \
				"$(fmt_mb "${R[$d,$rate,hwm]:-}") ($(fmt_mb "${R[$d,$rate,anon]:-}"))" "${R[$d,$rate,rcvbuf]}"
		done
		if [ ${#active[@]} -eq 2 ]; then
			awk -v a="${R[${active[1]},$rate,ns]:-0}" -v al="${R[${active[1]},$rate,logged]:-0}" \
			    -v b="${R[${active[0]},$rate,ns]:-0}" -v bl="${R[${active[0]},$rate,logged]:-0}" \
			    'BEGIN { if (a > 0 && al > 0 && b > 0 && bl > 0) printf " %.1fx |", (a / al) / (b / bl); else printf " - |" }'
		fi
		echo
	done
	echo
	[ ${#active[@]} -eq 2 ] && echo "CPU ratio = ${active[1]} / ${active[0]} CPU per logged trap (schedstat)."
	echo "Logged = alert header lines in the log; lines per alert seen: $(for d in "${active[@]}"; do
		for rate in $RATES; do
			[ "${R[$d,$rate,logged]:-0}" -gt 0 ] && awk -v n="${R[$d,$rate,lines]}" -v a="${R[$d,$rate,logged]}" -v d="$d" \
				'BEGIN { printf "%s %.2f; ", d, n / a }' && break
		done
	done)(the rest of the log is start/stop messages)."
	echo "snmptrapd runs as in the reference: -f -C -c CONF -Lf LOG, MIBS= (no MIB loading, like \`mibs :\`)."
	echo "Sender output per run:"
	echo
	for rate in $RATES; do
		for d in "${active[@]}"; do
			echo "    $d @ $rate/s: ${R[$d,$rate,sender]:-}"
		done
	done
	echo
	echo "## In-process (bench_inproc, $ITERS iterations, best of 3 rounds, one core)"
	echo
	echo "| notification | tt_rx_input ns | tt_rx_input + tt_render_default ns | alert bytes |"
	echo "|---|---:|---:|---:|"
	for c in v2c-trap v1-trap v2c-inform; do
		echo "| $c$([ "$c" = v2c-inform ] && echo ' (Response built, tt_rx_delivered)') | $(ip "$c" decode_ns) | $(ip "$c" total_ns) | $(ip "$c" render_bytes) |"
	done
	echo
	echo "## Sizes"
	echo
	echo "- sizeof(struct tt_rx), $BUILD config: $sizeof_rx bytes"
	if [ -x "$TINYTRAPD" ] && command -v size >/dev/null; then
		echo "- tinytrapd: $(size "$TINYTRAPD" | awk 'NR == 2 { printf "text %s, data %s, bss %s bytes", $1, $2, $3 }')"
	fi
	echo
	echo "## Targets"
	echo
	targets
}

MISSED=0
check() { # check OK TEXT
	if [ "$1" = 1 ]; then echo "- met: $2"; else echo "- **missed**: $2"; MISSED=1; fi
}

targets() {
	local v ok rate d
	v=$(ip v2c-trap total_ns)
	ok=$(awk -v v="$v" 'BEGIN { print (v != "" && v <= 1000) ? 1 : 0 }')
	check "$ok" "in-process decode + render of a v2c trap <= 1 µs: ${v:-?} ns"
	for d in "${active[@]}"; do [ "$d" = tinytrapd ] || continue
		for rate in $RATES; do
			[ "$rate" -ge 100000 ] || continue
			ok=$([ -z "${R[$d,$rate,err]:-}" ] && [ "${R[$d,$rate,logged]:-0}" -ge "${R[$d,$rate,sent]:-1}" ] && echo 1 || echo 0)
			check "$ok" "tinytrapd no loss at $rate/s: ${R[$d,$rate,logged]:-0}/${R[$d,$rate,sent]:-?} logged"
		done
		local maxk=0
		for rate in $RATES; do
			[ "${R[$d,$rate,hwm]:-0}" -gt "$maxk" ] && maxk=${R[$d,$rate,hwm]}
		done
		ok=$(awk -v k="$maxk" 'BEGIN { print (k > 0 && k <= 2048) ? 1 : 0 }')
		check "$ok" "tinytrapd peak RSS <= 2 MB (VmHWM, highest of all loads; shared libc pages included): $(fmt_mb "$maxk") MB"
	done
	if [ ${#active[@]} -eq 2 ] && [ "${active[0]}" = tinytrapd ]; then
		for rate in $RATES; do
			ok=$(awk -v a="${R[snmptrapd,$rate,ns]:-0}" -v al="${R[snmptrapd,$rate,logged]:-0}" \
			         -v b="${R[tinytrapd,$rate,ns]:-0}" -v bl="${R[tinytrapd,$rate,logged]:-0}" \
			         'BEGIN { r = (a > 0 && al > 0 && b > 0 && bl > 0) ? (a / al) / (b / bl) : 0;
			                  printf "%d %.1f", (r >= 20), r }')
			check "${ok%% *}" "tinytrapd >= 20x less CPU per trap than snmptrapd at $rate/s: ${ok#* }x"
		done
	fi
}

mkdir -p "$(dirname "$RESULTS")"
report >"$RESULTS"
cat "$RESULTS"
echo
echo "bench: written to $RESULTS"
if grep -q '^- \*\*missed\*\*' "$RESULTS"; then
	echo "bench: some targets were missed" >&2
	[ "$STRICT" = 1 ] && exit 1
fi
exit 0
