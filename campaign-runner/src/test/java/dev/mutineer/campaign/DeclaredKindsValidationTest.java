package dev.mutineer.campaign;

import dev.mutineer.cluster.resource.ResourceKind;
import dev.mutineer.cluster.resource.ResourceKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The validator accepts exactly the kinds ResourceKinds declares: what the injector can corrupt, a campaign may target. */
class DeclaredKindsValidationTest {

    @TempDir
    Path dir;

    private Path campaign(String kinds) throws Exception {
        Files.createDirectories(dir.resolve("workloads"));
        Files.writeString(dir.resolve("workloads/web.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web, namespace: shop}
                """);
        Path f = dir.resolve("campaign.yaml");
        Files.writeString(f, """
                name: kinds
                workload: [workloads/web.yaml]
                targets:
                  kinds: [%s]
                faults:
                  - operator: delete
                    sample: 1
                """.formatted(kinds));
        return f;
    }

    @Test
    void everyDeclaredKindIsAccepted() throws Exception {
        String all = ResourceKinds.all().stream().map(ResourceKind::kind).collect(Collectors.joining(", "));
        Campaign c = new CampaignLoader().load(campaign(all));
        assertThat(c.targets().kinds()).hasSize(ResourceKinds.all().size()).contains("IngressClass", "RangeAllocation", "APIService");
    }

    @Test
    void anUnknownKindIsRejectedWithTheClosestDeclaredOne() throws Exception {
        Path f = campaign("Deployment, ReplicaSett");
        CampaignException e = catchThrowableOfType(CampaignException.class, () -> new CampaignLoader().load(f));
        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).field()).isEqualTo("targets.kinds[1]");
        assertThat(e.problems().get(0).message()).contains("unknown kind 'ReplicaSett'").contains("did you mean 'ReplicaSet'?");
    }
}
