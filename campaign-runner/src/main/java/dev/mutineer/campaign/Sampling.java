package dev.mutineer.campaign;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;

/**
 * Which injections of an operator a campaign plans: every candidate of the field catalog that
 * the targets select ({@code sample: exhaustive}), or N of them drawn from the campaign seed
 * ({@code sample: 20}).
 *
 * @param count number of random draws; 0 when exhaustive
 */
@JsonDeserialize(using = Sampling.Deserializer.class)
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
    static Sampling fromYaml(JsonNode node) {
        if (node.isTextual() && EXHAUSTIVE.equals(node.textValue())) {
            return all();
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return random(node.intValue());
        }
        if (node.isTextual() && node.textValue().matches("\\d{1,9}")) {
            return random(Integer.parseInt(node.textValue()));
        }
        throw new IllegalArgumentException("expected 'exhaustive' or a number of random injections, got '" + node.asText() + "'");
    }

    @Override
    public String toString() {
        return exhaustive ? EXHAUSTIVE : count + " random";
    }

    /** Records a bad value with its line and goes on (instead of stopping at it), like every other field. */
    static final class Deserializer extends JsonDeserializer<Sampling> {
        @Override
        public Sampling deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            try {
                return fromYaml(node);
            } catch (IllegalArgumentException e) {
                return (Sampling) ctxt.handleWeirdStringValue(Sampling.class, node.isValueNode() ? node.asText() : node.toString(), e.getMessage());
            }
        }
    }
}
