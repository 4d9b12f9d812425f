# Test and bench targets, included by the top-level Makefile.
# scripts/run-tests.sh (make test) runs: test-unit test-unit-asan test-core test-protos
# test-fuzz test-interop; each prints TAP lines ("ok ..." / "not ok ...").
.PHONY: test-unit test-unit-asan test-core test-protos test-fuzz test-interop bench

include tests/unit/unit.mk
include tests/fuzz/fuzz.mk
include tests/interop/interop.mk
include tests/bench/bench.mk
