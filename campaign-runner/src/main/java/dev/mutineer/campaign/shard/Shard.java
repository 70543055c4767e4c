package dev.mutineer.campaign.shard;

import dev.mutineer.campaign.run.PlannedInjection;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The K-th of N slices of a campaign's plan ({@code --shard K/N}). An injection belongs to the shard
 * {@code 1 + (SHA-256(ID) as an unsigned big-endian number, its first 8 bytes) mod N}: a function of its ID and N
 * alone, so the slice of an ID never depends on the plan's order, the cluster it was planned on or the other
 * shards, the N slices never overlap and together hold the whole plan. Every repetition and cluster variant of an
 * injection runs in its shard (the ID sliced is the plan's, without the journal's suffixes).
 *
 * @param index K, from 1
 * @param count N, at most {@link #MAX_COUNT}
 */
public record Shard(int index, int count) {

    /** Far beyond any machine count that makes sense, and small enough to name in a message. */
    public static final int MAX_COUNT = 10_000;

    private static final Pattern SPELLING = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the shard count N must be between 1 and " + MAX_COUNT + ", not " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: K must be between 1 and N ("
                    + count + ")");
        }
    }

    /** Reads {@code K/N}; IllegalArgumentException naming what is wrong. */
    public static Shard parse(String text) {
        Matcher m = SPELLING.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a shard: write K/N, the K-th of N slices, e.g. 2/4");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard (1 to count) an injection ID belongs to when the plan is cut into {@code count} slices. */
    public static int of(String injectionId, int count) {
        byte[] hash = sha256(injectionId);
        long head = 0;
        for (int i = 0; i < 8; i++) {
            head = (head << 8) | (hash[i] & 0xff);
        }
        return 1 + (int) Long.remainderUnsigned(head, count);
    }

    public boolean owns(String injectionId) {
        return of(injectionId, count) == index;
    }

    /** The planned injections of this shard, in the plan's order. */
    public List<PlannedInjection> slice(List<PlannedInjection> plan) {
        return plan.stream().filter(p -> owns(p.id())).toList();
    }

    /** "shard-2-of-4": a file name that keeps the shards of one campaign apart. */
    public String label() {
        return "shard-" + index + "-of-" + count;
    }

    /** Where a shard writes when no --out is given: beside the unsharded default, NAME.shard-K-of-N. */
    public Path defaultResultsDir(Path unsharded) {
        return unsharded.resolveSibling(unsharded.getFileName() + "." + label());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
