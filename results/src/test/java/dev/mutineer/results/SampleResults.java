package dev.mutineer.results;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.SymptomKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A deterministic mix of results, as a campaign would journal them. */
final class SampleResults {

    static final String[] OPERATORS = {"bitflip", "set-zero", "set-extreme", "drop-update"};
    static final String[][] TARGETS = {
        {"Deployment", "web", "spec.replicas", "false"},
        {"Pod", "web-5d8f-x2", "metadata.labels.app", "true"},
        {"Service", "web", "spec.selector.app", "true"},
        {"ReplicaSet", "web-5d8f", "metadata.ownerReferences[0].uid", "true"},
        {"Pod", "db-0", "spec.nodeName", "true"},
        {"ConfigMap", "settings", "data.mode", "false"},
    };

    private SampleResults() {
    }

    /** Result i cycles through outcomes, operators and targets at different strides, so every group is mixed. */
    static List<JournalRecord> generate(int n) {
        List<JournalRecord> out = new ArrayList<>();
        Outcome[] outcomes = Outcome.values();
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes[i % outcomes.length];
            String[] t = TARGETS[i % TARGETS.length];
            String op = OPERATORS[(i / 2) % OPERATORS.length];
            out.add(result(String.format("inj%04x", i * 7919 % 65536), o, t[0], t[1], t[2], Boolean.parseBoolean(t[3]), op, i));
        }
        return out;
    }

    static JournalRecord result(String id, Outcome o, String kind, String name, String field, boolean dependency,
                                  String operator, int i) {
        boolean symptomatic = o != Outcome.NO_EFFECT && o != Outcome.LATENT;
        List<Symptom> symptoms = symptomatic
                ? List.of(new Symptom(SymptomKind.READY_BELOW_GOLDEN, o == Outcome.NOT_ACTIVATED ? Outcome.UNDER_PROVISIONING : o,
                        kind + "/default/" + name, "ready", "0", "3", 2000 + i, 9000 + i, o != Outcome.TRANSIENT),
                        new Symptom(SymptomKind.WARNING_EVENT, null, "default/Pod/" + name, "BackOff", "restarting (x2)",
                                "none", 2500, 2500, false))
                : List.of();
        ObjectNode spec = JsonNodeFactory.instance.objectNode().put("kind", kind).put("name", name).put("field", field)
                .put("operator", operator).put("seed", 42 + i);
        Instant start = Instant.parse("2026-11-21T20:00:00Z").plusSeconds(40L * i);
        return JournalRecord.builder(id)
                .campaign("quickstart")
                .target(kind, "default", name)
                .field(field, dependency)
                .operator(operator, Map.of("bit", Integer.toString(i % 64)))
                .values("3", "" + (i % 5))
                .activated(o != Outcome.NOT_ACTIVATED)
                .outcome(o)
                .symptoms(symptoms)
                .times(symptomatic ? 2000L + i : null, o == Outcome.TRANSIENT ? 1000L * (i + 1) : null)
                .reproduceCommand("mutineer reproduce " + id + " --results out")
                .timestamps(start, start.plusSeconds(35))
                .spec(spec)
                .build();
    }
}
