# Robustness targets, included by tests/tests.mk (after tests/unit/unit.mk, whose ASan core
# objects they reuse).
#
#   test-protos  the PROTOS c06-snmpv1 suites through tt_rx_input in an ASan + UBSan build
#                (tests/fuzz/protos_replay.c): one TAP line per suite, one for base cases 0..5
#   test-fuzz    libFuzzer: fuzz_rx (tt_rx_input + rendering) for FUZZ_SECONDS, fuzz_conf
#                (configuration parsers) for FUZZ_CONF_SECONDS; seeds from the test vectors
#
# Crashes are written to build/fuzz/ (crash-*, leak-*, timeout-*); reproduce one with
#   build/$(CONFIG)-fuzz/fuzz_rx build/fuzz/crash-...

FUZZ_SECONDS ?= 60
FUZZ_CONF_SECONDS ?= 15
FUZZ_RSS_MB ?= 2048
FUZZ_CC ?= clang
FUZZ_BUILD := build/$(CONFIG)-fuzz
FUZZ_DIR := build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
FUZZ_CORE_OBJ := $(patsubst core/src/%.c,$(FUZZ_BUILD)/core/%.o,$(CORE_SRC))
FUZZ_INC := -Icore/include -I$(BUILD) -DTT_HAVE_AUTOCONF -Itests/fuzz
PROTOS_DIR := tests/vectors/protos-c06
PROTOS_SUITES := $(sort $(wildcard $(PROTOS_DIR)/*.cases.txt.gz))
PROTOS_APP := $(PROTOS_DIR)/c06-snmpv1-trap-app-r1.cases.txt.gz
FUZZ_HDR := $(wildcard tests/fuzz/*.h)

.PHONY: fuzz-build fuzz-corpus
# Objects named only as prerequisites of pattern rules would count as intermediate and be
# deleted after each build.
.SECONDARY: $(FUZZ_CORE_OBJ) $(ASAN_CORE_OBJ)

# --- PROTOS replay -------------------------------------------------------------------------------
$(ASAN_BUILD)/protos_replay: tests/fuzz/protos_replay.c $(FUZZ_HDR) $(ASAN_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(ASAN_CC) -std=c99 $(WARN) -D_GNU_SOURCE $(ASAN_FLAGS) $(FUZZ_INC) -o $@ $< $(ASAN_CORE_OBJ) $(CORE_LIBS)

test-protos: $(ASAN_BUILD)/protos_replay
	@fail=0; \
	base=$$(gzip -dc $(PROTOS_APP) | awk '$$1 == "0" {print $$5; exit}'); \
	if [ -z "$$base" ]; then echo "not ok - protos: no case 0 in $(PROTOS_APP)"; exit 1; fi; \
	gzip -dc $(PROTOS_APP) | env $(SAN_ENV) timeout 600 $(ASAN_BUILD)/protos_replay --base-cases || fail=1; \
	for s in $(PROTOS_SUITES); do \
	  name=$$(basename $$s .cases.txt.gz); \
	  gzip -dc $$s | env $(SAN_ENV) timeout 600 $(ASAN_BUILD)/protos_replay $$name $$base >$(ASAN_BUILD)/$$name.log 2>&1; rc=$$?; \
	  cat $(ASAN_BUILD)/$$name.log; \
	  if [ $$rc -ne 0 ]; then \
	    fail=1; grep -q '^not ok ' $(ASAN_BUILD)/$$name.log || echo "not ok - protos $$name: died with status $$rc (crash, sanitizer report or timeout above)"; \
	  fi; \
	done; \
	exit $$fail

# --- libFuzzer -----------------------------------------------------------------------------------
# The core is instrumented for coverage (fuzzer-no-link); the targets link libFuzzer's main.
$(FUZZ_BUILD)/core/%.o: core/src/%.c $(HEADERS) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c99 -pedantic $(WARN) -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
	  -Icore/include -I$(BUILD) -DTT_HAVE_AUTOCONF -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_HDR) $(FUZZ_CORE_OBJ) $(HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c99 $(WARN) -D_GNU_SOURCE -fsanitize=fuzzer $(FUZZ_SAN) $(FUZZ_INC) -o $@ $< $(FUZZ_CORE_OBJ) $(CORE_LIBS)

fuzz-build: $(FUZZ_BUILD)/fuzz_rx $(FUZZ_BUILD)/fuzz_conf

$(FUZZ_DIR)/corpus/.stamp: tests/fuzz/make_corpus.py tests/vectors/packets-netsnmp.txt tests/vectors/malformed-cve.txt $(PROTOS_SUITES)
	@rm -rf $(FUZZ_DIR)/corpus; mkdir -p $(FUZZ_DIR)/corpus
	@python3 tests/fuzz/make_corpus.py $(FUZZ_DIR)/corpus 200 | sed 's/^/# /'
	@touch $@

fuzz-corpus: $(FUZZ_DIR)/corpus/.stamp

# $(call fuzz_run,TARGET,SECONDS,SEEDS,EXTRA): runs one target for a bounded time over a working
# corpus build/fuzz/work-TARGET (kept between runs, so coverage accumulates) and the seeds;
# prints one TAP line with the number of runs and executions per second.
define fuzz_run
	@mkdir -p $(FUZZ_DIR)/work-$(1); log=$(FUZZ_DIR)/$(1).log; \
	env $(SAN_ENV) $(FUZZ_BUILD)/$(1) -max_total_time=$(2) -rss_limit_mb=$(FUZZ_RSS_MB) -timeout=5 \
	  -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/ $(4) \
	  $(FUZZ_DIR)/work-$(1) $(3) >$$log 2>&1; rc=$$?; \
	runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -n 1); \
	eps=$$(sed -n 's/^stat::average_exec_per_sec: *//p' $$log | tail -n 1); \
	cov=$$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' $$log | tail -n 1); \
	if [ $$rc -eq 0 ] && [ -n "$$runs" ]; then \
	  echo "ok - $(1): $$runs runs in $(2) s ($$eps exec/s; $$cov)"; \
	else \
	  echo "not ok - $(1): exit status $$rc after $${runs:-?} runs; artifacts in $(FUZZ_DIR)/:"; \
	  grep -E 'ERROR|SUMMARY|check failed|Test unit written|^    #[0-9]' $$log | head -n 40 | sed 's/^/# /'; \
	  exit 1; \
	fi
endef

test-fuzz: fuzz-build fuzz-corpus
	@fail=0; \
	$(MAKE) --no-print-directory fuzz-run-rx || fail=1; \
	$(MAKE) --no-print-directory fuzz-run-conf || fail=1; \
	exit $$fail

.PHONY: fuzz-run-rx fuzz-run-conf
fuzz-run-rx: $(FUZZ_BUILD)/fuzz_rx fuzz-corpus
	$(call fuzz_run,fuzz_rx,$(FUZZ_SECONDS),$(FUZZ_DIR)/corpus/rx,-dict=tests/fuzz/snmp.dict)

fuzz-run-conf: $(FUZZ_BUILD)/fuzz_conf fuzz-corpus
	$(call fuzz_run,fuzz_conf,$(FUZZ_CONF_SECONDS),$(FUZZ_DIR)/corpus/conf,-max_len=512)
