package dev.mutineer.campaign.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.InputFiles;
import dev.mutineer.campaign.WorkloadManifests;
import dev.mutineer.results.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A campaign's results directory: journal.jsonl, baseline-*.json, report.*, and under {@code campaign/} a copy of
 * the campaign file with exactly the manifests it applied, so `mutineer reproduce` works from the results alone,
 * wherever the directory is moved.
 */
public final class ResultsDir {

    public static final String JOURNAL = "journal.jsonl";
    public static final String CAMPAIGN_DIR = "campaign";
    /** Holds the copied campaign file's name: the workload may have YAML files beside it. */
    static final String CAMPAIGN_NAME_FILE = "CAMPAIGN";
    /** Where the manifests go when some workload entry lies outside the campaign file's directory. */
    static final String WORKLOAD_DIR = "workload";

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * How a campaign is laid out in its copy.
     *
     * @param entries the workload entries the copied campaign names, in the campaign's order
     * @param files   each manifest the campaign applies and where its copy goes; one manifest named by two
     *                entries is copied to both places, so each copied entry has all of its own
     */
    record CampaignCopy(List<String> entries, List<CopiedFile> files) {

        /** Whether the copied campaign file must name other workload entries than the original. */
        boolean rewritesEntries(Campaign campaign) {
            return !entries.equals(campaign.workload());
        }
    }

    private ResultsDir() {
    }

    /** A manifest the campaign applies (absolute) and where its copy goes, relative to campaign/. */
    record CopiedFile(Path source, Path place) {
    }

    /** Where `run` writes when no --out is given: mutineer-results/NAME under the working directory. */
    public static Path defaultFor(Campaign campaign) {
        return Path.of("mutineer-results", campaign.name());
    }

    public static boolean hasJournal(Path dir) {
        return Files.isRegularFile(dir.resolve(JOURNAL));
    }

    /**
     * Copies the campaign file and the manifests it applies into dir/campaign, replacing an earlier copy, and
     * returns notes for the user. The copies are regular files (a symlinked manifest is copied by content). When
     * every workload entry lies inside the campaign file's directory, the copy keeps their relative places and
     * the campaign file is copied as it is; otherwise entry i goes to workload/i/ and the copied campaign file
     * names it there. A campaign run from such a copy (a moved results directory, resumed) is already in place.
     */
    public static List<String> copyCampaign(Path dir, Campaign campaign) {
        Path target = dir.resolve(CAMPAIGN_DIR).toAbsolutePath().normalize();
        if (campaign.file().startsWith(target)) {
            return List.of();
        }
        CampaignCopy copy = layout(campaign);
        String name = campaign.file().getFileName().toString();
        try {
            requireOwnCopyOrNothing(target);
            removeEarlierCopy(target);
            // Owner-only like every results file: the campaign and its manifests can hold cluster data.
            PrivateFiles.createDirectories(target);
            for (CopiedFile f : copy.files()) {
                Path dest = target.resolve(f.place().toString());
                PrivateFiles.createDirectories(dest.getParent());
                PrivateFiles.copy(f.source(), dest);
            }
            if (copy.rewritesEntries(campaign)) {
                PrivateFiles.writeString(target.resolve(name), withEntries(campaign, copy.entries()));
            } else {
                PrivateFiles.copy(campaign.file(), target.resolve(name));
            }
            PrivateFiles.writeString(target.resolve(CAMPAIGN_NAME_FILE), name + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the campaign into " + target, e);
        }
        return copy.rewritesEntries(campaign)
                ? List.of("the workload lies outside the campaign's directory: its manifests are copied to "
                        + target.resolve(WORKLOAD_DIR) + ", and the copied campaign names them there")
                : List.of();
    }

    /** Where the copy puts each manifest the campaign applies, and the workload entries it names. */
    static CampaignCopy layout(Campaign campaign) {
        Path base = campaign.file().getParent();
        boolean inside = campaign.workload().stream().map(e -> Path.of(e).normalize())
                .allMatch(p -> !p.isAbsolute() && !p.startsWith(".."));
        List<String> entries = new ArrayList<>();
        List<CopiedFile> files = new ArrayList<>();
        List<Path> resolved = campaign.workloadPaths();
        for (int i = 0; i < resolved.size(); i++) {
            Path entry = resolved.get(i);
            List<Path> manifests = WorkloadManifests.expand(entry);
            if (inside) {
                entries.add(campaign.workload().get(i));
                manifests.forEach(m -> files.add(new CopiedFile(m, base.relativize(m))));
                continue;
            }
            Path place = Path.of(WORKLOAD_DIR, String.valueOf(i + 1),
                    entry.getFileName() == null ? "root" : entry.getFileName().toString());
            boolean directory = Files.isDirectory(entry);
            entries.add(place + (directory ? "/" : ""));
            manifests.forEach(m -> files.add(new CopiedFile(m, directory ? place.resolve(m.getFileName()) : place)));
        }
        return new CampaignCopy(List.copyOf(entries), List.copyOf(files));
    }

    /** The campaign file's text with other workload entries; YAML rewritten, so the file's comments are lost. */
    private static String withEntries(Campaign campaign, List<String> entries) throws IOException {
        ObjectNode tree = (ObjectNode) YAML.readTree(campaign.file().toFile());
        ArrayNode workload = tree.putArray("workload");
        entries.forEach(workload::add);
        return "# " + campaign.file() + " as run by mutineer, its workload entries naming the copies of its manifests\n"
                + YAML.writeValueAsString(tree);
    }

    /**
     * What is at dir/campaign before anything is written there: nothing, an empty directory, or a copy this class
     * wrote. A symbolic link (which would put the copy, and the removal of an earlier one, elsewhere) or a directory of
     * the user's (--out naming a directory that holds one) is refused, not written into.
     */
    private static void requireOwnCopyOrNothing(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(target) || !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is " + (Files.isSymbolicLink(target) ? "a symbolic link" : "not a directory")
                    + "; mutineer writes the campaign's copy only into a directory of its own there");
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.isRegularFile(target.resolve(CAMPAIGN_NAME_FILE), LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " holds files mutineer did not write (no " + CAMPAIGN_NAME_FILE
                    + " file); choose another --out directory or move them away");
        }
    }

    /** Only a directory this class wrote (it holds the name file) is removed: --out may name the user's own. */
    private static void removeEarlierCopy(Path target) throws IOException {
        if (!Files.isRegularFile(target.resolve(CAMPAIGN_NAME_FILE), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The campaign file copied into a results directory by {@link #copyCampaign}. The name file is data of a directory
     * that may come from elsewhere (a moved or shared results directory), so it must name a plain file right inside
     * campaign/, reached through no symbolic link: never a campaign (and through it manifests) outside the results.
     */
    public static Path campaignFile(Path dir) {
        Path copyDir = dir.resolve(CAMPAIGN_DIR);
        Path nameFile = copyDir.resolve(CAMPAIGN_NAME_FILE);
        if (!Files.isRegularFile(nameFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(dir + " holds no copy of its campaign (" + nameFile + " is missing"
                    + (Files.isSymbolicLink(nameFile) ? " or a symbolic link" : "") + "); is it a directory written by 'mutineer run'?");
        }
        String name;
        try {
            name = InputFiles.read(nameFile, 4096, "campaign name").trim();
        } catch (InputFiles.Refused e) {
            throw new IllegalArgumentException(nameFile + ": " + e.getMessage());
        }
        Optional<String> refusal = copiedCampaignRefusal(dir, name);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(nameFile + ": " + refusal.get()
                    + "; mutineer reads a results directory's campaign only from its campaign/ directory");
        }
        return copyDir.resolve(name);
    }

    /** Why the name a CAMPAIGN file holds does not name a plain file of dir/campaign, or empty when it does. */
    static Optional<String> copiedCampaignRefusal(Path dir, String name) {
        Path copyDir = dir.resolve(CAMPAIGN_DIR);
        Path named;
        try {
            named = Path.of(name);
        } catch (InvalidPathException e) {
            return Optional.of("'" + name + "' is not a file name");
        }
        if (name.isEmpty() || named.getNameCount() != 1 || named.isAbsolute() || name.equals("..") || name.equals(".")) {
            return Optional.of("'" + name + "' is not the name of a file in " + copyDir);
        }
        Path file = copyDir.resolve(name);
        if (Files.isSymbolicLink(copyDir) || Files.isSymbolicLink(file)) {
            return Optional.of("'" + name + "' is reached through a symbolic link");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("'" + name + "' is not a file in " + copyDir);
        }
        return Optional.empty();
    }
}
