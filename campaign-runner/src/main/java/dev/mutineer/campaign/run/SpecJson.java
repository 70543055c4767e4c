package dev.mutineer.campaign.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.classifier.observation.ObservationJson;
import dev.mutineer.injector.spec.InjectionSpec;
import dev.mutineer.injector.spec.Target;

import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's {@code spec} node: the injection spec (all `reproduce` needs), plus what the injector did
 * and where the time went, which the results module keeps as opaque JSON.
 */
public final class SpecJson {

    private static final ObjectMapper MAPPER = ObservationJson.mapper();

    private SpecJson() {
    }

    public static ObjectNode of(InjectionRun run, int repetition) {
        InjectionSpec spec = run.spec();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", spec.id());
        ObjectNode target = n.putObject("target");
        target.put("kind", spec.target().kind());
        target.put("namespace", spec.target().namespace());
        target.put("name", spec.target().name());
        target.put("selector", spec.target().selector());
        n.put("operator", spec.operator());
        ObjectNode params = n.putObject("parameters");
        spec.parameters().forEach(params::put);
        n.put("seed", spec.seed());
        n.put("repetition", repetition);
        n.set("injected", MAPPER.valueToTree(run.record()));
        n.set("phasesMillis", MAPPER.valueToTree(run.phases()));
        n.set("notAtRestBefore", MAPPER.valueToTree(run.notAtRestBefore()));
        n.put("corruptedStillStored", run.corruptedStillStored());
        return n;
    }

    /** The spec back from a journal node; its ID is checked against the one recorded. */
    public static InjectionSpec toSpec(JsonNode n) {
        if (n == null || !n.hasNonNull("operator")) {
            throw new IllegalArgumentException("the record has no injection spec");
        }
        JsonNode t = n.path("target");
        Target target = new Target(t.path("kind").asText(), t.path("namespace").asText(), t.path("name").asText(),
                t.path("selector").asText());
        Map<String, String> params = new TreeMap<>();
        n.path("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        InjectionSpec spec = InjectionSpec.of(target, n.path("operator").asText(), params, n.path("seed").asLong());
        String recorded = n.path("id").asText();
        if (!recorded.isEmpty() && !recorded.equals(spec.id())) {
            throw new IllegalArgumentException("the recorded spec gives ID " + spec.id() + ", not the recorded " + recorded
                    + " (recorded by another version of mutineer?)");
        }
        return spec;
    }

    /** What the injector recorded to repeat its change on another copy of the object; empty for older journals. */
    public static Map<String, String> replayParameters(JsonNode n) {
        Map<String, String> out = new TreeMap<>();
        n.path("injected").path("replayParameters").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public static PhaseTimes phases(JsonNode n) {
        return MAPPER.convertValue(n.path("phasesMillis"), PhaseTimes.class);
    }
}
