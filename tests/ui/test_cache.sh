#!/usr/bin/env bash
# test_cache: no text is rasterised every frame. The app counts the
# strings it renders (TRYGG_STATS); panning the walk screen twenty times
# redraws it some hundred times, and must render no string that the
# screen did not already have.
#
# usage: bash tests/ui/test_cache.sh /abs/path/to/trygg /abs/path/to/png_stat
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stat_of() { sed -n "s/.*[ ]$1=\([0-9]*\).*/\1/p" <<<"$ERR"; }

section "strings rendered: the walk screen, still and panned"
export TRYGG_STATS=1
must_app "$WORK/a.sqlite" cache_base.script
base_renders=$(stat_of text_renders) base_frames=$(stat_of frames)
must_app "$WORK/b.sqlite" cache_pan.script
pan_renders=$(stat_of text_renders) pan_frames=$(stat_of frames)
unset TRYGG_STATS
check_match "the still run reports its strings" '^[1-9][0-9]*$' "$base_renders"
check_num "the panned run drew many more frames" "$pan_frames" ">" $((base_frames + 100))
check_eq "and rendered no more strings" "$base_renders" "$pan_renders"

ui_finish
