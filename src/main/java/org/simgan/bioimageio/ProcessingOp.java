package org.simgan.bioimageio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pre- or postprocessing operation of the bioimage.io model spec (0.5) that needs no statistics of the data:
 * {@code scale_linear}, {@code clip} (fixed bounds), {@code ensure_dtype}, {@code fixed_zero_mean_unit_variance},
 * {@code sigmoid} and {@code binarize}. {@link #apply} computes as bioimage.io's Python core does on float32 tensors:
 * in float32, multiplication and addition rounded one after the other; a cast to an integer type truncates.
 */
public sealed interface ProcessingOp {

    /** The op's {@code id} in a description. */
    String id();

    /** Its {@code kwargs}, for writing a description. */
    Map<String, Object> kwargs();

    /** The op applied to one float32 value. */
    float apply(float v);

    /** The data type values have after this op, given the type before it. */
    default String typeAfter(String before) {
        return before;
    }

    /** The description entry: {@code {id: ..., kwargs: {...}}}. */
    default Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id());
        m.put("kwargs", kwargs());
        return m;
    }

    /** {@code out = v * gain + offset}. */
    record ScaleLinear(double gain, double offset) implements ProcessingOp {
        public String id() {
            return "scale_linear";
        }

        public Map<String, Object> kwargs() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("gain", gain);
            m.put("offset", offset);
            return m;
        }

        public float apply(float v) {
            return v * (float) gain + (float) offset;
        }

        public String typeAfter(String before) {
            return Types.isFloat(before) ? before : "float32";
        }
    }

    /** Values below {@code min} become {@code min}, above {@code max} become {@code max} (either may be absent: NaN). */
    record Clip(double min, double max) implements ProcessingOp {
        public String id() {
            return "clip";
        }

        public Map<String, Object> kwargs() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (!Double.isNaN(min)) m.put("min", min);
            if (!Double.isNaN(max)) m.put("max", max);
            return m;
        }

        public float apply(float v) {
            if (!Double.isNaN(min) && v < (float) min) v = (float) min;
            if (!Double.isNaN(max) && v > (float) max) v = (float) max;
            return v;
        }
    }

    /** A cast to {@code dtype}: truncation toward zero for integer types, then limited to the type's range. */
    record EnsureDtype(String dtype) implements ProcessingOp {
        public EnsureDtype {
            Types.check(dtype);
        }

        public String id() {
            return "ensure_dtype";
        }

        public Map<String, Object> kwargs() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dtype", dtype);
            return m;
        }

        public float apply(float v) {
            if (Types.isFloat(dtype) || Float.isNaN(v)) return v;
            if (dtype.equals("bool")) return v != 0 ? 1 : 0;
            double t = v < 0 ? Math.ceil(v) : Math.floor(v);
            return (float) Math.max(Types.min(dtype), Math.min(Types.max(dtype), t));
        }

        public String typeAfter(String before) {
            return dtype;
        }
    }

    /** {@code out = (v - mean) / (std + 1e-6)}, as bioimage.io's core computes it. */
    record FixedZeroMeanUnitVariance(double mean, double std) implements ProcessingOp {
        public String id() {
            return "fixed_zero_mean_unit_variance";
        }

        public Map<String, Object> kwargs() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", mean);
            m.put("std", std);
            return m;
        }

        public float apply(float v) {
            return (v - (float) mean) / (float) (std + 1e-6);
        }

        public String typeAfter(String before) {
            return Types.isFloat(before) ? before : "float32";
        }
    }

    /** {@code out = 1 / (1 + exp(-v))}. */
    record Sigmoid() implements ProcessingOp {
        public String id() {
            return "sigmoid";
        }

        public Map<String, Object> kwargs() {
            return new LinkedHashMap<>();
        }

        public float apply(float v) {
            return (float) (1 / (1 + Math.exp(-v)));
        }

        public String typeAfter(String before) {
            return Types.isFloat(before) ? before : "float32";
        }
    }

    /** {@code out = v > threshold} (1 or 0). */
    record Binarize(double threshold) implements ProcessingOp {
        public String id() {
            return "binarize";
        }

        public Map<String, Object> kwargs() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threshold", threshold);
            return m;
        }

        public float apply(float v) {
            return v > (float) threshold ? 1 : 0;
        }

        public String typeAfter(String before) {
            return "bool";
        }
    }

    /**
     * The op a description entry ({@code {id: ..., kwargs: {...}}}) states.
     *
     * @throws IllegalArgumentException for an op that needs statistics of the data, or kwargs that do not fit
     */
    static ProcessingOp parse(Object entry, String where) {
        if (!(entry instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + " is not an {id, kwargs} entry: " + entry);
        Object id = m.get("id");
        if (id == null && m.get("name") != null) {
            throw new IllegalArgumentException(where + " names its op with 'name' (format 0.4); format 0.5 uses 'id'");
        }
        Object kw = m.get("kwargs");
        Map<?, ?> k = kw == null ? Map.of() : kw instanceof Map<?, ?> km ? km : null;
        if (k == null) throw new IllegalArgumentException(where + ": kwargs must be a mapping, got " + kw);
        String name = String.valueOf(id);
        return switch (name) {
            case "scale_linear" -> new ScaleLinear(scalar(k, "gain", 1.0, where), scalar(k, "offset", 0.0, where));
            case "clip" -> {
                if (k.get("min_percentile") != null || k.get("max_percentile") != null) {
                    throw new IllegalArgumentException(where + ": clip by percentiles needs statistics of each image, which this loader does not compute; "
                            + "only clip with fixed min/max is supported");
                }
                double min = k.get("min") == null ? Double.NaN : number(k.get("min"), "min", where);
                double max = k.get("max") == null ? Double.NaN : number(k.get("max"), "max", where);
                if (Double.isNaN(min) && Double.isNaN(max)) throw new IllegalArgumentException(where + ": clip needs min or max");
                yield new Clip(min, max);
            }
            case "ensure_dtype" -> {
                Object d = k.get("dtype");
                if (!(d instanceof String ds) || !Types.known(ds)) throw new IllegalArgumentException(where + ": ensure_dtype needs a known dtype, got " + d);
                yield new EnsureDtype(ds);
            }
            case "fixed_zero_mean_unit_variance" -> new FixedZeroMeanUnitVariance(scalar(k, "mean", Double.NaN, where), scalar(k, "std", Double.NaN, where));
            case "sigmoid" -> new Sigmoid();
            case "binarize" -> new Binarize(scalar(k, "threshold", Double.NaN, where));
            case "zero_mean_unit_variance", "scale_range", "scale_mean_variance" -> throw new IllegalArgumentException(where + " is " + name
                    + ", which needs statistics of the images (mean, spread or percentiles); this loader supports only fixed operations "
                    + "(scale_linear, clip with min/max, ensure_dtype, fixed_zero_mean_unit_variance, sigmoid, binarize)");
            default -> throw new IllegalArgumentException(where + " is '" + name + "', not an operation of the bioimage.io model spec 0.5");
        };
    }

    /** A kwarg that is one number: a plain number, or a list of one (per channel, for the single channel). */
    private static double scalar(Map<?, ?> k, String key, double def, String where) {
        Object v = k.get(key);
        if (v == null) {
            if (Double.isNaN(def)) throw new IllegalArgumentException(where + ": '" + key + "' is missing");
            return def;
        }
        if (v instanceof List<?> l) {
            if (l.size() != 1) {
                throw new IllegalArgumentException(where + ": '" + key + "' gives " + l.size() + " values (one per channel?); a one-channel model has one");
            }
            v = l.get(0);
        }
        return number(v, key, where);
    }

    private static double number(Object v, String key, String where) {
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException(where + ": '" + key + "' must be a number, got " + v);
    }

    /** The data types of the spec. */
    final class Types {
        private static final List<String> ALL = List.of("float32", "float64", "uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "bool");

        private Types() {
        }

        static boolean known(String t) {
            return ALL.contains(t);
        }

        static void check(String t) {
            if (!known(t)) throw new IllegalArgumentException("unknown data type '" + t + "'; bioimage.io types are " + ALL);
        }

        public static boolean isFloat(String t) {
            return t.equals("float32") || t.equals("float64");
        }

        static double min(String t) {
            return switch (t) {
                case "int8" -> Byte.MIN_VALUE;
                case "int16" -> Short.MIN_VALUE;
                case "int32" -> Integer.MIN_VALUE;
                case "int64" -> Long.MIN_VALUE;
                default -> 0;
            };
        }

        static double max(String t) {
            return switch (t) {
                case "uint8" -> 255;
                case "int8" -> Byte.MAX_VALUE;
                case "uint16" -> 65535;
                case "int16" -> Short.MAX_VALUE;
                case "uint32" -> 4294967295.0;
                case "int32" -> Integer.MAX_VALUE;
                case "bool" -> 1;
                default -> Long.MAX_VALUE;
            };
        }

        /** A readable message part: {@code "uint8 (0..255)"}. */
        static String describe(String t) {
            return isFloat(t) ? t : String.format(Locale.ROOT, "%s (%.0f..%.0f)", t, min(t), max(t));
        }
    }
}
