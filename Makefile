# Thin wrapper over Meson. `make` builds, `make demo` runs the main job, `make check` runs every
# test in a normal and an ASan+UBSan build. Both first install missing Debian packages.
BUILD ?= build
ASAN_BUILD ?= build-asan
MESON_SETUP = meson setup --wrap-mode=nodownload

.PHONY: all deps build check check-normal check-asan demo clean lint web install

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD)/build.ninja:
	$(MESON_SETUP) $(BUILD)

$(ASAN_BUILD)/build.ninja:
	$(MESON_SETUP) $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

lint:
	@./tests/lint.sh

check: deps lint check-normal check-asan

check-normal: $(BUILD)/build.ninja
	ninja -C $(BUILD)
	meson test -C $(BUILD) --print-errorlogs --num-processes 2

check-asan: $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	meson test -C $(ASAN_BUILD) --print-errorlogs --num-processes 2 --no-suite slow

# installs tcxd and its man page (man tcxd) under --prefix (default /usr/local); DESTDIR stages
install: build
	meson install -C $(BUILD) --no-rebuild $(if $(DESTDIR),--destdir $(DESTDIR))

demo: deps build
	./scripts/demo.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
