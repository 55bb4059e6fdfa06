# Broadsheet: `make serve` and `make test` install what is missing, then build and serve or test.
# Tool versions are pinned here (trunk), in Cargo.lock (wasm-bindgen) and package.json (binaryen,
# playwright-core); nothing is downloaded at build time.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.21.14
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
WASM_OPT_VERSION := $(shell sed -n 's/.*"binaryen": "\([0-9]*\).*/\1/p' package.json)

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk takes a system wasm-opt only when its version matches; the npm one is ahead on PATH.
export TRUNK_TOOLS_WASM_OPT := version_$(WASM_OPT_VERSION)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
# The deployment test (tests/e2e/nginx.test.mjs) runs the app behind Debian's nginx.
export NGINX ?= /usr/sbin/nginx
export WASM_BINDGEN_TEST_WEBDRIVER_JSON := $(CURDIR)/tests/webdriver.json
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT ?= 60
export WASM_BINDGEN_TEST_TIMEOUT ?= 300
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help serve test test-build test-lint test-native test-web test-e2e build release split-tool bench peers leptos-floor jp2-tools fuzz tools rust-tools node-tools browser fonts postgres clean

help:
	@echo "make serve   install what is missing, build, serve the demo at http://127.0.0.1:8080"
	@echo "make test    install what is missing, run every test (lints, native, in-browser, end-to-end)"
	@echo "make bench   build the release app and print its figures"
	@echo "make fuzz    fuzz the data model for FUZZ_SECONDS per target (not part of make test)"

# Its own dist folder, so that serving never replaces the build the end-to-end tests run; no
# auto-reload script, which would be an inline script the reader's CSP forbids.
serve: rust-tools node-tools fonts split-tool
	$(SPLIT) trunk serve --release --offline --no-autoreload --dist target/serve

# Each stage's time is printed as it ends, and all of them at the end.
TEST_STAGES := tools build native web e2e

test:
	@start=$$(date +%s); times=""; \
	for stage in $(TEST_STAGES); do \
	  t0=$$(date +%s); target=test-$$stage; [ $$stage = tools ] && target=tools; \
	  $(MAKE) --no-print-directory $$target || { echo "make test: $$stage failed after $$(( $$(date +%s) - t0 )) s"; exit 1; }; \
	  took=$$(( $$(date +%s) - t0 )); times="$$times $$stage $$took s,"; echo "make test: $$stage took $$took s"; \
	done; echo "make test: passed in $$(( $$(date +%s) - start )) s:$${times%,}"

# The tests are built with clippy as the compiler of our own crates (what `cargo clippy` does,
# with `-D warnings`), so one build both lints and makes the test binaries: a separate `cargo
# clippy` would check every dependency a second time (some 180 s on a 2-core machine). Every
# cargo command of the test stages runs with it, or it would rebuild our crates without it.
LINTED = RUSTC_WORKSPACE_WRAPPER="$$(rustc --print sysroot)/bin/clippy-driver" \
  CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

# Formatting, then every test target built and linted, natively and for the browser build.
test-build:
	cargo fmt --all --check
	rustfmt --edition 2021 --check fuzz/fuzz_targets/*.rs
	$(LINTED) cargo test --workspace --all-targets --locked --no-run
	$(LINTED) cargo test --locked -p broadsheet --all-targets --target wasm32-unknown-unknown --no-run

# The lints alone, as `cargo clippy` (checks without building).
test-lint:
	cargo fmt --all --check
	rustfmt --edition 2021 --check fuzz/fuzz_targets/*.rs
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --locked -p broadsheet --all-targets --target wasm32-unknown-unknown -- -D warnings

# The ratings server's suite runs on SQLite and on a throwaway PostgreSQL cluster on 127.0.0.1,
# started for this run and removed after it, even when a test fails.
test-native: postgres
	$(LINTED) PG_OPTIONS="-c fsync=off" crates/ratings-server/tests/pg-cluster.sh run cargo test --workspace --locked

test-web:
	$(LINTED) cargo test --locked -p broadsheet --target wasm32-unknown-unknown --test web

# The ratings server and the kit the tests run are the debug binaries the native stage built
# (no work after it; a plain `cargo build` would rebuild them with other features).
test-e2e: release
	$(LINTED) cargo test --workspace --locked --quiet --no-run
	node --test --test-concurrency=1 tests/e2e/

release: rust-tools node-tools split-tool
	$(SPLIT) trunk build --release --offline --dist dist

# The release build is split at its split points (src/part.rs), so that the first screen
# waits for fewer bytes: the flags mark them and keep the linker's relocations, which the
# splitter (crates/split) reads; scripts/bin/wasm-bindgen, first on PATH, splits the wasm before
# Trunk's wasm-bindgen sees it (docs/testing.md, "Splitting the wasm").
SPLIT = PATH="$(CURDIR)/scripts/bin:$$PATH" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components --cfg broadsheet_split -Clink-args=--emit-relocs"

split-tool:
	cargo build --locked --quiet -p broadsheet-split

bench: release browser peers leptos-floor jp2-tools postgres
	node tests/bench/run.mjs

# The framework's floor beside the app's bytes: a minimal Leptos app built the same way.
leptos-floor: rust-tools node-tools
	cd tests/bench/leptos-floor && CARGO_TARGET_DIR=$(CURDIR)/target/leptos-floor \
	  trunk build --release --offline --dist $(CURDIR)/target/bench-leptos-floor

# The peer viewers that `make bench` weighs the app against: their published npm packages,
# pinned, unpacked without their dependency trees (tests/bench/peers.mjs reads them).
PEERS := openseadragon@6.1.1 mirador@4.0.0 pdfjs-dist@6.5.438
PEERS_DIR := target/bench-peers

peers:
	@[ "$$(cat $(PEERS_DIR)/.versions 2>/dev/null)" = "$(PEERS)" ] || { rm -rf $(PEERS_DIR) && mkdir -p $(PEERS_DIR) \
	  && cd $(PEERS_DIR) && npm pack --silent $(PEERS) >/dev/null && for f in *.tgz; do \
	    mkdir -p "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}" --strip-components=1 && rm "$$f"; done \
	  && echo "$(PEERS)" > .versions; }

# Fuzzing the data contract (fuzz/, docs/testing.md). Without a sanitizer cargo-fuzz needs no
# nightly flags, and safe Rust gains little from ASan at a sixth of the speed; FUZZ_SANITIZER=address
# works on stable Rust only through RUSTC_BOOTSTRAP=1, set for that build alone.
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= archive month issue issue_lenient text path words
FUZZ_SANITIZER ?= none

fuzz:
	@cargo fuzz --version 2>/dev/null | grep -qx "cargo-fuzz $(CARGO_FUZZ_VERSION)" \
	  || cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked
	@cd fuzz && failed= && for t in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$t artifacts; case $$t in issue*|path) len=16384;; *) len=4096;; esac; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  $(if $(filter-out none,$(FUZZ_SANITIZER)),RUSTC_BOOTSTRAP=1) cargo fuzz run --sanitizer $(FUZZ_SANITIZER) \
	    --debug-assertions $$t corpus/$$t seeds/$$t -- -dict=json.dict -max_len=$$len -timeout=5 \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 \
	    | tee artifacts/$$t.log | grep -aE '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|==|SUMMARY|thread)|panicked|ailing input|Test unit written' \
	    || failed="$$failed $$t"; \
	done; [ -z "$$failed" ] || { echo "fuzz: failed:$$failed (inputs in fuzz/artifacts/)"; exit 1; }

tools: rust-tools node-tools browser fonts postgres

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^clippy' && rustup component list --installed | grep -q '^rustfmt' \
	  || rustup component add clippy rustfmt
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked
	@wasm-bindgen --version 2>/dev/null | grep -q "^wasm-bindgen $(WASM_BINDGEN_VERSION)\b" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node-tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# The demo is Chinese: without a CJK font a fresh machine draws it as boxes. (The layout does not
# depend on it: tests/e2e/fonts.test.mjs runs the phone checks with a Latin-only font.)
fonts:
	@fc-list :lang=zh 2>/dev/null | grep -q . || { $(SUDO) apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk fontconfig; }

browser:
	@[ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ] && [ -x $(NGINX) ] || { $(SUDO) apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver nginx-light; }

# opj_compress makes the NDNP-sized JPEG 2000 pages that tests/bench/batch.bench.mjs imports
# (and remakes the JPEG 2000 fixtures with tests/fixtures/import/batch/make.py); tests need none.
jp2-tools:
	@command -v opj_compress >/dev/null || { $(SUDO) apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libopenjp2-tools; }

# Debian's PostgreSQL server binaries, for the ratings server's tests and bench. Only the binaries
# are used: no cluster of the package's own is made or started.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) mkdir -p /etc/postgresql-common/createcluster.d \
	  && echo "create_main_cluster = false" | $(SUDO) tee /etc/postgresql-common/createcluster.d/broadsheet.conf >/dev/null \
	  && $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; }

clean:
	cargo clean
	rm -rf dist node_modules
