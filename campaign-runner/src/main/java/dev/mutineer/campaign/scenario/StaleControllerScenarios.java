package dev.mutineer.campaign.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs several cases of the scenario at once, one cluster each. The clusters sit idle for most of
 * the 5-minute hold, so side by side they take the time of one run (plus staggered starts), not the sum.
 */
public final class StaleControllerScenarios {

    /** What the cases gave: the runs that finished, and one line per case that failed. */
    public record Outcomes(List<ScenarioRun> runs, List<String> failures) {
    }

    private StaleControllerScenarios() {
    }

    /** Every case of these workloads, gate off and on. */
    public static List<ScenarioCase> cases(List<StaleWorkload> workloads) {
        List<ScenarioCase> cases = new ArrayList<>();
        for (StaleWorkload w : workloads) {
            cases.add(new ScenarioCase(w, false));
            cases.add(new ScenarioCase(w, true));
        }
        return cases;
    }

    public static Outcomes runConcurrently(List<ScenarioCase> cases, ScenarioTiming timing, Consumer<String> progress)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(cases.size(), r -> {
            Thread t = new Thread(r, "mutineer-scenario");
            t.setDaemon(true);
            return t;
        });
        try {
            Semaphore startPermit = new Semaphore(1);
            List<Future<ScenarioRun>> futures = new ArrayList<>();
            for (ScenarioCase c : cases) {
                futures.add(pool.submit(() -> new StaleControllerScenario(c, timing, progress, startPermit).run()));
            }
            List<ScenarioRun> runs = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                try {
                    runs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    failures.add(cases.get(i).label() + ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
                }
            }
            return new Outcomes(runs, failures);
        } finally {
            // Interrupts runs still going (Ctrl-C): each closes its cluster on the way out.
            pool.shutdownNow();
        }
    }
}
