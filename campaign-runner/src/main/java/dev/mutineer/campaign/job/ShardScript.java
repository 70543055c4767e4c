package dev.mutineer.campaign.job;

/**
 * The shell script a shard's container runs. The Job controller numbers its pods 0..N-1 in
 * {@code JOB_COMPLETION_INDEX}; {@code run --shard} counts shards 1..N, so the script adds one. A container
 * restarted in its pod (restartPolicy OnFailure) finds its journal in the volume and resumes. With an emptyDir the
 * results are printed into the container's log at the end, as base64 of a gzipped tar of {@code shard-K/} between
 * two marker lines ({@link ShardLog}), which {@code mutineer collect} reads through the API.
 */
public final class ShardScript {

    static final String CAMPAIGN_DIR = "/campaign";
    static final String RESULTS_DIR = "/results";

    private ShardScript() {
    }

    /**
     * The script, for {@code sh -c}. Kubernetes expands {@code $(NAME)} in a container's command, so every
     * {@code $(} of the shell is written {@code $$(} in the manifest ({@link IndexedJob} does that).
     */
    public static String of(String campaignPath, int shards, boolean printToLog) {
        // With KUBERNETES_SERVICE_HOST set, the inner kube-controller-manager's delegated authentication takes the
        // in-cluster config and asks the host cluster's Service IP instead of its own API server (measured: it exits).
        String script = """
                unset KUBERNETES_SERVICE_HOST KUBERNETES_SERVICE_PORT
                k=$((JOB_COMPLETION_INDEX + 1))
                out=%2$s/shard-$k
                resume=
                if [ -f "$out/journal.jsonl" ]; then resume=--resume; fi
                mutineer run '%1$s/%3$s' --shard "$k/%4$d" --out "$out" $resume
                rc=$?
                """.formatted(CAMPAIGN_DIR, RESULTS_DIR, campaignPath.replace("'", "'\\''"), shards);
        if (printToLog) {
            script += """
                    echo "%1$s $k/%3$d"
                    tar -czf - -C %2$s "shard-$k" | base64
                    echo "%4$s $k/%3$d exit=$rc"
                    """.formatted(ShardLog.BEGIN, RESULTS_DIR, shards, ShardLog.END);
        }
        // 6: the shard ran to its end and an expectation of the campaign is violated: a result, not a failure to retry.
        return script + "case $rc in 0|6) exit 0 ;; *) exit $rc ;; esac\n";
    }
}
