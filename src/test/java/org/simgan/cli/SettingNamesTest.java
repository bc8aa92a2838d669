package org.simgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simgan.data.io.DatasetIo;
import org.simgan.refine.RefinerModel;
import org.simgan.runtime.Engine;
import org.simgan.train.Checkpoint;
import org.simgan.train.TrainSettings;

/**
 * One spelling per training setting: {@code train --help}, the macro keys in docs/imagej.md, the checkpoint and the
 * model metadata all name every setting as {@link TrainSettings#SCHEMA} does, and nothing else.
 */
class SettingNamesTest {

    @Test
    void helpDocsCheckpointAndMetadataUseTheSchemasNames(@TempDir Path dir) throws Exception {
        List<String> names = TrainSettings.SCHEMA.names();
        assertEquals(TrainSettings.class.getRecordComponents().length, names.size(), "one setting per record component");

        // 1. train --help: one "--NAME" option line per setting
        String help = stdout("train", "--help");
        Set<String> inHelp = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+--([a-z0-9-]+) ").matcher(help);
        while (m.find()) inHelp.add(m.group(1));
        for (String n : names) assertTrue(inHelp.contains(n), "train --help lists --" + n + ":\n" + help);

        // 2. docs/imagej.md: the Train SimGAN row gives every setting as a macro key NAME=value
        String row = Files.readAllLines(Path.of("docs", "imagej.md")).stream().filter(l -> l.startsWith("| Train SimGAN |")).findFirst().orElseThrow();
        Set<String> inDocs = new LinkedHashSet<>();
        Matcher k = Pattern.compile("(?<=[\\s`(])([a-z][a-z0-9-]*)=").matcher(row);
        while (k.find()) inDocs.add(k.group(1));
        for (String n : names) assertTrue(inDocs.contains(n), "docs/imagej.md gives the macro key " + n + "=");
        Set<String> front = Set.of("synthetic", "real", "output", "device", "preset");
        for (String key : inDocs) assertTrue(names.contains(key) || front.contains(key), "docs/imagej.md names a key no command has: " + key);

        // 3 and 4: a run's checkpoint and its refiner's metadata
        Path syn = dir.resolve("syn.tif"), real = dir.resolve("real.tif"), run = dir.resolve("run");
        DatasetIo.write(CommandLineTest.images(8, 1, true), syn);
        DatasetIo.write(CommandLineTest.images(8, 2, false), real);
        assertEquals(0, Main.run(new String[] {"train", "--synthetic", syn.toString(), "--real", real.toString(), "--out", run.toString(),
                "--batch", "4", "--features", "4", "--blocks", "1", "--disc-width", "16", "--history-size", "8", "--refiner-pretrain", "1",
                "--disc-pretrain", "1", "--iterations", "1", "--threads", "1", "--width", "16", "--height", "12", "--log-every", "0",
                "--disc-padding", "zero", "--preview-every", "0"}));
        Properties checkpoint = checkpointProperties(run.resolve(Checkpoint.FILE_NAME));
        assertEquals(names, withPrefix(checkpoint.stringPropertyNames(), "settings."), "checkpoint settings");
        try (RefinerModel model = new RefinerModel(run.resolve("refiner.onnx"), new Engine(org.simgan.runtime.Device.CPU, 1))) {
            Map<String, String> meta = model.metadata();
            assertEquals(names, withPrefix(meta.keySet(), "simgan.train."), "model metadata settings");
            assertEquals("8", meta.get("simgan.train.history-size"));
        }
        assertEquals("8", checkpoint.getProperty("settings.history-size"));
    }

    @Test
    void earlierSpellingsAreStillReadButNeverWritten() {
        TrainSettings s = TrainSettings.fromMap(Map.of("historySize", "64", "kg", "3", "disc-lr", "0.0005"), TrainSettings.paper());
        assertEquals(64, s.historySize());
        assertEquals(3, s.kG());
        assertEquals(5e-4, s.discLr());
        assertTrue(s.toMap().containsKey("history-size") && !s.toMap().containsKey("historySize"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("histroy-size", "64"), TrainSettings.paper()));
        assertTrue(e.getMessage().contains("unknown setting 'histroy-size'") && e.getMessage().contains("history-size"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("history-size", "many"), TrainSettings.paper()));
        assertTrue(e.getMessage().contains("'history-size' needs a whole number"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainSettings.fromMap(Map.of("history-size", "64", "historySize", "32"), TrainSettings.paper()));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
    }

    /** The names after {@code prefix}, in the schema's order (so the comparison also checks there are no others). */
    private static List<String> withPrefix(Set<String> keys, String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : TrainSettings.SCHEMA.names()) if (keys.contains(prefix + n)) out.add(n);
        for (String key : keys) {
            if (key.startsWith(prefix) && !TrainSettings.SCHEMA.names().contains(key.substring(prefix.length()))) out.add(key.substring(prefix.length()));
        }
        return out;
    }

    private static Properties checkpointProperties(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("checkpoint.properties")) {
                    Properties p = new Properties();
                    p.load(zip);
                    return p;
                }
            }
        }
        throw new AssertionError("no checkpoint.properties in " + file);
    }

    private static String stdout(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Main.run(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
