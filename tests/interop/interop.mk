# Interop tests: tinytrapd against Net-SNMP's snmptrap, snmpinform and snmptrapd over loopback
# (tests/interop/run.sh: v1/v2c; tests/interop/v3.sh: SNMPv3/USM, also against pysnmp). Both
# print TAP and both always run; the target fails when either failed. Needs the Debian packages
# snmp, snmptrapd, python3 and python3-pysnmp4.
test-interop: $(BUILD)/tinytrapd
	@rc=0; \
	bash tests/interop/run.sh $(BUILD)/tinytrapd || rc=1; \
	bash tests/interop/v3.sh $(BUILD)/tinytrapd || rc=1; \
	exit $$rc
