package dev.mutineer.campaign.bench;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.CampaignCluster;
import dev.mutineer.campaign.run.CampaignRunner;
import dev.mutineer.campaign.run.InjectionRun;
import dev.mutineer.campaign.run.InjectionRunner;
import dev.mutineer.campaign.run.Progress;
import dev.mutineer.campaign.run.Reproducer;
import dev.mutineer.campaign.run.SpecJson;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.baseline.Baseline;
import dev.mutineer.results.BaselineFile;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reproduce agreement: recorded injections replayed 3 times each on a fresh cluster built from the campaign
 * copied into the results (restore between replays, as in a campaign), against the recorded baseline; prints
 * the share of replays that get the recorded class and lists every one that differs with both verdicts.
 * -Dresults=DIR reads a finished run (else the quickstart campaign is run first); -Dcount=N injections
 * (default 12, spread over the recorded classes), -Dtimes=3; -Dids=ID,ID replays those IDs instead.
 */
public final class ReproduceBenchmark {

    public static void main(String[] args) throws Exception {
        Path results;
        if (System.getProperty("results") != null) {
            results = Path.of(System.getProperty("results"));
        } else {
            results = Files.createTempDirectory("mutineer-bench-reproduce");
            // printed first, so a replay phase that fails can be run again with -Dresults on this recording
            System.out.println("recording the quickstart into " + results);
            Campaign qs = new CampaignLoader().load(TestCampaigns.repo().resolve("examples/quickstart.yaml"));
            try (Progress progress = Progress.lines(System.out)) {
                new CampaignRunner(qs, results, false, Integer.MAX_VALUE, progress).run();
            }
        }
        int count = Integer.getInteger("count", 12);
        int times = Integer.getInteger("times", 3);
        List<JournalRecord> recordedRuns = Journal.readWithoutObservations(results).records();
        List<JournalRecord> chosen = System.getProperty("ids") == null ? spreadOverClasses(recordedRuns, count)
                : named(recordedRuns, List.of(System.getProperty("ids").split(",")));
        Campaign campaign = Reproducer.campaign(results);
        String variant = chosen.get(0).variant();
        Baseline baseline = BaselineFile.read(results, variant).orElseThrow(() -> new IllegalStateException("no recorded baseline in " + results));
        int same = 0;
        int total = 0;
        List<String> differing = new ArrayList<>();
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.clusterVariants().get(variant), c -> { }, System.out::println)) {
            InjectionRunner injections = new InjectionRunner(cluster, campaign.observationWindow(), campaign.settleTime(), campaign.reset());
            for (JournalRecord recorded : chosen) {
                List<Outcome> got = new ArrayList<>();
                for (int i = 0; i < times; i++) {
                    InjectionRun run = injections.run(SpecJson.toSpec(recorded.spec()), baseline,
                            SpecJson.replayParameters(recorded.spec()));
                    got.add(run.verdict().outcome());
                    total++;
                    if (run.verdict().outcome() == recorded.outcome()) {
                        same++;
                    } else {
                        differing.add(recorded.id() + " " + recorded.operator() + " " + recorded.kind() + " " + recorded.object()
                                + " " + recorded.fieldPath() + ": recorded " + recorded.outcome() + " " + recorded.symptoms()
                                + " | replay " + (i + 1) + " " + run.verdict().outcome() + " " + run.verdict().symptoms());
                    }
                }
                System.out.printf("%s %-12s %-14s %-20s recorded %-18s replays %s%n", recorded.id(), recorded.operator(),
                        recorded.kind(), recorded.object(), recorded.outcome(), got);
            }
        }
        System.out.printf("reproduce agreement: %d of %d replays (%d injections x %d) got the recorded class: %.1f%% (target >= 95%%)%n",
                same, total, chosen.size(), times, 100.0 * same / total);
        differing.forEach(d -> System.out.println("  differs: " + d));
    }

    /** The records of these IDs, in this order; an ID not in the journal is an error. */
    static List<JournalRecord> named(List<JournalRecord> records, List<String> ids) {
        Map<String, JournalRecord> byId = records.stream().collect(Collectors.toMap(JournalRecord::id, r -> r, (a, b) -> b));
        return ids.stream().map(String::trim).map(id -> {
            JournalRecord r = byId.get(id);
            if (r == null) {
                throw new IllegalArgumentException("-Dids: no injection " + id + " in the journal");
            }
            return r;
        }).toList();
    }

    /** Activated injections, round-robin over the recorded classes so rare classes are replayed too. */
    static List<JournalRecord> spreadOverClasses(List<JournalRecord> records, int count) {
        Map<Outcome, List<JournalRecord>> byClass = records.stream()
                .filter(JournalRecord::activated)
                .sorted(Comparator.comparing(JournalRecord::id))
                .collect(Collectors.groupingBy(JournalRecord::outcome, LinkedHashMap::new, Collectors.toList()));
        List<JournalRecord> out = new ArrayList<>();
        for (int round = 0; out.size() < count; round++) {
            boolean any = false;
            for (List<JournalRecord> list : byClass.values()) {
                if (round < list.size() && out.size() < count) {
                    out.add(list.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }
}
