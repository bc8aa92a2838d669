package org.simgan.runtime;

/** Where ONNX Runtime runs the graphs. */
public enum Device {
    CPU, CUDA;

    public static Device parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "cpu" -> CPU;
            case "cuda", "gpu" -> CUDA;
            default -> throw new IllegalArgumentException("unknown device '" + s + "': use cpu or cuda");
        };
    }
}
