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
 * metadata, evaluation reports), so a setting has one spelling everywhere: the record component's name in lower case
 * with dashes between its words ({@code historySize} is {@code history-size}). Values are written as text and read
 * back through the record's canonical constructor, which checks them (ranges, choices, and how settings depend on
 * each other); the schema only checks that numbers are numbers. The defaults are a record of the type (for example
 * {@code defaults()}), rendered like any other.
 *
 * <p>A component may itself be a settings record with its own schema ({@link Builder#group}): its settings are
 * the outer record's too, named with the component's name in front, joined by a dash as an option ({@code c2st} and
 * {@code steps} give {@code --c2st-steps}, macro key {@code c2st-steps=}) and by a dot as a key in files ({@code
 * c2st.steps}), the way a checkpoint keys its settings {@code settings.history-size}.
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

    /** One component: a setting, or a group (a settings record of its own). */
    private record Part(String name, Setting setting, SettingsSchema<?> group) {
    }

    /** One setting of the flattened schema: as an option (its name says where it is), and its key in files. */
    private record Leaf(Setting option, String key) {
    }

    private final Class<R> type;
    private final List<Part> parts;
    private final List<Leaf> leaves = new ArrayList<>();
    private final List<Setting> settings;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    /** Every spelling read (option names, file keys, earlier spellings) to its leaf. */
    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final java.util.Set<String> current = new java.util.HashSet<>();

    private SettingsSchema(Class<R> type, List<Part> parts) {
        this.type = type;
        this.parts = List.copyOf(parts);
        this.components = type.getRecordComponents();
        if (components.length != parts.size()) {
            throw new IllegalStateException(type.getSimpleName() + " has " + components.length + " components, its schema describes " + parts.size());
        }
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Part part = parts.get(i);
            String expected = name(components[i].getName());
            if (!part.name().equals(expected)) {
                throw new IllegalStateException(type.getSimpleName() + " component " + i + " is " + components[i].getName() + ", so its setting is "
                        + expected + ", not " + part.name());
            }
            Class<?> t = components[i].getType();
            types[i] = t;
            if (part.group() != null) {
                if (t != part.group().type) throw new IllegalStateException(part.name() + " is described as " + part.group() + " but is a " + t.getSimpleName());
                for (Leaf l : part.group().leaves) {
                    Setting o = l.option();
                    add(new Leaf(new Setting(part.name() + "-" + o.name(), o.type(), o.choices(), o.help()), part.name() + "." + l.key()), List.of());
                }
                continue;
            }
            Setting s = part.setting();
            boolean fits = switch (s.type()) {
                case INT -> t == int.class;
                case LONG -> t == long.class;
                case DOUBLE -> t == double.class;
                case CHOICE, TEXT -> t == String.class;
            };
            if (!fits) throw new IllegalStateException(s.name() + " is described as " + s.type() + " but is a " + t.getSimpleName());
            add(new Leaf(s, s.name()), List.of(components[i].getName(), components[i].getName().toLowerCase(Locale.ROOT)));
        }
        this.settings = leaves.stream().map(Leaf::option).toList();
        try {
            this.constructor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(Leaf leaf, List<String> earlier) {
        int i = leaves.size();
        leaves.add(leaf);
        for (String spelling : new String[] {leaf.option().name(), leaf.key()}) {
            Integer other = byName.get(spelling);
            if (other != null && other != i && current.contains(spelling)) {
                throw new IllegalStateException(type.getSimpleName() + ": '" + spelling + "' names both " + leaves.get(other).option().name() + " and "
                        + leaf.option().name());
            }
            byName.put(spelling, i); // a name of today wins over another setting's earlier spelling
            current.add(spelling);
        }
        for (String e : earlier) byName.putIfAbsent(e, i);
    }

    /** The setting name of a record component: {@code historySize} gives {@code history-size}, {@code kG} {@code k-g}. */
    public static String name(String component) {
        return component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Starts the schema of {@code type}; add one setting per component, in declaration order. */
    public static <R extends Record> Builder<R> of(Class<R> type) {
        return new Builder<>(type);
    }

    /**
     * The settings, in the record's declaration order, those of a group in its place; each named as an option (a
     * group's with the group's name in front: {@code c2st-steps}).
     */
    public List<Setting> settings() {
        return settings;
    }

    /** The settings' names, as options, in order. */
    public List<String> names() {
        return settings.stream().map(Setting::name).toList();
    }

    /** The setting of that option name (or any spelling read), or null. */
    public Setting setting(String name) {
        Integer i = byName.get(name);
        return i == null ? null : settings.get(i);
    }

    /** The key of {@code s} in files ({@link #toMap}): its name, or for a group's setting {@code group.name}. */
    public String key(Setting s) {
        return leaves.get(index(s)).key();
    }

    private int index(Setting s) {
        int i = settings.indexOf(s);
        if (i < 0) throw new IllegalArgumentException(s.name() + " is not a setting of " + type.getSimpleName());
        return i;
    }

    /** The spellings of {@code s} that earlier versions wrote (read, never written): e.g. historySize, historysize. */
    public List<String> earlierSpellings(Setting s) {
        int leaf = index(s);
        List<String> out = new ArrayList<>();
        byName.forEach((name, i) -> {
            if (i == leaf && !name.equals(s.name()) && !name.equals(leaves.get(leaf).key())) out.add(name);
        });
        return out;
    }

    /** Every value of {@code r} as text, by its {@linkplain #key key}, in order (a new map the caller may change). */
    public Map<String, String> toMap(R r) {
        List<String> v = new ArrayList<>();
        values(r, v);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) m.put(leaves.get(i).key(), v.get(i));
        return m;
    }

    /** Every value of {@code r} as text, by option name, in order. */
    public Map<String, String> byName(R r) {
        List<String> v = new ArrayList<>();
        values(r, v);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < leaves.size(); i++) m.put(settings.get(i).name(), v.get(i));
        return m;
    }

    /** {@code name=value} for every setting of {@code r}, by option name, separated by spaces: one line for a log or a model's metadata. */
    public String describe(R r) {
        StringBuilder b = new StringBuilder();
        byName(r).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    private void values(Object r, List<String> out) {
        for (int i = 0; i < components.length; i++) {
            Object v;
            try {
                v = components[i].getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (parts.get(i).group() != null) parts.get(i).group().values(v, out);
            else out.add(v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(v));
        }
    }

    /**
     * The settings {@code values} gives (by name, or by an earlier spelling), the others as in {@code base}.
     *
     * @throws IllegalArgumentException for an unknown name or a number that is not one (the message names the
     *                                  setting), or whatever the record's constructor refuses
     */
    public R fromMap(Map<String, String> values, R base) {
        List<String> base0 = new ArrayList<>();
        values(base, base0);
        String[] text = base0.toArray(new String[0]);
        boolean[] given = new boolean[text.length];
        for (Map.Entry<String, String> e : values.entrySet()) {
            Integer i = byName.get(e.getKey());
            if (i == null) throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; the settings are " + String.join(", ", names()));
            if (given[i]) throw new IllegalArgumentException("setting '" + settings.get(i).name() + "' is given twice");
            given[i] = true;
            text[i] = e.getValue() == null ? "" : e.getValue().trim();
        }
        Object[] parsed = new Object[text.length];
        for (int i = 0; i < text.length; i++) parsed[i] = parse(settings.get(i), text[i]);
        return type.cast(build(parsed, new int[1]));
    }

    /** The record from the parsed values of its settings, from {@code pos[0]} on, through its constructor (and its groups'). */
    private Object build(Object[] parsed, int[] pos) {
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) args[i] = parts.get(i).group() != null ? parts.get(i).group().build(parsed, pos) : parsed[pos[0]++];
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
        return usage(defaults, names());
    }

    /** {@link #usage(Record)} of the settings {@code names}, in that order. */
    public String usage(R defaults, List<String> names) {
        Map<String, String> d = byName(defaults);
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            Setting s = setting(n);
            if (s == null || !s.name().equals(n)) throw new IllegalArgumentException("no setting '" + n + "' in " + this);
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
        private final List<Part> parts = new ArrayList<>();

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

        /** A component that is a settings record of its own, described by {@code schema}. */
        public Builder<R> group(String name, SettingsSchema<?> schema) {
            parts.add(new Part(name, null, schema));
            return this;
        }

        private Builder<R> add(Setting s) {
            parts.add(new Part(s.name(), s, null));
            return this;
        }

        /**
         * The schema.
         *
         * @throws IllegalStateException when the settings do not match the record's components one to one, in order,
         *                               by name and type, or when one name would mean two settings
         */
        public SettingsSchema<R> build() {
            return new SettingsSchema<>(type, parts);
        }
    }
}
