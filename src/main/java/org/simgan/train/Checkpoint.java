package org.simgan.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.simgan.Version;
import org.simgan.io.AtomicFile;
import org.simgan.nn.ParamSet;

/**
 * A training run's whole state in one file (a zip archive): {@code checkpoint.properties} with the settings, step
 * counters and random generator state; {@code tensors.bin} with both networks' parameters and optimizer state;
 * {@code history.bin} with the history buffer. Written atomically; every entry is CRC-checked on reading.
 */
public final class Checkpoint {
    public static final String FILE_NAME = "checkpoint.simgan";
    private static final String FORMAT = "simgan-checkpoint-1";

    private Checkpoint() {
    }

    public static void save(Trainer.State state, Path file) throws IOException {
        AtomicFile.write(file, raw -> {
            ZipOutputStream zip = new ZipOutputStream(raw);
            Properties p = new Properties();
            p.setProperty("format", FORMAT);
            p.setProperty("version", Version.VERSION);
            p.setProperty("step", Long.toString(state.step()));
            p.setProperty("refinerUpdates", Long.toString(state.refinerUpdates()));
            p.setProperty("discUpdates", Long.toString(state.discUpdates()));
            p.setProperty("rngState", Long.toString(state.rngState()));
            p.setProperty("historyFill", Integer.toString(state.historyFill()));
            state.settings().toMap().forEach((k, v) -> p.setProperty("settings." + k, v));
            zip.putNextEntry(new ZipEntry("checkpoint.properties"));
            p.store(zip, "SimGAN training checkpoint");
            zip.closeEntry();

            zip.putNextEntry(new ZipEntry("tensors.bin"));
            DataOutputStream out = new DataOutputStream(zip);
            out.writeInt(state.tensors().size());
            for (Map.Entry<String, ParamSet.Tensor> e : state.tensors().entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = e.getValue().shape();
                out.writeInt(shape.length);
                for (long d : shape) out.writeLong(d);
                writeFloats(out, e.getValue().data());
            }
            out.flush();
            zip.closeEntry();

            zip.putNextEntry(new ZipEntry("history.bin"));
            writeFloats(out, state.history());
            out.flush();
            zip.closeEntry();
            zip.finish();
        });
    }

    private static void writeFloats(DataOutputStream out, float[] data) throws IOException {
        out.writeInt(data.length);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(data.length * 4);
        b.asFloatBuffer().put(data);
        out.write(b.array());
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("negative length");
        byte[] bytes = new byte[Math.multiplyExact(n, 4)];
        in.readFully(bytes);
        float[] f = new float[n];
        java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(f);
        return f;
    }

    /**
     * The settings of a checkpoint, read from its first entry alone (the parameters are not read): what a front end
     * needs before a resume, which then reads the whole checkpoint once. A file that is not a readable checkpoint
     * gives the IOException of {@link #load}.
     */
    public static TrainSettings settings(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e = zip.getNextEntry();
            if (e != null && e.getName().equals("checkpoint.properties")) {
                Properties p = new Properties();
                p.load(zip);
                if (FORMAT.equals(p.getProperty("format"))) return TrainSettings.fromMap(settingsOf(p), TrainSettings.paper());
            }
        } catch (IOException | IllegalArgumentException e) {
            // the full read below names what is wrong
        }
        return load(file).settings();
    }

    private static Map<String, String> settingsOf(Properties p) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) if (k.startsWith("settings.")) settings.put(k.substring(9), p.getProperty(k));
        return settings;
    }

    /** Reads a checkpoint; a missing, truncated or corrupt file gives an IOException that says which and what to do. */
    public static Trainer.State load(Path file) throws IOException {
        Properties p = null;
        Map<String, ParamSet.Tensor> tensors = null;
        float[] history = null;
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                DataInputStream in = new DataInputStream(zip);
                switch (e.getName()) {
                    case "checkpoint.properties" -> {
                        p = new Properties();
                        p.load(zip);
                    }
                    case "tensors.bin" -> {
                        tensors = new LinkedHashMap<>();
                        int count = in.readInt();
                        for (int i = 0; i < count; i++) {
                            String name = in.readUTF();
                            long[] shape = new long[in.readInt()];
                            for (int k = 0; k < shape.length; k++) shape[k] = in.readLong();
                            tensors.put(name, new ParamSet.Tensor(shape, readFloats(in)));
                        }
                    }
                    case "history.bin" -> history = readFloats(in);
                    default -> {
                    }
                }
                // reading to the end of each entry makes the zip stream check its CRC
                in.skipBytes(Integer.MAX_VALUE);
                zip.closeEntry();
            }
        } catch (NoSuchFileException e) {
            throw new IOException("no checkpoint at " + file + ": give the output folder of an earlier run, which holds " + FILE_NAME);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IOException("cannot read the checkpoint " + file + ": permission denied; check its permissions");
        } catch (IOException | IllegalArgumentException e) {
            // ZipException, EOFException, UTFDataFormatException ("malformed input around byte 3"), ...
            throw unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        if (p == null || tensors == null || history == null) throw unreadable(file, "entries are missing");
        if (!FORMAT.equals(p.getProperty("format"))) throw unreadable(file, "unknown format '" + p.getProperty("format") + "'");
        Map<String, String> settings = settingsOf(p);
        try {
            return new Trainer.State(TrainSettings.fromMap(settings, TrainSettings.paper()), Long.parseLong(p.getProperty("step")),
                    Long.parseLong(p.getProperty("refinerUpdates")), Long.parseLong(p.getProperty("discUpdates")),
                    Long.parseLong(p.getProperty("rngState")), tensors, historyFill(p), history);
        } catch (RuntimeException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    /** How full the history buffer was; checkpoints written before the settings schema call it historySize. */
    private static int historyFill(Properties p) {
        return Integer.parseInt(p.getProperty("historyFill", p.getProperty("historySize")));
    }

    private static IOException unreadable(Path file, String why) {
        return new IOException("the checkpoint " + file + " is unreadable or truncated (" + why + "); "
                + "use an earlier checkpoint or start the run again");
    }
}
