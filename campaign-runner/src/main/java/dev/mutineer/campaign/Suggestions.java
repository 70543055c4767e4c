package dev.mutineer.campaign;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelled field names, operators and kinds. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code word}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // Allow about one typo per three letters: "nodse" -> "nodes", but not "foo" -> "seed".
        int allowed = Math.max(1, w.length() / 3);
        if (best != null && bestDistance <= allowed) {
            return Optional.of(best);
        }
        // A singular or truncated name: "strategy" -> "strategies".
        return candidates.stream().filter(c -> w.length() >= 4 && c.toLowerCase(Locale.ROOT).startsWith(w.substring(0, w.length() - 1)))
                .findFirst();
    }

    /** ", did you mean 'x'?" or "" */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("sedd"/"seed"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
