package dev.mutineer.injector.inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** An equality-based label selector: "app=web,tier=front" (also "app==web"). */
public record LabelSelector(Map<String, String> terms) {

    public static LabelSelector parse(String s) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("selector term '" + p + "' in '" + s + "' is not key=value");
            }
            String value = p.substring(p.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            terms.put(p.substring(0, eq).trim(), value);
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("selector '" + s + "' has no terms");
        }
        return new LabelSelector(Map.copyOf(terms));
    }

    public boolean matches(Map<String, String> labels) {
        return terms.entrySet().stream().allMatch(t -> t.getValue().equals(labels.get(t.getKey())));
    }
}
