package org.simgan.data.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.simgan.data.Gaze;

/**
 * Gaze labels from a CSV file: a header row, then one row per image, in image order (row 1 is image 0). Fields are
 * separated by commas; a field holding commas is quoted ({@code "(0.34, 0.39, -0.86)"}). Header names are matched
 * without regard to case, and other columns are ignored. The gaze is taken from the first of these that the
 * header has:
 * <ol>
 * <li>one column {@code look_vec}, {@code look_vector}, {@code gaze} or {@code gaze_vector} holding a 3-D look
 * vector such as {@code (x, y, z)}, {@code x y z} or UnityEyes' {@code (x, y, z, 0)};</li>
 * <li>three columns {@code x,y,z}, {@code look_x,look_y,look_z} or {@code gaze_x,gaze_y,gaze_z};</li>
 * <li>columns {@code pitch,yaw} or {@code pitch_deg,yaw_deg} in <b>degrees</b>, or {@code pitch_rad,yaw_rad} in
 * radians: pitch is the upward angle, yaw the angle to the image's right, as in {@link Gaze#fromPitchYaw}.</li>
 * </ol>
 * Look vectors are in camera coordinates as in UnityEyes (x right, y up, z away from the camera) and need not be
 * unit length.
 */
public final class CsvGazeLabels {

    private static final List<String> VECTOR_COLUMNS = List.of("look_vec", "look_vector", "gaze", "gaze_vector");
    private static final List<List<String>> XYZ_COLUMNS = List.of(
            List.of("x", "y", "z"), List.of("look_x", "look_y", "look_z"), List.of("gaze_x", "gaze_y", "gaze_z"));
    private static final List<List<String>> PITCH_YAW_DEGREES = List.of(List.of("pitch", "yaw"), List.of("pitch_deg", "yaw_deg"));
    private static final List<String> PITCH_YAW_RADIANS = List.of("pitch_rad", "yaw_rad");
    private static final String ACCEPTED = "a look-vector column (look_vec, gaze), three columns x,y,z (or look_x.., gaze_x..), "
            + "or pitch,yaw in degrees (or pitch_rad,yaw_rad)";

    private CsvGazeLabels() {
    }

    /** One gaze per data row, in row order. */
    public static List<Gaze> read(Path csv) throws IOException {
        InputFiles.requireReadableFile(csv, "label file");
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new DataInputException("label file " + csv + " is not UTF-8 text; is it really a CSV file? Save it as CSV (UTF-8)", e);
        }
        int headerLine = 0;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) headerLine++;
        if (headerLine == lines.size()) {
            throw new DataInputException("label file " + csv + " is empty; it needs a header row and one row per image");
        }
        List<String> header = new ArrayList<>();
        for (String h : splitRow(lines.get(headerLine), csv, headerLine + 1)) {
            header.add(h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT));
        }
        GazeColumns columns = GazeColumns.find(header);
        if (columns == null) {
            throw new DataInputException("label file " + csv + " has columns " + header + " but none that hold a gaze; it needs "
                    + ACCEPTED + ", named in the header row");
        }
        List<Gaze> gazes = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            List<String> fields = splitRow(lines.get(i), csv, i + 1);
            try {
                gazes.add(columns.gaze(fields));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new DataInputException("label file " + csv + ", line " + (i + 1) + " (image " + gazes.size() + "): "
                        + (e instanceof IndexOutOfBoundsException ? "too few fields" : e.getMessage()) + "; fix that row", e);
            }
        }
        return gazes;
    }

    /** Which columns hold the gaze, and how to read them. */
    private record GazeColumns(int[] index, Kind kind) {
        enum Kind { VECTOR, XYZ, PITCH_YAW_DEGREES, PITCH_YAW_RADIANS }

        static GazeColumns find(List<String> header) {
            for (String name : VECTOR_COLUMNS) {
                if (header.contains(name)) return new GazeColumns(new int[] {header.indexOf(name)}, Kind.VECTOR);
            }
            for (List<String> names : XYZ_COLUMNS) {
                if (header.containsAll(names)) return new GazeColumns(indices(header, names), Kind.XYZ);
            }
            for (List<String> names : PITCH_YAW_DEGREES) {
                if (header.containsAll(names)) return new GazeColumns(indices(header, names), Kind.PITCH_YAW_DEGREES);
            }
            if (header.containsAll(PITCH_YAW_RADIANS)) return new GazeColumns(indices(header, PITCH_YAW_RADIANS), Kind.PITCH_YAW_RADIANS);
            return null;
        }

        private static int[] indices(List<String> header, List<String> names) {
            return names.stream().mapToInt(header::indexOf).toArray();
        }

        Gaze gaze(List<String> fields) {
            return switch (kind) {
                case VECTOR -> Gaze.parse(fields.get(index[0]));
                case XYZ -> new Gaze(number(fields, 0), number(fields, 1), number(fields, 2));
                case PITCH_YAW_DEGREES -> Gaze.fromPitchYaw(Math.toRadians(number(fields, 0)), Math.toRadians(number(fields, 1)));
                case PITCH_YAW_RADIANS -> Gaze.fromPitchYaw(number(fields, 0), number(fields, 1));
            };
        }

        private double number(List<String> fields, int column) {
            String text = fields.get(index[column]).trim();
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number");
            }
        }

        @Override
        public String toString() {
            return kind + Arrays.toString(index);
        }
    }

    /** Splits one CSV row at commas outside double quotes; {@code ""} inside quotes is a quote. */
    static List<String> splitRow(String line, Path csv, int lineNumber) throws DataInputException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new DataInputException("label file " + csv + ", line " + lineNumber + ": a quote is not closed; "
                    + "quote fields that contain commas, like \"(0.3, 0.4, -0.9)\"");
        }
        fields.add(field.toString());
        return fields;
    }
}
