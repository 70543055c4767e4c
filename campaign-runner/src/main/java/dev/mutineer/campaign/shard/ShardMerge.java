package dev.mutineer.campaign.shard;

import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.results.JournalMerge;
import dev.mutineer.results.JournalRecord;
import dev.mutineer.results.PrivateFiles;
import dev.mutineer.results.SkippedLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code mutineer merge DIR... --out OUT}: the results directories of a campaign's shards made into one, which
 * `report` and `reproduce` read as if the campaign had run in one place. OUT holds the merged journal
 * ({@link JournalMerge}), the campaign copy of the first directory (every directory must hold the same campaign),
 * each shard's shard.json and baselines under shards/PLACE/, and merge.json ({@link MergeFile}).
 *
 * <p>OUT is built in a temporary directory beside it and moved into place, so a failed merge leaves OUT as it was;
 * a previous merge output there is replaced (moved aside, the new one moved in, the old one deleted). Nothing is
 * written through a symbolic link, and only regular files of the shards are copied.
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    /**
     * Merges; IllegalArgumentException in words (nothing written) when the directories are not shards of one
     * campaign cut into the same N, or OUT is not a place a merge may write.
     */
    public static MergeFile merge(List<Path> dirs, Path out, Consumer<String> notes) {
        Path target = out.toAbsolutePath().normalize();
        List<Path> inputs = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        checkOut(target, inputs);
        Map<Path, ShardFile> shards = new LinkedHashMap<>();
        for (Path dir : inputs) {
            shards.put(dir, shardOf(dir));
        }
        ShardFile first = shards.values().iterator().next();
        Path firstDir = inputs.get(0);
        shards.forEach((dir, s) -> {
            if (!s.sameCampaign(first)) {
                throw new IllegalArgumentException("not one campaign: " + firstDir + " holds " + first.describeCampaign()
                        + ", " + dir + " holds " + s.describeCampaign() + "; merge only shards of the same campaign file");
            }
            if (s.of() != first.of()) {
                throw new IllegalArgumentException("not one slicing: " + firstDir + " is shard " + first.slice() + ", "
                        + dir + " is shard " + s.slice() + "; shards of " + first.of() + " and of " + s.of()
                        + " cut the plan differently");
            }
        });
        List<JournalMerge.Source> sources = new ArrayList<>();
        Map<JournalMerge.Source, String> places = new HashMap<>();
        Map<Integer, Integer> seenOfShard = new HashMap<>();
        for (Map.Entry<Path, ShardFile> e : shards.entrySet()) {
            Shard slice = e.getValue().slice();
            int n = seenOfShard.merge(slice.index(), 1, Integer::sum);
            JournalMerge.Source source = new JournalMerge.Source(e.getKey() + " (shard " + slice + ")", e.getKey());
            sources.add(source);
            places.put(source, slice.label() + (n == 1 ? "" : "." + n));
        }
        Path parent = target.getParent();
        Path building = null;
        try {
            PrivateFiles.createDirectories(parent);
            // Owner-only (a temporary directory is created 0700), like every results directory.
            building = Files.createTempDirectory(parent, "." + target.getFileName() + ".merging-");
            JournalMerge.Result result = JournalMerge.merge(sources,
                    (source, record) -> misplaced(shards.get(source.dir()).slice(), record), building, target);
            copyRegularTree(firstDir.resolve(ResultsDir.CAMPAIGN_DIR), building.resolve(ResultsDir.CAMPAIGN_DIR), notes);
            List<MergeFile.Source> merged = new ArrayList<>();
            for (JournalMerge.Source s : sources) {
                Path place = building.resolve(MergeFile.SHARDS_DIR).resolve(places.get(s));
                PrivateFiles.createDirectories(place);
                copyShardFiles(s.dir(), place, notes);
                merged.add(new MergeFile.Source(s.dir().toString(), shards.get(s.dir()).shard(), places.get(s),
                        result.keptIds().getOrDefault(s, List.of())));
            }
            MergeFile file = mergeFile(first, merged, result);
            file.write(building);
            moveIntoPlace(building, target);
            building = null;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merge into " + target + ": " + e.getMessage(), e);
        } finally {
            if (building != null) {
                deleteTree(building);
            }
        }
    }

    private static MergeFile mergeFile(ShardFile campaign, List<MergeFile.Source> sources, JournalMerge.Result result) {
        TreeSet<Integer> present = new TreeSet<>();
        sources.forEach(s -> present.add(s.shard()));
        List<Integer> missing = IntStream.rangeClosed(1, campaign.of()).filter(k -> !present.contains(k)).boxed().toList();
        return new MergeFile(campaign.campaign(), campaign.seed(), campaign.campaignSha256(), campaign.of(),
                List.copyOf(present), missing, sources, result.records(), result.duplicates(),
                result.conflicts().stream().map(JournalMerge.Conflict::message).toList(),
                result.refusals().stream().map(JournalMerge.Refusal::message).toList(),
                result.skipped().stream().map(SkippedLine::message).toList());
    }

    /** A record in a directory of the wrong shard was never this shard's to run: kept out, with the reason. */
    static Optional<String> misplaced(Shard shard, JournalRecord record) {
        String planId = planId(record);
        int owner = Shard.of(planId, shard.count());
        return owner == shard.index() ? Optional.empty()
                : Optional.of("it belongs to shard " + owner + "/" + shard.count() + ", not " + shard);
    }

    /** The plan's ID of a journal record: the spec's, or the journal ID without its variant and repetition. */
    static String planId(JournalRecord record) {
        if (record.spec() != null && record.spec().hasNonNull("id")) {
            return record.spec().get("id").asText();
        }
        int dot = record.id().indexOf('.');
        return dot < 0 ? record.id() : record.id().substring(0, dot);
    }

    private static ShardFile shardOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        if (!ResultsDir.hasJournal(dir)) {
            throw new IllegalArgumentException(dir + " holds no " + ResultsDir.JOURNAL + "; pass the directories 'mutineer run --shard' wrote");
        }
        return ShardFile.read(dir).orElseThrow(() -> new IllegalArgumentException(MergeFile.read(dir).isPresent()
                ? dir + " is a merge output, not a shard; merge the shards' own directories"
                : dir + " holds no " + ShardFile.NAME + ": it was not run with --shard K/N (run the campaign with --shard 1/1 to merge a single run)"));
    }

    /** OUT: nothing, an empty directory, or a previous merge output; never a link, an input or inside one. */
    private static void checkOut(Path out, List<Path> inputs) {
        if (out.getParent() == null) {
            throw new IllegalArgumentException("--out " + out + " is the file system's root; name a directory below it");
        }
        if (Files.isSymbolicLink(out)) {
            throw new IllegalArgumentException("--out " + out + " is a symbolic link; name the directory itself");
        }
        for (Path in : inputs) {
            if (in.startsWith(out) || out.startsWith(in)) {
                throw new IllegalArgumentException("--out " + out + " and the shard directory " + in
                        + " overlap; write the merge beside the shards");
            }
        }
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a directory");
        }
        if (MergeFile.read(out).isPresent()) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            if (entries.iterator().hasNext()) {
                throw new IllegalArgumentException("--out " + out + " is not empty and not the output of an earlier merge "
                        + "(it holds no " + MergeFile.NAME + "); choose an empty or new directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --out " + out + ": " + e.getMessage(), e);
        }
    }

    /** A shard's own files: shard.json and its golden baselines, regular files only. */
    private static void copyShardFiles(Path shardDir, Path place, Consumer<String> notes) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shardDir,
                p -> p.getFileName().toString().equals(ShardFile.NAME) || p.getFileName().toString().matches("baseline-.*\\.json"))) {
            for (Path f : files) {
                copyRegular(f, place.resolve(f.getFileName().toString()), notes);
            }
        }
    }

    private static void copyRegularTree(Path from, Path to, Consumer<String> notes) throws IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            notes.accept(from + " is missing: the merged results cannot reproduce injections");
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    PrivateFiles.createDirectories(dest);
                } else {
                    copyRegular(p, dest, notes);
                }
            }
        }
    }

    private static void copyRegular(Path from, Path to, Consumer<String> notes) throws IOException {
        if (!Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            notes.accept(from + " is not a regular file (a symbolic link?): not copied");
            return;
        }
        PrivateFiles.copy(from, to);
    }

    private static void moveIntoPlace(Path built, Path out) throws IOException {
        if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(built, out, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        // rename(2) replaces only an empty directory: move the old one aside first, delete it once the new one is in.
        Path old = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".replaced-");
        Files.delete(old);
        Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(built, out, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** Deletes a tree this class made or replaced; links are deleted themselves, never followed. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
