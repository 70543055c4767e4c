package dev.mutineer.classifier.observation;

/**
 * The API server's own health endpoints at one sample.
 *
 * @param readyz  HTTP status of GET /readyz, 0 when there was no answer
 * @param livez   HTTP status of GET /livez, 0 when there was no answer
 */
public record ApiHealth(int readyz, int livez) {

    public boolean healthy() {
        return readyz == 200 && livez == 200;
    }
}
