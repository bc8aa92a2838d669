package org.simgan.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.EnumSet;
import org.simgan.graph.Graph;

/**
 * ONNX Runtime as this project uses it: one environment, sessions made with a chosen device and thread count.
 * CPU is the default; CUDA needs the GPU build of ONNX Runtime ({@code onnxruntime_gpu}) on the class path and a
 * GPU, and asking for it without them is an error that says so.
 */
public final class Engine {
    /**
     * The stack size of the threads this project runs ONNX Runtime on (commands, the ImageJ training thread, Spark
     * partitions). On threads with Java's default 1 MB stack, ONNX Runtime crashed the JVM (SIGSEGV, no error report)
     * while building training sessions when the class path was long, and while loading on Spark task threads.
     */
    public static final long THREAD_STACK_BYTES = 256L << 20;

    private static volatile Integer channelBlock;

    private final Device device;
    private final int threads;
    private final boolean blockedLayout;

    /**
     * @param threads intra-op threads for CPU work; 0 means ONNX Runtime's default (all cores)
     */
    public Engine(Device device, int threads) {
        this(device, threads, true);
    }

    /**
     * @param blockedLayout on CPU, run graphs' convolutions in ONNX Runtime's blocked channel layout where the CPU
     *                      supports it ({@link NchwcLayout}); false runs every graph as built
     */
    public Engine(Device device, int threads, boolean blockedLayout) {
        if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all cores) or more, got " + threads);
        this.device = device;
        this.threads = threads;
        this.blockedLayout = blockedLayout;
        if (device == Device.CUDA) checkCudaAvailable();
    }

    /**
     * The channel block of ONNX Runtime's NCHWc kernels on this CPU (8 with AVX2, 16 with AVX-512), or 0 where it
     * has none. Found once, by asking a one-op graph how far it pads four channels.
     */
    public static int channelBlock() {
        Integer b = channelBlock;
        if (b == null) {
            b = probeChannelBlock();
            channelBlock = b;
        }
        return b;
    }

    private static int probeChannelBlock() {
        Graph g = NchwcLayout.channelBlockProbe();
        try (SessionOptions o = new SessionOptions()) {
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            try (OrtSession s = environment().createSession(g.toModel("probe", java.util.Map.of()).toByteArray(), o);
                 OnnxTensor t = OnnxTensor.createTensor(environment(), java.nio.FloatBuffer.wrap(new float[4]), new long[] {1, 4, 1, 1});
                 OrtSession.Result r = s.run(java.util.Map.of("x", t))) {
                long c = ((OnnxTensor) r.get(0)).getInfo().getShape()[1];
                return c >= 8 && Long.bitCount(c) == 1 ? (int) c : 0;
            }
        } catch (OrtException | RuntimeException e) {
            return 0; // a build or CPU without the blocked kernels: plain layout
        }
    }

    /**
     * The model this engine runs for a graph: on CPU with the blocked layout available, the graph rewritten by
     * {@link NchwcLayout}; otherwise the graph as built.
     */
    public ModelProto model(Graph g, String name) {
        int b = device == Device.CPU && blockedLayout ? channelBlock() : 0;
        return (b > 0 ? NchwcLayout.apply(g, b) : g).toModel(name, java.util.Map.of());
    }

    /** CPU with ONNX Runtime's default thread count. */
    public static Engine cpu() {
        return new Engine(Device.CPU, 0);
    }

    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "simgan");
    }

    public Device device() {
        return device;
    }

    public int threads() {
        return threads;
    }

    /** A line for the log saying what runs the graphs. */
    public String describe() {
        return "ONNX Runtime " + environment().getVersion() + " on " + device
                + (device == Device.CPU ? " (" + (threads == 0 ? "default" : threads) + " threads)" : "");
    }

    static void checkCudaAvailable() {
        EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        if (!providers.contains(OrtProvider.CUDA)) {
            throw new EngineException("CUDA was asked for, but this ONNX Runtime build offers only " + providers
                    + ". Use the GPU build: rebuild with 'mvn -Pgpu package' (artifact onnxruntime_gpu) or put "
                    + "onnxruntime_gpu.jar in place of onnxruntime.jar, on a machine with an NVIDIA GPU, CUDA and cuDNN; "
                    + "or choose the CPU device.");
        }
    }

    /** Opens a session for a model. {@code fullOptimization} selects ONNX Runtime's ALL level, else EXTENDED. */
    public OrtSession open(byte[] model, boolean fullOptimization) {
        try (SessionOptions o = new SessionOptions()) {
            o.setOptimizationLevel(fullOptimization ? OptLevel.ALL_OPT : OptLevel.EXTENDED_OPT);
            o.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setInterOpNumThreads(1);
            if (threads > 0) o.setIntraOpNumThreads(threads);
            // Each session has its own threads. Spinning ones keep a core busy after their run, and a training step
            // runs three sessions in turn: without spinning a SimGAN iteration measured 10% faster, refining alone the same.
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            String profile = System.getenv("SIMGAN_ORT_PROFILE");
            if (profile != null && !profile.isBlank()) o.enableProfiling(profile); // per-op timings as JSON, for development
            if (device == Device.CUDA) {
                try {
                    o.addCUDA(0);
                } catch (OrtException e) {
                    throw new EngineException("CUDA could not be started (" + e.getMessage() + "): check the NVIDIA driver, "
                            + "CUDA and cuDNN versions that this ONNX Runtime build needs, or choose the CPU device", e);
                }
            }
            return environment().createSession(model, o);
        } catch (OrtException e) {
            throw new EngineException("ONNX Runtime could not load the model: " + e.getMessage(), e);
        }
    }

    public OrtSession open(ModelProto model, boolean fullOptimization) {
        return open(model.toByteArray(), fullOptimization);
    }
}
