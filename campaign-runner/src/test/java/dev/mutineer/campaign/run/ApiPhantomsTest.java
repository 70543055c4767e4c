package dev.mutineer.campaign.run;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiPhantomsTest {

    private static final ResourceKind SLICE = ResourceKinds.require("EndpointSlice");
    private static final ResourceKind NODE = ResourceKinds.require("Node");

    @Test
    void aServedObjectWhoseIdentityNamesNoKeyIsAPhantom() {
        Set<String> keys = Set.of("/registry/endpointslices/shop/backend-tp4wb", "/registry/endpointslices/shop/db-zm8zp");
        List<ApiPhantoms.Served> served = List.of(
                new ApiPhantoms.Served("shop", "backend-tp4wb", "uid-1"),
                new ApiPhantoms.Served("shop", "db-zm8zp", "uid-2"),
                new ApiPhantoms.Served("shop", "renamed-slice", "uid-1"),   // metadata.name changed
                new ApiPhantoms.Served("elsewhere", "db-zm8zp", "uid-2")); // metadata.namespace changed
        assertThat(ApiPhantoms.find(SLICE, "/registry", served, keys)).extracting(Object::toString)
                .containsExactly("EndpointSlice shop/renamed-slice (uid uid-1)", "EndpointSlice elsewhere/db-zm8zp (uid uid-2)");
        assertThat(ApiPhantoms.find(SLICE, "/registry", served.subList(0, 2), keys)).isEmpty();
    }

    @Test
    void clusterScopedPhantomsHaveNoNamespace() {
        List<ApiPhantoms.Phantom> found = ApiPhantoms.find(NODE, "/registry",
                List.of(new ApiPhantoms.Served(null, "kwok-node-9", "uid-n")), Set.of("/registry/minions/kwok-node-0"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).key("/registry")).isEqualTo("/registry/minions/kwok-node-9");
        assertThat(found.get(0)).hasToString("Node kwok-node-9 (uid uid-n)");
    }
}
