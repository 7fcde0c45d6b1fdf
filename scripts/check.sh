#!/usr/bin/env bash
# The whole check, as CI runs it: formatting, clippy with warnings as errors, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
