package org.simgan.refine;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.simgan.bioimageio.ModelPackage;

/**
 * A bioimage.io model package read as a refiner: checked to be an image-to-image model of one channel (one input, one
 * output, axes batch, channel, y, x, one channel each, the output the input's size) with ONNX weights and a fixed image
 * size, and its pre- and postprocessing as {@link PixelProcessing}. What does not fit is an error naming it.
 */
record PackagedRefiner(ModelPackage pkg, ModelProto onnx, PixelProcessing processing, int height, int width, boolean batchOfOne) {

    static PackagedRefiner read(Path path) throws IOException {
        ModelPackage pkg = ModelPackage.open(path);
        String where = pkg.where();
        List<ModelPackage.Tensor> inputs = pkg.inputs(), outputs = pkg.outputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new IOException(where + " describes a model with " + inputs.size() + " inputs and " + outputs.size() + " outputs; a refiner is "
                    + "an image-to-image model with one input image and one output image");
        }
        ModelPackage.Tensor in = inputs.get(0), out = outputs.get(0);
        checkAxes(where, "input", in);
        checkAxes(where, "output", out);
        long h = in.axes().get(2).fixedSize(), w = in.axes().get(3).fixedSize();
        if (h <= 0 || w <= 0) {
            throw new IOException(where + ": the input '" + in.id() + "' takes images of sizes by a rule (" + in.axes().get(2).describe() + ", "
                    + in.axes().get(3).describe() + "); refiners here take one fixed image size, so only packages with fixed y and x sizes load");
        }
        for (int a = 2; a < 4; a++) {
            ModelPackage.Axis ax = out.axes().get(a);
            ModelPackage.Axis inAx = in.axes().get(a);
            boolean same = ax.fixedSize() == inAx.fixedSize()
                    || (ax.size() instanceof Map<?, ?> ref && in.id().equals(String.valueOf(ref.get("tensor_id")))
                    && inAx.id().equals(String.valueOf(ref.get("axis_id"))) && (ref.get("offset") == null || ((Number) ref.get("offset")).longValue() == 0));
            if (!same) {
                throw new IOException(where + ": the output axis " + ax.describe() + " is not the size of the input axis " + inAx.describe()
                        + "; a refiner returns images of its input's size");
            }
        }
        PixelProcessing processing = PixelProcessing.fromDescription(in.dataType(), in.processing(), out.processing(), out.dataType());
        byte[] bytes = pkg.onnxWeights();
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) throw new IOException("it holds no graph");
        } catch (IOException | RuntimeException e) {
            throw new IOException(where + ": its ONNX weights are not an ONNX model (" + e.getMessage() + ")");
        }
        boolean batchOfOne = Long.valueOf(1).equals(in.axes().get(0).size());
        return new PackagedRefiner(pkg, withImageSize(proto, (int) h, (int) w, where), processing, (int) h, (int) w, batchOfOne);
    }

    private static void checkAxes(String where, String what, ModelPackage.Tensor t) throws IOException {
        List<String> types = t.axes().stream().map(ModelPackage.Axis::type).toList();
        if (!types.equals(List.of("batch", "channel", "space", "space"))) {
            String found = String.join(", ", t.axes().stream().map(ModelPackage.Axis::describe).toList());
            String why = types.stream().filter(x -> x.equals("space")).count() == 3 ? " (a 3-D model)"
                    : !types.contains("channel") ? " (no channel axis)" : !types.contains("batch") ? " (no batch axis)"
                    : types.contains("time") || types.contains("index") ? " (time or index axes)" : " (another order)";
            throw new IOException(where + ": the " + what + " '" + t.id() + "' has axes " + found + why + "; a refiner takes and gives 2-D images "
                    + "with axes batch, channel, y, x in this order");
        }
        ModelPackage.Axis c = t.axes().get(1);
        if (c.channelNames().size() != 1) {
            throw new IOException(where + ": the " + what + " '" + t.id() + "' has " + c.channelNames().size() + " channels " + c.channelNames()
                    + "; a refiner here works on one channel (grayscale images)");
        }
    }

    /**
     * The model with its image input's (and output's) height and width fixed to the description's, where the ONNX file
     * leaves them open; a fixed ONNX size that differs from the description is an error.
     */
    private static ModelProto withImageSize(ModelProto proto, int h, int w, String where) throws IOException {
        Set<String> initializers = new HashSet<>();
        proto.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
        ModelProto.Builder b = proto.toBuilder();
        var g = b.getGraphBuilder();
        int inputs = 0;
        for (int i = 0; i < g.getInputCount(); i++) {
            if (initializers.contains(g.getInput(i).getName())) continue;
            inputs++;
            g.setInput(i, fixed(g.getInput(i), h, w, where, "input"));
        }
        if (inputs != 1 || g.getOutputCount() != 1) {
            throw new IOException(where + ": its ONNX weights have " + inputs + " inputs and " + g.getOutputCount() + " outputs; the description "
                    + "has one of each");
        }
        g.setOutput(0, fixed(g.getOutput(0), h, w, where, "output"));
        return b.build();
    }

    private static ValueInfoProto fixed(ValueInfoProto v, int h, int w, String where, String what) throws IOException {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) return v;
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        if (shape.getDimCount() != 4) {
            throw new IOException(where + ": its ONNX " + what + " '" + v.getName() + "' has " + shape.getDimCount() + " dimensions; the description "
                    + "gives four (batch, channel, y, x)");
        }
        TensorShapeProto.Builder s = shape.toBuilder();
        int[] want = {h, w};
        for (int d = 2; d < 4; d++) {
            TensorShapeProto.Dimension dim = shape.getDim(d);
            if (dim.hasDimValue()) {
                if (dim.getDimValue() != want[d - 2]) {
                    throw new IOException(where + ": its ONNX " + what + " '" + v.getName() + "' is " + (d == 2 ? "high " : "wide ") + dim.getDimValue()
                            + " but the description says " + want[d - 2]);
                }
            } else {
                s.setDim(d, TensorShapeProto.Dimension.newBuilder().setDimValue(want[d - 2]));
            }
        }
        ValueInfoProto.Builder out = v.toBuilder();
        out.getTypeBuilder().getTensorTypeBuilder().setShape(s);
        return out.build();
    }

    String name() {
        return pkg.name();
    }
}
