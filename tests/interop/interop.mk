# Interop tests: tinytrapd against Net-SNMP's snmptrap, snmpinform and snmptrapd over loopback
# (tests/interop/run.sh: v1/v2c; tests/interop/v3.sh: SNMPv3/USM, also against pysnmp, every
# reply verified by tshark), and against gosnmp, Perl's Net::SNMP and scapy (tests/interop/
# peers.sh). Each prints TAP and all always run; the target fails when one failed. Needs the
# Debian packages of scripts/install-deps.sh (snmp, snmptrapd, python3-pysnmp4, tshark,
# golang-go, golang-github-gosnmp-gosnmp-dev, libnet-snmp-perl and its crypto modules,
# python3-scapy).

# The gosnmp sender: built offline against Debian's gosnmp sources (GOPATH mode, no module
# download), its build cache inside build/.
GOSNMP_SEND := $(BUILD)/gosnmp-send
$(GOSNMP_SEND): $(wildcard tests/interop/gosnmp/*.go)
	@mkdir -p $(dir $@) build/gocache
	GOPATH=/usr/share/gocode GO111MODULE=off GOFLAGS= GOCACHE=$(CURDIR)/build/gocache \
	  go build -o $@ ./tests/interop/gosnmp/

test-interop: $(BUILD)/tinytrapd $(GOSNMP_SEND)
	@rc=0; \
	bash tests/interop/run.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/v3.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/peers.sh $(BUILD)/tinytrapd $(GOSNMP_SEND) || rc=1; \
	exit $$rc
