package dev.mutineer.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mutineer.classifier.Outcome;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Whether a JSON object has the shape of a journal record, field by field, in words a user can act on. Stricter
 * than binding alone, which would turn a missing {@code activated} into false and a number into text: a damaged
 * record must be skipped, not counted as something it never said.
 */
final class RecordShape {

    private static final List<String> TEXT = List.of("campaign", "variant", "kind", "namespace", "name", "fieldPath",
            "operator", "oldValue", "newValue", "reproduceCommand");
    private static final List<String> MILLIS = List.of("timeToFirstSymptomMillis", "timeToRecoverMillis");
    private static final List<String> INSTANTS = List.of("startedAt", "finishedAt");
    private static final List<String> OBJECTS = List.of("spec", "observation", "client");
    private static final String OUTCOMES = Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.joining(", "));

    private RecordShape() {
    }

    /** Every problem of the record's top-level fields (and of each symptom's kind); empty when it has the shape. */
    static List<String> problems(JsonNode record) {
        List<String> out = new ArrayList<>();
        JsonNode id = record.get("id");
        if (id == null || id.isNull()) {
            out.add("field 'id' is missing");
        } else if (!id.isTextual() || id.asText().isBlank()) {
            out.add("field 'id' is " + describe(id) + ", expected the injection's ID as text");
        }
        JsonNode outcome = record.get("outcome");
        if (outcome == null || outcome.isNull()) {
            out.add("field 'outcome' is missing");
        } else if (!outcome.isTextual() || !isOutcome(outcome.asText())) {
            out.add("field 'outcome' is " + describe(outcome) + ", expected one of " + OUTCOMES);
        }
        JsonNode activated = record.get("activated");
        if (activated == null || activated.isNull()) {
            out.add("field 'activated' is missing");
        } else if (!activated.isBoolean()) {
            out.add("field 'activated' is " + describe(activated) + ", expected true or false");
        }
        expect(record, "dependencyField", JsonNode::isBoolean, "true or false", out);
        TEXT.forEach(f -> expect(record, f, JsonNode::isTextual, "text", out));
        MILLIS.forEach(f -> expect(record, f, n -> n.canConvertToLong() && n.isIntegralNumber() && n.asLong() >= 0,
                "a whole number of milliseconds, 0 or more", out));
        INSTANTS.forEach(f -> expect(record, f, n -> n.isTextual() && isInstant(n.asText()),
                "a timestamp such as 2026-12-01T10:00:00Z", out));
        OBJECTS.forEach(f -> expect(record, f, JsonNode::isObject, "an object", out));
        expect(record, "parameters", RecordShape::isTextMap, "an object of names to text", out);
        symptoms(record.get("symptoms"), out);
        return out;
    }

    /** A JSON value named by its type, and by the value itself when it is short: "text 'NO_SUCH_CLASS'". */
    static String describe(JsonNode n) {
        String value = n.isValueNode() ? n.asText() : "";
        String quoted = value.length() <= 40 ? " '" + value + "'" : "";
        return switch (n.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case STRING -> "text" + quoted;
            case NUMBER -> value.length() <= 40 ? "the number " + value : "a number";
            case BOOLEAN -> value;
            case NULL, MISSING -> "null";
            default -> "a value of another kind";
        };
    }

    private static void symptoms(JsonNode symptoms, List<String> out) {
        if (symptoms == null || symptoms.isNull()) {
            return;
        }
        if (!symptoms.isArray()) {
            out.add("field 'symptoms' is " + describe(symptoms) + ", expected a list");
            return;
        }
        for (int i = 0; i < symptoms.size(); i++) {
            JsonNode s = symptoms.get(i);
            if (!s.isObject()) {
                out.add("field 'symptoms[" + i + "]' is " + describe(s) + ", expected an object");
            } else if (s.get("kind") == null || !s.get("kind").isTextual()) {
                out.add("field 'symptoms[" + i + "].kind' is " + (s.get("kind") == null ? "missing" : describe(s.get("kind"))
                        + ", expected text"));
            }
        }
    }

    /** A field that may be absent or null, and otherwise must pass {@code ok}. */
    private static void expect(JsonNode record, String field, Predicate<JsonNode> ok, String expected,
                               List<String> out) {
        JsonNode n = record.get(field);
        if (n != null && !n.isNull() && !ok.test(n)) {
            out.add("field '" + field + "' is " + describe(n) + ", expected " + expected);
        }
    }

    private static boolean isOutcome(String s) {
        return Arrays.stream(Outcome.values()).anyMatch(o -> o.name().equals(s));
    }

    private static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isTextMap(JsonNode n) {
        if (!n.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!e.getValue().isTextual()) {
                return false;
            }
        }
        return true;
    }
}
