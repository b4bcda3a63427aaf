#!/usr/bin/env bash
# Builds the DocC archives of the library modules with the toolchain's docc and fails on any
# warning (broken links, unknown symbols in topic groups, mismatched parameters) and on any
# public declaration without a doc comment.
#
#   Documentation/build-docs.sh            # archives in .build/docs/archives/<Module>.doccarchive
#
# Needs: swift (6.2 or later, with docc beside it) and python3 for the coverage check.
set -euo pipefail
cd "$(dirname "$0")/.."

modules=(RetentionCore RetentionModel LTVMath Segmentation RetentionReport Recommendations)
scratch=.build/docs
graphs="$scratch/symbol-graphs"
swift_bin="$(dirname "$(command -v swift)")"
docc="${DOCC:-$swift_bin/docc}"
[[ -x "$docc" ]] || docc="$(command -v docc)"

# Symbol graphs are emitted afresh each run: every library re-exports RetentionCore, so a graph
# of a module that was not recompiled would carry stale RetentionCore documentation.
rm -rf "$scratch/archives" "$graphs"
mkdir -p "$graphs" "$scratch/archives"

# A separate scratch path keeps the symbol-graph flags from invalidating the normal build.
# RetentionReport depends on the other libraries but Recommendations, so two builds cover all.
build_graphs() {
  for target in RetentionReport Recommendations; do
    swift build --scratch-path "$scratch/build" --target "$target" \
      -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs" \
      -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public >/dev/null
  done
}
build_graphs
for module in "${modules[@]}"; do
  if [[ ! -f "$graphs/$module.symbols.json" ]]; then
    # A graph went missing while its module was up to date: rebuild from scratch.
    rm -rf "$scratch/build" "$graphs"
    mkdir -p "$graphs"
    build_graphs
    break
  fi
done

status=0
for module in "${modules[@]}"; do
  dir="$scratch/graphs-$module"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$graphs/$module.symbols.json" "$dir/"
  cp "$graphs/$module"@*.symbols.json "$dir/" 2>/dev/null || true
  echo "docc convert $module"
  if ! "$docc" convert "Sources/$module/$module.docc" \
    --additional-symbol-graph-dir "$dir" \
    --fallback-display-name "$module" --fallback-bundle-identifier "com.secondsale.$module" \
    --output-dir "$scratch/archives/$module.doccarchive" \
    --warnings-as-errors >"$scratch/$module.log" 2>&1; then
    grep -v '^$' "$scratch/$module.log" >&2 || true
    echo "error: docc found problems in $module" >&2
    status=1
  fi
done

# Every public declaration has a doc comment. Synthesised members (Codable, Hashable) and
# members inherited from protocols outside the package are not declarations of ours.
python3 - "$scratch" "${modules[@]}" <<'PY' || status=1
import json, sys, glob, os
scratch, modules = sys.argv[1], sys.argv[2:]
missing = []
for module in modules:
    for path in glob.glob(os.path.join(scratch, f"graphs-{module}", "*.symbols.json")):
        graph = json.load(open(path))
        for symbol in graph.get("symbols", []):
            identifier = symbol["identifier"]["precise"]
            if "::SYNTHESIZED::" in identifier:
                continue
            if symbol.get("accessLevel") not in ("public", "open"):
                continue
            location = symbol.get("location", {}).get("uri", "")
            if "/Sources/" not in location:
                continue
            if symbol.get("docComment", {}).get("lines"):
                continue
            line = symbol["location"]["position"]["line"] + 1
            name = ".".join(symbol["pathComponents"])
            missing.append(f"{location.split('/Sources/')[-1]}:{line}: {name}")
for entry in sorted(set(missing)):
    print(f"undocumented: Sources/{entry}")
if missing:
    print(f"error: {len(set(missing))} public declarations without a doc comment", file=sys.stderr)
    sys.exit(1)
print("every public declaration is documented")
PY

if [[ $status -ne 0 ]]; then
  echo "documentation: FAILED" >&2
  exit 1
fi
echo "documentation: archives in $scratch/archives"
