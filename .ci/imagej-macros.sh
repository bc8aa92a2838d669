#!/usr/bin/env bash
# The plugin in a real ImageJ: installs target/fiji/ into a fresh ImageJ 1.x plugins folder (Debian's `imagej`
# package, user folder ~/.imagej under a temporary HOME), runs every example macro of macros/ under a virtual display
# (xvfb-run) and checks the files each one writes. With --screenshot FILE it also saves a screen capture of the
# training windows (loss plot and preview).
# Needs: mvn package done (target/fiji, target/simgan.jar); apt-get install -y imagej xvfb.
# Without imagej or xvfb-run it says so and exits 0, unless SIMGAN_REQUIRE_IMAGEJ=1 (then it fails).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shot=""
if [[ "${1:-}" == "--screenshot" ]]; then shot=$(realpath -m "$2"); fi

if ! command -v imagej >/dev/null || ! command -v xvfb-run >/dev/null; then
    echo "imagej-macros: imagej or xvfb-run is not installed (apt-get install -y imagej xvfb); skipped"
    [[ "${SIMGAN_REQUIRE_IMAGEJ:-0}" == 1 ]] && exit 1 || exit 0
fi
[[ -d target/fiji/plugins && -f target/simgan.jar ]] || { echo "imagej-macros: run mvn package first (no target/fiji)"; exit 1; }

work=$(mktemp -d)
[[ "${SIMGAN_KEEP:-0}" == 1 ]] && echo "imagej-macros: keeping $work" || trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
plugins="$HOME/.imagej/plugins"
mkdir -p "$plugins/jars"
cp target/fiji/plugins/*.jar "$plugins/"
cp target/fiji/jars/*.jar "$plugins/jars/"
fail=0
check() { # description, test...
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
# imagej -b MACRO ARG: one run of a real ImageJ, in batch mode, under a virtual display, at most 5 minutes
ij() {
    timeout 300 xvfb-run -a -s "-screen 0 1280x1024x24" imagej -x 2000 "$@" </dev/null 2>&1 | grep -v -e "^Open other images" -e "^  imagej -p" -e '^$' || true
}

java -jar target/simgan.jar render --count 16 --seed 1 --style synthetic --out "$work/synthetic.h5" >/dev/null
java -jar target/simgan.jar render --count 16 --seed 2 --style camera --out "$work/real.h5" >/dev/null
start=$SECONDS
tiny="batch=4 features=4 blocks=1 disc-width=8 history-size=8 refiner-pretrain=2 disc-pretrain=1 iterations=2 checkpoint-every=0 preview-every=0"


echo "== [$((SECONDS - start)) s] train-from-hdf5.ijm"
ij -b "$root/macros/train-from-hdf5.ijm" "synthetic=[$work/synthetic.h5] real=[$work/real.h5] output=[$work/run] settings=[$tiny]"
check "refiner.onnx written" test -s "$work/run/refiner.onnx"
check "losses.csv has 9 steps (2 + 1 pretraining, 2 iterations of kG 2 + kD 1)" test "$(wc -l < "$work/run/losses.csv")" -eq 10

echo "== [$((SECONDS - start)) s] refine-open-stack.ijm"
ij -b "$root/macros/refine-open-stack.ijm" "model=[$work/run/refiner.onnx] stack=[$root/sample-images/synthetic.tif] saveto=[$work/refined.tif]"
check "refined stack written" test -s "$work/refined.tif"
check "refined stack equals the command line's refinement and keeps labels" \
    java -cp target/simgan.jar .ci/CheckRefined.java "$root/sample-images/synthetic.tif" "$work/run/refiner.onnx" "$work/refined.tif"

echo "== [$((SECONDS - start)) s] refine-folder-headless.ijm"
mkdir -p "$work/in"
cp "$root/sample-images/camera-standin.tif" "$work/in/a.tif"
cp "$work/synthetic.h5" "$work/in/b.h5"
printf 'II*\0garbage' > "$work/in/broken.tif"
ij -b "$root/macros/refine-folder-headless.ijm" "input=[$work/in] output=[$work/out] model=[$work/run/refiner.onnx]" | tee "$work/folder.log"
check "good files refined" test -s "$work/out/a.tif" -a -s "$work/out/b.h5"
check "broken file reported, nothing written for it" test ! -e "$work/out/broken.tif"
check "failure line and summary" grep -q "FAILED broken.tif" "$work/folder.log"
check "summary" grep -q "2 of 3 files refined, 1 failed" "$work/folder.log"

echo "== [$((SECONDS - start)) s] read-gaze-label.ijm"
ij -b "$root/macros/read-gaze-label.ijm" "path=[$root/sample-images/synthetic.tif] slice=3 result=[$work/gaze.txt]"
check "gaze of slice 3 read back" grep -Eq "^00002 gaze -?[0-9.]+ -?[0-9.]+ -?[0-9.]+ pitch" "$work/gaze.txt"
[[ -f "$work/gaze.txt" ]] && echo "     $(cat "$work/gaze.txt")"

echo "== [$((SECONDS - start)) s] evaluate-and-predict.ijm"
java -jar target/simgan.jar gaze train --data "$work/synthetic.h5" --out "$work/gaze.onnx" --steps 10 --scale 8 --batch 8 --threads 1 >/dev/null
evaltiny="max-images=0 c2st-runs=1 c2st-steps=10 gaze-steps=10 gaze-scale=8 seed=2"
ij -b "$root/macros/evaluate-and-predict.ijm" "synthetic=[$work/synthetic.h5] real=[$work/real.h5] refiner=[$work/run/refiner.onnx] report=[$work/report] settings=[$evaltiny] gaze=[$work/gaze.onnx] stack=[$root/sample-images/synthetic.tif] saveto=[$work/gaze.tif]" | tee "$work/evaluate.log"
for f in summary.txt summary.csv montage.png histograms.png c2st_roc.png; do check "report $f written" test -s "$work/report/$f"; done
check "summary.csv has the refined AUC" grep -q -e "^c2st_refined_vs_real,auc,[0-9]" "$work/report/summary.csv"
check "summary.csv has the label cost" grep -q -e "^labels,label_cost_deg,-\?[0-9]" "$work/report/summary.csv"
check "macro read the SimGAN Evaluation table" grep -q "^table: AUC change -\?[0-9]" "$work/evaluate.log"
check "predicted stack written" test -s "$work/gaze.tif"
check "predicted labels equal the command line's gaze model, pixels unchanged" \
    java -cp target/simgan.jar .ci/CheckGaze.java "$root/sample-images/synthetic.tif" "$work/gaze.onnx" "$work/gaze.tif"
check "accuracy in the Log" grep -q "within 10 deg: " "$work/evaluate.log"

echo "== [$((SECONDS - start)) s] export-bioimageio.ijm"
ij -b "$root/macros/export-bioimageio.ijm" "model=[$work/run/refiner.onnx] synthetic=[$work/synthetic.h5] output=[$work/refiner.zip] name=[CI refiner] authors=[CI] evaluation=[$work/report] stack=[$root/sample-images/synthetic.tif] saveto=[$work/refined-by-package.tif]" | tee "$work/export.log"
check "package written" test -s "$work/refiner.zip"
if [[ -f ../shared/bioimageio/validate.py ]] && python3 -c "import jsonschema, yaml" 2>/dev/null; then
    check "package valid by the bioimage.io schema" python3 ../shared/bioimageio/validate.py "$work/refiner.zip"
else
    echo "skip package schema check: ../shared/bioimageio/validate.py or python3-jsonschema/python3-yaml missing"
fi
check "stack refined with the package equals the command line's refinement with the .onnx" \
    java -cp target/simgan.jar .ci/CheckRefined.java "$root/sample-images/synthetic.tif" "$work/run/refiner.onnx" "$work/refined-by-package.tif"

if [[ -n "$shot" ]]; then
    echo "== [$((SECONDS - start)) s] training window screenshot"
    ij -m "$root/.ci/screenshot-training.ijm" "synthetic=[$root/sample-images/synthetic.tif] real=[$root/sample-images/camera-standin.tif] output=[$work/shot] png=[$shot] settings=[batch=16 features=8 blocks=1 disc-width=4 history-size=64 refiner-pretrain=60 disc-pretrain=20 iterations=100 preview-every=20 checkpoint-every=0]"
    check "screenshot saved" test -s "$shot"
fi
echo "imagej-macros: real ImageJ runs took $((SECONDS - start)) s"
exit $fail
