package org.simgan.bioimageio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} file format (numpy.lib.format), versions 1 to 3: a magic string, a header dictionary with
 * the element type, memory order and shape, then the elements in C order. Written as version 1.0 with the header
 * padded so the data starts at a multiple of 64 bytes, as NumPy itself writes it.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** An n-dimensional array: its bioimage.io data type name (uint8, float32, ...), shape and values as doubles. */
    public record Array(String dtype, long[] shape, double[] values) {
        public Array {
            long n = 1;
            for (long d : shape) {
                if (d < 0) throw new IllegalArgumentException("negative array dimension in " + Arrays.toString(shape));
                n *= d;
            }
            if (n != values.length) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
        }

        public long size() {
            return values.length;
        }
    }

    private Npy() {
    }

    /** The .npy bytes of {@code a}, its values converted to its dtype (they must fit it). */
    public static byte[] write(Array a) {
        Type t = Type.of(a.dtype());
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < a.shape().length; i++) shape.append(a.shape()[i]).append(i == 0 && a.shape().length == 1 ? "," : i + 1 < a.shape().length ? ", " : "");
        shape.append(')');
        String dict = "{'descr': '" + t.descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer data = ByteBuffer.allocate(a.values().length * t.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a.values()) t.put(data, v);
        ByteArrayOutputStream out = new ByteArrayOutputStream(unpadded + padding + data.capacity());
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads .npy bytes; {@code what} names the file in error messages. */
    public static Array read(byte[] bytes, String what) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) throw new IllegalArgumentException(what + " is not a NumPy .npy file");
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength, start;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new IllegalArgumentException(what + " is cut short");
            headerLength = b.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException(what + " is .npy format version " + major + ", which is not known here (1 to 3 are)");
        }
        if (headerLength < 0 || start + headerLength > bytes.length) throw new IllegalArgumentException(what + " has a header longer than the file");
        String header = new String(bytes, start, headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) throw new IllegalArgumentException(what + " has a .npy header that cannot be read: " + header.trim());
        if (o.group(1).equals("True")) throw new IllegalArgumentException(what + " is stored in Fortran order; save it in C order (numpy.ascontiguousarray)");
        String descr = d.group(1);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Type t = Type.ofDescr(descr.substring(1), what);
        String[] dims = s.group(1).split(",");
        long[] shape = Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long x : shape) n *= x;
        int dataStart = start + headerLength;
        if (n * t.bytes != bytes.length - dataStart) {
            throw new IllegalArgumentException(what + " should hold " + n + " values of " + t.name + " (shape " + Arrays.toString(shape) + ") but has "
                    + (bytes.length - dataStart) + " bytes of data");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        double[] values = new double[(int) n];
        for (int i = 0; i < n; i++) values[i] = t.get(data);
        return new Array(t.name, shape, values);
    }

    /** The element types: their bioimage.io name, .npy descr without byte order, and size. */
    private enum Type {
        UINT8("uint8", "u1", 1), INT8("int8", "i1", 1), UINT16("uint16", "u2", 2), INT16("int16", "i2", 2), UINT32("uint32", "u4", 4),
        INT32("int32", "i4", 4), UINT64("uint64", "u8", 8), INT64("int64", "i8", 8), FLOAT32("float32", "f4", 4), FLOAT64("float64", "f8", 8),
        BOOL("bool", "b1", 1);

        final String name, descr;
        final int bytes;

        Type(String name, String descr, int bytes) {
            this.name = name;
            this.descr = (bytes == 1 ? "|" : "<") + descr;
            this.bytes = bytes;
        }

        static Type of(String name) {
            for (Type t : values()) if (t.name.equals(name)) return t;
            throw new IllegalArgumentException("unknown array type '" + name + "'");
        }

        static Type ofDescr(String descr, String what) {
            for (Type t : values()) if (t.descr.substring(1).equals(descr)) return t;
            throw new IllegalArgumentException(what + " holds elements of NumPy type '" + descr + "'; numbers (integers, float32, float64) are needed");
        }

        void put(ByteBuffer b, double v) {
            if (this != FLOAT32 && this != FLOAT64) {
                double lo = switch (this) {
                    case INT8 -> Byte.MIN_VALUE;
                    case INT16 -> Short.MIN_VALUE;
                    case INT32 -> Integer.MIN_VALUE;
                    case INT64 -> Long.MIN_VALUE;
                    default -> 0;
                };
                double hi = switch (this) {
                    case UINT8 -> 255;
                    case INT8 -> Byte.MAX_VALUE;
                    case UINT16 -> 65535;
                    case INT16 -> Short.MAX_VALUE;
                    case UINT32 -> 4294967295.0;
                    case INT32 -> Integer.MAX_VALUE;
                    case BOOL -> 1;
                    default -> Long.MAX_VALUE;
                };
                if (v != Math.rint(v) || v < lo || v > hi) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s does not fit %s", v, name));
                }
            }
            switch (this) {
                case UINT8, INT8, BOOL -> b.put((byte) (long) v);
                case UINT16, INT16 -> b.putShort((short) (long) v);
                case UINT32, INT32 -> b.putInt((int) (long) v);
                case UINT64, INT64 -> b.putLong((long) v);
                case FLOAT32 -> b.putFloat((float) v);
                case FLOAT64 -> b.putDouble(v);
            }
        }

        double get(ByteBuffer b) {
            return switch (this) {
                case UINT8, BOOL -> b.get() & 0xff;
                case INT8 -> b.get();
                case UINT16 -> b.getShort() & 0xffff;
                case INT16 -> b.getShort();
                case UINT32 -> b.getInt() & 0xffffffffL;
                case INT32 -> b.getInt();
                case UINT64, INT64 -> b.getLong();
                case FLOAT32 -> b.getFloat();
                case FLOAT64 -> b.getDouble();
            };
        }
    }
}
