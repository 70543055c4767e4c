package dev.mutineer.campaign;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import dev.mutineer.injector.inject.Sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A campaign's {@code sensitive:} list: {@code KIND.FIELD-PATTERN} entries ({@code ConfigMap.data[*]},
 * {@code Deployment.spec.template.spec.containers[*].env[*].value}) whose values, like a Secret's data, are recorded
 * only as a hash and length. Field patterns are those of {@code targets.fields} ({@link Glob#field}).
 */
public record SensitiveFields(List<Entry> entries) implements Sensitivity {

    /** One entry: a kind and a pattern on its field paths. */
    public record Entry(String kind, Pattern field) {
    }

    public SensitiveFields {
        entries = List.copyOf(entries);
    }

    /** The campaign's entries together with the Secrets' data; each entry must have passed {@link #problem}. */
    static Sensitivity parse(List<String> written) {
        List<Entry> entries = new ArrayList<>();
        for (String w : written) {
            int dot = w.indexOf('.');
            entries.add(new Entry(ResourceKinds.require(w.substring(0, dot)).kind(), Glob.field(w.substring(dot + 1))));
        }
        return Sensitivity.SECRETS.or(new SensitiveFields(entries));
    }

    /** What is wrong with one written entry, if anything. */
    static Optional<String> problem(String written) {
        int dot = written.indexOf('.');
        if (dot <= 0 || dot == written.length() - 1) {
            return Optional.of("'" + written + "' is not KIND.FIELD, e.g. ConfigMap.data[*] or Deployment.spec.template.**");
        }
        String kind = written.substring(0, dot);
        Optional<ResourceKind> known = ResourceKinds.find(kind);
        if (known.isEmpty() || !known.get().kind().equals(kind)) {
            return Optional.of("unknown kind '" + kind + "'" + Suggestions.didYouMean(kind, CampaignValidator.KNOWN_KINDS)
                    + " (known: " + String.join(", ", CampaignValidator.KNOWN_KINDS) + ")");
        }
        try {
            Glob.field(written.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public boolean covers(String kind, String fieldPath) {
        return entries.stream().anyMatch(e -> e.kind().equals(kind) && e.field().matcher(fieldPath).matches());
    }

    @Override
    public boolean anyIn(String kind) {
        return entries.stream().anyMatch(e -> e.kind().equals(kind));
    }
}
