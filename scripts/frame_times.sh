#!/usr/bin/env bash
# Frame times of the real window (eframe's own measure: egui, tessellation and painting,
# without waiting for the screen) on the 单位 screen with 5,000 units, still and scrolling,
# and the time from start to the first frame with the demo database.
# Needs a display; without one it starts Xvfb (apt-get install xvfb) on :97.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
bin=target/release/zerenshu
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb:-}" ] && kill "$xvfb"' EXIT
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  export DISPLAY=:97
  sleep 1
fi
# A fresh UI state, so the window opens on the 单位 screen.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
"$bin" demo --db "$work/demo.sqlite3" >/dev/null
echo "demo database:"
"$bin" --db "$work/demo.sqlite3" --exit-after-first-frame
"$bin" --db "$work/demo.sqlite3" --exit-after-first-frame
{
  echo "单位名称,简称,单位类型,考核类别,负责人职务,负责人,联系人,联系电话"
  for i in $(seq 1 4955); do
    printf '示例测试单位%04d,测试%04d,部门,二类,局长,柏闻溪,岳琇文,0399-86%05d\n' "$i" "$i" "$i"
  done
} > "$work/units.csv"
"$bin" import units --yes --db "$work/demo.sqlite3" "$work/units.csv" >/dev/null
echo "单位 screen, 5,000 units:"
"$bin" --db "$work/demo.sqlite3" --frame-times 300
"$bin" --db "$work/demo.sqlite3" --frame-times 300 --scrolling
