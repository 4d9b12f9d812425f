# Interop tests: tinytrapd against Net-SNMP's snmptrap, snmpinform and snmptrapd over loopback
# (tests/interop/run.sh; TAP output; needs the Debian packages snmp, snmptrapd and python3).
test-interop: $(BUILD)/tinytrapd
	@bash tests/interop/run.sh $(BUILD)/tinytrapd
