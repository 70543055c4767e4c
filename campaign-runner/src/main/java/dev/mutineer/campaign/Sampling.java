package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which injections of an operator a campaign plans: every candidate of the field catalog that
 * the targets select ({@code sample: exhaustive}), or N of them drawn from the campaign seed
 * ({@code sample: 20}).
 *
 * @param count number of random draws; 0 when exhaustive
 */
public record Sampling(boolean exhaustive, int count) {

    public static final String EXHAUSTIVE = "exhaustive";

    public static Sampling random(int count) {
        return new Sampling(false, count);
    }

    public static Sampling all() {
        return new Sampling(true, 0);
    }

    /**
     * YAML accepts the word "exhaustive" or a whole number. Anything else is a binding error
     * (which carries the line) rather than a record with a nonsense value.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Sampling fromYaml(JsonNode node) {
        if (node.isTextual() && EXHAUSTIVE.equals(node.textValue())) {
            return all();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return random(node.intValue());
        }
        if (node.isTextual() && node.textValue().matches("\\d+")) {
            return random(Integer.parseInt(node.textValue()));
        }
        throw new IllegalArgumentException("expected 'exhaustive' or a number of random injections, got '" + node.asText() + "'");
    }

    @Override
    public String toString() {
        return exhaustive ? EXHAUSTIVE : count + " random";
    }
}
