package org.simgan.refine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.simgan.bioimageio.ProcessingOp;
import org.simgan.bioimageio.ProcessingOp.Clip;
import org.simgan.bioimageio.ProcessingOp.EnsureDtype;
import org.simgan.bioimageio.ProcessingOp.ScaleLinear;
import org.simgan.data.Normalization;
import org.simgan.nn.ModelExport;

/**
 * How stored pixels become a refiner's input and its output becomes stored pixels again, as operations of the
 * bioimage.io model spec. This is the one place that decides it: for a refiner trained here from its metadata
 * ({@link #forImages}), for a bioimage.io package from its description. A package exported here states exactly
 * these operations, so refining with the package and with the plain .onnx gives the same pixels.
 *
 * @param inputType  the stored pixels' data type (uint8, uint16, float32, ...)
 * @param pre        stored pixels to network input
 * @param post       network output to stored pixels; ends with the cast to {@code outputType}
 * @param outputType the data type of the refined pixels
 */
public record PixelProcessing(String inputType, List<ProcessingOp> pre, List<ProcessingOp> post, String outputType) {

    /** Metadata key of the bit depth a refiner was trained on. */
    public static final String KEY_BIT_DEPTH = "simgan.bit_depth";

    public PixelProcessing {
        pre = List.copyOf(pre);
        post = List.copyOf(post);
    }

    /**
     * The processing a refiner trained here applies to images of {@code bitDepth} (8, 16 or 32 for float): each image is
     * scaled linearly to the network's [-1, 1] by its own bit depth (the model's {@code simgan.normalization} for the bit
     * depth it was trained on), and the output back to the same range, clipped, rounded to the nearest integer for
     * integer types (half up: the offset carries an extra 0.5 that the truncating cast to the integer type turns into
     * rounding).
     */
    public static PixelProcessing forImages(Map<String, String> metadata, int bitDepth) {
        Normalization n = normalization(metadata, bitDepth);
        String type = dataType(bitDepth);
        double range = n.max() - n.min();
        boolean integer = !ProcessingOp.Types.isFloat(type);
        List<ProcessingOp> pre = List.of(new EnsureDtype("float32"), new ScaleLinear(2 / range, -1 - 2 * n.min() / range), new EnsureDtype("float32"));
        List<ProcessingOp> post = List.of(new ScaleLinear(range / 2, n.min() + range / 2 + (integer ? 0.5 : 0)), new Clip(n.min(), n.max()),
                new EnsureDtype(type));
        return new PixelProcessing(type, pre, post, type);
    }

    /**
     * The processing a bioimage.io description states, completed as the spec completes it: a cast to the input's data
     * type first and to float32 last when the preprocessing does not start or end with one, and a cast to the output's
     * data type at the end of the postprocessing.
     */
    public static PixelProcessing fromDescription(String inputType, List<ProcessingOp> pre, List<ProcessingOp> post, String outputType) {
        List<ProcessingOp> p = new ArrayList<>(pre);
        if (p.isEmpty() || !(p.get(0) instanceof EnsureDtype)) p.add(0, new EnsureDtype(inputType));
        ProcessingOp last = p.get(p.size() - 1);
        if (!(last instanceof EnsureDtype || last instanceof ProcessingOp.Binarize)) p.add(new EnsureDtype("float32"));
        List<ProcessingOp> q = new ArrayList<>(post);
        if (q.isEmpty() || !(q.get(q.size() - 1) instanceof EnsureDtype)) q.add(new EnsureDtype(outputType));
        return new PixelProcessing(inputType, p, q, outputType);
    }

    /** The bit depth a refiner was trained on by its metadata, or 0 when it does not say. */
    public static int trainedBitDepth(Map<String, String> metadata) {
        String b = metadata.get(KEY_BIT_DEPTH);
        if (b != null) {
            try {
                return Integer.parseInt(b.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        String n = metadata.get(ModelExport.KEY_NORMALIZATION);
        if (n == null) return 0;
        try {
            Normalization parsed = Normalization.parse(n);
            for (int depth : new int[] {8, 16, 32}) if (Normalization.forBitDepth(depth).equals(parsed)) return depth;
        } catch (IllegalArgumentException e) {
            return 0;
        }
        return 0;
    }

    private static Normalization normalization(Map<String, String> metadata, int bitDepth) {
        String stated = metadata.get(ModelExport.KEY_NORMALIZATION);
        if (stated != null && trainedBitDepth(metadata) == bitDepth) {
            try {
                return Normalization.parse(stated);
            } catch (IllegalArgumentException e) {
                // a normalization this version does not know: fall back to the bit depth's, as for any other depth
            }
        }
        return Normalization.forBitDepth(bitDepth);
    }

    /** The bioimage.io data type of stored pixels of a bit depth. */
    public static String dataType(int bitDepth) {
        return switch (bitDepth) {
            case 8 -> "uint8";
            case 16 -> "uint16";
            case 32 -> "float32";
            default -> throw new IllegalArgumentException("bit depth must be 8, 16 or 32 (float), got " + bitDepth);
        };
    }

    /** True when stored pixels of {@code bitDepth} are what the input type describes (any depth for float types). */
    public boolean accepts(int bitDepth) {
        return switch (inputType) {
            case "uint8" -> bitDepth == 8;
            case "uint16" -> bitDepth == 16;
            case "float32", "float64" -> true;
            default -> false;
        };
    }

    /** The bit depth of refined images: 8 and 16 for uint8 and uint16, else 32 (float). */
    public int outputBitDepth() {
        return switch (outputType) {
            case "uint8" -> 8;
            case "uint16" -> 16;
            default -> 32;
        };
    }

    public float preprocess(float v) {
        for (ProcessingOp op : pre) v = op.apply(v);
        return v;
    }

    public float postprocess(float v) {
        for (ProcessingOp op : post) v = op.apply(v);
        return v;
    }
}
