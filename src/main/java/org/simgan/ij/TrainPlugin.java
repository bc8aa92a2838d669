package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.DatasetIo;
import org.simgan.data.io.ImageStacks;
import org.simgan.data.io.ReadOptions;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.train.TrainSettings;
import org.simgan.train.TrainingRun;

/**
 * Plugins > SimGAN > Train SimGAN: trains a refiner on a synthetic and a real stack (each an open image's title or a
 * file), writing checkpoints, losses.csv, previews and refiner.onnx into the output folder. Runs on its own thread;
 * from the menu the command returns at once, from a macro the macro waits for the end. Esc or the preview window's
 * Stop button stops at the next step and saves; {@code resume} continues the run saved in the output folder. The
 * trained refiner becomes the loaded one. Macro options: {@code synthetic=... real=... output=FOLDER [resume]
 * device=cpu|cuda preset=recommended|paper} (the preset gives the settings left out) and every training setting by its lower-case name ({@code batch=32 lambda=0.01 iterations=10000
 * ...}).
 */
public class TrainPlugin implements PlugIn {
    static final String COMMAND = "Train SimGAN";

    @Override
    public void run(String arg) {
        Commands.run(COMMAND, () -> {
            Options o = Options.of(COMMAND);
            // the preset gives every setting a macro leaves out; in the dialog, choosing one fills in its settings
            TrainSettings base = preset(o.macroValue("preset", "recommended"));
            Map<String, String> defaults = base.toMap();
            o.message("synthetic, real: the title of an open stack, or a file (HDF5, TIFF) or folder of images;\n"
                            + "preset: recommended (default) or paper (the SimGAN paper's settings) fills in the settings below")
                    .file("synthetic", "").file("real", "").folder("output", "").checkbox("resume", false)
                    .choice("device", new String[] {"cpu", "cuda"}, "cpu")
                    .choice("preset", new String[] {"recommended", "paper"}, "recommended")
                    .fillOnChoice("preset", name -> macroKeys(preset(name).toMap()));
            for (Map.Entry<String, String> e : defaults.entrySet()) {
                if (e.getKey().equals("optimizer")) o.choice("optimizer", new String[] {"adam", "sgd"}, e.getValue());
                else o.string(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
            }
            if (!o.read()) return;
            String syntheticName = o.nextString();
            String realName = o.nextString();
            String output = o.nextString();
            boolean resume = o.nextBoolean();
            Device device = Device.parse(o.nextString());
            base = preset(o.nextString());
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : defaults.keySet()) values.put(key, o.nextString());
            if (output.isEmpty()) throw new UserError("give the output folder for the run (output=...)");
            TrainSettings settings = TrainSettings.fromMap(values, base);
            Path out = Path.of(output);
            if (resume && !Files.exists(out.resolve(org.simgan.train.Checkpoint.FILE_NAME))) {
                throw new UserError(out + " holds no training run to resume: untick resume to start one there");
            }
            // the same checks as the command line's, before any image is read: a refused command changes nothing
            TrainingRun.Sources sources = new TrainingRun.Sources(file(syntheticName), file(realName), List.of(), Map.of());
            if (resume) TrainingRun.checkRunFolder(out, sources.inputs());
            else TrainingRun.checkNewRunFolder(out, sources.inputs());
            EyeDataset synthetic = dataset(syntheticName, "synthetic");
            EyeDataset real = dataset(realName, "real");
            Engine engine = new Engine(device, 0);
            ImageJListener listener = new ImageJListener("SimGAN", !Commands.noWindows());
            boolean wait = o.fromMacro() || Commands.noWindows();
            Throwable[] failure = new Throwable[1];
            Thread worker = new Thread(() -> {
                try {
                    TrainingRun.Outcome outcome = resume ? TrainingRun.resume(synthetic, real, out, sources, settings, engine, listener)
                            : TrainingRun.start(settings, synthetic, real, out, sources, engine, listener);
                    var model = CurrentRefiner.load(out.resolve(TrainingRun.REFINER_FILE), device);
                    IJ.log(COMMAND + ": " + outcome.name().toLowerCase(Locale.ROOT) + "; the loaded refiner is now " + LoadRefinerPlugin.describe(model));
                    IJ.showStatus("SimGAN training " + outcome.name().toLowerCase(Locale.ROOT));
                } catch (Throwable e) {
                    if (wait) failure[0] = e;
                    else Commands.fail(COMMAND, message(e));
                } finally {
                    IJ.showProgress(1.0);
                }
            }, "SimGAN training");
            worker.start();
            if (!wait) return;
            worker.join();
            if (failure[0] instanceof Exception e) throw e;
            if (failure[0] instanceof Error e) throw e;
        });
    }

    private static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) return Commands.outOfMemory();
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }

    /** The file {@code name} names when it is not the title of an open image, else null. */
    static Path file(String name) {
        if (name.isEmpty() || WindowManager.getImage(name) != null) return null;
        Path p = Path.of(name);
        return Files.exists(p) ? p : null;
    }

    /** An open image with this title (copied; the image is not changed), else a file or folder. */
    static EyeDataset dataset(String name, String what) throws IOException {
        if (name.isEmpty()) throw new UserError("give the " + what + " images (" + what + "=TITLE of an open stack, or a file)");
        ImagePlus imp = WindowManager.getImage(name);
        if (imp != null) return ImageStacks.fromImagePlus(imp);
        Path p = Path.of(name);
        if (!Files.exists(p)) {
            throw new UserError("the " + what + " images '" + name + "' are neither an open image nor an existing file: open the stack or give its path");
        }
        return DatasetIo.read(p, ReadOptions.defaults().withHdf5DatasetOption(
                "Plugins > SimGAN > Open Eye Dataset (hdf5_images=PATH), then give the open stack's title here"));
    }

    private static TrainSettings preset(String name) {
        try {
            return TrainSettings.preset(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("'preset' must be recommended or paper; got '" + name + "'");
        }
    }

    /** Settings by their macro keys (the names in lower case). */
    private static Map<String, String> macroKeys(Map<String, String> settings) {
        Map<String, String> m = new LinkedHashMap<>();
        settings.forEach((k, v) -> m.put(k.toLowerCase(Locale.ROOT), v));
        return m;
    }
}
