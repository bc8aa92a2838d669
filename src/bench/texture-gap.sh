#!/usr/bin/env bash
# The texture-gap diagnostic: can the training recipe close a gap that is texture alone? Real crops blurred by 1 px
# stand in for the synthetic side (src/bench/blurred_real.py), the other real crops are the real side; trains with
# the default settings (plus SIMGAN_TRAIN_ARGS), then runs `evaluate` on held-out blurred crops and the independent
# judge (judge.py) on them before and after refining.
#
#   src/bench/texture-gap.sh OUT [SEED]
#
# Run from the project root after `mvn package`; needs Debian's python3-h5py and python3-torch. SIMGAN_THREADS sets
# the threads of training and evaluation.
set -euo pipefail
OUT=${1:?usage: src/bench/texture-gap.sh OUT [SEED]}
SEED=${2:-1}
JAR=${SIMGAN_JAR:-target/simgan.jar}
REAL=${SIMGAN_REAL:-../shared/data/real_gaze_mpiigaze_2244.h5}
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
[ -f "$REAL" ] || { echo "no real eye crops at $REAL (the shared data); set SIMGAN_REAL to another real HDF5 file" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 "$here/blurred_real.py" "$REAL" "$OUT" "$SEED"
start=$(date +%s)
java -jar "$JAR" train --synthetic "$OUT/syn_train.h5" --real "$OUT/real.h5" --out "$OUT/run" --seed "$SEED" --log-every 120 \
    ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS} ${SIMGAN_TRAIN_ARGS:-}
minutes=$(( ($(date +%s) - start + 30) / 60 ))
java -jar "$JAR" evaluate --model "$OUT/run/refiner.onnx" ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS} \
    --synthetic "$OUT/syn_eval.h5" --real "$OUT/real.h5" --out "$OUT/eval"
java -jar "$JAR" refine --model "$OUT/run/refiner.onnx" --input "$OUT/syn_eval.h5" --output "$OUT/refined_eval.h5"
/usr/bin/python3 "$here/judge.py" "$OUT/real.h5" "$OUT/syn_eval.h5" "$OUT/refined_eval.h5" --n 244 --runs 3 ${SIMGAN_THREADS:+--threads $SIMGAN_THREADS}
csv="$OUT/eval/summary.csv"
get() { grep -m1 "^$1,$2," "$csv" | cut -d, -f3; }
echo "RESULT texture-gap calibration=$(get c2st_real_held_out_vs_real accuracy) blurred=$(get c2st_synthetic_vs_real accuracy)" \
     "prepared=$(get c2st_prepared_vs_real accuracy) refined=$(get c2st_refined_vs_real accuracy) train_minutes=$minutes seed=$SEED"
