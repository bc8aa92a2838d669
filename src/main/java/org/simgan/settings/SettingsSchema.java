package org.simgan.settings;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one description of a settings record: for each of its components, in declaration order, the setting's name,
 * type, choices and help. Every front end renders from it (command-line options {@code --NAME}, ImageJ dialog fields
 * and macro keys {@code NAME=}, {@code --help}) and every file that stores settings writes it (checkpoints, model
 * metadata), so a setting has one spelling everywhere: the record component's name in lower case with dashes between
 * its words ({@code historySize} is {@code history-size}). Values are written as text and read back through the
 * record's canonical constructor, which checks them (ranges, choices, and how settings depend on each other); the
 * schema only checks that numbers are numbers.
 *
 * <p>Names written by earlier versions (the component name itself, {@code historySize}, and the ImageJ macro key
 * of earlier versions, {@code historysize}) are still read, so old checkpoints, models and macros keep working; they
 * are never written.
 *
 * @param <R> the settings record
 */
public final class SettingsSchema<R extends Record> {
    /** The kinds of value a setting holds. */
    public enum Type { INT, LONG, DOUBLE, CHOICE, TEXT }

    /**
     * One setting.
     *
     * @param name    its one spelling (lower case, words joined by dashes)
     * @param type    what its value is
     * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
     * @param help    one line for {@code --help}, the dialog and the docs
     */
    public record Setting(String name, Type type, List<String> choices, String help) {
        public Setting {
            choices = List.copyOf(choices);
        }

        /** "N", "X" or the choices joined by '|': the placeholder of a usage line. */
        public String placeholder() {
            return switch (type) {
                case INT, LONG -> "N";
                case DOUBLE -> "X";
                case CHOICE -> String.join("|", choices);
                case TEXT -> "TEXT";
            };
        }
    }

    private final Class<R> type;
    private final List<Setting> settings;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    private final Map<String, Integer> byName = new LinkedHashMap<>();

    private SettingsSchema(Class<R> type, List<Setting> settings) {
        this.type = type;
        this.settings = List.copyOf(settings);
        this.components = type.getRecordComponents();
        if (components.length != settings.size()) {
            throw new IllegalStateException(type.getSimpleName() + " has " + components.length + " components, its schema describes " + settings.size());
        }
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Setting s = settings.get(i);
            String expected = name(components[i].getName());
            if (!s.name().equals(expected)) {
                throw new IllegalStateException(type.getSimpleName() + " component " + i + " is " + components[i].getName() + ", so its setting is "
                        + expected + ", not " + s.name());
            }
            Class<?> t = components[i].getType();
            boolean fits = switch (s.type()) {
                case INT -> t == int.class;
                case LONG -> t == long.class;
                case DOUBLE -> t == double.class;
                case CHOICE, TEXT -> t == String.class;
            };
            if (!fits) throw new IllegalStateException(s.name() + " is described as " + s.type() + " but is a " + t.getSimpleName());
            types[i] = t;
            byName.put(s.name(), i);
            byName.putIfAbsent(components[i].getName(), i);
            byName.putIfAbsent(components[i].getName().toLowerCase(Locale.ROOT), i);
        }
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The setting name of a record component: {@code historySize} gives {@code history-size}, {@code kG} {@code k-g}. */
    public static String name(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Starts the schema of {@code type}; add one setting per component, in declaration order. */
    public static <R extends Record> Builder<R> of(Class<R> type) {
        return new Builder<>(type);
    }

    /** The settings, in the record's declaration order. */
    public List<Setting> settings() {
        return settings;
    }

    /** The names, in order. */
    public List<String> names() {
        return settings.stream().map(Setting::name).toList();
    }

    /** The spellings of {@code s} that earlier versions wrote (read, never written): e.g. historySize, historysize. */
    public List<String> earlierSpellings(Setting s) {
        List<String> out = new ArrayList<>();
        byName.forEach((name, i) -> {
            if (settings.get(i).equals(s) && !name.equals(s.name())) out.add(name);
        });
        return out;
    }

    /** Every value of {@code r} as text, by setting name, in order (a new map the caller may change). */
    public Map<String, String> toMap(R r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            Object v;
            try {
                v = components[i].getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            m.put(settings.get(i).name(), v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(v));
        }
        return m;
    }

    /**
     * The settings {@code values} gives (by name, or by an earlier spelling), the others as in {@code base}.
     *
     * @throws IllegalArgumentException for an unknown name or a number that is not one (the message names the
     *                                  setting), or whatever the record's constructor refuses
     */
    public R fromMap(Map<String, String> values, R base) {
        String[] text = toMap(base).values().toArray(new String[0]);
        boolean[] given = new boolean[text.length];
        for (Map.Entry<String, String> e : values.entrySet()) {
            Integer i = byName.get(e.getKey());
            if (i == null) throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; the settings are " + String.join(", ", names()));
            if (given[i]) throw new IllegalArgumentException("setting '" + settings.get(i).name() + "' is given twice");
            given[i] = true;
            text[i] = e.getValue() == null ? "" : e.getValue().trim();
        }
        Object[] args = new Object[text.length];
        for (int i = 0; i < text.length; i++) args[i] = parse(settings.get(i), text[i]);
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(Setting s, String v) {
        try {
            return switch (s.type()) {
                case INT -> Integer.parseInt(v);
                case LONG -> Long.parseLong(v);
                case DOUBLE -> Double.parseDouble(v);
                case CHOICE, TEXT -> v; // the record's constructor checks the words (with its own, more specific messages)
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + s.name() + "' needs " + (s.type() == Type.DOUBLE ? "a number" : "a whole number")
                    + ", got '" + v + "'");
        }
    }

    /** One line per setting, {@code --name PLACEHOLDER  help (default value)}, as in a command's usage text. */
    public String usage(R defaults) {
        Map<String, String> d = toMap(defaults);
        StringBuilder b = new StringBuilder();
        for (Setting s : settings) {
            String option = "--" + s.name() + " " + s.placeholder();
            b.append(String.format(Locale.ROOT, "  %-28s %s (default %s)%n", option, s.help(), d.get(s.name())));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "settings of " + type.getSimpleName() + ": " + String.join(", ", names());
    }

    /** Collects the settings of a schema. */
    public static final class Builder<R extends Record> {
        private final Class<R> type;
        private final List<Setting> settings = new ArrayList<>();

        private Builder(Class<R> type) {
            this.type = type;
        }

        public Builder<R> integer(String name, String help) {
            return add(new Setting(name, Type.INT, List.of(), help));
        }

        public Builder<R> longInteger(String name, String help) {
            return add(new Setting(name, Type.LONG, List.of(), help));
        }

        public Builder<R> number(String name, String help) {
            return add(new Setting(name, Type.DOUBLE, List.of(), help));
        }

        public Builder<R> choice(String name, String help, String... choices) {
            return add(new Setting(name, Type.CHOICE, List.of(choices), help));
        }

        public Builder<R> text(String name, String help) {
            return add(new Setting(name, Type.TEXT, List.of(), help));
        }

        private Builder<R> add(Setting s) {
            settings.add(s);
            return this;
        }

        /**
         * The schema.
         *
         * @throws IllegalStateException when the settings do not match the record's components one to one, in order,
         *                               by name and type
         */
        public SettingsSchema<R> build() {
            return new SettingsSchema<>(type, settings);
        }
    }
}
