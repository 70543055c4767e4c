package dev.mutineer.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Jackson's exceptions in the words of a journal's reader: what is wrong and where on the line, never a Java
 * class name, a token type or a parser limit's method name.
 */
final class JsonProblems {

    private static final Pattern CODE = Pattern.compile("\\s*\\(code -?\\d+\\)");
    private static final Pattern CTRL = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?start marker at \\[Source:.*?\\]\\)?|\\s*\\[Source:.*?\\]");
    private static final String ANY_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
    /** What is left of an internal message that no user should see; such a message is replaced by a plain one. */
    private static final Pattern INTERNAL = Pattern.compile("`|java\\.|com\\.fasterxml|Jackson|JsonToken|Constraints|Source:|\\bclass\\b");

    private JsonProblems() {
    }

    /** A line that does not parse as JSON: "unexpected character 'g' at column 1". */
    static String syntax(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return "too large to read (" + constraint(e.getOriginalMessage()) + ")";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Unexpected end-of-input")) {
            m = "cut short inside the record";
        }
        m = CTRL.matcher(m).replaceAll(r -> Matcher.quoteReplacement(
                String.format(Locale.ROOT, "(control character 0x%02x)", Integer.parseInt(r.group(1)))));
        m = SOURCE.matcher(m).replaceAll("");
        m = m.replace(ANY_VALUE, "a JSON value");
        m = CODE.matcher(m).replaceAll("");
        m = m.replace("('", "'").replace("')", "'");
        if (m.isBlank() || INTERNAL.matcher(m).find()) {
            m = "not valid JSON";
        }
        return lowerFirst(m.strip()) + at(e.getLocation());
    }

    /** A JSON record whose values do not fit a result: names the field by its path within the record. */
    static String binding(JsonMappingException e) {
        String field = path(e);
        String where = field.isEmpty() ? "the record" : "field '" + field + "'";
        if (e instanceof InvalidFormatException f) {
            return where + " has the value '" + f.getValue() + "', expected " + expected(f.getTargetType());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null
                && !INTERNAL.matcher(e.getCause().getMessage()).find()) {
            return where + ": " + e.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return where + " has the wrong type, expected " + expected(mi.getTargetType());
        }
        return where + " is not valid";
    }

    /** The type a value must have, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a timestamp such as 2026-12-01T10:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "another value";
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** "String value length (20000001) exceeds the maximum allowed (20000000, from `...`)" without the method. */
    private static String constraint(String m) {
        if (m == null) {
            return "a value beyond the reader's limits";
        }
        String plain = m.replaceAll(",? from `[^`]*`", "").replaceAll("\\s*\\(as set by `[^`]*`\\)", "")
                .replaceAll("\\s*\\(as set by [^)]*\\)", "");
        return INTERNAL.matcher(plain).find() ? "a value beyond the reader's limits" : lowerFirst(plain.strip());
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getColumnNr() <= 0) {
            return "";
        }
        // A journal record is one line; a baseline file is several.
        return location.getLineNr() > 1 ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
                : " at column " + location.getColumnNr();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
