package org.simgan.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model written from a graph does not depend on the order its ops' attributes were given in. */
class ModelBytesTest {

    private static Graph graph() {
        Graph g = new Graph();
        Value x = g.input("x", 1, 1, 6, 6);
        Value w = g.input("w", 2, 1, 3, 3);
        g.output("y", g.maxPool(g.conv(x, w, null, 1, 1), 2, 2, 0)[0]);
        return g;
    }

    @Test
    void attributesAreWrittenInNameOrderSoTheSameGraphGivesTheSameBytes() {
        ModelProto m = graph().toModel("g", Map.of());
        for (NodeProto n : m.getGraph().getNodeList()) {
            List<String> names = n.getAttributeList().stream().map(AttributeProto::getName).toList();
            assertEquals(names.stream().sorted().toList(), names, n.getOpType() + "'s attributes");
        }
        assertEquals(List.of("kernel_shape", "pads", "strides"),
                m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).findFirst().orElseThrow()
                        .getAttributeList().stream().map(AttributeProto::getName).toList());
        assertArrayEquals(m.toByteArray(), graph().toModel("g", Map.of()).toByteArray());
    }
}
