#!/bin/sh
# run.sh TOOL STAGE INPUT GOLDEN [FONT]: TOOL STAGE INPUT [FONT] must print
# GOLDEN (UPDATE=1 rewrites it). "check" expects errors, the others none.
tool=$1 stage=$2 input=$3 golden=$4 font=$5
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
"$tool" "$stage" "$input" $font > "$out"
rc=$?
if [ "$stage" = check ]; then
  [ $rc -eq 1 ] || { echo "expected errors from $input (exit $rc)"; exit 1; }
elif [ $rc -ne 0 ]; then
  echo "$tool $stage $input failed ($rc):"; grep -v '^<math\|^ok\|^ \|box' "$out" | head; exit 1
fi
if [ -n "$UPDATE" ]; then cp "$out" "$golden"; exit 0; fi
diff -u "$golden" "$out"
