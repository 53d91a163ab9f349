# herald's two front doors.  Meson and Ninja do the building; this file only names the steps.
#   make demo   set up, build, ingest the bundled demo and serve it
#   make test   set up, build under ASan+UBSan and run the whole test suite
BUILD ?= build
DB ?= demo.db
PORT ?= 8080

.PHONY: all build demo test bench clean

all: build

build:
	scripts/setup $(BUILD)
	ninja -C $(BUILD)

demo: build
	scripts/demo $(BUILD) $(DB) $(PORT)

test:
	scripts/test

bench:
	HERALD_BENCH_PACKAGES=1 scripts/setup $(BUILD)
	ninja -C $(BUILD)
	scripts/bench $(BUILD)

clean:
	rm -rf build build-asan
