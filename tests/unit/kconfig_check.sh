#!/usr/bin/env bash
# kconfig_check.sh - core check: a defconfig whose values do not land in .config fails the build
# (scripts/check-defconfig.sh in the Makefile rule of $(BUILD)/.config). Prints TAP lines.
#
# Usage: tests/unit/kconfig_check.sh   (from the repository root; MAKE, KCONFIG_CONF from make)
#
# Throwaway defconfigs in build/kconfig-check/ (never config/) are built with
# `make CONFIG=kconfig-check/NAME DEFCONFIG=build/kconfig-check/NAME_defconfig`: out of range,
# unknown symbol, not a number must fail naming the symbol, the value and the range, and leave no
# .config; a good one builds, and what `make savedefconfig` writes from it builds again. The
# dependency cases run scripts/check-defconfig.sh on a throwaway Kconfig with a bool and
# options depending on it: a value asked for an option whose dependency is off is no alarm.
set -u
MAKE=${MAKE:-make}
KCONFIG_CONF=${KCONFIG_CONF:-kconfig-conf}
K=build/kconfig-check
rm -rf "$K"
mkdir -p "$K"
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); fail=1; echo "not ok $n - $1"; shift
  [ $# -eq 0 ] || cat "$@" | sed 's/^/#   /' | head -n 20
}

# mk NAME LINES...: writes $K/NAME_defconfig and makes its .config; the output in $K/NAME.log
mk() {
  local name=$1
  shift
  printf '%s\n' "$@" >"$K/${name}_defconfig"
  $MAKE --no-print-directory CONFIG="kconfig-check/$name" DEFCONFIG="$K/${name}_defconfig" \
    "$K/$name/.config" >"$K/$name.log" 2>&1
}

# refused NAME DESCRIPTION NEEDLE... LINES: make fails, the log holds every needle, no .config
refused() {
  local name=$1 desc=$2 needles=$3 nd
  shift 3
  if mk "$name" "$@"; then
    not_ok "$desc: make succeeded" "$K/$name.log"; return
  fi
  IFS='|' read -ra nd <<<"$needles"
  for s in "${nd[@]}"; do
    grep -qF -- "$s" "$K/$name.log" || { not_ok "$desc: the error does not say '$s'" "$K/$name.log"; return; }
  done
  if [ -e "$K/$name/.config" ] || ls "$K/$name"/.config.* >/dev/null 2>&1; then
    not_ok "$desc: a .config was left behind" "$K/$name.log"; return
  fi
  ok "$desc: make fails with \"$(grep -F -- "${nd[0]}" "$K/$name.log" | head -n 1)\", no .config left"
}

refused range "a value out of range" \
  "CONFIG_TT_MAX_USERS=300|1..255" \
  CONFIG_TT_MAX_MSG_SIZE=2000 CONFIG_TT_MAX_USERS=300
refused unknown "a symbol Kconfig does not have" \
  "CONFIG_TT_MAX_USER=12|no symbol TT_MAX_USER" \
  CONFIG_TT_MAX_USER=12 CONFIG_TT_KEY_CACHE=16
refused nan "a value that is not a number" \
  "CONFIG_TT_KEY_CACHE=many|1..1024" \
  CONFIG_TT_KEY_CACHE=many
if mk range CONFIG_TT_MAX_MSG_SIZE=2000 CONFIG_TT_MAX_USERS=255; then
  ok "the same defconfig fixed builds at the next make (nothing stale was kept)"
else
  not_ok "the same defconfig fixed builds at the next make" "$K/range.log"
fi

if mk good CONFIG_TT_MAX_USERS=200 CONFIG_TT_KEY_CACHE=16 CONFIG_TT_DEDUP_RING=0 &&
   grep -qx CONFIG_TT_MAX_USERS=200 "$K/good/.config" && grep -qx CONFIG_TT_DEDUP_RING=0 "$K/good/.config"; then
  ok "a good defconfig builds, with its values in .config"
else
  not_ok "a good defconfig builds, with its values in .config" "$K/good.log"
fi
cp "$K/good_defconfig" "$K/saved_defconfig"
if $MAKE --no-print-directory CONFIG=kconfig-check/saved DEFCONFIG="$K/saved_defconfig" savedefconfig \
     >"$K/saved.log" 2>&1 && sleep 1 && touch "$K/saved_defconfig" &&
   $MAKE --no-print-directory CONFIG=kconfig-check/saved DEFCONFIG="$K/saved_defconfig" \
     "$K/saved/.config" >>"$K/saved.log" 2>&1 && grep -qx CONFIG_TT_MAX_USERS=200 "$K/saved/.config"; then
  ok "what make savedefconfig writes builds again ($(grep -c '^CONFIG_' "$K/saved_defconfig") values)"
else
  not_ok "what make savedefconfig writes builds again" "$K/saved.log"
fi
for c in posix default; do
  if KCONFIG_CONFIG=$K/$c.config $KCONFIG_CONF --defconfig=config/${c}_defconfig Kconfig >/dev/null 2>&1 &&
     scripts/check-defconfig.sh config/${c}_defconfig "$K/$c.config" Kconfig 2>"$K/$c.log"; then
    ok "config/${c}_defconfig passes the check"
  else
    not_ok "config/${c}_defconfig passes the check" "$K/$c.log"
  fi
done

# --- dependencies: a throwaway Kconfig -------------------------------------------------------
D=$K/dep
mkdir -p "$D"
cat >"$D/Kconfig" <<'EOF'
mainmenu "check-defconfig dependency test"
config TT_FEATURE
	bool "feature"
	default y
	help
	  range 1 2
	  depends on: help text, not syntax
config TT_FEATURE_SLOTS
	int "slots"
	depends on TT_FEATURE
	range 1 10
	default 3
if TT_FEATURE
config TT_FEATURE_MASK
	hex "mask"
	range 0x10 0x20
	default 0x11
endif
config TT_OTHER
	bool "other"
	default y
EOF
# dep NAME LINES...: writes $D/NAME_defconfig, then kconfig-conf and the check on the throwaway
# Kconfig; returns the check's status (2 when kconfig-conf failed)
dep() {
  local name=$1
  shift
  printf '%s\n' "$@" >"$D/${name}_defconfig"
  dep_check "$name"
}
dep_check() {
  KCONFIG_CONFIG=$D/$1.config $KCONFIG_CONF --defconfig="$D/${1}_defconfig" "$D/Kconfig" >/dev/null 2>&1 || return 2
  scripts/check-defconfig.sh "$D/${1}_defconfig" "$D/$1.config" "$D/Kconfig" 2>"$D/$1.log"
}
if dep off '# CONFIG_TT_FEATURE is not set' CONFIG_TT_FEATURE_SLOTS=5 CONFIG_TT_FEATURE_MASK=0x12 '# CONFIG_TT_OTHER is not set'; then
  ok "options whose dependency is off (absent from .config) and bools not set are no alarm"
else
  not_ok "options whose dependency is off (absent from .config) and bools not set are no alarm" "$D/off.log"
fi
if ! dep on CONFIG_TT_FEATURE_SLOTS=50 CONFIG_TT_FEATURE_MASK=0x21 && grep -qF 'CONFIG_TT_FEATURE_SLOTS=50: out of its range 1..10' "$D/on.log" &&
   grep -qF 'CONFIG_TT_FEATURE_MASK=0x21: out of its range 0x10..0x20' "$D/on.log"; then
  ok "with the dependency on, values out of range (int and hex) are refused"
else
  not_ok "with the dependency on, values out of range (int and hex) are refused" "$D/on.log"
fi
KCONFIG_CONFIG=$D/off.config $KCONFIG_CONF --savedefconfig="$D/resaved_defconfig" "$D/Kconfig" >/dev/null 2>&1
if grep -qx '# CONFIG_TT_FEATURE is not set' "$D/resaved_defconfig" && dep_check resaved; then
  ok "savedefconfig output with '# CONFIG_X is not set' lines passes"
else
  not_ok "savedefconfig output with '# CONFIG_X is not set' lines passes" "$D/resaved_defconfig" "$D/resaved.log"
fi
exit $fail
