#!/usr/bin/env bash
# The paper's gaze-transfer experiment where no labelled real eyes exist: the camera-style stand-in is the target.
#
#   src/bench/transfer.sh OUT [SEED]
#
# From SEED (default 1) it renders a labelled synthetic set, a camera-style set for the refiner's "real" side (its
# labels are not used) and a separate labelled camera-style target set; trains a refiner with the recommended
# settings; runs `evaluate --target` (a gaze estimator trained on the synthetic images and one on their refined
# versions, same seed, steps and network, both tested on the target) and ends with one line
#   RESULT transfer synthetic_deg=X refined_deg=Y ratio=Y/X
# The target is synthetic too (the simulator with camera effects), NOT real data. Run from the project root after
# `mvn package`.
set -euo pipefail
OUT=${1:?usage: src/bench/transfer.sh OUT [SEED]}
SEED=${2:-1}
JAR=${SIMGAN_JAR:-target/simgan.jar}
COUNT=${SIMGAN_COUNT:-20000}
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
mkdir -p "$OUT"
java -jar "$JAR" render --count "$COUNT" --seed "$SEED" --out "$OUT/synthetic.h5"
java -jar "$JAR" render --count 5000 --seed $((SEED + 1000)) --style camera --out "$OUT/camera.h5"
java -jar "$JAR" render --count 2000 --seed $((SEED + 2000)) --style camera --out "$OUT/target.h5"
start=$(date +%s)
java -jar "$JAR" train --synthetic "$OUT/synthetic.h5" --real "$OUT/camera.h5" --out "$OUT/run" --seed "$SEED" --log-every 60 ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS}
minutes=$(( ($(date +%s) - start + 30) / 60 ))
cp "$OUT/run/refiner.onnx" "$OUT/refiner.onnx"
java -jar "$JAR" evaluate --model "$OUT/refiner.onnx" ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS} --synthetic "$OUT/synthetic.h5" --real "$OUT/camera.h5" --target "$OUT/target.h5" \
    --out "$OUT/eval"
sed -n '/^Gaze transfer/,/^$/p' "$OUT/eval/summary.txt"
csv="$OUT/eval/summary.csv"
get() { grep -m1 "^$1,$2," "$csv" | cut -d, -f3; }
syn=$(get transfer synthetic_trained_mean_deg); ref=$(get transfer refined_trained_mean_deg)
echo "train_minutes=$minutes seed=$SEED intervals_apart=$(get transfer intervals_apart)" \
     "prepared_deg=$(get transfer prepared_synthetic_trained_mean_deg)"
echo "RESULT transfer synthetic_deg=$syn refined_deg=$ref ratio=$(get transfer ratio_refined_over_synthetic)"
