package dev.mutineer.results;

import dev.mutineer.classifier.client.ClientImpact;
import dev.mutineer.classifier.client.ClientView;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the clients saw over one group of injections (all, an operator, an outcome class): how many ran with client
 * traffic, how many of those in each client-impact category, and their availability. Injections without traffic are
 * left out of every figure.
 *
 * @param group              the group's name
 * @param withTraffic        injections of the group that ran with client traffic
 * @param impacts            of those, how many per category (every category present, 0 when none)
 * @param meanAvailability   the mean of their window availabilities; 1 when none ran with traffic
 * @param lowestAvailability the lowest window availability among them; 1 when none ran with traffic
 */
public record ClientSummary(String group, int withTraffic, Map<ClientImpact, Integer> impacts,
                            double meanAvailability, double lowestAvailability) {

    public ClientSummary {
        EnumMap<ClientImpact, Integer> all = new EnumMap<>(ClientImpact.class);
        for (ClientImpact i : ClientImpact.values()) {
            all.put(i, impacts.getOrDefault(i, 0));
        }
        impacts = Map.copyOf(all);
    }

    public static ClientSummary of(String group, List<JournalRecord> records) {
        List<ClientView> views = records.stream().map(JournalRecord::client).filter(Objects::nonNull).toList();
        EnumMap<ClientImpact, Integer> impacts = new EnumMap<>(ClientImpact.class);
        views.forEach(v -> impacts.merge(v.impact(), 1, Integer::sum));
        double mean = views.stream().mapToDouble(ClientView::availability).average().orElse(1.0);
        double lowest = views.stream().mapToDouble(ClientView::availability).min().orElse(1.0);
        return new ClientSummary(group, views.size(), impacts, mean, lowest);
    }

    public int count(ClientImpact impact) {
        return impacts.get(impact);
    }
}
