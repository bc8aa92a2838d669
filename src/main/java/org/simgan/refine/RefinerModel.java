package org.simgan.refine;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.progress.Listener;
import org.simgan.runtime.Engine;
import org.simgan.runtime.EngineException;
import org.simgan.runtime.GraphSession;
import org.simgan.runtime.TensorStore;

/**
 * A trained refiner, kept open to refine many stacks: a plain ONNX file, or a bioimage.io model package (a .zip or a
 * folder, see {@link PackagedRefiner}) whose ONNX weights it runs with the package's pre- and postprocessing. The
 * network must take one float input of shape [N, 1, H, W] and give one output of the same shape. Stored pixels become
 * network input and network output becomes pixels by {@link PixelProcessing}: for a plain refiner each image is scaled
 * to [-1, 1] by its bit depth and back, so the refined stack has its source's bit depth; a package's description
 * says which pixels it takes and which it gives. Labels are carried over unchanged; the source is never modified.
 * The model runs as an {@link ImageModel}: its file is read once and opened in ONNX Runtime once.
 */
public final class RefinerModel implements AutoCloseable {
    private final Path file;
    private final ImageModel model;
    /** The package's processing and name, or null for a plain ONNX refiner. */
    private final PixelProcessing packaged;
    private final String packageName;

    public RefinerModel(Path file, Engine engine) throws IOException {
        this.file = file;
        ModelProto proto;
        if (org.simgan.bioimageio.ModelPackage.isPackage(file)) {
            PackagedRefiner p = PackagedRefiner.read(file);
            proto = p.onnx();
            this.packaged = p.processing();
            this.packageName = p.name();
        } else {
            this.packaged = null;
            this.packageName = null;
            proto = ImageModel.read(file, "no refiner model at " + file + ": give the .onnx file a training run wrote (refiner.onnx) or a bioimage.io package",
                    "give the refiner.onnx a training run wrote");
        }
        List<ImageModel.Port> in = ImageModel.inputs(proto), out = ImageModel.outputs(proto);
        if (in.size() != 1 || out.size() != 1) {
            throw new IOException(file + " has " + in.size() + " inputs and " + out.size() + " outputs; a refiner has one image input and one image output");
        }
        long[] shape = in.get(0).shape(), outShape = out.get(0).shape();
        if (shape.length != 4 || shape[1] != 1 || shape[2] <= 0 || shape[3] <= 0) {
            throw new IOException(file + " takes input of shape " + Arrays.toString(shape) + "; a refiner takes [N, 1, height, width] grayscale images");
        }
        if (!in.get(0).isFloat()) throw new IOException(file + " takes " + in.get(0).typeName() + " input; a refiner takes float32 images");
        if (outShape.length != 4 || !fits(outShape[1], 1) || !fits(outShape[2], shape[2]) || !fits(outShape[3], shape[3])) {
            throw new IOException(file + " gives output of shape " + Arrays.toString(outShape) + "; a refiner returns images of its input's shape");
        }
        try {
            this.model = new ImageModel("refiner " + file.getFileName(), proto, engine);
        } catch (EngineException e) {
            throw new IOException(file + " could not be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static boolean fits(long dim, long want) {
        return dim < 0 || dim == want;
    }

    public int height() {
        return model.height();
    }

    public int width() {
        return model.width();
    }

    public Path file() {
        return file;
    }

    /** One line for logs: the file, the package name when there is one, the image size and the steps trained. */
    public String describe() {
        String steps = metadata().get("simgan.trained_steps");
        return file() + " (" + (packageName() == null ? "" : "bioimage.io model '" + packageName() + "', ") + "images " + width() + "x" + height()
                + (steps == null ? "" : ", trained " + steps + " steps") + ")";
    }

    /** The model's metadata in the file's order (training settings, normalization), empty for a model made elsewhere. */
    public Map<String, String> metadata() {
        return model.metadata();
    }

    /** The bioimage.io package's name when the refiner was loaded from one, else null. */
    public String packageName() {
        return packageName;
    }

    /** How images of {@code bitDepth} are processed: the package's processing, or the refiner's own for that bit depth. */
    public PixelProcessing processing(int bitDepth) {
        if (packaged == null) return PixelProcessing.forImages(metadata(), bitDepth);
        if (!packaged.accepts(bitDepth)) {
            throw new IllegalArgumentException("the bioimage.io model " + packageName + " takes " + packaged.inputType() + " images but these are "
                    + (bitDepth == 32 ? "32-bit float" : bitDepth + "-bit") + ": convert them first (in ImageJ: Image > Type)");
        }
        return packaged;
    }

    /**
     * Refined images, {@code batch} at a time (or the model's own batch size when it fixes one), with the source's
     * labels; the bit depth is the source's for a plain refiner, the one a package's output type gives for a package.
     */
    public EyeDataset refine(EyeDataset source, int batch, Listener listener) {
        model.requireSize(source, "the refiner " + file.getFileName());
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        PixelProcessing p = processing(source.bitDepth());
        int size = width() * height(), in = model.fixedBatch();
        float[][] out = new float[source.size()][];
        model.run(source, ImageModel.all(source.size()), batch, p::preprocess, "the images to refine", "refining", listener, (from, count, y) -> {
            int fed = (in > 0 ? in : count) * size;
            if (y.length != fed) {
                throw new IllegalStateException("the refiner " + file.getFileName() + " returned " + y.length + " values for " + fed
                        + " input values: its output is not the size of its input");
            }
            for (int i = 0; i < count; i++) {
                float[] px = new float[size];
                for (int j = 0; j < size; j++) px[j] = p.postprocess(y[i * size + j]);
                out[from + i] = px;
            }
        });
        return new EyeDataset(width(), height(), p.outputBitDepth(), out, source.labels().toArray(new org.simgan.data.SliceLabel[0]));
    }

    /** The metadata key of the preprocessing the refiner applies inside its graph before its convolutions. */
    public static final String KEY_PREPROCESS = "simgan.train.preprocess";

    /** The in-graph preprocessing this refiner applies first ({@code none} or {@code equalize}), from its metadata. */
    public String preprocessing() {
        return metadata().getOrDefault(KEY_PREPROCESS, "none");
    }

    /**
     * The images as the refiner's convolutions receive them: {@code source} itself, or histogram-equalised when the
     * refiner equalises its input ({@link org.simgan.nn.Equalization}); in the source's pixel units. This is the
     * baseline a refined image is compared with for what the network itself changed.
     */
    public EyeDataset prepared(EyeDataset source, Engine engine) {
        if (!preprocessing().equals(org.simgan.nn.Equalization.NAME)) return source;
        PixelProcessing p = processing(source.bitDepth());
        org.simgan.graph.Graph g = new org.simgan.graph.Graph();
        g.output("prepared", org.simgan.nn.Equalization.apply(g.input("x", -1, 1, source.height(), source.width())));
        int size = width() * height(), chunk = 256;
        int[] all = ImageModel.all(source.size());
        float[][] out = new float[source.size()][];
        try (TensorStore none = new TensorStore(); GraphSession eq = new GraphSession("equalize", engine, g, none, true)) {
            for (int from = 0; from < source.size(); from += chunk) {
                int count = Math.min(chunk, source.size() - from);
                float[] y = eq.run(Map.of("x", ImageModel.batch(source, all, from, count, p::preprocess, "the images to equalise"))).get("prepared");
                for (int i = 0; i < count; i++) {
                    float[] px = new float[size];
                    for (int j = 0; j < size; j++) px[j] = p.postprocess(y[i * size + j]);
                    out[from + i] = px;
                }
            }
        }
        return new EyeDataset(width(), height(), p.outputBitDepth(), out, source.labels().toArray(new org.simgan.data.SliceLabel[0]));
    }

    @Override
    public void close() {
        model.close();
    }
}
