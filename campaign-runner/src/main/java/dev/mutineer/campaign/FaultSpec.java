package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mutineer.injector.fault.Fault;
import dev.mutineer.injector.fault.Faults;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a campaign's {@code faults} list.
 *
 * @param operator   the fault's name in the injector's registry ({@link Faults}); the validator names an unknown one
 * @param parameters the fault's parameters as written (checked against {@link Fault#problems}); unset ones are drawn
 *                   per injection by the injector
 * @param sample     how many injections of this fault to plan
 */
public record FaultSpec(String operator, Map<String, Object> parameters, Sampling sample) {

    public FaultSpec {
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
    }

    /** The registered fault; only a validated campaign (whose operator is known) asks. */
    public Fault fault() {
        return Faults.byName(operator);
    }

    /** The parameters as the injector takes them: every value as text. */
    public SortedMap<String, String> parametersAsText() {
        SortedMap<String, String> out = new TreeMap<>();
        parameters.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    @JsonCreator
    static FaultSpec fromYaml(@JsonProperty("operator") String operator,
                              @JsonProperty("parameters") Map<String, Object> parameters,
                              @JsonProperty("sample") Sampling sample) {
        return new FaultSpec(operator, parameters, sample);
    }
}
