package org.simgan.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} or {@code --flag}, plus positional words.
 * Every option a command reads is marked as used; {@link #checkAllUsed()} then rejects typos.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> used = new LinkedHashSet<>();
    /** Options given without a value ({@code --iterations} at the end, or followed by another option). */
    private final Set<String> bare = new LinkedHashSet<>();

    public Args(String[] words) {
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.startsWith("--") && w.length() > 2) {
                String key = w.substring(2);
                String value = null;
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                } else if (i + 1 < words.length && !words[i + 1].startsWith("--")) {
                    value = words[++i];
                }
                if (value == null) bare.add(key);
                else bare.remove(key);
                options.put(key, value == null ? "true" : value);
            } else {
                positional.add(w);
            }
        }
    }

    public List<String> positional() {
        return positional;
    }

    public boolean has(String key) {
        used.add(key);
        return options.containsKey(key);
    }

    public boolean flag(String key) {
        used.add(key);
        String v = options.get(key);
        return v != null && !v.equalsIgnoreCase("false");
    }

    /** The option's value, or {@code def} when it is not given; an option given without a value is a usage error. */
    public String string(String key, String def) {
        used.add(key);
        if (bare.contains(key)) throw new UsageException("--" + key + " needs a value: give it as --" + key + " VALUE");
        return options.getOrDefault(key, def);
    }

    public String required(String key) {
        used.add(key);
        String v = options.get(key);
        if (v == null) throw new UsageException("missing option --" + key);
        if (bare.contains(key)) throw new UsageException("--" + key + " needs a value: give it as --" + key + " VALUE");
        return v;
    }

    public Path path(String key) {
        return Path.of(required(key));
    }

    public int integer(String key, int def) {
        String v = numberText(key, "a whole number");
        if (v == null) return def;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " needs a whole number, got '" + v + "'");
        }
    }

    public long longValue(String key, long def) {
        String v = numberText(key, "a whole number");
        if (v == null) return def;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " needs a whole number, got '" + v + "'");
        }
    }

    /** A whole number of at least {@code min}, or {@code def} when the option is not given. */
    public long atLeast(String key, long min, long def) {
        long v = longValue(key, def);
        if (has(key) && v < min) throw new UsageException("--" + key + " must be at least " + min + ", got " + v);
        return v;
    }

    public double number(String key, double def) {
        String v = numberText(key, "a number");
        if (v == null) return def;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " needs a number, got '" + v + "'");
        }
    }

    private String numberText(String key, String kind) {
        used.add(key);
        if (bare.contains(key)) throw new UsageException("--" + key + " needs " + kind + ": give it as --" + key + " N");
        return options.get(key);
    }

    /** Throws a {@link UsageException} naming every option that no part of the command read. */
    public void checkAllUsed() {
        List<String> unknown = new ArrayList<>();
        for (String k : options.keySet()) {
            if (!used.contains(k)) unknown.add("--" + k);
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s): " + String.join(", ", unknown));
        }
    }

    /** A mistake in how the command was called: the message is shown with the usage text. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
