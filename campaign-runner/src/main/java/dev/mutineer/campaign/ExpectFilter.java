package dev.mutineer.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mutineer.injector.fault.Faults;
import dev.mutineer.results.JournalRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code where} of an expectation: which recorded injections it speaks of. Unset keys match everything; set
 * keys must all match.
 *
 * @param operator   a fault's name, e.g. dependency
 * @param family     at-rest, in-flight or component
 * @param kind       the injected object's kind, e.g. Deployment
 * @param field      a pattern on the injected field's path, as in {@code targets.fields} ({@code metadata.labels[*]},
 *                   {@code spec.template.**})
 * @param dependency true: only fields that track a dependency between objects; false: only the others
 * @param variant    a cluster configuration of a differential campaign
 */
public record ExpectFilter(String operator, String family, String kind, String field, Boolean dependency,
                           String variant) {

    public static final ExpectFilter ANY = new ExpectFilter(null, null, null, null, null, null);

    @JsonCreator
    static ExpectFilter fromYaml(@JsonProperty("operator") String operator,
                                 @JsonProperty("family") String family,
                                 @JsonProperty("kind") String kind,
                                 @JsonProperty("field") String field,
                                 @JsonProperty("dependency") Boolean dependency,
                                 @JsonProperty("variant") String variant) {
        return new ExpectFilter(operator, family, kind, field, dependency, variant);
    }

    /** The campaign spelling of a family: AT_REST is at-rest. */
    public static String familyLabel(dev.mutineer.injector.fault.Family f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isAny() {
        return equals(ANY);
    }

    /** Whether a recorded injection is one this filter speaks of (a validated filter only). */
    public boolean matches(JournalRecord r) {
        return (operator == null || operator.equals(r.operator()))
                && (family == null || Faults.find(r.operator()).map(f -> familyLabel(f.family()).equals(family)).orElse(false))
                && (kind == null || kind.equals(r.kind()))
                && (field == null || Glob.field(field).matcher(r.fieldPath()).matches())
                && (dependency == null || dependency == r.dependencyField())
                && (variant == null || variant.equals(r.variant()));
    }

    /** "operator=dependency, dependency=true" */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (operator != null) parts.add("operator=" + operator);
        if (family != null) parts.add("family=" + family);
        if (kind != null) parts.add("kind=" + kind);
        if (field != null) parts.add("field=" + field);
        if (dependency != null) parts.add("dependency=" + dependency);
        if (variant != null) parts.add("variant=" + variant);
        return String.join(", ", parts);
    }
}
