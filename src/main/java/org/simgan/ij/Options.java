package org.simgan.ij;

import ij.Macro;
import ij.Prefs;
import ij.gui.GenericDialog;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.simgan.settings.SettingsSchema;

/**
 * The options of one command, read the same way from a dialog or from a macro. From a macro (or any caller that set
 * {@link Macro#setOptions}) the values come from the option string, with the built-in defaults for keys left out and
 * no dialog, so macros run the same everywhere, headless included. Otherwise a {@link GenericDialog} shows the last
 * values used ({@link Prefs}); ImageJ's recorder records it as a macro line. Every field's label is its macro key
 * (lower-case words joined by dashes); macro keys are matched whole, and a key the command does not have is an error.
 */
final class Options {
    private enum Kind { STRING, FILE, FOLDER, NUMBER, WHOLE, CHECKBOX, CHOICE }

    private record Field(Kind kind, String key, String def, String[] choices, int digits) {
    }

    private final String command;
    private final String macroOptions;
    private final List<Field> fields = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private String message;
    private int next;
    private String fillerChoice;
    private java.util.function.Function<String, Map<String, String>> filler;

    /** The macro's key=value pairs (a flag's value is null), keys exactly as written; null without a macro. */
    private final Map<String, String> macroPairs;
    /** Earlier spellings of keys, still read from macros: earlier key to key. */
    private final Map<String, String> aliases = new java.util.HashMap<>();

    private Options(String command, String macroOptions) {
        this.command = command;
        this.macroOptions = macroOptions;
        this.macroPairs = macroOptions == null ? null : parsePairs(macroOptions);
    }

    /**
     * The pairs of a macro option string: {@code key=value}, {@code key=[value with spaces]} or a bare {@code flag},
     * separated by spaces. Keys are matched whole (ImageJ's {@link Macro#getValue} would also find {@code lr} inside
     * {@code disc-lr=}); the first of repeated keys counts, as in ImageJ.
     */
    static Map<String, String> parsePairs(String options) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        int i = 0, n = options.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(options.charAt(i))) i++;
            if (i >= n) break;
            int k = i;
            while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
            String key = options.substring(k, i).toLowerCase(Locale.ROOT);
            String value = null;
            if (i < n && options.charAt(i) == '=') {
                i++;
                if (i < n && options.charAt(i) == '[') {
                    int end = options.indexOf(']', i + 1);
                    if (end < 0) end = n;
                    value = options.substring(i + 1, end);
                    i = Math.min(n, end + 1);
                } else {
                    int v = i;
                    while (i < n && !Character.isWhitespace(options.charAt(i))) i++;
                    value = options.substring(v, i);
                }
            }
            m.putIfAbsent(key, value);
        }
        return m;
    }

    /** Macros may still spell {@code key} as {@code earlier} (the key of an earlier version). */
    Options alias(String earlier, String key) {
        if (!earlier.equals(key)) aliases.put(earlier, key);
        return this;
    }

    /** True when the user gave {@code key}: always from a dialog (it shows every field), from a macro when the key is in it. */
    boolean given(String key) {
        return macroPairs == null || macroPair(key) != null;
    }

    /** The macro's value for {@code key} (or one of its earlier spellings), or null when it is left out. */
    private String macroPair(String key) {
        if (macroPairs.containsKey(key)) return macroPairs.get(key) == null ? "" : macroPairs.get(key);
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (a.getValue().equals(key) && macroPairs.containsKey(a.getKey())) {
                return macroPairs.get(a.getKey()) == null ? "" : macroPairs.get(a.getKey());
            }
        }
        return null;
    }

    /** Options for {@code command}: from the running macro when there is one, else from a dialog. */
    static Options of(String command) {
        return new Options(command, Macro.getOptions());
    }

    boolean fromMacro() {
        return macroOptions != null;
    }

    /**
     * The value of {@code key} in the macro options, or {@code def} when there is no macro or the key is left out:
     * for options that decide the defaults of others, read before the fields are added.
     */
    String macroValue(String key, String def) {
        if (macroOptions == null) return def;
        String v = macroPair(key);
        return v == null ? def : v.trim();
    }

    /**
     * In the dialog, choosing a value of the choice {@code key} sets the fields {@code fill} gives for it (key to
     * value), as choosing a preset fills in its settings. Macros are not affected.
     */
    Options fillOnChoice(String key, java.util.function.Function<String, Map<String, String>> fill) {
        this.fillerChoice = key;
        this.filler = fill;
        return this;
    }

    Options message(String text) {
        this.message = text;
        return this;
    }

    Options string(String key, String def) {
        return add(Kind.STRING, key, def, null, 0);
    }

    Options file(String key, String def) {
        return add(Kind.FILE, key, def, null, 0);
    }

    Options folder(String key, String def) {
        return add(Kind.FOLDER, key, def, null, 0);
    }

    Options number(String key, double def, int digits) {
        return add(Kind.NUMBER, key, digits == 0 ? Long.toString(Math.round(def)) : Double.toString(def), null, digits);
    }

    Options checkbox(String key, boolean def) {
        return add(Kind.CHECKBOX, key, Boolean.toString(def), null, 0);
    }

    Options choice(String key, String[] choices, String def) {
        return add(Kind.CHOICE, key, def, choices, 0);
    }

    /** A whole number, shown as text (seeds keep all their digits): macros and the dialog must give one. */
    Options whole(String key, String def) {
        return add(Kind.WHOLE, key, def, null, 0);
    }

    /**
     * The field of one setting of a {@link SettingsSchema}, its key the setting's name: a choice for a choice, a
     * whole number for an integer, text otherwise (the settings record checks the values).
     */
    Options setting(SettingsSchema.Setting s, String def) {
        return switch (s.type()) {
            case CHOICE -> choice(s.name(), s.choices().toArray(new String[0]), def);
            case INT, LONG -> whole(s.name(), def);
            default -> string(s.name(), def);
        };
    }

    private Options add(Kind kind, String key, String def, String[] choices, int digits) {
        if (!key.matches("[a-z][a-z0-9_]*(-[a-z0-9_]+)*")) throw new IllegalArgumentException("keys are lower-case words joined by dashes: " + key);
        fields.add(new Field(kind, key, def == null ? "" : def, choices, digits));
        return this;
    }

    /**
     * Reads every field: from the macro options, or from a dialog. False when the user cancelled the dialog.
     *
     * @throws UserError when there is no macro and no display to show a dialog on
     */
    boolean read() {
        values.clear();
        next = 0;
        if (macroOptions != null) {
            for (String key : macroPairs.keySet()) {
                if (fields.stream().noneMatch(f -> f.key.equals(key)) && !aliases.containsKey(key)) {
                    throw new UserError("'" + command + "' has no option '" + key + "'; its options are "
                            + String.join(", ", fields.stream().map(Field::key).toList()));
                }
            }
            for (Field f : fields) values.add(fromMacro(f));
            return true;
        }
        if (GraphicsEnvironment.isHeadless()) {
            throw new UserError("'" + command + "' needs its options when there is no display: run it from a macro, for example run(\""
                    + command + "\", \"" + example() + "\")");
        }
        GenericDialog gd = new GenericDialog(command);
        if (message != null) gd.addMessage(message);
        for (Field f : fields) {
            String last = Prefs.get(prefKey(f), f.def);
            switch (f.kind) {
                case STRING, WHOLE -> gd.addStringField(f.key, last, 30);
                case FILE -> gd.addFileField(f.key, last, 30);
                case FOLDER -> gd.addDirectoryField(f.key, last, 30);
                case NUMBER -> gd.addNumericField(f.key, parse(f, last), f.digits);
                case CHECKBOX -> gd.addCheckbox(f.key, Boolean.parseBoolean(last));
                case CHOICE -> gd.addChoice(f.key, f.choices, List.of(f.choices).contains(last) ? last : f.def);
            }
        }
        if (filler != null) addFiller(gd);
        gd.showDialog();
        if (gd.wasCanceled()) return false;
        for (Field f : fields) {
            String v = switch (f.kind) {
                case STRING, FILE, FOLDER -> gd.getNextString().trim();
                case WHOLE -> whole(f, gd.getNextString().trim());
                case NUMBER -> {
                    double d = gd.getNextNumber();
                    if (Double.isNaN(d)) throw new UserError("'" + f.key + "' must be a number");
                    yield f.digits == 0 ? Long.toString(Math.round(d)) : Double.toString(d);
                }
                case CHECKBOX -> Boolean.toString(gd.getNextBoolean());
                case CHOICE -> gd.getNextChoice();
            };
            values.add(v);
            Prefs.set(prefKey(f), v);
        }
        return true;
    }

    private void addFiller(GenericDialog gd) {
        Map<String, java.awt.TextField> texts = new java.util.HashMap<>();
        Map<String, java.awt.Choice> choices = new java.util.HashMap<>();
        int t = 0, c = 0;
        for (Field f : fields) {
            switch (f.kind) {
                case STRING, FILE, FOLDER, WHOLE -> texts.put(f.key, (java.awt.TextField) gd.getStringFields().get(t++));
                case CHOICE -> choices.put(f.key, (java.awt.Choice) gd.getChoices().get(c++));
                default -> { }
            }
        }
        java.awt.Choice source = choices.get(fillerChoice);
        gd.addDialogListener((dialog, event) -> {
            if (event != null && event.getSource() == source) {
                filler.apply(source.getSelectedItem()).forEach((k, v) -> {
                    if (texts.containsKey(k)) texts.get(k).setText(v);
                    else if (choices.containsKey(k)) choices.get(k).select(v);
                });
            }
            return true;
        });
    }

    private String prefKey(Field f) {
        return "simgan." + command.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_") + "." + f.key;
    }

    private String fromMacro(Field f) {
        String given = macroPair(f.key);
        if (f.kind == Kind.CHECKBOX) return Boolean.toString(given != null && !given.equalsIgnoreCase("false"));
        String v = given == null ? f.def : given.trim();
        if (f.kind == Kind.NUMBER) parse(f, v);
        if (f.kind == Kind.WHOLE) whole(f, v);
        if (f.kind == Kind.CHOICE && !List.of(f.choices).contains(v)) {
            throw new UserError("'" + f.key + "' must be one of " + String.join(", ", f.choices) + "; got '" + v + "'");
        }
        return v;
    }

    private static double parse(Field f, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UserError("'" + f.key + "' must be a number, got '" + v + "'");
        }
    }

    private static String whole(Field f, String v) {
        try {
            Long.parseLong(v);
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("'" + f.key + "' must be a whole number, got '" + v + "'");
        }
    }

    private String example() {
        StringBuilder b = new StringBuilder();
        for (Field f : fields) {
            if (f.kind == Kind.CHECKBOX) continue;
            if (b.length() > 0) b.append(' ');
            b.append(f.key).append('=').append(f.def.isEmpty() ? "..." : f.def.contains(" ") ? "[" + f.def + "]" : f.def);
        }
        return b.toString();
    }

    String nextString() {
        return values.get(next++);
    }

    double nextNumber() {
        return Double.parseDouble(values.get(next++));
    }

    int nextInt() {
        double d = nextNumber();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new UserError("'" + fields.get(next - 1).key + "' must be a whole number, got " + d);
        return (int) d;
    }

    boolean nextBoolean() {
        return Boolean.parseBoolean(values.get(next++));
    }

    /** The values read, as key=value pairs in a macro option string (for image properties and logs). */
    String asMacroOptions() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            Field f = fields.get(i);
            String v = values.get(i);
            if (f.kind == Kind.CHECKBOX) {
                if (Boolean.parseBoolean(v)) b.append(b.length() > 0 ? " " : "").append(f.key);
                continue;
            }
            b.append(b.length() > 0 ? " " : "").append(f.key).append('=').append(v.isEmpty() || v.contains(" ") ? "[" + v + "]" : v);
        }
        return b.toString();
    }
}
