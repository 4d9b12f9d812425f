# tinytrap build. `make` builds build/posix/tinytrapd from config/posix_defconfig;
# `make CONFIG=name` builds config/name_defconfig into build/name/.
# Main targets: all, run, test, bench, size, fuzz, menuconfig, savedefconfig, <name>_defconfig, clean.

CONFIG ?= posix
BUILD := build/$(CONFIG)
# The defconfig $(BUILD)/.config is made from (and savedefconfig writes).
DEFCONFIG ?= config/$(CONFIG)_defconfig
CC ?= cc
KCONFIG_CONF ?= kconfig-conf
KCONFIG_MCONF ?= kconfig-mconf

WARN := -Wall -Wextra -Werror
# Link-time optimization lets the compiler inline the small BER readers and string appenders
# across files (about a tenth of the CPU per notification). The objects are "fat": they also
# hold ordinary code, so the unit tests, nm checks and non-LTO links use them unchanged.
LTO := -flto=auto -ffat-lto-objects
CORE_CFLAGS := -std=c99 -pedantic $(WARN) -O2 -g $(LTO) -Icore/include -I$(BUILD) -DTT_HAVE_AUTOCONF
PORT_CFLAGS := -std=c99 $(WARN) -O2 -g $(LTO) -pthread -D_GNU_SOURCE -Icore/include -I$(BUILD) -DTT_HAVE_AUTOCONF

# The core's one external dependency: Mbed TLS 2.28's crypto library (Debian libmbedtls-dev),
# used only by core/src/crypto_mbedtls.c.
CORE_LIBS := -lmbedcrypto
# Cross builds of the core get the Mbed TLS headers (only them) from here.
MBEDTLS_INC := build/mbedtls-include

CORE_SRC := $(sort $(wildcard core/src/*.c))
CORE_OBJ := $(patsubst core/src/%.c,$(BUILD)/core/%.o,$(CORE_SRC))
POSIX_SRC := $(sort $(wildcard port/posix/*.c))
POSIX_OBJ := $(patsubst port/posix/%.c,$(BUILD)/posix/%.o,$(POSIX_SRC))
HEADERS := $(wildcard core/include/tinytrap/*.h) $(wildcard core/src/*.h)

.PHONY: all run test bench size menuconfig savedefconfig clean deps
.DELETE_ON_ERROR:

all: $(BUILD)/tinytrapd

# --- Kconfig: .config from the defconfig, then the generated header ----------------------------
# kconfig-conf --defconfig silently uses the default for a value out of range or a symbol that
# does not exist: scripts/check-defconfig.sh compares what was asked with what landed, and on a
# difference no .config is left, so the next make tries again.
$(BUILD)/.config: $(DEFCONFIG) Kconfig
	@mkdir -p $(BUILD)
	@rm -f $@ $@.new
	@KCONFIG_CONFIG=$@.new $(KCONFIG_CONF) --defconfig=$(DEFCONFIG) Kconfig >/dev/null
	@if scripts/check-defconfig.sh $(DEFCONFIG) $@.new Kconfig; then mv $@.new $@; else \
	  rm -f $@.new $@.new.old; echo "$(DEFCONFIG): not built (values above did not land in .config)" >&2; exit 1; fi

# a missing defconfig is an error here, not a job for the %_defconfig rule below (it recursed)
$(DEFCONFIG):
	@echo "$@: no such defconfig" >&2; exit 1

$(BUILD)/tt_autoconf.h: $(BUILD)/.config
	@mkdir -p $(BUILD)/include/config
	@cd $(BUILD) && KCONFIG_CONFIG=.config KCONFIG_AUTOHEADER=tt_autoconf.h \
	  KCONFIG_AUTOCONFIG=include/config/auto.conf $(KCONFIG_CONF) --silentoldconfig $(CURDIR)/Kconfig
	@touch $@

%_defconfig:
	@$(MAKE) --no-print-directory CONFIG=$* build/$*/tt_autoconf.h

menuconfig: $(BUILD)/.config
	KCONFIG_CONFIG=$(BUILD)/.config $(KCONFIG_MCONF) Kconfig
	@rm -f $(BUILD)/tt_autoconf.h

savedefconfig: $(BUILD)/.config
	KCONFIG_CONFIG=$(BUILD)/.config $(KCONFIG_CONF) --savedefconfig=$(DEFCONFIG) Kconfig

# --- core and the POSIX daemon -------------------------------------------------------------------
$(BUILD)/core/%.o: core/src/%.c $(HEADERS) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(CC) $(CORE_CFLAGS) -c $< -o $@

$(BUILD)/libtinytrap.a: $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/posix/%.o: port/posix/%.c $(HEADERS) $(wildcard port/posix/*.h) $(BUILD)/tt_autoconf.h
	@mkdir -p $(dir $@)
	$(CC) $(PORT_CFLAGS) -Iport/posix -c $< -o $@

$(BUILD)/tinytrapd: $(POSIX_OBJ) $(BUILD)/libtinytrap.a
	$(CC) -O2 $(WARN) $(LTO) -pthread -o $@ $(POSIX_OBJ) $(BUILD)/libtinytrap.a $(CORE_LIBS)

$(MBEDTLS_INC)/mbedtls:
	@mkdir -p $(MBEDTLS_INC)
	@ln -sfn /usr/include/mbedtls $@

# --- the two newcomer commands -------------------------------------------------------------------
deps:
	@scripts/install-deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	SNMP_PERSISTENT_DIR=$(BUILD)/state $(BUILD)/tinytrapd -f -Lo -C -c config/example-tinytrapd.conf udp:10162 udp6:10162

test: deps
	@scripts/run-tests.sh

include tests/tests.mk

clean:
	rm -rf build

size:
	@scripts/size.sh
