package dev.mutineer.campaign.shard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mutineer.campaign.Campaign;
import dev.mutineer.campaign.run.ResultsDir;
import dev.mutineer.results.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code shard.json} in a shard's results directory: which slice of which campaign it holds. Written when the
 * shard starts and kept as it is on --resume, so `merge` compares the campaigns the shards started with.
 *
 * @param shard          K
 * @param of             N
 * @param campaign       the campaign's name
 * @param seed           the campaign's seed
 * @param campaignSha256 the {@link CampaignFingerprint}
 */
public record ShardFile(int shard, int of, String campaign, long seed, String campaignSha256) {

    public static final String NAME = "shard.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static ShardFile of(Shard shard, Campaign campaign) {
        return new ShardFile(shard.index(), shard.count(), campaign.name(), campaign.seed(), CampaignFingerprint.of(campaign));
    }

    public Shard slice() {
        return new Shard(shard, of);
    }

    /** "campaign NAME (seed S, sha256 0123456789ab)": how messages name a campaign. */
    public String describeCampaign() {
        return "campaign " + campaign + " (seed " + seed + ", sha256 " + campaignSha256.substring(0, Math.min(12, campaignSha256.length())) + ")";
    }

    /** Whether both files name the same campaign (the same bytes), whatever their slices. */
    public boolean sameCampaign(ShardFile other) {
        return campaignSha256.equals(other.campaignSha256) && seed == other.seed && campaign.equals(other.campaign);
    }

    /** Writes dir/shard.json atomically, replacing a symbolic link rather than writing through it. */
    public void write(Path dir) {
        Path file = dir.resolve(NAME);
        try {
            PrivateFiles.createDirectories(dir);
            PrivateFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks a directory that holds no journal yet as this shard's, or as no shard's (a shard.json left by a run
     * that recorded nothing would otherwise claim an unsharded journal).
     */
    public static void startIn(Path dir, Optional<Shard> shard, Campaign campaign) {
        if (shard.isPresent()) {
            of(shard.get(), campaign).write(dir);
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }

    /** dir/shard.json, empty when the directory holds no shard; IllegalArgumentException naming a damaged file. */
    public static Optional<ShardFile> read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(file + " is not a regular file; mutineer writes shard.json as one");
        }
        try {
            ShardFile read = JSON.readValue(file.toFile(), ShardFile.class);
            read.slice(); // K and N in range
            if (read.campaign() == null || read.campaignSha256() == null) {
                throw new IllegalArgumentException("it names no campaign or no campaignSha256");
            }
            return Optional.of(read);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Where {@code run --shard} may write: a directory that holds nothing of a campaign, or (with --resume) one
     * that holds this very shard of this campaign; IllegalArgumentException in words otherwise. An unsharded
     * journal is not continued as a shard, nor a shard's journal without --shard: they slice the plan differently.
     */
    public static void checkRunIn(Path dir, Optional<Shard> requested, Campaign campaign, boolean hasJournal) {
        if (!hasJournal) {
            return; // nothing recorded yet: whatever shard.json says is replaced
        }
        Optional<ShardFile> recorded = read(dir);
        if (recorded.isEmpty()) {
            requested.ifPresent(s -> {
                throw new IllegalArgumentException(dir + " holds the journal of an unsharded run; shard " + s
                        + " cannot continue it: choose another --out directory");
            });
            return;
        }
        ShardFile r = recorded.get();
        if (requested.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds shard " + r.slice() + " of " + r.describeCampaign()
                    + ": continue it with --shard " + r.slice() + " --resume");
        }
        if (!requested.get().equals(r.slice())) {
            throw new IllegalArgumentException(dir + " holds shard " + r.slice() + ", not " + requested.get()
                    + ": resume each shard in its own directory");
        }
        ShardFile now = of(requested.get(), campaign);
        // A campaign run from the copy in the results may have had its workload entries rewritten: same campaign.
        boolean fromItsCopy = campaign.file().startsWith(dir.resolve(ResultsDir.CAMPAIGN_DIR).toAbsolutePath().normalize());
        if (!fromItsCopy && !r.sameCampaign(now)) {
            throw new IllegalArgumentException(dir + " holds shard " + r.slice() + " of " + r.describeCampaign()
                    + ", but " + campaign.file() + " is " + now.describeCampaign()
                    + ": its results could not be merged with the other shards");
        }
    }
}
