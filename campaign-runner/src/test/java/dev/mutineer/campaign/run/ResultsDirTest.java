package dev.mutineer.campaign.run;

import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.CampaignLoader;
import dev.mutineer.campaign.WorkloadScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The campaign copied into a results directory holds exactly what it applied and resolves to that, anywhere. */
class ResultsDirTest {

    private static final String CAMPAIGN = """
            name: shared   # a comment the copy may lose
            seed: 3
            workload: [%s]
            faults:
              - operator: delete
                sample: 1
            observationWindow: 1m30s
            """;

    @TempDir
    Path tmp;

    @Test
    void workloadOutsideTheCampaignsDirectoryIsCopiedAndTheCopyStillResolvesAfterAMove() throws Exception {
        Path shared = TestCampaigns.copyWorkloads(tmp.resolve("shared"));
        Files.writeString(shared.resolve("notes.txt"), "not a manifest\n");
        Files.createDirectories(shared.resolve("nested"));
        Files.copy(shared.resolve("10-config.yaml"), shared.resolve("nested/10-config.yaml"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.move(shared.resolve("60-batch.yaml"), elsewhere.resolve("batch.yaml"));
        Files.createSymbolicLink(shared.resolve("60-batch.yaml"), elsewhere.resolve("batch.yaml"));
        Files.createDirectories(tmp.resolve("dirA"));
        Path file = Files.writeString(tmp.resolve("dirA/campaign.yaml"),
                CAMPAIGN.formatted("../shared/, ../shared/10-config.yaml"));
        Campaign campaign = new CampaignLoader(WorkloadScope.ANYWHERE).load(file); // as run --allow-outside
        List<String> applied = new ArrayList<>();
        for (Path m : campaign.manifestFiles()) {
            applied.add(m.getFileName() + "\n" + Files.readString(m));
        }

        Path results = tmp.resolve("results");
        List<String> notes = ResultsDir.copyCampaign(results, campaign);
        Path moved = Files.move(results, tmp.resolve("moved"));
        TestCampaigns.deleteTree(shared);
        TestCampaigns.deleteTree(elsewhere);
        TestCampaigns.deleteTree(tmp.resolve("dirA"));

        assertThat(notes).singleElement().asString().contains("outside the campaign's directory");
        Campaign copied = new CampaignLoader().load(ResultsDir.campaignFile(moved));
        List<String> copiedManifests = new ArrayList<>();
        for (Path m : copied.manifestFiles()) {
            assertThat(m).startsWith(moved.resolve("campaign"));
            copiedManifests.add(m.getFileName() + "\n" + Files.readString(m));
        }
        assertThat(copiedManifests).containsExactlyElementsOf(applied);
        List<Path> copiedFiles = filesUnder(moved.resolve("campaign"));
        assertThat(copiedFiles).noneMatch(Files::isSymbolicLink);
        assertThat(copiedFiles).as("the campaign, its name file and exactly the applied manifests")
                .hasSize(applied.size() + 2);
        assertThat(copied.name()).isEqualTo("shared");
        assertThat(copied.seed()).isEqualTo(3);
        assertThat(copied.observationWindow()).isEqualTo(campaign.observationWindow());
        assertThat(copied.faults()).isEqualTo(campaign.faults());
    }

    @Test
    void workloadInsideTheCampaignsDirectoryKeepsItsPlacesAndTheCampaignFileAsItIs() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN.formatted("workloads/"));
        Files.writeString(tmp.resolve("campaign/workloads/README.md"), "not applied\n");
        Campaign campaign = new CampaignLoader().load(file);
        Path results = tmp.resolve("results");

        assertThat(ResultsDir.copyCampaign(results, campaign)).isEmpty();
        Files.writeString(results.resolve("campaign/workloads/99-from-an-earlier-run.yaml"), "kind: Stale\n");
        ResultsDir.copyCampaign(results, campaign);

        assertThat(ResultsDir.campaignFile(results)).hasSameTextualContentAs(file);
        assertThat(filesUnder(results.resolve("campaign/workloads")))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(campaign.manifestFiles().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aCampaignRunFromItsOwnCopyLeavesTheCopyAlone() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN.formatted("workloads/"));
        Path results = tmp.resolve("results");
        ResultsDir.copyCampaign(results, new CampaignLoader().load(file));
        Campaign fromCopy = new CampaignLoader().load(ResultsDir.campaignFile(results));

        assertThat(ResultsDir.copyCampaign(results, fromCopy)).isEmpty();

        assertThat(ResultsDir.campaignFile(results)).hasSameTextualContentAs(file);
        assertThat(new CampaignLoader().load(ResultsDir.campaignFile(results)).manifestFiles()).hasSameSizeAs(fromCopy.manifestFiles());
    }

    @Test
    void theCopyIsOwnerOnlyLikeEveryResultsFile() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN.formatted("workloads/"));
        Path results = tmp.resolve("results");
        ResultsDir.copyCampaign(results, new CampaignLoader().load(file));

        List<Path> all;
        try (Stream<Path> walk = Files.walk(results)) {
            all = walk.toList();
        }
        assertThat(all).hasSizeGreaterThan(4);
        for (Path p : all) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            assertThat(mode).as(results.relativize(p).toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !Files.isDirectory(p)).toList();
        }
    }

    @Test
    void aCampaignPointerOutOfTheResultsIsNeverFollowed() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN.formatted("workloads/"));
        Path results = tmp.resolve("results");
        ResultsDir.copyCampaign(results, new CampaignLoader().load(file));
        Path nameFile = results.resolve("campaign/CAMPAIGN");
        for (String pointer : List.of(file.toString(), "../../campaign/" + file.getFileName(), "..", "", "workloads")) {
            Files.writeString(nameFile, pointer + "\n");
            assertThatThrownBy(() -> ResultsDir.campaignFile(results)).as(pointer)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CAMPAIGN");
        }
        Files.writeString(nameFile, "linked.yaml\n");
        Files.createSymbolicLink(results.resolve("campaign/linked.yaml"), file);
        assertThatThrownBy(() -> ResultsDir.campaignFile(results)).hasMessageContaining("symbolic link");
        Files.delete(nameFile);
        Files.createSymbolicLink(nameFile, tmp.resolve("campaign/CAMPAIGN-elsewhere"));
        assertThatThrownBy(() -> ResultsDir.campaignFile(results)).hasMessageContaining("holds no copy");
    }

    @Test
    void theCopyIsWrittenNeitherThroughALinkNorIntoADirectoryOfTheUsers() throws Exception {
        Path file = TestCampaigns.write(tmp.resolve("campaign"), CAMPAIGN.formatted("workloads/"));
        Campaign campaign = new CampaignLoader().load(file);
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Files.writeString(victim.resolve("keep.txt"), "mine\n");
        Path results = Files.createDirectories(tmp.resolve("results"));
        Files.createSymbolicLink(results.resolve("campaign"), victim);
        assertThatThrownBy(() -> ResultsDir.copyCampaign(results, campaign)).hasRootCauseMessage(
                results.resolve("campaign") + " is a symbolic link; mutineer writes the campaign's copy only into a directory of its own there");
        Files.delete(results.resolve("campaign"));
        Files.createDirectories(results.resolve("campaign"));
        Files.writeString(results.resolve("campaign/keep.txt"), "mine too\n");
        assertThatThrownBy(() -> ResultsDir.copyCampaign(results, campaign)).hasStackTraceContaining("holds files mutineer did not write");
        try (Stream<Path> left = Files.list(victim)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("keep.txt");
        }
        assertThat(Files.readString(results.resolve("campaign/keep.txt"))).isEqualTo("mine too\n");
    }
}
