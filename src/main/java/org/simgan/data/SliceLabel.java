package org.simgan.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The project's one label format, used in every stack's slice labels: the first line is the image name, the second
 * line holds the gaze, for example
 * <pre>
 * 00042
 * gaze=0.3404,0.3879,-0.8566
 * </pre>
 * An image without a known gaze has only the name line. A line {@code source=NAME} says which collection of images
 * the image came from (HDF5 files can carry it as a {@code source} dataset; {@code evaluate} uses it). Any other lines
 * (notes, keys this project does not know, such as a mistyped {@code gazX=...}) are kept verbatim in {@code other} and written back after the gaze line, so
 * nothing a label held is lost on the way through a command.
 */
public record SliceLabel(String name, Gaze gaze, List<String> other) {

    public static final String GAZE_KEY = "gaze=";
    public static final String SOURCE_KEY = "source=";

    public SliceLabel {
        if (name == null) name = "";
        if (name.contains("\n")) throw new IllegalArgumentException("an image name cannot contain a line break: '" + name + "'");
        other = other == null ? List.of() : List.copyOf(other);
        for (String line : other) {
            if (line.contains("\n") || line.contains("\r")) throw new IllegalArgumentException("a label line cannot contain a line break: '" + line + "'");
        }
    }

    /** A label with only a name and (possibly null) gaze. */
    public SliceLabel(String name, Gaze gaze) {
        this(name, gaze, List.of());
    }

    /** The same label with another gaze (null for none); the other lines are kept. */
    public SliceLabel withGaze(Gaze g) {
        return new SliceLabel(name, g, other);
    }

    /** The same label under another name; gaze and other lines are kept. */
    public SliceLabel withName(String n) {
        return new SliceLabel(n, gaze, other);
    }

    /** The collection the image came from: the value of its first {@code source=} line, or null when it has none. */
    public String source() {
        for (String line : other) {
            String t = line.trim();
            if (t.startsWith(SOURCE_KEY)) return t.substring(SOURCE_KEY.length()).trim();
        }
        return null;
    }

    public boolean hasGaze() {
        return gaze != null;
    }

    public String format() {
        StringBuilder b = new StringBuilder(name);
        if (gaze != null) b.append('\n').append(GAZE_KEY).append(gaze.format());
        for (String line : other) b.append('\n').append(line);
        return b.toString();
    }

    /** Reads a slice label; a label without a gaze line gives {@code gaze == null}. Null or empty gives an empty name. */
    public static SliceLabel parse(String label) {
        if (label == null || label.isEmpty()) return new SliceLabel("", null);
        String[] lines = label.split("\\R");
        String name = lines[0].trim();
        Gaze gaze = null;
        List<String> other = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) continue;
            if (!line.startsWith(GAZE_KEY) || gaze != null) {
                other.add(lines[i]);
            } else {
                try {
                    gaze = Gaze.parse(line.substring(GAZE_KEY.length()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("slice '" + name + "': bad gaze line '" + line
                            + "'; expected gaze=x,y,z with a unit look vector", e);
                }
            }
        }
        return new SliceLabel(name, gaze, other);
    }
}
