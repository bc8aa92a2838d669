package org.simgan.refine;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.simgan.data.EyeDataset;
import org.simgan.progress.Listener;
import org.simgan.progress.Stopped;
import org.simgan.runtime.Engine;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * An ONNX model over grayscale images, the one type the refiner ({@link RefinerModel}) and the gaze estimator
 * ({@code org.simgan.eval.GazeModel}) run as: one float input [N, 1, H, W] of a fixed image size and one output,
 * opened in ONNX Runtime once. What the model takes and gives is read from its graph ({@link #inputs}, {@link
 * #outputs}), so no session is opened only to look at it; each model type checks that signature in its own words
 * before opening.
 *
 * <p>{@link #batch} is the one place images become network input, for these models and for the networks the
 * evaluation trains (the two-sample classifier, the gaze estimator): stored pixels mapped one by one ({@link
 * org.simgan.data.Normalization#toModel(float)} for networks trained here, a refiner's {@link PixelProcessing} for
 * refiners), NaN and infinite pixels refused ({@link EyeDataset#requireFinite(String, int)}).
 */
public final class ImageModel implements AutoCloseable {

    /** How one stored pixel becomes network input. */
    @FunctionalInterface
    public interface PixelMap {
        float apply(float stored);
    }

    /** Receives the output of one run: images {@code from .. from+count-1} of the run's list, {@code output} for them (and any padding). */
    @FunctionalInterface
    public interface Outputs {
        void accept(int from, int count, float[] output);
    }

    /**
     * A tensor a graph takes or gives, as its graph declares it.
     *
     * @param type  the ONNX element type, null when the graph declares no tensor type
     * @param shape the dimensions, -1 for one without a fixed size; empty when the graph declares no shape
     */
    public record Port(String name, TensorProto.DataType type, long[] shape) {
        public boolean isFloat() {
            return type == TensorProto.DataType.FLOAT;
        }

        /** The element type's name ({@code FLOAT}, {@code DOUBLE}, ...), for messages. */
        public String typeName() {
            return type == null ? "untyped" : type.name();
        }
    }

    private final String name;
    private final ModelProto proto;
    private final Map<String, String> metadata;
    private final String inputName;
    private final int height, width, fixedBatch;
    private final TensorStore store = new TensorStore();
    private final GraphSession session;

    /**
     * Opens {@code proto}, which must have one input [N, 1, H, W] (N open or fixed, H and W fixed) and one output:
     * callers check this first with their own message ({@link #inputs}, {@link #outputs}).
     *
     * @param name names the model in messages and its ONNX Runtime session
     * @throws IllegalArgumentException when the graph does not have that signature
     * @throws org.simgan.runtime.EngineException when ONNX Runtime cannot load the model
     */
    public ImageModel(String name, ModelProto proto, Engine engine) {
        List<Port> in = inputs(proto);
        if (in.size() != 1 || outputs(proto).size() != 1) throw new IllegalArgumentException(name + " does not have one input and one output");
        long[] shape = in.get(0).shape();
        if (shape.length != 4 || shape[1] != 1 || shape[2] <= 0 || shape[3] <= 0) {
            throw new IllegalArgumentException(name + " does not take [N, 1, height, width] images");
        }
        this.name = name;
        this.proto = proto;
        this.inputName = in.get(0).name();
        this.height = (int) shape[2];
        this.width = (int) shape[3];
        this.fixedBatch = shape[0] > 0 ? (int) shape[0] : 0;
        Map<String, String> meta = new LinkedHashMap<>();
        for (StringStringEntryProto e : proto.getMetadataPropsList()) meta.put(e.getKey(), e.getValue());
        this.metadata = Collections.unmodifiableMap(meta);
        try {
            this.session = new GraphSession(name, engine, proto, store, true);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The model in {@code file}.
     *
     * @param missing   the message's end when there is no such file (what to give instead)
     * @param notAModel the message's end when the file is not an ONNX model with a graph
     */
    public static ModelProto read(Path file, String missing, String notAModel) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(missing);
        }
        try {
            ModelProto proto = ModelProto.parseFrom(bytes);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) throw new IOException("it holds no graph");
            return proto;
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not an ONNX model (" + e.getMessage() + "): " + notAModel);
        }
    }

    /** The graph's inputs that are not initializers: the tensors a caller feeds, as ONNX Runtime lists them. */
    public static List<Port> inputs(ModelProto proto) {
        Set<String> initializers = new HashSet<>();
        proto.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<Port> out = new ArrayList<>();
        for (ValueInfoProto v : proto.getGraph().getInputList()) if (!initializers.contains(v.getName())) out.add(port(v));
        return out;
    }

    /** The graph's outputs. */
    public static List<Port> outputs(ModelProto proto) {
        List<Port> out = new ArrayList<>();
        for (ValueInfoProto v : proto.getGraph().getOutputList()) out.add(port(v));
        return out;
    }

    private static Port port(ValueInfoProto v) {
        if (!v.getType().hasTensorType()) return new Port(v.getName(), null, new long[0]);
        var t = v.getType().getTensorType();
        TensorProto.DataType type = TensorProto.DataType.forNumber(t.getElemType());
        var dims = t.getShape().getDimList();
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
        return new Port(v.getName(), type, shape);
    }

    public String name() {
        return name;
    }

    public ModelProto proto() {
        return proto;
    }

    /** The model's metadata in the file's order (training settings, normalization), empty for a model made elsewhere. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Images per ONNX Runtime call when the model fixes its batch size, else 0. */
    public int fixedBatch() {
        return fixedBatch;
    }

    /**
     * Refuses images of another size than the model's.
     *
     * @param what the model in the message, for example {@code the gaze estimator}
     */
    public void requireSize(EyeDataset ds, String what) {
        if (ds.width() != width || ds.height() != height) {
            throw new IllegalArgumentException("the images are " + ds.width() + "x" + ds.height() + " but " + what + " takes " + width + "x" + height
                    + ": resize them first");
        }
    }

    /**
     * Runs the model over images {@code idx} of {@code ds}, in that order, {@code batch} at a time (or the model's
     * fixed batch size, the last batch padded), and hands each run's output to {@code outputs}. Before each run the
     * listener may stop the work ({@link Stopped}); after it, progress is reported in images.
     *
     * @param images   the images in messages (for example {@code the images to refine})
     * @param activity the work, for the stop message
     */
    public void run(EyeDataset ds, int[] idx, int batch, PixelMap pixels, String images, String activity, Listener listener, Outputs outputs) {
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        int step = fixedBatch > 0 ? fixedBatch : batch, size = width * height;
        for (int from = 0; from < idx.length; from += step) {
            Stopped.check(listener, activity);
            int count = Math.min(step, idx.length - from);
            float[] in = new float[(fixedBatch > 0 ? fixedBatch : count) * size];
            batch(ds, idx, from, count, pixels, images, in, 0);
            outputs.accept(from, count, session.run(Map.of(inputName, in)).values().iterator().next());
            listener.progress(from + count, idx.length);
        }
    }

    /**
     * Images {@code idx[from .. from+count-1]} of {@code ds} as network input, one after the other into {@code out}
     * from {@code offset}, each pixel through {@code pixels}.
     *
     * @param images the images in the message about a NaN or infinite pixel
     * @throws IllegalArgumentException at the first image with a NaN or infinite pixel
     */
    public static void batch(EyeDataset ds, int[] idx, int from, int count, PixelMap pixels, String images, float[] out, int offset) {
        int size = ds.width() * ds.height();
        for (int i = 0; i < count; i++) {
            int image = idx[from + i], at = offset + i * size;
            ds.requireFinite(images, image);
            ds.copyPixels(image, out, at);
            for (int j = at; j < at + size; j++) out[j] = pixels.apply(out[j]);
        }
    }

    /** {@link #batch(EyeDataset, int[], int, int, PixelMap, String, float[], int)} into a new array. */
    public static float[] batch(EyeDataset ds, int[] idx, int from, int count, PixelMap pixels, String images) {
        float[] out = new float[count * ds.width() * ds.height()];
        batch(ds, idx, from, count, pixels, images, out, 0);
        return out;
    }

    /** 0, 1, ..., n-1: every image in order. */
    public static int[] all(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    @Override
    public void close() {
        session.close();
        store.close();
    }
}
