# Unit tests and core checks, included by tests/tests.mk.
#
#   test-unit       every tests/unit/test_*.c as its own cmocka binary in $(BUILD)/tests/, linked
#                   with tests/unit/testlib.c and $(BUILD)/libtinytrap.a, run from the repository
#                   root with CMOCKA_MESSAGE_OUTPUT=TAP
#   test-unit-asan  the same tests and the core built with clang -fsanitize=address,undefined
#                   into $(ASAN_BUILD)
#   test-core       no heap in the core; the core builds for Cortex-M3 (flash budget); the
#                   #ifndef defaults of tt_options.h equal the Kconfig defaults; sizeof(struct
#                   tt_rx) with the defaults on Cortex-M3 (RAM budget); a defconfig value that
#                   does not land in .config fails the build (tests/unit/kconfig_check.sh)
#
# A test binary that does not build is reported as "not ok - NAME: build failed" and the other
# binaries still run, so a half-written test file does not hide the others' results.

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_NAMES := $(patsubst tests/unit/%.c,%,$(UNIT_SRC))
UNIT_HDR := $(wildcard tests/unit/*.h)
UNIT_INC := -Icore/include -Icore/src -I$(BUILD) -DTT_HAVE_AUTOCONF -Itests/unit
UNIT_CFLAGS := -std=c99 $(WARN) -O1 -g -D_GNU_SOURCE $(UNIT_INC)
UNIT_LIBS := -lcmocka $(CORE_LIBS)

ASAN_CC ?= clang
ASAN_BUILD := build/$(CONFIG)-asan
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
ASAN_CORE_CFLAGS := -std=c99 -pedantic $(WARN) $(ASAN_FLAGS) -Icore/include -I$(BUILD) -DTT_HAVE_AUTOCONF
ASAN_CORE_OBJ := $(patsubst core/src/%.c,$(ASAN_BUILD)/core/%.o,$(CORE_SRC))
# Sanitizer reports go to the log; every finding stops the process with a non-zero status.
SAN_ENV := ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: test-unit-build test-unit-asan-build

# --- plain build ---------------------------------------------------------------------------------
$(BUILD)/tests/testlib.o: tests/unit/testlib.c $(UNIT_HDR) $(HEADERS) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -c $< -o $@

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/tests/testlib.o $(BUILD)/libtinytrap.a $(UNIT_HDR) $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -o $@ $< $(BUILD)/tests/testlib.o $(BUILD)/libtinytrap.a $(UNIT_LIBS)

# --- ASan + UBSan build --------------------------------------------------------------------------
$(ASAN_BUILD)/core/%.o: core/src/%.c $(HEADERS) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(ASAN_CC) $(ASAN_CORE_CFLAGS) -c $< -o $@

$(ASAN_BUILD)/tests/testlib.o: tests/unit/testlib.c $(UNIT_HDR) $(HEADERS) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(ASAN_CC) -std=c99 $(WARN) -D_GNU_SOURCE $(ASAN_FLAGS) $(UNIT_INC) -c $< -o $@

$(ASAN_BUILD)/tests/test_%: tests/unit/test_%.c $(ASAN_BUILD)/tests/testlib.o $(ASAN_CORE_OBJ) $(UNIT_HDR) $(HEADERS)
	@mkdir -p $(dir $@)
	$(ASAN_CC) -std=c99 $(WARN) -D_GNU_SOURCE $(ASAN_FLAGS) $(UNIT_INC) -o $@ $< \
	  $(ASAN_BUILD)/tests/testlib.o $(ASAN_CORE_OBJ) $(UNIT_LIBS)

# $(call unit_run,DIR,ENV): builds DIR/NAME for every test source (one make call each, so one
# broken file does not stop the others), runs each from the repository root and prints its TAP
# lines; fails when any binary failed to build, failed a test or died.
define unit_run
	@mkdir -p $(1); fail=0; \
	for t in $(UNIT_NAMES); do \
	  if ! $(MAKE) --no-print-directory $(1)/$$t >$(1)/$$t.build.log 2>&1; then \
	    echo "not ok - $$t: build failed"; sed 's/^/# /' $(1)/$$t.build.log | tail -n 40; \
	    fail=1; continue; \
	  fi; \
	  echo "# $(1)/$$t"; \
	  env CMOCKA_MESSAGE_OUTPUT=TAP $(2) $(1)/$$t >$(1)/$$t.log 2>&1; rc=$$?; \
	  cat $(1)/$$t.log; \
	  if [ $$rc -ne 0 ]; then \
	    fail=1; \
	    grep -q '^not ok ' $(1)/$$t.log || echo "not ok - $$t: exited with status $$rc"; \
	  fi; \
	done; \
	exit $$fail
endef

test-unit: $(BUILD)/libtinytrap.a $(BUILD)/tests/testlib.o
	$(call unit_run,$(BUILD)/tests,)

test-unit-asan: $(ASAN_CORE_OBJ) $(ASAN_BUILD)/tests/testlib.o
	$(call unit_run,$(ASAN_BUILD)/tests,$(SAN_ENV))

# --- core checks ---------------------------------------------------------------------------------
ARM_CC ?= arm-none-eabi-gcc
ARM_SIZE ?= arm-none-eabi-size
ARM_NM ?= arm-none-eabi-nm
ARM_BUILD := build/cortex-m3
ARM_CFLAGS := -std=c99 -mcpu=cortex-m3 -mthumb -Os -ffreestanding -ffunction-sections -fdata-sections $(WARN) -Icore/include -isystem $(MBEDTLS_INC)
KDEF := build/kdefault
CORE_CHECK := $(BUILD)/core-check
# Budgets from DESIGN.md: core flash on Cortex-M3 (-Os) and core RAM (sizeof struct tt_rx).
CORE_FLASH_BUDGET := 24576
CORE_RAM_BUDGET := 16384
CORE_STACK_BUDGET := 2048
HEAP_SYMS := malloc|calloc|realloc|reallocarray|free|strdup|strndup|aligned_alloc|posix_memalign|memalign|valloc|pvalloc
# What the core may call besides its own functions: the block helpers a compiler may emit anyway.
LIBC_OK := memcpy|memmove|memset|memcmp|strlen|__stack_chk_fail

.PHONY: test-core-heap test-core-arm test-core-options test-core-kconfig

test-core:
	@fail=0; \
	$(MAKE) --no-print-directory test-core-heap || fail=1; \
	$(MAKE) --no-print-directory test-core-arm || fail=1; \
	$(MAKE) --no-print-directory test-core-options || fail=1; \
	$(MAKE) --no-print-directory test-core-kconfig || fail=1; \
	exit $$fail

# (e) defconfigs: out of range, unknown symbols, non-numbers fail the build naming the symbol; good
# ones and savedefconfig output build; options whose dependency is off are no alarm.
test-core-kconfig:
	@MAKE="$(MAKE)" KCONFIG_CONF="$(KCONFIG_CONF)" bash tests/unit/kconfig_check.sh

# (a) no heap, no OS: undefined symbols of the hosted core objects.
test-core-heap: $(CORE_OBJ)
	@mkdir -p $(CORE_CHECK); fail=0; \
	nm -u $(CORE_OBJ) | awk 'NF == 2 && $$1 == "U" {print $$2}' | sort -u >$(CORE_CHECK)/undefined.txt; \
	nm --defined-only $(CORE_OBJ) | awk 'NF == 3 {print $$3}' | sort -u >$(CORE_CHECK)/defined.txt; \
	heap=$$(grep -xE '$(HEAP_SYMS)' $(CORE_CHECK)/undefined.txt | tr '\n' ' '); \
	if [ -z "$$heap" ]; then \
	  echo "ok - no heap: the core objects reference none of malloc/calloc/realloc/free/strdup"; \
	else \
	  echo "not ok - no heap: the core references $$heap"; fail=1; \
	  for o in $(CORE_OBJ); do nm -u $$o | awk '{print $$NF}' | grep -xE '$(HEAP_SYMS)' | sed "s|^|# $$o: |"; done; \
	fi; \
	other=$$(comm -23 $(CORE_CHECK)/undefined.txt $(CORE_CHECK)/defined.txt | grep -vxE '$(LIBC_OK)' | grep -v '^mbedtls_' | tr '\n' ' '); \
	mbed=$$(for o in $(CORE_OBJ); do case $$o in */crypto_mbedtls.o) ;; *) nm -u $$o | awk '{print $$NF}' | grep '^mbedtls_' | sed "s|^|$$o:|";; esac; done | tr '\n' ' '); \
	if [ -z "$$mbed" ]; then \
	  echo "ok - crypto: only crypto_mbedtls.o calls Mbed TLS"; \
	else \
	  echo "not ok - crypto: Mbed TLS called outside crypto_mbedtls.o: $$mbed"; fail=1; \
	fi; \
	if [ -z "$$other" ]; then \
	  echo "ok - no OS: the core calls only its own functions and $$(echo '$(LIBC_OK)' | tr '|' ' ')"; \
	else \
	  echo "not ok - no OS: the core references $$other(DESIGN.md: no clock, socket, file, printf or heap)"; fail=1; \
	  for o in $(CORE_OBJ); do for u in $$other; do nm -u $$o | awk '{print $$NF}' | grep -qx "$$u" && echo "# $$o: $$u"; done; done; \
	fi; \
	exit $$fail

# (b) every core source builds for Cortex-M3 with the defaults of tt_options.h; flash budget;
# worst-case stack of tt_rx_input from the call graph GCC writes (-fcallgraph-info=su).
test-core-arm: $(MBEDTLS_INC)/mbedtls
	@rm -rf $(ARM_BUILD); mkdir -p $(ARM_BUILD); armfail=""; fail=0; \
	for s in $(CORE_SRC); do \
	  o=$(ARM_BUILD)/$$(basename $$s .c).o; \
	  $(ARM_CC) $(ARM_CFLAGS) -fcallgraph-info=su -c $$s -o $$o >$$o.log 2>&1 || { armfail="$$armfail $$s"; sed 's/^/# /' $$o.log | head -n 20; }; \
	done; \
	if [ -n "$$armfail" ]; then \
	  echo "not ok - core compiles for Cortex-M3 (-Os -ffreestanding, tt_options.h defaults): failed:$$armfail"; exit 1; \
	fi; \
	$(ARM_SIZE) $(ARM_BUILD)/*.o | sed 's/^/# /'; \
	set -- $$($(ARM_SIZE) -t $(ARM_BUILD)/*.o | tail -n 1); \
	echo "ok - core compiles for Cortex-M3 (-Os): all objects together text $$1, data $$2, bss $$3"; \
	$(ARM_CC) $(ARM_CFLAGS) -c tests/unit/arm_image.c -o $(ARM_BUILD)/arm_image.obj && \
	$(ARM_CC) -mcpu=cortex-m3 -mthumb -nostdlib -nostartfiles -Wl,--gc-sections \
	  -Wl,--unresolved-symbols=ignore-all -Wl,-e,tt_image_main -o $(ARM_BUILD)/image.elf \
	  $(ARM_BUILD)/arm_image.obj $(ARM_BUILD)/*.o || fail=1; \
	set -- $$($(ARM_SIZE) $(ARM_BUILD)/image.elf | tail -n 1); flash=$$(($$1 + $$2)); \
	if [ $$flash -le $(CORE_FLASH_BUDGET) ]; then r=ok; else r="not ok"; fail=1; fi; \
	echo "$$r - core flash in a firmware image (API configuration, default layout; no Mbed TLS, no libc): $$flash <= $(CORE_FLASH_BUDGET) octets"; \
	python3 tests/unit/stack_usage.py $(CORE_STACK_BUDGET) tt_rx_input tt_render_default tt_render_format tt_conf_line \
	  -- $(ARM_BUILD)/*.ci || fail=1; \
	exit $$fail

# (c) the #ifndef defaults of tt_options.h equal the Kconfig defaults: the Kconfig header of an
# empty defconfig and no configuration at all give the same value for every option named in
# Kconfig and the same sizes; and the two lists of options are the same.
# (d) sizeof(struct tt_rx) with the defaults on Cortex-M3 against the RAM budget.
test-core-options:
	@rm -rf $(KDEF); mkdir -p $(KDEF)/include/config; : >$(KDEF)/empty_defconfig; fail=0; \
	if ! KCONFIG_CONFIG=$(KDEF)/.config $(KCONFIG_CONF) --defconfig=$(KDEF)/empty_defconfig Kconfig >$(KDEF)/kconfig.log 2>&1 || \
	   ! ( cd $(KDEF) && KCONFIG_CONFIG=.config KCONFIG_AUTOHEADER=tt_autoconf.h \
	       KCONFIG_AUTOCONFIG=include/config/auto.conf $(KCONFIG_CONF) --silentoldconfig $(CURDIR)/Kconfig ) >>$(KDEF)/kconfig.log 2>&1; then \
	  echo "not ok - Kconfig defaults: kconfig-conf failed"; sed 's/^/# /' $(KDEF)/kconfig.log; exit 1; \
	fi; \
	grep -E '^config TT_' Kconfig | awk '{print "OPT(CONFIG_" $$2 ")"}' >$(KDEF)/options_list.h; \
	if ! { $(CC) -std=c99 $(WARN) -Icore/include -I$(KDEF) -DTT_HAVE_AUTOCONF tests/unit/options_dump.c -o $(KDEF)/dump-kconfig && \
	       $(CC) -std=c99 $(WARN) -Icore/include -I$(KDEF) tests/unit/options_dump.c -o $(KDEF)/dump-defaults && \
	       $(KDEF)/dump-kconfig >$(KDEF)/kconfig.txt && $(KDEF)/dump-defaults >$(KDEF)/defaults.txt; }; then \
	  echo "not ok - tt_options.h defaults equal the Kconfig defaults: the check program failed"; exit 1; \
	fi; \
	sed 's/^/# Kconfig defaults: /' $(KDEF)/kconfig.txt; \
	opts=$$(grep -c '^CONFIG_' $(KDEF)/kconfig.txt); \
	rx=$$(sed -n 's/^sizeof(struct tt_rx) = //p' $(KDEF)/defaults.txt); \
	conf=$$(sed -n 's/^sizeof(struct tt_conf) = //p' $(KDEF)/defaults.txt); \
	if [ "$$opts" -gt 0 ] && diff $(KDEF)/kconfig.txt $(KDEF)/defaults.txt >$(KDEF)/diff.txt; then \
	  echo "ok - tt_options.h defaults equal the Kconfig defaults ($$opts options; sizeof tt_rx $$rx, tt_conf $$conf on this host either way)"; \
	else \
	  echo "not ok - tt_options.h defaults differ from the Kconfig defaults (< Kconfig, > tt_options.h)"; \
	  sed 's/^/# /' $(KDEF)/diff.txt; fail=1; \
	fi; \
	grep -E '^config TT_' Kconfig | awk '{print $$2}' | sort >$(KDEF)/k.txt; \
	sed -n 's/^#ifndef CONFIG_\(TT_[A-Z0-9_]*\).*/\1/p' core/include/tinytrap/tt_options.h | sort >$(KDEF)/h.txt; \
	if diff $(KDEF)/k.txt $(KDEF)/h.txt >$(KDEF)/kh.txt; then \
	  echo "ok - the options of Kconfig and the #ifndef defaults of tt_options.h are the same ($$(wc -l <$(KDEF)/k.txt) options)"; \
	else \
	  echo "not ok - the options of Kconfig (<) and the #ifndef defaults of tt_options.h (>) differ"; \
	  sed 's/^/# /' $(KDEF)/kh.txt; fail=1; \
	fi; \
	printf '#include "tinytrap/tinytrap.h"\nchar tt_sizeof_rx[sizeof(struct tt_rx)];\nchar tt_sizeof_conf[sizeof(struct tt_conf)];\n' >$(KDEF)/arm_sizes.c; \
	if $(ARM_CC) $(ARM_CFLAGS) -fno-common -c $(KDEF)/arm_sizes.c -o $(KDEF)/arm_sizes.o; then \
	  arx=$$($(ARM_NM) -S -t d $(KDEF)/arm_sizes.o | awk '$$4 == "tt_sizeof_rx" {print $$2 + 0}'); \
	  aconf=$$($(ARM_NM) -S -t d $(KDEF)/arm_sizes.o | awk '$$4 == "tt_sizeof_conf" {print $$2 + 0}'); \
	  if [ -n "$$arx" ] && [ "$$arx" -le $(CORE_RAM_BUDGET) ]; then r=ok; else r="not ok"; fail=1; fi; \
	  echo "$$r - RAM: sizeof(struct tt_rx) with the defaults is $$arx octets on Cortex-M3 <= $(CORE_RAM_BUDGET) ($$rx on this host; struct tt_conf $$aconf on Cortex-M3)"; \
	else \
	  echo "not ok - RAM: the size probe does not compile for Cortex-M3"; fail=1; \
	fi; \
	exit $$fail
