#!/usr/bin/env bash
# The realism recipe: trains a refiner on the shared real eye crops with the recommended settings, then measures it.
#
#   src/bench/realism.sh OUT [SEED]
#
# Renders its synthetic training set with the simulator's defaults (what `render` draws), trains with the default
# (recommended) settings on ../shared/data/real_gaze_mpiigaze_2244.h5, writes OUT/refiner.onnx, renders a fresh
# evaluation set (other seed), runs `evaluate` into OUT/eval and prints its figures. SEED (default 1) seeds the
# renders and the training; any seed should give similar figures. Run from the project root after `mvn package`.
# SIMGAN_TRAIN_ARGS adds training options for experiments (for example "--iterations 1500"); SIMGAN_THREADS sets
# the threads of training and evaluation.
set -euo pipefail
OUT=${1:?usage: src/bench/realism.sh OUT [SEED]}
SEED=${2:-1}
JAR=${SIMGAN_JAR:-target/simgan.jar}
REAL=${SIMGAN_REAL:-../shared/data/real_gaze_mpiigaze_2244.h5}
COUNT=${SIMGAN_COUNT:-20000}
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
[ -f "$REAL" ] || { echo "no real eye crops at $REAL (the shared data); set SIMGAN_REAL to another real HDF5 file" >&2; exit 2; }
mkdir -p "$OUT"
java -jar "$JAR" render --count "$COUNT" --seed "$SEED" --out "$OUT/synthetic.h5"
start=$(date +%s)
java -jar "$JAR" train --synthetic "$OUT/synthetic.h5" --real "$REAL" --out "$OUT/run" --seed "$SEED" --log-every 60 ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS} ${SIMGAN_TRAIN_ARGS:-}
minutes=$(( ($(date +%s) - start + 30) / 60 ))
cp "$OUT/run/refiner.onnx" "$OUT/refiner.onnx"
# fresh renders the refiner never saw, drawn by `render` with its defaults
java -jar "$JAR" render --count 2000 --seed $((SEED + 1000)) --out "$OUT/fresh.h5"
java -jar "$JAR" evaluate --model "$OUT/refiner.onnx" ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS} --synthetic "$OUT/fresh.h5" --real "$REAL" --out "$OUT/eval"
cat "$OUT/eval/summary.txt" | sed -n '1,/Every figure/p'
csv="$OUT/eval/summary.csv"
get() { grep -m1 "^$1,$2," "$csv" | cut -d, -f3; }
echo "RESULT realism calibration=$(get c2st_real_held_out_vs_real accuracy) other_collections=$(get c2st_real_other_collections_vs_real accuracy)" \
     "synthetic=$(get c2st_synthetic_vs_real accuracy)" \
     "refined=$(get c2st_refined_vs_real accuracy) label_cost_deg=$(get labels label_cost_deg)" \
     "pupil_shift_px=$(get labels pupil_centre_shift_px) train_minutes=$minutes seed=$SEED"
