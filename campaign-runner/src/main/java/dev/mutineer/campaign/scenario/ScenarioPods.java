package dev.mutineer.campaign.scenario;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;

/** The pod template and the sync-triggering patch the scenario's workloads share. */
final class ScenarioPods {

    static final String TRIGGER_ANNOTATION = "mutineer.dev/sync-trigger";

    private ScenarioPods() {
    }

    static PodTemplateSpec template(String app) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName(app).withImage("registry.k8s.io/pause:3.10").endContainer()
                // kwok deletes at once; no grace period keeps convergence after the release short.
                .withTerminationGracePeriodSeconds(0L).endSpec()
                .build();
    }

    /** A merge patch of metadata only: no resourceVersion, so the controller's status writes cannot make it conflict. */
    static String annotationPatch(String value) {
        return "{\"metadata\":{\"annotations\":{\"" + TRIGGER_ANNOTATION + "\":\"" + value + "\"}}}";
    }
}
