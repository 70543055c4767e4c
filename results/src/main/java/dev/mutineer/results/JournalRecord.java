package dev.mutineer.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Symptom;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.client.ClientView;
import dev.mutineer.classifier.observation.Observation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The record of one injection, one line of the journal. Flat on purpose: results knows nothing of the
 * injector's types; the full injection spec travels as an opaque JSON node so that `mutineer reproduce` can
 * replay it.
 *
 * @param id                     short stable ID derived from the spec
 * @param campaign               campaign name
 * @param variant                cluster configuration label, for differential campaigns (the same faults against
 *                               two configurations); "default" when there is only one
 * @param kind                   the injected object's kind, e.g. "Deployment"
 * @param namespace              empty for cluster-scoped objects
 * @param name                   the injected object's name
 * @param fieldPath              e.g. "spec.replicas", "metadata.ownerReferences[0].uid"
 * @param dependencyField        true when the field tracks a dependency between objects (owner references, labels
 *                               and selectors, nodeName, ...), as the injector's catalog says
 * @param operator               fault operator, e.g. "bitflip", "set-zero", "drop-update"
 * @param parameters             the operator's parameters
 * @param oldValue               the field's value before, as text
 * @param newValue               the field's value written, as text
 * @param activated              false when the target vanished or the write was refused
 * @param outcome                the classifier's primary class
 * @param symptoms               every symptom with its evidence
 * @param timeToFirstSymptomMillis from the injection to the first symptom; null when none
 * @param timeToRecoverMillis    from the first symptom to recovery; null when not recovered or never symptomatic
 * @param reproduceCommand       the command line that replays this injection
 * @param startedAt              when the injection started
 * @param finishedAt             when its classification finished
 * @param spec                   the full injection spec, opaque here
 * @param observation            the full observation, or null when the campaign does not keep them
 * @param client                 what the workload's clients saw (the verdict's client view); null when no client
 *                               traffic ran (then left out of the line, so kwok-only journals read and write as
 *                               before), and in every record written before
 */
public record JournalRecord(String id, String campaign, String variant, String kind, String namespace, String name,
                              String fieldPath, boolean dependencyField, String operator, Map<String, String> parameters,
                              String oldValue, String newValue, boolean activated, Outcome outcome,
                              List<Symptom> symptoms, Long timeToFirstSymptomMillis, Long timeToRecoverMillis,
                              String reproduceCommand, Instant startedAt, Instant finishedAt, JsonNode spec,
                              Observation observation, @JsonInclude(JsonInclude.Include.NON_NULL) ClientView client) {

    public static final String DEFAULT_VARIANT = "default";

    public JournalRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an injection result needs an id");
        }
        if (outcome == null) {
            throw new IllegalArgumentException("injection result " + id + " has no outcome class");
        }
        variant = variant == null || variant.isBlank() ? DEFAULT_VARIANT : variant;
        // Absent text reads as empty, as the builder leaves it: reports and the CLI print these without checks.
        campaign = campaign == null ? "" : campaign;
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        fieldPath = fieldPath == null ? "" : fieldPath;
        operator = operator == null ? "" : operator;
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        symptoms = symptoms == null ? List.of() : List.copyOf(symptoms);
        // JSON null comes back from the journal as a NullNode; keep one representation of "no spec".
        spec = spec == null || spec.isNull() ? null : spec;
    }

    /** A record without client traffic. */
    public JournalRecord(String id, String campaign, String variant, String kind, String namespace, String name,
                         String fieldPath, boolean dependencyField, String operator, Map<String, String> parameters,
                         String oldValue, String newValue, boolean activated, Outcome outcome,
                         List<Symptom> symptoms, Long timeToFirstSymptomMillis, Long timeToRecoverMillis,
                         String reproduceCommand, Instant startedAt, Instant finishedAt, JsonNode spec,
                         Observation observation) {
        this(id, campaign, variant, kind, namespace, name, fieldPath, dependencyField, operator, parameters, oldValue,
                newValue, activated, outcome, symptoms, timeToFirstSymptomMillis, timeToRecoverMillis, reproduceCommand,
                startedAt, finishedAt, spec, observation, null);
    }

    /** "namespace/name", or just the name for cluster-scoped objects. */
    public String object() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The same result without its observation, which can outweigh everything else in it. */
    public JournalRecord withoutObservation() {
        return observation == null ? this : new JournalRecord(id, campaign, variant, kind, namespace, name, fieldPath,
                dependencyField, operator, parameters, oldValue, newValue, activated, outcome, symptoms,
                timeToFirstSymptomMillis, timeToRecoverMillis, reproduceCommand, startedAt, finishedAt, spec, null, client);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Fills the many fields of a result by name; {@link #verdict} sets everything the classifier decided. */
    public static final class Builder {
        private final String id;
        private String campaign = "";
        private String variant = DEFAULT_VARIANT;
        private String kind = "";
        private String namespace = "";
        private String name = "";
        private String fieldPath = "";
        private boolean dependencyField;
        private String operator = "";
        private Map<String, String> parameters = Map.of();
        private String oldValue;
        private String newValue;
        private boolean activated = true;
        private Outcome outcome;
        private List<Symptom> symptoms = List.of();
        private Long timeToFirstSymptomMillis;
        private Long timeToRecoverMillis;
        private String reproduceCommand;
        private Instant startedAt;
        private Instant finishedAt;
        private JsonNode spec;
        private Observation observation;
        private ClientView client;

        private Builder(String id) {
            this.id = id;
        }

        public Builder campaign(String v) { campaign = v; return this; }
        public Builder variant(String v) { variant = v; return this; }
        public Builder target(String kind, String namespace, String name) {
            this.kind = kind; this.namespace = namespace; this.name = name; return this;
        }
        public Builder field(String path, boolean isDependency) { fieldPath = path; dependencyField = isDependency; return this; }
        public Builder operator(String op, Map<String, String> params) { operator = op; parameters = params; return this; }
        public Builder values(String oldV, String newV) { oldValue = oldV; newValue = newV; return this; }
        public Builder activated(boolean v) { activated = v; return this; }
        public Builder outcome(Outcome v) { outcome = v; return this; }
        public Builder symptoms(List<Symptom> v) { symptoms = v; return this; }
        public Builder times(Long toFirstSymptom, Long toRecover) {
            timeToFirstSymptomMillis = toFirstSymptom; timeToRecoverMillis = toRecover; return this;
        }
        public Builder reproduceCommand(String v) { reproduceCommand = v; return this; }
        public Builder timestamps(Instant started, Instant finished) { startedAt = started; finishedAt = finished; return this; }
        public Builder spec(JsonNode v) { spec = v; return this; }
        public Builder observation(Observation v) { observation = v; return this; }
        public Builder client(ClientView v) { client = v; return this; }

        /** Outcome, symptoms, times and the client's view from the classifier's verdict. */
        public Builder verdict(Verdict v) {
            return outcome(v.outcome()).symptoms(v.symptoms()).times(v.firstSymptomMillis(), v.timeToRecoverMillis())
                    .client(v.client());
        }

        public JournalRecord build() {
            return new JournalRecord(id, campaign, variant, kind, namespace, name, fieldPath, dependencyField, operator,
                    parameters, oldValue, newValue, activated, outcome, symptoms, timeToFirstSymptomMillis,
                    timeToRecoverMillis, reproduceCommand, startedAt, finishedAt, spec, observation, client);
        }
    }
}
