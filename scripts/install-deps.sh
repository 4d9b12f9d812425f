#!/usr/bin/env bash
# Installs the Debian packages that building, running and testing tinytrap need, and only the
# ones that are missing. Uses apt-get directly as root, through sudo otherwise.
set -euo pipefail

pkgs=(
  build-essential            # gcc, make
  kconfig-frontends-nox      # kconfig-conf, kconfig-mconf: .config -> tt_autoconf.h
  libcmocka-dev              # unit tests
  libmbedtls-dev             # Mbed TLS 2.28: hashes, DES, AES for SNMPv3 (core/src/crypto_mbedtls.c)
  python3-pysnmp4            # a second SNMPv3 peer (3DES) for the interop tests
  clang libclang-rt-14-dev llvm  # ASan/UBSan builds and the libFuzzer target
  snmp snmptrapd             # Net-SNMP senders for interop tests, snmptrapd for the bench
  gcc-arm-none-eabi libnewlib-arm-none-eabi  # the Cortex-M3 portability check
  binutils                   # nm for the no-heap check
  python3                    # test helpers
  iproute2 util-linux        # ip, unshare: the namespaces of dns.sh and faults.sh
  tshark                     # dumpcap + tshark: every SNMPv3 reply of the v3 interop test verified
  golang-go golang-github-gosnmp-gosnmp-dev  # gosnmp, a Go peer for the interop tests (built offline)
  libnet-snmp-perl           # Perl's Net::SNMP, a Perl peer for the interop tests
  libcrypt-des-perl libdigest-hmac-perl libcrypt-rijndael-perl  # ... its SNMPv3 (only suggested)
  python3-scapy              # scapy, a peer with its own BER encoder, for the interop tests
)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
