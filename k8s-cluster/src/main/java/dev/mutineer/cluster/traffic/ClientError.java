package dev.mutineer.cluster.traffic;

/** Why a request of the traffic generator did not succeed. */
public enum ClientError {
    /** The connection was refused or reset before an answer (no endpoint behind the Service, a dead pod). */
    REFUSED,
    /** No answer within the request timeout (a blackholed ClusterIP, a stalled pod). */
    TIMEOUT,
    /** An HTTP status of 500 or above (the frontend answers 502 when its backend fails). */
    HTTP_5XX,
    /** An answer with status 200 from a pod of another workload than the one expected at that hop. */
    WRONG_WORKLOAD,
    /** Anything else: a 4xx status, an answer that cannot be read. */
    OTHER
}
