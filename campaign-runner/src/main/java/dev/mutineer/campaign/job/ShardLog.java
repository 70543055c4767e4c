package dev.mutineer.campaign.job;

import java.util.Base64;
import java.util.Optional;

/**
 * A shard's results as its pod printed them into its log ({@link ShardScript}): between a line
 * {@code mutineer-shard-results-begin K/N} and a line {@code mutineer-shard-results-end K/N exit=RC}, base64 lines
 * of a gzipped tar. Whatever mutineer printed before stays out.
 *
 * @param shard    K of the marker lines
 * @param shards   N of the marker lines
 * @param exitCode what {@code mutineer run} exited with
 * @param tarGz    the gzipped tar of {@code shard-K/}
 */
public record ShardLog(int shard, int shards, int exitCode, byte[] tarGz) {

    static final String BEGIN = "mutineer-shard-results-begin";
    static final String END = "mutineer-shard-results-end";

    /** The results in a pod's log; empty when the log holds no complete block (the shard still runs, or was cut off). */
    public static Optional<ShardLog> parse(String log) {
        int begin = log.lastIndexOf("\n" + BEGIN + " ");
        int start = begin < 0 ? (log.startsWith(BEGIN + " ") ? 0 : -1) : begin + 1;
        if (start < 0) {
            return Optional.empty();
        }
        int lineEnd = log.indexOf('\n', start);
        int end = log.indexOf("\n" + END + " ", start);
        if (lineEnd < 0 || end < 0) {
            return Optional.empty();
        }
        String slice = log.substring(start + BEGIN.length() + 1, lineEnd).trim();
        String endLine = log.substring(end + 1, indexOrEnd(log, log.indexOf('\n', end + 1))).trim();
        String[] kn = slice.split("/");
        String[] endParts = endLine.substring(END.length()).trim().split(" ");
        if (kn.length != 2 || endParts.length != 2 || !endParts[0].equals(slice) || !endParts[1].startsWith("exit=")) {
            return Optional.empty();
        }
        try {
            byte[] tar = Base64.getMimeDecoder().decode(log.substring(lineEnd + 1, end));
            return Optional.of(new ShardLog(Integer.parseInt(kn[0]), Integer.parseInt(kn[1]),
                    Integer.parseInt(endParts[1].substring("exit=".length())), tar));
        } catch (IllegalArgumentException e) { // a number or base64 mangled: not a block we wrote
            return Optional.empty();
        }
    }

    private static int indexOrEnd(String s, int i) {
        return i < 0 ? s.length() : i;
    }
}
