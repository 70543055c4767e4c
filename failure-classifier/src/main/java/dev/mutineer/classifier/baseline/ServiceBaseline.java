package dev.mutineer.classifier.baseline;

/**
 * The golden state of one Service.
 *
 * @param hasSelector      whether the golden Service had a selector (only those get endpoint checks)
 * @param readyEndpoints   range of ready endpoint counts
 * @param maxMismatchRun   the longest run of consecutive samples in which endpoints disagreed with the selected
 *                         ready pods (endpoint controller lag in a healthy cluster)
 */
public record ServiceBaseline(boolean hasSelector, Range readyEndpoints, int maxMismatchRun) {
}
