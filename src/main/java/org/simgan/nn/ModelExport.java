package org.simgan.nn;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.simgan.Version;
import org.simgan.io.AtomicFile;
import org.simgan.graph.Graph;
import org.simgan.graph.Value;

/**
 * A trained network as a standalone ONNX model: weights as initializers, opset {@value Graph#OPSET}, one input
 * {@value #INPUT} of shape [N, 1, H, W] with a symbolic batch, one output named by the network, and metadata
 * saying what it is. Any ONNX Runtime loads it without this project's code.
 */
public final class ModelExport {
    public static final String INPUT = "image";

    /** Metadata keys every exported model carries. */
    public static final String KEY_NETWORK = "simgan.network", KEY_HEIGHT = "simgan.height", KEY_WIDTH = "simgan.width",
            KEY_NORMALIZATION = "simgan.normalization", KEY_VERSION = "simgan.version", KEY_ARCHITECTURE = "simgan.architecture";

    private ModelExport() {
    }

    /** The inference graph of {@code net} with {@code params} baked in. */
    public static Graph inferenceGraph(Network net, ParamSet params, long batch) {
        Graph g = new Graph();
        Value x = g.input(INPUT, batch, 1, net.height(), net.width());
        g.output(net.outputName(), net.forward(ParamBinder.asConstants(params), x));
        return g;
    }

    /**
     * The standalone model. {@code extra} metadata (normalization, training settings) is added after the keys
     * this method sets itself.
     */
    public static ModelProto model(Network net, ParamSet params, Map<String, String> extra) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY_NETWORK, net.name());
        meta.put(KEY_ARCHITECTURE, net.toString());
        meta.put(KEY_HEIGHT, Integer.toString(net.height()));
        meta.put(KEY_WIDTH, Integer.toString(net.width()));
        meta.put(KEY_VERSION, Version.VERSION);
        meta.putAll(extra);
        return inferenceGraph(net, params, -1).toModel("simgan_" + net.name(), meta);
    }

    /** Writes a model atomically: to a temporary file beside the target, then renamed over it. */
    public static void save(ModelProto model, Path file) throws IOException {
        AtomicFile.write(file, model::writeTo);
    }
}
