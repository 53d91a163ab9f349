# herald's two front doors.  Meson and Ninja do the building; this file only names the steps.
#   make demo   set up, build, ingest the bundled demo and serve it
#   make test   set up, build under ASan+UBSan and run the whole test suite
#   make install  build and install herald under PREFIX (default /usr/local; DESTDIR respected)
BUILD ?= build
PREFIX ?= /usr/local
DB ?= demo.db
PORT ?= 8080

.PHONY: all build demo test bench install clean

all: build

build:
	scripts/setup $(BUILD)
	ninja -C $(BUILD)

# quiet: scripts/demo builds, shows the build's output only when it fails, and ends with the
# address it serves
demo:
	@scripts/demo $(BUILD) $(DB) $(PORT)

test:
	scripts/test

# bin/herald and share/doc/herald/README.md under $(DESTDIR)$(PREFIX)
install: build
	meson configure $(BUILD) -Dprefix=$(PREFIX)
	ninja -C $(BUILD)
	meson install -C $(BUILD) --no-rebuild $(if $(DESTDIR),--destdir $(abspath $(DESTDIR)))

bench:
	HERALD_BENCH_PACKAGES=1 scripts/setup $(BUILD)
	ninja -C $(BUILD)
	scripts/bench $(BUILD)

clean:
	rm -rf build build-asan
