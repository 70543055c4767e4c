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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Golden against golden: N fault-free runs of a campaign (default the quickstart, its window and settle time,
 * steady-state restore before each), and every one classified against a baseline learned, as a campaign learns
 * it, from goldenRuns other runs (the next ones, in a ring). Any class but NO_EFFECT is a false positive the
 * campaign would report. -Druns=N (default 104), -Dwindow=10s to override the window, -Dcampaign=FILE,
 * -Dparallel=P to run them on P clusters side by side, N/P each, as a campaign with --parallel P runs: each
 * cluster's runs are compared with that cluster's own (a parallel campaign keeps a baseline per cluster).
 * -Dminutes=M starts no golden run after M minutes (the figures then cover fewer runs). Prints figures.
 */
public final class GoldenBenchmark {

    public static void main(String[] args) throws Exception {
        Campaign campaign = new CampaignLoader().load(Path.of(System.getProperty("campaign",
                TestCampaigns.repo().resolve("examples/quickstart.yaml").toString())));
        int runs = Integer.getInteger("runs", 104);
        int parallel = Integer.getInteger("parallel", 1);
        Duration window = System.getProperty("window") == null ? campaign.observationWindow()
                : dev.mutineer.campaign.Durations.parse(System.getProperty("window"));
        long t0 = System.nanoTime();
        List<List<Observation>> perCluster = new ArrayList<>();
        if (parallel == 1) {
            perCluster.add(goldenRuns(campaign, window, runs, "", t0));
        } else {
            ExecutorService clusters = Executors.newFixedThreadPool(parallel);
            List<Future<List<Observation>>> started = new ArrayList<>();
            for (int c = 0; c < parallel; c++) {
                int share = runs / parallel + (c < runs % parallel ? 1 : 0);
                String label = "cluster-" + (c + 1) + ": ";
                started.add(clusters.submit(() -> goldenRuns(campaign, window, share, label, t0)));
            }
            for (Future<List<Observation>> f : started) {
                perCluster.add(f.get());
            }
            clusters.shutdown();
        }
        int noEffect = 0;
        List<String> falsePositives = new ArrayList<>();
        int compared = perCluster.stream().mapToInt(List::size).sum();
        for (int c = 0; c < perCluster.size(); c++) {
            String cluster = parallel == 1 ? "" : "cluster-" + (c + 1) + " ";
            List<Observation> golden = perCluster.get(c);
            for (int i = 0; i < golden.size(); i++) {
                Verdict v = againstTheOthers(golden, i, campaign.goldenRuns());
                if (v.outcome() == Outcome.NO_EFFECT) {
                    noEffect++;
                } else {
                    falsePositives.add(cluster + "run " + i + ": " + v.outcome() + " " + v.symptoms());
                }
            }
        }
        System.out.printf("golden vs golden: %d of %d NO_EFFECT (%.1f%%; target >= 99%%), baseline of %d runs each, %d s windows, settle %d s, %d cluster(s) side by side, %.1f min%n",
                noEffect, compared, 100.0 * noEffect / compared, campaign.goldenRuns(), window.toSeconds(), campaign.settleTime().toSeconds(),
                parallel, (System.nanoTime() - t0) / 6e10);
        falsePositives.forEach(f -> System.out.println("  false positive: " + f));
    }

    /** {@code count} golden runs on a cluster of the campaign's own. */
    private static List<Observation> goldenRuns(Campaign campaign, Duration window, int count, String label, long t0) {
        long deadline = t0 + (long) (Double.parseDouble(System.getProperty("minutes", "1e6")) * 6e10);
        List<Observation> golden = new ArrayList<>();
        try (CampaignCluster cluster = CampaignCluster.start(campaign, campaign.cluster(), c -> { }, m -> System.out.println(label + m))) {
            InjectionRunner injections = new InjectionRunner(cluster, window, campaign.settleTime(), campaign.reset());
            for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
                golden.add(injections.golden());
                if ((i + 1) % 10 == 0) {
                    System.out.printf("%s%d/%d golden runs (%.1f min)%n", label, i + 1, count, (System.nanoTime() - t0) / 6e10);
                }
            }
        }
        return golden;
    }

    /** Run {@code i} against a baseline learned from the {@code k} runs after it, in a ring. */
    private static Verdict againstTheOthers(List<Observation> golden, int i, int k) {
        List<Observation> others = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            others.add(golden.get((i + j) % golden.size()));
        }
        return new Classifier().classify(golden.get(i), BaselineLearner.learn(others), InjectionFacts.none());
    }
}
