package dev.mutineer.campaign.scenario;

/** A step of the scenario on its time line: "hold", "scale-up", "sync-trigger", "release", "converged". */
public record ScenarioMark(long atMillis, String label) {
}
