#!/usr/bin/env bash
# Runs the Neovim tests headless against the repo's server build and checks
# that no server process outlives the editor.
#
#   editors/neovim/test/run.sh            # needs nvim 0.11+ (NVIM=/path/to/nvim)
#   ONEONONE_LS=/path/to/oneonone-ls editors/neovim/test/run.sh
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"

if [ -z "${NVIM:-}" ]; then
  if [ -x "$repo/.ci/.venv-nvim/bin/nvim" ]; then
    NVIM="$repo/.ci/.venv-nvim/bin/nvim"
  else
    NVIM=nvim
  fi
fi
export ONEONONE_LS="${ONEONONE_LS:-$repo/target/release/oneonone-ls}"

if ! "$NVIM" --headless --clean -es -c 'if !has("nvim-0.11") | cquit 1 | endif' -c 'qall!' </dev/null; then
  echo "run.sh: $NVIM is missing or older than 0.11 (set NVIM=/path/to/nvim)" >&2
  exit 2
fi
if [ ! -x "$ONEONONE_LS" ]; then
  echo "run.sh: no server at $ONEONONE_LS (run: cargo build --release)" >&2
  exit 2
fi

alive() { # running (not a zombie)?
  local state
  state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/p' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

failed=0
proc_passed=0
proc_failed=0
for t in test_011 test_setup test_lens; do
  pidfile="$(mktemp)"
  ONEONONE_PID_FILE="$pidfile" timeout 180 "$NVIM" --headless --clean -u "$here/$t.lua" </dev/null
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "run.sh: $t failed (exit $rc)"
    failed=1
  fi
  if [ ! -s "$pidfile" ]; then
    echo "  FAIL  $t: no server pid was recorded"
    proc_failed=$((proc_failed + 1))
  fi
  while read -r pid; do
    [ -n "$pid" ] || continue
    for _ in $(seq 20); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      echo "  FAIL  $t: server pid $pid still running 2 s after nvim exited"
      kill -9 "$pid" 2>/dev/null
      proc_failed=$((proc_failed + 1))
    else
      echo "  ok    $t: server pid $pid gone after nvim exited"
      proc_passed=$((proc_passed + 1))
    fi
  done <"$pidfile"
  rm -f "$pidfile"
done

echo "neovim-processes: $proc_passed passed, $proc_failed failed"
if [ "$failed" -ne 0 ] || [ "$proc_failed" -ne 0 ]; then
  exit 1
fi
