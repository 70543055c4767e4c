package dev.mutineer.campaign.scenario;

/** One run of the scenario: a workload kind in one cluster configuration (its controller's gate on or off). */
public record ScenarioCase(StaleWorkload workload, boolean gateOn) {

    /** The cluster configuration's label in results and reports: "gate-on" or "gate-off". */
    public String variant() {
        return gateOn ? "gate-on" : "gate-off";
    }

    /** e.g. "replicaset gate-off", for progress lines. */
    public String label() {
        return workload.kind().toLowerCase(java.util.Locale.ROOT) + " " + variant();
    }
}
