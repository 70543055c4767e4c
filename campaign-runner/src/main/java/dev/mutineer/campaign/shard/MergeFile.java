package dev.mutineer.campaign.shard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mutineer.results.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code merge.json} in a merged results directory: what was merged, from where, and what is missing or was kept
 * out. Its presence marks the directory as a merge output (which a later merge may replace). Each shard's own
 * files (shard.json, its golden baselines) are kept under {@code shards/PLACE/}; `reproduce` classifies a replay
 * against the baseline of the shard that recorded the injection ({@link #baselineDir}).
 *
 * @param shards     N
 * @param present    the shards merged, ascending
 * @param missing    the shards of 1..N that no directory held
 * @param conflicts  one message per ID recorded differently by two sources
 * @param refused    one message per record kept out (a record in a shard it does not belong to)
 * @param skipped    damaged lines of the sources' journals, FILE:LINE: reason
 */
public record MergeFile(String campaign, long seed, String campaignSha256, int shards, List<Integer> present,
                        List<Integer> missing, List<Source> sources, int records, int duplicates, List<String> conflicts,
                        List<String> refused, List<String> skipped) {

    public static final String NAME = "merge.json";
    static final String SHARDS_DIR = "shards";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One merged directory.
     *
     * @param dir   where it was when merged
     * @param place its files' place under shards/ ("shard-2-of-4"; "shard-2-of-4.2" for a second directory of shard 2)
     * @param ids   the journal IDs whose merged record came from it
     */
    public record Source(String dir, int shard, String place, List<String> ids) {
    }

    /** "shards 1,3 of 4 present; missing 2,4" or "all 4 shards present". */
    public String coverage() {
        if (missing.isEmpty()) {
            return "all " + shards + " shard" + (shards == 1 ? "" : "s") + " present";
        }
        return "shard" + (present.size() == 1 ? " " : "s ") + join(present) + " of " + shards + " present; missing " + join(missing);
    }

    /** Whether every shard is there and no record was kept out. */
    public boolean complete() {
        return missing.isEmpty() && conflicts.isEmpty() && refused.isEmpty();
    }

    private static String join(List<Integer> shards) {
        return shards.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    void write(Path dir) throws IOException {
        PrivateFiles.writeString(dir.resolve(NAME), JSON.writeValueAsString(this) + "\n");
    }

    /** dir/merge.json, empty when dir is not a merge output. */
    public static Optional<MergeFile> read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), MergeFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Where the golden baseline an injection was classified against lies: in a merge output the directory of the
     * shard that recorded it, elsewhere the results directory itself.
     */
    public static Path baselineDir(Path resultsDir, String journalId) {
        return read(resultsDir).flatMap(m -> m.sources().stream().filter(s -> s.ids().contains(journalId)).findFirst())
                .map(s -> resultsDir.resolve(SHARDS_DIR).resolve(s.place()))
                .orElse(resultsDir);
    }
}
