package dev.mutineer.classifier.observation;

/**
 * A LIST that failed at one sample.
 *
 * @param resource  e.g. "pods", "deployments", "endpointslices"
 * @param code      HTTP status (429, 500, ...) or 0 when the API server did not answer
 * @param message   the server's or the client's message, shortened
 */
public record ApiError(String resource, int code, String message) {
}
