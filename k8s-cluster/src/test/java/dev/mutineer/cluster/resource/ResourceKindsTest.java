package dev.mutineer.cluster.resource;

import dev.mutineer.cluster.resource.DependencyField.Role;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceKindsTest {

    @Test
    void kindsAreFoundByKindResourceSingularAndShortName() {
        assertThat(ResourceKinds.find("po")).map(ResourceKind::kind).contains("Pod");
        assertThat(ResourceKinds.find("Deployment")).map(ResourceKind::kind).contains("Deployment");
        assertThat(ResourceKinds.find("ingress")).map(ResourceKind::kind).contains("Ingress");
        assertThat(ResourceKinds.find("networkpolicy")).map(ResourceKind::kind).contains("NetworkPolicy");
        assertThat(ResourceKinds.find("netpol")).map(ResourceKind::kind).contains("NetworkPolicy");
        assertThat(ResourceKinds.find("Podd")).isEmpty();
    }

    @Test
    void storeKeysFollowTheApiServersLayout() {
        assertThat(ResourceKinds.require("Node").key("/registry", null, "n1")).isEqualTo("/registry/minions/n1");
        assertThat(ResourceKinds.require("Service").key("/registry", "shop", "web")).isEqualTo("/registry/services/specs/shop/web");
        assertThat(ResourceKinds.ofKey("/registry", "/registry/services/endpoints/shop/web")).map(ResourceKind::kind).contains("Endpoints");
        assertThat(ResourceKinds.ofKey("/registry", "/registry/apiregistration.k8s.io/apiservices/v1.apps"))
                .map(ResourceKind::storage).contains(ResourceKind.Storage.JSON);
    }

    @Test
    void namesAreUniqueAndWorkloadsCountOwnedPods() {
        Set<String> names = new HashSet<>();
        for (ResourceKind k : ResourceKinds.all()) {
            assertThat(names.add(k.kind())).as(k.kind()).isTrue();
            assertThat(names.add(k.resource())).as(k.resource()).isTrue();
            k.shortNames().forEach(s -> assertThat(names.add(s)).as(s).isTrue());
        }
        assertThat(ResourceKinds.workloads()).extracting(ResourceKind::kind)
                .containsExactly("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job");
        assertThat(ResourceKinds.require("Service").pods()).isEqualTo(ResourceKind.Pods.SELECTED);
    }

    @Test
    void aKindsOwnDependencyFieldsComeBeforeThoseOfEveryObject() {
        assertThat(ResourceKinds.dependencyAt("EndpointSlice", "metadata.labels[kubernetes.io/service-name]"))
                .map(DependencyField::referent).contains("Service");
        assertThat(ResourceKinds.dependencyAt("EndpointSlice", "metadata.labels[app]")).map(DependencyField::role).contains(Role.LABEL);
        assertThat(ResourceKinds.dependencyAt("Deployment", "spec.template.spec.volumes[*].configMap.name"))
                .map(DependencyField::referent).contains("ConfigMap");
        assertThat(ResourceKinds.dependencyAt("CronJob", "spec.jobTemplate.spec.template.spec.nodeName"))
                .map(DependencyField::referent).contains("Node");
        assertThat(ResourceKinds.dependencyAt("Pod", "spec.template.spec.nodeName")).isEmpty();
        assertThat(ResourceKinds.dependencyAt("SomeCustomKind", "metadata.ownerReferences[*].uid")).map(DependencyField::role).contains(Role.UID);
    }
}
