#!/usr/bin/env bash
# How memory grows with the number of images: peak resident memory and speed of render, a short training run and a
# refine, for each N given (default 50000 1200000).
#
#   src/bench/memory.sh OUT [N ...]
#
# For each N: `render --count N` to OUT/N/synthetic.h5; `train --max-steps 10` on it against the shared real crops
# (or, without ../shared, 2,000 camera-style renders); `refine` of all N images with the refiner that run wrote.
# Prints one line per step, "RESULT memory step=... n=... peak_rss_mb=... seconds=... images_per_s=...", from
# /usr/bin/time. Run from the project root after `mvn package`, with nothing else running when the speeds matter.
# Refining 1,200,000 images takes about an hour on two cores; SIMGAN_THREADS sets the threads of train and refine,
# SIMGAN_JAVA_OPTS is passed to java (for example -Xmx2g, to see that a bounded heap suffices).
set -euo pipefail
OUT=${1:?usage: src/bench/memory.sh OUT [N ...]}
shift
COUNTS=("$@")
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(50000 1200000)
JAR=${SIMGAN_JAR:-target/simgan.jar}
REAL=${SIMGAN_REAL:-../shared/data/real_gaze_mpiigaze_2244.h5}
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian's 'time' package)" >&2; exit 2; }
mkdir -p "$OUT"
if [ ! -f "$REAL" ]; then
    echo "no real crops at $REAL: training against 2,000 camera-style renders instead"
    REAL="$OUT/camera.h5"
    [ -f "$REAL" ] || java -jar "$JAR" render --count 2000 --style camera --seed 2 --out "$REAL"
fi
threads=${SIMGAN_THREADS:+--threads $SIMGAN_THREADS}

# measure STEP N COMMAND...: runs the command under /usr/bin/time and prints its RESULT line
measure() {
    local step=$1 n=$2
    shift 2
    local log="$OUT/$n/$step.log"
    /usr/bin/time -f "TIME %M %e" "$@" > "$log" 2>&1 || { tail -n 20 "$log" >&2; exit 1; }
    read -r kb seconds < <(grep '^TIME ' "$log" | tail -n 1 | cut -d' ' -f2-)
    awk -v s="$step" -v n="$n" -v kb="$kb" -v sec="$seconds" \
        'BEGIN { printf "RESULT memory step=%s n=%d peak_rss_mb=%.0f seconds=%.1f images_per_s=%.0f\n", s, n, kb / 1024, sec, n / sec }'
}

for n in "${COUNTS[@]}"; do
    d="$OUT/$n"
    rm -rf "$d"
    mkdir -p "$d"
    measure render "$n" java ${SIMGAN_JAVA_OPTS:-} -jar "$JAR" render --count "$n" --seed 1 --out "$d/synthetic.h5"
    # images_per_s of the training run counts the images it had to hold (read once, then 10 steps)
    measure train "$n" java ${SIMGAN_JAVA_OPTS:-} -jar "$JAR" train --synthetic "$d/synthetic.h5" --real "$REAL" --out "$d/run" \
        --max-steps 10 --log-every 10 $threads
    measure refine "$n" java ${SIMGAN_JAVA_OPTS:-} -jar "$JAR" refine --model "$d/run/refiner.onnx" --input "$d/synthetic.h5" \
        --output "$d/refined.h5" $threads
    rm -f "$d/synthetic.h5" "$d/refined.h5" # 2.3 GB each at 1,200,000
done
