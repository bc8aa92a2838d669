package org.simgan.bioimageio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A bioimage.io model package as this project reads it: a zip file or a folder with the description ({@value #RDF}
 * or {@code bioimageio.yaml}) at its root and the files it names beside it. Only what a model runner needs is
 * interpreted: the input and output tensors (axes, data type, pre/postprocessing, test tensors) and the ONNX weights;
 * everything else stays available as the parsed description. Files are read when asked for and checked against the
 * sha256 the description gives. Nothing is downloaded: a file given by URL is an error.
 */
public final class ModelPackage {
    /** The description's name in packages this project writes. */
    public static final String RDF = "rdf.yaml";
    private static final List<String> DESCRIPTION_NAMES = List.of(RDF, "bioimageio.yaml");

    /** One axis of a tensor; {@code size} is a Long (fixed), or a Map (parameterized or a reference), or null. */
    public record Axis(String type, String id, Object size, List<String> channelNames) {
        /** The fixed size, or -1 when the size is a rule, a reference or free (batch). */
        public long fixedSize() {
            if (type.equals("channel")) return channelNames.size();
            return size instanceof Long l ? l : -1;
        }

        public String describe() {
            String s = type.equals("channel") ? Integer.toString(channelNames.size())
                    : size == null ? "any" : size instanceof Map<?, ?> m ? describeRule(m) : size.toString();
            return id + " (" + type + ", " + s + ")";
        }

        private static String describeRule(Map<?, ?> m) {
            if (m.containsKey("min")) return "min " + m.get("min") + " step " + m.get("step");
            if (m.containsKey("tensor_id")) return "size of " + m.get("tensor_id") + "." + m.get("axis_id") + (m.get("offset") == null ? "" : " + " + m.get("offset"));
            return m.toString();
        }
    }

    /** An input or output tensor: processing is its preprocessing (inputs) or postprocessing (outputs). */
    public record Tensor(String id, List<Axis> axes, String dataType, List<ProcessingOp> processing, String testTensor, String testTensorSha256) {
        public String axisIds() {
            return String.join(", ", axes.stream().map(Axis::id).toList());
        }
    }

    private interface Entries {
        List<String> names() throws IOException;

        byte[] read(String name) throws IOException;
    }

    private final Path path;
    private final Entries files;
    private final String prefix;
    private final String descriptionName;
    private final Map<String, Object> description;

    private ModelPackage(Path path, Entries files, String prefix, String descriptionName, Map<String, Object> description) {
        this.path = path;
        this.files = files;
        this.prefix = prefix;
        this.descriptionName = descriptionName;
        this.description = description;
    }

    /** True for a folder, or a file that is a zip archive (by its first bytes) or named *.zip. */
    public static boolean isPackage(Path p) {
        if (Files.isDirectory(p)) return true;
        if (p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) return true;
        if (!Files.isRegularFile(p)) return false;
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a package and parses its description.
     *
     * @throws IOException with a message naming what is missing or malformed
     */
    public static ModelPackage open(Path p) throws IOException {
        Entries files = Files.isDirectory(p) ? folder(p) : zip(p);
        List<String> names = files.names();
        String found = null, prefix = "";
        for (String n : DESCRIPTION_NAMES) {
            if (names.contains(n)) {
                found = n;
                break;
            }
        }
        if (found == null) {
            // a zip made from the package's folder holds everything under that folder's name
            for (String n : names) {
                int slash = n.indexOf('/');
                if (slash > 0 && slash == n.lastIndexOf('/') && DESCRIPTION_NAMES.contains(n.substring(slash + 1))) {
                    found = n.substring(slash + 1);
                    prefix = n.substring(0, slash + 1);
                    break;
                }
            }
        }
        if (found == null) {
            throw new IOException(p + " is not a bioimage.io model package: it has no " + RDF + " (or bioimageio.yaml) at its root");
        }
        Object doc;
        try {
            doc = Yaml.parse(new String(files.read(prefix + found), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(p + ": " + found + " is not YAML this project can read (" + e.getMessage() + ")");
        }
        if (!(doc instanceof Map<?, ?> m)) throw new IOException(p + ": " + found + " is not a description (a YAML mapping at the top)");
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m;
        ModelPackage pkg = new ModelPackage(p, files, prefix, found, d);
        Object type = d.get("type");
        if (!"model".equals(type)) {
            throw new IOException(p + " describes a bioimage.io " + (type == null ? "resource without a type" : "'" + type + "'") + ", not a model");
        }
        String version = String.valueOf(d.get("format_version"));
        if (!version.startsWith("0.5.")) {
            throw new IOException(p + " is a bioimage.io model of format " + version + "; this project reads format 0.5 (convert older "
                    + "descriptions with bioimageio.spec, for example 'bioimageio update-format')");
        }
        return pkg;
    }

    private static Entries folder(Path root) {
        return new Entries() {
            public List<String> names() throws IOException {
                try (Stream<Path> s = Files.walk(root, 3)) {
                    return s.filter(Files::isRegularFile).map(f -> root.relativize(f).toString().replace('\\', '/')).toList();
                }
            }

            public byte[] read(String name) throws IOException {
                Path f = root.resolve(name).normalize();
                if (!f.startsWith(root.normalize())) throw new IOException("the file " + name + " lies outside the package folder " + root);
                return Files.readAllBytes(f);
            }
        };
    }

    private static Entries zip(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no bioimage.io package at " + file + ": give its .zip file or folder");
        try (ZipFile z = new ZipFile(file.toFile())) {
            z.size();
        } catch (IOException e) {
            throw new IOException(file + " is not a readable zip file (" + e.getMessage() + "): give a bioimage.io model package (.zip or folder)");
        }
        return new Entries() {
            public List<String> names() throws IOException {
                try (ZipFile z = new ZipFile(file.toFile())) {
                    return z.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName).toList();
                }
            }

            public byte[] read(String name) throws IOException {
                try (ZipFile z = new ZipFile(file.toFile())) {
                    ZipEntry e = z.getEntry(name);
                    if (e == null) throw new IOException(file + " names " + name + " but does not hold it");
                    try (InputStream in = z.getInputStream(e)) {
                        return in.readAllBytes();
                    }
                }
            }
        };
    }

    public Path path() {
        return path;
    }

    /** The parsed description. */
    public Map<String, Object> description() {
        return description;
    }

    public String name() {
        Object n = description.get("name");
        return n == null ? path.getFileName().toString() : n.toString();
    }

    public List<Tensor> inputs() throws IOException {
        return tensors("inputs", "preprocessing");
    }

    public List<Tensor> outputs() throws IOException {
        return tensors("outputs", "postprocessing");
    }

    private List<Tensor> tensors(String field, String processingField) throws IOException {
        Object v = description.get(field);
        if (!(v instanceof List<?> list) || list.isEmpty()) throw new IOException(where() + " has no " + field);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> t)) throw new IOException(where() + ": " + at + " is not a tensor description");
            String id = t.get("id") == null ? (field.equals("inputs") ? "input" : "output") : t.get("id").toString();
            Object axesValue = t.get("axes");
            if (!(axesValue instanceof List<?> axesList) || axesList.isEmpty()) throw new IOException(where() + ": " + at + " has no axes");
            List<Axis> axes = new ArrayList<>();
            for (int a = 0; a < axesList.size(); a++) {
                if (!(axesList.get(a) instanceof Map<?, ?> ax)) throw new IOException(where() + ": " + at + ".axes[" + a + "] is not an axis description");
                String type = String.valueOf(ax.get("type"));
                String axisId = ax.get("id") != null ? ax.get("id").toString() : switch (type) {
                    case "batch" -> "batch";
                    case "channel" -> "channel";
                    case "index" -> "index";
                    case "time" -> "time";
                    default -> "x";
                };
                List<String> channels = List.of();
                if (type.equals("channel")) {
                    if (!(ax.get("channel_names") instanceof List<?> names) || names.isEmpty()) {
                        throw new IOException(where() + ": " + at + ".axes[" + a + "] is a channel axis without channel_names");
                    }
                    channels = names.stream().map(String::valueOf).toList();
                }
                axes.add(new Axis(type, axisId, ax.get("size"), channels));
            }
            String dtype = dataType(t.get("data"), at);
            List<ProcessingOp> ops = new ArrayList<>();
            Object proc = t.get(processingField);
            if (proc != null) {
                if (!(proc instanceof List<?> pl)) throw new IOException(where() + ": " + at + "." + processingField + " is not a list");
                for (int k = 0; k < pl.size(); k++) {
                    try {
                        ops.add(ProcessingOp.parse(pl.get(k), at + "." + processingField + "[" + k + "]"));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(where() + ": " + e.getMessage());
                    }
                }
            }
            String test = null, sha = null;
            if (t.get("test_tensor") instanceof Map<?, ?> tt) {
                test = tt.get("source") == null ? null : tt.get("source").toString();
                sha = tt.get("sha256") == null ? null : tt.get("sha256").toString();
            }
            out.add(new Tensor(id, List.copyOf(axes), dtype, List.copyOf(ops), test, sha));
        }
        return out;
    }

    private String dataType(Object data, String at) throws IOException {
        if (data == null) return "float32";
        if (data instanceof List<?> perChannel) {
            if (perChannel.isEmpty()) throw new IOException(where() + ": " + at + ".data is an empty list");
            data = perChannel.get(0);
        }
        if (!(data instanceof Map<?, ?> m)) throw new IOException(where() + ": " + at + ".data is not a data description");
        Object type = m.get("type");
        String t = type == null ? (m.containsKey("values") ? "uint8" : "float32") : type.toString();
        if (!ProcessingOp.Types.known(t)) throw new IOException(where() + ": " + at + ".data.type '" + t + "' is not a bioimage.io data type");
        return t;
    }

    /** The ONNX weights' bytes (checked against their sha256) and their entry of the description. */
    public byte[] onnxWeights() throws IOException {
        Object w = description.get("weights");
        if (!(w instanceof Map<?, ?> weights) || weights.isEmpty()) throw new IOException(where() + " has no weights");
        Object onnx = weights.get("onnx");
        if (!(onnx instanceof Map<?, ?> o)) {
            List<String> formats = new ArrayList<>();
            weights.forEach((k, v) -> {
                if (v != null) formats.add(k.toString());
            });
            throw new IOException(where() + " has no ONNX weights (it has " + String.join(", ", formats)
                    + "); this project runs ONNX models only: convert the weights to ONNX (for example with bioimageio.core) and add them");
        }
        Object source = o.get("source");
        if (source == null) throw new IOException(where() + ": weights.onnx has no source");
        if (o.get("external_data") != null) {
            throw new IOException(where() + ": weights.onnx keeps its tensors in an external data file, which this project does not read");
        }
        return file(source.toString(), o.get("sha256") == null ? null : o.get("sha256").toString());
    }

    /** A file of the package by its source in the description, checked against {@code sha256} when given. */
    public byte[] file(String source, String sha256) throws IOException {
        if (source.contains("://")) {
            throw new IOException(where() + " refers to " + source + " by URL; this project downloads nothing: put the file in the package");
        }
        String name = source.startsWith("./") ? source.substring(2) : source;
        if (!files.names().contains(prefix + name)) throw new IOException(where() + " names the file " + source + " but the package does not hold it");
        byte[] bytes = files.read(prefix + name);
        if (sha256 != null && !sha256.equalsIgnoreCase(sha256(bytes))) {
            throw new IOException(where() + ": the file " + source + " does not have the sha256 the description gives (damaged or replaced?)");
        }
        return bytes;
    }

    /** "PACKAGE (rdf.yaml)" for messages. */
    public String where() {
        return path + " (" + prefix + descriptionName + ")";
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** A copy of the description's {@code config} section, empty when there is none. */
    public Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (description.get("config") instanceof Map<?, ?> c) c.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
