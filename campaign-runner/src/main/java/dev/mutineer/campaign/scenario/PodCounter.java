package dev.mutineer.campaign.scenario;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Counts a workload's pods where they really are (etcd, read around the interposer) and where the
 * controllers see them (the API server's watch cache). Both matter: while the pod watch is held the
 * API server cannot tell, and a consistent LIST would go to etcd and hide the stale cache.
 */
final class PodCounter {

    private final Client etcd;
    private final KubernetesClient api;
    private final StaleWorkload workload;

    PodCounter(Client etcd, KubernetesClient api, StaleWorkload workload) {
        this.etcd = etcd;
        this.api = api;
        this.workload = workload;
    }

    long inEtcd() {
        try {
            return etcd.getKVClient().get(ByteSequence.from(workload.podKeyPrefix(), StandardCharsets.UTF_8),
                    GetOption.builder().isPrefix(true).withCountOnly(true).build()).get(10, TimeUnit.SECONDS).getCount();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting pods in etcd", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot count " + workload.podKeyPrefix() + "* in etcd: " + e.getMessage(), e);
        }
    }

    /** resourceVersion=0: served from the watch cache, the view every informer has; -1 when the API server fails. */
    long inApiCache() {
        try {
            return api.pods().inNamespace(StaleWorkload.NAMESPACE).withLabel("app", workload.name())
                    .list(new ListOptionsBuilder().withResourceVersion("0").build()).getItems().size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Pods the API server reports Running with an IP (a consistent read): the workload is up. */
    long running() {
        return api.pods().inNamespace(StaleWorkload.NAMESPACE).withLabel("app", workload.name()).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> "Running".equals(p.getStatus().getPhase()) && p.getStatus().getPodIP() != null)
                .count();
    }
}
