# Interop tests: tinytrapd against Net-SNMP's snmptrap, snmpinform and snmptrapd over loopback
# (tests/interop/run.sh: v1/v2c; tests/interop/v3.sh: SNMPv3/USM, also against pysnmp;
# tests/interop/dns.sh: reverse DNS against a slow DNS server, in a namespace of its own), and
# tinytrapd against damaged input and a failing environment (tests/interop/faults.sh: state
# file, disk full, configuration bytes, listening addresses). dns.sh and faults.sh need root for
# their tmpfs and namespaces. All print TAP and all always run; the target fails when any failed.
# Needs the Debian packages snmp, snmptrapd, python3, python3-pysnmp4, iproute2 and util-linux.
test-interop: $(BUILD)/tinytrapd
	@rc=0; \
	bash tests/interop/run.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/v3.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/dns.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/faults.sh $(BUILD)/tinytrapd || rc=1; \
	exit $$rc
