package org.simgan.sim;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.simgan.data.EyeDataset;
import org.simgan.data.Gaze;
import org.simgan.data.SliceLabel;
import org.simgan.progress.Listener;

/**
 * Renders numbered batches of random labelled eyes. Image {@code i} depends only on (seed, i, style, size, gaze
 * range): its own {@link SplittableRandom} is made from the seed and the index, so the result is the same whatever the
 * number of threads or the order they run in.
 */
public final class EyeSimulator {
    private final EyeRenderer renderer;
    private final Style style;
    private final GazeRange gazeRange;
    private final AppearanceRanges ranges;
    private final long seed;

    public EyeSimulator(int width, int height, Style style, GazeRange gazeRange, long seed) {
        this(width, height, style, gazeRange, AppearanceRanges.defaults(), seed);
    }

    /**
     * A simulator whose clean synthetic eyes draw their appearance from {@code ranges} (the camera-style stand-in
     * keeps its own ranges).
     */
    public EyeSimulator(int width, int height, Style style, GazeRange gazeRange, AppearanceRanges ranges, long seed) {
        this.renderer = new EyeRenderer(width, height);
        this.style = style;
        this.gazeRange = gazeRange;
        this.ranges = java.util.Objects.requireNonNull(ranges, "ranges");
        this.seed = seed;
    }

    /** 55x35 synthetic eyes with the default gaze range. */
    public EyeSimulator(long seed) {
        this(EyeRenderer.DEFAULT_WIDTH, EyeRenderer.DEFAULT_HEIGHT, Style.SYNTHETIC, GazeRange.DEFAULT, seed);
    }

    public EyeRenderer renderer() {
        return renderer;
    }

    /** The random gaze and appearance of image {@code index}. */
    public Appearance appearance(long index) {
        SplittableRandom r = random(index);
        gazeRange.sample(r);
        return appearance(r);
    }

    /** The random gaze of image {@code index}. */
    public Gaze gaze(long index) {
        return gazeRange.sample(random(index));
    }

    /** Renders image {@code index}. */
    public RenderedEye render(long index) {
        SplittableRandom r = random(index);
        Gaze gaze = gazeRange.sample(r);
        return renderer.render(gaze, appearance(r));
    }

    private Appearance appearance(SplittableRandom r) {
        return style == Style.CAMERA_STANDIN ? Appearance.random(r, style) : ranges.draw(r);
    }

    private SplittableRandom random(long index) {
        if (index < 0) throw new IllegalArgumentException("image index must be >= 0, got " + index);
        return new SplittableRandom(GeometryMath.mix(seed, index));
    }

    /** The slice name of image {@code index}: five digits, as in the "eye-gaze" HDF5 layout (00000, 00001, ...). */
    public static String name(long index) {
        return String.format(java.util.Locale.ROOT, "%05d", index);
    }

    /**
     * Renders images {@code 0..count-1} in parallel (on the common fork-join pool) into an 8-bit dataset whose labels
     * are the slice names and look vectors; throws {@link org.simgan.progress.Stopped} if the listener asked to stop. The listener's
     * {@code progress} may be called from several threads. Holds every image in memory (about 2 kB each at 55x35);
     * {@link #renderDataset(int, int, Listener)} renders a range, for output written a part at a time.
     */
    public EyeDataset renderDataset(int count, Listener listener) {
        return renderDataset(0, count, listener);
    }

    /**
     * Renders images {@code from..from+count-1} (the same bytes and names as in a dataset rendered from 0), as
     * {@link #renderDataset(int, Listener)} does; progress counts within the range.
     */
    public EyeDataset renderDataset(int from, int count, Listener listener) {
        if (count < 0) throw new IllegalArgumentException("count must be >= 0, got " + count);
        if (from < 0) throw new IllegalArgumentException("from must be >= 0, got " + from);
        byte[][] pixels = new byte[count][];
        SliceLabel[] labels = new SliceLabel[count];
        AtomicLong done = new AtomicLong();
        long step = Math.max(1, count / 100);
        IntStream.range(0, count).parallel().forEach(k -> {
            if (listener.cancelRequested()) return;
            int i = from + k;
            RenderedEye e = render(i);
            pixels[k] = EyeDataset.bytes(e.pixels());
            if (pixels[k] == null) throw new IllegalStateException("the renderer drew a value outside 0..255 in image " + i);
            labels[k] = new SliceLabel(name(i), e.gaze());
            long d = done.incrementAndGet();
            if (d % step == 0 || d == count) listener.progress(d, count);
        });
        if (done.get() < count) throw new org.simgan.progress.Stopped("rendering was stopped");
        return new EyeDataset(renderer.width(), renderer.height(), pixels, labels);
    }
}
