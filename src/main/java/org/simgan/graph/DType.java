package org.simgan.graph;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;

/** Element types the graphs use: float for all network math, int64 for shapes and pool indices, bool for masks. */
public enum DType {
    FLOAT(DataType.FLOAT), INT64(DataType.INT64), BOOL(DataType.BOOL);

    final DataType onnx;

    DType(DataType onnx) {
        this.onnx = onnx;
    }
}
