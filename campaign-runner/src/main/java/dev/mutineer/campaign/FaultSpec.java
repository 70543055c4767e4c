package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mutineer.injector.spec.OperatorChoice;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a campaign's {@code faults} list.
 *
 * @param parameters operator parameters as written (names validated against {@link FaultOperator#parameters()});
 *                   unset ones are drawn per injection by the injector
 * @param sample     how many injections of this operator to plan
 */
public record FaultSpec(FaultOperator operator, Map<String, Object> parameters, Sampling sample) {

    public FaultSpec {
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
    }

    /** The parameters as the injector takes them (OperatorChoice): every value as text. */
    public SortedMap<String, String> parametersAsText() {
        SortedMap<String, String> out = new TreeMap<>();
        parameters.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** This fault as the injector's planner takes it (weight 1: each FaultSpec is planned on its own). */
    public OperatorChoice toOperatorChoice() {
        return new OperatorChoice(operator.label(), parametersAsText(), 1);
    }

    @JsonCreator
    static FaultSpec fromYaml(@JsonProperty("operator") FaultOperator operator,
                              @JsonProperty("parameters") Map<String, Object> parameters,
                              @JsonProperty("sample") Sampling sample) {
        return new FaultSpec(operator, parameters, sample);
    }
}
