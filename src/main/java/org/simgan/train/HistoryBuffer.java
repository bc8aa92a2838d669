package org.simgan.train;

/**
 * The history of refined images (Shrivastava et al. 2017, section 2.3): the discriminator sees half of each
 * "refined" batch from here, so it keeps rejecting what earlier refiners produced. The buffer grows by the fresh
 * half batch after each discriminator step until it holds {@code capacity} images; from then on, the entries just
 * drawn are replaced by the fresh ones.
 */
public final class HistoryBuffer {
    private final int capacity;
    private final int imageSize;
    private final float[] images;
    private int size;

    public HistoryBuffer(int capacity, int imageSize) {
        if (capacity < 1) throw new IllegalArgumentException("the history buffer needs room for at least one image, got " + capacity);
        this.capacity = capacity;
        this.imageSize = imageSize;
        this.images = new float[Math.multiplyExact(capacity, imageSize)];
    }

    public int size() {
        return size;
    }

    public int imageSize() {
        return imageSize;
    }

    /**
     * Draws {@code count} entries at random (distinct while the buffer holds at least that many), copies them into
     * {@code out}, and returns their indices.
     */
    public int[] sample(Rng rng, int count, float[] out) {
        if (size == 0) throw new IllegalStateException("the history buffer is empty; add refined images first");
        int[] idx = new int[count];
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            int k;
            do {
                k = rng.nextInt(size);
            } while (size >= count && !taken.add(k));
            idx[i] = k;
            System.arraycopy(images, idx[i] * imageSize, out, i * imageSize, imageSize);
        }
        return idx;
    }

    /**
     * Puts {@code count} fresh images into the buffer: appended while it is not full, otherwise written over the
     * entries at {@code drawn} (the ones the last batch used).
     */
    public void update(float[] fresh, int count, int[] drawn) {
        for (int i = 0; i < count; i++) {
            int slot = size < capacity ? size++ : drawn[i % drawn.length];
            System.arraycopy(fresh, i * imageSize, images, slot * imageSize, imageSize);
        }
    }

    /** Raw access for checkpoints: the first {@code size() * imageSize()} values are the entries. */
    float[] raw() {
        return images;
    }

    void restore(float[] data, int size) {
        if (size > capacity || data.length < size * imageSize) throw new IllegalArgumentException("history of " + size + " images does not fit a buffer of " + capacity);
        System.arraycopy(data, 0, images, 0, size * imageSize);
        this.size = size;
    }
}
