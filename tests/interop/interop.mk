# Interop tests: tinytrapd against Net-SNMP's snmptrap, snmpinform and snmptrapd over loopback
# (tests/interop/run.sh: v1/v2c; tests/interop/v3.sh: SNMPv3/USM, also against pysnmp, every
# reply verified by tshark; tests/interop/dns.sh: reverse DNS against a slow DNS server, in a
# namespace of its own), against gosnmp, Perl's Net::SNMP and scapy (tests/interop/peers.sh),
# and tinytrapd against damaged input and a failing environment (tests/interop/faults.sh: state
# file, disk full, configuration bytes, listening addresses). dns.sh and faults.sh need root for
# their tmpfs and namespaces. Each prints TAP and all always run; the target fails when one
# failed. Needs the Debian packages of scripts/install-deps.sh.

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
	bash tests/interop/dns.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/faults.sh $(BUILD)/tinytrapd || rc=1; \
	exit $$rc
