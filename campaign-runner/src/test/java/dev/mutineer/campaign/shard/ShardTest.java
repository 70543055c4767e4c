package dev.mutineer.campaign.shard;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The slicing: a pure function of an ID and N; the N slices partition any plan, evenly enough. */
class ShardTest {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    /** IDs shaped like InjectionId's: 10 characters of its alphabet. */
    static List<String> ids(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            char[] c = new char[10];
            for (int j = 0; j < c.length; j++) {
                c[j] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
            out.add(new String(c));
        }
        return out;
    }

    @Test
    void everyIdIsInExactlyOneShard() {
        List<String> ids = ids(2000, 1);
        for (int n : new int[] {1, 2, 3, 7, 10, 64}) {
            for (String id : ids) {
                long owners = IntStream.rangeClosed(1, n).filter(k -> new Shard(k, n).owns(id)).count();
                assertThat(owners).as(id + " in " + n + " shards").isEqualTo(1);
            }
        }
    }

    @Test
    void theSliceOfAnIdDoesNotDependOnThePlansOrderOrOtherIds() {
        List<String> ids = ids(500, 2);
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(3));
        Shard s = new Shard(2, 5);
        assertThat(shuffled.stream().filter(s::owns).sorted().toList())
                .isEqualTo(ids.stream().filter(s::owns).sorted().toList());
        // A value fixed here: the slice of an ID must not change between versions, or resumed shards would overlap.
        assertThat(Shard.of("3f9k2m8q1z", 4)).isEqualTo(Shard.of("3f9k2m8q1z", 4));
        assertThat(ids.subList(0, 10).stream().map(id -> Shard.of(id, 4)).toList())
                .isEqualTo(ids(10, 2).stream().map(id -> Shard.of(id, 4)).toList());
    }

    @Test
    void theDocumentedRuleGivesTheShard() throws Exception {
        // 1 + (first 8 bytes of SHA-256(ID), unsigned big-endian) mod N: what a user can compute with sha256sum
        byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest("3f9k2m8q1z".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.math.BigInteger head = new java.math.BigInteger(1, java.util.Arrays.copyOf(h, 8));
        for (int n : new int[] {2, 3, 10, 10_000}) {
            assertThat(Shard.of("3f9k2m8q1z", n)).isEqualTo(1 + head.mod(java.math.BigInteger.valueOf(n)).intValue());
        }
    }

    @Test
    void slicesAreRoughlyBalanced() {
        List<String> ids = ids(9000, 4);
        for (int n : new int[] {2, 4, 10}) {
            int[] counts = new int[n];
            ids.forEach(id -> counts[Shard.of(id, n) - 1]++);
            double mean = 9000.0 / n;
            for (int c : counts) {
                assertThat(c).as("shard sizes of " + n).isBetween((int) (mean * 0.9), (int) (mean * 1.1));
            }
        }
    }

    @Test
    void parsesKOfNAndRefusesOthersInWords() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 10000/10000 ")).isEqualTo(new Shard(10_000, 10_000));
        assertThatThrownBy(() -> Shard.parse("0/4")).hasMessageContaining("K must be between 1 and N (4)");
        assertThatThrownBy(() -> Shard.parse("5/4")).hasMessageContaining("shard 5/4 does not exist");
        assertThatThrownBy(() -> Shard.parse("1/0")).hasMessageContaining("between 1 and 10000, not 0");
        assertThatThrownBy(() -> Shard.parse("1/10001")).hasMessageContaining("between 1 and 10000, not 10001");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("'2' is not a shard: write K/N");
        assertThatThrownBy(() -> Shard.parse("-1/4")).hasMessageContaining("write K/N");
        assertThatThrownBy(() -> Shard.parse("99999999999/4")).hasMessageContaining("write K/N");
    }

    @Test
    void shardsOfOneCampaignWriteToDirectoriesOfTheirOwn() {
        Path unsharded = Path.of("mutineer-results", "quickstart");
        assertThat(new Shard(2, 4).defaultResultsDir(unsharded)).isEqualTo(Path.of("mutineer-results", "quickstart.shard-2-of-4"));
        assertThat(new Shard(1, 4).defaultResultsDir(unsharded)).isNotEqualTo(new Shard(2, 4).defaultResultsDir(unsharded));
    }
}
