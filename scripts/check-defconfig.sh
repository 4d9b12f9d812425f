#!/bin/sh
# check-defconfig.sh - fails when a defconfig asks for something kconfig-conf did not give.
#
# Usage: scripts/check-defconfig.sh DEFCONFIG DOTCONFIG [KCONFIG]
#   DEFCONFIG  what was asked for (config/NAME_defconfig)
#   DOTCONFIG  what `kconfig-conf --defconfig=DEFCONFIG` wrote
#   KCONFIG    the menu tree (default: Kconfig)
#
# What it does: `kconfig-conf --defconfig` exits 0 and silently uses the default for a value out
# of its range (CONFIG_TT_MAX_USERS=300 builds with 8), a value that is not a number, or a symbol
# Kconfig does not have. This compares every "CONFIG_X=V" and "# CONFIG_X is not set" line of
# DEFCONFIG with DOTCONFIG and prints one line per difference to stderr, naming the line, the
# symbol, the value asked, its type and range and what kconfig-conf would have used; exit 1.
# Not an error: a bool asked "is not set" and absent (the same thing), and a symbol absent or
# not set because it cannot be set here: it has "depends on", or sits inside an "if", a choice, or
# a menu with "depends on"/"visible if" (so the dependency, not the value, decided).
#
# What it does not do: evaluate dependency expressions (an entry with any dependency is given
# the benefit of the doubt when it is absent; a value it does get must still be the one asked),
# or follow "source" lines (it refuses a Kconfig that has one). Exit 0 when everything landed.
set -u

def=${1:?usage: check-defconfig.sh DEFCONFIG DOTCONFIG [KCONFIG]}
dot=${2:?usage: check-defconfig.sh DEFCONFIG DOTCONFIG [KCONFIG]}
kc=${3:-Kconfig}
for f in "$def" "$dot" "$kc"; do
  [ -r "$f" ] || { echo "check-defconfig.sh: cannot read $f" >&2; exit 2; }
done

exec awk -v DEF="$def" '
function indent(s,   i, n, c) {
  n = 0
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == " ") n++
    else if (c == "\t") n = n - n % 8 + 8
    else break
  }
  return n
}
function ctxdep(   i) { for (i = 1; i <= sp; i++) if (bdep[i]) return 1; return 0 }
function isnum(t, v) {
  if (t == "int") return v ~ /^-?[0-9]+$/
  if (t == "hex") return v ~ /^(0[xX])?[0-9a-fA-F]+$/
  return 1
}
function num(t, v,   s, n, i, d) {
  if (t != "hex") return v + 0
  s = tolower(v); sub(/^0x/, "", s); n = 0
  for (i = 1; i <= length(s); i++) { d = index("0123456789abcdef", substr(s, i, 1)) - 1; n = n * 16 + d }
  return n
}
FNR == 1 { file++ }

# --- 1: Kconfig -------------------------------------------------------------------------------
file == 1 {
  line = $0
  if (inhelp) {
    if (line ~ /^[ \t]*$/) next
    if (helpind < 0) { helpind = indent(line); next }
    if (indent(line) >= helpind) next
    inhelp = 0
  }
  sub(/#.*/, "", line)
  n = split(line, w, /[ \t]+/)
  k = (w[1] == "") ? 2 : 1
  kw = w[k]
  if (kw == "config" || kw == "menuconfig") {
    cur = w[k + 1]; known[cur] = 1; dep[cur] = dep[cur] || ctxdep(); if (!(cur in type)) type[cur] = "?"
  } else if (kw == "bool" || kw == "tristate" || kw == "int" || kw == "hex" || kw == "string") {
    if (cur != "") type[cur] = kw
  } else if (kw == "def_bool" || kw == "def_tristate") {
    if (cur != "") type[cur] = substr(kw, 5)
  } else if (kw == "range") {
    if (cur != "" && !(cur in lo)) { lo[cur] = w[k + 1]; hi[cur] = w[k + 2]; if (w[k + 3] == "if") rcond[cur] = 1 }
  } else if (kw == "depends" || kw == "visible") {
    if (cur != "") dep[cur] = 1; else if (sp > 0) bdep[sp] = 1
  } else if (kw == "menu" || kw == "choice" || kw == "if") {
    sp++; bdep[sp] = (kw != "menu"); cur = ""
  } else if (kw == "endmenu" || kw == "endchoice" || kw == "endif") {
    if (sp > 0) sp--; cur = ""
  } else if (kw == "comment" || kw == "mainmenu") {
    cur = ""
  } else if (kw == "source" || kw == "rsource" || kw == "osource" || kw == "orsource") {
    print FILENAME ":" FNR ": check-defconfig.sh does not follow \"" kw "\"" > "/dev/stderr"; bad = 2
  } else if (kw == "help" || kw == "---help---") {
    inhelp = 1; helpind = -1
  }
  next
}

# --- 2: what landed ---------------------------------------------------------------------------
file == 2 {
  if (match($0, /^CONFIG_[A-Za-z0-9_]+=/)) { s = substr($0, 8, RLENGTH - 8); got[s] = substr($0, RLENGTH + 1) }
  else if ($0 ~ /^# CONFIG_[A-Za-z0-9_]+ is not set$/) { s = substr($2, 8); got[s] = "n" }
  next
}

# --- 3: what was asked for --------------------------------------------------------------------
{
  if (match($0, /^CONFIG_[A-Za-z0-9_]+=/)) { s = substr($0, 8, RLENGTH - 8); v = substr($0, RLENGTH + 1) }
  else if ($0 ~ /^# CONFIG_[A-Za-z0-9_]+ is not set$/) { s = substr($2, 8); v = "n" }
  else next
  asked = (v == "n" && $0 ~ /^#/) ? "# CONFIG_" s " is not set" : "CONFIG_" s "=" v
  where = DEF ":" FNR ": " asked ": "
  if (!(s in known)) { print where "no symbol " s " in Kconfig" > "/dev/stderr"; bad = 1; next }
  landed = (s in got) ? got[s] : "n"
  if (landed == v) next
  if (landed == "n" && dep[s]) next  # absent or not set: its dependency is off
  t = type[s]
  rng = (s in lo) ? lo[s] ".." hi[s] (rcond[s] ? " (conditional)" : "") : ""
  use = (s in got) ? "kconfig-conf would build with " got[s] : "kconfig-conf would leave it unset"
  if (v == "n" && asked ~ /^#/ && t != "bool" && t != "tristate")
    msg = "an " t " cannot be left unset; " use
  else if ((t == "int" || t == "hex") && !isnum(t, v))
    msg = "not a valid " t (rng != "" ? " (range " rng ")" : "") "; " use
  else if ((t == "int" || t == "hex") && rng != "" && lo[s] ~ /^-?[0-9]/ && hi[s] ~ /^-?[0-9]/ &&
           (num(t, v) < num(t, lo[s]) || num(t, v) > num(t, hi[s])))
    msg = "out of its range " rng "; " use
  else
    msg = "did not land (" t (rng != "" ? ", range " rng : "") "); " use
  print where msg > "/dev/stderr"; bad = 1
}
END { exit bad }
' "$kc" "$dot" "$def"
