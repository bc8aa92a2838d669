package org.simgan.bioimageio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The YAML this project needs for bioimage.io descriptions, without a YAML library.
 * <p>
 * {@link #write} emits block-style YAML from maps ({@code Map<String, ?>}, in their iteration order), lists, strings,
 * numbers, booleans and null. Every string is double-quoted, so no value is ever read back as another type (a date,
 * a number, {@code yes}); doubles are written so that YAML 1.1 and 1.2 readers (PyYAML, ruamel) both see floats.
 * <p>
 * {@link #parse} reads the subset of YAML that description files use: block mappings and sequences (including
 * sequences at their key's indentation, as PyYAML writes them), flow collections ({@code [1, 2]}, {@code {a: b}}, also
 * over several lines), plain, single- and double-quoted scalars (also folded over lines), literal and folded block
 * scalars ({@code |}, {@code >}), comments and a leading {@code ---}. Anchors, aliases, tags and complex keys are
 * refused with a message. Mappings become {@code LinkedHashMap<String, Object>}, sequences {@code ArrayList<Object>},
 * integers {@code Long}, floats {@code Double}, and booleans, null and strings their Java counterparts.
 */
public final class Yaml {
    private Yaml() {
    }

    // ---------------------------------------------------------------- writing

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** {@code value} (normally a map) as a YAML document ending with a newline. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            writeMap(b, m, 0);
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            writeList(b, l, 0);
        } else {
            b.append(scalar(value)).append('\n');
        }
        return b.toString();
    }

    private static void writeMap(StringBuilder b, Map<?, ?> m, int indent) {
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) b.append(" ".repeat(indent));
            first = false;
            b.append(key(e.getKey())).append(':');
            writeValue(b, e.getValue(), indent);
        }
    }

    private static void writeList(StringBuilder b, List<?> l, int indent) {
        boolean first = true;
        for (Object v : l) {
            if (!first) b.append(" ".repeat(indent));
            first = false;
            b.append("- ");
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                writeMap(b, m, indent + 2);
            } else if (v instanceof List<?> inner && !inner.isEmpty()) {
                writeList(b, inner, indent + 2);
            } else {
                b.append(scalar(v)).append('\n');
            }
        }
    }

    /** After "key:": a scalar on the same line, a collection on the following lines. */
    private static void writeValue(StringBuilder b, Object v, int indent) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            b.append('\n').append(" ".repeat(indent + 2));
            writeMap(b, m, indent + 2);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            b.append('\n').append(" ".repeat(indent + 2));
            writeList(b, l, indent + 2);
        } else {
            b.append(' ').append(scalar(v)).append('\n');
        }
    }

    private static String key(Object k) {
        if (!(k instanceof String s)) throw new IllegalArgumentException("YAML keys here are strings, got " + k);
        return PLAIN_KEY.matcher(s).matches() && !isReserved(s) ? s : quote(s);
    }

    private static boolean isReserved(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "false", "null", "yes", "no", "on", "off", "y", "n" -> true;
            default -> false;
        };
    }

    private static String scalar(Object v) {
        if (v == null) return "null";
        if (v instanceof Boolean bool) return bool.toString();
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return v.toString();
        if (v instanceof Number n) return number(n.doubleValue());
        if (v instanceof String s) return quote(s);
        if (v instanceof Map<?, ?> m && m.isEmpty()) return "{}";
        if (v instanceof List<?> l && l.isEmpty()) return "[]";
        throw new IllegalArgumentException("cannot write " + v.getClass().getSimpleName() + " as YAML: " + v);
    }

    /**
     * A double as a YAML float that both YAML 1.1 and 1.2 readers resolve as a float: always with a decimal point, and
     * an exponent with its sign ({@code 1.0E+10}, not {@code 1.0E10}, which PyYAML reads as a string).
     */
    static String number(double d) {
        if (Double.isNaN(d)) return ".nan";
        if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) return s;
        String mantissa = s.substring(0, e), exponent = s.substring(e + 1);
        if (!mantissa.contains(".")) mantissa += ".0";
        if (!exponent.startsWith("-")) exponent = "+" + exponent;
        return mantissa + "e" + exponent;
    }

    /** A double-quoted YAML string: backslash, quote and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // ---------------------------------------------------------------- reading

    /** Parses one YAML document; throws {@link IllegalArgumentException} naming the line of a problem. */
    public static Object parse(String text) {
        return new Reader(text).document();
    }

    private static final class Reader {
        private final List<String> lines = new ArrayList<>();
        private int row;

        Reader(String text) {
            if (text.startsWith("\ufeff")) text = text.substring(1);
            for (String l : text.split("\r\n|\n|\r", -1)) {
                if (l.startsWith("\t") && !l.trim().isEmpty()) {
                    throw new IllegalArgumentException("YAML line " + (lines.size() + 1) + " is indented with a tab; YAML allows only spaces");
                }
                lines.add(l);
            }
        }

        Object document() {
            skipBlank();
            while (row < lines.size() && lines.get(row).startsWith("%")) {
                row++;
                skipBlank();
            }
            if (row < lines.size() && (lines.get(row).equals("---") || lines.get(row).startsWith("--- "))) {
                String rest = lines.get(row).substring(3).trim();
                if (rest.isEmpty() || rest.startsWith("#")) row++;
                else lines.set(row, "    " + rest);
            }
            skipBlank();
            if (row >= lines.size()) return null;
            Object v = node(indentOf(lines.get(row)), -1);
            skipBlank();
            if (row < lines.size() && !lines.get(row).startsWith("...") && !lines.get(row).startsWith("---")) {
                throw error("unexpected text '" + lines.get(row).trim() + "' (wrong indentation?)");
            }
            if (row < lines.size() && lines.get(row).startsWith("---")) throw error("several YAML documents in one file; give one");
            return v;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("YAML line " + (row + 1) + ": " + message);
        }

        private static int indentOf(String l) {
            int i = 0;
            while (i < l.length() && l.charAt(i) == ' ') i++;
            return i;
        }

        private static boolean blank(String l) {
            String t = l.trim();
            return t.isEmpty() || t.startsWith("#");
        }

        private void skipBlank() {
            while (row < lines.size() && blank(lines.get(row))) row++;
        }

        /**
         * The node starting at the current line, whose first line is indented by {@code indent}; a scalar's continuation
         * lines must be indented past {@code parent}.
         */
        private Object node(int indent, int parent) {
            String line = lines.get(row);
            String t = line.substring(indent);
            if (t.equals("-") || t.startsWith("- ")) return sequence(indent);
            if (t.equals("?") || t.startsWith("? ")) throw error("complex mapping keys ('? ') are not supported");
            if (keyEnd(t) >= 0) return mapping(indent);
            return scalarLines(parent, t);
        }

        private List<Object> sequence(int indent) {
            List<Object> list = new ArrayList<>();
            while (true) {
                skipBlank();
                if (row >= lines.size()) return list;
                String line = lines.get(row);
                int in = indentOf(line);
                if (in != indent) {
                    if (in > indent) throw error("unexpected indentation in a sequence");
                    return list;
                }
                String t = line.substring(indent);
                if (!(t.equals("-") || t.startsWith("- "))) return list;
                String rest = t.substring(1);
                int pad = indentOf(rest);
                rest = rest.substring(pad);
                if (rest.isEmpty() || rest.startsWith("#")) {
                    row++;
                    skipBlank();
                    if (row >= lines.size() || indentOf(lines.get(row)) <= indent) {
                        list.add(null);
                    } else {
                        list.add(node(indentOf(lines.get(row)), indent));
                    }
                } else {
                    // "- item": the item starts at its own column, as if the dash were a space
                    int column = indent + 1 + pad;
                    lines.set(row, " ".repeat(column) + rest);
                    list.add(node(column, indent));
                }
            }
        }

        private Map<String, Object> mapping(int indent) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (true) {
                skipBlank();
                if (row >= lines.size()) return map;
                String line = lines.get(row);
                int in = indentOf(line);
                if (in != indent) {
                    if (in > indent) throw error("unexpected indentation in a mapping");
                    return map;
                }
                String t = line.substring(indent);
                if (t.startsWith("- ") || t.equals("-")) return map;
                int end = keyEnd(t);
                if (end < 0) throw error("expected 'key: value', got '" + t.trim() + "'");
                String key = key(t.substring(0, end).trim());
                if (map.containsKey(key)) throw error("the key '" + key + "' appears twice");
                String rest = t.substring(end + 1);
                int pad = indentOf(rest);
                rest = rest.substring(pad);
                if (rest.isEmpty() || rest.startsWith("#")) {
                    row++;
                    skipBlank();
                    if (row < lines.size()) {
                        String next = lines.get(row);
                        int nin = indentOf(next);
                        String nt = next.substring(nin);
                        if (nin > indent) {
                            map.put(key, node(nin, indent));
                            continue;
                        }
                        if (nin == indent && (nt.startsWith("- ") || nt.equals("-"))) {
                            map.put(key, sequence(indent)); // a sequence at its key's indentation (PyYAML's style)
                            continue;
                        }
                    }
                    map.put(key, null);
                } else {
                    int column = indent + end + 1 + pad;
                    lines.set(row, " ".repeat(column) + rest);
                    map.put(key, valueAt(column, indent));
                }
            }
        }

        /** A value that starts on a key's line at {@code column}; continuation lines must be indented past {@code parent}. */
        private Object valueAt(int column, int parent) {
            String t = lines.get(row).substring(column);
            if (t.startsWith("|") || t.startsWith(">")) return blockScalar(t, parent);
            if (t.startsWith("- ")) throw error("a sequence cannot start on its key's line");
            if (keyEnd(t) >= 0 && !t.startsWith("[") && !t.startsWith("{") && !t.startsWith("\"") && !t.startsWith("'")) {
                throw error("a mapping cannot start on its key's line");
            }
            return scalarLines(parent, t);
        }

        /**
         * A scalar or flow collection starting with {@code t} on the current line; it may continue on following lines
         * indented past {@code parent}.
         */
        private Object scalarLines(int parent, String t) {
            char c = t.charAt(0);
            if (c == '&' || c == '*' || c == '!') throw error("YAML anchors, aliases and tags are not supported ('" + t.trim() + "')");
            if (c == '[' || c == '{' || c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder(t);
                int startRow = row;
                while (true) {
                    Flow f = new Flow(text.toString(), startRow);
                    Object v;
                    try {
                        v = f.value();
                    } catch (IncompleteException e) {
                        row++;
                        if (row >= lines.size()) {
                            row = startRow;
                            throw error("unclosed " + (c == '[' ? "[" : c == '{' ? "{" : "quote"));
                        }
                        text.append('\n').append(lines.get(row));
                        continue;
                    }
                    String after = f.rest().trim();
                    if (!after.isEmpty() && !after.startsWith("#")) throw error("unexpected text after a value: '" + after + "'");
                    row++;
                    return v;
                }
            }
            // a plain scalar, possibly folded over more-indented lines
            StringBuilder s = new StringBuilder(stripComment(t));
            row++;
            while (row < lines.size()) {
                String l = lines.get(row);
                if (blank(l)) {
                    if (l.trim().startsWith("#")) break;
                    int r = row;
                    while (r < lines.size() && lines.get(r).trim().isEmpty()) r++;
                    if (r < lines.size() && indentOf(lines.get(r)) > parent && !lines.get(r).trim().startsWith("#")) {
                        s.append('\n');
                        row = r;
                        continue;
                    }
                    break;
                }
                if (indentOf(l) <= parent) break;
                String more = l.trim();
                if (keyEnd(more) >= 0 || more.startsWith("- ")) break;
                if (s.length() > 0 && s.charAt(s.length() - 1) != '\n') s.append(' ');
                s.append(stripComment(more));
                row++;
            }
            return resolve(s.toString().trim());
        }

        private Object blockScalar(String header, int parent) {
            boolean literal = header.charAt(0) == '|';
            String h = stripComment(header.substring(1)).trim();
            char chomp = h.contains("-") ? '-' : h.contains("+") ? '+' : ' ';
            String digits = h.replaceAll("[^0-9]", "");
            row++;
            int indent = digits.isEmpty() ? -1 : Math.max(parent, 0) + Integer.parseInt(digits);
            List<String> body = new ArrayList<>();
            while (row < lines.size()) {
                String l = lines.get(row);
                if (l.trim().isEmpty()) {
                    body.add("");
                    row++;
                    continue;
                }
                int in = indentOf(l);
                if (indent < 0) {
                    if (in <= parent) break;
                    indent = in;
                }
                if (in < indent) break;
                body.add(l.substring(indent));
                row++;
            }
            int last = body.size();
            while (last > 0 && body.get(last - 1).isEmpty()) last--;
            int trailing = body.size() - last;
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < last; i++) {
                String l = body.get(i);
                if (i == 0) {
                    s.append(l);
                    continue;
                }
                String prev = body.get(i - 1);
                if (literal) s.append('\n').append(l);
                else if (l.isEmpty()) s.append('\n'); // in folded text an empty line stands for one line break
                else if (prev.isEmpty()) s.append(l);
                else if (prev.startsWith(" ") || l.startsWith(" ")) s.append('\n').append(l);
                else s.append(' ').append(l);
            }
            if (last > 0) {
                if (chomp == '+') s.append("\n".repeat(trailing + 1));
                else if (chomp != '-') s.append('\n');
            }
            return s.toString();
        }

        /** Where the ':' ending a mapping key is in {@code t}, or -1 when {@code t} is no 'key: ...' line. */
        private static int keyEnd(String t) {
            if (t.isEmpty()) return -1;
            char c = t.charAt(0);
            if (c == '"' || c == '\'') {
                int close = closingQuote(t, c);
                if (close < 0) return -1;
                int i = close + 1;
                while (i < t.length() && t.charAt(i) == ' ') i++;
                return i < t.length() && t.charAt(i) == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ') ? i : -1;
            }
            if (c == '[' || c == '{' || c == '#' || c == '|' || c == '>') return -1;
            if (c == '?') return -1;
            for (int i = 0; i < t.length(); i++) {
                char x = t.charAt(i);
                if (x == '#' && i > 0 && t.charAt(i - 1) == ' ') return -1;
                if (x == ':' && (i + 1 == t.length() || t.charAt(i + 1) == ' ')) return i;
            }
            return -1;
        }

        private static int closingQuote(String t, char q) {
            for (int i = 1; i < t.length(); i++) {
                char x = t.charAt(i);
                if (q == '"' && x == '\\') {
                    i++;
                } else if (x == q) {
                    if (q == '\'' && i + 1 < t.length() && t.charAt(i + 1) == '\'') i++;
                    else return i;
                }
            }
            return -1;
        }

        private String key(String k) {
            if (k.startsWith("\"") || k.startsWith("'")) {
                Flow f = new Flow(k, row);
                Object v = f.value();
                return String.valueOf(v);
            }
            if (k.startsWith("&") || k.startsWith("*") || k.startsWith("!")) throw error("YAML anchors, aliases and tags are not supported ('" + k + "')");
            return k;
        }

        private static String stripComment(String t) {
            for (int i = 0; i < t.length(); i++) {
                if (t.charAt(i) == '#' && (i == 0 || t.charAt(i - 1) == ' ')) return t.substring(0, i).trim();
            }
            return t.trim();
        }
    }

    private static final class IncompleteException extends RuntimeException {
        IncompleteException() {
            super(null, null, false, false);
        }
    }

    /** Flow collections and quoted scalars, over text that may span lines. */
    private static final class Flow {
        private final String s;
        private final int firstRow;
        private int pos;

        Flow(String s, int firstRow) {
            this.s = s;
            this.firstRow = firstRow;
        }

        String rest() {
            return s.substring(pos);
        }

        private IllegalArgumentException error(String message) {
            int line = firstRow + 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) if (s.charAt(i) == '\n') line++;
            return new IllegalArgumentException("YAML line " + line + ": " + message);
        }

        private void space() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\t') {
                    pos++;
                } else if (c == '#' && (pos == 0 || Character.isWhitespace(s.charAt(pos - 1)))) {
                    while (pos < s.length() && s.charAt(pos) != '\n') pos++;
                } else {
                    return;
                }
            }
        }

        Object value() {
            space();
            if (pos >= s.length()) throw new IncompleteException();
            char c = s.charAt(pos);
            if (c == '[') return list();
            if (c == '{') return map();
            if (c == '"') return doubleQuoted();
            if (c == '\'') return singleQuoted();
            if (c == '&' || c == '*' || c == '!') throw error("YAML anchors, aliases and tags are not supported");
            return plain();
        }

        private List<Object> list() {
            List<Object> l = new ArrayList<>();
            pos++;
            while (true) {
                space();
                if (pos >= s.length()) throw new IncompleteException();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return l;
                }
                l.add(value());
                space();
                if (pos >= s.length()) throw new IncompleteException();
                char c = s.charAt(pos);
                if (c == ',') pos++;
                else if (c != ']') throw error("expected ',' or ']' in a flow sequence, got '" + c + "'");
            }
        }

        private Map<String, Object> map() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            while (true) {
                space();
                if (pos >= s.length()) throw new IncompleteException();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                Object k = value();
                space();
                if (pos >= s.length()) throw new IncompleteException();
                Object v = null;
                if (s.charAt(pos) == ':') {
                    pos++;
                    space();
                    if (pos >= s.length()) throw new IncompleteException();
                    char c = s.charAt(pos);
                    v = c == ',' || c == '}' ? null : value();
                }
                m.put(String.valueOf(k), v);
                space();
                if (pos >= s.length()) throw new IncompleteException();
                char c = s.charAt(pos);
                if (c == ',') pos++;
                else if (c != '}') throw error("expected ',' or '}' in a flow mapping, got '" + c + "'");
            }
        }

        private Object plain() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ',' || c == ']' || c == '}' || c == '\n') break;
                if (c == ':' && (pos + 1 >= s.length() || " ,]}\n".indexOf(s.charAt(pos + 1)) >= 0)) break;
                if (c == '#' && pos > start && s.charAt(pos - 1) == ' ') break;
                pos++;
            }
            return resolve(s.substring(start, pos).trim());
        }

        private String singleQuoted() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) throw new IncompleteException();
                char c = s.charAt(pos++);
                if (c == '\'') {
                    if (pos < s.length() && s.charAt(pos) == '\'') {
                        b.append('\'');
                        pos++;
                    } else {
                        return b.toString();
                    }
                } else if (c == '\n') {
                    foldLine(b);
                } else {
                    b.append(c);
                }
            }
        }

        private String doubleQuoted() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) throw new IncompleteException();
                char c = s.charAt(pos++);
                if (c == '"') return b.toString();
                if (c == '\n') {
                    foldLine(b);
                } else if (c == '\\') {
                    if (pos >= s.length()) throw new IncompleteException();
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't', '\t' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case '0' -> b.append('\0');
                        case 'a' -> b.append('\u0007');
                        case 'b' -> b.append('\b');
                        case 'e' -> b.append('\u001b');
                        case 'f' -> b.append('\f');
                        case 'v' -> b.append('\u000b');
                        case ' ' -> b.append(' ');
                        case '/' -> b.append('/');
                        case '"' -> b.append('"');
                        case '\\' -> b.append('\\');
                        case 'N' -> b.append('\u0085');
                        case '_' -> b.append('\u00a0');
                        case 'L' -> b.append('\u2028');
                        case 'P' -> b.append('\u2029');
                        case 'x' -> b.append((char) hex(2));
                        case 'u' -> b.append((char) hex(4));
                        case 'U' -> b.appendCodePoint(hex(8));
                        case '\n' -> {
                            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) pos++;
                        }
                        default -> throw error("unknown escape \\" + e + " in a double-quoted string");
                    }
                } else {
                    b.append(c);
                }
            }
        }

        /** A line break inside a quoted scalar: trailing and leading spaces go, one break becomes a space. */
        private void foldLine(StringBuilder b) {
            while (b.length() > 0 && b.charAt(b.length() - 1) == ' ') b.setLength(b.length() - 1);
            int breaks = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t') {
                    pos++;
                } else if (c == '\n') {
                    breaks++;
                    pos++;
                } else {
                    break;
                }
            }
            if (breaks == 0) b.append(' ');
            else b.append("\n".repeat(breaks));
        }

        private int hex(int n) {
            if (pos + n > s.length()) throw new IncompleteException();
            try {
                int v = Integer.parseUnsignedInt(s.substring(pos, pos + n), 16);
                pos += n;
                return v;
            } catch (NumberFormatException e) {
                throw error("bad hex escape in a double-quoted string");
            }
        }
    }

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern OCT = Pattern.compile("0o[0-7]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    /** A plain scalar's type by the YAML 1.2 core schema (plus YAML 1.1's True/False spellings). */
    static Object resolve(String t) {
        switch (t) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
                return Double.POSITIVE_INFINITY;
            case "-.inf", "-.Inf", "-.INF":
                return Double.NEGATIVE_INFINITY;
            case ".nan", ".NaN", ".NAN":
                return Double.NaN;
            default:
                break;
        }
        try {
            if (INT.matcher(t).matches()) return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            if (HEX.matcher(t).matches()) return Long.parseLong(t.substring(2), 16);
            if (OCT.matcher(t).matches()) return Long.parseLong(t.substring(2), 8);
        } catch (NumberFormatException e) {
            return INT.matcher(t).matches() ? (Object) Double.parseDouble(t) : t; // too large for a long
        }
        if (FLOAT.matcher(t).matches()) return Double.parseDouble(t);
        return t;
    }
}
