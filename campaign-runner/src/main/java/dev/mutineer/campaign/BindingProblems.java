package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Collects binding problems (unknown fields, unknown enum names, malformed values) instead of
 * letting Jackson stop at the first one, so a user fixes a file in one round. The bad value is
 * replaced by null and the binding goes on; the loader reports these and runs nothing.
 */
final class BindingProblems extends DeserializationProblemHandler {

    /** A problem at a field path, located where the parser was when it was found. */
    record Found(String field, JsonLocation location, String message) {
    }

    private final List<Found> found = new ArrayList<>();

    List<Found> found() {
        return found;
    }

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                         Object beanOrClass, String propertyName) throws IOException {
        Collection<Object> known = deserializer.getKnownPropertyNames();
        List<String> names = known == null ? List.of() : known.stream().map(Object::toString).sorted().toList();
        String field = pathOf(p);
        found.add(new Found(field, p.currentTokenLocation(), "unknown field '" + propertyName + "'"
                + Suggestions.didYouMean(propertyName, names)
                + (names.isEmpty() ? "" : " (known here: " + String.join(", ", names) + ")")));
        p.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
        JsonParser p = ctxt.getParser();
        found.add(new Found(pathOf(p), p.currentTokenLocation(), weirdValueMessage(targetType, value, failureMsg)));
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
        return handleWeirdStringValue(ctxt, targetType, String.valueOf(value), failureMsg);
    }

    @Override
    public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                        String failureMsg) throws IOException {
        found.add(new Found(pathOf(p), p.currentTokenLocation(), "expected " + describe(targetType.getRawClass())
                + ", found " + describe(t)));
        p.skipChildren();
        return null;
    }

    @Override
    public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument, Throwable t) {
        JsonParser p = ctxt.getParser();
        found.add(new Found(pathOf(p), p.currentTokenLocation(), t.getMessage()));
        return null;
    }

    @Override
    public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass, ValueInstantiator inst,
                                            JsonParser p, String msg) throws IOException {
        found.add(new Found(pathOf(p), p.currentTokenLocation(), "expected " + describe(instClass)));
        p.skipChildren();
        return null;
    }

    private static String weirdValueMessage(Class<?> type, String value, String failureMsg) {
        if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(BindingProblems::label).toList();
            return "unknown " + noun(type) + " '" + value + "'" + Suggestions.didYouMean(value, names)
                    + " (expected one of " + String.join(", ", names) + ")";
        }
        if (type == Duration.class) {
            return Durations.TOO_LONG.equals(failureMsg) ? "'" + value + "' is too long (at most " + Durations.format(Durations.MAX) + ")"
                    : dev.mutineer.injector.fault.Durations.message(value);
        }
        if (type == Sampling.class || Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return failureMsg; // WholeNumbers and Sampling word their own
        }
        return "'" + value + "' is not " + describe(type);
    }

    /** Where the parser is, as "faults[1].operator"; inside a field's value that field's path. */
    static String pathOf(JsonParser p) {
        JsonPointer pointer = p.getParsingContext().pathAsPointer();
        StringBuilder sb = new StringBuilder();
        for (JsonPointer ptr = pointer; ptr != null && !ptr.matches(); ptr = ptr.tail()) {
            if (ptr.mayMatchElement()) {
                sb.append('[').append(ptr.getMatchingIndex()).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(ptr.getMatchingProperty());
            }
        }
        return sb.toString();
    }

    private static String label(Object enumConstant) {
        if (enumConstant instanceof Backend b) return b.label();
        if (enumConstant instanceof ResetMode r) return r.label();
        if (enumConstant instanceof RealNodesFallback f) return f.label();
        return enumConstant.toString();
    }

    private static String noun(Class<?> enumType) {
        if (enumType == Backend.class) return "backend";
        if (enumType == ResetMode.class) return "reset mode";
        if (enumType == RealNodesFallback.class) return "real-nodes fallback";
        return enumType.getSimpleName();
    }

    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "a whole number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a text value";
        if (type == Duration.class) return "a duration like 30s";
        if (type == Sampling.class) return "'exhaustive' or a number of random injections";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "a list";
        if (Map.class.isAssignableFrom(type)) return "a mapping of names to values";
        if (type.isRecord()) return "a mapping with the fields " + String.join(", ", Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName()).filter(n -> !n.equals("file")).toList());
        return type.getSimpleName();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a text value";
            case VALUE_NUMBER_INT -> "a number";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "nothing";
            default -> String.valueOf(t);
        };
    }
}
