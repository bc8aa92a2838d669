package org.simgan.ij;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.simgan.data.EyeDataset;
import org.simgan.data.io.ImageStacks;
import org.simgan.runtime.Device;
import org.simgan.runtime.Engine;
import org.simgan.settings.SettingsSchema;
import org.simgan.train.TrainSettings;
import org.simgan.train.TrainingData;
import org.simgan.train.TrainingRun;

/**
 * Plugins > SimGAN > Train SimGAN: trains a refiner on a synthetic and a real stack (each an open image's title or a
 * file), writing checkpoints, losses.csv, previews and refiner.onnx into the output folder. Runs on its own thread;
 * from the menu the command returns at once, from a macro the macro waits for the end. Esc or the preview window's
 * Stop button stops at the next step and saves; {@code resume} continues the run saved in the output folder, on the
 * files it recorded unless others are given. The trained refiner becomes the loaded one. Macro options: {@code
 * synthetic=... real=... [labels=FILE.csv synthetic-dataset=PATH synthetic-labels=PATH real-dataset=PATH
 * resize=none|bilinear|area] output=FOLDER [resume] device=cpu|cuda preset=recommended|paper} (the data options are
 * the command line's; the preset gives the settings left out) and every training setting by its name in
 * {@link TrainSettings#SCHEMA}, as on the command line ({@code batch=32 lambda=0.1 history-size=3200 ...}).
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
            o.message("synthetic, real: the title of an open stack, or a file (HDF5, TIFF) or folder of images; with resume, left empty:\n"
                            + "the files the run recorded. labels: gaze labels (CSV) for a synthetic file; the HDF5 paths and resize apply to files.\n"
                            + "preset: recommended (default) or paper (the SimGAN paper's settings) fills in the settings below")
                    .file("synthetic", "").file("real", "").file("labels", "")
                    .string("synthetic-dataset", "").string("synthetic-labels", "").string("real-dataset", "")
                    .choice("resize", new String[] {"none", "bilinear", "area"}, "none")
                    .folder("output", "").checkbox("resume", false)
                    .choice("device", new String[] {"cpu", "cuda"}, "cpu")
                    .choice("preset", new String[] {"recommended", "paper"}, "recommended")
                    .fillOnChoice("preset", name -> preset(name).toMap());
            for (SettingsSchema.Setting setting : TrainSettings.SCHEMA.settings()) {
                String def = defaults.get(setting.name());
                if (setting.type() == SettingsSchema.Type.CHOICE) o.choice(setting.name(), setting.choices().toArray(new String[0]), def);
                else o.string(setting.name(), def);
                for (String earlier : TrainSettings.SCHEMA.earlierSpellings(setting)) o.alias(earlier.toLowerCase(Locale.ROOT), setting.name());
            }
            if (!o.read()) return;
            String syntheticName = o.nextString();
            String realName = o.nextString();
            Map<String, String> dataOptions = new LinkedHashMap<>();
            for (String k : TrainingData.NAMES) if (!k.equals("synthetic") && !k.equals("real")) dataOptions.put(k, o.nextString());
            if (dataOptions.get("resize").equals("none")) dataOptions.remove("resize");
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
            // images named by file are recorded in the run folder; open images (by title) are read from the window
            ImagePlus syntheticImage = WindowManager.getImage(syntheticName), realImage = WindowManager.getImage(realName);
            Map<String, String> given = new LinkedHashMap<>(dataOptions);
            if (syntheticImage == null) given.put("synthetic", syntheticName);
            if (realImage == null) given.put("real", realName);
            TrainingData data;
            try {
                data = resume ? TrainingData.recorded(out).with(given) : TrainingData.fromMap(given);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            if (syntheticImage != null && data.labels() != null) {
                throw new UserError("labels= gives labels for a synthetic file; the open stack '" + syntheticName + "' carries its own (slice labels)");
            }
            if ((syntheticImage == null && data.synthetic() == null) || (realImage == null && data.real() == null)) {
                throw new UserError(resume ? out + " does not record which files it trains on: give synthetic= and real="
                        : "give the synthetic and the real images (synthetic=TITLE_OR_FILE real=TITLE_OR_FILE)");
            }
            for (Path p : new Path[] {syntheticImage == null ? data.synthetic() : null, realImage == null ? data.real() : null}) {
                if (p != null && !Files.exists(p)) {
                    throw new UserError("the images '" + p + "' are neither an open image nor an existing file: open the stack or give its path");
                }
            }
            TrainingData recorded = new TrainingData(syntheticImage == null ? data.synthetic() : null, realImage == null ? data.real() : null,
                    data.labels(), data.syntheticDataset(), data.syntheticLabels(), data.realDataset(), data.resize());
            TrainingRun.Sources sources = recorded.sources();
            // the same checks as the command line's, before any image is read: a refused command changes nothing
            if (resume) TrainingRun.checkRunFolder(out, sources.inputs());
            else TrainingRun.checkNewRunFolder(out, sources.inputs());
            // images are read at the size of the run: a resumed run's own settings, else the given ones
            TrainSettings size = resume ? org.simgan.train.Checkpoint.settings(out.resolve(org.simgan.train.Checkpoint.FILE_NAME)) : settings;
            // a resumed run keeps its settings; those the user gave (every field of a dialog, the keys of a macro) that
            // differ from them are named in a note
            Map<String, String> givenValues = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                if (o.given(k)) givenValues.put(k, v);
            });
            TrainSettings givenSettings = resume ? TrainSettings.fromMap(givenValues, size) : settings;
            EyeDataset synthetic = syntheticImage != null ? ImageStacks.fromImagePlus(syntheticImage) : recorded.readSynthetic(size, k -> k + "=");
            EyeDataset real = realImage != null ? ImageStacks.fromImagePlus(realImage) : recorded.readReal(size, k -> k + "=");
            Engine engine = new Engine(device, 0);
            ImageJListener listener = new ImageJListener("SimGAN", !Commands.noWindows());
            boolean wait = o.fromMacro() || Commands.noWindows();
            Throwable[] failure = new Throwable[1];
            Thread worker = new Thread(null, () -> {
                try {
                    TrainingRun.Outcome outcome = resume ? TrainingRun.resume(synthetic, real, out, sources, givenSettings, engine, listener)
                            : TrainingRun.start(settings, synthetic, real, out, sources, engine, listener);
                    var model = CurrentRefiner.load(out.resolve(TrainingRun.REFINER_FILE), device);
                    IJ.log(COMMAND + ": " + outcome.name().toLowerCase(Locale.ROOT) + "; the loaded refiner is now " + model.describe());
                    IJ.showStatus("SimGAN training " + outcome.name().toLowerCase(Locale.ROOT));
                } catch (Throwable e) {
                    if (wait) failure[0] = e;
                    else Commands.fail(COMMAND, message(e));
                } finally {
                    IJ.showProgress(1.0);
                }
            }, "SimGAN training", Engine.THREAD_STACK_BYTES);
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

    private static TrainSettings preset(String name) {
        try {
            return TrainSettings.preset(name);
        } catch (IllegalArgumentException e) {
            throw new UserError("'preset' must be recommended or paper; got '" + name + "'");
        }
    }
}
