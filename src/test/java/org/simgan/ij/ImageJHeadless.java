package org.simgan.ij;

import ij.IJ;
import ij.Menus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ImageJ 1.x without a display, with the commands of the repository's plugins.config in its command table, so that
 * macros call them by menu label as they do in ImageJ. (Headless ImageJ cannot build its menus, so the table is
 * installed directly.) Macro output and error lines go to standard output there; {@link #run} captures them.
 */
final class ImageJHeadless {
    private static final Pattern LINE = Pattern.compile("^\\s*([^,#][^,]*),\\s*\"([^\"]+)\",\\s*(\\S+)\\s*$");

    private ImageJHeadless() {
    }

    /** Installs every plugins.config command; returns how many. */
    @SuppressWarnings("unchecked")
    static synchronized int install() throws Exception {
        Hashtable<String, String> table = Menus.getCommands();
        if (table == null) {
            var f = Menus.class.getDeclaredField("pluginsTable");
            f.setAccessible(true);
            table = new Hashtable<>();
            f.set(null, table);
        }
        int n = 0;
        for (String line : Files.readAllLines(Path.of("plugins.config"))) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                table.put(m.group(2), m.group(3));
                n++;
            }
        }
        return n;
    }

    /** What a macro printed (log lines, errors), and whether it ran to its end. */
    record Result(String output, boolean aborted) {
    }

    /** Runs a macro file with an argument, capturing what it prints. */
    static Result runFile(Path macro, String argument) throws IOException {
        return capture(() -> IJ.runMacroFile(macro.toString(), argument));
    }

    /** Runs macro code, capturing what it prints. A macro that ran to its end prints "MACRO-END" last. */
    static Result run(String code) {
        return capture(() -> IJ.runMacro(code + "\nprint(\"MACRO-END\");\n"));
    }

    private static synchronized Result capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                buf.write(b);
                old.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buf.write(b, off, len);
                old.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        return new Result(out, !out.contains("MACRO-END"));
    }
}
