#!/usr/bin/env bash
# make size: the core's flash, RAM and stack on a Cortex-M3 (-Os, default options of
# tt_options.h; Mbed TLS's own code is not counted, only the core's calls into it), and the
# size of the receiver state (struct tt_rx, struct tt_conf) there. DESIGN.md budgets: flash
# <= 24 KiB, struct tt_rx <= 16 KiB, tt_rx_input stack <= 2 KiB plus crypto calls.
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory build/mbedtls-include/mbedtls
out=build/size
rm -rf "$out"; mkdir -p "$out"
CC=arm-none-eabi-gcc
FLAGS=(-std=c99 -mcpu=cortex-m3 -mthumb -Os -ffreestanding -ffunction-sections -fdata-sections -Wall -Wextra -Werror
       -Icore/include -isystem build/mbedtls-include -fcallgraph-info=su)
for f in core/src/*.c; do
  "$CC" "${FLAGS[@]}" -c "$f" -o "$out/$(basename "${f%.c}").o"
done
objs=("$out"/*.o) # the core's objects
cat > "$out/state.c" <<'C'
#include "tinytrap/tinytrap.h"
char tt_size_rx[sizeof(struct tt_rx)];
char tt_size_conf[sizeof(struct tt_conf)];
C
"$CC" "${FLAGS[@]}" -c "$out/state.c" -o "$out/state.o"
echo "Core on Cortex-M3 (-Os, default CONFIG_TT_* values; Mbed TLS's own code not counted):"
arm-none-eabi-size -t "${objs[@]}" | sed 's/^/  /'
"$CC" "${FLAGS[@]}" -c tests/unit/arm_image.c -o "$out/arm_image.obj"
"$CC" -mcpu=cortex-m3 -mthumb -nostdlib -nostartfiles -Wl,--gc-sections \
  -Wl,--unresolved-symbols=ignore-all -Wl,-e,tt_image_main -o "$out/image.elf" \
  "$out/arm_image.obj" "${objs[@]}"
set -- $(arm-none-eabi-size "$out/image.elf" | tail -n 1)
echo "  flash of the core in a firmware image (tests/unit/arm_image.c: API configuration, default"
echo "  layout, SNMPv1/v2c/v3 with every USM algorithm): $(($1 + $2)) bytes (budget 24576)"
arm-none-eabi-nm -S "$out/state.o" | while read -r _ size _ name; do
  case $name in
    tt_size_rx) echo "  sizeof struct tt_rx: $((16#$size)) bytes (budget 16384)" ;;
    tt_size_conf) echo "  sizeof struct tt_conf: $((16#$size)) bytes" ;;
  esac
done
python3 tests/unit/stack_usage.py 2048 tt_rx_input tt_render_default tt_render_format tt_conf_line -- "$out"/*.ci | sed "s/^ok - stack: /  stack: /; s/^not ok - stack: /  stack OVER BUDGET: /; s/^# stack: /  stack: /"
