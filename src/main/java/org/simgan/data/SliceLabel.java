package org.simgan.data;

/**
 * The project's one label format, used in every stack's slice labels: the first line is the image name, the second
 * line holds the gaze, for example
 * <pre>
 * 00042
 * gaze=0.3404,0.3879,-0.8566
 * </pre>
 * An image without a known gaze has only the name line.
 */
public record SliceLabel(String name, Gaze gaze) {

    public static final String GAZE_KEY = "gaze=";

    public SliceLabel {
        if (name == null) name = "";
        if (name.contains("\n")) throw new IllegalArgumentException("an image name cannot contain a line break: '" + name + "'");
    }

    public boolean hasGaze() {
        return gaze != null;
    }

    public String format() {
        return gaze == null ? name : name + "\n" + GAZE_KEY + gaze.format();
    }

    /** Reads a slice label; a label without a gaze line gives {@code gaze == null}. Null or empty gives an empty name. */
    public static SliceLabel parse(String label) {
        if (label == null || label.isEmpty()) return new SliceLabel("", null);
        String[] lines = label.split("\\R");
        String name = lines[0].trim();
        Gaze gaze = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith(GAZE_KEY)) {
                try {
                    gaze = Gaze.parse(line.substring(GAZE_KEY.length()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("slice '" + name + "': bad gaze line '" + line
                            + "'; expected gaze=x,y,z with a unit look vector", e);
                }
            }
        }
        return new SliceLabel(name, gaze);
    }
}
