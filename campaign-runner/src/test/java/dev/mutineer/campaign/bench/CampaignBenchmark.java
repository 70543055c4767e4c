package dev.mutineer.campaign.bench;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.run.CampaignRunner;
import dev.mutineer.campaign.run.PhaseTimes;
import dev.mutineer.campaign.run.Progress;
import dev.mutineer.campaign.run.SpecJson;
import dev.mutineer.campaign.run.TestCampaigns;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.Journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * InjectionRunner per hour and where each injection's time goes (restore, settle, inject, observe, classify) for
 * a campaign (default examples/quickstart.yaml). Runs the campaign, or with -Dresults=DIR only reads the
 * journal a finished run left there. Prints figures; no pass/fail. Target: at most 6 s per injection beyond
 * the observation window.
 */
public final class CampaignBenchmark {

    public static void main(String[] args) throws Exception {
        Path repo = TestCampaigns.repo();
        Campaign campaign = new CampaignLoader().load(Path.of(System.getProperty("campaign",
                repo.resolve("examples/quickstart.yaml").toString())));
        String given = System.getProperty("results");
        Path results;
        long wallMillis = -1;
        if (given != null) {
            results = Path.of(given);
        } else {
            results = Files.createTempDirectory("mutineer-bench-campaign");
            long t0 = System.nanoTime();
            try (Progress progress = Progress.lines(System.out)) {
                new CampaignRunner(campaign, results, false, Integer.MAX_VALUE, progress).run();
            }
            wallMillis = (System.nanoTime() - t0) / 1_000_000;
        }
        List<JournalRecord> records = Journal.readWithoutObservations(results).records();
        List<PhaseTimes> phases = records.stream().filter(JournalRecord::activated).map(r -> SpecJson.phases(r.spec())).toList();
        long window = campaign.observationWindow().toMillis();
        System.out.printf("campaign %s: %d injections recorded (%d activated), window %d ms, settle %d ms, results %s%n",
                campaign.name(), records.size(), phases.size(), window, campaign.settleTime().toMillis(), results);
        if (wallMillis > 0) {
            System.out.printf("wall time %.1f min including cluster start, workload and %d golden runs%n",
                    wallMillis / 60000.0, campaign.goldenRuns());
        }
        System.out.printf("%-10s %8s %8s %8s %8s%n", "phase", "mean ms", "p50 ms", "p90 ms", "max ms");
        row("restore", phases, PhaseTimes::restoreMillis);
        row("settle", phases, PhaseTimes::settleMillis);
        row("inject", phases, PhaseTimes::injectMillis);
        row("observe", phases, PhaseTimes::observeMillis);
        row("classify", phases, PhaseTimes::classifyMillis);
        row("total", phases, PhaseTimes::totalMillis);
        double meanTotal = phases.stream().mapToLong(PhaseTimes::totalMillis).average().orElse(0);
        double beyondWindow = phases.stream().mapToLong(p -> p.totalMillis() - window).average().orElse(0);
        double beyondWindowAndSettle = beyondWindow - campaign.settleTime().toMillis();
        System.out.printf("per injection beyond the observation window: %.2f s (of which settle %.1f s, the rest %.2f s); target <= 6 s%n",
                beyondWindow / 1000, campaign.settleTime().toMillis() / 1000.0, beyondWindowAndSettle / 1000);
        System.out.printf("injections per hour: %.0f at this %d s window; %.0f with a 30 s window and the same overhead%n",
                3_600_000 / meanTotal, window / 1000, 3_600_000 / (beyondWindow + 30_000));
    }

    private static void row(String name, List<PhaseTimes> phases, ToLongFunction<PhaseTimes> f) {
        long[] v = phases.stream().mapToLong(f).sorted().toArray();
        if (v.length == 0) {
            return;
        }
        System.out.printf("%-10s %8.0f %8d %8d %8d%n", name, Arrays.stream(v).average().orElse(0), v[v.length / 2],
                v[(int) Math.min(v.length - 1, Math.round(v.length * 0.9))], v[v.length - 1]);
    }
}
