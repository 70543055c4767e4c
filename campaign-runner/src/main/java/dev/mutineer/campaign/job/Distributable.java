package dev.mutineer.campaign.job;

import dev.mutineer.campaign.Backend;
import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.ClusterSpec;
import dev.mutineer.campaign.RealNodesFallback;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a valid campaign can run in a Job's pods: each pod starts a kwok-only local cluster without privileges, so
 * no kind backend (no Docker in a pod) and no real nodes unless the campaign falls back to kwok-only.
 */
public final class Distributable {

    private Distributable() {
    }

    /** What keeps the campaign out of a pod, one line per cluster configuration; empty when it can run there. */
    public static List<String> problems(Campaign campaign) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, ClusterSpec> e : campaign.clusterVariants().entrySet()) {
            ClusterSpec spec = e.getValue();
            String where = campaign.variants().isEmpty() ? "cluster" : "variant " + e.getKey();
            if (spec.backend() != Backend.LOCAL) {
                problems.add(where + ": backend " + spec.backend().name().toLowerCase() + " cannot run in a pod "
                        + "(no Docker engine there); use backend: local");
            }
            if (spec.realNodes() > 0 && spec.realNodesFallback() != RealNodesFallback.KWOK_ONLY) {
                problems.add(where + ": realNodes: " + spec.realNodes() + " needs root and node packages a pod does "
                        + "not have; set realNodesFallback: kwok-only or realNodes: 0");
            }
        }
        return problems;
    }
}
