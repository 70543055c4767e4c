package dev.mutineer.campaign.bench;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.CampaignCluster;
import dev.mutineer.campaign.run.InjectionRunner;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.classifier.Classifier;
import dev.mutineer.classifier.InjectionFacts;
import dev.mutineer.classifier.Outcome;
import dev.mutineer.classifier.Verdict;
import dev.mutineer.classifier.baseline.BaselineLearner;
import dev.mutineer.classifier.observation.Observation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden against golden: N fault-free runs of a campaign (default the quickstart, its window and settle time,
 * steady-state restore before each), and every one classified against a baseline learned, as a campaign learns
 * it, from goldenRuns other runs (the next ones, in a ring). Any class but NO_EFFECT is a false positive the
 * campaign would report. -Druns=N (default 104), -Dwindow=10s to override the window. Prints figures.
 */
public final class GoldenBenchmark {

    public static void main(String[] args) throws Exception {
        Campaign campaign = new CampaignLoader().load(Path.of(System.getProperty("campaign",
                TestCampaigns.repo().resolve("examples/quickstart.yaml").toString())));
        int runs = Integer.getInteger("runs", 104);
        Duration window = System.getProperty("window") == null ? campaign.observationWindow()
                : dev.mutineer.campaign.Durations.parse(System.getProperty("window"));
        int k = campaign.goldenRuns();
        List<Observation> golden = new ArrayList<>();
        long t0 = System.nanoTime();
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, System.out::println)) {
            InjectionRunner injections = new InjectionRunner(cluster, window, campaign.settleTime(), campaign.reset());
            for (int i = 0; i < runs; i++) {
                golden.add(injections.golden());
                if ((i + 1) % 10 == 0) {
                    System.out.printf("%d/%d golden runs (%.1f min)%n", i + 1, runs, (System.nanoTime() - t0) / 6e10);
                }
            }
        }
        Classifier classifier = new Classifier();
        int noEffect = 0;
        List<String> falsePositives = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<Observation> others = new ArrayList<>();
            for (int j = 1; j <= k; j++) {
                others.add(golden.get((i + j) % runs));
            }
            Verdict v = classifier.classify(golden.get(i), BaselineLearner.learn(others), InjectionFacts.none());
            if (v.outcome() == Outcome.NO_EFFECT) {
                noEffect++;
            } else {
                falsePositives.add("run " + i + ": " + v.outcome() + " " + v.symptoms());
            }
        }
        System.out.printf("golden vs golden: %d of %d NO_EFFECT (%.1f%%; target >= 99%%), baseline of %d runs each, %d s windows, settle %d s%n",
                noEffect, runs, 100.0 * noEffect / runs, k, window.toSeconds(), campaign.settleTime().toSeconds());
        falsePositives.forEach(f -> System.out.println("  false positive: " + f));
    }
}
