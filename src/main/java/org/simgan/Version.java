package org.simgan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project's version, as Maven stamped it into the jar. */
public final class Version {
    public static final String VERSION = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
