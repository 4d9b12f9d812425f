# Bench targets, included by tests/tests.mk. `make bench` (not part of `make test`) builds the
# daemon, the datagram sender and the in-process benchmark into $(BUILD)/bench/, then runs
# tests/bench/bench.sh: tinytrapd against Net-SNMP snmptrapd at several offered loads on
# loopback, plus in-process CPU per trap. The table goes to stdout and build/bench/results.md.
# A second section does the same with an SNMPv3 authPriv (SHA + AES-128) trap, and the
# in-process benchmark measures it too, against 1, 8 and CONFIG_TT_MAX_USERS users.
# Overrides (environment or make variables): BENCH_RATES="5000 20000 100000", BENCH_DURATION=3,
# BENCH_V3_RATES="5000 20000 50000" (empty in the environment: no SNMPv3 daemon runs),
# BENCH_V3_DURATION (BENCH_DURATION, at most 120), BENCH_DAEMONS="tinytrapd snmptrapd",
# BENCH_ITERS=2000000, BENCH_V3_ITERS (BENCH_ITERS / 10), BENCH_STRICT=1 (fail on a missed target),
# BENCH_BUSY=0 (skip the second, "CPU held busy" run of every load; see tests/bench/bench.sh).

BENCH_DIR := $(BUILD)/bench
BENCH_CFLAGS := -std=c99 -D_GNU_SOURCE $(WARN) -O2 -g $(LTO) -Icore/include -I$(BUILD) -DTT_HAVE_AUTOCONF

# sender and bench_inproc, each one file linked with the core (sender for tt_hex_decode only)
$(BENCH_DIR)/%: tests/bench/%.c $(BUILD)/libtinytrap.a $(HEADERS) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $< $(BUILD)/libtinytrap.a $(CORE_LIBS) -o $@

bench: $(BUILD)/tinytrapd $(BENCH_DIR)/sender $(BENCH_DIR)/bench_inproc
	@BUILD=$(BUILD) $(if $(BENCH_RATES),BENCH_RATES="$(BENCH_RATES)") \
	  $(if $(BENCH_DURATION),BENCH_DURATION=$(BENCH_DURATION)) \
	  $(if $(BENCH_DAEMONS),BENCH_DAEMONS="$(BENCH_DAEMONS)") \
	  $(if $(BENCH_ITERS),BENCH_ITERS=$(BENCH_ITERS)) \
	  $(if $(BENCH_V3_RATES),BENCH_V3_RATES="$(BENCH_V3_RATES)") \
	  $(if $(BENCH_V3_DURATION),BENCH_V3_DURATION=$(BENCH_V3_DURATION)) \
	  $(if $(BENCH_V3_ITERS),BENCH_V3_ITERS=$(BENCH_V3_ITERS)) \
	  $(if $(BENCH_STRICT),BENCH_STRICT=$(BENCH_STRICT)) \
	  $(if $(BENCH_BUSY),BENCH_BUSY=$(BENCH_BUSY)) \
	  tests/bench/bench.sh
